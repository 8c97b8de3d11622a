"""aligner diff: what changed between two timetables, per class, teacher and session end, as a
table, a frame and printed notices (调课通知)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

import aligner
from aligner.io import load_instance
from aligner.living.diff import DIFF_COLUMNS
from tests.living.conftest import edit_rows, run
from tests.solving import LANXI, assert_valid


@pytest.fixture(scope="module")
def moved(lanxi: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(instance, timetable) re-solved from Lanxi's after 方琳 (wx-t19) became unavailable on
    Monday period 3 (a local lesson of 五(1)班) and Tuesday period 1 (her sync session to
    厚仁's 三年级): the new timetable passes the checker."""
    root = tmp_path_factory.mktemp("moved")
    instance = root / "instance"
    shutil.copytree(LANXI, instance)
    edit_rows(instance / "teachers.csv", lambda row: row.update(
        unavailable="Mon:3;Tue:1") if row["teacher_id"] == "wx-t19" else None)
    out = root / "new"
    result = run("solve", instance, "--from", lanxi, "--out", out, "--workers", 1, "--no-grids",
                 "--quiet")
    assert result.exit_code == 0, result.output
    assert_valid(load_instance(instance), out)
    return instance, out


def test_nothing_changed(lanxi: Path, tmp_path: Path) -> None:
    assert aligner.diff(lanxi, lanxi).empty
    result = run("diff", lanxi, lanxi, "--html", tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "Nothing changed: no lesson moved, appeared or vanished." in result.stdout
    assert "没有通知" in (tmp_path / "site" / "index.html").read_text("utf-8")


def test_a_moved_lesson_per_class_and_per_teacher(lanxi: Path, moved: tuple[Path, Path]) -> None:
    frame = aligner.diff(lanxi, moved[1], moved[0])
    assert tuple(frame.columns) == DIFF_COLUMNS
    english = frame[(frame.view == "class") & (frame.school_id == "wuxi")
                    & (frame.class_id == "5-1") & (frame.subject == "英语")]
    assert english[["change", "old_day", "old_period", "teacher_id"]].values.tolist() == [
        ["moved", "Mon", "3", "wx-t19"]]
    assert english.new_day.iloc[0] != "Mon" or english.new_period.iloc[0] != "3"
    assert english.old_time.iloc[0] == "10:35-11:15"
    mine = frame[(frame.view == "teacher") & (frame.teacher_id == "wx-t19")]
    assert {("local", "5-1"), ("hub", "3-1")} <= set(zip(mine.role, mine["class_id"], strict=True))
    # whoever took the freed Monday period 3 of 五(1)班 is told too
    taken = frame[(frame.view == "class") & (frame.class_id == "5-1") & (frame.school_id == "wuxi")
                  & (frame.new_day == "Mon") & (frame.new_period == "3")]
    assert len(taken) == 1
    assert taken.teacher_id.iloc[0] in set(frame[frame.view == "teacher"].teacher_id)


def test_a_moved_session_at_both_ends(lanxi: Path, moved: tuple[Path, Path]) -> None:
    frame = aligner.diff(lanxi, moved[1], moved[0])
    ends = frame[(frame.view == "session") & (frame.course_id == "sync-en3")
                 & (frame.change == "moved")]
    assert set(zip(ends.school_id, ends.role, strict=True)) == {("wuxi", "hub"),
                                                                ("houren", "receiving")}
    assert set(ends.old_day) == {"Tue"} and set(ends.old_period) == {"1"}
    # the receiving class's row and its assistant's commitment move with it
    assert not frame[(frame.view == "class") & (frame.school_id == "houren")
                     & (frame.subject == "英语") & (frame.change == "moved")].empty
    assert not frame[(frame.view == "teacher") & (frame.teacher_id == "hr-t03")
                     & (frame.role == "assist")].empty


def test_hand_edits_vanish_appear_and_change_hands(lanxi: Path, tmp_path: Path) -> None:
    edited = tmp_path / "edited"
    shutil.copytree(lanxi, edited)

    def change(row: dict[str, str]) -> bool | None:
        key = (row["school_id"], row["class_id"], row["day"], row["period"])
        if key == ("houren", "1-1", "Mon", "1"):
            return False  # vanishes
        if key == ("houren", "1-1", "Mon", "2"):
            row["teacher_id"] = "hr-t12"  # another teacher at the same place
        return None

    edit_rows(edited / "lessons.csv", change)
    frame = aligner.diff(lanxi, edited, LANXI)
    classes = frame[frame.view == "class"]
    assert classes[["class_id", "subject", "change", "old_day", "old_period", "new_day",
                    "old_teacher_id", "teacher_id"]].values.tolist() == [
        ["1-1", "劳动", "changed", "Mon", "2", "Mon", "hr-t01", "hr-t12"],
        ["1-1", "语文", "vanished", "Mon", "1", "", "hr-t01", "hr-t01"]]
    teachers = frame[frame.view == "teacher"]
    assert set(zip(teachers.teacher_id, teachers.change, strict=True)) == {
        ("hr-t01", "vanished"), ("hr-t12", "appeared")}
    # and back: what vanished appears
    back = aligner.diff(edited, lanxi, LANXI)
    assert "appeared" in set(back[back.view == "class"].change)


def test_notices_in_chinese_by_default(lanxi: Path, moved: tuple[Path, Path],
                                       tmp_path: Path) -> None:
    result = run("diff", lanxi, moved[1], "--xlsx", tmp_path / "n.xlsx", "--html",
                 tmp_path / "site", "--from-date", "2022-10-24", "--csv", tmp_path / "d.csv")
    assert result.exit_code == 0, result.output
    assert "Classes:" in result.stdout and "Online sessions" in result.stdout
    site = tmp_path / "site"
    page = (site / "class-wuxi-5-1.html").read_text("utf-8")
    assert "调课通知" in page and "自2022年10月24日起，本班课表调整如下：" in page
    assert "星期一 第3节 10:35-11:15" in page and "兰溪市巫溪中心小学教务处" in page
    teacher = (site / "teacher-wx-t19.html").read_text("utf-8")
    assert "方琳老师：" in teacher and "主讲" in teacher
    # the partner school of the moved session is told, with the hub's new times
    partner = (site / "school-houren.html").read_text("utf-8")
    assert "sync-en3" in partner and "接收端" in partner and "巫溪 星期" in partner
    index = (site / "index.html").read_text("utf-8")
    assert 'href="school-wuxi.html"' in index and 'href="class-houren-3-1.html"' in index
    book = load_workbook(tmp_path / "n.xlsx")
    assert book.sheetnames == ["巫溪", "厚仁"]
    texts = [c.value for row in book["巫溪"].iter_rows() for c in row if c.value]
    assert texts.count("调课通知") >= 3 and "方琳老师：" in texts
    assert book["巫溪"].page_setup.orientation == "portrait"
    assert len(book["巫溪"].row_breaks.brk) == texts.count("调课通知") - 1
    frame = aligner.diff(lanxi, moved[1])
    assert (tmp_path / "d.csv").read_text("utf-8").splitlines()[0] == ",".join(DIFF_COLUMNS)
    assert len((tmp_path / "d.csv").read_text("utf-8").splitlines()) == len(frame) + 1


def test_notices_in_english(lanxi: Path, moved: tuple[Path, Path], tmp_path: Path) -> None:
    result = run("diff", lanxi, moved[1], "--html", tmp_path / "site", "--lang", "en")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "class-wuxi-5-1.html").read_text("utf-8")
    assert "Timetable change notice" in page and "Monday Period 3 10:35-11:15" in page


def test_the_table_in_chinese(lanxi: Path, moved: tuple[Path, Path]) -> None:
    result = run("--lang", "zh", "diff", lanxi, moved[1])
    assert result.exit_code == 0, result.output
    assert "班级：" in result.stdout and "调动" in result.stdout and "主讲端" in result.stdout


def test_bad_input_writes_nothing(lanxi: Path, tmp_path: Path) -> None:
    result = run("diff", tmp_path / "nowhere", lanxi, "--xlsx", tmp_path / "n.xlsx")
    assert result.exit_code == 2
    assert "not a directory holding a timetable" in result.stderr
    broken = tmp_path / "broken"
    shutil.copytree(lanxi, broken)
    edit_rows(broken / "lessons.csv", lambda row: row.update(period="three")
              if (row["class_id"], row["day"], row["period"]) == ("1-1", "Mon", "1") else None)
    result = run("diff", broken, lanxi, "--xlsx", tmp_path / "n.xlsx", "--html",
                 tmp_path / "site")
    assert result.exit_code == 2
    assert "lessons.csv, row 2, column period: 'three' is not a period" in result.stderr
    assert not (tmp_path / "n.xlsx").exists() and not (tmp_path / "site").exists()
    bare = tmp_path / "bare"
    shutil.copytree(lanxi, bare)
    (bare / "summary.json").unlink()
    result = run("diff", lanxi, bare)
    assert result.exit_code == 2 and "--instance" in result.stderr
    assert run("diff", lanxi, bare, "--instance", LANXI).exit_code == 0


def test_a_hand_edited_clash_is_two_lessons_not_a_combined_class(lanxi: Path,
                                                                  tmp_path: Path) -> None:
    # A trial's finding: a teacher given a second lesson at a place she already teaches (a clash
    # typed into lessons.csv) was read as one lesson of two classes, with the first one's
    # subject, and her lesson that never changed was reported as appeared.
    edited = tmp_path / "edited"
    shutil.copytree(lanxi, edited)
    rows = list(csv.DictReader((lanxi / "lessons.csv").open(encoding="utf-8-sig")))
    mine = next(r for r in rows if r["teacher_id"] == "hr-t01" and r["mode"] == "local"
                and "+" not in r["class_id"])
    other = next(r for r in rows if r["school_id"] == "houren" and r["mode"] == "local"
                 and r["day"] == mine["day"] and r["period"] == mine["period"]
                 and r["teacher_id"] not in ("hr-t01", "") and "+" not in r["teacher_id"]
                 and r["subject"] != mine["subject"] and "+" not in r["class_id"])

    def change(row: dict[str, str]) -> bool | None:
        if (row["school_id"], row["lesson_id"]) == (other["school_id"], other["lesson_id"]):
            row["teacher_id"] = "hr-t01"   # hr-t01 now teaches two classes at once
        return None

    edit_rows(edited / "lessons.csv", change)
    teachers = aligner.diff(lanxi, edited, LANXI)
    teachers = teachers[teachers.view == "teacher"]
    mine_rows = teachers[teachers.teacher_id == "hr-t01"]
    assert mine_rows[["class_id", "subject", "change"]].values.tolist() == [
        [other["class_id"], other["subject"], "appeared"]]
    assert set(teachers.teacher_id) == {"hr-t01", other["teacher_id"]}


def test_notices_without_a_date_say_so(lanxi: Path, moved: tuple[Path, Path],
                                       tmp_path: Path) -> None:
    # A trial's finding: notices written without --from-date carry no date and nobody was told.
    undated = run("diff", lanxi, moved[1], "--html", tmp_path / "a")
    assert undated.exit_code == 0, undated.output
    assert "--from-date" in undated.stderr
    dated = run("diff", lanxi, moved[1], "--html", tmp_path / "b", "--from-date", "2022-10-24")
    assert "--from-date" not in dated.stderr
