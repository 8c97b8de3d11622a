"""aligner export-fet: instances (paired ones too) as FET files that fet-cl solves; FET's
timetable read back and re-verified by the independent checker."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from aligner.check import check_solution
from aligner.cli import main
from aligner.fet import read_fet
from aligner.fet.exporter import export_fet
from aligner.io import load_instance
from tests.builders import NO_MINIMUMS, bells, course, klass, school, subject, teacher, write_instance
from tests.fetkit import run_fet
from tests.solving import LANXI, solve_checked

LIANYUN = LANXI.parent / "lianyun-xugou"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def fet_round(instance_dir: Path, tmp_path: Path, *extra: str) -> Path:
    """export-fet, fet-cl, read-fet-timetable; returns the solution directory (checked by the
    caller)."""
    fet = tmp_path / "exported.fet"
    result = run("export-fet", str(instance_dir), "--out", str(fet), *extra)
    assert result.exit_code == 0, result.output
    run_fet(fet, tmp_path / "fet")
    solution = tmp_path / "from-fet"
    result = run("read-fet-timetable", str(instance_dir), str(tmp_path / "fet"), "--fet", str(fet),
                 "--out", str(solution))
    assert result.exit_code == 0, result.output
    return solution


def test_paired_instance_solved_by_fet_passes_our_checker(tmp_path):
    """The example pair (different bells, sync and delivery courses, sync rooms, a range
    course, max_per_day): FET's timetable, read back, keeps every hard rule."""
    solution = fet_round(LANXI, tmp_path)
    instance = load_instance(LANXI)
    report = check_solution(instance, solution)
    assert not report.violations, [str(v) for v in report.violations[:5]]
    assert report.sessions == sum(1 for _ in pd.read_csv(solution / "sessions.csv")
                                  .drop_duplicates("session_id").itertuples())
    check = run("check", str(LANXI), str(solution))
    assert check.exit_code == 0, check.output


def test_several_receiving_schools_and_two_seasons_solved_by_fet_pass_our_checker(tmp_path):
    solution = fet_round(LIANYUN, tmp_path)
    report = check_solution(load_instance(LIANYUN), solution)
    assert not report.violations, [str(v) for v in report.violations[:5]]


def test_what_fet_cannot_express_is_printed_and_in_the_file(tmp_path):
    fet = tmp_path / "lanxi.fet"
    result = run("export-fet", str(LANXI), "--out", str(fet))
    assert result.exit_code == 0
    text = fet.read_text(encoding="utf-8")
    for phrase in ("different bell grids", "minute overlaps", "credited loads",
                   "per_week 2-3 fixed at 3"):
        assert phrase in result.output and phrase in text
    assert text.index("<!-- aligner export-fet: not expressible in FET") < text.index("<fet ")


def test_a_solution_exported_as_locked_activities_comes_back_unchanged(tmp_path):
    ours = tmp_path / "ours"
    solve_checked(LANXI, ours, time_limit=20)
    solution = fet_round(LANXI, tmp_path, "--solution", str(ours))
    exported = read_fet(tmp_path / "exported.fet")
    locked = [c for c in exported.constraints if c.tag == "ConstraintActivityPreferredStartingTime"]
    assert len(locked) == len(exported.activities)
    assert all(c.text("Permanently_Locked") == "true" for c in locked)
    keys = ["school_id", "class_id", "day", "period"]
    before = pd.read_csv(ours / "lessons.csv", dtype=str).sort_values(keys).reset_index(drop=True)
    after = pd.read_csv(solution / "lessons.csv", dtype=str).sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(before, after)


def test_doubles_and_max_per_day_survive_the_trip_through_fet(tmp_path):
    """A class with 2 doubles and 1 single of maths, max 1 maths lesson a day (a double counts
    once), and art at most 2 a day; bells with a long lunch that no double may span."""
    directory = write_instance(
        tmp_path / "inst", {"name": "d", "season": "winter", "days": ["Mon", "Tue", "Wed"],
                            "policy": NO_MINIMUMS},
        schools=[school("S")],
        bells=bells("S", "08:00-08:40", "08:50-09:30", "09:40-10:20", "13:00-13:40",
                    "13:50-14:30"),
        classes=[klass("S", "c")], teachers=[teacher("t", "S"), teacher("u", "S")],
        curriculum=[subject("S", "c", "数学", "t", 5, max_per_day=1, doubles=2),
                    subject("S", "c", "美术", "u", 5, max_per_day=2)])
    solution = fet_round(directory, tmp_path)
    report = check_solution(load_instance(directory), solution)
    assert not report.violations, [str(v) for v in report.violations]
    lessons = pd.read_csv(solution / "lessons.csv")
    maths = lessons[lessons["subject"] == "数学"]
    assert maths["lesson_id"].nunique() == 3 and maths.groupby("day").ngroups == 3


def test_a_delivery_course_with_assistants_on_one_grid(tmp_path):
    directory = write_instance(
        tmp_path / "inst", {"name": "p", "season": "winter", "days": ["Mon", "Tue"],
                            "policy": NO_MINIMUMS},
        schools=[school("H"), school("R")],
        bells=bells("H", "08:00-08:40", "08:50-09:30") + bells("R", "08:05-08:45",
                                                                "09:30-10:10"),
        classes=[klass("H", "h1"), klass("R", "r1"), klass("R", "r2")],
        teachers=[teacher("th", "H"), teacher("ta", "R"), teacher("tb", "R")],
        curriculum=[subject("H", "h1", "音乐", "th", 1), subject("R", "r1", "音乐", "", 2),
                    subject("R", "r2", "音乐", "", 2), subject("R", "r1", "数学", "tb", 1)],
        sync=[course("mu", "delivery", "H", "th", "", "R", "r1", "音乐", 2, "ta"),
              course("mu", "delivery", "H", "th", "", "R", "r2", "音乐", 2, "ta")])
    fet = export_fet(load_instance(directory))
    assert fet.activities == 1 + 1 + 2 * 2   # th's h1 lesson, tb's maths, 2 sessions x 2 schools
    solution = fet_round(directory, tmp_path)
    report = check_solution(load_instance(directory), solution)
    assert not report.violations, [str(v) for v in report.violations]
    sessions = pd.read_csv(solution / "sessions.csv")
    # only period 1 overlaps by 30 minutes (period 2: 09:30-10:10 vs 08:50-09:30 share none)
    assert set(sessions["hub_period"]) == {1} and set(sessions["receiving_period"]) == {1}


def test_bad_usage_is_refused_with_exit_2_and_nothing_written(tmp_path):
    assert run("export-fet", str(LANXI), "--out", str(tmp_path)).exit_code == 2
    missing = run("read-fet-timetable", str(LANXI), str(tmp_path / "no-fet-output"), "--fet",
                  str(tmp_path / "x.fet"), "--out", str(tmp_path / "sol"))
    assert missing.exit_code == 2 and "no timetables" in missing.output
    assert not (tmp_path / "sol").exists()
    both = run("import-fet", "a.fet", "--pair", "a.fet", "b.fet", "--courses", "c.csv",
               "--out", str(tmp_path / "i"))
    assert both.exit_code == 2 and "either FET_FILE" in both.output
    bells = run("import-fet", "--pair", "a.fet", "b.fet", "--courses", "c.csv", "--bells",
                "b.csv", "--out", str(tmp_path / "i"))
    assert bells.exit_code == 2 and "--bells applies to one FET file" in bells.output


def test_lessons_taught_together_and_allowed_periods_survive_the_trip_through_fet(tmp_path):
    """Two classes' parallel lessons (one a double) tied by same-starting-time constraints, and
    a subject allowed only in the afternoon, solved by fet-cl and checked by our checker."""
    directory = write_instance(
        tmp_path / "inst", {"name": "t", "season": "winter", "days": ["Mon", "Tue"],
                            "policy": NO_MINIMUMS | {"max_double_gap": 10}},
        schools=[school("S")],
        bells=bells("S", "08:00-08:40", "08:50-09:30", "09:40-10:20", "13:00-13:40"),
        classes=[klass("S", "a"), klass("S", "b")],
        teachers=[teacher(t, "S") for t in ("tp", "tc", "tm", "ty", "tu")],
        curriculum=[subject("S", "a", "体育", "tp", 3, doubles=1, together="g"),
                    subject("S", "b", "劳动", "tc", 3, doubles=1, together="g"),
                    subject("S", "a", "数学", "tm", 5), subject("S", "b", "语文", "ty", 3),
                    subject("S", "b", "美术", "tu", 2, allowed="Mon:4;Tue:4")])
    exported = export_fet(load_instance(directory))
    assert exported.text.count("<ConstraintActivitiesSameStartingTime>") == 2
    solution = fet_round(directory, tmp_path)
    report = check_solution(load_instance(directory), solution)
    assert not report.violations, [str(v) for v in report.violations]
    lessons = pd.read_csv(solution / "lessons.csv")
    slots = {s: set(zip(lessons[lessons.subject == s].day, lessons[lessons.subject == s].period,
                        strict=True)) for s in ("体育", "劳动", "美术")}
    assert slots["体育"] == slots["劳动"] and slots["美术"] == {("Mon", 4), ("Tue", 4)}
