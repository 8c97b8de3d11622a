"""Generated instances: feasible by construction (their witness passes the checker), repeatable,
varied, and solvable."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.check import check_solution
from aligner.cli import main
from aligner.export.files import csv_text, write_files
from aligner.export.frames import lessons_frame, sessions_frame
from aligner.generate import PRESETS, generate
from aligner.io import load_instance
from aligner.solver.decompose import components


def write_witness(instance, timetable, directory: Path) -> Path:
    write_files(directory, {
        "lessons.csv": (csv_text(lessons_frame(instance, timetable)), "utf-8-sig"),
        "sessions.csv": (csv_text(sessions_frame(instance, timetable)), "utf-8-sig")})
    return directory


@pytest.mark.parametrize(("preset", "seed"), [
    ("pair", 0), ("pair", 1), pytest.param("county", 0, marks=pytest.mark.slow),
    pytest.param("city", 0, marks=pytest.mark.slow)])
def test_generated_instances_are_feasible_by_construction(tmp_path, preset, seed):
    # The generator builds a timetable first and the instance around it: that timetable (the
    # witness) must pass the independent checker, which proves the instance feasible.
    generated = generate(preset, seed)
    instance = load_instance(generated.write(tmp_path / "instance"))
    assert len(instance.schools) == PRESETS[preset].schools
    pairs = {(c.hub_school, s) for c in instance.courses for s in c.receiving_schools}
    assert len(pairs) == PRESETS[preset].pairs
    report = check_solution(instance, write_witness(instance, generated.witness,
                                                    tmp_path / "witness"))
    assert report.violations == ()
    assert report.sessions == len(generated.witness.sessions) > 0


@pytest.mark.slow
def test_generation_is_repeatable_and_varied(tmp_path):
    first, again, other = generate("county", 5), generate("county", 5), generate("county", 6)
    assert first.rows == again.rows
    assert first.rows != other.rows
    forms = {row["form"] for row in first.rows["sync"]}
    assert {"sync", "delivery"} <= forms
    per_grade = {}
    for row in first.rows["classes"]:
        per_grade.setdefault(row["school_id"], []).append(row["grade"])
    sizes = {school_id: len(g) // len(set(g)) for school_id, g in per_grade.items()}
    assert {sizes[s] for s in sizes if s.endswith("-hub")} <= {2, 3, 4}
    assert {sizes[s] for s in sizes if not s.endswith("-hub")} == {1}


def test_a_generated_pair_solves_and_checks(tmp_path, solve_and_check):
    directory = generate("pair", 2).write(tmp_path / "instance")
    result = solve_and_check(directory, workers=2, time_limit=60)
    assert str(result.status) == "OPTIMAL"


@pytest.mark.slow
def test_generate_command(tmp_path):
    out = tmp_path / "county"
    result = CliRunner().invoke(main, ["generate", "--preset", "county", "--seed", "1",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "28 schools" in result.stdout and "18 pairs" in result.stdout
    assert len(components(load_instance(out))) == 10
    again = CliRunner().invoke(main, ["generate", "--preset", "county", "--out", str(out)])
    assert again.exit_code == 2 and "not empty" in again.stderr


def test_the_race_shape_is_25_hubs_with_three_receiving_schools_each():
    shape = PRESETS["hubs25"]
    assert shape.receivers_per_hub == (3,) * 25
    assert (shape.schools, shape.pairs) == (100, 75)
