"""What changed between two timetables (``aligner diff OLD_DIR NEW_DIR``): per class, per teacher
and per online session, every lesson that moved, appeared, vanished or changed hands.

Both timetables are read as their files say (lessons.csv and sessions.csv, ours or edited by
hand), without checking them against the instance: the old one may belong to an earlier version
of it, with a class, a course or a period that is gone. The instance only supplies the names.

A *lesson* of a class is one row of lessons.csv; of a teacher, one commitment in one period (a
local lesson, co-taught ones each teacher's, a combined lesson once; a session taught from the
hub at its hub period; a session assisted at the receiving school's period); of a session, its
place at one school (the hub's period, or a receiving school's). Lessons of the same class and
subject (of a teacher: the same role, subject and classes; of a session: the same course and
school) are paired place by place: a place in both weeks is kept (``changed`` when another
teacher or form has it), the others are paired in week order as ``moved``, the rest
``vanished`` (old only) or ``appeared`` (new only), as changes.csv pairs them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.instance import COMBINE, Instance
from aligner.io.errors import InputError, IssueLog
from aligner.io.formats import read_spreadsheet_text
from aligner.io.tabular import Table, read_table
from aligner.messages import say

if TYPE_CHECKING:
    import pandas as pd

LESSONS, SESSIONS = "lessons.csv", "sessions.csv"
LESSON_REQUIRED = ("school_id", "class_id", "day", "period", "subject", "teacher_id", "mode")
LESSON_OPTIONAL = ("season", "start", "end", "session_id", "assistant_id", "lesson_id",
                   "room_id", "pinned")
SESSION_REQUIRED = ("session_id", "course_id", "day", "hub_school_id", "hub_teacher_id",
                    "hub_period", "receiving_school_id", "receiving_class_id",
                    "receiving_period")
SESSION_OPTIONAL = ("season", "form", "hub_class_id", "hub_start", "hub_end", "receiving_start",
                    "receiving_end", "overlap_minutes")
DIFF_COLUMNS = ("view", "school_id", "class_id", "teacher_id", "subject", "role", "change",
                "old_day", "old_period", "old_time", "new_day", "new_period", "new_time",
                "old_teacher_id", "old_role", "course_id")
"""The columns of :func:`diff`'s frame (docs/living.md)."""
VIEWS = ("class", "teacher", "session")
CHANGES = ("moved", "appeared", "vanished", "changed")


@dataclass(frozen=True)
class Place:
    """Where one lesson is, with who has it there."""

    day: str
    period: int
    time: str
    teacher_id: str = ""
    role: str = ""
    course_id: str = ""


@dataclass
class Week:
    """One timetable as its files say: each class's, teacher's and session end's lessons."""

    directory: Path
    classes: dict[tuple[str, str, str], list[Place]] = field(default_factory=dict)
    """(school, class, subject) -> places."""
    teachers: dict[tuple[str, str, str, str, str], list[Place]] = field(default_factory=dict)
    """(school, teacher, role, subject, classes joined by +) -> places."""
    sessions: dict[tuple[str, str, str, str], list[Place]] = field(default_factory=dict)
    """(course, school, classes at that school joined by +, hub or receiving) -> places; the
    place's teacher is the hub teacher."""
    days: tuple[str, ...] = ()
    """The days in the order the week lists them (for sorting)."""


def _first_season(table: Table, instance: Instance | None) -> list:
    rows = list(table.rows)
    seasons = list(dict.fromkeys(r["season"] for r in rows if r["season"]))
    if not seasons:
        return rows
    wanted = instance.seasons[0] if instance is not None and instance.seasons[0] in seasons \
        else seasons[0]
    return [r for r in rows if r["season"] == wanted]


def _period(text: str, table: str, number: int, column: str, log: IssueLog) -> int | None:
    value = text.strip()
    if not value.isdigit() or int(value) < 1:
        log.add(table, say("living.bad_period", value=text), number, column)
        return None
    return int(value)


def _time(start: str, end: str) -> str:
    return f"{start}-{end}" if start and end else ""


def read_week(directory: str | Path, instance: Instance | None = None) -> Week:
    """The timetable in ``directory`` (its first season's rows); InputError naming the file,
    row and column of a cell that makes no lesson (a period that is no number, a missing
    column)."""
    folder = Path(directory)
    log = IssueLog()
    if not folder.is_dir():
        log.add(str(folder), say("living.not_a_timetable"))
        log.raise_if_any()
    lessons = read_table(folder, LESSONS, LESSON_REQUIRED, LESSON_OPTIONAL, log)
    sessions = read_table(folder, SESSIONS, SESSION_REQUIRED, SESSION_OPTIONAL, log)
    if log.issues:
        raise InputError([type(i)(str(folder / i.file) if not Path(i.file).is_absolute()
                                  else i.file, i.message, i.row, i.column)
                          for i in log.issues])
    assert lessons is not None and sessions is not None
    week = Week(folder)
    classes: dict[tuple[str, str, str], list[Place]] = defaultdict(list)
    duties: dict[tuple[str, str, int, str, str], dict] = {}
    ends: dict[tuple[str, str, str, str], dict] = {}
    order: dict[str, None] = {}
    text = read_spreadsheet_text

    def duty(teacher: str, school: str, day: str, period: int, role: str, subject: str,
             klass: str, time: str, course: str = "") -> None:
        # one duty per subject and role: a hand edit that gives a teacher two lessons at once
        # is two duties, not one lesson of two classes (a combined class has one subject)
        entry = duties.setdefault((teacher, day, period, role, subject), {
            "school": school, "role": role, "subject": subject, "classes": [], "time": time,
            "course": course})
        if klass and klass not in entry["classes"]:
            entry["classes"].append(klass)

    course_of = {text(s["session_id"]): text(s["course_id"]) for s in sessions.rows}
    for row in _first_season(lessons, instance):
        period = _period(row["period"], str(folder / LESSONS), row.number, "period", log)
        if period is None:
            continue
        school, klass, day = text(row["school_id"]), text(row["class_id"]), text(row["day"])
        subject, teacher, mode = text(row["subject"]), text(row["teacher_id"]), row["mode"]
        order.setdefault(day)
        time = _time(row["start"], row["end"])
        session = text(row["session_id"])
        course = course_of.get(session, "") if mode != "local" else ""
        classes[(school, klass, subject)].append(Place(day, period, time, teacher, mode, course))
        if mode == "local":
            for one in teacher.split(COMBINE) if teacher else ():
                duty(one, school, day, period, "local", subject, klass, time)
        elif mode == "online-receiving" and row["assistant_id"]:
            duty(text(row["assistant_id"]), school, day, period, "assist", subject, klass, time,
                 course)
    for row in _first_season(sessions, instance):
        hub = _period(row["hub_period"], str(folder / SESSIONS), row.number, "hub_period", log)
        received = _period(row["receiving_period"], str(folder / SESSIONS), row.number,
                           "receiving_period", log)
        if hub is None or received is None:
            continue
        course, day = text(row["course_id"]), text(row["day"])
        teacher, hub_school = text(row["hub_teacher_id"]), text(row["hub_school_id"])
        hub_class = text(row["hub_class_id"])
        hub_time = _time(row["hub_start"], row["hub_end"])
        order.setdefault(day)
        duty(teacher, hub_school, day, hub, "hub", "", hub_class, hub_time, course)
        school = text(row["receiving_school_id"])
        for key, where, klass, period, time in (
                ((course, hub_school, "hub", day), hub_school, hub_class, hub, hub_time),
                ((course, school, "receiving", day), school, text(row["receiving_class_id"]),
                 received, _time(row["receiving_start"], row["receiving_end"]))):
            entry = ends.setdefault((*key[:3], row["session_id"]), {
                "school": where, "day": day, "period": period, "time": time, "classes": [],
                "teacher": teacher})
            if klass and klass not in entry["classes"]:
                entry["classes"].append(klass)
    if log.issues:
        raise InputError(log.issues)
    subjects = {p.course_id: subject for (_, _, subject), places in classes.items()
                for p in places if p.course_id}
    teachers: dict[tuple[str, str, str, str, str], list[Place]] = defaultdict(list)
    for (teacher, day, period, _, _), entry in duties.items():
        subject = entry["subject"] or subjects.get(entry["course"], "")
        teachers[(entry["school"], teacher, entry["role"], subject,
                  COMBINE.join(entry["classes"]))].append(
            Place(day, period, entry["time"], teacher, entry["role"], entry["course"]))
    session_places: dict[tuple[str, str, str, str], list[Place]] = defaultdict(list)
    for (course, school, role, _), entry in ends.items():
        session_places[(course, school, COMBINE.join(entry["classes"]), role)].append(
            Place(entry["day"], entry["period"], entry["time"], entry["teacher"], role, course))
    week.classes, week.teachers, week.sessions = dict(classes), dict(teachers), \
        dict(session_places)
    week.days = tuple(order)
    return week


@dataclass(frozen=True)
class Change:
    """One row of the diff."""

    view: str
    school_id: str
    class_id: str
    teacher_id: str
    subject: str
    role: str
    change: str
    old: Place | None
    new: Place | None
    old_teacher_id: str = ""
    old_role: str = ""
    course_id: str = ""

    def record(self) -> dict[str, str]:
        """The row as :data:`DIFF_COLUMNS` name its cells."""
        def cells(place: Place | None) -> tuple[str, str, str]:
            return (place.day, str(place.period), place.time) if place else ("", "", "")

        return dict(zip(DIFF_COLUMNS, (
            self.view, self.school_id, self.class_id, self.teacher_id, self.subject, self.role,
            self.change, *cells(self.old), *cells(self.new), self.old_teacher_id,
            self.old_role, self.course_id), strict=True))


def _pairs(old: list[Place], new: list[Place], rank: dict[str, int]
           ) -> list[tuple[str, Place | None, Place | None]]:
    """(change, old place, new place) of one group's lessons; kept places left out unless
    another teacher or form has them now."""
    def at(place: Place) -> tuple[str, int]:
        return (place.day, place.period)

    def week(place: Place) -> tuple[int, int, str]:
        return (rank.get(place.day, len(rank)), place.period, place.day)

    before = Counter(at(p) for p in old)
    after = Counter(at(p) for p in new)
    kept = before & after
    out: list[tuple[str, Place | None, Place | None]] = []
    old_at = {at(p): p for p in old}
    new_at = {at(p): p for p in new}
    for slot in sorted(kept, key=lambda s: week(old_at[s])):
        was, now = old_at[slot], new_at[slot]
        if (was.teacher_id, was.role) != (now.teacher_id, now.role):
            out.append(("changed", was, now))
    left = _beyond(old, kept, week)
    came = _beyond(new, kept, week)
    for i in range(max(len(left), len(came))):
        a = left[i] if i < len(left) else None
        b = came[i] if i < len(came) else None
        out.append(("moved" if a and b else "vanished" if a else "appeared", a, b))
    return out


def _beyond(places: list[Place], kept: Counter, week) -> list[Place]:
    """The places not kept (a place listed more often than it is kept: the extra ones)."""
    budget = Counter(kept)
    out = []
    for place in sorted(places, key=week):
        slot = (place.day, place.period)
        if budget[slot] > 0:
            budget[slot] -= 1
        else:
            out.append(place)
    return out


def changes(old: Week, new: Week, instance: Instance | None = None) -> list[Change]:
    """Every change from ``old`` to ``new``: classes, then teachers, then sessions."""
    days = list(instance.days) if instance is not None else []
    days += [d for d in (*old.days, *new.days) if d not in days]
    rank = {d: i for i, d in enumerate(days)}
    schools = {s.school_id: i for i, s in enumerate(instance.schools)} if instance else {}

    def order(key: tuple) -> tuple:
        """The instance's order of schools, then the key's words."""
        school = key[1] if len(key) == 4 else key[0]
        return (schools.get(school, len(schools)), school, *key)

    out: list[Change] = []
    for key in sorted(set(old.classes) | set(new.classes), key=order):
        school, klass, subject = key
        for change, a, b in _pairs(old.classes.get(key, []), new.classes.get(key, []), rank):
            now = b or a
            assert now is not None
            out.append(Change("class", school, klass, now.teacher_id, subject, now.role, change,
                              a, b, a.teacher_id if a else "", a.role if a else "",
                              now.course_id))
    for tkey in sorted(set(old.teachers) | set(new.teachers), key=order):
        school, teacher, role, subject, classes = tkey
        for change, a, b in _pairs(old.teachers.get(tkey, []), new.teachers.get(tkey, []),
                                   rank):
            now = b or a
            assert now is not None
            out.append(Change("teacher", school, classes, teacher, subject, role, change, a, b,
                              "", role if a else "", now.course_id))
    subjects = {}
    for week in (old, new):
        for (_, _, subject), places in week.classes.items():
            for place in places:
                if place.course_id:
                    subjects[place.course_id] = subject
    for skey in sorted(set(old.sessions) | set(new.sessions), key=order):
        course, school, classes, role = skey
        for change, a, b in _pairs(old.sessions.get(skey, []), new.sessions.get(skey, []),
                                   rank):
            now = b or a
            assert now is not None
            out.append(Change("session", school, classes, now.teacher_id,
                              subjects.get(course, ""), role, change, a, b,
                              a.teacher_id if a else "", role if a else "", course))
    return out


def diff_frame(rows: list[Change]) -> pd.DataFrame:
    """The changes as a frame with :data:`DIFF_COLUMNS`."""
    import pandas as pd

    return pd.DataFrame([r.record() for r in rows], columns=list(DIFF_COLUMNS), dtype=str)


def diff(old_dir: str | Path, new_dir: str | Path, instance: Instance | str | Path | None = None
         ) -> pd.DataFrame:
    """What changed from the timetable in ``old_dir`` to the one in ``new_dir``, one row per
    lesson of a class, a teacher or a session end that moved, appeared, vanished or changed
    hands (:data:`DIFF_COLUMNS`); an empty frame when nothing changed. ``instance`` (an
    Instance, or the path of one; default: none) only orders the days."""
    loaded = _instance(instance)
    return diff_frame(changes(read_week(old_dir, loaded), read_week(new_dir, loaded), loaded))


def _instance(instance: Instance | str | Path | None) -> Instance | None:
    if instance is None or isinstance(instance, Instance):
        return instance
    import warnings

    from aligner.io import InputWarning, load_instance

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        return load_instance(instance)
