"""The decision variables: Booleans only where a lesson or session can really take place.

* ``local[(school, class, subject, day, period)]``: a local lesson of a curriculum row, created
  only at periods where its teacher is available and the row allows lessons;
* ``session[(course, day, hub_period)]``: a live session of a course at a hub period, created
  only where the hub teacher is available and every receiving school has an aligned period;
* ``reception[(course, day, hub_period, receiving_school, receiving_period)]``: which aligned
  period a receiving school uses for that session (its assistants available there);
* ``meeting[(course, day, hub_period)]`` and ``meeting_reception[(course, day, hub_period,
  receiving_school, receiving_period)]``: a research meeting (教师网络研修) of a synchronous
  course (``policy.research_per_week`` > 0), placed like a session (the hub teacher and the
  assistants available, the periods overlapping by the minimum) but taking no class or room;
* ``double[(school, class, subject, day, period)]``: a double lesson (连堂) of a curriculum row
  with ``doubles`` > 0 takes ``period`` and the next one, created only where the two periods
  may carry a double (:meth:`Instance.double_starts`) and both have a local-lesson literal.

The occupancy indexes (class, teacher, sync room, subject-day) list, for every slot, the literals
that use it, so each rule in :mod:`aligner.model.constraints` is one loop over one index.

To explain an infeasible instance the variables are made *relaxed*: also where a teacher is
unavailable or periods do not align, each such literal listed in ``forbidden`` under the rule
group that rules it out (teacher availability, course alignment), so that these rules too can
be put behind assumption literals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol

from ortools.sat.python import cp_model, cp_model_helper
from ortools.util.python.sorted_interval_list import Domain

from aligner.alignment.overlap import PairAlignment, alignments, session_options
from aligner.changes import places
from aligner.instance import Course, CurriculumRow, Instance
from aligner.timetable import LocalLesson, Meeting, Session, Timetable

ClassKey = tuple[str, str]
LocalKey = tuple[str, str, str, str, int]
SessionKey = tuple[str, str, int]
ReceptionKey = tuple[str, str, int, str, int]


class SolutionValues(Protocol):
    """A solution's values: a CP-SAT solver after a solve, or a MIP solution wrapped alike."""

    def boolean_value(self, literal: cp_model.IntVar) -> bool: ...


@dataclass(frozen=True)
class ClassLesson:
    """One literal as seen by one class: it puts a lesson of ``subject`` at (day, period)."""

    literal: cp_model.IntVar
    subject: str
    day: str
    period: int


@dataclass
class Variables:
    instance: Instance
    model: cp_model.CpModel
    local: dict[LocalKey, cp_model.IntVar] = field(default_factory=dict)
    session: dict[SessionKey, cp_model.IntVar] = field(default_factory=dict)
    reception: dict[ReceptionKey, cp_model.IntVar] = field(default_factory=dict)
    double: dict[LocalKey, cp_model.IntVar] = field(default_factory=dict)
    meeting: dict[SessionKey, cp_model.IntVar] = field(default_factory=dict)
    meeting_reception: dict[ReceptionKey, cp_model.IntVar] = field(default_factory=dict)
    meeting_slot: dict[tuple[str, str, int], list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list))
    """(teacher, day, period) -> the research-meeting literals that take the teacher there (a
    meeting is no lesson: it is kept out of ``teacher_slot`` and so out of the day limits)."""
    meetings_by_course: dict[str, list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list))
    meeting_ends: dict[tuple[str, str, int, str], list[tuple[int, cp_model.IntVar]]] = field(
        default_factory=lambda: defaultdict(list))
    """(course, day, hub period, receiving school) -> (its period, literal) of each choice."""
    doubles_by_row: dict[tuple[str, str, str], list[tuple[str, int, cp_model.IntVar]]] = field(
        default_factory=lambda: defaultdict(list))
    """Per curriculum row: (day, first period, literal) of each possible double lesson."""
    # occupancy indexes
    class_lessons: dict[ClassKey, list[ClassLesson]] = field(
        default_factory=lambda: defaultdict(list)
    )
    teacher_slot: dict[tuple[str, str, int], list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list)
    )
    room_slot: dict[tuple[str, str, int], list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list)
    )
    room_of: dict[LocalKey, list[tuple[str, cp_model.IntVar]]] = field(default_factory=dict)
    """Per local lesson of a special room's subject: (room, literal) of each room it may take
    (one room: the lesson's own literal)."""
    room_use: dict[tuple[str, str, str, int], list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list))
    """(school, room, day, period) -> the literals that put a lesson in that special room."""
    assisted: dict[str, list[cp_model.IntVar]] = field(default_factory=lambda: defaultdict(list))
    """Per teacher, one literal per session the teacher assists (once, whatever the classes)."""
    local_by_row: dict[tuple[str, str, str], list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list)
    )
    sessions_by_course: dict[str, list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list)
    )
    misalignment: dict[ReceptionKey, int] = field(default_factory=dict)
    """Per reception literal: hub period minutes - overlap minutes, summed over the seasons
    (per receiving class)."""
    receptions_by_session: dict[tuple[str, str, int, str], list[tuple[int, cp_model.IntVar]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    day_used: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    """(teacher, day) -> whether the teacher has a commitment that day; only for the teachers
    with ``max_days`` (made by :func:`aligner.model.constraints.teacher_day_count`)."""
    repeats: list[tuple[cp_model.IntVar, list[cp_model.IntVar], list[cp_model.IntVar]]] = field(
        default_factory=list)
    """The objective's same-day-repeat counters with the lesson literals each counts and the
    double literals it discounts, so that a hint can give them their values too (a complete
    hint is taken as a solution at once)."""
    relaxed: bool = False
    forbidden: dict[tuple[str, ...], list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """Relaxed variables only: rule group -> literals that group rules out."""
    _subject_day: tuple[int, dict[tuple[str, str, str, str], list[cp_model.IntVar]]] | None = \
        field(default=None, repr=False, compare=False)
    """:meth:`by_subject_day`'s index with the number of class lessons it was made from."""

    # ---- accessors ----

    def at(self, school_id: str, class_id: str, day: str, period: int) -> list[cp_model.IntVar]:
        """Every literal that puts a lesson in the class's (day, period)."""
        return [
            lesson.literal
            for lesson in self.class_lessons.get((school_id, class_id), ())
            if lesson.day == day and lesson.period == period
        ]

    def sessions_of(self, course_id: str) -> list[cp_model.IntVar]:
        """The course's session literals, one per (day, hub period) where it can take place."""
        return self.sessions_by_course.get(course_id, [])

    def placements(self) -> tuple[cp_model.IntVar, ...]:
        """The Booleans that place a lesson or a session: local lessons, sessions, receptions and
        double lessons (what the LP relaxation's whole placements are counted among)."""
        return (*self.local.values(), *self.session.values(), *self.reception.values(),
                *self.double.values())

    def local_of(self, row: CurriculumRow) -> list[cp_model.IntVar]:
        """The local-lesson literals of a curriculum row."""
        return self.local_by_row.get((row.school_id, row.class_id, row.subject), [])

    def doubles_of(self, row: CurriculumRow, day: str | None = None) -> list[cp_model.IntVar]:
        """The double-lesson literals of a curriculum row (on ``day``, if given)."""
        return [var for d, _p, var in
                self.doubles_by_row.get((row.school_id, row.class_id, row.subject), ())
                if day is None or d == day]

    def receptions_of(
        self, course_id: str, day: str, hub_period: int, school_id: str
    ) -> list[tuple[int, cp_model.IntVar]]:
        """(receiving period, literal) choices of one school for one possible session."""
        return self.receptions_by_session.get((course_id, day, hub_period, school_id), [])

    def meetings_of(self, course_id: str) -> list[cp_model.IntVar]:
        """The course's research-meeting literals, one per (day, hub period) possible."""
        return self.meetings_by_course.get(course_id, [])

    def meeting_receptions_of(
        self, course_id: str, day: str, hub_period: int, school_id: str
    ) -> list[tuple[int, cp_model.IntVar]]:
        """(receiving period, literal) choices of one school for one possible meeting."""
        return self.meeting_ends.get((course_id, day, hub_period, school_id), [])

    def by_class_slot(self) -> dict[tuple[str, str, str, int], list[cp_model.IntVar]]:
        """(school, class, day, period) -> literals that put a lesson there."""
        index: dict[tuple[str, str, str, int], list[cp_model.IntVar]] = defaultdict(list)
        for (school_id, class_id), lessons in self.class_lessons.items():
            for lesson in lessons:
                index[(school_id, class_id, lesson.day, lesson.period)].append(lesson.literal)
        return index

    def by_subject_day(self) -> dict[tuple[str, str, str, str], list[cp_model.IntVar]]:
        """(school, class, subject, day) -> literals of lessons of that subject on that day.
        Made once and kept while no class lesson is added (three rules and the objective ask
        for it: 10% of a county's model build when made four times); not to be changed."""
        size = sum(len(lessons) for lessons in self.class_lessons.values())
        if self._subject_day is None or self._subject_day[0] != size:
            index: dict[tuple[str, str, str, str], list[cp_model.IntVar]] = defaultdict(list)
            for (school_id, class_id), lessons in self.class_lessons.items():
                for lesson in lessons:
                    index[(school_id, class_id, lesson.subject, lesson.day)].append(
                        lesson.literal)
            self._subject_day = (size, index)
        return self._subject_day[1]

    def receptions_at_period(self) -> dict[tuple[str, str, str, int], list[cp_model.IntVar]]:
        """(course, receiving school, day, its period) -> the reception literals there (of
        every hub period)."""
        ends: dict[tuple[str, str, str, int], list[cp_model.IntVar]] = defaultdict(list)
        for (course_id, day, _h, school, r), literal in self.reception.items():
            ends[(course_id, school, day, r)].append(literal)
        return ends

    def hint_previous(self) -> None:
        """Warm start from the previous timetable of a re-solve (``solve --from``): its lessons
        and sessions where they were (as far as the new instance has them)."""
        found = places(self.instance)
        for local_key, var in self.local.items():
            self.model.add_hint(var, local_key in found.local)
        for session_key, var in self.session.items():
            self.model.add_hint(var, session_key in found.hub)
        for (course_id, day, h, school, r), var in self.reception.items():
            self.model.add_hint(var, (course_id, day, h) in found.hub
                                and (course_id, school, day, r) in found.end)

    def hint(self, timetable: Timetable) -> None:
        """Warm start from a known timetable (e.g. last term's, or one edited by hand)."""
        local = {(x.school_id, x.group or x.class_id, x.subject, x.day, x.period): x.room_id
                 for x in timetable.lessons}
        sessions = {(s.course_id, s.day, s.hub_period): dict(s.receiving_periods)
                    for s in timetable.sessions}
        value: dict[int, bool] = {}
        for local_key, var in self.local.items():
            value[var.index] = local_key in local
        for session_key, var in self.session.items():
            value[var.index] = session_key in sessions
        for (c, d, h, school, r), var in self.reception.items():
            value[var.index] = sessions.get((c, d, h), {}).get(school) == r
        meetings = {(m.course_id, m.day, m.hub_period): dict(m.receiving_periods)
                    for m in timetable.meetings}
        for meeting_key, var in self.meeting.items():
            value[var.index] = meeting_key in meetings
        for (c, d, h, school, r), var in self.meeting_reception.items():
            value[var.index] = meetings.get((c, d, h), {}).get(school) == r
        starts = {(x.school_id, x.group or x.class_id, x.subject, x.day, x.double_start)
                  for x in timetable.lessons if x.double_start is not None}
        for double_key, var in self.double.items():
            value[var.index] = double_key in starts
        rooms = []
        for local_key, choices in self.room_of.items():
            for room_id, literal in choices:
                if literal.index not in value:  # (one room: the lesson's own literal)
                    value[literal.index] = local.get(local_key) == room_id
                    rooms.append(literal)
        for var in (*self.local.values(), *self.session.values(), *self.reception.values(),
                    *self.double.values(), *rooms, *self.meeting.values(),
                    *self.meeting_reception.values()):
            self.model.add_hint(var, value[var.index])
        for counter, literals, doubles in self.repeats:
            lessons = sum(value[x.index] for x in literals) - sum(value[x.index] for x in doubles)
            self.model.add_hint(counter, max(0, lessons - 1))


    def timetable(self, values: SolutionValues) -> Timetable:
        """The timetable a solution describes (``values``: a CP-SAT solver after a solve, or
        anything that answers ``boolean_value`` for a literal, such as a MIP solution)."""
        double_start: dict[LocalKey, int] = {}
        for (school, label, subject, day, p), var in self.double.items():
            if values.boolean_value(var):
                double_start[(school, label, subject, day, p)] = p
                double_start[(school, label, subject, day, p + 1)] = p
        lessons = []
        for local_key, var in self.local.items():
            if not values.boolean_value(var):
                continue
            row = self.instance.row_by_key[local_key[:3]]
            day, period = local_key[3], local_key[4]
            room = next((room_id for room_id, literal in self.room_of.get(local_key, ())
                         if values.boolean_value(literal)), "")
            for class_id in row.class_ids:  # a combined lesson: one row per class
                lessons.append(LocalLesson(
                    row.school_id, class_id, row.subject, row.teacher_id or "", day, period,
                    double_start.get(local_key), room, row.class_id if row.combined else ""))
        sessions = []
        for (course_id, day, hub_period), var in self.session.items():
            if not values.boolean_value(var):
                continue
            course = self.instance.course_by_id[course_id]
            receiving = []
            for school_id in course.receiving_schools:
                for period, z in self.receptions_of(course_id, day, hub_period, school_id):
                    if values.boolean_value(z):
                        receiving.append((school_id, period))
            sessions.append(Session(course_id, day, hub_period, tuple(receiving)))
        meetings = []
        for (course_id, day, hub_period), var in self.meeting.items():
            if not values.boolean_value(var):
                continue
            course = self.instance.course_by_id[course_id]
            ends = [(school_id, r) for school_id in course.receiving_schools
                    for r, z in self.meeting_receptions_of(course_id, day, hub_period, school_id)
                    if values.boolean_value(z)]
            meetings.append(Meeting(course_id, day, hub_period, tuple(ends)))
        return Timetable(tuple(lessons), tuple(sessions), tuple(meetings))

def make_variables(
    instance: Instance, model: cp_model.CpModel, *, relaxed: bool = False
) -> Variables:
    variables = Variables(instance, model, relaxed=relaxed)
    _local_lessons(variables)
    _special_rooms(variables)
    pairs = alignments(instance)
    for course in instance.courses:
        _sessions(variables, course, pairs)
    for course in instance.policy.research_courses(instance.courses):
        _meetings(variables, course, pairs)
    return variables


_BOOLEAN = Domain(0, 1)


def new_bool(proto: cp_model_helper.CpModelProto, name: str) -> cp_model.IntVar:
    """A named 0-1 variable of the model whose ``proto`` this is, as ``new_bool_var(name)``
    makes it but with one shared 0-1 domain and the proto taken once by the caller (a model's
    ``proto`` is a call; ``new_bool_var`` makes a domain per variable: 10 -> 6 us a variable,
    of the 130,000 a county has)."""
    return cp_model.IntVar(proto).with_name(name).with_domain(_BOOLEAN)


def _local_lessons(v: Variables) -> None:
    instance = v.instance
    proto, relaxed, days = v.model.proto, v.relaxed, instance.days
    for row in instance.curriculum:
        key = row.key
        fewest_online = sum(c.min_per_week for c in instance.courses_reaching.get(key, ()))
        teacher_ids, class_keys = row.teacher_ids, row.class_keys
        if not teacher_ids or row.per_week - fewest_online <= 0:
            continue
        by_row = v.local_by_row[key]
        away_at: dict[tuple[str, int], list[str]] = {}  # the row's teachers away, by slot
        for teacher_id in teacher_ids:
            for slot in instance.unavailable_slots(teacher_id):
                away_at.setdefault(slot, []).append(teacher_id)
        class_lessons = [v.class_lessons[class_key] for class_key in class_keys]
        name = f"{row.class_id}@{row.school_id},{row.subject}"
        for day in days:
            for bell in instance.periods(row.school_id):
                period = bell.period
                away = away_at.get((day, period), ())
                barred = not row.allows(day, period)
                if (away or barred) and not relaxed:
                    continue
                var = new_bool(proto, f"local[{name},{day},{period}]")
                for teacher_id in away:
                    v.forbidden[("availability", teacher_id)].append(var)
                if barred:
                    v.forbidden[("allowed", *key)].append(var)
                v.local[(*key, day, period)] = var
                by_row.append(var)
                lesson = ClassLesson(var, row.subject, day, period)
                for lessons in class_lessons:  # a combined lesson: every class takes it
                    lessons.append(lesson)
                for teacher_id in teacher_ids:  # co-teachers: each of them is busy
                    v.teacher_slot[(teacher_id, day, period)].append(var)
        if row.doubles:
            for day in days:
                for p in instance.double_starts(row.school_id):
                    if (*key, day, p) in v.local and (*key, day, p + 1) in v.local:
                        var = new_bool(proto,
                            f"double[{row.class_id}@{row.school_id},{row.subject},{day},{p}]")
                        v.double[(*key, day, p)] = var
                        v.doubles_by_row[key].append((day, p, var))


def _special_rooms(v: Variables) -> None:
    """Which special room each local lesson of a room's subject takes: the lesson's own
    literal when its subject has one room, else one literal per room (their sum is the
    lesson's; see :func:`aligner.model.constraints.lessons_in_special_rooms`). A room's
    unavailable periods get no literal (relaxed: one, ruled out by the room's group)."""
    instance, proto = v.instance, v.model.proto
    for (school, label, subject, day, period), lesson in v.local.items():
        rooms = instance.rooms_for.get((school, subject), ())
        if not rooms:
            continue
        choices = []
        for room in rooms:
            closed = (day, period) in room.unavailable
            if closed and not v.relaxed:
                continue
            if len(rooms) == 1:
                literal = lesson
            else:
                literal = new_bool(proto,
                    f"room[{label}@{school},{subject},{day},{period},{room.room_id}]")
            if closed:
                v.forbidden[("special_room", school, room.room_id)].append(literal)
            choices.append((room.room_id, literal))
            v.room_use[(school, room.room_id, day, period)].append(literal)
        v.room_of[(school, label, subject, day, period)] = choices


def _sessions(v: Variables, course: Course, pairs: dict[tuple[str, str], PairAlignment]) -> None:
    if course.max_per_week == 0:
        return
    instance, proto = v.instance, v.model.proto
    for (day, h), options in session_options(instance, course, pairs, relaxed=v.relaxed).items():
        y = new_bool(proto, f"session[{course.course_id},{day},{h}]")
        if v.relaxed and instance.is_unavailable(course.hub_teacher, day, h):
            v.forbidden[("availability", course.hub_teacher)].append(y)
        v.session[(course.course_id, day, h)] = y
        v.sessions_by_course[course.course_id].append(y)
        v.teacher_slot[(course.hub_teacher, day, h)].append(y)
        v.room_slot[(course.hub_school, day, h)].append(y)
        if course.hub_class_key:
            v.class_lessons[course.hub_class_key].append(ClassLesson(y, course.subject, day, h))
        for school, periods in options.items():
            for r, _minutes, misaligned, aligned in periods:
                z = new_bool(proto, f"reception[{course.course_id},{day},{h},{school},{r}]")
                if v.relaxed:
                    if not aligned:
                        v.forbidden[("alignment", course.course_id)].append(z)
                    for assistant in course.assistants_at(school):
                        if instance.is_unavailable(assistant, day, r):
                            v.forbidden[("availability", assistant)].append(z)
                v.reception[(course.course_id, day, h, school, r)] = z
                v.receptions_by_session[(course.course_id, day, h, school)].append((r, z))
                v.misalignment[(course.course_id, day, h, school, r)] = misaligned
                v.room_slot[(school, day, r)].append(z)
                for reception in course.receptions_at(school):
                    v.class_lessons[reception.class_key].append(
                        ClassLesson(z, course.subject, day, r)
                    )
                for assistant in course.assistants_at(school):
                    v.teacher_slot[(assistant, day, r)].append(z)
                    v.assisted[assistant].append(z)


def _meetings(v: Variables, course: Course, pairs: dict[tuple[str, str], PairAlignment]) -> None:
    """Where a research meeting of the course can be: where a session could (the hub teacher
    and each school's assistants available, the periods aligned), whether or not relaxed."""
    proto = v.model.proto
    for (day, h), options in session_options(v.instance, course, pairs).items():
        y = new_bool(proto, f"meeting[{course.course_id},{day},{h}]")
        v.meeting[(course.course_id, day, h)] = y
        v.meetings_by_course[course.course_id].append(y)
        v.meeting_slot[(course.hub_teacher, day, h)].append(y)
        for school, periods in options.items():
            for r, _minutes, _misaligned, _aligned in periods:
                z = new_bool(proto,
                    f"meeting_reception[{course.course_id},{day},{h},{school},{r}]")
                v.meeting_reception[(course.course_id, day, h, school, r)] = z
                v.meeting_ends[(course.course_id, day, h, school)].append((r, z))
                for assistant in course.assistants_at(school):
                    v.meeting_slot[(assistant, day, r)].append(z)
