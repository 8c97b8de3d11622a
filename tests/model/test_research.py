"""Research meetings (教师网络研修, issue 17 item 3): policy.research_per_week meetings a week of
each synchronous course, its hub teacher and assistants all free, at periods overlapping by
min_overlap_minutes; research.csv lists them and the checker re-verifies them. Tiny instances
whose answer is worked out by hand in each test."""

from __future__ import annotations

import pandas as pd
import pytest

from aligner.check import check_solution
from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import explain
from aligner.export import write_outputs
from aligner.io import load_instance
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import course, klass, pair, subject, teacher
from tests.solving import read

ALIGNED_TWO = ("08:00-08:40", "09:00-09:40", "15:00-15:40")
"""R's bells: periods 1 and 2 as H's (40 minutes shared), period 3 in the afternoon (none)."""
HUB_THREE = ("08:00-08:40", "09:00-09:40", "10:00-10:40")


def busy_pair(tmp_path, research: int = 1, receiving_bells=HUB_THREE, tr: dict | None = None,
              th: dict | None = None, **policy):
    """One Monday of 3 periods. th teaches h1 数学 live to r1 (1 session, assisted by tr) and
    h1 语文 locally; tr teaches r1 语文 locally. Each of th and tr has two commitments, so a
    meeting fits at the third period (when the session and the two 语文 lessons share periods)."""
    return pair(
        tmp_path, hub_bells=HUB_THREE, receiving_bells=receiving_bells,
        policy={"research_per_week": research} | policy,
        classes=[klass("H", "h1"), klass("R", "r1")],
        teachers=[teacher("th", "H", **(th or {})), teacher("tr", "R", **(tr or {}))],
        curriculum=[subject("H", "h1", "数学", "th", 1), subject("H", "h1", "语文", "th", 1),
                    subject("R", "r1", "数学", "tr", 1), subject("R", "r1", "语文", "tr", 1)],
        sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", 1, "tr")])


def busy(result, teacher_id: str) -> set[tuple[str, int]]:
    """(day, period)s of the teacher's lessons and sessions (taught or assisted)."""
    lessons = result.lessons()
    mine = lessons[(lessons["teacher_id"] == teacher_id) & (lessons["mode"] == "local")]
    slots = {(r.day, int(r.period)) for r in mine.itertuples()}
    sessions = result.sessions()
    if teacher_id == "th":
        slots |= {(r.day, int(r.hub_period)) for r in sessions.itertuples()}
    else:
        slots |= {(r.day, int(r.receiving_period)) for r in sessions.itertuples()}
    return slots


def test_a_meeting_where_both_teachers_are_free(tmp_path, solve_and_check):
    # th: the session and a 语文 lesson; tr: assisting it and a 语文 lesson; 3 periods, so the
    # meeting takes the period left, the same for both (the schools share their bells).
    result = solve_and_check(busy_pair(tmp_path))
    research = result.research()
    assert len(research) == 1
    row = research.iloc[0]
    assert (row.course_id, row.hub_teacher_id, row.assistant_teacher_ids) == ("ma", "th", "tr")
    assert ("Mon", int(row.hub_period)) not in busy(result, "th")
    assert ("Mon", int(row.receiving_period)) not in busy(result, "tr")
    assert row.overlap_minutes == 40  # the same bells: a whole period shared
    out = tmp_path / "instance" / "out"
    assert read(out, "research.csv").columns.tolist()[:3] == ["research_id", "course_id", "day"]
    summary = result.summary()
    assert summary["research_meetings"] == 1
    assert summary["model"]["booleans"]["meeting"] >= 1  # one per (day, hub period) possible


def test_two_meetings_do_not_fit_and_the_explanation_names_them(tmp_path):
    # th has the session, a 语文 lesson and 2 meetings: 4 commitments in 3 periods.
    instance = load_instance(busy_pair(tmp_path, research=2))
    result = solve_model(instance, SolverSettings(workers=1, time_limit=20))
    assert not result.found
    explanation = explain(instance, (), SolverSettings(workers=1, time_limit=20))
    rules = {g[0] for g in explanation.conflict.groups} if explanation.conflict else set()
    assert "research" in rules
    assert any("research meeting" in s or "教师网络研修" in s for s in explanation.sentences)


def test_the_meeting_needs_overlapping_periods(tmp_path, solve_and_check):
    # R's period 3 is in the afternoon: only periods 1 and 2 align. The session takes one of
    # them and the meeting the other; both 语文 lessons go to period 3.
    result = solve_and_check(busy_pair(tmp_path, receiving_bells=ALIGNED_TWO))
    session = result.sessions().iloc[0]
    meeting = result.research().iloc[0]
    assert {int(session.hub_period), int(meeting.hub_period)} == {1, 2}
    assert int(meeting.receiving_period) == int(meeting.hub_period)
    assert int(meeting.overlap_minutes) == 40


def test_an_unavailable_assistant_leaves_no_room_for_the_meeting(tmp_path):
    # tr is away on Mon period 1: the session and the meeting both need R's period 2.
    # Found before solving: 1 session + 1 meeting need 2 periods, 1 is there.
    directory = busy_pair(tmp_path, receiving_bells=ALIGNED_TWO, tr={"unavailable": "Mon:1"})
    instance = load_instance(directory)
    assert not solve_model(instance, SolverSettings(workers=1, time_limit=20)).found
    findings = capacity_findings(instance)
    assert [f.rule for f in findings] == ["research"]
    assert "course ma needs 1 session and 1 research meeting(s) a week" in findings[0].message \
        or "课程 ma 每周需要上 1 节并开展 1 次教师网络研修" in findings[0].message
    without = load_instance(busy_pair(tmp_path / "none", research=0,
                                      receiving_bells=ALIGNED_TWO, tr={"unavailable": "Mon:1"}))
    assert solve_model(without, SolverSettings(workers=1, time_limit=20)).found


def test_a_meeting_is_no_lesson_for_loads_and_day_limits(tmp_path, solve_and_check):
    # th teaches 1 local + 1 session (1 + 1.5 = 2.5) and meets once: max_load 2.5 and at most
    # 2 lessons a day still hold (the meeting counts in neither).
    result = solve_and_check(busy_pair(tmp_path, th={"max_load": 2.5, "max_per_day": 2}))
    loads = result.teacher_load().set_index("teacher_id")
    assert loads.loc["th", "credited"] == 2.5
    assert len(result.research()) == 1


def test_without_research_nothing_changes(tmp_path, solve_and_check):
    result = solve_and_check(busy_pair(tmp_path, research=0))
    assert result.timetable is not None and result.timetable.meetings == ()
    assert "research_meetings" not in result.summary()
    assert not (tmp_path / "instance" / "out" / "research.csv").exists()


def test_research_csv_of_an_earlier_solve_goes(tmp_path):
    directory = busy_pair(tmp_path)
    instance = load_instance(directory)
    out = tmp_path / "out"
    write_outputs(solve_model(instance, SolverSettings(workers=1)), out)
    assert (out / "research.csv").exists()
    plain = load_instance(busy_pair(tmp_path / "plain", research=0))
    write_outputs(solve_model(plain, SolverSettings(workers=1)), out)
    assert not (out / "research.csv").exists()
    assert check_solution(plain, out).ok


def test_a_course_reaching_two_schools_meets_both(tmp_path, solve_and_check):
    # ma reaches r1 at R (assistant tr) and s1 at S (assistant ts): one meeting, a row per
    # school, each with its own assistant.
    directory = pair(
        tmp_path, hub_bells=HUB_THREE, receiving_bells=HUB_THREE,
        policy={"research_per_week": 1},
        schools=[{"school_id": s, "name": s, "sync_rooms": 1} for s in ("H", "R", "S")],
        classes=[klass("H", "h1"), klass("R", "r1"), klass("S", "s1")],
        teachers=[teacher("th", "H"), teacher("tr", "R"), teacher("ts", "S")],
        curriculum=[subject("H", "h1", "数学", "th", 1), subject("R", "r1", "数学", "tr", 1),
                    subject("S", "s1", "数学", "ts", 1)],
        sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", 1, "tr"),
              course("ma", "sync", "H", "th", "h1", "S", "s1", "数学", 1, "ts")])
    bells = pd.DataFrame([{"school_id": "S", "season": "winter", "period": p, "start": a,
                           "end": b} for p, (a, b) in enumerate(
                               (t.split("-") for t in HUB_THREE), start=1)])
    with (directory / "bells.csv").open("a", encoding="utf-8", newline="") as stream:
        stream.write(bells.to_csv(index=False, header=False))
    result = solve_and_check(directory)
    research = result.research()
    assert sorted(zip(research["receiving_school_id"], research["assistant_teacher_ids"],
                      strict=True)) == [("R", "tr"), ("S", "ts")]
    assert research["research_id"].nunique() == 1


@pytest.mark.parametrize("value", [-1, 11, "two"])
def test_research_per_week_out_of_range_is_an_input_error(tmp_path, value):
    from aligner.io import InputError

    with pytest.raises(InputError) as raised:
        load_instance(busy_pair(tmp_path, research=value))
    assert "research_per_week" in str(raised.value)


def test_components_solved_apart_keep_their_meetings(tmp_path):
    # Two pairs linked by nothing, solved in two processes: each sync course's meeting comes
    # back through the processes' JSON and lands in one research.csv.
    import yaml
    from click.testing import CliRunner

    from aligner.cli import main
    from tests.solver.test_components import two_pairs
    from tests.solving import assert_valid

    directory = two_pairs(tmp_path)
    settings = yaml.safe_load((directory / "instance.yaml").read_text(encoding="utf-8"))
    settings["policy"]["research_per_week"] = 1
    (directory / "instance.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True),
                                             encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(out), "--quiet",
                                       "--jobs", "2", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(read(out, "research.csv")["course_id"]) == ["ma", "yw"]
    assert_valid(load_instance(directory), out)


def test_export_fet_says_research_meetings_are_not_exported(tmp_path):
    from aligner.fet.exporter import export_fet

    exported = export_fet(load_instance(busy_pair(tmp_path)))
    assert any("research" in note or "教师网络研修" in note for note in exported.unexpressed)
    plain = export_fet(load_instance(busy_pair(tmp_path / "plain", research=0)))
    assert not any("research" in note or "教师网络研修" in note for note in plain.unexpressed)
