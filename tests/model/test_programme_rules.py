"""The programme's rules of issue 17, each both ways (met; broken, and the checker names it):
a synchronous course for every linked pair, the term minimums counted over the dated weekdays
(backbone teachers' semester minimum, a school's average a teaching week), and the radiation
range (receiving classes a session may serve)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from aligner.check import check_solution
from aligner.cli import main
from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import find_conflict
from aligner.export import write_outputs
from aligner.io import load_instance
from aligner.solver.result import Status
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import course, klass, pair, school, subject, sync_pair, teacher
from tests.solving import LANXI, read

MONDAYS_4 = {"start": "2022-10-10", "end": "2022-10-31"}
"""Mondays 10, 17, 24 and 31 October 2022: 4 teaching dates of a Monday-only week."""
MONDAYS_5 = {"start": "2022-10-10", "end": "2022-11-07"}
"""... and 7 November: 5."""


def settings(directory: Path, *, term: Any = None, **policy: Any) -> Path:
    """Set instance.yaml's term and policy keys of the instance in ``directory``."""
    path = directory / "instance.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    if term is not None:
        data["term"] = term
    data["policy"] = {**data.get("policy", {}), **policy}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return directory


def solve(directory: Path) -> tuple[Any, Path]:
    result = solve_model(load_instance(directory), SolverSettings(workers=1, time_limit=20))
    out = directory / "out"
    if result.found:
        write_outputs(result, out)
    return result, out


def rules_of(violations) -> set[str]:
    return {v.rule for v in violations}


# ---- backbone teachers over the term ---------------------------------------------------------


def test_a_backbone_teachers_semester_minimum_over_the_real_term(tmp_path):
    # th is a county-level backbone teacher: 5 online lessons a semester. Their course has one
    # session a week on Monday (the only school day). Weekly, ceil(5 / 18) = 1 is met; over a
    # term of 5 Mondays the session is taught 5 times: met; over 4 Mondays, 4 < 5: no
    # timetable can meet it, and the checker names it in the 5-Monday timetable.
    five = settings(sync_pair(tmp_path / "five", hub_level="county"), term=MONDAYS_5)
    result, out = solve(five)
    assert result.status is Status.OPTIMAL
    rows = result.compliance().set_index(["rule", "scope"])
    assert rows.loc[("level_min_online_over_term (county)", "th"), "achieved"] == 5
    assert rows.loc[("level_min_online_over_term (county)", "th"), "ok"]
    assert check_solution(load_instance(five), out, require_reports=True).violations == ()

    four = settings(sync_pair(tmp_path / "four", hub_level="county"), term=MONDAYS_4)
    assert solve(four)[0].status is Status.INFEASIBLE
    groups = find_conflict(load_instance(four)).groups
    assert groups is not None and ("level", "th") in groups
    assert any(f.rule == "level" for f in capacity_findings(load_instance(four)))
    found = check_solution(load_instance(four), out).violations
    assert "level_minimum" in rules_of(found)
    assert any("th teaches 4 online lessons over the term's 4 teaching dates" in v.message
               for v in found)
    # without the term, the weekly approximation of the same instance is met
    weekly = settings(sync_pair(tmp_path / "weekly", hub_level="county"))
    assert solve(weekly)[0].compliance().set_index(["rule", "scope"]).loc[
        ("level_min_online (county)", "th"), "ok"]


# ---- a school's average a teaching week ------------------------------------------------------


def test_a_schools_average_counts_the_dated_weekdays(tmp_path):
    # Mon and Tue; one session a week of maths (every lesson of it online), 1 a week needed on
    # average. Over Mon 2022-10-10 .. Tue 2022-10-18 with Monday the 17th off (运动会): Mon 1
    # date, Tue 2, 3 dates = 1.5 weeks, so the schools need ceil(1 x 3 / 2) = 2 dated
    # sessions: a Tuesday session gives 2, a Monday one only 1. Weekly, either day does.
    directory = settings(sync_pair(tmp_path, days=("Mon", "Tue")), min_online_lessons_per_school=1,
                         term={**MONDAYS_4, "end": "2022-10-18",
                               "dates": ["2022-10-17, 运动会"]})
    instance = load_instance(directory)
    assert instance.term_day_counts == {"Mon": 1, "Tue": 2} and instance.term_school_minimum == 2
    result, out = solve(directory)
    assert set(result.sessions()["day"]) == {"Tue"}
    rows = result.compliance().set_index(["rule", "scope"])
    for rule, school_id in (("min_online_lessons_delivered_over_term", "H"),
                            ("min_online_lessons_received_over_term", "R")):
        assert (rows.loc[(rule, school_id), "required"], rows.loc[(rule, school_id), "achieved"],
                rows.loc[(rule, school_id), "ok"]) == (2, 2, True)
    assert check_solution(instance, out, require_reports=True).violations == ()

    # the session moved to Monday by hand: 1 dated session, and the checker says so
    edited = tmp_path / "edited"
    shutil.copytree(out, edited)
    for name in ("lessons.csv", "sessions.csv"):
        frame = read(out, name)
        frame["day"] = "Mon"
        frame.to_csv(edited / name, index=False, encoding="utf-8-sig")
    found = check_solution(instance, edited).violations
    messages = [v.message for v in found if v.rule == "term_minimum"]
    assert len(messages) == 2 and any(
        "R校 (R) takes part in 1 online lessons over the term's 3 teaching dates, at least 2 needed "
        "to average 1 a teaching week" in m for m in messages)


def test_the_summary_says_which_count_the_term_rules_used(tmp_path):
    weekly = sync_pair(tmp_path / "weekly")
    out = solve(weekly)[1]
    assert json.loads((out / "summary.json").read_text("utf-8"))["term_rules"] == {
        "basis": "weekly", "semester_weeks": 18}
    termed = settings(sync_pair(tmp_path / "term"), term=MONDAYS_5)
    out = solve(termed)[1]
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["term_rules"] == {"basis": "term", "start": "2022-10-10",
                                     "end": "2022-11-07", "teaching_dates": 5,
                                     "teaching_weeks": 5.0, "dates_per_day": {"Mon": 5}}
    printed = CliRunner().invoke(main, ["solve", str(termed), "--out", str(tmp_path / "o")])
    assert "term rules counted over the term's 5 teaching dates (2022-10-10 to 2022-11-07, " \
           "5 teaching weeks)" in printed.output
    printed = CliRunner().invoke(main, ["solve", str(weekly), "--out", str(tmp_path / "w")])
    assert "term rules approximated weekly (no term calendar)" in printed.output


def test_lanxi_keeps_its_objective_with_its_term(tmp_path):
    # The shipped example has a term (2022-10-09 .. 2023-01-13, 70 teaching dates): its
    # backbone teachers (wx-t17 county 5, wx-t19 city 10) and both schools meet the term's
    # rules by a wide margin, so the timetable is the one without a term: objective 65.
    result, out = solve(_copy(LANXI, tmp_path / "lanxi"))
    assert result.status is Status.OPTIMAL and result.objective == 65
    rows = result.compliance().set_index(["rule", "scope"])
    assert rows.loc[("min_online_lessons_delivered_over_term", "wuxi"), "required"] == 70
    assert rows.loc[("level_min_online_over_term (city)", "wx-t19"), "required"] == 10
    assert rows.loc[("sync_course_per_pair", "wuxi->houren"), "ok"]
    assert bool(rows["ok"].all())
    assert check_solution(load_instance(tmp_path / "lanxi"), out,
                          require_reports=True).violations == ()


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


# ---- the radiation range ---------------------------------------------------------------------


def _one_course_two_classes(tmp_path: Path, cap: int) -> Path:
    # A delivery course from H reaches r1 and r2 of R (R has 2 rooms): 2 receiving classes a
    # session.
    return pair(tmp_path, schools=[school("H"), school("R", 2)],
                policy={"max_receiving_classes_per_session": cap},
                classes=[klass("R", "r1"), klass("R", "r2")],
                teachers=[teacher("te", "H")],
                curriculum=[subject("R", "r1", "英语", "", 1), subject("R", "r2", "英语", "", 1)],
                sync=[course("en", "delivery", "H", "te", "", "R", "r1", "英语", 1),
                      course("en", "delivery", "H", "te", "", "R", "r2", "英语", 1)])


def test_a_session_serves_at_most_the_radiation_range(tmp_path):
    two = _one_course_two_classes(tmp_path / "two", cap=2)
    result, out = solve(two)
    assert result.status is Status.OPTIMAL
    rows = result.compliance().set_index(["rule", "scope"])
    assert (rows.loc[("max_receiving_classes_per_session", "en"), "achieved"],
            rows.loc[("max_receiving_classes_per_session", "en"), "ok"]) == (2, True)
    assert check_solution(load_instance(two), out, require_reports=True).violations == ()

    one = _one_course_two_classes(tmp_path / "one", cap=1)
    assert solve(one)[0].status is Status.INFEASIBLE
    assert [f.rule for f in capacity_findings(load_instance(one))] == ["radiation"]
    groups = find_conflict(load_instance(one)).groups
    assert groups is not None and ("radiation", "en") in groups
    found = check_solution(load_instance(one), out).violations
    assert "radiation_range" in rules_of(found)
    assert any("reaches 2 receiving classes, at most 1 allowed" in v.message for v in found)


def test_no_cap_by_default(tmp_path):
    directory = sync_pair(tmp_path)
    assert load_instance(directory).policy.max_receiving_classes_per_session is None
    rules = set(solve(directory)[0].compliance()["rule"])
    assert "max_receiving_classes_per_session" not in rules


# ---- a synchronous course for every pair -----------------------------------------------------


def test_a_pair_linked_only_by_delivery_is_flagged_not_refused(tmp_path):
    # H and R are linked by a delivery course only: the instance loads and solves as before
    # (many offices' files do this while they agree the sync course), but compliance.csv says
    # false for the pair, summary.json warns, and aligner check names it.
    directory = pair(tmp_path, classes=[klass("R", "r1")], teachers=[teacher("te", "H")],
                     curriculum=[subject("R", "r1", "英语", "", 1)],
                     sync=[course("en", "delivery", "H", "te", "", "R", "r1", "英语", 1)])
    result, out = solve(directory)
    assert result.status is Status.OPTIMAL
    rows = result.compliance().set_index(["rule", "scope"])
    assert (rows.loc[("sync_course_per_pair", "H->R"), "achieved"],
            rows.loc[("sync_course_per_pair", "H->R"), "ok"]) == (0, False)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["warnings"][0] == (
        "H校 and R校 are linked by a course but by no synchronous course: the synchronous class "
        "is compulsory for every pair (seed 000 §四(二))")
    assert "min_forms_per_pair" in summary["warnings"][1]   # one form (delivery) of 2
    report = check_solution(load_instance(directory), out, require_reports=True)
    assert report.ok and report.violations == ()
    assert [f.rule for f in report.findings] == ["sync_course_per_pair"]
    printed = CliRunner().invoke(main, ["check", str(directory), str(out)])
    assert "programme rule not met by the instance: H校 (H) and R校 (R)" in printed.output
    # a compliance.csv that claims the rule is met is caught
    rows_out = read(out, "compliance.csv")
    rows_out.loc[rows_out["rule"] == "sync_course_per_pair", "ok"] = "True"
    rows_out.to_csv(out / "compliance.csv", index=False, encoding="utf-8-sig")
    stale = check_solution(load_instance(directory), out).violations
    assert any("sync_course_per_pair" in v.message for v in stale)


def test_a_pair_with_a_sync_course_meets_it(tmp_path):
    result, out = solve(sync_pair(tmp_path))
    rows = result.compliance().set_index(["rule", "scope"])
    assert rows.loc[("sync_course_per_pair", "H->R"), "ok"]
    warnings = json.loads((out / "summary.json").read_text("utf-8")).get("warnings", [])
    assert not any("synchronous course" in w for w in warnings)   # (one form of 2: a warning)
    assert check_solution(load_instance(tmp_path / "instance"), out).findings == ()
