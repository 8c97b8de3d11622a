"""Proposing synchronised bell schedules (同步作息时间表, seed 001 五(二)).

For each season, CP-SAT chooses new start times for the periods of the schools allowed to move
so that as many hub periods as possible have, at every receiving school of that hub, a period
overlapping them by at least ``min_overlap_minutes`` (full overlap preferred), and then moves
the bells as little as possible. A moved schedule keeps every period's length and order; a gap
may shrink by at most ``max_gap_shrink`` minutes and never below ``min_break``; no period moves
more than ``max_shift``; the day starts at most ``max_earlier_start`` earlier and ends at most
``max_later_end`` later; times lie on a ``bell_grid``-minute grid (all policy keys).
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from aligner.alignment.overlap import course_school_pairs, overlap_minutes
from aligner.instance import BellPeriod, Instance, Policy, hhmm
from aligner.messages import say
from aligner.solver.settings import SolverSettings, configure

MOVABLE_CHOICES = ("receiving", "hub", "all")


class MovableError(ValueError):
    """A --movable value that names no school of the instance."""


def movable_schools(instance: Instance, spec: str, pairs: tuple[tuple[str, str], ...]) -> set[str]:
    """Schools whose bells may move: receiving (default), hub, all, or comma-separated ids."""
    hubs = {h for h, _ in pairs}
    receivers = {r for _, r in pairs}
    if spec == "receiving":
        return receivers
    if spec == "hub":
        return hubs
    if spec == "all":
        return hubs | receivers
    chosen = {s.strip() for s in spec.split(",") if s.strip()}
    unknown = sorted(chosen - set(instance.school_by_id))
    if unknown or not chosen:
        named = ", ".join(unknown) if unknown else repr(spec)
        raise MovableError(say("solver.movable", unknown=named,
                               schools=", ".join(instance.school_by_id)))
    return chosen


@dataclass(frozen=True)
class BellChange:
    """One period of one school moved in one season."""

    before: BellPeriod
    after: BellPeriod

    @property
    def shift(self) -> int:
        return self.after.start - self.before.start

    def describe(self, instance: Instance) -> str:
        """'厚仁中心小学 第4节 13:00-13:40 -> 13:20-14:00 (+20)'."""
        return say("solver.bell_change", school=instance.school_name(self.before.school_id),
                   period=self.before.period, before=self.before.times, after=self.after.times,
                   shift=f"{self.shift:+d}")


@dataclass(frozen=True)
class BellProposal:
    """Proposed bells of one season, with what they achieve."""

    season: str
    status: str
    bells: tuple[BellPeriod, ...]
    """Every period of every school in this season, moved or not."""
    changes: tuple[BellChange, ...]
    aligned_before: int
    aligned_after: int
    full_before: int
    full_after: int
    hub_periods: int
    movement: int
    """Total minutes moved over all periods."""
    unaligned: tuple[str, ...]
    """Why each hub period still without a partner everywhere stays so, in words."""
    seconds: float

    @property
    def largest_shift(self) -> int:
        return max((abs(c.shift) for c in self.changes), default=0)


def alignment_counts(
    bells: dict[str, tuple[BellPeriod, ...]], pairs: tuple[tuple[str, str], ...], minimum: int
) -> tuple[int, int, dict[str, set[int]]]:
    """(hub periods aligned at every receiving school, of which fully, aligned periods per hub)
    for the given bells of one season."""
    receivers: dict[str, list[str]] = defaultdict(list)
    for hub, receiving in pairs:
        receivers[hub].append(receiving)
    aligned = full = 0
    per_hub: dict[str, set[int]] = defaultdict(set)
    for hub, schools in receivers.items():
        for h in bells[hub]:
            overlaps = [[overlap_minutes(h, r) for r in bells[s]] for s in schools]
            if all(any(m >= minimum for m in row) for row in overlaps):
                aligned += 1
                per_hub[hub].add(h.period)
                lengths = [[min(h.minutes, r.minutes) for r in bells[s]] for s in schools]
                if all(any(m == n for m, n in zip(row, size, strict=True))
                       for row, size in zip(overlaps, lengths, strict=True)):
                    full += 1
    return aligned, full, per_hub


def _least_gap(before: BellPeriod, after: BellPeriod, policy: Policy) -> int:
    gap = after.start - before.end
    return min(gap, max(policy.min_break, gap - policy.max_gap_shrink))


def _reach(periods: tuple[BellPeriod, ...], index: int, policy: Policy) -> tuple[int, int]:
    """Earliest and latest start period ``index`` can take on its own under the rules."""
    p = periods[index]
    earliest = periods[0].start - policy.max_earlier_start
    for q in range(index):
        earliest += periods[q].minutes + _least_gap(periods[q], periods[q + 1], policy)
    latest = periods[-1].end + policy.max_later_end
    for q in range(len(periods) - 1, index, -1):
        latest -= periods[q].minutes + _least_gap(periods[q - 1], periods[q], policy)
    latest -= p.minutes
    return max(earliest, p.start - policy.max_shift), min(latest, p.start + policy.max_shift)


PROPOSAL_SETTINGS = SolverSettings(time_limit=20.0, workers=1)
"""The default: 20 s of CP-SAT per season, one thread."""


def propose_season(
    instance: Instance,
    season: str,
    movable: set[str],
    pairs: tuple[tuple[str, str], ...] | None = None,
    settings: SolverSettings = PROPOSAL_SETTINGS,
) -> BellProposal:
    """The best bells for one season (see the module docstring), CP-SAT run with ``settings``'
    time limit, seed and extra parameters on one thread."""
    started = time.perf_counter()
    policy = instance.policy
    pairs = pairs if pairs is not None else course_school_pairs(instance)
    minimum = policy.min_overlap_minutes
    schools = list(dict.fromkeys(s for pair in pairs for s in pair))
    original = {s: instance.periods(s, season) for s in schools}
    model = cp_model.CpModel()
    grid = policy.bell_grid

    starts: dict[tuple[str, int], Any] = {}  # an int for a fixed period, else a LinearExpr
    moves = []
    for school in schools:
        periods = original[school]
        for i, bell in enumerate(periods):
            if school not in movable:
                starts[(school, bell.period)] = bell.start
                continue
            low, high = _reach(periods, i, policy)
            k = model.new_int_var(-(-low // grid), high // grid, f"start[{school},{bell.period}]")
            starts[(school, bell.period)] = grid * k
            move = model.new_int_var(0, policy.max_shift + grid, f"move[{school},{bell.period}]")
            model.add(move >= grid * k - bell.start)
            model.add(move >= bell.start - grid * k)
            moves.append(move)
        if school in movable:
            for before, after in itertools.pairwise(periods):
                model.add(starts[(school, after.period)] - starts[(school, before.period)]
                          - before.minutes >= _least_gap(before, after, policy))

    receivers: dict[str, list[str]] = defaultdict(list)
    for hub, receiving in pairs:
        receivers[hub].append(receiving)
    aligned, full = [], []
    for hub, targets in receivers.items():
        for h in original[hub]:
            s_h = starts[(hub, h.period)]
            at_all, full_all = [], []
            for school in targets:
                any_aligned, any_full = [], []
                for r in original[school]:
                    d = starts[(school, r.period)] - s_h
                    a = model.new_bool_var(f"aligned[{hub},{h.period},{school},{r.period}]")
                    model.add(d >= minimum - r.minutes).only_enforce_if(a)
                    model.add(d <= h.minutes - minimum).only_enforce_if(a)
                    f = model.new_bool_var(f"full[{hub},{h.period},{school},{r.period}]")
                    model.add(d >= min(0, h.minutes - r.minutes)).only_enforce_if(f)
                    model.add(d <= max(0, h.minutes - r.minutes)).only_enforce_if(f)
                    model.add_implication(f, a)
                    any_aligned.append(a)
                    any_full.append(f)
                at_all.append(any_aligned)
                full_all.append(any_full)
            x = model.new_bool_var(f"hub_aligned[{hub},{h.period}]")
            y = model.new_bool_var(f"hub_full[{hub},{h.period}]")
            for options in at_all:
                model.add(sum(options) >= x)
            for options in full_all:
                model.add(sum(options) >= y)
            model.add_implication(y, x)
            aligned.append(x)
            full.append(y)

    # Lexicographic: aligned hub periods, then fully aligned ones, then least movement.
    most_movement = (policy.max_shift + grid) * max(1, len(moves))
    weight_full = most_movement + 1
    weight_aligned = weight_full * (len(full) + 1)
    model.maximize(weight_aligned * sum(aligned) + weight_full * sum(full) - sum(moves))

    solver = cp_model.CpSolver()
    configure(solver, settings, workers=1)
    status = solver.solve(model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)

    new: dict[str, tuple[BellPeriod, ...]] = {}
    changes = []
    for school in schools:
        moved = []
        for bell in original[school]:
            start = int(solver.value(starts[(school, bell.period)])) if found else bell.start
            after = bell.model_copy(update={"start": start, "end": start + bell.minutes})
            moved.append(after)
            if start != bell.start:
                changes.append(BellChange(bell, after))
        new[school] = tuple(moved)
    before_aligned, before_full, _ = alignment_counts(original, pairs, minimum)
    after_aligned, after_full, per_hub = alignment_counts(new, pairs, minimum)
    bells = tuple(
        next((c.after for c in changes
              if (c.before.school_id, c.before.period) == (b.school_id, b.period)), b)
        for b in instance.bells if b.season == season
    )
    return BellProposal(
        season=season,
        status=solver.status_name(status),
        bells=bells,
        changes=tuple(changes),
        aligned_before=before_aligned,
        aligned_after=after_aligned,
        full_before=before_full,
        full_after=after_full,
        hub_periods=sum(len(original[h]) for h in receivers),
        movement=sum(abs(c.shift) for c in changes),
        unaligned=tuple(_why_unaligned(instance, season, original, new, receivers, per_hub,
                                       movable)),
        seconds=time.perf_counter() - started,
    )


def _why_unaligned(
    instance: Instance,
    season: str,
    original: dict[str, tuple[BellPeriod, ...]],
    new: dict[str, tuple[BellPeriod, ...]],
    receivers: dict[str, list[str]],
    aligned: dict[str, set[int]],
    movable: set[str],
) -> list[str]:
    """For each hub period left without a partner at some receiving school: can no period of
    that school reach it at all (on its own, within max_shift and the day's window), or would
    reaching it break the schedule's order and gaps or another period's alignment?"""
    policy = instance.policy
    minimum = policy.min_overlap_minutes
    reasons = []
    for hub, targets in receivers.items():
        for h in new[hub]:
            if h.period in aligned[hub]:
                continue
            for school in targets:
                if any(overlap_minutes(h, r) >= minimum for r in new[school]):
                    continue
                periods = original[school]
                reachable = school in movable and any(
                    _reach(periods, i, policy)[0] <= h.end - minimum
                    and _reach(periods, i, policy)[1] >= h.start + minimum - r.minutes
                    for i, r in enumerate(periods)
                )
                where = dict(hub=instance.school_name(hub), period=h.period, times=h.times,
                             season=season, school=instance.school_name(school),
                             minutes=minimum)
                if school not in movable:
                    reasons.append(say("solver.unaligned.not_movable", **where))
                elif not reachable:
                    last = periods[-1].end + policy.max_later_end
                    first = periods[0].start - policy.max_earlier_start
                    reasons.append(say("solver.unaligned.out_of_reach", **where,
                                       shift=policy.max_shift, first=hhmm(first),
                                       last=hhmm(last)))
                else:
                    reasons.append(say("solver.unaligned.would_break", **where))
    return reasons


def propose_bells(
    instance: Instance,
    movable: set[str],
    pairs: tuple[tuple[str, str], ...] | None = None,
    settings: SolverSettings = PROPOSAL_SETTINGS,
) -> list[BellProposal]:
    """A proposal for each season of the instance."""
    return [propose_season(instance, season, movable, pairs, settings)
            for season in instance.seasons]


def bell_changes(proposals: Sequence[BellProposal]) -> tuple[dict[str, Any], ...]:
    """Every period moved, as summary.json's ``bell_changes`` lists them."""
    return tuple({"school_id": c.before.school_id, "season": c.before.season,
                  "period": c.before.period, "before": c.before.times, "after": c.after.times,
                  "shift_minutes": c.shift}
                 for p in proposals for c in p.changes)


def with_bells(instance: Instance, proposals: list[BellProposal]) -> Instance:
    """The instance with the proposed bells in place of its own for those seasons."""
    replaced = {p.season for p in proposals}
    bells = [b for b in instance.bells if b.season not in replaced]
    for proposal in proposals:
        bells.extend(proposal.bells)
    fields = {name: getattr(instance, name) for name in Instance.model_fields}
    return Instance(**(fields | {"bells": tuple(bells)}))
