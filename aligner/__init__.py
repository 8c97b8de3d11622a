"""aligner: joint weekly timetables for paired schools, online lessons aligned by wall-clock time.

The front door::

    import aligner
    instance = aligner.load_instance("data/lanxi-2022-winter")
    result = aligner.solve(instance, aligner.SolverSettings(time_limit=30))
    report = aligner.check_solution(instance, "out/lanxi")
    term = aligner.plan("out/lanxi")            # the term's dated sessions, visits, offline days
    november = aligner.month_report(term, "2022-11")   # the monthly report (月报)
    again = aligner.solve(aligner.from_previous(instance, "out/lanxi"))  # fewest changes

:func:`solve` is the whole pipeline of ``aligner solve`` (:mod:`aligner.solver.pipeline`). The
names load on first use, so that importing a part of the package (the command line, say) does
not load OR-Tools or pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aligner.check import CheckReport, check_solution
    from aligner.check.substitutions import check_substitutions
    from aligner.instance import Instance
    from aligner.io import InputError, load_instance
    from aligner.io.previous import from_previous
    from aligner.living.diff import diff
    from aligner.living.schooldays import Absence
    from aligner.living.substitute import substitute
    from aligner.programme import MonthReport, TermPlan, month_report, plan
    from aligner.solver.pipeline import solve
    from aligner.solver.result import Result, Status
    from aligner.solver.settings import SolverSettings

_HOME = {
    "Absence": "aligner.living.schooldays",
    "check_substitutions": "aligner.check.substitutions",
    "diff": "aligner.living.diff",
    "substitute": "aligner.living.substitute",
    "plan": "aligner.programme",
    "month_report": "aligner.programme",
    "TermPlan": "aligner.programme",
    "MonthReport": "aligner.programme",
    "CheckReport": "aligner.check",
    "check_solution": "aligner.check",
    "Instance": "aligner.instance",
    "InputError": "aligner.io",
    "load_instance": "aligner.io",
    "from_previous": "aligner.io.previous",
    "solve": "aligner.solver.pipeline",
    "Result": "aligner.solver.result",
    "Status": "aligner.solver.result",
    "SolverSettings": "aligner.solver.settings",
}

__all__ = ["Absence", "CheckReport", "InputError", "Instance", "MonthReport", "Result",
           "SolverSettings", "Status", "TermPlan", "check_solution", "check_substitutions",
           "diff", "from_previous", "load_instance", "month_report", "plan", "solve",
           "substitute"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(import_module(_HOME[name]), name)
    raise AttributeError(f"module 'aligner' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
