"""A solution directory read back for the office exports (Excel, HTML, iCalendar): a
:class:`TimetableView`, the timetable arranged by class and by teacher with its instance.

The exports need names and every season's bells, which only the instance holds, so a solution is
read together with its instance: the one given, or the one ``aligner solve`` recorded in
summary.json (``instance_path``). The week is the same in every season, so the first season's
rows of lessons.csv and sessions.csv are kept and each season's times come from the bells.
Rows of one double period share a ``lesson_id`` (lessons.csv may lack that column: then every
row is a lesson of its own).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from aligner.instance import COMBINE, BellPeriod, Course, Instance
from aligner.io.errors import InputIssue, IssueLog
from aligner.io.formats import read_spreadsheet_text
from aligner.io.solution_dir import load_solved_instance, read_summary
from aligner.io.tabular import read_text
from aligner.messages import listed, say

LESSONS, SESSIONS, LOADS, SUMMARY = "lessons.csv", "sessions.csv", "teacher_load.csv", \
    "summary.json"
RESEARCH = "research.csv"
LESSON_COLUMNS = ("school_id", "class_id", "day", "period", "subject", "teacher_id", "mode",
                  "session_id", "assistant_id")
SESSION_COLUMNS = ("session_id", "course_id", "day", "hub_school_id", "hub_period",
                   "receiving_school_id", "receiving_class_id", "receiving_period")
RESEARCH_COLUMNS = ("research_id", "course_id", "day", "hub_period", "receiving_school_id",
                    "receiving_period")
LOAD_COLUMNS = ("school_id", "teacher_id", "local", "online_main", "assistant", "credited",
                "min_load", "max_load")
MODES = ("local", "online-main", "online-receiving")


class SolutionError(Exception):
    """The solution directory cannot be exported; ``issues`` name file, row and column."""

    def __init__(self, issues: list[InputIssue]):
        self.issues = list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))


@dataclass(frozen=True)
class Lesson:
    """One class's lesson in one period, as lessons.csv gives it."""

    school_id: str
    class_id: str
    day: str
    period: int
    subject: str
    teacher_id: str
    mode: str
    session_id: str
    assistant_id: str
    lesson_id: str
    row: int
    span: int = 1
    """Periods this lesson covers from here: 2 on the first row of a double, 0 on its second."""
    room_id: str = ""
    """The special room it is in (blank: the class's own room)."""

    @property
    def online(self) -> bool:
        return self.mode != "local"

    @property
    def teacher_ids(self) -> tuple[str, ...]:
        """Its teacher, or its co-teachers (``t1+t2`` in lessons.csv)."""
        return tuple(self.teacher_id.split(COMBINE)) if self.teacher_id else ()


@dataclass(frozen=True)
class Partner:
    """Where a session is at one school: its classes, period and every season's times."""

    school_id: str
    class_ids: tuple[str, ...]
    period: int


@dataclass(frozen=True)
class LiveSession:
    """One session of a course: the hub end and each receiving school."""

    session_id: str
    course: Course
    day: str
    hub_period: int
    receiving: tuple[Partner, ...]

    @property
    def hub(self) -> Partner:
        return Partner(self.course.hub_school,
                       (self.course.hub_class,) if self.course.hub_class else (), self.hub_period)


@dataclass(frozen=True)
class Duty:
    """One teacher's commitment in one period: a local lesson, a session taught or assisted."""

    kind: str
    """``local``, ``hub`` (teaching a session), ``assist``, or ``research`` (a research meeting
    of a sync course: ``session`` is the meeting, its partners without classes)."""
    day: str
    period: int
    subject: str
    class_ids: tuple[str, ...]
    """The teacher's own school's classes in the room."""
    session: LiveSession | None = None
    lesson_id: str = ""
    span: int = 1
    room_id: str = ""
    """The special room of a local lesson (blank: the class's own room)."""
    co_teachers: tuple[str, ...] = ()
    """The other teachers of a co-taught local lesson, or of a research meeting."""

    @property
    def form(self) -> str | None:
        """How the exports mark the cell: the course's form, ``research`` for a meeting, None
        for a local lesson."""
        if self.kind == "research":
            return "research"
        return self.session.course.form if self.session else None


@dataclass
class TimetableView:
    """A timetable with its instance, arranged for printing."""

    instance: Instance
    directory: Path
    lessons: tuple[Lesson, ...]
    sessions: dict[str, LiveSession]
    loads: list[dict[str, str]] = field(default_factory=list)
    meetings: dict[str, LiveSession] = field(default_factory=dict)
    """The research meetings of research.csv (when there is one), as sessions without classes."""
    notes: list[str] = field(default_factory=list)
    """What the reader should know about the bells used (see :func:`load_solution`)."""

    @property
    def seasons(self) -> tuple[str, ...]:
        return self.instance.seasons

    def bell(self, school_id: str, period: int, season: str | None = None) -> BellPeriod:
        return self.instance.bell(school_id, period, season)

    def times(self, school_id: str, period: int) -> tuple[str, ...]:
        """The period's times in every season, e.g. ('08:30-09:10', '08:20-09:00')."""
        return tuple(self.bell(school_id, period, s).times for s in self.seasons)

    @cached_property
    def class_weeks(self) -> dict[tuple[str, str], dict[tuple[str, int], Lesson]]:
        weeks: dict[tuple[str, str], dict[tuple[str, int], Lesson]] = defaultdict(dict)
        for lesson in self.lessons:
            weeks[(lesson.school_id, lesson.class_id)][(lesson.day, lesson.period)] = lesson
        return weeks

    def class_week(self, school_id: str, class_id: str) -> dict[tuple[str, int], Lesson]:
        return self.class_weeks.get((school_id, class_id), {})

    @cached_property
    def teacher_weeks(self) -> dict[str, dict[tuple[str, int], Duty]]:
        """Every teacher's week: local lessons, sessions taught (hub period) and assisted (the
        receiving school's period; several classes of one school in one session are one
        duty)."""
        weeks: dict[str, dict[tuple[str, int], Duty]] = defaultdict(dict)
        grouped: dict[tuple[str, str, int], list[Lesson]] = defaultdict(list)
        for lesson in self.lessons:
            if lesson.mode == "local":  # co-teachers each; a combined lesson's classes together
                for teacher_id in lesson.teacher_ids:
                    grouped[(teacher_id, lesson.day, lesson.period)].append(lesson)
            elif lesson.mode == "online-receiving" and lesson.assistant_id:
                grouped[(lesson.assistant_id, lesson.day, lesson.period)].append(lesson)
        for (teacher_id, day, period), rows in grouped.items():
            first = rows[0]
            session = self.sessions.get(first.session_id) if first.online else None
            weeks[teacher_id][(day, period)] = Duty(
                "local" if session is None else "assist", day, period, first.subject,
                tuple(r.class_id for r in rows), session, first.lesson_id, first.span,
                first.room_id if session is None else "",
                tuple(t for t in first.teacher_ids if t != teacher_id) if session is None else ())
        for session in self.sessions.values():
            course = session.course
            weeks[course.hub_teacher][(session.day, session.hub_period)] = Duty(
                "hub", session.day, session.hub_period, course.subject, session.hub.class_ids,
                session)
        for meeting in self.meetings.values():
            course = meeting.course
            here = [(course.hub_teacher, meeting.hub_period)] + [
                (assistant, end.period) for end in meeting.receiving
                for assistant in course.assistants_at(end.school_id)]
            for teacher_id, period in here:  # (a checked timetable has them free)
                weeks[teacher_id].setdefault((meeting.day, period), Duty(
                    "research", meeting.day, period, course.subject, (), meeting,
                    co_teachers=tuple(dict.fromkeys(t for t, _ in here if t != teacher_id))))
        return weeks

    def teacher_week(self, teacher_id: str) -> dict[tuple[str, int], Duty]:
        return self.teacher_weeks.get(teacher_id, {})

    def session_of(self, lesson: Lesson) -> LiveSession | None:
        return self.sessions.get(lesson.session_id) if lesson.online else None


# ---- the rows of a printed day ---------------------------------------------------------------


@dataclass(frozen=True)
class DayRow:
    """One row of a printed week, top to bottom: a lesson period, a named break of the bell
    schedule (bells.csv rows of kind ``break``), or the generic lunch row that separates the
    morning from the afternoon when no break is given there."""

    kind: str
    """``period``, ``break`` or ``lunch``."""
    half: str
    """``morning`` or ``afternoon`` (the 上午/下午 block the row belongs to), or ``midday``
    for the rows between the last morning period and the first afternoon one."""
    period: int = 0
    name: str = ""
    """The break's name, or a period's note (眼保健操)."""
    times: tuple[str, ...] = ()
    """The row's times in each season of the instance ('' where a season lacks the break)."""


def day_rows(instance: Instance, school_id: str) -> tuple[DayRow, ...]:
    """The school's day as schools print it: periods (morning ones start before 12:00 in the
    first season) and, between them by their times, the named breaks of every season (a break
    of the same name after the same period is one row, with each season's times); a lunch row
    when no break falls between the morning and the afternoon."""
    periods = instance.periods(school_id)
    if not periods:
        return ()
    seasons = instance.seasons
    halves = ["afternoon" if bell.is_afternoon else "morning" for bell in periods]
    found: dict[tuple[int, str], dict[str, tuple[int, str]]] = {}
    for season in seasons:
        ends = [b.end for b in instance.periods(school_id, season)]
        for item in instance.breaks_of(school_id, season):
            after = sum(1 for end in ends if end <= item.start)
            found.setdefault((after, item.name), {})[season] = (item.start, item.times)
    placed: dict[int, list[tuple[int, str, dict[str, tuple[int, str]]]]] = defaultdict(list)
    for (after, name), times in found.items():
        first = next(times[s][0] for s in seasons if s in times)
        placed[after].append((first, name, times))

    def half_after(after: int) -> str:
        if after == 0:
            return halves[0]
        if after == len(periods) or halves[after - 1] == halves[after]:
            return halves[after - 1]
        return "midday"

    rows: list[DayRow] = []
    for after in range(len(periods) + 1):
        between = sorted(placed.get(after, ()), key=lambda item: item[0])
        rows += [DayRow("break", half_after(after), 0, name,
                        tuple(times[s][1] if s in times else "" for s in seasons))
                 for _, name, times in between]
        if not between and half_after(after) == "midday":
            rows.append(DayRow("lunch", "midday"))
        if after < len(periods):
            number = periods[after].period
            notes = dict.fromkeys(instance.bell(school_id, number, s).name for s in seasons)
            rows.append(DayRow("period", halves[after], number, "、".join(n for n in notes if n),
                               tuple(instance.bell(school_id, number, s).times for s in seasons)))
    return tuple(rows)


# ---- finding the instance -------------------------------------------------------------------


def instance_of(directory: str | Path, instance: str | Path | None = None) -> Path:
    """The instance path: ``instance`` if given, else summary.json's ``instance_path``
    (relative paths there are relative to the solution directory)."""
    directory = Path(directory)
    if instance is not None:
        return Path(instance)
    if not any((directory / name).is_file() for name in (SUMMARY, LESSONS)):
        # no timetable here at all, rather than one written without instance_path
        raise SolutionError([InputIssue(str(directory / LESSONS),
                                        say("export.file_missing", directory=directory))])
    recorded = read_summary(directory).get("instance_path")
    if not isinstance(recorded, str) or not recorded:
        raise SolutionError([InputIssue(str(directory / SUMMARY), say("export.no_instance_path"))])
    path = Path(recorded)
    if not path.is_absolute():
        path = directory / path
    if not path.exists():
        raise SolutionError([InputIssue(str(directory / SUMMARY),
                                        say("export.instance_gone", instance=recorded))])
    return path


def load_solution(directory: str | Path, instance_path: str | Path | None = None,
                  seasons: tuple[str, ...] | None = None,
                  bells: str | Path | None = None) -> TimetableView:
    """Read the timetable in ``directory`` with its instance (see :func:`instance_of`); the
    seasons are ``seasons``, else summary.json's, else the instance's; the bells are those the
    timetable was solved on (:func:`aligner.io.solution_dir.load_solved_instance`), or
    ``bells``. What the reader should know about the bells is in the view's ``notes``. Raises
    :class:`SolutionError` or :class:`~aligner.io.InputError`."""
    directory = Path(directory)
    if not directory.is_dir():
        raise SolutionError([InputIssue(str(directory), say("export.not_a_solution"))])
    path = instance_of(directory, instance_path)
    recorded = read_summary(directory).get("seasons")
    if seasons is None and isinstance(recorded, list) and recorded \
            and all(isinstance(s, str) for s in recorded):
        seasons = tuple(recorded)
    # (quiet: the instance's warnings were shown when it was solved)
    instance, notes = load_solved_instance(directory, path, seasons, bells, quiet_warnings=True)
    view = read_solution(instance, directory)
    view.notes = notes
    return view


def _rows(directory: Path, name: str, columns: tuple[str, ...], log: IssueLog,
          required: bool = True) -> list[tuple[int, dict[str, str]]]:
    if not (directory / name).is_file():
        if required:
            log.add(name, say("export.file_missing", directory=directory))
        return []
    decoded = read_text(directory, name, "", log)
    if decoded is None:
        return []
    reader = csv.DictReader(io.StringIO(decoded[0], newline=""))
    header = [(h or "").strip() for h in (reader.fieldnames or [])]
    missing = [c for c in columns if c not in header]
    for column in missing:
        log.add(name, say("io.column_missing"), 1, column)
    if missing:
        return []
    # text cells written with a leading ' (so that a spreadsheet never runs them) read back as
    # they were meant
    return [(number, {(k or "").strip(): read_spreadsheet_text((v or "").strip())
                      for k, v in row.items() if k})
            for number, row in enumerate(reader, start=2) if any((v or "").strip()
                                                                 for v in row.values() if v)]


def _first_season(rows: list[tuple[int, dict[str, str]]], instance: Instance, name: str,
                  log: IssueLog) -> list[tuple[int, dict[str, str]]]:
    """The rows of the instance's first season (all rows when there is no season column)."""
    if not rows or "season" not in rows[0][1]:
        if len(instance.seasons) > 1 and rows:
            log.add(name, say("export.no_season_column", seasons=listed(instance.seasons)), 1,
                    "season")
        return rows
    found = list(dict.fromkeys(r["season"] for _, r in rows))
    if instance.seasons[0] not in found:
        log.add(name, say("export.no_rows_for_season", season=instance.seasons[0],
                          found=listed(found)), None, "season")
        return []
    return [(n, r) for n, r in rows if r["season"] == instance.seasons[0]]


def read_solution(instance: Instance, directory: str | Path) -> TimetableView:
    """lessons.csv, sessions.csv and teacher_load.csv of ``directory`` against ``instance``."""
    directory = Path(directory)
    log = IssueLog()
    lesson_rows = _first_season(_rows(directory, LESSONS, LESSON_COLUMNS, log), instance,
                                LESSONS, log)
    session_rows = _first_season(_rows(directory, SESSIONS, SESSION_COLUMNS, log), instance,
                                 SESSIONS, log)
    loads = [r for _, r in _rows(directory, LOADS, LOAD_COLUMNS, log, required=False)]
    research_rows = _first_season(_rows(directory, RESEARCH, RESEARCH_COLUMNS, log,
                                        required=False), instance, RESEARCH, log)
    if log.issues:
        raise SolutionError(log.issues)
    sessions = _sessions(instance, session_rows, log)
    lessons = _lessons(instance, lesson_rows, sessions, log)
    meetings = _meetings(instance, research_rows, log)
    if log.issues:
        raise SolutionError(log.issues)
    return TimetableView(instance, directory, lessons, sessions, loads, meetings=meetings)


def _period(value: str, school_id: str, instance: Instance, name: str, row: int, column: str,
            log: IssueLog) -> int | None:
    count = len(instance.periods(school_id))
    if not value.isdigit() or not 1 <= int(value) <= count:
        log.add(name, say("export.not_a_period", value=value, school=school_id, count=count),
                row, column)
        return None
    return int(value)


def _course_on_a_day(instance: Instance, row: dict[str, str], file: str, number: int,
                     log: IssueLog) -> Course | None:
    """The course of a sessions.csv or research.csv row, when it is the instance's and its day
    a school day; None, logged, otherwise."""
    course = instance.course_by_id.get(row["course_id"])
    if course is None:
        log.add(file, say("export.unknown_course", course=row["course_id"]), number,
                "course_id")
        return None
    if row["day"] not in instance.days:
        log.add(file, say("export.unknown_day", day=row["day"], days=listed(instance.days)),
                number, "day")
        return None
    return course


def _sessions(instance: Instance, rows: list[tuple[int, dict[str, str]]], log: IssueLog
              ) -> dict[str, LiveSession]:
    heads: dict[str, tuple[Course, str, int]] = {}
    receiving: dict[str, dict[tuple[str, int], list[str]]] = defaultdict(lambda: defaultdict(list))
    for number, row in rows:
        course = _course_on_a_day(instance, row, SESSIONS, number, log)
        if course is None:
            continue
        hub = _period(row["hub_period"], course.hub_school, instance, SESSIONS, number,
                      "hub_period", log)
        school_id = row["receiving_school_id"]
        if school_id not in course.receiving_schools:
            log.add(SESSIONS, say("export.not_receiving", school=school_id,
                                  course=course.course_id), number, "receiving_school_id")
            continue
        period = _period(row["receiving_period"], school_id, instance, SESSIONS, number,
                         "receiving_period", log)
        if hub is None or period is None:
            continue
        heads.setdefault(row["session_id"], (course, row["day"], hub))
        receiving[row["session_id"]][(school_id, period)].append(row["receiving_class_id"])
    return {sid: LiveSession(sid, course, day, hub, tuple(
        Partner(school_id, tuple(classes), period)
        for (school_id, period), classes in receiving[sid].items()))
        for sid, (course, day, hub) in heads.items()}


def _meetings(instance: Instance, rows: list[tuple[int, dict[str, str]]], log: IssueLog
              ) -> dict[str, LiveSession]:
    """research.csv rows as meetings: one per research_id, a partner per receiving school."""
    heads: dict[str, tuple[Course, str, int]] = {}
    ends: dict[str, dict[str, int]] = defaultdict(dict)
    for number, row in rows:
        course = _course_on_a_day(instance, row, RESEARCH, number, log)
        if course is None:
            continue
        school_id = row["receiving_school_id"]
        if school_id not in course.receiving_schools:
            log.add(RESEARCH, say("export.not_receiving", school=school_id,
                                  course=course.course_id), number, "receiving_school_id")
            continue
        hub = _period(row["hub_period"], course.hub_school, instance, RESEARCH, number,
                      "hub_period", log)
        period = _period(row["receiving_period"], school_id, instance, RESEARCH, number,
                         "receiving_period", log)
        if hub is None or period is None:
            continue
        heads.setdefault(row["research_id"], (course, row["day"], hub))
        ends[row["research_id"]][school_id] = period
    return {rid: LiveSession(rid, course, day, hub, tuple(
        Partner(school_id, (), period) for school_id, period in ends[rid].items()))
        for rid, (course, day, hub) in heads.items()}


def _lessons(instance: Instance, rows: list[tuple[int, dict[str, str]]],
             sessions: dict[str, LiveSession], log: IssueLog) -> tuple[Lesson, ...]:
    lessons: list[Lesson] = []
    seen: dict[tuple[str, str, str, int], int] = {}
    for number, row in rows:
        key = (row["school_id"], row["class_id"])
        if key not in instance.class_by_key:
            log.add(LESSONS, say("export.unknown_class", klass=row["class_id"],
                                 school=row["school_id"]), number, "class_id")
            continue
        if row["day"] not in instance.days:
            log.add(LESSONS, say("export.unknown_day", day=row["day"],
                                 days=listed(instance.days)), number, "day")
            continue
        if row["mode"] not in MODES:
            log.add(LESSONS, say("export.unknown_mode", mode=row["mode"],
                                 modes=", ".join(MODES)), number, "mode")
            continue
        if row["mode"] != "local" and row["session_id"] not in sessions:
            log.add(LESSONS, say("export.unknown_session", session=row["session_id"]), number,
                    "session_id")
            continue
        period = _period(row["period"], row["school_id"], instance, LESSONS, number, "period",
                         log)
        if period is None:
            continue
        slot = (*key, row["day"], period)
        if slot in seen:
            log.add(LESSONS, say("export.second_lesson", klass=row["class_id"],
                                 school=row["school_id"], day=row["day"], period=period,
                                 first=seen[slot]), number, "period")
            continue
        seen[slot] = number
        lesson_id = row.get("lesson_id") or f"{row['school_id']}/{row['class_id']}-" \
            f"{row['day']}-{period}"
        lessons.append(Lesson(row["school_id"], row["class_id"], row["day"], period,
                              row["subject"], row["teacher_id"], row["mode"], row["session_id"],
                              row["assistant_id"], lesson_id, number,
                              room_id=row.get("room_id", "") or ""))
    return _with_spans(lessons)


def _with_spans(lessons: list[Lesson]) -> tuple[Lesson, ...]:
    """Mark doubles: two rows of one class and day sharing a lesson_id in consecutive periods
    become one block (span 2 on the first, 0 on the second)."""
    from dataclasses import replace

    by_id: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for index, lesson in enumerate(lessons):
        by_id[(lesson.school_id, lesson.class_id, lesson.day, lesson.lesson_id)].append(index)
    out = list(lessons)
    for indexes in by_id.values():
        if len(indexes) != 2:
            continue
        first, second = sorted(indexes, key=lambda i: lessons[i].period)
        if lessons[second].period == lessons[first].period + 1:
            out[first] = replace(lessons[first], span=2)
            out[second] = replace(lessons[second], span=0)
    return tuple(out)

