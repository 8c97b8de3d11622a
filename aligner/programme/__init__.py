"""The programme over a term: the term plan (dated sessions and meetings, the monthly
face-to-face visit and offline-interaction days; :mod:`aligner.programme.plan`) and the monthly
report (月报; :mod:`aligner.programme.report`), with their workbooks and calendars
(:mod:`aligner.programme.outputs`). Solver-free: they read a solution directory and its
instance."""

from aligner.programme.plan import ProgrammeError, TermPlan, plan
from aligner.programme.report import MonthReport, month_report

__all__ = ["MonthReport", "ProgrammeError", "TermPlan", "month_report", "plan"]
