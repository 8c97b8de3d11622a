"""FET constraints that every timetable of the imported instance keeps anyway.

aligner has no rule about students' gaps, the earliest beginning of a day or hours a day of
students (teachers' max gaps are its ``max_gaps_per_day`` and ``max_gaps_per_week``, their
minimum hours a day its ``min_per_day``); but some FET constraints of those kinds can
never be broken by the instance's timetables, because the rest of the data leaves no room to
break them: a subgroup whose lessons fill every available hour of its week has no gap and
begins every day at its first hour. Such a constraint is carried over exactly by
holding nothing more, and the report says why. The bounds are FET's own counts (timeconstraint.cpp
fitness functions): gaps are free hours between two busy hours of a day, breaks and
not-available hours left out; early beginnings count days starting at the second available hour
and forbid later starts; min hours daily counts busy hours of each day (an empty day passes when
Allow_Empty_Days is true).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Load:
    """The week of one subgroup or teacher: available hours a day, busy hours a week, the
    shortest of its activities (0: none)."""

    available: dict[int, int] = field(default_factory=dict)
    hours: int = 0
    shortest: int = 0

    @property
    def slack(self) -> int:
        return sum(self.available.values()) - self.hours


def gaps_at_most(load: Load, per_day: bool) -> int:
    """The most gaps (a week, or on any one day) the load can have."""
    if load.hours <= 1:
        return 0
    room = sorted((max(0, n - 2) for n in load.available.values()), reverse=True)
    if per_day:
        return min(load.slack, room[0] if room else 0)
    # a day with a gap has two busy hours at least
    return min(load.slack, sum(room[:load.hours // 2]))


def early_holds(load: Load) -> bool:
    """No late beginning is possible: nothing to place, or every available hour is busy."""
    return load.hours == 0 or load.slack <= 0


def min_daily_holds(load: Load, minimum: int, allow_empty: bool) -> bool:
    """Every day's busy hours are >= minimum (or 0 with ``allow_empty``) in every timetable."""
    for available in load.available.values():
        lowest = max(0, available - load.slack)
        highest = min(available, load.hours)
        values = {0} if lowest == 0 else set()
        values |= set(range(max(lowest, load.shortest, 1), highest + 1))
        if any(v < minimum and (v > 0 or not allow_empty) for v in values):
            return False
    return bool(load.available) or minimum <= 0 or allow_empty


def max_daily_holds(load: Load, maximum: int) -> bool:
    """No day can hold more than ``maximum`` busy hours."""
    return all(min(available, load.hours) <= maximum for available in load.available.values())
