"""Solving the independent components of an instance (through :mod:`aligner.solver.executor`:
here, in worker processes or on Dask) and merging their results into one.

Each component travels as JSON of its validated instance and comes back as a JSON-able dict
(:class:`ComponentOutcome`): its capacity checks' findings, or its solve's status, objective,
terms, bound, stages and timetable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

from aligner.diagnose.capacity import Finding, capacity_findings
from aligner.instance import Instance
from aligner.solver.decompose import sub_instance
from aligner.solver.executor import run_tasks
from aligner.solver.result import NOT_SOLVED, Result, Status, relative_gap
from aligner.solver.search import stop_requested
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from aligner.timetable import LocalLesson, Meeting, Session, Timetable


@dataclass(frozen=True)
class ComponentOutcome:
    """What one component's solve gave, in plain data."""

    name: str
    schools: tuple[str, ...]
    status: str
    objective: int | None
    terms: dict[str, int]
    best_bound: float | None
    build_seconds: float
    solve_seconds: float
    seconds: float
    """Wall time of the whole task: reading the JSON, the capacity checks, building, solving."""
    timetable: Timetable | None
    findings: tuple[Finding, ...] = ()
    """Capacity checks that failed (the component was not solved)."""
    interrupted: bool = False
    workers: int = 1
    stages: tuple[dict[str, Any], ...] = ()
    """The search's stages (see :mod:`aligner.solver.search`)."""

    @property
    def found(self) -> bool:
        return self.timetable is not None

    @property
    def gap(self) -> float | None:
        return relative_gap(self.status, self.objective, self.best_bound)

    def row(self) -> dict[str, Any]:
        """The component's line in summary.json."""
        return {"schools": list(self.schools), "status": self.status,
                "objective": self.objective, "best_bound": self.best_bound, "gap": self.gap,
                "seconds": round(self.seconds, 3), "workers": self.workers,
                **({"stages": list(self.stages)} if self.stages else {}),
                **({"findings": [f.message for f in self.findings]} if self.findings else {})}

    def to_json(self) -> dict[str, Any]:
        data = asdict(replace(self, timetable=None))
        # the records are flat: their fields as they are (asdict's deep copy of a county
        # component's week took 0.05 s, and was done twice)
        data["timetable"] = None if self.timetable is None else {
            "lessons": [dict(vars(x)) for x in self.timetable.lessons],
            "sessions": [dict(vars(x)) for x in self.timetable.sessions],
            "meetings": [dict(vars(x)) for x in self.timetable.meetings]}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ComponentOutcome:
        data = dict(data)
        table = data.pop("timetable")
        timetable = None if table is None else Timetable(
            tuple(LocalLesson(**x) for x in table["lessons"]),
            tuple(Session(x["course_id"], x["day"], x["hub_period"],
                          tuple(tuple(p) for p in x["receiving_periods"]))
                  for x in table["sessions"]),
            tuple(Meeting(x["course_id"], x["day"], x["hub_period"],
                          tuple(tuple(p) for p in x["receiving_periods"]))
                  for x in table.get("meetings", ())))
        return cls(timetable=timetable, schools=tuple(data.pop("schools")),
                   findings=tuple(Finding(**f) for f in data.pop("findings")),
                   stages=tuple(data.pop("stages", ())), **data)


def solve_component(instance: Instance, settings: SolverSettings) -> ComponentOutcome:
    """Capacity checks, then CP-SAT, for one component."""
    started = time.perf_counter()
    schools = tuple(s.school_id for s in instance.schools)
    findings = capacity_findings(instance)
    if findings:
        return ComponentOutcome(instance.name, schools, str(Status.INFEASIBLE), None, {}, None,
                                0.0, 0.0, time.perf_counter() - started, None,
                                tuple(findings), workers=settings.workers)
    result = solve_model(instance, settings)
    return ComponentOutcome(instance.name, schools, str(result.status), result.objective,
                            result.terms, result.best_bound, result.build_seconds,
                            result.solve_seconds, time.perf_counter() - started,
                            result.timetable, interrupted=result.interrupted,
                            workers=settings.workers, stages=result.stages)


def _not_solved(part: Instance, workers: int) -> ComponentOutcome:
    return ComponentOutcome(part.name, tuple(s.school_id for s in part.schools), NOT_SOLVED,
                            None, {}, None, 0.0, 0.0, 0.0, None, interrupted=True,
                            workers=workers)


def component_task(instance_json: str, settings: dict[str, Any]) -> dict[str, Any]:
    """The picklable task: JSON in, JSON-able dict out (for worker processes and Dask)."""
    instance = Instance.model_validate_json(instance_json)
    if stop_requested():
        return _not_solved(instance, int(settings["workers"])).to_json()
    options = settings | {"params": tuple(tuple(p) for p in settings["params"])}
    return solve_component(instance, SolverSettings(**options)).to_json()


def dask_component_task(instance_json: str, settings: dict[str, Any]) -> dict[str, Any]:
    """A Dask task: CP-SAT gets as many threads as the Dask worker has."""
    from distributed import get_worker

    threads = max(1, int(get_worker().state.nthreads))
    return component_task(instance_json, settings | {"workers": threads})


def settings_dict(settings: SolverSettings) -> dict[str, Any]:
    """The settings as plain data, for a task."""
    data = asdict(settings)
    data["params"] = [list(p) for p in settings.params]
    return data


def run_components(
    parts: list[Instance],
    settings: SolverSettings,
    on_done: Callable[[ComponentOutcome, int, int], None] | None = None,
    on_started: Callable[[], None] | None = None,
) -> tuple[list[ComponentOutcome], bool]:
    """Solve every component as the settings say (here, ``jobs`` processes, Dask); the outcomes
    in component order (one per component: those that Ctrl-C kept from starting are
    NOT_SOLVED), and whether Ctrl-C came. ``on_done(outcome, done, total)`` follows them;
    ``on_started()`` comes when they are under way (see :func:`run_tasks`)."""
    outcomes: dict[int, ComponentOutcome] = {}

    def record(index: int, outcome: ComponentOutcome) -> None:
        if outcome.status == NOT_SOLVED:
            return
        outcomes[index] = outcome
        if on_done:
            on_done(outcome, len(outcomes), len(parts))
        if outcome.interrupted:
            raise KeyboardInterrupt

    local = not settings.dask and settings.jobs == 1
    interrupted = False
    try:
        if local:  # no JSON round trip in this process
            if on_started is not None:
                on_started()
            for index, part in enumerate(parts):
                record(index, solve_component(part, settings))
        else:
            # Biggest components first, so that no big one starts last.
            order = sorted(range(len(parts)), key=lambda i: -len(parts[i].classes))
            run_tasks(component_task, [(p.model_dump_json(), settings_dict(settings))
                                       for p in parts],
                      lambda index, data: record(index, ComponentOutcome.from_json(data)),
                      jobs=settings.jobs,
                      dask=settings.dask, dask_function=dask_component_task, order=order,
                      key="aligner-component", on_started=on_started)
    except KeyboardInterrupt:
        interrupted = True
    for index, part in enumerate(parts):  # after Ctrl-C: the components never started
        if index not in outcomes:
            outcomes[index] = _not_solved(part, settings.workers)
    return [outcomes[i] for i in range(len(parts))], interrupted


def merge(instance: Instance, outcomes: list[ComponentOutcome], settings: SolverSettings,
          wall_seconds: float, interrupted: bool) -> Result:
    """One Result for the whole instance: the found components' timetables side by side, sums
    of objectives, terms and bounds, the status of the worst component. When some component
    has no timetable, the Result's instance is the part that has one."""
    found = [o for o in outcomes if o.found]
    statuses = {o.status for o in outcomes}
    if len(outcomes) and statuses <= {"OPTIMAL"}:
        status = Status.OPTIMAL
    elif len(found) == len(outcomes) and outcomes:
        status = Status.FEASIBLE
    elif "INFEASIBLE" in statuses:
        status = Status.INFEASIBLE
    else:
        status = Status.UNKNOWN
    timetable = Timetable(
        tuple(x for o in found for x in o.timetable.lessons),  # type: ignore[union-attr]
        tuple(x for o in found for x in o.timetable.sessions),  # type: ignore[union-attr]
        tuple(x for o in found for x in o.timetable.meetings),  # type: ignore[union-attr]
    ) if found else None
    weights = instance.weights.by_term()
    present = {name for o in found for name in o.terms}
    names = [name for name in weights if name in present]  # the model's order, as one model has
    terms = {name: sum(o.terms[name] for o in found) for name in names}
    bounds = [o.best_bound for o in found]
    if found and len(found) < len(outcomes):
        # The files describe the solved schools only (their loads and weekly minimums).
        instance = sub_instance(instance, [s for o in found for s in o.schools], instance.name)
    return Result(
        instance=instance,
        status=status,
        timetable=timetable,
        objective=sum(o.objective or 0 for o in found) if found else None,
        terms=terms,
        weights=weights,
        best_bound=sum(b for b in bounds if b is not None) if found else None,
        build_seconds=sum(o.build_seconds for o in outcomes),
        solve_seconds=wall_seconds,
        settings=settings,
        interrupted=interrupted,
        components=tuple(o.row() for o in outcomes),
    )
