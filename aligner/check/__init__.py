"""The independent checker: a timetable re-verified against every hard rule of its instance.
It shares no code with the model (it imports nothing from aligner.model, aligner.alignment,
aligner.solver, aligner.diagnose or aligner.export; a test enforces this)."""

from aligner.check.checker import CheckReport, Violation, check_solution

__all__ = ["CheckReport", "Violation", "check_solution"]
