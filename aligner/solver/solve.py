"""Solving an instance: solver settings in, a :class:`Result` out (never an exception on failure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from ortools.sat.python import cp_model

from aligner.instance import Instance
from aligner.model import BuiltModel, build_model
from aligner.solver.parameters import effective_parameters
from aligner.solver.search import (
    SolverSettings,
    Status,
    check_parameters,
    configure,
    search,
    stop_requested,
    use_stop_flag,
)
from aligner.timetable import LocalLesson, Session, Timetable

__all__ = ["Result", "SolverSettings", "Status", "check_parameters", "configure",
           "read_timetable", "relative_gap", "solve", "stop_requested", "use_stop_flag"]

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Result:
    """The outcome of one solve: status, timetable (if any), objective terms, bound and timing."""

    instance: Instance
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

    @property
    def found(self) -> bool:
        return self.timetable is not None

    @property
    def gap(self) -> float | None:
        return relative_gap(str(self.status), self.objective, self.best_bound)

    # ---- tables (see aligner.export.frames) ----

    def lessons(self) -> pd.DataFrame:
        from aligner.export.frames import lessons_frame

        return lessons_frame(self.instance, self._timetable())

    def sessions(self) -> pd.DataFrame:
        from aligner.export.frames import sessions_frame

        return sessions_frame(self.instance, self._timetable())

    def teacher_load(self) -> pd.DataFrame:
        from aligner.export.frames import teacher_load_frame

        return teacher_load_frame(self.instance, self._timetable())

    def compliance(self) -> pd.DataFrame:
        from aligner.export.frames import compliance_frame

        return compliance_frame(self.instance, self._timetable())

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
            "parameters": effective_parameters(self.settings.workers, self.settings.params),
            "lp_start": self.settings.lp_start,
            **({"stages": list(self.stages)} if self.stages else {}),
            "ortools_version": self.ortools_version,
            "bell_changes": list(self.bell_changes),
            **({"components": list(self.components)} if self.components else {}),
            "model": self.model_size,
            "local_lessons": len(self.timetable.lessons) if self.timetable else None,
            "sessions": len(self.timetable.sessions) if self.timetable else None,
        }


def relative_gap(status: str, objective: int | None, bound: float | None) -> float | None:
    """|objective - bound| / max(1, |objective|); 0 when proven optimal; None without both."""
    if objective is None or bound is None:
        return None
    if status == Status.OPTIMAL:
        return 0.0
    return abs(objective - bound) / max(1.0, abs(objective))


def solve(instance: Instance, settings: SolverSettings | None = None) -> Result:
    """Build and solve the instance's model; the result says what happened."""
    settings = settings or SolverSettings()
    built = build_model(instance)
    outcome = search(built, settings)
    solver = outcome.solver
    weights = {t.name: t.weight(instance.weights) for t in built.terms}
    terms = ({t.name: int(solver.value(t.expression)) for t in built.terms}
             if solver is not None else {})
    return Result(
        instance=instance,
        status=outcome.status,
        timetable=read_timetable(built, solver) if solver is not None else None,
        # The objective of the returned timetable, from its terms: CP-SAT's objective_value can
        # differ from it when the search stops early (seen with stop_after_first_solution).
        objective=instance.weights.objective(terms) if solver is not None else None,
        terms=terms,
        weights=weights,
        best_bound=outcome.best_bound,
        build_seconds=built.seconds,
        solve_seconds=outcome.seconds,
        settings=settings,
        interrupted=outcome.interrupted,
        solver_info=outcome.solver_info,
        model_size=built.size(),
        stages=tuple(outcome.stages),
    )


def read_timetable(built: BuiltModel, solver: cp_model.CpSolver) -> Timetable:
    """The timetable the solver's current solution describes."""
    v = built.variables
    teacher_of = {
        (r.school_id, r.class_id, r.subject): r.teacher_id for r in v.instance.curriculum
    }
    double_start: dict[tuple[str, str, str, str, int], int] = {}
    for (school, klass, subject, day, p), var in v.double.items():
        if solver.boolean_value(var):
            double_start[(school, klass, subject, day, p)] = p
            double_start[(school, klass, subject, day, p + 1)] = p
    lessons = tuple(
        LocalLesson(school, klass, subject, teacher_of[(school, klass, subject)] or "", day, p,
                    double_start.get((school, klass, subject, day, p)))
        for (school, klass, subject, day, p), var in v.local.items()
        if solver.boolean_value(var)
    )
    sessions = []
    for (course_id, day, hub_period), var in v.session.items():
        if not solver.boolean_value(var):
            continue
        course = v.instance.course_by_id[course_id]
        receiving = []
        for school_id in course.receiving_schools:
            for period, z in v.receptions_of(course_id, day, hub_period, school_id):
                if solver.boolean_value(z):
                    receiving.append((school_id, period))
        sessions.append(Session(course_id, day, hub_period, tuple(receiving)))
    return Timetable(lessons, tuple(sessions))
