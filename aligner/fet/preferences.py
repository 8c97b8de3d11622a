"""FET's preferred times of activities as aligner's ``allowed`` periods, where that is exact.

FET restricts where an activity may *start*: preferred starting times name the starts,
preferred time slots name slots that every hour of the activity must lie in, and a preferred
starting time with only a day (or only an hour) allows that day (hour). Several constraints on
one activity intersect. aligner's ``allowed`` periods hold for every period of a curriculum row's
lessons. For an activity of duration 1 the two say the same; for a double, the allowed periods
``A`` built from FET's starts allow exactly FET's starts when no double could start elsewhere
inside ``A``, which :func:`exact_allowed` checks. An activity whose preferences cannot be written
so has them dropped (and listed) by the importer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from aligner.fet.fetfile import Activity, Constraint, FetData

Slot = tuple[int, int]
"""A FET time: (day index, hour index), break hours included."""

PREFERENCE_TAGS = {
    "ConstraintActivityPreferredTimeSlots": ("Preferred_Time_Slot", "Preferred_Day",
                                             "Preferred_Hour", False),
    "ConstraintActivitiesPreferredTimeSlots": ("Preferred_Time_Slot", "Preferred_Day",
                                               "Preferred_Hour", False),
    "ConstraintActivityPreferredStartingTimes": ("Preferred_Starting_Time",
                                                 "Preferred_Starting_Day",
                                                 "Preferred_Starting_Hour", True),
    "ConstraintActivitiesPreferredStartingTimes": ("Preferred_Starting_Time",
                                                   "Preferred_Starting_Day",
                                                   "Preferred_Starting_Hour", True),
    "ConstraintActivityPreferredStartingTime": ("", "Preferred_Day", "Preferred_Hour", True),
}
"""Tag -> (element of one slot, its day child, its hour child, whether it names starts)."""


@dataclass(frozen=True)
class Grid:
    """FET's week as the import sees it."""

    days: int
    hours: int
    breaks: frozenset[Slot]
    """Break slots (all-day and partial)."""
    kept: tuple[int, ...]
    """Hour indices that are periods (not a break on every day), in order."""

    def starts(self, duration: int) -> frozenset[Slot]:
        """Where FET lets an activity of ``duration`` start: within the day, on no break."""
        return _starts(self, duration)


@cache
def _starts(grid: Grid, duration: int) -> frozenset[Slot]:
    return frozenset((d, h) for d in range(grid.days) for h in range(grid.hours - duration + 1)
                     if all((d, h + k) not in grid.breaks for k in range(duration)))


@dataclass
class Preference:
    """One hard time preference: the activities it selects and the starts it leaves them."""

    constraint: Constraint
    activities: set[int]
    starts_of: Callable[[int], frozenset[Slot]]
    """duration -> the starts it allows an activity of that duration."""


def slots_of(c: Constraint, data: FetData) -> list[tuple[int | None, int | None]]:
    """The (day, hour) indices a preference names; None for a day or hour left out (FET's
    "any"); unknown names are skipped."""
    holder, day_tag, hour_tag, _ = PREFERENCE_TAGS[c.tag]
    if holder:
        pairs = [((e.findtext(day_tag) or "").strip(), (e.findtext(hour_tag) or "").strip())
                 for e in c.element.iter(holder)]
    else:
        pairs = [(c.text(day_tag), c.text(hour_tag))]
    out: list[tuple[int | None, int | None]] = []
    for day, hour in pairs:
        if (day and day not in data.days) or (hour and hour not in data.hours):
            continue
        out.append((data.days.index(day) if day else None,
                    data.hours.index(hour) if hour else None))
    return out


def preference(c: Constraint, data: FetData, grid: Grid, chosen: set[int]) -> Preference:
    """The starts constraint ``c`` allows, as a function of an activity's duration."""
    named = slots_of(c, data)
    expanded = frozenset((d, h) for day, hour in named
                         for d in ([day] if day is not None else range(grid.days))
                         for h in ([hour] if hour is not None else range(grid.hours)))
    starting = PREFERENCE_TAGS[c.tag][3]

    @cache
    def starts_of(duration: int) -> frozenset[Slot]:
        if starting:
            return expanded
        return frozenset((d, h) for d in range(grid.days) for h in range(grid.hours)
                         if all((d, h + k) in expanded for k in range(duration)
                                if h + k < grid.hours))

    return Preference(c, chosen, starts_of)


def selected(c: Constraint, data: FetData, shares: Callable[[str, str], bool]
             ) -> set[int] | None:
    """The activities a preference applies to: its Activity_Id, or (for the Activities kinds)
    those of its teacher, students (sharing students with the set, as FET selects), subject,
    activity tag and duration; None when an id is unreadable."""
    if "Activity_Id" in [e.tag for e in c.element]:
        try:
            return {int(x) for x in c.texts("Activity_Id")}
        except ValueError:
            return None
    teacher, students = c.text("Teacher_Name"), c.text("Students_Name")
    subject, tag, duration = c.text("Subject_Name"), c.text("Activity_Tag_Name"), c.text("Duration")
    return {a.id for a in data.activities
            if (not teacher or teacher in a.teachers)
            and (not students or any(shares(s, students) for s in a.students))
            and (not subject or subject == a.subject)
            and (not tag or tag in a.tags)
            and (not duration or duration == str(a.duration))}


def allowed_starts(activity: Activity, prefs: Iterable[Preference], grid: Grid
                   ) -> frozenset[Slot] | None:
    """FET's possible starts of ``activity`` under ``prefs``; None when they restrict nothing."""
    possible = grid.starts(activity.duration)
    starts = possible
    for p in prefs:
        starts &= p.starts_of(activity.duration)
    return None if starts == possible else starts


def exact_allowed(activity: Activity, starts: frozenset[Slot], grid: Grid
                  ) -> frozenset[Slot] | None:
    """The FET slots aligner's ``allowed`` periods must hold so that the activity may start at
    exactly ``starts``: every slot each start covers. None when no set of slots does (a double
    could start inside them elsewhere) or when ``starts`` is empty (FET cannot place it)."""
    if not starts:
        return None
    covered = frozenset((d, h + k) for d, h in starts for k in range(activity.duration))
    # what aligner would allow inside ``covered``: every start whose periods all lie in it
    # (break hours are no periods: a double never spans one in either engine)
    if activity.duration == 1:
        return covered
    again = frozenset(s for s in grid.starts(activity.duration)
                      if all((s[0], s[1] + k) in covered for k in range(activity.duration)))
    return covered if again == starts else None
