"""What the printed week needs from the input: bells.csv rows of kind ``break`` (晨间活动, 大课间,
午间阅读) and period notes (眼保健操), classes.csv ``head_teacher`` (班主任); read, validated with
file/row/column errors, and ignored by everything that schedules or checks."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.io import InputError, load_instance, load_schedules
from tests.builders import bells, klass, sync_pair, teacher, write_instance
from tests.solving import LANXI

SETTINGS = {"name": "breaks", "season": "winter", "days": ["Mon"],
            "policy": {"min_sync_lessons_per_pair": 0, "min_online_lessons_per_school": 0}}


def _instance(directory, bell_rows, classes=None, teachers=None):
    return write_instance(
        directory, SETTINGS,
        schools=[dict(school_id="H", name="hub"), dict(school_id="R", name="rural")],
        bells=bell_rows,
        classes=classes or [klass("H", "h1")],
        teachers=teachers or [teacher("th", "H"), teacher("tr", "R")],
        curriculum=[dict(school_id="H", class_id="h1", subject="数学", teacher_id="th",
                         per_week=1)],
    )


def _break(school_id, start, end, name, season="winter", period=""):
    return dict(school_id=school_id, season=season, period=period, start=start, end=end,
                kind="break", name=name)


PERIODS = (bells("H", "08:30-09:10", "09:20-10:05", "10:35-11:15", "13:20-14:00")
           + bells("R", "08:25-09:05", "09:15-10:00"))


def _issues(directory):
    with pytest.raises(InputError) as caught:
        load_instance(directory)
    return [(i.file, i.row, i.column, i.message) for i in caught.value.issues]


def test_breaks_and_notes_are_read_and_leave_the_periods_alone(tmp_path):
    rows = [_break("H", "08:00", "08:20", "晨间活动"), *PERIODS,
            _break("H", "10:05", "10:35", "大课间"), _break("R", "10:00", "10:30", "大课间")]
    rows[2] = rows[2] | {"name": "眼保健操"}  # period 2 of H: a note
    instance = load_instance(_instance(tmp_path, rows))
    assert [(b.name, b.times) for b in instance.breaks_of("H")] == [
        ("晨间活动", "08:00-08:20"), ("大课间", "10:05-10:35")]
    assert [b.period for b in instance.periods("H")] == [1, 2, 3, 4]
    assert instance.bell("H", 2).name == "眼保健操"
    without = load_instance(_instance(tmp_path / "plain", list(PERIODS)))
    # the solver's and the checker's view is the same with or without the breaks
    assert instance.bells_fingerprint == without.bells_fingerprint
    assert instance.double_starts("H") == without.double_starts("H")
    schedules, _ = load_schedules(tmp_path)  # what align reads
    assert schedules.breaks == instance.breaks


@pytest.mark.parametrize(("row", "column", "words"), [
    (dict(kind="pause"), "kind", "'pause' is not a kind of bell row"),
    (dict(period="3"), "period", "a break has no period number"),
    (dict(name=""), "name", "a break needs a name"),
    (dict(start="10:40", end="10:20"), "end", "break ends (10:20) before it starts (10:40)"),
    (dict(start="9:00", end="9:30"), "start", "overlaps period 1 (08:30-09:10)"),
    (dict(start="10:00", end="10:15"), "start", "overlaps period 2 (09:20-10:05)"),
    (dict(start="10:3O", end="10:35"), "start", "'10:3O' is not a time"),
])
def test_a_bad_break_row_is_named_by_file_row_and_column(tmp_path, row, column, words):
    rows = [*PERIODS, _break("H", "10:05", "10:35", "大课间") | row]
    issues = _issues(_instance(tmp_path, rows))
    assert [(file, number, col) for file, number, col, _ in issues] == [
        ("bells.csv", len(rows) + 1, column)], issues
    assert words in issues[0][3]


def test_a_break_without_its_kind_is_a_period_without_a_number(tmp_path):
    rows = [*PERIODS, _break("H", "10:05", "10:35", "大课间") | {"kind": ""}]
    issues = _issues(_instance(tmp_path, rows))
    assert issues == [("bells.csv", len(rows) + 1, "period", "is empty; a lesson period needs "
                       "its number (a break such as 大课间 has kind break and no number)")]


def test_breaks_may_not_overlap_each_other(tmp_path):
    rows = [*PERIODS, _break("H", "11:15", "12:40", "中饭"), _break("H", "12:30", "13:10", "午读")]
    issues = _issues(_instance(tmp_path, rows))
    assert len(issues) == 1 and issues[0][:3] == ("bells.csv", len(rows) + 1, "start")
    assert "overlaps break 中饭 (11:15-12:40, row" in issues[0][3]


def test_a_break_of_another_school_or_an_unknown_school(tmp_path):
    # R's periods do not stop a break at H; an unknown school is named as for a period
    rows = [*PERIODS, _break("H", "08:25", "08:30", "晨会"), _break("X", "10:05", "10:35", "大课间")]
    issues = _issues(_instance(tmp_path, rows))
    assert [(i[1], i[2]) for i in issues] == [(len(rows) + 1, "school_id")]
    assert "unknown school 'X'" in issues[0][3]


def test_head_teacher_is_a_teacher_of_the_class_school(tmp_path):
    classes = [klass("H", "h1") | {"head_teacher": "th"}]
    instance = load_instance(_instance(tmp_path / "ok", list(PERIODS), classes))
    assert instance.class_by_key[("H", "h1")].head_teacher == "th"
    for head, words in (("tx", "unknown teacher 'tx'"),
                        ("tr", "head teacher 'tr' belongs to school 'R', not 'H'")):
        classes = [klass("H", "h1") | {"head_teacher": head}]
        issues = _issues(_instance(tmp_path / head, list(PERIODS), classes))
        assert [(i[0], i[1], i[2]) for i in issues] == [("classes.csv", 2, "head_teacher")]
        assert words in issues[0][3]


def test_the_new_columns_are_optional(tmp_path):
    directory = sync_pair(tmp_path)  # bells.csv and classes.csv as before: no kind/name/head
    text = (directory / "bells.csv").read_text("utf-8")
    assert "kind" in text.splitlines()[0]
    for name in ("bells.csv", "classes.csv"):
        lines = (directory / name).read_text("utf-8").splitlines()
        header = lines[0].split(",")
        keep = [i for i, c in enumerate(header) if c not in ("kind", "name", "head_teacher")
                or (c == "name" and name == "classes.csv")]
        (directory / name).write_text("\n".join(
            ",".join(cell for i, cell in enumerate(line.split(",")) if i in keep)
            for line in lines) + "\n", "utf-8")
    assert "kind" not in (directory / "bells.csv").read_text("utf-8")
    instance = load_instance(directory)
    assert instance.breaks == () and all(c.head_teacher is None for c in instance.classes)


def test_a_bad_break_in_the_shipped_example_stops_solve_with_exit_2(tmp_path):
    directory = tmp_path / "lanxi"
    shutil.copytree(LANXI, directory)
    path = directory / "bells.csv"
    path.write_text(path.read_text("utf-8").replace("10:05,10:35,break", "10:00,10:35,break"),
                    "utf-8")
    result = CliRunner().invoke(main, ["solve", str(directory), "--quiet"])
    assert result.exit_code == 2
    assert ("bells.csv, row 5, column start: school wuxi, season winter: break 大课间活动 "
            "(10:00-10:35) overlaps period 2 (09:20-10:05)") in result.output
