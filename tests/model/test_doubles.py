"""Double lessons (连堂): two consecutive periods of one day, never across a long break, counted
twice toward per_week and the load, once toward max_per_day; verified by the checker."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import find_conflict
from aligner.export import write_outputs
from aligner.io import InputError, load_instance
from aligner.solver.result import Status
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import course, klass, pair, subject, teacher
from tests.solving import assert_valid, mutated, swap_places

# Four periods: a 10-minute break after period 1, 大课间 (30 minutes) after 2, 10 after 3.
FOUR = ("08:00-08:40", "08:50-09:30", "10:00-10:40", "10:50-11:30")


def _art_double(tmp: Path, **policy: object) -> Path:
    # h1: 美术 2 lessons as one double, 数学 2 singles, in 4 periods of one day.
    return pair(tmp, hub_bells=FOUR, receiving_bells=FOUR, policy=dict(policy),
                classes=[klass("H", "h1")], teachers=[teacher("ta", "H"), teacher("tm", "H")],
                curriculum=[subject("H", "h1", "美术", "ta", 2, doubles=1),
                            subject("H", "h1", "数学", "tm", 2)])


def _lessons(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "lessons.csv", dtype=str, keep_default_na=False)


def test_a_double_takes_two_consecutive_periods_within_one_break(tmp_path, solve_and_check):
    out = tmp_path / "out"
    solve_and_check(_art_double(tmp_path), out)
    art = _lessons(out).query("subject == '美术'")
    assert len(art) == 2 and art["lesson_id"].nunique() == 1
    periods = sorted(int(p) for p in art["period"])
    # (2, 3) is consecutive but 30 minutes apart: more than max_double_gap (15).
    assert periods in ([1, 2], [3, 4])
    maths = _lessons(out).query("subject == '数学'")
    assert maths["lesson_id"].nunique() == 2  # singles have their own ids


def test_a_wider_max_double_gap_allows_the_double_across_the_break(tmp_path, solve_and_check):
    directory = _art_double(tmp_path, max_double_gap=30)
    instance = load_instance(directory)
    assert instance.double_starts("H") == (1, 2, 3)
    assert load_instance(_art_double(tmp_path / "narrow")).double_starts("H") == (1, 3)
    solve_and_check(directory)


def test_teacher_load_counts_both_periods(tmp_path, solve_and_check):
    out = tmp_path / "out"
    result = solve_and_check(_art_double(tmp_path), out)
    load = result.teacher_load().set_index("teacher_id")
    assert load.loc["ta", "local"] == 2 and load.loc["ta", "credited"] == 2


def test_max_per_day_counts_a_double_once(tmp_path, solve_and_check):
    # 4 美术 periods in 3 days at most once a day: possible only because the double is one lesson.
    directory = pair(tmp_path, days=("Mon", "Tue", "Wed"), hub_bells=FOUR, receiving_bells=FOUR,
                     classes=[klass("H", "h1")], teachers=[teacher("ta", "H")],
                     curriculum=[subject("H", "h1", "美术", "ta", 4, max_per_day=1, doubles=1)])
    out = tmp_path / "out"
    solve_and_check(directory, out)
    art = _lessons(out)
    per_day = art.groupby("day")["lesson_id"].nunique()
    assert sorted(per_day.tolist()) == [1, 1, 1]
    assert sorted(art.groupby("day").size().tolist()) == [1, 1, 2]


def test_same_day_repeats_treat_a_double_as_one_lesson(tmp_path):
    # 3 periods of 美术 (one double) on 2 days: the optimum has no repeat at all.
    directory = pair(tmp_path, days=("Mon", "Tue"), hub_bells=FOUR, receiving_bells=FOUR,
                     classes=[klass("H", "h1")], teachers=[teacher("ta", "H")],
                     curriculum=[subject("H", "h1", "美术", "ta", 3, doubles=1)])
    result = solve_model(load_instance(directory), SolverSettings(workers=1, time_limit=20))
    assert result.status == Status.OPTIMAL
    assert result.terms["same_day_repeats"] == 0
    out = tmp_path / "out"
    write_outputs(result, out)
    assert_valid(result.instance, out)


@pytest.mark.parametrize("how", ["split", "apart", "no_lesson_id"])
def test_checker_names_a_broken_double(tmp_path, solve_and_check, how):
    directory = _art_double(tmp_path)
    out = tmp_path / "out"
    solve_and_check(directory, out)

    def change(frames, _summary):
        lessons = frames["lessons"]
        art = lessons.index[lessons["subject"] == "美术"]
        if how == "split":  # the two periods no longer share an id: two singles
            lessons.loc[art[1], "lesson_id"] += "-b"
        elif how == "apart":  # swap the second 美术 period with a maths period elsewhere
            first = int(lessons.loc[art[0], "period"])
            other = next(i for i in lessons.index[lessons["subject"] == "数学"]
                         if abs(int(lessons.loc[i, "period"]) - first) > 1)
            swap_places(lessons, art[1], other, ("period", "start", "end"))
        else:
            frames["lessons"] = lessons.drop(columns="lesson_id")

    broken = tmp_path / "broken"
    broken.mkdir()
    violations = mutated((directory, out), broken, change)
    assert "double_lessons" in {v.rule for v in violations}, violations
    message = next(str(v) for v in violations if v.rule == "double_lessons")
    assert "美术" in message or "not a double lesson" in message


def test_too_many_doubles_for_the_local_lessons_is_an_input_error(tmp_path):
    directory = pair(tmp_path, classes=[klass("H", "h1")], teachers=[teacher("ta", "H")],
                     curriculum=[subject("H", "h1", "美术", "ta", 2, doubles=2)])
    with pytest.raises(InputError) as raised:
        load_instance(directory)
    text = str(raised.value)
    assert "curriculum.csv" in text and "doubles" in text and "row 2" in text


def test_a_double_needs_a_teacher(tmp_path):
    directory = pair(tmp_path, classes=[klass("H", "h1"), klass("R", "r1")],
                     teachers=[teacher("te", "H")],
                     curriculum=[subject("R", "r1", "英语", "", 2, doubles=1)],
                     sync=[course("en", "delivery", "H", "te", "", "R", "r1", "英语", 2)])
    result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert "doubles" in result.output and "curriculum.csv" in result.output
    assert not (tmp_path / "o").exists()


def test_no_room_for_a_double_is_found_before_solving(tmp_path):
    # The only pair of close periods is (1, 2) and the teacher is away in period 2.
    directory = pair(tmp_path, hub_bells=("08:00-08:40", "08:50-09:30", "10:30-11:10"),
                     receiving_bells=("08:00-08:40",),
                     classes=[klass("H", "h1")], teachers=[teacher("ta", "H", unavailable="Mon:2")],
                     curriculum=[subject("H", "h1", "美术", "ta", 2, doubles=1)])
    findings = capacity_findings(load_instance(directory))
    assert [f.rule for f in findings] == ["doubles"]
    assert "room for only 0" in findings[0].message and "available" in findings[0].message
    result = solve_model(load_instance(directory), SolverSettings(workers=1, time_limit=10))
    assert result.status == Status.INFEASIBLE


def test_two_doubles_competing_for_the_one_close_pair_are_explained(tmp_path):
    # Breaks of 60, 10, 60 minutes: only periods 2-3 can carry a double, and both subjects
    # want one. Each fits alone (the capacity checks see no problem); together they cannot.
    bells = ("08:00-08:40", "09:40-10:20", "10:30-11:10", "12:10-12:50")
    directory = pair(tmp_path, hub_bells=bells, receiving_bells=bells,
                     classes=[klass("H", "h1")], teachers=[teacher("ta", "H"), teacher("tb", "H")],
                     curriculum=[subject("H", "h1", "美术", "ta", 2, doubles=1),
                                 subject("H", "h1", "劳动", "tb", 2, doubles=1)])
    instance = load_instance(directory)
    assert capacity_findings(instance) == []
    conflict = find_conflict(instance, SolverSettings(workers=1, explain_time=30))
    assert conflict is not None and conflict.minimal
    rules = {g[0] for g in conflict.groups}
    assert {("doubles", "H", "h1", "美术"), ("doubles", "H", "h1", "劳动")} <= set(conflict.groups)
    assert rules <= {"doubles", "class"}
