"""The independent checker (aligner.check) accepts real solver outputs and names the rule each
corruption breaks: one mutation test per hard rule, plus the reports and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from aligner.check import Violation, check_solution
from aligner.cli import main
from aligner.export import write_outputs
from aligner.io import load_instance
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import bells, write_instance
from tests.solving import assert_valid, mutated, read

SETTINGS = {"name": "tiny", "season": "winter", "days": ["Mon", "Tue"],
            "policy": {"min_sync_lessons_per_pair": 1, "min_online_lessons_per_school": 1}}


def tiny(directory: Path) -> Path:
    """Two schools, one class and one maths teacher each, one sync course H -> R."""
    return write_instance(
        directory, SETTINGS,
        schools=[dict(school_id="H", name="hub"), dict(school_id="R", name="rural")],
        bells=bells("H", "08:00-08:40", "08:50-09:30", "13:00-13:40")
        + bells("R", "08:05-08:45", "08:55-09:35", "13:20-14:00"),
        classes=[dict(school_id="H", class_id="h1", grade=3, name="h1"),
                 dict(school_id="R", class_id="r1", grade=3, name="r1")],
        teachers=[dict(teacher_id="hm", school_id="H", name="hm", max_load=10),
                  dict(teacher_id="rm", school_id="R", name="rm", max_load=10)],
        curriculum=[dict(school_id=s, class_id=c, subject="数学", teacher_id=t, per_week=3)
                    for s, c, t in (("H", "h1", "hm"), ("R", "r1", "rm"))],
        sync=[dict(course_id="ma", form="sync", hub_school="H", hub_teacher="hm", hub_class="h1",
                   receiving_school="R", receiving_class="r1", subject="数学", per_week="1-2",
                   assistant_teacher="rm")],
    )


def rich(directory: Path, rooms_b: int = 1) -> Path:
    """Two receiving schools in one course (two classes at A), a delivery course without a hub
    class, unavailable teachers, a county-level teacher and max_per_day caps. Class h1 fills all
    15 periods and its 语文/英语 teacher is away on Wednesday, and a soft days_apart.csv group
    and preferred periods ask what no week can give, so every objective term but
    missing_sessions is forced above zero (and a cheap missing session beats misalignment)."""
    settings = SETTINGS | {"name": "rich", "days": ["Mon", "Tue", "Wed"],
                           "policy": SETTINGS["policy"] | {"min_overlap_minutes": 25},
                           "weights": {"missing_session": 1}}
    morning = ("08:00-08:40", "08:50-09:30", "09:40-10:20")
    return write_instance(
        directory, settings,
        schools=[dict(school_id="H", name="hub", sync_rooms=1),
                 dict(school_id="A", name="a", sync_rooms=1),
                 dict(school_id="B", name="b", sync_rooms=rooms_b)],
        bells=bells("H", *morning, "13:00-13:40", "13:50-14:30")
        + bells("A", "08:05-08:45", "08:55-09:35", "09:45-10:25", "13:20-14:00", "14:10-14:50")
        + bells("B", "08:10-08:50", "09:00-09:40", "09:50-10:30", "13:10-13:50", "14:00-14:40")
        + bells("H", "07:50-08:30", season="summer"),
        classes=[dict(school_id=s, class_id=c, grade=4, name=c)
                 for s, c in (("H", "h1"), ("A", "a1"), ("A", "a2"), ("B", "b1"))],
        teachers=[
            dict(teacher_id="hma", school_id="H", name="hma", level="county", max_load=12),
            dict(teacher_id="hyw", school_id="H", name="hyw", max_load=12, unavailable="Wed"),
            dict(teacher_id="hart", school_id="H", name="hart"),
            dict(teacher_id="hmu", school_id="H", name="hmu", min_load=3, max_load=12),
            dict(teacher_id="ama", school_id="A", name="ama", max_load=14,
                 unavailable="Mon:1-2;Tue:4"),
            dict(teacher_id="amu", school_id="A", name="amu", max_load=6),
            dict(teacher_id="bma", school_id="B", name="bma", max_load=12),
        ],
        curriculum=[
            dict(school_id="H", class_id="h1", subject="数学", teacher_id="hma", per_week=4,
                 max_per_day=2),
            dict(school_id="H", class_id="h1", subject="语文", teacher_id="hyw", per_week=3),
            dict(school_id="H", class_id="h1", subject="英语", teacher_id="hyw", per_week=3),
            dict(school_id="H", class_id="h1", subject="美术", teacher_id="hart", per_week=3),
            dict(school_id="H", class_id="h1", subject="体育", teacher_id="hart", per_week=2,
                 preferred="Wed:5"),
            dict(school_id="A", class_id="a1", subject="数学", teacher_id="ama", per_week=3,
                 max_per_day=1),
            dict(school_id="A", class_id="a2", subject="数学", teacher_id="ama", per_week=3),
            dict(school_id="B", class_id="b1", subject="数学", teacher_id="bma", per_week=3),
            dict(school_id="A", class_id="a1", subject="音乐", teacher_id="", per_week=2),
            dict(school_id="B", class_id="b1", subject="音乐", teacher_id="", per_week=2),
        ],
        sync=[
            *(dict(course_id="ma", form="sync", hub_school="H", hub_teacher="hma", hub_class="h1",
                   receiving_school=s, receiving_class=c, subject="数学", per_week="1-2",
                   assistant_teacher=t)
              for s, c, t in (("A", "a1", "ama"), ("A", "a2", "ama"), ("B", "b1", "bma"))),
            *(dict(course_id="mu", form="delivery", hub_school="H", hub_teacher="hmu",
                   receiving_school=s, receiving_class=c, subject="音乐", per_week="2",
                   assistant_teacher=t)
              for s, c, t in (("A", "a1", "amu"), ("B", "b1", ""))),
        ],
        # a wish no week can keep: h1's five 美术 and 体育 lessons two days apart in three
        days_apart=[dict(group="arts", school_id="H", class_id="h1", subject=s, min_days=2,
                         weight=2) for s in ("美术", "体育")],
    )


def solved(directory: Path) -> Path:
    """Solve the instance in ``directory`` and write the five output files beside it."""
    result = solve_model(load_instance(directory), SolverSettings(workers=1, time_limit=20))
    assert result.found, f"no timetable: {result.status}"
    out = directory / "out"
    write_outputs(result, out)
    return out


@pytest.fixture(scope="module")
def rich_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    directory = rich(tmp_path_factory.mktemp("rich"))
    return directory, solved(directory)


def rules(violations: tuple[Violation, ...]) -> set[str]:
    return {v.rule for v in violations}


def times(directory: Path, school: str, period: int) -> tuple[str, str]:
    bell = load_instance(directory).bell(school, period)
    return tuple(f"{m // 60:02d}:{m % 60:02d}" for m in (bell.start, bell.end))


# ---- real solutions pass --------------------------------------------------------------------


def test_tiny_solution_passes(tmp_path: Path) -> None:
    out = solved(tiny(tmp_path))
    assert len(read(out, "sessions.csv")) >= 1
    assert_valid(load_instance(tmp_path), out)


def test_rich_solution_passes(rich_case: tuple[Path, Path]) -> None:
    directory, out = rich_case
    sessions = read(out, "sessions.csv")
    assert set(sessions["receiving_school_id"]) == {"A", "B"}
    assert {"ma", "mu"} <= set(sessions["course_id"])
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert all(term["value"] > 0 for term in summary["terms"].values()), summary["terms"]
    assert_valid(load_instance(directory), out)


def test_missing_file_is_reported(rich_case: tuple[Path, Path], tmp_path: Path) -> None:
    violations = check_solution(load_instance(rich_case[0]), tmp_path).violations
    assert "table_consistency" in rules(violations)
    with pytest.raises(AssertionError, match="table_consistency"):
        assert_valid(load_instance(rich_case[0]), tmp_path)


# ---- corrupted solutions fail ---------------------------------------------------------------


def test_local_lesson_on_a_used_slot(rich_case, tmp_path) -> None:
    directory = rich_case[0]

    def change(f, _s):
        lessons = f["lessons"]
        h1 = lessons[lessons["class_id"] == "h1"]
        local = h1[h1["mode"] == "local"].index[0]
        taken = h1[h1.index != local].iloc[0]
        for column in ("day", "period", "start", "end"):
            lessons.loc[local, column] = taken[column]

    assert "class_double_booked" in rules(mutated(rich_case, tmp_path, change))
    assert directory.exists()


def test_lesson_in_unavailable_period(rich_case, tmp_path) -> None:
    directory = rich_case[0]

    def change(f, _s):
        lessons = f["lessons"]
        row = lessons[(lessons["teacher_id"] == "ama") & (lessons["mode"] == "local")].index[0]
        lessons.loc[row, ["day", "period"]] = ["Tue", "4"]
        lessons.loc[row, ["start", "end"]] = times(directory, "A", 4)

    assert "teacher_unavailable" in rules(mutated(rich_case, tmp_path, change))


def test_receiving_period_without_enough_overlap(rich_case, tmp_path) -> None:
    directory = rich_case[0]

    def change(f, _s):
        sessions, lessons = f["sessions"], f["lessons"]
        row = sessions[sessions["receiving_school_id"] == "B"].iloc[0]
        hub = int(row["hub_period"])
        far = 5 if hub < 4 else 1  # a B period far away from the hub period
        start, end = times(directory, "B", far)
        at = sessions.index[(sessions["session_id"] == row["session_id"])
                            & (sessions["receiving_school_id"] == "B")]
        sessions.loc[at, ["receiving_period", "receiving_start", "receiving_end",
                          "overlap_minutes"]] = [str(far), start, end, "0"]
        at = lessons.index[(lessons["session_id"] == row["session_id"])
                           & (lessons["school_id"] == "B")]
        lessons.loc[at, ["period", "start", "end"]] = [str(far), start, end]

    found = mutated(rich_case, tmp_path, change)
    assert "overlap_too_short" in rules(found)
    assert any("period" in v.message and "B" in v.message for v in found
               if v.rule == "overlap_too_short")


def test_deleted_session(rich_case, tmp_path) -> None:
    def change(f, _s):
        sid = f["sessions"].loc[f["sessions"]["course_id"] == "mu", "session_id"].iloc[0]
        for name in ("sessions", "lessons"):
            f[name] = f[name][f[name]["session_id"] != sid]

    found = rules(mutated(rich_case, tmp_path, change))
    assert {"curriculum_per_week", "course_per_week"} <= found
    assert "table_consistency" not in found


def test_changed_credited_load(rich_case, tmp_path) -> None:
    def change(f, _s):
        load = f["teacher_load"]
        load.loc[0, "credited"] = str(float(load.loc[0, "credited"]) + 0.5)

    found = mutated(rich_case, tmp_path, change)
    assert rules(found) == {"report"} and not any(v.hard for v in found)
    assert "teacher_load.csv row of teacher" in found[0].message


def test_changed_summary_term(rich_case, tmp_path) -> None:
    def change(_f, summary):
        summary["terms"]["misalignment_minutes"]["value"] += 1

    found = mutated(rich_case, tmp_path, change)
    assert rules(found) == {"report"} and "misalignment_minutes" in found[0].message


def test_changed_objective(rich_case, tmp_path) -> None:
    def change(_f, summary):
        summary["objective"] -= 1

    found = mutated(rich_case, tmp_path, change)
    assert rules(found) == {"report"} and "summary.json objective" in found[0].message


def test_missing_compliance_row(rich_case, tmp_path) -> None:
    def change(f, _s):
        f["compliance"] = f["compliance"].iloc[1:]

    found = mutated(rich_case, tmp_path, change)
    assert rules(found) == {"report"} and "compliance.csv lacks the row" in found[0].message


def test_wrong_overlap_minutes(rich_case, tmp_path) -> None:
    def change(f, _s):
        f["sessions"].loc[0, "overlap_minutes"] = "40"

    found = mutated(rich_case, tmp_path, change)
    assert rules(found) == {"table_consistency"}


def test_room_capacity(tmp_path) -> None:
    """The same timetable with school B's sync room removed uses a room B does not have."""
    out = solved(rich(tmp_path / "one"))
    shrunk = rich(tmp_path / "none", rooms_b=0)
    assert "room_capacity" in rules(check_solution(load_instance(shrunk), out).violations)


def test_second_lesson_on_a_capped_day(rich_case, tmp_path) -> None:
    """Moving a1's local maths onto a day that already has its maths breaks max_per_day."""
    directory = rich_case[0]

    def change(f, _s):
        lessons = f["lessons"]
        a1 = lessons[(lessons["class_id"] == "a1") & (lessons["subject"] == "数学")]
        local = a1[a1["mode"] == "local"].index[0]
        other = a1[a1.index != local].iloc[0]
        used = set(lessons.loc[lessons["class_id"] == "a1", "period"][
            lessons["day"] == other["day"]])
        free = next(p for p in "12345" if p not in used and not (other["day"] == "Tue" and p == "4")
                    and not (other["day"] == "Mon" and p in "12"))
        lessons.loc[local, ["day", "period"]] = [other["day"], free]
        lessons.loc[local, ["start", "end"]] = times(directory, "A", int(free))

    assert "max_per_day" in rules(mutated(rich_case, tmp_path, change))


def test_teacher_on_two_lessons_at_once(rich_case, tmp_path) -> None:
    def change(f, _s):
        lessons = f["lessons"]
        hyw = lessons[(lessons["teacher_id"] == "hyw") & (lessons["mode"] == "local")]
        lessons.loc[hyw.index[0], ["day", "period", "start", "end"]] = hyw.iloc[1][
            ["day", "period", "start", "end"]].to_list()

    found = mutated(rich_case, tmp_path, change)
    assert any(v.rule == "teacher_double_booked" and "hyw" in v.message for v in found)


def test_receiving_class_left_out_of_a_session(rich_case, tmp_path) -> None:
    def change(f, _s):
        sessions, lessons = f["sessions"], f["lessons"]
        sid = sessions.loc[sessions["course_id"] == "ma", "session_id"].iloc[0]
        f["sessions"] = sessions[(sessions["session_id"] != sid)
                                 | (sessions["receiving_class_id"] != "a2")]
        f["lessons"] = lessons[(lessons["session_id"] != sid) | (lessons["class_id"] != "a2")]

    found = rules(mutated(rich_case, tmp_path, change))
    assert "session_reception" in found
    assert "table_consistency" not in found


def test_no_sync_session_left(rich_case, tmp_path) -> None:
    """Without course ma, H->A and H->B get no sync lesson and county-level hma teaches none."""
    def change(f, _s):
        ids = set(f["sessions"].loc[f["sessions"]["course_id"] == "ma", "session_id"])
        for name in ("sessions", "lessons"):
            f[name] = f[name][~f[name]["session_id"].isin(ids)]

    found = mutated(rich_case, tmp_path, change)
    minimums = sorted(v.message for v in found if v.rule == "weekly_minimum")
    assert minimums == [
        "hub (H) gives a (A) 0 sync lessons a week, at least 1 needed",
        "hub (H) gives b (B) 0 sync lessons a week, at least 1 needed",
    ]
    assert any(v.rule == "level_minimum" and "hma" in v.message for v in found)


def test_local_lesson_by_the_wrong_teacher(rich_case, tmp_path) -> None:
    def change(f, _s):
        lessons = f["lessons"]
        row = lessons[(lessons["teacher_id"] == "hart") & (lessons["mode"] == "local")].index[0]
        lessons.loc[row, "teacher_id"] = "hmu"

    found = mutated(rich_case, tmp_path, change)
    assert any(v.rule == "local_teacher" and "teacher hmu" in v.message
               and "gives it to teacher hart" in v.message for v in found)


def test_credited_load_below_min_load(rich_case, tmp_path) -> None:
    """hmu (min_load 3) teaches only the two 'mu' delivery sessions, 2 x 1.5 = 3; without one
    of them the credited load is 1.5."""
    def change(f, _s):
        sid = f["sessions"].loc[f["sessions"]["course_id"] == "mu", "session_id"].iloc[0]
        for name in ("sessions", "lessons"):
            f[name] = f[name][f[name]["session_id"] != sid]

    found = mutated(rich_case, tmp_path, change)
    assert any(v.rule == "credited_load" and v.hard and "credited load of 1.5" in v.message
               and "outside [3, 12]" in v.message for v in found)


def test_checker_shares_no_code_with_the_model() -> None:
    import ast

    import aligner.check

    imported: set[str | None] = set()
    for path in Path(aligner.check.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                     for a in node.names}
    forbidden = {"aligner.model", "aligner.alignment", "aligner.diagnose", "aligner.solver",
                 "aligner.export", "aligner.cli", "aligner.baselines", "aligner.bench"}
    assert imported  # the parse found the imports
    assert not {m for m in imported
                if m and any(m == f or m.startswith(f + ".") for f in forbidden)}


# ---- the command ----------------------------------------------------------------------------


def test_check_command_passes_our_timetable(tmp_path) -> None:
    from tests.solving import LANXI

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["solve", str(LANXI), "--out", str(out), "--no-grids"]
                              ).exit_code == 0
    result = CliRunner().invoke(main, ["check", str(LANXI), str(out), "--loads"])
    assert result.exit_code == 0, result.output
    assert "No hard rule is broken (516 class lessons, 13 sessions checked)." in result.stdout
    assert "Objective recomputed: 65 = misalignment_minutes 65 x 1" in result.stdout
    assert "wx-t19  | 方琳   | 8     | 5           | 0         | 15.5" in result.stdout

    # An office moves a lesson by hand in Excel (saved as GB18030) onto an occupied period.
    lessons = pd.read_csv(out / "lessons.csv", dtype=str, keep_default_na=False,
                          encoding="utf-8-sig")
    mine = lessons[(lessons["school_id"] == "houren") & (lessons["class_id"] == "1-1")]
    local = mine[mine["mode"] == "local"]
    taken = mine.iloc[0]
    moved = local[(local["day"] != taken["day"]) | (local["period"] != taken["period"])].index[0]
    lessons.loc[moved, ["day", "period", "start", "end"]] = taken[
        ["day", "period", "start", "end"]].to_list()
    lessons.to_csv(out / "lessons.csv", index=False, encoding="gb18030")
    result = CliRunner().invoke(main, ["check", str(LANXI), str(out)])
    assert result.exit_code == 1, result.output
    assert (f"broken: [class_double_booked] class 一年级 (houren/1-1) of 兰溪市厚仁中心小学 has 2 "
            f"lessons on {taken['day']} period {taken['period']}") in result.stdout
    assert "report out of date" not in result.stdout  # the counts are unchanged


def test_check_command_shows_twenty_violations_of_a_rule_unless_all(tmp_path) -> None:
    from aligner.cli.text import BROKEN_SHOWN
    from tests.solving import LANXI

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["solve", str(LANXI), "--out", str(out), "--no-grids"]
                              ).exit_code == 0
    # Every lesson's start time overwritten: 516 lessons out of line with the bells.
    lessons = pd.read_csv(out / "lessons.csv", dtype=str, keep_default_na=False,
                          encoding="utf-8-sig")
    lessons["start"] = "07:00"
    lessons.to_csv(out / "lessons.csv", index=False, encoding="utf-8")
    every = CliRunner().invoke(main, ["check", str(LANXI), str(out), "--all"])
    some = CliRunner().invoke(main, ["check", str(LANXI), str(out)])
    assert every.exit_code == some.exit_code == 1
    broken = [line for line in every.stdout.splitlines()
              if line.startswith("broken: [table_consistency]")]
    assert len(broken) > 500
    shown = [line for line in some.stdout.splitlines()
             if line.startswith("broken: [table_consistency]")]
    assert shown == broken[:BROKEN_SHOWN]
    assert (f"... and {len(broken) - BROKEN_SHOWN} more [table_consistency] (aligner check --all "
            "prints them)") in some.stdout
    assert "more [" not in every.stdout
    # the totals count every violation either way
    total = [line for line in every.stdout.splitlines() if "violation(s) of" in line]
    assert total and total[0] in some.stdout


def test_check_command_needs_a_solution_directory(tmp_path) -> None:
    from tests.solving import LANXI

    result = CliRunner().invoke(main, ["check", str(LANXI), str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["check", str(LANXI), str(tmp_path)])
    assert result.exit_code == 2 and "holds no timetable" in result.stderr
    (tmp_path / "sessions.csv").write_text("session_id\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(LANXI), str(tmp_path)])
    assert result.exit_code == 1
    assert "lessons.csv is missing" in result.stdout


def test_check_of_a_directory_without_a_timetable_is_one_error(tmp_path: Path) -> None:
    # After an infeasible solve the output holds infeasibility.json only.
    from tests.solving import LANXI

    (tmp_path / "infeasibility.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(LANXI), str(tmp_path)])
    assert result.exit_code == 2
    assert "holds no timetable" in result.stderr and "infeasibility.json" in result.stderr
    assert "broken" not in result.stdout
