"""Running a benchmark: every instance x configuration x seed, one tidy row each.

Each run is a job: the validated instance as JSON and the configuration as plain data in, a row
and the run's progress (seconds, objective, bound each time one improved) out, so jobs run the
same in this process, in worker processes (``--jobs``; forked on Linux) or as Dask tasks (``--dask``),
as ``aligner solve`` runs components. Every timetable a run finds is written and passed through
the independent checker (``checked``).
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from aligner.baselines.greedy import greedy
from aligner.baselines.mip import solve_highs, translate
from aligner.bench.config import BenchConfig, InstanceSpec, SolverConfig
from aligner.instance import Instance
from aligner.model import BuiltModel, build_model
from aligner.model.objective import evaluate
from aligner.solver.executor import run_tasks
from aligner.solver.result import Result, Status, relative_gap
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from aligner.timetable import Timetable

FIELDS = ["instance", "schools", "classes", "lessons", "sessions", "variables", "constraints",
          "config", "solver", "workers", "params", "warm_start", "lp_start", "seed", "status", "objective",
          "best_bound", "gap", "build_seconds", "hint_seconds", "solve_seconds",
          "first_solution_seconds", "deterministic_time", "time_limit", "checked", "note",
          "mip_columns", "mip_rows", "ortools_version", "highs_version", "cpu_model", "cores",
          "python", "when"]
"""Columns of the results CSV, in order (docs/benchmarks.md)."""
PROGRESS_FIELDS = ["instance", "config", "solver", "seed", "seconds", "objective", "best_bound"]


@dataclass
class BenchResults:
    rows: list[dict[str, Any]]
    progress: list[dict[str, Any]]
    runs: int = 0
    """Runs the benchmark has; fewer rows when Ctrl-C came."""
    interrupted: bool = False


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _highs_version() -> str:
    try:
        return version("highspy")
    except PackageNotFoundError:
        return ""


def load_spec(spec: InstanceSpec) -> Instance:
    """The instance a spec names: read from its directory, or generated (deterministic per seed)."""
    from aligner.generate import generate
    from aligner.io import load_instance

    if spec.path is not None:
        return load_instance(spec.path)
    assert spec.preset is not None
    with tempfile.TemporaryDirectory(prefix="aligner-bench-") as folder:
        generate(spec.preset, spec.seed, office_rules=spec.office_rules).write(folder)
        instance = load_instance(folder)
    return instance.model_copy(update={"name": spec.label})


def instance_size(instance: Instance, built: BuiltModel | None = None) -> dict[str, Any]:
    """Schools, classes, lessons (curriculum lessons a week), sessions (the most the courses
    may hold a week), and the CP-SAT model's variables and constraints."""
    built = built or build_model(instance)
    proto = built.model.proto
    return {"schools": len(instance.schools), "classes": len(instance.classes),
            "lessons": sum(r.per_week for r in instance.curriculum),
            "sessions": sum(c.max_per_week for c in instance.courses),
            "variables": len(proto.variables), "constraints": len(proto.constraints)}


# ---- one run ----------------------------------------------------------------------------------


class _Recorder:
    """The search's progress (an :class:`aligner.solver.search.Observer`): each solution's objective
    and bound, each bound improvement."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.points: list[tuple[float, float | None, float | None]] = []
        self.first: float | None = None
        self.objective: float | None = None
        self.bound: float | None = None

    def on_start(self) -> None:
        self.started = time.perf_counter()

    def on_solution(self, objective: float, bound: float | None) -> None:
        now = time.perf_counter() - self.started
        if self.first is None:
            self.first = now
        if self.objective is None or objective < self.objective:
            self.objective = objective
        if bound is not None:
            self.bound = bound if self.bound is None else max(self.bound, bound)
        self.points.append((now, self.objective, self.bound))

    def on_bound(self, bound: float) -> None:
        self.bound = bound if self.bound is None else max(self.bound, bound)
        self.points.append((time.perf_counter() - self.started, self.objective, self.bound))


def _checked(instance: Instance, timetable: Timetable, terms: dict[str, int], status: str,
             settings: SolverSettings) -> str:
    """Write the timetable's five files and run the independent checker on them."""
    from aligner.check import check_solution
    from aligner.export import write_outputs

    result = Result(instance, Status(status), timetable, instance.weights.objective(terms),
                    terms, instance.weights.by_term(), None, 0.0, 0.0, settings)
    with tempfile.TemporaryDirectory(prefix="aligner-bench-check-") as folder:
        write_outputs(result, folder)
        report = check_solution(instance, folder, require_reports=True)
    broken = [v for v in report.violations if v.hard]
    if broken:
        return f"broken: {len(broken)} ({broken[0].rule})"
    return "ok" if not report.violations else f"reports differ: {report.violations[0]}"


class _Values:
    """A MIP solution's values, read through the model's variables as a CP-SAT solution is."""

    def __init__(self, values: list[float]):
        self.values = values

    def boolean_value(self, literal: Any) -> bool:
        return self.values[literal.index] > 0.5


def run_cpsat(instance: Instance, config: SolverConfig, seed: int, time_limit: float
              ) -> tuple[dict[str, Any], list[tuple[float, float | None, float | None]]]:
    row: dict[str, Any] = {"hint_seconds": 0.0}
    hint = None
    if config.warm_start:
        heuristic = greedy(instance)
        hint = heuristic.timetable
        row["hint_seconds"] = heuristic.seconds
        row["note"] = "hint from a complete greedy week" if heuristic.complete else \
            f"hint from a partial greedy week ({len(heuristic.problems)} problem(s))"
    settings = SolverSettings(time_limit=time_limit, workers=config.workers, seed=seed,
                              params=config.params, lp_start=config.lp_start)
    recorder = _Recorder()
    result = solve_model(instance, settings, recorder, hint)
    status = str(result.status)
    row.update(build_seconds=result.build_seconds, solve_seconds=result.solve_seconds,
               status=status, first_solution_seconds=recorder.first,
               deterministic_time=result.deterministic_time)
    if result.timetable is not None:
        row["objective"] = result.objective
        row["best_bound"] = result.best_bound
        row["checked"] = _checked(instance, result.timetable, result.terms, status, settings)
    return row, recorder.points


def run_highs(instance: Instance, config: SolverConfig, seed: int, time_limit: float
              ) -> tuple[dict[str, Any], list[tuple[float, float | None, float | None]]]:
    built = build_model(instance)
    started = time.perf_counter()
    mip = translate(built.model, epigraph=config.epigraph)
    translation = time.perf_counter() - started
    row: dict[str, Any] = {"build_seconds": built.seconds + translation, "hint_seconds": 0.0,
                           "mip_columns": mip.columns, "mip_rows": len(mip.rows)}
    outcome = solve_highs(mip, time_limit=time_limit, threads=config.workers, seed=seed)
    row.update(status=outcome.status, solve_seconds=outcome.seconds,
               first_solution_seconds=outcome.first_solution_seconds,
               highs_version=outcome.highs_version, note=f"HiGHS: {outcome.info}")
    if outcome.values is not None:
        timetable = built.variables.timetable(_Values(outcome.values))
        terms = evaluate(instance, timetable)
        objective = instance.weights.objective(terms)
        row["objective"] = objective
        row["best_bound"] = outcome.best_bound
        if outcome.objective is None or round(outcome.objective) != objective:
            row["note"] += f"; MIP objective {outcome.objective} != timetable's {objective}"
        status = "FEASIBLE" if outcome.status == "OPTIMAL" else outcome.status
        row["checked"] = _checked(instance, timetable, terms, status,
                                  SolverSettings(time_limit=time_limit, seed=seed))
    return row, outcome.progress


def run_greedy(instance: Instance, config: SolverConfig, seed: int, time_limit: float
               ) -> tuple[dict[str, Any], list[tuple[float, float | None, float | None]]]:
    result = greedy(instance)
    row: dict[str, Any] = {"build_seconds": 0.0, "hint_seconds": 0.0,
                           "solve_seconds": result.seconds, "status": result.status}
    if not result.complete:
        row["note"] = "; ".join(result.problems[:3]) + (
            f"; and {len(result.problems) - 3} more" if len(result.problems) > 3 else "")
        return row, []
    row.update(objective=result.objective, first_solution_seconds=result.seconds,
               checked=_checked(instance, result.timetable, result.terms, "FEASIBLE",
                                SolverSettings(seed=seed)))
    return row, [(result.seconds, float(result.objective or 0), None)]


RUNNERS: dict[str, Callable[..., tuple[dict[str, Any], list[Any]]]] = {
    "cpsat": run_cpsat, "highs": run_highs, "greedy": run_greedy}


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """The picklable task: one instance x configuration x seed; plain data in and out."""
    instance = Instance.model_validate_json(job["instance"])
    options = dict(job["config"])
    options["params"] = tuple(tuple(p) for p in options["params"])
    config = SolverConfig(**options)
    seed, limit = job["seed"], job["time_limit"]
    row: dict[str, Any] = dict.fromkeys(FIELDS)
    row.update(job["size"])
    row.update(instance=job["label"], config=config.name, solver=config.solver,
               workers=config.workers,
               params=";".join([f"{k}={v}" for k, v in config.params]
                               + (["epigraph=true"] if config.epigraph else [])),
               warm_start=config.warm_start, lp_start=config.lp_start, seed=seed,
               time_limit=limit,
               ortools_version=version("ortools"), highs_version="",
               cpu_model=cpu_model(), cores=os.cpu_count(), python=platform.python_version())
    measured, points = RUNNERS[config.solver](instance, config, seed, limit)
    row.update(measured)
    row["gap"] = relative_gap(str(row["status"]), row["objective"], row["best_bound"])
    row["when"] = datetime.now(UTC).isoformat(timespec="seconds")
    for key in ("build_seconds", "hint_seconds", "solve_seconds", "first_solution_seconds",
                "deterministic_time"):
        if isinstance(row[key], float):
            row[key] = round(row[key], 4)
    progress = [{"instance": job["label"], "config": config.name, "solver": config.solver,
                 "seed": seed, "seconds": round(t, 4), "objective": o, "best_bound": b}
                for t, o, b in points]
    return {"row": row, "progress": progress}


# ---- the whole benchmark -----------------------------------------------------------------------


def jobs_of(config: BenchConfig) -> list[dict[str, Any]]:
    """Every run of the benchmark as a job, instances in the file's order."""
    jobs = []
    for spec in config.instances:
        instance = load_spec(spec)
        size = instance_size(instance)
        text = instance.model_dump_json()
        for solver_config in config.configs:
            for seed in config.seeds:
                options = asdict(solver_config)
                options["params"] = [list(p) for p in solver_config.params]
                jobs.append({"instance": text, "label": spec.label, "size": size,
                             "config": options, "seed": seed,
                             "time_limit": config.time_limit_of(solver_config)})
    return jobs


def run_bench(config: BenchConfig, *, jobs: int = 1, dask: str | None = None,
              on_done: Callable[[dict[str, Any], int, int], None] | None = None) -> BenchResults:
    """Run every job (here, in ``jobs`` processes, or on Dask: :mod:`aligner.solver.executor`);
    rows in the jobs' order. After Ctrl-C, the rows of the runs that ended (those under way
    stop with their best) and ``interrupted``."""
    work = jobs_of(config)
    outcomes: dict[int, dict[str, Any]] = {}

    def record(index: int, outcome: dict[str, Any]) -> None:
        outcomes[index] = outcome
        if on_done:
            on_done(outcome["row"], len(outcomes), len(work))

    interrupted = False
    try:
        run_tasks(run_job, [(job,) for job in work], record, jobs=jobs, dask=dask,
                  key="aligner-bench")
    except KeyboardInterrupt:
        interrupted = True
    ordered = [outcomes[i] for i in sorted(outcomes)]
    return BenchResults([o["row"] for o in ordered],
                        [p for o in ordered for p in o["progress"]], len(work), interrupted)
