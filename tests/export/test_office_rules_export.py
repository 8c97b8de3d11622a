"""The office's rules in what offices read: a lesson's special room, a combined lesson's
classes and co-teachers in the terminal grids, the web pages, the workbook and the calendars."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from aligner.cli.text import class_grid, teacher_grid
from aligner.export.html import site_files
from aligner.export.ics import Term, calendar_files
from aligner.export.view import load_solution
from aligner.io import load_instance
from tests.builders import klass, pair, teacher
from tests.builders import subject as row
from tests.solving import read

FOUR = ("08:00-08:40", "08:50-09:30", "10:00-10:40", "10:50-11:30")


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> tuple[Path, Path]:
    """g1 and g2 at music together in the 音乐室 (tm); 科学 of g1 co-taught by ta and tb."""
    from tests.solving import solve_checked

    base = tmp_path_factory.mktemp("office")
    directory = pair(base, hub_bells=FOUR, classes=[klass("H", "g1"), klass("H", "g2")],
                     teachers=[teacher(t, "H") for t in ("tm", "ta", "tb", "ty", "tz")],
                     curriculum=[row("H", "g1+g2", "音乐", "tm", 1), row("H", "g1", "科学", "ta+tb", 1),
                                 row("H", "g1", "语文", "ty", 2), row("H", "g2", "语文", "tz", 3)],
                     rooms=[{"school_id": "H", "room_id": "m1", "name": "音乐室",
                             "subjects": "音乐"}])
    out = base / "out"
    solve_checked(directory, out)
    return directory, out


def test_grids_show_rooms_combined_lessons_and_co_teachers(office):
    directory, out = office
    instance = load_instance(directory)
    lessons, sessions = read(out, "lessons.csv"), read(out, "sessions.csv")
    assert "音乐@音乐室" in class_grid(instance, lessons, sessions, "H", "g2")
    assert "科学 ta+tb" in class_grid(instance, lessons, sessions, "H", "g1")
    music = teacher_grid(instance, lessons, sessions, "tm")
    assert "音乐 g1+g2@音乐室" in music and "tm (tm): 1 local" in music
    assert "科学 g1" in teacher_grid(instance, lessons, sessions, "tb")


def test_web_pages_and_calendars_name_the_room_and_the_classes(office):
    directory, out = office
    view = load_solution(out, directory)
    pages = site_files(view, "zh")
    page = next(text for name, text in pages.items() if "g2" in name and "class" in name)
    assert "音乐室" in page and "合班：g1、g2" in page
    teacher_page = next(text for name, text in pages.items() if name.endswith("tb.html"))
    assert "合作：ta" in teacher_page
    files = calendar_files(view, Term(dt.date(2026, 9, 7), dt.date(2026, 9, 13), {}, {}), "zh",
                           now=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    music = [block for block in files["teacher-tm.ics"].split("BEGIN:VEVENT")[1:]]
    assert len(music) == 1  # one combined lesson, one event
    assert re.search(r"LOCATION:H校 音乐室", music[0])


def test_the_workbook_shows_the_room(office, tmp_path):
    pytest.importorskip("openpyxl")
    from openpyxl import load_workbook

    from aligner.export.xlsx import workbook_bytes

    directory, out = office
    target = tmp_path / "t.xlsx"
    target.write_bytes(workbook_bytes(load_solution(out, directory)))
    texts = [str(cell.value) for sheet in load_workbook(target).worksheets
             for line in sheet.iter_rows() for cell in line if cell.value]
    assert any("音乐室" in text and "合班" in text for text in texts)
