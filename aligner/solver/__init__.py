"""Solving: settings and CP-SAT parameters, the staged search, one model's solve, the
independent components, the executor that runs them, and the pipeline that does it all."""
