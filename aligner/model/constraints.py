"""The hard rules, one function per rule family, in the order :data:`RULES` adds them.

Each function states its rule in one line of maths. Every constraint is added through
:class:`Rules` with the rule group it belongs to (a rule name and the ids it concerns), so a
caller can put each group behind an assumption literal to explain an infeasible instance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from fractions import Fraction
from itertools import pairwise
from math import lcm

from ortools.sat.python import cp_model

from aligner.changes import places
from aligner.instance import FORMS, Course, CurriculumRow, Instance
from aligner.model.variables import Variables

Group = tuple[str, ...]


class Rules:
    """Adds constraints to the model, remembering the rule group of each.

    ``assumptions`` puts each group behind a literal (``literals``); ``keep`` adds only the
    constraints of the groups it holds (the others are left out, as if dropped). ``groups``
    lists every group met, added or not.
    """

    def __init__(
        self,
        model: cp_model.CpModel,
        assumptions: bool = False,
        keep: Collection[Group] | None = None,
    ):
        self.model = model
        self.assumptions = assumptions
        self.keep = None if keep is None else set(keep)
        self.literals: dict[Group, cp_model.IntVar] = {}
        self.groups: dict[Group, None] = {}
        self.count: dict[str, int] = defaultdict(int)

    def add(self, constraint: cp_model.BoundedLinearExpression | bool, group: Group) -> None:
        self.groups[group] = None
        if self.keep is not None and group not in self.keep:
            return
        added = self.model.add(constraint)
        self.count[group[0]] += 1
        if self.assumptions:
            if group not in self.literals:
                self.literals[group] = self.model.new_bool_var("assume[" + ",".join(group) + "]")
            added.only_enforce_if(self.literals[group])


def total(literals: Iterable[cp_model.LinearExprT]) -> cp_model.LinearExpr:
    return cp_model.LinearExpr.sum(list(literals))


# ---- credited load in integer units --------------------------------------------------------


def credit_scale(instance: Instance) -> int:
    """Units per lesson so every credit and load bound is an integer (1.5 -> 2 units per lesson)."""
    values = [*(instance.policy.credit(form) for form in FORMS), instance.policy.assistant_credit]
    for teacher in instance.teachers:
        values.append(teacher.min_load)
        if teacher.max_load is not None:
            values.append(teacher.max_load)
    return lcm(*(Fraction(v).denominator for v in values))


def in_units(value: object, scale: int) -> int:
    units = Fraction(str(value)) * scale
    assert units.denominator == 1, "credit_scale() covers every credit and bound"
    return int(units)


def sessions_taught(v: Variables, teacher_id: str) -> list[cp_model.IntVar]:
    """Session literals of every course the teacher teaches as hub teacher."""
    courses = v.instance.courses_of_teacher.get(teacher_id, ())
    return [s for c in courses for s in v.sessions_of(c.course_id)]


def credited_load(v: Variables, teacher_id: str, scale: int) -> cp_model.LinearExpr:
    """scale x (local + online_credit of its form x each session taught + assistant_credit x
    sessions assisted)."""
    instance = v.instance
    local = [var for row in instance.curriculum_of_teacher.get(teacher_id, ()) for var in v.local_of(row)]
    taught = [in_units(instance.policy.credit(course.form), scale) * total(
        v.sessions_of(course.course_id)) for course in instance.courses_of_teacher.get(
            teacher_id, ())]
    assist = in_units(instance.policy.assistant_credit, scale)
    return scale * total(local) + total(taught) + assist * total(v.assisted[teacher_id])


# ---- the rules ------------------------------------------------------------------------------


def class_one_lesson_per_period(v: Variables, rules: Rules) -> None:
    """For every class and (day, period): sum of lessons there <= 1 (= 1 when the class's
    curriculum fills every period of the week, which lets CP-SAT propagate much more)."""
    instance = v.instance
    full = {
        klass.key
        for klass in instance.classes
        if sum(r.per_week for r in instance.curriculum_of_class.get(klass.key, ()))
        == len(instance.days) * len(instance.periods(klass.school_id))
    }
    for (school_id, class_id, _day, _period), literals in v.by_class_slot().items():
        if (school_id, class_id) in full:
            rules.add(total(literals) == 1, ("class", school_id, class_id))
        elif len(literals) > 1:
            rules.add(total(literals) <= 1, ("class", school_id, class_id))


def teacher_one_commitment_per_period(v: Variables, rules: Rules) -> None:
    """For every teacher and (day, period): local lessons + sessions taught + assisted +
    research meetings <= 1."""
    keys = [*v.teacher_slot, *(k for k in v.meeting_slot if k not in v.teacher_slot)]
    for key in keys:  # (in the index's order: a model built alike is solved alike)
        literals = [*v.teacher_slot.get(key, ()), *v.meeting_slot.get(key, ())]
        if len(literals) > 1:
            rules.add(total(literals) <= 1, ("teacher", key[0]))


def research_meetings(v: Variables, rules: Rules) -> None:
    """For every synchronous course c (research_per_week N > 0): sum of meeting[c, d, h] = N,
    and for every possible meeting m and receiving school R: sum_r meeting_reception[m, R, r]
    = meeting[m] (the hub teacher and R's assistants meet at periods overlapping by the
    minimum; their freedom is :func:`teacher_one_commitment_per_period`)."""
    instance = v.instance
    for course in instance.policy.research_courses(instance.courses):
        group = ("research", course.course_id)
        meetings = v.meetings_of(course.course_id)
        rules.add(total(meetings) == instance.policy.research_per_week, group)
    for (course_id, day, h), meeting in v.meeting.items():
        course = instance.course_by_id[course_id]
        for school_id in course.receiving_schools:
            ends = [z for _, z in v.meeting_receptions_of(course_id, day, h, school_id)]
            rules.add(total(ends) == meeting, ("research", course_id))


def sync_rooms_capacity(v: Variables, rules: Rules) -> None:
    """For every school and (day, period): sessions using its sync rooms <= sync_rooms."""
    for (school_id, _day, _period), literals in v.room_slot.items():
        rooms = v.instance.school_by_id[school_id].sync_rooms
        if len(literals) > rooms:
            rules.add(total(literals) <= rooms, ("room", school_id))


def course_sessions_per_week(v: Variables, rules: Rules) -> None:
    """For every course: min_per_week <= sessions <= max_per_week."""
    for course in v.instance.courses:
        sessions = total(v.sessions_of(course.course_id))
        rules.add(sessions >= course.min_per_week, ("course", course.course_id))
        rules.add(sessions <= course.max_per_week, ("course", course.course_id))


def session_reaches_every_receiving_school(v: Variables, rules: Rules) -> None:
    """For every possible session s and receiving school R: sum_r reception[s, R, r] = session[s]."""
    for (course_id, day, hub_period), session in v.session.items():
        course = v.instance.course_by_id[course_id]
        for school_id in course.receiving_schools:
            options = [z for _, z in v.receptions_of(course_id, day, hub_period, school_id)]
            rules.add(total(options) == session, ("alignment", course_id))


def curriculum_per_week(v: Variables, rules: Rules) -> None:
    """For every curriculum row: local lessons + sessions of the courses reaching it = per_week."""
    for row in v.instance.curriculum:
        key = row.key
        courses = v.instance.courses_reaching.get(key, ())
        online = [s for c in courses for s in v.sessions_of(c.course_id)]
        rules.add(total(v.local_of(row)) + total(online) == row.per_week, ("curriculum", *key))


def double_lessons(v: Variables, rules: Rules) -> None:
    """For every curriculum row with doubles: sum of double starts = doubles, and for every
    (day, period p): doubles starting at p - 1 or p <= local lesson at p (a double takes two
    local lessons; no period is in two doubles)."""
    for row in v.instance.curriculum:
        if not row.doubles:
            continue
        key = row.key
        group = ("doubles", *key)
        rules.add(total(v.doubles_of(row)) == row.doubles, group)
        covering: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for day, p, var in v.doubles_by_row.get(key, ()):
            covering[(day, p)].append(var)
            covering[(day, p + 1)].append(var)
        for (day, p), doubles in covering.items():
            rules.add(total(doubles) <= v.local[(*key, day, p)], group)


def lessons_taught_together(v: Variables, rules: Rules) -> None:
    """For every together group (rows R1..Rk) and (day, period): local[Ri] = local[R1], and the
    same for double starts (a missing literal counts as 0)."""
    groups = v.instance.together_groups
    if not groups:
        return
    slots_of: dict[tuple[int, tuple[str, str, str]], set[tuple[str, int]]] = defaultdict(set)
    for kind, literals in enumerate((v.local, v.double)):
        for school_id, class_id, subject, day, period in literals:
            slots_of[(kind, (school_id, class_id, subject))].add((day, period))
    for (school_id, label), rows in groups.items():
        group = ("together", school_id, label)
        keys = [r.key for r in rows]
        for kind, literals in enumerate((v.local, v.double)):
            slots = set().union(*(slots_of.get((kind, k), set()) for k in keys))
            for day, period in sorted(slots):
                first = literals.get((*keys[0], day, period), 0)
                for key in keys[1:]:
                    rules.add(literals.get((*key, day, period), 0) == first, group)


def curriculum_max_per_day(v: Variables, rules: Rules) -> None:
    """For every curriculum row with a cap and every day: lessons of the subject - double
    lessons that day <= max_per_day (a double lesson counts once)."""
    by_day = v.by_subject_day()
    for row in v.instance.curriculum:
        if row.max_per_day is None:
            continue
        for day in v.instance.days:
            # (a combined row: every class of it has the same lessons of the subject)
            literals = by_day.get((row.school_id, row.class_ids[0], row.subject, day), [])
            doubles = v.doubles_of(row, day)
            if len(literals) - len(doubles) > row.max_per_day or (
                    doubles and len(literals) > row.max_per_day):
                rules.add(
                    total(literals) - total(doubles) <= row.max_per_day,
                    ("max_per_day", row.school_id, row.class_id, row.subject),
                )


def curriculum_days_apart(v: Variables, rules: Rules) -> None:
    """For every curriculum row with min_days_apart k, and every group of days_apart.csv with
    min_days k, and every k consecutive days of the week: the lessons of the row (the group's
    rows) on those days - their double lessons there <= 1 (any two lessons at least k days
    apart; a double lesson counts once, online lessons count)."""
    by_day = v.by_subject_day()
    spreads: list[tuple[list[CurriculumRow], int, Group]] = [
        ([row], row.min_days_apart, ("min_days_apart", *row.key))
               for row in v.instance.curriculum if row.min_days_apart is not None]
    spreads += [(v.instance.rows_of(g), g.min_days,
                 ("days_apart", g.group)) for g in v.instance.days_apart if g.hard]
    for rows, k, group in spreads:
        for literals, doubles in day_windows(v, rows, k, by_day):
            rules.add(total(literals) - total(doubles) <= 1, group)


def day_windows(v: Variables, rows: list[CurriculumRow], k: int,
                by_day: dict[tuple[str, str, str, str], list[cp_model.IntVar]],
                overhang: bool = False
                ) -> list[tuple[list[cp_model.IntVar], list[cp_model.IntVar]]]:
    """The (lesson literals, double-lesson literals) of ``rows`` in each k consecutive days of
    the week that could hold two lessons (a window's tail is in the last window); with
    ``overhang``, also the windows that run over either end of the week (:func:`week_windows`)."""
    days = v.instance.days
    starts = {day: ([x for r in rows for x in by_day.get(
                        (r.school_id, r.class_ids[0], r.subject, day), [])],
                    [x for r in rows for x in v.doubles_of(r, day)]) for day in days}
    windows = []
    for window in week_windows(days, k, overhang):
        literals = [x for d in window for x in starts[d][0]]
        doubles = [x for d in window for x in starts[d][1]]
        if len(literals) - len(doubles) > 1 or (doubles and len(literals) > 1):
            windows.append((literals, doubles))
    return windows


def week_windows(days: tuple[str, ...] | list[str], k: int, overhang: bool = False
                 ) -> list[tuple[str, ...]]:
    """The days of each k consecutive days of the week; with ``overhang`` every window that
    meets the week, those running over its ends too: two lessons d days apart (d < k) are
    then together in exactly k - d windows, FET's measure of how far a pair is too close."""
    starts = range(1 - k, len(days)) if overhang else range(max(1, len(days) - k + 1))
    return [tuple(days[max(0, first):first + k]) for first in starts]


def teacher_credited_load(v: Variables, rules: Rules) -> None:
    """For every teacher: min_load <= local + credit x taught + assistant_credit x assisted <= max_load."""
    scale = credit_scale(v.instance)
    for teacher in v.instance.teachers:
        load = credited_load(v, teacher.teacher_id, scale)
        if teacher.min_load > 0:
            rules.add(load >= in_units(teacher.min_load, scale), ("load", teacher.teacher_id))
        if teacher.max_load is not None:
            rules.add(load <= in_units(teacher.max_load, scale), ("load", teacher.teacher_id))


def weekly_minimum_sync_per_pair(v: Variables, rules: Rules) -> None:
    """For every (hub H, receiving R) linked by a sync course: sync sessions H -> R >= minimum."""
    minimum = v.instance.policy.min_sync_lessons_per_pair
    for (hub, receiving), courses in sync_pairs(v.instance).items():
        sessions = [s for c in courses for s in v.sessions_of(c.course_id)]
        rules.add(total(sessions) >= minimum, ("pair_minimum", hub, receiving))


def weekly_minimum_online_per_school(v: Variables, rules: Rules) -> None:
    """Without a term: for every hub school: sessions delivered >= minimum; every receiving
    school: taken >= minimum (the weekly approximation of an average). With a term the term's
    rule replaces it (:func:`term_minimum_online_per_school`), except where every timetable
    meets both (:func:`_kept_weekly`)."""
    instance = v.instance
    minimum = instance.policy.min_online_lessons_per_school
    delivered: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    taken: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for course in instance.courses:
        sessions = v.sessions_of(course.course_id)
        delivered[course.hub_school].extend(sessions)
        for school_id in course.receiving_schools:
            taken[school_id].extend(sessions)
    least = instance.term_school_minimum or 0
    hubs, ends = _courses_by_school(instance)
    for school_id, sessions in delivered.items():
        if _kept_weekly(instance, hubs[school_id], minimum, least):
            rules.add(total(sessions) >= minimum, ("hub_minimum", school_id))
    for school_id, sessions in taken.items():
        if _kept_weekly(instance, ends[school_id], minimum, least):
            rules.add(total(sessions) >= minimum, ("receiving_minimum", school_id))


def level_minimum_per_teacher(v: Variables, rules: Rules) -> None:
    """Without a term: for every teacher with a level: sessions taught >= ceil(level minimum /
    semester weeks). With a term the term's rule replaces it, except where every timetable
    meets both (:func:`_kept_weekly`)."""
    instance = v.instance
    policy = instance.policy
    for teacher in instance.teachers:
        minimum = policy.level_min_per_week(teacher.level)
        if minimum <= 0:
            continue
        courses = instance.courses_of_teacher.get(teacher.teacher_id, ())
        if _kept_weekly(instance, courses, minimum, instance.level_minimum(teacher.level)):
            taught = sessions_taught(v, teacher.teacher_id)
            rules.add(total(taught) >= minimum, ("level", teacher.teacher_id))


def _courses_by_school(instance: Instance) -> tuple[dict[str, list[Course]],
                                                    dict[str, list[Course]]]:
    """(hub school -> the courses it delivers, receiving school -> the courses it takes)."""
    hubs: dict[str, list[Course]] = defaultdict(list)
    ends: dict[str, list[Course]] = defaultdict(list)
    for course in instance.courses:
        hubs[course.hub_school].append(course)
        for school_id in course.receiving_schools:
            ends[school_id].append(course)
    return hubs, ends


def _surely_dated(instance: Instance, courses: Iterable[Course]) -> int:
    """The dated sessions of the term these courses hold in any timetable: their weekly
    minimums of sessions, each on the day with the fewest teaching dates."""
    dates = instance.term_day_counts or {}
    return sum(c.min_per_week for c in courses) * min(dates.values(), default=0)


def _kept_weekly(instance: Instance, courses: Iterable[Course], weekly: int, term: int) -> bool:
    """Whether a school's or teacher's rule takes its weekly form: always without a term; with
    a term, only where every timetable meets both the term's minimum and the weekly one (the
    courses' minimum sessions already do), so the rule binds nothing either way and the model
    stays the one without a term: a calendar that changes no rule's verdict changes no
    timetable."""
    if instance.term is None:
        return True
    courses = list(courses)
    return (sum(c.min_per_week for c in courses) >= weekly
            and _surely_dated(instance, courses) >= term)


def _dated_sessions(v: Variables) -> dict[str, list[cp_model.LinearExprT]]:
    """Course -> dates[day] x session[course, day, p] for each of its possible sessions: the
    dated sessions of the term a weekly session stands for (the weekly timetable is the same
    in every season, so the dates of each day suffice)."""
    dates = v.instance.term_day_counts or {}
    dated: dict[str, list[cp_model.LinearExprT]] = defaultdict(list)
    for (course_id, day, _period), session in v.session.items():
        if dates.get(day, 0):
            dated[course_id].append(dates[day] * session)
    return dated


def term_minimum_online_per_school(v: Variables, rules: Rules) -> None:
    """With a term: for every hub school, sum over the sessions s it delivers of dates[day(s)]
    x s >= ceil(minimum x teaching dates / days) (so an average of at least
    min_online_lessons_per_school a teaching week, seed 004 1.(1)); the same for the sessions
    every receiving school takes part in. A school whose courses' minimum sessions meet it in
    any timetable needs no constraint."""
    instance = v.instance
    least = instance.term_school_minimum
    if least is None:
        return
    dated = _dated_sessions(v)
    hubs, ends = _courses_by_school(instance)
    for rule, by_school in (("hub_minimum", hubs), ("receiving_minimum", ends)):
        for school_id, courses in by_school.items():
            if _surely_dated(instance, courses) < least:
                terms = [t for c in courses for t in dated.get(c.course_id, ())]
                rules.add(total(terms) >= least, (rule, school_id))


def term_level_minimum_per_teacher(v: Variables, rules: Rules) -> None:
    """With a term: for every teacher with a level, sum over the sessions s taught of
    dates[day(s)] x s >= the level's minimum per semester (seed 004 1.(3)); a teacher whose
    courses' minimum sessions meet it in any timetable needs no constraint."""
    instance = v.instance
    if instance.term is None:
        return
    dated = _dated_sessions(v)
    for teacher in instance.teachers:
        minimum = instance.level_minimum(teacher.level)
        courses = instance.courses_of_teacher.get(teacher.teacher_id, ())
        if minimum <= 0 or _surely_dated(instance, courses) >= minimum:
            continue
        terms = [t for c in courses for t in dated.get(c.course_id, ())]
        rules.add(total(terms) >= minimum, ("level", teacher.teacher_id))


def receiving_classes_per_session(v: Variables, rules: Rules) -> None:
    """With policy max_receiving_classes_per_session k: for every course whose sessions reach
    more than k receiving classes (every receiving class takes every session): sessions = 0
    (seed 004 1.(7), the main end's radiation range)."""
    cap = v.instance.policy.max_receiving_classes_per_session
    if cap is None:
        return
    for course in v.instance.courses:
        if len({r.class_key for r in course.receptions}) > cap:
            rules.add(total(v.sessions_of(course.course_id)) == 0,
                      ("radiation", course.course_id))


def pair_forms(instance: Instance) -> dict[tuple[str, str], dict[str, list[Course]]]:
    """(hub, receiving) linked by any course -> form -> the courses of that form from the hub
    reaching that school (``research``: the synchronous courses holding research meetings)."""
    forms: dict[tuple[str, str], dict[str, list[Course]]] = defaultdict(
        lambda: defaultdict(list))
    research = set(instance.policy.research_courses(instance.courses))
    for course in instance.courses:
        for school_id in course.receiving_schools:
            pair = forms[(course.hub_school, school_id)]
            pair[course.form].append(course)
            if course in research:
                pair["research"].append(course)
    return forms


def forms_per_pair(v: Variables, rules: Rules) -> None:
    """For every (hub H, receiving R) linked by a course: sum over the forms f of used[H, R, f]
    >= min_forms_per_pair, where used[f] <= sessions of the f-courses from H reaching R (a
    course form counts with a session in the week), and research counts 1 when the pair's sync
    courses hold meetings (:func:`research_meetings` schedules them). Left out where the data
    offer fewer forms than the minimum (compliance.csv says false and the summary warns), and
    where the courses' own minimums already hold enough forms (it cannot bind there)."""
    minimum = v.instance.policy.min_forms_per_pair
    if minimum <= 0:
        return
    for (hub, receiving), forms in pair_forms(v.instance).items():
        if len(forms) < minimum:
            continue
        sure = sum(1 for form, courses in forms.items()  # held whatever the solver chooses
                   if form == "research" or any(c.min_per_week > 0 for c in courses))
        if sure >= minimum:
            continue
        group = ("forms", hub, receiving)
        used = []
        for form in FORMS:
            sessions = [s for c in forms.get(form, ()) for s in v.sessions_of(c.course_id)]
            if not sessions:
                continue
            flag = v.model.new_bool_var(f"form_used[{hub},{receiving},{form}]")
            rules.add(flag <= total(sessions), group)
            used.append(flag)
        research = 1 if forms.get("research") else 0
        rules.add(total(used) + research >= minimum, group)


def sync_pairs(instance: Instance) -> dict[tuple[str, str], list[Course]]:
    """(hub, receiving) -> the sync-form courses from that hub reaching that school."""
    pairs: dict[tuple[str, str], list[Course]] = defaultdict(list)
    for course in instance.courses:
        if course.form == "sync":
            for school_id in course.receiving_schools:
                pairs[(course.hub_school, school_id)].append(course)
    return pairs


def teacher_day_limits(v: Variables, rules: Rules) -> None:
    """For every teacher with max_per_day and every day: sum over periods of the teacher's
    commitments <= max_per_day (a double lesson is two periods, so it counts 2)."""
    by_day = _teacher_days(v)
    for teacher in v.instance.teachers:
        if teacher.max_per_day is None:
            continue
        for _day, periods in by_day.get(teacher.teacher_id, {}).items():
            literals = [x for p in periods.values() for x in p]
            if len(literals) > teacher.max_per_day:
                rules.add(total(literals) <= teacher.max_per_day,
                          ("teacher_day", teacher.teacher_id))


def teacher_consecutive_limits(v: Variables, rules: Rules) -> None:
    """For every teacher with max_consecutive k, day and half of the day, and every k + 1
    periods with consecutive numbers in that half: sum of the teacher's commitments there <= k
    (so no k + 1 in a row; a period starting before 12:00 in every season is in the morning)."""
    by_day = _teacher_days(v)
    for teacher in v.instance.teachers:
        k = teacher.max_consecutive
        if k is None:
            continue
        halves = v.instance.halves(teacher.school_id)
        for _day, periods in by_day.get(teacher.teacher_id, {}).items():
            for half in halves:
                for window in _runs(half, k + 1):
                    literals = [x for p in window for x in periods.get(p, ())]
                    if len(literals) > k:
                        rules.add(total(literals) <= k,
                                  ("teacher_consecutive", teacher.teacher_id))


def _runs(periods: tuple[int, ...], length: int) -> list[tuple[int, ...]]:
    """Every ``length`` periods with consecutive numbers among ``periods``."""
    present = set(periods)
    return [tuple(range(p, p + length)) for p in periods
            if all(q in present for q in range(p, p + length))]


def teacher_day_count(v: Variables, rules: Rules) -> None:
    """For every teacher with max_days: sum over days of used[t, d] <= max_days, where every
    commitment x of day d has x <= used[t, d]."""
    by_day = _teacher_days(v)
    for teacher in v.instance.teachers:
        if teacher.max_days is None:
            continue
        days = by_day.get(teacher.teacher_id, {})
        if len(days) <= teacher.max_days:
            continue
        group = ("teacher_days", teacher.teacher_id)
        used = []
        for day, periods in days.items():
            day_used = v.model.new_bool_var(f"day_used[{teacher.teacher_id},{day}]")
            v.day_used[(teacher.teacher_id, day)] = day_used
            used.append(day_used)
            literals = [x for p in periods.values() for x in p]
            for x in literals:
                rules.add(x <= day_used, group)
            # the day's commitments all at once (a tighter linear relaxation: a day used for
            # part of the week's load needs that part of used[t, d], not only its largest x)
            cap = min(len(periods), teacher.max_per_day or len(periods))
            rules.add(total(literals) <= cap * day_used, group)
        rules.add(total(used) <= teacher.max_days, group)


def teacher_min_per_day(v: Variables, rules: Rules) -> None:
    """For every teacher with min_per_day n and every day d: sum of her commitments on d >= n *
    used[t, d], where every commitment x of d has x <= used[t, d] (a day without any is
    allowed; a double counts 2). A day that cannot hold n commitments stays empty."""
    by_day = _teacher_days(v)
    for teacher in v.instance.teachers:
        n = teacher.min_per_day
        if n is None or n <= 1:
            continue  # one commitment is already at least 1
        group = ("teacher_min_day", teacher.teacher_id)
        for day, periods in by_day.get(teacher.teacher_id, {}).items():
            literals = [x for p in periods.values() for x in p]
            cap = min(len(periods), teacher.max_per_day or len(periods))
            if cap < n:
                for x in literals:
                    rules.add(x == 0, group)
                continue
            day_used = v.model.new_bool_var(f"min_day_used[{teacher.teacher_id},{day}]")
            for x in literals:
                rules.add(x <= day_used, group)
            rules.add(total(literals) >= n * day_used, group)


def teacher_max_gaps(v: Variables, rules: Rules) -> None:
    """For every teacher with max_gaps_per_day g (or max_gaps_per_week G): sum over the gap
    periods p of day d of gap[p] <= g for every day (sum over the week <= G), where gap[p] >=
    before[p] + after[p] - 1 - busy[p] for a period p of her school not unavailable to her,
    before[p] >= every commitment earlier that day, after[p] >= every one later (FET's teacher
    max gaps: unavailable periods and breaks are no gaps)."""
    by_day = _teacher_days(v)
    for teacher in v.instance.teachers:
        daily, weekly = teacher.max_gaps_per_day, teacher.max_gaps_per_week
        if daily is None and weekly is None:
            continue
        order = [b.period for b in v.instance.periods(teacher.school_id)]
        candidates = {}
        for day, periods in by_day.get(teacher.teacher_id, {}).items():
            busy = [p for p in order if periods.get(p)]
            if len(busy) < 2:
                continue
            span = order[order.index(busy[0]):order.index(busy[-1]) + 1]
            free = [p for p in span[1:-1]
                    if not v.instance.is_unavailable(teacher.teacher_id, day, p)]
            if free:
                candidates[day] = (span, free)
        # a cap no timetable can reach (no more candidate periods than it) is left out
        by_week = weekly is not None and sum(len(f) for _s, f in candidates.values()) > weekly
        gaps = []
        for day, (span, free) in candidates.items():
            capped = daily is not None and len(free) > daily
            if not (capped or by_week):
                continue
            gaps_of_day = _gaps(v, teacher.teacher_id, day, span, free, by_day)
            gaps.extend(gaps_of_day)
            if capped:
                rules.add(total(gaps_of_day) <= daily, ("teacher_day_gaps", teacher.teacher_id))
        if by_week:
            rules.add(total(gaps) <= weekly, ("teacher_week_gaps", teacher.teacher_id))


def _gaps(v: Variables, teacher_id: str, day: str, span: list[int], free: list[int],
          by_day: dict[str, dict[str, dict[int, list[cp_model.IntVar]]]]) -> list[cp_model.IntVar]:
    """gap[p] for each period p of ``free``, at least 1 when the teacher has a commitment in
    ``span`` before p and one after p but none at p. Only lower bounds: the caps push them
    down, so they are never above the gaps (always satisfiable, so added outside any group)."""
    model, periods = v.model, by_day[teacher_id][day]
    name = f"{teacher_id},{day}"
    before: dict[int, cp_model.IntVar] = {}
    after: dict[int, cp_model.IntVar] = {}
    for previous, p in pairwise(span):
        before[p] = model.new_bool_var(f"gap_before[{name},{p}]")
        if previous in before:
            model.add(before[p] >= before[previous])
        for x in periods.get(previous, ()):
            model.add(before[p] >= x)
    for following, p in pairwise(reversed(span)):
        after[p] = model.new_bool_var(f"gap_after[{name},{p}]")
        if following in after:
            model.add(after[p] >= after[following])
        for x in periods.get(following, ()):
            model.add(after[p] >= x)
    gaps = []
    for p in free:
        gap = model.new_bool_var(f"max_gap[{name},{p}]")
        model.add(gap >= before[p] + after[p] - 1 - total(periods.get(p, ())))
        gaps.append(gap)
    return gaps


def _teacher_days(v: Variables) -> dict[str, dict[str, dict[int, list[cp_model.IntVar]]]]:
    """teacher -> day -> period -> the literals of the teacher's commitments there."""
    index: dict[str, dict[str, dict[int, list[cp_model.IntVar]]]] = defaultdict(
        lambda: defaultdict(dict))
    for (teacher_id, day, period), literals in v.teacher_slot.items():
        index[teacher_id][day][period] = literals
    return index


def lessons_in_special_rooms(v: Variables, rules: Rules) -> None:
    """For every local lesson x of a subject some special room of its school lists: the sum of
    its room choices = x (one room: x itself); for every room and (day, period): lessons in it
    <= 1; the two periods of a double lesson take the same room."""
    for (school, label, subject, day, period), choices in v.room_of.items():
        lesson = v.local[(school, label, subject, day, period)]
        own = [literal for _, literal in choices]
        if own != [lesson]:
            rules.add(total(own) == lesson, ("room_choice", school, subject))
    for (school, room_id, _day, _period), literals in v.room_use.items():
        if len(literals) > 1:
            rules.add(total(literals) <= 1, ("special_room", school, room_id))
    for (school, label, subject, day, period), double in v.double.items():
        first = dict(v.room_of.get((school, label, subject, day, period), ()))
        second = dict(v.room_of.get((school, label, subject, day, period + 1), ()))
        if len(first) < 2 and len(second) < 2:
            continue  # one room (or none): the same by construction
        for room_id in first.keys() | second.keys():
            a, b = first.get(room_id, 0), second.get(room_id, 0)
            rules.add(a - b <= 1 - double, ("room_choice", school, subject))
            rules.add(b - a <= 1 - double, ("room_choice", school, subject))


def pinned_lessons(v: Variables, rules: Rules) -> None:
    """For every pin of a class's subject at (day, p): local[row, day, p] = 1 and no double
    lesson of the row covers p as its second period (the lesson starts at p); for every pin of
    a course at the hub's (day, p): session[course, day, p] = 1. A pin on a slot that has no
    such variable cannot hold (0 = 1)."""
    for index, pin in enumerate(v.instance.pins):
        group = ("pin", str(index))
        if pin.course_id is not None:
            session = v.session.get((pin.course_id, pin.day, pin.period))
            rules.add(session == 1 if session is not None else total([]) == 1, group)
            continue
        row = v.instance.curriculum_row[(pin.school_id, pin.class_id or "", pin.subject or "")]
        lesson = v.local.get((*row.key, pin.day, pin.period))
        rules.add(lesson == 1 if lesson is not None else total([]) == 1, group)
        before = v.double.get((*row.key, pin.day, pin.period - 1))
        if before is not None:
            rules.add(before == 0, group)


def availability_and_alignment(v: Variables, rules: Rules) -> None:
    """Relaxed variables only: no lesson where its teacher is unavailable, no session where the
    periods overlap by less than min_overlap_minutes (otherwise no such variable exists)."""
    for group, literals in v.forbidden.items():
        rules.add(total(literals) == 0, group)


def locked_places(v: Variables, rules: Rules) -> None:
    """For every place of the previous timetable that ``--lock`` keeps (:mod:`aligner.changes`):
    its local lesson, session or receiving period is there (= 1); a place no variable can take
    cannot hold (0 = 1). One group per school: ``("lock", school)``."""
    found = places(v.instance)
    for (school, label, subject, day, period), locked in found.local.items():
        if locked:
            lesson = v.local.get((school, label, subject, day, period))
            rules.add(lesson == 1 if lesson is not None else total([]) == 1, ("lock", school))
    for (course_id, day, h), locked in found.hub.items():
        if locked:
            session = v.session.get((course_id, day, h))
            school = v.instance.course_by_id[course_id].hub_school
            rules.add(session == 1 if session is not None else total([]) == 1, ("lock", school))
    ends = v.receptions_at_period()
    for (course_id, school, day, r), locked in found.end.items():
        if locked:
            rules.add(total(ends.get((course_id, school, day, r), [])) == 1, ("lock", school))


RULES: tuple[Callable[[Variables, Rules], None], ...] = (
    availability_and_alignment,
    class_one_lesson_per_period,
    teacher_one_commitment_per_period,
    sync_rooms_capacity,
    course_sessions_per_week,
    session_reaches_every_receiving_school,
    research_meetings,
    curriculum_per_week,
    double_lessons,
    lessons_taught_together,
    curriculum_max_per_day,
    curriculum_days_apart,
    teacher_credited_load,
    teacher_day_limits,
    teacher_consecutive_limits,
    teacher_day_count,
    teacher_min_per_day,
    teacher_max_gaps,
    lessons_in_special_rooms,
    pinned_lessons,
    locked_places,
    weekly_minimum_sync_per_pair,
    weekly_minimum_online_per_school,
    level_minimum_per_teacher,
    term_minimum_online_per_school,
    term_level_minimum_per_teacher,
    receiving_classes_per_session,
    forms_per_pair,
)
