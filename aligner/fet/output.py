"""Reading a timetable that FET generated back into aligner's solution files.

``fet-cl`` writes, under ``<output dir>/timetables/<name>/``, ``<name>_activities.xml`` (each
activity's day and hour) and ``<name>_soft_conflicts.txt``. The activities are identified either
by the comments ``aligner export-fet`` put on them, or by the ``fet_mapping.json`` that
``aligner import-fet`` wrote beside the instance; the result is a
:class:`~aligner.timetable.Timetable`, written as lessons.csv and sessions.csv for
``aligner check``, which re-verifies it independently.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.fet.fetfile import FetData, read_fet
from aligner.fet.names import SEP, FetTimetableError, hour_names, room_name
from aligner.instance import Instance
from aligner.io.errors import InputError
from aligner.messages import say
from aligner.timetable import LocalLesson, Session, Timetable


@dataclass(frozen=True)
class FetOutcome:
    """What fet-cl left in its output directory."""

    placements: dict[int, tuple[str, str]]
    """Activity id -> (day name, hour name)."""
    soft_conflicts: float | None
    broken_soft: int | None
    rooms: dict[int, str] = field(default_factory=dict)
    """Activity id -> the room FET gave it (activities without a room left out)."""


def read_fet_output(directory: str | Path) -> FetOutcome:
    """The timetable fet-cl wrote under ``directory`` (its --outputdir)."""
    directory = Path(directory)
    found = sorted(directory.glob("timetables/*/*_activities.xml")) or sorted(
        directory.glob("*_activities.xml"))
    if not found:
        raise FetTimetableError(say("fet.out.at", where=directory,
                                    problem=say("fet.out.no_timetable")))
    text = found[0].read_text(encoding="utf-8-sig")
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise FetTimetableError(say("fet.out.at", where=found[0], problem=say("fet.out.dtd")))
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise FetTimetableError(say("fet.out.at", where=found[0],
                                    problem=say("fet.out.bad_xml", reason=exc))) from None
    placements: dict[int, tuple[str, str]] = {}
    rooms: dict[int, str] = {}
    for element in root.findall("Activity"):
        try:
            aid = int((element.findtext("Id") or "").strip())
        except ValueError:
            raise FetTimetableError(say("fet.out.at", where=found[0],
                                        problem=say("fet.out.no_id"))) from None
        placements[aid] = ((element.findtext("Day") or "").strip(),
                           (element.findtext("Hour") or "").strip())
        if room := (element.findtext("Room") or "").strip():
            rooms[aid] = room
    soft, broken = None, None
    conflicts = list(found[0].parent.glob("*_soft_conflicts.txt"))
    if conflicts:
        report = conflicts[0].read_text(encoding="utf-8-sig")
        if m := re.search(r"Total soft conflicts:\s*([\d.]+)", report):
            soft = float(m.group(1))
        if m := re.search(r"Number of broken soft constraints:\s*(\d+)", report):
            broken = int(m.group(1))
    return FetOutcome(placements, soft, broken, rooms)


def timetable_from_export(instance: Instance, fet_file: str | Path,
                          placements: dict[int, tuple[str, str]],
                          rooms: Mapping[int, str] | None = None) -> Timetable:
    """FET's placements (and ``rooms``, FET's room of each activity) of the activities of a
    file written by ``export-fet`` for ``instance``."""
    try:
        data = read_fet(fet_file)
    except InputError as exc:
        raise FetTimetableError(str(exc)) from None
    period_of = {name: p for p, name in enumerate(hour_names(instance), start=1)}
    special = {room_name(instance, r.school_id, r.room_id): r.room_id for r in instance.rooms}
    lessons: list[LocalLesson] = []
    parts: dict[tuple[str, int], dict[str, tuple[str, int]]] = defaultdict(dict)
    for activity in data.activities:
        kind, *rest = _comment(data, activity.id)
        day, period = _place(placements, activity.id, period_of, instance.days)
        if kind == "aligner:local":
            school, label, subject = rest
            teacher = instance.curriculum_row[(school, label.split("+")[0], subject)].teacher_id
            room = ""
            if instance.rooms_for.get((school, subject)):
                room = special.get((rooms or {}).get(activity.id, ""), "")
            lessons += _lessons(school, label, subject, teacher or "", day, period,
                                activity.duration, room)
        elif kind == "aligner:session":
            course, k, school = rest
            parts[(course, int(k))][school] = (day, period)
    return Timetable(tuple(lessons), _sessions(instance, parts))


def _comment(data: FetData, aid: int) -> list[str]:
    comment = data.comments.get(aid, "")
    fields = comment.split(SEP)
    if fields[0] not in ("aligner:local", "aligner:session"):
        raise FetTimetableError(say("fet.out.no_comment", activity=aid, file=data.path.name))
    return fields


def _place(placements: dict[int, tuple[str, str]], aid: int, period_of: Mapping[str, int | None],
           days: tuple[str, ...] | dict[str, str]) -> tuple[str, int]:
    if aid not in placements:
        raise FetTimetableError(say("fet.out.not_placed", activity=aid))
    day, hour = placements[aid]
    if not day and not hour:
        raise FetTimetableError(say("fet.out.unplaced", activity=aid))
    period = period_of.get(hour)
    if period is None:
        raise FetTimetableError(say("fet.out.not_a_period", activity=aid, hour=hour))
    our_day = days.get(day) if isinstance(days, dict) else (day if day in days else None)
    if our_day is None:
        raise FetTimetableError(say("fet.out.not_a_day", activity=aid, day=day))
    return our_day, period


def _lessons(school: str, label: str, subject: str, teacher: str, day: str, period: int,
             duration: int, room: str = "") -> list[LocalLesson]:
    """The periods of one activity for each class of ``label`` (one class, or the classes of a
    combined lesson joined by ``+``): a single lesson, or the two periods of a double."""
    start = period if duration == 2 else None
    classes = label.split("+")
    group = label if len(classes) > 1 else ""
    return [LocalLesson(school_id=school, class_id=klass, subject=subject, teacher_id=teacher,
                        day=day, period=period + k, double_start=start, room_id=room,
                        group=group)
            for klass in classes for k in range(duration)]


def _sessions(instance: Instance, parts: dict[tuple[str, int], dict[str, tuple[str, int]]]
              ) -> tuple[Session, ...]:
    sessions = []
    for (course_id, _k), where in sorted(parts.items()):
        course = instance.course_by_id[course_id]
        day, hub_period = where[course.hub_school]
        receiving = []
        for school in course.receiving_schools:
            r_day, period = where.get(school, (day, hub_period))
            if r_day != day:
                raise FetTimetableError(say("fet.out.different_days", course=course_id,
                                            school=school))
            receiving.append((school, period))
        sessions.append(Session(course_id=course_id, day=day, hub_period=hub_period,
                                receiving_periods=tuple(receiving)))
    return tuple(sessions)


def timetable_from_import(instance: Instance, mapping: dict[str, Any],
                          placements: dict[int, tuple[str, str]],
                          rooms: Mapping[int, str] | None = None) -> Timetable:
    """FET's placements (and ``rooms``, FET's room of each activity) of the activities of the
    file(s) ``aligner import-fet`` read, through the ``fet_mapping.json`` it wrote. A room is
    kept for a lesson whose subject has special rooms in the instance."""
    lessons: list[LocalLesson] = []
    parts: dict[tuple[str, int], dict[str, tuple[str, int]]] = defaultdict(dict)
    schools = mapping["schools"]
    if len(schools) != 1:
        raise FetTimetableError(say("fet.out.paired"))
    for aid_text, meaning in mapping["activities"].items():
        aid = int(aid_text)
        school = schools[meaning["school_id"]]
        day, period = _place(placements, aid, school["hours"], school["days"])
        if meaning.get("course_id"):
            parts[(meaning["course_id"], meaning["session"])][meaning["school_id"]] = (day, period)
            continue
        room = ""
        if instance.rooms_for.get((meaning["school_id"], meaning["subject"])):
            room = school.get("rooms", {}).get((rooms or {}).get(aid, ""), "")
        lessons += _lessons(meaning["school_id"], meaning["class_id"], meaning["subject"],
                            meaning["teacher_id"], day, period, meaning["duration"], room)
    for school_id, label, day, period, *rest in mapping.get("blocked", []):
        subject = rest[0] if rest else f"(blocked) {day}:{period}"
        first = label.split("+")[0]
        teacher = instance.curriculum_row[(school_id, first, subject)].teacher_id or ""
        lessons += _lessons(school_id, label, subject, teacher, day, period, 1)
    return Timetable(tuple(lessons), _sessions(instance, parts))


def load_mapping(directory: str | Path) -> dict[str, Any]:
    from aligner.fet.importer import MAPPING_FILE

    path = Path(directory) / MAPPING_FILE
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise FetTimetableError(say("fet.out.at", where=path,
                                    problem=say("fet.out.no_mapping", reason=exc))) from None
