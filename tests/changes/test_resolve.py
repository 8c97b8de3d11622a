"""Re-solving from a previous timetable (``solve --from``, issue 16): the old week is kept
wherever the new instance allows it, as few other lessons as possible move with those that
must, locks hold, and changes.csv says what moved and why. Every timetable goes through the
independent checker, which recomputes the ``changes`` term and the locks on its own."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.changes import forced, least_moves, with_previous
from aligner.check import check_solution
from aligner.cli import main
from aligner.io import InputError, load_instance
from aligner.io.previous import read_previous
from tests.builders import course, klass, pair, subject, teacher
from tests.solving import LANXI, read

FOUR = ("08:00-08:40", "08:50-09:30", "10:00-10:40", "10:50-11:30")


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _school(tmp_path: Path, **ta: object) -> Path:
    """Two classes over two days of four periods, every period taken; ``ta`` limits ta."""
    return pair(tmp_path, days=("Mon", "Tue"), hub_bells=FOUR,
                classes=[klass("H", "h1"), klass("H", "h2")],
                teachers=[teacher("ta", "H", **ta), teacher("tb", "H"), teacher("tc", "H"),
                          teacher("td", "H")],
                curriculum=[subject("H", "h1", "数学", "ta", 4), subject("H", "h1", "语文", "tb", 4),
                            subject("H", "h2", "数学", "tc", 4), subject("H", "h2", "语文", "td", 4)])


def _solve(instance: Path, out: Path, *extra: object) -> None:
    result = run("solve", instance, "--out", out, "--workers", 1, "--no-grids", "--quiet",
                 *extra)
    assert result.exit_code == 0, result.output
    report = check_solution(load_instance(instance), out, require_reports=True)
    assert not report.violations, report.violations


def _lessons(out: Path) -> list[dict[str, str]]:
    with (out / "lessons.csv").open(encoding="utf-8-sig") as stream:
        return list(csv.DictReader(stream))


def _places(out: Path) -> set[tuple[str, str, str, str]]:
    return {(r["class_id"], r["subject"], r["day"], r["period"]) for r in _lessons(out)}


def _changes(out: Path) -> list[dict[str, str]]:
    with (out / "changes.csv").open(encoding="utf-8-sig") as stream:
        return list(csv.DictReader(stream))


def _set_unavailable(directory: Path, teacher_id: str, slots: str) -> None:
    path = directory / "teachers.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for r in rows:
        if r["teacher_id"] == teacher_id:
            r["unavailable"] = slots
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_an_unchanged_instance_keeps_every_lesson(tmp_path):
    directory = _school(tmp_path)
    _solve(directory, tmp_path / "old")
    _solve(directory, tmp_path / "new", "--from", tmp_path / "old")
    assert _places(tmp_path / "new") == _places(tmp_path / "old")
    assert _changes(tmp_path / "new") == []
    summary = json.loads((tmp_path / "new" / "summary.json").read_text("utf-8"))
    assert summary["terms"]["changes"]["value"] == 0
    assert summary["from"]["places"] == 16 and summary["from"]["least_moves"] == 0


def test_a_new_unavailability_moves_only_what_it_must(tmp_path):
    directory = _school(tmp_path)
    _solve(directory, tmp_path / "old")
    old = _lessons(tmp_path / "old")
    taken = next(r for r in old if r["teacher_id"] == "ta")
    _set_unavailable(directory, "ta", f"{taken['day']}:{taken['period']}")
    instance = with_previous(load_instance(directory),
                             read_previous(tmp_path / "old", load_instance(directory)))
    assert len(forced(instance)) == 1 and least_moves(instance) == 1
    _solve(directory, tmp_path / "new", "--from", tmp_path / "old")
    rows = _changes(tmp_path / "new")
    # the lesson of ta that had to move and the one lesson of h1 it swapped with
    assert len(rows) == 2
    moved = next(r for r in rows if r["reason"])
    assert (moved["class_id"], moved["subject"], moved["old_day"], moved["old_period"]) == (
        "h1", "数学", taken["day"], taken["period"])
    assert "ta is now unavailable" in moved["reason"]
    assert len(_places(tmp_path / "old") - _places(tmp_path / "new")) == 2  # h2 untouched
    assert {r["class_id"] for r in rows} == {"h1"}


def test_a_hand_edited_clash_is_repaired_with_the_fewest_moves(tmp_path):
    directory = _school(tmp_path)
    _solve(directory, tmp_path / "old")
    edited = tmp_path / "edited"
    shutil.copytree(tmp_path / "old", edited)
    rows = _lessons(edited)
    maths = [i for i, r in enumerate(rows) if r["class_id"] == "h1" and r["subject"] == "数学"]
    chinese = [i for i, r in enumerate(rows) if r["class_id"] == "h1" and r["subject"] == "语文"]
    for column in ("day", "period", "start", "end"):  # 数学 moved onto a 语文 lesson
        rows[maths[0]][column] = rows[chinese[0]][column]
    with (edited / "lessons.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert not check_solution(load_instance(directory), edited).ok  # the clash
    instance = with_previous(load_instance(directory), read_previous(edited,
                                                                     load_instance(directory)))
    assert least_moves(instance) == 1
    _solve(directory, tmp_path / "new", "--from", edited)
    summary = json.loads((tmp_path / "new" / "summary.json").read_text("utf-8"))
    assert summary["terms"]["changes"]["value"] == 1  # one of the two clashing lessons moves


def test_lock_keeps_a_school_and_refuses_what_cannot_hold(tmp_path):
    directory = _school(tmp_path)
    _solve(directory, tmp_path / "old")
    taken = next(r for r in _lessons(tmp_path / "old") if r["teacher_id"] == "ta")
    _set_unavailable(directory, "ta", f"{taken['day']}:{taken['period']}")
    out = tmp_path / "new"
    result = run("solve", directory, "--out", out, "--from", tmp_path / "old", "--lock", "H",
                 "--workers", 1)
    assert result.exit_code == 2
    assert "is locked, but ta is now unavailable" in result.output
    assert not out.exists()
    for bad, says in ((("--lock", "X"),  "unknown school 'X'"),
                      (("--lock", "all"), "is locked, but")):
        result = run("solve", directory, "--out", out, "--from", tmp_path / "old", *bad)
        assert result.exit_code == 2 and says in result.output and not out.exists()
    result = run("solve", directory, "--out", out, "--lock", "all")
    assert result.exit_code == 2 and "--from" in result.output


def test_locked_lessons_stay_and_the_checker_sees_them_moved(tmp_path):
    directory = pair(tmp_path, days=("Mon", "Tue"), hub_bells=FOUR, receiving_bells=FOUR,
                     classes=[klass("H", "h1"), klass("R", "r1")],
                     teachers=[teacher("ta", "H"), teacher("tb", "H"), teacher("tr", "R"),
                               teacher("ts", "R")],
                     curriculum=[subject("H", "h1", "数学", "ta", 4),
                                 subject("H", "h1", "语文", "tb", 4),
                                 subject("R", "r1", "数学", "tr", 4),
                                 subject("R", "r1", "语文", "ts", 4)])
    _solve(directory, tmp_path / "old")
    taken = next(r for r in _lessons(tmp_path / "old") if r["teacher_id"] == "tr")
    _set_unavailable(directory, "tr", f"{taken['day']}:{taken['period']}")
    new = tmp_path / "new"
    _solve(directory, new, "--from", tmp_path / "old", "--lock", "H")
    old_h = {p for p in _places(tmp_path / "old") if p[0] == "h1"}
    assert old_h <= _places(new)
    # a hand edit that moves a locked lesson of H is named by the checker
    rows = _lessons(new)
    mine = [i for i, r in enumerate(rows) if r["class_id"] == "h1"]
    a = mine[0]
    b = next(i for i in mine if rows[i]["subject"] != rows[a]["subject"])
    for column in ("day", "period", "start", "end", "lesson_id"):
        rows[a][column], rows[b][column] = rows[b][column], rows[a][column]
    with (new / "lessons.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    rules = {v.rule for v in check_solution(load_instance(directory), new).violations}
    assert "lock" in rules


def test_pinned_rows_of_the_old_timetable_are_kept_with_lock_pinned(tmp_path):
    directory = _school(tmp_path)
    _solve(directory, tmp_path / "old")
    rows = _lessons(tmp_path / "old")
    assert {r["pinned"] for r in rows} == {""}
    marked = next(r for r in rows if r["teacher_id"] == "tb")
    marked["pinned"] = "是"  # the office marks an agreed lesson in Excel
    with (tmp_path / "old" / "lessons.csv").open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    # tb may not teach there any more: the locked lesson cannot stay
    _set_unavailable(directory, "tb", f"{marked['day']}:{marked['period']}")
    result = run("solve", directory, "--out", tmp_path / "new", "--from", tmp_path / "old",
                 "--lock", "pinned")
    assert result.exit_code == 2 and "语文 of class h1" in result.output
    _set_unavailable(directory, "tb", "")
    _solve(directory, tmp_path / "new", "--from", tmp_path / "old", "--lock", "pinned")
    kept = [r for r in _lessons(tmp_path / "new") if r["pinned"] == "1"]
    assert [(r["class_id"], r["day"], r["period"]) for r in kept] == [
        (marked["class_id"], marked["day"], marked["period"])]


def test_a_changed_instance_loses_and_gains_courses_and_classes(tmp_path):
    base = dict(days=("Mon", "Tue"), hub_bells=FOUR, receiving_bells=FOUR,
                teachers=[teacher("th", "H"), teacher("tr", "R"), teacher("tx", "R")])
    old_dir = pair(tmp_path / "a", classes=[klass("H", "h1"), klass("R", "r1"),
                                            klass("R", "r2")],
                   curriculum=[subject("H", "h1", "数学", "th", 2),
                               subject("R", "r1", "数学", "tr", 2),
                               subject("R", "r2", "语文", "tx", 2)],
                   sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", 2, "tr")],
                   **base)
    _solve(old_dir, tmp_path / "old")
    # the course is given up (r1's maths is taught locally) and class r2 closes
    new_dir = pair(tmp_path / "b", classes=[klass("H", "h1"), klass("R", "r1")],
                   curriculum=[subject("H", "h1", "数学", "th", 2),
                               subject("R", "r1", "数学", "tr", 2)],
                   **base)
    result = run("solve", new_dir, "--out", tmp_path / "new", "--from", tmp_path / "old",
                 "--workers", 1, "--no-grids")
    assert result.exit_code == 0, result.output
    assert "class r2 of R in the previous timetable is no longer in classes.csv" in result.output
    assert check_solution(load_instance(new_dir), tmp_path / "new").ok
    rows = _changes(tmp_path / "new")
    vanished = [r for r in rows if not r["new_day"]]
    assert {r["class_id"] for r in vanished} >= {"r2"}
    assert all("no longer" in r["reason"] for r in vanished if r["class_id"] == "r2")


def test_not_a_timetable_of_this_instance(tmp_path):
    directory = _school(tmp_path)
    out = tmp_path / "new"
    lanxi = tmp_path / "lanxi-out"
    assert run("solve", LANXI, "--out", lanxi, "--workers", 2, "--no-grids",
               "--quiet").exit_code == 0
    result = run("solve", directory, "--out", out, "--from", lanxi)
    assert result.exit_code == 2
    assert "lessons.csv, row 2, column school_id: school 'houren' is not in this instance" in \
        result.output
    assert not out.exists()
    with pytest.raises(InputError):
        read_previous(tmp_path / "missing", load_instance(directory))


def test_a_resolve_over_its_own_directory_keeps_the_previous_files(tmp_path):
    directory = _school(tmp_path)
    out = tmp_path / "out"
    _solve(directory, out)
    before = (out / "lessons.csv").read_bytes()
    _solve(directory, out, "--from", out)
    assert (out / "previous" / "lessons.csv").read_bytes() == before
    assert read(out, "changes.csv").empty


def test_lanxi_with_a_teacher_away_on_monday_morning(tmp_path):
    lanxi = tmp_path / "lanxi"
    shutil.copytree(LANXI, lanxi)
    _solve(lanxi, tmp_path / "old")
    _set_unavailable(lanxi, "hr-t09", "Thu:6;Mon:上午")
    _solve(lanxi, tmp_path / "new", "--from", tmp_path / "old")
    summary = json.loads((tmp_path / "new" / "summary.json").read_text("utf-8"))
    moved, least = summary["from"]["changes"], summary["from"]["least_moves"]
    assert least >= 1 and least <= moved <= 2 * least
    assert summary["status"] == "OPTIMAL"


def test_a_hand_edited_teacher_is_said_to_follow_the_curriculum(tmp_path):
    # A trial's finding: a teacher typed into the old lessons.csv was undone without a word (the
    # new timetable takes each row's teacher from curriculum.csv, as it must).
    directory = _school(tmp_path)
    _solve(directory, tmp_path / "old")
    edited = tmp_path / "edited"
    shutil.copytree(tmp_path / "old", edited)
    rows = _lessons(edited)
    first = next(r for r in rows if r["mode"] == "local" and r["teacher_id"])
    other = next(r["teacher_id"] for r in rows if r["teacher_id"] not in ("", first["teacher_id"])
                 and r["school_id"] == first["school_id"])
    first["teacher_id"] = other
    with (edited / "lessons.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("solve", directory, "--out", tmp_path / "new", "--workers", 1, "--no-grids",
                 "--from", edited)
    assert result.exit_code == 0, result.output
    assert "1 lesson of the old timetable names another teacher than curriculum.csv" in \
        result.output
    assert f"{first['class_id']} {first['subject']}: {other} ->" in result.output
    plain = run("solve", directory, "--out", tmp_path / "again", "--workers", 1, "--no-grids",
                "--from", tmp_path / "old")
    assert "another teacher" not in plain.output
