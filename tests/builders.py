"""Writing small instance directories from Python data, for the tiny hand-solved tests."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

TABLES = {
    "schools.csv": ["school_id", "name", "sync_rooms"],
    "bells.csv": ["school_id", "season", "period", "start", "end"],
    "classes.csv": ["school_id", "class_id", "grade", "name"],
    "teachers.csv": ["teacher_id", "school_id", "name", "level", "min_load", "max_load",
                     "unavailable"],
    "curriculum.csv": ["school_id", "class_id", "subject", "teacher_id", "per_week",
                       "max_per_day"],
    "sync.csv": ["course_id", "form", "hub_school", "hub_teacher", "hub_class",
                 "receiving_school", "receiving_class", "subject", "per_week",
                 "assistant_teacher"],
}


def write_instance(directory: Path, settings: dict[str, Any], **tables: list[dict[str, Any]]) -> Path:
    """Write instance.yaml and the six CSV tables (missing cells blank) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "instance.yaml").write_text(
        yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for file, columns in TABLES.items():
        rows = tables.get(file.removesuffix(".csv"), [])
        with (directory / file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            for row in rows:
                writer.writerow({c: row.get(c, "") for c in columns})
    return directory


def bells(school_id: str, *times: str, season: str = "winter") -> list[dict[str, Any]]:
    """Bell rows from 'HH:MM-HH:MM' strings, periods numbered from 1."""
    rows = []
    for period, span in enumerate(times, start=1):
        start, end = span.split("-")
        rows.append(dict(school_id=school_id, season=season, period=period, start=start, end=end))
    return rows
