"""instance.yaml's ``term`` (aligner/io/term_yaml.py): read from files and lines, from a
workbook, and every bad input an exit-2 error naming the file, row or key and the value, with
nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from aligner.cli import main
from aligner.io import load_instance
from aligner.io.workbook import workbook_of_directory
from tests.builders import sync_pair
from tests.solving import LANXI

HOLIDAYS = Path(__file__).resolve().parents[2] / "data" / "holidays" / "cn-2022-2023.txt"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def with_term(tmp_path: Path, term: Any, days: tuple[str, ...] = ("Mon",)) -> Path:
    """The tiny sync pair with instance.yaml's ``term`` set (and its days)."""
    directory = sync_pair(tmp_path)
    path = directory / "instance.yaml"
    settings = yaml.safe_load(path.read_text("utf-8"))
    settings["term"] = term
    settings["days"] = list(days)
    path.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    return directory


def refused(directory: Path, tmp_path: Path) -> str:
    """Solving ``directory`` exits 2 and writes nothing; the output."""
    out = tmp_path / "out"
    result = run("solve", directory, "--out", out)
    assert result.exit_code == 2, result.output
    assert not out.exists()
    return result.output


def test_dates_from_a_file_and_lines(tmp_path):
    (tmp_path / "exams.txt").write_text("# 期末\n2022-10-17, 运动会\n", "utf-8")
    directory = with_term(tmp_path, {"start": "2022-10-09", "end": "2022-10-31",
                                     "dates": ["../exams.txt", "2022-10-24..2022-10-25 秋假",
                                               "2022-10-29=Mon, 调休"]})
    term = load_instance(directory).term
    assert term is not None
    # Mondays 10, 17, 24, 31 less 17 (运动会) and 24 (秋假), plus Saturday 29 as Monday: 3
    assert load_instance(directory).term_day_counts == {"Mon": 3}
    assert dict(term.skipped)[dt.date(2022, 10, 25)] == "秋假"


def test_no_term_is_no_calendar(tmp_path):
    assert load_instance(sync_pair(tmp_path)).term is None
    assert load_instance(sync_pair(tmp_path)).term_day_counts is None


def test_a_term_ending_before_it_starts(tmp_path):
    output = refused(with_term(tmp_path, {"start": "2023-01-13", "end": "2022-10-09"}), tmp_path)
    assert "instance.yaml" in output and "term.end" in output
    assert "the term ends on 2022-10-09, before it starts on 2023-01-13" in output


def test_a_make_up_day_on_a_weekday(tmp_path):
    (tmp_path / "dates.txt").write_text("date,reason\n2022-10-10=Mon, wrong\n", "utf-8")
    output = refused(with_term(tmp_path, {"start": "2022-10-09", "end": "2022-10-31",
                                          "dates": ["../dates.txt"]}), tmp_path)
    assert "../dates.txt, row 2" in output
    assert "2022-10-10 is a Monday, not a Saturday or Sunday" in output


def test_a_make_up_day_following_no_school_day(tmp_path):
    output = refused(with_term(tmp_path, {"start": "2022-10-09", "end": "2022-10-31",
                                          "dates": ["2022-10-08=Thu, 调休"]}), tmp_path)
    assert "term.dates[0]" in output
    assert "2022-10-08 follows Thursday, which is not a school day of the instance (Mon)" in output


def test_a_season_starting_outside_the_term(tmp_path):
    output = refused(with_term(tmp_path, {"start": "2022-10-09", "end": "2023-01-13",
                                          "seasons": {"winter": "2022-09-01"}}), tmp_path)
    assert "term.seasons.winter" in output
    assert "winter starts on 2022-09-01, outside the term (2022-10-09 to 2023-01-13)" in output
    output = refused(with_term(tmp_path, {"start": "2022-10-09", "end": "2023-01-13",
                                          "seasons": {"summer": "2022-10-09"}}), tmp_path)
    assert "'summer' is not a season of the instance (winter)" in output


def test_a_dates_file_that_cannot_be_read(tmp_path):
    output = refused(with_term(tmp_path, {"start": "2022-10-09", "end": "2023-01-13",
                                          "dates": ["missing.txt"]}), tmp_path)
    assert "term.dates[0]" in output and "missing.txt: no such dates file" in output
    (tmp_path / "latin1.txt").write_bytes("2022-10-10, f\xeate\n".encode("latin-1"))
    output = refused(with_term(tmp_path, {"start": "2022-10-09", "end": "2023-01-13",
                                          "dates": ["../latin1.txt"]}), tmp_path)
    assert "../latin1.txt: the dates file is not UTF-8 text" in output


@pytest.mark.parametrize(("line", "said"), [
    ("2022-13-01, oops", "'2022-13-01' is not a date"),
    ("2022-10-07..2022-10-01", "the range 2022-10-07..2022-10-01 ends before it starts"),
    ("2022-10-08=Someday", "'Someday' after = is not a weekday"),
])
def test_a_malformed_line_of_dates(tmp_path, line, said):
    (tmp_path / "dates.txt").write_text(f"2022-10-01\n{line}\n", "utf-8")
    output = refused(with_term(tmp_path, {"start": "2022-10-09", "end": "2023-01-13",
                                          "dates": ["../dates.txt"]}), tmp_path)
    assert "../dates.txt, row 2" in output and said in output


def test_bad_term_values(tmp_path):
    output = refused(with_term(tmp_path, {"start": "9 Oct", "end": "2023-01-13"}), tmp_path)
    assert "term.start" in output and "'9 Oct' is not a date written as 2022-10-09" in output
    output = refused(with_term(tmp_path, {"end": "2023-01-13", "weeks": 18}), tmp_path)
    assert "term.start" in output and "term.weeks" in output
    output = refused(with_term(tmp_path, "2022-10-09..2023-01-13"), tmp_path)
    assert "term: must be a mapping with start, end" in output
    output = refused(with_term(tmp_path, {"start": "2022-10-09", "end": "2023-01-13"},
                               days=("A", "B")), tmp_path)
    assert "a term needs days named as weekdays" in output


def test_the_workbook_carries_the_term_and_its_dates(tmp_path):
    path = tmp_path / "lanxi.xlsx"
    path.write_bytes(workbook_of_directory(LANXI, "zh"))
    cells = {row[0]: row[1] for row in load_workbook(path)["设置"].iter_rows(
        min_row=2, values_only=True)}
    assert cells["学期开始日期"] == "2022-10-09" and "2022-10-09=Fri" in cells["节假日与调休"]
    assert load_instance(path).term == load_instance(LANXI).term
    book = load_workbook(path)
    for row in book["设置"].iter_rows(min_row=2):
        if row[0].value == "学期结束日期":
            row[1].value = "2022/10/1"   # a date as Excel shows it, before the start
    book.save(path)
    result = run("solve", path, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "2022-10-01, before it starts on 2022-10-09" in result.output


def test_the_shipped_holidays_file_still_exports(tmp_path):
    from aligner.export.ics import read_dates_file

    skipped, workdays = read_dates_file(HOLIDAYS)
    assert dt.date(2022, 9, 10) in skipped and workdays[dt.date(2023, 6, 25)] == "Fri"
    assert not set(skipped) & set(workdays)


def test_a_date_no_calendar_has(tmp_path):
    # Unquoted in instance.yaml, 2022-10-32 looks like a YAML date; it was a crash inside YAML
    # (day is out of range for month): now the term's reader names it, in the file and the
    # workbook alike.
    directory = with_term(tmp_path, {"start": "2022-10-09", "end": "2023-01-13"})
    path = directory / "instance.yaml"
    text = path.read_text("utf-8")
    assert "start: '2022-10-09'" in text
    path.write_text(text.replace("start: '2022-10-09'", "start: 2022-10-32"), "utf-8")
    output = refused(directory, tmp_path)
    assert "term.start" in output and "'2022-10-32' is not a date written as 2022-10-09" in output
    book_path = tmp_path / "lanxi.xlsx"
    book_path.write_bytes(workbook_of_directory(LANXI, "zh"))
    book = load_workbook(book_path)
    for row in book["设置"].iter_rows(min_row=2):
        if row[0].value == "学期开始日期":
            row[1].value = "2022-02-30"
    book.save(book_path)
    result = run("solve", book_path, "--out", tmp_path / "out2")
    assert result.exit_code == 2 and "2022-02-30" in result.output, result.output
    assert not (tmp_path / "out2").exists()
