"""Building one group of schools (a hub and its receiving schools) feasible by construction.

The timetable comes first: sessions are placed where the bells really overlap and the sync
rooms are free, every class's remaining lessons fill its free periods, and only then are
teachers formed from lessons whose periods do not clash, assistants chosen among the teachers
free in their sessions, unavailability drawn from periods a teacher has free, and load bounds
set around the load the timetable gives. That timetable (the witness) keeps every rule, so the
instance has at least one solution; the tests check the witness with the independent checker.

With office rules (``office``), the class meeting (班会) is reserved at the school's slot before
any session is placed and pinned there; small schools' combined lessons (合班) are placed before
the classes are filled; every teacher's day limits are drawn before the filling, which keeps
them, as it keeps the special rooms free; so the witness keeps these rules too. Their draws come
from a random stream of their own (``office``), so without them the instance is exactly the one
generated before office rules existed.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from aligner.generate.presets import (
    CO_TAUGHT,
    CO_TEACHING_SHARE,
    COMBINED_GRADES,
    COMBINED_SHARE,
    COMBINED_SUBJECTS,
    DAYS,
    DELIVERY_SUBJECTS,
    FAMOUS_SUBJECTS,
    GIVEN,
    HOMEROOM,
    HUB_ROOMS,
    MAX_CONSECUTIVE,
    MAX_CONSECUTIVE_SHARE,
    MAX_PER_DAY,
    MEETING,
    MEETING_MONDAY,
    MEETING_SLOTS,
    PART_TIME_DAYS,
    PART_TIME_SHARE,
    RECEIVING_ROOMS,
    ROOM_NAMES,
    ROOM_USE,
    SURNAMES,
    SYNC_SUBJECTS,
    curriculum,
    office_curriculum,
)
from aligner.instance import hhmm
from aligner.timetable import LocalLesson, Session

Slot = tuple[str, int]
MIN_OVERLAP = 30
CHINESE_GRADES = "一二三四五六七八九"


class ConstructionFailed(Exception):
    """This draw could not be completed; the caller draws again."""


@dataclass
class SchoolPlan:
    school_id: str
    name: str
    short_name: str
    rooms: int
    grades: tuple[int, ...]
    per_grade: int
    periods: list[tuple[int, int]]
    classes: list[str] = field(default_factory=list)
    grade_of: dict[str, int] = field(default_factory=dict)
    lessons: dict[str, dict[Slot, str]] = field(default_factory=dict)
    """class -> slot -> subject (local and online lessons alike)."""
    room_use: Counter[Slot] = field(default_factory=Counter)
    office: bool = False
    """With office rules: the weekly plan has 班会 (office_curriculum) and the fields below."""
    meeting: Slot | None = None
    """Where every class's 班会 is pinned."""
    combined: dict[tuple[str, str], str] = field(default_factory=dict)
    """(class, subject) -> the classes taught together (``1-1+2-1``) of a combined row."""
    special: dict[str, int] = field(default_factory=dict)
    """Subject -> how many special rooms its local lessons share."""
    special_use: Counter[tuple[str, Slot]] = field(default_factory=Counter)
    room_at: dict[tuple[str, Slot], str] = field(default_factory=dict)
    """(class, slot) -> the special room its lesson there takes."""

    def slots(self) -> list[Slot]:
        return [(d, p) for d in DAYS for p in range(1, len(self.periods) + 1)]

    def morning(self, period: int) -> bool:
        return self.periods[period - 1][0] < 12 * 60

    def plan(self, class_id: str) -> dict[str, int]:
        """The class's weekly lessons per subject."""
        grade = self.grade_of[class_id]
        return office_curriculum(grade) if self.office else curriculum(grade)

    def halves(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        periods = range(1, len(self.periods) + 1)
        return (tuple(p for p in periods if self.morning(p)),
                tuple(p for p in periods if not self.morning(p)))

    def room_free(self, subject: str, slot: Slot) -> bool:
        """A special room of the subject (if it needs one) is free at ``slot``."""
        rooms = self.special.get(subject)
        return rooms is None or self.special_use[(subject, slot)] < rooms

    def take_room(self, subject: str, slot: Slot, classes: tuple[str, ...]) -> None:
        """The next free room of the subject at ``slot`` for the lesson of ``classes``."""
        if subject not in self.special:
            return
        self.special_use[(subject, slot)] += 1
        room = f"{ROOM_NAMES[subject][0]}-{self.special_use[(subject, slot)]}"
        for class_id in classes:
            self.room_at[(class_id, slot)] = room


@dataclass
class CoursePlan:
    course_id: str
    form: str
    subject: str
    grade: int
    hub_class: str | None
    receptions: list[tuple[str, str]]  # (school, class)
    sessions: int
    per_week: str = ""
    placed: list[tuple[str, int, dict[str, int]]] = field(default_factory=list)
    """(day, hub period, receiving school -> its period)."""
    hub_teacher: str = ""
    assistants: dict[tuple[str, str], str] = field(default_factory=dict)
    level: str = ""


@dataclass
class Group:
    """The tables of one group and its witness timetable."""

    rows: dict[str, list[dict[str, Any]]]
    lessons: list[LocalLesson]
    sessions: list[Session]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _bells(rng: random.Random, junior: bool) -> list[tuple[int, int]]:
    length = 45 if junior else 40
    morning = 4 if junior else 3
    afternoon = 3
    start = rng.choice(range(7 * 60 + 50, 8 * 60 + 35, 5))
    periods = []
    t = start
    for i in range(morning):
        periods.append((t, t + length))
        t += length + (rng.choice((20, 25, 30)) if i == 1 else 10)
    t = rng.choice(range(13 * 60, 14 * 60 + 5, 5))
    for _ in range(afternoon):
        periods.append((t, t + length))
        t += length + 10
    return periods


def _shifted(rng: random.Random, hub: list[tuple[int, int]], morning_count: int
             ) -> list[tuple[int, int]]:
    """A partner's bells: 0-25 minutes apart from the hub's, morning and afternoon apart."""
    early = rng.choice((-10, -5, 0, 0, 5, 10, 15)) if rng.random() < 0.9 else rng.choice((-20, 20))
    late = rng.choice(range(-25, 30, 5))
    return [(s + (early if i < morning_count else late), e + (early if i < morning_count else late))
            for i, (s, e) in enumerate(hub)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def build_group(rng: random.Random, index: int, receivers: int, county: str,
                office: random.Random | None = None) -> Group:
    """One hub and ``receivers`` receiving schools, with their courses; retried until built.

    ``office``: with office rules drawn from this random stream. The group is then built twice
    from one draw of its schools, bells and courses: first without them, exactly as without
    office rules (so ``rng`` goes on as it would, and every later group is drawn the same),
    then with them, its periods, teachers and lessons drawn from ``office``."""
    for _ in range(50):
        try:
            plan = _draw_group(rng, index, receivers, county)
            group = _construct(rng, plan, None)
            break
        except ConstructionFailed:
            continue
    else:
        raise RuntimeError(f"group {index}: no construction in 50 draws")  # not seen in practice
    if office is None:
        return group
    for _ in range(50):
        try:
            return _construct(office, plan, office)
        except ConstructionFailed:
            continue
    raise RuntimeError(f"group {index}: no construction with office rules in 50 draws")


@dataclass(frozen=True)
class GroupDraw:
    """What one draw of a group fixes before any period is chosen: its schools, their bells
    and classes, and its courses."""

    schools: tuple[SchoolPlan, ...]
    courses: tuple[CoursePlan, ...]

    def fresh(self) -> tuple[list[SchoolPlan], list[CoursePlan]]:
        """Unplaced copies of the schools and courses, to build a timetable on."""
        schools = [SchoolPlan(s.school_id, s.name, s.short_name, s.rooms, s.grades,
                              s.per_grade, s.periods) for s in self.schools]
        for school in schools:
            for grade in school.grades:
                for n in range(1, school.per_grade + 1):
                    class_id = f"{grade}-{n}"
                    school.classes.append(class_id)
                    school.grade_of[class_id] = grade
                    school.lessons[class_id] = {}
        courses = [CoursePlan(c.course_id, c.form, c.subject, c.grade, c.hub_class,
                              list(c.receptions), c.sessions, c.per_week, level=c.level)
                   for c in self.courses]
        return schools, courses


def _draw_group(rng: random.Random, index: int, receivers: int, county: str) -> GroupDraw:
    junior = rng.random() < 0.15
    grades = (7, 8, 9) if junior else (1, 2, 3, 4, 5, 6)
    hub_bells = _bells(rng, junior)
    morning_count = 4 if junior else 3
    kind = "中学" if junior else ""
    prefix = f"g{index:03d}"
    hub = SchoolPlan(f"{prefix}-hub", f"{county}{'实验学校' if junior else '中心小学'}",
                     f"{county}", rng.choice((1, 2)) if receivers == 1 else 2, grades,
                     rng.choice((2, 2, 3, 3, 4)), hub_bells)
    schools = [hub]
    villages = rng.sample(["东", "西", "南", "北", "上", "下", "前", "后", "新", "大", "小", "高"], k=3)
    for k in range(receivers):
        village = f"{villages[k]}{rng.choice(['岙', '溪', '塘', '岭', '洋', '坑', '桥', '山'])}"
        schools.append(SchoolPlan(
            f"{prefix}-r{k + 1}", f"{county}{village}{kind or '小学'}", village, 1, grades,
            1, _shifted(rng, hub_bells, morning_count)))
    courses = _courses(rng, prefix, hub, schools[1:])
    return GroupDraw(tuple(schools), tuple(courses))


def _construct(rng: random.Random, plan: GroupDraw, office: random.Random | None) -> Group:
    """The group's timetable and tables on a draw of its schools and courses (with office
    rules drawn from ``office``)."""
    schools, courses = plan.fresh()
    hub = schools[0]
    if office is not None:
        for school in schools:
            _meeting(office, school)
    for course in courses:
        _place_sessions(rng, course, hub, {s.school_id: s for s in schools})
    if office is not None:
        for school in schools:
            _combine(office, school, courses)
            _special_rooms(school, hub, courses)
    staff: dict[str, list[TeacherPlan]] = {}
    teacher_of: dict[tuple[str, str, str], TeacherPlan] = {}
    for school in schools:
        teachers, by_row = _staff(rng, school, hub, courses)
        staff[school.school_id] = teachers
        teacher_of |= {(school.school_id, c, s): t for (c, s), t in by_row.items()}
    _assign_courses(rng, hub, courses, staff, teacher_of)
    co_teacher: dict[tuple[str, str, str], TeacherPlan] = {}
    if office is not None:
        co_teacher = _co_teach(office, hub, courses, staff[hub.school_id], teacher_of)
        for school in schools:
            _limits(office, school, staff[school.school_id])
            _place_combined(office, school, teacher_of)
    for school in schools:
        by_row = {(c, s): t for (sid, c, s), t in teacher_of.items() if sid == school.school_id}
        co = {(c, s): t for (sid, c, s), t in co_teacher.items() if sid == school.school_id}
        order = list(school.classes)
        rng.shuffle(order)
        for class_id in order:
            _fill(rng, school, class_id, by_row, co)
    return _emit(rng, schools, courses, staff, teacher_of, co_teacher)


def _meeting(office: random.Random, school: SchoolPlan) -> None:
    """Office rules: the school's slot for 班会 (Monday period 1, or Friday's last period),
    reserved in every class before any session is placed."""
    day, period = MEETING_SLOTS[0] if office.random() < MEETING_MONDAY else MEETING_SLOTS[1]
    school.office = True
    school.meeting = (day, period or len(school.periods))
    for class_id in school.classes:
        school.lessons[class_id][school.meeting] = MEETING


def _combine(office: random.Random, school: SchoolPlan, courses: list[CoursePlan]) -> None:
    """Office rules: a small primary school (one class a grade) teaches grades 1 and 2 together
    in music, art and PE (合班), each subject all of whose lessons are local in both grades."""
    if school.per_grade != 1 or not set(COMBINED_GRADES) <= set(school.grades):
        return
    if office.random() >= COMBINED_SHARE:
        return
    classes = [f"{grade}-1" for grade in COMBINED_GRADES]
    online = {(c, course.subject) for course in courses
              for s, c in course.receptions if s == school.school_id}
    label = "+".join(classes)
    for subject in COMBINED_SUBJECTS:
        if any((c, subject) in online for c in classes):
            continue
        if len({school.plan(c)[subject] for c in classes}) != 1:
            continue
        for c in classes:
            school.combined[(c, subject)] = label


def _special_rooms(school: SchoolPlan, hub: SchoolPlan, courses: list[CoursePlan]) -> None:
    """Office rules: one music room and one art room at a receiving school; at the hub, rooms
    for music, art, science and IT, as many of each as keep them busy at most ROOM_USE of the
    week with its local lessons (a combined lesson once)."""
    if school is not hub:
        school.special = {subject: 1 for subject in RECEIVING_ROOMS}
        return
    online = Counter((course.hub_class, course.subject) for course in courses
                     if course.hub_class for _ in course.placed)
    for subject in HUB_ROOMS:
        lessons = sum(school.plan(c).get(subject, 0) - online[(c, subject)]
                      for c in school.classes)
        lessons -= sum(school.plan(c)[subject] for c in school.classes
                       if school.combined.get((c, subject), c).split("+")[0] != c)
        if lessons > 0:
            school.special[subject] = max(1, math.ceil(lessons / (ROOM_USE
                                                                  * len(school.slots()))))


def _courses(rng: random.Random, prefix: str, hub: SchoolPlan, receivers: list[SchoolPlan]
             ) -> list[CoursePlan]:
    courses: list[CoursePlan] = []
    grades = list(hub.grades)
    for school in receivers:
        chosen: set[tuple[int, str]] = set()
        while len(chosen) < 2:
            grade = rng.choice(grades)
            subject = rng.choice([s for s in SYNC_SUBJECTS if s in curriculum(grade)])
            chosen.add((grade, subject))
        for grade, subject in sorted(chosen):
            hub_class = f"{grade}-{rng.randint(1, hub.per_grade)}"
            course = CoursePlan(f"{prefix}-sync-{school.school_id[-2:]}-{len(courses) + 1}",
                                "sync", subject, grade, hub_class, [(school.school_id,
                                                                      f"{grade}-1")], 2)
            can_grow = curriculum(grade)[subject] >= 3
            course.per_week = "2-3" if can_grow and rng.random() < 0.3 else "2"
            courses.append(course)
    # A delivery course: a subject the receiving schools cannot staff, all of it online. With
    # several receiving schools it reaches one class at each at once (one-to-many).
    grade = rng.choice([g for g in grades if any(s in curriculum(g) for s in DELIVERY_SUBJECTS)])
    subject = rng.choice([s for s in DELIVERY_SUBJECTS if s in curriculum(grade)])
    count = curriculum(grade)[subject]
    courses.append(CoursePlan(f"{prefix}-deliv-1", "delivery", subject, grade, None,
                              [(s.school_id, f"{grade}-1") for s in receivers], count,
                              str(count)))
    if rng.random() < (0.5 if len(receivers) > 1 else 0.2):
        grade = rng.choice(grades)
        subject = rng.choice([s for s in FAMOUS_SUBJECTS if s in curriculum(grade)])
        famous = CoursePlan(f"{prefix}-famous-1", "famous", subject, grade, None,
                            [(s.school_id, f"{grade}-1") for s in receivers], 1, "1")
        famous.level = rng.choice(("city", "region"))
        courses.append(famous)
    # No class may get more online lessons of a subject than its curriculum has.
    online: Counter[tuple[str, str, str]] = Counter()
    for course in courses:
        most = int(course.per_week.split("-")[-1])
        if course.hub_class:
            online[(hub.school_id, course.hub_class, course.subject)] += most
        for school_id, class_id in course.receptions:
            online[(school_id, class_id, course.subject)] += most
    for (_, class_id, subject), count in online.items():
        if count > curriculum(int(class_id.split("-")[0])).get(subject, 0):
            raise ConstructionFailed("online lessons exceed the curriculum")
    return courses


def _place_sessions(rng: random.Random, course: CoursePlan, hub: SchoolPlan,
                    schools: dict[str, SchoolPlan]) -> None:
    receiving = list(dict.fromkeys(s for s, _ in course.receptions))
    candidates = [(d, h) for d in DAYS for h in range(1, len(hub.periods) + 1)]
    rng.shuffle(candidates)
    per_day: Counter[str] = Counter()
    for _ in range(course.sessions):
        candidates.sort(key=lambda slot: per_day[slot[0]])
        for day, h in candidates:
            if course.hub_class and (day, h) in hub.lessons[course.hub_class]:
                continue
            if hub.room_use[(day, h)] >= hub.rooms:
                continue
            if any(day == d and h == hp for d, hp, _ in course.placed):
                continue
            chosen = {}
            for school_id in receiving:
                school = schools[school_id]
                classes = [c for s, c in course.receptions if s == school_id]
                options = [r for r in range(1, len(school.periods) + 1)
                           if _overlap(hub.periods[h - 1], school.periods[r - 1]) >= MIN_OVERLAP
                           and school.room_use[(day, r)] < school.rooms
                           and all((day, r) not in school.lessons[c] for c in classes)]
                if not options:
                    break
                chosen[school_id] = rng.choice(options)
            else:
                course.placed.append((day, h, chosen))
                per_day[day] += 1
                hub.room_use[(day, h)] += 1
                if course.hub_class:
                    hub.lessons[course.hub_class][(day, h)] = course.subject
                for school_id, r in chosen.items():
                    school = schools[school_id]
                    school.room_use[(day, r)] += 1
                    for s, c in course.receptions:
                        if s == school_id:
                            school.lessons[c][(day, r)] = course.subject
                break
        else:
            raise ConstructionFailed("no period for a session")


@dataclass
class TeacherPlan:
    teacher_id: str
    name: str
    target: int
    fixed: set[Slot] = field(default_factory=set)
    """Periods taken before the classes are filled: sessions taught or assisted."""
    busy: set[Slot] = field(default_factory=set)
    rows: list[tuple[str, str]] = field(default_factory=list)  # (class, subject)
    lessons: int = 0
    level: str = ""
    homeroom: str = ""
    assisted: int = 0
    """Sessions she assists."""
    max_per_day: int | None = None
    max_consecutive: int | None = None
    max_days: int | None = None
    days: set[str] | None = None
    """With max_days: the days she comes."""

    @property
    def limited(self) -> bool:
        return (self.max_per_day is not None or self.max_consecutive is not None
                or self.days is not None)

    def fits(self, school: SchoolPlan, slot: Slot, extra: list[Slot]) -> bool:
        """Whether she may also take ``slot`` within her day limits, with her busy periods and
        ``extra`` (periods she takes in the class being filled) taken."""
        day, period = slot
        periods = {p for d, p in self.busy if d == day} | {p for d, p in extra if d == day}
        return self.fits_day(school, day, period, periods)

    def fits_day(self, school: SchoolPlan, day: str, period: int, periods: set[int]) -> bool:
        """Whether she may also take ``period`` on ``day``, when ``periods`` are taken then."""
        if self.days is not None and day not in self.days:
            return False
        if self.max_per_day is None and self.max_consecutive is None:
            return True
        periods = periods | {period}
        if self.max_per_day is not None and len(periods) > self.max_per_day:
            return False
        if self.max_consecutive is not None:
            half = next(h for h in school.halves() if period in h)
            run = [p for p in half if p in periods]
            longest = current = 0
            for i, p in enumerate(run):
                current = current + 1 if i and run[i - 1] == p - 1 else 1
                longest = max(longest, current)
            if longest > self.max_consecutive:
                return False
        return True


def _staff(rng: random.Random, school: SchoolPlan, hub: SchoolPlan, courses: list[CoursePlan],
           ) -> tuple[list[TeacherPlan], dict[tuple[str, str], TeacherPlan]]:
    """Teachers for every curriculum row with local lessons: a class teacher (班主任) per class,
    specialists for the rest (several subjects each at small schools), loads of 12-18 lessons,
    and no clash among the periods already fixed by sessions."""
    teachers: list[TeacherPlan] = []

    def new_teacher() -> TeacherPlan:
        teacher = TeacherPlan(f"{school.school_id}-t{len(teachers) + 1:02d}", _name(rng),
                              rng.randint(12, 18))
        teachers.append(teacher)
        return teacher

    fixed: dict[tuple[str, str], set[Slot]] = defaultdict(set)
    received: Counter[tuple[str, str]] = Counter()
    for course in courses:
        for day, h, _ in course.placed:
            if school is hub and course.hub_class:
                fixed[(course.hub_class, course.subject)].add((day, h))
            for school_id, class_id in course.receptions:
                if school_id == school.school_id:
                    received[(class_id, course.subject)] += 1
    if school.meeting is not None:
        for class_id in school.classes:
            fixed[(class_id, MEETING)].add(school.meeting)
    rows = {(school.combined.get((c, subject), c), subject): count - received[(c, subject)]
            for c in school.classes
            for subject, count in school.plan(c).items()
            if count > received[(c, subject)]}
    teacher_of: dict[tuple[str, str], TeacherPlan] = {}
    for class_id in school.classes:
        teacher = new_teacher()
        teacher.homeroom = class_id
        for subject in HOMEROOM:
            if (class_id, subject) in rows:
                teacher_of[(class_id, subject)] = teacher
                teacher.rows.append((class_id, subject))
                teacher.lessons += rows[(class_id, subject)]
                teacher.fixed |= fixed[(class_id, subject)]
    mixed = school is not hub
    for (class_id, subject), count in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        if (class_id, subject) in teacher_of:
            continue
        slots = fixed[(class_id, subject)]
        fits = [t for t in teachers if not t.homeroom and not (t.fixed & slots)
                and t.lessons + count <= t.target
                and (mixed or all(s == subject for _, s in t.rows))]
        teacher = fits[0] if fits else new_teacher()
        teacher_of[(class_id, subject)] = teacher
        teacher.rows.append((class_id, subject))
        teacher.lessons += count
        teacher.fixed |= slots
    for teacher in teachers:
        teacher.busy = set(teacher.fixed)
    return teachers, teacher_of


def _fill(rng: random.Random, school: SchoolPlan, class_id: str,
          teacher_of: dict[tuple[str, str], TeacherPlan],
          co_teacher: dict[tuple[str, str], TeacherPlan] | None = None) -> None:
    """The class's local lessons into its free periods, each at a period its teacher (and
    co-teacher) is free: a bipartite matching of lessons to periods (Kuhn's augmenting paths),
    trying spread-out days and morning periods for core subjects first. With office rules a
    lesson also needs a free special room of its subject, and each step of an augmenting path
    keeps the teachers' day limits with the lessons matched so far."""
    taken = school.lessons[class_id]
    online = Counter(taken.values())
    todo: list[tuple[str, TeacherPlan]] = []
    for subject, count in school.plan(class_id).items():
        teacher = teacher_of.get((class_id, subject))
        if teacher is not None:
            todo += [(subject, teacher)] * (count - online[subject])
    free = [slot for slot in school.slots() if slot not in taken]
    if len(todo) > len(free):
        raise ConstructionFailed("more lessons than free periods")
    core = {"语文", "数学", "英语"}
    rng.shuffle(todo)
    todo.sort(key=lambda lesson: lesson[0] not in core)
    co = co_teacher or {}
    teachers = [(t, co[(class_id, s)]) if (class_id, s) in co else (t,) for s, t in todo]
    limited = school.office
    match: dict[Slot, int] = {}
    per_day: Counter[tuple[str, str]] = Counter()

    # With office rules: what stays the same while this class is filled, computed once.
    static: dict[tuple[str, tuple[int, ...]], tuple[list[Slot], Counter[str]]] = {}
    busy_on: dict[tuple[int, str], set[int]] = {}

    def preferred(lesson: int) -> list[Slot]:
        subject, teacher = todo[lesson]
        if limited:
            key = (subject, tuple(id(t) for t in teachers[lesson]))
            if key not in static:
                static[key] = ([slot for slot in free if school.room_free(subject, slot)
                                and all(slot not in t.busy for t in teachers[lesson])],
                               Counter(d for t in teachers[lesson] for d, _ in t.busy))
            options, busy = static[key]
            options = list(options)
            rng.shuffle(options)
            # the teacher's own days evened out too, for her day limits
            options.sort(key=lambda slot: (per_day[(subject, slot[0])], busy[slot[0]],
                                           subject in core and not school.morning(slot[1])))
            return options
        options = [slot for slot in free if slot not in teacher.busy]
        rng.shuffle(options)
        options.sort(key=lambda slot: (per_day[(subject, slot[0])],
                                       subject in core and not school.morning(slot[1])))
        return options

    def fits(lesson: int, slot: Slot) -> bool:
        day, period = slot
        for t in teachers[lesson]:
            if not t.limited:
                continue
            if (id(t), day) not in busy_on:
                busy_on[(id(t), day)] = {p for d, p in t.busy if d == day}
            periods = busy_on[(id(t), day)] | {
                p for (d, p), i in match.items()
                if d == day and any(t is x for x in teachers[i])}
            if not t.fits_day(school, day, period, periods):
                return False
        return True

    def augment(lesson: int, seen: set[Slot]) -> bool:
        for slot in preferred(lesson):
            if slot in seen:
                continue
            other = match.get(slot)
            if limited:
                # The path's state as it goes: the lesson displaced, this one in its place.
                match.pop(slot, None)
                if not fits(lesson, slot):
                    if other is not None:
                        match[slot] = other
                    continue
                seen.add(slot)
                match[slot] = lesson
                if other is None or augment(other, seen):
                    return True
                match[slot] = other
                continue
            seen.add(slot)
            if other is None or augment(other, seen):
                match[slot] = lesson
                return True
        return False

    for lesson in range(len(todo)):
        if not augment(lesson, set()):
            raise ConstructionFailed("no matching of a class's lessons")
        slot = next(s for s, i in match.items() if i == lesson)
        per_day[(todo[lesson][0], slot[0])] += 1
    for slot, lesson in match.items():
        subject, teacher = todo[lesson]
        taken[slot] = subject
        for t in teachers[lesson]:
            t.busy.add(slot)
        school.take_room(subject, slot, (class_id,))


def _assign_courses(rng: random.Random, hub: SchoolPlan, courses: list[CoursePlan],
                    staff: dict[str, list[TeacherPlan]],
                    teacher_of: dict[tuple[str, str, str], TeacherPlan]) -> None:
    """Hub teachers and assistants of the courses. A sync course is taught by its hub class's
    teacher of the subject; a delivery or famous course by a hub specialist free then; the
    assistant is each receiving class's class teacher, who is free while her class is online."""
    hub_teachers = staff[hub.school_id]
    for course in courses:
        hub_slots = {(d, h) for d, h, _ in course.placed}
        if course.hub_class:
            teacher = teacher_of[(hub.school_id, course.hub_class, course.subject)]
        else:
            fits = [t for t in hub_teachers if not t.homeroom and not (t.fixed & hub_slots)
                    and t.lessons + len(hub_slots) <= 18
                    and all(s == course.subject for _, s in t.rows)]
            if fits:
                teacher = fits[0]
            else:
                teacher = TeacherPlan(f"{hub.school_id}-t{len(hub_teachers) + 1:02d}",
                                      _name(rng), rng.randint(12, 18))
                hub_teachers.append(teacher)
            teacher.fixed |= hub_slots
            teacher.busy |= hub_slots
            teacher.lessons += len(hub_slots)
        course.hub_teacher = teacher.teacher_id
        if course.level:
            teacher.level = course.level
        elif course.form == "sync" and not teacher.level and rng.random() < 0.3:
            teacher.level = "county"
        for school_id, class_id in course.receptions:
            homeroom = next(t for t in staff[school_id] if t.homeroom == class_id)
            course.assistants[(school_id, class_id)] = homeroom.teacher_id
            for day, _, chosen in course.placed:
                homeroom.fixed.add((day, chosen[school_id]))
                homeroom.busy.add((day, chosen[school_id]))
                homeroom.assisted += 1


def _co_teach(office: random.Random, hub: SchoolPlan, courses: list[CoursePlan],
              teachers: list[TeacherPlan], teacher_of: dict[tuple[str, str, str], TeacherPlan]
              ) -> dict[tuple[str, str, str], TeacherPlan]:
    """Office rules, at a few hubs: one class's 科学 (grade 3 or above, no online lesson of
    it) taught by two teachers together, its teacher and another specialist with room in her
    week (a 科学 teacher first)."""
    if office.random() >= CO_TEACHING_SHARE:
        return {}
    online = {(c.hub_class, c.subject) for c in courses if c.hub_class}
    classes = [c for c in hub.classes if hub.grade_of[c] >= 3 and (c, CO_TAUGHT) not in online
               and (hub.school_id, c, CO_TAUGHT) in teacher_of]
    if not classes:
        return {}
    class_id = office.choice(classes)
    first = teacher_of[(hub.school_id, class_id, CO_TAUGHT)]
    count = hub.plan(class_id)[CO_TAUGHT]
    others = [t for t in teachers if t is not first and not t.homeroom
              and t.lessons + t.assisted + count <= 18]
    others.sort(key=lambda t: not all(s == CO_TAUGHT for _, s in t.rows))
    if not others:
        return {}
    second = others[0]
    second.rows.append((class_id, CO_TAUGHT))
    second.lessons += count
    return {(hub.school_id, class_id, CO_TAUGHT): second}


def _place_combined(office: random.Random, school: SchoolPlan,
                    teacher_of: dict[tuple[str, str, str], TeacherPlan]) -> None:
    """Office rules: the lessons of each combined row, before the classes are filled, each at a
    period where all its classes and its teacher are free, within her day limits, with a free
    special room, on the days with fewest of them so far."""
    labels = dict.fromkeys((label, subject) for (_, subject), label in school.combined.items())
    for label, subject in labels:
        classes = tuple(label.split("+"))
        teacher = teacher_of[(school.school_id, label, subject)]
        per_day: Counter[str] = Counter()
        for _ in range(school.plan(classes[0])[subject]):
            options = [slot for slot in school.slots()
                       if all(slot not in school.lessons[c] for c in classes)
                       and slot not in teacher.busy and school.room_free(subject, slot)
                       and teacher.fits(school, slot, [])]
            if not options:
                raise ConstructionFailed("no period for a combined lesson")
            office.shuffle(options)
            slot = min(options, key=lambda s: per_day[s[0]])
            per_day[slot[0]] += 1
            for c in classes:
                school.lessons[c][slot] = subject
            teacher.busy.add(slot)
            school.take_room(subject, slot, classes)


def _draw(office: random.Random, choices: tuple[tuple[int | None, float], ...]) -> int | None:
    x = office.random()
    for value, p in choices:
        if x < p:
            return value
        x -= p
    return choices[-1][0]


def _limits(office: random.Random, school: SchoolPlan, teachers: list[TeacherPlan]) -> None:
    """Office rules: each teacher's max_per_day (4 or 5 mostly, raised to what her week needs
    with some room), max_consecutive for some, max_days for a few part-time specialists with a
    light week; drawn before the classes are filled, which keeps them."""
    days = len(DAYS)
    periods = len(school.periods)
    halves = school.halves()
    for t in teachers:
        week = t.lessons + t.assisted
        fixed_days = Counter(d for d, _ in t.fixed)
        cap = _draw(office, MAX_PER_DAY)
        if cap is not None:
            cap = max(cap, math.ceil(week / days), max(fixed_days.values(), default=0))
            if week > 0.85 * days * cap:
                cap += 1
            t.max_per_day = cap if cap < periods else None
        per_day = t.max_per_day or periods
        if office.random() < MAX_CONSECUTIVE_SHARE:
            k = _draw(office, MAX_CONSECUTIVE)
            assert k is not None
            most = sum(len(h) - len(h) // (k + 1) for h in halves)
            t.max_consecutive = k
            if (week > 0.8 * days * min(per_day, most)
                    or not all(t.fits(school, slot, []) for slot in t.fixed)):
                t.max_consecutive = None
            else:
                per_day = min(per_day, most)
        if not t.homeroom and week <= 12 and office.random() < PART_TIME_SHARE:
            n = office.choice(PART_TIME_DAYS)
            if len(fixed_days) <= n and week <= 0.7 * n * per_day:
                others = [d for d in DAYS if d not in fixed_days]
                t.max_days = n
                t.days = set(fixed_days) | set(office.sample(others, n - len(fixed_days)))


def _emit(rng: random.Random, schools: list[SchoolPlan], courses: list[CoursePlan],
          staff: dict[str, list[TeacherPlan]],
          teacher_of: dict[tuple[str, str, str], TeacherPlan],
          co_teacher: dict[tuple[str, str, str], TeacherPlan] | None = None) -> Group:
    hub = schools[0]
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    online_at: dict[tuple[str, str], set[Slot]] = defaultdict(set)
    for course in courses:
        for day, _, chosen in course.placed:
            for school_id, class_id in course.receptions:
                online_at[(school_id, class_id)].add((day, chosen[school_id]))
    hub_class_sessions = {(hub.school_id, c.hub_class, (d, h))
                          for c in courses if c.hub_class for d, h, _ in c.placed}

    lessons: list[LocalLesson] = []
    for school in schools:
        for class_id in school.classes:
            for slot, subject in sorted(school.lessons[class_id].items()):
                if slot in online_at[(school.school_id, class_id)]:
                    continue
                if (school.school_id, class_id, slot) in hub_class_sessions:
                    continue
                label = school.combined.get((class_id, subject), class_id)
                teacher_id = _teacher_id(school.school_id, label, subject, teacher_of,
                                         co_teacher or {})
                lessons.append(LocalLesson(school.school_id, class_id, subject, teacher_id,
                                           *slot, room_id=school.room_at.get((class_id, slot), ""),
                                           group=label if label != class_id else ""))
    sessions = [Session(c.course_id, d, h, tuple(chosen.items()))
                for c in courses for d, h, chosen in c.placed]

    # (a combined lesson counts once; each co-teacher counts a co-taught one)
    local = Counter(t for t, _ in {(t, (x.school_id, x.lesson_id)) for x in lessons
                                   for t in x.teacher_ids})
    taught = Counter(c.hub_teacher for c in courses for _ in c.placed)
    assisted = Counter(a for c in courses for _ in c.placed for a in set(c.assistants.values()))
    for school in schools:
        rows["schools"].append({"school_id": school.school_id, "name": school.name,
                                "short_name": school.short_name, "sync_rooms": school.rooms})
        for period, (start, end) in enumerate(school.periods, start=1):
            rows["bells"].append({"school_id": school.school_id, "season": "winter",
                                  "period": period, "start": hhmm(start), "end": hhmm(end)})
        for class_id in school.classes:
            grade = school.grade_of[class_id]
            name = (f"{CHINESE_GRADES[grade - 1]}({class_id.split('-')[1]})班"
                    if school.per_grade > 1 else f"{CHINESE_GRADES[grade - 1]}年级")
            rows["classes"].append({"school_id": school.school_id, "class_id": class_id,
                                    "grade": grade, "name": name})
            per_day = Counter((subject, day) for (day, _), subject
                              in school.lessons[class_id].items())
            for subject, count in school.plan(class_id).items():
                label = school.combined.get((class_id, subject), class_id)
                if label.split("+")[0] != class_id:
                    continue  # a combined row is written once, under its first class
                row_teacher = teacher_of.get((school.school_id, label, subject))
                most = max(per_day[(subject, d)] for d in DAYS)
                cap = most if subject in ("语文", "数学") and most <= 2 and count > 2 else ""
                rows["curriculum"].append({
                    "school_id": school.school_id, "class_id": label, "subject": subject,
                    "teacher_id": _teacher_id(school.school_id, label, subject, teacher_of,
                                              co_teacher or {}) if row_teacher else "",
                    "per_week": count,
                    "max_per_day": cap})
                if school.meeting is not None and subject == MEETING:
                    rows["pinned"].append({"school_id": school.school_id,
                                           "class_id": class_id, "subject": subject,
                                           "day": school.meeting[0],
                                           "period": school.meeting[1]})
        for teacher in staff[school.school_id]:
            t = teacher.teacher_id
            load = local[t] + 1.5 * taught[t] + assisted[t]
            rows["teachers"].append({
                "teacher_id": t, "school_id": school.school_id, "name": teacher.name,
                "level": teacher.level,
                "min_load": max(0, math.floor(load) - rng.choice((2, 3, 4))),
                "max_load": math.ceil(load) + rng.choice((1, 2, 3, 4)),
                "unavailable": _unavailable(rng, teacher.busy, len(school.periods))})
            if school.office:
                rows["teachers"][-1] |= {
                    "max_per_day": teacher.max_per_day or "",
                    "max_consecutive": teacher.max_consecutive or "",
                    "max_days": teacher.max_days or ""}
        for subject, count in school.special.items():
            stem, name = ROOM_NAMES[subject]
            for n in range(1, count + 1):
                rows["rooms"].append({"school_id": school.school_id, "room_id": f"{stem}-{n}",
                                      "name": name if count == 1 else f"{name}{n}",
                                      "subjects": subject})
    for course in courses:
        for school_id, class_id in course.receptions:
            rows["sync"].append({
                "course_id": course.course_id, "form": course.form,
                "hub_school": hub.school_id, "hub_teacher": course.hub_teacher,
                "hub_class": course.hub_class or "", "receiving_school": school_id,
                "receiving_class": class_id, "subject": course.subject,
                "per_week": course.per_week,
                "assistant_teacher": course.assistants[(school_id, class_id)]})
    return Group(dict(rows), lessons, sessions)


def _teacher_id(school_id: str, label: str, subject: str,
                teacher_of: dict[tuple[str, str, str], TeacherPlan],
                co_teacher: dict[tuple[str, str, str], TeacherPlan]) -> str:
    """The teacher of a curriculum row, or its co-teachers joined by ``+``."""
    key = (school_id, label, subject)
    teachers = [teacher_of[key]] + ([co_teacher[key]] if key in co_teacher else [])
    return "+".join(t.teacher_id for t in teachers)


def _unavailable(rng: random.Random, busy: set[Slot], periods: int) -> str:
    """About one teacher in five is away some periods she has free in the witness: a meeting
    afternoon (Wed:5-6) or a single period."""
    if rng.random() > 0.2:
        return ""
    free = [(d, p) for d in DAYS for p in range(1, periods + 1) if (d, p) not in busy]
    for day in rng.sample(DAYS, len(DAYS)):
        afternoon = [p for p in range(periods - 1, periods + 1) if (day, p) not in busy]
        if len(afternoon) == 2:
            return f"{day}:{periods - 1}-{periods}"
    if free:
        day, period = rng.choice(free)
        return f"{day}:{period}"
    return ""
