"""Hand edits of lessons.csv that break a double lesson's lesson_id (issue 19 part 4): each is
named by aligner check, with the rows and what the edit probably did; edits that leave a valid
timetable pass. On the Lanxi example with 语文 doubles (tests.office), class 二(1)班 of 巫溪 has
two: Mon periods 1-2 and Wed periods 1-2 (asserted below, so that a new timetable cannot make
these tests pass by accident)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.check import CheckReport, check_solution
from aligner.cli import main
from aligner.io import load_instance
from tests.office import lessons, solved

Rows = list[dict[str, str]]


@pytest.fixture(scope="module")
def lanxi(tmp_path_factory):
    instance, out = solved("lanxi", tmp_path_factory.mktemp("doubles"))
    return load_instance(instance), instance, out


def _edited(lanxi, tmp_path: Path, rows: Rows) -> tuple[CheckReport, Path]:
    """The solution with lessons.csv replaced by ``rows``, checked."""
    instance, _, out = lanxi
    target = tmp_path / "edited"
    target.mkdir()
    for file in out.iterdir():
        (target / file.name).write_bytes(file.read_bytes())
    with (target / "lessons.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return check_solution(instance, target), target


def _row(rows: Rows, school: str, klass: str, day: str, period: int) -> dict[str, str]:
    return next(r for r in rows if (r["school_id"], r["class_id"], r["day"], r["period"])
                == (school, klass, day, str(period)))


def _line(rows: Rows, row: dict[str, str]) -> int:
    """The spreadsheet row of ``row`` in lessons.csv (the header is row 1)."""
    return rows.index(row) + 2


def _free(lanxi, rows: Rows, klass: str, teacher: str) -> list[tuple[str, int]]:
    """(day, period)s where 巫溪's ``klass`` and ``teacher`` are both free."""
    instance = lanxi[0]
    busy = {(r["day"], int(r["period"])) for r in rows
            if (r["school_id"], r["class_id"]) == ("wuxi", klass) or r["teacher_id"] == teacher}
    return [(d, p) for d in instance.days for p in range(1, 7) if (d, p) not in busy]


def _move(lanxi, row: dict[str, str], day: str, period: int) -> None:
    bell = lanxi[0].bell(row["school_id"], period)
    row.update(day=day, period=str(period), start=bell.times[:5], end=bell.times[6:])


def _doubles(report: CheckReport) -> list[str]:
    return [v.message for v in report.violations if v.rule == "double_lessons"]


def test_the_timetable_these_edits_start_from(lanxi):
    rows = lessons(lanxi[2])
    for day in ("Mon", "Wed"):
        pair = [_row(rows, "wuxi", "2-1", day, p) for p in (1, 2)]
        assert {r["subject"] for r in pair} == {"语文"}
        assert {r["lesson_id"] for r in pair} == {f"2-1-{day}-1"}
    assert check_solution(lanxi[0], lanxi[2]).ok


def test_one_row_moved_to_another_day_keeping_its_lesson_id(lanxi, tmp_path):
    rows = lessons(lanxi[2])
    moved = _row(rows, "wuxi", "2-1", "Mon", 2)
    day, period = next((d, p) for d, p in _free(lanxi, rows, "2-1", "wx-t03") if d != "Mon")
    _move(lanxi, moved, day, period)
    report, _ = _edited(lanxi, tmp_path, rows)
    assert not report.ok
    first = _line(rows, _row(rows, "wuxi", "2-1", "Mon", 1))
    assert (f"lesson 2-1-Mon-1 of class 二(1)班 (wuxi/2-1) of 兰溪市巫溪中心小学 is not a "
            f"double lesson: its rows are on Mon period 1 (row {first}) and {day} period "
            f"{period} (row {_line(rows, moved)}), different days: one row of the double lesson "
            "seems moved") in _doubles(report)[0]


def test_one_row_moved_within_its_day_keeping_its_lesson_id(lanxi, tmp_path):
    rows = lessons(lanxi[2])
    moved = _row(rows, "wuxi", "2-1", "Mon", 2)
    period = next(p for d, p in _free(lanxi, rows, "2-1", "wx-t03") if d == "Mon")
    _move(lanxi, moved, "Mon", period)
    report, _ = _edited(lanxi, tmp_path, rows)
    assert (f"its rows are on Mon period 1 (row {_line(rows, moved) - 1}) and Mon period "
            f"{period} (row {_line(rows, moved)}), periods that are not consecutive: one row of "
            "the double lesson seems moved") in _doubles(report)[0]


def test_the_first_row_moved_and_given_its_new_place_as_lesson_id(lanxi, tmp_path):
    """The careful edit: the moved row gets the id of its new place; the row left behind keeps
    the double's id, which names the period the other row left."""
    rows = lessons(lanxi[2])
    moved = _row(rows, "wuxi", "2-1", "Mon", 1)
    day, period = _free(lanxi, rows, "2-1", "wx-t03")[0]
    _move(lanxi, moved, day, period)
    moved["lesson_id"] = f"2-1-{day}-{period}"
    left = _row(rows, "wuxi", "2-1", "Mon", 2)
    report, _ = _edited(lanxi, tmp_path, rows)
    message = _doubles(report)[0]
    assert message.startswith("class 二(1)班 (wuxi/2-1) of 兰溪市巫溪中心小学 has 1 double 语文 "
                              "lessons a week, the curriculum says 2")
    assert (f"row {_line(rows, left)} (Mon period 2) carries lesson_id 2-1-Mon-1 alone, an id "
            "that names Mon period 1: is it the rest of a double lesson") in message


def test_lesson_id_changed_on_one_row(lanxi, tmp_path):
    rows = lessons(lanxi[2])
    second = _row(rows, "wuxi", "2-1", "Mon", 2)
    second["lesson_id"] = "2-1-Mon-2"
    report, _ = _edited(lanxi, tmp_path, rows)
    line = _line(rows, second)
    assert (f"语文 on Mon periods 1 and 2 (rows {line - 1} and {line}) are consecutive single "
            "lessons with lesson_ids 2-1-Mon-1 and 2-1-Mon-2: if they are a double lesson, give "
            "both rows the same lesson_id") in _doubles(report)[0]


def test_a_row_of_a_double_moved_to_another_class(lanxi, tmp_path):
    """Pasted into a free period of 二(2)班 (its class_id changed), keeping the lesson_id: the
    lesson_id now spans two classes of one school, and the message says so."""
    rows = lessons(lanxi[2])
    moved = _row(rows, "wuxi", "2-1", "Wed", 2)
    day, period = next(slot for slot in _free(lanxi, rows, "2-2", "wx-t03")
                       if slot in _free(lanxi, rows, "2-2", "wx-t04"))
    moved["class_id"] = "2-2"
    _move(lanxi, moved, day, period)
    report, _ = _edited(lanxi, tmp_path, rows)
    message = next(m for m in _doubles(report) if m.startswith("class 二(1)班"))
    stays = _line(rows, _row(rows, "wuxi", "2-1", "Wed", 1))
    assert (f"its lesson_id 2-1-Wed-1 (row {stays}) is also on class 二(2)班 (wuxi/2-2) of "
            f"兰溪市巫溪中心小学, row {_line(rows, moved)} ({day} period {period}): a lesson "
            "belongs to one class; was a row moved to another class") in message
    # and the two classes' counts and teachers are named too
    assert {"curriculum_per_week", "local_teacher"} <= {v.rule for v in report.violations}


def test_two_singles_given_another_class_double_id(lanxi, tmp_path):
    """Two lessons of one subject of 二(2)班 made consecutive (the second moved next to the
    first, as a hand edit would) and given 二(1)班's double's lesson_id: a double the
    curriculum does not have, named with the class the id came from."""
    rows = lessons(lanxi[2])
    mine = {(r["day"], int(r["period"])): r for r in rows
            if (r["school_id"], r["class_id"]) == ("wuxi", "2-2")}
    pair = next([first, second] for (day, period), first in mine.items()
                for (other_day, _), second in mine.items()
                if other_day == day and second is not first and first["mode"] == "local"
                and second["mode"] == "local" and second["subject"] == first["subject"]
                and ((day, period + 1) not in mine or mine[(day, period + 1)] is second))
    _move(lanxi, pair[1], pair[0]["day"], int(pair[0]["period"]) + 1)
    for row in pair:
        row["lesson_id"] = "2-1-Mon-1"
    report, _ = _edited(lanxi, tmp_path, rows)
    message = _doubles(report)[0]
    assert "class 二(2)班 (wuxi/2-2) of 兰溪市巫溪中心小学 has 1 double" in message
    assert "its lesson_id 2-1-Mon-1 (rows " in message and "also on class 二(1)班" in message


def test_a_whole_double_moved_with_its_lesson_id_is_still_valid(lanxi, tmp_path):
    """Both rows moved together to two free consecutive periods: the id is stale, the timetable
    keeps every rule (only the objective and the reports change)."""
    rows = lessons(lanxi[2])
    free = _free(lanxi, rows, "2-1", "wx-t03")
    day, period = next((d, p) for d, p in free
                       if (d, p + 1) in free and p in lanxi[0].double_starts("wuxi"))
    for offset in (0, 1):
        _move(lanxi, _row(rows, "wuxi", "2-1", "Mon", 1 + offset), day, period + offset)
    report, target = _edited(lanxi, tmp_path, rows)
    assert report.ok, [str(v) for v in report.violations if v.hard]
    result = CliRunner().invoke(main, ["check", str(lanxi[1]), str(target)])
    assert result.exit_code == 0, result.output


def test_equal_lesson_ids_in_different_classes_alone_break_nothing(lanxi, tmp_path):
    """lesson_ids are unique within a class: 巫溪's and 厚仁's 一(1)班 share ids such as
    1-1-Mon-1 in every timetable we write, and a single lesson relabelled with another class's
    id is still a valid timetable (nothing counts it as a double)."""
    rows = lessons(lanxi[2])
    ids = {(r["school_id"], r["lesson_id"]) for r in rows if r["mode"] == "local"}
    assert {i for s, i in ids if s == "wuxi"} & {i for s, i in ids if s == "houren"}
    single = next(r for r in rows if (r["school_id"], r["class_id"]) == ("wuxi", "2-2")
                  and r["mode"] == "local" and r["subject"] != "语文")
    single["lesson_id"] = "2-1-Mon-1"
    report, _ = _edited(lanxi, tmp_path, rows)
    assert report.ok


def test_the_command_names_the_moved_row(lanxi, tmp_path):
    rows = lessons(lanxi[2])
    day, period = next((d, p) for d, p in _free(lanxi, rows, "2-1", "wx-t03") if d != "Wed")
    _move(lanxi, _row(rows, "wuxi", "2-1", "Wed", 2), day, period)
    _, target = _edited(lanxi, tmp_path, rows)
    result = CliRunner().invoke(main, ["check", str(lanxi[1]), str(target)])
    assert result.exit_code == 1
    assert "broken: [double_lessons] lesson 2-1-Wed-1 of class 二(1)班" in result.output
    assert "one row of the double lesson seems moved" in result.output
