"""Which FET constraints ``aligner import-fet`` converts, and why the others have no counterpart.

Every active constraint of a FET file ends in one of three places: converted (listed in the
import report's notes), or dropped with a reason (listed by type, count and weights). Nothing
is dropped silently.
"""

from __future__ import annotations

CONVERTED: dict[str, str] = {
    "ConstraintBasicCompulsoryTime": "one lesson per class and period, one place per teacher "
                                     "and period: aligner's own hard rules",
    "ConstraintBasicCompulsorySpace": "one activity per room at a time, rooms big enough: "
                                      "aligner's special rooms (rooms.csv) and the rooms each "
                                      "row may take",
    "ConstraintTeacherNotAvailableTimes": "teachers.csv unavailable",
    "ConstraintStudentsSetNotAvailableTimes": "a blocked lesson '(blocked)' of the classes "
                                              "concerned at each unavailable slot, taught by a "
                                              "placeholder teacher available only then",
    "ConstraintBreakTimes": "an hour that is a break on every day is left out of bells.csv; "
                            "other break slots make every teacher unavailable",
    "ConstraintActivityPreferredTimeSlots": "curriculum.csv allowed",
    "ConstraintActivitiesPreferredTimeSlots": "curriculum.csv allowed",
    "ConstraintActivityPreferredStartingTimes": "curriculum.csv allowed",
    "ConstraintActivitiesPreferredStartingTimes": "curriculum.csv allowed",
    "ConstraintActivityPreferredStartingTime": "pinned.csv (a day and an hour), or curriculum.csv "
                                               "allowed (a day or an hour only)",
    "ConstraintActivitiesSameStartingTime": "curriculum.csv together (when the constraints pair "
                                            "every lesson of the rows involved, one of each, of "
                                            "different classes)",
    "ConstraintMinDaysBetweenActivities": "min 1 day between all lessons of a curriculum row: "
                                          "max_per_day 1 (hard) or the objective's "
                                          "same_day_repeats term (weight < 100%)",
    "ConstraintTeacherMaxHoursDaily": "teachers.csv max_per_day",
    "ConstraintTeachersMaxHoursDaily": "teachers.csv max_per_day of every teacher",
    "ConstraintTeacherMaxDaysPerWeek": "teachers.csv max_days",
    "ConstraintTeachersMaxDaysPerWeek": "teachers.csv max_days of every teacher",
    "ConstraintTeacherMaxHoursContinuously": "teachers.csv max_consecutive (FET's breaks and "
                                             "aligner's halves of the day cut the same runs)",
    "ConstraintTeachersMaxHoursContinuously": "teachers.csv max_consecutive of every teacher",
    "ConstraintSubjectPreferredRoom": "rooms.csv",
    "ConstraintSubjectPreferredRooms": "rooms.csv",
    "ConstraintSubjectActivityTagPreferredRoom": "rooms.csv",
    "ConstraintSubjectActivityTagPreferredRooms": "rooms.csv",
    "ConstraintActivityTagPreferredRoom": "rooms.csv",
    "ConstraintActivityTagPreferredRooms": "rooms.csv",
    "ConstraintActivityPreferredRoom": "rooms.csv",
    "ConstraintActivityPreferredRooms": "rooms.csv",
    "ConstraintStudentsSetHomeRoom": "rooms.csv (for the activities FET gives the home room)",
    "ConstraintStudentsSetHomeRooms": "rooms.csv (for the activities FET gives the home rooms)",
    "ConstraintTeacherHomeRoom": "rooms.csv (for the activities FET gives the home room)",
    "ConstraintTeacherHomeRooms": "rooms.csv (for the activities FET gives the home rooms)",
    "ConstraintRoomNotAvailableTimes": "rooms.csv unavailable",
}
"""Constraint types the importer converts (when their details allow; see the report)."""

IMPLIED = ("holds in every timetable of the instance: the lessons leave no room to break it "
           "(for instance, the students' week is full)")
"""The note on a constraint that aligner has no rule for but that no timetable can break."""

_REASONS: dict[str, str] = {
    "Building": "aligner has no buildings",
    "RoomChanges": "aligner has no rule about room changes",
    "OccupyMaxDifferentRooms": "aligner has no cap on the rooms a set of lessons uses",
    "SameRoomIfConsecutive": "aligner has no same-room rule for consecutive lessons",
    "Room": "aligner's special rooms hold for all lessons of a subject name; this room rule "
            "has no counterpart",
    "Gaps": "aligner has no hard rule about gaps (free periods) in a day (its teacher_gaps "
            "term is an objective)",
    "HoursDaily": "aligner has no cap on a class's hours a day and no minimum hours a day",
    "HoursContinuously": "aligner has no cap on a class's consecutive hours",
    "DaysPerWeek": "aligner has no minimum of working days and no cap on a class's",
    "PreferredStartingTime": "aligner's allowed periods hold for whole curriculum rows, not for "
                             "sub-activities",
    "PreferredTimeSlots": "aligner's allowed periods hold for whole curriculum rows, not for "
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
    "MinGapsBetween": "aligner has no minimum gap between lessons",
    "Span": "aligner has no cap on a day's span",
    "Resting": "aligner has no resting-hours rule",
    "Morning": "aligner has no morning/afternoon rules (FET's mornings-afternoons mode)",
    "Afternoon": "aligner has no morning/afternoon rules (FET's mornings-afternoons mode)",
    "Term": "aligner schedules one week, not terms",
    "Simultaneous": "aligner has no count of simultaneous lessons in selected slots",
    "SelectedTimeSlots": "aligner has no count of lessons in selected slots",
    "ActivityTag": "aligner has no activity tags",
    "PreferredDay": "aligner has no preferred-day rule",
}


def reason(tag: str) -> str:
    """Why constraint type ``tag`` has no counterpart in aligner's model."""
    for key, why in _REASONS.items():
        if key in tag:
            return why
    return "no counterpart in aligner's model"
