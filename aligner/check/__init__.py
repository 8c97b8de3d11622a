"""The independent checker: a timetable (ours, or one edited by hand in Excel and saved back as
CSV) re-verified against every hard rule of its instance.

It reads lessons.csv and sessions.csv (the timetable) and, when present, teacher_load.csv,
compliance.csv and summary.json (the reports) (:mod:`aligner.check.solution_files`), and
recomputes everything from the raw instance data (:mod:`aligner.check.counts`): overlaps from
bell times, credited loads with exact fractions, weekly minimums, objective terms; then runs the
hard rules (:mod:`aligner.check.rules`) and compares the reports (:mod:`aligner.check.reports`).
It shares
no code with the model: it imports nothing from aligner.model, aligner.alignment,
aligner.solver, aligner.diagnose or aligner.export (a test enforces this).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from aligner.check.counts import class_lessons, loads, objective_of, objective_terms
from aligner.check.kept_places import read_previous
from aligner.check.reports import REPORT_CHECKS
from aligner.check.rules import HARD_RULES, PROGRAMME_FINDINGS, tables_are_consistent
from aligner.check.solution_files import SolutionFiles, Violation, read_solution_files
from aligner.instance import Instance

__all__ = ["CheckReport", "SolutionFiles", "Violation", "check_solution"]


@dataclass(frozen=True)
class CheckReport:
    """The verdict on one timetable, with the objective terms and loads recomputed."""

    violations: tuple[Violation, ...]
    terms: dict[str, int]
    objective: int
    loads: dict[str, tuple[int, int, int, Fraction]]
    """Teacher -> (local lessons, sessions taught, sessions assisted, credited load)."""
    sessions: int
    lessons: int
    findings: tuple[Violation, ...] = ()
    """Programme rules the instance breaks whatever the timetable (a pair without a
    synchronous course): told, never counted as violations."""

    @property
    def ok(self) -> bool:
        """No hard rule is broken (stale reports do not count)."""
        return not any(v.hard for v in self.violations)


def check_solution(
    instance: Instance, directory: str | Path, *, require_reports: bool = False
) -> CheckReport:
    """Check the timetable in ``directory`` against every rule of ``instance``.

    teacher_load.csv, compliance.csv and summary.json are compared with the timetable when they
    are there (a hand-edited timetable may come without them); ``require_reports`` makes their
    absence a violation too.
    """
    files = read_solution_files(instance, Path(directory), require_reports=require_reports)
    files.previous = read_previous(files)  # the timetable re-solved from, named in summary.json
    checks = (tables_are_consistent,) if files.unusable else (*HARD_RULES, *REPORT_CHECKS)
    violations = [v for check in checks for v in check(files)]
    terms = objective_terms(files)
    return CheckReport(
        violations=tuple(violations),
        terms=terms,
        objective=objective_of(files, terms),
        loads=loads(files),
        sessions=len(files.sessions),
        lessons=len(class_lessons(files)),
        findings=() if files.unusable else tuple(
            f for check in PROGRAMME_FINDINGS for f in check(files)),
    )

