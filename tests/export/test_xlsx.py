"""aligner export --xlsx: the workbook read back with openpyxl, every lesson cell compared with
lessons.csv (doubles as merged cells), the sessions and workload sheets, print setup,
languages, several seasons, and solve --xlsx."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from aligner.cli import main
from aligner.io import load_instance
from tests.builders import sync_pair
from tests.office import DOUBLES, lessons, solved


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def lanxi(tmp_path_factory):
    return solved("lanxi", tmp_path_factory.mktemp("xlsx"))


@pytest.fixture(scope="module")
def book(lanxi, tmp_path_factory):
    instance, out = lanxi
    path = tmp_path_factory.mktemp("book") / "课表.xlsx"
    result = run("export", out, "--instance", instance, "--xlsx", path)
    assert result.exit_code == 0, result.output
    return load_workbook(path)


def _grid(sheet) -> tuple[dict[str, int], dict[int, int]]:
    """Columns of the days (header row 2) and rows of the periods (第n节 in column B)."""
    days = {cell.value: cell.column for cell in sheet[2]
            if cell.value and cell.value not in ("节次", "Period")}
    periods = {}
    for row in sheet.iter_rows(min_row=3, min_col=2, max_col=2):
        match = re.match(r"第(\d+)节", str(row[0].value or ""))
        if match:
            periods[int(match.group(1))] = row[0].row
    return days, periods


def _merged(sheet, row: int, column: int):
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return merged
    return None


DAY = {"Mon": "星期一", "Tue": "星期二", "Wed": "星期三", "Thu": "星期四", "Fri": "星期五"}
FORM = {"sync": "同步", "delivery": "专递", "famous": "名师"}


def test_every_class_cell_matches_lessons_csv(lanxi, book):
    instance_dir, out = lanxi
    instance = load_instance(instance_dir)
    rows = lessons(out)
    sessions = {}
    with (out / "sessions.csv").open(encoding="utf-8-sig") as stream:
        for row in csv.DictReader(stream):
            sessions[row["session_id"]] = row
    by_id: dict[tuple[str, str, str], list[dict]] = {}
    for row in rows:
        by_id.setdefault((row["school_id"], row["class_id"], row["lesson_id"]), []).append(row)
    doubles = 0
    for klass in instance.classes:
        sheet = book[f"{instance.short_name(klass.school_id)}-{klass.name}"]
        assert instance.school_name(klass.school_id) in sheet["A1"].value
        assert "冬令" in sheet["A1"].value
        days, periods = _grid(sheet)
        mine = [r for r in rows if (r["school_id"], r["class_id"]) == klass.key]
        filled = set()
        for row in mine:
            at = (periods[int(row["period"])], days[DAY[row["day"]]])
            pair = by_id[(row["school_id"], row["class_id"], row["lesson_id"])]
            merged = _merged(sheet, *at)
            if len(pair) == 2:  # a double: one merged cell over both periods
                first = min(int(r["period"]) for r in pair)
                assert merged is not None, f"double {row['lesson_id']} is not merged"
                assert (merged.min_row, merged.max_row) == (periods[first], periods[first + 1])
                at = (merged.min_row, merged.min_col)
                doubles += 1
            else:
                assert merged is None
            text = sheet.cell(*at).value
            filled.add(at)
            assert text.split("\n")[0].startswith(row["subject"]), (row, text)
            if row["mode"] == "local":
                assert text.split("\n")[1] == instance.teacher_name(row["teacher_id"])
            else:
                form = sessions[row["session_id"]]["form"]
                partner = instance.short_name(
                    sessions[row["session_id"]]["hub_school_id"]
                    if row["mode"] == "online-receiving"
                    else sessions[row["session_id"]]["receiving_school_id"])
                assert f"[{FORM[form]}" in text and partner in text
                assert instance.teacher_name(row["teacher_id"]) in text
        # nothing else in the grid: every filled cell is a lesson of lessons.csv
        for column in days.values():
            for row_number in periods.values():
                value = sheet.cell(row_number, column).value
                assert (value is None) == ((row_number, column) not in filled), \
                    (sheet.title, row_number, column, value)
    assert doubles == 2 * sum(DOUBLES.values())  # each row of each double met once


def test_teacher_and_overview_sheets_show_every_lesson(lanxi, book):
    instance_dir, out = lanxi
    instance = load_instance(instance_dir)
    rows = lessons(out)
    for teacher in instance.teachers:
        sheet = book[f"教师课表-{instance.short_name(teacher.school_id)}-{teacher.name}"]
        days, periods = _grid(sheet)
        for row in rows:
            if row["mode"] == "local" and row["teacher_id"] == teacher.teacher_id:
                at = (periods[int(row["period"])], days[DAY[row["day"]]])
                merged = _merged(sheet, *at)
                if merged is not None:
                    at = (merged.min_row, merged.min_col)
                text = sheet.cell(*at).value
                assert text.startswith(row["subject"])
                assert instance.class_name(row["school_id"], row["class_id"]) in text
    for school in instance.schools:
        sheet = book[f"总课表-{school.short_name}"]
        assert school.name in sheet["A1"].value
        names = {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1)}
        count = len(instance.periods(school.school_id))
        for row in rows:
            if row["school_id"] != school.school_id:
                continue
            column = 2 + list(DAY).index(row["day"]) * count + int(row["period"]) - 1
            at = (names[instance.class_name(row["school_id"], row["class_id"])], column)
            merged = _merged(sheet, *at)
            if merged is not None:
                at = (merged.min_row, merged.min_col)
            assert sheet.cell(*at).value.startswith(row["subject"])


def test_sessions_and_workload_sheets(lanxi, book):
    _, out = lanxi
    with (out / "sessions.csv").open(encoding="utf-8-sig") as stream:
        sessions = list(csv.DictReader(stream))
    sheet = book["同步课堂安排"]
    header = [c.value for c in sheet[2]]
    table = [dict(zip(header, (c.value for c in row), strict=True))
             for row in sheet.iter_rows(min_row=3) if row[0].value]
    assert len(table) == len(sessions)
    expected = sorted((s["course_id"], s["hub_period"], s["hub_start"] + "-" + s["hub_end"],
                       s["receiving_start"] + "-" + s["receiving_end"], int(s["overlap_minutes"]))
                      for s in sessions)
    got = sorted((r["课程"], str(r["主讲节次"]), r["主讲时间"], r["接收时间"], r["重叠(分钟)"])
                 for r in table)
    assert got == expected
    with (out / "teacher_load.csv").open(encoding="utf-8-sig") as stream:
        loads = {r["teacher_id"]: r for r in csv.DictReader(stream)}
    sheet = book["工作量统计"]
    header = [c.value for c in sheet[2]]
    seen = 0
    for row in sheet.iter_rows(min_row=3, values_only=True):
        if row[1] in loads:
            record = dict(zip(header, row, strict=True))
            assert float(record["折算课时"]) == float(loads[row[1]]["credited"])
            assert record["主讲在线课"] == int(loads[row[1]]["online_main"])
            seen += 1
    assert seen == len(loads)
    notes = [c.value for c in sheet["A"] if c.value and "1:1.5" in str(c.value)]
    assert notes and "1.5 × 主讲在线课" in notes[0]


def test_every_sheet_prints_on_a4_landscape_fitted_to_width(book):
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(sheet.page_setup.fitToWidth) == 1 and int(sheet.page_setup.fitToHeight) == 0
        assert sheet.print_title_rows and sheet.print_title_rows.startswith("$1:")


@pytest.mark.slow
def test_english_labels(lanxi, tmp_path):
    instance, out = lanxi
    path = tmp_path / "en.xlsx"
    assert run("export", out, "--instance", instance, "--xlsx", path, "--lang",
               "en").exit_code == 0
    book = load_workbook(path)
    assert "Overview-巫溪" in book.sheetnames and "Workload" in book.sheetnames
    sheet = book["巫溪-一(1)班"]
    assert [c.value for c in sheet[2]][2:] == ["Monday", "Tuesday", "Wednesday", "Thursday",
                                               "Friday"]
    assert sheet["B3"].value == "晨间活动 08:00-08:20"  # a break of the bells, by its name
    assert sheet["B4"].value.startswith("Period 1") and sheet["A3"].value == "Morning"


@pytest.mark.slow
def test_several_seasons_show_each_seasons_times(tmp_path_factory):
    instance_dir, out = solved("lianyun", tmp_path_factory.mktemp("lianyun"))
    path = tmp_path_factory.mktemp("book") / "lianyun.xlsx"
    result = run("export", out, "--instance", instance_dir, "--xlsx", path)
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    instance = load_instance(instance_dir)
    sheet = book[f"{instance.short_name('banqiao')}-{instance.class_name('banqiao', '1-1')}"]
    winter = instance.bell("banqiao", 1, "winter").times
    summer = instance.bell("banqiao", 1, "summer").times
    assert sheet["B3"].value == f"第1节\n{winter} / {summer}"
    assert "冬令+夏令" in sheet["A1"].value
    seasons = {row[0] for row in book["同步课堂安排"].iter_rows(min_row=3, values_only=True)
               if row[0]}
    assert seasons == {"冬令", "夏令"}


def test_solve_xlsx_and_export_finds_the_instance_by_itself(tmp_path):
    directory = sync_pair(tmp_path, per_week="1-2", days=("Mon", "Tue"))
    out, path = tmp_path / "out", tmp_path / "timetable.xlsx"
    result = run("solve", directory, "--out", out, "--workers", "1", "--xlsx", path)
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert Path(summary["instance_path"]) == directory.resolve()
    book = load_workbook(path)
    assert "H校-h1" in book.sheetnames and "R校-r1" in book.sheetnames
    cells = [c.value for row in book["R校-r1"].iter_rows(min_row=3) for c in row if c.value]
    assert any(str(v).startswith("数学 [同步←H校]") for v in cells)
    again = tmp_path / "again.xlsx"
    result = run("export", out, "--xlsx", again)  # no --instance: summary.json says where
    assert result.exit_code == 0, result.output
    assert again.is_file()


def test_export_without_an_instance_says_how_and_writes_nothing(lanxi, tmp_path):
    _, out = lanxi
    result = run("export", out, "--xlsx", tmp_path / "x.xlsx")
    assert result.exit_code == 2
    assert "--instance" in result.output and "instance_path" in result.output
    assert not (tmp_path / "x.xlsx").exists()
    result = run("export", out)
    assert result.exit_code == 2 and "--xlsx FILE" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()  # no timetable at all: said so, not that summary.json is old
    result = run("export", empty, "--xlsx", tmp_path / "e.xlsx")
    assert result.exit_code == 2
    assert "lessons.csv: file is missing from" in result.output
    assert "instance_path" not in result.output and not (tmp_path / "e.xlsx").exists()


def _copy_solution(out: Path, target: Path, change) -> Path:
    """The solution in ``out`` copied to ``target`` with lessons.csv rows changed."""
    target.mkdir()
    for file in out.iterdir():
        (target / file.name).write_bytes(file.read_bytes())
    with (out / "lessons.csv").open(encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    rows = change(rows)
    with (target / "lessons.csv").open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.mark.slow
def test_lessons_without_lesson_id_are_single_lessons(lanxi, tmp_path):
    instance, out = lanxi
    plain = _copy_solution(out, tmp_path / "plain", lambda rows: [
        {k: v for k, v in row.items() if k != "lesson_id"} for row in rows])
    path = tmp_path / "plain.xlsx"
    result = run("export", plain, "--instance", instance, "--xlsx", path, "--html",
                 tmp_path / "site")
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path)["巫溪-二(1)班"]
    days, periods = _grid(sheet)
    assert not [m for m in sheet.merged_cells.ranges if m.min_col >= 3 and m.min_row >= 3]
    mine = [r for r in lessons(plain) if (r["school_id"], r["class_id"]) == ("wuxi", "2-1")]
    for row in mine:
        text = sheet.cell(periods[int(row["period"])], days[DAY[row["day"]]]).value
        assert text.startswith(row["subject"])
    page = (tmp_path / "site" / "class-wuxi-2-1.html").read_text("utf-8")
    assert not re.search(r"<td[^>]*rowspan", page)  # (the 上午/下午 headers span rows)


def test_a_timetable_naming_an_unknown_class_is_refused_by_row(lanxi, tmp_path):
    instance, out = lanxi

    def change(rows):
        rows[4]["class_id"] = "9-9"
        return rows

    broken = _copy_solution(out, tmp_path / "broken", change)
    result = run("export", broken, "--instance", instance, "--xlsx", tmp_path / "b.xlsx")
    assert result.exit_code == 2
    assert "lessons.csv, row 6, column class_id: unknown class 9-9 of school" in result.output
    assert not (tmp_path / "b.xlsx").exists()


@pytest.mark.slow
def test_the_printed_week_as_schools_print_it(lanxi, tmp_path):
    """Titles with the head teacher and the date, 上午/下午 beside their periods, the named
    breaks of the bells between the periods, the teacher list with the assistant, and a key of
    the forms present only, each form with its own border for a black-and-white print."""
    instance_dir, out = lanxi
    instance = load_instance(instance_dir)
    path = tmp_path / "printed.xlsx"
    result = run("export", out, "--instance", instance_dir, "--xlsx", path, "--from-date",
                 "2022-10-09")
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    sheet = book["厚仁-五年级"]
    head = instance.teacher_name(instance.class_by_key[("houren", "5-1")].head_teacher)
    assert sheet["A1"].value == (f"兰溪市厚仁中心小学 冬令 班级课表 五年级　班主任：{head}　"
                                 "2022年10月9日起执行")
    column_b = [sheet.cell(r, 2).value for r in range(3, 13)]
    assert column_b[0] == "晨间活动 08:00-08:20"
    assert column_b[1].startswith("第1节") and column_b[2] == "第2节\n09:15-10:00\n眼保健操"
    assert column_b[3] == "大课间活动 10:00-10:30" and column_b[4].startswith("第3节")
    assert [sheet.cell(r, 1).value for r in (8, 9)] == ["中饭 11:10-12:00", "午间阅读 12:00-12:40"]
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert {"A3:A7", "A10:A12", "B3:G3", "B6:G6", "A8:G8", "A9:G9"} <= merged
    assert (sheet["A3"].value, sheet["A10"].value) == ("上午", "下午")
    # teacher list and key below the grid
    below = [sheet.cell(r, 1).value for r in range(13, sheet.max_row + 1)]
    listing = next(v for v in below if v and v.startswith("任课教师："))
    assert "唐国平（主讲·巫溪）、童晓军（助教）" in listing
    key = next(r for r in range(13, sheet.max_row + 1) if sheet.cell(r, 1).value == "图例")
    assert [sheet.cell(key, c).value for c in (3, 4, 5)] == ["[同步] 同步课堂", "[专递] 专递课堂",
                                                           None]
    # a form's cells and its key share a border style of its own
    styles: dict[str, set[str]] = {}
    for row in sheet.iter_rows(min_row=3, max_row=key):
        for cell in row:
            text = str(cell.value or "")
            for form, tag in (("sync", "[同步"), ("delivery", "[专递")):
                if tag in text:
                    styles.setdefault(form, set()).add(cell.border.left.style)
    assert styles == {"sync": {"medium"}, "delivery": {"mediumDashed"}}, styles
    # a class without online lessons has no key; the teacher sheets have theirs
    plain = book["巫溪-一(1)班"]
    assert "图例" not in [c.value for c in plain["A"]]
    assert "一(1)班班主任" in book[f"教师课表-巫溪-{instance.teacher_name('wx-t01')}"]["A1"].value


def test_reused_styles_write_the_workbook_made_cell_by_cell(lanxi, monkeypatch):
    """Boxed cells and merged ranges take the style ids of the first made alike (openpyxl's
    look-up of each new style took most of an export): the workbook's every part (sheets,
    styles, shared strings) is byte for byte the one made with each style made for its cell,
    but for the creation time in docProps/core.xml."""
    import io
    import zipfile

    import aligner.export.xlsx as xlsx
    from aligner.export.view import load_solution

    instance, out = lanxi
    solution = load_solution(out, instance)
    parts = []
    for reuse in (False, True):
        monkeypatch.setattr(xlsx, "REUSE_STYLES", reuse)
        with zipfile.ZipFile(io.BytesIO(xlsx.workbook_bytes(solution))) as book:
            parts.append({name: book.read(name) for name in book.namelist()
                          if name != "docProps/core.xml"})
    made, reused = parts
    assert made.keys() == reused.keys() and len(made) > 60  # (a part per sheet)
    for name in made:
        assert made[name] == reused[name], name
    assert b"mergeCell " in made["xl/worksheets/sheet1.xml"]  # (merged ranges were compared)


def test_a_reused_style_keeps_the_cells_own_number_format():
    """A date's cell keeps its date format when it takes a style made for a text cell."""
    import datetime as dt

    from openpyxl import Workbook

    from aligner.export.xlsx import _box

    sheet = Workbook().active
    _box(sheet.cell(row=1, column=1, value="text"))
    dated = sheet.cell(row=2, column=1, value=dt.date(2022, 10, 10))
    _box(dated)
    assert dated.is_date and dated.number_format != "General"
    assert dated.border.left.style == sheet.cell(row=1, column=1).border.left.style == "thin"


def test_sheet_names_stay_unique_without_regard_to_case():
    """Excel refuses two sheets whose names differ only in case: the second gets ~2, the
    third ~3, also after a sheet made and removed elsewhere."""
    from openpyxl import Workbook

    from aligner.export.xlsx import _sheet

    book = Workbook()
    names = [_sheet(book, wanted).title for wanted in ("一(1)班", "Grade", "grade", "GRADE")]
    assert names == ["一(1)班", "Grade", "grade~2", "GRADE~3"]
    book.remove(book["Sheet"])
    book.create_sheet("other")
    assert _sheet(book, "OTHER").title == "OTHER~2"
    assert _sheet(book, "a/b:c").title == "a_b_c"
