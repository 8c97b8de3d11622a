"""Why an instance has no timetable, in the user's terms, when the capacity checks
(:mod:`aligner.diagnose.capacity`) find nothing.

Every rule is split into groups (a course's weekly count, a class's curriculum row, a
teacher's load, a teacher's availability, a school's sync rooms, a weekly minimum, a course's
alignment, ...), each behind an assumption literal of a relaxed model. One solve gives CP-SAT's
sufficient assumptions for infeasibility, a first conflict; a deletion filter then shrinks it
until every group is needed: whole rule families are dropped first where the rest stays
infeasible, then QuickXplain splits what is left. Each question "infeasible with only these
groups?" is a fresh CP-SAT model holding just those groups, which presolves far better than the
model with hundreds of assumption literals; when that model finds no core in its share of the
time (it took over 30 s on a variant of the example), the filter starts from every group.
Within the time budget the set is irreducible; when the budget runs out it is still a conflict,
marked not minimal. The result reads as sentences.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from aligner.alignment.overlap import session_options
from aligner.diagnose.capacity import (
    Finding,
    class_phrase,
    count,
    course_slots_sentence,
    group_phrase,
    level_word,
    row_phrase,
    slots_text,
    teacher_phrase,
    teachers_phrase,
)
from aligner.instance import Instance, Pin
from aligner.messages import listed, say
from aligner.model import build_model
from aligner.model.constraints import Group
from aligner.solver.settings import SolverSettings, configure

SHOWN_RULES = 12
"""A conflict of more rules than this, not shown minimal, is printed grouped by family."""

def family_words(family: str) -> str:
    """A rule family in the words of a grouped explanation (messages ``diagnose.family.*``)."""
    return say(f"diagnose.family.{family}") if family in RULE_ORDER else family

RULE_ORDER = ("pin", "course", "alignment", "availability", "allowed", "room", "room_choice",
              "special_room", "curriculum", "doubles", "together", "max_per_day", "min_days_apart",
              "days_apart", "class", "teacher", "teacher_day", "teacher_consecutive", "teacher_days",
              "teacher_day_gaps", "teacher_week_gaps", "load",
              "pair_minimum", "hub_minimum", "receiving_minimum", "level", "radiation", "research",
              "forms")


@dataclass(frozen=True)
class Conflict:
    """A set of rule groups that cannot all hold; ``minimal`` when every group was shown to be
    needed (removing any one leaves a feasible instance)."""

    groups: tuple[Group, ...]
    minimal: bool
    seconds: float


@dataclass
class Explanation:
    """What ``aligner solve`` reports about an infeasible instance (and infeasibility.json)."""

    instance: Instance
    findings: list[Finding] = field(default_factory=list)
    """Capacity checks that failed before solving (each one a proof)."""
    conflict: Conflict | None = None
    """Rule groups that cannot hold together, found by the solver; None if not searched or not
    found within the budget."""

    @property
    def sentences(self) -> list[str]:
        if self.findings:
            return [f.message for f in self.findings]
        if self.conflict is None:
            return []
        return conflict_sentences(self.instance, self.conflict.groups)

    def shown(self, most: int = SHOWN_RULES) -> list[str]:
        """What to print: every sentence, or, for a conflict that the time budget left large
        (not shown minimal) and longer than ``most``, its rules grouped by family with counts
        and the first ids (infeasibility.json keeps them all)."""
        if self.conflict is None or self.conflict.minimal or len(self.conflict.groups) <= most:
            return self.sentences
        families: dict[str, list[Group]] = {}
        for group in self.conflict.groups:
            families.setdefault(group[0], []).append(group)
        lines = []
        for family, groups in families.items():
            ids = [" ".join(g[1:]) for g in groups]
            shown = listed(ids[:3]) + (say("diagnose.and_more", more=len(ids) - 3)
                                       if len(ids) > 3 else "")
            lines.append(say("diagnose.family_line", family=family_words(family),
                             rules=count(len(groups), "rule"), shown=shown))
        return lines

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"instance": self.instance.name, "status": "INFEASIBLE"}
        if self.findings:
            data["found"] = "before solving, by the capacity checks"
            data["findings"] = [{"rule": f.rule, "message": f.message} for f in self.findings]
        else:
            data["found"] = "by the solver"
            data["conflict"] = None if self.conflict is None else {
                "minimal": self.conflict.minimal,
                "seconds": round(self.conflict.seconds, 3),
                "rules": [{"rule": g[0], "ids": list(g[1:]),
                           "description": describe_group(self.instance, g)}
                          for g in self.conflict.groups],
            }
        data["explanation"] = self.sentences
        return data


# ---- finding and shrinking the conflict ---------------------------------------------------

FAMILY_TRIALS = ("radiation", "forms", "research", "together", "doubles", "max_per_day",
                 "min_days_apart", "days_apart",
                 "teacher_consecutive", "teacher_days", "teacher_day", "teacher_min_day",
                 "teacher_day_gaps", "teacher_week_gaps", "level", "pair_minimum",
                 "hub_minimum", "receiving_minimum",
                 "load", "room", "room_choice", "special_room", "alignment", "allowed",
                 "availability", "pin", "teacher", "class", "curriculum", "course")
"""Rule families tried for removal as a whole first, the least likely culprits first. Where two
families explain the same thing (a course's weekly count and the curriculum rows it serves),
the one tried later stays: a course reads better than a curriculum row."""


class _Oracle:
    """Is the instance infeasible with only these rule groups? Each question is a fresh model
    with the other groups left out (so CP-SAT presolves it fully), solved without objective."""

    def __init__(self, instance: Instance, deadline: float, settings: SolverSettings):
        self.instance = instance
        self.deadline = deadline
        self.settings = settings
        self.calls = 0
        self.unsure = False
        """Some question went unanswered (time): the conflict may not be minimal."""

    def infeasible(self, groups: Collection[Group]) -> bool:
        """True only when proven; False when feasible or unknown (then ``unsure`` is set)."""
        seconds = self.deadline - time.perf_counter()
        if seconds <= 0.05:
            self.unsure = True
            return False
        self.calls += 1
        built = build_model(self.instance, relaxed=True, keep=groups, objective=False)
        solver = cp_model.CpSolver()
        configure(solver, self.settings, time_limit=seconds)
        status = solver.solve(built.model)
        if status == cp_model.INFEASIBLE:
            return True
        if status not in (cp_model.FEASIBLE, cp_model.OPTIMAL):
            self.unsure = True
        return False


ASSUMPTION_SHARE = 0.25
"""Share of the budget given to the one-shot assumption core before falling back."""


def assumption_core(instance: Instance, seconds: float, settings: SolverSettings
                    ) -> list[Group] | None:
    """One solve of the relaxed model with every rule group behind an assumption literal:
    CP-SAT's sufficient assumptions for infeasibility, or None if it finds none in time (with
    hundreds of enforcement literals presolve is weak, so this often fails on larger instances;
    on small ones it cuts the candidates to a handful at once)."""
    built = build_model(instance, relaxed=True, assumptions=True, objective=False)
    literals = built.rules.literals
    built.model.add_assumptions(list(literals.values()))
    solver = cp_model.CpSolver()
    # the core is only reported by a single-worker search
    configure(solver, settings, time_limit=max(0.01, seconds), workers=1)
    if solver.solve(built.model) != cp_model.INFEASIBLE:
        return None
    by_index = {literal.index: group for group, literal in literals.items()}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()
            if i in by_index]
    return sorted(core, key=_rank) or None


def all_groups(instance: Instance) -> list[Group]:
    """Every rule group of the instance's relaxed model, in explanation order."""
    built = build_model(instance, relaxed=True, keep=(), objective=False)
    return sorted(built.rules.groups, key=_rank)


def _quickxplain(oracle: _Oracle, background: list[Group], candidates: list[Group]) -> list[Group]:
    """A minimal subset X of ``candidates`` with background + X infeasible, given that
    background + candidates is (Junker's QuickXplain: O(k log(n/k)) questions)."""

    def qx(base: list[Group], delta: bool, rest: list[Group]) -> list[Group]:
        if delta and oracle.infeasible(base):
            return []
        if len(rest) == 1:
            return rest
        half = len(rest) // 2
        first, second = rest[:half], rest[half:]
        found_second = qx(base + first, bool(first), second)
        found_first = qx(base + found_second, bool(found_second), first)
        return found_first + found_second

    return qx(background, False, candidates) if candidates else []


def find_conflict(instance: Instance, settings: SolverSettings | None = None) -> Conflict | None:
    """A set of rule groups that cannot all hold: irreducible unless the time budget
    (``settings.explain_seconds``) ran out. None when the instance is not proven infeasible within
    the budget."""
    settings = settings or SolverSettings()
    time_limit = settings.explain_seconds
    started = time.perf_counter()
    oracle = _Oracle(instance, started + time_limit, settings)
    groups = assumption_core(instance, min(ASSUMPTION_SHARE * time_limit, 5.0), settings)
    if groups is None:  # no core in time: start from every group
        groups = all_groups(instance)
        if not oracle.infeasible(groups):
            return None
    for family in FAMILY_TRIALS:  # whole families first: few questions rule many groups out
        trial = [g for g in groups if g[0] != family]
        if len(trial) < len(groups) and oracle.infeasible(trial):
            groups = trial
    conflict = _quickxplain(oracle, [], groups)
    return Conflict(tuple(sorted(conflict, key=_rank)), not oracle.unsure,
                    time.perf_counter() - started)


def _rank(group: Group) -> tuple[int, Group]:
    return (RULE_ORDER.index(group[0]) if group[0] in RULE_ORDER else len(RULE_ORDER), group)


def explain(instance: Instance, findings: Sequence[Finding] = (),
            settings: SolverSettings | None = None) -> Explanation:
    """The explanation: the capacity findings if any, else the solver's conflict (searched
    within ``settings.explain_seconds``)."""
    if findings:
        return Explanation(instance, findings=list(findings))
    return Explanation(instance, conflict=find_conflict(instance, settings))


# ---- in words -----------------------------------------------------------------------------


def conflict_sentences(instance: Instance, groups: tuple[Group, ...]) -> list[str]:
    """The conflict as sentences; a course with its alignment (and the hub teacher's
    availability) reads as one sentence, as the capacity check would put it."""
    sentences = []
    used: set[Group] = set()
    for group in groups:
        if group[0] == "course" and ("alignment", group[1]) in groups:
            course = instance.course_by_id[group[1]]
            assistants = {a for s in course.receiving_schools for a in course.assistants_at(s)}
            teachers = [t for t in (course.hub_teacher, *sorted(assistants))
                        if ("availability", t) in groups]
            slots = list(session_options(instance, course))
            sentences.append(course_slots_sentence(instance, course, slots, teachers))
            used |= {group, ("alignment", group[1])} | {("availability", t) for t in teachers}
    for group in groups:
        if group not in used:
            sentences.append(describe_group(instance, group))
    return sentences


def describe_group(instance: Instance, group: Group) -> str:
    """A rule group in words."""
    rule, *ids = group
    policy = instance.policy
    if rule == "class":
        rows = instance.curriculum_of_class.get((ids[0], ids[1]), ())
        lessons = sum(r.per_week for r in rows)
        periods = len(instance.days) * len(instance.periods(ids[0]))
        if lessons == periods:
            return say("diagnose.rule.class_full", klass=class_phrase(instance, ids[0], ids[1]),
                       lessons=lessons, periods=periods)
        return say("diagnose.rule.class", klass=class_phrase(instance, ids[0], ids[1]))
    if rule == "teacher":
        return say("diagnose.rule.teacher", teacher=teacher_phrase(instance, ids[0]))
    if rule == "together":
        rows = instance.together_groups[(ids[0], ids[1])]
        return say("diagnose.rule.together", label=ids[1], rows=listed([
            say("diagnose.subject_of", subject=r.subject, klass=row_phrase(instance, r))
            for r in rows]))
    if rule == "allowed":
        row = instance.row_by_key[(ids[0], ids[1], ids[2])]
        return say("diagnose.rule.allowed", klass=row_phrase(instance, row),
                   subject=ids[2], slots=slots_text(instance, row.allowed or ()))
    if rule == "availability":
        teacher = instance.teacher_by_id[ids[0]]
        return say("diagnose.rule.availability", teacher=teacher_phrase(instance, ids[0]),
                   slots=slots_text(instance, teacher.unavailable))
    if rule == "room":
        rooms = instance.school_by_id[ids[0]].sync_rooms
        return say("diagnose.rule.room", school=instance.school_name(ids[0]),
                   rooms=count(rooms, "sync room"))
    if rule == "course":
        c = instance.course_by_id[ids[0]]
        wanted = (count(c.min_per_week, "session") if not c.is_range
                  else say("diagnose.session_range", low=c.min_per_week, high=c.max_per_week))
        return say("diagnose.rule.course", course=c.course_id, form=say(f"io.form.{c.form}"),
                   subject=c.subject, hub=instance.school_name(c.hub_school),
                   receiving="、".join(instance.school_name(s) for s in c.receiving_schools),
                   wanted=wanted)
    if rule == "alignment":
        return say("diagnose.rule.alignment", course=ids[0],
                   minutes=policy.min_overlap_minutes)
    if rule == "curriculum":
        row = instance.row_by_key[(ids[0], ids[1], ids[2])]
        taught = say("diagnose.taught_by", teachers=teachers_phrase(instance, row)) \
            if row.combined or len(row.teacher_ids) > 1 else ""
        return say("diagnose.rule.curriculum", klass=row_phrase(instance, row),
                   per_week=row.per_week, subject=ids[2]) + taught
    if rule == "doubles":
        row = instance.row_by_key[(ids[0], ids[1], ids[2])]
        return say("diagnose.rule.doubles", klass=row_phrase(instance, row),
                   doubles=row.doubles, subject=ids[2], gap=policy.max_double_gap)
    if rule == "max_per_day":
        row = instance.row_by_key[(ids[0], ids[1], ids[2])]
        return say("diagnose.rule.max_per_day", klass=row_phrase(instance, row),
                   most=row.max_per_day, subject=ids[2])
    if rule == "min_days_apart":
        row = instance.row_by_key[(ids[0], ids[1], ids[2])]
        return say("diagnose.rule.min_days_apart", klass=row_phrase(instance, row),
                   apart=row.min_days_apart, subject=ids[2])
    if rule == "load":
        t = instance.teacher_by_id[ids[0]]
        cap = say("diagnose.no_cap") if t.max_load is None else f"{t.max_load}"
        return say("diagnose.rule.load", teacher=teacher_phrase(instance, ids[0]),
                   least=t.min_load, most=cap, credit=policy.credits_text)
    if rule == "pair_minimum":
        return say("diagnose.rule.pair_minimum", hub=instance.school_name(ids[0]),
                   receiving=instance.school_name(ids[1]),
                   least=policy.min_sync_lessons_per_pair)
    if rule in ("hub_minimum", "receiving_minimum") and instance.term is not None:
        return say(f"diagnose.rule.term_{rule}", school=instance.school_name(ids[0]),
                   least=instance.term_school_minimum, dates=instance.teaching_dates,
                   minimum=policy.min_online_lessons_per_school)
    if rule == "research":
        return say("diagnose.rule.research", course=ids[0], n=policy.research_per_week,
                   minutes=policy.min_overlap_minutes)
    if rule == "forms":
        return say("diagnose.rule.forms", hub=instance.school_name(ids[0]),
                   receiving=instance.school_name(ids[1]), least=policy.min_forms_per_pair)
    if rule in ("hub_minimum", "receiving_minimum"):
        return say(f"diagnose.rule.{rule}", school=instance.school_name(ids[0]),
                   least=policy.min_online_lessons_per_school)
    if rule == "level":
        t = instance.teacher_by_id[ids[0]]
        return say("diagnose.rule.term_level" if instance.term is not None
                   else "diagnose.rule.level", teacher=teacher_phrase(instance, ids[0]),
                   level=level_word(t.level), least=instance.level_minimum(t.level),
                   dates=instance.teaching_dates)
    if rule == "radiation":
        c = instance.course_by_id[ids[0]]
        return say("diagnose.rule.radiation", course=c.course_id,
                   classes=len({r.class_key for r in c.receptions}),
                   most=policy.max_receiving_classes_per_session)
    if rule in ("teacher_day", "teacher_consecutive", "teacher_days", "teacher_day_gaps",
                "teacher_week_gaps", "teacher_min_day"):
        t = instance.teacher_by_id[ids[0]]
        most = {"teacher_day": t.max_per_day, "teacher_consecutive": t.max_consecutive,
                "teacher_days": t.max_days, "teacher_day_gaps": t.max_gaps_per_day,
                "teacher_week_gaps": t.max_gaps_per_week,
                "teacher_min_day": t.min_per_day}[rule] or 0
        return say(f"diagnose.rule.{rule}", teacher=teacher_phrase(instance, ids[0]), most=most,
                   days=count(most, "day"), n=most)
    if rule == "room_choice":
        choices = instance.rooms_for[(ids[0], ids[1])]
        return say("diagnose.rule.room_choice", subject=ids[1],
                   school=instance.school_name(ids[0]), n=len(choices),
                   rooms="、".join(say("diagnose.room", name=r.name, id=r.room_id)
                                  for r in choices))
    if rule == "special_room":
        room = instance.room_by_key[(ids[0], ids[1])]
        closed = say("diagnose.room_closed", slots=slots_text(instance, room.unavailable)) \
            if room.unavailable else ""
        return say("diagnose.rule.special_room", name=room.name, id=room.room_id,
                   school=instance.school_name(ids[0]), closed=closed)
    if rule == "pin":
        return pin_phrase(instance, instance.pins[int(ids[0])])
    if rule == "days_apart":
        g = next(g for g in instance.days_apart if g.group == ids[0])
        return say("diagnose.rule.days_apart", group=g.group, apart=g.min_days,
                   rows=group_phrase(instance, g),
                   where=say("diagnose.pin_row", row=g.row, source=g.source) if g.row else "")
    return " ".join(group)


def pin_phrase(instance: Instance, pin: Pin) -> str:
    """'a 语文 lesson of class 一年级 of 厚仁 is pinned to Mon period 1 (pinned.csv row 2)'."""
    row = say("diagnose.pin_row", row=pin.row, source=pin.source) if pin.row else ""
    if pin.course_id is not None:
        return say("diagnose.rule.pin_session", course=pin.course_id, day=pin.day,
                   period=pin.period, school=instance.school_name(pin.school_id), row=row)
    return say("diagnose.rule.pin_lesson", subject=pin.subject,
               klass=class_phrase(instance, pin.school_id, pin.class_id or ""), day=pin.day,
               period=pin.period, row=row)
