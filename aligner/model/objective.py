"""The soft goals: each objective term is a named integer expression, weighted in instance.yaml."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from aligner.alignment.overlap import alignments
from aligner.instance import Instance, Weights
from aligner.model.constraints import total
from aligner.model.variables import Variables
from aligner.timetable import Timetable


@dataclass(frozen=True)
class ObjectiveTerm:
    """One objective term: its name in reports (and in :meth:`Weights.by_term`) and its
    expression."""

    name: str
    expression: cp_model.LinearExpr

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
    for row in v.instance.curriculum:
        if not 2 <= row.per_week - row.doubles <= len(days):
            continue
        for day in days:
            literals = by_day.get((row.school_id, row.class_id, row.subject, day), [])
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
    return ObjectiveTerm("same_day_repeats", total(excesses))


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


TERMS: tuple[Callable[[Variables], ObjectiveTerm], ...] = (
    misalignment_minutes,
    same_day_repeats,
    core_in_afternoon,
    missing_sessions,
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

    for x in timetable.lessons:
        lesson(x.school_id, x.class_id, x.subject, x.day, x.period)
        if x.double_start is not None and x.double_start != x.period:
            by_day[(x.school_id, x.class_id, x.subject, x.day)] -= 1  # a double counts once
    for s in timetable.sessions:
        course = instance.course_by_id[s.course_id]
        if course.hub_class:
            lesson(course.hub_school, course.hub_class, course.subject, s.day, s.hub_period)
        for school_id, r in s.receiving_periods:
            receptions = course.receptions_at(school_id)
            misaligned += (pairs[(course.hub_school, school_id)].misalignment(s.hub_period, r)
                           * len(receptions))
            for reception in receptions:
                lesson(school_id, reception.class_id, course.subject, s.day, r)
    days = instance.days
    repeats = sum(max(0, by_day[(r.school_id, r.class_id, r.subject, d)] - 1)
                  for r in instance.curriculum if 2 <= r.per_week - r.doubles <= len(days)
                  for d in days)
    counts = Counter(s.course_id for s in timetable.sessions)
    missing = sum(c.max_per_week - counts[c.course_id] for c in instance.courses if c.is_range)
    return {"misalignment_minutes": misaligned, "same_day_repeats": repeats,
            "core_in_afternoon": core, "missing_sessions": missing}
