"""The soft goals: each objective term is a named integer expression, weighted in instance.yaml."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from aligner.alignment.overlap import alignments
from aligner.changes import places
from aligner.instance import CurriculumRow, Instance, Weights
from aligner.model.constraints import day_windows, total, week_windows
from aligner.model.variables import Variables
from aligner.timetable import Timetable


@dataclass(frozen=True)
class ObjectiveTerm:
    """One objective term: its name in reports (and in :meth:`Weights.by_term`) and its
    expression."""

    name: str
    expression: cp_model.LinearExpr
    modeled: bool = True
    """False for a term whose weight is 0 and that is left out of the model to keep it small
    (teacher_gaps): its value is counted on the timetable found (:func:`evaluate`)."""

    def weight(self, weights: Weights) -> int:
        return weights.by_term()[self.name]


def misalignment_minutes(v: Variables) -> ObjectiveTerm:
    """Sum over sessions and receiving classes of (hub period minutes - overlap minutes)."""
    parts = []
    for key, literal in v.reception.items():
        course_id, _day, _hub_period, school_id, _period = key
        classes = len(v.instance.course_by_id[course_id].receptions_at(school_id))
        parts.append(v.misalignment[key] * classes * literal)
    return ObjectiveTerm("misalignment_minutes", total(parts))


def same_day_repeats(v: Variables) -> ObjectiveTerm:
    """Sum over classes, subjects with 2 <= lessons a week <= days, and days of
    max(0, lessons that day - 1), where a double lesson is one lesson (counts once)."""
    by_day = v.by_subject_day()
    days = v.instance.days
    excesses = []
    # (a bound on a term that costs nothing helps no LP, and CP-SAT would carry the rows)
    cut = bool(v.instance.weights.same_day_repeat and v.day_used)
    commitments: dict[tuple[str, str], set[int]] = {}
    for (teacher_id, day, _period), slot in v.teacher_slot.items() if cut else ():
        if (teacher_id, day) in v.day_used:
            commitments.setdefault((teacher_id, day), set()).update(x.index for x in slot)
    for row in v.instance.curriculum:
        if not 2 <= row.per_week - row.doubles <= len(days):
            continue
        for day in days:
            literals = by_day.get((row.school_id, row.class_ids[0], row.subject, day), [])
            doubles = v.doubles_of(row, day)
            if len(literals) <= 1:
                continue
            excess = v.model.new_int_var(
                0, len(literals) - 1, f"repeat[{row.class_id}@{row.school_id},{row.subject},{day}]"
            )
            # Pinned exactly (not just >=) so the reported term is right in any solution,
            # not only at the optimum.
            v.model.add_max_equality(excess, [0, total(literals) - total(doubles) - 1])
            v.repeats.append((excess, literals, doubles))
            excesses.append(excess)
            if cut:
                _repeats_on_working_days(v, row, day, excess, literals, doubles, commitments)
    return ObjectiveTerm("same_day_repeats", total(excesses))


def _repeats_on_working_days(v: Variables, row: CurriculumRow, day: str, excess: cp_model.IntVar,
                             literals: list[cp_model.IntVar], doubles: list[cp_model.IntVar],
                             commitments: dict[tuple[str, str], set[int]]) -> None:
    """For each teacher of the row with ``max_days`` (``commitments``: the indices of her
    commitments' literals per day): (the row's lessons she teaches that day)
    - excess <= used[t, day]. Redundant for whole timetables (a day with a lesson is a day she
    works, and every lesson past the first is in the excess), it is what lets the LP relaxation
    see that a row of k lessons a week whose teacher works d < k days repeats at least k - d
    times: summed over the days, lessons - repeats <= her days. Without it the LP spreads each
    lesson in small fractions over every day (county g005, hubs25 g013: a bound 10-20 below)."""
    for teacher_id in row.teacher_ids:
        used = v.day_used.get((teacher_id, day))
        if used is None:
            continue
        hers = commitments.get((teacher_id, day), set())
        own = [x for x in literals if x.index in hers]
        if own:
            v.model.add(total(own) - total(doubles) - excess <= used)


def core_in_afternoon(v: Variables) -> ObjectiveTerm:
    """Number of class lessons of a core subject in a period starting at or after 12:00."""
    core = set(v.instance.core_subjects)
    literals = []
    for (school_id, _class_id), lessons in v.class_lessons.items():
        for lesson in lessons:
            if lesson.subject in core and v.instance.is_afternoon(school_id, lesson.period):
                literals.append(lesson.literal)
    return ObjectiveTerm("core_in_afternoon", total(literals))


def missing_sessions(v: Variables) -> ObjectiveTerm:
    """Sum over range courses of (max_per_week - sessions)."""
    parts = [
        course.max_per_week - total(v.sessions_of(course.course_id))
        for course in v.instance.courses
        if course.is_range
    ]
    return ObjectiveTerm("missing_sessions", total(parts))


def teacher_gaps(v: Variables) -> ObjectiveTerm:
    """Sum over teachers, days and halves of the day of the free periods q with a commitment
    before q and one after q in the same half (空堂): gap[q] = max(0, before[q] + after[q] - 1
    - busy[q]), before/after the prefix and suffix maxima of busy. Modeled only when its weight
    is above 0."""
    instance = v.instance
    if instance.weights.teacher_gap == 0:
        return ObjectiveTerm("teacher_gaps", total([]), modeled=False)
    slots: dict[tuple[str, str], dict[int, list[cp_model.IntVar]]] = {}
    for (teacher_id, day, period), literals in v.teacher_slot.items():
        slots.setdefault((teacher_id, day), {})[period] = literals
    gaps = []
    for (teacher_id, day), periods in slots.items():
        school = instance.teacher_by_id[teacher_id].school_id
        for half in instance.halves(school):
            if len(half) < 3 or sum(1 for p in half if periods.get(p)) < 2:
                continue
            busy = [total(periods.get(p, [])) for p in half]
            name = f"{teacher_id},{day},{half[0]}"
            before = [v.model.new_bool_var(f"busy_before[{name},{i}]") for i in range(len(half))]
            after = [v.model.new_bool_var(f"busy_after[{name},{i}]") for i in range(len(half))]
            v.model.add(before[0] == 0)
            v.model.add(after[-1] == 0)
            for i in range(1, len(half)):
                v.model.add_max_equality(before[i], [before[i - 1], busy[i - 1]])
                j = len(half) - 1 - i
                v.model.add_max_equality(after[j], [after[j + 1], busy[j + 1]])
            for i in range(1, len(half) - 1):
                gap = v.model.new_int_var(0, 1, f"gap[{name},{i}]")
                v.model.add_max_equality(gap, [0, before[i] + after[i] - 1 - busy[i]])
                gaps.append(gap)
    return ObjectiveTerm("teacher_gaps", total(gaps))


def changes(v: Variables) -> ObjectiveTerm | None:
    """Places of the previous timetable not kept (``solve --from``; :mod:`aligner.changes`):
    sum over its local places of (1 - lesson there), over its sessions' hub places of
    (1 - session there), over their receiving places of (1 - a session reaching that school
    there), plus its lessons whose class, subject or course is gone. No term without a previous
    timetable."""
    if v.instance.previous is None:
        return None
    found = places(v.instance)
    parts: list[cp_model.LinearExprT] = [len(found.gone)]
    for local_place in found.local:
        lesson = v.local.get(local_place)
        parts.append(1 - lesson if lesson is not None else 1)
    for hub_place in found.hub:
        session = v.session.get(hub_place)
        parts.append(1 - session if session is not None else 1)
    ends = v.receptions_at_period()
    for end_place in found.end:
        parts.append(1 - total(ends.get(end_place, [])))
    return ObjectiveTerm("changes", total(parts))


def outside_preferred(v: Variables) -> ObjectiveTerm:
    """Local lessons of rows with ``preferred`` slots that have a period elsewhere: the row's
    lesson literals outside, less its double lessons with both periods outside (a double
    lesson is one lesson)."""
    parts: list[cp_model.LinearExprT] = []
    for row in v.instance.curriculum:
        if row.preferred is None:
            continue
        parts += [var for (*key, day, period), var in v.local.items()
                  if tuple(key) == row.key and not row.prefers(day, period)]
        parts += [-var for day, p, var in v.doubles_by_row.get(row.key, ())
                  if not row.prefers(day, p) and not row.prefers(day, p + 1)]
    return ObjectiveTerm("outside_preferred", total(parts))


def days_apart(v: Variables) -> ObjectiveTerm:
    """Sum over the soft days_apart.csv groups of their weight x, over each min_days
    consecutive days meeting the week (over its ends too), max(0, the group's lessons there -
    1) (a double lesson counts once): FET's sum over pairs of lessons of (min_days - their
    distance) whenever no min_days days hold three lessons."""
    by_day = v.by_subject_day()
    parts = []
    for g in v.instance.days_apart:
        if g.weight is None:
            continue
        rows = v.instance.rows_of(g)
        windows = day_windows(v, rows, g.min_days, by_day, overhang=True)
        for k, (literals, doubles) in enumerate(windows):
            excess = v.model.new_int_var(0, len(literals) - 1, f"apart[{g.group},{k}]")
            # pinned exactly, so that the reported term is right in any solution
            v.model.add_max_equality(excess, [0, total(literals) - total(doubles) - 1])
            parts.append(g.weight * excess)
    return ObjectiveTerm("days_apart", total(parts))


def soft_days_apart(instance: Instance, count: Callable[[str, str, str, str], int]) -> int:
    """The ``days_apart`` term of a finished week, ``count`` giving the lessons of a (school,
    class, subject, day), a double lesson once."""
    days = instance.days
    value = 0
    for g in instance.days_apart:
        if g.hard:
            continue
        rows = instance.rows_of(g)
        taught = {d: sum(count(r.school_id, r.class_ids[0], r.subject, d) for r in rows)
                  for d in days}
        for window in week_windows(days, g.min_days, overhang=True):
            value += (g.weight or 0) * max(0, sum(taught[d] for d in window) - 1)
    return value


TERMS: tuple[Callable[[Variables], ObjectiveTerm | None], ...] = (
    misalignment_minutes,
    same_day_repeats,
    core_in_afternoon,
    missing_sessions,
    teacher_gaps,
    outside_preferred,
    days_apart,
    changes,
)


def evaluate(instance: Instance, timetable: Timetable) -> dict[str, int]:
    """The objective terms of a finished timetable (a greedy week, a MIP solution), by name,
    as the functions above define them on the model."""
    pairs = alignments(instance)
    misaligned = 0
    by_day: Counter[tuple[str, str, str, str]] = Counter()
    core = 0
    core_subjects = set(instance.core_subjects)

    def lesson(school_id: str, class_id: str, subject: str, day: str, period: int) -> None:
        nonlocal core
        by_day[(school_id, class_id, subject, day)] += 1
        core += subject in core_subjects and instance.is_afternoon(school_id, period)

    busy: dict[tuple[str, str], set[int]] = {}
    for x in timetable.lessons:
        lesson(x.school_id, x.class_id, x.subject, x.day, x.period)
        if x.double_start is not None and x.double_start != x.period:
            by_day[(x.school_id, x.class_id, x.subject, x.day)] -= 1  # a double counts once
        for teacher_id in x.teacher_ids:
            busy.setdefault((teacher_id, x.day), set()).add(x.period)
    for s in timetable.sessions:
        course = instance.course_by_id[s.course_id]
        busy.setdefault((course.hub_teacher, s.day), set()).add(s.hub_period)
        if course.hub_class:
            lesson(course.hub_school, course.hub_class, course.subject, s.day, s.hub_period)
        for school_id, r in s.receiving_periods:
            for assistant in course.assistants_at(school_id):
                busy.setdefault((assistant, s.day), set()).add(r)
            receptions = course.receptions_at(school_id)
            misaligned += (pairs[(course.hub_school, school_id)].misalignment(s.hub_period, r)
                           * len(receptions))
            for reception in receptions:
                lesson(school_id, reception.class_id, course.subject, s.day, r)
    days = instance.days
    repeats = sum(max(0, by_day[(r.school_id, r.class_ids[0], r.subject, d)] - 1)
                  for r in instance.curriculum if 2 <= r.per_week - r.doubles <= len(days)
                  for d in days)
    counts = Counter(s.course_id for s in timetable.sessions)
    missing = sum(c.max_per_week - counts[c.course_id] for c in instance.courses if c.is_range)
    gaps = 0
    for (teacher_id, _day), periods in busy.items():
        for half in instance.halves(instance.teacher_by_id[teacher_id].school_id):
            taken = [i for i, p in enumerate(half) if p in periods]
            if taken:
                gaps += sum(1 for i in range(taken[0], taken[-1] + 1) if half[i] not in periods)
    terms = {"misalignment_minutes": misaligned, "same_day_repeats": repeats,
             "core_in_afternoon": core, "missing_sessions": missing, "teacher_gaps": gaps,
             "outside_preferred": lessons_outside_preferred(instance, timetable),
             "days_apart": soft_days_apart(instance, lambda *key: by_day[key])}
    if instance.previous is not None:
        terms["changes"] = changes_left(instance, timetable)
    return terms


def lessons_outside_preferred(instance: Instance, timetable: Timetable) -> int:
    """The ``outside_preferred`` term of a finished week: local lessons (a double once, a
    combined lesson once) with a period outside their row's ``preferred`` slots."""
    outside: set[tuple[str, str, str, str, int]] = set()
    for x in timetable.lessons:
        row = instance.row_by_key.get((x.school_id, x.group or x.class_id, x.subject))
        if row is not None and not row.prefers(x.day, x.period):
            start = x.period if x.double_start is None else x.double_start
            outside.add((x.school_id, row.class_id, x.subject, x.day, start))
    return len(outside)


def changes_left(instance: Instance, timetable: Timetable) -> int:
    """The ``changes`` term of a finished timetable: places of the previous one not kept."""
    found = places(instance)
    local = {(x.school_id, x.group or x.class_id, x.subject, x.day, x.period)
             for x in timetable.lessons}
    hub = {(s.course_id, s.day, s.hub_period) for s in timetable.sessions}
    end = {(s.course_id, school, s.day, r) for s in timetable.sessions
           for school, r in s.receiving_periods}
    return (len(found.gone) + sum(1 for k in found.local if k not in local)
            + sum(1 for k in found.hub if k not in hub) + sum(1 for k in found.end if k not in end))
