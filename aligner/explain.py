"""Why an instance has no timetable, in the user's terms.

Two tools: fast capacity checks that run before the solver (each a precise sentence), and, for
conflicts they miss, the rule groups of an infeasible core found by CP-SAT with every group
behind an assumption literal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from ortools.sat.python import cp_model

from aligner.alignment import alignments
from aligner.instance import Course, Instance
from aligner.model import build_model
from aligner.model.constraints import Group


@dataclass(frozen=True)
class Finding:
    """One reason the instance cannot be scheduled; ``rule`` names the rule group."""

    rule: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


def session_slots(instance: Instance, course: Course) -> list[tuple[str, int]]:
    """(day, hub period) pairs where a session of the course can take place: the hub teacher
    is available and every receiving school has a period overlapping it by the minimum while
    its assistants are available."""
    pairs = alignments(instance)
    slots = []
    for day in instance.days:
        for bell in instance.periods(course.hub_school):
            if instance.is_unavailable(course.hub_teacher, day, bell.period):
                continue
            if all(
                any(
                    not any(instance.is_unavailable(a, day, r) for a in course.assistants_at(s))
                    for r, _ in pairs[(course.hub_school, s)].partners(bell.period)
                )
                for s in course.receiving_schools
            ):
                slots.append((day, bell.period))
    return slots


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _teacher_phrase(instance: Instance, teacher_id: str) -> str:
    name = instance.teacher_name(teacher_id)
    return f"teacher {name}" + (f" ({teacher_id})" if name != teacher_id else "")


def _course_findings(instance: Instance) -> tuple[list[Finding], dict[str, int]]:
    findings = []
    most: dict[str, int] = {}
    for course in instance.courses:
        slots = len(session_slots(instance, course))
        most[course.course_id] = min(course.max_per_week, slots)
        if slots < course.min_per_week:
            hub = instance.school_name(course.hub_school)
            receiving = "、".join(instance.school_name(s) for s in course.receiving_schools)
            findings.append(Finding("course", (
                f"course {course.course_id} needs {_count(course.min_per_week, 'session')} a "
                f"week, but only {_count(slots, 'period')} of {hub} overlap {receiving}'s periods by "
                f"{instance.policy.min_overlap_minutes} minutes while "
                f"{_teacher_phrase(instance, course.hub_teacher)} (and the assistants) are "
                "available")))
    return findings, most


def _minimum_findings(instance: Instance, most: dict[str, int]) -> list[Finding]:
    policy = instance.policy
    findings = []
    sync_supply: dict[tuple[str, str], int] = defaultdict(int)
    delivered: dict[str, int] = defaultdict(int)
    received: dict[str, int] = defaultdict(int)
    taught: dict[str, int] = defaultdict(int)
    for course in instance.courses:
        n = most[course.course_id]
        delivered[course.hub_school] += n
        taught[course.hub_teacher] += n
        for school_id in course.receiving_schools:
            received[school_id] += n
            if course.form == "sync":
                sync_supply[(course.hub_school, school_id)] += n
    for (hub, receiving), n in sync_supply.items():
        if n < policy.min_sync_lessons_per_pair:
            findings.append(Finding("pair_minimum", (
                f"{instance.school_name(hub)} -> {instance.school_name(receiving)} needs "
                f">= {policy.min_sync_lessons_per_pair} sync lessons a week, but its sync courses "
                f"can hold at most {n}")))
    for rule, counts, verb in (("hub_minimum", delivered, "deliver"),
                               ("receiving_minimum", received, "take part in")):
        for school_id, n in counts.items():
            if n < policy.min_online_lessons_per_school:
                findings.append(Finding(rule, (
                    f"{instance.school_name(school_id)} must {verb} >= "
                    f"{policy.min_online_lessons_per_school} online lessons a week, but the "
                    f"courses it can use hold at most {n}")))
    for teacher in instance.teachers:
        minimum = policy.level_min_per_week(teacher.level)
        if minimum > taught[teacher.teacher_id]:
            findings.append(Finding("level", (
                f"{_teacher_phrase(instance, teacher.teacher_id)} is a {teacher.level}-level "
                f"backbone teacher and must teach >= {minimum} online lesson(s) a week, but "
                f"their courses can hold at most {taught[teacher.teacher_id]}")))
    return findings


def _teacher_findings(instance: Instance) -> list[Finding]:
    """Commitments a teacher cannot avoid vs available periods, and vs the load bounds."""
    policy = instance.policy
    local_least: dict[str, int] = defaultdict(int)
    local_most: dict[str, int] = defaultdict(int)
    for row in instance.curriculum:
        if row.teacher_id:
            key = (row.school_id, row.class_id, row.subject)
            online_max = sum(c.max_per_week for c in instance.courses_reaching.get(key, ()))
            local_least[row.teacher_id] += max(0, row.per_week - online_max)
            local_most[row.teacher_id] += row.per_week
    taught_least: dict[str, int] = defaultdict(int)
    taught_most: dict[str, int] = defaultdict(int)
    assist_least: dict[str, int] = defaultdict(int)
    assist_most: dict[str, int] = defaultdict(int)
    for course in instance.courses:
        taught_least[course.hub_teacher] += course.min_per_week
        taught_most[course.hub_teacher] += course.max_per_week
        for school_id in course.receiving_schools:
            for assistant in course.assistants_at(school_id):
                assist_least[assistant] += course.min_per_week
                assist_most[assistant] += course.max_per_week

    findings = []
    for teacher in instance.teachers:
        t = teacher.teacher_id
        who = _teacher_phrase(instance, t)
        periods = len(instance.days) * len(instance.periods(teacher.school_id))
        free = periods - len(teacher.unavailable)
        least = local_least[t] + taught_least[t] + assist_least[t]
        if least > free:
            findings.append(Finding("teacher", (
                f"{who} has at least {least} lessons and sessions a week but is available in "
                f"only {free} of {periods} periods")))
        def load(local: int, taught: int, assisted: int) -> Fraction:
            return (local + Fraction(policy.online_credit) * taught
                    + Fraction(policy.assistant_credit) * assisted)
        lowest = load(local_least[t], taught_least[t], assist_least[t])
        highest = load(local_most[t], taught_most[t], assist_most[t])
        if teacher.max_load is not None and lowest > teacher.max_load:
            findings.append(Finding("load", (
                f"{who} has a credited load of at least {float(lowest):g} (online lessons count "
                f"{policy.online_credit}), above max_load {teacher.max_load}")))
        if highest < teacher.min_load:
            findings.append(Finding("load", (
                f"{who} can reach a credited load of at most {float(highest):g}, below "
                f"min_load {teacher.min_load}")))
    return findings


def capacity_findings(instance: Instance) -> list[Finding]:
    """Fast necessary conditions, checked before the solver runs; each failure is a sentence."""
    course_findings, most = _course_findings(instance)
    return course_findings + _minimum_findings(instance, most) + _teacher_findings(instance)


def conflicting_rule_groups(
    instance: Instance, time_limit: float = 20.0, seed: int = 0
) -> list[Group] | None:
    """Rule groups of an infeasible core (CP-SAT assumptions); None if none was found in time."""
    built = build_model(instance, assumptions=True)
    groups = list(built.rules.literals)
    built.model.add_assumptions([built.rules.literals[g] for g in groups])
    built.model.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    if solver.solve(built.model) != cp_model.INFEASIBLE:
        return None
    by_index = {built.rules.literals[g].index: g for g in groups}
    return [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]


def describe_group(instance: Instance, group: Group) -> str:
    """A rule group in words."""
    rule, *ids = group
    policy = instance.policy
    if rule == "class":
        return f"class {instance.class_name(ids[0], ids[1])} of {instance.school_name(ids[0])} " \
               "has at most one lesson per period"
    if rule == "teacher":
        return f"{_teacher_phrase(instance, ids[0])} has at most one commitment per period"
    if rule == "room":
        rooms = instance.school_by_id[ids[0]].sync_rooms
        return f"{instance.school_name(ids[0])} has {rooms} sync room(s)"
    if rule == "course":
        c = instance.course_by_id[ids[0]]
        count = f"{c.min_per_week}" if not c.is_range else f"{c.min_per_week}-{c.max_per_week}"
        return f"course {c.course_id} ({c.form}, {c.subject}) has {count} sessions a week"
    if rule == "alignment":
        return (f"every session of course {ids[0]} reaches each receiving school at a period "
                f"overlapping by >= {policy.min_overlap_minutes} minutes")
    if rule == "curriculum":
        row = instance.curriculum_row[(ids[0], ids[1], ids[2])]
        return (f"class {instance.class_name(ids[0], ids[1])} of {instance.school_name(ids[0])} "
                f"has {row.per_week} {ids[2]} lessons a week")
    if rule == "max_per_day":
        row = instance.curriculum_row[(ids[0], ids[1], ids[2])]
        return (f"class {instance.class_name(ids[0], ids[1])} has at most {row.max_per_day} "
                f"{ids[2]} lesson(s) a day")
    if rule == "load":
        t = instance.teacher_by_id[ids[0]]
        cap = "no cap" if t.max_load is None else f"{t.max_load}"
        return (f"{_teacher_phrase(instance, ids[0])}'s credited load lies in "
                f"[{t.min_load}, {cap}]")
    if rule == "pair_minimum":
        return (f"{instance.school_name(ids[0])} -> {instance.school_name(ids[1])} has >= "
                f"{policy.min_sync_lessons_per_pair} sync lessons a week")
    if rule == "hub_minimum":
        return (f"{instance.school_name(ids[0])} delivers >= "
                f"{policy.min_online_lessons_per_school} online lessons a week")
    if rule == "receiving_minimum":
        return (f"{instance.school_name(ids[0])} takes part in >= "
                f"{policy.min_online_lessons_per_school} online lessons a week")
    if rule == "level":
        t = instance.teacher_by_id[ids[0]]
        return (f"{_teacher_phrase(instance, ids[0])} ({t.level} level) teaches >= "
                f"{policy.level_min_per_week(t.level)} online lesson(s) a week")
    return " ".join(group)
