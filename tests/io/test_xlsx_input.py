"""An instance as one .xlsx workbook: equal to the CSV directory it was written from, Chinese
headers and form names, cells as Excel stores them, errors naming sheet, row and column, the
template, and solve/check/align on a workbook."""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from aligner.cli import main
from aligner.io import InputError, load_instance, load_schedules
from aligner.io.workbook import workbook_of_directory
from tests.builders import sync_pair
from tests.office import LIANYUN, lanxi_with_doubles
from tests.solving import LANXI, assert_valid


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_workbook_and_directory_give_equal_instances(tmp_path, lang):
    path = tmp_path / "lanxi.xlsx"
    path.write_bytes(workbook_of_directory(LANXI, lang))
    from_csv, from_book = load_instance(LANXI), load_instance(path)
    assert from_book == from_csv
    assert from_book.model_dump() == from_csv.model_dump()
    assert load_schedules(path) == load_schedules(LANXI)


def test_the_template_stores_numbers_as_numbers_and_ids_as_text(tmp_path):
    """A spreadsheet flags numbers stored as text: the workbook writes loads and periods as
    numbers (and reads them back as the CSV's text: the instances are equal above), ids as
    text, and numbers that would not read back the same ("08", "1.50") as text."""
    from openpyxl import load_workbook

    from aligner.io.workbook import _cell_value

    path = tmp_path / "lanxi.xlsx"
    path.write_bytes(workbook_of_directory(LANXI, "en"))
    book = load_workbook(path)
    teachers = [[cell.value for cell in row] for row in book["teachers"].iter_rows()]
    header = teachers[0]
    first = dict(zip(header, teachers[1], strict=False))
    assert first["min_load"] == 10 and first["max_load"] == 16
    assert isinstance(first["teacher_id"], str) and isinstance(first["school_id"], str)
    periods = [row[2].value for row in book["bells"].iter_rows(min_row=2)]
    assert 1 in periods and all(p is None or isinstance(p, int) for p in periods)
    assert _cell_value("max_load", "16") == 16 and _cell_value("weight", "1.5") == 1.5
    assert _cell_value("max_load", "08") == "08" and _cell_value("weight", "1.50") == "1.50"
    assert _cell_value("weight", "nan") == "nan" and _cell_value("max_load", "x") == "x"
    assert _cell_value("teacher_id", "16") == "16"  # an id stays text


@pytest.mark.slow
def test_several_seasons_and_doubles_survive_the_workbook(tmp_path):
    path = tmp_path / "lianyun.xlsx"
    path.write_bytes(workbook_of_directory(LIANYUN))
    assert load_instance(path) == load_instance(LIANYUN)
    assert load_instance(path).seasons == ("winter", "summer")
    doubles = lanxi_with_doubles(tmp_path)
    path = tmp_path / "doubles.xlsx"
    path.write_bytes(workbook_of_directory(doubles))
    assert load_instance(path) == load_instance(doubles)
    assert any(row.doubles for row in load_instance(path).curriculum)


def _office_workbook(path, **changes):
    """The sync pair of the builders as an office types it: Chinese sheet and column names,
    同步课堂, real numbers and times, settings in Chinese keys where there are any."""
    book = Workbook()
    settings = book.active
    settings.title = "设置"
    for row in (["项目", "值"], ["名称", "tiny"], ["季节", "winter"], ["上课日", "Mon、Tue"],
                ["policy.min_sync_lessons_per_pair", 0],
                ["policy.min_online_lessons_per_school", 0]):
        settings.append(row)
    tables = {
        "学校": [["学校编号", "学校名称", "同步教室数"], ["H", "H校", 1], ["R", "R校", 1]],
        "作息时间": [["学校编号", "季节", "节次", "开始时间", "结束时间"],
                 ["H", "winter", 1, dt.time(8, 0), dt.time(8, 40)],
                 ["H", "winter", 2, dt.time(9, 0), dt.time(9, 40)],
                 ["R", "winter", 1, dt.time(8, 0), dt.time(8, 40)],
                 ["R", "winter", 2, dt.time(9, 0), dt.time(9, 40)]],
        "班级": [["学校编号", "班级编号", "年级", "班级名称"], ["H", "h1", 3, "h1"],
               ["R", "r1", 3, "r1"]],
        "教师": [["教师编号", "学校编号", "姓名", "骨干级别", "最少课时", "最多课时"],
               ["th", "H", "th", None, 0, 20], ["tr", "R", "tr", None, None, 20]],
        "课程计划": [["学校编号", "班级编号", "科目", "教师编号", "周课时"],
                 ["H", "h1", "数学", "th", 2], ["R", "r1", "数学", "tr", 2]],
        "网络课程": [["课程编号", "形式", "主讲学校", "主讲教师", "主讲班级", "接收学校", "接收班级",
                  "科目", "周课时", "助教"],
                 ["ma", "同步课堂", "H", "th", "h1", "R", "r1", "数学", "1-2", "tr"]],
    }
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        for row in changes.get(name, rows):
            sheet.append(row)
    book.save(path)
    return path


def test_chinese_names_and_excel_cells_read_like_the_csv(tmp_path):
    path = _office_workbook(tmp_path / "办公室.xlsx")
    directory = sync_pair(tmp_path, per_week="1-2", days=("Mon", "Tue"))
    from_book, from_csv = load_instance(path), load_instance(directory)
    assert from_book.model_dump() | {"name": ""} == from_csv.model_dump() | {"name": ""}
    assert from_book.courses[0].form == "sync"


def test_errors_name_the_sheet_row_and_column(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook_of_directory(LANXI))
    book = load_workbook(path)
    book["教师"]["F3"] = "lots"                         # 最多课时
    book["网络课程"]["I3"] = dt.datetime(2022, 3, 2)    # 2-3 turned into a date by Excel
    book["作息时间"]["E2"] = "9点10分"
    book["网络课程"]["B2"] = "直播课堂"
    book.save(path)
    with pytest.raises(InputError) as caught:
        load_instance(path)
    messages = [str(issue) for issue in caught.value.issues]
    assert "bad.xlsx, sheet 作息时间, row 2, column E (结束时间): '9点10分' is not a time" in \
        "\n".join(messages)
    assert any(m.startswith("bad.xlsx, sheet 教师, row 3, column F (最多课时): 'lots'")
               for m in messages)
    assert any(m.startswith("bad.xlsx, sheet 网络课程, row 3, column I (周课时)") and "date" in m
               for m in messages)
    assert any(m.startswith("bad.xlsx, sheet 网络课程, row 2, column B (形式)") for m in messages)
    out = tmp_path / "out"
    result = run("solve", path, "--out", out)
    assert result.exit_code == 2
    assert "sheet 教师, row 3, column F (最多课时)" in result.output
    assert not out.exists()


def test_missing_sheets_and_settings_are_named(tmp_path):
    path = tmp_path / "half.xlsx"
    path.write_bytes(workbook_of_directory(LANXI))
    book = load_workbook(path)
    del book["课程计划"]
    book["设置"]["B3"] = "x"  # season 'x': no bells for it... after the sheets are fixed
    # (a key given twice is an error of its own: set the one row there is)
    row = next(r for r in book["设置"].iter_rows() if r[0].value == "在线课折算系数")
    row[1].value = 1.2
    book.save(path)
    with pytest.raises(InputError) as caught:
        load_instance(path)
    text = str(caught.value)
    assert "half.xlsx: has no sheet 'curriculum'" in text
    assert "sheet 设置, row" in text and "policy.online_credit (在线课折算系数)" in text
    assert "1.5" in text


def test_a_setting_given_twice_in_the_workbook_is_named(tmp_path):
    path = tmp_path / "twice.xlsx"
    path.write_bytes(workbook_of_directory(LANXI))
    book = load_workbook(path)
    book["设置"].append(["policy.online_credit", 2.0])
    book.save(path)
    with pytest.raises(InputError) as caught:
        load_instance(path)
    assert "'policy.online_credit' is given twice" in str(caught.value)


def test_a_file_that_is_no_workbook(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_instance(path)
    assert str(caught.value).startswith("broken.xlsx: cannot be read as an .xlsx workbook")


def test_template_is_annotated_and_refuses_to_overwrite(tmp_path):
    path = tmp_path / "模板.xlsx"
    result = run("template", "--xlsx", path)
    assert result.exit_code == 0, result.output
    book = load_workbook(path)
    assert book.sheetnames == ["说明", "设置", "学校", "作息时间", "班级", "教师", "课程计划",
                               "网络课程", "专用教室", "固定课程", "间隔天数"]
    header = book["课程计划"][1]
    assert [c.value for c in header][:5] == ["学校编号", "班级编号", "科目", "教师编号", "周课时"]
    assert all(c.comment and c.comment.text for c in header)
    assert any(v.formula1 == '"同步课堂,专递课堂,名师课堂"'
               for v in book["网络课程"].data_validations.dataValidation)
    settings = {row[0]: row[1] for row in book["设置"].iter_rows(min_row=2, values_only=True)}
    assert settings["在线课折算系数"] == "1.5" and settings["季节"] == "冬令"
    assert settings["上课日"] == "周一, 周二, 周三, 周四, 周五"
    # the empty template is read without a traceback: every empty table is named
    with pytest.raises(InputError) as caught:
        load_instance(path)
    assert "sheet 学校" in str(caught.value)
    again = run("template", "--xlsx", path)
    assert again.exit_code == 2 and "--force" in again.output


def test_solve_check_and_align_take_a_workbook(tmp_path):
    path = tmp_path / "pair.xlsx"
    directory = sync_pair(tmp_path, per_week="1-2", days=("Mon", "Tue"))
    assert run("template", "--xlsx", path, "--from", directory).exit_code == 0
    out = tmp_path / "out"
    result = run("solve", path, "--out", out, "--workers", "1")
    assert result.exit_code == 0, result.output
    assert_valid(load_instance(path), out)
    assert run("check", path, out).exit_code == 0
    result = run("align", path)
    assert result.exit_code == 0 and "H校 (H, hub) -> R校 (R, receiving)" in result.output


def test_default_output_directory_drops_the_suffix(tmp_path, monkeypatch):
    shutil.copy(_office_workbook(tmp_path / "pair.xlsx"), tmp_path / "school.xlsx")
    monkeypatch.chdir(tmp_path)
    result = run("solve", "school.xlsx", "--no-grids", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "school" / "lessons.csv").is_file()


def test_an_old_xls_file_is_named_as_such(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=r"old-style \.xls workbook; save it in Excel as \.xlsx"):
        load_instance(path)


@pytest.mark.parametrize("preset, seed", [("pair", 0), ("pair", 1),
                                          pytest.param("county", 2, marks=pytest.mark.slow)])
def test_generated_instances_survive_the_workbook(tmp_path, preset, seed):
    from aligner.generate import generate

    directory = generate(preset, seed).write(tmp_path / "instance")
    path = tmp_path / "instance.xlsx"
    path.write_bytes(workbook_of_directory(directory))
    assert load_instance(path) == load_instance(directory)


def test_an_id_turned_into_a_date_is_named_in_sheet_terms(tmp_path):
    # Excel turns a class id 1-1 typed into a General cell into a date.
    path = tmp_path / "dates.xlsx"
    path.write_bytes(workbook_of_directory(LANXI))
    book = load_workbook(path)
    sheet = book["课程计划"]
    header = [c.value for c in sheet[1]]
    column = header.index(next(h for h in header if h in ("class_id", "班级编号"))) + 1
    sheet.cell(row=2, column=column).value = dt.datetime(2026, 1, 1)
    book.save(path)
    with pytest.raises(InputError) as caught:
        load_instance(path)
    text = str(caught.value)
    assert "dates.xlsx, sheet 课程计划, row 2" in text
    assert "Excel may have turned an id such as 1-1 into one" in text
    assert "(see sheet 班级)" in text and ".csv" not in text


def test_breaks_and_head_teachers_in_an_office_workbook(tmp_path):
    """作息时间 with 类型/名称 (课间 rows between the periods, a 眼保健操 note) and 班级 with 班主任,
    as an office types them; a bad break row is named in the workbook's own terms."""
    bells = [["学校编号", "季节", "节次", "开始时间", "结束时间", "类型", "名称"],
             ["H", "winter", None, dt.time(7, 50), dt.time(8, 0), "课间", "晨间活动"],
             ["H", "winter", 1, dt.time(8, 0), dt.time(8, 40), "上课", "眼保健操"],
             ["H", "winter", None, dt.time(8, 40), dt.time(9, 0), "课间", "大课间"],
             ["H", "winter", 2, dt.time(9, 0), dt.time(9, 40), None, None],
             ["R", "winter", 1, dt.time(8, 0), dt.time(8, 40)],
             ["R", "winter", 2, dt.time(9, 0), dt.time(9, 40)]]
    classes = [["学校编号", "班级编号", "年级", "班级名称", "班主任"], ["H", "h1", 3, "h1", "th"],
               ["R", "r1", 3, "r1", None]]
    path = _office_workbook(tmp_path / "作息.xlsx", 作息时间=bells, 班级=classes)
    instance = load_instance(path)
    assert [(b.name, b.times) for b in instance.breaks_of("H")] == [
        ("晨间活动", "07:50-08:00"), ("大课间", "08:40-09:00")]
    assert instance.bell("H", 1).name == "眼保健操"
    assert instance.class_by_key[("H", "h1")].head_teacher == "th"
    bells[3] = ["H", "winter", 3, dt.time(8, 30), dt.time(9, 0), "课间", "大课间"]
    classes[2] = ["R", "r1", 3, "r1", "th"]
    path = _office_workbook(tmp_path / "错.xlsx", 作息时间=bells, 班级=classes)
    with pytest.raises(InputError) as caught:
        load_instance(path)
    messages = [str(issue) for issue in caught.value.issues]
    assert messages[0] == ("错.xlsx, sheet 作息时间, row 4, column C (节次): a break has no period "
                           "number, but this row gives '3'; leave period blank (or make the row "
                           "kind period)"), messages
    # (the classes are only checked once the bells are right)
    bells[3] = ["H", "winter", None, dt.time(8, 30), dt.time(9, 0), "课间", "大课间"]
    path = _office_workbook(tmp_path / "错2.xlsx", 作息时间=bells, 班级=classes)
    with pytest.raises(InputError) as caught:
        load_instance(path)
    messages = [str(issue) for issue in caught.value.issues]
    assert any(m.startswith("错2.xlsx, sheet 作息时间, row 4, column D (开始时间): school H, "
                            "season winter: break 大课间 (08:30-09:00) overlaps period 1")
               for m in messages), messages
    assert any(m.startswith("错2.xlsx, sheet 班级, row 3, column E (班主任): head teacher 'th' "
                            "belongs to school 'H', not 'R'") for m in messages), messages


def test_the_template_has_the_break_and_head_teacher_columns(tmp_path):
    path = tmp_path / "模板.xlsx"
    assert run("template", "--xlsx", path).exit_code == 0
    book = load_workbook(path)
    assert [c.value for c in book["作息时间"][1]] == ["学校编号", "季节", "节次", "开始时间",
                                                      "结束时间", "类型", "名称"]
    assert [c.value for c in book["班级"][1]][-2:] == ["班主任", "学生数"]
    kind, name = book["作息时间"]["F1"], book["作息时间"]["G1"]
    assert "课间" in kind.comment.text and "可不填此列" in kind.comment.text
    assert "眼保健操" in name.comment.text
    assert any(v.formula1 == '"上课,课间"' for v in book["作息时间"].data_validations.dataValidation)
    assert book["班级"]["E2"].number_format == "@"  # a teacher id, kept as typed
    english = tmp_path / "en.xlsx"
    assert run("template", "--xlsx", english, "--lang", "en").exit_code == 0
    assert [c.value for c in load_workbook(english)["bells"][1]][-2:] == ["kind", "name"]
    # the example, with its breaks and head teachers, survives template --from
    filled = tmp_path / "lanxi.xlsx"
    assert run("template", "--xlsx", filled, "--from", LANXI).exit_code == 0
    assert load_instance(filled).breaks == load_instance(LANXI).breaks != ()
    assert load_instance(filled).classes == load_instance(LANXI).classes


def test_class_sizes_travel_through_the_template(tmp_path):
    """classes.csv students (学生数): read, written by template --from, read back; -3 refused."""
    directory = sync_pair(tmp_path)
    path = directory / "classes.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    rows[0]["students"] = "32"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(dict.fromkeys([*rows[0], "students"])))
        writer.writeheader()
        writer.writerows(rows)
    assert load_instance(directory).class_by_key[("H", "h1")].students == 32
    assert load_instance(directory).class_by_key[("R", "r1")].students is None
    filled = tmp_path / "filled.xlsx"
    assert run("template", "--xlsx", filled, "--from", directory).exit_code == 0
    assert load_instance(filled).class_by_key[("H", "h1")].students == 32
    book = load_workbook(filled)
    book["班级"]["F2"] = -3
    book.save(filled)
    with pytest.raises(InputError) as caught:
        load_instance(filled)
    assert [str(i) for i in caught.value.issues] == [
        "filled.xlsx, sheet 班级, row 2, column F (学生数): -3 pupils: a class's students is a "
        "whole number of 0 or more (blank = not given)"]


def test_teacher_gap_limits_travel_through_the_template(tmp_path):
    """teachers.csv max_gaps_per_day, max_gaps_per_week (每天最多空堂, 每周最多空堂): written by
    template --from, read back; an Excel 0 is a limit (no gap), not a blank; 'lots' refused."""
    directory = sync_pair(tmp_path)
    path = directory / "teachers.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    rows[0] |= {"max_gaps_per_day": "1", "max_gaps_per_week": "3"}
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(
            dict.fromkeys([*rows[0], "max_gaps_per_day", "max_gaps_per_week"])))
        writer.writeheader()
        writer.writerows(rows)
    th = load_instance(directory).teacher_by_id["th"]
    assert (th.max_gaps_per_day, th.max_gaps_per_week) == (1, 3)
    filled = tmp_path / "filled.xlsx"
    assert run("template", "--xlsx", filled, "--from", directory).exit_code == 0
    assert load_instance(filled) == load_instance(directory)
    book = load_workbook(filled)
    header = [c.value for c in book["教师"][1]]
    assert header[-3:] == ["每天最多空堂", "每周最多空堂", "每天最少"]
    day = header.index("每天最多空堂") + 1
    book["教师"].cell(row=2, column=day).value = 0
    book.save(filled)
    assert load_instance(filled).teacher_by_id["th"].max_gaps_per_day == 0
    book["教师"].cell(row=2, column=day).value = "lots"
    book.save(filled)
    with pytest.raises(InputError) as caught:
        load_instance(filled)
    assert "sheet 教师, row 2, column" in str(caught.value)
    assert "(每天最多空堂)" in str(caught.value)


def test_teacher_min_per_day_travels_through_the_template(tmp_path):
    """teachers.csv min_per_day (每天最少): written by template --from, read back; an Excel 0
    is refused (a day with a commitment has at least one)."""
    directory = sync_pair(tmp_path)
    path = directory / "teachers.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    rows[0] |= {"min_per_day": "2"}
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(dict.fromkeys([*rows[0], "min_per_day"])))
        writer.writeheader()
        writer.writerows(rows)
    assert load_instance(directory).teacher_by_id["th"].min_per_day == 2
    filled = tmp_path / "filled.xlsx"
    assert run("template", "--xlsx", filled, "--from", directory).exit_code == 0
    assert load_instance(filled) == load_instance(directory)
    book = load_workbook(filled)
    header = [c.value for c in book["教师"][1]]
    least = header.index("每天最少") + 1
    book["教师"].cell(row=2, column=least).value = 0
    book.save(filled)
    with pytest.raises(InputError) as caught:
        load_instance(filled)
    assert "sheet 教师, row 2, column" in str(caught.value)
    assert "(每天最少)" in str(caught.value)
