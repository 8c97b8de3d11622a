"""What a solve returns: the status, the timetable (if any), the objective and its terms, the
bound, the timing, and what the pipeline found on the way (bell proposals, components, the
explanation when there is no timetable). Never an exception on failure: the status says it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner.instance import BellPeriod, Instance
from aligner.io.formats import BELLS_PROPOSED_FILE
from aligner.messages import say
from aligner.solver.settings import SolverSettings, effective_parameters
from aligner.timetable import Timetable

if TYPE_CHECKING:
    import pandas as pd

    from aligner.alignment.proposal import BellProposal
    from aligner.diagnose.explain import Explanation


class Status(StrEnum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"
    MODEL_INVALID = "MODEL_INVALID"


NOT_SOLVED = "NOT_SOLVED"
"""Status of a component whose solve never started (Ctrl-C came first)."""


@dataclass(frozen=True)
class ComponentFailure:
    """A component of the instance that has no timetable: its schools, how its solve ended,
    and (when infeasible) why."""

    schools: tuple[str, ...]
    names: tuple[str, ...]
    """The schools' names, as messages give them."""
    status: str
    explanation: Explanation | None = None


@dataclass(frozen=True)
class Result:
    """The outcome of a solve: status, timetable (if any), objective terms, bound and timing."""

    instance: Instance
    """The instance the timetable covers: the one solved (with the proposed bells, if any), or,
    when some component of it has no timetable, the part that has one."""
    status: Status
    timetable: Timetable | None
    objective: int | None
    terms: dict[str, int]
    """Unweighted value of each objective term."""
    weights: dict[str, int]
    """Weight of each objective term, by term name."""
    best_bound: float | None
    build_seconds: float
    solve_seconds: float
    settings: SolverSettings
    ortools_version: str = version("ortools")
    components: tuple[dict[str, Any], ...] = ()
    """Per independent component when the instance was solved in parts: schools, status,
    objective, bound, gap, seconds."""
    bell_changes: tuple[dict[str, Any], ...] = ()
    """Bells moved before solving (``solve --align-bells``): school, season, period, times."""
    interrupted: bool = False
    """The search was stopped by Ctrl-C; the timetable (if any) is the best found so far."""
    solver_info: str = ""
    """CP-SAT's own words on the solve (why it rejected a model, for instance)."""
    model_size: dict[str, Any] = field(default_factory=dict)
    """Booleans of each kind and constraints of each rule, for researchers comparing models."""
    stages: tuple[dict[str, Any], ...] = ()
    """The search's stages (LP relaxation, guided, full; see :mod:`aligner.solver.search`)."""
    deterministic_time: float = 0.0
    """CP-SAT's deterministic seconds over every stage (reproducible work, for benchmarks)."""
    proposals: tuple[BellProposal, ...] = ()
    """The bells proposed before solving, one proposal per season (``align_bells``)."""
    proposed_bells: tuple[BellPeriod, ...] = ()
    """With proposals: every bell of the instance, every season, after the moves (what
    bells_proposed.csv holds)."""
    explanations: tuple[Explanation, ...] = ()
    """Why no timetable exists: for the instance, or for each infeasible component."""
    failures: tuple[ComponentFailure, ...] = ()
    """The components without a timetable (when solved in parts; NOT_SOLVED ones excluded)."""
    bells_fingerprint: str = ""
    """:attr:`Instance.bells_fingerprint` of the whole instance solved (with the proposed bells,
    if any); blank: that of ``instance``."""

    @property
    def found(self) -> bool:
        return self.timetable is not None

    @property
    def gap(self) -> float | None:
        return relative_gap(str(self.status), self.objective, self.best_bound)

    @property
    def in_components(self) -> bool:
        """The instance was solved as independent components (``components`` lists them)."""
        return bool(self.components)

    @property
    def not_started(self) -> int:
        """Components that Ctrl-C kept from starting."""
        return sum(c["status"] == NOT_SOLVED for c in self.components)

    @property
    def found_before_solving(self) -> bool:
        """No timetable, proven by the capacity checks alone (nothing was solved)."""
        return not self.in_components and any(e.findings for e in self.explanations)

    # ---- tables (see aligner.export.frames) ----

    def lessons(self) -> pd.DataFrame:
        from aligner.export.frames import lessons_frame

        return lessons_frame(self.instance, self._timetable())

    def sessions(self) -> pd.DataFrame:
        from aligner.export.frames import sessions_frame

        return sessions_frame(self.instance, self._timetable())

    def research(self) -> pd.DataFrame:
        """research.csv: the research meetings (教师网络研修) of the synchronous courses."""
        from aligner.export.frames import research_frame

        return research_frame(self.instance, self._timetable())

    def teacher_load(self) -> pd.DataFrame:
        from aligner.export.frames import teacher_load_frame

        return teacher_load_frame(self.instance, self._timetable())

    def compliance(self) -> pd.DataFrame:
        from aligner.export.frames import compliance_frame

        return compliance_frame(self.instance, self._timetable())

    def changes(self) -> pd.DataFrame:
        """changes.csv: what moved since the previous timetable (``solve --from``)."""
        from aligner.export.frames import changes_frame

        return changes_frame(self.instance, self._timetable())

    def _timetable(self) -> Timetable:
        if self.timetable is None:
            raise ValueError(f"no timetable: the solve ended {self.status}")
        return self.timetable

    def summary(self) -> dict[str, Any]:
        """Everything summary.json holds."""
        return {
            "instance": self.instance.name,
            "seasons": list(self.instance.seasons),
            "status": str(self.status),
            "interrupted": self.interrupted,
            "objective": self.objective,
            "terms": {
                name: {
                    "value": value,
                    "weight": self.weights[name],
                    "weighted": value * self.weights[name],
                }
                for name, value in self.terms.items()
            },
            "best_bound": self.best_bound,
            "gap": self.gap,
            "build_seconds": round(self.build_seconds, 3),
            "solve_seconds": round(self.solve_seconds, 3),
            "workers": self.settings.workers,
            "seed": self.settings.seed,
            "time_limit": self.settings.time_limit,
            "parameters": effective_parameters(self.settings),
            "lp_start": self.settings.lp_start,
            "quick_start": self.settings.quick_start,
            **({"stages": list(self.stages)} if self.stages else {}),
            "ortools_version": self.ortools_version,
            "bell_changes": list(self.bell_changes),
            "bells": {"source": BELLS_PROPOSED_FILE if self.proposals else "instance",
                      "fingerprint": self.bells_fingerprint or self.instance.bells_fingerprint},
            **({"components": list(self.components)} if self.components else {}),
            "model": self.model_size,
            "local_lessons": len(self.timetable.lessons) if self.timetable else None,
            "sessions": len(self.timetable.sessions) if self.timetable else None,
            **({"research_meetings": len(self.timetable.meetings) if self.timetable else None}
               if self.instance.policy.research_per_week > 0 else {}),
            **({"from": self.previous_summary()} if self.instance.previous else {}),
            "term_rules": term_rules(self.instance),
            **({"warnings": self.warnings()} if self.warnings() else {}),
        }

    def warnings(self) -> list[str]:
        """summary.json ``warnings``: the programme rules the instance itself breaks (a pair
        without a synchronous course) and, with a timetable, :meth:`forms_warnings`."""
        return programme_warnings(self.instance) + (self.forms_warnings() if self.timetable
                                                    else [])

    def forms_warnings(self) -> list[str]:
        """What the timetable cannot meet because the data do not allow it (a pair offered
        fewer forms of help than ``min_forms_per_pair``): the compliance rows that say false
        though every hard rule holds."""
        from aligner.export.frames import forms_short

        return [say("solver.warning.forms", hub=self.instance.school_name(hub),
                    receiving=self.instance.school_name(receiving), forms=", ".join(forms),
                    n=len(forms), least=self.instance.policy.min_forms_per_pair)
                for (hub, receiving), forms in forms_short(self.instance).items()]

    def previous_summary(self) -> dict[str, Any]:
        """summary.json ``from``: the previous timetable, its lock, and how much moved: the
        places it had, those no timetable could keep (``least_moves``) and those not kept
        (``changes``, the term's value)."""
        from aligner.changes import least_moves, places

        previous = self.instance.previous
        assert previous is not None
        return {"source": str(Path(previous.source).resolve()), "lock": previous.lock,
                "places": places(self.instance).count,
                "least_moves": least_moves(self.instance),
                "changes": self.terms.get("changes")}


def term_rules(instance: Instance) -> dict[str, Any]:
    """summary.json ``term_rules``: how the term rules (backbone teachers' semester minimums,
    schools' average online lessons a week) were counted: over the term's dated weekdays
    (``term``) or by the weekly approximation (``weekly``, no term calendar)."""
    term = instance.term
    if term is None:
        return {"basis": "weekly", "semester_weeks": instance.policy.semester_weeks}
    dates = instance.teaching_dates or 0
    return {"basis": "term", "start": f"{term.start}", "end": f"{term.end}",
            "teaching_dates": dates, "teaching_weeks": round(dates / len(instance.days), 3),
            "dates_per_day": instance.term_day_counts}


def programme_warnings(instance: Instance) -> list[str]:
    """summary.json ``warnings``: the programme rules the instance itself breaks (a pair
    without a synchronous course), in the current language."""
    return [say("check.no_sync_course", hub=instance.school_name(hub),
                receiving=instance.school_name(receiving))
            for hub, receiving in instance.pairs_without_sync]


def relative_gap(status: str, objective: int | None, bound: float | None) -> float | None:
    """|objective - bound| / max(1, |objective|); 0 when proven optimal; None without both."""
    if objective is None or bound is None:
        return None
    if status == Status.OPTIMAL:
        return 0.0
    return abs(objective - bound) / max(1.0, abs(objective))
