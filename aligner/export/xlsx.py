"""The timetable as an Excel workbook for the academic affairs office (教务处).

Sheets: 总课表 (every class of a school on one sheet), 班级课表 (one per class), 教师课表 (one per
teacher), 同步课堂安排 (every session with both schools' times and the overlap) and 工作量统计
(credited loads, 1:1.5). Every sheet prints on A4 landscape, fitted to the page width, with its
title and header rows repeated on each page. Needs openpyxl (``pip install 'aligner[xlsx]'``).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from aligner.alignment.overlap import overlap_minutes
from aligner.export.extras import MissingExtra
from aligner.export.labels import Labels
from aligner.export.view import TimetableView, day_rows
from aligner.io.workbook import text_cells_only
from aligner.messages import say

try:
    from openpyxl import Workbook
    from openpyxl.cell.cell import MergedCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange
    from openpyxl.worksheet.worksheet import Worksheet
except ImportError:  # pragma: no cover - the error names the extra
    Workbook = None  # type: ignore[assignment,misc]

FILLS = {"sync": "DDEBF7", "delivery": "E2EFDA", "famous": "FCE4D6", "research": "EDE7F6"}
"""Background of an online lesson's cell by form (blue, green, orange; a research meeting
lilac)."""
BORDERS: dict[str, Any] = {"sync": "medium", "delivery": "mediumDashed", "famous": "mediumDashDotDot",
                           "research": "dashDot"}
"""Border of an online lesson's cell by form, so that a black-and-white print tells the forms
apart (with the tag [同步], [专递], [名师] in the cell's text)."""
BREAK_FILL = "F2F2F2"
_THIN = Side(style="thin", color="808080") if Workbook is not None else None
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def require_openpyxl() -> None:
    if Workbook is None:
        raise MissingExtra(say("export.needs_openpyxl"))


def _sheet(book: Any, wanted: str) -> Worksheet:
    """A new sheet named ``wanted`` as far as Excel allows: 31 characters, none of []:*?/\\,
    unique without regard to case."""
    base = _BAD_SHEET_CHARS.sub("_", wanted).strip("'")[:31] or "sheet"
    taken = {name.lower() for name in book.sheetnames}
    name, n = base, 2
    while name.lower() in taken:
        suffix = f"~{n}"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    return book.create_sheet(name)


def _print_setup(sheet: Worksheet, header_rows: int) -> None:
    """A4 landscape, fitted to the page width, title and header rows on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    properties: Any = sheet.sheet_properties
    properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{header_rows}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def _title(sheet: Worksheet, text: str, width: int) -> None:
    sheet.cell(row=1, column=1, value=text).font = Font(bold=True, size=14)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center")
    if width > 1:
        _merge(sheet, start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.row_dimensions[1].height = 28


REUSE_STYLES = True
"""Give a cell the style of the first cell boxed alike in its workbook (its style ids, copied)
instead of making the style again: openpyxl looks every style it is given up among the
workbook's by hashing it field by field, which took most of an export's time. Whole
``aligner export --xlsx`` runs, medians of 3 (Intel Xeon): the county of seed 1 13.64 -> 5.76 s,
the Lanxi example 1.58 -> 0.94 s; with the merged cells' styles copied too (:func:`_merge`)
4.01 s and 0.66 s, the files' sheets and styles byte for byte those made cell by cell (only the
creation time in docProps/core.xml differs; a test compares the two workbooks so)."""
_BOXES: weakref.WeakKeyDictionary[Any, dict[tuple[bool, str | None, str | None], Any]] = \
    weakref.WeakKeyDictionary()
"""Per workbook: (bold, fill, border form) -> the style ids of the first cell boxed so."""
_MERGES: weakref.WeakKeyDictionary[Any, dict[tuple[Any, int, int], dict[tuple[int, int], Any]]] = \
    weakref.WeakKeyDictionary()
"""Per workbook: (first cell's style ids, rows - 1, columns - 1) -> each covered cell's style
ids, by its offset from the first (see :func:`_merge`)."""


def _box(cell: Any, *, bold: bool = False, fill: str | None = None,
         form: str | None = None) -> None:
    """A grid cell: centred, wrapped, thin borders; an online lesson's ``form`` gives its fill
    and its border style (:data:`FILLS`, :data:`BORDERS`)."""
    fill = FILLS.get(form or "", fill)
    key = (bold, fill, form if form in BORDERS else None)
    boxed = _BOXES.setdefault(cell.parent.parent, {}) if REUSE_STYLES else {}
    # over a cell as openpyxl made it, or as boxed plainly before (a lesson's cell, boxed
    # again with its form): nothing of it that the template would not set
    fresh = _plain(cell._style)
    if (fresh or cell._style == boxed.get((False, None, None))) and key in boxed:
        number_format = cell._style.numFmtId if cell._style is not None else 0  # (a date's)
        cell._style = copy.copy(boxed[key])
        cell._style.numFmtId = number_format
        return
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    side = Side(style=BORDERS[form], color="404040") if form in BORDERS else _THIN
    cell.border = Border(left=side, right=side, top=side, bottom=side)
    if bold:
        cell.font = Font(bold=True)
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    if REUSE_STYLES and fresh and key not in boxed:
        boxed[key] = copy.copy(cell._style)


def _plain(style: Any) -> bool:
    """A cell's style ids as openpyxl makes a cell: none yet, or every style the workbook's
    first (default) but maybe its number format."""
    if style is None:
        return True
    bare = copy.copy(style)
    bare.numFmtId = 0
    return not any(bare)


def _merge(sheet: Worksheet, *, start_row: int, start_column: int, end_row: int,
           end_column: int) -> None:
    """``sheet.merge_cells``: the covered cells become merged cells, those on the edges with the
    first cell's borders. openpyxl gives each its border and protection as new styles, looked up
    by hashing (the longest part of an export after :func:`_box`'s); a range of the same shape
    whose first cell has the same style ids gets the same cells, so with :data:`REUSE_STYLES`
    the first such range's are copied (per workbook)."""
    if not REUSE_STYLES:
        sheet.merge_cells(start_row=start_row, start_column=start_column, end_row=end_row,
                          end_column=end_column)
        return
    first: Any = sheet.cell(row=start_row, column=start_column)
    key = (tuple(first._style) if first._style is not None else None,
           end_row - start_row, end_column - start_column)
    known = _MERGES.setdefault(sheet.parent, {})
    covered = known.get(key)
    if covered is None:
        sheet.merge_cells(start_row=start_row, start_column=start_column, end_row=end_row,
                          end_column=end_column)
        cells: dict[tuple[int, int], Any] = sheet._cells
        known[key] = {(row - start_row, column - start_column): copy.copy(cells[(row, column)]._style)
                      for row in range(start_row, end_row + 1)
                      for column in range(start_column, end_column + 1)
                      if (row, column) != (start_row, start_column)}
        return
    sheet.merged_cells.add(MergedCellRange(sheet, CellRange(
        min_row=start_row, min_col=start_column, max_row=end_row, max_col=end_column).coord))
    for (down, across), style in covered.items():
        where = (start_row + down, start_column + across)
        merged: Any = MergedCell(sheet, row=where[0], column=where[1])
        merged._style = copy.copy(style)
        sheet._cells[where] = merged


Cell = tuple[list[str], str | None, int]
"""A cell's lines, its form (an online lesson) or None, and its span (2 for the first period of
a double, 0 for its second)."""


def _week_sheet(sheet: Worksheet, labels: Labels, title: str, school_id: str,
                cell_of: Callable[[str, int], Cell | None], teachers: Sequence[str] = ()) -> None:
    """Days across; down the side 上午/下午 in the first column and the periods with their times,
    the named breaks of the bell schedule between them (a 午休 row between the morning and the
    afternoon when none is given there); ``cell_of(day, period)`` gives a cell or None when it
    is free. Below the grid: the teacher list (``teachers``) and the key of the forms shown."""
    solution = labels.solution
    days = solution.instance.days
    width = 2 + len(days)
    _title(sheet, title, width)
    header = ["", labels.word("periods"), *(labels.day(d) for d in days)]
    for column, text in enumerate(header, start=1):
        _box(sheet.cell(row=2, column=column, value=text or None), bold=True)
    rows = day_rows(solution.instance, school_id)
    row_of: dict[int, int] = {}
    for index, day_row in enumerate(rows):
        at = 3 + index
        if day_row.kind == "period":
            row_of[day_row.period] = at
            _box(sheet.cell(row=at, column=2, value=labels.row_label(day_row)), bold=True)
            sheet.row_dimensions[at].height = 48 if not day_row.name else 56
            continue
        first = 1 if day_row.half == "midday" else 2
        _box(sheet.cell(row=at, column=first, value=labels.row_label(day_row)), bold=True,
             fill=BREAK_FILL)
        for column in range(first + 1, width + 1):
            _box(sheet.cell(row=at, column=column))
        _merge(sheet, start_row=at, start_column=first, end_row=at, end_column=width)
        sheet.row_dimensions[at].height = 18
    index = 0
    while index < len(rows):
        half, run = rows[index].half, 1
        while index + run < len(rows) and rows[index + run].half == half:
            run += 1
        if half != "midday":
            _box(sheet.cell(row=3 + index, column=1, value=labels.word(half)), bold=True)
            for extra in range(1, run):
                _box(sheet.cell(row=3 + index + extra, column=1))
            if run > 1:
                _merge(sheet, start_row=3 + index, start_column=1, end_row=2 + index + run,
                       end_column=1)
        index += run
    forms: set[str] = set()
    for column, day in enumerate(days, start=3):
        for number, at in row_of.items():
            found = cell_of(day, number)
            cell = sheet.cell(row=at, column=column)
            _box(cell)
            if found is None:
                continue
            lines, form, span = found
            if span == 0 and row_of.get(number - 1) == at - 1:
                continue  # covered by the double above
            cell.value = "\n".join(line for line in lines if line)
            _box(cell, form=form)
            if form:
                forms.add(form)
            if span == 2 and row_of.get(number + 1) == at + 1:
                _merge(sheet, start_row=at, start_column=column, end_row=at + 1,
                       end_column=column)
    _footer(sheet, labels, 4 + len(rows), width, teachers, forms)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 16 if len(solution.seasons) == 1 else 26
    for column in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 24
    sheet.freeze_panes = "C3"
    _print_setup(sheet, 2)


def _footer(sheet: Worksheet, labels: Labels, row: int, width: int, teachers: Sequence[str],
            forms: set[str]) -> None:
    """Below a grid: the teacher list (任课教师) on one merged row, then the key of the forms
    present, each in its cell with the fill and border of its lessons."""
    if teachers:
        cell = sheet.cell(row=row, column=1, value=labels.word(
            "teacher_list_line", teachers=labels.word("list_sep").join(teachers)))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        _merge(sheet, start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.row_dimensions[row].height = 16 * (1 + len(str(cell.value)) // (12 * width))
        row += 1
    entries = labels.legend(forms)
    if entries:
        sheet.cell(row=row, column=1, value=labels.word("legend")).font = Font(bold=True)
        _merge(sheet, start_row=row, start_column=1, end_row=row, end_column=2)
        for column, (form, text) in enumerate(entries, start=3):
            _box(sheet.cell(row=row, column=column, value=text), form=form)


def _overview_sheet(sheet: Worksheet, labels: Labels, school_id: str) -> None:
    """Every class of the school: classes down, each day's periods across."""
    solution = labels.solution
    instance = solution.instance
    days = instance.days
    count = len(instance.periods(school_id))
    width = 1 + len(days) * count
    _title(sheet, f"{labels.school(school_id)} {labels.seasons_title} {labels.word('overview')}",
           width)
    _box(sheet.cell(row=2, column=1, value=labels.word("class_col")), bold=True)
    _merge(sheet, start_row=2, start_column=1, end_row=3, end_column=1)
    for d, day in enumerate(days):
        first = 2 + d * count
        _box(sheet.cell(row=2, column=first, value=labels.day(day)), bold=True)
        if count > 1:
            _merge(sheet, start_row=2, start_column=first, end_row=2,
                   end_column=first + count - 1)
        for p in range(1, count + 1):
            _box(sheet.cell(row=3, column=first + p - 1, value=p), bold=True)
    row = 4
    forms: set[str] = set()
    for klass in instance.classes:
        if klass.school_id != school_id:
            continue
        _box(sheet.cell(row=row, column=1, value=klass.name or klass.class_id), bold=True)
        week = solution.class_week(*klass.key)
        for d, day in enumerate(days):
            for p in range(1, count + 1):
                column = 2 + d * count + p - 1
                cell = sheet.cell(row=row, column=column)
                _box(cell)
                lesson = week.get((day, p))
                if lesson is None or (lesson.span == 0 and (day, p - 1) in week):
                    continue
                session = solution.session_of(lesson)
                cell.value = "\n".join(labels.lesson_lines(lesson)[:2])
                _box(cell, form=session.course.form if session else None)
                if session:
                    forms.add(session.course.form)
                if lesson.span == 2 and p < count:
                    _merge(sheet, start_row=row, start_column=column, end_row=row,
                           end_column=column + 1)
        sheet.row_dimensions[row].height = 32
        row += 1
    _footer(sheet, labels, row + 1, width, (), forms)
    sheet.column_dimensions["A"].width = 12
    for column in range(2, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.freeze_panes = "B4"
    _print_setup(sheet, 3)


def _table_sheet(sheet: Worksheet, title: str, header: Sequence[str],
                 rows: Sequence[Sequence[Any]], note: str = "") -> None:
    _title(sheet, title, len(header))
    for column, text in enumerate(header, start=1):
        _box(sheet.cell(row=2, column=column, value=text), bold=True)
    for r, values in enumerate(rows, start=3):
        for column, value in enumerate(values, start=1):
            _box(sheet.cell(row=r, column=column, value=value))
    if note:
        sheet.cell(row=len(rows) + 4, column=1, value=note)
    for column, text in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(10, 2 * len(text) + 4)
    sheet.freeze_panes = "A3"
    _print_setup(sheet, 2)


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def session_rows(labels: Labels) -> tuple[list[str], list[list[object]]]:
    """同步课堂安排: one row per session and receiving class (per season with several)."""
    solution = labels.solution
    several = len(solution.seasons) > 1
    header = [labels.word(k) for k in (
        "course", "form", "day", "subject", "hub_school", "hub_teacher", "hub_class",
        "hub_period", "hub_time", "receiving_school", "receiving_class", "receiving_period",
        "receiving_time", "assistant", "overlap")]
    if several:
        header.insert(0, labels.word("seasons"))
    day_rank = {d: i for i, d in enumerate(solution.instance.days)}
    rows: list[list[object]] = []
    for season in solution.seasons:
        for session in sorted(solution.sessions.values(),
                              key=lambda s: (day_rank[s.day], s.hub_period, s.session_id)):
            course = session.course
            hub_bell = solution.bell(course.hub_school, session.hub_period, season)
            for partner in session.receiving:
                bell = solution.bell(partner.school_id, partner.period, season)
                for class_id in partner.class_ids:
                    assistant = next((r.assistant_id for r in course.receptions
                                      if r.class_key == (partner.school_id, class_id)), None)
                    row: list[object] = [
                        course.course_id, labels.form_name(course.form), labels.day(session.day),
                        course.subject, labels.school(course.hub_school),
                        labels.teacher(course.hub_teacher),
                        labels.klass(course.hub_school, course.hub_class)
                        if course.hub_class else labels.word("remote_only"),
                        session.hub_period, hub_bell.times, labels.school(partner.school_id),
                        labels.klass(partner.school_id, class_id), partner.period, bell.times,
                        labels.teacher(assistant or ""), overlap_minutes(hub_bell, bell)]
                    if several:
                        row.insert(0, labels.season(season))
                    rows.append(row)
    return header, rows


def research_rows(labels: Labels) -> tuple[list[str], list[list[object]]]:
    """教师网络研修安排: one row per research meeting and receiving school (per season with
    several): when and with whom each sync course's teachers prepare lessons together."""
    solution = labels.solution
    several = len(solution.seasons) > 1
    header = [labels.word(k) for k in (
        "course", "day", "subject", "hub_school", "hub_teacher", "hub_period", "hub_time",
        "receiving_school", "receiving_period", "receiving_time", "assistant", "overlap")]
    if several:
        header.insert(0, labels.word("seasons"))
    day_rank = {d: i for i, d in enumerate(solution.instance.days)}
    rows: list[list[object]] = []
    for season in solution.seasons:
        for meeting in sorted(solution.meetings.values(),
                              key=lambda m: (day_rank[m.day], m.hub_period, m.session_id)):
            course = meeting.course
            hub_bell = solution.bell(course.hub_school, meeting.hub_period, season)
            for partner in meeting.receiving:
                bell = solution.bell(partner.school_id, partner.period, season)
                row: list[object] = [
                    course.course_id, labels.day(meeting.day), course.subject,
                    labels.school(course.hub_school), labels.teacher(course.hub_teacher),
                    meeting.hub_period, hub_bell.times, labels.school(partner.school_id),
                    partner.period, bell.times,
                    labels.word("name_sep").join(labels.teacher(a) for a in
                                                 course.assistants_at(partner.school_id)),
                    overlap_minutes(hub_bell, bell)]
                if several:
                    row.insert(0, labels.season(season))
                rows.append(row)
    return header, rows


def workload_rows(labels: Labels) -> tuple[list[str], list[list[object]], str]:
    """工作量统计: each teacher's lessons, sessions taught and assisted, and credited load,
    recomputed from the timetable (a double counts 2)."""
    solution = labels.solution
    policy = solution.instance.policy
    header = [labels.word(k) for k in ("school", "teacher_id", "name", "local", "online_main",
                                       "assist_col", "credited", "min_load", "max_load")]
    rows: list[list[object]] = []
    for teacher in solution.instance.teachers:
        duties = solution.teacher_week(teacher.teacher_id).values()
        local = sum(1 for d in duties if d.kind == "local")
        forms: Counter[str] = Counter(d.session.course.form for d in duties
                        if d.kind == "hub" and d.session is not None)
        taught = sum(forms.values())
        assisted = sum(1 for d in duties if d.kind == "assist")
        rows.append([labels.school(teacher.school_id), teacher.teacher_id,
                     labels.teacher(teacher.teacher_id), local, taught, assisted,
                     _number(policy.credited_load(local, forms, assisted)),
                     _number(Fraction(teacher.min_load)),
                     None if teacher.max_load is None else _number(Fraction(teacher.max_load))])
    note = labels.word("credit_note", online=policy.credits_text,
                       assistant=f"{policy.assistant_credit:g}")
    return header, rows, note


def workbook_bytes(solution: TimetableView, lang: str = "zh",
                   applies_from: dt.date | None = None) -> bytes:
    """The whole workbook as .xlsx bytes; ``applies_from`` (the first day the timetable
    applies) is printed in the titles of the class and teacher sheets."""
    require_openpyxl()
    labels = Labels(lang, solution, applies_from)
    instance = solution.instance
    book = Workbook()
    first: Any = book.active
    book.remove(first)
    for school in instance.schools:
        _overview_sheet(_sheet(book, f"{labels.word('overview')}-{labels.short(school.school_id)}"),
                        labels, school.school_id)
    for klass in instance.classes:
        week = solution.class_week(*klass.key)

        def lesson_cell(day: str, period: int, week: dict = week) -> Any:
            lesson = week.get((day, period))
            if lesson is None:
                return None
            session = solution.session_of(lesson)
            return (labels.lesson_lines(lesson), session.course.form if session else None,
                    lesson.span)

        name = labels.klass(*klass.key)
        _week_sheet(_sheet(book, f"{labels.short(klass.school_id)}-{name}"), labels,
                    labels.titled(labels.class_title(*klass.key), labels.class_meta(*klass.key)),
                    klass.school_id, lesson_cell, labels.teacher_list(*klass.key))
    for teacher in instance.teachers:
        duties = solution.teacher_week(teacher.teacher_id)

        def duty_cell(day: str, period: int, duties: dict = duties,
                      school_id: str = teacher.school_id) -> Any:
            duty = duties.get((day, period))
            if duty is None:
                return None
            return labels.duty_lines(school_id, duty), duty.form, duty.span

        name = labels.teacher(teacher.teacher_id)
        _week_sheet(_sheet(book, f"{labels.word('teacher')}-{labels.short(teacher.school_id)}-"
                                 f"{name}"), labels,
                    labels.titled(labels.teacher_title(teacher.teacher_id),
                                  labels.teacher_meta(teacher.teacher_id)),
                    teacher.school_id, duty_cell)
    header, rows = session_rows(labels)
    _table_sheet(_sheet(book, labels.word("sessions")),
                 f"{instance.name} {labels.word('sessions')}", header, rows)
    if solution.meetings:
        header, rows = research_rows(labels)
        _table_sheet(_sheet(book, labels.form_name("research")),
                     f"{instance.name} {labels.form_name('research')}", header, rows)
    header, rows, note = workload_rows(labels)
    _table_sheet(_sheet(book, labels.word("workload")),
                 f"{instance.name} {labels.word('workload')}", header, rows, note)
    text_cells_only(book)  # names, ids and subjects are the user's text, never formulas
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
