"""Why an instance has no timetable, in the user's terms, when the capacity checks
(:mod:`aligner.capacity`) find nothing: the rule groups of an infeasible core found by CP-SAT
with every rule group behind an assumption literal.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from aligner.capacity import class_phrase, teacher_phrase
from aligner.instance import Instance
from aligner.model import build_model
from aligner.model.constraints import Group


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
        return f"{class_phrase(instance, ids[0], ids[1])} has at most one lesson per period"
    if rule == "teacher":
        return f"{teacher_phrase(instance, ids[0])} has at most one commitment per period"
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
        return f"{class_phrase(instance, ids[0], ids[1])} has {row.per_week} {ids[2]} lessons a week"
    if rule == "max_per_day":
        row = instance.curriculum_row[(ids[0], ids[1], ids[2])]
        return (f"{class_phrase(instance, ids[0], ids[1])} has at most {row.max_per_day} "
                f"{ids[2]} lesson(s) a day")
    if rule == "load":
        t = instance.teacher_by_id[ids[0]]
        cap = "no cap" if t.max_load is None else f"{t.max_load}"
        return (f"{teacher_phrase(instance, ids[0])}'s credited load lies in "
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
        return (f"{teacher_phrase(instance, ids[0])} ({t.level} level) teaches >= "
                f"{policy.level_min_per_week(t.level)} online lesson(s) a week")
    return " ".join(group)
