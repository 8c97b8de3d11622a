"""Allowed periods of a curriculum row (FET's preferred time slots; a class's not-available
times): its local lessons go only there; the checker, capacity checks and explanations agree."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import conflict_sentences, find_conflict
from aligner.io import InputError, load_instance
from aligner.solver.settings import SolverSettings
from tests.builders import klass, pair, subject, teacher
from tests.solving import mutated, swap_places

FOUR = ("08:00-08:40", "08:50-09:30", "10:00-10:40", "10:50-11:30")


def _art_late(tmp: Path, allowed: str = "Mon:3-4;Tue:4") -> Path:
    return pair(tmp, days=("Mon", "Tue"), hub_bells=FOUR, receiving_bells=FOUR,
                classes=[klass("H", "h1")], teachers=[teacher("ta", "H"), teacher("tm", "H")],
                curriculum=[subject("H", "h1", "美术", "ta", 2, allowed=allowed),
                            subject("H", "h1", "数学", "tm", 6)])


def _art_rows(out: Path) -> list[dict[str, str]]:
    with open(out / "lessons.csv", encoding="utf-8-sig", newline="") as f:
        return [r for r in csv.DictReader(f) if r["subject"] == "美术"]


def test_local_lessons_stay_in_the_allowed_periods(tmp_path, solve_and_check):
    out = tmp_path / "out"
    solve_and_check(_art_late(tmp_path), out)
    assert {(r["day"], int(r["period"])) for r in _art_rows(out)} <= {
        ("Mon", 3), ("Mon", 4), ("Tue", 4)}
    instance = load_instance(_art_late(tmp_path / "again"))
    row = instance.curriculum_row[("H", "h1", "美术")]
    assert row.allows("Tue", 4) and not row.allows("Tue", 3)
    assert instance.curriculum_row[("H", "h1", "数学")].allows("Tue", 3)


def test_checker_names_a_lesson_moved_outside_its_allowed_periods(tmp_path, solve_and_check):
    directory = _art_late(tmp_path, allowed="Mon:3-4;Tue:4")
    out = tmp_path / "out"
    solve_and_check(directory, out)

    def change(frames, _summary):
        lessons = frames["lessons"]
        art = lessons.index[lessons["subject"] == "美术"][0]
        other = lessons.index[(lessons["subject"] == "数学") & (lessons["day"] == "Tue")
                              & (lessons["period"] == "1")][0]
        swap_places(lessons, art, other)

    edited = tmp_path / "edited"
    edited.mkdir()
    violations = mutated((directory, out), edited, change)
    assert [v.rule for v in violations if v.hard] == ["allowed_periods"]
    assert "Tue period 1" in str(violations[0])


def test_too_few_allowed_periods_are_found_before_solving(tmp_path):
    directory = _art_late(tmp_path, allowed="Mon:4")
    findings = capacity_findings(load_instance(directory))
    assert [f.rule for f in findings] == ["teacher_availability"]
    assert "within its allowed periods (Mon 4)" in findings[0].message


def test_a_bad_allowed_cell_names_file_row_and_column(tmp_path):
    with pytest.raises(InputError) as raised:
        load_instance(_art_late(tmp_path, allowed="Mon:3-9"))
    assert "curriculum.csv, row 2, column allowed" in str(raised.value)


def test_two_rows_allowed_only_the_same_period_are_explained(tmp_path):
    # 美术 and 音乐 may each only be on Mon period 1; each fits alone, not both.
    directory = pair(tmp_path, days=("Mon",), classes=[klass("H", "h1")],
                     teachers=[teacher("ta", "H"), teacher("tb", "H")],
                     curriculum=[subject("H", "h1", "美术", "ta", 1, allowed="Mon:1"),
                                 subject("H", "h1", "音乐", "tb", 1, allowed="Mon:1")])
    instance = load_instance(directory)
    assert capacity_findings(instance) == []
    conflict = find_conflict(instance, SolverSettings(workers=1, explain_time=30))
    assert conflict is not None and conflict.minimal
    assert {("allowed", "H", "h1", "美术"), ("allowed", "H", "h1", "音乐")} <= set(conflict.groups)
    text = " ".join(conflict_sentences(instance, conflict.groups))
    assert "only in Mon 1" in text
