"""Minimal change, measured: one realistic change to an instance, then a re-solve from the
timetable it had (``solve --from``) against a solve from scratch; write tidy CSV.

    python benchmarks/bench_changes.py                                  # every case, 3 runs
    python benchmarks/bench_changes.py --instances lanxi pair --runs 1 --out /tmp/changes.csv

Instances: the two shipped examples (lanxi, lianyun) and generated pair, county and city
(seed 1). Changes, each applied to the tables as an office would:

- ``teacher_morning``: the teacher with the most lessons becomes unavailable on Monday morning;
- ``course_added``: a new delivery course (1 a week) from a hub teacher with room in her load to
  a receiving class that had the subject locally (one of its local lessons becomes online);
- ``bells_moved``: one school rings every bell 10 minutes later (a receiving school first; 10
  minutes earlier, or 5, where 10 later would leave a course no overlapping period at all);
- ``class_removed``: a class outside every course closes (its curriculum rows go).

Per case: ``least_moves`` (places of the old week no timetable of the new instance can keep,
:func:`aligner.changes.least_moves`), ``moved_from`` (places not kept by the re-solve: the
changes term), ``moved_scratch`` (places not kept by a solve from scratch), the ratio
moved_from / least_moves (goal: at most 2), whether the re-solve is proven optimal (every
component), and the medians of ``--runs`` wall times of both solves (seeds 0..runs-1). Every
timetable goes through the independent checker.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import ortools

from aligner.changes import least_moves, places, with_previous
from aligner.check import check_solution
from aligner.export import write_outputs
from aligner.io import load_instance
from aligner.io.previous import read_previous
from aligner.model.objective import changes_left
from aligner.solver.pipeline import solve
from aligner.solver.result import Result
from aligner.solver.settings import SolverSettings

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["instance", "change", "what", "places", "least_moves", "moved_from", "moved_scratch",
          "ratio", "goal_met", "status_from", "optimal_from", "status_scratch",
          "seconds_from", "seconds_scratch", "runs", "workers", "jobs", "time_limit",
          "checker_violations", "cpus", "python", "ortools", "when"]
Rows = dict[str, list[dict[str, str]]]


# ---- the instances ---------------------------------------------------------------------------


def instance_dir(name: str, work: Path) -> Path:
    """A fresh copy of a shipped example, or a generated instance written out."""
    target = work / name
    if name in ("lanxi", "lianyun"):
        source = ROOT / "data" / ("lanxi-2022-winter" if name == "lanxi" else "lianyun-xugou")
        shutil.copytree(source, target)
        return target
    from aligner.generate import generate

    return generate(name, 1).write(target)


def read_rows(directory: Path) -> Rows:
    return {path.stem: list(csv.DictReader(path.open(encoding="utf-8-sig")))
            for path in directory.glob("*.csv")}


CURRENT = Path()
"""The instance directory being changed (bells_moved tries its moves on copies)."""
OLD = Path()
"""The solution of the instance before the change (class_removed reads its teacher loads)."""


def write_rows(directory: Path, rows: Rows, source: Path | None = None) -> None:
    for name, table in rows.items():
        path = directory / f"{name}.csv"
        header_of = (source or directory) / f"{name}.csv"
        columns = list(table[0]) if table else next(csv.reader(header_of.open(
            encoding="utf-8-sig")))
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=columns)
            writer.writeheader()
            writer.writerows(table)


# ---- the changes ---------------------------------------------------------------------------


def lessons_of_teachers(rows: Rows) -> Counter[str]:
    count: Counter[str] = Counter()
    for r in rows["curriculum"]:
        for t in r["teacher_id"].split("+"):
            if t:
                count[t] += int(r["per_week"])
    return count


def teacher_morning(rows: Rows) -> str:
    busiest = sorted(lessons_of_teachers(rows).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    for t in rows["teachers"]:
        if t["teacher_id"] == busiest:
            t["unavailable"] = ";".join(p for p in (t.get("unavailable", ""), "Mon:am") if p)
    return f"teacher {busiest} unavailable on Monday morning"


def course_added(rows: Rows) -> str:
    load = lessons_of_teachers(rows)
    reached = {(c["receiving_school"], c["receiving_class"], c["subject"]) for c in rows["sync"]}
    for c in rows["sync"]:
        hub, school = c["hub_school"], c["receiving_school"]
        for r in rows["curriculum"]:
            key = (r["school_id"], r["class_id"], r["subject"])
            if r["school_id"] != school or key in reached or not r["teacher_id"] \
                    or "+" in r["class_id"] + r["teacher_id"] or int(r["per_week"]) < 2:
                continue
            for t in rows["teachers"]:
                teaches = any(x["teacher_id"] == t["teacher_id"] and x["subject"] == r["subject"]
                              for x in rows["curriculum"])
                cap = float(t["max_load"]) if t.get("max_load") else 99.0
                if t["school_id"] == hub and teaches and load[t["teacher_id"]] + 3 <= cap:
                    rows["sync"].append({**{k: "" for k in c}, "course_id": "bench-new",
                                         "form": "delivery", "hub_school": hub,
                                         "hub_teacher": t["teacher_id"],
                                         "receiving_school": school,
                                         "receiving_class": r["class_id"],
                                         "subject": r["subject"], "per_week": "1",
                                         "assistant_teacher": r["teacher_id"]})
                    return (f"course bench-new: {r['subject']} from {t['teacher_id']} of {hub} "
                            f"to {school} {r['class_id']}")
    raise ValueError("no course to add")


def bells_moved(rows: Rows) -> str:
    """The first receiving school whose bells can ring 10 minutes later with every course still
    possible (a move that makes a course impossible is no realistic office decision)."""
    from aligner.diagnose.capacity import capacity_findings

    schools = [*dict.fromkeys(c["receiving_school"] for c in rows["sync"]),
               *dict.fromkeys(c["hub_school"] for c in rows["sync"])]
    for shift, school in ((s, school) for s in (10, -10, 5, -5) for school in schools):
        trial = {name: [dict(r) for r in table] for name, table in rows.items()}
        for b in trial["bells"]:
            if b["school_id"] == school:
                for column in ("start", "end"):
                    hours, minutes = map(int, b[column].split(":"))
                    total = hours * 60 + minutes + shift
                    b[column] = f"{total // 60:02d}:{total % 60:02d}"
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            for path in ("instance.yaml",):
                shutil.copy(CURRENT / path, folder / path)
            write_rows(folder, trial, CURRENT)
            if not capacity_findings(load_instance(folder)):
                rows.update(trial)
                return (f"{school} rings every bell {abs(shift)} minutes "
                        + ("later" if shift > 0 else "earlier"))
    raise ValueError("no school whose bells can move")


def class_removed(rows: Rows) -> str:
    """The last class outside every course closes; its teachers' min_load drops to what they
    still teach where it would no longer be met (as the office would set it)."""
    involved = {(c["hub_school"], c["hub_class"]) for c in rows["sync"]} | {
        (c["receiving_school"], c["receiving_class"]) for c in rows["sync"]}
    for k in reversed(rows["classes"]):
        key = (k["school_id"], k["class_id"])
        combined = any("+" in r["class_id"] and key[1] in r["class_id"].split("+")
                       for r in rows["curriculum"] if r["school_id"] == key[0])
        if key in involved or combined:
            continue
        rows["classes"].remove(k)
        rows["curriculum"] = [r for r in rows["curriculum"]
                              if (r["school_id"], r["class_id"]) != key]
        if "pinned" in rows:
            rows["pinned"] = [p for p in rows["pinned"]
                              if (p["school_id"], p.get("class_id", "")) != key]
        # what each teacher of the class is still credited with in the old week, less the
        # class's lessons (its sessions' assistants keep their other duties): the office
        # lowers min_load to it where it would no longer be met
        loads = {r["teacher_id"]: float(r["credited"]) for r in csv.DictReader(
            (OLD / "teacher_load.csv").open(encoding="utf-8-sig"))}
        lost: Counter[str] = Counter()
        for r in csv.DictReader((OLD / "lessons.csv").open(encoding="utf-8-sig")):
            if (r["school_id"], r["class_id"]) == key and r["mode"] == "local":
                lost.update(r["teacher_id"].split("+"))
        for t in rows["teachers"]:
            left = loads.get(t["teacher_id"], 0.0) - lost[t["teacher_id"]]
            if t.get("min_load") and float(t["min_load"]) > left:
                t["min_load"] = f"{max(0.0, left):g}"
        for c in rows["classes"]:
            if c.get("head_teacher") and not any(
                    t["teacher_id"] == c["head_teacher"] for t in rows["teachers"]):
                c["head_teacher"] = ""
        return f"class {key[1]} of {key[0]} closes"
    raise ValueError("no class to remove")


CHANGES: dict[str, Callable[[Rows], str]] = {
    "teacher_morning": teacher_morning, "course_added": course_added,
    "bells_moved": bells_moved, "class_removed": class_removed}


# ---- one case ------------------------------------------------------------------------------


def solved(directory: Path, out: Path, settings: SolverSettings,
           previous: Path | None = None) -> tuple[Result, float, int]:
    """Solve (from ``previous`` when given), write, check: (result, wall seconds, violations)."""
    import time

    instance = load_instance(directory)
    if previous is not None:
        instance = with_previous(instance, read_previous(previous, instance))
    started = time.perf_counter()
    result = solve(instance, settings)
    seconds = time.perf_counter() - started
    if not result.found or str(result.status) not in ("OPTIMAL", "FEASIBLE"):
        raise RuntimeError(f"{directory.name}: no whole timetable ({result.status})")
    write_outputs(result, out)
    violations = len([v for v in check_solution(load_instance(directory), out).violations
                      if v.hard])
    return result, seconds, violations


def case(name: str, change: str, work: Path, runs: int, settings: SolverSettings
         ) -> dict[str, object]:
    base = instance_dir(name, work / f"{name}-{change}")
    old = work / f"{name}-{change}-old"
    solved(base, old, settings)
    global CURRENT, OLD
    CURRENT, OLD = base, old
    rows = read_rows(base)
    what = CHANGES[change](rows)
    write_rows(base, rows)
    instance = load_instance(base)
    previous = with_previous(instance, read_previous(old, instance))
    least = least_moves(previous)
    times_from, times_scratch = [], []
    violations = 0
    for seed in range(runs):
        run = SolverSettings(**{**settings.__dict__, "seed": seed})
        fresh, t_scratch, v1 = solved(base, work / f"{name}-{change}-scratch", run)
        kept, t_from, v2 = solved(base, work / f"{name}-{change}-from", run, previous=old)
        times_from.append(t_from)
        times_scratch.append(t_scratch)
        violations += v1 + v2
    assert fresh.timetable is not None
    assert kept.timetable is not None
    moved_scratch = changes_left(previous, fresh.timetable)
    moved_from = changes_left(previous, kept.timetable)
    optimal = str(kept.status) == "OPTIMAL" and all(
        c.get("status") == "OPTIMAL" for c in kept.components)
    ratio = moved_from / least if least else (0.0 if moved_from == 0 else float("inf"))
    return {
        "instance": name, "change": change, "what": what,
        "places": places(previous).count, "least_moves": least,
        "moved_from": moved_from, "moved_scratch": moved_scratch, "ratio": round(ratio, 3),
        "goal_met": moved_from <= 2 * least and optimal
        and statistics.median(times_from) <= statistics.median(times_scratch),
        "status_from": str(kept.status), "optimal_from": optimal,
        "status_scratch": str(fresh.status),
        "seconds_from": round(statistics.median(times_from), 3),
        "seconds_scratch": round(statistics.median(times_scratch), 3), "runs": runs,
        "workers": settings.workers, "jobs": settings.jobs, "time_limit": settings.time_limit,
        "checker_violations": violations, "cpus": os.cpu_count(),
        "python": platform.python_version(), "ortools": ortools.__version__,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", nargs="+",
                        default=["lanxi", "lianyun", "pair", "county", "city"])
    parser.add_argument("--changes", nargs="+", default=list(CHANGES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks" / "results" / "changes.csv")
    args = parser.parse_args(argv)
    settings = SolverSettings(time_limit=args.time_limit, workers=args.workers)
    results = []
    with tempfile.TemporaryDirectory(prefix="aligner-changes-") as scratch:
        for name in args.instances:
            for change in args.changes:
                row = case(name, change, Path(scratch), args.runs, settings)
                results.append(row)
                print(f"{name:8} {change:16} least {row['least_moves']:4} re-solve "
                      f"{row['moved_from']:4} scratch {row['moved_scratch']:5} ratio "
                      f"{row['ratio']:6} optimal {row['optimal_from']} {row['seconds_from']}s "
                      f"vs {row['seconds_scratch']}s", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(results)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0 if all(r["checker_violations"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
