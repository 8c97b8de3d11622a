"""Wall-clock alignment of two schools' bell schedules.

The schools ring their bells at different times, so "period 4 at both schools" is not the same
time. A live session at hub period h can reach a receiving class at its period r only when the
two periods share at least ``min_overlap_minutes`` of wall-clock time (the same every day).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aligner.instance import BellPeriod, Course, Instance


def overlap_minutes(a: BellPeriod, b: BellPeriod) -> int:
    """Shared wall-clock minutes of two periods: max(0, min(ends) - max(starts))."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


@dataclass(frozen=True)
class PairAlignment:
    """Overlap in minutes of every hub period (rows) with every receiving period (columns)."""

    hub_school: str
    receiving_school: str
    hub_periods: tuple[BellPeriod, ...]
    receiving_periods: tuple[BellPeriod, ...]
    overlap: np.ndarray
    min_overlap: int

    def partners(self, hub_period: int) -> tuple[tuple[int, int], ...]:
        """(receiving period, overlap minutes) pairs that qualify for hub period ``hub_period``."""
        row = self.overlap[hub_period - 1]
        return tuple(
            (r + 1, int(row[r])) for r in range(len(row)) if row[r] >= self.min_overlap
        )

    @property
    def alignable_hub_periods(self) -> tuple[int, ...]:
        """Hub periods with at least one qualifying receiving period."""
        return tuple(h.period for h in self.hub_periods if self.partners(h.period))

    def frame(self) -> pd.DataFrame:
        """The overlap matrix as a frame: index hub period, columns receiving period."""
        return pd.DataFrame(
            self.overlap,
            index=pd.Index([p.period for p in self.hub_periods], name="hub_period"),
            columns=pd.Index([p.period for p in self.receiving_periods], name="receiving_period"),
        )


def pair_alignment(instance: Instance, hub_school: str, receiving_school: str) -> PairAlignment:
    """The overlap table of two schools under the instance's season and overlap minimum."""
    hub = instance.periods(hub_school)
    receiving = instance.periods(receiving_school)
    overlap = np.array(
        [[overlap_minutes(h, r) for r in receiving] for h in hub], dtype=np.int64
    ).reshape(len(hub), len(receiving))
    return PairAlignment(
        hub_school, receiving_school, hub, receiving, overlap, instance.policy.min_overlap_minutes
    )


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


SessionOptions = dict[tuple[str, int], dict[str, tuple[tuple[int, int], ...]]]


def session_options(
    instance: Instance,
    course: Course,
    pairs: dict[tuple[str, str], PairAlignment] | None = None,
    *,
    relaxed: bool = False,
) -> SessionOptions:
    """Where a session of the course can take place.

    (day, hub period) -> receiving school -> its (period, overlap minutes) choices: the hub
    teacher is available at the hub period, and each receiving period overlaps it by at least
    the minimum while that school's assistants are available. Only (day, hub period) pairs where
    every receiving school has a choice are listed. ``relaxed`` lists every (day, hub period)
    and every receiving period, available, aligned or not (to explain infeasibility).
    """
    pairs = pairs if pairs is not None else alignments(instance)
    options: SessionOptions = {}
    for day in instance.days:
        for bell in instance.periods(course.hub_school):
            if relaxed:
                options[(day, bell.period)] = {
                    school: tuple(
                        (r + 1, int(m))
                        for r, m in enumerate(pairs[(course.hub_school, school)]
                                              .overlap[bell.period - 1])
                    )
                    for school in course.receiving_schools
                }
                continue
            if instance.is_unavailable(course.hub_teacher, day, bell.period):
                continue
            choices = {
                school: tuple(
                    (r, minutes)
                    for r, minutes in pairs[(course.hub_school, school)].partners(bell.period)
                    if not any(instance.is_unavailable(a, day, r)
                               for a in course.assistants_at(school))
                )
                for school in course.receiving_schools
            }
            if all(choices.values()):
                options[(day, bell.period)] = choices
    return options
