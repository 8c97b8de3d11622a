"""aligner bench: configuration files, one checked row per instance x configuration x seed, the
progress file, the side-by-side table, worker processes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from aligner.baselines.mip import highs_available
from aligner.bench.compare import comparison
from aligner.bench.config import BenchConfigError, load_config
from aligner.bench.run import FIELDS, PROGRESS_FIELDS
from aligner.cli import main
from tests.builders import sync_pair

HIGHS = highs_available()


def _config(tmp_path: Path, body: str, instance: Path | None = None) -> Path:
    instance = instance or sync_pair(tmp_path, per_week="1-2")
    path = tmp_path / "bench.toml"
    path.write_text(f'name = "t"\n{body}\n[[instances]]\npath = "{instance}"\n', encoding="utf-8")
    return path


CONFIGS = """
time_limit = 20
seeds = [0, 1]
[[configs]]
name = "cp"
solver = "cpsat"
workers = 1
params = { linearization_level = 2 }
[[configs]]
name = "cp-warm"
solver = "cpsat"
workers = 1
warm_start = true
lp_start = false
[[configs]]
name = "greedy"
solver = "greedy"
""" + ("""
[[configs]]
name = "highs"
solver = "highs"
""" if HIGHS else "")


def test_bench_writes_one_checked_row_per_run_and_the_table(tmp_path):
    # sync_pair: h1 and r1 have 2 maths lessons in the 2 periods of one day (same bells), a
    # 1-2 a week sync course: the optimum holds 2 sessions (no missing session), misaligned by
    # 0 minutes, and 2 lessons a week > 1 day counts no same-day repeat: objective 0.
    config = _config(tmp_path, CONFIGS)
    out = tmp_path / "res" / "results.csv"
    run = CliRunner().invoke(main, ["bench", str(config), "--out", str(out), "--quiet"])
    assert run.exit_code == 0, run.output
    rows = pd.read_csv(out)
    assert list(rows.columns) == FIELDS
    configs = 4 if HIGHS else 3
    assert len(rows) == configs * 2  # 1 instance x configurations x 2 seeds
    assert set(rows["seed"]) == {0, 1}
    assert (rows["checked"] == "ok").all()
    assert set(rows[rows.solver != "greedy"]["status"]) == {"OPTIMAL"}
    assert set(rows["objective"]) == {0}  # every solver finds the optimum here, greedy too
    assert (rows[rows.solver == "cpsat"]["gap"] == 0).all()
    assert rows.loc[rows.config == "cp", "params"].iloc[0] == "linearization_level=2"
    assert dict(zip(rows.config, rows.lp_start, strict=True)) == {"cp": True, "cp-warm": False,
                                                     "greedy": False} | (
        {"highs": False} if HIGHS else {})
    assert rows["schools"].iloc[0] == 2 and rows["classes"].iloc[0] == 2
    assert rows["variables"].iloc[0] > 0 and rows["cores"].iloc[0] >= 1
    progress = pd.read_csv(out.with_name("results-progress.csv"))
    assert list(progress.columns) == PROGRESS_FIELDS
    assert set(progress["config"]) >= {"cp", "greedy"}
    last = progress[progress.config == "cp"].groupby("seed")["objective"].last()
    assert set(last) == {0}
    assert "| instance |" in run.output and "| 0 |" in run.output


@pytest.mark.skipif(not HIGHS, reason="highspy not installed")
def test_comparison_states_the_ratio_per_instance():
    rows = pd.DataFrame([
        {"instance": "a", "schools": 2, "classes": 4, "lessons": 9, "variables": 5,
         "constraints": 3, "config": "cp", "solver": "cpsat", "status": "OPTIMAL",
         "objective": 7, "solve_seconds": s} for s in (1.0, 2.0, 9.0)] + [
        {"instance": "a", "schools": 2, "classes": 4, "lessons": 9, "variables": 5,
         "constraints": 3, "config": "hi", "solver": "highs", "status": "OPTIMAL",
         "objective": 7, "solve_seconds": s} for s in (10.0, 12.0)] + [
        {"instance": "a", "schools": 2, "classes": 4, "lessons": 9, "variables": 5,
         "constraints": 3, "config": "slow", "solver": "cpsat", "status": st,
         "objective": 7, "solve_seconds": 0.5} for st in ("OPTIMAL", "FEASIBLE")])
    table = comparison(rows)
    row = table.iloc[0]
    # "slow" did not prove the optimum in every seed, so it is not the CP-SAT figure.
    assert row["cpsat_config"] == "cp" and row["cpsat_seconds"] == 2.0
    assert row["highs_seconds"] == 11.0 and row["highs_over_cpsat"] == 5.5
    assert row["optimum"] == 7


def test_runs_in_worker_processes_give_the_same_rows(tmp_path):
    body = """
seeds = [0, 1]
[[configs]]
name = "cp"
solver = "cpsat"
workers = 1
[[configs]]
name = "greedy"
solver = "greedy"
"""
    config = _config(tmp_path, body)
    here, there = tmp_path / "one.csv", tmp_path / "two.csv"
    runner = CliRunner()
    assert runner.invoke(main, ["bench", str(config), "--out", str(here), "--quiet"]).exit_code == 0
    run = runner.invoke(main, ["bench", str(config), "--out", str(there), "--quiet", "--jobs", "2"])
    assert run.exit_code == 0, run.output
    columns = ["instance", "config", "seed", "status", "objective", "checked"]
    assert pd.read_csv(here)[columns].equals(pd.read_csv(there)[columns])


def test_a_generated_preset_is_an_instance(tmp_path):
    path = tmp_path / "bench.toml"
    path.write_text('[[instances]]\npreset = "pair"\nseed = 2\n'
                    '[[configs]]\nname = "greedy"\nsolver = "greedy"\n', encoding="utf-8")
    out = tmp_path / "r.csv"
    run = CliRunner().invoke(main, ["bench", str(path), "--out", str(out), "--quiet"])
    assert run.exit_code == 0, run.output
    row = pd.read_csv(out).iloc[0]
    assert row["instance"] == "pair-seed2" and row["schools"] == 2
    assert row["status"] == "FEASIBLE" and row["checked"] == "ok"


def test_bad_configuration_lists_every_problem_and_exits_2(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("""
colour = "blue"
seeds = [0, "one"]
[[instances]]
path = "no/such/dir"
[[instances]]
preset = "galaxy"
[[configs]]
name = "a"
solver = "gurobi"
[[configs]]
name = "b"
solver = "greedy"
warm_start = true
lp_start = true
[[configs]]
name = "c"
solver = "cpsat"
epigraph = true
[[configs]]
name = "d"
solver = "cpsat"
params = { linearisation_level = 2, num_search_workers = 4, max_time_in_seconds = 9 }
""", encoding="utf-8")
    run = CliRunner().invoke(main, ["bench", str(path)])
    # every problem at once, the bad parameters included, each named with its key
    for expected in ("configs[3] (d).params.linearisation_level: CP-SAT has no parameter",
                     "configs[3] (d).params.num_search_workers: set it with the key workers",
                     "configs[3] (d).params.max_time_in_seconds: set it with the key time_limit"):
        assert expected in run.output, expected
    assert run.exit_code == 2
    for expected in ("unknown key 'colour'", "seeds[1]", "instances[0].path: no/such/dir",
                     "instances[1].preset: 'galaxy'", "configs[0] (a).solver: 'gurobi'",
                     "configs[1] (b).warm_start", "configs[1] (b).lp_start: only for",
                     "configs[2] (c).epigraph: only for"):
        assert expected in run.output, expected
    assert str(path) in run.output


def test_unknown_cp_sat_parameter_and_bad_toml_are_refused(tmp_path):
    config = _config(tmp_path, '[[configs]]\nname = "x"\nsolver = "cpsat"\n'
                               'params = { linearisation_level = 2 }\n')
    with pytest.raises(BenchConfigError, match="linearisation_level"):
        load_config(config)
    broken = tmp_path / "broken.toml"
    broken.write_text("name = \n", encoding="utf-8")
    run = CliRunner().invoke(main, ["bench", str(broken)])
    assert run.exit_code == 2 and "not valid TOML" in run.output


def test_too_many_threads_need_oversubscribe(tmp_path):
    config = _config(tmp_path, '[[configs]]\nname = "x"\nsolver = "cpsat"\nworkers = 512\n')
    run = CliRunner().invoke(main, ["bench", str(config), "--out", str(tmp_path / "r.csv")])
    assert run.exit_code == 2 and "--oversubscribe" in run.output
    assert not (tmp_path / "r.csv").exists()


def test_an_output_path_under_a_file_is_refused_before_running(tmp_path):
    config = _config(tmp_path, '[[configs]]\nname = "g"\nsolver = "greedy"\n')
    (tmp_path / "file").write_text("x", encoding="utf-8")
    run = CliRunner().invoke(main, ["bench", str(config), "--out", str(tmp_path / "file" / "r.csv")])
    assert run.exit_code == 2 and "is a file" in run.output
    run = CliRunner().invoke(main, ["bench", str(config), "--out", str(tmp_path)])
    assert run.exit_code == 2 and "is a directory" in run.output


def test_shipped_configurations_are_valid():
    root = Path(__file__).resolve().parents[2] / "benchmarks" / "configs"
    names = {p.stem for p in root.glob("*.toml")}
    assert {"tiny", "baselines", "solver-settings"} <= names
    for path in root.glob("*.toml"):
        config = load_config(path)
        solvers = {c.solver for c in config.configs}
        # county.toml is CP-SAT against HiGHS on one bigger model only
        expected = {"cpsat", "highs"} if path.stem == "county" else {"cpsat", "highs", "greedy"}
        assert solvers == expected, path.name


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_rows(tmp_path):
    distributed = pytest.importorskip("distributed")
    from aligner.bench.run import run_bench

    body = """
seeds = [0, 1]
[[configs]]
name = "cp"
solver = "cpsat"
[[configs]]
name = "greedy"
solver = "greedy"
"""
    config = load_config(_config(tmp_path, body))
    here = run_bench(config)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        there = run_bench(config, dask=cluster.scheduler_address)
    keys = ("config", "seed", "status", "objective", "checked")
    assert [tuple(r[k] for k in keys) for r in here.rows] == \
        [tuple(r[k] for k in keys) for r in there.rows]
    assert len(there.rows) == 4 and {r["checked"] for r in there.rows} == {"ok"}


def test_ctrl_c_keeps_the_runs_that_ended(tmp_path):
    # Ctrl-C after the second run (raised where the progress line is printed): the rows of the
    # runs that ended are kept, in order, and the results say they were interrupted.
    from aligner.bench.run import run_bench

    body = """
seeds = [0, 1, 2]
[[configs]]
name = "greedy"
solver = "greedy"
"""
    config = load_config(_config(tmp_path, body))

    def on_done(row: dict, done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    results = run_bench(config, on_done=on_done)
    assert results.interrupted and results.runs == 3
    assert [row["seed"] for row in results.rows] == [0, 1]
    assert {row["checked"] for row in results.rows} == {"ok"}
