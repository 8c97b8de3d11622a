"""Absences and the school days they take: the absences of ``aligner substitute`` (one teacher
from the command line, or several from a CSV file), the term they must lie in, and the dates of
each absence on which the school has lessons (its weekdays of instance.yaml ``days``, less the
skipped dates: holidays, exam days)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from aligner.instance import Instance
from aligner.io import cells
from aligner.io.errors import InputError, InputIssue, IssueLog
from aligner.io.formats import read_spreadsheet_text
from aligner.io.tabular import read_table
from aligner.messages import say
from aligner.weekdays import WEEKDAYS, weekday

ABSENCE_COLUMNS = ("teacher_id", "from", "to", "reason")
"""The columns of an absences file (``--absences``); ``date`` may stand for ``from`` and ``to``
of a one-day absence."""
MAX_ABSENCE_DAYS = 366
"""Days one absence may span (a longer one is surely a typing error in a year)."""


@dataclass(frozen=True)
class Absence:
    """A teacher away from ``first`` to ``last`` (both included)."""

    teacher_id: str
    first: dt.date
    last: dt.date
    reason: str = ""
    row: int = 0
    """Its row in the absences file (header = 1); 0 when given on the command line."""


@dataclass(frozen=True)
class Term:
    """The first and last day of the term (``--term``)."""

    first: dt.date
    last: dt.date


def parse_day(text: str) -> dt.date | None:
    """``2022-10-17`` (also ``2022-10-7``, ``2022/10/17``) as a date; None when it is none."""
    parts = text.strip().replace("/", "-").split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def parse_term(text: str) -> Term:
    """``FIRST..LAST`` as a Term; InputError (naming ``--term``) when it is none."""
    first_text, sep, last_text = text.partition("..")
    first, last = parse_day(first_text), parse_day(last_text)
    if not sep or first is None or last is None:
        raise InputError([InputIssue("--term", say("living.bad_term", value=text))])
    if last < first:
        raise InputError([InputIssue("--term", say("living.term_reversed", first=first,
                                                   last=last))])
    return Term(first, last)


def _dates_problem(first: dt.date, last: dt.date, term: Term | None) -> tuple[str, str] | None:
    """(column, problem) of an absence's dates, or None when they are fine."""
    if last < first:
        return "to", say("living.reversed", first=first, last=last)
    if (last - first).days >= MAX_ABSENCE_DAYS:
        return "to", say("living.too_long", first=first, last=last, most=MAX_ABSENCE_DAYS)
    if term is not None and first < term.first:
        return "from", say("living.before_term", date=first, first=term.first, last=term.last)
    if term is not None and first > term.last:
        return "from", say("living.after_term", date=first, first=term.first, last=term.last)
    if term is not None and last > term.last:
        return "to", say("living.after_term", date=last, first=term.first, last=term.last)
    return None


def teacher_id_of(text: str, instance: Instance) -> str:
    """The teacher ``text`` names: an id, or the name of exactly one teacher (offices know
    their teachers by name: 应晓婷 for wx-t20); ``text`` itself when it is neither."""
    if text in instance.teacher_by_id:
        return text
    named = [t.teacher_id for t in instance.teachers if t.name.strip() == text.strip()]
    return named[0] if len(named) == 1 else text


def _teacher_problem(teacher_id: str, instance: Instance) -> str:
    if teacher_id in instance.teacher_by_id:
        return ""
    return say("living.unknown_teacher", teacher=teacher_id,
               hint=cells.did_you_mean(teacher_id, instance.teacher_by_id))


def absence_of(teacher_id: str, first_text: str, last_text: str, instance: Instance,
               term: Term | None = None, reason: str = "") -> Absence:
    """One absence given on the command line (``--teacher T --from D --to D``); InputError
    naming the option at fault."""
    log = IssueLog()
    teacher_id = teacher_id_of(teacher_id, instance)
    problem = _teacher_problem(teacher_id, instance)
    if problem:
        log.add("--teacher", problem)
    first, last = parse_day(first_text), parse_day(last_text)
    if first is None:
        log.add("--from", say("living.not_a_date", text=first_text))
    if last is None:
        log.add("--to", say("living.not_a_date", text=last_text))
    if first is not None and last is not None:
        found = _dates_problem(first, last, term)
        if found:
            log.add(f"--{found[0]}", found[1])
    log.raise_if_any()
    assert first is not None and last is not None
    return Absence(teacher_id, first, last, reason)


def read_absences(path: str | Path, instance: Instance, term: Term | None = None
                  ) -> tuple[Absence, ...]:
    """The absences of a CSV file (columns teacher_id, from, to, optional reason; or date for a
    one-day absence); InputError naming the file, row and column of every problem."""
    path = Path(path)
    log = IssueLog()
    table = read_table(path.parent, path.name, ("teacher_id",), ("from", "to", "date", "reason"),
                       log)
    log.raise_if_any()
    assert table is not None
    if "date" not in table.columns and not {"from", "to"} <= set(table.columns):
        for column in ("from", "to"):
            if column not in table.columns:
                log.add(path.name, say("io.column_missing"), 1, column)
        log.raise_if_any()
    found: list[Absence] = []
    for row in table.rows:
        teacher_id = teacher_id_of(read_spreadsheet_text(row["teacher_id"]), instance)
        problem = _teacher_problem(teacher_id, instance) if teacher_id else say(
            "living.blank_teacher")
        if problem:
            log.add(path.name, problem, row.number, "teacher_id")
        texts = {c: row[c] for c in ("from", "to")}
        if row["date"] and not (row["from"] or row["to"]):
            texts = {"from": row["date"], "to": row["date"]}
        dates = {}
        for column, text in texts.items():
            day = parse_day(text)
            shown = column if row["from"] or row["to"] or not row["date"] else "date"
            if day is None:
                log.add(path.name, say("living.not_a_date", text=text) if text else
                        say("living.blank_date"), row.number, shown)
            dates[column] = day
        first, last = dates["from"], dates["to"]
        if first is not None and last is not None:
            bad = _dates_problem(first, last, term)
            if bad:
                log.add(path.name, bad[1], row.number, bad[0] if row["from"] or row["to"]
                        else "date")
            elif not problem:
                found.append(Absence(teacher_id, first, last, row["reason"], row.number))
    if not table.rows:
        log.add(path.name, say("living.no_absences"), 1)
    log.raise_if_any()
    return tuple(found)


def read_skipped(files: Iterable[str | Path]) -> dict[dt.date, str]:
    """The skipped dates of ``--skip-dates`` files (the format of ``aligner export``); InputError
    naming the file and line of a bad one."""
    from aligner.export.ics import CalendarError, read_skip_dates

    skipped: dict[dt.date, str] = {}
    for file in files:
        try:
            skipped |= read_skip_dates(file)
        except CalendarError as exc:
            raise InputError([InputIssue("--skip-dates", str(exc))]) from None
    return skipped


def day_names(instance: Instance) -> dict[int, str]:
    """Python's weekday number (Monday 0) -> the instance's name of that school day; InputError
    when a day of instance.yaml is no weekday (its dates are then unknown)."""
    names: dict[int, str] = {}
    for day in instance.days:
        known = weekday(day)
        if known is None:
            raise InputError([InputIssue("instance.yaml", say("living.not_a_weekday", day=day),
                                         None, "days")])
        names[WEEKDAYS.index(known)] = day
    return names


@dataclass(frozen=True)
class SchoolDates:
    """Which dates have lessons, and the day of the weekly timetable each follows: a school day
    of the week not skipped, or a make-up working day (调休) of the instance's term calendar,
    which follows the weekday it names."""

    names: dict[int, str]
    """Python's weekday number (Monday 0) -> the instance's name of that school day."""
    skipped: dict[dt.date, str]
    workdays: dict[dt.date, str]
    """Make-up day -> the instance's day whose timetable it follows."""
    term: Term | None = None
    """The term calendar's first and last day: no lessons outside them."""

    def day(self, date: dt.date) -> str | None:
        """The timetable day ``date`` follows, or None when it has no lessons."""
        if date in self.skipped or (self.term is not None and not
                                    self.term.first <= date <= self.term.last):
            return None
        if date in self.workdays:
            return self.workdays[date]
        return self.names.get(date.weekday())


def school_dates(instance: Instance, skipped: dict[dt.date, str] | None = None) -> SchoolDates:
    """The instance's school dates: its days of the week, less ``skipped`` and the holidays of its
    term calendar (instance.yaml ``term``), with the calendar's make-up days."""
    names = day_names(instance)
    off = dict(skipped or {})
    workdays: dict[dt.date, str] = {}
    term = None
    if instance.term is not None:
        term = Term(instance.term.start, instance.term.end)
        off = dict(instance.term.skipped) | off
        by_weekday = {WEEKDAYS.index(w): day for w, day in
                      ((weekday(d), d) for d in instance.days) if w is not None}
        workdays = {date: by_weekday[WEEKDAYS.index(follows)]
                    for date, follows in instance.term.workdays
                    if WEEKDAYS.index(follows) in by_weekday}
    return SchoolDates(names, off, workdays, term)


def school_days(absence: Absence, dates: SchoolDates) -> list[dt.date]:
    """The dates of the absence on which the school has lessons."""
    days = []
    date = absence.first
    while date <= absence.last:
        if dates.day(date) is not None:
            days.append(date)
        date += dt.timedelta(days=1)
    return days


def term_of(instance: Instance, given: Term | None) -> Term | None:
    """The term absences must lie in: ``--term`` when given, else the instance's term calendar's
    first and last day, else none."""
    if given is not None or instance.term is None:
        return given
    return Term(instance.term.start, instance.term.end)


def week_of(date: dt.date) -> tuple[int, int]:
    """The ISO year and week of ``date`` (Monday to Sunday): the week loads are counted in."""
    year, week, _ = date.isocalendar()
    return year, week
