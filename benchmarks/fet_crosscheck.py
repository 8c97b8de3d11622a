"""FET and aligner check each other's timetables on the FET examples that import whole.

    python benchmarks/fet_crosscheck.py          # whole files of results/fet_corpus.csv
    python benchmarks/fet_crosscheck.py --files FET-5-official/Brazil/2/EEBLJ-Noturno.fet
    python benchmarks/fet_crosscheck.py --all --out benchmarks/results/fet_soundness.csv

For every file that ``aligner import-fet`` imports with nothing dropped (the ``whole`` column of
``results/fet_corpus.csv``), both ways:

1. FET's own timetable: fet-cl solves the original file; its timetable, read back through the
   import's ``fet_mapping.json`` (``read-fet-timetable``), must pass ``aligner check`` on the
   imported instance (our rules mean what FET's mean: nothing of ours is stricter);
2. aligner's timetable: ``aligner solve`` (its timetable passes the checker first) exported
   with ``export-fet --solution`` (every activity locked at its place, rooms too) must be
   accepted by fet-cl and come back unchanged (nothing of FET's is stricter than ours);
3. and fet-cl solves ``export-fet``'s file of the instance (no solution): its timetable, read
   back with ``--fet``, must pass ``aligner check`` (the export says the same rules).

Each disagreement is printed and kept in the CSV (``disagreement``). With ``--all``, step 1
only, on every file that imports (dropped rules make the instance a relaxation of FET's
problem, so FET's timetable must still pass the checker: a test of soundness).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import subprocess
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ortools

from aligner.check import check_solution
from aligner.export import write_files, write_outputs
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
from aligner.instance import Instance
from aligner.io import InputError, InputWarning, load_instance
from aligner.solver.pipeline import solve
from aligner.solver.settings import SolverSettings
from aligner.timetable import Timetable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path("/usr/share/doc/fet-data/examples")
FIELDS = ["file", "activities", "fet_status", "fet_seconds", "fet_check",
          "aligner_status", "aligner_seconds", "aligner_check", "locked_status",
          "locked_seconds", "locked_same", "export_status", "export_seconds", "export_check",
          "disagreement", "workers", "seed", "time_limit", "fet_timeout", "load", "when"]


def fet(fet_file: Path, out: Path, timeout: int) -> tuple[str, float]:
    """fet-cl: ('solved' | 'time limit' | 'refused: ...' | 'error ...', wall seconds)."""
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            ["fet-cl", f"--inputfile={fet_file}", f"--outputdir={out}",
             f"--timelimitseconds={timeout}", "--htmllevel=0", "--language=en_US"],
            capture_output=True, text=True, timeout=timeout + 120, check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        return "killed", time.perf_counter() - started
    seconds = time.perf_counter() - started
    log = out / "logs" / "result.txt"
    text = done.stdout + (log.read_text(encoding="utf-8", errors="replace") if log.exists()
                          else "")
    if done.returncode == 0 and "Simulation successful" in text:
        return "solved", seconds
    if "data is wrong" in text or "Cannot" in text:
        reason = next((line.strip() for line in done.stdout.splitlines()
                       if line.startswith("Message:")), "")
        return f"refused: {reason.removeprefix('Message: ')[:200]}", seconds
    if "Time exceeded" in text or "time limit" in text.lower():
        return "time limit", seconds
    return f"error (exit {done.returncode})", seconds


def checked(instance: Instance, timetable: Timetable, directory: Path) -> str:
    """The independent checker on a timetable: 'ok' or the broken rules with an example."""
    write_files(directory, {
        "lessons.csv": (csv_text(lessons_frame(instance, timetable)), "utf-8-sig"),
        "sessions.csv": (csv_text(sessions_frame(instance, timetable)), "utf-8-sig")})
    report = check_solution(instance, directory)
    if report.ok:
        return "ok"
    rules = sorted({v.rule for v in report.violations})
    return f"{len(report.violations)} violations ({', '.join(rules)}): {report.violations[0]}"


def placed(directory: Path) -> list[tuple[str, ...]]:
    columns = ("school_id", "class_id", "subject", "teacher_id", "day", "period", "room_id",
               "lesson_id")
    with (directory / "lessons.csv").open(encoding="utf-8-sig") as stream:
        return sorted(tuple(row.get(c, "") for c in columns) for row in csv.DictReader(stream))


def cross_check(relative: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    source = args.examples / relative
    row: dict[str, Any] = {"file": relative}
    imported = import_fet(source)
    directory = work / "instance"
    write_files(directory, imported.files())
    instance = load_instance(directory)
    row["activities"] = imported.mapping.get("imported_activities",
                                             len(imported.mapping["activities"]))
    notes = []
    # 1. FET's timetable of its own file, checked by aligner
    row["fet_status"], seconds = fet(source, work / "fet", args.fet_timeout)
    row["fet_seconds"] = round(seconds, 2)
    if row["fet_status"] == "solved":
        try:
            outcome = read_fet_output(work / "fet")
            timetable = timetable_from_import(instance, imported.mapping, outcome.placements,
                                              outcome.rooms)
            row["fet_check"] = checked(instance, timetable, work / "fet-solution")
        except FetTimetableError as exc:
            row["fet_check"] = f"unreadable: {exc}"
        if row["fet_check"] != "ok":
            notes.append(f"FET's timetable fails aligner check: {row['fet_check']}")
    if args.all:
        row["disagreement"] = "; ".join(notes)
        return row
    # 2. aligner's timetable, locked in FET
    started = time.perf_counter()
    result = solve(instance, SolverSettings(time_limit=args.time_limit, workers=args.workers,
                                            seed=args.seed))
    row["aligner_status"] = str(result.status)
    row["aligner_seconds"] = round(time.perf_counter() - started, 2)
    if result.timetable is not None:
        ours = work / "ours"
        write_outputs(result, ours)
        report = check_solution(instance, ours, require_reports=True)
        row["aligner_check"] = "ok" if report.ok else f"{len(report.violations)} violations"
        locked = work / "locked.fet"
        locked.write_text(export_fet(instance, ours).text, encoding="utf-8")
        row["locked_status"], seconds = fet(locked, work / "fet-locked", args.fet_timeout)
        row["locked_seconds"] = round(seconds, 2)
        if row["locked_status"] == "solved":
            outcome = read_fet_output(work / "fet-locked")
            back = timetable_from_export(instance, locked, outcome.placements, outcome.rooms)
            checked(instance, back, work / "back")
            row["locked_same"] = "yes" if placed(work / "back") == placed(ours) else "no"
            if row["locked_same"] != "yes":
                notes.append("FET moved a locked timetable")
        else:
            notes.append(f"fet-cl does not accept aligner's timetable: {row['locked_status']}")
    # 3. fet-cl solving the export of the instance
    exported = work / "exported.fet"
    exported.write_text(export_fet(instance).text, encoding="utf-8")
    row["export_status"], seconds = fet(exported, work / "fet-export", args.fet_timeout)
    row["export_seconds"] = round(seconds, 2)
    if row["export_status"] == "solved":
        outcome = read_fet_output(work / "fet-export")
        timetable = timetable_from_export(instance, exported, outcome.placements, outcome.rooms)
        row["export_check"] = checked(instance, timetable, work / "export-solution")
        if row["export_check"] != "ok":
            notes.append(f"FET's timetable of the export fails aligner check: "
                         f"{row['export_check']}")
    row["disagreement"] = "; ".join(notes)
    return row


def load() -> str:
    return os.getloadavg().__repr__() if hasattr(os, "getloadavg") else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument("--corpus", type=Path,
                        default=ROOT / "benchmarks" / "results" / "fet_corpus.csv",
                        help="fet_corpus.py's CSV: its whole files are checked")
    parser.add_argument("--files", nargs="*", help="these files instead (relative paths)")
    parser.add_argument("--all", action="store_true",
                        help="every file that imports, FET's timetable only (soundness)")
    parser.add_argument("--fet-timeout", type=int, default=120)
    parser.add_argument("--time-limit", type=float, default=120.0, help="aligner's")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks" / "results" / "fet_crosscheck.csv")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", InputWarning)
    if args.files:
        files = args.files
    else:
        with args.corpus.open(encoding="utf-8") as stream:
            rows = [r for r in csv.DictReader(stream) if r["file"] != "TOTAL"]
        files = [r["file"] for r in rows if (r["whole"] == "yes" or (
            args.all and not r["error"]))]
    out_rows = []
    for relative in files:
        with tempfile.TemporaryDirectory() as scratch:
            try:
                row = cross_check(relative, Path(scratch), args)
            except (InputError, FetTimetableError) as exc:
                row = {"file": relative, "disagreement": f"error: {exc}"[:300]}
        row |= {"workers": args.workers, "seed": args.seed, "time_limit": args.time_limit,
                "fet_timeout": args.fet_timeout, "load": load(),
                "when": datetime.now(UTC).isoformat(timespec="seconds")}
        out_rows.append(row)
        print(f"{relative}: " + ", ".join(f"{k}={row.get(k, '')}" for k in FIELDS[1:15]
                                          if row.get(k, "") != ""), file=sys.stderr, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=FIELDS, restval="")
        writer.writeheader()
        writer.writerows(out_rows)
    print(f"wrote {args.out} ({len(out_rows)} files; FET {_version()}, OR-Tools "
          f"{ortools.__version__}, Python {platform.python_version()}, {os.cpu_count()} CPUs)",
          file=sys.stderr)
    bad = [r for r in out_rows if r.get("disagreement")]
    print(f"{len(out_rows)} files, {len(bad)} with a disagreement")
    for r in bad:
        print(f"  {r['file']}: {r['disagreement']}")
    return 0


def _version() -> str:
    done = subprocess.run(["fet-cl", "--version"], capture_output=True, text=True, check=False)
    return (done.stdout.splitlines() or [""])[0].removeprefix("FET version ")


if __name__ == "__main__":
    sys.exit(main())
