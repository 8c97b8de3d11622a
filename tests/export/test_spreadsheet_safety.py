"""Nothing a user typed runs as a formula (issue 19 part 5; OWASP, CSV injection): an instance
whose names, ids, subjects, season and break names start with = + - @ goes through every writer
(solve with its CSV files, bells_proposed.csv and --xlsx; export --xlsx/--html/--ics; template
--from; align --optimize). No workbook cell is a formula, every such text cell is text with
Excel's quote prefix, no CSV cell starts with = + - @ (they carry a leading '), numbers stay
numbers, and check and export read our own files back to the same ids."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from aligner.cli import main
from aligner.io import load_instance
from aligner.io.formats import FORMULA_STARTS, read_spreadsheet_text, spreadsheet_text
from tests.builders import write_instance

LINK = '=HYPERLINK("http://x.invalid","点我")'
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
SEASON = "@winter"
SETTINGS = {"name": "=1+1 联校", "season": SEASON, "days": ["Mon", "Tue"],
            "policy": {"min_sync_lessons_per_pair": 1, "min_online_lessons_per_school": 1,
                       "max_shift": 20}}


def _bells(school_id: str, *times: str) -> list[dict]:
    return [dict(school_id=school_id, season=SEASON, period=p, start=t.split("-")[0],
                 end=t.split("-")[1]) for p, t in enumerate(times, start=1)]


def hostile(directory: Path) -> Path:
    """A hub =H and a receiving school +R, every name and id a formula or a sign."""
    hub, rural = "=H", "+R"
    return write_instance(
        directory, SETTINGS,
        schools=[dict(school_id=hub, name=LINK, short_name="-主"),
                 dict(school_id=rural, name="@SUM(A1:A9)", short_name="+乡")],
        bells=_bells(hub, "08:00-08:40", "08:50-09:30", "10:00-10:40")
        + _bells(rural, "08:15-08:55", "09:05-09:45", "10:15-10:55")
        + [dict(school_id=hub, season=SEASON, period="", start="09:30", end="10:00",
                kind="break", name="=大课间")],
        classes=[dict(school_id=hub, class_id="-1", grade=3, name="=1+1班", head_teacher="@t1"),
                 dict(school_id=rural, class_id="@1", grade=3, name=LINK)],
        teachers=[dict(teacher_id="@t1", school_id=hub, name=LINK, max_load=20),
                  dict(teacher_id="=t2", school_id=hub, name="+王", max_load=20),
                  dict(teacher_id="-t3", school_id=rural, name="-李", max_load=20),
                  dict(teacher_id="@t4", school_id=rural, name="@张", max_load=20)],
        curriculum=[dict(school_id=hub, class_id="-1", subject="=数学", teacher_id="@t1",
                         per_week=2),
                    dict(school_id=hub, class_id="-1", subject="-语文", teacher_id="=t2",
                         per_week=2),
                    dict(school_id=rural, class_id="@1", subject="=数学", teacher_id="-t3",
                         per_week=2),
                    dict(school_id=rural, class_id="@1", subject="-语文", teacher_id="@t4",
                         per_week=2)],
        sync=[dict(course_id="=c1", form="sync", hub_school=hub, hub_teacher="@t1",
                   hub_class="-1", receiving_school=rural, receiving_class="@1",
                   subject="=数学", per_week=1, assistant_teacher="-t3")],
    )


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def csv_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def assert_csv_is_safe(path: Path) -> list[dict[str, str]]:
    """No cell starts with = + - @ tab or CR (the quoted ones start with '); returns the rows
    decoded."""
    rows = csv_cells(path)
    for number, row in enumerate(rows, start=1):
        for cell in row:
            assert cell[:1] not in DANGEROUS, (path.name, number, cell)
    header = rows[0]
    return [dict(zip(header, (read_spreadsheet_text(c) for c in row), strict=True))
            for row in rows[1:]]


def assert_workbook_is_safe(path: Path) -> int:
    """No cell is a formula; every text cell starting with = + - @ is text with the quote
    prefix. Returns how many such cells there are."""
    book = load_workbook(path)
    risky = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (path.name, sheet.title, cell.coordinate,
                                               cell.value)
                if isinstance(cell.value, str) and cell.value[:1] in FORMULA_STARTS:
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title,
                                                                        cell.coordinate)
                    risky += 1
    return risky


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    directory = hostile(base / "instance")
    out = base / "out"
    result = run("solve", directory, "--out", out, "--workers", "1", "--xlsx",
                 base / "solved.xlsx", "--align-bells", "--quiet")
    assert result.exit_code == 0, result.output
    return directory, out, base


def test_the_instance_reads_with_such_ids(solved):
    instance = load_instance(solved[0])
    assert {t.teacher_id for t in instance.teachers} == {"@t1", "=t2", "-t3", "@t4"}
    assert instance.school_name("=H") == LINK and instance.breaks[0].name == "=大课间"


def test_every_csv_output_neutralises_what_excel_would_run(solved):
    out = solved[1]
    lessons = assert_csv_is_safe(out / "lessons.csv")
    assert {r["teacher_id"] for r in lessons} == {"@t1", "=t2", "-t3", "@t4"}
    assert {r["subject"] for r in lessons} == {"=数学", "-语文"}
    assert {r["class_id"] for r in lessons} == {"-1", "@1"}
    assert all(r["period"].isdigit() for r in lessons)  # numbers stay numbers
    raw = (out / "lessons.csv").read_text("utf-8-sig")
    assert "'=H,'-1," in raw and ",'=数学,'@t1," in raw
    sessions = assert_csv_is_safe(out / "sessions.csv")
    assert {r["session_id"][:3] for r in sessions} == {"=c1"}
    assert {r["receiving_school_id"] for r in sessions} == {"+R"}
    assert all(r["overlap_minutes"].isdigit() for r in sessions)
    loads = assert_csv_is_safe(out / "teacher_load.csv")
    assert {r["teacher_id"] for r in loads} == {"@t1", "=t2", "-t3", "@t4"}
    assert all(float(r["credited"]) >= 0 for r in loads)
    compliance = assert_csv_is_safe(out / "compliance.csv")
    assert "=H->+R" in {r["scope"] for r in compliance}
    proposed = assert_csv_is_safe(out / "bells_proposed.csv")
    assert {r["school_id"] for r in proposed} == {"=H", "+R"}
    assert {r["season"] for r in proposed} == {SEASON}
    assert {r["name"] for r in proposed if r["kind"] == "break"} == {"=大课间"}


def test_every_workbook_writes_such_text_as_text(solved, tmp_path):
    directory, out, base = solved
    assert assert_workbook_is_safe(base / "solved.xlsx") > 20  # solve --xlsx
    exported = tmp_path / "export.xlsx"
    result = run("export", out, "--xlsx", exported, "--html", tmp_path / "site", "--ics",
                 tmp_path / "ics", "--from", "2022-10-09", "--to", "2022-10-31")
    assert result.exit_code == 0, result.output
    assert assert_workbook_is_safe(exported) > 20
    book = load_workbook(exported)
    workload = book["工作量统计"]
    names = {row[2] for row in workload.iter_rows(min_row=3, values_only=True) if row[1]}
    assert LINK in names and "+王" in names  # as written, and text
    template = tmp_path / "template.xlsx"
    result = run("template", "--xlsx", template, "--from", directory)
    assert result.exit_code == 0, result.output
    assert assert_workbook_is_safe(template) > 20
    # the template reads back to the same instance, every such text intact
    assert load_instance(template) == load_instance(directory)
    # HTML stays escaped
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "=HYPERLINK(&quot;http://x.invalid&quot;,&quot;点我&quot;)" in page


def test_align_optimize_neutralises_its_proposal(solved, tmp_path):
    result = run("align", solved[0], "--optimize", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    rows = assert_csv_is_safe(tmp_path / "bells_proposed.csv")
    assert {r["school_id"] for r in rows} == {"=H", "+R"}
    # the proposal reads back as bells: the quote goes, the ids are the instance's
    moved = load_instance(solved[0], bells=tmp_path / "bells_proposed.csv")
    assert {b.school_id for b in moved.bells} == {"=H", "+R"}
    assert [b.name for b in moved.breaks] == ["=大课间"]


def test_check_and_export_read_our_files_back(solved):
    directory, out, _ = solved
    result = run("check", directory, out)
    assert result.exit_code == 0, result.output
    assert "No hard rule is broken" in result.output
    assert "report out of date" not in result.output


def test_a_file_saved_back_by_excel_without_the_quotes_still_checks(solved, tmp_path):
    """Excel may drop the leading ' when it saves the CSV again: the ids are read as they are."""
    directory, out, _ = solved
    copy = tmp_path / "edited"
    copy.mkdir()
    for file in out.iterdir():
        text = file.read_bytes()
        if file.suffix == ".csv":
            rows = csv_cells(file)
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\r\n").writerows(
                [read_spreadsheet_text(c) for c in row] for row in rows)
            text = buffer.getvalue().encode("utf-8-sig")
        (copy / file.name).write_bytes(text)
    assert "=H,-1," in (copy / "lessons.csv").read_text("utf-8-sig")
    result = run("check", directory, copy)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text", ["=1+1", "+86", "-3", "@x", "\tx", "\rx", "'=x", "''", "'",
                                  "it's", "a=b", "", "数学", "'a"])
def test_the_quote_is_undone_exactly(text):
    written = spreadsheet_text(text)
    assert written[:1] not in DANGEROUS
    assert read_spreadsheet_text(written) == text
    assert (written == text) == (text[:1] not in (*DANGEROUS, "'"))
