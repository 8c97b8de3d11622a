"""aligner: joint weekly timetables for paired schools, online lessons aligned by wall-clock time."""

from aligner.instance import Instance
from aligner.io import InputError, load_instance
from aligner.solver.solve import Result, SolverSettings, Status, solve

__all__ = ["InputError", "Instance", "Result", "SolverSettings", "Status", "load_instance", "solve"]
__version__ = "0.1.0"
