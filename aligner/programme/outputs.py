"""The plan and the monthly report as files: CSV tables, an Excel workbook (the term calendar
sheet; the 月报表 in Chinese, with the school and county roll-ups) and iCalendar events for the
teachers concerned. Each function returns file name -> content; nothing is written here."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from typing import Any

import pandas as pd

from aligner.export.files import csv_text
from aligner.instance import COMBINE, Instance
from aligner.messages import say_in
from aligner.programme.plan import TermPlan, month_bounds
from aligner.programme.report import MonthReport

PLAN_FILES = ("plan_sessions.csv", "plan_visits.csv", "plan_offline.csv")


def plan_csv(plan: TermPlan) -> dict[str, tuple[str, str]]:
    """plan_sessions.csv, plan_visits.csv, plan_offline.csv (UTF-8 with a BOM, as the solution's
    CSV files)."""
    frames = (plan.sessions, plan.visits, plan.offline)
    return {name: (csv_text(frame), "utf-8-sig") for name, frame in zip(PLAN_FILES, frames,
                                                                        strict=True)}


def report_csv(report: MonthReport) -> dict[str, tuple[str, str]]:
    """report-<month>.csv (activities and person-times), report-<month>-backbone.csv,
    report-<month>-rules.csv."""
    stem = f"report-{report.month}"
    return {f"{stem}.csv": (csv_text(report.activities), "utf-8-sig"),
            f"{stem}-backbone.csv": (csv_text(report.backbone), "utf-8-sig"),
            f"{stem}-rules.csv": (csv_text(report.rules), "utf-8-sig")}


# ---- workbooks ---------------------------------------------------------------------------------


def _book() -> Any:
    from aligner.export.xlsx import require_openpyxl

    require_openpyxl()
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    return book


def _sheet(book: Any, title: str, heading: str, header: list[str], rows: list[list[Any]],
           note: str = "") -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title[:31])
    sheet.cell(row=1, column=1, value=heading).font = Font(bold=True, size=13)
    for column, text in enumerate(header, start=1):
        cell = sheet.cell(row=2, column=column, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = max(10, 2 * len(text) + 4)
    for r, values in enumerate(rows, start=3):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=r, column=column, value=value)
    if note:
        sheet.cell(row=len(rows) + 4, column=1, value=note)
    sheet.freeze_panes = "A3"


def _save(book: Any) -> bytes:
    from aligner.io.workbook import text_cells_only

    text_cells_only(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _school(instance: Instance, school_id: str) -> str:
    school = instance.school_by_id.get(school_id)
    return school.name if school else school_id


def _teacher(instance: Instance, teacher_id: str) -> str:
    teacher = instance.teacher_by_id.get(teacher_id)
    return f"{teacher.name} ({teacher_id})" if teacher else teacher_id


def _table(frame: pd.DataFrame, lang: str, instance: Instance) -> tuple[list[str], list[list]]:
    """Column headers in ``lang`` (the catalogue's where it has one) and rows with school and
    form names."""
    def head(column: str) -> str:
        from aligner.messages import catalogue

        key = f"programme.col.{column}"
        return say_in(lang, key) if key in catalogue() else column

    def cell(column: str, value: Any) -> Any:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        if column.endswith("school_id") and value:
            return _school(instance, str(value))
        if column == "form":
            return say_in(lang, f"programme.form.{value}")
        if column == "level" and "teacher_id" in columns and "rule" not in columns:
            return say_in(lang, f"programme.teacher_level.{value}")
        if column == "level" and value in ("pair", "school", "county"):
            return say_in(lang, f"programme.level.{value}")
        if column in ("teacher_id", "hub_teacher_id") and value:
            return _teacher(instance, str(value))
        if column == "rule":
            return rule_name(str(value), lang)
        if isinstance(value, bool):
            return say_in(lang, "programme.yes" if value else "programme.no")
        return value

    columns = list(frame.columns)
    return [head(c) for c in columns], [[cell(c, v) for c, v in zip(columns, row, strict=True)]
                                        for row in frame.itertuples(index=False)]


def rule_name(rule: str, lang: str) -> str:
    """A rule's name in ``lang``: ``level_min_online_over_term (city)`` keeps its level."""
    base, _, rest = rule.partition(" (")
    level = rest.rstrip(")")
    name = say_in(lang, f"programme.rule.{base}")
    return f"{name} ({say_in(lang, f'programme.teacher_level.{level}')})" if level else name


def plan_workbook(plan: TermPlan, lang: str = "zh") -> bytes:
    """The term calendar sheet (every date of the term: the timetable it follows, its bells,
    a holiday's reason, and what the plan holds that day) and the three tables."""
    assert plan.view is not None
    instance = plan.view.instance
    term = instance.term
    assert term is not None
    book = _book()
    held: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in plan.sessions.drop_duplicates(["session_id", "date"]).to_dict("records"):
        held[row["date"]]["meetings" if row["form"] == "research" else "sessions"] += 1
    for row in plan.visits.to_dict("records"):
        if row["status"] == "proposed":
            held[row["date"]]["visits"] += 1
    for row in plan.offline.to_dict("records"):
        if row["status"] == "proposed":
            held[row["date"]]["offline"] += 1
    teaching = {d.date: d for d in plan.dates}
    skipped = dict(term.skipped)
    rows = []
    date = term.start
    while date <= term.end:
        taught = teaching.get(date)
        note = skipped.get(date, "")
        if taught is not None and taught.makeup:
            note = note or say_in(lang, "programme.made_up")
        counts = held.get(date.isoformat(), {})
        rows.append([date.isoformat(), taught.day if taught else "",
                     taught.season if taught else "", note,
                     *(counts.get(k, 0) or "" for k in ("sessions", "meetings", "visits",
                                                         "offline"))])
        date += dt.timedelta(days=1)
    header = [say_in(lang, f"programme.col.{c}") for c in (
        "date", "day", "season", "note", "sessions", "meetings", "visits", "offline")]
    _sheet(book, say_in(lang, "programme.sheet.calendar"),
           say_in(lang, "programme.title.calendar", name=instance.name, start=term.start,
                  end=term.end), header, rows)
    for key, frame in (("sessions", plan.sessions), ("visits", plan.visits),
                       ("offline", plan.offline)):
        head, body = _table(frame, lang, instance)
        _sheet(book, say_in(lang, f"programme.sheet.{key}"), say_in(lang, f"programme.sheet.{key}"),
               head, body)
    return _save(book)


def report_workbook(report: MonthReport, instance: Instance, lang: str = "zh") -> bytes:
    """The 月报表: the county roll-up, the schools, the pairs, the backbone teachers and the
    rules, each with the month and the term to date."""
    book = _book()
    _, last = month_bounds(report.month)
    due = (last + dt.timedelta(days=1)).replace(day=22)
    title = say_in(lang, "programme.title.report", name=instance.name, month=report.month)
    notes = " ".join([say_in(lang, "programme.title.due", due=due.isoformat()), *report.notes])
    frame = report.activities
    for key, level, drop in (("county", "county", ["level", "hub_school_id",
                                                   "receiving_school_id", "school_id"]),
                             ("schools", "school", ["level", "hub_school_id",
                                                    "receiving_school_id"]),
                             ("pairs", "pair", ["level", "school_id"])):
        head, body = _table(frame[frame["level"] == level].drop(columns=drop), lang, instance)
        _sheet(book, say_in(lang, f"programme.sheet.{key}"), title, head, body, notes)
    head, body = _table(report.backbone, lang, instance)
    _sheet(book, say_in(lang, "programme.sheet.backbone"), title, head, body, notes)
    head, body = _table(report.rules, lang, instance)
    _sheet(book, say_in(lang, "programme.sheet.rules"), title, head, body, notes)
    return _save(book)


# ---- calendars ---------------------------------------------------------------------------------


def plan_calendars(plan: TermPlan, lang: str = "zh") -> dict[str, str]:
    """``teacher-<id>.ics`` for every teacher concerned: each dated session taught or
    assisted, each research meeting, the visits (at the receiving class's period) and the
    offline days (all-day events), in Asia/Shanghai time."""
    from aligner.export.ics import (
        TIMEZONE,
        _calendar,
        _local,
        require_icalendar,
        slug,
    )

    require_icalendar()
    from icalendar import Event

    assert plan.view is not None
    instance = plan.view.instance
    zone = {"TZID": TIMEZONE}
    stamp = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    events: dict[str, list[Any]] = defaultdict(list)

    def minute(text: str) -> int:
        hours, minutes = text.split(":")
        return int(hours) * 60 + int(minutes)

    def timed(uid: str, day: str, start: str, end: str, summary: str, where: str) -> Any:
        event = Event()
        date = dt.date.fromisoformat(day)
        event.add("uid", f"{slug(uid)}@aligner-plan")
        event.add("dtstamp", stamp)
        event.add("dtstart", _local(date, minute(start)), parameters=zone)
        event.add("dtend", _local(date, minute(end)), parameters=zone)
        event.add("summary", summary)
        event.add("location", where)
        return event

    taught: set[tuple[str, str]] = set()
    for row in plan.sessions.to_dict("records"):
        summary = say_in(lang, "programme.event.session",
                         form=say_in(lang, f"programme.form.{row['form']}"),
                         subject=row["subject"], course=row["course_id"])
        uid = f"{row['session_id']}-{row['receiving_school_id']}-{row['date']}"
        if (row["session_id"], row["date"]) not in taught:
            taught.add((row["session_id"], row["date"]))
            events[row["hub_teacher_id"]].append(timed(
                f"{row['session_id']}-{row['date']}", row["date"], row["start"], row["end"],
                summary, _school(instance, row["hub_school_id"])))
        for assistant in filter(None, row["assistant_ids"].split(COMBINE)):
            events[assistant].append(timed(
                f"{uid}-{assistant}", row["date"], row["receiving_start"], row["receiving_end"],
                summary, _school(instance, row["receiving_school_id"])))
    for row in plan.visits.to_dict("records"):
        if row["status"] != "proposed":
            continue
        school = _school(instance, row["receiving_school_id"])
        events[row["hub_teacher_id"]].append(timed(
            f"visit-{row['hub_school_id']}-{row['receiving_school_id']}-{row['month']}",
            row["date"], row["receiving_start"], row["receiving_end"],
            say_in(lang, "programme.event.visit", subject=row["subject"], school=school,
                   klass=row["receiving_class_id"]), school))
    for row in plan.offline.to_dict("records"):
        if row["status"] != "proposed":
            continue
        for teacher_id in filter(None, row["teacher_ids"].split(COMBINE)):
            event = Event()
            date = dt.date.fromisoformat(row["date"])
            event.add("uid", slug(f"offline-{row['hub_school_id']}-{row['receiving_school_id']}"
                                  f"-{row['date']}-{teacher_id}") + "@aligner-plan")
            event.add("dtstamp", stamp)
            event.add("dtstart", date)
            event.add("dtend", date + dt.timedelta(days=1))
            event.add("summary", say_in(lang, "programme.event.offline", school=_school(
                instance, row["receiving_school_id"] if instance.teacher_by_id[teacher_id]
                .school_id == row["hub_school_id"] else row["hub_school_id"])))
            events[teacher_id].append(event)
    return {f"teacher-{slug(t)}.ics": _calendar(
        say_in(lang, "programme.event.calendar", teacher=_teacher(instance, t)), found)
        for t, found in sorted(events.items())}
