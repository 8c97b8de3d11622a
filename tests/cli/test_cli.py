"""The command line, through click's CliRunner: exit codes, printed grids, written files."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.cli import run as console_script
from aligner.export import OUTPUT_FILES
from aligner.io import load_instance
from tests.builders import SAME_BELLS, course, klass, pair, school, subject, sync_pair, teacher
from tests.solving import assert_valid


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_solve_prints_grids_and_writes_five_checked_files(tmp_path):
    directory = sync_pair(tmp_path, per_week="1-2", days=("Mon", "Tue"))
    out = tmp_path / "out"
    result = run("solve", str(directory), "--out", str(out), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "H校 h1 (H/h1, grade 3)" in result.stdout
    assert "数学->R校" in result.stdout and "数学<-H校" in result.stdout
    assert "Status: OPTIMAL" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)
    assert (out / "lessons.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "OPTIMAL" and summary["workers"] == 1
    assert_valid(load_instance(directory), out)


def test_teacher_grids_show_lessons_sessions_and_assisting(tmp_path):
    directory = sync_pair(tmp_path, per_week="1-2", days=("Mon", "Tue"))
    result = run("solve", str(directory), "--out", str(tmp_path / "out"), "--grids", "teachers")
    assert result.exit_code == 0, result.output
    # th teaches h1 live to R twice (2 lessons a week, both online at the optimum: no
    # missing sessions); tr assists both sessions in R's room.
    assert "H校 th (th): 0 local, 2 taught online, 0 assisted" in result.stdout
    assert "数学 h1->R校" in result.stdout
    assert "R校 tr (tr): 0 local, 0 taught online, 2 assisted" in result.stdout
    assert "数学<-H校 (assist)" in result.stdout
    assert "(H/h1, grade 3)" not in result.stdout  # no class grids


def test_default_output_directory_is_named_after_the_instance(tmp_path, monkeypatch):
    directory = sync_pair(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("solve", str(directory), "--no-grids")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / directory.name / "summary.json").is_file()
    assert "period" not in result.stdout.splitlines()[0]  # no grid printed


def test_infeasible_instance_exits_3_and_says_why(tmp_path):
    # min_overlap 36 minutes but the periods overlap by 35 at most: the course cannot be held.
    directory = sync_pair(tmp_path, receiving_bells=("08:05-08:45", "09:05-09:45"),
                          policy={"min_overlap_minutes": 36})
    out = tmp_path / "out"
    result = run("solve", str(directory), "--out", str(out))
    assert result.exit_code == 3, result.output
    assert "Status: INFEASIBLE" in result.stdout
    assert "course ma needs 1 session a week, but only 0 periods of H校 overlap R校" in result.stdout
    assert [p.name for p in out.iterdir()] == ["infeasibility.json"]
    report = json.loads((out / "infeasibility.json").read_text(encoding="utf-8"))
    assert report["found"] == "before solving, by the capacity checks"
    assert [f["rule"] for f in report["findings"]] == ["course"]


def test_room_shortage_is_found_before_solving(tmp_path):
    # Two sessions need period 1 of H (both hub teachers are away in period 2) and H has one
    # sync room.
    directory = pair(
        tmp_path,
        classes=[klass("R", "r1"), klass("R", "r2")],
        schools=[school("H", 1), school("R", 2)],
        teachers=[teacher("te", "H", unavailable="Mon:2"), teacher("ts", "H", unavailable="Mon:2")],
        curriculum=[subject("R", "r1", "英语", "", 1), subject("R", "r2", "英语", "", 1)],
        sync=[course("en1", "delivery", "H", "te", "", "R", "r1", "英语", 1),
              course("en2", "delivery", "H", "ts", "", "R", "r2", "英语", 1)],
    )
    result = run("solve", str(directory), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3, result.output
    assert "found before solving" in result.stdout
    assert ("H校 needs at least 2 online sessions a week (en1, en2) but has 1 sync room and "
            "only 1 period a week in which a session can take place (period 1 on Mon): room "
            "for at most 1 session") in result.stdout


def test_conflict_only_the_solver_sees_names_the_rules(tmp_path):
    # r1 and r2 each receive one English session, possible only in period 1 (their hub teachers
    # are away in period 2), so both classes' single maths lessons fall in period 2, and both
    # are taught by tr: a clash no capacity count sees. The infeasible core names tr's rule.
    directory = pair(
        tmp_path,
        classes=[klass("R", "r1"), klass("R", "r2")],
        schools=[school("H", 2), school("R", 2)],
        teachers=[teacher("te", "H", unavailable="Mon:2"), teacher("ts", "H", unavailable="Mon:2"),
                  teacher("tr", "R")],
        curriculum=[subject("R", "r1", "英语", "", 1), subject("R", "r2", "英语", "", 1),
                    subject("R", "r1", "数学", "tr", 1), subject("R", "r2", "数学", "tr", 1)],
        sync=[course("en1", "delivery", "H", "te", "", "R", "r1", "英语", 1),
              course("en2", "delivery", "H", "ts", "", "R", "r2", "英语", 1)],
    )
    out = tmp_path / "out"
    result = run("solve", str(directory), "--out", str(out))
    assert result.exit_code == 3, result.output
    assert "Status: INFEASIBLE" in result.stdout and "before solving" not in result.stdout
    assert "These rules cannot all hold together (drop any one" in result.stdout
    assert "teacher tr has at most one commitment per period" in result.stdout
    assert "teacher te is unavailable in Mon 2" in result.stdout
    report = json.loads((out / "infeasibility.json").read_text(encoding="utf-8"))
    assert report["conflict"]["minimal"] is True
    assert {tuple([r["rule"], *r["ids"]]) for r in report["conflict"]["rules"]} == {
        ("alignment", "en1"), ("alignment", "en2"), ("availability", "te"),
        ("availability", "ts"), ("class", "R", "r1"), ("class", "R", "r2"), ("teacher", "tr")}


def test_align_prints_the_lanxi_winter_overlaps(tmp_path):
    # The two winter bell schedules of seed 001 (巫溪 hub, 厚仁 receiving).
    hub = ("08:30-09:10", "09:20-10:05", "10:35-11:15", "13:20-14:00", "14:10-14:55",
           "15:05-15:45")
    receiving = ("08:25-09:05", "09:15-10:00", "10:30-11:10", "13:00-13:40", "13:50-14:35",
                 "14:45-15:25")
    directory = sync_pair(tmp_path, hub_bells=hub, receiving_bells=receiving)
    result = run("align", str(directory))
    assert result.exit_code == 0, result.output
    assert "Same-numbered periods overlap: 35, 40, 35, 20, 25, 20 minutes" in result.stdout
    assert "Hub periods that can carry a session: 1, 2, 3 (3 of 6" in result.stdout
    assert "| 40*" in result.stdout and "| 20 " in result.stdout


def test_unknown_solver_parameter_is_bad_input(tmp_path):
    directory = sync_pair(tmp_path)
    result = run("solve", str(directory), "--param", "no_such_parameter=3")
    assert result.exit_code == 2
    assert "no_such_parameter" in result.output
    result = run("solve", str(directory), "--param", "notapair")
    assert result.exit_code == 2


def test_solver_parameters_are_passed_through_and_recorded(tmp_path):
    directory = sync_pair(tmp_path)
    out = tmp_path / "out"
    result = run("solve", str(directory), "--out", str(out), "--param", "linearization_level=2",
                 "--seed", "7")
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["parameters"] == {"linearization_level": "2"}
    assert summary["seed"] == 7


def test_no_timetable_within_the_limit_exits_4_and_writes_nothing(tmp_path):
    # A deterministic work limit of zero stops CP-SAT before it finds anything.
    directory = sync_pair(tmp_path)
    out = tmp_path / "out"
    result = run("solve", str(directory), "--out", str(out), "--param", "max_deterministic_time=0")
    assert result.exit_code == 4, result.output
    assert "Status: UNKNOWN" in result.stdout
    assert "No timetable found within" in result.output
    assert not out.exists()


def test_outputs_are_readable_back_as_frames(tmp_path):
    directory = pair(tmp_path, hub_bells=SAME_BELLS, classes=[klass("H", "h1")],
                     teachers=[teacher("th", "H")],
                     curriculum=[subject("H", "h1", "数学", "th", 2)])
    out = tmp_path / "out"
    assert run("solve", str(directory), "--out", str(out)).exit_code == 0
    lessons = pd.read_csv(out / "lessons.csv", encoding="utf-8-sig")
    assert list(lessons["period"]) == [1, 2]
    assert set(lessons["mode"]) == {"local"}


def test_align_needs_only_settings_schools_bells_and_pairs(tmp_path):
    # While the curriculum is still a draft (broken) and teachers.csv does not exist yet.
    directory = sync_pair(tmp_path, receiving_bells=("08:05-08:45", "09:05-09:45"))
    (directory / "teachers.csv").unlink()
    (directory / "curriculum.csv").write_text("school_id\n", encoding="utf-8")
    result = run("align", str(directory))
    assert result.exit_code == 0, result.output
    assert "H校 (H, hub) -> R校 (R, receiving)" in result.stdout
    assert "Same-numbered periods overlap: 35, 35 minutes" in result.stdout
    # ... but the bells themselves must be right.
    (directory / "bells.csv").write_text("school_id,season,period,start,end\nH,winter,1,8:70,9:00\n",
                                         encoding="utf-8")
    result = run("align", str(directory))
    assert result.exit_code == 2
    assert "bells.csv, row 2, column start" in result.stderr


def test_the_console_script_exits_with_the_commands_code_and_freezes_what_is_left(monkeypatch):
    """``aligner`` (the console script, ``run``): the command's exit code, then every object
    frozen so that the collection at exit does not walk them."""
    monkeypatch.setattr(sys, "argv", ["aligner", "solve"])  # no instance: a usage error
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as done:
            console_script()
        assert done.value.code == 2
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
    for module in ("aligner", "aligner.cli"):  # python -m: the same command line
        shown = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True,
                               text=True)
        assert shown.returncode == 0 and "aligner" in shown.stdout


def test_align_names_the_season_in_the_language_of_its_messages():
    """The season ids the catalogue knows (winter, summer) are said in the messages' language;
    others stay as written."""
    from aligner.cli.text import season_name
    from aligner.messages import set_language
    from tests.solving import LANXI

    chinese = CliRunner().invoke(main, ["--lang", "zh", "align", str(LANXI)])
    assert chinese.exit_code == 0 and "作息季节 冬令；" in chinese.output
    assert "winter" not in chinese.output
    english = CliRunner().invoke(main, ["--lang", "en", "align", str(LANXI)])
    assert english.exit_code == 0 and "Season winter;" in english.output
    set_language("zh")
    assert season_name("summer") == "夏令" and season_name("雨季") == "雨季"
