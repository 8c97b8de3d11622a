"""How much of every FET example file `aligner import-fet` carries over.

    python benchmarks/fet_corpus.py                                  # -> results/fet_corpus.csv
    python benchmarks/fet_corpus.py --out benchmarks/results/fet_corpus_before.csv
    python benchmarks/fet_corpus.py --summary benchmarks/results/fet_corpus.csv   # print totals

One row per ``.fet`` file under Debian's fet-data examples (236 files in fet-data 6.8.5): its
active activities, the activities imported, the constraint items dropped (every item the import
report lists under ``Not imported`` that is not an activity), whether the file imports whole
(nothing listed under ``Not imported``), and the dropped kinds (``what=count`` as the report
names them). The figures come from the importer's result (:class:`aligner.fet.FetImport`); the
script also checks that the report text lists exactly those items under its ``Not imported``
heading (scripts read that heading), and that the instance written reads back as
``aligner import-fet`` requires (``aligner.io.load_instance``). A file the importer refuses, or
whose instance would not read back (``import-fet`` then writes nothing), imports nothing: its
row has ``error`` set and 0 activities imported. A last row ``TOTAL`` sums the columns
(``whole``: the number of files imported whole; ``error``: the files that import nothing).
Nothing is solved; the run takes a few minutes on one core.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

from aligner.fet import import_fet, read_fet
from aligner.io import InputError, InputWarning, load_instance
from aligner.messages import set_language

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path("/usr/share/doc/fet-data/examples")
FIELDS = ["file", "activities", "activities_imported", "constraint_items_dropped",
          "activities_dropped", "whole", "dropped_kinds", "missing", "seconds", "error"]
CASCADE = "(dropped activities)"
"""A constraint dropped because the activities it names were dropped: it goes with them."""
_ITEM = re.compile(r"^  - (.*): (\d+) \(weight [^)]*\) - .*$")


def not_imported(report: str) -> list[tuple[str, int]]:
    """(what, count) of every line under the report's ``Not imported`` heading."""
    lines = report.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Not imported")), None)
    if start is None:
        return []
    items = []
    for line in lines[start + 1:]:
        match = _ITEM.match(line)
        if not match:
            break
        items.append((match.group(1), int(match.group(2))))
    return items


def family(what: str, why: str, weights: set[float]) -> str:
    """The rule aligner would need so that this dropped item could be carried over: one name
    for each family of FET constraints (students max gaps, min days apart > 1, ...)."""
    if weights and max(weights) < 100:
        return "soft constraints (weight below 100%)"
    if what.startswith("Teacher (mornings-afternoons") or "per real day" in why:
        return "mornings-afternoons mode"
    if what.startswith("Activity ("):
        return {"duration above 2": "lessons longer than 2 periods",
                "no students and no teacher": "activities of nobody",
                "duration 2 next to a break": "doubles next to a short break"}.get(
            what.removeprefix("Activity (").removesuffix(")"), "ids and cells (format limits)")
    if why.startswith(("refers to activities that were not imported",
                       "covers no imported activity")):
        return CASCADE
    if "more than a cell" in why:
        return "ids and cells (format limits)"
    rules = (
        ("MinDaysBetweenActivities", "min days apart > 1" if "more than one day" in why
         else "min days over several rows (different rooms, times or teachers)"),
        ("RealDay", "mornings-afternoons mode"), ("Morning", "mornings-afternoons mode"),
        ("Afternoon", "mornings-afternoons mode"),
        ("StudentsMaxGaps", "students max gaps"), ("StudentsSetMaxGaps", "students max gaps"),
        ("Gaps", "teachers max gaps"),
        ("StudentsMinHoursDaily", "students min hours daily"),
        ("StudentsSetMinHoursDaily", "students min hours daily"),
        ("MinHoursDaily", "teachers min hours daily"),
        ("EarlyMaxBeginnings", "early beginnings (students)"),
        ("ActivityTag", "activity tag rules"),
        ("StudentsMaxHoursDaily", "students max hours daily"),
        ("StudentsSetMaxHoursDaily", "students max hours daily"),
        ("Building", "buildings"), ("RoomChanges", "room changes"),
        ("Room", "rooms (virtual rooms, other room rules)"),
        ("SameStartingTime", "same starting time of single lessons"),
        ("PreferredStartingTime", "preferred times of single lessons"),
        ("PreferredTimeSlots", "preferred times of single lessons"),
        ("Consecutive", "consecutive, grouped or ordered lessons"),
        ("Grouped", "consecutive, grouped or ordered lessons"),
        ("Ordered", "consecutive, grouped or ordered lessons"),
        ("EndsStudentsDay", "end of the students' day"), ("EndStudentsDay", "end of the students' day"),
        ("Term", "terms"), ("SelectedTimeSlots", "counts in selected time slots"),
        ("Simultaneous", "counts in selected time slots"),
        ("NotOverlapping", "not overlapping"), ("IntervalMaxDays", "days per week (other)"),
        ("MinDaysPerWeek", "days per week (other)"), ("DaysPerWeek", "days per week (other)"),
        ("MaxHoursContinuously", "max hours continuously (other)"),
        ("SameStartingDay", "same day or hour"), ("SameStartingHour", "same day or hour"),
        ("MaxDaysBetween", "max days between lessons"), ("Span", "span of the day"),
        ("Resting", "resting hours"), ("MinGapsBetween", "min gaps between lessons"),
        ("TeacherMaxHoursDaily", "teachers max hours daily (other)"),
    )
    tag = what.split(": ")[-1]
    return next((name for key, name in rules if key in tag), tag)


def missing(losses: list[tuple[str, str, set[float]]]) -> list[str]:
    """The families of what a file loses; a constraint lost with its activities goes with
    them (with the family of those activities, when the file drops activities for one reason)."""
    families = {family(what, why, weights) for what, why, weights in losses}
    if CASCADE in families:
        dropping = {family(what, why, weights) for what, why, weights in losses
                    if what.startswith("Activity (") and "next to a break" not in what}
        families.discard(CASCADE)
        families |= dropping if dropping else {"constraints on activities the file drops"}
    return sorted(families)


def is_activity(what: str) -> bool:
    """An item about activities (``Activity (several teachers)``), not a constraint."""
    return what.startswith("Activity")


def measure(path: Path, examples: Path) -> dict[str, Any]:
    row: dict[str, Any] = {"file": str(path.relative_to(examples))}
    started = time.perf_counter()
    active = 0
    try:
        active = len(read_fet(path).activities)
        imported = import_fet(path)
        with tempfile.TemporaryDirectory() as scratch:
            for name, (text, encoding) in imported.files().items():
                (Path(scratch) / name).write_text(text, encoding=encoding)
            load_instance(scratch)
    except InputError as exc:
        return row | {"error": str(exc).replace("\n", " ")[:200], "activities": active,
                      "activities_imported": 0, "constraint_items_dropped": 0,
                      "activities_dropped": active, "whole": "no", "dropped_kinds": "",
                      "seconds": round(time.perf_counter() - started, 2)}
    seconds = time.perf_counter() - started
    listed = not_imported(imported.report_text())
    losses = [(loss.what, loss.count) for loss in imported.losses]
    if Counter(dict(listed)) != Counter(dict(losses)) or len(listed) != len(losses):
        raise SystemExit(f"{path}: the report's Not imported section {listed} differs from the "
                         f"importer's losses {losses}")
    count = imported.mapping.get("imported_activities", len(imported.mapping["activities"]))
    kinds: Counter[str] = Counter()
    for what, n in losses:
        kinds[what] += n
    return row | {
        "activities": active, "activities_imported": count,
        "constraint_items_dropped": sum(n for what, n in losses if not is_activity(what)),
        "activities_dropped": active - count,
        "whole": "yes" if not losses else "no",
        "dropped_kinds": "; ".join(f"{what}={n}" for what, n in kinds.most_common()),
        "missing": "; ".join(missing([(x.what, x.reason, x.weights) for x in imported.losses])),
        "seconds": round(seconds, 2), "error": ""}


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    files = [r for r in rows if r["file"] != "TOTAL"]
    activities = sum(int(r["activities"]) for r in files)
    imported = sum(int(r["activities_imported"]) for r in files)
    return {"file": "TOTAL", "activities": activities, "activities_imported": imported,
            "constraint_items_dropped": sum(int(r["constraint_items_dropped"]) for r in files),
            "activities_dropped": activities - imported,
            "whole": sum(r["whole"] == "yes" for r in files),
            "dropped_kinds": f"{len(files)} files; {100 * imported / max(activities, 1):.1f}% "
                             "of activities imported",
            "seconds": round(sum(float(r["seconds"] or 0) for r in files), 1),
            "error": sum(bool(r["error"]) for r in files)}


def top_kinds(rows: list[dict[str, Any]], n: int = 25) -> list[tuple[str, int, int]]:
    """(kind, files, items) of the most common dropped kinds, by files."""
    files: Counter[str] = Counter()
    items: Counter[str] = Counter()
    for r in rows:
        if r["file"] == "TOTAL" or not r["dropped_kinds"]:
            continue
        for part in r["dropped_kinds"].split("; "):
            what, _, count = part.rpartition("=")
            files[what] += 1
            items[what] += int(count)
    return [(what, k, items[what]) for what, k in files.most_common(n)]


def missing_rules(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What each missing rule family would bring if aligner had it: files that would import
    whole with it alone (every other loss of theirs already carried over), activities it would
    add (lessons longer than 2 periods, activities of nobody), and, adding the families in
    order of files won, the files whole so far."""
    files = [r for r in rows if r["file"] != "TOTAL" and not r["error"]]
    needs = {r["file"]: set(filter(None, (r.get("missing") or "").split("; "))) for r in files}
    gained: Counter[str] = Counter()
    for r in files:
        for part in filter(None, r["dropped_kinds"].split("; ")):
            what, _, count = part.rpartition("=")
            if what.startswith("Activity (") and "next to a break" not in what:
                gained[family(what, "", set())] += int(count)
    alone = Counter(next(iter(n)) for n in needs.values() if len(n) == 1)
    among = Counter(f for n in needs.values() for f in n)
    order: list[dict[str, Any]] = []
    have: set[str] = set()
    whole = sum(1 for n in needs.values() if not n)
    remaining = set(among)
    while remaining:
        best = max(sorted(remaining), key=lambda f: sum(1 for n in needs.values()
                                                        if n and n <= have | {f}))
        have.add(best)
        remaining.discard(best)
        now = sum(1 for n in needs.values() if n <= have)
        order.append({"family": best, "files_missing_it": among[best],
                      "whole_with_it_alone": alone[best], "activities_gained": gained[best],
                      "whole_adding_in_this_order": now})
    start = {"family": "(as imported)", "files_missing_it": "", "whole_with_it_alone": "",
             "activities_gained": "", "whole_adding_in_this_order": whole}
    return [start, *order]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks" / "results" / "fet_corpus.csv")
    parser.add_argument("--missing", type=Path, metavar="CSV",
                        help="also write the missing rule families' table")
    parser.add_argument("--summary", type=Path, metavar="CSV",
                        help="only print the totals and the commonest drops of an earlier run")
    args = parser.parse_args(argv)
    set_language("en")    # the families are told apart by the report's English words
    if args.summary:
        with args.summary.open(encoding="utf-8") as stream:
            rows = list(csv.DictReader(stream))
    else:
        warnings.simplefilter("ignore", InputWarning)
        rows = []
        for path in sorted(args.examples.rglob("*.fet")):
            rows.append(measure(path, args.examples))
            print(f"{rows[-1]['file']}: {rows[-1]['activities_imported']}/"
                  f"{rows[-1]['activities']} activities, {rows[-1]['constraint_items_dropped']} "
                  f"items dropped{' (whole)' if rows[-1]['whole'] == 'yes' else ''}",
                  file=sys.stderr, flush=True)
        rows.append(summary(rows))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(rows)
        print(f"wrote {args.out}", file=sys.stderr)
    total = next(r for r in rows if r["file"] == "TOTAL")
    print(f"files: {len(rows) - 1}, imported whole: {total['whole']}, activities imported: "
          f"{total['activities_imported']} of {total['activities']} "
          f"({100 * int(total['activities_imported']) / max(int(total['activities']), 1):.1f}%), "
          f"constraint items dropped: {total['constraint_items_dropped']}, "
          f"errors: {total['error']}")
    print("commonest drops (files, items):")
    for what, files, items in top_kinds(rows):
        print(f"  {files:4d} {items:7d}  {what}")
    if "missing" in rows[0]:
        table = missing_rules(rows)
        print("missing rule families (files missing it, whole with it alone, activities "
              "gained, whole adding the families in this order):")
        for t in table:
            print(f"  {t['files_missing_it']!s:>4} {t['whole_with_it_alone']!s:>4} "
                  f"{t['activities_gained']!s:>6} {t['whole_adding_in_this_order']:>4}  "
                  f"{t['family']}")
        if args.missing:
            with args.missing.open("w", newline="", encoding="utf-8") as stream:
                writer = csv.DictWriter(stream, fieldnames=list(table[0]))
                writer.writeheader()
                writer.writerows(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
