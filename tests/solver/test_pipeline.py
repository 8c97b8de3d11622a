"""The whole job through the Python API (aligner.solve): the same files as `aligner solve`, the
same explanations, the same bell proposals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import aligner
from aligner.alignment.proposal import MovableError
from aligner.cli import main
from aligner.export.files import OUTPUT_FILES, write_infeasibility, write_outputs
from aligner.generate import generate
from aligner.solver.settings import SolverSettings, SolverSettingsError
from tests.builders import one_teacher_two_courses
from tests.solving import LANXI, assert_valid

TIMING = {"build_seconds", "solve_seconds", "seconds"}


def _without_timing(data: object) -> object:
    if isinstance(data, dict):
        return {k: _without_timing(v) for k, v in data.items() if k not in TIMING}
    if isinstance(data, list):
        return [_without_timing(v) for v in data]
    return data


def _same_files(api: Path, cli: Path, names: tuple[str, ...]) -> None:
    for name in names:
        if name.endswith(".json"):
            assert _without_timing(json.loads((api / name).read_text("utf-8"))) == \
                _without_timing(json.loads((cli / name).read_text("utf-8"))), name
        else:
            assert (api / name).read_bytes() == (cli / name).read_bytes(), name


@pytest.mark.slow
def test_a_county_through_the_api_gives_what_the_command_writes(tmp_path):
    directory = generate("county", 1).write(tmp_path / "county")
    settings = SolverSettings(workers=1, seed=0)
    result = aligner.solve(aligner.load_instance(directory), settings)
    assert str(result.status) == "OPTIMAL"
    assert len(result.components) == 10 and result.in_components  # solved in its components
    assert {c["status"] for c in result.components} == {"OPTIMAL"}
    api = tmp_path / "api"
    write_outputs(result, api, instance_path=str(directory.resolve()))
    assert_valid(result.instance, api)

    cli = tmp_path / "cli"
    run = CliRunner().invoke(main, ["solve", str(directory), "--out", str(cli), "--workers", "1",
                                    "--seed", "0", "--no-grids", "--quiet"])
    assert run.exit_code == 0, run.output
    _same_files(api, cli, OUTPUT_FILES)
    summary = json.loads((cli / "summary.json").read_text("utf-8"))
    assert summary["objective"] == result.objective > 0


def test_one_component_is_solved_as_one_model(tmp_path):
    result = aligner.solve(aligner.load_instance(LANXI), SolverSettings(workers=1))
    assert str(result.status) == "OPTIMAL" and result.objective == 65
    assert not result.in_components and result.stages[0]["stage"] == "lp"


def test_bells_aligned_first_through_the_api_as_the_command_does(tmp_path):
    instance = aligner.load_instance(LANXI)
    result = aligner.solve(instance, SolverSettings(workers=1), align_bells="receiving")
    assert result.proposals and result.bell_changes
    assert result.terms["misalignment_minutes"] == 0  # the moved bells align every session
    api = tmp_path / "api"
    written = write_outputs(result, api)
    assert [p.name for p in written] == [*OUTPUT_FILES, "bells_proposed.csv"]
    cli = tmp_path / "cli"
    run = CliRunner().invoke(main, ["solve", str(LANXI), "--align-bells", "--out", str(cli),
                                    "--workers", "1", "--no-grids"])
    assert run.exit_code == 0, run.output
    _same_files(api, cli, ("lessons.csv", "sessions.csv", "bells_proposed.csv"))
    with pytest.raises(MovableError, match="nowhere"):
        aligner.solve(instance, SolverSettings(workers=1), align_bells="nowhere")


def test_the_api_explains_an_infeasible_instance(tmp_path):
    instance = aligner.load_instance(one_teacher_two_courses(tmp_path / "a"))
    result = aligner.solve(instance, SolverSettings(workers=1, explain_time=30))
    assert str(result.status) == "INFEASIBLE" and not result.found
    [explanation] = result.explanations
    assert explanation.conflict is not None and explanation.conflict.minimal
    assert {("course", "en1"), ("course", "en2")} <= set(explanation.conflict.groups)
    assert any("course en1" in s for s in explanation.sentences)
    path = write_infeasibility(result, tmp_path / "out")
    assert json.loads(path.read_text("utf-8"))["found"] == "by the solver"


def test_the_api_explains_an_infeasible_component_and_keeps_the_others(tmp_path):
    # Two components: the pair above (infeasible) and a school of its own (no courses).
    directory = one_teacher_two_courses(tmp_path / "b")
    with (directory / "schools.csv").open("a", encoding="utf-8") as handle:
        handle.write("S,S校,1,\n")
    with (directory / "bells.csv").open("a", encoding="utf-8") as handle:
        handle.write("S,winter,1,08:00,08:40\nS,winter,2,09:00,09:40\n")
    with (directory / "classes.csv").open("a", encoding="utf-8") as handle:
        handle.write("S,s1,3,s1\n")
    with (directory / "teachers.csv").open("a", encoding="utf-8") as handle:
        handle.write("ts,S,ts,,,20,\n")
    with (directory / "curriculum.csv").open("a", encoding="utf-8") as handle:
        handle.write("S,s1,数学,ts,3,,,,\n")
    instance = aligner.load_instance(directory)
    result = aligner.solve(instance, SolverSettings(workers=1, explain_time=30))
    assert str(result.status) == "INFEASIBLE" and result.found  # S's week is kept
    assert [s.school_id for s in result.instance.schools] == ["S"]
    [failure] = result.failures
    assert failure.schools == ("H", "R") and failure.names == ("H校", "R校")
    assert failure.explanation is not None and failure.explanation.conflict is not None
    assert result.explanations == (failure.explanation,)
    report = json.loads(write_infeasibility(result, tmp_path / "out").read_text("utf-8"))
    assert report["status"] == "INFEASIBLE" and len(report["components"]) == 1


def test_capacity_findings_end_the_solve_before_solving(tmp_path):
    instance = aligner.load_instance(one_teacher_two_courses(
        tmp_path / "c", policy={"min_online_lessons_per_school": 9}))
    result = aligner.solve(instance, SolverSettings(workers=1))
    assert result.found_before_solving and str(result.status) == "INFEASIBLE"
    assert result.stages == () and result.explanations[0].findings


def test_settings_that_cannot_run_here_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    directory = generate("pair", 0).write(tmp_path / "pair")
    instance = aligner.load_instance(directory)
    with pytest.raises(SolverSettingsError, match="4 CP-SAT threads on 2 cores"):
        aligner.solve(instance, SolverSettings(jobs=2, workers=2))
    with pytest.raises(ValueError, match="jobs must be >= 1"):
        SolverSettings(jobs=0)
