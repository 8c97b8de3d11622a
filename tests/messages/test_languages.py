"""Messages in Chinese: how the language is chosen (--lang, ALIGNER_LANG, a Chinese workbook,
the locale), and what a user reads in Chinese: input errors with their file/row/column, the
explanation of an infeasible instance, the checker's violations, the summary, the components
solved in worker processes. No English sentence is left in Chinese mode."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from aligner.cli import main
from aligner.io import InputError, load_instance
from aligner.io.workbook import SETTING_KEYS, SETTING_NAMES, SHEETS, workbook_of_directory
from tests.builders import one_teacher_two_courses, sync_pair
from tests.solver.test_components import two_pairs
from tests.solving import LANXI

WORD = re.compile(r"^[(\"'`]*[A-Za-z][a-z']+[)\"'`,.;:!?]*$")


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def english_runs(text: str) -> list[str]:
    """Lines holding three English words in a row (identifiers such as max_load, statuses such
    as OPTIMAL and ids are not words): what a Chinese message must not hold."""
    found = []
    for line in text.splitlines():
        words = line.split()
        for i in range(len(words) - 2):
            if all(WORD.match(w) for w in words[i:i + 3]):
                found.append(line)
                break
    return found


@pytest.fixture
def environment(monkeypatch):
    """No language chosen: ALIGNER_LANG unset, an English locale; a test sets what it needs."""
    monkeypatch.delenv("ALIGNER_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return monkeypatch


def broken_lanxi(tmp_path: Path) -> tuple[Path, int]:
    """The example with a max_load of 'lots'; the spreadsheet row of that cell."""
    directory = tmp_path / "lanxi"
    shutil.copytree(LANXI, directory)
    path = directory / "teachers.csv"
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    rows[2][5] = "lots"  # the second teacher: spreadsheet row 3
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    return directory, 3


# ---- input errors ---------------------------------------------------------------------------


def test_a_broken_instance_is_named_in_chinese_with_file_row_and_column(tmp_path):
    directory, row = broken_lanxi(tmp_path)
    out = tmp_path / "out"
    result = run("--lang", "zh", "solve", directory, "--out", out)
    assert result.exit_code == 2, result.output
    assert f"错误：无法读取 {directory} 中的实例：" in result.output
    assert (f"teachers.csv，第 {row} 行，max_load 列：“lots”不是用数字写的数（应写成 12 或 13.5 这样）"
            in result.output)
    assert "（共 1 个问题）" in result.output
    assert not english_runs(result.output)
    assert not out.exists()
    # the same in English (the tests' language)
    result = run("solve", directory, "--out", out)
    assert f"teachers.csv, row {row}, column max_load: 'lots' is not a number" in result.output


def test_an_unknown_id_gets_did_you_mean_in_chinese(tmp_path):
    directory = tmp_path / "lanxi"
    shutil.copytree(LANXI, directory)
    path = directory / "curriculum.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace(",wx-t01,", ",WX-t01,", 1),
                    encoding="utf-8")
    result = run("--lang", "zh", "solve", directory)
    assert result.exit_code == 2
    assert "teacher_id 列：未知的教师“WX-t01”；是不是“wx-t01”？" in result.output


# ---- no timetable ---------------------------------------------------------------------------


def test_an_infeasible_instance_is_explained_in_chinese(tmp_path):
    directory = sync_pair(tmp_path, receiving_bells=("08:05-08:45", "09:05-09:45"),
                          policy={"min_overlap_minutes": 36})
    out = tmp_path / "out"
    result = run("--lang", "zh", "solve", directory, "--out", out)
    assert result.exit_code == 3, result.output
    assert "状态：INFEASIBLE（求解前即已查明无解）" in result.output
    assert "这个实例排不出课表。" in result.output and "原因：" in result.output
    sentence = "课程 ma 每周需要上 1 节，但H校只有 0 个节次与R校的节次重叠至少 36 分钟"
    assert sentence in result.output
    assert not english_runs(result.output)
    report = json.loads((out / "infeasibility.json").read_text(encoding="utf-8"))
    assert report["explanation"][0].startswith(sentence)   # sentences in the language
    assert report["findings"][0]["rule"] == "course"        # keys and rule names as they are
    assert report["findings"][0]["message"].startswith(sentence)


def test_a_conflict_found_by_the_solver_is_explained_in_chinese(tmp_path):
    directory = one_teacher_two_courses(tmp_path)
    out = tmp_path / "out"
    result = run("--lang", "zh", "solve", directory, "--out", out, "--workers", "1")
    assert result.exit_code == 3, result.output
    assert "以下规则不能同时满足（去掉其中任何一条就能排出课表）：" in result.output
    assert ("课程 en1 每周需要上 2 节，而H校只有 2 个节次（Mon 第 1 节、Tue 第 1 节）与R校的节次"
            "重叠至少 30 分钟") in result.output
    assert "教师 te每个节次最多只做一件事（上课、主讲或助教）" in result.output
    assert "正在查找不能同时满足的规则" in result.output
    assert not english_runs(result.output)
    report = json.loads((out / "infeasibility.json").read_text(encoding="utf-8"))
    assert report["found"] == "by the solver"  # values programs compare stay as they are
    rules = report["conflict"]["rules"]
    assert {r["rule"] for r in rules} == {"course", "alignment", "teacher"}
    assert rules[0]["description"] == "课程 en1（专递课堂，英语，H校 → R校）每周上 2 节"
    assert all(not english_runs(r["description"]) for r in rules)
    assert report["explanation"][-1] == "教师 te每个节次最多只做一件事（上课、主讲或助教）"


def test_components_solved_in_worker_processes_speak_the_parents_language(tmp_path):
    directory = two_pairs(tmp_path, second_min_overlap_breaker=True)
    out = tmp_path / "out"
    result = run("--lang", "zh", "solve", directory, "--out", out, "--jobs", "2", "--workers",
                 "1", "--oversubscribe", "--quiet")
    assert result.exit_code == 3, result.output
    # the capacity finding was made in a worker process
    assert "课程 yw 每周需要上 1 节，但G校只有 0 个节次与S校的节次重叠至少 30 分钟" in result.output
    assert "独立部分：2 个，分别求解" in result.output
    report = json.loads((out / "infeasibility.json").read_text(encoding="utf-8"))
    assert report["components"][0]["explanation"][0].startswith("课程 yw 每周需要上 1 节")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    findings = [f for c in summary["components"] for f in c.get("findings", ())]
    assert findings and findings[0].startswith("课程 yw")


# ---- the checker ----------------------------------------------------------------------------


def test_check_names_a_hand_broken_timetable_in_chinese(tmp_path):
    out = tmp_path / "out"
    assert run("solve", LANXI, "--out", out, "--workers", "1", "--no-grids").exit_code == 0
    path = out / "lessons.csv"
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    local = next(r for r in rows if r["mode"] == "local")
    other = next(r["teacher_id"] for r in rows
                 if r["mode"] == "local" and r["school_id"] == local["school_id"]
                 and r["teacher_id"] != local["teacher_id"])
    local["teacher_id"] = other  # a hand edit: another teacher takes the lesson
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("--lang", "zh", "check", LANXI, out)
    assert result.exit_code == 1, result.output
    assert "违反：[local_teacher]" in result.output
    assert "但课程计划中的任课教师是教师" in result.output
    assert re.search(r"共 \d+ 处违反，涉及 \d+ 条规则：", result.output)
    assert "重算目标值：" in result.output and "已重算 " in result.output
    assert not english_runs(result.output)
    english = run("check", LANXI, out)
    assert "broken: [local_teacher]" in english.output


def test_a_solve_and_its_summary_in_chinese(tmp_path):
    result = run("--lang", "zh", "solve", LANXI, "--out", tmp_path / "out", "--workers", "1",
                 "--grids", "all")
    assert result.exit_code == 0, result.output
    for text in ("状态：OPTIMAL（已证明最优）", "目标值：65（最好下界 65，差距 0.00%）",
                 "目标项", "在线课：每周 13 节", "达标情况：全部", "任课教师：", "班主任",
                 "已将 lessons.csv、sessions.csv、teacher_load.csv、compliance.csv、summary.json 写入"):
        assert text in result.output, text
    assert not english_runs(result.output)
    aligned = run("--lang", "zh", "align", LANXI, "--optimize", "--out", tmp_path / "proposal",
                  "--time-limit", "5")
    assert aligned.exit_code == 0, aligned.output
    assert "主讲端能上在线课的节次" in aligned.output and "建议的作息时间" in aligned.output
    assert not english_runs(aligned.output)


# ---- how the language is chosen ----------------------------------------------------------------


def test_a_chinese_locale_speaks_chinese(tmp_path, environment):
    directory, _ = broken_lanxi(tmp_path)
    environment.setenv("LANG", "zh_CN.UTF-8")
    assert "错误：无法读取" in run("solve", directory).output
    environment.setenv("LC_ALL", "en_US.UTF-8")   # LC_ALL comes before LANG
    assert "error: cannot read" in run("solve", directory).output
    environment.delenv("LC_ALL")
    environment.setenv("LC_MESSAGES", "zh_TW.UTF-8")
    environment.setenv("LANG", "en_US.UTF-8")
    assert "错误：无法读取" in run("solve", directory).output


def chinese_workbook(tmp_path: Path, lang: str = "zh") -> Path:
    """The example as the (Chinese or English) template writes it, one max_load 'lots'."""
    path = tmp_path / f"lanxi-{lang}.xlsx"
    path.write_bytes(workbook_of_directory(LANXI, lang))
    book = load_workbook(path)
    book["教师" if lang == "zh" else "teachers"]["F3"] = "lots"
    book.save(path)
    return path


@pytest.mark.slow
def test_a_chinese_workbook_speaks_chinese(tmp_path, environment):
    path = chinese_workbook(tmp_path)
    result = run("solve", path, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert ("lanxi-zh.xlsx，工作表 教师，第 3 行，F 列（最多课时）：“lots”不是用数字写的数"
            in result.output)
    with pytest.raises(InputError) as caught:  # from Python too
        load_instance(path)
    assert "工作表 教师，第 3 行" in str(caught.value)
    english = chinese_workbook(tmp_path, "en")
    result = run("solve", english, "--out", tmp_path / "out")
    assert "lanxi-en.xlsx, sheet teachers, row 3, column F (max_load): 'lots'" in result.output


def test_lang_en_wins(tmp_path, environment):
    path = chinese_workbook(tmp_path)
    environment.setenv("LANG", "zh_CN.UTF-8")
    environment.setenv("ALIGNER_LANG", "zh")
    result = run("--lang", "en", "solve", path)
    assert "lanxi-zh.xlsx, sheet 教师, row 3, column F (最多课时): 'lots'" in result.output
    environment.setenv("ALIGNER_LANG", "en")   # ALIGNER_LANG before the workbook and locale
    assert "sheet 教师, row 3" in run("solve", path).output
    environment.setenv("ALIGNER_LANG", "zh")
    environment.setenv("LANG", "en_US.UTF-8")
    directory, row = broken_lanxi(tmp_path)
    assert f"teachers.csv，第 {row} 行" in run("solve", directory).output
    assert f"teachers.csv, row {row}" in run("--lang", "en", "solve", directory).output


# ---- the Chinese template ----------------------------------------------------------------------


@pytest.mark.slow
def test_the_chinese_template_names_sheets_and_settings_keys_in_chinese(tmp_path):
    path = tmp_path / "模板.xlsx"
    assert run("template", "--xlsx", path, "--from", LANXI).exit_code == 0
    book = load_workbook(path)
    assert book.sheetnames == ["说明", *(names[1] for names in SHEETS.values())]
    keys = [row[0] for row in book["设置"].iter_rows(min_row=2, values_only=True)]
    assert keys and all(key in SETTING_KEYS for key in keys)  # every key by its Chinese name
    assert load_instance(path) == load_instance(LANXI)
    empty = tmp_path / "空白.xlsx"  # every key, at its default
    assert run("template", "--xlsx", empty).exit_code == 0
    keys = [row[0] for row in load_workbook(empty)["设置"].iter_rows(min_row=2, values_only=True)]
    assert {SETTING_KEYS[key] for key in keys} == {
        k for k in SETTING_NAMES if k != "policy.level_min_online_per_semester"}
    english = tmp_path / "template.xlsx"
    assert run("template", "--xlsx", english, "--lang", "en").exit_code == 0
    book = load_workbook(english)
    assert book.sheetnames == ["read me", *(names[0] for names in SHEETS.values())]
    assert book["instance"]["A1"].value == "key"
    assert {row[0] for row in book["instance"].iter_rows(min_row=2, values_only=True)} == {
        k for k in SETTING_NAMES if k != "policy.level_min_online_per_semester"}


def test_english_and_chinese_settings_keys_may_be_mixed(tmp_path):
    path = tmp_path / "mixed.xlsx"
    path.write_bytes(workbook_of_directory(LANXI, "zh"))
    book = load_workbook(path)
    sheet = book["设置"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "在线课折算系数":
            row[0].value = "policy.online_credit"   # English, among the Chinese keys
            row[1].value = "2"
        elif row[0].value == "学期周数":
            row[1].value = "20"
    book.save(path)
    instance = load_instance(path)
    assert str(instance.policy.online_credit) == "2" and instance.policy.semester_weeks == 20


def test_lang_after_the_command(tmp_path):
    from click.testing import CliRunner

    from aligner.cli import main
    from tests.builders import sync_pair

    directory = sync_pair(tmp_path)
    path = directory / "teachers.csv"
    path.write_text(path.read_text("utf-8").replace("th,H,th,,0,20,", "th,H,th,,0,lots,"),
                    "utf-8")
    english = CliRunner().invoke(main, ["solve", str(directory), "--lang", "en"])
    chinese = CliRunner().invoke(main, ["solve", str(directory), "--lang", "zh"])
    assert english.exit_code == chinese.exit_code == 2
    assert "row 2, column max_load" in english.output
    assert "第 2 行，max_load 列" in chinese.output


@pytest.mark.parametrize("command", [["check-substitutions", "nowhere", "nothing"],
                                     ["bench", "nothing.toml"],
                                     ["export-fet", "nowhere", "--out", "x.fet"],
                                     ["read-fet-timetable", "nowhere", "nothing", "--out", "x"]])
def test_every_command_takes_lang_after_it(command):
    """The commands an office runs last (found missing by a new user's trial) accept --lang after
    the command like the others: click answers 'No such option' otherwise (exit 2 before any
    message); with it, the command's own message about the missing input comes in Chinese."""
    from click.testing import CliRunner

    from aligner.cli import main

    result = CliRunner().invoke(main, [*command, "--lang", "zh"])
    assert "No such option" not in result.output
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.output), result.output


def test_the_note_of_another_instance_follows_the_workbook(tmp_path, environment):
    # A timetable solved for the directory, checked against a Chinese workbook of it: every line
    # in Chinese, the note that summary.json names another instance included (it was said
    # before the workbook was read, in English).
    from click.testing import CliRunner

    from aligner.cli import main
    from aligner.io.workbook import workbook_of_directory

    out = tmp_path / "out"
    solved = CliRunner().invoke(main, ["solve", str(LANXI), "--out", str(out), "--workers", "1",
                                       "--no-grids", "--quiet"])
    assert solved.exit_code == 0, solved.output
    book = tmp_path / "lanxi.xlsx"
    book.write_bytes(workbook_of_directory(LANXI, "zh"))
    checked = CliRunner().invoke(main, ["check", str(book), str(out)])
    assert checked.exit_code == 0, checked.output
    assert "注意：这张课表是为实例" in checked.output
    assert "note: this timetable" not in checked.output
