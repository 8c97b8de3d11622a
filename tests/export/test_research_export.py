"""Research meetings (教师网络研修) in what offices read: the teachers' terminal grids, the
workbook's and the web pages' teacher timetables and the teachers' calendars show each meeting;
the classes' never (a meeting takes no class)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from aligner.cli.text import class_grid, teacher_grid, timetable_text
from aligner.export.html import site_files
from aligner.export.ics import Term, calendar_files
from aligner.export.view import load_solution
from aligner.export.xlsx import FILLS, workbook_bytes
from aligner.io import load_instance
from tests.model.test_research import ALIGNED_TWO, busy_pair
from tests.solving import read, solve_checked


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> tuple[Path, Path]:
    """th (H) and tr (R) meet once on Monday at period 1 or 2 (see tests.model.test_research)."""
    directory = busy_pair(tmp_path_factory.mktemp("research"), receiving_bells=ALIGNED_TWO)
    solve_checked(directory)
    return directory, directory / "out"


def _meeting(out: Path) -> dict[str, str]:
    return read(out, "research.csv").iloc[0].to_dict()


def test_the_teachers_grids_show_the_meeting(solved):
    directory, out = solved
    instance = load_instance(directory)
    lessons, sessions, research = (read(out, f"{n}.csv") for n in ("lessons", "sessions",
                                                                    "research"))
    hub = teacher_grid(instance, lessons, sessions, "th", research=research)
    receiving = teacher_grid(instance, lessons, sessions, "tr", research=research)
    assert ("research->R校" in hub or "研修->R校" in hub) and "->R校" not in receiving
    assert "research<-H校" in receiving or "研修<-H校" in receiving
    assert "研修" not in class_grid(instance, lessons, sessions, "R", "r1")
    every = timetable_text(instance, lessons, sessions, classes=False, teachers=True,
                           research=research)
    assert every.count("research meeting(s)") + every.count("教师网络研修 1 次") == 2


def test_the_workbook_and_the_web_pages_show_the_meeting(solved):
    directory, out = solved
    view = load_solution(out, directory)
    meeting = _meeting(out)
    assert view.meetings and next(iter(view.meetings.values())).course.course_id == "ma"
    book_path = out / "book.xlsx"
    book_path.write_bytes(workbook_bytes(view, "zh"))
    book = load_workbook(book_path)
    cells = [(sheet.title, cell) for sheet in book.worksheets for row in sheet.iter_rows()
             for cell in row if isinstance(cell.value, str) and "[研修" in cell.value]
    titles = {title for title, _ in cells}
    assert any("th" in t for t in titles) and any("tr" in t for t in titles)
    assert all(cell.fill.fgColor.rgb.endswith(FILLS["research"]) for _, cell in cells)
    table = book["教师网络研修"]  # one row per meeting and receiving school, under two titles
    rows = [r for r in table.iter_rows(min_row=3, values_only=True) if any(r)]
    assert len(rows) == 1 and rows[0][0] == "ma" and rows[0][-1] == 40
    pages = site_files(view, "zh")
    hub_page = next(text for name, text in pages.items() if name.endswith("th.html"))
    assert 'class="online research"' in hub_page and "教师网络研修 [研修→R校]" in hub_page
    assert f'data-period="{meeting["hub_period"]}" class="online research"' in hub_page
    receiving_page = next(text for name, text in pages.items() if name.endswith("tr.html"))
    assert "教师网络研修 [研修←H校]" in receiving_page and "th" in receiving_page
    class_page = next(text for name, text in pages.items() if "r1" in name)
    assert "研修" not in class_page


def test_the_teachers_calendars_hold_the_meeting(solved):
    directory, out = solved
    view = load_solution(out, directory)
    meeting = _meeting(out)
    files = calendar_files(view, Term(dt.date(2026, 9, 7), dt.date(2026, 9, 20), {}, {}), "zh",
                           now=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
    for name, start in (("teacher-th.ics", meeting["hub_start"]),
                        ("teacher-tr.ics", meeting["receiving_start"])):
        calendar = Calendar.from_ical(files[name])
        research = [e for e in calendar.walk("VEVENT") if "研修" in str(e["SUMMARY"])]
        assert len(research) == 1
        assert research[0]["DTSTART"].dt.strftime("%H:%M") == start
        assert research[0]["DTSTART"].dt.date() == dt.date(2026, 9, 7)  # the first Monday
    assert not any("研修" in text for name, text in files.items() if name.startswith("class-"))


def test_every_grid_printed_at_once_is_each_grid_on_its_own(solved):
    """timetable_text splits the rows once for all grids; each grid is still what class_grid and
    teacher_grid make of the whole frames."""
    directory, out = solved
    instance = load_instance(directory)
    lessons, sessions, research = (read(out, f"{n}.csv") for n in ("lessons", "sessions",
                                                                    "research"))
    every = timetable_text(instance, lessons, sessions, classes=True, teachers=True,
                           research=research)
    grids = [class_grid(instance, lessons, sessions, *k.key) for k in instance.classes]
    grids += [teacher_grid(instance, lessons, sessions, t.teacher_id, research=research)
              for t in instance.teachers]
    assert len(grids) == 4 and any("研修" in g or "research" in g for g in grids)
    for one in grids:
        assert f"\n{one}\n" in every
