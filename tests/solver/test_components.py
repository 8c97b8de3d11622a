"""Decomposition into components, solving them in processes and on Dask, merging."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.check import check_solution
from aligner.cli import main
from aligner.generate import generate
from aligner.io import load_instance
from aligner.solver.components import ComponentOutcome, run_components
from aligner.solver.decompose import components, school_groups, sub_instance
from aligner.solver.pipeline import solve
from aligner.solver.settings import SolverSettings
from tests.builders import course, klass, pair, school, subject, sync_pair, teacher
from tests.solving import assert_valid

# ---- decomposition --------------------------------------------------------------------------


def two_pairs(tmp_path: Path, *, second_min_overlap_breaker: bool = False) -> Path:
    """Pair H-R and pair G-S, linked by nothing: two components. With the breaker, G's only
    course cannot be held (its periods overlap S's by 20 minutes)."""
    s_bells = ("08:20-09:00", "09:20-10:00") if second_min_overlap_breaker else (
        "08:00-08:40", "09:00-09:40")
    directory = pair(
        tmp_path,
        schools=[school("H"), school("R"), school("G"), school("S")],
        classes=[klass("H", "h1"), klass("R", "r1"), klass("G", "g1"), klass("S", "s1")],
        teachers=[teacher("th", "H"), teacher("tr", "R"), teacher("tg", "G"), teacher("ts", "S")],
        curriculum=[subject("H", "h1", "数学", "th", 2), subject("R", "r1", "数学", "tr", 2),
                    subject("G", "g1", "语文", "tg", 2), subject("S", "s1", "语文", "ts", 2)],
        sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", "1-2", "tr"),
              course("yw", "sync", "G", "tg", "g1", "S", "s1", "语文", "1", "ts")],
        days=("Mon", "Tue"),
    )
    with (directory / "bells.csv").open("a", encoding="utf-8") as handle:
        handle.write("G,winter,1,08:00,08:40\nG,winter,2,09:00,09:40\n"
                     f"S,winter,1,{s_bells[0][:5]},{s_bells[0][6:]}\n"
                     f"S,winter,2,{s_bells[1][:5]},{s_bells[1][6:]}\n")
    return directory


def test_components_are_the_schools_linked_by_courses(tmp_path):
    instance = load_instance(two_pairs(tmp_path))
    assert school_groups(instance) == [["H", "R"], ["G", "S"]]
    _first, second = components(instance)
    assert [s.school_id for s in second.schools] == ["G", "S"]
    assert [c.course_id for c in second.courses] == ["yw"]
    assert {t.teacher_id for t in second.teachers} == {"tg", "ts"}
    assert sub_instance(instance, ["H", "R"]).course_by_id.keys() == {"ma"}
    single = load_instance(sync_pair(tmp_path / "one"))
    assert components(single) == [single]


def test_components_are_merged_into_one_set_of_files(tmp_path):
    directory = two_pairs(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [c["schools"] for c in summary["components"]] == [["H", "R"], ["G", "S"]]
    assert {c["status"] for c in summary["components"]} == {"OPTIMAL"}
    assert summary["objective"] == sum(c["objective"] for c in summary["components"])
    assert "Components: 2 solved apart" in result.stdout
    assert_valid(load_instance(directory), out)


def test_a_failed_component_does_not_lose_the_others(tmp_path):
    directory = two_pairs(tmp_path, second_min_overlap_breaker=True)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(out), "--quiet"])
    assert result.exit_code == 3, result.output
    assert "No timetable for G校, S校 (INFEASIBLE)" in result.stdout
    assert "course yw needs 1 session a week, but only 0 periods" in result.stdout
    assert "counts the schools with a timetable only: 1 component has none" in result.stdout
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [c["status"] for c in summary["components"]] == ["OPTIMAL", "INFEASIBLE"]
    lessons = (out / "lessons.csv").read_text(encoding="utf-8-sig")
    assert "h1" in lessons and "g1" not in lessons
    infeasible = json.loads((out / "infeasibility.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in infeasible["components"][0]["findings"]] == ["course"]
    # The solved part keeps every rule of its own component (summary.json says the instance as
    # a whole is INFEASIBLE, which the checker notes about the report).
    found = sub_instance(load_instance(directory), ["H", "R"])
    report = check_solution(found, out)
    assert report.ok
    assert [v.message for v in report.violations] == [
        "summary.json status is 'INFEASIBLE', not OPTIMAL or FEASIBLE"]


# ---- parallel -------------------------------------------------------------------------------


@pytest.mark.slow
def test_jobs_give_the_same_answers_as_one_process(tmp_path):
    instance = load_instance(two_pairs(tmp_path))
    settings = SolverSettings(workers=1, seed=3)
    one = solve(instance, settings)
    two = solve(instance, replace(settings, jobs=2))
    assert [c["objective"] for c in one.components] == [c["objective"] for c in two.components]
    assert one.objective == two.objective and str(two.status) == "OPTIMAL"
    outcomes_two, _ = run_components(components(instance), replace(settings, jobs=2))
    assert outcomes_two[0] == ComponentOutcome.from_json(outcomes_two[0].to_json())


def test_jobs_times_workers_may_not_exceed_the_cores(tmp_path, monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    directory = two_pairs(tmp_path)
    result = CliRunner().invoke(main, ["solve", str(directory), "--jobs", "2", "--workers", "2"])
    assert result.exit_code == 2
    assert "4 CP-SAT threads on 2 cores" in result.stderr
    result = CliRunner().invoke(main, ["solve", str(directory), "--jobs", "2", "--workers", "2",
                                       "--oversubscribe", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_progress_goes_to_stderr_and_only_results_to_stdout(tmp_path):
    directory = two_pairs(tmp_path)
    result = CliRunner().invoke(main, ["solve", str(directory), "--jobs", "2", "--workers", "1",
                                       "--out", str(tmp_path / "out"), "--no-grids"])
    assert result.exit_code == 0, result.output
    assert "Solving 2 independent components in 2 processes" in result.stderr
    assert "components" in result.stderr and "2/2" in result.stderr
    assert "Solving" not in result.stdout and "2/2" not in result.stdout
    # the time limit is each component's, and the summary says so
    assert "(2 components, 2 at a time, 1 worker each, seed 0, time limit 60 s per component" \
        in result.stdout
    quiet = CliRunner().invoke(main, ["solve", str(directory), "--jobs", "2", "--workers", "1",
                                      "--out", str(tmp_path / "quiet"), "--quiet"])
    assert quiet.stderr == ""


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_objectives_as_jobs(tmp_path):
    distributed = pytest.importorskip("distributed")
    instance = load_instance(generate("county", 4).write(tmp_path / "county"))
    parts = components(instance)[:2]
    small = sub_instance(instance, [s.school_id for p in parts for s in p.schools])
    settings = SolverSettings(workers=1, seed=0, time_limit=120)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        on_dask = solve(small, replace(settings, dask=cluster.scheduler_address))
    in_jobs = solve(small, replace(settings, jobs=2))
    assert [c["status"] for c in on_dask.components] == ["OPTIMAL", "OPTIMAL"]
    assert [c["objective"] for c in on_dask.components] == [
        c["objective"] for c in in_jobs.components]
    assert [c["workers"] for c in on_dask.components] == [1, 1]  # the Dask worker's threads
    out = tmp_path / "out"
    from aligner.export import write_outputs

    write_outputs(on_dask, out)
    assert_valid(small, out)


@pytest.mark.slow
def test_ctrl_c_with_jobs_keeps_the_finished_components(tmp_path):
    # As a terminal's Ctrl-C does: SIGINT to the whole process group (the main process and its
    # worker processes), once the first component is done. The running ones stop with their
    # best timetable, the queued ones never start; nothing hangs and nothing is lost.
    import os
    import shutil
    import signal
    import subprocess
    import sys

    import pandas as pd

    county = generate("county", 4).write(tmp_path / "county")
    keep = {s.school_id for p in components(load_instance(county))[:6] for s in p.schools}
    directory = tmp_path / "six"
    shutil.copytree(county, directory)
    for file, column in [("schools", "school_id"), ("bells", "school_id"),
                         ("classes", "school_id"), ("teachers", "school_id"),
                         ("curriculum", "school_id"), ("sync", "hub_school")]:
        table = pd.read_csv(county / f"{file}.csv", dtype=str, keep_default_na=False)
        table[table[column].isin(keep)].to_csv(directory / f"{file}.csv", index=False)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "aligner.cli", "solve", str(directory), "--out", str(out),
         "--no-grids", "--jobs", "2", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("[1/"):
            break
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 4, stdout + stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    statuses = [c["status"] for c in summary["components"]]
    assert summary["interrupted"] is True
    assert "NOT_SOLVED" in statuses and len(statuses) == len(components(load_instance(directory)))
    solved = [s for c in summary["components"] if c["status"] in ("OPTIMAL", "FEASIBLE")
              for s in c["schools"]]
    assert solved
    assert f"{statuses.count('NOT_SOLVED')} of {len(statuses)} components were not solved" in stderr
    report = check_solution(sub_instance(load_instance(directory), solved), out)
    assert report.ok, report.violations
    lessons = (out / "lessons.csv").read_text(encoding="utf-8-sig")
    unsolved = {s for c in summary["components"] if c["status"] == "NOT_SOLVED"
                for s in c["schools"]}
    assert not any(f"\n{s}," in lessons for s in unsolved)
