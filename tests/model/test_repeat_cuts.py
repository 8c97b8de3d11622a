"""The same-day-repeat cut of teachers with ``max_days`` (aligner.model.objective): the LP
relaxation sees the repeats a teacher's few days force, and no optimum changes."""

from __future__ import annotations

from pathlib import Path

import pytest

import aligner.model.objective
from aligner.io import load_instance
from aligner.model import build_model
from aligner.model.relaxation import lp_relaxation
from aligner.solver.result import Status
from tests.builders import course, klass, pair, teacher
from tests.builders import subject as row
from tests.solving import solve_checked

FOUR = ("08:00-08:40", "08:50-09:30", "10:00-10:40", "10:50-11:30")
THREE_DAYS = ("Mon", "Tue", "Wed")


def _no_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aligner.model.objective, "_repeats_on_working_days",
                        lambda *args, **kwargs: None)


def two_classes_one_teacher(tmp_path: Path) -> Path:
    """ta teaches 数学 3 times a week to h1 and to h2 but works 2 of the 3 days: each class
    has 数学 twice on one day (2 repeats at least)."""
    return pair(tmp_path, days=THREE_DAYS, hub_bells=FOUR,
                classes=[klass("H", "h1"), klass("H", "h2")],
                teachers=[teacher("ta", "H", max_days=2), teacher("tb", "H")],
                curriculum=[row("H", "h1", "数学", "ta", 3), row("H", "h2", "数学", "ta", 3),
                            row("H", "h1", "语文", "tb", 4), row("H", "h2", "语文", "tb", 4)])


def with_a_double(tmp_path: Path) -> Path:
    """4 periods of 数学 a week, one double (3 lessons), a teacher of 2 days of 3."""
    return pair(tmp_path, days=THREE_DAYS, hub_bells=FOUR, classes=[klass("H", "h1")],
                teachers=[teacher("ta", "H", max_days=2), teacher("tb", "H")],
                curriculum=[row("H", "h1", "数学", "ta", 4, doubles=1),
                            row("H", "h1", "语文", "tb", 4)])


def co_taught(tmp_path: Path) -> Path:
    """数学 taught by ta and tb together; tb works one day of three."""
    return pair(tmp_path, days=THREE_DAYS, hub_bells=FOUR, classes=[klass("H", "h1")],
                teachers=[teacher("ta", "H"), teacher("tb", "H", max_days=1)],
                curriculum=[row("H", "h1", "数学", "ta+tb", 3), row("H", "h1", "语文", "ta", 2)])


def with_online_lessons(tmp_path: Path) -> Path:
    """r1's 数学: 3 lessons a week, 2 of them live from H (taught by th, assisted by tr); tr
    works 2 days of 3. The online lessons are r1's 数学 too, not tr's own lessons."""
    return pair(tmp_path, days=THREE_DAYS, hub_bells=FOUR, receiving_bells=FOUR,
                classes=[klass("H", "h1"), klass("R", "r1")],
                teachers=[teacher("th", "H"), teacher("tr", "R", max_days=2),
                          teacher("tq", "R")],
                curriculum=[row("H", "h1", "数学", "th", 2), row("R", "r1", "数学", "tr", 3),
                            row("R", "r1", "语文", "tq", 3)],
                sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", 2, "tr")])


def test_the_lp_bound_sees_the_repeats_forced_by_a_teachers_days(tmp_path, monkeypatch):
    directory = two_classes_one_teacher(tmp_path)
    instance = load_instance(directory)
    repeat = instance.weights.same_day_repeat
    cut = lp_relaxation(build_model(instance), 30)
    assert cut is not None and cut.bound == 2 * repeat
    result = solve_checked(directory, tmp_path / "out")
    assert result.status == Status.OPTIMAL and result.objective == 2 * repeat
    assert result.stages[0]["stage"] == "lp" and result.stages[0]["bound"] == 2 * repeat
    _no_cut(monkeypatch)
    without = lp_relaxation(build_model(instance), 30)
    assert without is not None and without.bound < repeat  # what the LP saw before


@pytest.mark.parametrize("make", [two_classes_one_teacher, with_a_double, co_taught,
                                  with_online_lessons])
def test_the_cut_changes_the_bound_never_the_optimum(make, tmp_path, monkeypatch):
    directory = make(tmp_path)
    with_cut = solve_checked(directory, tmp_path / "with")
    _no_cut(monkeypatch)
    without = solve_checked(directory, tmp_path / "without", lp_start=False)
    assert with_cut.status == without.status == Status.OPTIMAL
    assert with_cut.objective == without.objective
    assert with_cut.terms["same_day_repeats"] >= 1  # each case forces a repeat


def test_no_cut_where_repeats_cost_nothing(tmp_path, monkeypatch):
    # FET's imports weigh same_day_repeats 0: the rows would only slow CP-SAT down.
    directory = two_classes_one_teacher(tmp_path)
    instance = load_instance(directory)
    free = instance.model_copy(update={"weights": instance.weights.model_copy(
        update={"same_day_repeat": 0})})
    rows = len(build_model(free).model.proto.constraints)
    assert len(build_model(instance).model.proto.constraints) > rows
    _no_cut(monkeypatch)
    assert len(build_model(free).model.proto.constraints) == rows
