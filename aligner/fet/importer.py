"""``aligner import-fet``: a FET file (or two, paired) as an aligner instance directory.

How FET's data becomes ours (docs/fet.md says the same for users):

- days keep their names (``:``, ``;`` and ``,`` become ``_``); an hour that is a break on every
  day is left out; the other hours are periods 1..n. Times come from the hour names
  (``08:00-08:40``, ``Pd1 08h00-08h40``, ``13.30 - 14.30``), else from ``--bells``, else start
  times alone (each period ending when the next starts), else 40-minute periods from 08:00 with
  10-minute breaks (and the report says so);
- students: every students set that an activity names becomes a class, provided no other named
  set shares students with it (a year and its groups, say): then the smallest sets are the
  classes and an activity of the larger set, which would put one teacher in front of several of
  our classes at once, is reported and dropped;
- a split activity (one ``Activity_Group_Id``) becomes one curriculum row whose ``per_week``
  counts its hours; a part of duration 2 is a double period (``doubles``); longer parts are
  dropped and reported; an activity without a teacher gets a placeholder teacher of its own
  (``(no teacher) <class> <subject>``), which changes nothing; one class taking one subject from
  two teachers gets two subjects (``Maths (Ann)``, ``Maths (Bob)``).
"""

from __future__ import annotations

import itertools
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.fet.conversions import CONVERTED, converted, reason
from aligner.fet.fetfile import Activity, Constraint, FetData, read_fet
from aligner.instance import hhmm
from aligner.io.errors import InputError, InputIssue, IssueLog
from aligner.io.formats import COLUMNS
from aligner.io.tabular import Row, read_table
from aligner.io.writer import instance_texts
from aligner.messages import listed, say

SEASON = "standard"
MAPPING_FILE = "fet_mapping.json"
REPORT_FILE = "fet_import.txt"
PREFERRED = {
    "ConstraintActivityPreferredTimeSlots": ("Preferred_Time_Slot", "Preferred_Day",
                                             "Preferred_Hour"),
    "ConstraintActivitiesPreferredTimeSlots": ("Preferred_Time_Slot", "Preferred_Day",
                                               "Preferred_Hour"),
    "ConstraintActivityPreferredStartingTimes": ("Preferred_Starting_Time",
                                                 "Preferred_Starting_Day",
                                                 "Preferred_Starting_Hour"),
    "ConstraintActivitiesPreferredStartingTimes": ("Preferred_Starting_Time",
                                                   "Preferred_Starting_Day",
                                                   "Preferred_Starting_Hour"),
    "ConstraintActivityPreferredStartingTime": ("", "Preferred_Day", "Preferred_Hour"),
}
"""Preferred-time constraints the importer turns into curriculum ``allowed`` periods:
tag -> (element holding one slot, its day child, its hour child)."""
BLOCKED = "(blocked)"
NO_TEACHER = "(no teacher)"
SYNTHETIC_START, SYNTHETIC_LENGTH, SYNTHETIC_BREAK = 8 * 60, 40, 10

_RANGE = re.compile(r"(\d{1,2})\s*[:hH.]\s*(\d{2})\s*[-–~至]+\s*(\d{1,2})\s*[:hH.]\s*(\d{2})")
_START = re.compile(r"^\D*?(\d{1,2})\s*[:hH.]\s*(\d{2})\D*$")


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


def _safe_id(name: str) -> str:
    return re.sub(r"[:;,：；]", "_", name).strip() or "_"


def _grade(year: str, index: int) -> int:
    match = re.search(r"\d+", year)
    return int(match.group()) if match and 1 <= int(match.group()) <= 99 else index + 1


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


@dataclass
class _Row:
    school_id: str
    class_id: str
    subject: str
    teacher: str | None
    per_week: int = 0
    doubles: int = 0
    activities: list[int] = field(default_factory=list)
    max_per_day: int | None = None
    allowed: set[tuple[str, int]] | None = None
    """Periods the row's lessons may take (FET's preferred time slots); None: anywhere."""
    together: str | None = None
    """Label of the rows taught at the same times (FET's same starting time)."""


def _convert(data: FetData, bells_file: str | Path | None, school_id: str, name: str,
             day_ids: list[str] | None = None, prefix: str = "") -> FetImport:
    """``day_ids`` names the days (a paired school takes its partner's, by position);
    ``prefix`` goes before every teacher id (teachers of two schools may share names)."""
    conversion = _Conversion(data, school_id, prefix)
    conversion.grid(bells_file, day_ids)
    conversion.classes()
    conversion.curriculum()
    conversion.constraints()
    return conversion.result(name)


class _Conversion:
    """One FET school's data, converted step by step (grid, classes, curriculum, constraints);
    each step records what it converted (notes) and what it dropped (losses)."""

    def __init__(self, data: FetData, school_id: str, prefix: str) -> None:
        self.data, self.school_id, self.prefix = data, school_id, prefix
        self.losses = _Losses()
        self.notes: list[str] = []
        self.unavailable: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self.blocked: dict[str, set[tuple[str, int]]] = defaultdict(set)   # class set -> slots
        self.preferences: list[tuple[Constraint, set[int], frozenset[tuple[str, int]]]] = []
        self.same_time: list[Constraint] = []

    # ---- days and hours ----

    def grid(self, bells_file: str | Path | None, day_ids: list[str] | None) -> None:
        data = self.data
        self.day_id = (_unique_ids(data.days) if day_ids is None
                       else dict(zip(data.days, day_ids, strict=True)))
        self.days = [self.day_id[d] for d in data.days]
        for c in data.constraints:
            if c.tag == "ConstraintBreakTimes" and not c.hard:
                self.losses.add(c.tag, say("fet.soft_break"), c.weight)
        break_slots = {s for c in data.constraints if c.tag == "ConstraintBreakTimes" and c.hard
                       for s in c.slots("Break_Time")}
        all_day = [h for h in data.hours if all((d, h) in break_slots for d in data.days)]
        self.kept_hours = [h for h in data.hours if h not in all_day]
        self.period_of = {h: i for i, h in enumerate(self.kept_hours, start=1)}
        if all_day:
            self.notes.append(say("fet.all_day_breaks", hours=listed(all_day),
                                  periods=len(self.kept_hours)))
        self.times, how = _times(data.hours, self.kept_hours, bells_file, data.path.name)
        self.notes.append(say("fet.bell_times", how=how))
        self.double_gap, self.break_gaps = _double_gap(data.hours, self.kept_hours, self.times)
        self.partial_breaks = {s for s in (self.slot(d, h) for d, h in break_slots) if s}

    def slot(self, day: str, hour: str) -> tuple[str, int] | None:
        """Our (day, period) of a FET (day, hour); None for a left-out break hour."""
        if day in self.day_id and hour in self.period_of:
            return (self.day_id[day], self.period_of[hour])
        return None

    # ---- students sets -> classes ----

    def classes(self) -> None:
        data = self.data
        named = sorted({s for a in data.activities for s in a.students if s in data.leaves},
                       key=lambda s: (len(data.leaves[s]), s))
        self.class_sets: dict[str, frozenset[str]] = {}
        for s in named:
            if all(not (data.leaves[s] & other) for other in self.class_sets.values()):
                self.class_sets[s] = data.leaves[s]
        self.class_id = _unique_ids(list(self.class_sets))
        if any(data.kind.get(s) != "year" for s in self.class_sets):
            self.notes.append(say("fet.classes_are_sets", sets=", ".join(
                f"{s} ({data.kind.get(s, '?')})" for s in list(self.class_sets)[:12])
                + (" ..." if len(self.class_sets) > 12 else "")))

    # ---- activities -> curriculum rows ----

    def curriculum(self) -> None:
        data, prefix = self.data, self.prefix
        self.accepted: dict[int, tuple[str, str, str | None]] = {}  # id -> (set, subject, teacher)
        for a in data.activities:
            problem = _activity_problem(a, self.class_sets, data)
            if problem:
                self.losses.add(say("fet.activity_kind", problem=problem[0]), problem[1])
                continue
            self.accepted[a.id] = (a.students[0], a.subject,
                                   prefix + a.teachers[0] if a.teachers else None)
        self.by_id = {a.id: a for a in data.activities}
        teachers_of: dict[tuple[str, str], set[str | None]] = defaultdict(set)
        for students, subject, teacher in self.accepted.values():
            teachers_of[(students, subject)].add(teacher)
        self.rows: dict[tuple[str, str, str | None], _Row] = {}
        renamed = 0
        for aid, (students, subject, teacher) in self.accepted.items():
            key = (students, subject, teacher)
            if key not in self.rows:
                ours = subject
                if len(teachers_of[(students, subject)]) > 1:
                    ours = f"{subject} ({(teacher or NO_TEACHER).removeprefix(prefix)})"
                renamed += ours != subject
                tid = teacher if teacher is not None else (
                    f"{prefix}{NO_TEACHER} {self.class_id[students]} {subject}")
                self.rows[key] = _Row(self.school_id, self.class_id[students], ours, tid)
            row = self.rows[key]
            row.per_week += self.by_id[aid].duration
            row.doubles += self.by_id[aid].duration == 2
            row.activities.append(aid)
        if renamed:
            self.notes.append(say("fet.renamed", count=renamed))
        if no_teacher := sum(1 for r in self.rows.values() if _placeholder(r.teacher or "")):
            self.notes.append(say("fet.no_teacher", count=no_teacher,
                                  placeholder=f"{NO_TEACHER} <class> <subject>"))
        self.doubles = sum(r.doubles for r in self.rows.values())
        if self.doubles:
            self.notes.append(say("fet.doubles", count=self.doubles))
        self.row_of_activity = {aid: row for row in self.rows.values() for aid in row.activities}

    # ---- constraints ----

    def constraints(self) -> None:
        converted_count: dict[str, int] = defaultdict(int)
        soft_spread = 0
        for c in self.data.constraints:
            tag = c.tag
            if tag in ("ConstraintBasicCompulsoryTime", "ConstraintBasicCompulsorySpace"):
                converted_count[tag] += 1
            elif tag == "ConstraintBreakTimes":
                converted_count[tag] += c.hard   # soft breaks were listed by grid()
            elif tag == "ConstraintTeacherNotAvailableTimes" and c.hard:
                self.unavailable[self.prefix + c.text("Teacher")].update(
                    s for s in (self.slot(*x) for x in c.slots("Not_Available_Time")) if s)
                converted_count[tag] += 1
            elif tag == "ConstraintStudentsSetNotAvailableTimes" and c.hard:
                leaves = self.data.leaves.get(c.text("Students"), frozenset())
                slots = {s for s in (self.slot(*x) for x in c.slots("Not_Available_Time")) if s}
                for s, class_leaves in self.class_sets.items():
                    if class_leaves & leaves:
                        self.blocked[s].update(slots)
                converted_count[tag] += 1
            elif tag == "ConstraintMinDaysBetweenActivities":
                why = _min_days(c, self.row_of_activity, self.accepted)
                if why:
                    self.losses.add(tag, why, c.weight)
                    continue
                if c.hard:
                    self.row_of_activity[int(c.texts("Activity_Id")[0])].max_per_day = 1
                else:
                    soft_spread += 1
                converted_count[tag] += 1
            elif tag == "ConstraintActivitiesSameStartingTime" and c.hard:
                self.same_time.append(c)
            elif tag in PREFERRED and c.hard:
                why = self._preferred(c)
                if why:
                    self.losses.add(tag, why, c.weight)
            elif tag in CONVERTED and not c.hard:
                self.losses.add(tag, say("fet.soft_constraint"), c.weight)
            else:
                self.losses.add(tag, reason(tag), c.weight)
        self._apply_preferred(converted_count)
        self._apply_same_time(converted_count)
        if soft_spread:
            self.notes.append(say("fet.soft_min_days", count=soft_spread))
        for tag, n in converted_count.items():
            self.notes.append(say("fet.converted", tag=tag, count=n, how=converted(tag)))
        if self.data.inactive_activities or self.data.inactive_constraints:
            self.notes.append(say("fet.inactive", activities=self.data.inactive_activities,
                                  constraints=self.data.inactive_constraints))
        if self.doubles and not all(g > self.double_gap for g in self.break_gaps):
            self.losses.add(say("fet.double_next_to_break"),
                            say("fet.double_spans_break", gap=self.double_gap))

    def _preferred(self, c: Constraint) -> str | None:
        """Note a hard preferred-time-slots / starting-times constraint (applied by
        :meth:`_apply_preferred`); why it cannot be converted at all, if so."""
        holder, day_tag, hour_tag = PREFERRED[c.tag]
        if c.text("Activity_Tag_Name"):
            return say("fet.by_activity_tag")
        if "Activity_Id" in [e.tag for e in c.element]:
            try:
                chosen = {int(x) for x in c.texts("Activity_Id")}
            except ValueError:
                return say("fet.unreadable_id")
        else:
            teacher, students = c.text("Teacher_Name"), c.text("Students_Name")
            subject, duration = c.text("Subject_Name"), c.text("Duration")
            chosen = {a.id for a in self.data.activities
                      if (not teacher or teacher in a.teachers)
                      and (not students or students in a.students)
                      and (not subject or subject == a.subject)
                      and (not duration or duration == str(a.duration))}
        chosen &= set(self.row_of_activity)
        if not chosen:
            return say("fet.covers_nothing")
        if "Starting" in c.tag and any(self.by_id[a].duration > 1 for a in chosen):
            return say("fet.double_starting_times")
        if holder == "":  # a single preferred starting time (Preferred_Day, Preferred_Hour)
            pairs = [(c.text(day_tag), c.text(hour_tag))]
        else:
            pairs = [((e.findtext(day_tag) or "").strip(), (e.findtext(hour_tag) or "").strip())
                     for e in c.element.iter(holder)]
        slots = frozenset(s for s in (self.slot(*x) for x in pairs) if s)
        self.preferences.append((c, chosen, slots))
        return None

    def _apply_preferred(self, converted: dict[str, int]) -> None:
        """A class subject whose every lesson has the same preferred periods (the intersection
        of the constraints on it) gets them as ``allowed``; constraints on a class subject whose
        lessons differ, or are not all covered, are listed as dropped."""
        slots_of: dict[int, frozenset[tuple[str, int]]] = {}
        for _c, chosen, slots in self.preferences:
            for a in chosen:
                slots_of[a] = slots_of[a] & slots if a in slots_of else slots
        fine: dict[int, bool] = {}
        for row in self.rows.values():
            sets = {slots_of.get(a) for a in row.activities}
            ok = len(sets) == 1 and None not in sets and bool(next(iter(sets)))
            fine[id(row)] = ok
            if ok:
                row.allowed = set(next(iter(sets)) or ())
        for c, chosen, _slots in self.preferences:
            bad = {id(self.row_of_activity[a]) for a in chosen
                   if not fine[id(self.row_of_activity[a])]}
            if bad:
                self.losses.add(c.tag, say("fet.preferred_partial", count=len(bad)), c.weight)
            else:
                converted[c.tag] += 1

    def _apply_same_time(self, converted: dict[str, int]) -> None:
        """Hard same-starting-time constraints become ``together`` groups when they pair the
        lessons of whole class subjects exactly: every lesson of every row of the group is in
        one such constraint, which holds one lesson (of equal duration) of each row, and the
        rows are of different classes. Others are listed as dropped."""
        tag = "ConstraintActivitiesSameStartingTime"
        usable: list[tuple[Constraint, list[int]]] = []
        for c in self.same_time:
            try:
                ids = [int(x) for x in c.texts("Activity_Id")]
            except ValueError:
                self.losses.add(tag, say("fet.unreadable_ids"), c.weight)
                continue
            if any(i not in self.row_of_activity for i in ids):
                self.losses.add(tag, say("fet.not_imported_activities"), c.weight)
                continue
            rows = [self.row_of_activity[i] for i in ids]
            if len({id(r) for r in rows}) < len(rows) or len({r.class_id for r in rows}) < len(
                    rows) or len({self.by_id[i].duration for i in ids}) > 1:
                self.losses.add(tag, say("fet.same_time_one_class"), c.weight)
                continue
            usable.append((c, ids))
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        for _c, ids in usable:
            for i in ids[1:]:
                parent[find(id(self.row_of_activity[i]))] = find(id(self.row_of_activity[ids[0]]))
        members: dict[int, dict[int, _Row]] = defaultdict(dict)
        for _c, ids in usable:
            for i in ids:
                row = self.row_of_activity[i]
                members[find(id(row))][id(row)] = row
        covered: dict[int, list[tuple[Constraint, list[int]]]] = defaultdict(list)
        for c, ids in usable:
            covered[find(id(self.row_of_activity[ids[0]]))].append((c, ids))
        for n, (root, group) in enumerate(members.items(), start=1):
            tied = [i for _c, ids in covered[root] for i in ids]
            exact = (len({r.class_id for r in group.values()}) == len(group)
                     and all(len(ids) == len(group) for _c, ids in covered[root])
                     and len(tied) == len(set(tied))
                     and set(tied) == {a for r in group.values() for a in r.activities})
            if not exact:
                for c, _ids in covered[root]:
                    self.losses.add(tag, say("fet.same_time_partial"), c.weight)
                continue
            for row in group.values():
                row.together = f"same-time-{n}"
            converted[tag] += len(covered[root])

    # ---- the instance ----

    def result(self, name: str) -> FetImport:
        data, school_id, prefix, days = self.data, self.school_id, self.prefix, self.days
        teacher_ids = list(dict.fromkeys([*(prefix + t for t in data.teachers),
                                          *(r.teacher for r in self.rows.values() if r.teacher)]))
        teacher_rows = [{"teacher_id": t, "school_id": school_id,
                         "name": "" if _placeholder(t) else t.removeprefix(prefix),
                         "unavailable": _slots_text(self.unavailable.get(t, set())
                                                    | self.partial_breaks, days)}
                        for t in teacher_ids]
        curriculum_rows = [{"school_id": r.school_id, "class_id": r.class_id,
                            "subject": r.subject, "teacher_id": r.teacher or "",
                            "per_week": r.per_week, "max_per_day": r.max_per_day or "",
                            "doubles": r.doubles or "",
                            "allowed": "" if r.allowed is None else _slots_text(r.allowed, days),
                            "together": r.together or ""}
                           for r in self.rows.values()]
        blocked_rows = []
        every = {(d, p) for d in days for p in range(1, len(self.kept_hours) + 1)}
        for s in self.class_sets:
            for day, period in sorted(self.blocked.get(s, set()) - self.partial_breaks,
                                      key=lambda x: (days.index(x[0]), x[1])):
                tid = f"{prefix}{BLOCKED} {self.class_id[s]} {day}:{period}"
                teacher_rows.append({"teacher_id": tid, "school_id": school_id, "name": "",
                                     "unavailable": _slots_text(every - {(day, period)}, days)})
                curriculum_rows.append({"school_id": school_id, "class_id": self.class_id[s],
                                        "subject": f"{BLOCKED} {day}:{period}",
                                        "teacher_id": tid, "per_week": 1, "max_per_day": "",
                                        "doubles": ""})
                blocked_rows.append([school_id, self.class_id[s], day, period])
        if blocked_rows:
            self.notes.append(say("fet.blocked", count=len(blocked_rows), blocked=BLOCKED))
        year_index = {y: i for i, y in enumerate(data.years)}
        class_rows = [{"school_id": school_id, "class_id": self.class_id[s],
                       "grade": _grade(data.year_of.get(s, s),
                                       year_index.get(data.year_of.get(s, s), 0)),
                       "name": s} for s in self.class_sets]
        bell_rows = [{"school_id": school_id, "season": SEASON, "period": p, "start": hhmm(a),
                      "end": hhmm(b)} for p, (a, b) in enumerate(self.times, start=1)]
        settings = {"name": name, "season": SEASON, "days": days,
                    "policy": {"max_double_gap": self.double_gap},
                    "weights": {"misalignment_minute": 1, "same_day_repeat": 10,
                                "core_in_afternoon": 0, "missing_session": 50}}
        mapping = {
            "sources": data.path.name,
            "schools": {school_id: {
                "fet_file": data.path.name,
                "days": {d: self.day_id[d] for d in data.days},
                "hours": {h: self.period_of.get(h) for h in data.hours},
                "teachers": {t.removeprefix(prefix): t for t in teacher_ids
                             if not _placeholder(t)},
                "classes": {s: self.class_id[s] for s in self.class_sets},
                "max_double_gap": self.double_gap,
                "break_gaps": self.break_gaps,
                "doubles": self.doubles,
            }},
            "activities": {str(aid): {"school_id": school_id, "class_id": row.class_id,
                                      "subject": row.subject, "teacher_id": row.teacher,
                                      "duration": self.by_id[aid].duration}
                           for aid, row in self.row_of_activity.items()},
            "blocked": blocked_rows,
        }
        tables: dict[str, list[dict[str, Any]]] = {
            "schools": [{"school_id": school_id, "name": data.institution or data.path.stem}],
            "bells": bell_rows, "classes": class_rows, "teachers": teacher_rows,
            "curriculum": curriculum_rows, "sync": []}
        return FetImport(name, settings, tables, self.notes, self.losses.all(), mapping)


def _unique_ids(names: list[str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for n in names:
        base = _safe_id(n)
        candidate, k = base, 2
        while candidate in used:
            candidate, k = f"{base}_{k}", k + 1
        ids[n] = candidate
        used.add(candidate)
    return ids


def _activity_problem(a: Activity, classes: dict[str, frozenset[str]], data: FetData
                      ) -> tuple[str, str] | None:
    if len(a.teachers) > 1:
        problem = "several_teachers"
    elif not a.students:
        problem = "no_students"
    elif len(a.students) != 1:
        problem = "several_sets"
    elif a.students[0] not in data.leaves:
        problem = "unknown_set"
    elif a.students[0] not in classes:
        problem = "shared_set"
    elif a.duration > 2:
        problem = "long"
    elif a.duration < 1:
        problem = "short"
    else:
        return None
    return say(f"fet.activity.{problem}"), say(f"fet.activity.{problem}.why")


def _min_days(c: Constraint, row_of: dict[int, _Row], accepted: dict[int, Any]) -> str | None:
    """Why a min-days constraint cannot be converted; None when it can."""
    try:
        ids = [int(x) for x in c.texts("Activity_Id")]
        min_days = int(c.text("MinDays", "1"))
    except ValueError:
        return say("fet.min_days.unreadable")
    if min_days > 1:
        return say("fet.min_days.apart")
    if min_days < 1:
        return say("fet.min_days.zero")  # pragma: no cover - FET refuses it
    if any(i not in accepted for i in ids):
        return say("fet.not_imported_activities")
    rows = {id(row_of[i]) for i in ids}
    if len(rows) > 1:
        return say("fet.min_days.spans")
    row = row_of[ids[0]]
    if set(ids) != set(row.activities):
        return say("fet.min_days.partial")
    return None


def _slots_text(slots: set[tuple[str, int]], days: list[str]) -> str:
    by_day: dict[str, list[int]] = defaultdict(list)
    for d, p in slots:
        by_day[d].append(p)
    return ";".join(f"{d}:{','.join(str(p) for p in sorted(by_day[d]))}"
                    for d in days if d in by_day)


def _times(hours: list[str], kept: list[str], bells_file: str | Path | None, file: str
           ) -> tuple[list[tuple[int, int]], str]:
    """(start, end) minutes of each kept hour and how they were found. Times are found for
    every hour, breaks included, so that a left-out break leaves its gap."""
    if bells_file is not None:
        return _bells_from_file(Path(bells_file), len(kept)), say("fet.times_from_file",
                                                                   file=Path(bells_file).name)
    index = [hours.index(h) for h in kept]
    ranges = [_RANGE.search(h) for h in kept]
    if all(ranges):
        times = [(int(m.group(1)) * 60 + int(m.group(2)), int(m.group(3)) * 60 + int(m.group(4)))
                 for m in ranges if m]
        times = _afternoon(times)
        if _ordered(times):
            return times, say("fet.times_from_names")
    starts = [_START.match(h) for h in hours]
    if all(starts) and len(hours) > 1:
        begin = _afternoon([(int(m.group(1)) * 60 + int(m.group(2)),) * 2 for m in starts if m])
        firsts = [s for s, _ in begin]
        if all(b > a for a, b in itertools.pairwise(firsts)):
            last = firsts[-1] - firsts[-2]
            every = list(zip(firsts, [*firsts[1:], firsts[-1] + last], strict=True))
            if every[-1][1] <= 24 * 60:
                return [every[i] for i in index], say("fet.times_from_starts")
    # as many 40-minute periods with 10-minute breaks from 08:00 as fit before midnight;
    # shorter ones when there are more hours than that
    step = min(SYNTHETIC_LENGTH + SYNTHETIC_BREAK, (24 * 60 - SYNTHETIC_START) // len(hours))
    length = min(SYNTHETIC_LENGTH, step - max(1, step // 5))
    if length < 1:
        raise InputError([InputIssue(file, say("fet.too_many_hours", hours=len(hours)))])
    times = [(SYNTHETIC_START + i * step, SYNTHETIC_START + i * step + length) for i in index]
    return times, say("fet.times_numbered", length=length, step=step,
                      start=hhmm(SYNTHETIC_START))


def _double_gap(hours: list[str], kept: list[str], times: list[tuple[int, int]]
                ) -> tuple[int, list[int]]:
    """max_double_gap that lets a double span two hours FET keeps together, and the gaps
    where a left-out break was (a double must not span them)."""
    index = [hours.index(h) for h in kept]
    together: list[int] = []
    apart: list[int] = []
    for k in range(len(kept) - 1):
        gap = times[k + 1][0] - times[k][1]
        (together if index[k + 1] == index[k] + 1 else apart).append(gap)
    return max(together, default=0), apart


def _afternoon(times: Sequence[tuple[int, ...]]) -> list[tuple[int, int]]:
    """Times written on a 12-hour clock (1:20 after 11:40) moved to the afternoon."""
    out: list[tuple[int, int]] = []
    for t in times:
        start, end = t[0], t[-1]
        if out and start < out[-1][0] and start + 720 < 24 * 60:
            start, end = start + 720, end + 720
        if end < start and end + 720 < 24 * 60:
            end += 720
        out.append((start, end))
    return out


def _ordered(times: list[tuple[int, int]]) -> bool:
    return all(s < e <= 24 * 60 for s, e in times) and all(
        b[0] >= a[1] for a, b in itertools.pairwise(times))


def _csv_rows(path: Path, required: Sequence[str], optional: Sequence[str] = ()
              ) -> tuple[Row, ...]:
    """The rows of a CSV file given on the command line, read as the instance's tables are
    (UTF-8 or GB18030, header checked); InputError naming file, row and column otherwise."""
    log = IssueLog()
    table = read_table(path.parent, path.name, required, optional, log)
    if table is None or log.issues:
        raise InputError(log.issues)
    return table.rows


def _bells_from_file(path: Path, count: int) -> list[tuple[int, int]]:
    times: dict[int, tuple[int, int]] = {}
    issues = []
    for row in _csv_rows(path, ("period", "start", "end")):
        number = row.number
        try:
            period = int(row["period"])
            start, end = _clock(row["start"]), _clock(row["end"])
        except (TypeError, ValueError, KeyError):
            issues.append(InputIssue(str(path), say("fet.bells_row"), number))
            continue
        times[period] = (start, end)
    if not issues and sorted(times) != list(range(1, count + 1)):
        issues.append(InputIssue(str(path), say("fet.bells_periods", count=count), None,
                                 "period"))
    ordered = [times[p] for p in sorted(times)]
    if not issues and not _ordered(ordered):
        issues.append(InputIssue(str(path), say("fet.bells_order"), None, "start"))
    if issues:
        raise InputError(issues)
    return ordered


def _clock(text: str) -> int:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::00)?\s*", text or "")
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(text)
    return int(match.group(1)) * 60 + int(match.group(2))


def import_pair(hub: str | Path, receiving: str | Path, courses: str | Path,
                school_ids: tuple[str, str] | None = None) -> FetImport:
    """Two schools' FET files and a pairing table (sync.csv's columns, with FET's teacher and
    students set names) as one paired instance. Teacher ids become ``<school>/<name>``; the
    receiving school's days are the hub's, by position."""
    hub_data, recv_data = read_fet(hub), read_fet(receiving)
    ids = school_ids or (_safe_id(hub_data.path.stem), _safe_id(recv_data.path.stem))
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


def _pairing(path: Path, hub: FetImport, recv: FetImport, ids: tuple[str, str]
             ) -> list[dict[str, Any]]:
    """sync.csv rows from the pairing table, FET names turned into the instance's ids."""
    optional = ("hub_class", "assistant_teacher")
    table = _csv_rows(path, [c for c in COLUMNS["sync.csv"] if c not in optional], optional)
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
