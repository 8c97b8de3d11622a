"""Lessons taught together (curriculum column together: parallel lessons of different classes,
FET's same starting time): the same periods for every row of a group, checked independently."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from aligner.diagnose.explain import conflict_sentences, find_conflict
from aligner.io import InputError, load_instance
from aligner.solver.settings import SolverSettings
from tests.builders import klass, pair, subject, teacher
from tests.solving import mutated, swap_places

FOUR = ("08:00-08:40", "08:50-09:30", "10:00-10:40", "10:50-11:30")


def _pe_together(tmp: Path, **extra) -> Path:
    # Boys' PE of h1 and girls' 劳动 of h2 at the same periods, with two teachers; other subjects
    # fill both classes' weeks.
    rows = [subject("H", "h1", "体育", "tp", 2, together="split"),
            subject("H", "h2", "劳动", "tl", 2, together="split"),
            subject("H", "h1", "数学", "tm", 6), subject("H", "h2", "语文", "ty", 6)]
    return pair(tmp, days=("Mon", "Tue"), hub_bells=FOUR, receiving_bells=FOUR,
                classes=[klass("H", "h1"), klass("H", "h2")],
                teachers=[teacher(t, "H", **extra.get(t, {})) for t in ("tp", "tl", "tm", "ty")],
                curriculum=rows)


def _slots(out: Path, subject: str) -> set[tuple[str, str]]:
    with open(out / "lessons.csv", encoding="utf-8-sig", newline="") as f:
        return {(r["day"], r["period"]) for r in csv.DictReader(f) if r["subject"] == subject}


def test_rows_taught_together_share_their_periods(tmp_path, solve_and_check):
    out = tmp_path / "out"
    # the 劳动 teacher is away on Mon 1-3: the PE lessons must follow the 劳动 lessons
    solve_and_check(_pe_together(tmp_path, tl={"unavailable": "Mon:1-3"}), out)
    assert _slots(out, "体育") == _slots(out, "劳动")
    assert not _slots(out, "劳动") & {("Mon", "1"), ("Mon", "2"), ("Mon", "3")}


def test_checker_names_rows_that_are_not_together(tmp_path, solve_and_check):
    directory = _pe_together(tmp_path)
    out = tmp_path / "out"
    solve_and_check(directory, out)

    def change(frames, _summary):
        lessons = frames["lessons"]
        pe = lessons.index[lessons["subject"] == "体育"][0]
        maths = lessons.index[(lessons["subject"] == "数学")
                              & (lessons["day"] != lessons.loc[pe, "day"])][0]
        swap_places(lessons, pe, maths)

    edited = tmp_path / "edited"
    edited.mkdir()
    violations = mutated((directory, out), edited, change)
    assert [v.rule for v in violations if v.hard] == ["together"]
    assert "'split'" in str(violations[0])


@pytest.mark.parametrize(("rows", "message"), [
    ([subject("H", "h1", "体育", "tp", 2, together="x")], "only; give it to the rows"),
    ([subject("H", "h1", "体育", "tp", 2, together="x"),
      subject("H", "h1", "劳动", "tl", 2, together="x")], "must be of different classes"),
    ([subject("H", "h1", "体育", "tp", 2, together="x"),
      subject("H", "h2", "劳动", "tl", 3, together="x")], "the same per_week and doubles"),
])
def test_bad_together_groups_are_input_errors(tmp_path, rows, message):
    directory = pair(tmp_path, classes=[klass("H", "h1"), klass("H", "h2")],
                     teachers=[teacher("tp", "H"), teacher("tl", "H")], curriculum=rows)
    with pytest.raises(InputError) as raised:
        load_instance(directory)
    assert "curriculum.csv" in str(raised.value) and "column together" in str(raised.value)
    assert message in str(raised.value)


def test_together_with_one_teacher_for_both_is_explained(tmp_path):
    # One teacher for both rows: they cannot be at the same time.
    directory = pair(tmp_path, days=("Mon",), classes=[klass("H", "h1"), klass("H", "h2")],
                     teachers=[teacher("t", "H")],
                     curriculum=[subject("H", "h1", "体育", "t", 1, together="x"),
                                 subject("H", "h2", "体育", "t", 1, together="x")])
    instance = load_instance(directory)
    conflict = find_conflict(instance, SolverSettings(workers=1, explain_time=30))
    assert conflict is not None and conflict.minimal
    assert ("together", "H", "x") in conflict.groups
    assert "lessons taught together ('x')" in " ".join(conflict_sentences(instance,
                                                                          conflict.groups))
