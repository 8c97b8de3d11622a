"""The capacity checks that run before the solver: each names its rule, and each finding is a
proof of infeasibility (the solver agrees), never a false alarm on a feasible instance."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.diagnose.capacity import capacity_findings
from aligner.io import load_instance
from aligner.solver.result import Status
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import course, klass, pair, school, subject, sync_pair, teacher
from tests.solving import LANXI


def _max_per_day(tmp: Path) -> Path:
    # 3 maths lessons, at most 1 a day, 2 days.
    return pair(tmp, days=("Mon", "Tue"), classes=[klass("H", "h1")], teachers=[teacher("t", "H")],
                curriculum=[subject("H", "h1", "数学", "t", 3, max_per_day=1)])


def _teacher_days(tmp: Path) -> Path:
    # 2 体育 lessons at most 1 a day; the teacher is away all Tuesday.
    return pair(tmp, days=("Mon", "Tue"), classes=[klass("H", "h1")],
                teachers=[teacher("t", "H", unavailable="Tue")],
                curriculum=[subject("H", "h1", "体育", "t", 2, max_per_day=1)])


def _class_periods(tmp: Path) -> Path:
    # h1 has 2 lessons, but both its teachers are away in period 2.
    return pair(tmp, classes=[klass("H", "h1")],
                teachers=[teacher("a", "H", unavailable="Mon:2"),
                          teacher("b", "H", unavailable="Mon:2")],
                curriculum=[subject("H", "h1", "数学", "a", 1), subject("H", "h1", "美术", "b", 1)])


def _teacher_periods(tmp: Path) -> Path:
    # One teacher for two classes' maths, 2 lessons each, in 2 periods.
    return pair(tmp, classes=[klass("H", "h1"), klass("H", "h2")], teachers=[teacher("t", "H")],
                curriculum=[subject("H", "h1", "数学", "t", 2), subject("H", "h2", "数学", "t", 2)])


def _max_load(tmp: Path) -> Path:
    # 2 sessions taught count 2 x 1.5 = 3 > max_load 2.5.
    return sync_pair(tmp, per_week=2, hub_max_load="2.5", days=("Mon", "Tue"))


def _min_load(tmp: Path) -> Path:
    # th teaches h1's single maths lesson, live (1.5) or not: 3 is out of reach. (The check's
    # bound, 1 local + 1 session x 1.5 = 2.5, counts the lesson both ways; it stays a bound.)
    return sync_pair(tmp, per_week=1, hub_min_load=3)


def _pair_minimum(tmp: Path) -> Path:
    # A 1-a-week sync course cannot give the pair 2 sync lessons.
    return sync_pair(tmp, per_week=1, policy={"min_sync_lessons_per_pair": 2})


def _school_minimum(tmp: Path) -> Path:
    return sync_pair(tmp, per_week=1, policy={"min_online_lessons_per_school": 2})


def _level(tmp: Path) -> Path:
    # A region-level teacher owes ceil(15/18) = 1 online lesson but teaches no course.
    return pair(tmp, classes=[klass("H", "h1")],
                teachers=[teacher("t", "H", level="region")],
                curriculum=[subject("H", "h1", "数学", "t", 1)])


def _room(tmp: Path) -> Path:
    # R (1 room) must take 2 sessions, but only its period 1 aligns with H.
    return pair(tmp, receiving_bells=("08:00-08:40", "10:00-10:40"),
                schools=[school("H", 2), school("R", 1)],
                classes=[klass("R", "r1"), klass("R", "r2")],
                teachers=[teacher("te", "H"), teacher("ts", "H")],
                curriculum=[subject("R", "r1", "英语", "", 1), subject("R", "r2", "英语", "", 1)],
                sync=[course("en1", "delivery", "H", "te", "", "R", "r1", "英语", 1),
                      course("en2", "delivery", "H", "ts", "", "R", "r2", "英语", 1)])


CASES = {  # case: (rule, instance, what the finding says)
    "max_per_day": ("max_per_day", _max_per_day,
                    "has 3 数学 lessons a week but at most 1 a day on 2 days"),
    "teacher days": ("teacher_availability", _teacher_days,
                     "needs 2 local 体育 lessons a week, at most 1 a day, but teacher t is "
                     "available on only 1 day"),
    "class periods": ("class", _class_periods,
                      "has 2 lessons a week, but in 1 period (Mon 2) none of its teachers is "
                      "available"),
    "teacher periods": ("teacher", _teacher_periods,
                        "teacher t has at least 4 lessons and sessions a week but is available "
                        "in only 2 of 2 periods"),
    "max load": ("load", _max_load,
                 "credited load of at least 3 (an online lesson counts 1.5), above max_load 2.5"),
    "min load": ("load", _min_load,
                 "teacher th can reach a credited load of at most 2.5, below min_load 3"),
    "pair minimum": ("pair_minimum", _pair_minimum,
                     "needs at least 2 sync lessons a week, but its sync courses can hold at "
                     "most 1"),
    "school minimum": ("hub_minimum", _school_minimum,
                       "H校 must deliver at least 2 online lessons a week"),
    "level": ("level", _level,
              "is a region-level backbone teacher and must teach at least 1 online lesson(s) a "
              "week, but their courses can hold at most 0"),
    "rooms": ("room", _room,
              "R校 needs at least 2 online sessions a week (en1, en2) but has 1 sync room"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_capacity_check_names_its_rule_and_is_right(tmp_path, case):
    rule, build, text = CASES[case]
    instance = load_instance(build(tmp_path))
    findings = capacity_findings(instance)
    assert rule in {f.rule for f in findings}, findings
    assert any(text in f.message for f in findings), [f.message for f in findings]
    # A finding is a proof: the solver must agree that no timetable exists.
    assert solve_model(instance, SolverSettings(workers=1, time_limit=20)).status is Status.INFEASIBLE


def test_no_findings_on_the_feasible_example():
    assert capacity_findings(load_instance(LANXI)) == []
