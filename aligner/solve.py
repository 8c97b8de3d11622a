"""Solving an instance: solver settings in, a :class:`Result` out (never an exception on failure)."""

from __future__ import annotations

import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from enum import StrEnum
from importlib.metadata import version
from typing import TYPE_CHECKING, Any, Protocol

from ortools.sat.python import cp_model

from aligner.instance import Instance
from aligner.model import BuiltModel, build_model
from aligner.parameters import apply_parameters, effective_parameters
from aligner.timetable import LocalLesson, Session, Timetable

if TYPE_CHECKING:
    import pandas as pd


class Status(StrEnum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"
    MODEL_INVALID = "MODEL_INVALID"


@dataclass(frozen=True)
class SolverSettings:
    """What the solver is asked to do; recorded with every result."""

    time_limit: float = 60.0
    workers: int = 2
    seed: int = 0
    log: bool = False
    params: tuple[tuple[str, str], ...] = ()
    """Extra CP-SAT parameters as (name, value) text, e.g. ("linearization_level", "2")."""

    def __post_init__(self) -> None:
        if not self.time_limit > 0:
            raise ValueError(f"time_limit must be > 0 seconds, not {self.time_limit}")
        if self.workers < 1:
            raise ValueError(f"workers must be >= 1, not {self.workers}")


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

    @property
    def found(self) -> bool:
        return self.timetable is not None

    @property
    def gap(self) -> float | None:
        return relative_gap(str(self.status), self.objective, self.best_bound)

    # ---- tables (see aligner.tables) ----

    def lessons(self) -> pd.DataFrame:
        from aligner.tables import lessons_frame

        return lessons_frame(self.instance, self._timetable())

    def sessions(self) -> pd.DataFrame:
        from aligner.tables import sessions_frame

        return sessions_frame(self.instance, self._timetable())

    def teacher_load(self) -> pd.DataFrame:
        from aligner.tables import teacher_load_frame

        return teacher_load_frame(self.instance, self._timetable())

    def compliance(self) -> pd.DataFrame:
        from aligner.tables import compliance_frame

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


_STATUS = {
    cp_model.OPTIMAL: Status.OPTIMAL,
    cp_model.FEASIBLE: Status.FEASIBLE,
    cp_model.INFEASIBLE: Status.INFEASIBLE,
    cp_model.UNKNOWN: Status.UNKNOWN,
    cp_model.MODEL_INVALID: Status.MODEL_INVALID,
}


def configure(solver: cp_model.CpSolver, settings: SolverSettings) -> None:
    """Apply the settings to CP-SAT's parameters; unknown extra parameters raise."""
    parameters = solver.parameters
    parameters.max_time_in_seconds = settings.time_limit
    parameters.num_workers = settings.workers
    parameters.random_seed = settings.seed
    apply_parameters(parameters, effective_parameters(settings.workers, settings.params))
    if settings.log:
        parameters.log_search_progress = True
        parameters.log_to_stdout = False
        solver.log_callback = lambda line: print(line, file=sys.stderr)


def check_parameters(settings: SolverSettings) -> None:
    """Raise SolverParameterError now for parameters CP-SAT would reject (before a long run)."""
    configure(cp_model.CpSolver(), settings)


def solve(instance: Instance, settings: SolverSettings | None = None) -> Result:
    """Build and solve the instance's model; the result says what happened."""
    settings = settings or SolverSettings()
    built = build_model(instance)
    solver = cp_model.CpSolver()
    configure(solver, settings)
    started = time.perf_counter()
    code, interrupted = _solve_interruptibly(solver, built.model)
    status = _STATUS[code]
    solve_seconds = time.perf_counter() - started
    found = status in (Status.OPTIMAL, Status.FEASIBLE)
    weights = {t.name: t.weight(instance.weights) for t in built.terms}
    terms = {t.name: int(solver.value(t.expression)) for t in built.terms} if found else {}
    return Result(
        instance=instance,
        status=status,
        timetable=read_timetable(built, solver) if found else None,
        # The objective of the returned timetable, from its terms: CP-SAT's objective_value can
        # differ from it when the search stops early (seen with stop_after_first_solution).
        objective=sum(terms[name] * weights[name] for name in terms) if found else None,
        terms=terms,
        weights=weights,
        best_bound=solver.best_objective_bound if found else None,
        build_seconds=built.seconds,
        solve_seconds=solve_seconds,
        settings=settings,
        interrupted=interrupted,
        solver_info=solver.solution_info(),
        model_size=built.size(),
    )


class StopFlag(Protocol):
    def is_set(self) -> bool: ...


_STOP_FLAG: list[StopFlag] = []
"""Given in a worker process (see :mod:`aligner.parallel`): when this flag is raised, the
search stops as on Ctrl-C, whether or not SIGINT reached this process."""


def use_stop_flag(flag: StopFlag) -> None:
    _STOP_FLAG[:] = [flag]


def stop_requested() -> bool:
    return any(flag.is_set() for flag in _STOP_FLAG)


def _solve_interruptibly(solver: cp_model.CpSolver, model: cp_model.CpModel) -> tuple[Any, bool]:
    """Solve in a worker thread so that Ctrl-C (SIGINT) in the main thread, or the
    :func:`use_stop_flag` flag, stops the search cleanly and the best timetable found so far is
    kept. Returns CP-SAT's status and whether the search was stopped so."""
    if threading.current_thread() is not threading.main_thread():
        return solver.solve(model), False  # only the main thread receives signals
    solver.parameters.catch_sigint_signal = False
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["status"] = solver.solve(model)
        except BaseException as exc:  # handed to the main thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="cp-sat", daemon=True)
    # SIGINT may have been inherited as ignored (a background job); during the solve it stops.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    interrupted = False
    try:
        worker.start()
        # Poll with sleep, not join: a Ctrl-C inside Thread.join() can leave the thread looking
        # finished while it still runs (CPython before 3.13).
        while worker.is_alive():
            try:
                time.sleep(0.05)
            except KeyboardInterrupt:
                interrupted = True
                solver.stop_search()
            if not interrupted and stop_requested():
                interrupted = True
                solver.stop_search()
        worker.join()
    finally:
        signal.signal(signal.SIGINT, previous)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"], interrupted


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
