"""Which FET constraints ``aligner import-fet`` converts, and why the others have no counterpart.

Every active constraint of a FET file ends in one of three places: converted (listed in the
import report's notes), or dropped with a reason (listed by type, count and weights). Nothing
is dropped silently. The words are the catalogue's (messages ``fet.converted.*``,
``fet.implied``, ``fet.no_counterpart.*``).
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
    "ConstraintTeacherMaxHoursDaily",
    "ConstraintTeachersMaxHoursDaily",
    "ConstraintTeacherMaxDaysPerWeek",
    "ConstraintTeachersMaxDaysPerWeek",
    "ConstraintTeacherMaxHoursContinuously",
    "ConstraintTeachersMaxHoursContinuously",
    "ConstraintTeacherMaxGapsPerDay",
    "ConstraintTeachersMaxGapsPerDay",
    "ConstraintTeacherMaxGapsPerWeek",
    "ConstraintTeachersMaxGapsPerWeek",
    "ConstraintTeacherMinHoursDaily",
    "ConstraintTeachersMinHoursDaily",
    "ConstraintSubjectPreferredRoom",
    "ConstraintSubjectPreferredRooms",
    "ConstraintSubjectActivityTagPreferredRoom",
    "ConstraintSubjectActivityTagPreferredRooms",
    "ConstraintActivityTagPreferredRoom",
    "ConstraintActivityTagPreferredRooms",
    "ConstraintActivityPreferredRoom",
    "ConstraintActivityPreferredRooms",
    "ConstraintStudentsSetHomeRoom",
    "ConstraintStudentsSetHomeRooms",
    "ConstraintTeacherHomeRoom",
    "ConstraintTeacherHomeRooms",
    "ConstraintRoomNotAvailableTimes",
)
"""Constraint types the importer converts (when their details allow; see the report)."""

_READ_AS_DAILY = ("ConstraintTeacherMaxHoursDailyHalfDays", "ConstraintTeachersMaxHoursDailyHalfDays")
"""Types converted only in an old mornings-afternoons file, which FET 6 reads as max hours
daily (aligner.fet.importer's _HALF_DAYS); a soft one elsewhere is dropped for its type."""

_REASONS: dict[str, str] = {
    "Building": "buildings",
    "RoomChanges": "room_changes",
    "OccupyMaxDifferentRooms": "different_rooms",
    "SameRoomIfConsecutive": "same_room",
    "Room": "rooms",
    "MinGapsBetween": "min_gaps_between",
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
    "PreferredDay": "preferred_day",
}
"""A word in a constraint type -> the message saying why it has no counterpart (the first word
found decides)."""


def converted(tag: str) -> str:
    """How constraint type ``tag`` is converted, in words: one of :data:`CONVERTED` (or a
    half-day limit read as a day's), or another that holds in every timetable of the instance
    (``fet.implied``)."""
    if tag in CONVERTED or tag in _READ_AS_DAILY:
        return say(f"fet.converted.{tag}")
    return say("fet.implied")


def reason(tag: str) -> str:
    """Why constraint type ``tag`` has no counterpart in aligner's model."""
    for key, why in _REASONS.items():
        if key in tag:
            return say(f"fet.no_counterpart.{why}")
    return say("fet.no_counterpart.other")
