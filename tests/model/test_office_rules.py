"""The rules a school office sets (issue 15): teacher day limits, special rooms, pinned lessons,
combined classes (合班) and co-teaching. Each rule three ways: the solver keeps it (every
timetable through the independent checker), the checker names a timetable that breaks it, and
an instance that cannot keep it is explained, before the solver (a capacity finding) or after
(a conflict naming the rule)."""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from aligner.check import check_solution
from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import conflict_sentences, find_conflict
from aligner.io import load_instance
from aligner.solver.settings import SolverSettings
from tests.builders import klass, pair, sync_pair, teacher
from tests.builders import subject as row
from tests.solving import mutated, read, swap_places

FOUR = ("08:00-08:40", "08:50-09:30", "10:00-10:40", "10:50-11:30")
TWO_HALVES = ("08:00-08:40", "09:00-09:40", "14:00-14:40", "15:00-15:40")


def room(school_id: str, room_id: str, name: str, subjects: str, unavailable: str = ""
         ) -> dict[str, Any]:
    return {"school_id": school_id, "room_id": room_id, "name": name, "subjects": subjects,
            "unavailable": unavailable}


def pin(school_id: str, day: str, period: int, class_id: str = "", subject: str = "",
        course_id: str = "") -> dict[str, Any]:
    return {"school_id": school_id, "class_id": class_id, "subject": subject, "day": day,
            "period": period, "course_id": course_id}


def lessons(out: Path, **match: str) -> list[dict[str, str]]:
    with (out / "lessons.csv").open(encoding="utf-8-sig") as stream:
        return [r for r in csv.DictReader(stream)
                if all(r[k] == v for k, v in match.items())]


def slots(out: Path, **match: str) -> list[tuple[str, int]]:
    return sorted((r["day"], int(r["period"])) for r in lessons(out, **match))


def load_of(out: Path, teacher_id: str) -> dict[str, str]:
    frame = read(out, "teacher_load.csv")
    return frame[frame["teacher_id"] == teacher_id].iloc[0].to_dict()


def broken_by(directory: Path, out: Path, tmp_path: Path, file: str, rows: list[dict[str, Any]]
              ) -> list[str]:
    """The hard rules a solved timetable breaks once ``file`` of its instance is rewritten
    with ``rows`` (a stricter office): the checker reads the rules from the instance."""
    stricter = tmp_path / "stricter"
    shutil.copytree(directory, stricter)
    with (stricter / file).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = check_solution(load_instance(stricter), out)
    return [v.rule for v in report.violations if v.hard]


def table(directory: Path, file: str) -> list[dict[str, str]]:
    with (directory / file).open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def conflict_text(directory: Path) -> tuple[list[str], str]:
    instance = load_instance(directory)
    assert capacity_findings(instance) == []  # only the solver can tell
    conflict = find_conflict(instance, SolverSettings(workers=1, explain_time=30))
    assert conflict is not None and conflict.minimal
    return [g[0] for g in conflict.groups], " ".join(conflict_sentences(instance,
                                                                         conflict.groups))


# ---- teacher limits ---------------------------------------------------------------------


def _two_teachers(tmp_path: Path, days: tuple[str, ...] = ("Mon", "Tue"),
                  times: tuple[str, ...] = FOUR, per_week: tuple[int, int] = (4, 4),
                  **limits: Any) -> Path:
    """Class h1 with 数学 by ta and 语文 by tb filling its week; ``limits`` go to ta."""
    return pair(tmp_path, days=days, hub_bells=times,
                classes=[klass("H", "h1")], teachers=[teacher("ta", "H", **limits),
                                                      teacher("tb", "H")],
                curriculum=[row("H", "h1", "数学", "ta", per_week[0]),
                            row("H", "h1", "语文", "tb", per_week[1])])


def test_max_per_day_spreads_a_teachers_lessons(tmp_path, solve_and_check):
    directory = _two_teachers(tmp_path, max_per_day=2)
    out = tmp_path / "out"
    solve_and_check(directory, out)
    assert Counter(d for d, _ in slots(out, teacher_id="ta")) == {"Mon": 2, "Tue": 2}
    teachers = table(directory, "teachers.csv")
    teachers[0]["max_per_day"] = "1"
    assert "teacher_day" in broken_by(directory, out, tmp_path, "teachers.csv", teachers)


def test_max_per_day_that_cannot_hold_is_found_before_solving(tmp_path):
    findings = capacity_findings(load_instance(_two_teachers(tmp_path / "a", max_per_day=1)))
    assert [f.rule for f in findings] == ["teacher_day"]
    assert "at most 1 a day: room for at most 2" in findings[0].message


def test_max_consecutive_counts_within_a_half_of_the_day(tmp_path, solve_and_check):
    # periods 1-2 in the morning, 3-4 in the afternoon: four lessons keep "2 in a row"
    out = tmp_path / "out"
    directory = _two_teachers(tmp_path, days=("Mon",), times=TWO_HALVES, per_week=(4, 0),
                              max_consecutive=2)
    solve_and_check(directory, out)
    assert slots(out, teacher_id="ta") == [("Mon", 1), ("Mon", 2), ("Mon", 3), ("Mon", 4)]
    teachers = table(directory, "teachers.csv")
    teachers[0]["max_consecutive"] = "1"
    assert "teacher_consecutive" in broken_by(directory, out, tmp_path, "teachers.csv",
                                              teachers)
    # all four in the morning: at most 3 of 4 periods in a row
    findings = capacity_findings(load_instance(_two_teachers(
        tmp_path / "b", days=("Mon",), per_week=(4, 0), max_consecutive=2)))
    assert [f.rule for f in findings] == ["teacher_consecutive"]


def test_max_consecutive_breaks_a_run(tmp_path, solve_and_check):
    out = tmp_path / "out"
    solve_and_check(_two_teachers(tmp_path, days=("Mon",), per_week=(3, 1),
                                  max_consecutive=2), out)
    assert slots(out, teacher_id="tb") in ([("Mon", 2)], [("Mon", 3)])


def test_max_days_gathers_a_teachers_lessons(tmp_path, solve_and_check):
    out = tmp_path / "out"
    directory = _two_teachers(tmp_path, days=("Mon", "Tue", "Wed"), times=FOUR[:2],
                              per_week=(2, 4), max_days=1)
    solve_and_check(directory, out)
    assert len({d for d, _ in slots(out, teacher_id="ta")}) == 1
    findings = capacity_findings(load_instance(_two_teachers(
        tmp_path / "b", days=("Mon", "Tue", "Wed"), times=FOUR[:2], per_week=(3, 3),
        max_days=1)))
    assert [f.rule for f in findings] == ["teacher_days"]


def test_day_limits_count_sessions_taught_and_assisted(tmp_path, solve_and_check):
    # th teaches 2 sessions and h1's 语文 (2 lessons) on one day of two periods... with
    # max_per_day 2, on two days: each day one session and one lesson at most two.
    directory = sync_pair(tmp_path, per_week=2, days=("Mon", "Tue"))
    teachers = table(directory, "teachers.csv")
    for t in teachers:
        t["max_per_day"] = "1"
    with (directory / "teachers.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(teachers[0]))
        writer.writeheader()
        writer.writerows(teachers)
    out = tmp_path / "out"
    solve_and_check(directory, out)
    sessions = read(out, "sessions.csv")
    assert sorted(sessions["day"]) == ["Mon", "Tue"]  # one a day: the assistant tr too


def test_a_day_limit_against_pins_is_explained(tmp_path):
    directory = pair(tmp_path, days=("Mon", "Tue"), hub_bells=FOUR,
                     classes=[klass("H", "h1"), klass("H", "h2")],
                     teachers=[teacher("ta", "H", max_per_day=2)],
                     curriculum=[row("H", "h1", "数学", "ta", 2), row("H", "h2", "数学", "ta", 1)],
                     pinned=[pin("H", "Mon", 1, "h1", "数学"), pin("H", "Mon", 2, "h1", "数学"),
                             pin("H", "Mon", 3, "h2", "数学")])
    rules, text = conflict_text(directory)
    assert sorted(rules) == ["pin", "pin", "pin", "teacher_day"]
    assert "teacher ta teaches at most 2 lessons and sessions a day" in text
    assert "a 数学 lesson of class h2 of H校 is pinned to Mon period 3 (pinned.csv row 4)" in text


def _min_pins(tmp_path: Path, pins: tuple[tuple[str, str, int], ...] = (("数学", "Mon", 1),),
              per_week: tuple[int, int] = (4, 4), **limits: Any) -> Path:
    """h1's four days of two periods: 数学 by ta (``limits``), 语文 by tb, with ``pins``."""
    return pair(tmp_path, days=("Mon", "Tue", "Wed", "Thu"), hub_bells=FOUR[:2],
                classes=[klass("H", "h1")], teachers=[teacher("ta", "H", **limits),
                                                      teacher("tb", "H")],
                curriculum=[row("H", "h1", "数学", "ta", per_week[0]),
                            row("H", "h1", "语文", "tb", per_week[1])],
                pinned=[pin("H", day, period, "h1", subject) for subject, day, period in pins])


def test_min_per_day_gives_a_teacher_two_lessons_on_each_day_she_teaches(
        tmp_path, solve_and_check):
    # ta's 4 lessons on days of 2 periods, one pinned to Mon 1: with at least 2 on a day she
    # teaches, Mon 2 is hers too, and the other two lessons share one day
    directory = _min_pins(tmp_path, min_per_day=2)
    out = tmp_path / "out"
    solve_and_check(directory, out)
    taught = slots(out, teacher_id="ta")
    assert ("Mon", 1) in taught and ("Mon", 2) in taught
    assert sorted(Counter(d for d, _ in taught).values()) == [2, 2]
    teachers = table(directory, "teachers.csv")
    teachers[0]["min_per_day"] = "3"  # no day has 3 periods: every day she teaches breaks it
    assert broken_by(directory, out, tmp_path, "teachers.csv", teachers) == [
        "teacher_min_day", "teacher_min_day"]


def test_a_hand_edit_leaving_a_teacher_one_lesson_on_a_day_is_reported(
        tmp_path, solve_and_check):
    directory = _min_pins(tmp_path, min_per_day=2)
    out = tmp_path / "out"
    solve_and_check(directory, out)

    def change(frames, _summary):  # ta's Mon 2 swapped with one of tb's lessons on a later day
        lessons = frames["lessons"]
        ta = lessons[(lessons.teacher_id == "ta") & (lessons.day == "Mon")
                     & (lessons.period == "2")].index[0]
        tb = lessons[(lessons.teacher_id == "tb") & (lessons.day != "Mon")].index[0]
        swap_places(lessons, ta, tb)

    edited = tmp_path / "edited"
    edited.mkdir()
    found = [v for v in mutated((directory, out), edited, change) if v.hard]
    assert [v.rule for v in found] == ["teacher_min_day", "teacher_min_day"]
    assert ("teacher ta has 1 commitment on Mon (period 1), at least 2 on a day with any "
            "required") in [v.message for v in found]


def test_min_per_day_that_cannot_hold_is_found_before_solving(tmp_path):
    # 3 lessons, at least 2 on a day she teaches, at most 2 a day: neither one day nor two
    findings = capacity_findings(load_instance(_min_pins(tmp_path, pins=(), per_week=(3, 5),
                                                         min_per_day=2)))
    assert [f.rule for f in findings] == ["teacher_min_day"]
    assert "teacher ta has 3 to 3 lessons and sessions a week" in findings[0].message


def test_min_per_day_against_pins_is_explained(tmp_path):
    # ta pinned to Mon 1, tb to Mon 2: ta has one lesson on Mon
    rules, text = conflict_text(_min_pins(tmp_path, pins=(("数学", "Mon", 1), ("语文", "Mon", 2)),
                                          min_per_day=2))
    assert "teacher_min_day" in rules
    assert "teacher ta has at least 2 commitments on a day with any" in text


# ---- days between lessons of a subject ------------------------------------------------

WEEK = ("Mon", "Tue", "Wed", "Thu", "Fri")


def _apart(tmp_path: Path, apart: int, per_week: int = 3, doubles: int | str = "") -> Path:
    """Class h1: 数学 (ta) ``per_week`` lessons at least ``apart`` days apart, 语文 (tb) filling
    the rest of a week of two periods a day."""
    return pair(tmp_path, days=WEEK, hub_bells=FOUR[:2],
                classes=[klass("H", "h1")], teachers=[teacher("ta", "H"), teacher("tb", "H")],
                curriculum=[row("H", "h1", "数学", "ta", per_week, doubles=doubles,
                                min_days_apart=apart),
                            row("H", "h1", "语文", "tb", 10 - per_week)])


def test_min_days_apart_spreads_a_subject_over_the_week(tmp_path, solve_and_check):
    out = tmp_path / "out"
    directory = _apart(tmp_path, 2)
    solve_and_check(directory, out)
    # three lessons two days apart in five days: Mon, Wed and Fri, one each
    assert slots(out, subject="数学") in ([("Fri", p), ("Mon", q), ("Wed", r)]
                                         for p in (1, 2) for q in (1, 2) for r in (1, 2))
    curriculum = table(directory, "curriculum.csv")
    curriculum[0]["min_days_apart"] = "3"
    assert "min_days_apart" in broken_by(directory, out, tmp_path, "curriculum.csv",
                                         curriculum)


def test_min_days_apart_counts_a_double_once(tmp_path, solve_and_check):
    # a double and a single three days apart: Mon+Thu, Mon+Fri or Tue+Fri
    out = tmp_path / "out"
    solve_and_check(_apart(tmp_path, 3, per_week=3, doubles=1), out)
    days = sorted({d for d, _ in slots(out, subject="数学")}, key=WEEK.index)
    assert len(days) == 2 and WEEK.index(days[1]) - WEEK.index(days[0]) >= 3


def test_min_days_apart_that_cannot_hold_is_found_before_solving(tmp_path):
    findings = capacity_findings(load_instance(_apart(tmp_path, 3, per_week=3)))
    assert [f.rule for f in findings] == ["min_days_apart"]
    assert "at least 3 days apart, but the week has 5 days: they need 7" in findings[0].message


def test_min_days_apart_against_pins_is_explained(tmp_path):
    directory = pair(tmp_path, days=WEEK, hub_bells=FOUR[:2],
                     classes=[klass("H", "h1")], teachers=[teacher("ta", "H")],
                     curriculum=[row("H", "h1", "数学", "ta", 2, min_days_apart=2)],
                     pinned=[pin("H", "Mon", 1, "h1", "数学"), pin("H", "Tue", 1, "h1", "数学")])
    rules, text = conflict_text(directory)
    assert sorted(rules) == ["min_days_apart", "pin", "pin"]
    assert "class h1 of H校's 数学 lessons are at least 2 days apart" in text


def _apart_group(tmp_path: Path, days: int, per_week: tuple[int, int] = (2, 2),
                 group: str = "g1") -> Path:
    """Class h1: 数学 (ta) and 科学 (tb) in one days_apart.csv group; 语文 (tc) fills the week."""
    return pair(tmp_path, days=WEEK, hub_bells=FOUR[:2], classes=[klass("H", "h1")],
                teachers=[teacher("ta", "H"), teacher("tb", "H"), teacher("tc", "H")],
                curriculum=[row("H", "h1", "数学", "ta", per_week[0]),
                            row("H", "h1", "科学", "tb", per_week[1]),
                            row("H", "h1", "语文", "tc", 10 - sum(per_week))],
                days_apart=[{"group": group, "school_id": "H", "class_id": "h1",
                             "subject": s, "min_days": days} for s in ("数学", "科学")])


def test_a_days_apart_group_spreads_the_lessons_of_its_rows(tmp_path, solve_and_check):
    # two 数学 and one 科学, two days apart all three: Mon, Wed, Fri
    out = tmp_path / "out"
    directory = _apart_group(tmp_path, 2, per_week=(2, 1))
    solve_and_check(directory, out)
    days = sorted(d for d, _ in slots(out, subject="数学") + slots(out, subject="科学"))
    assert days == ["Fri", "Mon", "Wed"]
    groups = table(directory, "days_apart.csv")
    for g in groups:
        g["min_days"] = "3"
    assert "days_apart" in broken_by(directory, out, tmp_path, "days_apart.csv", groups)


@pytest.mark.parametrize(("per_week", "excess"), [((2, 1), 0), ((2, 2), 2)])
def test_a_days_apart_wish_is_kept_where_it_can_be_and_costs_where_not(tmp_path, solve_and_check,
                                                                      per_week, excess):
    """With a weight the group is a wish (尽量): three lessons two days apart fit the week
    (no cost); four cannot (Mon Wed Fri and one more: two windows of two days hold two lessons
    each at best... at least 2 lessons too close, each costing the weight 5)."""
    directory = _apart_group(tmp_path, 2, per_week=per_week)
    groups = table(directory, "days_apart.csv")
    for g in groups:
        g["weight"] = "5"
    with (directory / "days_apart.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(groups[0]))
        writer.writeheader()
        writer.writerows(groups)
    assert capacity_findings(load_instance(directory)) == []   # a wish is no capacity rule
    out = tmp_path / "out"
    solve_and_check(directory, out)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["terms"]["days_apart"] == {"value": 5 * excess, "weight": 1,
                                              "weighted": 5 * excess}
    assert summary["status"] == "OPTIMAL"


@pytest.mark.parametrize(("preferred", "outside"), [("Mon:1;Tue:1;Wed:1", 0), ("Mon:1", 2)])
def test_preferred_periods_are_a_wish_counted_per_lesson(tmp_path, solve_and_check, preferred,
                                                         outside):
    """数学 preferably at period 1 (尽量第一节): kept where it can be (three days, three first
    periods); with one preferred slot two of the three lessons cost outside_preferred each; a
    double with both periods outside counts once."""
    directory = pair(tmp_path, days=("Mon", "Tue", "Wed"), hub_bells=FOUR[:2],
                     classes=[klass("H", "h1")], teachers=[teacher("ta", "H"), teacher("tb", "H")],
                     curriculum=[row("H", "h1", "数学", "ta", 3, preferred=preferred),
                                 row("H", "h1", "语文", "tb", 3)])
    out = tmp_path / "out"
    solve_and_check(directory, out)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["terms"]["outside_preferred"] == {"value": outside, "weight": 5,
                                                     "weighted": 5 * outside}
    assert ("Mon", 1) in slots(out, subject="数学")


def test_a_double_outside_its_preferred_periods_is_one_lesson(tmp_path, solve_and_check):
    directory = pair(tmp_path, days=("Mon",), hub_bells=FOUR, classes=[klass("H", "h1")],
                     teachers=[teacher("ta", "H"), teacher("tb", "H")],
                     curriculum=[row("H", "h1", "数学", "ta", 3, doubles=1, preferred="Mon:1"),
                                 row("H", "h1", "语文", "tb", 1)],
                     policy={"max_double_gap": 60})
    out = tmp_path / "out"
    solve_and_check(directory, out)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    # the single at 1 and the double wholly outside: one lesson outside (were a double two
    # lessons, no week would cost less than 2)
    assert summary["terms"]["outside_preferred"]["value"] == 1


def test_a_days_apart_group_that_cannot_hold_is_found_and_explained(tmp_path):
    findings = capacity_findings(load_instance(_apart_group(tmp_path / "a", 2, per_week=(2, 2))))
    assert [f.rule for f in findings] == ["days_apart"]
    assert "4 lessons a week at least 2 days apart, but the week has 5 days: they need 7" in \
        findings[0].message
    directory = pair(tmp_path / "b", days=WEEK, hub_bells=FOUR[:2], classes=[klass("H", "h1")],
                     teachers=[teacher("ta", "H"), teacher("tb", "H")],
                     curriculum=[row("H", "h1", "数学", "ta", 1), row("H", "h1", "科学", "tb", 1)],
                     pinned=[pin("H", "Mon", 1, "h1", "数学"), pin("H", "Tue", 1, "h1", "科学")],
                     days_apart=[{"group": "spread", "school_id": "H", "class_id": "h1",
                                  "subject": s, "min_days": 2} for s in ("数学", "科学")])
    rules, text = conflict_text(directory)
    assert sorted(rules) == ["days_apart", "pin", "pin"]
    assert "the lessons of group spread (class h1 of H校 数学、class h1 of H校 科学) are at " \
        "least 2 days apart (days_apart.csv row 2)" in text


# ---- teacher max gaps -------------------------------------------------------------------


def _gap_pins(tmp_path: Path, days: tuple[str, ...] = ("Mon",), ta_lessons: int = 2,
              pins: tuple[tuple[str, str, int], ...] = (("数学", "Mon", 1), ("语文", "Mon", 2)),
              **limits: Any) -> Path:
    """h1's four periods a day: 数学 by ta (``limits``), 语文 by tb, with ``pins``."""
    per_day = 4 * len(days)
    return pair(tmp_path, days=days, hub_bells=FOUR, classes=[klass("H", "h1")],
                teachers=[teacher("ta", "H", **limits), teacher("tb", "H")],
                curriculum=[row("H", "h1", "数学", "ta", ta_lessons),
                            row("H", "h1", "语文", "tb", per_day - ta_lessons)],
                pinned=[pin("H", day, period, "h1", subject) for subject, day, period in pins])


def test_max_gaps_per_day_places_a_lesson_next_to_the_gap(tmp_path, solve_and_check):
    # ta at 1, tb at 2: ta's second lesson at 3 leaves one gap (2), at 4 two (2, 3)
    directory = _gap_pins(tmp_path, max_gaps_per_day=1)
    out = tmp_path / "out"
    solve_and_check(directory, out)
    assert slots(out, teacher_id="ta") == [("Mon", 1), ("Mon", 3)]
    teachers = table(directory, "teachers.csv")
    teachers[0]["max_gaps_per_day"] = "0"
    assert broken_by(directory, out, tmp_path / "day", "teachers.csv", teachers) == [
        "teacher_day_gaps"]
    teachers[0]["max_gaps_per_day"], teachers[0]["max_gaps_per_week"] = "", "0"
    assert broken_by(directory, out, tmp_path / "week", "teachers.csv", teachers) == [
        "teacher_week_gaps"]


def test_a_hand_edit_with_too_many_gaps_is_reported(tmp_path, solve_and_check):
    # ta at 1 and 3 (one gap); swapping her lesson at 3 with tb's at 4 gives gaps 2 and 3
    directory = _gap_pins(tmp_path, max_gaps_per_day=1, max_gaps_per_week=1)
    out = tmp_path / "out"
    solve_and_check(directory, out)

    def change(frames, _summary):
        lessons = frames["lessons"]
        ta = lessons[(lessons.teacher_id == "ta") & (lessons.period == "3")].index[0]
        tb = lessons[(lessons.teacher_id == "tb") & (lessons.period == "4")].index[0]
        swap_places(lessons, ta, tb)

    edited = tmp_path / "edited"
    edited.mkdir()
    found = [v for v in mutated((directory, out), edited, change) if v.hard]
    assert [(v.rule, v.message) for v in found] == [
        ("teacher_day_gaps", "teacher ta has 2 gaps on Mon (periods 2, 3), at most 1 a day "
                             "allowed"),
        ("teacher_week_gaps", "teacher ta has 2 gaps a week (Mon:2, Mon:3), at most 1 a week "
                              "allowed")]


def test_an_unavailable_period_is_no_gap(tmp_path, solve_and_check):
    # ta cannot teach at 2: 1 and 3 leave no gap (as in FET), 1 and 4 one (3)
    directory = _gap_pins(tmp_path, pins=(("数学", "Mon", 1),), unavailable="Mon:2",
                          max_gaps_per_day=0)
    out = tmp_path / "out"
    solve_and_check(directory, out)
    assert slots(out, teacher_id="ta") == [("Mon", 1), ("Mon", 3)]


def test_max_gaps_per_week_gathers_a_teachers_day(tmp_path, solve_and_check):
    # ta's 数学 pinned to Mon 1 and 4: no gap in the week only with her 4 lessons all on Mon
    directory = _gap_pins(tmp_path, days=("Mon", "Tue"), ta_lessons=4,
                          pins=(("数学", "Mon", 1), ("数学", "Mon", 4)), max_gaps_per_week=0)
    out = tmp_path / "out"
    solve_and_check(directory, out)
    assert slots(out, teacher_id="ta") == [("Mon", 1), ("Mon", 2), ("Mon", 3), ("Mon", 4)]
    # one gap a week allowed: one of Mon 2 and 3 may go to tb
    solve_and_check(_gap_pins(tmp_path / "one", days=("Mon", "Tue"), ta_lessons=4,
                              pins=(("数学", "Mon", 1), ("数学", "Mon", 4), ("语文", "Mon", 2)),
                              max_gaps_per_week=1), tmp_path / "one" / "out")


def test_max_gaps_that_cannot_hold_is_explained(tmp_path):
    # ta pinned at 1, tb at 2: ta's second lesson leaves at least one gap
    rules, text = conflict_text(_gap_pins(tmp_path, max_gaps_per_day=0))
    assert sorted(rules) == ["class", "curriculum", "pin", "pin", "teacher_day_gaps"]
    assert "teacher ta has at most 0 gaps a day" in text
    rules, text = conflict_text(_gap_pins(tmp_path / "week", max_gaps_per_week=0))
    assert sorted(rules) == ["class", "curriculum", "pin", "pin", "teacher_week_gaps"]
    assert "teacher ta has at most 0 gaps a week" in text


# ---- special rooms ----------------------------------------------------------------------


def _music(tmp_path: Path, classes: int = 2, rooms: list[dict[str, Any]] | None = None,
           doubles: int | str = "") -> Path:
    """Classes h1.. each with 2 音乐 (own teacher) and 2 语文 in one day of four periods."""
    ids = [f"h{i}" for i in range(1, classes + 1)]
    return pair(tmp_path, hub_bells=FOUR, classes=[klass("H", c) for c in ids],
                teachers=[teacher(f"{t}{c}", "H") for c in ids for t in ("m", "y")],
                curriculum=[r for c in ids for r in (
                    row("H", c, "音乐", f"m{c}", 2, doubles=doubles),
                    row("H", c, "语文", f"y{c}", 2))],
                rooms=rooms if rooms is not None else [room("H", "m1", "音乐室", "音乐")])


def test_one_music_room_holds_one_lesson_at_a_time(tmp_path, solve_and_check):
    out = tmp_path / "out"
    directory = _music(tmp_path)
    solve_and_check(directory, out)
    music = lessons(out, subject="音乐")
    assert {r["room_id"] for r in music} == {"m1"}
    assert len({(r["day"], r["period"]) for r in music}) == 4
    assert {r["room_id"] for r in lessons(out, subject="语文")} == {""}
    # a room that lists no subject the lessons need: the checker wants the lessons there
    assert "special_room" in broken_by(directory, out, tmp_path, "rooms.csv",
                                       [room("H", "m1", "音乐室", "音乐;语文")])


def test_a_room_unavailable_and_two_rooms_to_choose_from(tmp_path, solve_and_check):
    out = tmp_path / "out"
    closed = [room("H", "m1", "音乐室", "音乐", "Mon:1")]
    solve_and_check(_music(tmp_path, classes=1, rooms=closed), out)
    assert ("Mon", 1) not in slots(out, subject="音乐")
    findings = capacity_findings(load_instance(_music(tmp_path / "c", rooms=closed)))
    assert [f.rule for f in findings] == ["special_room"]
    out2 = tmp_path / "out2"
    solve_and_check(_music(tmp_path / "b", classes=3, rooms=[
        room("H", "m1", "音乐室", "音乐"), room("H", "m2", "舞蹈室", "音乐")]), out2)
    used = Counter((r["day"], r["period"], r["room_id"]) for r in lessons(out2, subject="音乐"))
    assert max(used.values()) == 1 and {k[2] for k in used} <= {"m1", "m2"}


def test_a_double_lesson_keeps_its_room(tmp_path, solve_and_check):
    out = tmp_path / "out"
    directory = _music(tmp_path, doubles=1, rooms=[room("H", "m1", "音乐室", "音乐"),
                                                   room("H", "m2", "舞蹈室", "音乐")])
    solve_and_check(directory, out)
    for c in ("h1", "h2"):
        assert len({r["room_id"] for r in lessons(out, subject="音乐", class_id=c)}) == 1


def test_too_few_rooms_are_found_before_solving(tmp_path):
    findings = capacity_findings(load_instance(_music(tmp_path, classes=3)))
    assert [f.rule for f in findings] == ["special_room"]
    assert "6 local lessons of 音乐 a week, each in one of 音乐室 (m1)" in findings[0].message
    assert "free for only 4 periods" in findings[0].message


def test_two_pins_in_one_room_are_explained(tmp_path):
    directory = _music(tmp_path)
    rows = [pin("H", "Mon", 2, "h1", "音乐"), pin("H", "Mon", 2, "h2", "音乐")]
    with (directory / "pinned.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    rules, text = conflict_text(directory)
    assert sorted(rules) == ["pin", "pin", "special_room"]
    assert "音乐室 (m1) of H校 holds one lesson at a time" in text


# ---- pinned lessons -----------------------------------------------------------------------


def test_pinned_lesson_and_pinned_session(tmp_path, solve_and_check):
    out = tmp_path / "out"
    directory = _two_teachers(tmp_path, per_week=(4, 3))
    extra = row("H", "h1", "班会", "tb", 1)
    with (directory / "curriculum.csv").open("a", encoding="utf-8") as stream:
        csv.DictWriter(stream, fieldnames=list(extra)).writerow(extra)
    with (directory / "pinned.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(pin("H", "Mon", 1)))
        writer.writeheader()
        writer.writerow(pin("H", "Tue", 3, "h1", "班会"))
    solve_and_check(directory, out)
    assert slots(out, subject="班会") == [("Tue", 3)]
    assert "pin" in broken_by(directory, out, tmp_path, "pinned.csv",
                              [pin("H", "Mon", 4, "h1", "班会")])

    session = sync_pair(tmp_path / "s", per_week=1, days=("Mon", "Tue"),
                        pinned=[pin("H", "Tue", 2, course_id="ma")])
    out2 = tmp_path / "out2"
    solve_and_check(session, out2)
    sessions = read(out2, "sessions.csv")
    assert (sessions["day"].iloc[0], sessions["hub_period"].iloc[0]) == ("Tue", "2")


def test_a_pinned_double_lesson_starts_at_the_pin(tmp_path, solve_and_check):
    # doubles fit periods 1-2 and 3-4 (30 minutes between 2 and 3); pinned at 3: 3-4
    def double(period: int, where: Path) -> Path:
        return pair(where, hub_bells=FOUR, classes=[klass("H", "h1")],
                    teachers=[teacher("ta", "H"), teacher("tb", "H")],
                    curriculum=[row("H", "h1", "数学", "ta", 2, doubles=1),
                                row("H", "h1", "语文", "tb", 2)],
                    pinned=[pin("H", "Mon", period, "h1", "数学")])

    out = tmp_path / "out"
    solve_and_check(double(3, tmp_path), out)
    assert slots(out, subject="数学") == [("Mon", 3), ("Mon", 4)]
    # pinned at 2, the second period of the only double that covers it: no lesson starts there
    rules, text = conflict_text(double(2, tmp_path / "b"))
    assert "pin" in rules and "pinned to Mon period 2" in text


def test_a_session_pinned_where_bells_do_not_overlap_is_found(tmp_path):
    directory = sync_pair(tmp_path, receiving_bells=("08:00-08:40", "10:00-10:40"),
                          pinned=[pin("H", "Mon", 2, course_id="ma")])
    findings = capacity_findings(load_instance(directory))
    assert [f.rule for f in findings] == ["pin"]
    assert "course ma is pinned to Mon period 2 of H校 (pinned.csv row 2)" in findings[0].message


# ---- combined classes and co-teaching -----------------------------------------------------


def test_combined_classes_have_one_lesson_counted_once(tmp_path, solve_and_check):
    # g1 and g2 have music together (tm, max_load 2: counted once); g3 has its own; one room
    # holds the 4 music lessons of the day's 4 periods only when a combined lesson is one.
    directory = pair(tmp_path, hub_bells=FOUR,
                     classes=[klass("H", g) for g in ("g1", "g2", "g3")],
                     teachers=[teacher("tm", "H", max_load=2), teacher("tn", "H"),
                               *(teacher(f"y{g}", "H") for g in ("g1", "g2", "g3"))],
                     curriculum=[row("H", "g1+g2", "音乐", "tm", 2),
                                 row("H", "g3", "音乐", "tn", 2),
                                 *(row("H", g, "语文", f"y{g}", 2) for g in ("g1", "g2", "g3"))],
                     rooms=[room("H", "m1", "音乐室", "音乐")])
    out = tmp_path / "out"
    solve_and_check(directory, out)
    g1, g2 = (lessons(out, subject="音乐", class_id=g) for g in ("g1", "g2"))
    assert [(r["day"], r["period"], r["lesson_id"], r["room_id"]) for r in g1] == \
        [(r["day"], r["period"], r["lesson_id"], r["room_id"]) for r in g2]
    assert {r["teacher_id"] for r in g1} == {"tm"}
    assert load_of(out, "tm")["local"] == "2"
    # a hand edit moving one class's music breaks the combined lesson
    assert "combined_classes" in _moved(out, tmp_path, directory, "g2", "音乐")


def _moved(out: Path, tmp_path: Path, directory: Path, class_id: str, subject: str) -> list[str]:
    """Swap one class's lesson of ``subject`` with another of its lessons, then check."""
    frame = read(out, "lessons.csv")
    mine = frame[frame["class_id"] == class_id]
    a = mine.index[mine["subject"] == subject][0]
    b = mine.index[mine["subject"] != subject][0]
    columns = ["day", "period", "start", "end"]
    frame.loc[[a, b], columns] = frame.loc[[b, a], columns].to_numpy()
    frame.loc[[a, b], "lesson_id"] = frame.loc[[b, a], "lesson_id"].to_numpy()
    edited = tmp_path / "edited"
    shutil.copytree(out, edited)
    frame.to_csv(edited / "lessons.csv", index=False, encoding="utf-8-sig")
    return [v.rule for v in check_solution(load_instance(directory), edited).violations if v.hard]


def test_co_teachers_are_each_busy_and_credited(tmp_path, solve_and_check):
    directory = pair(tmp_path, hub_bells=FOUR, classes=[klass("H", "h1"), klass("H", "h2")],
                     teachers=[teacher("ta", "H", min_load=2), teacher("tb", "H"),
                               teacher("tc", "H"), teacher("td", "H")],
                     curriculum=[row("H", "h1", "科学", "ta+tb", 2), row("H", "h2", "科学", "tb", 2),
                                 row("H", "h1", "语文", "tc", 2), row("H", "h2", "语文", "td", 2)])
    out = tmp_path / "out"
    solve_and_check(directory, out)
    assert {r["teacher_id"] for r in lessons(out, subject="科学", class_id="h1")} == {"ta+tb"}
    assert len(set(slots(out, subject="科学"))) == 4  # tb is never in two classes at once
    assert (load_of(out, "ta")["local"], load_of(out, "tb")["local"]) == ("2", "4")
    # a hand edit dropping a co-teacher is named
    frame = read(out, "lessons.csv")
    frame.loc[frame["teacher_id"] == "ta+tb", "teacher_id"] = "ta"
    edited = tmp_path / "edited"
    shutil.copytree(out, edited)
    frame.to_csv(edited / "lessons.csv", index=False, encoding="utf-8-sig")
    rules = [v.rule for v in check_solution(load_instance(directory), edited).violations]
    assert "local_teacher" in rules


def test_co_teachers_both_unavailable_leave_no_period(tmp_path):
    directory = pair(tmp_path, hub_bells=FOUR[:2], classes=[klass("H", "h1")],
                     teachers=[teacher("ta", "H", unavailable="Mon:1"),
                               teacher("tb", "H", unavailable="Mon:2")],
                     curriculum=[row("H", "h1", "科学", "ta+tb", 1)])
    findings = capacity_findings(load_instance(directory))
    assert any("teacher ta and teacher tb are all available on only 0 days" in f.message
               for f in findings)


# ---- the teacher_gaps term ------------------------------------------------------------------


@pytest.mark.parametrize("weight", [0, 10])
def test_teacher_gaps_are_counted_and_weighted(tmp_path, solve_and_check, weight):
    # 语文 pinned at period 2: tb's other 语文 at 1 and ta's 数学 at 3-4 leave no gap
    directory = pair(tmp_path, hub_bells=FOUR, weights={"teacher_gap": weight},
                     classes=[klass("H", "h1")],
                     teachers=[teacher("ta", "H"), teacher("tb", "H")],
                     curriculum=[row("H", "h1", "数学", "ta", 2), row("H", "h1", "语文", "tb", 2)],
                     pinned=[pin("H", "Mon", 2, "h1", "语文")])
    out = tmp_path / "out"
    result = solve_and_check(directory, out)  # the checker recomputes the term too
    assert "teacher_gaps" in result.terms and result.weights["teacher_gaps"] == weight
    if weight:
        assert result.terms["teacher_gaps"] == 0
        assert slots(out, subject="数学") == [("Mon", 3), ("Mon", 4)]


def test_rooms_and_pins_of_each_component(tmp_path):
    # two unlinked schools are two components; each keeps its own room and pin
    from aligner import solve
    from aligner.export import write_outputs
    from tests.solving import assert_valid

    directory = pair(tmp_path, hub_bells=FOUR, receiving_bells=FOUR,
                     classes=[klass("H", "h1"), klass("R", "r1")],
                     teachers=[teacher("ta", "H"), teacher("tb", "R")],
                     curriculum=[row("H", "h1", "音乐", "ta", 2), row("R", "r1", "音乐", "tb", 2)],
                     rooms=[room("H", "m", "音乐室", "音乐", "Mon:1"),
                            room("R", "m", "音乐室", "音乐")],
                     pinned=[pin("H", "Mon", 4, "h1", "音乐"), pin("R", "Mon", 1, "r1", "音乐")])
    instance = load_instance(directory)
    result = solve(instance, SolverSettings(workers=1, time_limit=30))
    assert len(result.components) == 2 and result.found
    out = tmp_path / "out"
    write_outputs(result, out)
    assert_valid(instance, out)
    assert ("Mon", 4) in slots(out, class_id="h1") and ("Mon", 1) in slots(out, class_id="r1")
    assert ("Mon", 1) not in slots(out, class_id="h1")
