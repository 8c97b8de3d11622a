"""Macro benchmark: solve an instance several times per CP-SAT worker count; write tidy CSV.

    python benchmarks/bench_solve.py                       # the Lanxi example, 5 runs x workers 1, 2
    python benchmarks/bench_solve.py data/x --runs 3 --workers 1 2 4 --out benchmarks/results/x.csv

Each run builds the model from scratch (model-build seconds) and solves it (solve seconds, wall
clock); seeds are 0..runs-1 so the runs differ. Timings are never asserted in tests: this script
is where speed is measured. The protocol is in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

import ortools

from aligner.io import load_instance
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["instance", "workers", "seed", "status", "objective", "best_bound", "gap",
          "build_seconds", "solve_seconds", "time_limit", "cpus", "python", "ortools", "when"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", nargs="?", default=str(ROOT / "data" / "lanxi-2022-winter"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "lanxi.csv")
    args = parser.parse_args(argv)

    instance = load_instance(args.instance)
    rows = []
    for workers in args.workers:
        for seed in range(args.runs):
            result = solve_model(instance, SolverSettings(time_limit=args.time_limit, workers=workers,
                                                    seed=seed))
            rows.append({
                "instance": Path(args.instance).name, "workers": workers, "seed": seed,
                "status": str(result.status), "objective": result.objective,
                "best_bound": result.best_bound, "gap": result.gap,
                "build_seconds": round(result.build_seconds, 4),
                "solve_seconds": round(result.solve_seconds, 4),
                "time_limit": args.time_limit, "cpus": os.cpu_count(),
                "python": platform.python_version(), "ortools": ortools.__version__,
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
            })
            print(f"workers={workers} seed={seed} {result.status} objective={result.objective} "
                  f"build={result.build_seconds:.3f}s solve={result.solve_seconds:.3f}s",
                  file=sys.stderr)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)

    print("workers  runs  median_build_s  median_solve_s  median_total_s  statuses")
    for workers in args.workers:
        mine = [r for r in rows if r["workers"] == workers]
        build = statistics.median(r["build_seconds"] for r in mine)
        solve_s = statistics.median(r["solve_seconds"] for r in mine)
        total = statistics.median(r["build_seconds"] + r["solve_seconds"] for r in mine)
        statuses = ",".join(sorted({r["status"] for r in mine}))
        print(f"{workers:>7}  {len(mine):>4}  {build:>14.3f}  {solve_s:>14.3f}  {total:>14.3f}  "
              f"{statuses}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
