"""Which FET constraints ``aligner import-fet`` converts, and why the others have no counterpart.

Every active constraint of a FET file ends in one of three places: converted (listed in the
import report's notes), or dropped with a reason (listed by type, count and weights). Nothing
is dropped silently.
"""

from __future__ import annotations

CONVERTED: dict[str, str] = {
    "ConstraintBasicCompulsoryTime": "one lesson per class and period, one place per teacher "
                                     "and period: aligner's own hard rules",
    "ConstraintBasicCompulsorySpace": "rooms are not scheduled by aligner; FET only needs this "
                                      "when rooms are used, and every room constraint is listed",
    "ConstraintTeacherNotAvailableTimes": "teachers.csv unavailable",
    "ConstraintStudentsSetNotAvailableTimes": "a blocked lesson '(blocked)' for each class at "
                                              "each unavailable slot, taught by a placeholder "
                                              "teacher available only then",
    "ConstraintBreakTimes": "an hour that is a break on every day is left out of bells.csv; "
                            "other break slots make every teacher unavailable",
    "ConstraintActivityPreferredTimeSlots": "curriculum.csv allowed (when it covers every lesson "
                                            "of a class's subject)",
    "ConstraintActivitiesPreferredTimeSlots": "curriculum.csv allowed (when it covers every "
                                              "lesson of each class subject it selects)",
    "ConstraintActivityPreferredStartingTimes": "curriculum.csv allowed (single periods only)",
    "ConstraintActivitiesPreferredStartingTimes": "curriculum.csv allowed (single periods only)",
    "ConstraintActivityPreferredStartingTime": "curriculum.csv allowed (a locked or fixed time; "
                                               "single periods only)",
    "ConstraintActivitiesSameStartingTime": "curriculum.csv together (when the constraints pair "
                                            "every lesson of the class subjects involved, one of "
                                            "each, of different classes)",
    "ConstraintMinDaysBetweenActivities": "min 1 day between all lessons of a class's subject: "
                                          "max_per_day 1 (hard) or the objective's "
                                          "same_day_repeats term (weight < 100%)",
}
"""Constraint types the importer converts (when their details allow; see the report)."""

_REASONS: dict[str, str] = {
    "Room": "aligner does not assign rooms",
    "Building": "aligner does not assign rooms or buildings",
    "Gaps": "aligner has no rule about gaps (free periods) in a day",
    "HoursDaily": "aligner has no cap on a teacher's or class's hours a day",
    "HoursContinuously": "aligner has no cap on consecutive hours",
    "DaysPerWeek": "aligner has no cap on working days",
    "PreferredStartingTime": "aligner's allowed periods hold for whole class subjects, not for "
                             "sub-activities",
    "PreferredTimeSlots": "aligner's allowed periods hold for whole class subjects, not for "
                          "sub-activities",
    "SameStartingTime": "aligner teaches whole class subjects together (curriculum together), "
                        "not single lessons",
    "SameStartingHour": "aligner has no same-hour rule",
    "SameStartingDay": "aligner has no same-day rule",
    "NotOverlapping": "aligner has no not-overlapping rule for lessons of different classes",
    "Consecutive": "aligner has no ordering or consecutiveness rule between lessons",
    "Grouped": "aligner has no ordering or consecutiveness rule between lessons",
    "Ordered": "aligner has no ordering rule between lessons",
    "EarlyMaxBeginnings": "aligner has no rule about when a class's day begins",
    "EndsStudentsDay": "aligner has no rule about the end of a class's day",
    "EndStudentsDay": "aligner has no rule about the end of a class's day",
    "MaxDaysBetween": "aligner has no maximum distance between lessons",
    "Span": "aligner has no cap on a day's span",
    "Resting": "aligner has no resting-hours rule",
    "Morning": "aligner has no morning/afternoon rules (FET's mornings-afternoons mode)",
    "Afternoon": "aligner has no morning/afternoon rules (FET's mornings-afternoons mode)",
    "Term": "aligner schedules one week, not terms",
    "Simultaneous": "aligner has no count of simultaneous lessons in selected slots",
    "SelectedTimeSlots": "aligner has no count of lessons in selected slots",
    "ActivityTag": "aligner has no activity tags",
}


def reason(tag: str) -> str:
    """Why constraint type ``tag`` has no counterpart in aligner's model."""
    for key, why in _REASONS.items():
        if key in tag:
            return why
    return "no counterpart in aligner's model"
