"""``aligner import-fet``: a FET file (or two, paired) as an aligner instance directory.

How FET's data becomes ours (docs/fet.md has the full table for users):

- days keep their names (``:``, ``;``, ``,`` and ``+`` become ``_``); an hour that is a break on
  every day is left out; the other hours are periods 1..n, timed as :mod:`aligner.fet.bells`
  says;
- students: the classes are the coarsest partition of FET's subgroups in which every students
  set an activity names is a union of classes (:mod:`aligner.fet.students`); an activity of
  several classes is a combined lesson (合班), of several teachers a co-taught one; an activity
  without students but with a teacher gets a placeholder class of its own;
- activities become curriculum rows: the activities of one class set, subject and teacher set,
  split further where FET gives them different preferred times or rooms or where a hard min-days
  constraint covers only some of them (so that each such constraint covers one whole row); a
  part of duration 2 is a double, longer parts are dropped and listed;
- constraints become teachers' limits, allowed periods, pins, rooms, together groups and
  max_per_day where FET's meaning and aligner's agree, or are listed under ``Not imported`` with
  the reason; a few that no timetable of the instance can break are noted as such
  (:mod:`aligner.fet.implied`).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from aligner.fet.bells import csv_rows, double_gap, times_of
from aligner.fet.conversions import CONVERTED, converted, reason
from aligner.fet.fetfile import Constraint, FetData, read_fet
from aligner.fet.implied import Load, early_holds, gaps_at_most, max_daily_holds, min_daily_holds
from aligner.fet.preferences import (
    PREFERENCE_TAGS,
    Grid,
    Preference,
    allowed_starts,
    exact_allowed,
    preference,
    selected,
)
from aligner.fet.rooms import HOME_ROOMS, PREFERRED_ROOMS, room_choice
from aligner.fet.students import Classes, classes_of, readable, safe_id, unique_ids
from aligner.instance import MAX_PERIODS, MAX_WEEK_GAPS, hhmm
from aligner.io.cells import strange_characters
from aligner.io.errors import InputError, InputIssue
from aligner.io.formats import COLUMNS
from aligner.io.tabular import MAX_CELL
from aligner.io.writer import instance_texts
from aligner.messages import listed, say

SEASON = "standard"
MAPPING_FILE = "fet_mapping.json"
REPORT_FILE = "fet_import.txt"
BLOCKED = "(blocked)"
NO_TEACHER = "(no teacher)"
NO_STUDENTS = "(no students)"


@dataclass
class Loss:
    """Something in the FET file that the instance does not hold."""

    what: str
    reason: str
    count: int = 0
    weights: set[float] = field(default_factory=set)

    def __str__(self) -> str:
        weights = ", ".join(f"{w:g}%" for w in sorted(self.weights, reverse=True))
        return say("fet.loss", what=self.what, count=self.count, weights=weights,
                   reason=self.reason)


@dataclass
class FetImport:
    """An instance made from FET data: instance.yaml settings and table rows, what was
    converted (notes) and what was dropped (losses), and the mapping back to FET's activities."""

    name: str
    settings: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    notes: list[str]
    losses: list[Loss]
    mapping: dict[str, Any]

    @property
    def lossless(self) -> bool:
        return not self.losses

    def report_text(self) -> str:
        lines = [say("fet.imported", sources=self.mapping["sources"], name=self.name,
                     classes=len(self.tables["classes"]),
                     teachers=sum(1 for t in self.tables["teachers"]
                                  if not _placeholder(t["teacher_id"])),
                     rows=len(self.tables["curriculum"]),
                     activities=self.mapping.get("imported_activities",
                                                 len(self.mapping["activities"])))]
        lines += [f"  - {note}" for note in self.notes]
        if self.losses:
            lines.append(say("fet.not_imported"))
            lines += [f"  - {loss}" for loss in self.losses]
        else:
            lines.append(say("fet.nothing_dropped"))
        return "\n".join(lines) + "\n"

    def files(self) -> dict[str, tuple[str, str]]:
        """File name -> (text, encoding): the instance directory, the mapping and the report."""
        out = {name: (text, "utf-8")
               for name, text in instance_texts(self.settings, self.tables).items()}
        out[MAPPING_FILE] = (json.dumps(self.mapping, ensure_ascii=False, indent=1), "utf-8")
        out[REPORT_FILE] = (self.report_text(), "utf-8")
        return out


def _placeholder(teacher_id: str) -> bool:
    return teacher_id.startswith((BLOCKED, NO_TEACHER)) or f"/{BLOCKED}" in teacher_id or (
        f"/{NO_TEACHER}" in teacher_id)


def _grade(year: str, index: int) -> int:
    match = re.search(r"\d+", year)
    return int(match.group()) if match and 1 <= int(match.group()) <= 12 else min(index + 1, 12)


class _Losses:
    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str], Loss] = {}

    def add(self, what: str, why: str, weight: float = 100.0) -> None:
        loss = self.by_key.setdefault((what, why), Loss(what, why))
        loss.count += 1
        loss.weights.add(weight)

    def all(self) -> list[Loss]:
        return sorted(self.by_key.values(), key=lambda x: (-x.count, x.what))


def import_fet(path: str | Path, *, bells: str | Path | None = None,
               school_id: str = "school") -> FetImport:
    """Convert one FET file; raise :class:`InputError` when it cannot be read or its hours
    cannot be given times."""
    data = read_fet(path)
    return _convert(data, bells, school_id, name=data.institution or data.path.stem)


Key = tuple[tuple[str, ...], str, tuple[str, ...]]
"""(our classes, FET subject, our teachers) of an activity."""


@dataclass
class _Row:
    school_id: str
    key: Key
    students: tuple[str, ...]
    """FET's students sets of its activities (for names)."""
    activities: list[int]
    durations: list[int]
    allowed: frozenset[tuple[str, int]] | None = None
    rooms: frozenset[str] | None = None
    preferred: frozenset[tuple[str, int]] | None = None
    subject: str = ""
    teacher: str = ""
    index: int = 1
    max_per_day: int | None = None
    min_days_apart: int | None = None
    together: str | None = None

    @property
    def classes(self) -> tuple[str, ...]:
        return self.key[0]

    @property
    def class_label(self) -> str:
        return "+".join(self.classes)

    @property
    def per_week(self) -> int:
        return sum(self.durations)

    @property
    def doubles(self) -> int:
        return self.durations.count(2)


@dataclass(frozen=True)
class _Options:
    """How ids are made: FET's names, or short ones where FET's do not fit the instance's
    cells (a combined lesson of many classes, names mixing scripts the reader refuses)."""

    short_classes: bool = False
    short_teachers: bool = False
    short_subjects: bool = False
    rooms: bool = True


def _convert(data: FetData, bells_file: str | Path | None, school_id: str, name: str,
             day_ids: list[str] | None = None, prefix: str = "") -> FetImport:
    """``day_ids`` names the days (a paired school takes its partner's, by position);
    ``prefix`` goes before every teacher id (teachers of two schools may share names)."""
    options = _Options()
    while True:
        conversion = _Conversion(data, school_id, prefix, options)
        conversion.grid(bells_file, day_ids)
        conversion.people()
        conversion.activities()
        conversion.preferences()
        conversion.rooms()
        conversion.rows()
        conversion.constraints()
        imported = conversion.result(name)
        problems = _unfit(imported.tables)
        if not problems:
            return imported
        wider = _Options(options.short_classes or "class_id" in problems,
                         options.short_teachers or "teacher_id" in problems,
                         options.short_subjects or "subjects" in problems,
                         options.rooms and ("subjects" not in problems
                                            or not options.short_subjects))
        if wider == options:
            raise InputError([InputIssue(str(data.path), say(
                "fet.unfit", example=problems[sorted(problems)[0]]))])
        options = wider


def _unfit(tables: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    """Id columns whose cells the instance's reader would refuse (too long, or mixing
    scripts): column -> an example."""
    problems: dict[str, str] = {}
    for table, column in (("classes", "class_id"), ("curriculum", "class_id"),
                          ("teachers", "teacher_id"), ("curriculum", "teacher_id"),
                          ("curriculum", "subject"), ("rooms", "subjects")):
        for row in tables.get(table, []):
            value = str(row.get(column, ""))
            ids = column in ("class_id", "teacher_id")
            if len(value) > MAX_CELL or (column == "subject" and strange_characters(value)) or (
                    ids and value and (strange_characters(value) or any(
                        not readable(part) for part in value.split("+")))):
                problems.setdefault(column, f"{table}.csv {column} '{value[:60]}...'")
    return problems


class _Conversion:
    """One FET school's data, converted step by step; every active constraint is either
    converted (counted, and noted by type) or listed as a loss, exactly once."""

    def __init__(self, data: FetData, school_id: str, prefix: str, options: _Options) -> None:
        # a constraint of weight 0% constrains nothing in FET (its generator skips it with
        # probability 1, and it adds nothing to a timetable's conflicts): left out
        kept = [c for c in data.constraints if c.weight > 0 or c.tag.startswith(
            "ConstraintBasicCompulsory")]
        self.weightless = len(data.constraints) - len(kept)
        data = replace(data, constraints=kept)
        self.data, self.school_id, self.prefix = data, school_id, prefix
        self.options = options
        self.losses = _Losses()
        self.notes: list[str] = []
        self.converted: dict[str, int] = defaultdict(int)
        self.handled: set[int] = set()
        self.by_id = {a.id: a for a in data.activities}

    # ---- bookkeeping ----

    def convert(self, c: Constraint) -> None:
        if id(c) not in self.handled:
            self.handled.add(id(c))
            self.converted[c.tag] += 1

    def lose(self, c: Constraint, why: str) -> None:
        if id(c) not in self.handled:
            self.handled.add(id(c))
            self.losses.add(c.tag, why, c.weight)

    # ---- days and hours ----

    def grid(self, bells_file: str | Path | None, day_ids: list[str] | None) -> None:
        data = self.data
        self.day_id = (unique_ids(data.days, fallback="day") if day_ids is None
                       else dict(zip(data.days, day_ids, strict=True)))
        self.days = [self.day_id[d] for d in data.days]
        break_slots = set()
        for c in data.constraints:
            if c.tag != "ConstraintBreakTimes":
                continue
            if not c.hard:
                self.lose(c, say("fet.soft_break"))
                continue
            self.convert(c)
            break_slots |= set(c.slots("Break_Time"))
        all_day = [h for h in data.hours if all((d, h) in break_slots for d in data.days)]
        self.kept_hours = [h for h in data.hours if h not in all_day]
        if len(self.kept_hours) > MAX_PERIODS:
            raise InputError([InputIssue(str(data.path), say(
                "fet.too_many_periods", hours=len(self.kept_hours), most=MAX_PERIODS))])
        self.period_of = {h: i for i, h in enumerate(self.kept_hours, start=1)}
        if all_day:
            self.notes.append(say("fet.all_day_breaks", hours=listed(all_day),
                                  periods=len(self.kept_hours)))
        self.times, how = times_of(data.hours, self.kept_hours, bells_file, data.path.name)
        self.notes.append(say("fet.bell_times", how=how))
        self.double_gap, self.break_gaps = double_gap(data.hours, self.kept_hours, self.times)
        self.partial_breaks = {s for s in (self.slot(d, h) for d, h in break_slots) if s}
        breaks = frozenset((data.days.index(d), data.hours.index(h)) for d, h in break_slots
                           if d in data.days and h in data.hours)
        self.fet_grid = Grid(len(data.days), len(data.hours), breaks,
                             tuple(data.hours.index(h) for h in self.kept_hours))

    def slot(self, day: str, hour: str) -> tuple[str, int] | None:
        """Our (day, period) of a FET (day, hour); None for a left-out break hour."""
        if day in self.day_id and hour in self.period_of:
            return (self.day_id[day], self.period_of[hour])
        return None

    def our(self, fet: tuple[int, int]) -> tuple[str, int] | None:
        """Our (day, period) of a FET (day index, hour index)."""
        return self.slot(self.data.days[fet[0]], self.data.hours[fet[1]])

    # ---- teachers and students ----

    def people(self) -> None:
        data = self.data
        names = list(dict.fromkeys([*data.teachers, *(t for a in data.activities
                                                        for t in a.teachers)]))
        ids = ({n: f"t{k}" for k, n in enumerate(names, start=1)} if self.options.short_teachers
               else unique_ids(names, fallback="teacher"))
        self.teacher_id = {n: self.prefix + i for n, i in ids.items()}
        if self.options.short_teachers:
            self.notes.append(say("fet.short_teacher_ids"))
        named = {s for a in data.activities for s in a.students if s in data.leaves}
        self.classes: Classes = classes_of(data, named, self.options.short_classes)
        if self.options.short_classes:
            self.notes.append(say("fet.short_class_ids"))
        if any(len(self.classes.of_set(data, s)) > 1 for s in named) or any(
                data.kind.get(s) != "year" for s in named):
            self.notes.append(say("fet.classes_grouped", count=len(self.classes.classes)))

    def shares(self, one: str, other: str) -> bool:
        """Whether two FET students sets share students (FET's selection by students)."""
        return bool(self.data.leaves.get(one, frozenset()) & self.data.leaves.get(
            other, frozenset()))

    # ---- activities ----

    def activities(self) -> None:
        data = self.data
        self.key_of: dict[int, Key] = {}
        self.placeholder_classes: dict[Key, str] = {}
        self.nobody = 0
        for a in data.activities:
            problem = None
            if a.duration > 2:
                problem = "long"
            elif a.duration < 1:
                problem = "short"
            elif any(s not in data.leaves for s in a.students):
                problem = "unknown_set"
            elif len(set(a.teachers)) < len(a.teachers):
                problem = "teacher_twice"
            if problem:
                self.losses.add(say("fet.activity_kind", problem=say(f"fet.activity.{problem}")),
                                say(f"fet.activity.{problem}.why"))
                continue
            classes = tuple(dict.fromkeys(c for s in a.students
                                          for c in self.classes.of_set(data, s)))
            teachers = tuple(sorted(self.teacher_id[t] for t in a.teachers))
            if self.options.short_classes and len("+".join(classes)) > MAX_CELL:
                self.losses.add(say("fet.activity_kind",
                                    problem=say("fet.activity.too_many_classes")),
                                say("fet.activity.too_many_classes.why", count=len(classes),
                                    cell=MAX_CELL))
                continue
            if self.options.short_teachers and len("+".join(teachers)) > MAX_CELL:
                self.losses.add(say("fet.activity_kind",
                                    problem=say("fet.activity.too_many_teachers")),
                                say("fet.activity.too_many_teachers.why", count=len(teachers),
                                    cell=MAX_CELL))
                continue
            if not classes and not teachers:
                # it occupies nobody: FET may place it anywhere, beside any other activity,
                # itself included; a row of its own (a class and a teacher only it has)
                self.key_of[a.id] = (classes, f"{a.subject} #{a.id}", teachers)
                self.nobody += 1
                continue
            self.key_of[a.id] = (classes, a.subject, teachers)
        if self.nobody:
            self.notes.append(say("fet.nobody", count=self.nobody))
        for key in dict.fromkeys(self.key_of.values()):
            if not key[0]:
                self.placeholder_classes[key] = ""
        if self.placeholder_classes:
            taken = {c.class_id for c in self.classes.classes}
            wanted = [f"{NO_STUDENTS} {subject} "
                      + " & ".join(t.removeprefix(self.prefix) for t in teachers)
                      for _classes, subject, teachers in self.placeholder_classes]
            ids = unique_ids(wanted, taken, fallback=NO_STUDENTS)
            for key, want in zip(list(self.placeholder_classes), wanted, strict=True):
                self.placeholder_classes[key] = ids[want]
            self.notes.append(say("fet.no_students", count=len(self.placeholder_classes),
                                  placeholder=f"{NO_STUDENTS} <subject> <teacher>"))

    def classes_of_key(self, key: Key) -> tuple[str, ...]:
        return key[0] or (self.placeholder_classes[key],)

    # ---- preferred times ----

    def preferences(self) -> None:
        """Hard preferred times: each activity's FET starts, and the allowed slots that hold
        them exactly; constraints that cannot be held exactly are dropped, and the rest
        recomputed without them, until every activity's allowed slots are exact."""
        data = self.data
        self.pins: list[tuple[Constraint, int, tuple[str, int] | None]] = []
        prefs: list[Preference] = []
        wishes: list[Preference] = []
        for c in data.constraints:
            if c.tag not in PREFERENCE_TAGS:
                continue
            if c.hard and c.tag == "ConstraintActivityPreferredStartingTime" and c.text(
                    "Preferred_Day") and c.text("Preferred_Hour"):
                try:
                    aid = int(c.text("Activity_Id"))
                except ValueError:
                    self.lose(c, say("fet.unreadable_id"))
                    continue
                self.pins.append((c, aid, self.slot(c.text("Preferred_Day"),
                                                    c.text("Preferred_Hour"))))
                continue
            chosen = selected(c, data, self.shares)
            if chosen is None:
                self.lose(c, say("fet.unreadable_id"))
                continue
            chosen &= set(self.key_of)
            if not chosen:
                self.lose(c, say("fet.covers_nothing"))
                continue
            (prefs if c.hard else wishes).append(preference(c, data, self.fet_grid, chosen))
        self._wishes(wishes)
        self.allowed: dict[int, frozenset[tuple[str, int]] | None] = {}
        while True:
            on: dict[int, list[Preference]] = defaultdict(list)
            for p in prefs:
                for aid in p.activities:
                    on[aid].append(p)
            bad: dict[int, str] = {}
            for aid in self.key_of:
                a = self.by_id[aid]
                starts = allowed_starts(a, on.get(aid, ()), self.fet_grid)
                if starts is None:
                    self.allowed[aid] = None
                    continue
                slots = exact_allowed(a, starts, self.fet_grid)
                if slots is None:
                    bad[aid] = say("fet.no_time" if not starts else "fet.double_starts")
                    continue
                self.allowed[aid] = frozenset(s for s in (self.our(x) for x in slots) if s)
            if not bad:
                break
            kept = []
            for p in prefs:
                hit = next((bad[a] for a in p.activities if a in bad), None)
                if hit:
                    self.lose(p.constraint, hit)
                else:
                    kept.append(p)
            prefs = kept
        for p in prefs:
            self.convert(p.constraint)

    def _wishes(self, wishes: list[Preference]) -> None:
        """Soft preferred times (尽量): a row's ``preferred`` slots, a lesson starting elsewhere
        costing outside_preferred, as FET counts one broken soft preference per activity
        starting outside. Exact where an activity has one wish whose starts aligner's slots
        can say (:func:`exact_allowed`); the others are listed."""
        on: dict[int, list[Preference]] = defaultdict(list)
        for p in wishes:
            for aid in p.activities:
                on[aid].append(p)
        self.preferred: dict[int, frozenset[tuple[str, int]]] = {}
        bad: dict[int, str] = {}
        for aid, mine in on.items():
            a = self.by_id[aid]
            possible = self.fet_grid.starts(a.duration)
            starts = possible & mine[0].starts_of(a.duration)
            if len(mine) > 1:
                bad[aid] = say("fet.wishes_overlap")
            elif starts != possible:
                slots = exact_allowed(a, starts, self.fet_grid)
                if slots is None:
                    bad[aid] = say("fet.no_time" if not starts else "fet.double_starts")
                else:
                    self.preferred[aid] = frozenset(s for s in (self.our(x) for x in slots) if s)
        for p in wishes:
            hit = next((bad[a] for a in p.activities if a in bad), None)
            if hit:
                self.lose(p.constraint, hit)
                for aid in p.activities:
                    self.preferred.pop(aid, None)
            else:
                self.convert(p.constraint)
        if self.preferred:
            self.notes.append(say("fet.wishes", count=len(self.preferred)))

    # ---- rooms ----

    def rooms(self) -> None:
        data = self.data
        for c in data.constraints:
            if c.tag in PREFERRED_ROOMS | HOME_ROOMS | {"ConstraintRoomNotAvailableTimes"} and (
                    not c.hard):
                self.lose(c, say("fet.soft_constraint"))
        if not self.options.rooms:
            for c in data.constraints:
                if c.tag in PREFERRED_ROOMS | HOME_ROOMS | {"ConstraintRoomNotAvailableTimes"}:
                    self.lose(c, say("fet.room_too_many_subjects", cell=MAX_CELL))
            self.room_closed: dict[str, list[tuple[str, str]]] = {}
            self.rooms_of: dict[int, frozenset[str] | None] = dict.fromkeys(self.key_of)
            return
        choice = room_choice(data, list(self.key_of))
        self.room_closed = choice.closed
        self.rooms_of = {}
        for aid in self.key_of:
            if aid in choice.problem:
                self.rooms_of[aid] = None
            else:
                self.rooms_of[aid] = choice.rooms_of.get(aid)
        for index, c in enumerate(choice.constraints):
            if c.tag == "ConstraintRoomNotAvailableTimes":
                self.convert(c)   # rooms.csv unavailable (a room no activity takes: nothing)
                continue
            used = choice.used_by.get(index, [])
            problems = [choice.problem[a] for a in used if a in choice.problem]
            if problems:
                self.lose(c, problems[0])
            elif not used:
                if c.tag in HOME_ROOMS:
                    # a home room of a set or teacher whose every activity has preferred rooms
                    # (or several sets or teachers) is never used by FET either
                    self.convert(c)
                else:
                    self.lose(c, say("fet.covers_nothing"))
            else:
                self.convert(c)

    # ---- activities -> curriculum rows ----

    def rows(self) -> None:
        data = self.data
        by_key: dict[Key, list[int]] = defaultdict(list)
        for aid, key in self.key_of.items():
            by_key[key].append(aid)
        # min days between activities: a row's max_per_day 1 or min_days_apart, the
        # same-day-repeat term, or a days_apart.csv group (hard or soft), once the rows are
        # cut so that each constraint covers whole rows
        self.min_days: list[tuple[Constraint, list[int]]] = []
        self.ignored_inactive = 0
        linked: dict[Key, list[list[int]]] = defaultdict(list)
        found: list[tuple[Constraint, list[int], int]] = []
        for c in data.constraints:
            if c.tag != "ConstraintMinDaysBetweenActivities":
                continue
            try:
                ids = [int(x) for x in c.texts("Activity_Id")]
                days = int(c.text("MinDays", "1"))
            except ValueError:
                self.lose(c, say("fet.min_days.unreadable"))
                continue
            # FET holds it over its active activities, and ignores it with fewer than two
            ids = [i for i in ids if i not in data.inactive_ids]
            if len(ids) <= 1:
                self.ignored_inactive += 1
                self.convert(c)
                continue
            if days < 1:
                self.convert(c)   # constrains nothing (FET refuses it)
                continue
            if any(i not in self.key_of for i in ids):
                self.lose(c, say("fet.not_imported_activities"))
                continue
            found.append((c, ids, min(days, len(self.days))))
        hard = [(set(ids), days) for c, ids, days in found if c.hard]
        for c, ids, days in found:
            if not c.hard and any(set(ids) <= h and days <= d for h, d in hard):
                self.convert(c)   # a wish a hard one keeps (its lessons all in it, as far apart)
                continue
            self.min_days.append((c, ids))
            for key in {self.key_of[i] for i in ids}:
                linked[key].append([i for i in ids if self.key_of[i] == key])
        self.rows_of_key: dict[Key, list[_Row]] = {}
        for key, aids in by_key.items():
            self.rows_of_key[key] = self._partition(key, aids, linked.get(key, []))
        self.all_rows = [r for rows in self.rows_of_key.values() for r in rows]
        self.row_of = {aid: row for row in self.all_rows for aid in row.activities}
        self._name_rows()
        split = sum(1 for rows in self.rows_of_key.values() if len(rows) > 1)
        if split:
            self.notes.append(say("fet.split_rows", count=split))

    def _partition(self, key: Key, aids: list[int], linked: list[list[int]]) -> list[_Row]:
        """The rows of one key: the activities that min-days constraints link, as one row when
        every constraint touching them covers them all and they share preferred times and
        rooms, else one row each (so that each constraint covers whole rows); then the others
        grouped by their preferred times and rooms."""
        parent = {a: a for a in aids}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for ids in linked:
            for i in ids[1:]:
                parent[find(i)] = find(ids[0])
        signature = {a: (self.allowed.get(a), self.rooms_of.get(a), self.preferred.get(a))
                     for a in aids}
        components: dict[int, list[int]] = defaultdict(list)
        for a in aids:
            components[find(a)].append(a)
        groups: list[list[int]] = []
        rest: dict[Any, list[int]] = defaultdict(list)
        touched = {find(ids[0]) for ids in linked}
        for root, members in components.items():
            # a component some constraint covers only in part: one row per activity, so that
            # each constraint covers whole rows (a days_apart.csv group)
            whole = all(len(ids) == len(members) for ids in linked if find(ids[0]) == root)
            if root in touched and len({signature[a] for a in members}) == 1 and whole:
                groups.append(members)
            elif root in touched:
                groups += [[a] for a in members]
            else:
                for a in members:
                    rest[signature[a]].append(a)
        groups += list(rest.values())
        groups.sort(key=min)
        rows = []
        for k, members in enumerate(groups, start=1):
            members.sort()
            allowed, rooms, preferred = signature[members[0]]
            rows.append(_Row(self.school_id, key, tuple(dict.fromkeys(
                s for a in members for s in self.by_id[a].students)), members,
                [self.by_id[a].duration for a in members], allowed, rooms, preferred, index=k))
        return rows

    def _name_rows(self) -> None:
        """Subject names unique within each class, and one set of rooms per subject name:
        FET's subject, then with its teachers, then with its students sets, then numbered."""
        rows = self.all_rows
        level = {id(r): 0 for r in rows}
        serial: dict[int, int] = {}
        count: dict[str, int] = defaultdict(int)
        for r in rows:
            count[r.key[1]] += 1
            serial[id(r)] = count[r.key[1]]

        def name(r: _Row) -> str:
            base = _subject_name(r.key[1])
            numbered = f" [{r.index}]" if len(self.rows_of_key[r.key]) > 1 else ""
            if self.options.short_subjects:
                # short names, for rooms that list many subjects: 'Maths [2]'
                return base + (f" [{serial[id(r)]}]" if level[id(r)] else numbered)
            teachers = ", ".join(t.removeprefix(self.prefix) for t in r.key[2]) or "no teacher"
            if level[id(r)] == 0:
                return base + numbered
            students = f" / {', '.join(r.students) or 'no students'}" if level[id(r)] >= 2 else ""
            return f"{base} ({teachers}{students}){numbered}"

        for _ in range(5):
            names = {id(r): name(r) for r in rows}
            clash: set[int] = set()
            seen: dict[tuple[str, str], list[_Row]] = defaultdict(list)
            for r in rows:
                for c in self.classes_of_key(r.key):
                    seen[(c, names[id(r)])].append(r)
            for same in seen.values():
                if len(same) > 1:
                    clash |= {id(r) for r in same}
            rooms_of_name: dict[str, set[Any]] = defaultdict(set)
            for r in rows:
                rooms_of_name[names[id(r)]].add(r.rooms)
            for r in rows:
                if len(rooms_of_name[names[id(r)]]) > 1 and r.rooms is not None:
                    clash.add(id(r))
            if not clash:
                break
            for r in rows:
                if id(r) in clash:
                    level[id(r)] += 1
        fallback: dict[str, int] = defaultdict(int)
        for k, r in enumerate(rows, start=1):
            r.subject = name(r)
            if strange_characters(r.subject):
                # a name mixing scripts (a Greek subject, a Latin teacher): numbered instead
                base = _subject_name(r.key[1])
                base = base if not strange_characters(base) else "subject"
                fallback[base] += 1
                r.subject = f"{base} [{fallback[base]}]"
            r.teacher = "+".join(r.key[2]) if r.key[2] else (
                f"{self.prefix}{NO_TEACHER} {safe_id(' & '.join(self.classes_of_key(r.key)))} "
                f"{safe_id(r.subject)}")
            if not r.key[2] and (strange_characters(r.teacher) or len(r.teacher) > 200):
                r.teacher = f"{self.prefix}{NO_TEACHER} {k}"
        renamed = sum(1 for r in rows if r.subject != r.key[1])
        if renamed:
            self.notes.append(say("fet.renamed", count=renamed))
        if no_teacher := sum(1 for r in rows if not r.key[2]):
            self.notes.append(say("fet.no_teacher", count=no_teacher,
                                  placeholder=f"{NO_TEACHER} <class> <subject>"))

    # ---- constraints ----

    def constraints(self) -> None:
        data = self.data
        self.unavailable: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self.blocked: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self.not_available_fet: dict[str, set[tuple[int, int]]] = defaultdict(set)
        self.teacher_na_fet: dict[str, set[tuple[int, int]]] = defaultdict(set)
        self.limits: dict[str, dict[str, int]] = defaultdict(dict)
        soft_spread = 0
        self.apart_groups: list[tuple[int, list[_Row], int | None]] = []
        for c, ids in sorted(self.min_days, key=lambda x: not x[0].hard):
            rows = list({id(self.row_of[i]): self.row_of[i] for i in ids}.values())
            row = rows[0]
            days = min(int(c.text("MinDays", "1")), len(self.days))   # (more is the same)
            if {a for r in rows for a in r.activities} != set(ids):
                self.lose(c, say("fet.min_days.partial"))
                continue
            if c.hard and len(rows) == 1:
                if days > 1:
                    row.min_days_apart = max(row.min_days_apart or 0, days)
                else:
                    row.max_per_day = 1
            elif c.hard:
                self.apart_groups.append((days, rows, None))
            else:   # a wish (尽量): FET's weight in tenths, at least 1
                self.apart_groups.append((days, rows, max(1, round(c.weight / 10))))
                soft_spread += 1
            self.convert(c)
        same_time: list[Constraint] = []
        self._mornings_afternoons()
        for c in data.constraints:
            tag = c.tag
            if id(c) in self.handled:
                continue
            if tag in ("ConstraintBasicCompulsoryTime", "ConstraintBasicCompulsorySpace"):
                self.convert(c)
            elif tag == "ConstraintTeacherNotAvailableTimes" and c.hard:
                teacher = c.text("Teacher")
                self.unavailable[self.teacher_id.get(teacher, self.prefix + teacher)].update(
                    s for s in (self.slot(*x) for x in c.slots("Not_Available_Time")) if s)
                self.teacher_na_fet[teacher] |= self._fet_slots(c.slots("Not_Available_Time"))
                self.convert(c)
            elif tag == "ConstraintStudentsSetNotAvailableTimes" and c.hard:
                students = c.text("Students")
                slots = {s for s in (self.slot(*x) for x in c.slots("Not_Available_Time")) if s}
                for klass in self.classes.of_set(data, students):
                    self.blocked[klass].update(slots)
                for leaf in data.leaves.get(students, frozenset()):
                    self.not_available_fet[leaf] |= self._fet_slots(c.slots("Not_Available_Time"))
                self.convert(c)
            elif tag == "ConstraintActivitiesSameStartingTime" and c.hard:
                same_time.append(c)
            elif tag in _TEACHER_LIMITS and c.hard:
                self._teacher_limit(c)
        self._apply_same_time(same_time)
        self._pins()
        self._implied()
        for c in data.constraints:
            if id(c) not in self.handled:
                self.lose(c, say("fet.soft_constraint") if not c.hard
                          and _converted_when_hard(c.tag) else reason(c.tag))
        if soft_spread:
            self.notes.append(say("fet.soft_min_days", count=soft_spread))
        for tag, n in sorted(self.converted.items()):
            self.notes.append(say("fet.converted", tag=tag, count=n, how=converted(tag)))
        if self.weightless:
            self.notes.append(say("fet.weightless", count=self.weightless))
        if self.ignored_inactive:
            self.notes.append(say("fet.min_days.inactive", count=self.ignored_inactive))
        if data.inactive_activities or data.inactive_constraints:
            self.notes.append(say("fet.inactive", activities=data.inactive_activities,
                                  constraints=data.inactive_constraints))
        doubles = sum(r.doubles for r in self.all_rows)
        if doubles and not all(g > self.double_gap for g in self.break_gaps):
            self.losses.add(say("fet.double_next_to_break"),
                            say("fet.double_spans_break", gap=self.double_gap))

    def _mornings_afternoons(self) -> None:
        """FET's mornings-afternoons mode: its days are half-days (as ours are then), but a
        teacher may be bound to teach only mornings or only afternoons of a real day (every
        teacher of an old Morocco file, the others as their Mornings_Afternoons_Behavior
        says), and in an old FET 5 MA, Morocco or Algeria file FET 6 reads a max days per week
        or max hours daily as counting real days (its messages when it opens one)."""
        data = self.data
        if data.mode != "Mornings_Afternoons":
            return
        for teacher in data.teachers:
            behavior = data.behaviors.get(teacher, "") or (
                "Exclusive" if data.old_custom == "morocco" else "Unrestricted")
            if behavior != "Unrestricted":
                self.losses.add(say("fet.teacher_behavior"),
                                say("fet.teacher_behavior.why", behavior=behavior))
        if not data.old_custom:
            return
        for c in data.constraints:
            if c.tag in _REAL_DAYS:
                self.lose(c, say("fet.real_days"))
            elif c.tag in _HALF_DAYS:
                self._teacher_limit(c, _HALF_DAYS[c.tag])

    def _fet_slots(self, pairs: Iterable[tuple[str, str]]) -> set[tuple[int, int]]:
        data = self.data
        return {(data.days.index(d), data.hours.index(h)) for d, h in pairs
                if d in data.days and h in data.hours}

    def _teacher_limit(self, c: Constraint, tag: str | None = None) -> None:
        """Teacher(s) max hours daily -> max_per_day, max days per week -> max_days, max hours
        continuously -> max_consecutive (when FET's runs and aligner's halves agree); ``tag``:
        the type FET reads ``c`` as, when it renames it."""
        tag = tag or c.tag
        field_name, child = _TEACHER_LIMITS[tag]
        try:
            value = int(c.text(child))
        except ValueError:
            self.lose(c, say("fet.limit.unreadable", child=child))
            return
        teachers = (list(self.data.teachers) if tag.startswith("ConstraintTeachers")
                    else [c.text("Teacher_Name")])
        if field_name == "min_per_day":
            self._teacher_minimum(c, value, teachers)
            return
        hours = len(self.kept_hours)
        largest = {"max_per_day": hours, "max_consecutive": hours, "max_days": len(self.days),
                   # the most gaps a day can hold: every hour but the first and the last
                   "max_gaps_per_day": max(0, hours - 2),
                   "max_gaps_per_week": len(self.days) * max(0, hours - 2)}[field_name]
        gaps = field_name.startswith("max_gaps")
        if value < 0:
            self.lose(c, say("fet.limit.unreadable", child=child))
            return
        if value >= largest:
            self.convert(c)   # never binding: FET repairs it to the whole day or week
            return
        if value < 1 and not gaps:  # no gaps at all (0) is a limit
            self.lose(c, say("fet.limit.none", child=child, value=value))
            return
        if field_name == "max_days" and value > 7:
            self.lose(c, say("fet.limit.max_days", child=child, value=value))
            return
        if field_name == "max_gaps_per_week" and value > MAX_WEEK_GAPS:
            self.lose(c, say("fet.limit.max_gaps", child=child, value=value, most=MAX_WEEK_GAPS))
            return
        if field_name == "max_consecutive" and (why := self._runs_differ(value)):
            self.lose(c, why)
            return
        for t in teachers:
            tid = self.teacher_id.get(t, self.prefix + t)
            old = self.limits[tid].get(field_name)
            self.limits[tid][field_name] = value if old is None else min(old, value)
        self.convert(c)

    def _teacher_minimum(self, c: Constraint, value: int, teachers: list[str]) -> None:
        """Teacher(s) min hours daily n, empty days allowed -> min_per_day n (several on one
        teacher: the largest). FET counts a teacher's busy hours of a day, as aligner counts
        her commitments. FET refuses to generate with empty days not allowed, with n below 2
        or above the hours of its day (generate_pre.cpp): such a file has no timetable."""
        allow = c.text("Allow_Empty_Days", "true").strip() in ("true", "1", "yes")
        if not allow:
            self.lose(c, say("fet.min_hours.no_empty_days"))
            return
        if value < 2 or value > len(self.data.hours):
            self.lose(c, say("fet.min_hours.refused", value=value, hours=len(self.data.hours)))
            return
        for t in teachers:
            tid = self.teacher_id.get(t, self.prefix + t)
            old = self.limits[tid].get("min_per_day")
            self.limits[tid]["min_per_day"] = value if old is None else max(old, value)
        self.convert(c)

    def _runs_differ(self, k: int) -> str | None:
        """Why max k hours continuously is not aligner's max_consecutive k here: FET counts
        busy hours in a row, a break hour ending the run; aligner counts periods with
        consecutive numbers within one half of the day (split at 12:00). The same windows of
        k + 1 periods must be counted by both."""
        hours = self.data.hours
        index = [hours.index(h) for h in self.kept_hours]
        n = len(self.kept_hours)
        morning = [p for p in range(1, n + 1) if self.times[p - 1][0] < 12 * 60]
        half = {p: p in morning for p in range(1, n + 1)}
        fet = {p for p in range(1, n - k + 1)
               if all(index[q] == index[q - 1] + 1 for q in range(p, p + k))}
        ours = {p for p in range(1, n - k + 1)
                if all(half[q + 1] == half[p] for q in range(p, p + k))}
        if fet == ours:
            return None
        return say("fet.runs_differ", length=k + 1,
                   starts=listed([str(p) for p in sorted(fet ^ ours)]))

    def _apply_same_time(self, same_time: list[Constraint]) -> None:
        """Hard same-starting-time constraints become ``together`` groups when they pair the
        lessons of whole rows exactly: every lesson of every row of the group is in one such
        constraint, which holds one lesson (of equal duration) of each row, and the rows have
        no class in common. Others are listed as dropped."""
        usable: list[tuple[Constraint, list[int]]] = []
        for c in same_time:
            try:
                ids = [int(x) for x in c.texts("Activity_Id")]
            except ValueError:
                self.lose(c, say("fet.unreadable_ids"))
                continue
            if any(i not in self.row_of for i in ids):
                self.lose(c, say("fet.not_imported_activities"))
                continue
            rows = [self.row_of[i] for i in ids]
            classes = [k for r in rows for k in self.classes_of_key(r.key)]
            if len({id(r) for r in rows}) < len(rows) or len(set(classes)) < len(classes) or len(
                    {self.by_id[i].duration for i in ids}) > 1:
                self.lose(c, say("fet.same_time_one_class"))
                continue
            usable.append((c, ids))
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        for _c, ids in usable:
            for i in ids[1:]:
                parent[find(id(self.row_of[i]))] = find(id(self.row_of[ids[0]]))
        members: dict[int, dict[int, _Row]] = defaultdict(dict)
        covered: dict[int, list[tuple[Constraint, list[int]]]] = defaultdict(list)
        for c, ids in usable:
            for i in ids:
                row = self.row_of[i]
                members[find(id(row))][id(row)] = row
            covered[find(id(self.row_of[ids[0]]))].append((c, ids))
        for n, (root, group) in enumerate(members.items(), start=1):
            tied = [i for _c, ids in covered[root] for i in ids]
            classes = [k for r in group.values() for k in self.classes_of_key(r.key)]
            exact = (len(set(classes)) == len(classes)
                     and all(len(ids) == len(group) for _c, ids in covered[root])
                     and len(tied) == len(set(tied))
                     and set(tied) == {a for r in group.values() for a in r.activities})
            if not exact:
                for c, _ids in covered[root]:
                    self.lose(c, say("fet.same_time_partial"))
                continue
            for row in group.values():
                row.together = f"same-time-{n}"
            for c, _ids in covered[root]:
                self.convert(c)

    def _pins(self) -> None:
        """An activity at a fixed (day, hour) is a pin: a lesson of its row starts there.
        Exact when the row's lessons are all singles or all doubles (they are then alike), or
        when every lesson of the row is pinned (its allowed periods become the periods FET
        fixes, so each pinned start takes the duration FET gives it)."""
        by_row: dict[int, list[tuple[Constraint, int, tuple[str, int]]]] = defaultdict(list)
        self.pin_rows: list[dict[str, Any]] = []
        busy: set[tuple[str, str, str, int]] = set()
        for c, aid, at in self.pins:
            if aid not in self.row_of:
                self.lose(c, say("fet.covers_nothing"))
                continue
            if at is None:
                self.lose(c, say("fet.pin.break"))
                continue
            by_row[id(self.row_of[aid])].append((c, aid, at))
        rows = {id(r): r for r in self.all_rows}
        for rid, pins in by_row.items():
            row = rows[rid]
            everything = {aid for _c, aid, _at in pins} == set(row.activities)
            if len(set(row.durations)) > 1 and not everything:
                for c, _aid, _at in pins:
                    self.lose(c, say("fet.pin.mixed"))
                continue
            if everything and len(set(row.durations)) > 1:
                fixed = frozenset((day, period + k) for _c, aid, (day, period) in pins
                                  for k in range(self.by_id[aid].duration))
                row.allowed = fixed if row.allowed is None else row.allowed & fixed
            for c, _aid, (day, period) in sorted(pins, key=lambda x: x[1]):
                teachers = row.teacher.split("+")
                away = [t for t in teachers if (day, period) in self.unavailable.get(t, set())
                        or (day, period) in self.partial_breaks]
                if away or (row.allowed is not None and (day, period) not in row.allowed):
                    self.lose(c, say("fet.pin.unavailable"))
                    continue
                who = {("class", k, day, period) for k in self.classes_of_key(row.key)} | {
                    ("teacher", t, day, period) for t in teachers}
                if who & busy:
                    self.lose(c, say("fet.pin.clash"))
                    continue
                busy |= who
                self.pin_rows.append({"school_id": self.school_id,
                                      "class_id": self.classes_of_key(row.key)[0],
                                      "subject": row.subject, "day": day, "period": period})
                self.convert(c)

    def _loads(self) -> tuple[dict[str, Load], dict[str, Load]]:
        """The week of every FET subgroup and teacher in FET's hours: available hours a day
        (breaks and not-available hours left out), busy hours (imported activities)."""
        data, grid = self.data, self.fet_grid
        kept = set(grid.kept)

        def load(closed: set[tuple[int, int]]) -> Load:
            return Load({d: sum(1 for h in range(grid.hours) if h in kept
                                and (d, h) not in grid.breaks and (d, h) not in closed)
                         for d in range(grid.days)})

        leaves = {leaf: load(self.not_available_fet.get(leaf, set()))
                  for leaf in data.all_leaves}
        teachers = {t: load(self.teacher_na_fet.get(t, set())) for t in data.teachers}
        for aid in self.row_of:
            a = self.by_id[aid]
            for who, names in ((leaves, {leaf for s in a.students
                                         for leaf in data.leaves.get(s, ())}),
                               (teachers, set(a.teachers))):
                for n in names:
                    if n in who:
                        who[n].hours += a.duration
                        who[n].shortest = min(who[n].shortest or a.duration, a.duration)
        return leaves, teachers

    def _implied(self) -> None:
        """Students' and teachers' gaps, early beginnings and hours a day that no timetable of
        the instance can break (aligner.fet.implied); others stay for the final listing."""
        leaves, teachers = self._loads()
        for c in self.data.constraints:
            if id(c) in self.handled or c.tag not in _IMPLIED or not c.hard:
                continue
            if c.tag.startswith("ConstraintStudentsSet"):
                who = [leaves[x] for x in self.data.leaves.get(c.text("Students"), ())
                       if x in leaves]
            elif c.tag.startswith("ConstraintStudents"):
                who = list(leaves.values())
            elif c.tag.startswith("ConstraintTeachers"):
                who = list(teachers.values())
            else:
                who = [teachers[c.text("Teacher_Name")]] if c.text("Teacher_Name") in teachers \
                    else []
            try:
                if "MaxGaps" in c.tag:
                    limit = int(c.text("Max_Gaps"))
                    holds = all(gaps_at_most(x, c.tag.endswith("PerDay")) <= limit for x in who)
                elif "EarlyMaxBeginnings" in c.tag:
                    holds = all(early_holds(x) for x in who)
                elif "MinHoursDaily" in c.tag:
                    minimum = int(c.text("Minimum_Hours_Daily"))
                    empty = c.text("Allow_Empty_Days", "true").lower() == "true"
                    holds = all(min_daily_holds(x, minimum, empty) for x in who)
                else:
                    holds = all(max_daily_holds(x, int(c.text("Maximum_Hours_Daily")))
                                for x in who)
            except ValueError:
                continue
            if holds:
                self.convert(c)

    # ---- the instance ----

    def result(self, name: str) -> FetImport:
        data, school_id, prefix, days = self.data, self.school_id, self.prefix, self.days
        rows = self.all_rows
        teacher_ids = list(dict.fromkeys([*(self.teacher_id[t] for t in data.teachers),
                                          *(t for r in rows for t in r.teacher.split("+"))]))
        fet_names = {i: n for n, i in self.teacher_id.items()}
        teacher_rows = []
        for t in teacher_ids:
            limits = dict(self.limits.get(t, {}))
            if limits.get("min_per_day", 0) > limits.get("max_per_day", MAX_PERIODS):
                # FET's teacher may not teach at all; aligner refuses min above max
                self.losses.add("ConstraintTeacherMinHoursDaily", say(
                    "fet.min_hours.above_max", teacher=t, least=limits.pop("min_per_day"),
                    most=limits["max_per_day"]))
            teacher_rows.append({
                "teacher_id": t, "school_id": school_id,
                "name": "" if _placeholder(t) else fet_names.get(t, t.removeprefix(prefix)),
                "unavailable": _slots_text(self.unavailable.get(t, set()) | self.partial_breaks,
                                           days),
                "max_per_day": limits.get("max_per_day", ""),
                "max_consecutive": limits.get("max_consecutive", ""),
                "max_days": limits.get("max_days", ""),
                "max_gaps_per_day": limits.get("max_gaps_per_day", ""),
                "max_gaps_per_week": limits.get("max_gaps_per_week", ""),
                "min_per_day": limits.get("min_per_day", "")})
        curriculum_rows = [{"school_id": r.school_id,
                            "class_id": "+".join(self.classes_of_key(r.key)),
                            "subject": r.subject, "teacher_id": r.teacher,
                            "per_week": r.per_week, "max_per_day": r.max_per_day or "",
                            "doubles": r.doubles or "",
                            "allowed": "" if r.allowed is None else _slots_text(set(r.allowed),
                                                                                 days),
                            "preferred": ("" if r.preferred is None
                                          else _slots_text(set(r.preferred), days)),
                            "together": r.together or "",
                            "min_days_apart": r.min_days_apart or "", "fet_subject": r.key[1]}
                           for r in rows]
        apart_rows = [{"group": f"g{k}", "school_id": r.school_id,
                       "class_id": "+".join(self.classes_of_key(r.key)), "subject": r.subject,
                       "min_days": days, "weight": weight or ""}
                      for k, (days, group, weight) in enumerate(self.apart_groups, start=1)
                      for r in group]
        # students not available: one '(blocked)' lesson a slot for all the classes blocked then
        blocked_rows = []
        every = {(d, p) for d in days for p in range(1, len(self.kept_hours) + 1)}
        at: dict[tuple[str, int], list[str]] = defaultdict(list)
        for klass in self.classes.classes:
            for slot in self.blocked.get(klass.class_id, set()) - self.partial_breaks:
                at[slot].append(klass.class_id)
        for day, period in sorted(at, key=lambda x: (days.index(x[0]), x[1])):
            subject = f"{BLOCKED} {day}:{period}"
            if not readable(subject):
                subject = f"{BLOCKED} {days.index(day) + 1}:{period}"
            for k, label in enumerate(_chunks(at[(day, period)]), start=1):
                tid = f"{prefix}{subject}" + (f" #{k}" if k > 1 else "")
                teacher_rows.append({"teacher_id": tid, "school_id": school_id, "name": "",
                                     "unavailable": _slots_text(every - {(day, period)}, days)})
                curriculum_rows.append({"school_id": school_id, "class_id": label,
                                        "subject": subject, "teacher_id": tid, "per_week": 1,
                                        "max_per_day": "", "doubles": ""})
                blocked_rows.append([school_id, label, day, period, subject])
        if blocked_rows:
            self.notes.append(say("fet.blocked", count=len(blocked_rows), blocked=BLOCKED))
        year_index = {y: i for i, y in enumerate(data.years)}
        class_rows = [{"school_id": school_id, "class_id": k.class_id,
                       "grade": _grade(k.year, year_index.get(k.year, 0)), "name": k.name}
                      for k in self.classes.classes]
        class_rows += [{"school_id": school_id, "class_id": c, "grade": 1, "name": c}
                       for c in self.placeholder_classes.values()]
        room_ids = unique_ids(sorted({room for r in rows if r.rooms for room in r.rooms}),
                              fallback="room")
        room_rows = []
        for room, rid in room_ids.items():
            subjects = list(dict.fromkeys(r.subject for r in rows if r.rooms and room in r.rooms))
            closed = {s for s in (self.slot(*x) for x in self.room_closed.get(room, [])) if s}
            room_rows.append({"school_id": school_id, "room_id": rid, "name": room,
                              "subjects": ";".join(subjects),
                              "unavailable": _slots_text(closed, days)})
        bell_rows = [{"school_id": school_id, "season": SEASON, "period": p, "start": hhmm(a),
                      "end": hhmm(b)} for p, (a, b) in enumerate(self.times, start=1)]
        # the objective is FET's soft constraints, no more: no same-day repeats of its own (a
        # soft min days is a days_apart.csv wish), no core subjects in the morning
        weights = {"misalignment_minute": 1, "same_day_repeat": 0, "core_in_afternoon": 0,
                   "missing_session": 50, "outside_preferred": 10}
        settings = {"name": name, "season": SEASON, "days": days,
                    "policy": {"max_double_gap": self.double_gap}, "weights": weights}
        classes_of_set = {s: self.classes.of_set(data, s) for s in data.leaves}
        mapping = {
            "sources": data.path.name,
            "schools": {school_id: {
                "fet_file": data.path.name,
                "days": {d: self.day_id[d] for d in data.days},
                "hours": {h: self.period_of.get(h) for h in data.hours},
                "teachers": {t: i for t, i in self.teacher_id.items()},
                "classes": {s: c[0] for s, c in classes_of_set.items() if len(c) == 1},
                "class_sets": {s: list(c) for s, c in classes_of_set.items() if c},
                "rooms": room_ids,
                "max_double_gap": self.double_gap,
                "break_gaps": self.break_gaps,
                "doubles": sum(r.doubles for r in rows),
            }},
            "activities": {str(aid): {"school_id": school_id,
                                      "class_id": "+".join(self.classes_of_key(row.key)),
                                      "subject": row.subject, "teacher_id": row.teacher,
                                      "duration": self.by_id[aid].duration}
                           for aid, row in sorted(self.row_of.items())},
            "blocked": blocked_rows,
        }
        tables: dict[str, list[dict[str, Any]]] = {
            "schools": [{"school_id": school_id, "name": data.institution or data.path.stem}],
            "bells": bell_rows, "classes": class_rows, "teachers": teacher_rows,
            "curriculum": curriculum_rows, "sync": [], "rooms": room_rows,
            "pinned": self.pin_rows, "days_apart": apart_rows}
        if room_rows:
            self.notes.append(say("fet.rooms_note", count=len(room_rows)))
        if self.pin_rows:
            self.notes.append(say("fet.pins_note", count=len(self.pin_rows)))
        return FetImport(name, settings, tables, self.notes, self.losses.all(), mapping)


def _subject_name(subject: str) -> str:
    """FET's subject as a subject name that rooms.csv can list and export-fet's comments can
    carry (no ``;``, ``；``, ``、`` or ``|``)."""
    return re.sub(r"[;；、|]", ",", subject).strip() or "(no subject)"


_TEACHER_LIMITS = {
    "ConstraintTeacherMaxHoursDaily": ("max_per_day", "Maximum_Hours_Daily"),
    "ConstraintTeachersMaxHoursDaily": ("max_per_day", "Maximum_Hours_Daily"),
    "ConstraintTeacherMaxDaysPerWeek": ("max_days", "Max_Days_Per_Week"),
    "ConstraintTeachersMaxDaysPerWeek": ("max_days", "Max_Days_Per_Week"),
    "ConstraintTeacherMaxHoursContinuously": ("max_consecutive", "Maximum_Hours_Continuously"),
    "ConstraintTeachersMaxHoursContinuously": ("max_consecutive", "Maximum_Hours_Continuously"),
    "ConstraintTeacherMaxGapsPerDay": ("max_gaps_per_day", "Max_Gaps"),
    "ConstraintTeachersMaxGapsPerDay": ("max_gaps_per_day", "Max_Gaps"),
    "ConstraintTeacherMaxGapsPerWeek": ("max_gaps_per_week", "Max_Gaps"),
    "ConstraintTeachersMaxGapsPerWeek": ("max_gaps_per_week", "Max_Gaps"),
    "ConstraintTeacherMinHoursDaily": ("min_per_day", "Minimum_Hours_Daily"),
    "ConstraintTeachersMinHoursDaily": ("min_per_day", "Minimum_Hours_Daily"),
}
"""FET's teacher limits aligner has: tag -> (teachers.csv column, FET's child with the value)."""

_REAL_DAYS = {
    "ConstraintTeacherMaxDaysPerWeek", "ConstraintTeachersMaxDaysPerWeek",
    "ConstraintTeacherMinDaysPerWeek", "ConstraintTeachersMinDaysPerWeek",
    "ConstraintStudentsSetMaxDaysPerWeek", "ConstraintStudentsMaxDaysPerWeek",
    "ConstraintTeacherMaxHoursDaily", "ConstraintTeachersMaxHoursDaily",
    "ConstraintStudentsMaxHoursDaily", "ConstraintStudentsSetMaxHoursDaily",
    "ConstraintTeacherMaxSpanPerDay", "ConstraintTeachersMaxSpanPerDay",
    "ConstraintStudentsSetMaxSpanPerDay", "ConstraintStudentsMaxSpanPerDay",
}
"""Types FET 6 reads per real day in an old FET 5 mornings-afternoons file."""
_HALF_DAYS = {"ConstraintTeacherMaxHoursDailyHalfDays": "ConstraintTeacherMaxHoursDaily",
              "ConstraintTeachersMaxHoursDailyHalfDays": "ConstraintTeachersMaxHoursDaily"}
"""Types of an old mornings-afternoons file that FET 6 reads as max hours daily (a half-day
is a FET day there, and one of ours)."""

_IMPLIED = {
    "ConstraintStudentsMaxGapsPerWeek", "ConstraintStudentsMaxGapsPerDay",
    "ConstraintStudentsSetMaxGapsPerWeek", "ConstraintStudentsSetMaxGapsPerDay",
    "ConstraintStudentsEarlyMaxBeginningsAtSecondHour",
    "ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour",
    "ConstraintStudentsMinHoursDaily", "ConstraintStudentsSetMinHoursDaily",
    "ConstraintStudentsMaxHoursDaily", "ConstraintStudentsSetMaxHoursDaily",
}
"""Constraints without a counterpart that :mod:`aligner.fet.implied` may show to hold anyway."""


def _converted_when_hard(tag: str) -> bool:
    """Types aligner converts when hard: a soft one is dropped for its weight alone."""
    return tag in CONVERTED or tag in _TEACHER_LIMITS


def _chunks(class_ids: list[str]) -> list[str]:
    """``+``-joined labels of the classes, each within a cell (MAX_CELL characters)."""
    labels: list[str] = []
    for c in class_ids:
        if labels and len(labels[-1]) + 1 + len(c) <= MAX_CELL:
            labels[-1] += "+" + c
        else:
            labels.append(c)
    return labels


def _slots_text(slots: set[tuple[str, int]], days: list[str]) -> str:
    by_day: dict[str, list[int]] = defaultdict(list)
    for d, p in slots:
        by_day[d].append(p)
    return ";".join(f"{d}:{','.join(str(p) for p in sorted(by_day[d]))}"
                    for d in days if d in by_day)


def import_pair(hub: str | Path, receiving: str | Path, courses: str | Path,
                school_ids: tuple[str, str] | None = None) -> FetImport:
    """Two schools' FET files and a pairing table (sync.csv's columns, with FET's teacher and
    students set names) as one paired instance. Teacher ids become ``<school>/<name>``; the
    receiving school's days are the hub's, by position."""
    hub_data, recv_data = read_fet(hub), read_fet(receiving)
    ids = school_ids or (safe_id(hub_data.path.stem), safe_id(recv_data.path.stem))
    if ids[0] == ids[1]:
        ids = (ids[0] + "-hub", ids[1] + "-receiving")
    if len(hub_data.days) != len(recv_data.days):
        raise InputError([InputIssue(str(receiving), say(
            "fet.days_differ", days=len(recv_data.days), hub=hub_data.path.name,
            hub_days=len(hub_data.days)))])
    h = _convert(hub_data, None, ids[0], hub_data.institution or ids[0], prefix=f"{ids[0]}/")
    r = _convert(recv_data, None, ids[1], recv_data.institution or ids[1],
                 day_ids=h.settings["days"], prefix=f"{ids[1]}/")
    sync = _pairing(Path(courses), h, r, ids)
    tables = {k: h.tables[k] + r.tables[k] for k in h.tables}
    tables["sync"] = sync
    _course_subjects(tables, Path(courses))
    reached = {(row["receiving_school"], row["receiving_class"], row["subject"]) for row in sync}
    for row in tables["curriculum"]:
        if (row["school_id"], row["class_id"], row["subject"]) in reached and _placeholder(
                row["teacher_id"]):
            row["teacher_id"] = ""   # lessons arrive online
    # one max_double_gap for both schools: the larger, unless it lets a double span a break
    gaps = {i: m.mapping["schools"][i] for i, m in ((ids[0], h), (ids[1], r))}
    limit = max(g["max_double_gap"] for g in gaps.values())
    extra: list[Loss] = []
    for school_id, g in gaps.items():
        if g["doubles"] and any(b <= limit for b in g["break_gaps"]):
            extra.append(Loss(f"{school_id}: {say('fet.double_next_to_break')}",
                              say("fet.pair_double_gap", gap=limit), 1, {100.0}))
    settings = dict(h.settings, name=f"{h.name} + {r.name}")
    settings["policy"] = {"max_double_gap": limit}
    mapping = {"sources": f"{hub_data.path.name} + {recv_data.path.name}",
               "schools": {**h.mapping["schools"], **r.mapping["schools"]},
               "activities": {}, "blocked": h.mapping["blocked"] + r.mapping["blocked"],
               # activity ids of the two files overlap: the read-back map is per file only
               "imported_activities": len(h.mapping["activities"]) + len(r.mapping["activities"])}
    notes = [say("fet.hub_note", school=ids[0], file=hub_data.path.name, note=n)
             for n in h.notes] + [
        say("fet.receiving_note", school=ids[1], file=recv_data.path.name, note=n)
        for n in r.notes] + [
        say("fet.courses_from", count=len({row["course_id"] for row in sync}),
            file=Path(courses).name)]
    losses = [Loss(f"{ids[0]}: {x.what}", x.reason, x.count, x.weights) for x in h.losses] + [
        Loss(f"{ids[1]}: {x.what}", x.reason, x.count, x.weights) for x in r.losses] + extra
    return FetImport(settings["name"], settings, tables, notes, losses, mapping)


def _course_subjects(tables: dict[str, list[dict[str, Any]]], path: Path) -> None:
    """A course's subject is FET's; the curriculum rows it reaches may have been renamed
    ('Eng (Brussel R)': rooms or teachers told rows apart). The course takes its rows' name
    when the hub's and the receiving school's agree; otherwise both rows take FET's own
    subject name, or one of theirs, or '<subject> (online)', whichever is free in both
    schools."""
    rows = tables["curriculum"]

    def row_of(school: str, klass: str, subject: str) -> dict[str, Any] | None:
        found = [r for r in rows if r["school_id"] == school
                 and klass in str(r["class_id"]).split("+")
                 and r.get("fet_subject", r["subject"]) == subject]
        return found[0] if len(found) == 1 else None

    issues = []
    for number, course in enumerate(tables["sync"], start=2):
        wanted = course["subject"]
        ends = [row_of(course["receiving_school"], course["receiving_class"], wanted)]
        if course.get("hub_class"):
            ends.append(row_of(course["hub_school"], course["hub_class"], wanted))
        found = [r for r in ends if r is not None]
        names = {r["subject"] for r in found}
        if len(names) == 1:
            course["subject"] = names.pop()
            continue
        if not names:
            continue   # the reader names the missing curriculum row
        def free(name: str, found: list[dict[str, Any]] = found) -> bool:
            """No other row of the classes has the name, and the school's rows of that name
            take the same rooms (rooms are per school and subject name)."""
            for r in found:
                mine = set(str(r["class_id"]).split("+"))
                for o in rows:
                    if o is r or o["school_id"] != r["school_id"] or o["subject"] != name:
                        continue
                    if mine & set(str(o["class_id"]).split("+")) or _rooms_named(
                            tables, r["school_id"], name) != _rooms_named(
                            tables, r["school_id"], r["subject"]):
                        return False
            return True

        common = next((n for n in (wanted, *sorted(names), f"{wanted} (online)") if free(n)),
                      None)
        if common is None:
            issues.append(InputIssue(str(path), say("fet.course_names",
                                                    names=listed(sorted(names))),
                                     number, "subject"))
            continue
        for r in found:
            _rename(tables, r, common)
        course["subject"] = common
    if issues:
        raise InputError(issues)


def _rooms_named(tables: dict[str, list[dict[str, Any]]], school: str, subject: str
                 ) -> set[str]:
    return {room["room_id"] for room in tables.get("rooms", [])
            if room["school_id"] == school and subject in room["subjects"].split(";")}


def _rename(tables: dict[str, list[dict[str, Any]]], row: dict[str, Any], name: str) -> None:
    """Rename a curriculum row's subject in every table that names it."""
    old, school, label = row["subject"], row["school_id"], str(row["class_id"])
    still = any(o is not row and o["school_id"] == school and o["subject"] == old
                for o in tables["curriculum"])
    for room in tables.get("rooms", []):
        if room["school_id"] == school:
            listed = room["subjects"].split(";")
            if old in listed:
                listed = [s for s in listed if s != old or still] + [name]
                room["subjects"] = ";".join(dict.fromkeys(listed))
    for pin in tables.get("pinned", []):
        if pin["school_id"] == school and pin.get("subject") == old and pin.get(
                "class_id") in label.split("+"):
            pin["subject"] = name
    row["subject"] = name


def _pairing(path: Path, hub: FetImport, recv: FetImport, ids: tuple[str, str]
             ) -> list[dict[str, Any]]:
    """sync.csv rows from the pairing table, FET names turned into the instance's ids."""
    optional = ("hub_class", "assistant_teacher")
    table = csv_rows(path, [c for c in COLUMNS["sync.csv"] if c not in optional], optional)
    schools = {ids[0]: hub.mapping["schools"][ids[0]], ids[1]: recv.mapping["schools"][ids[1]]}
    issues: list[InputIssue] = []
    rows = []
    for line in table:
        number, row = line.number, dict(line.cells)
        for column, school_column, kind in (("hub_teacher", "hub_school", "teachers"),
                                            ("assistant_teacher", "receiving_school", "teachers"),
                                            ("hub_class", "hub_school", "classes"),
                                            ("receiving_class", "receiving_school", "classes")):
            value = row.get(column, "")
            school = schools.get(row.get(school_column, ""))
            if school is None:
                issues.append(InputIssue(str(path), say(
                    "fet.not_a_school", school=row.get(school_column, ""),
                    schools=f"{ids[0]}, {ids[1]}"), number, school_column))
                break
            if not value:
                continue
            if value not in school[kind]:
                issues.append(InputIssue(str(path), say(
                    "fet.not_a_teacher" if kind == "teachers" else "fet.not_a_students_set",
                    value=value, file=school["fet_file"]), number, column))
                continue
            row[column] = school[kind][value]
        rows.append(row)
    if issues:
        raise InputError(issues)
    return rows
