"""The soft goals: each objective term is a named integer expression, weighted in instance.yaml."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from aligner.instance import Weights
from aligner.model.constraints import total
from aligner.model.variables import Variables


@dataclass(frozen=True)
class Term:
    """One objective term: its name in reports (and in :meth:`Weights.by_term`) and its
    expression."""

    name: str
    expression: cp_model.LinearExpr

    def weight(self, weights: Weights) -> int:
        return weights.by_term()[self.name]


def misalignment_minutes(v: Variables) -> Term:
    """Sum over sessions and receiving classes of (hub period minutes - overlap minutes)."""
    parts = []
    for key, literal in v.reception.items():
        course_id, _day, _hub_period, school_id, _period = key
        classes = len(v.instance.course_by_id[course_id].receptions_at(school_id))
        parts.append(v.misalignment[key] * classes * literal)
    return Term("misalignment_minutes", total(parts))


def same_day_repeats(v: Variables) -> Term:
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
    return Term("same_day_repeats", total(excesses))


def core_in_afternoon(v: Variables) -> Term:
    """Number of class lessons of a core subject in a period starting at or after 12:00."""
    core = set(v.instance.core_subjects)
    literals = []
    for (school_id, _class_id), lessons in v.class_lessons.items():
        for lesson in lessons:
            if lesson.subject in core and v.instance.is_afternoon(school_id, lesson.period):
                literals.append(lesson.literal)
    return Term("core_in_afternoon", total(literals))


def missing_sessions(v: Variables) -> Term:
    """Sum over range courses of (max_per_week - sessions)."""
    parts = [
        course.max_per_week - total(v.sessions_of(course.course_id))
        for course in v.instance.courses
        if course.is_range
    ]
    return Term("missing_sessions", total(parts))


TERMS: tuple[Callable[[Variables], Term], ...] = (
    misalignment_minutes,
    same_day_repeats,
    core_in_afternoon,
    missing_sessions,
)
