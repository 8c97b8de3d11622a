"""Interruptions, failed runs and repeated runs: nothing half-written, nothing lost, the same
answer twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.export import OUTPUT_FILES, write_files
from aligner.io import load_instance
from tests.builders import sync_pair
from tests.solving import LANXI, assert_valid

TIMINGS = ("build_seconds", "solve_seconds")


def _solve(instance: Path, out: Path, *options: str) -> None:
    result = CliRunner().invoke(main, ["solve", str(instance), "--out", str(out), "--no-grids",
                                       *options])
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_same_seed_and_one_worker_give_byte_identical_files(tmp_path):
    for run in ("first", "second"):
        _solve(LANXI, tmp_path / run, "--workers", "1", "--seed", "7")
    for name in OUTPUT_FILES:
        first = (tmp_path / "first" / name).read_bytes()
        second = (tmp_path / "second" / name).read_bytes()
        if name == "summary.json":  # identical but for the measured seconds
            first_json, second_json = json.loads(first), json.loads(second)
            for key in TIMINGS:
                assert first_json.pop(key) >= 0 and second_json.pop(key) >= 0
            for summary in (first_json, second_json):
                for stage in summary["stages"]:
                    assert stage.pop("seconds") >= 0
            assert first_json == second_json
        else:
            assert first == second, name
    assert_valid(load_instance(LANXI), tmp_path / "first")


def test_failed_runs_leave_the_earlier_results_untouched(tmp_path):
    directory = sync_pair(tmp_path / "instance")
    out = tmp_path / "out"
    _solve(directory, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    # Bad input: exit 2, nothing touched.
    teachers = directory / "teachers.csv"
    good = teachers.read_text(encoding="utf-8")
    teachers.write_text(good.replace("th,H,th,,0,20,", "th,H,th,,0,abc,"), encoding="utf-8")
    assert CliRunner().invoke(main, ["solve", str(directory), "--out", str(out)]).exit_code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    # Infeasible: exit 3; infeasibility.json is added, the timetable files stay as they were.
    teachers.write_text(good.replace("th,H,th,,0,20,", "th,H,th,,0,20,Mon"), encoding="utf-8")
    assert CliRunner().invoke(main, ["solve", str(directory), "--out", str(out)]).exit_code == 3
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after.pop("infeasibility.json")
    assert after == before

    # Feasible again: the timetable is rewritten and the stale infeasibility.json goes.
    teachers.write_text(good, encoding="utf-8")
    _solve(directory, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)


def test_writing_is_all_or_nothing(tmp_path):
    write_files(tmp_path, {"a.csv": ("old a", "utf-8"), "b.csv": ("old b", "utf-8")})
    (tmp_path / "c.csv").mkdir()  # c cannot be replaced: nothing may change
    with pytest.raises(OSError):
        write_files(tmp_path, {"a.csv": ("new a", "utf-8"), "b.csv": ("new b", "utf-8"),
                               "c.csv": ("new c", "utf-8")})
    assert (tmp_path / "a.csv").read_text() == "old a"
    assert (tmp_path / "b.csv").read_text() == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv", "c.csv"]


def test_rename_failure_midway_restores_every_file(tmp_path, monkeypatch):
    write_files(tmp_path, {"a.csv": ("old a", "utf-8"), "b.csv": ("old b", "utf-8")})
    real_replace = os.replace

    def replace(source, target):  # b.csv is locked (open in Excel on Windows, say)
        if Path(target).name == "b.csv" and ".b.csv." in Path(source).name \
                and not Path(source).name.endswith(".old"):
            raise PermissionError(13, "file in use", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PermissionError):
        write_files(tmp_path, {"a.csv": ("new a", "utf-8"), "b.csv": ("new b", "utf-8")})
    assert (tmp_path / "a.csv").read_text() == "old a"
    assert (tmp_path / "b.csv").read_text() == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


@pytest.mark.slow
def test_ctrl_c_keeps_the_best_timetable_so_far(tmp_path):
    # One worker without interleaving needs ~15 s to prove the example optimal, so a Ctrl-C
    # sent as soon as the log shows a first solution arrives mid-search.
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "aligner.cli", "solve", str(LANXI), "--out", str(out),
         "--no-grids", "--workers", "1", "--param", "interleave_search=false", "--log"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    deadline = time.monotonic() + 60
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("#1 ") or line.startswith("#2 "):
            break
        assert time.monotonic() < deadline, "no first solution in the log"
    process.send_signal(signal.SIGINT)
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 0, stdout
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["interrupted"] is True
    assert summary["status"] in ("FEASIBLE", "OPTIMAL")
    assert "interrupted by Ctrl-C" in stdout
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files
    assert_valid(load_instance(LANXI), out)


@pytest.mark.slow
def test_a_reader_that_stops_early_loses_nothing(tmp_path):
    # `aligner solve ... | head -1`: the files are written before anything is printed, and the
    # closed pipe is not an error.
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "aligner.cli", "solve", str(LANXI), "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()
    assert b"Traceback" not in stderr
    assert_valid(load_instance(LANXI), out)
