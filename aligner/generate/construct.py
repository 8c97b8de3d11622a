"""Building one group of schools (a hub and its receiving schools) feasible by construction.

The timetable comes first: sessions are placed where the bells really overlap and the sync
rooms are free, every class's remaining lessons fill its free periods, and only then are
teachers formed from lessons whose periods do not clash, assistants chosen among the teachers
free in their sessions, unavailability drawn from periods a teacher has free, and load bounds
set around the load the timetable gives. That timetable (the witness) keeps every rule, so the
instance has at least one solution; the tests check the witness with the independent checker.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from aligner.generate.presets import (
    DAYS,
    DELIVERY_SUBJECTS,
    FAMOUS_SUBJECTS,
    GIVEN,
    HOMEROOM,
    SURNAMES,
    SYNC_SUBJECTS,
    curriculum,
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

    def slots(self) -> list[Slot]:
        return [(d, p) for d in DAYS for p in range(1, len(self.periods) + 1)]

    def morning(self, period: int) -> bool:
        return self.periods[period - 1][0] < 12 * 60


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


def build_group(rng: random.Random, index: int, receivers: int, county: str) -> Group:
    """One hub and ``receivers`` receiving schools, with their courses; retried until built."""
    for _ in range(50):
        try:
            return _attempt(rng, index, receivers, county)
        except ConstructionFailed:
            continue
    raise RuntimeError(f"group {index}: no construction in 50 draws")  # not seen in practice


def _attempt(rng: random.Random, index: int, receivers: int, county: str) -> Group:
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
    for school in schools:
        for grade in grades:
            for n in range(1, school.per_grade + 1):
                class_id = f"{grade}-{n}"
                school.classes.append(class_id)
                school.grade_of[class_id] = grade
                school.lessons[class_id] = {}

    courses = _courses(rng, prefix, hub, schools[1:])
    for course in courses:
        _place_sessions(rng, course, hub, {s.school_id: s for s in schools})
    staff: dict[str, list[TeacherPlan]] = {}
    teacher_of: dict[tuple[str, str, str], TeacherPlan] = {}
    for school in schools:
        teachers, by_row = _staff(rng, school, hub, courses)
        staff[school.school_id] = teachers
        teacher_of |= {(school.school_id, c, s): t for (c, s), t in by_row.items()}
    _assign_courses(rng, hub, courses, staff, teacher_of)
    for school in schools:
        by_row = {(c, s): t for (sid, c, s), t in teacher_of.items() if sid == school.school_id}
        order = list(school.classes)
        rng.shuffle(order)
        for class_id in order:
            _fill(rng, school, class_id, by_row)
    return _emit(rng, schools, courses, staff, teacher_of)


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
            raise ConstructionFailed
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
            raise ConstructionFailed


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
    rows = {(c, subject): count - received[(c, subject)]
            for c in school.classes
            for subject, count in curriculum(school.grade_of[c]).items()
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
          teacher_of: dict[tuple[str, str], TeacherPlan]) -> None:
    """The class's local lessons into its free periods, each at a period its teacher is free:
    a bipartite matching of lessons to periods (Kuhn's augmenting paths), trying spread-out
    days and morning periods for core subjects first."""
    taken = school.lessons[class_id]
    online = Counter(taken.values())
    todo: list[tuple[str, TeacherPlan]] = []
    for subject, count in curriculum(school.grade_of[class_id]).items():
        teacher = teacher_of.get((class_id, subject))
        if teacher is not None:
            todo += [(subject, teacher)] * (count - online[subject])
    free = [slot for slot in school.slots() if slot not in taken]
    if len(todo) > len(free):
        raise ConstructionFailed
    core = {"语文", "数学", "英语"}
    rng.shuffle(todo)
    todo.sort(key=lambda lesson: lesson[0] not in core)
    match: dict[Slot, int] = {}
    per_day: Counter[tuple[str, str]] = Counter()

    def preferred(lesson: int) -> list[Slot]:
        subject, teacher = todo[lesson]
        options = [slot for slot in free if slot not in teacher.busy]
        rng.shuffle(options)
        options.sort(key=lambda slot: (per_day[(subject, slot[0])],
                                       subject in core and not school.morning(slot[1])))
        return options

    def augment(lesson: int, seen: set[Slot]) -> bool:
        for slot in preferred(lesson):
            if slot in seen:
                continue
            seen.add(slot)
            other = match.get(slot)
            if other is None or augment(other, seen):
                match[slot] = lesson
                return True
        return False

    for lesson in range(len(todo)):
        if not augment(lesson, set()):
            raise ConstructionFailed
        slot = next(s for s, i in match.items() if i == lesson)
        per_day[(todo[lesson][0], slot[0])] += 1
    for slot, lesson in match.items():
        subject, teacher = todo[lesson]
        taken[slot] = subject
        teacher.busy.add(slot)


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


def _emit(rng: random.Random, schools: list[SchoolPlan], courses: list[CoursePlan],
          staff: dict[str, list[TeacherPlan]],
          teacher_of: dict[tuple[str, str, str], TeacherPlan]) -> Group:
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
                teacher = teacher_of[(school.school_id, class_id, subject)]
                lessons.append(LocalLesson(school.school_id, class_id, subject,
                                           teacher.teacher_id, *slot))
    sessions = [Session(c.course_id, d, h, tuple(chosen.items()))
                for c in courses for d, h, chosen in c.placed]

    local = Counter(lesson.teacher_id for lesson in lessons)
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
            for subject, count in curriculum(grade).items():
                row_teacher = teacher_of.get((school.school_id, class_id, subject))
                most = max(per_day[(subject, d)] for d in DAYS)
                cap = most if subject in ("语文", "数学") and most <= 2 and count > 2 else ""
                rows["curriculum"].append({
                    "school_id": school.school_id, "class_id": class_id, "subject": subject,
                    "teacher_id": row_teacher.teacher_id if row_teacher else "",
                    "per_week": count,
                    "max_per_day": cap})
        for teacher in staff[school.school_id]:
            t = teacher.teacher_id
            load = local[t] + 1.5 * taught[t] + assisted[t]
            rows["teachers"].append({
                "teacher_id": t, "school_id": school.school_id, "name": teacher.name,
                "level": teacher.level,
                "min_load": max(0, math.floor(load) - rng.choice((2, 3, 4))),
                "max_load": math.ceil(load) + rng.choice((1, 2, 3, 4)),
                "unavailable": _unavailable(rng, teacher.busy, len(school.periods))})
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
