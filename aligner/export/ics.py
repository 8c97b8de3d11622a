"""The timetable as iCalendar files (RFC 5545) for teachers' and classes' phone calendars.

One file per teacher and per class. Each lesson of the week is a weekly recurring event in
Asia/Shanghai time at its period's real times, from ``start`` to ``end`` (inclusive); dates in
the skip list (holidays, exam days, ...) are excluded with EXDATE, and make-up working days
(调休, ``2022-10-08=Thu`` in a dates file) add the lessons of the weekday they follow (an event
of their own each).
With several seasons the bells change on given dates (``season_from``): each lesson then has
one recurring event per stretch of dates in one season, at that season's times. A double
period is one event.
Written with the ``icalendar`` package (``pip install 'aligner[ics]'``), which escapes the text
and folds the lines as RFC 5545 asks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.export.extras import MissingExtra
from aligner.export.labels import Labels
from aligner.export.view import TimetableView
from aligner.messages import say
from aligner.term import CalendarLineError, dated_lines, parse_line
from aligner.weekdays import WEEKDAYS, weekday

try:
    from icalendar import Calendar, Event, Timezone, TimezoneStandard
except ImportError:  # pragma: no cover - the error names the extra
    Calendar = None  # type: ignore[assignment,misc]

TIMEZONE = "Asia/Shanghai"
UTC_OFFSET = dt.timedelta(hours=8)
"""China Standard Time, UTC+8 all year (no daylight saving since 1991)."""
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class CalendarError(ValueError):
    """Dates, seasons or days that make no calendar; the message says which and where."""


def parse_date(text: str, where: str = "") -> dt.date:
    match = _DATE.match(text.strip())
    try:
        if match:
            return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        pass
    raise CalendarError(where + say("export.not_a_date", text=text))


def read_skip_dates(path: str | Path) -> dict[dt.date, str]:
    """Dates to leave out (:func:`read_dates_file`): date -> reason."""
    return read_dates_file(path)[0]


def read_dates_file(path: str | Path) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """(dates to leave out -> reason, make-up working days -> the weekday they follow) of a
    dates file: one per line, ``2023-01-02`` or a range ``2023-01-21..2023-01-27``, optionally
    followed by a comma or spaces and a reason; ``2022-10-08=Thu`` is a make-up day (a
    weekend day taught as that weekday, :mod:`aligner.term`); ``#`` starts a comment; a first
    line ``date,...`` is a header."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CalendarError(say("export.at", where=path,
                                problem=say("export.no_skip_file"))) from None
    except OSError as exc:
        raise CalendarError(say("export.at", where=path, problem=say(
            "export.unreadable", reason=exc.strerror or exc))) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CalendarError(say("export.at", where=path, problem=say(
            "export.not_utf8", reason=exc))) from None
    skipped: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    for number, line in dated_lines(text):
        try:
            dates, follows, reason = parse_line(line)
        except CalendarLineError as exc:
            raise CalendarError(say("export.line", file=path.name, line=number)
                                + say(exc.key, **exc.fields)) from None
        for day in dates:
            if follows is None:
                skipped[day] = reason
            else:
                workdays[day] = follows
    return skipped, workdays


@dataclass(frozen=True)
class Term:
    """The dates a calendar covers and how the seasons' bells split them."""

    start: dt.date
    end: dt.date
    skip: dict[dt.date, str]
    season_from: dict[str, dt.date]
    """season -> first date its bells apply (needed with several seasons)."""
    workdays: dict[dt.date, str] = field(default_factory=dict)
    """Make-up working days -> the weekday (Mon..Sun) whose lessons they hold."""

    def stretches(self, seasons: tuple[str, ...]) -> list[tuple[str, dt.date, dt.date]]:
        """(season, first date, last date) covering start..end, in order."""
        if self.end < self.start:
            raise CalendarError(say("export.to_before_from", end=self.end, start=self.start))
        if len(seasons) == 1 and not self.season_from:
            return [(seasons[0], self.start, self.end)]
        unknown = sorted(set(self.season_from) - set(seasons))
        if unknown:
            raise CalendarError(say("export.unknown_season_from", unknown=", ".join(unknown),
                                    seasons=", ".join(seasons)))
        starts = sorted((d, s) for s, d in self.season_from.items())
        if not starts or starts[0][0] > self.start:
            raise CalendarError(say(
                "export.season_from_needed", seasons=", ".join(seasons), season=seasons[0],
                start=self.start, uncovered=say(
                    "export.uncovered", season=starts[0][1], first=starts[0][0],
                    start=self.start) if starts else ""))
        out = []
        for i, (first, season) in enumerate(starts):
            last = starts[i + 1][0] - dt.timedelta(days=1) if i + 1 < len(starts) else self.end
            a, b = max(first, self.start), min(last, self.end)
            if a <= b:
                out.append((season, a, b))
        return out


def require_icalendar() -> None:
    if Calendar is None:
        raise MissingExtra(say("export.needs_icalendar"))


def _local(day: dt.date, minute: int) -> dt.datetime:
    """A wall-clock time in Asia/Shanghai (written with TZID, not converted)."""
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60))


def _utc(day: dt.date, minute: int) -> dt.datetime:
    return (_local(day, minute) - UTC_OFFSET).replace(tzinfo=dt.UTC)


def slug(text: str) -> str:
    """A file-name-safe form of an id; a short hash keeps changed ids apart."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", text)
    if safe != text:
        safe += "-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    return safe


@dataclass(frozen=True)
class Slot:
    """A weekly lesson of one calendar: day, periods first..last at ``school_id``."""

    key: str
    day: str
    school_id: str
    first: int
    last: int
    summary: str
    description: str
    location: str


def _weekday(day: str) -> int:
    name = weekday(day)
    if name is None:
        raise CalendarError(say("export.not_a_weekday", day=day))
    return WEEKDAYS.index(name)


def _events(solution: TimetableView, slots: Iterable[Slot], term: Term, stamp: dt.datetime,
            owner: str) -> list[Any]:
    events: list[Any] = []
    zone = {"TZID": TIMEZONE}
    for season, first_date, last_date in term.stretches(solution.seasons):
        for slot in slots:
            weekday = _weekday(slot.day)
            day = first_date + dt.timedelta(days=(weekday - first_date.weekday()) % 7)
            dates = []
            while day <= last_date:
                dates.append(day)
                day += dt.timedelta(days=7)
            held = [d for d in dates if d not in term.skip]
            extra = sorted(d for d, follows in term.workdays.items()
                           if follows == WEEKDAYS[weekday] and first_date <= d <= last_date
                           and d not in term.skip)  # make-up days: an event of their own each
            start = solution.bell(slot.school_id, slot.first, season).start
            end = solution.bell(slot.school_id, slot.last, season).end
            key = f"{slug(owner)}-{slug(slot.key)}"
            if held:
                event = _event(slot, f"{key}-{first_date:%Y%m%d}@aligner", stamp, held[0],
                               start, end)
                if len(held) > 1:
                    event.add("rrule", {"FREQ": "WEEKLY", "UNTIL": _utc(held[-1], start)})
                    skipped = [d for d in dates if d in term.skip and held[0] < d < held[-1]]
                    if skipped:
                        event.add("exdate", [_local(d, start) for d in skipped],
                                  parameters=zone)
                events.append(event)
            # a make-up day (调休, a weekend day following this weekday's timetable) is an event
            # of its own, not an RDATE: it may come before the series' first date, which RFC 5545
            # makes DTSTART, and some calendar programs ignore RDATE
            events.extend(_event(slot, f"{key}-{date:%Y%m%d}-makeup@aligner", stamp, date,
                                 start, end) for date in extra)
    return events


def _event(slot: Slot, uid: str, stamp: dt.datetime, date: dt.date, start: int, end: int
           ) -> Any:
    """One event of ``slot`` on ``date`` (the first of a series, or a single one)."""
    zone = {"TZID": TIMEZONE}
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _local(date, start), parameters=zone)
    event.add("dtend", _local(date, end), parameters=zone)
    event.add("summary", slot.summary)
    event.add("location", slot.location)
    event.add("description", slot.description)
    return event


def _calendar(name: str, events: list[Any]) -> str:
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//aligner//timetable//ZH")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    zone = Timezone()
    zone.add("tzid", TIMEZONE)
    zone.add("x-lic-location", TIMEZONE)
    standard = TimezoneStandard()
    standard.add("tzoffsetfrom", UTC_OFFSET)
    standard.add("tzoffsetto", UTC_OFFSET)
    standard.add("tzname", "CST")
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    zone.add_component(standard)
    calendar.add_component(zone)
    for event in events:
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


def _in_week(solution: TimetableView) -> Any:
    """Sort key of ((day, period), item) pairs: by day of the week, then period."""
    rank = {d: i for i, d in enumerate(solution.instance.days)}
    return lambda item: (rank.get(item[0][0], len(rank)), item[0][1])


def class_slots(labels: Labels, school_id: str, class_id: str) -> list[Slot]:
    solution = labels.solution
    slots = []
    for (day, period), lesson in sorted(solution.class_week(school_id, class_id).items(),
                                        key=_in_week(solution)):
        if lesson.span == 0:
            continue
        lines = labels.lesson_lines(lesson)
        summary = " ".join(line for line in lines[:2] if line) if not lesson.online else \
            f"{lines[0]} {labels.teacher(lesson.teacher_id)}"
        slots.append(Slot(f"{class_id}-{day}-{period}", day, school_id, period,
                          period + max(lesson.span, 1) - 1, summary, "\n".join(lines),
                          f"{labels.school(school_id)} "
                          + (labels.room(school_id, lesson.room_id) if lesson.room_id
                             else labels.klass(school_id, class_id))))
    return slots


def teacher_slots(labels: Labels, teacher_id: str) -> list[Slot]:
    solution = labels.solution
    school_id = solution.instance.teacher_by_id[teacher_id].school_id
    slots = []
    for (day, period), duty in sorted(solution.teacher_week(teacher_id).items(),
                                      key=_in_week(solution)):
        if duty.span == 0:
            continue
        lines = labels.duty_lines(school_id, duty)
        classes = (labels.room(school_id, duty.room_id) if duty.room_id  # its special room
                   else "、".join(labels.klass(school_id, c) for c in duty.class_ids))
        slots.append(Slot(f"{day}-{period}", day, school_id, period,
                          period + max(duty.span, 1) - 1, " ".join(lines[:2]), "\n".join(lines),
                          f"{labels.school(school_id)} {classes}".strip()))
    return slots


def _written(solution: TimetableView) -> dt.datetime:
    """When the timetable was written (lessons.csv's time), else now."""
    try:
        seconds = (solution.directory / "lessons.csv").stat().st_mtime
    except OSError:
        return dt.datetime.now(dt.UTC)
    return dt.datetime.fromtimestamp(int(seconds), dt.UTC)


def calendar_files(solution: TimetableView, term: Term, lang: str = "zh",
                   now: dt.datetime | None = None) -> dict[str, str]:
    """File name -> iCalendar text: ``teacher-<id>.ics`` for every teacher with a lesson and
    ``class-<school>-<class>.ics`` for every class. DTSTAMP is ``now``, by default the time
    lessons.csv was written, so that exporting one timetable twice gives the same files."""
    require_icalendar()
    labels = Labels(lang, solution)
    term.stretches(solution.seasons)  # errors before anything is built
    for day in solution.instance.days:
        _weekday(day)
    stamp = (now or _written(solution)).astimezone(dt.UTC).replace(microsecond=0)
    files: dict[str, str] = {}
    title = labels.seasons_title
    for teacher in solution.instance.teachers:
        slots = teacher_slots(labels, teacher.teacher_id)
        if not slots:
            continue
        name = f"{labels.teacher(teacher.teacher_id)} {labels.word('teacher')} {title}"
        files[f"teacher-{slug(teacher.teacher_id)}.ics"] = _calendar(
            name, _events(solution, slots, term, stamp, teacher.teacher_id))
    for klass in solution.instance.classes:
        slots = class_slots(labels, *klass.key)
        name = f"{labels.short(klass.school_id)} {labels.klass(*klass.key)} " \
               f"{labels.word('class')} {title}"
        files[f"class-{slug(klass.school_id)}-{slug(klass.class_id)}.ics"] = _calendar(
            name, _events(solution, slots, term, stamp, f"{klass.school_id}/{klass.class_id}"))
    return files
