"""Proposing synchronised bell schedules (align --optimize) and scheduling on them
(solve --align-bells)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.alignment.overlap import course_school_pairs
from aligner.alignment.proposal import BellProposal, movable_schools, propose_bells, with_bells
from aligner.cli import main
from aligner.instance import Instance
from aligner.io import load_instance
from tests.builders import bells, course, klass, pair, school, subject, sync_pair, teacher
from tests.solving import LANXI, assert_valid

HUB = ("08:30-09:10", "09:20-10:05", "10:35-11:15", "13:20-14:00", "14:10-14:55", "15:05-15:45")


def obeys_the_rules(instance: Instance, proposal: BellProposal) -> list[str]:
    """Every rule a moved schedule must keep, checked from the bells themselves."""
    policy = instance.policy
    problems = []
    moved = {(b.school_id, b.period): b for b in proposal.bells}
    for school_id in {b.school_id for b in proposal.bells}:
        before = instance.periods(school_id, proposal.season)
        after = [moved[(school_id, b.period)] for b in before]
        for old, new in zip(before, after, strict=True):
            if new.minutes != old.minutes:
                problems.append(f"{school_id} {old.period} changed length")
            if abs(new.start - old.start) > policy.max_shift:
                problems.append(f"{school_id} {old.period} moved more than max_shift")
            if new.start != old.start and new.start % policy.bell_grid:
                problems.append(f"{school_id} {old.period} off the grid")
        for i in range(len(before) - 1):
            old_gap = before[i + 1].start - before[i].end
            new_gap = after[i + 1].start - after[i].end
            if new_gap < min(old_gap, max(policy.min_break, old_gap - policy.max_gap_shrink)):
                problems.append(f"{school_id} gap after {i + 1} shrank too much ({old_gap}->{new_gap})")
        if after[0].start < before[0].start - policy.max_earlier_start:
            problems.append(f"{school_id} starts too early")
        if after[-1].end > before[-1].end + policy.max_later_end:
            problems.append(f"{school_id} ends too late")
    return problems


def test_lanxi_moving_only_houren_aligns_all_six_periods_fully():
    # 厚仁 moves +5 in the morning and +20 in the afternoon: all 6 hub periods then overlap a
    # 厚仁 period fully; no period moves more than 20 minutes (75 minutes in all).
    instance = load_instance(LANXI)
    pairs = course_school_pairs(instance)
    [proposal] = propose_bells(instance, movable_schools(instance, "receiving", pairs))
    assert (proposal.aligned_before, proposal.aligned_after, proposal.hub_periods) == (3, 6, 6)
    assert proposal.full_after == 6
    assert proposal.largest_shift <= 20
    assert sorted(c.shift for c in proposal.changes) == [5, 5, 5, 20, 20, 20]
    assert {c.before.school_id for c in proposal.changes} == {"houren"}
    assert proposal.movement == 75
    assert obeys_the_rules(instance, proposal) == []
    assert proposal.changes[3].describe(instance) == \
        "兰溪市厚仁中心小学 第4节 13:00-13:40 -> 13:20-14:00 (+20)"


def test_moving_the_hub_keeps_the_gap_rule():
    # Moving 巫溪 instead: its lunch gap (11:15-13:20) may shrink by 10 minutes only, so period
    # 4 cannot come back the full 20 minutes: 6 aligned, 5 fully.
    instance = load_instance(LANXI)
    pairs = course_school_pairs(instance)
    [proposal] = propose_bells(instance, movable_schools(instance, "hub", pairs))
    assert proposal.aligned_after == 6 and proposal.full_after == 5
    assert {c.before.school_id for c in proposal.changes} == {"wuxi"}
    assert obeys_the_rules(instance, proposal) == []


def test_no_movement_can_reach_an_afternoon_said_plainly(tmp_path):
    # R's day ends at 14:00 and may end 30 minutes later at most: the hub's 15:05 period is out
    # of reach whatever moves.
    directory = sync_pair(tmp_path, hub_bells=("08:00-08:40", "15:05-15:45"),
                          receiving_bells=("08:00-08:40", "13:20-14:00"))
    instance = load_instance(directory)
    [proposal] = propose_bells(instance, {"R"})
    assert (proposal.aligned_before, proposal.aligned_after) == (1, 1)
    assert proposal.unaligned == (
        "H校 period 2 (15:05-15:45, winter) has no period of R校 overlapping it by 30 minutes: "
        "no movement can help: none of its periods can get that close (each may move at most "
        "30 minutes, and its day must run within 07:45-14:30)",)
    result = CliRunner().invoke(main, ["align", str(directory), "--optimize", "--out",
                                       str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "still unaligned: H校 period 2" in result.stdout
    assert "no movement can help" in result.stdout


def test_one_hub_two_receiving_schools_align_at_both(tmp_path):
    # A delivery course reaches R and S at once: a hub period counts only when it has a partner
    # at both. R is 10 minutes late in the afternoon, S 15 minutes early.
    directory = pair(
        tmp_path, hub_bells=("08:00-08:40", "13:00-13:40"),
        receiving_bells=("08:00-08:40", "13:10-13:50"),
        schools=[school("H"), school("R"), school("S")],
        classes=[klass("R", "r1"), klass("S", "s1")],
        teachers=[teacher("te", "H")],
        curriculum=[subject("R", "r1", "英语", "", 1), subject("S", "s1", "英语", "", 1)],
        sync=[course("en", "delivery", "H", "te", "", "R", "r1", "英语", 1),
              course("en", "delivery", "H", "te", "", "S", "s1", "英语", 1)],
    )
    with (directory / "bells.csv").open("a", encoding="utf-8") as handle:
        for row in bells("S", "08:00-08:40", "12:45-13:25"):
            handle.write(f"S,winter,{row['period']},{row['start']},{row['end']}\n")
    instance = load_instance(directory)
    [proposal] = propose_bells(instance, {"R", "S"})
    assert (proposal.aligned_before, proposal.aligned_after, proposal.full_after) == (1, 2, 2)
    assert sorted((c.before.school_id, c.shift) for c in proposal.changes) == [("R", -10),
                                                                            ("S", 15)]
    assert obeys_the_rules(instance, proposal) == []


def test_every_season_gets_its_own_proposal(tmp_path):
    directory = sync_pair(tmp_path, hub_bells=("08:00-08:40", "13:00-13:40"),
                          receiving_bells=("08:05-08:45", "13:20-14:00"))
    with (directory / "bells.csv").open("a", encoding="utf-8") as handle:
        handle.write("H,summer,1,07:40,08:20\nH,summer,2,14:00,14:40\n"
                     "R,summer,1,07:40,08:20\nR,summer,2,14:20,15:00\n")
    instance = load_instance(directory, ("winter", "summer"))
    winter, summer = propose_bells(instance, {"R"})
    assert (winter.season, summer.season) == ("winter", "summer")
    # R's long midday gap may shrink by 10 minutes only: its afternoon period comes 10 minutes
    # earlier, enough for 30 minutes of overlap (full overlap would need 20).
    assert {c.shift for c in winter.changes} == {-5, -10}
    assert {c.shift for c in summer.changes} == {-10}
    assert (winter.aligned_after, summer.aligned_after) == (2, 2)
    moved = with_bells(instance, [winter, summer])
    assert moved.bell("R", 2, "summer").times == "14:10-14:50"
    assert moved.bell("R", 1, "winter").times == "08:00-08:40"
    assert obeys_the_rules(instance, winter) == obeys_the_rules(instance, summer) == []


def test_align_optimize_writes_a_bells_file_that_loads(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["align", str(LANXI), "--optimize", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert ("Proposed bells: hub periods aligned with every receiving school 3 -> 6 of 6 "
            "(fully overlapping 0 -> 6); 75 minutes moved in all, at most 20 for one period"
            ) in result.stdout
    assert "兰溪市厚仁中心小学 第4节 13:00-13:40 -> 13:20-14:00 (+20)" in result.stdout
    moved = load_instance(LANXI, bells=out / "bells_proposed.csv")
    assert moved.bell("houren", 4).times == "13:20-14:00"
    assert moved.bell("wuxi", 4).times == "13:20-14:00"


@pytest.mark.parametrize(("movable", "code"), [("houren", 0), ("houren,wuxi", 0), ("xyz", 2)])
def test_movable_takes_school_ids(tmp_path, movable, code):
    result = CliRunner().invoke(main, ["align", str(LANXI), "--optimize", "--movable", movable,
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == code, result.output
    if code == 2:
        assert "unknown: xyz" in result.stderr


def test_solve_on_aligned_bells_holds_as_many_sessions_with_less_misalignment(tmp_path):
    plain, aligned = tmp_path / "plain", tmp_path / "aligned"
    for out, extra in ((plain, []), (aligned, ["--align-bells"])):
        result = CliRunner().invoke(main, ["solve", str(LANXI), "--out", str(out), "--no-grids",
                                           *extra])
        assert result.exit_code == 0, result.output
    before = json.loads((plain / "summary.json").read_text(encoding="utf-8"))
    after = json.loads((aligned / "summary.json").read_text(encoding="utf-8"))
    assert after["sessions"] >= before["sessions"] == 13
    assert after["terms"]["misalignment_minutes"]["value"] == 0
    assert before["terms"]["misalignment_minutes"]["value"] == 65
    assert len(after["bell_changes"]) == 6
    assert {"school_id": "houren", "season": "winter", "period": 4, "before": "13:00-13:40",
            "after": "13:20-14:00", "shift_minutes": 20} in after["bell_changes"]
    assert "Bell changes: 6 periods moved" in result.stdout
    # The outputs carry the new times; the checker takes the moved bells from the output.
    moved = load_instance(LANXI, bells=aligned / "bells_proposed.csv")
    assert_valid(moved, aligned)
    check = CliRunner().invoke(main, ["check", str(LANXI), str(aligned)])
    assert check.exit_code == 0 and "moved bells" in check.stdout
    assert Path(aligned / "bells_proposed.csv").is_file()
