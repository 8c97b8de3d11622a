"""Wall-clock alignment of two schools' bell schedules.

The schools ring their bells at different times, so "period 4 at both schools" is not the same
time. A live session at hub period h can reach a receiving class at its period r only when the
two periods share at least ``min_overlap_minutes`` of wall-clock time (the same every day), in
every season the instance covers (winter 冬令 and summer 夏令 bells, say).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from aligner.instance import BellPeriod, Course, Instance

if TYPE_CHECKING:
    import pandas as pd


def overlap_minutes(a: BellPeriod, b: BellPeriod) -> int:
    """Shared wall-clock minutes of two periods: max(0, min(ends) - max(starts))."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


@dataclass(frozen=True)
class PairAlignment:
    """Overlap in minutes of every hub period (rows) with every receiving period (columns), in
    each season of the instance. A pair of periods qualifies when it overlaps by at least the
    minimum in every season (one weekly timetable serves them all)."""

    hub_school: str
    receiving_school: str
    seasons: tuple[str, ...]
    hub_periods: dict[str, tuple[BellPeriod, ...]]
    receiving_periods: dict[str, tuple[BellPeriod, ...]]
    overlaps: dict[str, np.ndarray]
    """Season -> [hub period, receiving period] overlap minutes."""
    min_overlap: int

    @property
    def overlap(self) -> np.ndarray:
        """The overlap the rule checks: the least over the seasons."""
        return np.minimum.reduce([self.overlaps[s] for s in self.seasons])

    def qualifies(self, hub_period: int, receiving_period: int) -> bool:
        """A session at hub period ``hub_period`` may reach this school at ``receiving_period``:
        they overlap by at least the minimum in every season. The one place this is decided."""
        return bool(self.overlap[hub_period - 1, receiving_period - 1] >= self.min_overlap)

    def partners(self, hub_period: int) -> tuple[tuple[int, int], ...]:
        """(receiving period, overlap minutes) pairs that qualify for hub period ``hub_period``
        (the overlap being the least over the seasons)."""
        row = self.overlap[hub_period - 1]
        return tuple((r + 1, int(row[r])) for r in range(len(row))
                     if self.qualifies(hub_period, r + 1))

    def misalignment(self, hub_period: int, receiving_period: int) -> int:
        """Hub period minutes - overlap minutes, summed over the seasons."""
        return sum(
            self.hub_periods[s][hub_period - 1].minutes
            - int(self.overlaps[s][hub_period - 1, receiving_period - 1])
            for s in self.seasons
        )

    @property
    def alignable_hub_periods(self) -> tuple[int, ...]:
        """Hub periods with at least one qualifying receiving period."""
        return tuple(h.period for h in self.hub_periods[self.seasons[0]]
                     if self.partners(h.period))

    def frame(self, season: str | None = None) -> pd.DataFrame:
        """The overlap matrix of ``season`` (default: the least over the seasons) as a frame:
        index hub period, columns receiving period."""
        import pandas as pd

        first = self.seasons[0]
        return pd.DataFrame(
            self.overlap if season is None else self.overlaps[season],
            index=pd.Index([p.period for p in self.hub_periods[first]], name="hub_period"),
            columns=pd.Index([p.period for p in self.receiving_periods[first]],
                             name="receiving_period"),
        )


def pair_alignment(instance: Instance, hub_school: str, receiving_school: str) -> PairAlignment:
    """The overlap tables of two schools in the instance's seasons, with its overlap minimum."""
    hub, receiving, overlaps = {}, {}, {}
    for season in instance.seasons:
        hub[season] = instance.periods(hub_school, season)
        receiving[season] = instance.periods(receiving_school, season)
        overlaps[season] = np.array(
            [[overlap_minutes(h, r) for r in receiving[season]] for h in hub[season]],
            dtype=np.int64,
        ).reshape(len(hub[season]), len(receiving[season]))
    return PairAlignment(hub_school, receiving_school, instance.seasons, hub, receiving, overlaps,
                         instance.policy.min_overlap_minutes)


def course_school_pairs(instance: Instance) -> tuple[tuple[str, str], ...]:
    """(hub, receiving) school pairs linked by at least one course, in order of appearance."""
    pairs: dict[tuple[str, str], None] = {}
    for course in instance.courses:
        for school in course.receiving_schools:
            pairs[(course.hub_school, school)] = None
    return tuple(pairs)


def alignments(
    instance: Instance, pairs: tuple[tuple[str, str], ...] | None = None
) -> dict[tuple[str, str], PairAlignment]:
    """The overlap table of every (hub, receiving) pair: those given, or those linked by a course."""
    chosen = pairs if pairs is not None else course_school_pairs(instance)
    return {pair: pair_alignment(instance, *pair) for pair in chosen}


class Choice(NamedTuple):
    """A receiving period for a session at some hub period."""

    period: int
    overlap: int
    """Overlap minutes with the hub period (the least over the seasons)."""
    misalignment: int
    """Hub period minutes - overlap, summed over the seasons."""
    aligned: bool = True
    """The two periods qualify for a session (:meth:`PairAlignment.qualifies`); only relaxed
    options (to explain infeasibility) list the others."""


SessionOptions = dict[tuple[str, int], dict[str, tuple[Choice, ...]]]


def session_options(
    instance: Instance,
    course: Course,
    pairs: dict[tuple[str, str], PairAlignment] | None = None,
    *,
    relaxed: bool = False,
) -> SessionOptions:
    """Where a session of the course can take place.

    (day, hub period) -> receiving school -> its choices of receiving period: the hub teacher
    is available at the hub period, and each receiving period overlaps it by at least the
    minimum (in every season) while that school's assistants are available. Only (day, hub
    period) pairs where every receiving school has a choice are listed. ``relaxed`` lists every
    (day, hub period) and every receiving period, available, aligned or not (to explain
    infeasibility).
    """
    pairs = pairs if pairs is not None else alignments(instance)
    options: SessionOptions = {}
    for day in instance.days:
        for bell in instance.periods(course.hub_school):
            h = bell.period
            if relaxed:
                options[(day, h)] = {}
                for school in course.receiving_schools:
                    pair = pairs[(course.hub_school, school)]
                    options[(day, h)][school] = tuple(
                        Choice(r + 1, int(m), pair.misalignment(h, r + 1),
                               pair.qualifies(h, r + 1))
                        for r, m in enumerate(pair.overlap[h - 1])
                    )
                continue
            if instance.is_unavailable(course.hub_teacher, day, h):
                continue
            choices = {
                school: tuple(
                    Choice(r, minutes, pairs[(course.hub_school, school)].misalignment(h, r))
                    for r, minutes in pairs[(course.hub_school, school)].partners(h)
                    if not any(instance.is_unavailable(a, day, r)
                               for a in course.assistants_at(school))
                )
                for school in course.receiving_schools
            }
            if all(choices.values()):
                options[(day, h)] = choices
    return options
