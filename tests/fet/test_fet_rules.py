"""The pieces of import-fet that decide FET's meaning without a file: which constraints no
timetable can break (aligner.fet.implied) and how FET's students sets become classes
(aligner.fet.students)."""

from __future__ import annotations

from pathlib import Path

from aligner.fet.fetfile import FetData
from aligner.fet.implied import Load, early_holds, gaps_at_most, max_daily_holds, min_daily_holds
from aligner.fet.students import classes_of, unique_ids


def test_a_full_week_has_no_gap_and_no_late_beginning():
    full = Load({0: 3, 1: 3}, hours=6, shortest=1)
    assert gaps_at_most(full, per_day=False) == 0 and early_holds(full)
    assert min_daily_holds(full, 3, allow_empty=False) and max_daily_holds(full, 3)
    assert not max_daily_holds(full, 2)


def test_gaps_are_bounded_by_the_free_hours_and_by_the_busy_days():
    # 2 busy hours in a 5 x 6 week: one day with a gap at most, of at most 4 hours
    two = Load({d: 6 for d in range(5)}, hours=2, shortest=1)
    assert gaps_at_most(two, per_day=False) == 4 and gaps_at_most(two, per_day=True) == 4
    assert gaps_at_most(Load({0: 6}, hours=1, shortest=1), per_day=False) == 0
    assert gaps_at_most(Load({0: 4, 1: 4}, hours=7, shortest=1), per_day=False) == 1


def test_min_hours_daily_with_doubles_only_and_with_empty_days():
    doubles = Load({0: 6, 1: 6}, hours=4, shortest=2)
    assert min_daily_holds(doubles, 2, allow_empty=True)
    assert not min_daily_holds(doubles, 2, allow_empty=False), "a day may stay empty"
    assert not min_daily_holds(Load({0: 6, 1: 6}, hours=4, shortest=1), 2, allow_empty=True)


def _data(leaves: dict[str, set[str]]) -> FetData:
    kind = {name: ("subgroup" if parts == {name} else "year") for name, parts in leaves.items()}
    return FetData(path=Path("x.fet"), institution="", days=["Mon"], hours=["1"], subjects=[],
                   teachers=[], years=[], kind=kind,
                   leaves={n: frozenset(p) for n, p in leaves.items()}, year_of={},
                   activities=[], constraints=[])


def test_classes_are_the_coarsest_partition_in_which_every_named_set_is_whole():
    # year Y = subgroups a, b, c, d; group G = a, b; named: Y and G -> classes {a, b}, {c, d}
    data = _data({"Y": {"a", "b", "c", "d"}, "G": {"a", "b"}, "a": {"a"}, "b": {"b"},
                  "c": {"c"}, "d": {"d"}})
    classes = classes_of(data, {"Y", "G"})
    assert sorted(sorted(k.leaves) for k in classes.classes) == [["a", "b"], ["c", "d"]]
    assert classes.of_set(data, "G") == (classes.of_leaf["a"],)
    assert len(classes.of_set(data, "Y")) == 2
    assert classes.of_set(data, "c") == (classes.of_leaf["c"],), "a set splitting a class"


def test_ids_are_safe_unique_and_readable():
    ids = unique_ids(["7A+B", "7A_B", "Γ-Human-Γ2"], fallback="class")
    assert ids == {"7A+B": "7A_B", "7A_B": "7A_B_2", "Γ-Human-Γ2": "class 3"}
