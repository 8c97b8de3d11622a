"""The rooms FET lets each activity take, computed as FET computes them.

FET (generate_pre.cpp, computeActivitiesRoomsPreferences) gives an activity the rooms that every
hard (100%) preferred-room constraint on it allows: subject, subject and activity tag, activity
tag, and activity preferred room(s), intersected. An activity without any takes one of its home
rooms (the students set's, when it has that one set; the teacher's, when it has that one
teacher; intersected), and an activity with neither takes no room. Rooms too small for the
activity's students are left out. A room holds one activity at a time and not at its
not-available times. aligner's special rooms say the same for a curriculum row when every row of
its subject name has the same rooms (the importer names rows so), which is what makes this
exact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from aligner.fet.fetfile import Constraint, FetData
from aligner.messages import say

PREFERRED_ROOMS = {
    "ConstraintSubjectPreferredRoom", "ConstraintSubjectPreferredRooms",
    "ConstraintSubjectActivityTagPreferredRoom", "ConstraintSubjectActivityTagPreferredRooms",
    "ConstraintActivityTagPreferredRoom", "ConstraintActivityTagPreferredRooms",
    "ConstraintActivityPreferredRoom", "ConstraintActivityPreferredRooms",
}
HOME_ROOMS = {"ConstraintStudentsSetHomeRoom", "ConstraintStudentsSetHomeRooms",
              "ConstraintTeacherHomeRoom", "ConstraintTeacherHomeRooms"}
ROOM_TAGS = PREFERRED_ROOMS | HOME_ROOMS | {"ConstraintRoomNotAvailableTimes"}


@dataclass
class RoomChoice:
    """What the room constraints of a file mean for its activities."""

    rooms_of: dict[int, frozenset[str] | None] = field(default_factory=dict)
    """Activity id -> the rooms it may take (None: no room)."""
    problem: dict[int, str] = field(default_factory=dict)
    """Activity id -> why its rooms cannot be carried over (a virtual room, none left)."""
    used_by: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    """Index of a room constraint in ``constraints`` -> the activities it bears on."""
    constraints: list[Constraint] = field(default_factory=list)
    closed: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Room -> its not-available (day, hour) names."""


def _rooms(c: Constraint) -> set[str]:
    if c.tag.endswith("Rooms"):
        return set(c.texts("Preferred_Room"))
    return {c.text("Room")}


def room_choice(data: FetData, activities: list[int]) -> RoomChoice:
    """The rooms of each of ``activities`` under the file's hard room constraints (soft ones
    are the caller's to list)."""
    by_id = {a.id: a for a in data.activities}
    virtual = {r.name for r in data.room_list if r.virtual}
    capacity = {r.name: r.capacity for r in data.room_list}
    choice = RoomChoice()
    preferred: dict[int, set[str]] = {}
    home: dict[int, set[str]] = {}
    for c in data.constraints:
        if c.tag not in ROOM_TAGS or not c.hard:
            continue
        index = len(choice.constraints)
        choice.constraints.append(c)
        if c.tag == "ConstraintRoomNotAvailableTimes":
            choice.closed.setdefault(c.text("Room"), []).extend(c.slots("Not_Available_Time"))
            continue
        rooms = _rooms(c)
        subject, tag = c.text("Subject"), c.text("Activity_Tag")
        for aid in activities:
            a = by_id[aid]
            if c.tag in HOME_ROOMS:
                holder = c.text("Students") if "Students" in c.tag else c.text("Teacher")
                names = a.students if "Students" in c.tag else a.teachers
                if list(names) != [holder]:
                    continue
                target = home
            else:
                if "Subject" in c.tag and a.subject != subject:
                    continue
                if "ActivityTag" in c.tag and tag not in a.tags:
                    continue
                if c.tag.startswith("ConstraintActivityPreferred") and c.text("Activity_Id") != str(
                        aid):
                    continue
                target = preferred
            choice.used_by[index].append(aid)
            target[aid] = target[aid] & rooms if aid in target else set(rooms)
    for aid in activities:
        allowed = preferred[aid] if aid in preferred else home.get(aid)
        if allowed is None:
            choice.rooms_of[aid] = None
            continue
        a = by_id[aid]
        students = a.students_number if a.students_number is not None else sum(
            data.size.get(s, 0) for s in a.students)
        fitting = frozenset(r for r in allowed if capacity.get(r, 0) >= students)
        if allowed & virtual:
            choice.problem[aid] = say("fet.rooms.virtual")
        elif not fitting:
            choice.problem[aid] = say("fet.rooms.none_left")
        choice.rooms_of[aid] = fitting
    return choice
