"""Writing small instance directories from Python data, for the tiny hand-solved tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aligner.io.writer import write_instance as write_tables


def write_instance(
    directory: Path, settings: dict[str, Any], **tables: list[dict[str, Any]]
) -> Path:
    """Write instance.yaml and the six CSV tables (missing cells blank) into ``directory``."""
    return write_tables(directory, settings, tables)


def bells(school_id: str, *times: str, season: str = "winter") -> list[dict[str, Any]]:
    """Bell rows from 'HH:MM-HH:MM' strings, periods numbered from 1."""
    rows = []
    for period, span in enumerate(times, start=1):
        start, end = span.split("-")
        rows.append(dict(school_id=school_id, season=season, period=period, start=start, end=end))
    return rows


# Weekly minimums off unless a test is about them.
NO_MINIMUMS = {"min_sync_lessons_per_pair": 0, "min_online_lessons_per_school": 0}
SAME_BELLS = ("08:00-08:40", "09:00-09:40")


def school(school_id: str, rooms: int = 1) -> dict[str, Any]:
    return {"school_id": school_id, "name": f"{school_id}校", "sync_rooms": rooms}


def klass(school_id: str, class_id: str, grade: int = 3) -> dict[str, Any]:
    return {"school_id": school_id, "class_id": class_id, "grade": grade, "name": class_id}


def teacher(teacher_id: str, school_id: str, max_load: float | str = 20, **extra: Any) -> dict:
    return {"teacher_id": teacher_id, "school_id": school_id, "name": teacher_id,
            "max_load": max_load, **extra}


def subject(school_id: str, class_id: str, name: str, teacher_id: str, per_week: int,
            max_per_day: int | str = "", doubles: int | str = "", allowed: str = "",
            together: str = "", **extra: Any) -> dict[str, Any]:
    return {"school_id": school_id, "class_id": class_id, "subject": name,
            "teacher_id": teacher_id, "per_week": per_week, "max_per_day": max_per_day,
            "doubles": doubles, "allowed": allowed, "together": together, **extra}


def course(course_id: str, form: str, hub: str, hub_teacher: str, hub_class: str,
           receiving: str, receiving_class: str, name: str, per_week: str | int,
           assistant: str = "") -> dict[str, Any]:
    return {"course_id": course_id, "form": form, "hub_school": hub, "hub_teacher": hub_teacher,
            "hub_class": hub_class, "receiving_school": receiving,
            "receiving_class": receiving_class, "subject": name, "per_week": per_week,
            "assistant_teacher": assistant}


def pair(
    tmp_path: Path,
    *,
    hub_bells: tuple[str, ...] = SAME_BELLS,
    receiving_bells: tuple[str, ...] = SAME_BELLS,
    days: tuple[str, ...] = ("Mon",),
    policy: dict[str, Any] | None = None,
    weights: dict[str, Any] | None = None,
    **tables: list[dict[str, Any]],
) -> Path:
    """A hub H and a receiving school R with the given bells; tables default to empty."""
    settings: dict[str, Any] = {"name": "tiny", "season": "winter", "days": list(days),
                                "policy": NO_MINIMUMS | (policy or {})}
    if weights:
        settings["weights"] = weights
    tables.setdefault("schools", [school("H"), school("R")])
    tables["bells"] = bells("H", *hub_bells) + bells("R", *receiving_bells)
    return write_instance(tmp_path / "instance", settings, **tables)


def sync_pair(tmp_path: Path, per_week: str | int = 1, hub_max_load: float | str = 20,
              hub_min_load: float | str = 0, hub_level: str = "", **options: Any) -> Path:
    """Maths class h1 at H taught live to r1 at R by th (assisted by tr), ``per_week`` lessons."""
    lessons = int(str(per_week).split("-")[-1])
    return pair(
        tmp_path,
        classes=[klass("H", "h1"), klass("R", "r1")],
        teachers=[teacher("th", "H", hub_max_load, min_load=hub_min_load, level=hub_level),
                  teacher("tr", "R")],
        curriculum=[subject("H", "h1", "数学", "th", lessons),
                    subject("R", "r1", "数学", "tr", lessons)],
        sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", per_week, "tr")],
        **options,
    )


def one_teacher_two_courses(tmp_path: Path, **settings: Any) -> Path:
    """An infeasible pair: te teaches two delivery courses of 2 sessions each; R's bells align
    with H's period 1 only, on 2 days: 2 slots for 4 sessions of one teacher. Each course alone
    fits. ``settings`` go to :func:`pair` (policy, weights)."""
    return pair(tmp_path, days=("Mon", "Tue"), receiving_bells=("08:00-08:40", "10:00-10:40"),
                schools=[school("H", 2), school("R", 2)],
                classes=[klass("R", "r1"), klass("R", "r2")],
                teachers=[teacher("te", "H")],
                curriculum=[subject("R", "r1", "英语", "", 2), subject("R", "r2", "英语", "", 2)],
                sync=[course("en1", "delivery", "H", "te", "", "R", "r1", "英语", 2),
                      course("en2", "delivery", "H", "te", "", "R", "r2", "英语", 2)],
                **settings)
