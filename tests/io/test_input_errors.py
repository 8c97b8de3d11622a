"""Bad input: one case per kind of validation error. Each must exit 2, name the file, row and
column, and write nothing."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import main
from aligner.io import InputError, InputWarning, load_instance
from tests.builders import sync_pair


def edit_cell(file: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    """Set one cell; ``row`` is the spreadsheet row (header = 1)."""

    def edit(directory: Path) -> None:
        path = directory / file
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.reader(handle))
        records[row - 1][records[0].index(column)] = value
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(records)

    return edit


def append_row(file: str, line: str) -> Callable[[Path], None]:
    def edit(directory: Path) -> None:
        with (directory / file).open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")

    return edit


def drop_column(file: str, column: str) -> Callable[[Path], None]:
    def edit(directory: Path) -> None:
        path = directory / file
        with path.open(encoding="utf-8", newline="") as handle:
            records = list(csv.reader(handle))
        index = records[0].index(column)
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([r[:index] + r[index + 1:] for r in records])

    return edit


def replace_text(file: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(directory: Path) -> None:
        path = directory / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def write_bytes(file: str, data: bytes) -> Callable[[Path], None]:
    def edit(directory: Path) -> None:
        (directory / file).write_bytes(data)

    return edit


# The base instance (builders.sync_pair): schools H (row 2), R (row 3); bells H1, H2, R1, R2
# (rows 2-5); classes h1, r1; teachers th, tr; curriculum h1 数学 th, r1 数学 tr; course ma.
CASES: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "missing file": (lambda d: (d / "classes.csv").unlink(),
                     ("classes.csv", "file is missing", "(1 problem)")),
    "missing file, its columns": (lambda d: (d / "teachers.csv").unlink(),
                                  ("with columns teacher_id, school_id, name, max_load; optional: "
                                   "level, min_load, unavailable",)),
    "missing column": (drop_column("classes.csv", "grade"),
                       ("classes.csv, row 1, column grade", "missing")),
    "empty table": (write_bytes("schools.csv", b""), ("schools.csv, row 1", "empty")),
    "undecodable bytes": (write_bytes("schools.csv", b"school_id,name\n\xff\xfe\xff,\x80\n"),
                          ("schools.csv", "UTF-8 or GB18030")),
    "hour 25": (edit_cell("bells.csv", 2, "start", "25:00"),
                ("bells.csv, row 2, column start", "hours 0-23")),
    "minute 70": (edit_cell("bells.csv", 2, "end", "8:70"),
                  ("bells.csv, row 2, column end", "minutes 0-59")),
    "not a time": (edit_cell("bells.csv", 3, "start", "nine"),
                   ("bells.csv, row 3, column start", "HH:MM")),
    "12-hour afternoon": (
        lambda d: (edit_cell("bells.csv", 3, "start", "1:20")(d),
                   edit_cell("bells.csv", 3, "end", "2:00")(d)),
        ("bells.csv, row 3, column start", "write 13:20, not 1:20"),
    ),
    "overlapping periods": (edit_cell("bells.csv", 3, "start", "08:30"),
                            ("bells.csv, row 3, column start", "must not overlap")),
    "ends before it starts": (edit_cell("bells.csv", 2, "end", "07:00"),
                              ("bells.csv, row 2, column end", "before it starts")),
    "period gap": (edit_cell("bells.csv", 3, "period", "3"),
                   ("bells.csv, row 3, column period", "missing [2]")),
    "no bells for the season": (replace_text("instance.yaml", "season: winter", "season: summer"),
                                ("bells.csv", "column season", "no bell schedule")),
    "duplicate id": (append_row("classes.csv", "H,h1,3,again"),
                     ("classes.csv, row 4, column class_id", "duplicate")),
    "unknown school": (edit_cell("classes.csv", 2, "school_id", "X"),
                       ("classes.csv, row 2, column school_id", "unknown school 'X'")),
    "unknown teacher": (edit_cell("curriculum.csv", 2, "teacher_id", "nobody"),
                        ("curriculum.csv, row 2, column teacher_id", "unknown teacher")),
    "teacher of another school": (edit_cell("curriculum.csv", 2, "teacher_id", "tr"),
                                  ("curriculum.csv, row 2, column teacher_id", "belongs to")),
    "wrong type": (edit_cell("curriculum.csv", 2, "per_week", "three"),
                   ("curriculum.csv, row 2, column per_week", "not a whole number")),
    "backwards range": (edit_cell("sync.csv", 2, "per_week", "3-1"),
                        ("sync.csv, row 2, column per_week", "backwards")),
    "unknown form": (edit_cell("sync.csv", 2, "form", "live"),
                     ("sync.csv, row 2, column form", "not a form")),
    "sync course without hub class": (edit_cell("sync.csv", 2, "hub_class", ""),
                                      ("sync.csv, row 2, column hub_class", "hub class")),
    "hub teacher is not the class's teacher": (
        lambda d: (append_row("teachers.csv", "th2,H,th2,,0,20,")(d),
                   edit_cell("sync.csv", 2, "hub_teacher", "th2")(d)),
        ("sync.csv, row 2, column hub_teacher", "not the curriculum teacher"),
    ),
    "online lessons not covered": (
        lambda d: (edit_cell("curriculum.csv", 3, "teacher_id", "")(d),
                   edit_cell("curriculum.csv", 3, "per_week", "2")(d),
                   edit_cell("curriculum.csv", 2, "per_week", "2")(d)),
        ("curriculum.csv, row 3, column teacher_id", "must arrive online"),
    ),
    "more lessons than periods": (
        lambda d: (edit_cell("curriculum.csv", 2, "per_week", "5")(d)),
        ("curriculum.csv, row 2, column per_week", "only 2 periods"),
    ),
    "backwards unavailable range": (edit_cell("teachers.csv", 2, "unavailable", "Mon:2-1"),
                                    ("teachers.csv, row 2, column unavailable",
                                     "runs backwards; write 1-2")),
    "bad unavailable": (edit_cell("teachers.csv", 2, "unavailable", "Mon:9"),
                        ("teachers.csv, row 2, column unavailable", "1-2")),
    "unknown day": (edit_cell("teachers.csv", 2, "unavailable", "Sun"),
                    ("teachers.csv, row 2, column unavailable", "not one of the days")),
    "min above max load": (edit_cell("teachers.csv", 2, "min_load", "30"),
                           ("teachers.csv, row 2, column min_load", "exceeds max_load")),
    "credit below 1.5": (replace_text("instance.yaml", "policy:\n", "policy:\n  online_credit: 1.2\n"),
                         ("instance.yaml, row 6, column policy.online_credit", "at least 1.5")),
    "delivery credit below 1.5": (
        replace_text("instance.yaml", "policy:\n",
                     "policy:\n  online_credit: {sync: 1.2, delivery: 1.2}\n"),
        ("instance.yaml, row 6, column policy.online_credit", "delivery must be at least 1.5")),
    "credit of an unknown form": (
        replace_text("instance.yaml", "policy:\n", "policy:\n  online_credit: {live: 2}\n"),
        ("instance.yaml, row 6, column policy.online_credit", "unknown form(s) live")),
    "unknown policy key": (replace_text("instance.yaml", "policy:\n",
                                        "policy:\n  min_overlap_minute: 20\n"),
                           ("instance.yaml, row 6, column policy.min_overlap_minute",
                            "unknown key")),
    "unknown top-level key": (replace_text("instance.yaml", "season:", "polcy: 3\nseason:"),
                              ("instance.yaml, row 2, column polcy", "unknown key")),
    "invalid yaml": (replace_text("instance.yaml", "days:", "days: [Mon\nx:"),
                     ("instance.yaml, row", "not valid YAML")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_exits_2_naming_file_row_column(tmp_path, case):
    directory = sync_pair(tmp_path)
    load_instance(directory)  # the base instance is valid
    corrupt, expected = CASES[case]
    corrupt(directory)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for text in expected:
        assert text in result.output, f"{text!r} not in:\n{result.output}"
    assert "Traceback" not in result.output
    assert not out.exists()


def test_every_issue_is_reported_at_once(tmp_path):
    directory = sync_pair(tmp_path)
    edit_cell("bells.csv", 2, "start", "25:00")(directory)
    edit_cell("classes.csv", 2, "grade", "x")(directory)
    with pytest.raises(InputError) as error:
        load_instance(directory)
    files = {issue.file for issue in error.value.issues}
    assert files == {"bells.csv", "classes.csv"}
    result = CliRunner().invoke(main, ["--lang", "en", "solve", str(directory)])
    assert result.exit_code == 2 and "(2 problems)" in result.output


def test_excel_chinese_windows_encoding_and_bom_are_read(tmp_path):
    directory = sync_pair(tmp_path)
    for name, encoding in (("curriculum.csv", "gb18030"), ("teachers.csv", "utf-8-sig")):
        path = directory / name
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    with pytest.warns(InputWarning, match="curriculum.csv: read as GB18030"):
        instance = load_instance(directory)
    assert instance.curriculum_row[("H", "h1", "数学")].per_week == 1
    assert (directory / "curriculum.csv").read_bytes().decode("gb18030").count("数学") == 2


def test_missing_instance_directory(tmp_path):
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere: does not exist" in result.output
    (tmp_path / "notes.txt").write_text("a file, not an instance", encoding="utf-8")
    result = CliRunner().invoke(main, ["solve", str(tmp_path / "notes.txt")])
    assert result.exit_code == 2
    assert "notes.txt: is not a directory holding an instance" in result.output


def test_misspelt_optional_column_is_an_error(tmp_path):
    # Ignoring 'unavailble' as an extra column would silently drop every unavailability.
    directory = sync_pair(tmp_path)
    replace_text("teachers.csv", "unavailable", "unavailble")(directory)
    result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert ("teachers.csv, row 1, column unavailble: unknown column 'unavailble': did you mean "
            "'unavailable'?") in result.stderr
    assert not (tmp_path / "out").exists()


def test_extra_columns_are_ignored_and_gb18030_is_noted(tmp_path):
    directory = sync_pair(tmp_path)
    path = directory / "curriculum.csv"
    text = path.read_text(encoding="utf-8").replace("max_per_day", "max_per_day,备注")
    path.write_bytes(text.encode("gb18030"))
    result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "curriculum.csv: read as GB18030" in result.stderr
    assert "warning" not in result.stdout


def test_warnings_are_shown_even_when_the_input_is_rejected(tmp_path):
    directory = sync_pair(tmp_path)
    path = directory / "classes.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("grade", "grde")
                     .replace("h1", "一班").encode("gb18030"))
    result = CliRunner().invoke(main, ["solve", str(directory)])
    assert result.exit_code == 2
    assert "classes.csv: read as GB18030" in result.stderr
    assert "classes.csv, row 1, column grade: required column is missing" in result.stderr
    assert "did you mean 'grade'?" in result.stderr


@pytest.mark.parametrize(("cell", "expected"), [
    ("3月2日", "Excel may have turned a range such as 2-3 into a date"),
    ("2-Mar", "Excel may have turned a range such as 2-3 into a date"),
])
def test_excel_dates_get_a_hint(tmp_path, cell, expected):
    directory = sync_pair(tmp_path)
    edit_cell("sync.csv", 2, "per_week", cell)(directory)
    with pytest.raises(InputError) as error:
        load_instance(directory)
    assert expected in str(error.value)


def test_semicolon_separated_file_is_recognised(tmp_path):
    directory = sync_pair(tmp_path)
    path = directory / "classes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_instance(directory)
    assert "classes.csv, row 1: the columns seem to be separated by semicolons" in str(error.value)


def test_excel_seconds_are_accepted(tmp_path):
    directory = sync_pair(tmp_path)
    edit_cell("bells.csv", 2, "start", "08:00:00")(directory)
    assert load_instance(directory).bell("H", 1).start == 8 * 60


def test_bad_bells_do_not_cascade_into_unavailable_errors(tmp_path):
    directory = sync_pair(tmp_path)
    edit_cell("bells.csv", 2, "start", "8:70")(directory)
    edit_cell("teachers.csv", 2, "unavailable", "Mon:2")(directory)
    with pytest.raises(InputError) as error:
        load_instance(directory)
    assert [issue.file for issue in error.value.issues] == ["bells.csv"]


def test_duplicate_keys_read_as_words(tmp_path):
    directory = sync_pair(tmp_path)
    append_row("curriculum.csv", "H,h1,数学,th,1,")(directory)
    with pytest.raises(InputError) as error:
        load_instance(directory)
    assert "duplicate subject 数学 for class h1 of school H (first on row 2)" in str(error.value)


@pytest.mark.parametrize(("file", "column", "cell"), [
    ("classes.csv", "class_id", "2026/1/1"),
    ("classes.csv", "class_id", "1月1日"),
    ("teachers.csv", "teacher_id", "3-Jan"),
    ("curriculum.csv", "class_id", "2026/1/1"),
    ("sync.csv", "receiving_class", "1月1日"),
])
def test_an_id_excel_turned_into_a_date_is_named(tmp_path, file, column, cell):
    directory = sync_pair(tmp_path)
    edit_cell(file, 2, column, cell)(directory)
    with pytest.raises(InputError) as error:
        load_instance(directory)
    text = str(error.value)
    assert f"{file}, row 2, column {column}" in text
    assert "Excel may have turned an id such as 1-1 into one" in text


@pytest.mark.parametrize(("typed", "meant"), [
    ("wx-t71", "wx-t17"),    # two keys swapped, not wx-t27 (one key wrong)
    ("wx-t2O", "wx-t20"),    # the letter O for the digit 0
    ("WX-T19", "wx-t19"),    # case
    ("wx-t191", "wx-t19"),   # one key too many, at the end
    ("wx-t1９", "wx-t19"),   # a full-width digit
])
def test_did_you_mean_names_the_id_a_slip_of_the_finger_makes(typed, meant):
    from aligner.io.cells import did_you_mean

    ids = [f"wx-t{i:02d}" for i in range(1, 30)]
    assert did_you_mean(typed, ids) == f"; did you mean '{meant}'?"
    assert did_you_mean("hr06", ids) == ""
