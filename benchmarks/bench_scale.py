"""Macro benchmark at the scale of a county, a city and a province; writes tidy CSV.

    python benchmarks/bench_scale.py city            # city preset: --jobs 1, --jobs 2, Dask
    python benchmarks/bench_scale.py province        # generate + validate 1,120 schools,
                                                     # solve a 200-pair slice with --jobs 2
    python benchmarks/bench_scale.py province --pairs 100000 --modes jobs2,dask2 --time-limit 60
                                                     # the whole province, 2 processes and Dask
    python benchmarks/bench_scale.py city --runs 3 --seed 1
    python benchmarks/bench_scale.py county --seed 1 --modes jobs1 --office-rules --time-limit 60

Every solve is checked by the independent checker afterwards (not timed). Peak memory is the
largest resident set of the main process and of any worker process. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import ortools

from aligner.check import check_solution
from aligner.export import write_outputs
from aligner.generate import generate
from aligner.io import load_instance
from aligner.solver.decompose import components, sub_instance
from aligner.solver.pipeline import solve
from aligner.solver.settings import SolverSettings

ROOT = Path(__file__).resolve().parent.parent
RUNS = ["preset", "seed", "mode", "jobs", "workers", "lp_start", "components", "optimal", "worst_gap",
        "wall_seconds", "component_median_s", "component_p95_s", "component_sum_s",
        "peak_rss_mb", "checker_violations", "cpus", "ortools", "when", "office_rules",
        "time_limit", "run", "load_1m"]
COMPONENTS = ["preset", "seed", "mode", "lp_start", "schools", "classes", "status", "objective",
              "best_bound", "seconds", "office_rules", "run", "gap", "stages"]


def _teachers_without(field: str):
    def drop(instance):
        return instance.model_copy(update={"teachers": tuple(
            t.model_copy(update={field: None}) for t in instance.teachers)})
    return drop


DROPS = {
    "max_per_day": _teachers_without("max_per_day"),
    "max_consecutive": _teachers_without("max_consecutive"),
    "max_days": _teachers_without("max_days"),
    "rooms": lambda instance: instance.model_copy(update={"rooms": ()}),
    "pins": lambda instance: instance.model_copy(update={"pins": ()}),
}
"""Office rule families --drop can take out of an instance (a diagnosis: which rule costs)."""


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(instance, preset: str, seed: int, mode: str, jobs: int, workers: int,
        address: str | None, component_rows: list[dict], lp_start: bool = True,
        office_rules: bool = False, time_limit: float = 300, number: int = 0) -> dict:
    settings = SolverSettings(workers=workers, seed=seed, time_limit=time_limit,
                              lp_start=lp_start, jobs=jobs, dask=address, oversubscribe=True)
    load = os.getloadavg()[0]
    started = time.perf_counter()
    result = solve(instance, settings)
    outcomes = result.components
    wall = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        write_outputs(result, tmp)
        violations = len([v for v in check_solution(result.instance, tmp).violations if v.hard])
    seconds = [o["seconds"] for o in outcomes]
    classes = {tuple(s.school_id for s in c.schools): len(c.classes) for c in components(instance)}
    for o in outcomes:
        component_rows.append({"preset": preset, "seed": seed, "mode": mode, "lp_start": lp_start,
                               "schools": " ".join(o["schools"]),
                               "classes": classes.get(tuple(o["schools"])),
                               "status": o["status"], "objective": o["objective"],
                               "best_bound": o["best_bound"], "seconds": o["seconds"],
                               "office_rules": office_rules, "run": number,
                               "gap": o["gap"], "stages": " ".join(
                                   f"{st['stage']}:{st['status']}:{st['seconds']}"
                                   for st in o.get("stages", ()))})
    return {
        "preset": preset, "seed": seed, "mode": mode, "jobs": jobs, "workers": workers,
        "lp_start": lp_start, "components": len(outcomes),
        "optimal": sum(o["status"] == "OPTIMAL" for o in outcomes),
        "worst_gap": max((o["gap"] or 0.0) for o in outcomes),
        "wall_seconds": round(wall, 2),
        "component_median_s": round(statistics.median(seconds), 3),
        "component_p95_s": round(p95(seconds), 3),
        "component_sum_s": round(sum(seconds), 2),
        "peak_rss_mb": peak_rss_mb(), "checker_violations": violations,
        "cpus": os.cpu_count(), "ortools": ortools.__version__,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "office_rules": office_rules, "time_limit": time_limit, "run": number,
        "load_1m": round(load, 2),
    }


def write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("preset", choices=["county", "city", "province"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--pairs", type=int, default=200, help="province: pairs in the slice")
    parser.add_argument("--modes", default=None,
                        help="which of jobs1, jobs2, dask2, jobs1w2, jobs2w2 to run (default: "
                             "jobs1,jobs2,dask2; a province: jobs2)")
    parser.add_argument("--lp-start", action=argparse.BooleanOptionalAction, default=True,
                        help="start each component from its LP relaxation (aligner.solver.search); "
                             "--no-lp-start: CP-SAT alone")
    parser.add_argument("--office-rules", action=argparse.BooleanOptionalAction, default=False,
                        help="generate the preset with the office rules (aligner generate's "
                             "default); without: the instance as before they existed")
    parser.add_argument("--drop", choices=sorted(DROPS), action="append", default=[],
                        help="diagnosis: take one office rule family out of the generated "
                             "instance before solving (repeatable)")
    parser.add_argument("--time-limit", type=float, default=300,
                        help="seconds per component (aligner solve --time-limit)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)

    runs: list[dict] = []
    parts: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        generated = generate(args.preset, args.seed, office_rules=args.office_rules)
        generated.write(Path(tmp) / "instance")
        generated_s = time.perf_counter() - started
        instance = load_instance(Path(tmp) / "instance")
        validated_s = time.perf_counter() - started - generated_s
    for family in args.drop:
        instance = DROPS[family](instance)
    print(f"{args.preset} seed {args.seed}: {len(instance.schools)} schools, "
          f"{len(instance.classes)} classes; generated and written in {generated_s:.1f} s, read "
          f"and validated in {validated_s:.1f} s", file=sys.stderr)
    prep = [{"preset": args.preset, "seed": args.seed, "schools": len(instance.schools),
             "classes": len(instance.classes), "teachers": len(instance.teachers),
             "courses": len(instance.courses), "generate_seconds": round(generated_s, 2),
             "validate_seconds": round(validated_s, 2), "python": platform.python_version(),
             "office_rules": args.office_rules, "rooms": len(instance.rooms),
             "pins": len(instance.pins),
             "combined_rows": sum(r.combined for r in instance.curriculum),
             "co_taught_rows": sum(len(r.teacher_ids) > 1 for r in instance.curriculum),
             "max_per_day": sum(t.max_per_day is not None for t in instance.teachers),
             "max_consecutive": sum(t.max_consecutive is not None for t in instance.teachers),
             "max_days": sum(t.max_days is not None for t in instance.teachers)}]

    if args.preset == "province":
        slice_schools, pairs = [], 0
        for part in components(instance):
            if pairs >= args.pairs:
                break
            slice_schools += [s.school_id for s in part.schools]
            pairs += len({(c.hub_school, r) for c in part.courses for r in c.receiving_schools})
        instance = sub_instance(instance, slice_schools, f"{instance.name} ({pairs} pairs)")
        print(f"slice: {pairs} pairs, {len(slice_schools)} schools", file=sys.stderr)
    modes = (args.modes or ("jobs2" if args.preset == "province" else "jobs1,jobs2,dask2")
             ).split(",")

    for number in range(args.runs):
        for mode in modes:
            jobs, workers = {"jobs1": (1, 1), "jobs2": (2, 1), "dask2": (1, 1),
                             "jobs1w2": (1, 2), "jobs2w2": (2, 2)}[mode]
            if mode == "dask2":
                from distributed import LocalCluster

                with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
                    row = run(instance, args.preset, args.seed, mode, jobs, workers,
                              cluster.scheduler_address, parts, args.lp_start,
                              args.office_rules, args.time_limit, number)
            else:
                row = run(instance, args.preset, args.seed, mode, jobs, workers, None, parts,
                          args.lp_start, args.office_rules, args.time_limit, number)
            runs.append(row)
            print(row, file=sys.stderr)

    name = (f"{args.preset}-seed{args.seed}" + ("-office" if args.office_rules else "")
            + "".join(f"-no-{family.replace('_', '-')}" for family in args.drop)
            + ("" if args.lp_start else "-no-lp-start"))
    write_csv(args.out / f"{name}-runs.csv", RUNS, runs)
    write_csv(args.out / f"{name}-components.csv", COMPONENTS, parts)
    write_csv(args.out / f"{name}-instance.csv", list(prep[0]), prep)
    for mode in modes:
        walls = [r["wall_seconds"] for r in runs if r["mode"] == mode]
        print(f"{mode}: median wall {statistics.median(walls):.1f} s over {len(walls)} run(s)")
    print(f"wrote {args.out}/{name}-*.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())

