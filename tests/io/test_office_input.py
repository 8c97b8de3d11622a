"""The office rules' input (teachers.csv limits, rooms.csv, pinned.csv, combined classes and
co-teachers in curriculum.csv): read into the instance, and every mistake an exit-2 error
naming file, row and column, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.io import InputError, load_instance
from tests.builders import klass, pair, subject, sync_pair, teacher
from tests.io.test_input_errors import append_row, edit_cell, replace_text


def _school(tmp_path: Path) -> Path:
    """Hub H with classes h1, h2 (music with one teacher, combined), a music room and a pin."""
    return pair(tmp_path, days=("Mon", "Tue"),
                classes=[klass("H", "h1"), klass("H", "h2"), klass("R", "r1")],
                teachers=[teacher("tm", "H", max_per_day=3, max_consecutive=2, max_days=2,
                                  max_gaps_per_day=0, max_gaps_per_week=2, min_per_day=2),
                          teacher("ty", "H"), teacher("tz", "H"), teacher("tr", "R")],
                curriculum=[subject("H", "h1+h2", "音乐", "tm", 1, min_days_apart=2),
                            subject("H", "h1", "语文", "ty+tz", 1, min_days_apart="",
                                    preferred="Mon:1;周二第1节"),
                            subject("H", "h2", "语文", "ty", 1),
                            subject("R", "r1", "语文", "tr", 1)],
                rooms=[{"school_id": "H", "room_id": "m1", "name": "音乐室", "subjects": "音乐",
                        "unavailable": "Tue:2"}],
                pinned=[{"school_id": "H", "class_id": "h2", "subject": "语文", "day": "Tue",
                         "period": 1}],
                days_apart=[{"group": "g", "school_id": "H", "class_id": "h1+h2", "subject": "音乐",
                             "min_days": 1},
                            {"group": "g", "school_id": "H", "class_id": "h2", "subject": "语文",
                             "min_days": 1}])


def test_office_rules_are_read(tmp_path):
    instance = load_instance(_school(tmp_path))
    tm = instance.teacher_by_id["tm"]
    assert (tm.max_per_day, tm.max_consecutive, tm.max_days) == (3, 2, 2)
    assert (tm.max_gaps_per_day, tm.max_gaps_per_week) == (0, 2)  # 0: no gap at all
    assert instance.teacher_by_id["ty"].max_gaps_per_day is None  # blank: no limit
    assert tm.min_per_day == 2 and instance.teacher_by_id["ty"].min_per_day is None
    music = instance.curriculum_row[("H", "h2", "音乐")]
    assert music.combined and music.class_ids == ("h1", "h2") and music.min_days_apart == 2
    assert instance.curriculum_row[("H", "h1", "语文")].min_days_apart is None
    assert instance.curriculum_row[("H", "h1", "语文")].preferred == (("Mon", 1), ("Tue", 1))
    assert instance.curriculum_row[("H", "h1", "语文")].teacher_ids == ("ty", "tz")
    assert [(r.room_id, r.subjects, r.unavailable) for r in instance.rooms] == [
        ("m1", ("音乐",), (("Tue", 2),))]
    assert [(p.class_id, p.subject, p.day, p.period, p.row) for p in instance.pins] == [
        ("h2", "语文", "Tue", 1, 2)]
    assert [(g.group, g.rows, g.min_days, g.row) for g in instance.days_apart] == [
        ("g", (("H", "h1+h2", "音乐"), ("H", "h2", "语文")), 1, 2)]


CASES = {
    "max_per_day lots": (edit_cell("teachers.csv", 2, "max_per_day", "lots"),
                         "teachers.csv, row 2, column max_per_day"),
    "max_days above 7": (edit_cell("teachers.csv", 2, "max_days", "8"),
                         "teachers.csv, row 2, column max_days"),
    "min_days_apart lots": (edit_cell("curriculum.csv", 2, "min_days_apart", "lots"),
                            "curriculum.csv, row 2, column min_days_apart"),
    "min_days_apart above FET's week": (edit_cell("curriculum.csv", 3, "min_days_apart", "36"),
                                 "curriculum.csv, row 3, column min_days_apart"),
    "days_apart min_days lots": (edit_cell("days_apart.csv", 2, "min_days", "lots"),
                                 "days_apart.csv, row 2, column min_days"),
    "days_apart of a subject the class lacks": (edit_cell("days_apart.csv", 3, "subject", "数学"),
                                                "days_apart.csv, row 3, column subject"),
    "days_apart group of two min_days": (edit_cell("days_apart.csv", 3, "min_days", "2"),
                                         "days_apart.csv, row 3, column min_days"),
    "days_apart group of two schools": (append_row("days_apart.csv", "g,R,r1,语文,1"),
                                        "days_apart.csv, row 4, column school_id"),
    "preferred on no such period": (edit_cell("curriculum.csv", 3, "preferred", "Mon:9"),
                                    "curriculum.csv, row 3, column preferred"),
    "days_apart weight lots": (append_row("days_apart.csv", "w,H,h1,语文,1,lots"),
                               "days_apart.csv, row 4, column weight"),
    "days_apart group of a wish and a rule": (append_row("days_apart.csv", "g,H,h1,语文,1,5"),
                                              "days_apart.csv, row 4, column weight"),
    "days_apart row twice in a group": (append_row("days_apart.csv", "g,H,h1,音乐,1"),
                                        "days_apart.csv, row 4, column subject"),
    "max_gaps_per_day lots": (edit_cell("teachers.csv", 2, "max_gaps_per_day", "lots"),
                              "teachers.csv, row 2, column max_gaps_per_day"),
    "max_gaps_per_week negative": (edit_cell("teachers.csv", 2, "max_gaps_per_week", "-1"),
                                   "teachers.csv, row 2, column max_gaps_per_week"),
    "max_gaps_per_day a fraction": (edit_cell("teachers.csv", 2, "max_gaps_per_day", "1.5"),
                                    "teachers.csv, row 2, column max_gaps_per_day"),
    "min_per_day lots": (edit_cell("teachers.csv", 2, "min_per_day", "lots"),
                         "teachers.csv, row 2, column min_per_day"),
    "min_per_day 0": (edit_cell("teachers.csv", 2, "min_per_day", "0"),
                      "teachers.csv, row 2, column min_per_day"),
    "min_per_day negative": (edit_cell("teachers.csv", 2, "min_per_day", "-1"),
                             "teachers.csv, row 2, column min_per_day"),
    "min_per_day above max_per_day": (edit_cell("teachers.csv", 2, "min_per_day", "4"),
                                      "teachers.csv, row 2, column min_per_day"),
    "unknown room subject": (edit_cell("rooms.csv", 2, "subjects", "舞蹈"),
                             "rooms.csv, row 2, column subjects"),
    "room unavailable on no such period": (edit_cell("rooms.csv", 2, "unavailable", "Mon:9"),
                                           "rooms.csv, row 2, column unavailable"),
    "a room twice": (append_row("rooms.csv", "H,m1,音乐室二,音乐,"),
                     "rooms.csv, row 3, column room_id"),
    "pin on a period the school does not have": (edit_cell("pinned.csv", 2, "period", "9"),
                                                 "pinned.csv, row 2, column period"),
    "pin of a subject the class lacks": (edit_cell("pinned.csv", 2, "subject", "数学"),
                                         "pinned.csv, row 2, column subject"),
    "pin where a teacher is away": (replace_text("teachers.csv", "ty,H,ty,,,20,",
                                                 "ty,H,ty,,,20,Tue:1"),
                                    "pinned.csv, row 2, column period"),
    "unknown class in a combined row": (edit_cell("curriculum.csv", 2, "class_id", "h1+h9"),
                                        "curriculum.csv, row 2, column class_id"),
    "combined classes of two schools": (edit_cell("curriculum.csv", 2, "class_id", "h1+r1"),
                                        "curriculum.csv, row 2, column class_id"),
    "unknown co-teacher": (edit_cell("curriculum.csv", 3, "teacher_id", "ty+tq"),
                           "curriculum.csv, row 3, column teacher_id"),
    "a class with its subject twice": (append_row("curriculum.csv", "H,h1,音乐,tm,1,,,,"),
                                       "curriculum.csv, row 6"),
    "plus sign in a class id": (edit_cell("classes.csv", 2, "class_id", "h+1"),
                                "classes.csv, row 2, column class_id"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_office_input_errors_exit_2(tmp_path, case):
    directory = _school(tmp_path)
    corrupt, where = CASES[case]
    corrupt(directory)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert where in result.output, result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_combined_row_across_schools_says_why(tmp_path):
    directory = _school(tmp_path)
    edit_cell("curriculum.csv", 2, "class_id", "h1+r1")(directory)
    with pytest.raises(InputError) as raised:
        load_instance(directory)
    assert "combined classes are of one school, and r1 is a class of R" in str(raised.value)


def test_online_courses_stay_one_class_one_teacher(tmp_path):
    directory = sync_pair(tmp_path)
    edit_cell("curriculum.csv", 3, "class_id", "r1+r2")(directory)
    with (directory / "classes.csv").open("a", encoding="utf-8") as stream:
        stream.write("R,r2,3,r2,\n")
    with pytest.raises(InputError) as raised:
        load_instance(directory)
    assert "curriculum.csv, row 3, column class_id" in str(raised.value)
