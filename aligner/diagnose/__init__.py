"""Why an instance has no timetable: capacity checks before solving, and explanations (sets of
rules that cannot hold together) found by the solver."""
