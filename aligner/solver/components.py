"""Solving the independent components of an instance: one after another, in worker processes
(``--jobs``), or as tasks on a Dask cluster (``--dask``), and merging the results.

Components travel as JSON of the validated instance and come back as JSON-able dicts, never as
pickled OR-Tools objects, so any process or machine with aligner installed can solve them.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from typing import Any

from aligner.diagnose.capacity import capacity_findings
from aligner.instance import Instance
from aligner.solver.decompose import components, sub_instance
from aligner.solver.solve import (
    Result,
    SolverSettings,
    Status,
    relative_gap,
    solve,
    stop_requested,
    use_stop_flag,
)
from aligner.timetable import LocalLesson, Session, Timetable

NOT_SOLVED = "NOT_SOLVED"
"""Status of a component whose solve never started (Ctrl-C came first)."""


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
    findings: tuple[str, ...] = ()
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
                **({"findings": list(self.findings)} if self.findings else {})}

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["timetable"] = None if self.timetable is None else {
            "lessons": [asdict(x) for x in self.timetable.lessons],
            "sessions": [asdict(x) for x in self.timetable.sessions]}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ComponentOutcome:
        data = dict(data)
        table = data.pop("timetable")
        timetable = None if table is None else Timetable(
            tuple(LocalLesson(**x) for x in table["lessons"]),
            tuple(Session(x["course_id"], x["day"], x["hub_period"],
                          tuple(tuple(p) for p in x["receiving_periods"]))
                  for x in table["sessions"]))
        return cls(timetable=timetable, schools=tuple(data.pop("schools")),
                   findings=tuple(data.pop("findings")), stages=tuple(data.pop("stages", ())),
                   **data)


def solve_component(instance: Instance, settings: SolverSettings) -> ComponentOutcome:
    """Capacity checks, then CP-SAT, for one component."""
    started = time.perf_counter()
    schools = tuple(s.school_id for s in instance.schools)
    findings = capacity_findings(instance)
    if findings:
        return ComponentOutcome(instance.name, schools, str(Status.INFEASIBLE), None, {}, None,
                                0.0, 0.0, time.perf_counter() - started, None,
                                tuple(f.message for f in findings), workers=settings.workers)
    result = solve(instance, settings)
    return ComponentOutcome(instance.name, schools, str(result.status), result.objective,
                            result.terms, result.best_bound, result.build_seconds,
                            result.solve_seconds, time.perf_counter() - started,
                            result.timetable, interrupted=result.interrupted,
                            workers=settings.workers, stages=result.stages)


def _not_solved(part: Instance, workers: int) -> ComponentOutcome:
    return ComponentOutcome(part.name, tuple(s.school_id for s in part.schools), NOT_SOLVED,
                            None, {}, None, 0.0, 0.0, 0.0, None, interrupted=True,
                            workers=workers)


def _worker_process(stop: Any) -> None:
    """Initializer of each worker process: Ctrl-C's SIGINT to the process group no longer kills
    an idle worker; the main process raises ``stop`` instead, which stops the running search
    (with its best timetable) and keeps queued components from starting."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    use_stop_flag(stop)


def solve_component_json(instance_json: str, settings: dict[str, Any]) -> dict[str, Any]:
    """The picklable task: JSON in, JSON-able dict out (for worker processes and Dask)."""
    instance = Instance.model_validate_json(instance_json)
    if stop_requested():
        return _not_solved(instance, int(settings["workers"])).to_json()
    options = settings | {"params": tuple(tuple(p) for p in settings["params"])}
    return solve_component(instance, SolverSettings(**options)).to_json()


def dask_task(instance_json: str, settings: dict[str, Any]) -> dict[str, Any]:
    """A Dask task: CP-SAT gets as many threads as the Dask worker has."""
    from distributed import get_worker

    threads = max(1, int(get_worker().state.nthreads))
    return solve_component_json(instance_json, settings | {"workers": threads})


def _settings_dict(settings: SolverSettings) -> dict[str, Any]:
    data = asdict(settings)
    data["params"] = [list(p) for p in settings.params]
    return data


def run_components(
    parts: list[Instance],
    settings: SolverSettings,
    *,
    jobs: int = 1,
    dask: str | None = None,
    on_done: Callable[[ComponentOutcome, int, int], None] | None = None,
) -> tuple[list[ComponentOutcome], bool]:
    """Solve every component; the outcomes in component order (one per component: those that
    Ctrl-C kept from starting are NOT_SOLVED), and whether Ctrl-C came."""
    outcomes: dict[int, ComponentOutcome] = {}
    interrupted = False
    done = 0

    def record(index: int, outcome: ComponentOutcome) -> None:
        nonlocal done
        outcomes[index] = outcome
        done += 1
        if on_done:
            on_done(outcome, done, len(parts))

    try:
        if dask:
            for index, outcome in _on_dask(parts, settings, dask):
                record(index, outcome)
        elif jobs > 1:
            _in_processes(parts, settings, jobs, record)
        else:
            for index, part in enumerate(parts):
                outcome = solve_component(part, settings)
                record(index, outcome)
                if outcome.interrupted:
                    raise KeyboardInterrupt
    except KeyboardInterrupt:
        interrupted = True
    for index, part in enumerate(parts):  # after Ctrl-C: the components never started
        if index not in outcomes:
            outcomes[index] = _not_solved(part, settings.workers)
    return [outcomes[i] for i in range(len(parts))], interrupted


def _in_processes(parts: list[Instance], settings: SolverSettings, jobs: int,
                  record: Callable[[int, ComponentOutcome], None]) -> None:
    """Solve the components in ``jobs`` spawned processes, calling ``record`` as each ends.
    On Ctrl-C the workers are told to stop; the components that were running are recorded
    with their best timetable, then KeyboardInterrupt goes on."""
    context = multiprocessing.get_context("spawn")
    options = _settings_dict(settings)
    stop = context.Event()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_process,
                             initargs=(stop,)) as pool:
        # Biggest components first, so that no big one starts last.
        order = sorted(range(len(parts)), key=lambda i: -len(parts[i].classes))
        futures = {pool.submit(solve_component_json, parts[i].model_dump_json(), options): i
                   for i in order}
        recorded: set[int] = set()
        try:
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    recorded.add(futures[future])
                    record(futures[future], ComponentOutcome.from_json(future.result()))
        except KeyboardInterrupt:
            stop.set()  # running searches stop with their best; queued tasks return at once
            for future in futures:
                future.cancel()
            for future, index in futures.items():
                if future.cancelled() or index in recorded:
                    continue
                try:
                    outcome = ComponentOutcome.from_json(future.result())
                except Exception:  # a worker that died: the component has no timetable
                    continue
                if outcome.status != NOT_SOLVED:
                    record(index, outcome)
            raise


def _on_dask(parts: list[Instance], settings: SolverSettings, address: str
             ) -> Iterator[tuple[int, ComponentOutcome]]:
    from distributed import Client, as_completed

    options = _settings_dict(settings)
    with Client(address) as client:
        order = sorted(range(len(parts)), key=lambda i: -len(parts[i].classes))
        futures = {client.submit(dask_task, parts[i].model_dump_json(), options, pure=False,
                                 key=f"aligner-component-{i}"): i for i in order}
        for future in as_completed(list(futures)):
            yield futures[future], ComponentOutcome.from_json(future.result())


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
    ) if found else None
    names = sorted({name for o in found for name in o.terms})
    weights = instance.weights.by_term()
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


def solve_all(instance: Instance, settings: SolverSettings, **options: Any
              ) -> tuple[Result, list[ComponentOutcome]]:
    """Decompose, solve each component as ``options`` say (jobs, dask, on_done), merge."""
    parts = components(instance)
    started = time.perf_counter()
    outcomes, interrupted = run_components(parts, settings, **options)
    return merge(instance, outcomes, settings, time.perf_counter() - started,
                 interrupted), outcomes
