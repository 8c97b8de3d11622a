"""A solved week: local lessons and live sessions, as plain frozen records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocalLesson:
    """A lesson taught in the class's own room by its curriculum teacher."""

    school_id: str
    class_id: str
    subject: str
    teacher_id: str
    day: str
    period: int
    double_start: int | None = None
    """For the two periods of a double lesson (连堂): the first of them; None for a single."""

    @property
    def lesson_id(self) -> str:
        """Shared by the two periods of a double lesson."""
        start = self.period if self.double_start is None else self.double_start
        return f"{self.class_id}-{self.day}-{start}"


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
class Timetable:
    lessons: tuple[LocalLesson, ...]
    sessions: tuple[Session, ...]
