"""Reading a solution directory for the checker: lessons.csv and sessions.csv (the timetable)
and, when present, teacher_load.csv, compliance.csv and summary.json (the reports), checked for
consistency (references, times, overlaps, ids) as they are read. Files edited by hand in Excel
(UTF-8 or GB18030) are read the same way."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from aligner.instance import Course, Instance
from aligner.io.cells import id_date_hint
from aligner.io.errors import IssueLog
from aligner.io.formats import read_spreadsheet_text
from aligner.io.tabular import read_text
from aligner.messages import listed, say

AFTERNOON = 12 * 60
TIMETABLE = {
    "lessons.csv": ("school_id", "class_id", "day", "period", "start", "end", "subject",
                    "teacher_id", "mode", "session_id", "assistant_id"),
    "sessions.csv": ("session_id", "course_id", "form", "day", "hub_school_id", "hub_teacher_id",
                     "hub_class_id", "hub_period", "hub_start", "hub_end", "receiving_school_id",
                     "receiving_class_id", "receiving_period", "receiving_start", "receiving_end",
                     "overlap_minutes"),
}
RESEARCH = "research.csv"
RESEARCH_COLUMNS = ("research_id", "course_id", "day", "hub_school_id", "hub_teacher_id",
                    "hub_period", "hub_start", "hub_end", "receiving_school_id",
                    "assistant_teacher_ids", "receiving_period", "receiving_start",
                    "receiving_end", "overlap_minutes")
"""research.csv: the research meetings (教师网络研修), one row per meeting and receiving school."""
REPORTS = {
    "teacher_load.csv": ("school_id", "teacher_id", "local", "online_main", "assistant",
                         "credited", "min_load", "max_load"),
    "compliance.csv": ("rule", "scope", "required", "achieved", "ok"),
}
TERM_WEIGHTS = {"misalignment_minutes": "misalignment_minute",
                "same_day_repeats": "same_day_repeat",
                "core_in_afternoon": "core_in_afternoon",
                "missing_sessions": "missing_session",
                "teacher_gaps": "teacher_gap",
                "outside_preferred": "outside_preferred",
                "days_apart": "days_apart",
                "changes": "change"}
TRUE = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


@dataclass(frozen=True)
class Violation:
    """One broken rule. ``hard`` rules make a timetable invalid; the others say that a report
    file (teacher_load.csv, compliance.csv, summary.json) disagrees with the timetable."""

    rule: str
    message: str
    hard: bool = True

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


@dataclass(frozen=True)
class Local:
    school: str
    klass: str
    day: str
    period: int
    subject: str
    teacher: str
    lesson_id: str = ""
    """Shared by the two rows of a double lesson; blank (or absent) means a single lesson."""
    row: int = 0
    """Its row in lessons.csv (the header is row 1)."""
    room: str = ""
    """The special room it is in (lessons.csv room_id); blank: the class's own room."""

    @property
    def teachers(self) -> tuple[str, ...]:
        """Its teacher, or its co-teachers (``t1+t2``)."""
        return tuple(self.teacher.split("+")) if self.teacher else ()


@dataclass
class Session:
    sid: str
    course: Course
    day: str
    hub_period: int
    periods: dict[tuple[str, str], int] = field(default_factory=dict)
    """Receiving class (school, class) -> the period of its own school it takes the session in."""


@dataclass
class Meeting:
    """A research meeting as research.csv gives it."""

    rid: str
    course: Course
    day: str
    hub_period: int
    periods: dict[str, int] = field(default_factory=dict)
    """Receiving school -> the period of its own it meets in."""
    row: int = 0
    """Its first row in research.csv."""


@dataclass
class SolutionFiles:
    """The instance, the tables read and the timetable they describe."""

    inst: Instance
    seasons: dict[str, dict[str, dict[int, tuple[int, int]]]]
    """Season -> school -> period -> (start, end) minutes."""
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    """File -> the row number (header = row 1) of each row of ``tables``."""
    summary: dict[str, Any] | None = None
    local: list[Local] = field(default_factory=list)
    sessions: dict[str, Session] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    """The research meetings of research.csv (none when it is absent)."""
    research_file: bool = False
    """research.csv is there."""
    issues: list[Violation] = field(default_factory=list)
    unusable: bool = False
    previous: Any = None
    """The previous timetable of a re-solve (:class:`aligner.check.kept_places.PreviousFiles`),
    when summary.json names one."""

    @property
    def bells(self) -> dict[str, dict[int, tuple[int, int]]]:
        """The first season's bells (the timetable is the same in every season)."""
        return self.seasons[self.inst.seasons[0]]

    def fatal(self, message: str) -> None:
        """A problem that makes the tables unusable: the rules are not checked at all."""
        self.bad(message)
        self.unusable = True
        for name in TIMETABLE:
            self.tables[name] = []
            self.lines[name] = []

    def bad(self, message: str, hard: bool = True) -> None:
        self.issues.append(Violation("table_consistency" if hard else "report", message, hard))

    # names as the instance gives them, with ids
    def school(self, school_id: str) -> str:
        name = self.inst.school_name(school_id)
        return say("check.school", name=name, id=school_id) if name != school_id else school_id

    def klass(self, school_id: str, class_id: str) -> str:
        return say("check.class", name=self.inst.class_name(school_id, class_id),
                   school_id=school_id, class_id=class_id, school=self.inst.school_name(school_id))

    def teacher(self, teacher_id: str) -> str:
        name = self.inst.teacher_name(teacher_id)
        return say("check.teacher_named", name=name, id=teacher_id) if name != teacher_id \
            else say("check.teacher", id=teacher_id)

    def teachers(self, teacher_ids: tuple[str, ...] | list[str]) -> str:
        """One teacher, or co-teachers ("teacher A (t1) and teacher B (t2)")."""
        return say("check.teachers_joined").join(self.teacher(t) for t in teacher_ids) \
            or say("check.nobody")


# ---- small helpers ------------------------------------------------------------------------


def as_int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def as_fraction(text: str) -> Fraction | None:
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        return None


def as_clock(text: str) -> int | None:
    parts = text.strip().split(":")
    if len(parts) not in (2, 3) or any(as_int(p) is None for p in parts):
        return None
    return int(parts[0]) * 60 + int(parts[1])


def shown(value: Fraction | int | None) -> str:
    return "-" if value is None else f"{float(value):g}"


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def slot_problem(w: SolutionFiles, school: str, day: str, period: int | None, start: str, end: str,
                  season: str | None = None) -> str:
    """Why (school, day, period, start-end) is not a real slot of the instance; '' if it is."""
    bells = w.seasons[season or w.inst.seasons[0]]
    if school not in bells:
        return say("check.unknown_school", school=school)
    if day not in w.inst.days:
        return say("check.unknown_day", day=day, days=listed(w.inst.days))
    if period not in bells[school]:
        return say("check.no_such_period", school=w.school(school), period=period)
    if (as_clock(start), as_clock(end)) != bells[school][period]:
        return say("check.wrong_times", start=start, end=end, school=w.school(school),
                   period=period, season=say("check.in_season", season=season)
                   if len(w.inst.seasons) > 1 else "")
    return ""


# ---- reading ------------------------------------------------------------------------------


def _read_csv(w: SolutionFiles, directory: Path, name: str, columns: tuple[str, ...],
              required: bool) -> None:
    w.tables[name], w.lines[name] = [], []
    if not (directory / name).is_file():
        if required:
            w.bad(say("check.file_missing", file=name), hard=name in TIMETABLE)
        return
    decoded = read_text(directory, name, "", IssueLog())
    if decoded is None:
        w.bad(say("check.file_undecodable", file=name), hard=name in TIMETABLE)
        return
    rows = list(csv.DictReader(io.StringIO(decoded[0], newline="")))
    header = {k.strip() for k in (rows[0].keys() if rows else [])} if rows else set()
    if rows and (missing := [c for c in columns if c not in header]):
        w.bad(say("check.columns_missing", file=name, columns=listed(missing)),
              hard=name in TIMETABLE)
        return
    # a text cell written with a leading ' (so that a spreadsheet never runs it) is read back
    # as it was meant
    w.tables[name] = [{k.strip(): read_spreadsheet_text((v or "").strip())
                       for k, v in row.items() if k} for row in rows]
    w.lines[name] = list(range(2, len(rows) + 2))


def read_solution_files(inst: Instance, directory: Path, *, require_reports: bool) -> SolutionFiles:
    seasons: dict[str, dict[str, dict[int, tuple[int, int]]]] = {
        season: {s.school_id: {} for s in inst.schools} for season in inst.seasons}
    for b in inst.bells:
        if b.season in seasons:
            seasons[b.season][b.school_id][b.period] = (b.start, b.end)
    w = SolutionFiles(inst, seasons)
    for name, columns in TIMETABLE.items():
        _read_csv(w, directory, name, columns, required=True)
        _one_timetable_for_all_seasons(w, name)
        if w.unusable:
            return w
    w.research_file = (directory / RESEARCH).is_file()
    if w.research_file:  # its absence is the research rule's to name (when meetings are due)
        _read_csv(w, directory, RESEARCH, RESEARCH_COLUMNS, required=False)
        _one_timetable_for_all_seasons(w, RESEARCH)
        if w.unusable:
            return w
    for name, columns in REPORTS.items():
        _read_csv(w, directory, name, columns, required=require_reports)
    path = directory / "summary.json"
    if path.is_file():
        try:
            summary = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            summary = None
        if isinstance(summary, dict):
            w.summary = summary
        else:
            w.bad(say("check.summary_not_an_object"), hard=False)
    elif require_reports:
        w.bad(say("check.file_missing", file="summary.json"), hard=False)
    _read_sessions(w)
    _read_lessons(w)
    if w.research_file:
        _read_research(w)
    return w


TIME_COLUMNS = {"start", "end", "hub_start", "hub_end", "receiving_start", "receiving_end",
                "overlap_minutes", "season"}


def _one_timetable_for_all_seasons(w: SolutionFiles, name: str) -> None:
    """With several seasons every row comes once per season: check the season column, that
    each season lists the same lessons, and the times of the later seasons; keep the first
    season's rows (the others only differ in times)."""
    rows, seasons = w.tables[name], w.inst.seasons
    found = list(dict.fromkeys(row["season"] for row in rows if row.get("season")))
    if len(seasons) == 1:
        if found and found != [seasons[0]]:
            w.fatal(say("check.other_seasons", file=name, found=listed(found),
                        season=seasons[0], option=",".join(found)))
        return
    if rows and "season" not in rows[0]:
        w.fatal(say("check.one_season", file=name, seasons=listed(seasons)))
        return
    by_season: dict[str, Counter[tuple[tuple[str, str], ...]]] = defaultdict(Counter)
    for i, row in zip(w.lines[name], rows, strict=True):
        season = row["season"]
        if season not in seasons:
            w.bad(say("check.unknown_season", file=name, row=i, season=season,
                      seasons=listed(seasons)))
            continue
        by_season[season][tuple(sorted((k, v) for k, v in row.items()
                                       if k not in TIME_COLUMNS))] += 1
        if season != seasons[0]:
            _check_times(w, name, i, row, season)
    for season in seasons[1:]:
        if by_season[season] != by_season[seasons[0]]:
            w.bad(say("check.seasons_differ", file=name, season=season, first=seasons[0]))
    kept = [(i, row) for i, row in zip(w.lines[name], rows, strict=True)
            if row["season"] == seasons[0]]
    w.lines[name] = [i for i, _ in kept]
    w.tables[name] = [row for _, row in kept]


def _check_times(w: SolutionFiles, name: str, i: int, row: dict[str, str], season: str) -> None:
    """The times (and overlap) a row gives for a later season."""
    if name == "lessons.csv":
        problem = slot_problem(w, row["school_id"], row["day"], as_int(row["period"]),
                                row["start"], row["end"], season)
    else:
        h, r = as_int(row["hub_period"]), as_int(row["receiving_period"])
        school = row["receiving_school_id"]
        problem = (slot_problem(w, row["hub_school_id"], row["day"], h, row["hub_start"],
                                 row["hub_end"], season)
                   or slot_problem(w, school, row["day"], r, row["receiving_start"],
                                    row["receiving_end"], season))
        if not problem and h is not None and r is not None:
            real = overlap(w.seasons[season][row["hub_school_id"]][h],
                           w.seasons[season][school][r])
            if as_int(row["overlap_minutes"]) != real:
                problem = say("check.season_overlap", stated=row["overlap_minutes"],
                              season=season, real=real)
    if problem:
        w.bad(say("check.row_in_season", file=name, row=i, season=season, problem=problem))


def _row_ends(w: SolutionFiles, row: dict[str, str], where: str
              ) -> tuple[Course, str, int | None, int | None, str] | None:
    """A sessions.csv or research.csv row's course, day, hub and receiving periods, and the
    first problem of those periods and their times at either end ('' none); None, reported,
    for a course the instance does not have."""
    c = w.inst.course_by_id.get(row["course_id"])
    if c is None:
        w.bad(say("check.at", where=where, problem=say("check.unknown_course",
                                                       course=row["course_id"])))
        return None
    day, h, r = row["day"], as_int(row["hub_period"]), as_int(row["receiving_period"])
    problem = (slot_problem(w, c.hub_school, day, h, row["hub_start"], row["hub_end"])
               or slot_problem(w, row["receiving_school_id"], day, r, row["receiving_start"],
                               row["receiving_end"]))
    return c, day, h, r, problem


def _read_sessions(w: SolutionFiles) -> None:
    """sessions.csv rows into sessions, checking references, times, overlaps and ids."""
    first_id: dict[tuple[str, str, int], str] = {}
    for i, row in zip(w.lines["sessions.csv"], w.tables["sessions.csv"], strict=True):
        where = say("check.session_row", row=i, session=row["session_id"])
        found = _row_ends(w, row, where)
        if found is None:
            continue
        c, day, h, r, problem = found
        key = (row["receiving_school_id"], row["receiving_class_id"])
        problem = (problem
                   or ("" if key in {x.class_key for x in c.receptions}
                       else say("check.not_receiving", klass=w.klass(*key), course=c.course_id)))
        if problem:
            w.bad(say("check.at", where=where, problem=problem))
            continue
        assert h is not None and r is not None
        claimed = (row["form"], row["hub_school_id"], row["hub_teacher_id"], row["hub_class_id"])
        if claimed != (c.form, c.hub_school, c.hub_teacher, c.hub_class or ""):
            w.bad(say("check.at", where=where, problem=say("check.session_differs",
                                                           course=c.course_id)))
        real = overlap(w.bells[c.hub_school][h], w.bells[key[0]][r])
        if as_int(row["overlap_minutes"]) != real:
            w.bad(say("check.at", where=where, problem=say(
                "check.overlap_stated", stated=row["overlap_minutes"], real=real)))
        s = w.sessions.setdefault(row["session_id"], Session(row["session_id"], c, day, h))
        if (s.course.course_id, s.day, s.hub_period) != (c.course_id, day, h):
            w.bad(say("check.at", where=where, problem=say("check.session_id_differs")))
        elif key in s.periods:
            w.bad(say("check.at", where=where, problem=say("check.listed_twice",
                                                           klass=w.klass(*key))))
        else:
            s.periods[key] = r
        if first_id.setdefault((c.course_id, day, h), s.sid) != s.sid:
            w.bad(say("check.at", where=where, problem=say(
                "check.two_session_ids", course=c.course_id, day=day, period=h)))


def _read_research(w: SolutionFiles) -> None:
    """research.csv rows into meetings, checking references, times, teachers and overlaps."""
    for i, row in zip(w.lines[RESEARCH], w.tables[RESEARCH], strict=True):
        where = say("check.research_row", row=i, meeting=row["research_id"])
        found = _row_ends(w, row, where)
        if found is None:
            continue
        c, day, h, r, problem = found
        school = row["receiving_school_id"]
        problem = (problem
                   or ("" if school in c.receiving_schools else
                       say("check.research_not_receiving", school=w.school(school),
                           course=c.course_id)))
        if problem:
            w.bad(say("check.at", where=where, problem=problem))
            continue
        assert h is not None and r is not None
        assistants = "+".join(dict.fromkeys(rec.assistant_id for rec in c.receptions
                                            if rec.school_id == school and rec.assistant_id))
        if (row["hub_school_id"], row["hub_teacher_id"], row["assistant_teacher_ids"]) != (
                c.hub_school, c.hub_teacher, assistants):
            w.bad(say("check.at", where=where, problem=say(
                "check.research_teachers", course=c.course_id, hub=c.hub_teacher,
                assistants=assistants or say("check.nobody"))))
        real = overlap(w.bells[c.hub_school][h], w.bells[school][r])
        if as_int(row["overlap_minutes"]) != real:
            w.bad(say("check.at", where=where, problem=say(
                "check.overlap_stated", stated=row["overlap_minutes"], real=real)))
        m = w.meetings.setdefault(row["research_id"], Meeting(row["research_id"], c, day, h,
                                                              row=i))
        if (m.course.course_id, m.day, m.hub_period) != (c.course_id, day, h):
            w.bad(say("check.at", where=where, problem=say("check.research_id_differs")))
        elif school in m.periods:
            w.bad(say("check.at", where=where, problem=say("check.research_school_twice",
                                                           school=w.school(school))))
        else:
            m.periods[school] = r


def _read_lessons(w: SolutionFiles) -> None:
    """lessons.csv: local rows into lessons; online rows must be exactly those of the sessions."""
    online: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, row in zip(w.lines["lessons.csv"], w.tables["lessons.csv"], strict=True):
        school, klass, day = row["school_id"], row["class_id"], row["day"]
        period = as_int(row["period"])
        problem = slot_problem(w, school, day, period, row["start"], row["end"])
        if not problem and (school, klass) not in w.inst.class_by_key:
            problem = say("check.unknown_class", klass=klass, school=w.school(school)) \
                + id_date_hint(klass)
        if row["mode"] == "local" and (
                not row["teacher_id"]
                or any(t not in w.inst.teacher_by_id for t in row["teacher_id"].split("+"))
                or row["session_id"] or row["assistant_id"]):
            problem = problem or say("check.bad_local_lesson")
        if row["mode"] not in ("local", "online-main", "online-receiving"):
            problem = problem or say("check.unknown_mode", mode=row["mode"])
        if problem:
            w.bad(say("check.lessons_row", row=i, problem=problem))
            continue
        assert period is not None
        if row["mode"] == "local":
            w.local.append(Local(school, klass, day, period, row["subject"], row["teacher_id"],
                                 row.get("lesson_id", ""), i, row.get("room_id", "")))
        else:
            online[(school, klass, day, period, row["subject"], row["teacher_id"], row["mode"],
                    row["session_id"], row["assistant_id"])].append(i)
    for s in w.sessions.values():
        c = s.course
        expected = []
        if c.hub_class:
            expected.append(((c.hub_school, c.hub_class, s.day, s.hub_period, c.subject,
                              c.hub_teacher, "online-main", s.sid, ""), c.hub_school, c.hub_class))
        for rec in c.receptions:
            if rec.class_key in s.periods:
                expected.append(((*rec.class_key, s.day, s.periods[rec.class_key], c.subject,
                                  c.hub_teacher, "online-receiving", s.sid,
                                  rec.assistant_id or ""), *rec.class_key))
        for key, school, klass in expected:
            if online.get(key):
                online[key].pop()
            else:
                w.bad(say("check.online_row_missing", mode=key[6], session=s.sid,
                          klass=w.klass(school, klass), day=s.day, period=key[3]))
    for key, rows in online.items():
        for i in rows:
            w.bad(say("check.lessons_row", row=i, problem=say(
                "check.online_row_unmatched", klass=w.klass(key[0], key[1]), day=key[2],
                period=key[3], session=key[7])))


