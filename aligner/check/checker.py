"""The independent checker: a timetable (ours, or one edited by hand in Excel and saved back as
CSV) re-verified against every hard rule of its instance.

It reads lessons.csv and sessions.csv (the timetable) and, when present, teacher_load.csv,
compliance.csv and summary.json (the reports), and recomputes everything from the raw instance
data: overlaps from bell times, credited loads with exact fractions, weekly minimums, objective
terms. It shares no code with the model: it never imports aligner.model, aligner.alignment.overlap,
aligner.diagnose.capacity, aligner.export.frames or aligner.solver.solve (a test enforces this).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from aligner.instance import Course, Instance
from aligner.io.errors import IssueLog
from aligner.io.tabular import read_text

AFTERNOON = 12 * 60
TIMETABLE = {
    "lessons.csv": ("school_id", "class_id", "day", "period", "start", "end", "subject",
                    "teacher_id", "mode", "session_id", "assistant_id"),
    "sessions.csv": ("session_id", "course_id", "form", "day", "hub_school_id", "hub_teacher_id",
                     "hub_class_id", "hub_period", "hub_start", "hub_end", "receiving_school_id",
                     "receiving_class_id", "receiving_period", "receiving_start", "receiving_end",
                     "overlap_minutes"),
}
REPORTS = {
    "teacher_load.csv": ("school_id", "teacher_id", "local", "online_main", "assistant",
                         "credited", "min_load", "max_load"),
    "compliance.csv": ("rule", "scope", "required", "achieved", "ok"),
}
TERM_WEIGHTS = {"misalignment_minutes": "misalignment_minute",
                "same_day_repeats": "same_day_repeat",
                "core_in_afternoon": "core_in_afternoon",
                "missing_sessions": "missing_session"}
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


@dataclass
class Session:
    sid: str
    course: Course
    day: str
    hub_period: int
    periods: dict[tuple[str, str], int] = field(default_factory=dict)
    """Receiving class (school, class) -> the period of its own school it takes the session in."""


@dataclass
class Week:
    """The instance, the tables read and the timetable they describe."""

    inst: Instance
    seasons: dict[str, dict[str, dict[int, tuple[int, int]]]]
    """Season -> school -> period -> (start, end) minutes."""
    tables: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    summary: dict[str, Any] | None = None
    local: list[Local] = field(default_factory=list)
    sessions: dict[str, Session] = field(default_factory=dict)
    issues: list[Violation] = field(default_factory=list)
    unusable: bool = False

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

    def bad(self, message: str, hard: bool = True) -> None:
        self.issues.append(Violation("table_consistency" if hard else "report", message, hard))

    # names as the instance gives them, with ids
    def school(self, school_id: str) -> str:
        name = self.inst.school_name(school_id)
        return f"{name} ({school_id})" if name != school_id else school_id

    def klass(self, school_id: str, class_id: str) -> str:
        return (f"class {self.inst.class_name(school_id, class_id)} ({school_id}/{class_id}) of "
                f"{self.inst.school_name(school_id)}")

    def teacher(self, teacher_id: str) -> str:
        name = self.inst.teacher_name(teacher_id)
        return f"teacher {name} ({teacher_id})" if name != teacher_id else f"teacher {teacher_id}"


@dataclass(frozen=True)
class CheckReport:
    """The verdict on one timetable, with the objective terms and loads recomputed."""

    violations: tuple[Violation, ...]
    terms: dict[str, int]
    objective: int
    loads: dict[str, tuple[int, int, int, Fraction]]
    """Teacher -> (local lessons, sessions taught, sessions assisted, credited load)."""
    sessions: int
    lessons: int

    @property
    def ok(self) -> bool:
        """No hard rule is broken (stale reports do not count)."""
        return not any(v.hard for v in self.violations)


# ---- small helpers ------------------------------------------------------------------------


def _int(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def _fraction(text: str) -> Fraction | None:
    try:
        return Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        return None


def _clock(text: str) -> int | None:
    parts = text.strip().split(":")
    if len(parts) not in (2, 3) or any(_int(p) is None for p in parts):
        return None
    return int(parts[0]) * 60 + int(parts[1])


def _show(value: Fraction | int | None) -> str:
    return "-" if value is None else f"{float(value):g}"


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _slot_problem(w: Week, school: str, day: str, period: int | None, start: str, end: str,
                  season: str | None = None) -> str:
    """Why (school, day, period, start-end) is not a real slot of the instance; '' if it is."""
    bells = w.seasons[season or w.inst.seasons[0]]
    if school not in bells:
        return f"unknown school '{school}'"
    if day not in w.inst.days:
        return f"day '{day}' is not one of {', '.join(w.inst.days)}"
    if period not in bells[school]:
        return f"{w.school(school)} has no period {period}"
    if (_clock(start), _clock(end)) != bells[school][period]:
        return (f"times {start}-{end} are not those of {w.school(school)} period {period}"
                + (f" in {season}" if len(w.inst.seasons) > 1 else ""))
    return ""


def class_lessons(w: Week) -> list[tuple[str, str, str, int, str]]:
    """Every (school, class, day, period, subject) lesson a class takes, local and online."""
    out = [(x.school, x.klass, x.day, x.period, x.subject) for x in w.local]
    for s in w.sessions.values():
        c = s.course
        if c.hub_class:
            out.append((c.hub_school, c.hub_class, s.day, s.hub_period, c.subject))
        out += [(*key, s.day, r, c.subject) for key, r in s.periods.items()]
    return out


def assistants(s: Session) -> set[tuple[str, str, int]]:
    """(assistant, receiving school, period) of one session; once however many classes."""
    return {(rec.assistant_id, rec.school_id, s.periods[rec.class_key])
            for rec in s.course.receptions if rec.assistant_id and rec.class_key in s.periods}


def commitments(w: Week) -> list[tuple[str, str, int, str]]:
    """Every (teacher, day, period, what) a teacher is busy with, at the teacher's school."""
    out = [(x.teacher, x.day, x.period, f"{x.subject} with {w.klass(x.school, x.klass)}")
           for x in w.local]
    for s in w.sessions.values():
        c = s.course
        out.append((c.hub_teacher, s.day, s.hub_period, f"session {s.sid} as hub teacher"))
        out += [(t, s.day, r, f"session {s.sid} as assistant") for t, _, r in assistants(s)]
    return out


def loads(w: Week) -> dict[str, tuple[int, int, int, Fraction]]:
    """Per teacher: local lessons, sessions taught as hub teacher, sessions assisted, and the
    credited load local + online_credit x taught + assistant_credit x assisted (exact)."""
    local = Counter(x.teacher for x in w.local)
    taught = Counter(s.course.hub_teacher for s in w.sessions.values())
    assisted = Counter(t for s in w.sessions.values() for t in {a[0] for a in assistants(s)})
    online = Fraction(w.inst.policy.online_credit)
    assist = Fraction(w.inst.policy.assistant_credit)
    return {t: (local[t], taught[t], assisted[t],
                local[t] + online * taught[t] + assist * assisted[t])
            for t in w.inst.teacher_by_id}


def double_groups(w: Week) -> list[list[Local]]:
    """Local rows of one class sharing a non-blank lesson_id, for every id used by more than
    one row (ids are unique within a class)."""
    groups: dict[tuple[str, str, str], list[Local]] = defaultdict(list)
    for x in w.local:
        if x.lesson_id:
            groups[(x.school, x.klass, x.lesson_id)].append(x)
    return [rows for rows in groups.values() if len(rows) > 1]


def _double_problem(w: Week, rows: list[Local]) -> str:
    """Why these rows are not one double lesson ('' when they are)."""
    if len(rows) != 2:
        return f"{len(rows)} rows share it; a double lesson is two periods"
    a, b = sorted(rows, key=lambda x: x.period)
    if (a.day, a.subject, a.teacher) != (b.day, b.subject, b.teacher):
        return "its two rows differ in day, subject or teacher"
    if b.period != a.period + 1:
        return f"periods {a.period} and {b.period} are not consecutive"
    gap = w.inst.policy.max_double_gap
    for season, bells in w.seasons.items():
        first, second = bells[a.school].get(a.period), bells[a.school].get(b.period)
        if first and second and second[0] - first[1] > gap:
            return (f"the break between periods {a.period} and {b.period} is "
                    f"{second[0] - first[1]} minutes"
                    + (f" in {season}" if len(w.seasons) > 1 else "")
                    + f", more than max_double_gap {gap}")
    return ""


def doubles_per_day(w: Week) -> Counter[tuple[str, str, str, str]]:
    """(school, class, subject, day) -> well-formed double lessons that day."""
    return Counter((rows[0].school, rows[0].klass, rows[0].subject, rows[0].day)
                   for rows in double_groups(w) if not _double_problem(w, rows))


def sessions_per_course(w: Week) -> Counter[str]:
    return Counter(s.course.course_id for s in w.sessions.values())


# ---- reading ------------------------------------------------------------------------------


def _read_csv(w: Week, directory: Path, name: str, columns: tuple[str, ...],
              required: bool) -> None:
    w.tables[name] = []
    if not (directory / name).is_file():
        if required:
            w.bad(f"{name} is missing", hard=name in TIMETABLE)
        return
    decoded = read_text(directory, name, "", IssueLog())
    if decoded is None:
        w.bad(f"{name} cannot be decoded as UTF-8 or GB18030", hard=name in TIMETABLE)
        return
    rows = list(csv.DictReader(io.StringIO(decoded[0], newline="")))
    header = {k.strip() for k in (rows[0].keys() if rows else [])} if rows else set()
    if rows and (missing := [c for c in columns if c not in header]):
        w.bad(f"{name} lacks the columns {', '.join(missing)}", hard=name in TIMETABLE)
        return
    w.tables[name] = [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in rows]


def read_week(inst: Instance, directory: Path, *, require_reports: bool) -> Week:
    seasons: dict[str, dict[str, dict[int, tuple[int, int]]]] = {
        season: {s.school_id: {} for s in inst.schools} for season in inst.seasons}
    for b in inst.bells:
        if b.season in seasons:
            seasons[b.season][b.school_id][b.period] = (b.start, b.end)
    w = Week(inst, seasons)
    for name, columns in TIMETABLE.items():
        _read_csv(w, directory, name, columns, required=True)
        _one_timetable_for_all_seasons(w, name)
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
            w.bad("summary.json is not a JSON object", hard=False)
    elif require_reports:
        w.bad("summary.json is missing", hard=False)
    _read_sessions(w)
    _read_lessons(w)
    return w


TIME_COLUMNS = {"start", "end", "hub_start", "hub_end", "receiving_start", "receiving_end",
                "overlap_minutes", "season"}


def _one_timetable_for_all_seasons(w: Week, name: str) -> None:
    """With several seasons every row comes once per season: check the season column, that
    each season lists the same lessons, and the times of the later seasons; keep the first
    season's rows (the others only differ in times)."""
    rows, seasons = w.tables[name], w.inst.seasons
    found = list(dict.fromkeys(row["season"] for row in rows if row.get("season")))
    if len(seasons) == 1:
        if found and found != [seasons[0]]:
            w.fatal(f"{name} holds a timetable for the seasons {', '.join(found)}, but the "
                    f"instance is checked for {seasons[0]} only: run aligner check with "
                    f"--season {','.join(found)}")
        return
    if rows and "season" not in rows[0]:
        w.fatal(f"{name} holds a timetable for one season (it has no season column), but the "
                f"instance is checked for {', '.join(seasons)}: run aligner check with "
                "--season and the season it was solved for (summary.json lists it)")
        return
    by_season: dict[str, Counter[tuple[tuple[str, str], ...]]] = defaultdict(Counter)
    for i, row in enumerate(rows, start=2):
        season = row["season"]
        if season not in seasons:
            w.bad(f"{name} row {i}: season '{season}' is not one of {', '.join(seasons)}")
            continue
        by_season[season][tuple(sorted((k, v) for k, v in row.items()
                                       if k not in TIME_COLUMNS))] += 1
        if season != seasons[0]:
            _check_times(w, name, i, row, season)
    for season in seasons[1:]:
        if by_season[season] != by_season[seasons[0]]:
            w.bad(f"{name}: the rows of season {season} do not list the same lessons as those "
                  f"of {seasons[0]} (one weekly timetable serves every season)")
    w.tables[name] = [row for row in rows if row["season"] == seasons[0]]


def _check_times(w: Week, name: str, i: int, row: dict[str, str], season: str) -> None:
    """The times (and overlap) a row gives for a later season."""
    if name == "lessons.csv":
        problem = _slot_problem(w, row["school_id"], row["day"], _int(row["period"]),
                                row["start"], row["end"], season)
    else:
        h, r = _int(row["hub_period"]), _int(row["receiving_period"])
        school = row["receiving_school_id"]
        problem = (_slot_problem(w, row["hub_school_id"], row["day"], h, row["hub_start"],
                                 row["hub_end"], season)
                   or _slot_problem(w, school, row["day"], r, row["receiving_start"],
                                    row["receiving_end"], season))
        if not problem and h is not None and r is not None:
            real = overlap(w.seasons[season][row["hub_school_id"]][h],
                           w.seasons[season][school][r])
            if _int(row["overlap_minutes"]) != real:
                problem = (f"overlap_minutes says {row['overlap_minutes']}, the {season} bells "
                           f"overlap by {real}")
    if problem:
        w.bad(f"{name} row {i} ({season}): {problem}")


def _read_sessions(w: Week) -> None:
    """sessions.csv rows into sessions, checking references, times, overlaps and ids."""
    first_id: dict[tuple[str, str, int], str] = {}
    for i, row in enumerate(w.tables["sessions.csv"], start=2):
        where = f"sessions.csv row {i} (session {row['session_id']})"
        c = w.inst.course_by_id.get(row["course_id"])
        if c is None:
            w.bad(f"{where}: unknown course '{row['course_id']}'")
            continue
        day, h, r = row["day"], _int(row["hub_period"]), _int(row["receiving_period"])
        key = (row["receiving_school_id"], row["receiving_class_id"])
        problem = (_slot_problem(w, c.hub_school, day, h, row["hub_start"], row["hub_end"])
                   or _slot_problem(w, key[0], day, r, row["receiving_start"], row["receiving_end"])
                   or ("" if key in {x.class_key for x in c.receptions}
                       else f"{w.klass(*key)} is not a receiving class of course {c.course_id}"))
        if problem:
            w.bad(f"{where}: {problem}")
            continue
        assert h is not None and r is not None
        claimed = (row["form"], row["hub_school_id"], row["hub_teacher_id"], row["hub_class_id"])
        if claimed != (c.form, c.hub_school, c.hub_teacher, c.hub_class or ""):
            w.bad(f"{where}: form, hub school, teacher or class differ from course {c.course_id}")
        real = overlap(w.bells[c.hub_school][h], w.bells[key[0]][r])
        if _int(row["overlap_minutes"]) != real:
            w.bad(f"{where}: overlap_minutes says {row['overlap_minutes']}, the bells overlap by "
                  f"{real}")
        s = w.sessions.setdefault(row["session_id"], Session(row["session_id"], c, day, h))
        if (s.course.course_id, s.day, s.hub_period) != (c.course_id, day, h):
            w.bad(f"{where}: rows of one session id differ in course, day or hub period")
        elif key in s.periods:
            w.bad(f"{where}: {w.klass(*key)} is listed twice in one session")
        else:
            s.periods[key] = r
        if first_id.setdefault((c.course_id, day, h), s.sid) != s.sid:
            w.bad(f"{where}: course {c.course_id} on {day} hub period {h} has two session ids")


def _read_lessons(w: Week) -> None:
    """lessons.csv: local rows into lessons; online rows must be exactly those of the sessions."""
    online: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, row in enumerate(w.tables["lessons.csv"], start=2):
        school, klass, day = row["school_id"], row["class_id"], row["day"]
        period = _int(row["period"])
        problem = _slot_problem(w, school, day, period, row["start"], row["end"])
        if not problem and (school, klass) not in w.inst.class_by_key:
            problem = f"unknown class '{klass}' of {w.school(school)}"
        if row["mode"] == "local" and (row["teacher_id"] not in w.inst.teacher_by_id
                                       or row["session_id"] or row["assistant_id"]):
            problem = problem or "a local lesson needs a known teacher and no session or assistant"
        if row["mode"] not in ("local", "online-main", "online-receiving"):
            problem = problem or f"unknown mode '{row['mode']}'"
        if problem:
            w.bad(f"lessons.csv row {i}: {problem}")
            continue
        assert period is not None
        if row["mode"] == "local":
            w.local.append(Local(school, klass, day, period, row["subject"], row["teacher_id"],
                                 row.get("lesson_id", "")))
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
                w.bad(f"lessons.csv has no {key[6]} row for session {s.sid} of "
                      f"{w.klass(school, klass)} on {s.day} period {key[3]}, which sessions.csv "
                      "lists")
    for key, rows in online.items():
        for i in rows:
            w.bad(f"lessons.csv row {i}: online lesson of {w.klass(key[0], key[1])} on {key[2]} "
                  f"period {key[3]} (session {key[7]}) matches no row of sessions.csv")


# ---- the hard rules, one family per function ----------------------------------------------

Check = Callable[[Week], Iterator[Violation]]


def tables_are_consistent(w: Week) -> Iterator[Violation]:
    """Files, references, times, overlaps and ids, as found while reading."""
    yield from w.issues


def every_receiving_class_takes_part(w: Week) -> Iterator[Violation]:
    """Every receiving class takes every session; classes of one school share one period."""
    for s in w.sessions.values():
        wanted = {r.class_key for r in s.course.receptions}
        for key in sorted(wanted - set(s.periods)):
            yield Violation("session_reception", f"session {s.sid} on {s.day}: {w.klass(*key)} "
                            "does not take part, but every receiving class of the course must")
        by_school = defaultdict(set)
        for (school, _), r in s.periods.items():
            by_school[school].add(r)
        for school, periods in sorted(by_school.items()):
            if len(periods) > 1:
                yield Violation("session_reception", f"session {s.sid} on {s.day}: classes of "
                                f"{w.school(school)} sit in different periods "
                                f"{sorted(periods)}, but they share one sync room")


def sessions_overlap_enough(w: Week) -> Iterator[Violation]:
    """overlap(hub period, receiving period) >= min_overlap_minutes for every receiving class,
    in every season."""
    least = w.inst.policy.min_overlap_minutes
    for season, bells in w.seasons.items():
        where = f" in {season}" if len(w.seasons) > 1 else ""
        for s in w.sessions.values():
            hub = bells[s.course.hub_school][s.hub_period]
            for (school, klass), r in s.periods.items():
                minutes = overlap(hub, bells[school][r])
                if minutes < least:
                    yield Violation("overlap_too_short", (
                        f"session {s.sid} on {s.day}{where}: {w.school(s.course.hub_school)} "
                        f"period {s.hub_period} and {w.klass(school, klass)} in period {r} "
                        f"share only {minutes} minutes, less than {least}"))


def one_lesson_per_class_and_period(w: Week) -> Iterator[Violation]:
    """A class has at most one lesson per (day, period)."""
    subjects = defaultdict(list)
    for school, klass, day, p, subject in class_lessons(w):
        subjects[(school, klass, day, p)].append(subject)
    for (school, klass, day, p), what in subjects.items():
        if len(what) > 1:
            yield Violation("class_double_booked", f"{w.klass(school, klass)} has "
                            f"{len(what)} lessons on {day} period {p}: {', '.join(what)}")


def one_place_per_teacher_and_period(w: Week) -> Iterator[Violation]:
    """A teacher has at most one commitment per (day, period), never in an unavailable slot."""
    busy: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for teacher, day, p, what in commitments(w):
        busy[(teacher, day, p)].append(what)
        if (day, p) in w.inst.teacher_by_id[teacher].unavailable:
            yield Violation("teacher_unavailable", f"{w.teacher(teacher)} is unavailable on "
                            f"{day} period {p} but has {what}")
    for (teacher, day, p), places in busy.items():
        if len(places) > 1:
            yield Violation("teacher_double_booked", f"{w.teacher(teacher)} is in "
                            f"{len(places)} places on {day} period {p}: {'; '.join(places)}")


def sync_rooms_suffice(w: Week) -> Iterator[Violation]:
    """Sync-room uses per (school, day, period) <= sync_rooms (one per school per session)."""
    used: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for s in w.sessions.values():
        uses = {(s.course.hub_school, s.hub_period)} | {(k[0], r) for k, r in s.periods.items()}
        for school, p in uses:
            used[(school, s.day, p)].append(s.sid)
    for (school, day, p), sids in used.items():
        rooms = w.inst.school_by_id[school].sync_rooms
        if len(sids) > rooms:
            yield Violation("room_capacity", f"{w.school(school)} needs {len(sids)} sync rooms "
                            f"on {day} period {p} ({', '.join(sids)}) but has {rooms}")


def curriculum_is_taught(w: Week) -> Iterator[Violation]:
    """Lessons of each (class, subject), online included, == per_week; local ones by its teacher."""
    rows = {(r.school_id, r.class_id, r.subject): r for r in w.inst.curriculum}
    for x in w.local:
        row = rows.get((x.school, x.klass, x.subject))
        if row is None or row.teacher_id != x.teacher:
            expected = w.teacher(row.teacher_id) if row and row.teacher_id else "nobody"
            yield Violation("local_teacher", f"{x.subject} with {w.klass(x.school, x.klass)} on "
                            f"{x.day} period {x.period} is taught by {w.teacher(x.teacher)}, but "
                            f"the curriculum gives it to {expected}")
    got = Counter((school, klass, subject) for school, klass, _, _, subject in class_lessons(w))
    for key in sorted(set(rows) | set(got)):
        want = rows[key].per_week if key in rows else 0
        if got[key] != want:
            yield Violation("curriculum_per_week", f"{w.klass(key[0], key[1])} has {got[key]} "
                            f"{key[2]} lessons a week, the curriculum says {want}")


def lessons_in_allowed_periods(w: Week) -> Iterator[Violation]:
    """A local lesson of a curriculum row with ``allowed`` periods lies in one of them."""
    allowed = {(r.school_id, r.class_id, r.subject): set(r.allowed)
               for r in w.inst.curriculum if r.allowed is not None}
    for x in w.local:
        slots = allowed.get((x.school, x.klass, x.subject))
        if slots is not None and (x.day, x.period) not in slots:
            yield Violation("allowed_periods", f"{x.subject} with {w.klass(x.school, x.klass)} "
                            f"is on {x.day} period {x.period}, outside the periods the "
                            "curriculum allows it")


def together_rows_share_their_periods(w: Week) -> Iterator[Violation]:
    """Curriculum rows of one school with the same ``together`` label have their local lessons
    at the same (day, period)s."""
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for r in w.inst.curriculum:
        if r.together is not None:
            groups[(r.school_id, r.together)].append((r.school_id, r.class_id, r.subject))
    if not groups:
        return
    slots: dict[tuple[str, str, str], set[tuple[str, int]]] = defaultdict(set)
    for x in w.local:
        slots[(x.school, x.klass, x.subject)].add((x.day, x.period))
    for (school, label), rows in groups.items():
        first = slots[rows[0]]
        for row in rows[1:]:
            if slots[row] != first:
                apart = sorted(first ^ slots[row], key=lambda s: (w.inst.days.index(s[0])
                                                                   if s[0] in w.inst.days else 99,
                                                                   s[1]))
                yield Violation("together", f"{rows[0][2]} of {w.klass(school, rows[0][1])} and "
                                f"{row[2]} of {w.klass(school, row[1])} are taught together "
                                f"('{label}') but not at the same periods: "
                                + ", ".join(f"{d} period {p}" for d, p in apart[:6]))


def double_lessons_hold(w: Week) -> Iterator[Violation]:
    """Rows sharing a lesson_id are one double lesson: same class, day, subject and teacher, two
    consecutive periods at most max_double_gap apart in every season; each curriculum row has
    exactly its ``doubles`` of them."""
    for rows in double_groups(w):
        if problem := _double_problem(w, rows):
            x = rows[0]
            yield Violation("double_lessons", f"lesson {x.lesson_id} of "
                            f"{w.klass(x.school, x.klass)} on {x.day} is not a double lesson: "
                            f"{problem}")
    per_row: Counter[tuple[str, str, str]] = Counter()
    for (school, klass, subject, _day), n in doubles_per_day(w).items():
        per_row[(school, klass, subject)] += n
    for r in w.inst.curriculum:
        got = per_row[(r.school_id, r.class_id, r.subject)]
        if got != r.doubles:
            yield Violation("double_lessons", f"{w.klass(r.school_id, r.class_id)} has {got} "
                            f"double {r.subject} lessons a week, the curriculum says {r.doubles} "
                            "(the two rows of a double share a lesson_id in lessons.csv)")


def max_per_day_holds(w: Week) -> Iterator[Violation]:
    """Lessons of a subject per class per day <= max_per_day, online included; a double lesson
    counts once."""
    got = Counter((sc, k, subject, day) for sc, k, day, _, subject in class_lessons(w))
    got.subtract(doubles_per_day(w))
    for r in w.inst.curriculum:
        for day in w.inst.days:
            n = got[(r.school_id, r.class_id, r.subject, day)]
            if r.max_per_day is not None and n > r.max_per_day:
                yield Violation("max_per_day", f"{w.klass(r.school_id, r.class_id)} has {n} "
                                f"{r.subject} lessons on {day}, at most {r.max_per_day} allowed")


def courses_hold_their_sessions(w: Week) -> Iterator[Violation]:
    """min_per_week <= sessions of each course <= max_per_week."""
    n = sessions_per_course(w)
    for c in w.inst.courses:
        if not c.min_per_week <= n[c.course_id] <= c.max_per_week:
            wanted = (f"{c.min_per_week}" if c.min_per_week == c.max_per_week
                      else f"{c.min_per_week}-{c.max_per_week}")
            yield Violation("course_per_week", f"course {c.course_id} ({c.subject}, "
                            f"{w.school(c.hub_school)}) has {n[c.course_id]} sessions a week, "
                            f"it needs {wanted}")


def loads_within_bounds(w: Week) -> Iterator[Violation]:
    """min_load <= credited load <= max_load for every teacher."""
    for tid, (local, taught, assisted, load) in loads(w).items():
        t = w.inst.teacher_by_id[tid]
        low, high = Fraction(t.min_load), None if t.max_load is None else Fraction(t.max_load)
        if load < low or (high is not None and load > high):
            yield Violation("credited_load", (
                f"{w.teacher(tid)} of {w.school(t.school_id)} has a credited load of "
                f"{_show(load)} ({local} local + {w.inst.policy.online_credit} x {taught} taught "
                f"online + {w.inst.policy.assistant_credit} x {assisted} assisted), outside "
                f"[{_show(low)}, {_show(high) if high is not None else 'no cap'}]"))


def minimums(w: Week) -> dict[tuple[str, str], tuple[Fraction, Fraction, bool]]:
    """(rule, scope) -> (required, achieved, ok) for every weekly minimum, load and level bound."""
    p, n = w.inst.policy, sessions_per_course(w)
    pair: Counter[str] = Counter()
    delivered: Counter[str] = Counter()
    received: Counter[str] = Counter()
    for c in w.inst.courses:
        delivered[c.hub_school] += n[c.course_id]
        for school in dict.fromkeys(r.school_id for r in c.receptions):
            received[school] += n[c.course_id]
            if c.form == "sync":
                pair[f"{c.hub_school}->{school}"] += n[c.course_id]
    out: dict[tuple[str, str], tuple[Fraction, Fraction, bool]] = {}
    for rule, achieved, least in (
        ("min_sync_lessons_per_pair", pair, p.min_sync_lessons_per_pair),
        ("min_online_lessons_delivered", delivered, p.min_online_lessons_per_school),
        ("min_online_lessons_received", received, p.min_online_lessons_per_school),
    ):
        out |= {(rule, k): (Fraction(least), Fraction(v), v >= least) for k, v in achieved.items()}
    for tid, (_, taught, _, load) in loads(w).items():
        t = w.inst.teacher_by_id[tid]
        out[("min_load", tid)] = (Fraction(t.min_load), load, load >= Fraction(t.min_load))
        if t.max_load is not None:
            out[("max_load", tid)] = (Fraction(t.max_load), load, load <= Fraction(t.max_load))
        if t.level is not None:
            per_semester = p.level_min_online_per_semester.get(t.level, 0)
            least = -(-per_semester // p.semester_weeks)
            out[(f"level_min_online ({t.level})", tid)] = (Fraction(least), Fraction(taught),
                                                            taught >= least)
    return out


def weekly_minimums_hold(w: Week) -> Iterator[Violation]:
    """Weekly per-pair and per-school minimums, and the level minimums of backbone teachers."""
    for (rule, scope), (least, got, ok) in minimums(w).items():
        if ok:
            continue
        if rule.startswith("level"):
            yield Violation("level_minimum", f"{w.teacher(scope)} teaches {_show(got)} online "
                            f"lessons a week; as a {rule.split('(')[1].rstrip(')')}-level backbone teacher "
                            f"at least {_show(least)}")
        elif rule == "min_sync_lessons_per_pair":
            hub, receiving = scope.split("->")
            yield Violation("weekly_minimum", f"{w.school(hub)} gives {w.school(receiving)} "
                            f"{_show(got)} sync lessons a week, at least {_show(least)} needed")
        elif rule.startswith("min_online"):
            verb = "delivers" if rule.endswith("delivered") else "takes part in"
            yield Violation("weekly_minimum", f"{w.school(scope)} {verb} {_show(got)} online "
                            f"lessons a week, at least {_show(least)} needed")


HARD_RULES: tuple[Check, ...] = (
    tables_are_consistent,
    every_receiving_class_takes_part,
    sessions_overlap_enough,
    one_lesson_per_class_and_period,
    one_place_per_teacher_and_period,
    sync_rooms_suffice,
    curriculum_is_taught,
    lessons_in_allowed_periods,
    together_rows_share_their_periods,
    double_lessons_hold,
    max_per_day_holds,
    courses_hold_their_sessions,
    loads_within_bounds,
    weekly_minimums_hold,
)


# ---- the reports: do teacher_load.csv, compliance.csv and summary.json tell the truth? ----


def teacher_load_report(w: Week) -> Iterator[Violation]:
    rows = defaultdict(list)
    for row in w.tables["teacher_load.csv"]:
        rows[row["teacher_id"]].append(row)
    if not w.tables["teacher_load.csv"]:
        return
    for tid, (local, taught, assisted, load) in loads(w).items():
        t = w.inst.teacher_by_id[tid]
        if len(rows[tid]) != 1:
            yield Violation("report", f"teacher_load.csv has {len(rows[tid])} rows for "
                            f"{w.teacher(tid)}", hard=False)
            continue
        row = rows[tid][0]
        stated = (row["school_id"], _int(row["local"]), _int(row["online_main"]),
                  _int(row["assistant"]), _fraction(row["credited"]), _fraction(row["min_load"]),
                  _fraction(row["max_load"]) if row["max_load"] else None)
        true = (t.school_id, local, taught, assisted, load, Fraction(t.min_load),
                None if t.max_load is None else Fraction(t.max_load))
        if stated != true:
            yield Violation("report", f"teacher_load.csv row of {w.teacher(tid)} says local "
                            f"{row['local']}, online {row['online_main']}, assisted "
                            f"{row['assistant']}, credited {row['credited']}; the timetable "
                            f"gives {local}, {taught}, {assisted}, {_show(load)}", hard=False)


def compliance_report(w: Week) -> Iterator[Violation]:
    if not w.tables["compliance.csv"]:
        return
    truth, seen = minimums(w), set()
    for i, row in enumerate(w.tables["compliance.csv"], start=2):
        key = (row["rule"], row["scope"])
        if key not in truth or key in seen:
            yield Violation("report", f"compliance.csv row {i}: unexpected or repeated "
                            f"{row['rule']} {row['scope']}", hard=False)
            continue
        seen.add(key)
        least, got, ok = truth[key]
        stated = (_fraction(row["required"]), _fraction(row["achieved"]),
                  TRUE.get(row["ok"].strip().lower()))
        if stated != (least, got, ok):
            yield Violation("report", f"compliance.csv row {i} ({row['rule']} {row['scope']}) "
                            f"says {row['required']}/{row['achieved']}/{row['ok']}; the timetable "
                            f"gives {_show(least)}/{_show(got)}/{ok}", hard=False)
    for rule, scope in truth.keys() - seen:
        if not (rule == "min_load" and truth[(rule, scope)][0] == 0):
            yield Violation("report", f"compliance.csv lacks the row {rule} {scope}", hard=False)


def objective_terms(w: Week) -> dict[str, int]:
    """The four objective terms recomputed from the timetable."""
    days, lessons = w.inst.days, class_lessons(w)
    misaligned = 0
    for bells in w.seasons.values():
        for s in w.sessions.values():
            hub = bells[s.course.hub_school][s.hub_period]
            misaligned += sum(hub[1] - hub[0] - overlap(hub, bells[k[0]][r])
                              for k, r in s.periods.items())
    per_day = Counter((sc, k, subject, day) for sc, k, day, _, subject in lessons)
    per_day.subtract(doubles_per_day(w))  # a double lesson is one lesson of its day
    repeats = sum(max(0, per_day[(r.school_id, r.class_id, r.subject, d)] - 1)
                  for r in w.inst.curriculum if 2 <= r.per_week - r.doubles <= len(days)
                  for d in days)
    core = sum(1 for sc, _, _, p, subject in lessons
               if subject in w.inst.core_subjects
               and any(bells[sc][p][0] >= AFTERNOON for bells in w.seasons.values()))
    n = sessions_per_course(w)
    missing = sum(c.max_per_week - n[c.course_id] for c in w.inst.courses
                  if c.min_per_week < c.max_per_week)
    return {"misalignment_minutes": misaligned, "same_day_repeats": repeats,
            "core_in_afternoon": core, "missing_sessions": missing}


def objective_of(w: Week, terms: dict[str, int]) -> int:
    return sum(value * getattr(w.inst.weights, TERM_WEIGHTS[name]) for name, value in terms.items())


def summary_report(w: Week) -> Iterator[Violation]:
    if w.summary is None:
        return
    if w.summary.get("status") not in ("OPTIMAL", "FEASIBLE"):
        yield Violation("report", f"summary.json status is {w.summary.get('status')!r}, not "
                        "OPTIMAL or FEASIBLE", hard=False)
    stated = w.summary.get("terms", {})
    terms = objective_terms(w)
    for name, value in terms.items():
        weight = getattr(w.inst.weights, TERM_WEIGHTS[name])
        got = stated.get(name, {}) if isinstance(stated, dict) else {}
        if (got.get("value"), got.get("weight"), got.get("weighted")) != (value, weight,
                                                                          value * weight):
            yield Violation("report", f"summary.json term {name} says {got}; the timetable gives "
                            f"{value} x weight {weight}", hard=False)
    if w.summary.get("objective") != objective_of(w, terms):
        yield Violation("report", f"summary.json objective {w.summary.get('objective')}, the "
                        f"timetable gives {objective_of(w, terms)}", hard=False)


REPORT_CHECKS: tuple[Check, ...] = (teacher_load_report, compliance_report, summary_report)


def check_solution(
    instance: Instance, directory: str | Path, *, require_reports: bool = False
) -> CheckReport:
    """Check the timetable in ``directory`` against every rule of ``instance``.

    teacher_load.csv, compliance.csv and summary.json are compared with the timetable when they
    are there (a hand-edited timetable may come without them); ``require_reports`` makes their
    absence a violation too.
    """
    week = read_week(instance, Path(directory), require_reports=require_reports)
    checks = (tables_are_consistent,) if week.unusable else (*HARD_RULES, *REPORT_CHECKS)
    violations = [v for check in checks for v in check(week)]
    terms = objective_terms(week)
    return CheckReport(
        violations=tuple(violations),
        terms=terms,
        objective=objective_of(week, terms),
        loads=loads(week),
        sessions=len(week.sessions),
        lessons=len(class_lessons(week)),
    )
