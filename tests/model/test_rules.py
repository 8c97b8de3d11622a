"""Tiny instances, one per rule, whose optimum is worked out by hand in a comment.

Every solve goes through the independent checker (conftest.solve_checked); infeasible ones
assert the status and the rule group the explanation names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import find_conflict
from aligner.io import load_instance
from aligner.solver.result import Status
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import SAME_BELLS, course, klass, pair, school, subject, sync_pair, teacher


def status_of(directory: Path) -> Status:
    return solve_model(load_instance(directory), SolverSettings(workers=1, time_limit=20)).status


# ---- alignment and misalignment -------------------------------------------------------------


def test_session_takes_the_better_aligned_period(tmp_path, solve_and_check):
    # H1 08:00-08:40 overlaps R1 08:05-08:45 by 35 (misalignment 40-35 = 5);
    # H2 09:00-09:40 overlaps R2 09:10-09:50 by 30 (misalignment 10); no other pair overlaps.
    # One session a week: the optimum is H1 with R1, objective 5.
    directory = sync_pair(tmp_path, hub_bells=SAME_BELLS,
                          receiving_bells=("08:05-08:45", "09:10-09:50"))
    result = solve_and_check(directory)
    assert result.status is Status.OPTIMAL
    assert result.objective == 5
    session = result.sessions().iloc[0]
    assert (session.hub_period, session.receiving_period, session.overlap_minutes) == (1, 1, 35)


def test_misalignment_counts_every_receiving_class(tmp_path, solve_and_check):
    # As above, but two classes of R receive the session together (one room, one period):
    # 5 minutes of misalignment for each of the two classes, objective 10.
    directory = pair(
        tmp_path, receiving_bells=("08:05-08:45", "09:10-09:50"),
        classes=[klass("H", "h1"), klass("R", "r1"), klass("R", "r2")],
        teachers=[teacher("th", "H"), teacher("tr", "R")],
        curriculum=[subject("H", "h1", "数学", "th", 1), subject("R", "r1", "数学", "", 1),
                    subject("R", "r2", "数学", "", 1)],
        sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", 1, "tr"),
              course("ma", "sync", "H", "th", "h1", "R", "r2", "数学", 1, "tr")],
    )
    result = solve_and_check(directory)
    assert result.objective == 10
    assert result.terms["misalignment_minutes"] == 10
    assert set(result.sessions()["receiving_period"]) == {1}


def test_each_receiving_school_uses_its_own_aligned_period(tmp_path, solve_and_check):
    # Delivery course from H to R and S at once. The hub teacher is away in period 2, so the
    # session is at H1 08:00-08:40: R takes it in its period 1 (same times), S in its period 2
    # (08:00-08:40 at S). Full overlap everywhere: objective 0.
    directory = pair(
        tmp_path,
        schools=[school("H"), school("R"), school("S")],
        classes=[klass("R", "r1"), klass("S", "s1")],
        teachers=[teacher("te", "H", unavailable="Mon:2")],
        curriculum=[subject("R", "r1", "英语", "", 1), subject("S", "s1", "英语", "", 1)],
        sync=[course("en", "delivery", "H", "te", "", "R", "r1", "英语", 1),
              course("en", "delivery", "H", "te", "", "S", "s1", "英语", 1)],
    )
    with (directory / "bells.csv").open("a", encoding="utf-8") as handle:
        handle.write("S,winter,1,07:10,07:50\nS,winter,2,08:00,08:40\n")
    result = solve_and_check(directory)
    assert result.objective == 0
    sessions = result.sessions().set_index("receiving_school_id")
    assert sessions.loc["R", "receiving_period"] == 1
    assert sessions.loc["S", "receiving_period"] == 2
    assert set(sessions["hub_period"]) == {1}


# ---- rooms, teachers, availability ----------------------------------------------------------


def _two_deliveries(tmp_path: Path, hub_rooms: int, same_teacher: bool) -> Path:
    # Two delivery courses from H to two classes of R (R has 2 rooms); both hub teachers (or the
    # one teacher) are away in period 2, so both sessions want period 1.
    second = "te" if same_teacher else "ts"
    return pair(
        tmp_path,
        schools=[school("H", hub_rooms), school("R", 2)],
        classes=[klass("R", "r1"), klass("R", "r2")],
        teachers=[teacher("te", "H", unavailable="Mon:2"),
                  teacher("ts", "H", unavailable="Mon:2")],
        curriculum=[subject("R", "r1", "英语", "", 1), subject("R", "r2", "英语", "", 1)],
        sync=[course("en1", "delivery", "H", "te", "", "R", "r1", "英语", 1),
              course("en2", "delivery", "H", second, "", "R", "r2", "英语", 1)],
    )


def test_sync_rooms_limit_parallel_sessions(tmp_path, solve_and_check):
    # One hub room, both sessions only possible in period 1: infeasible, and the conflict names
    # H's sync rooms. With two rooms both sessions run in period 1 (checked room by room).
    one_room = _two_deliveries(tmp_path / "one", hub_rooms=1, same_teacher=False)
    assert status_of(one_room) is Status.INFEASIBLE
    groups = find_conflict(load_instance(one_room)).groups
    assert groups is not None and ("room", "H") in groups
    result = solve_and_check(_two_deliveries(tmp_path / "two", hub_rooms=2, same_teacher=False))
    assert set(result.sessions()["hub_period"]) == {1}


def test_a_teacher_teaches_one_session_at_a_time(tmp_path):
    # The same teacher for both courses and only period 1 available: infeasible, even with two
    # hub rooms; the core names the teacher's one-commitment-per-period rule.
    directory = _two_deliveries(tmp_path, hub_rooms=2, same_teacher=True)
    assert status_of(directory) is Status.INFEASIBLE
    groups = find_conflict(load_instance(directory)).groups
    assert groups is not None and ("teacher", "te") in groups


def test_unavailable_periods_are_never_used(tmp_path, solve_and_check):
    # th is away Mon:1, so h1's single maths lesson must be in period 2.
    directory = pair(
        tmp_path,
        classes=[klass("H", "h1")],
        teachers=[teacher("th", "H", unavailable="Mon:1")],
        curriculum=[subject("H", "h1", "数学", "th", 1)],
    )
    result = solve_and_check(directory)
    assert list(result.lessons()["period"]) == [2]


# ---- curriculum and credited load -----------------------------------------------------------


def test_online_lessons_count_one_and_a_half_in_the_load(tmp_path, solve_and_check):
    # Two days, both periods aligned (same bells): the course may hold 1 or 2 sessions.
    # h1 has 2 maths lessons: with s sessions th teaches 2 - s locally, so the credited load is
    # (2 - s) + 1.5 s = 2 + 0.5 s. max_load 2.5 allows s = 1 only: one session missing (50).
    directory = sync_pair(tmp_path, per_week="1-2", hub_max_load="2.5", days=("Mon", "Tue"))
    result = solve_and_check(directory)
    assert result.objective == 50
    assert result.terms["missing_sessions"] == 1
    load = result.teacher_load().set_index("teacher_id")
    assert load.loc["th", "credited"] == 2.5
    assert (load.loc["th", "local"], load.loc["th", "online_main"]) == (1, 1)
    # r1 has 2 maths lessons too: one local (tr), one online (tr assists, credit 1.0): load 2.
    assert (load.loc["tr", "local"], load.loc["tr", "assistant"], load.loc["tr", "credited"]) \
        == (1, 1, 2)


def test_min_load_can_require_online_lessons(tmp_path, solve_and_check):
    # As above with min_load 3 and no cap: 2 + 0.5 s >= 3 needs s = 2, objective 0.
    directory = sync_pair(tmp_path, per_week="1-2", hub_min_load=3, days=("Mon", "Tue"))
    result = solve_and_check(directory)
    assert result.objective == 0
    assert result.teacher_load().set_index("teacher_id").loc["th", "credited"] == 3


def test_assistant_credit_is_configurable(tmp_path, solve_and_check):
    # tr teaches 0 of r1's single maths lesson locally and assists the one session:
    # assistant_credit 0.5 gives a credited load of 0.5.
    directory = sync_pair(tmp_path, policy={"assistant_credit": 0.5})
    result = solve_and_check(directory)
    assert result.teacher_load().set_index("teacher_id").loc["tr", "credited"] == 0.5


def test_online_credit_per_form(tmp_path, solve_and_check):
    # A sync course credited 1.2 (the seed names delivery and famous work, not sync): th teaches
    # 1 of 2 maths lessons live, so 1 local + 1.2 = 2.2; delivery left out would count 1.5.
    directory = sync_pair(tmp_path, per_week=1, days=("Mon", "Tue"),
                          policy={"online_credit": {"sync": "1.2", "famous": 2}})
    result = solve_and_check(directory)
    load = result.teacher_load().set_index("teacher_id")
    assert (load.loc["th", "local"], load.loc["th", "online_main"]) == (0, 1)
    assert load.loc["th", "credited"] == 1.2


def test_the_checker_credits_each_form_at_its_own_rate(tmp_path, solve_and_check):
    # Solved with sync at 1.2; the same files read under a policy of 2 for sync disagree with
    # teacher_load.csv: the checker recomputes 2 on its own.
    from aligner.check import check_solution
    from aligner.io import load_instance

    directory = sync_pair(tmp_path, policy={"online_credit": {"sync": "1.2"}})
    out = tmp_path / "out"
    solve_and_check(directory, out)
    text = (directory / "instance.yaml").read_text("utf-8").replace("sync: '1.2'", "sync: 2")
    assert "sync: 2" in text
    (directory / "instance.yaml").write_text(text, "utf-8")
    report = check_solution(load_instance(directory), out, require_reports=True)
    assert report.loads["th"][3] == 2
    assert any(v.rule == "report" and "credited 1.2" in v.message for v in report.violations), \
        report.violations


def test_max_per_day_is_a_hard_cap(tmp_path, solve_and_check):
    # Two maths lessons and max_per_day 1: impossible in one day, one per day in two.
    one_day = pair(tmp_path / "one", classes=[klass("H", "h1")], teachers=[teacher("th", "H")],
                   curriculum=[subject("H", "h1", "数学", "th", 2, max_per_day=1)])
    assert status_of(one_day) is Status.INFEASIBLE
    two_days = pair(tmp_path / "two", days=("Mon", "Tue"), classes=[klass("H", "h1")],
                    teachers=[teacher("th", "H")],
                    curriculum=[subject("H", "h1", "数学", "th", 2, max_per_day=1)])
    result = solve_and_check(two_days)
    assert sorted(result.lessons()["day"]) == ["Mon", "Tue"]


# ---- soft goals -----------------------------------------------------------------------------


def test_same_day_repeat_is_penalised(tmp_path, solve_and_check):
    # 美术 twice a week over two days, but its teacher is away all Tuesday: both lessons on
    # Monday, one repeat, objective 10 (weight same_day_repeat).
    directory = pair(tmp_path, days=("Mon", "Tue"), classes=[klass("H", "h1")],
                     teachers=[teacher("ta", "H", unavailable="Tue")],
                     curriculum=[subject("H", "h1", "美术", "ta", 2)])
    result = solve_and_check(directory)
    assert (result.objective, result.terms["same_day_repeats"]) == (10, 1)


@pytest.mark.parametrize(("away", "expected"), [("", 0), ("Mon:1", 3)])
def test_core_subjects_prefer_the_morning(tmp_path, solve_and_check, away, expected):
    # Periods 08:00-08:40 and 13:00-13:40. 语文 and 音乐 once each: 语文 in the morning costs 0;
    # with the 语文 teacher away in the morning it goes to the afternoon: 1 x weight 3.
    directory = pair(tmp_path, hub_bells=("08:00-08:40", "13:00-13:40"),
                     classes=[klass("H", "h1")],
                     teachers=[teacher("tw", "H", unavailable=away), teacher("tm", "H")],
                     curriculum=[subject("H", "h1", "语文", "tw", 1),
                                 subject("H", "h1", "音乐", "tm", 1)])
    result = solve_and_check(directory)
    assert result.objective == expected
    assert result.terms["core_in_afternoon"] == expected // 3


def test_missing_sessions_of_a_range_course(tmp_path, solve_and_check):
    # Two days; only H1 and R1 align (R2 is an hour after H2), so a 1-3 course holds at most
    # 2 sessions (Mon 1, Tue 1); the third maths lesson is local. 1 missing x 50 = 50.
    directory = sync_pair(tmp_path, per_week="1-3", days=("Mon", "Tue"),
                          receiving_bells=("08:00-08:40", "10:00-10:40"))
    result = solve_and_check(directory)
    assert (result.objective, result.terms["missing_sessions"]) == (50, 1)
    assert result.sessions()["session_id"].nunique() == 2
    assert (result.lessons()["mode"] == "local").sum() == 2  # one at H, one at R


# ---- weekly minimums and backbone teachers --------------------------------------------------

# Misalignment is made expensive (100 per minute, 5 minutes per session) and missing sessions
# cheap (1), so the solver holds no session unless a minimum forces it.
EXPENSIVE = {"misalignment_minute": 100, "missing_session": 1}
SHIFTED = ("08:05-08:45", "09:05-09:45")


@pytest.mark.parametrize(("minimum", "sessions", "objective"), [(0, 0, 2), (2, 2, 1000)])
def test_min_sync_lessons_per_pair(tmp_path, solve_and_check, minimum, sessions, objective):
    # A 0-2 course: without a minimum, 0 sessions cost 2 x 1 = 2; with >= 2 sync lessons per
    # pair, 2 sessions cost 2 x 5 x 100 = 1000.
    directory = sync_pair(tmp_path, per_week="0-2", receiving_bells=SHIFTED, weights=EXPENSIVE,
                          policy={"min_sync_lessons_per_pair": minimum})
    result = solve_and_check(directory)
    assert result.sessions()["session_id"].nunique() == sessions
    assert result.objective == objective


def test_min_online_lessons_per_school(tmp_path, solve_and_check):
    # >= 1 online lesson delivered and received forces 1 session: 500 + 1 missing = 501.
    directory = sync_pair(tmp_path, per_week="0-2", receiving_bells=SHIFTED, weights=EXPENSIVE,
                          policy={"min_online_lessons_per_school": 1})
    result = solve_and_check(directory)
    assert result.sessions()["session_id"].nunique() == 1
    assert result.objective == 501
    compliance = result.compliance().set_index(["rule", "scope"])
    assert compliance.loc[("min_online_lessons_delivered", "H"), "achieved"] == 1


def test_backbone_teacher_teaches_online(tmp_path, solve_and_check):
    # A county-level backbone teacher owes ceil(5 / 18) = 1 online lesson a week: 501 as above.
    directory = sync_pair(tmp_path, per_week="0-2", receiving_bells=SHIFTED, weights=EXPENSIVE,
                          hub_level="county")
    assert load_instance(directory).teacher_by_id["th"].level == "county"
    result = solve_and_check(directory)
    assert result.sessions()["session_id"].nunique() == 1
    assert result.objective == 501


def test_capacity_findings_name_the_short_course(tmp_path):
    # min_overlap 36 > 35: no period of R overlaps H's enough; found before any search.
    directory = sync_pair(tmp_path, receiving_bells=SHIFTED, policy={"min_overlap_minutes": 36})
    findings = capacity_findings(load_instance(directory))
    assert [f.rule for f in findings] == ["course"]
    assert "course ma needs 1 session a week, but only 0 periods" in findings[0].message
