"""Explaining infeasible instances that the capacity checks cannot see: the solver finds a set of
rule groups that cannot hold together, shrunk until every one is needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import conflict_sentences, explain, find_conflict
from aligner.io import load_instance
from aligner.solver.result import Status
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import course, klass, one_teacher_two_courses, pair, school, subject, teacher


def _load_needs_more_than_the_class_has(tmp: Path) -> Path:
    # th teaches h1's 3 maths lessons, live to R (1.5 each) or not: at most 4.5 credited, but
    # min_load is 5. (The capacity bound counts local and live lessons apart: 7.5.)
    return pair(tmp, days=("Mon", "Tue"),
                classes=[klass("H", "h1"), klass("R", "r1")],
                teachers=[teacher("th", "H", min_load=5), teacher("tr", "R")],
                curriculum=[subject("H", "h1", "数学", "th", 3), subject("R", "r1", "数学", "tr", 3)],
                sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", "0-3", "tr")])


def _pair_minimum_beyond_the_room(tmp: Path) -> Path:
    # 3 sync lessons a week are required; two 0-2 sync courses could give 4, but R has one sync
    # room and only one period a day aligned with H's: 2 days, 2 sessions at most.
    return pair(tmp, days=("Mon", "Tue"), receiving_bells=("08:00-08:40", "10:00-10:40"),
                policy={"min_sync_lessons_per_pair": 3},
                schools=[school("H", 2), school("R", 1)],
                classes=[klass("H", "h1"), klass("H", "h2"), klass("R", "r1"), klass("R", "r2")],
                teachers=[teacher("ta", "H"), teacher("tb", "H"), teacher("tr", "R")],
                curriculum=[subject("H", "h1", "数学", "ta", 2), subject("H", "h2", "语文", "tb", 2),
                            subject("R", "r1", "数学", "tr", 2), subject("R", "r2", "语文", "tr", 2)],
                sync=[course("ma", "sync", "H", "ta", "h1", "R", "r1", "数学", "0-2"),
                      course("yw", "sync", "H", "tb", "h2", "R", "r2", "语文", "0-2")])


def _caps_and_absences(tmp: Path) -> Path:
    # h1 has 数学 3 (at most 1 a day), 语文 2 and 美术 1 in its 6 periods (3 days x 2). The
    # maths teacher is away every first period, so maths takes every second period; the
    # Chinese teacher is away Monday's and Tuesday's first: 语文 has one period left (Wed 1).
    return pair(tmp, days=("Mon", "Tue", "Wed"), classes=[klass("H", "h1")],
                teachers=[teacher("tm", "H", unavailable="Mon:1;Tue:1;Wed:1"),
                          teacher("ty", "H", unavailable="Mon:1;Tue:1"), teacher("ta", "H")],
                curriculum=[subject("H", "h1", "数学", "tm", 3, max_per_day=1),
                            subject("H", "h1", "语文", "ty", 2),
                            subject("H", "h1", "美术", "ta", 1)])


def _backbone_teacher_has_no_free_period(tmp: Path) -> Path:
    # tc, a city-level backbone teacher, owes 1 online lesson a week, but her 2 maths lessons
    # with h1 fill both periods of the only day. (r1's science may be local or online.)
    return pair(tmp, classes=[klass("H", "h1"), klass("R", "r1")],
                teachers=[teacher("tc", "H", level="city"), teacher("tr", "R")],
                curriculum=[subject("H", "h1", "数学", "tc", 2), subject("R", "r1", "科学", "tr", 1),
                            subject("R", "r1", "数学", "tr", 1)],
                sync=[course("sc", "delivery", "H", "tc", "", "R", "r1", "科学", "0-1")])


# Each case: the instance, and the irreducible conflicts it has (any one may be reported).
CASES = {
    "one teacher, two courses, two aligned slots": (
        one_teacher_two_courses,
        [{("course", "en1"), ("course", "en2"), ("alignment", "en1"), ("alignment", "en2"),
          ("teacher", "te")}]),
    "load above what the class offers": (
        _load_needs_more_than_the_class_has,
        [{("load", "th"), ("curriculum", "H", "h1", "数学")}]),
    "pair minimum beyond one room": (
        _pair_minimum_beyond_the_room,
        [{("pair_minimum", "H", "R"), ("room", "R"), ("alignment", "ma"), ("alignment", "yw")}]),
    "caps and absences": (
        _caps_and_absences,
        # 语文 has one free period left for two lessons; or, h1 being full, Mon 1 and Tue 1
        # can only hold 美术, which has one lesson.
        [{("availability", "tm"), ("availability", "ty"), ("max_per_day", "H", "h1", "数学"),
          ("curriculum", "H", "h1", "数学"), ("curriculum", "H", "h1", "语文")},
         {("availability", "tm"), ("availability", "ty"), ("curriculum", "H", "h1", "美术"),
          ("class", "H", "h1")}]),
    "backbone teacher without a free period": (
        _backbone_teacher_has_no_free_period,
        # h1's maths lessons (by its curriculum, or because h1 must fill both periods) keep tc.
        [{("level", "tc"), ("teacher", "tc"), ("curriculum", "H", "h1", "数学")},
         {("level", "tc"), ("teacher", "tc"), ("class", "H", "h1")}]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_conflict_names_the_rules_involved(tmp_path, case):
    build, conflicts = CASES[case]
    instance = load_instance(build(tmp_path))
    assert capacity_findings(instance) == []  # only the solver can see this one
    assert solve_model(instance, SolverSettings(workers=1, time_limit=20)).status is Status.INFEASIBLE
    conflict = find_conflict(instance)
    assert conflict is not None and conflict.minimal
    assert set(conflict.groups) in conflicts, conflict.groups
    assert len(conflict.groups) == len(set(conflict.groups))


def test_alignment_and_availability_read_as_one_sentence(tmp_path):
    # The course needs 2 sessions; only H1-R1 aligns, and th is away on Tuesday's first period:
    # 1 slot. The capacity check says it before solving; the conflict says it the same way.
    directory = pair(tmp_path, days=("Mon", "Tue"),
                     receiving_bells=("08:00-08:40", "10:00-10:40"),
                     classes=[klass("H", "h1"), klass("R", "r1")],
                     teachers=[teacher("th", "H", unavailable="Tue:1"), teacher("tr", "R")],
                     curriculum=[subject("H", "h1", "数学", "th", 2),
                                 subject("R", "r1", "数学", "tr", 2)],
                     sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", 2)])
    instance = load_instance(directory)
    sentence = ("course ma needs 2 sessions a week, but only 1 period of H校 (Mon 1) overlap "
                "R校's periods by at least 30 minutes")
    assert [f.message for f in capacity_findings(instance)] == [
        sentence + " while teacher th is available"]
    conflict = find_conflict(instance)
    assert conflict is not None
    assert set(conflict.groups) == {("course", "ma"), ("alignment", "ma"), ("availability", "th")}
    assert conflict_sentences(instance, conflict.groups) == [
        sentence + " while teacher th is available"]


def test_explanation_json_records_the_conflict(tmp_path):
    instance = load_instance(one_teacher_two_courses(tmp_path))
    explanation = explain(instance, capacity_findings(instance))
    data = explanation.to_json()
    assert data["found"] == "by the solver"
    assert data["conflict"]["minimal"] is True
    rules = {(r["rule"], *r["ids"]) for r in data["conflict"]["rules"]}
    assert ("teacher", "te") in rules
    assert data["explanation"] == explanation.sentences
    assert "teacher te has at most one commitment per period" in data["explanation"]


def test_a_conflict_cut_short_is_shown_grouped_by_family():
    # 15 teachers' availability and 2 courses, not shown minimal: printed as two lines with
    # counts and the first ids, not 17 sentences; every rule stays in infeasibility.json.
    from aligner.diagnose.explain import Conflict, Explanation
    from tests.solving import LANXI

    instance = load_instance(LANXI)
    teachers = [t.teacher_id for t in instance.teachers[:15]]
    groups = (*tuple(("availability", t) for t in teachers), ("course", "sync-en3"), ("course", "sync-en4"))
    cut_short = Explanation(instance, conflict=Conflict(groups, minimal=False, seconds=5.0))
    assert cut_short.shown() == [
        f"teachers' unavailable periods: 15 rules ({', '.join(teachers[:3])} and 12 more)",
        "courses' sessions a week: 2 rules (sync-en3, sync-en4)"]
    assert len(cut_short.to_json()["conflict"]["rules"]) == 17
    proven = Explanation(instance, conflict=Conflict(groups, minimal=True, seconds=5.0))
    assert proven.shown() == proven.sentences and len(proven.sentences) == 17


def test_the_time_limit_bounds_the_explanation(tmp_path, monkeypatch):
    # Without --explain-time, the explanation gets half of --time-limit.
    from click.testing import CliRunner

    import aligner.solver.pipeline as pipeline
    from aligner.cli import main

    budgets = []
    real = pipeline.explain

    def recording(instance, findings, settings):
        budgets.append(settings.explain_seconds)
        return real(instance, findings, settings)

    monkeypatch.setattr(pipeline, "explain", recording)
    directory = one_teacher_two_courses(tmp_path)
    result = CliRunner().invoke(main, ["solve", str(directory), "--time-limit", "8",
                                       "--workers", "1", "--out", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert budgets == [4.0]
    assert "up to 4 s" in result.stderr
