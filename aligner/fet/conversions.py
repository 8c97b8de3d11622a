"""Which FET constraints ``aligner import-fet`` converts, and why the others have no counterpart.

Every active constraint of a FET file ends in one of three places: converted (listed in the
import report's notes), or dropped with a reason (listed by type, count and weights). Nothing
is dropped silently. The words are the catalogue's (messages ``fet.converted.*``,
``fet.no_counterpart.*``).
"""

from __future__ import annotations

from aligner.messages import say

CONVERTED: tuple[str, ...] = (
    "ConstraintBasicCompulsoryTime",
    "ConstraintBasicCompulsorySpace",
    "ConstraintTeacherNotAvailableTimes",
    "ConstraintStudentsSetNotAvailableTimes",
    "ConstraintBreakTimes",
    "ConstraintActivityPreferredTimeSlots",
    "ConstraintActivitiesPreferredTimeSlots",
    "ConstraintActivityPreferredStartingTimes",
    "ConstraintActivitiesPreferredStartingTimes",
    "ConstraintActivityPreferredStartingTime",
    "ConstraintActivitiesSameStartingTime",
    "ConstraintMinDaysBetweenActivities",
)
"""Constraint types the importer converts (when their details allow; see the report)."""

_REASONS: dict[str, str] = {
    "Room": "rooms",
    "Building": "buildings",
    "Gaps": "gaps",
    "HoursDaily": "hours_daily",
    "HoursContinuously": "hours_continuously",
    "DaysPerWeek": "days_per_week",
    "PreferredStartingTime": "sub_activities",
    "PreferredTimeSlots": "sub_activities",
    "SameStartingTime": "single_lessons_together",
    "SameStartingHour": "same_hour",
    "SameStartingDay": "same_day",
    "NotOverlapping": "not_overlapping",
    "Consecutive": "ordering",
    "Grouped": "ordering",
    "Ordered": "ordered",
    "EarlyMaxBeginnings": "day_begins",
    "EndsStudentsDay": "day_ends",
    "EndStudentsDay": "day_ends",
    "MaxDaysBetween": "max_days_between",
    "Span": "span",
    "Resting": "resting",
    "Morning": "mornings_afternoons",
    "Afternoon": "mornings_afternoons",
    "Term": "terms",
    "Simultaneous": "simultaneous",
    "SelectedTimeSlots": "selected_slots",
    "ActivityTag": "activity_tags",
}
"""A word in a constraint type -> the message saying why it has no counterpart."""


def converted(tag: str) -> str:
    """How constraint type ``tag`` (one of :data:`CONVERTED`) is converted, in words."""
    return say(f"fet.converted.{tag}")


def reason(tag: str) -> str:
    """Why constraint type ``tag`` has no counterpart in aligner's model."""
    for key, why in _REASONS.items():
        if key in tag:
            return say(f"fet.no_counterpart.{why}")
    return say("fet.no_counterpart.other")
