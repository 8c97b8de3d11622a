"""A generated instance: one group of schools after another, and the timetable it was built around."""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from aligner.generate.construct import build_group
from aligner.generate.presets import DAYS, PRESETS, Preset
from aligner.io.writer import write_instance
from aligner.timetable import LocalLesson, Session, Timetable

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
    office_rules: bool = False

    def write(self, directory: str | Path) -> Path:
        """Write instance.yaml and the six CSV tables into ``directory``."""
        return write_instance(directory, self.settings, self.rows)

    def co_teachers(self) -> set[str]:
        """The teachers of the co-taught lessons (curriculum rows whose ``teacher_id`` joins two
        with ``+``)."""
        return {teacher for row in self.rows["curriculum"] if "+" in row["teacher_id"]
                for teacher in row["teacher_id"].split("+")}

    def with_min_load_at_witness(self, teacher_ids: Iterable[str]) -> Generated:
        """A copy where these teachers' ``min_load`` is the load the witness gives them, rounded
        down: their lessons (a double or a combined lesson once) and 1.5 for each live session
        they teach. The witness still keeps every rule; the instance gets tighter (for pair seed
        1 with the office rules and its co-teachers, the LP bound 72 falls below the optimum
        75: a hard instance for the search, see benchmarks/bench_hard.py)."""
        chosen = set(teacher_ids)
        lessons = Counter(t for _, t in {(x.lesson_id, t) for x in self.witness.lessons
                                         for t in x.teacher_ids})
        taught = Counter(r["hub_teacher"] for r in self.rows["sync"]
                         for s in self.witness.sessions if s.course_id == r["course_id"])
        rows = dict(self.rows)
        rows["teachers"] = [
            teacher | {"min_load": math.floor(lessons[t] + 1.5 * taught[t])}
            if (t := teacher["teacher_id"]) in chosen else teacher
            for teacher in self.rows["teachers"]]
        return replace(self, rows=rows)

    def with_day_limits_at_witness(self) -> Generated:
        """A copy where every teacher with a commitment has ``max_per_day`` and ``max_days`` at
        what the witness gives them: the most periods of a day and the days with any (their
        lessons, a double as two and a combined lesson once, the sessions they teach or
        assist), as the checker counts them. The witness still keeps every rule; the instance
        gets tighter, and its LP bound falls below the optimum (pair seed 1 with the office
        rules: LP bound 102, the best found 114; a hard instance, see benchmarks/bench_hard.py)."""
        busy: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for lesson in self.witness.lessons:
            for teacher in lesson.teacher_id.split("+"):
                busy[teacher][lesson.day].add(lesson.period)
        courses: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self.rows["sync"]:
            courses[row["course_id"]].append(row)
        for session in self.witness.sessions:
            course_rows = courses[session.course_id]
            busy[course_rows[0]["hub_teacher"]][session.day].add(session.hub_period)
            for row in course_rows:
                if row.get("assistant_teacher"):
                    busy[row["assistant_teacher"]][session.day].add(
                        session.period_at(row["receiving_school"]))
        rows = dict(self.rows)
        rows["teachers"] = [
            teacher | {"max_per_day": max(len(periods) for periods in days.values()),
                       "max_days": len(days)}
            if (days := busy.get(teacher["teacher_id"])) else teacher
            for teacher in self.rows["teachers"]]
        return replace(self, rows=rows)


def _places(rng: random.Random, count: int) -> list[str]:
    names = [a + b for a in PLACE_FIRST for b in PLACE_SECOND]
    rng.shuffle(names)
    return [names[i % len(names)] + ("" if i < len(names) else str(i // len(names)))
            for i in range(count)]


def generate(preset: str, seed: int, office_rules: bool = False) -> Generated:
    """A whole instance of the preset: one group (a hub and its receiving schools) after
    another, each feasible by construction. ``office_rules``: with the office's rules at
    realistic rates (班会 pinned, special rooms, teachers' day limits, combined classes at small
    schools, a few co-taught lessons; data/README.md); without them (the default here, while
    ``aligner generate`` adds them unless ``--no-office-rules``), exactly the instance of the
    same preset and seed generated before office rules existed."""
    chosen = PRESETS[preset]
    rng = random.Random(f"aligner/{preset}/{seed}")
    office = random.Random(f"aligner/{preset}/{seed}/office") if office_rules else None
    rows: dict[str, list[dict[str, Any]]] = {}
    lessons: list[LocalLesson] = []
    sessions: list[Session] = []
    places = _places(rng, len(chosen.receivers_per_hub))
    for index, receivers in enumerate(chosen.receivers_per_hub):
        group = build_group(rng, index, receivers, places[index], office)
        for table, table_rows in group.rows.items():
            rows.setdefault(table, []).extend(table_rows)
        lessons += group.lessons
        sessions += group.sessions
    name = f"generated {preset} (seed {seed}{', office rules' if office_rules else ''})"
    settings = {"name": name, "season": "winter",
                "days": list(DAYS)}
    return Generated(chosen, seed, settings, rows, Timetable(tuple(lessons), tuple(sessions)),
                     office_rules)



