"""First timetables on FET's whole example files, the solve alone, medians of several runs.

    python benchmarks/bench_quick.py --runs 3                       # this checkout
    python benchmarks/bench_quick.py --runs 3 --against /tmp/before  # side by side
    python benchmarks/bench_quick.py --cases MAPS KPS --runs 6

What ``aligner solve --first`` spends between a read instance and its first timetable (the
quick stage, the model built; see docs/search.md), without the process's start-up or fet-cl:
the quick stage's attempts are CP-SAT runs whose luck varies with two workers, so one run per
file (as in ``fet_race.py --first-only``) says little about a change to them. Each run is a
child process that imports the package of its checkout (``--against DIR``, a git worktree of
another commit, alternating with this one run by run, so that both share the machine's moods),
reads the instance (not timed), solves it for its first timetable (timed) and passes it to the
independent checker (that checkout's). One row per run in ``results/quick.csv``; the medians per
file and checkout are printed. By default the files of ``results/fet_corpus.csv`` that import
whole, except those where no first timetable came within 15 s in the last race
(:data:`SLOW`, a minute each when they fail).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import ortools
from fet_race import EXAMPLES, check_timetable
from machine import commit

from aligner.bench.run import cpu_model
from aligner.export import write_files
from aligner.fet import import_fet
from aligner.io import load_instance

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SLOW = ("JMSS", "ConcordiaY15T1a", "KalengaPSY15T1a", "MAPSY16T1d", "NamibiaPSY16T1f",
        "KalengaPSY2017T1d", "NehaleSS2017T1a")
FIELDS = ["case", "activities", "run", "commit", "status", "seconds", "stages", "check",
          "workers", "seed", "time_limit", "cpus", "cpu", "load_1m", "ortools", "when"]


def _child(directory: Path, out: Path, workers: int, time_limit: float) -> None:
    """In the child process: read, solve for the first timetable (timed), check it, print one
    JSON line."""
    from aligner.solver.pipeline import solve
    from aligner.solver.settings import SolverSettings

    instance = load_instance(directory)
    # (spelled out rather than SolverSettings.for_first_timetable: the child may import an
    # older checkout's aligner, through --against)
    settings = SolverSettings(time_limit=time_limit, workers=workers, seed=0, lp_start=False,
                              quick_start=True, params=(("stop_after_first_solution", "true"),))
    started = time.perf_counter()
    result = solve(instance, settings)
    seconds = time.perf_counter() - started
    check = (check_timetable(result.instance, result.timetable, out)[0]
             if result.timetable is not None else "")
    print(json.dumps({"status": str(result.status), "seconds": round(seconds, 3),
                      "check": check,
                      "stages": [f"{s['stage']}:{s['status']}:{s['seconds']}"
                                 for s in result.stages]}))


def _run(directory: Path, out: Path, checkout: Path, args: argparse.Namespace) -> dict:
    environment = os.environ | {"PYTHONPATH": os.pathsep.join(
        [str(checkout), str(Path(__file__).resolve().parent)])}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(directory), "--child-out", str(out),
         "--workers", str(args.workers), "--time-limit", str(args.time_limit)],
        capture_output=True, text=True, env=environment, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"status": f"error (exit {done.returncode})", "seconds": "", "check": "",
                "stages": done.stderr.strip().splitlines()[-1:]}
    return json.loads(lines[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--whole", type=Path, default=RESULTS / "fet_corpus.csv")
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument("--cases", nargs="*", help="file stems (default: the whole files "
                        "but the slow ones)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="another checkout (a git worktree), run by run beside this one")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=RESULTS / "quick.csv")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        _child(args.child, args.child_out, args.workers, args.time_limit)
        return 0
    with args.whole.open(encoding="utf-8") as stream:
        files = [Path(r["file"]) for r in csv.DictReader(stream) if r["whole"] == "yes"]
    files = [f for f in files if (f.stem in args.cases if args.cases else f.stem not in SLOW)]
    checkouts = [ROOT] + ([args.against.resolve()] if args.against else [])
    commits = {checkout: commit(checkout) for checkout in checkouts}
    new = not args.out.exists()
    with args.out.open("a", newline="", encoding="utf-8") as stream, \
            tempfile.TemporaryDirectory() as scratch:
        writer = csv.DictWriter(stream, fieldnames=FIELDS)
        if new:
            writer.writeheader()
        for fet_file in files:
            imported = import_fet(args.examples / fet_file)
            directory = Path(scratch) / fet_file.stem
            write_files(directory, imported.files())
            seconds: dict[Path, list[float]] = {c: [] for c in checkouts}
            for run in range(1, args.runs + 1):
                for which, checkout in (list(enumerate(checkouts)) if run % 2
                                        else list(enumerate(checkouts))[::-1]):
                    out = Path(scratch) / f"{fet_file.stem}-{run}-{which}"
                    outcome = _run(directory, out, checkout, args)
                    check = outcome["check"]
                    if check == "ok":
                        seconds[checkout].append(outcome["seconds"])
                    writer.writerow({
                        "case": fet_file.stem, "activities": len(imported.mapping["activities"]),
                        "run": run, "commit": commits[checkout], "status": outcome["status"],
                        "seconds": outcome["seconds"], "stages": " ".join(outcome["stages"]),
                        "check": check, "workers": args.workers, "seed": 0,
                        "time_limit": args.time_limit, "cpus": os.cpu_count(), "cpu": cpu_model(),
                        "load_1m": round(os.getloadavg()[0], 2), "ortools": ortools.__version__,
                        "when": datetime.now(UTC).isoformat(timespec="seconds")})
                    stream.flush()
            medians = "  ".join(
                f"{commits[c]} {statistics.median(s):.3f} s ({len(s)}/{args.runs})"
                if s else f"{commits[c]} none" for c, s in seconds.items())
            print(f"{fet_file.stem:32} {medians}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
