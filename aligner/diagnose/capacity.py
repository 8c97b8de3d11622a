"""Fast capacity checks, run before the solver: necessary conditions for a timetable to exist.

Each check counts what a rule needs against what the instance can offer at best (periods that
align, periods a teacher is available, rooms, courses), so every finding is a proof that no
timetable exists, stated as one sentence in the user's terms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from aligner.alignment.overlap import SessionOptions, alignments, session_options
from aligner.instance import Course, CurriculumRow, DaysApart, Instance, Teacher
from aligner.messages import listed, say

Slot = tuple[str, int]


@dataclass(frozen=True)
class Finding:
    """One reason the instance cannot be scheduled; ``rule`` names the rule group."""

    rule: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


def count(n: int, noun: str) -> str:
    """'1 session', '3 sessions' ('3 节'): ``noun`` is session, period, sync room, day or rule."""
    return say("diagnose.n." + noun.replace(" ", "_"), n=n)


def teacher_phrase(instance: Instance, teacher_id: str) -> str:
    name = instance.teacher_name(teacher_id)
    if name != teacher_id:
        return say("diagnose.teacher_named", name=name, id=teacher_id)
    return say("diagnose.teacher", name=name)


def class_phrase(instance: Instance, school_id: str, class_id: str) -> str:
    return say("diagnose.class", klass=instance.class_name(school_id, class_id),
               school=instance.school_name(school_id))


def level_word(level: str | None) -> str:
    """A backbone level as sentences name it: county (县级), city (市级), region (区级)."""
    return say(f"diagnose.level.{level}") if level in ("county", "city", "region") else str(level)


def row_phrase(instance: Instance, row: CurriculumRow) -> str:
    """The class of a curriculum row, or its combined classes (合班)."""
    if not row.combined:
        return class_phrase(instance, row.school_id, row.class_id)
    names = "、".join(instance.class_name(row.school_id, c) for c in row.class_ids)
    return say("diagnose.combined", classes=names, school=instance.school_name(row.school_id))


def group_phrase(instance: Instance, group: DaysApart) -> str:
    """The rows of a days_apart.csv group: '一年级 of 厚仁 科学、一年级 of 厚仁 信息科技'."""
    return "、".join(f"{row_phrase(instance, r)} {r.subject}" for r in instance.rows_of(group))


def teachers_phrase(instance: Instance, row: CurriculumRow) -> str:
    """The teacher of a curriculum row, or its co-teachers."""
    return say("diagnose.and").join(teacher_phrase(instance, t) for t in row.teacher_ids)


class Capacity:
    """What the instance can offer at best, computed once for all checks."""

    def __init__(self, instance: Instance):
        self.instance = instance
        pairs = alignments(instance)
        self.options: dict[str, SessionOptions] = {
            c.course_id: session_options(instance, c, pairs) for c in instance.courses
        }
        self._row_available: dict[tuple[str, tuple[str, ...]], list[Slot]] = {}

    @cached_property
    def blocked(self) -> set[str]:
        """Courses that cannot reach min_per_week sessions at all (course_alignment says so);
        the checks that count on them stay silent rather than repeat the same cause."""
        return {c.course_id for c in self.instance.courses
                if len(self.options[c.course_id]) < c.min_per_week}

    def most_sessions(self, course: Course) -> int:
        return min(course.max_per_week, len(self.options[course.course_id]))

    @cached_property
    def placements(self) -> dict[str, dict[str, set[Slot]]]:
        """course -> school -> (day, period) slots a session of the course may use there."""
        result: dict[str, dict[str, set[Slot]]] = {}
        for course in self.instance.courses:
            at: dict[str, set[Slot]] = defaultdict(set)
            for (day, hub_period), choices in self.options[course.course_id].items():
                at[course.hub_school].add((day, hub_period))
                for school_id, periods in choices.items():
                    at[school_id].update((day, choice.period) for choice in periods)
            result[course.course_id] = at
        return result

    def available(self, teacher_id: str, school_id: str) -> list[Slot]:
        return [(day, bell.period) for day in self.instance.days
                for bell in self.instance.periods(school_id)
                if not self.instance.is_unavailable(teacher_id, day, bell.period)]

    def row_available(self, row: CurriculumRow) -> list[Slot]:
        """The slots where every teacher of the row (co-teachers all) is available."""
        key = (row.school_id, row.teacher_ids)
        if key not in self._row_available:  # (several checks ask, per class and per row)
            self._row_available[key] = [
                (day, bell.period) for day in self.instance.days
                for bell in self.instance.periods(row.school_id)
                if not any(self.instance.is_unavailable(t, day, bell.period)
                           for t in row.teacher_ids)]
        return self._row_available[key]

    def online_bounds(self, row: CurriculumRow) -> tuple[int, int]:
        """Fewest and most sessions that can count toward a curriculum row."""
        courses = self.instance.courses_reaching.get((row.school_id, row.class_id, row.subject), ())
        return sum(c.min_per_week for c in courses), sum(self.most_sessions(c) for c in courses)


# ---- the checks --------------------------------------------------------------------------------


def slots_text(instance: Instance, slots: Iterable[Slot]) -> str:
    """[('Mon', 1), ('Mon', 2), ('Wed', 3)] -> 'Mon 1-2, Wed 3' (days in the instance's order)."""
    by_day: dict[str, list[int]] = defaultdict(list)
    for day, period in slots:
        by_day[day].append(period)
    parts = []
    for day in sorted(by_day, key=lambda d: instance.days.index(d) if d in instance.days else 99):
        runs: list[list[int]] = []
        for period in sorted(by_day[day]):
            if runs and period == runs[-1][-1] + 1:
                runs[-1].append(period)
            else:
                runs.append([period])
        parts.append(say("diagnose.day_periods", day=day, periods=",".join(
            f"{r[0]}" if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)))
    return listed(parts) if parts else say("diagnose.no_period")


def course_slots_sentence(instance: Instance, course: Course, slots: list[Slot],
                          teachers: Iterable[str]) -> str:
    """'course ma needs 4 sessions a week, but only 3 periods of 巫溪 (Mon 1-3) overlap 厚仁's
    periods by at least 30 minutes while teacher 王老师 is available'."""
    hub = instance.school_name(course.hub_school)
    receiving = "、".join(instance.school_name(s) for s in course.receiving_schools)
    where = say("diagnose.in_brackets", text=slots_text(instance, slots)) \
        if 0 < len(slots) <= 10 else ""
    names = [teacher_phrase(instance, t) for t in teachers]
    who = say("diagnose.while_available", n=len(names),
              names=say("diagnose.and").join(names)) if names else ""
    key = "diagnose.course_slots_but" if len(slots) < course.min_per_week \
        else "diagnose.course_slots_and"
    return say(key, course=course.course_id, sessions=count(course.min_per_week, "session"),
               periods=count(len(slots), "period"), hub=hub, where=where, receiving=receiving,
               minutes=instance.policy.min_overlap_minutes, who=who)


def course_alignment(cap: Capacity) -> Iterator[Finding]:
    """A course needs min_per_week (day, hub period) slots where a session can take place."""
    instance = cap.instance
    for course in instance.courses:
        if course.course_id in cap.blocked:
            assistants = {a for s in course.receiving_schools for a in course.assistants_at(s)}
            yield Finding("course", course_slots_sentence(
                instance, course, list(cap.options[course.course_id]),
                [course.hub_teacher, *sorted(assistants)]))


def research_slots(cap: Capacity) -> Iterator[Finding]:
    """A sync course's sessions and research meetings each take its hub teacher at a (day, hub
    period) where they can be: min_per_week + research_per_week <= those slots."""
    instance = cap.instance
    meetings = instance.policy.research_per_week
    for course in instance.policy.research_courses(instance.courses):
        slots = len(cap.options[course.course_id])
        if course.course_id not in cap.blocked and course.min_per_week + meetings > slots:
            yield Finding("research", say(
                "diagnose.research_slots", course=course.course_id, n=meetings,
                sessions=count(course.min_per_week, "session"),
                periods=count(slots, "period"), hub=instance.school_name(course.hub_school),
                receiving="、".join(instance.school_name(s) for s in course.receiving_schools),
                minutes=instance.policy.min_overlap_minutes))


def sync_rooms(cap: Capacity) -> Iterator[Finding]:
    """Sessions that need a school's sync rooms <= rooms x periods where a session can be."""
    instance = cap.instance
    needed: dict[str, int] = defaultdict(int)
    usable: dict[str, set[Slot]] = defaultdict(set)
    users: dict[str, list[str]] = defaultdict(list)
    for course in instance.courses:
        for school_id in (course.hub_school, *course.receiving_schools):
            needed[school_id] += course.min_per_week
            usable[school_id] |= cap.placements[course.course_id].get(school_id, set())
            users[school_id].append(course.course_id)
    for school_id, n in needed.items():
        if cap.blocked & set(users[school_id]):
            continue
        rooms = instance.school_by_id[school_id].sync_rooms
        slots = usable[school_id]
        if n > rooms * len(slots):
            yield Finding("room", say(
                "diagnose.sync_rooms", school=instance.school_name(school_id), needed=n,
                courses=listed(users[school_id]), rooms=count(rooms, "sync room"),
                periods=count(len(slots), "period"), where=_where(instance, slots),
                sessions=count(rooms * len(slots), "session")))


def _where(instance: Instance, slots: set[Slot]) -> str:
    """' (periods 1, 2, 3 on all 5 days)' when the slots form such a grid, else ''."""
    periods = sorted({p for _, p in slots})
    days = {d for d, _ in slots}
    if slots and len(slots) == len(periods) * len(days) and len(days) == len(instance.days):
        which = say("diagnose.which_periods", n=len(periods),
                    periods=listed([str(p) for p in periods]))
        if len(days) > 1:
            return say("diagnose.on_all_days", which=which, days=len(days))
        return say("diagnose.on_one_day", which=which, day=next(iter(days)))
    return ""


def class_periods(cap: Capacity) -> Iterator[Finding]:
    """A class's lessons <= its periods where one of its teachers is free or a session can reach."""
    instance = cap.instance
    for klass in instance.classes:
        rows = instance.curriculum_of_class.get(klass.key, ())
        reaching = {c.course_id for r in rows
                    for c in instance.courses_reaching.get((*klass.key, r.subject), ())}
        if reaching & cap.blocked:
            continue
        lessons = sum(r.per_week for r in rows)
        possible: set[Slot] = set()
        for row in rows:
            fewest_online, _ = cap.online_bounds(row)
            if row.teacher_id and row.per_week > fewest_online:
                possible.update(cap.row_available(row))
            for course in instance.courses_reaching.get((*klass.key, row.subject), ()):
                possible |= cap.placements[course.course_id].get(klass.school_id, set())
        if lessons > len(possible):
            all_slots = [(d, b.period) for d in instance.days
                         for b in instance.periods(klass.school_id)]
            empty = [say("diagnose.day_period", day=d, period=p) for d, p in all_slots
                     if (d, p) not in possible]
            shown = listed(empty[:8] + (["..."] if len(empty) > 8 else []))
            yield Finding("class", say(
                "diagnose.class_periods", klass=class_phrase(instance, *klass.key),
                lessons=lessons, periods=count(len(empty), "period"), shown=shown,
                possible=len(possible)))


def subject_days(cap: Capacity) -> Iterator[Finding]:
    """A subject's lessons fit the days: max_per_day x days, min_days_apart, and the teacher's
    free periods."""
    instance = cap.instance
    days = len(instance.days)
    for row in instance.curriculum:
        if row.max_per_day is not None and row.per_week - row.doubles > row.max_per_day * days:
            doubles = say("diagnose.of_them_double", doubles=row.doubles) if row.doubles else ""
            yield Finding("max_per_day", say(
                "diagnose.max_per_day", who=row_phrase(instance, row),
                per_week=row.per_week, subject=row.subject,
                doubles=doubles, most=row.max_per_day, days=count(days, "day")))
            continue
        lessons = row.per_week - row.doubles
        apart = row.min_days_apart
        if apart is not None and lessons > 1 and (lessons - 1) * apart + 1 > days:
            doubles = say("diagnose.of_them_double", doubles=row.doubles) if row.doubles else ""
            yield Finding("min_days_apart", say(
                "diagnose.min_days_apart", who=row_phrase(instance, row),
                lessons=lessons, subject=row.subject,
                doubles=doubles, apart=apart, days=count(days, "day"),
                needed=(lessons - 1) * apart + 1))
            continue
        _, most_online = cap.online_bounds(row)
        local = row.per_week - most_online
        if not row.teacher_id or local <= 0:
            continue
        free: dict[str, int] = defaultdict(int)
        for day, period in cap.row_available(row):
            if row.allows(day, period):
                free[day] += 1
        limit = len(instance.periods(row.school_id))
        if row.max_per_day:  # a double lesson counts once toward max_per_day
            limit = min(limit, row.max_per_day * (2 if row.doubles else 1))
        room = sum(min(limit, n) for n in free.values())
        if local > room:
            capped = say("diagnose.at_most_a_day", most=row.max_per_day) \
                if row.max_per_day else ""
            allowed = (say("diagnose.within_allowed", slots=slots_text(instance, row.allowed))
                       if row.allowed is not None else "")
            yield Finding("teacher_availability", say(
                "diagnose.teacher_availability", who=row_phrase(instance, row),
                local=local, subject=row.subject,
                capped=capped, teacher=teachers_phrase(instance, row), allowed=allowed,
                days=count(len(free), "day"), periods=sum(free.values()), room=room,
                n=len(row.teacher_ids)))


def double_slots(cap: Capacity) -> Iterator[Finding]:
    """A row's double lessons fit the pairs of consecutive periods (break <= max_double_gap)
    where its teacher is available, at most max_per_day of them a day."""
    instance = cap.instance
    for row in instance.curriculum:
        if not row.doubles or row.teacher_id is None:
            continue
        free = {slot for slot in cap.row_available(row) if row.allows(*slot)}
        starts = instance.double_starts(row.school_id)
        room = 0
        for day in instance.days:
            taken, fits = -1, 0
            for p in starts:  # greedy left to right: the most disjoint pairs of a day
                if p > taken and (day, p) in free and (day, p + 1) in free:
                    fits, taken = fits + 1, p + 1
            room += min(fits, row.max_per_day) if row.max_per_day else fits
        if row.doubles > room:
            busy = any(instance.is_unavailable(t, d, b.period) for t in row.teacher_ids
                       for d in instance.days for b in instance.periods(row.school_id))
            yield Finding("doubles", say(
                "diagnose.double_slots",
                klass=row_phrase(instance, row), doubles=row.doubles,
                subject=row.subject, room=room, gap=instance.policy.max_double_gap,
                who=say("diagnose.while_available", n=len(row.teacher_ids),
                        names=teachers_phrase(instance, row)) if busy else ""))


@dataclass
class Commitments:
    """Local lessons, sessions taught and sessions assisted by one teacher in a week."""

    local: int = 0
    taught: int = 0
    assisted: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    """Sessions taught, by the course's form (each form has its credit)."""

    @property
    def total(self) -> int:
        return self.local + self.taught + self.assisted

    def credited(self, instance: Instance) -> Fraction:
        return instance.policy.credited_load(self.local, self.forms, self.assisted)


def _commitments(cap: Capacity) -> dict[str, tuple[Commitments, Commitments]]:
    """Per teacher, the fewest and the most commitments any timetable can give."""
    instance = cap.instance
    least: dict[str, Commitments] = defaultdict(Commitments)
    most: dict[str, Commitments] = defaultdict(Commitments)
    for row in instance.curriculum:
        _, most_online = cap.online_bounds(row)
        for teacher_id in row.teacher_ids:  # co-teachers each; a combined row once
            least[teacher_id].local += max(0, row.per_week - most_online)
            most[teacher_id].local += row.per_week
    for course in instance.courses:
        least[course.hub_teacher].taught += course.min_per_week
        least[course.hub_teacher].forms[course.form] += course.min_per_week
        most[course.hub_teacher].taught += cap.most_sessions(course)
        most[course.hub_teacher].forms[course.form] += cap.most_sessions(course)
        for school_id in course.receiving_schools:
            for assistant in course.assistants_at(school_id):
                least[assistant].assisted += course.min_per_week
                most[assistant].assisted += cap.most_sessions(course)
    return {t.teacher_id: (least[t.teacher_id], most[t.teacher_id]) for t in instance.teachers}


def teacher_periods(cap: Capacity) -> Iterator[Finding]:
    """A teacher's unavoidable commitments <= the periods the teacher is available."""
    instance = cap.instance
    for teacher_id, (least, _) in _commitments(cap).items():
        teacher = instance.teacher_by_id[teacher_id]
        periods = len(instance.days) * len(instance.periods(teacher.school_id))
        free = len(cap.available(teacher_id, teacher.school_id))
        if least.total > free:
            yield Finding("teacher", say(
                "diagnose.teacher_periods", teacher=teacher_phrase(instance, teacher_id),
                total=least.total, free=free, periods=periods))


def teacher_loads(cap: Capacity) -> Iterator[Finding]:
    """min_load <= the most credited load reachable; the least one <= max_load."""
    instance = cap.instance
    policy = instance.policy
    for teacher_id, (least, most) in _commitments(cap).items():
        teacher = instance.teacher_by_id[teacher_id]
        lowest, highest = least.credited(instance), most.credited(instance)
        if teacher.max_load is not None and lowest > teacher.max_load:
            yield Finding("load", say(
                "diagnose.load_above_max", who=teacher_phrase(instance, teacher_id),
                lowest=f"{float(lowest):g}", credit=policy.credits_text, most=teacher.max_load))
        if highest < teacher.min_load:
            yield Finding("load", say(
                "diagnose.load_below_min", who=teacher_phrase(instance, teacher_id),
                highest=f"{float(highest):g}", least=teacher.min_load))


def weekly_minimums(cap: Capacity) -> Iterator[Finding]:
    """Each weekly minimum <= the sessions the courses that supply it can hold; with a term,
    each school's term minimum <= those sessions on the day with the most teaching dates."""
    instance = cap.instance
    policy = instance.policy
    most = instance.weekly_totals({c.course_id: cap.most_sessions(c) for c in instance.courses})
    for (hub, receiving), n in most.sync_per_pair.items():
        if n < policy.min_sync_lessons_per_pair:
            yield Finding("pair_minimum", say(
                "diagnose.pair_minimum", hub=instance.school_name(hub),
                receiving=instance.school_name(receiving),
                least=policy.min_sync_lessons_per_pair, most=n))
    term_least, busiest = instance.term_school_minimum, max(
        (instance.term_day_counts or {"": 0}).values())
    for rule, counts, key in (("hub_minimum", most.delivered, "diagnose.hub_minimum"),
                              ("receiving_minimum", most.received, "diagnose.receiving_minimum")):
        for school_id, n in counts.items():
            if term_least is not None and n * busiest < term_least:
                yield Finding(rule, say(
                    "diagnose.term_school_minimum", school=instance.school_name(school_id),
                    least=term_least, dates=instance.teaching_dates,
                    minimum=policy.min_online_lessons_per_school, most=n * busiest))
            elif term_least is None and n < policy.min_online_lessons_per_school:
                yield Finding(rule, say(
                    key, school=instance.school_name(school_id),
                    least=policy.min_online_lessons_per_school, most=n))


def level_minimums(cap: Capacity) -> Iterator[Finding]:
    """A backbone teacher's weekly minimum <= the sessions of the courses the teacher teaches."""
    instance = cap.instance
    busiest = max((instance.term_day_counts or {"": 1}).values())
    for teacher in instance.teachers:
        minimum = instance.level_minimum(teacher.level)
        courses = instance.courses_of_teacher.get(teacher.teacher_id, ())
        most = sum(cap.most_sessions(c) for c in courses) * busiest
        if minimum > most:
            yield Finding("level", say(
                "diagnose.term_level_minimum" if instance.term is not None
                else "diagnose.level_minimum",
                teacher=teacher_phrase(instance, teacher.teacher_id),
                level=level_word(teacher.level), least=minimum, most=most,
                dates=instance.teaching_dates))


def radiation_range(cap: Capacity) -> Iterator[Finding]:
    """A course that must hold sessions reaches no more receiving classes than one session may
    serve (policy max_receiving_classes_per_session)."""
    instance = cap.instance
    most = instance.policy.max_receiving_classes_per_session
    if most is None:
        return
    for course in instance.courses:
        classes = len({r.class_key for r in course.receptions})
        if classes > most and course.min_per_week > 0:
            yield Finding("radiation", say("diagnose.radiation", course=course.course_id,
                                           least=course.min_per_week, classes=classes,
                                           most=most))


def teacher_day_capacity(cap: Capacity) -> Iterator[Finding]:
    """A teacher's unavoidable commitments <= what the day limits leave: on each day, at most
    max_per_day, and in each run of n free periods with consecutive numbers within a half of
    the day at most n - n // (max_consecutive + 1); over the week, the best max_days days."""
    instance = cap.instance
    for teacher_id, (least, _) in _commitments(cap).items():
        t = instance.teacher_by_id[teacher_id]
        if t.max_per_day is None and t.max_consecutive is None and t.max_days is None:
            continue
        per_day = _day_room(cap, t)
        best = sorted(per_day, reverse=True)[:t.max_days or len(per_day)]
        if least.total > sum(best):
            limits = [say(key, most=value, days=count(value, "day")) for value, key in (
                (t.max_per_day, "diagnose.limit_day"),
                (t.max_consecutive, "diagnose.limit_in_a_row"),
                (t.max_days, "diagnose.limit_days")) if value is not None]
            rule = ("teacher_days" if t.max_days is not None else
                    "teacher_day" if t.max_per_day is not None else "teacher_consecutive")
            yield Finding(rule, say(
                "diagnose.teacher_day_capacity", teacher=teacher_phrase(instance, teacher_id),
                least=least.total, limits=say("diagnose.list_sep").join(limits),
                room=sum(best)))


def _day_room(cap: Capacity, t: Teacher) -> list[int]:
    """The most commitments each day can hold for teacher ``t``: her free periods, at most
    n - n // (max_consecutive + 1) in a run of n, at most max_per_day."""
    instance = cap.instance
    free = set(cap.available(t.teacher_id, t.school_id))
    per_day = []
    for day in instance.days:
        k = t.max_consecutive
        most = sum(n - n // (k + 1) if k is not None else n
                   for half in instance.halves(t.school_id)
                   for n in _free_runs(half, day, free))
        per_day.append(min(most, t.max_per_day) if t.max_per_day is not None else most)
    return per_day


def teacher_min_day_capacity(cap: Capacity) -> Iterator[Finding]:
    """A teacher with min_per_day n and w commitments a week (between the fewest and the most
    any timetable gives) teaches on some k days (k <= max_days), each holding between n and
    what the day limits leave: so k * n <= w <= the best k days' room for some k (k = 0 only
    when she may have none)."""
    instance = cap.instance
    for teacher_id, (least, most) in _commitments(cap).items():
        t = instance.teacher_by_id[teacher_id]
        n = t.min_per_day
        if n is None or n <= 1 or least.total == 0:
            continue
        usable = sorted((room for room in _day_room(cap, t) if room >= n), reverse=True)
        usable = usable[:t.max_days or len(usable)]
        if any(max(least.total, k * n) <= min(most.total, sum(usable[:k]))
               for k in range(1, len(usable) + 1)):
            continue
        yield Finding("teacher_min_day", say(
            "diagnose.teacher_min_day_capacity", teacher=teacher_phrase(instance, teacher_id),
            least=least.total, most=most.total, n=n, days=count(len(usable), "day")))


def _free_runs(half: tuple[int, ...], day: str, free: set[Slot]) -> list[int]:
    """Lengths of the runs of free periods with consecutive numbers in one half of a day."""
    runs: list[int] = []
    last = None
    for p in half:
        if (day, p) not in free:
            last = None
            continue
        if last == p - 1:
            runs[-1] += 1
        else:
            runs.append(1)
        last = p
    return runs


def special_room_capacity(cap: Capacity) -> Iterator[Finding]:
    """For each subject with special rooms, the local lessons of every subject whose rooms are
    among them (a combined lesson once) <= the periods those rooms are available."""
    instance = cap.instance
    least: dict[tuple[str, str], int] = defaultdict(int)
    for row in instance.curriculum:
        if row.teacher_ids and (row.school_id, row.subject) in instance.rooms_for:
            least[(row.school_id, row.subject)] += max(0, row.per_week - cap.online_bounds(row)[1])
    seen: set[tuple[str, frozenset[str]]] = set()
    for (school_id, _), rooms in instance.rooms_for.items():
        ids = frozenset(r.room_id for r in rooms)
        if (school_id, ids) in seen:
            continue
        seen.add((school_id, ids))
        subjects = sorted(s for (sc, s), theirs in instance.rooms_for.items()
                          if sc == school_id and {r.room_id for r in theirs} <= ids)
        needed = sum(least[(school_id, s)] for s in subjects)
        slots = len(instance.days) * len(instance.periods(school_id))
        room = sum(slots - len(set(r.unavailable)) for r in rooms)
        if needed > room:
            names = "、".join(say("diagnose.room", name=r.name, id=r.room_id) for r in rooms)
            yield Finding("special_room", say(
                "diagnose.special_room_capacity", school=instance.school_name(school_id),
                n=needed, subjects="、".join(subjects), rooms=names,
                periods=count(room, "period")))


def course_pins(cap: Capacity) -> Iterator[Finding]:
    """A session pinned to a hub (day, period) needs that period to reach every receiving
    school at an overlapping period."""
    instance = cap.instance
    for pin in instance.pins:
        if pin.course_id is None or (pin.day, pin.period) in cap.options[pin.course_id]:
            continue
        course = instance.course_by_id[pin.course_id]
        yield Finding("pin", say(
            "diagnose.pinned_session", course=pin.course_id, day=pin.day, period=pin.period,
            hub=instance.school_name(course.hub_school),
            row=say("diagnose.pin_row", row=pin.row, source=pin.source) if pin.row else "",
            receiving="、".join(instance.school_name(s) for s in course.receiving_schools),
            minutes=instance.policy.min_overlap_minutes))


def days_apart_groups(cap: Capacity) -> Iterator[Finding]:
    """A days_apart.csv group's lessons fit the week: n lessons k days apart need (n-1)k+1
    days."""
    instance = cap.instance
    days = len(instance.days)
    for g in instance.days_apart:
        if not g.hard:
            continue
        rows = instance.rows_of(g)
        lessons = sum(r.per_week - r.doubles for r in rows)
        if lessons > 1 and (lessons - 1) * g.min_days + 1 > days:
            yield Finding("days_apart", say(
                "diagnose.days_apart", group=g.group, lessons=lessons, apart=g.min_days,
                rows=group_phrase(instance, g),
                days=count(days, "day"), needed=(lessons - 1) * g.min_days + 1))


CHECKS: tuple[Callable[[Capacity], Iterable[Finding]], ...] = (
    course_alignment,
    research_slots,
    sync_rooms,
    class_periods,
    subject_days,
    days_apart_groups,
    double_slots,
    teacher_periods,
    teacher_loads,
    teacher_day_capacity,
    teacher_min_day_capacity,
    special_room_capacity,
    course_pins,
    weekly_minimums,
    level_minimums,
    radiation_range,
)


def capacity_findings(instance: Instance) -> list[Finding]:
    """Every capacity check that fails, as sentences; empty when none does."""
    cap = Capacity(instance)
    return [finding for check in CHECKS for finding in check(cap)]
