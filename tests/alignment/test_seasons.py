"""Several seasons (winter 冬令 and summer 夏令 bells): one weekly timetable that works with both."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.io import InputError, load_instance
from tests.builders import bells, sync_pair
from tests.solving import assert_valid

WINTER = {"H": ("08:00-08:40", "09:00-09:40"), "R": ("08:05-08:45", "09:00-09:40")}
SUMMER = {"H": ("07:40-08:20", "08:40-09:20"), "R": ("07:40-08:20", "08:50-09:30")}


def two_seasons(tmp_path, summer=SUMMER):
    directory = sync_pair(tmp_path, hub_bells=WINTER["H"], receiving_bells=WINTER["R"])
    with (directory / "bells.csv").open("a", encoding="utf-8", newline="") as handle:
        for school, times in summer.items():
            for row in bells(school, *times, season="summer"):
                handle.write(",".join(str(row[k]) for k in ("school_id", "season", "period",
                                                             "start", "end")) + "\n")
    text = (directory / "instance.yaml").read_text(encoding="utf-8")
    (directory / "instance.yaml").write_text(text.replace("season: winter",
                                                          "season: [winter, summer]"),
                                             encoding="utf-8")
    return directory


def test_one_timetable_for_both_seasons(tmp_path, solve_and_check):
    # Winter: H1-R1 overlap 35 (5 misaligned), H2-R2 40 (0). Summer: H1-R1 40 (0), H2-R2 30 (10).
    # Over both seasons H1-R1 costs 5 and H2-R2 10: the one session goes to period 1. (Winter
    # alone would pick period 2 at cost 0.)
    directory = two_seasons(tmp_path)
    result = solve_and_check(directory)
    assert result.objective == 5
    sessions = result.sessions()
    assert list(sessions["season"]) == ["winter", "summer"]
    assert list(sessions["overlap_minutes"]) == [35, 40]
    assert set(sessions["hub_period"]) == {1}


def test_the_overlap_rule_holds_in_every_season(tmp_path, solve_and_check):
    # Summer R1 08:00-08:40 overlaps H1 07:40-08:20 by 20 < 30: only period 2 is possible.
    summer = {"H": SUMMER["H"], "R": ("08:00-08:40", "08:50-09:30")}
    directory = two_seasons(tmp_path, summer)
    result = solve_and_check(directory)
    assert set(result.sessions()["hub_period"]) == {2}
    assert result.objective == 10


def test_season_option_overrides_instance_yaml(tmp_path):
    directory = two_seasons(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["solve", str(directory), "--season", "winter",
                                       "--out", str(out), "--no-grids"])
    assert result.exit_code == 0, result.output
    lessons = pd.read_csv(out / "lessons.csv", encoding="utf-8-sig")
    assert "season" not in lessons.columns
    assert_valid(load_instance(directory, ("winter",)), out)
    result = CliRunner().invoke(main, ["align", str(directory), "--season", "winter,summer"])
    assert "[summer]" in result.stdout and "(in every season)" in result.stdout


def test_a_school_needs_the_same_periods_in_every_season(tmp_path):
    directory = two_seasons(tmp_path, {"H": SUMMER["H"], "R": SUMMER["R"][:1]})
    with pytest.raises(InputError, match="different number of periods in the seasons"):
        load_instance(directory)
    with pytest.raises(InputError, match="no bell schedule for season 'spring'") as raised:
        load_instance(directory, ("winter", "spring"))
    # the error names what asked for the season: here --season alone
    assert "(asked by --season)" in str(raised.value)


def test_a_season_of_instance_yaml_without_bells_is_named_as_its(tmp_path):
    directory = two_seasons(tmp_path)
    settings = (directory / "instance.yaml").read_text(encoding="utf-8")
    (directory / "instance.yaml").write_text(
        settings.replace("summer", "spring"), encoding="utf-8")
    with pytest.raises(InputError, match="no bell schedule for season 'spring'") as raised:
        load_instance(directory)
    assert "(asked by instance.yaml's seasons)" in str(raised.value)


def test_checker_wants_every_season_to_list_the_same_lessons(tmp_path, solve_and_check):
    from aligner.check import check_solution

    directory = two_seasons(tmp_path)
    solve_and_check(directory, out=tmp_path / "out")
    lessons = pd.read_csv(tmp_path / "out" / "lessons.csv", dtype=str, keep_default_na=False,
                          encoding="utf-8-sig")
    summer = lessons.index[lessons["season"] == "summer"]
    lessons = lessons.drop(index=summer[0])
    lessons.to_csv(tmp_path / "out" / "lessons.csv", index=False, encoding="utf-8-sig")
    report = check_solution(load_instance(directory), tmp_path / "out")
    assert any("season summer do not list the same lessons" in v.message
               for v in report.violations)


def test_checking_against_the_wrong_seasons_says_so_once(tmp_path, solve_and_check):
    from aligner.check import check_solution

    directory = two_seasons(tmp_path)
    solve_and_check(directory, out=tmp_path / "both")
    report = check_solution(load_instance(directory, ("winter",)), tmp_path / "both")
    assert [v.rule for v in report.violations] == ["table_consistency"]
    assert "run aligner check with --season winter,summer" in report.violations[0].message
    result = CliRunner().invoke(main, ["solve", str(directory), "--season", "winter", "--out",
                                       str(tmp_path / "winter"), "--no-grids"])
    assert result.exit_code == 0
    report = check_solution(load_instance(directory), tmp_path / "winter")
    assert len(report.violations) == 1
    assert "it has no season column" in report.violations[0].message
