"""Realistic generated instances, feasible by construction: ``aligner generate``."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from aligner.generate.construct import build_group
from aligner.generate.presets import DAYS, PRESETS, Preset
from aligner.timetable import LocalLesson, Session, Timetable

COLUMNS = {
    "schools.csv": ["school_id", "name", "short_name", "sync_rooms"],
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
PLACE_FIRST = "东西南北上下前后新大小高长清白石青金龙凤双安永平"
PLACE_SECOND = "溪塘岭洋桥山湖江源林港浦坑岙田口头门阳关岗"


@dataclass(frozen=True)
class Generated:
    """A generated instance's tables and the timetable it was built around (the witness)."""

    preset: Preset
    seed: int
    settings: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]
    witness: Timetable

    def write(self, directory: str | Path) -> Path:
        """Write instance.yaml and the six CSV tables into ``directory``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "instance.yaml").write_text(
            yaml.safe_dump(self.settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for file, columns in COLUMNS.items():
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows.get(file.removesuffix(".csv"), []))
            (directory / file).write_text(buffer.getvalue(), encoding="utf-8")
        return directory


def _places(rng: random.Random, count: int) -> list[str]:
    names = [a + b for a in PLACE_FIRST for b in PLACE_SECOND]
    rng.shuffle(names)
    return [names[i % len(names)] + ("" if i < len(names) else str(i // len(names)))
            for i in range(count)]


def generate(preset: str, seed: int) -> Generated:
    """A whole instance of the preset: one group (a hub and its receiving schools) after
    another, each feasible by construction."""
    chosen = PRESETS[preset]
    rng = random.Random(f"aligner/{preset}/{seed}")
    rows: dict[str, list[dict[str, Any]]] = {}
    lessons: list[LocalLesson] = []
    sessions: list[Session] = []
    places = _places(rng, len(chosen.receivers_per_hub))
    for index, receivers in enumerate(chosen.receivers_per_hub):
        group = build_group(rng, index, receivers, places[index])
        for table, table_rows in group.rows.items():
            rows.setdefault(table, []).extend(table_rows)
        lessons += group.lessons
        sessions += group.sessions
    settings = {"name": f"generated {preset} (seed {seed})", "season": "winter",
                "days": list(DAYS)}
    return Generated(chosen, seed, settings, rows, Timetable(tuple(lessons), tuple(sessions)))


__all__ = ["PRESETS", "Generated", "generate"]
