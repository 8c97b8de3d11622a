"""A solved week: local lessons and live sessions, as plain frozen records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocalLesson:
    """One class's lesson in one period, taught at its own school by its curriculum teacher(s):
    in the class's own room, or in a special room (``room_id``). A combined lesson (合班) is one
    LocalLesson per class, sharing ``group`` and so ``lesson_id``."""

    school_id: str
    class_id: str
    subject: str
    teacher_id: str
    """The teacher, or the co-teachers joined by ``+``."""
    day: str
    period: int
    double_start: int | None = None
    """For the two periods of a double lesson (连堂): the first of them; None for a single."""
    room_id: str = ""
    """The special room it takes (rooms.csv); blank: the class's own room."""
    group: str = ""
    """For a combined lesson: the classes taught together as curriculum.csv writes them
    (``1-1+1-2``); blank for one class."""

    @property
    def lesson_id(self) -> str:
        """Shared by the two periods of a double lesson and by the classes of a combined one."""
        start = self.period if self.double_start is None else self.double_start
        return f"{self.group or self.class_id}-{self.day}-{start}"

    @property
    def teacher_ids(self) -> tuple[str, ...]:
        return tuple(self.teacher_id.split("+")) if self.teacher_id else ()


@dataclass(frozen=True)
class Session:
    """One live lesson of a course: the hub at ``hub_period``; each receiving school at its period."""

    course_id: str
    day: str
    hub_period: int
    receiving_periods: tuple[tuple[str, int], ...]
    """(receiving school, its period) for every receiving school of the course."""

    @property
    def session_id(self) -> str:
        return f"{self.course_id}-{self.day}-{self.hub_period}"

    def period_at(self, school_id: str) -> int:
        return dict(self.receiving_periods)[school_id]


@dataclass(frozen=True)
class Meeting:
    """One research meeting (教师网络研修) of a synchronous course: its hub teacher at the hub's
    ``hub_period`` and its assistants at each receiving school's period, overlapping in
    wall-clock time. It takes no class."""

    course_id: str
    day: str
    hub_period: int
    receiving_periods: tuple[tuple[str, int], ...]
    """(receiving school, its period) for every receiving school of the course."""

    @property
    def meeting_id(self) -> str:
        return f"research-{self.course_id}-{self.day}-{self.hub_period}"

    def period_at(self, school_id: str) -> int:
        return dict(self.receiving_periods)[school_id]


@dataclass(frozen=True)
class Timetable:
    lessons: tuple[LocalLesson, ...]
    sessions: tuple[Session, ...]
    meetings: tuple[Meeting, ...] = ()
    """Research meetings (``policy.research_per_week``); none without them."""
