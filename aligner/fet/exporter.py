"""``aligner export-fet``: an instance (and optionally its timetable) as a ``.fet`` file.

FET sees one grid of days x hours for all schools. Our lessons become activities (a curriculum
row's local lessons one split activity, its doubles parts of duration 2); each session of a
course becomes one activity per school (the hub teacher with the hub class; each receiving
school's classes with their assistant teachers) tied by a same-starting-time constraint, allowed
only at the hours where the schools' bells overlap by ``min_overlap_minutes`` at the same period
number. Everything FET cannot say is listed in a comment at the top of the file and returned.
Every activity's comment names what it is (``aligner:local|...`` or ``aligner:session|...``), so
FET's timetable can be read back (:mod:`aligner.fet.output`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from aligner.alignment.overlap import pair_alignment
from aligner.fet.names import (
    NOON,
    SEP,
    FetTimetableError,
    hour_names,
    room_name,
    students_name,
)
from aligner.instance import Course, CurriculumRow, Instance
from aligner.messages import say

FET_VERSION = "6.8.5"
SPREAD_WEIGHT = 95
"""FET weight (percent) of the min-days constraints that stand for same_day_repeats."""


@dataclass
class FetExport:
    """The ``.fet`` text and the list of what FET cannot express."""

    text: str
    unexpressed: list[str]
    activities: int
    locked: int = 0


@dataclass
class _Activity:
    id: int
    group: int
    teachers: list[str]
    subject: str
    students: list[str]
    duration: int
    total: int
    comment: str
    tags: list[str] = field(default_factory=list)


@dataclass
class _Builder:
    instance: Instance
    activities: list[_Activity] = field(default_factory=list)
    time: list[ET.Element] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    space: list[ET.Element] = field(default_factory=list)
    rooms: list[str] = field(default_factory=list)
    school_of_session_activity: dict[int, str] = field(default_factory=dict)
    noon_after: int | None = None
    """The period after which the hours list has a break hour (NOON), if any."""

    def next_id(self) -> int:
        return len(self.activities) + 1


def session_counts(instance: Instance) -> dict[str, int]:
    """Sessions a week of each course: the most its range allows that every class's curriculum
    leaves room for (FET's activities are fixed, so a range must be fixed)."""
    counts = {c.course_id: c.max_per_week for c in instance.courses}
    for key, row in instance.curriculum_row.items():
        courses = instance.courses_reaching.get(key, ())
        while sum(counts[c.course_id] for c in courses) > row.per_week:
            over = next((c for c in courses if counts[c.course_id] > c.min_per_week), None)
            if over is None:
                break
            counts[over.course_id] -= 1
    return counts


def export_fet(instance: Instance, solution: str | Path | None = None) -> FetExport:
    """The instance as FET XML; with ``solution`` (a directory with lessons.csv and
    sessions.csv) every activity is locked at its place in that timetable, and the soft
    constraints (aligner's wishes) are left out."""
    b = _Builder(instance)
    hours = hour_names(instance)
    days = list(instance.days)
    counts = session_counts(instance)
    _unexpressible(b, counts)

    local: dict[tuple[str, str, str], list[int]] = {}
    for row in instance.curriculum:
        taught = sum(counts[c.course_id] for c in instance.courses_reaching.get(
            (row.school_id, row.class_id, row.subject), ()))
        n = row.per_week - taught
        if n > 0 and row.teacher_id is not None:
            local[(row.school_id, row.class_id, row.subject)] = _local(b, row, n)
    sessions: dict[str, list[list[int]]] = {}
    for course in instance.courses:
        sessions[course.course_id] = [_session(b, course, k) for k in range(counts[course.course_id])]
        _session_hours(b, course, sessions[course.course_id], hours, days)
    _max_per_day(b, local, sessions, hours, days)
    _double_hours(b, local, hours, days)
    _allowed_slots(b, local, hours, days)
    _together(b, local)
    _availability(b, hours, days)
    _sync_rooms(b)
    _special_rooms(b, local, hours, days)
    _teacher_limits(b)
    _core_mornings(b, hours, days)
    locked = 0
    if solution is not None:
        locked = _lock(b, Path(solution), local, sessions, hours)
        # every activity is fixed: the wishes (soft constraints) can change nothing, and FET's
        # heuristic would still try to respect them at each locked place it breaks one
        kept = [e for e in b.time if float(e.findtext("Weight_Percentage") or 100) >= 100]
        if len(kept) < len(b.time):
            b.notes.append(say("fet.export.soft_left_out", count=len(b.time) - len(kept)))
        b.time = kept
    else:
        _pins(b, local, sessions, hours, days)
    return FetExport(_xml(b, hours, days), b.notes, len(b.activities), locked)


def _local(b: _Builder, row: CurriculumRow, n: int) -> list[int]:
    """A row's local lessons as one split activity: every teacher of it (co-teaching) and
    every class of it (a combined lesson: one activity of several students sets)."""
    doubles = row.doubles
    parts = [2] * doubles + [1] * (n - 2 * doubles)
    first = b.next_id()
    ids = []
    for duration in parts:
        aid = b.next_id()
        b.activities.append(_Activity(
            aid, first if len(parts) > 1 else 0, list(row.teacher_ids), row.subject,
            [students_name(b.instance, row.school_id, c) for c in row.class_ids], duration, n,
            SEP.join(["aligner:local", row.school_id, row.class_id, row.subject])))
        ids.append(aid)
    return ids


def _session(b: _Builder, course: Course, k: int) -> list[int]:
    """One activity per school of the session: [hub, receiving school 1, ...]."""
    inst = b.instance
    ids = []
    aid = b.next_id()
    hub_students = ([students_name(inst, course.hub_school, course.hub_class)]
                    if course.hub_class else [])
    b.activities.append(_Activity(aid, 0, [course.hub_teacher], course.subject, hub_students, 1,
                                  1, SEP.join(["aligner:session", course.course_id, str(k),
                                               course.hub_school])))
    b.school_of_session_activity[aid] = course.hub_school
    ids.append(aid)
    for school in course.receiving_schools:
        aid = b.next_id()
        b.activities.append(_Activity(
            aid, 0, list(course.assistants_at(school)), course.subject,
            [students_name(inst, r.school_id, r.class_id) for r in course.receptions_at(school)],
            1, 1, SEP.join(["aligner:session", course.course_id, str(k), school])))
        b.school_of_session_activity[aid] = school
        ids.append(aid)
    if len(ids) > 1:
        constraint = _constraint("ConstraintActivitiesSameStartingTime", [
            ("Number_of_Activities", str(len(ids)))] + [("Activity_Id", str(i)) for i in ids])
        b.time.append(constraint)
    return ids


def _aligned_hours(inst: Instance, course: Course, hours: int) -> list[int]:
    """Hours (1-based) at which every school of the course has that period and every receiving
    school's period of that number qualifies for a session at the hub's (the alignment's
    rule: an overlap of min_overlap_minutes in every season)."""
    pairs = {school: pair_alignment(inst, course.hub_school, school)
             for school in course.receiving_schools}
    schools = (course.hub_school, *course.receiving_schools)
    return [p for p in range(1, hours + 1)
            if all(p <= len(inst.periods(s)) for s in schools)
            and all(pair.qualifies(p, p) for pair in pairs.values())]


def _session_hours(b: _Builder, course: Course, sessions: list[list[int]], hours: list[str],
                   days: list[str]) -> None:
    allowed = _aligned_hours(b.instance, course, len(hours))
    if len(allowed) == len(hours) or not sessions:
        return
    if not allowed:
        b.notes.append(say("fet.export.no_common_period", course=course.course_id))
    for ids in sessions:
        slots = [(d, hours[p - 1]) for d in days for p in allowed]
        b.time.append(_activity_preferred(ids[0], slots, starts=True))


def _max_per_day(b: _Builder, local: dict[tuple[str, str, str], list[int]],
                 sessions: dict[str, list[list[int]]], hours: list[str], days: list[str]
                 ) -> None:
    """max_per_day counts lessons, a double once, as FET counts activities: 1 is FET's
    min 1 day between the row's activities; more is a cap on the row's activities in each
    day's hours. min_days_apart k is FET's min k days between the row's activities, and so is
    a days_apart.csv group's min_days between its rows' activities."""
    inst = b.instance
    by_id = {a.id: a for a in b.activities}

    def activities_of(row: CurriculumRow) -> list[int]:
        """The row's activities: its local lessons and the sessions its class receives."""
        name = students_name(inst, row.school_id, row.class_ids[0])
        ids = list(local.get(row.key, []))
        for course in inst.courses_reaching.get(row.key, ()):
            for session in sessions[course.course_id]:
                ids += [i for i in session if name in by_id[i].students]
        return ids

    for group in inst.days_apart:
        ids = [i for row in inst.rows_of(group) for i in activities_of(row)]
        if len(ids) >= 2:
            element = _constraint("ConstraintMinDaysBetweenActivities", [
                ("Consecutive_If_Same_Day", "false"), ("Number_of_Activities", str(len(ids))),
                *[("Activity_Id", str(i)) for i in ids], ("MinDays", str(group.min_days))])
            if not group.hard:   # a wish: FET's soft constraint (its weight is not ours)
                _soft(element)
            b.time.append(element)
    for row in inst.curriculum:
        name = students_name(inst, row.school_id, row.class_ids[0])
        ids = activities_of(row)
        ids_fields = [("Number_of_Activities", str(len(ids)))] + [
            ("Activity_Id", str(i)) for i in ids]
        apart = row.min_days_apart
        if apart and len(ids) >= 2:
            # min_days_apart is FET's min days between the row's activities, exactly
            b.time.append(_constraint("ConstraintMinDaysBetweenActivities", [
                ("Consecutive_If_Same_Day", "false"), *ids_fields, ("MinDays", str(apart))]))
        spread = inst.weights.same_day_repeat and 2 <= len(ids) <= len(days) and not apart
        if spread and row.max_per_day != 1:
            # the objective's same_day_repeats: FET's soft min days (its weight is not ours)
            element = _constraint("ConstraintMinDaysBetweenActivities", [
                ("Consecutive_If_Same_Day", "false"), *ids_fields, ("MinDays", "1")])
            _soft(element)
            b.time.append(element)
        if row.max_per_day is None or len(ids) <= row.max_per_day:
            continue
        if row.max_per_day == 1:
            if not apart:   # (else implied by the min days above)
                b.time.append(_constraint("ConstraintMinDaysBetweenActivities", [
                    ("Consecutive_If_Same_Day", "false"), *ids_fields, ("MinDays", "1")]))
            continue
        # FET (official mode) caps a students set's hours of an activity tag a day: exact
        # without doubles; with doubles, one double a day is allowed for (a double counts once
        # in aligner), so k singles and one more could pass FET
        tag = f"{name} {row.subject}"
        b.tags.append(tag)
        for i in ids:
            by_id[i].tags.append(tag)
        hours_cap = row.max_per_day + (1 if row.doubles else 0)
        if row.doubles:
            b.notes.append(say("fet.export.max_per_day", most=row.max_per_day,
                               subject=row.subject, name=name, cap=hours_cap))
        b.time.append(_constraint("ConstraintStudentsSetActivityTagMaxHoursDaily", [
            ("Maximum_Hours_Daily", str(hours_cap)), ("Students", name),
            ("Activity_Tag", tag)]))


def _double_hours(b: _Builder, local: dict[tuple[str, str, str], list[int]], hours: list[str],
                  days: list[str]) -> None:
    """A double may start only where the school's two periods are within max_double_gap."""
    inst = b.instance
    by_id = {a.id: a for a in b.activities}
    for (school, _klass, _subject), ids in local.items():
        starts = set(inst.double_starts(school))
        allowed = [p for p in range(1, len(hours)) if p in starts]
        if len(allowed) == len(hours) - 1:
            continue
        for i in ids:
            if by_id[i].duration != 2:
                continue
            slots = [(d, hours[p - 1]) for d in days for p in allowed]
            b.time.append(_activity_preferred(i, slots, starts=True))


def _together(b: _Builder, local: dict[tuple[str, str, str], list[int]]) -> None:
    """Rows taught together: their k-th activities (doubles first) start at the same time."""
    by_id = {a.id: a for a in b.activities}
    for rows in b.instance.together_groups.values():
        lists = [sorted(local.get((r.school_id, r.class_id, r.subject), []),
                        key=lambda i: -by_id[i].duration) for r in rows]
        for ids in zip(*lists, strict=False):
            b.time.append(_constraint("ConstraintActivitiesSameStartingTime", [
                ("Number_of_Activities", str(len(ids)))] + [("Activity_Id", str(i))
                                                            for i in ids]))


def _allowed_slots(b: _Builder, local: dict[tuple[str, str, str], list[int]],
                   hours: list[str], days: list[str]) -> None:
    """A curriculum row's allowed periods as hard preferred time slots of each of its
    activities (a double's two periods both lie in them); its preferred periods as soft ones
    (FET, like aligner, counts an activity with an hour outside them once; the weight is
    FET's, SPREAD_WEIGHT)."""
    for row in b.instance.curriculum:
        ids = local.get((row.school_id, row.class_id, row.subject), [])
        if not ids:
            continue
        if row.allowed is not None:
            slots = [(d, hours[p - 1]) for d in days for p in range(1, len(hours) + 1)
                     if row.allows(d, p)]
            for i in ids:
                b.time.append(_activity_preferred(i, slots, starts=False))
        if row.preferred is not None:
            slots = [(d, hours[p - 1]) for d in days for p in range(1, len(hours) + 1)
                     if row.prefers(d, p)]
            for i in ids:
                element = _activity_preferred(i, slots, starts=False)
                _soft(element)
                b.time.append(element)


def _core_mornings(b: _Builder, hours: list[str], days: list[str]) -> None:
    """core_in_afternoon as FET's soft preferred time slots: a class's core subjects in the
    morning periods of its school (weight SPREAD_WEIGHT, FET's weighting, not aligner's)."""
    inst = b.instance
    if not inst.weights.core_in_afternoon:
        return
    for row in inst.curriculum:
        if row.subject not in inst.core_subjects:
            continue
        mornings = [p for p in range(1, len(inst.periods(row.school_id)) + 1)
                    if not inst.is_afternoon(row.school_id, p)]
        if len(mornings) == len(inst.periods(row.school_id)):
            continue
        slots = [(d, hours[p - 1]) for d in days for p in mornings]
        element = _constraint("ConstraintActivitiesPreferredTimeSlots", [
            ("Teacher_Name", ""), ("Students_Name", students_name(inst, row.school_id,
                                                                  row.class_id)),
            ("Subject_Name", row.subject), ("Activity_Tag_Name", ""), ("Duration", ""),
            ("Number_of_Preferred_Time_Slots", str(len(slots)))],
            [("Preferred_Time_Slot", [("Preferred_Day", d), ("Preferred_Hour", h)])
             for d, h in slots])
        _soft(element)
        b.time.append(element)


def _sync_rooms(b: _Builder) -> None:
    """Each school's sync rooms are FET rooms; a session's activity at a school takes one."""
    rooms: dict[str, list[str]] = {}
    for school in b.instance.schools:
        rooms[school.school_id] = [f"{school.school_id} sync room {k}"
                                   for k in range(1, school.sync_rooms + 1)]
    for aid, school_id in b.school_of_session_activity.items():
        names = rooms[school_id]
        if not names:
            b.notes.append(say("fet.export.no_sync_room", school=school_id))
            continue
        b.space.append(_constraint("ConstraintActivityPreferredRooms", [
            ("Activity_Id", str(aid)), ("Number_of_Preferred_Rooms", str(len(names))),
            *(("Preferred_Room", n) for n in names)]))
    used = set(b.school_of_session_activity.values())
    b.rooms = [n for school_id, names in rooms.items() if school_id in used for n in names]


def _special_rooms(b: _Builder, local: dict[tuple[str, str, str], list[int]], hours: list[str],
                   days: list[str]) -> None:
    """Special rooms (rooms.csv) as FET rooms: each activity of a row whose subject some room
    of its school lists takes one of those rooms (FET's preferred rooms of the activity, 100%),
    a room is not available at its unavailable times; FET's basic space rule holds one
    activity per room at a time, which is aligner's (a combined lesson is one activity, and a
    double keeps its room)."""
    inst = b.instance
    for room in inst.rooms:
        name = room_name(inst, room.school_id, room.room_id)
        b.rooms.append(name)
        if room.unavailable:
            slots = sorted(room.unavailable, key=lambda s: (days.index(s[0]), s[1]))
            b.space.append(_constraint("ConstraintRoomNotAvailableTimes", [
                ("Room", name), ("Number_of_Not_Available_Times", str(len(slots)))],
                [("Not_Available_Time", [("Day", d), ("Hour", hours[p - 1])])
                 for d, p in slots]))
    for (school, _label, subject), ids in local.items():
        rooms = inst.rooms_for.get((school, subject), ())
        if not rooms:
            continue
        names = [room_name(inst, school, r.room_id) for r in rooms]
        for aid in ids:
            b.space.append(_constraint("ConstraintActivityPreferredRooms", [
                ("Activity_Id", str(aid)), ("Number_of_Preferred_Rooms", str(len(names))),
                *(("Preferred_Room", n) for n in names)]))


def _teacher_limits(b: _Builder) -> None:
    """A teacher's max_per_day, max_days, max_consecutive, max_gaps_per_day and
    max_gaps_per_week as FET's teacher max hours daily, max days per week, max hours
    continuously, max gaps per day and max gaps per week. FET counts busy hours, a double two
    and a session one, as aligner counts commitments; its gaps leave out breaks (the noon break
    hour below) and not-available hours (her unavailable periods and the hours her school does
    not have), as aligner's do. min_per_day is FET's teacher min hours daily with empty days
    allowed, written only where it says something FET accepts (at least 2, for a teacher with
    an activity: FET refuses a minimum below 2). FET's runs of hours end only at a break, so for
    max_consecutive a break hour is put between the morning and the afternoon, when the
    teachers' schools split their days at the same period and no double spans that point."""
    inst = b.instance
    busy = {name for a in b.activities for name in a.teachers}
    for t in inst.teachers:
        for tag, child, value in (
                ("ConstraintTeacherMaxHoursDaily", "Maximum_Hours_Daily", t.max_per_day),
                ("ConstraintTeacherMaxDaysPerWeek", "Max_Days_Per_Week", t.max_days),
                ("ConstraintTeacherMaxHoursContinuously", "Maximum_Hours_Continuously",
                 t.max_consecutive),
                ("ConstraintTeacherMaxGapsPerDay", "Max_Gaps", t.max_gaps_per_day),
                ("ConstraintTeacherMaxGapsPerWeek", "Max_Gaps", t.max_gaps_per_week)):
            if value is not None:
                b.time.append(_constraint(tag, [("Teacher_Name", t.teacher_id), (child, str(value))]))
        if t.min_per_day is not None and t.min_per_day >= 2 and t.teacher_id in busy:
            b.time.append(_constraint("ConstraintTeacherMinHoursDaily", [
                ("Teacher_Name", t.teacher_id), ("Minimum_Hours_Daily", str(t.min_per_day)),
                ("Allow_Empty_Days", "true")]))
    schools = {t.school_id for t in inst.teachers if t.max_consecutive is not None}
    if not schools:
        return
    splits = {len(inst.halves(s)[0]) for s in schools if inst.halves(s)[1]}
    ends = {len(inst.periods(s)) for s in schools if not inst.halves(s)[1]}
    if not splits:
        return
    split = min(splits)
    doubles_across = [s.school_id for s in inst.schools if split in inst.double_starts(s.school_id)]
    if len(splits) > 1 or any(e > split for e in ends) or doubles_across:
        b.notes.append(say("fet.export.no_noon_break"))
        return
    b.noon_after = split


def _pins(b: _Builder, local: dict[tuple[str, str, str], list[int]],
          sessions: dict[str, list[list[int]]], hours: list[str], days: list[str]) -> None:
    """Pins (pinned.csv). A course's: one session's hub activity at that hour. A row's whose
    lessons are all alike (all single or all double): one activity of it at that start, a
    different one for each pin. A row mixing singles and doubles: some activity of the row
    occupies that slot (FET's activities occupy min time slots from selection, 1 of 1) and no
    double of the row starts the period before (the pinned lesson starts there)."""
    inst = b.instance
    by_id = {a.id: a for a in b.activities}
    used: dict[tuple[str, ...], int] = defaultdict(int)
    for pin in inst.pins:
        hour = hours[pin.period - 1]
        if pin.course_id is not None:
            k = used[("course", pin.course_id)]
            used[("course", pin.course_id)] += 1
            runs = sessions.get(pin.course_id, [])
            if k < len(runs):
                b.time.append(_starting_time(runs[k][0], pin.day, hour))
            continue
        row = inst.curriculum_row[(pin.school_id, pin.class_id or "", pin.subject or "")]
        ids = local.get(row.key, [])
        durations = {by_id[i].duration for i in ids}
        if len(durations) == 1:
            k = used[row.key]
            used[row.key] += 1
            if k < len(ids):
                b.time.append(_starting_time(ids[k], pin.day, hour))
            continue
        b.time.append(_constraint("ConstraintActivitiesOccupyMinTimeSlotsFromSelection", [
            ("Number_of_Activities", str(len(ids))), *(("Activity_Id", str(i)) for i in ids),
            ("Number_of_Selected_Time_Slots", "1")],
            [("Selected_Time_Slot", [("Selected_Day", pin.day), ("Selected_Hour", hour)])],
            [("Min_Number_of_Occupied_Time_Slots", "1")]))
        if pin.period > 1:
            starts = [(d, hours[p - 1]) for d in days for p in range(1, len(hours))
                      if (d, p) != (pin.day, pin.period - 1)]
            for i in ids:
                if by_id[i].duration == 2:
                    b.time.append(_activity_preferred(i, starts, starts=True))


def _starting_time(activity_id: int, day: str, hour: str, locked: bool = False) -> ET.Element:
    return _constraint("ConstraintActivityPreferredStartingTime", [
        ("Activity_Id", str(activity_id)), ("Preferred_Day", day), ("Preferred_Hour", hour),
        ("Permanently_Locked", "true" if locked else "false")])


def _availability(b: _Builder, hours: list[str], days: list[str]) -> None:
    inst = b.instance
    for teacher in inst.teachers:
        count = len(inst.periods(teacher.school_id))
        slots = sorted(set(teacher.unavailable) | {(d, p) for d in days
                                                  for p in range(count + 1, len(hours) + 1)},
                       key=lambda s: (days.index(s[0]), s[1]))
        if slots:
            b.time.append(_constraint("ConstraintTeacherNotAvailableTimes", [
                ("Teacher", teacher.teacher_id), ("Number_of_Not_Available_Times", str(len(slots)))],
                [("Not_Available_Time", [("Day", d), ("Hour", hours[p - 1])]) for d, p in slots]))
    for klass in inst.classes:
        count = len(inst.periods(klass.school_id))
        if count < len(hours):
            slots = [(d, p) for d in days for p in range(count + 1, len(hours) + 1)]
            b.time.append(_constraint("ConstraintStudentsSetNotAvailableTimes", [
                ("Students", students_name(inst, klass.school_id, klass.class_id)),
                ("Number_of_Not_Available_Times", str(len(slots)))],
                [("Not_Available_Time", [("Day", d), ("Hour", hours[p - 1])]) for d, p in slots]))


def _unexpressible(b: _Builder, counts: dict[str, int]) -> None:
    inst = b.instance
    notes = b.notes
    grids = {tuple(inst.bell(s.school_id, p, season).times for season in inst.seasons
                   for p in range(1, len(inst.periods(s.school_id)) + 1)) for s in inst.schools}
    if len(grids) > 1:
        notes.append(say("fet.export.bell_grids"))
    if inst.courses:
        notes.append(say("fet.export.minute_overlaps"))
        notes.append(say("fet.export.credited_loads", credit=inst.policy.credits_text))
    for course in inst.courses:
        if course.is_range:
            notes.append(say("fet.export.range_fixed", course=course.course_id,
                             low=course.min_per_week, high=course.max_per_week,
                             fixed=counts[course.course_id]))
    if any(t.min_load or t.max_load is not None for t in inst.teachers):
        notes.append(say("fet.export.loads"))
    if inst.weights.same_day_repeat:
        notes.append(say("fet.export.same_day_repeats", weight=SPREAD_WEIGHT))
    if inst.weights.core_in_afternoon and inst.core_subjects:
        notes.append(say("fet.export.core_in_afternoon", weight=SPREAD_WEIGHT))
    if len(inst.seasons) > 1:
        notes.append(say("fet.export.seasons", seasons=", ".join(inst.seasons)))
    if inst.weights.teacher_gap:
        notes.append(say("fet.export.teacher_gaps"))
    if inst.policy.research_courses(inst.courses):
        notes.append(say("fet.export.research", n=inst.policy.research_per_week))


def _lock(b: _Builder, directory: Path, local: dict[tuple[str, str, str], list[int]],
          sessions: dict[str, list[list[int]]], hours: list[str]) -> int:
    """Lock every activity at its place in the timetable of ``directory`` (read as the office
    exports read it: :func:`aligner.export.view.read_solution`)."""
    from aligner.export.view import SolutionError, read_solution

    try:
        view = read_solution(b.instance, directory)
    except SolutionError as exc:
        raise FetTimetableError(say("fet.out.at", where=directory, problem=say(
            "fet.export.unreadable_timetable",
            issues="; ".join(str(i) for i in exc.issues)))) from None
    starts: dict[tuple[str, str, str], list[tuple[tuple[str, int], int]]] = defaultdict(list)
    rows = b.instance.curriculum_row
    for lesson in view.lessons:
        if lesson.mode == "local" and lesson.span:  # (span 0: the second period of a double)
            row = rows.get((lesson.school_id, lesson.class_id, lesson.subject))
            if row is not None and lesson.class_id != row.class_ids[0]:
                continue    # a combined lesson: once, under its first class
            key = row.key if row is not None else (lesson.school_id, lesson.class_id,
                                                   lesson.subject)
            starts[key].append(((lesson.day, lesson.period), lesson.span))
    room_at = _rooms_of_solution(directory)
    by_id = {a.id: a for a in b.activities}
    place: dict[int, tuple[str, int]] = {}
    for key, ids in local.items():
        doubles = sorted(s for s, n in starts[key] if n == 2)
        singles = sorted(s for s, n in starts[key] if n == 1)
        want = [by_id[i].duration for i in ids]
        if len(doubles) != want.count(2) or len(singles) != want.count(1):
            raise FetTimetableError(say("fet.out.at", where=directory, problem=say(
                "fet.export.lessons_differ", klass=key[1], school=key[0],
                singles=len(singles), doubles=len(doubles), subject=key[2],
                want_singles=want.count(1), want_doubles=want.count(2))))
        first = key[1].split("+")[0]
        for i in ids:
            place[i] = (doubles if by_id[i].duration == 2 else singles).pop(0)
            room = room_at.get((key[0], first, *place[i]), "")
            if room:
                b.space.append(_constraint("ConstraintActivityPreferredRoom", [
                    ("Activity_Id", str(i)), ("Room", room_name(b.instance, key[0], room)),
                    ("Permanently_Locked", "true")]))
    for course_id, activity_ids in sessions.items():
        found = sorted((s for s in view.sessions.values() if s.course.course_id == course_id),
                       key=lambda s: (s.day, s.hub_period))
        if len(found) != len(activity_ids):
            raise FetTimetableError(say("fet.out.at", where=directory, problem=say(
                "fet.export.sessions_differ", course=course_id, found=len(found),
                fixed=len(activity_ids))))
        for session, ids in zip(found, activity_ids, strict=True):
            if any(partner.period != session.hub_period for partner in session.receiving):
                b.notes.append(say("fet.export.other_period", session=session.session_id))
            for i in ids:
                place[i] = (session.day, session.hub_period)
    for aid, (day, period) in sorted(place.items()):
        b.time.append(_starting_time(aid, day, hours[period - 1], locked=True))
    return len(place)


def _rooms_of_solution(directory: Path) -> dict[tuple[str, str, str, int], str]:
    """(school, class, day, period) -> the special room of that lesson in lessons.csv."""
    import csv

    path = directory / "lessons.csv"
    out: dict[tuple[str, str, str, int], str] = {}
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            if row.get("room_id") and row.get("mode", "local") == "local":
                try:
                    out[(row["school_id"], row["class_id"], row["day"], int(row["period"]))] = (
                        row["room_id"])
                except (KeyError, ValueError):
                    continue
    return out


def _activity_preferred(activity_id: int, slots: list[tuple[str, str]], *, starts: bool
                        ) -> ET.Element:
    """A hard preferred starting times (``starts``) or time slots constraint of one activity;
    ``slots`` are (day, hour name) pairs."""
    kind = "Starting_Time" if starts else "Time_Slot"
    day, hour = ("Preferred_Starting_Day", "Preferred_Starting_Hour") if starts else (
        "Preferred_Day", "Preferred_Hour")
    return _constraint(f"ConstraintActivityPreferred{kind.replace('_', '')}s", [
        ("Activity_Id", str(activity_id)), (f"Number_of_Preferred_{kind}s", str(len(slots)))],
        [(f"Preferred_{kind}", [(day, d), (hour, h)]) for d, h in slots])


def _soft(element: ET.Element) -> None:
    """Make a constraint soft: FET's weight SPREAD_WEIGHT (FET's weighting, not aligner's)."""
    weight = element.find("Weight_Percentage")
    assert weight is not None
    weight.text = str(SPREAD_WEIGHT)


def _constraint(tag: str, fields: list[tuple[str, str]],
                nested: list[tuple[str, list[tuple[str, str]]]] | None = None,
                tail: list[tuple[str, str]] | None = None) -> ET.Element:
    element = ET.Element(tag)
    _sub(element, "Weight_Percentage", "100")
    for name, value in fields:
        _sub(element, name, value)
    for name, children in nested or []:
        holder = ET.SubElement(element, name)
        for child, value in children:
            _sub(holder, child, value)
    for name, value in tail or []:
        _sub(element, name, value)
    _sub(element, "Active", "true")
    _sub(element, "Comments", "")
    return element


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _xml(b: _Builder, hours: list[str], days: list[str]) -> str:
    inst = b.instance
    root = ET.Element("fet", version=FET_VERSION)
    _sub(root, "Mode", "Official")
    _sub(root, "Institution_Name", inst.name)
    _sub(root, "Comments", say("fet.export.comments") + (
        say("fet.export.not_expressible", notes="; ".join(b.notes)) if b.notes else ""))
    listed = list(hours)
    if b.noon_after is not None:
        listed.insert(b.noon_after, NOON)
    for tag, count_tag, item, names in (("Days_List", "Number_of_Days", "Day", days),
                                        ("Hours_List", "Number_of_Hours", "Hour", listed)):
        lst = ET.SubElement(root, tag)
        _sub(lst, count_tag, str(len(names)))
        for n in names:
            _sub(ET.SubElement(lst, item), "Name", n)
    subjects = ET.SubElement(root, "Subjects_List")
    for s in dict.fromkeys(a.subject for a in b.activities):
        e = ET.SubElement(subjects, "Subject")
        _sub(e, "Name", s)
        _sub(e, "Comments", "")
    tags = ET.SubElement(root, "Activity_Tags_List")
    for tag in b.tags:
        e = ET.SubElement(tags, "Activity_Tag")
        _sub(e, "Name", tag)
        _sub(e, "Printable", "true")
        _sub(e, "Comments", "")
    teachers = ET.SubElement(root, "Teachers_List")
    for person in inst.teachers:
        e = ET.SubElement(teachers, "Teacher")
        _sub(e, "Name", person.teacher_id)
        _sub(e, "Target_Number_of_Hours", "0")
        _sub(e, "Qualified_Subjects", "")
        _sub(e, "Comments", person.name if person.name != person.teacher_id else "")
    students = ET.SubElement(root, "Students_List")
    for k in inst.classes:
        e = ET.SubElement(students, "Year")
        _sub(e, "Name", students_name(inst, k.school_id, k.class_id))
        _sub(e, "Number_of_Students", "0")
        _sub(e, "Comments", k.name)
    activities = ET.SubElement(root, "Activities_List")
    for a in b.activities:
        e = ET.SubElement(activities, "Activity")
        for t in a.teachers:
            _sub(e, "Teacher", t)
        _sub(e, "Subject", a.subject)
        for tag in a.tags:
            _sub(e, "Activity_Tag", tag)
        for s in a.students:
            _sub(e, "Students", s)
        _sub(e, "Duration", str(a.duration))
        _sub(e, "Total_Duration", str(a.total))
        _sub(e, "Id", str(a.id))
        _sub(e, "Activity_Group_Id", str(a.group))
        _sub(e, "Active", "true")
        _sub(e, "Comments", a.comment)
    ET.SubElement(root, "Buildings_List")
    rooms = ET.SubElement(root, "Rooms_List")
    for name in b.rooms:
        e = ET.SubElement(rooms, "Room")
        for tag, text in (("Name", name), ("Building", ""), ("Capacity", "30000"),
                          ("Virtual", "false"), ("Comments", "")):
            _sub(e, tag, text)
    time = ET.SubElement(root, "Time_Constraints_List")
    time.append(_constraint("ConstraintBasicCompulsoryTime", []))
    if b.noon_after is not None:
        time.append(_constraint("ConstraintBreakTimes", [
            ("Number_of_Break_Times", str(len(days)))],
            [("Break_Time", [("Day", d), ("Hour", NOON)]) for d in days]))
    time.extend(b.time)
    space = ET.SubElement(root, "Space_Constraints_List")
    space.append(_constraint("ConstraintBasicCompulsorySpace", []))
    space.extend(b.space)
    ET.indent(root, space="\t")
    body = ET.tostring(root, encoding="unicode")
    comment = ""
    if b.notes:
        lines = "\n".join(f"  - {n}".replace("--", "- -") for n in b.notes)
        comment = f"<!-- aligner export-fet: not expressible in FET:\n{lines}\n-->\n"
        # (the heading of this comment is fixed, for tools that look for it; the notes are in
        # the messages' language)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{comment}{body}\n'

