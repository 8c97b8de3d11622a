"""The checker on research.csv (research meetings, issue 17 item 3): a valid file passes; each
hand edit that breaks the rule is named ``research``, and what it broke is said."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from aligner.check import check_solution
from aligner.io import load_instance
from tests.model.test_research import ALIGNED_TWO, busy_pair
from tests.solving import read, solve_checked


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    """The tiny pair of tests.model.test_research with R's period 3 in the afternoon: session
    and meeting at periods 1 and 2, both 语文 lessons at period 3."""
    directory = busy_pair(tmp_path_factory.mktemp("research"), receiving_bells=ALIGNED_TWO)
    solve_checked(directory)
    return directory, directory / "out"


def edited(solved, tmp_path, change=None, drop: bool = False, directory=None):
    """A copy of the solution with research.csv changed by ``change(frame)`` (or removed),
    checked against the instance (or the one in ``directory``)."""
    instance_dir, out = solved
    target = tmp_path / "edited"
    shutil.copytree(out, target)
    if drop:
        (target / "research.csv").unlink()
    elif change is not None:
        frame = read(out, "research.csv")
        frame = change(frame)
        frame.to_csv(target / "research.csv", index=False, encoding="utf-8-sig")
    return check_solution(load_instance(directory or instance_dir), target)


def research(report) -> list[str]:
    return [v.message for v in report.violations if v.rule == "research"]


def test_the_solved_meetings_pass(solved, tmp_path):
    report = edited(solved, tmp_path)
    assert report.ok and not report.violations


def test_a_missing_research_csv_is_named(solved, tmp_path):
    report = edited(solved, tmp_path, drop=True)
    assert not report.ok
    assert any("research.csv is missing" in m or "缺少 research.csv" in m
               for m in research(report))


HUB = {1: ("08:00", "08:40"), 2: ("09:00", "09:40"), 3: ("10:00", "10:40")}
END = {1: ("08:00", "08:40"), 2: ("09:00", "09:40"), 3: ("15:00", "15:40")}


def _minutes(clock: str) -> int:
    return int(clock[:2]) * 60 + int(clock[3:])


def _move(frame: pd.DataFrame, period: int, receiving: int | None = None) -> pd.DataFrame:
    """The meeting moved to H's ``period`` and R's ``receiving`` (default the same), with the
    times and overlap written right, as a careful hand edit would."""
    r = period if receiving is None else receiving
    (a, b), (c, d) = HUB[period], END[r]
    frame["hub_period"], frame["receiving_period"] = str(period), str(r)
    frame["hub_start"], frame["hub_end"], frame["receiving_start"], frame["receiving_end"] = \
        a, b, c, d
    frame["overlap_minutes"] = str(max(0, min(_minutes(b), _minutes(d))
                                       - max(_minutes(a), _minutes(c))))
    return frame


def test_a_meeting_at_a_busy_period_is_named(solved, tmp_path):
    # Period 3: both teachers teach 语文 there.
    report = edited(solved, tmp_path, lambda f: _move(f, 3, 3))
    messages = research(report)
    assert any("busy" in m or "其他安排" in m for m in messages), messages
    assert any("overlap" in m or "重叠" in m for m in messages), messages  # and 15:00 is apart


def test_a_meeting_at_the_session_is_named(solved, tmp_path):
    session = read(solved[1], "sessions.csv").iloc[0]
    period = int(session["hub_period"])
    report = edited(solved, tmp_path, lambda f: _move(f, period))
    messages = research(report)
    assert len([m for m in messages if "busy" in m or "其他安排" in m]) == 2, messages  # th, tr


def test_a_meeting_without_overlap_is_named(solved, tmp_path):
    # Hub period of the meeting kept, the receiving end moved to R's afternoon period 3.
    meeting = read(solved[1], "research.csv").iloc[0]
    period = int(meeting["hub_period"])
    report = edited(solved, tmp_path, lambda f: _move(f, period, 3))
    messages = research(report)
    assert any("overlap by 0 minutes" in m or "只重叠 0 分钟" in m for m in messages), messages


def test_a_meeting_too_many_is_named(solved, tmp_path):
    def twice(frame: pd.DataFrame) -> pd.DataFrame:
        extra = frame.copy()
        extra["research_id"] = "extra"
        return pd.concat([frame, extra])

    messages = research(edited(solved, tmp_path, twice))
    assert any("2 research meeting(s)" in m or "有 2 次" in m for m in messages), messages
    assert any("several research meetings" in m or "同时参加多次研修" in m for m in messages)


def test_meetings_when_none_are_asked_for_are_named(solved, tmp_path):
    plain = busy_pair(tmp_path / "plain", research=0, receiving_bells=ALIGNED_TWO)
    messages = research(edited(solved, tmp_path, directory=plain))
    assert any("1 research meeting(s) a week in research.csv, 0 wanted" in m
               or "有 1 次教师网络研修，应为 0 次" in m for m in messages), messages


def test_a_meeting_when_a_teacher_is_unavailable_is_named(solved, tmp_path):
    meeting = read(solved[1], "research.csv").iloc[0]
    away = busy_pair(tmp_path / "away", receiving_bells=ALIGNED_TWO,
                     tr={"unavailable": f"Mon:{meeting['receiving_period']}"})
    messages = research(edited(solved, tmp_path, directory=away))
    assert any("unavailable" in m or "不可排课" in m for m in messages), messages


def test_wrong_teachers_in_research_csv_are_named(solved, tmp_path):
    def other(frame: pd.DataFrame) -> pd.DataFrame:
        frame["assistant_teacher_ids"] = "th"
        return frame

    report = edited(solved, tmp_path, other)
    assert not report.ok
    assert any("research.csv row 2" in v.message or "research.csv 第 2 行" in v.message
               for v in report.violations)
