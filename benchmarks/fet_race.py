"""The race: fet-cl and aligner solve on the same instances, on the same machine, in one run.

    python benchmarks/fet_race.py                          # default cases, 60 s limits
    python benchmarks/fet_race.py --time-limit 120 --fet-timeout 300 --only ACHILES-MANHA lanxi
    python benchmarks/fet_race.py --markdown benchmarks/results/fet_race.csv   # the table in docs/fet.md
    python benchmarks/fet_race.py --whole benchmarks/results/fet_corpus.csv --workers 1 \
        --out benchmarks/results/fet_race_whole.csv     # every example file imported whole
    python benchmarks/fet_race.py --whole benchmarks/results/fet_corpus.csv --first-only \
        --out benchmarks/results/fet_race_whole_first.csv   # first timetables only

Cases are FET example files (Debian's fet-data) and aligner instances. A FET example is imported
(``aligner import-fet``) and FET solves the original file with all its constraints; then both
engines solve the *same* problem: the imported instance, exported back to FET
(``aligner export-fet``) for fet-cl. An aligner instance is exported to FET and solved by both.
Every FET timetable is read back (``read-fet-timetable``) and re-verified by the independent
checker, which also recomputes aligner's objective on it. Timings are wall clock: fet-cl's
includes starting the process and reading the file; aligner's is model build + solve (the
instance already read), each independent component solved in turn, as `aligner solve` does in
one process (the time limit applies to each). aligner's time to a first timetable is measured
in a separate run of CP-SAT alone (no LP start) that stops at its first solution (CP-SAT's
stop_after_first_solution); the full run uses `aligner solve`'s default LP start. The
protocol and the latest figures are in benchmarks/README.md; nothing here is asserted by tests.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ortools

from aligner.check import check_solution
from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import explain
from aligner.export import write_files
from aligner.export.files import csv_text
from aligner.export.frames import lessons_frame, sessions_frame
from aligner.fet import import_fet
from aligner.fet.exporter import export_fet
from aligner.fet.output import (
    FetTimetableError,
    read_fet_output,
    timetable_from_export,
    timetable_from_import,
)
from aligner.generate import generate
from aligner.instance import Instance
from aligner.io import InputWarning, load_instance
from aligner.solver.pipeline import solve
from aligner.solver.settings import SolverSettings
from aligner.timetable import Timetable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path("/usr/share/doc/fet-data/examples")
FET_CASES = [
    "FET-5-terms/1/simple.fet",
    "FET-5-official/Brazil/3/ACHILES-MANHA.fet",
    "FET-5-official/Namibia/by-Bobby/set-7-2016/HashiyanaPSY16T2a.fet",
    "FET-5-official/Brazil/1/Brazil.fet",
    "FET-5-official/Brazil/1/Brazil-more-difficult.fet",
    "FET-5-official/Romania/Oradea/School-10-Oradea-2007-2008.fet",
    "FET-5-official/Saudi-Arabia/Arabic_Saudi_2.fet",
    "FET-5-official/Namibia/by-Bobby/set-2/may-take-hours/CONCORDIA.fet",
    "FET-5-mornings-afternoons/problem-cannot-be-solved/test-liviu7.fet",
    # the imported ACHILES-MANHA with FET's 95% min-days made hard (max_per_day 1 wherever a
    # subject has at most one lesson a day to give): no timetable exists
    "hard:FET-5-official/Brazil/3/ACHILES-MANHA.fet",
]
OUR_CASES = ["data/lanxi-2022-winter", "data/lianyun-xugou", "generate:pair:1",
             "generate:county:1", "pigeonhole"]
FIELDS = [
    "case", "kind", "activities", "imported_activities", "dropped_hard", "dropped_soft",
    "fet_original_status", "fet_original_seconds", "fet_original_soft_conflicts",
    "fet_original_check",
    "fet_status", "fet_seconds", "fet_soft_conflicts", "fet_objective", "fet_check",
    "aligner_first_seconds", "aligner_status", "aligner_seconds", "aligner_objective",
    "aligner_bound", "aligner_explanation", "time_limit", "fet_timeout", "workers",
    "quick_start", "seed",
    "cpus", "load_before", "load_after", "fet_version", "ortools", "when",
]


@dataclass
class FetRun:
    status: str
    seconds: float
    soft: float | None
    output: Path


def run_fet(fet_file: Path, out: Path, timeout: int) -> FetRun:
    """fet-cl with a time limit; status solved / refused (data is wrong) / time limit / error."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            ["fet-cl", f"--inputfile={fet_file}", f"--outputdir={out}",
             f"--timelimitseconds={timeout}", "--htmllevel=0", "--language=en_US"],
            capture_output=True, text=True, timeout=timeout + 60, check=False)
        text = done.stdout + done.stderr
        code = done.returncode
    except subprocess.TimeoutExpired:
        return FetRun("killed", time.perf_counter() - started, None, out)
    seconds = time.perf_counter() - started
    result = out / "logs" / "result.txt"
    text += result.read_text(encoding="utf-8", errors="replace") if result.exists() else ""
    if code == 0 and "Simulation successful" in text:
        soft = None
        with contextlib.suppress(FetTimetableError):
            soft = read_fet_output(out).soft_conflicts
        return FetRun("solved", seconds, soft, out)
    if "data is wrong" in text or "Cannot precompute" in text:
        return FetRun("refused (data is wrong)", seconds, None, out)
    if re.search(r"time exceeded|time limit|timelimit", text, re.IGNORECASE):
        return FetRun("time limit", seconds, None, out)
    return FetRun(f"error (exit {code})", seconds, None, out)


def check_timetable(instance: Instance, timetable: Timetable, scratch: Path) -> tuple[str, int]:
    """Write the timetable and run the independent checker: ('ok' or 'N violations', objective)."""
    write_files(scratch, {"lessons.csv": (csv_text(lessons_frame(instance, timetable)), "utf-8-sig"),
                          "sessions.csv": (csv_text(sessions_frame(instance, timetable)),
                                           "utf-8-sig")})
    report = check_solution(instance, scratch)
    rules = sorted({v.rule for v in report.violations})
    verdict = "ok" if report.ok else f"{len(report.violations)} violations ({', '.join(rules)})"
    return verdict, report.objective


def _solve(instance: Instance, settings: SolverSettings) -> tuple[Any, float]:
    """As `aligner solve` does: one model, or each independent component in turn (one
    process); the wall seconds of model building and solving."""
    started = time.perf_counter()
    result = solve(instance, settings)
    return result, time.perf_counter() - started


def race_aligner(instance: Instance, args: argparse.Namespace) -> dict[str, Any]:
    first, first_seconds = _solve(instance, SolverSettings(
        time_limit=args.time_limit, workers=args.workers, seed=0).for_first_timetable(
        quick_start=args.quick_start))
    first_row = {"aligner_first_seconds": round(first_seconds, 3)
                 if first.found or str(first.status) == "INFEASIBLE" else ""}
    if args.first_only:
        return first_row
    full, seconds = _solve(instance, SolverSettings(time_limit=args.time_limit,
                                                    workers=args.workers, seed=0,
                                                    quick_start=args.quick_start))
    explanation = ""
    if str(full.status) == "INFEASIBLE":
        started = time.perf_counter()
        why = explain(instance, capacity_findings(instance),
                      SolverSettings(workers=args.workers, explain_time=args.time_limit))
        sentences = why.sentences
        explanation = (f"{len(sentences)} reason(s) in {time.perf_counter() - started:.1f} s: "
                       + " / ".join(sentences[:3]))
    return first_row | {
        "aligner_explanation": explanation,
        "aligner_status": str(full.status),
        "aligner_seconds": round(seconds, 3),
        "aligner_objective": full.objective if full.objective is not None else "",
        "aligner_bound": "" if full.best_bound is None else round(full.best_bound),
    }


def solve_export(instance: Instance, fet_file: Path, out: Path,
                 timeout: int) -> tuple[FetRun, dict[str, Any]]:
    """fet-cl on an export of the instance, its timetable read back and checked: the run and
    ``check`` (ok, the violations, or why it is unreadable) and ``objective`` when solved."""
    run = run_fet(fet_file, out, timeout)
    verdict: dict[str, Any] = {}
    if run.status == "solved":
        try:
            outcome = read_fet_output(run.output)
            timetable = timetable_from_export(instance, fet_file, outcome.placements,
                                              outcome.rooms)
            verdict["check"], verdict["objective"] = check_timetable(instance, timetable,
                                                                     out / "solution")
        except FetTimetableError as exc:
            verdict["check"] = f"unreadable: {exc}"
    return run, verdict


def race_same(instance: Instance, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """export-fet, fet-cl, read back, check."""
    fet_file = work / "same.fet"
    fet_file.write_text(export_fet(instance).text, encoding="utf-8")
    run, verdict = solve_export(instance, fet_file, work / "fet-same", args.fet_timeout)
    return {"fet_status": run.status, "fet_seconds": round(run.seconds, 3),
            "fet_soft_conflicts": "" if run.soft is None else run.soft} | {
        f"fet_{key}": value for key, value in verdict.items()}


def fet_case(relative: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    hard = relative.startswith("hard:")
    source = args.examples / relative.removeprefix("hard:")
    imp = import_fet(source)
    if hard:
        days = len(imp.settings["days"])
        for row_ in imp.tables["curriculum"]:
            if 2 <= row_["per_week"] - int(row_["doubles"] or 0) <= days:
                row_["max_per_day"] = 1
    directory = work / "instance"
    write_files(directory, imp.files())
    instance = load_instance(directory)
    row: dict[str, Any] = {
        "case": source.stem + (" (spread made hard)" if hard else ""), "kind": "FET example",
        "activities": len(imp.mapping["activities"]) + sum(
            x.count for x in imp.losses if x.what.startswith("Activity")),
        "imported_activities": len(imp.mapping["activities"]),
        "dropped_hard": sum(x.count for x in imp.losses if max(x.weights) >= 100),
        "dropped_soft": sum(x.count for x in imp.losses if max(x.weights) < 100),
    }
    if hard:
        return row | race_same(instance, work, args) | race_aligner(instance, args)
    original = run_fet(source, work / "fet-original", args.fet_timeout)
    row |= {"fet_original_status": original.status,
            "fet_original_seconds": round(original.seconds, 3),
            "fet_original_soft_conflicts": "" if original.soft is None else original.soft}
    if original.status == "solved":
        try:
            outcome = read_fet_output(original.output)
            timetable = timetable_from_import(instance, imp.mapping, outcome.placements,
                                              outcome.rooms)
            row["fet_original_check"] = check_timetable(instance, timetable,
                                                        work / "fet-original-solution")[0]
        except FetTimetableError as exc:
            row["fet_original_check"] = f"unreadable: {exc}"
    return row | race_same(instance, work, args) | race_aligner(instance, args)


def pigeonhole(directory: Path) -> None:
    """A school whose two teachers of one class can both come only on Monday morning (periods
    1-3) and have 2 lessons each with it: 4 lessons, 3 periods. Each teacher alone fits, and
    so does the class (FET's precomputation looks at them one at a time and lets it through);
    no timetable exists."""
    from aligner.io.writer import write_instance

    slots = [(f"{8 + p:02d}:00", f"{8 + p:02d}:40") for p in range(6)]
    away = "Mon:4-6;Tue;Wed;Thu;Fri"
    write_instance(directory, {"name": "pigeonhole", "season": "standard"}, {
        "schools": [{"school_id": "s", "name": "s"}],
        "bells": [{"school_id": "s", "season": "standard", "period": p, "start": a, "end": b}
                  for p, (a, b) in enumerate(slots, start=1)],
        "classes": [{"school_id": "s", "class_id": c, "grade": 1, "name": c} for c in "ab"],
        "teachers": [{"teacher_id": t, "school_id": "s", "name": t, "unavailable": away}
                     for t in ("t1", "t2")] + [{"teacher_id": "t3", "school_id": "s",
                                                 "name": "t3"}],
        "curriculum": [
            {"school_id": "s", "class_id": "a", "subject": "maths", "teacher_id": "t1",
             "per_week": 2},
            {"school_id": "s", "class_id": "a", "subject": "art", "teacher_id": "t2",
             "per_week": 2},
            {"school_id": "s", "class_id": "b", "subject": "maths", "teacher_id": "t3",
             "per_week": 20}]})


def our_case(spec: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    if spec == "pigeonhole":
        directory = work / "instance"
        pigeonhole(directory)
        name = spec
    elif spec.startswith("generate:"):
        _, preset, seed = spec.split(":")
        directory = work / "instance"
        generate(preset, int(seed)).write(directory)
        name = f"{preset}-seed{seed}"
    else:
        directory = ROOT / spec
        name = Path(spec).name
    instance = load_instance(directory)
    row: dict[str, Any] = {"case": name, "kind": "aligner instance",
                           "activities": export_fet(instance).activities}
    return row | race_same(instance, work, args) | race_aligner(instance, args)


def markdown(rows: list[dict[str, Any]]) -> str:
    """The table of the race in docs/fet.md."""
    lines = ["| case | FET activities (imported) | dropped hard / soft | FET on its own file: s, "
             "soft conflicts | FET on the same instance: s, soft conflicts, aligner objective of "
             "its timetable, `aligner check` | aligner: first timetable s | aligner: result, s, "
             "objective (bound) |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        activities = str(r["activities"]) + (f" ({r['imported_activities']})"
                                              if r.get("imported_activities") else "")
        dropped = (f"{r['dropped_hard']} / {r['dropped_soft']}" if r["kind"] == "FET example"
                   else "-")
        original = "-"
        if r.get("fet_original_status"):
            original = f"{r['fet_original_status']}, {float(r['fet_original_seconds']):.2f}"
            if r.get("fet_original_soft_conflicts") not in (None, ""):
                original += f", {float(r['fet_original_soft_conflicts']):g}"
            if r.get("fet_original_check"):
                original += f", check {r['fet_original_check']}"
        same = f"{r['fet_status']}, {float(r['fet_seconds']):.2f}"
        if r["fet_status"] == "solved":
            same += (f", {float(r['fet_soft_conflicts']):g}, {r.get('fet_objective', '')}, "
                     f"{r.get('fet_check', '')}")
        first = (f"{float(r['aligner_first_seconds']):.2f}"
                 if r.get("aligner_first_seconds") not in (None, "") else "-")
        result = f"{r['aligner_status']}, {float(r['aligner_seconds']):.2f}"
        if r.get("aligner_objective") not in (None, ""):
            result += f", {r['aligner_objective']} ({r['aligner_bound']})"
        lines.append(f"| {r['case']} | {activities} | {dropped} | {original} | {same} | {first} "
                     f"| {result} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument("--time-limit", type=float, default=60.0, help="aligner's, per solve")
    parser.add_argument("--fet-timeout", type=int, default=60, help="fet-cl's time limit")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quick-start", action="store_true",
                        help="aligner solve --quick-start (both of aligner's solves)")
    parser.add_argument("--first-only", action="store_true",
                        help="aligner's first timetable alone (no full solve to a proof)")
    parser.add_argument("--only", nargs="*", help="case names (file stems or directory names)")
    parser.add_argument("--whole", type=Path, metavar="CORPUS_CSV",
                        help="race the example files that fet_corpus.py's CSV marks whole "
                             "(instead of the default cases)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" /
                        "fet_race.csv")
    parser.add_argument("--markdown", type=Path, metavar="CSV",
                        help="only print docs/fet.md's table of an earlier run's CSV")
    args = parser.parse_args(argv)
    if args.markdown:
        with args.markdown.open(encoding="utf-8") as stream:
            print(markdown(list(csv.DictReader(stream))), end="")
        return 0
    warnings.simplefilter("ignore", InputWarning)
    version = subprocess.run(["fet-cl", "--version"], capture_output=True, text=True,
                             check=False).stdout.splitlines()[0].removeprefix("FET version ")
    common = {"time_limit": args.time_limit, "fet_timeout": args.fet_timeout,
              "workers": args.workers, "quick_start": args.quick_start,
              "cpus": os.cpu_count(), "fet_version": version,
              "ortools": ortools.__version__, "when": datetime.now(UTC).isoformat(timespec="seconds")}
    rows = []
    cases = [(c, fet_case) for c in FET_CASES] + [(c, our_case) for c in OUR_CASES]
    if args.whole:
        with args.whole.open(encoding="utf-8") as stream:
            cases = [(r["file"], fet_case) for r in csv.DictReader(stream)
                     if r["file"] != "TOTAL" and r["whole"] == "yes"]
    for spec, runner in cases:
        name = spec.split("/")[-1]
        if args.only and not any(o in spec for o in args.only):
            continue
        print(f"== {name}", file=sys.stderr, flush=True)
        before = round(os.getloadavg()[0], 2)
        with tempfile.TemporaryDirectory() as scratch:
            row = runner(spec, Path(scratch), args) | common
        row |= {"load_before": before, "load_after": round(os.getloadavg()[0], 2), "seed": 0}
        print("   " + ", ".join(f"{k}={row.get(k, '')}" for k in FIELDS[:-11]), file=sys.stderr,
              flush=True)
        rows.append(row)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=FIELDS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.out} ({len(rows)} cases; {platform.python_version()})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
