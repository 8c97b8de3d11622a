"""Substitutions (代课), measured: a week of absence of one teacher at each school of a generated
instance, planned with ``aligner.substitute`` and re-verified by the independent checker; write
tidy CSV.

    python benchmarks/bench_substitute.py                                # pair, county, city
    python benchmarks/bench_substitute.py --presets pair county --runs 3 --out /tmp/subs.csv \
        --keep /tmp/subs          # keep each instance, timetable and plan

Per preset (``aligner.generate.generate(preset, seed)``, with the office rules as ``aligner
generate`` writes it unless ``--no-office-rules``): the instance is solved once (``--workers``,
seed 0, ``--time-limit``; ``solve_status``), written and checked; at each school the teacher
with the most commitments in that timetable (local lessons, sessions taught, sessions assisted;
ties by teacher id) is absent for the week ``--from``..``--to`` (Mon-Fri); ``substitute`` plans
every commitment (with swaps unless ``--no-swaps``), ``--runs`` times. ``seconds_median`` is the
median wall time of the whole call (reading the timetable and the instance from the solution
directory, planning), ``plan_seconds_median`` the planning alone (``Plan.seconds``). The plan is
the same every run (checked); it is written and passed through
:func:`aligner.check_substitutions` (``check_violations``, ``checked_rows``: the school ends of
the commitments the checker derives on its own from the timetable's files).

Columns: the counts of plan rows per kind (a row is one class, or a combined lesson's classes, in
one period of one date: a session taught from the hub has one row per school end), and
``commitments``, the absent teachers' duties on those days (a session taught counts once).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import ortools

from aligner.bench.run import cpu_model
from aligner.check import check_solution
from aligner.check.substitutions import check_substitutions
from aligner.export import write_outputs
from aligner.export.view import load_solution
from aligner.generate import generate
from aligner.io import load_instance
from aligner.living.schooldays import Absence
from aligner.living.substitute import KINDS, Planner, substitute
from aligner.solver.pipeline import solve
from aligner.solver.settings import SolverSettings

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["instance", "office_rules", "schools", "teachers", "teachers_absent", "from", "to",
          "commitments", "rows", "cover", "swap", "fallback", "none", "check_violations",
          "checked_rows", "seconds_median", "plan_seconds_median", "runs", "swaps",
          "workers", "seed", "time_limit", "solve_status", "solve_seconds",
          "solution_violations", "cpu_model", "cpus", "load_1min", "python", "ortools",
          "when"]


def absentees(out: Path, directory: Path) -> list[str]:
    """At each school (the instance's order), the teacher with the most commitments in the
    timetable written to ``out``; ties by teacher id."""
    view = load_solution(out, directory)
    chosen = []
    for school in view.instance.schools:
        staff = [t.teacher_id for t in view.instance.teachers if t.school_id == school.school_id]
        if staff:
            chosen.append(min(staff, key=lambda t: (-len(view.teacher_week(t)), t)))
    return chosen


def case(preset: str, seed: int, office_rules: bool, work: Path, first: dt.date,
         last: dt.date, runs: int, swaps: bool, settings: SolverSettings) -> dict[str, object]:
    directory = generate(preset, seed, office_rules).write(work / preset)
    instance = load_instance(directory)
    started = time.perf_counter()
    result = solve(instance, settings)
    solve_seconds = time.perf_counter() - started
    if not result.found:
        raise RuntimeError(f"{preset}: no timetable ({result.status})")
    out = work / f"{preset}-out"
    write_outputs(result, out)
    solution_violations = len([v for v in check_solution(load_instance(directory), out).violations
                               if v.hard])
    teachers = absentees(out, directory)
    absences = [Absence(t, first, last, "bench") for t in teachers]
    seconds, plan_seconds, files = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        plan = substitute(out, absences, instance=directory, swaps=swaps)
        seconds.append(time.perf_counter() - started)
        plan_seconds.append(plan.seconds)
        files.append(plan.files())
    if any(f != files[0] for f in files):
        raise RuntimeError(f"{preset}: the plan differs between runs")
    commitments = len(Planner(load_solution(out, directory), absences, None,
                              swaps).commitments())
    target = work / f"{preset}-plan"
    plan.write(target)
    report = check_substitutions(load_instance(directory), out, target)
    counts = plan.counts()
    return {
        "instance": f"{preset}-{seed}", "office_rules": office_rules,
        "schools": len(instance.schools), "teachers": len(instance.teachers),
        "teachers_absent": len(teachers), "from": first.isoformat(), "to": last.isoformat(),
        "commitments": commitments, "rows": len(plan.rows),
        **{kind: counts[kind] for kind in KINDS},
        "check_violations": len(report.violations), "checked_rows": report.commitments,
        "seconds_median": round(statistics.median(seconds), 3),
        "plan_seconds_median": round(statistics.median(plan_seconds), 3), "runs": runs,
        "swaps": swaps, "workers": settings.workers, "seed": settings.seed,
        "time_limit": settings.time_limit, "solve_status": str(result.status),
        "solve_seconds": round(solve_seconds, 1), "solution_violations": solution_violations,
        "cpu_model": cpu_model(), "cpus": os.cpu_count(),
        "load_1min": round(os.getloadavg()[0], 2), "python": platform.python_version(),
        "ortools": ortools.__version__, "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presets", nargs="+", default=["pair", "county", "city"])
    parser.add_argument("--seed", type=int, default=1, help="The generator's seed.")
    parser.add_argument("--no-office-rules", dest="office_rules", action="store_false")
    parser.add_argument("--from", dest="first", type=dt.date.fromisoformat,
                        default=dt.date(2022, 11, 7))
    parser.add_argument("--to", dest="last", type=dt.date.fromisoformat,
                        default=dt.date(2022, 11, 11))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-swaps", dest="swaps", action="store_false")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks" / "results" / "substitute.csv")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="Copy each instance, its timetable and the plan here.")
    args = parser.parse_args(argv)
    settings = SolverSettings(time_limit=args.time_limit, workers=args.workers, seed=0)
    results = []
    with tempfile.TemporaryDirectory(prefix="aligner-substitute-") as scratch:
        for preset in args.presets:
            row = case(preset, args.seed, args.office_rules, Path(scratch), args.first,
                       args.last, args.runs, args.swaps, settings)
            results.append(row)
            if args.keep:
                for name in (preset, f"{preset}-out", f"{preset}-plan"):
                    shutil.copytree(Path(scratch) / name, args.keep / name, dirs_exist_ok=True)
            print(f"{preset:8} {row['solve_status']} {row['teachers_absent']} absent, "
                  f"{row['commitments']} commitments, {row['rows']} rows: {row['cover']} cover "
                  f"{row['swap']} swap {row['fallback']} fallback {row['none']} none; checker "
                  f"{row['check_violations']} violations; {row['seconds_median']} s "
                  f"(plan {row['plan_seconds_median']} s), load {row['load_1min']}",
                  file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(results)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0 if all(r["check_violations"] == 0 and r["solution_violations"] == 0
                    for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
