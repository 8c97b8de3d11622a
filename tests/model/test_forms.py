"""policy.min_forms_per_pair (seed 000 §四(二), issue 17 item 2): each pair linked by a course
uses at least that many of the four forms (sync, delivery, famous with a session in the week;
research with meetings). A compliance row per pair, never missing; the model makes a range
course hold a session when that reaches the minimum; where the data offer fewer forms the
timetable is still solved, compliance says false and the summary warns."""

from __future__ import annotations

import json

import pytest

from aligner.check import check_solution
from aligner.io import load_instance
from tests.builders import course, klass, pair, subject, teacher
from tests.solving import mutated, solve_checked

SKEWED = ("08:00-08:40", "09:10-09:50")
"""R's bells: period 1 as H's; period 2 shares 30 of H's period 2's 40 minutes (10 misaligned)."""


def sync_and_delivery(tmp_path, least: int | None = None, delivery: str = "0-1", **policy):
    """Monday, 2 periods, one sync room at R. ma: sync, th teaches h1 and r1 (1 session).
    en: delivery by te to r2, 0-1 sessions; r2's one 英语 lesson is local (tr2) without it.
    The sessions cannot share R's room: one of them is at R's period 2, 10 minutes misaligned.
    Weights: misalignment 1, missing sessions 0, so that without a reason en is not held."""
    settings = {} if least is None else {"min_forms_per_pair": least}
    return pair(
        tmp_path, receiving_bells=SKEWED, policy=settings | policy,
        weights={"missing_session": 0},
        classes=[klass("H", "h1"), klass("R", "r1"), klass("R", "r2")],
        teachers=[teacher("th", "H"), teacher("te", "H"), teacher("tr", "R"),
                  teacher("tr2", "R")],
        curriculum=[subject("H", "h1", "数学", "th", 1), subject("R", "r1", "数学", "tr", 1),
                    subject("R", "r2", "英语", "tr2", 1)],
        sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", 1, "tr"),
              course("en", "delivery", "H", "te", "", "R", "r2", "英语", delivery)])


def forms_row(result):
    compliance = result.compliance().set_index(["rule", "scope"])
    return compliance.loc[("min_forms_per_pair", "H->R")]


@pytest.mark.parametrize(("least", "held", "objective", "forms"),
                         [(1, 0, 0, 1), (2, 1, 10, 2), (None, 1, 10, 2)])
def test_a_range_course_is_held_to_reach_the_minimum(tmp_path, least, held, objective, forms):
    # One form (sync at period 1, no misalignment) is enough for 1; for 2 (the default) en
    # must hold its session too, at R's period 2: 10 misaligned minutes.
    result = solve_checked(sync_and_delivery(tmp_path, least))
    sessions = result.sessions()
    assert (sessions["course_id"] == "en").sum() == held
    assert result.objective == objective
    row = forms_row(result)
    assert (row["required"], row["achieved"], bool(row["ok"])) == (least or 2, forms, True)
    assert "warnings" not in result.summary()


def test_research_counts_as_a_form(tmp_path):
    # With a research meeting a week the pair uses sync and research: en need not be held.
    directory = sync_and_delivery(tmp_path, 2, research_per_week=1)
    result = solve_checked(directory)
    assert (result.sessions()["course_id"] == "en").sum() == 0
    assert forms_row(result)["achieved"] == 2
    assert len(result.research()) == 1


def test_a_pair_with_fewer_forms_than_asked_is_solved_flagged_and_warned(tmp_path):
    # A delivery-only pair (the probe of issue 17): one form, two asked for. It is solved; the
    # compliance row says false, the summary warns, the checker finds no broken hard rule.
    directory = pair(
        tmp_path, classes=[klass("R", "r1")], teachers=[teacher("te", "H")],
        curriculum=[subject("R", "r1", "英语", "", 1)],
        sync=[course("en", "delivery", "H", "te", "", "R", "r1", "英语", 1)])
    result = solve_checked(directory)
    row = forms_row(result)
    assert (row["required"], row["achieved"], bool(row["ok"])) == (2, 1, False)
    warnings = result.summary()["warnings"]
    assert len(warnings) == 2 and "no synchronous course" in warnings[0] \
        and "min_forms_per_pair" in warnings[1]
    assert check_solution(load_instance(directory), directory / "out").ok


def test_every_linked_pair_has_a_row(tmp_path):
    result = solve_checked(sync_and_delivery(tmp_path, 0))
    assert forms_row(result)["ok"]
    assert (result.compliance()["rule"] == "min_forms_per_pair").sum() == 1


def test_the_checker_names_a_pair_short_of_forms(tmp_path):
    # The default (2) solved holds en; dropping its session from the files leaves one form.
    directory = sync_and_delivery(tmp_path)
    solve_checked(directory)

    def drop_en(frames, summary):
        sessions = frames["sessions"]
        gone = set(sessions.loc[sessions["course_id"] == "en", "session_id"])
        frames["sessions"] = sessions[sessions["course_id"] != "en"]
        lessons = frames["lessons"]
        frames["lessons"] = lessons[~lessons["session_id"].isin(gone)]

    violations = mutated((directory, directory / "out"), tmp_path, drop_en)
    named = [v for v in violations if v.rule == "forms_per_pair"]
    assert len(named) == 1 and named[0].hard
    assert "use 1 form(s) of help (sync), at least 2 needed" in named[0].message \
        or "采用了 1 种帮扶形式" in named[0].message
    stale = [v for v in violations if not v.hard and "min_forms_per_pair" in v.message]
    assert stale  # compliance.csv still says 2 forms


@pytest.mark.parametrize("value", [-1, 5])
def test_min_forms_per_pair_out_of_range_is_an_input_error(tmp_path, value):
    from aligner.io import InputError

    with pytest.raises(InputError) as raised:
        load_instance(sync_and_delivery(tmp_path, value))
    assert "min_forms_per_pair" in str(raised.value)


def test_solve_warns_on_stderr_of_a_pair_short_of_forms(tmp_path):
    from click.testing import CliRunner

    from aligner.cli import main
    from tests.builders import sync_pair

    directory = sync_pair(tmp_path)  # a sync course only: 1 form of 2
    result = CliRunner().invoke(main, ["--lang", "en", "solve", str(directory), "--out",
                                       str(tmp_path / "out"), "--no-grids"])
    assert result.exit_code == 0, result.output
    assert "warning: the courses of H校 and R校 offer only 1 form(s) of help (sync)" \
        in result.stderr
    assert "warning" not in result.stdout
    quiet = CliRunner().invoke(main, ["--lang", "en", "solve", str(directory), "--out",
                                      str(tmp_path / "quiet"), "--no-grids", "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == ""  # summary.json keeps it
    assert json.loads((tmp_path / "quiet" / "summary.json").read_text("utf-8"))["warnings"]
