"""What aligner's FET files and FET's timetables share: how classes and hours are named, the
separator of the comments that identify activities, and the error of a FET timetable that
cannot be read or does not fit."""

from __future__ import annotations

from aligner.instance import Instance

SEP = "|"
"""Separates the fields of an activity's comment (``aligner:local|school|class|subject``)."""


class FetTimetableError(Exception):
    """A FET timetable (or one of ours, for locking) that cannot be read or does not fit."""


def students_name(instance: Instance, school_id: str, class_id: str) -> str:
    """The FET students set (a year) of one class: its id, prefixed by the school's when the
    instance has several schools."""
    return class_id if len(instance.schools) == 1 else f"{school_id}/{class_id}"


def hour_names(instance: Instance) -> list[str]:
    """One name per grid hour: the times when every school rings them alike, else the number."""
    count = max(len(instance.periods(s.school_id)) for s in instance.schools)
    names = []
    for p in range(1, count + 1):
        times = {instance.bell(s.school_id, p, season).times for s in instance.schools
                 for season in instance.seasons if p <= len(instance.periods(s.school_id))}
        names.append(times.pop() if len(times) == 1 else str(p))
    return names


def room_name(instance: Instance, school_id: str, room_id: str) -> str:
    """The FET room of a special room (rooms.csv): its id, prefixed by the school's when the
    instance has several schools."""
    return room_id if len(instance.schools) == 1 else f"{school_id}/{room_id}"


NOON = "(noon)"
"""The break hour export-fet puts between the morning and the afternoon when teachers have
max_consecutive: FET's runs of hours end at a break, aligner's at the end of a half-day."""
