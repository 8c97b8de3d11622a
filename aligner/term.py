"""The term calendar: the dates a weekly timetable is taught on.

A term runs from its first to its last teaching day; its holidays and breaks are left out, its
make-up working days (调休: a Saturday or Sunday taught as a weekday, ``2022-10-08=Thu``) are
added, and each season's bells start on a date (``winter: 2022-10-09``). From it: every teaching
date with the weekday whose timetable it follows and the season whose bells ring, and so how
many times each weekday's lessons are taught in the term, a month or a season. The programme's
term rules (a backbone teacher's online lessons a semester, a school's average a week) are
counted with these numbers (:mod:`aligner.model.constraints`, :mod:`aligner.check.counts`).

Dates and make-up days are written one per line, as in ``--skip-dates`` files::

    # date or range, then = and a weekday for a make-up day, then a reason
    2022-10-01..2022-10-07, 国庆节
    2022-10-08=Thu, 国庆调休（上星期四的课）

This module is solver-free and reads no files (:mod:`aligner.io.instance_yaml` does).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from aligner.weekdays import WEEKDAYS, weekday

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_RANGE = re.compile(r"^(\S+?)(?:\.\.|/|～|~|至)(\S+)$")
_STARTS_WITH_DATE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}")
WEEKEND = ("Sat", "Sun")


class CalendarLineError(ValueError):
    """A line of dates that makes no sense; ``key`` is a message key, ``fields`` its fields."""

    def __init__(self, key: str, **fields: object):
        self.key = key
        self.fields = fields
        super().__init__(key)


def parse_date(text: str) -> dt.date | None:
    """``2022-10-09`` (or 2022-10-9) as a date; None when it is none."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def is_date_line(text: str) -> bool:
    """The text starts with a date (a line of dates, not the name of a dates file)."""
    return bool(_STARTS_WITH_DATE.match(text))


def parse_line(line: str) -> tuple[list[dt.date], str | None, str]:
    """One line of a dates file: (its dates, the weekday a make-up day follows or None, the
    reason). Raises CalendarLineError."""
    parts = re.split(r"\s*[,，\t]\s*|\s+", line.strip(), maxsplit=1)
    spec, reason = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    spec, _, follows = spec.partition("=")
    match = _RANGE.match(spec)
    first = parse_date(match.group(1) if match else spec)
    last = parse_date(match.group(2)) if match else first
    if first is None or last is None:
        raise CalendarLineError("term.not_a_date", text=spec)
    if last < first:
        raise CalendarLineError("term.range_backwards", spec=spec)
    dates = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    if not follows:
        return dates, None, reason
    name = weekday(follows)
    if name is None:
        raise CalendarLineError("term.not_a_weekday", text=follows)
    return dates, name, reason


def dated_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of every line of a dates file that says something: ``#`` starts a
    comment, and a first line ``date,...`` (or ``日期``) is a header."""
    at_start = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        header, at_start = at_start and line.lower().startswith(("date", "日期")), False
        if not header:
            yield number, line


class TermCalendar(BaseModel):
    """A term's teaching days (see the module's doc). Built from instance.yaml's ``term`` by
    :mod:`aligner.io.instance_yaml`, or directly; ``skipped``, ``workdays`` and
    ``season_from`` are kept sorted by date, so the same dates give equal calendars."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: dt.date
    end: dt.date
    skipped: tuple[tuple[dt.date, str], ...] = ()
    """(date, reason): holidays, breaks, exam days: no lessons."""
    workdays: tuple[tuple[dt.date, str], ...] = ()
    """(date, weekday in WEEKDAYS): make-up working days and the weekday whose timetable they
    follow."""
    season_from: tuple[tuple[str, dt.date], ...] = ()
    """(season, first date its bells ring); with one season it may be left out."""

    @cached_property
    def _skipped(self) -> dict[dt.date, str]:
        return dict(self.skipped)

    @cached_property
    def _workdays(self) -> dict[dt.date, str]:
        return dict(self.workdays)

    def season_on(self, date: dt.date, seasons: tuple[str, ...]) -> str | None:
        """The season whose bells ring on ``date``: the latest started on or before it (the
        only season when there is one and no start is given). Before every start given, the
        one season without a start (it ran on from before the term), else the season that
        starts last (it ran on from the previous year)."""
        starts = [(d, s) for s, d in self.season_from if s in seasons]
        if not starts:
            return seasons[0] if len(seasons) == 1 else None
        started = [(d, s) for d, s in starts if d <= date]
        if started:
            return max(started)[1]
        unstarted = [s for s in seasons if s not in dict(self.season_from)]
        return unstarted[0] if len(unstarted) == 1 else max(starts)[1]

    def teaching_dates(self, days: tuple[str, ...], seasons: tuple[str, ...]
                       ) -> tuple[TeachingDate, ...]:
        """Every date with lessons: a weekday of ``days`` (the instance's, however written) not
        skipped, or a make-up day following one of them; each with the instance's day name and
        the season whose bells ring. A date both skipped and a make-up day is skipped."""
        by_weekday = {weekday(d): d for d in days}
        out = []
        date = self.start
        while date <= self.end:
            follows = self._workdays.get(date, WEEKDAYS[date.weekday()])
            day = by_weekday.get(follows)
            if date not in self._skipped and day is not None:
                out.append(TeachingDate(date, day, self.season_on(date, seasons) or "",
                                        date in self._workdays))
            date += dt.timedelta(days=1)
        return tuple(out)

    def day_counts(self, days: tuple[str, ...], seasons: tuple[str, ...], *,
                   month: str | None = None, season: str | None = None) -> Counter[str]:
        """How many teaching dates follow each day of ``days`` (in a ``YYYY-MM`` month, or
        in a season, when given); every day of ``days`` is a key, 0 when it has no date."""
        counts = Counter(dict.fromkeys(days, 0))
        counts.update(t.day for t in self.teaching_dates(days, seasons)
                      if (month is None or t.month == month)
                      and (season is None or t.season == season))
        return counts

    def months(self) -> tuple[str, ...]:
        """The term's months, ``YYYY-MM``, in order."""
        out: list[str] = []
        date = self.start.replace(day=1)
        while date <= self.end:
            out.append(f"{date:%Y-%m}")
            date = (date + dt.timedelta(days=32)).replace(day=1)
        return tuple(out)

    def teaching_weeks(self, days: tuple[str, ...], seasons: tuple[str, ...]) -> float:
        """Teaching dates / school days a week: the weeks a weekly average is taken over (for
        reports; the rules compare whole numbers, :func:`average_holds`)."""
        return len(self.teaching_dates(days, seasons)) / len(days)


def average_holds(total: int, dates: int, days: int, minimum: int) -> bool:
    """``total`` lessons over ``dates`` teaching dates of a ``days``-day week average at least
    ``minimum`` a teaching week: total / (dates / days) >= minimum, in whole numbers."""
    return days * total >= minimum * dates


@dataclass(frozen=True)
class TeachingDate:
    """One date with lessons."""

    date: dt.date
    day: str
    """The instance's day whose timetable is taught (a make-up day follows another)."""
    season: str
    makeup: bool = False

    @property
    def month(self) -> str:
        return f"{self.date:%Y-%m}"
