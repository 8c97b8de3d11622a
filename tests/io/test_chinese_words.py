"""Chinese where the office types it: weekdays (周四, 星期四) and half-days (上午, 下午) wherever a
day or a slot is written, and Chinese day names in instance.yaml."""

from __future__ import annotations

import shutil

import pytest

from aligner.io import InputError, load_instance
from tests.solving import LANXI


def _teacher_with(tmp_path, unavailable: str):
    directory = tmp_path / "lanxi"
    shutil.copytree(LANXI, directory)
    path = directory / "teachers.csv"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("wx-t01,"))
    cells = line.split(",")
    cells[-1] = unavailable
    path.write_text(text.replace(line, ",".join(cells)), encoding="utf-8")
    return directory


@pytest.mark.parametrize(("written", "slots"), [
    ("周四:4-6", [("Thu", 4), ("Thu", 5), ("Thu", 6)]),
    ("星期四：4-6", [("Thu", 4), ("Thu", 5), ("Thu", 6)]),   # a full-width colon too
    ("周四", [("Thu", p) for p in range(1, 7)]),
    ("周四下午", [("Thu", 4), ("Thu", 5), ("Thu", 6)]),       # 巫溪's periods 4-6 start after 12:00
    ("周一上午、周三:6", [("Mon", 1), ("Mon", 2), ("Mon", 3), ("Wed", 6)]),
    ("Thu:下午", [("Thu", 4), ("Thu", 5), ("Thu", 6)]),
    ("Thu:pm;Fri:am", [("Thu", 4), ("Thu", 5), ("Thu", 6), ("Fri", 1), ("Fri", 2), ("Fri", 3)]),
    ("thursday:1，2", [("Thu", 1), ("Thu", 2)]),
    ("周四第5-6节", [("Thu", 5), ("Thu", 6)]),                # as offices write periods
    ("周四5-6节", [("Thu", 5), ("Thu", 6)]),
    ("周五第5节", [("Fri", 5)]),
    ("周二第3至4节", [("Tue", 3), ("Tue", 4)]),
    ("周五:5、6", [("Fri", 5), ("Fri", 6)]),                 # 、 continues Friday's periods
    ("周三全天", [("Wed", p) for p in range(1, 7)]),
    ("周一至周二", [(d, p) for d in ("Mon", "Tue") for p in range(1, 7)]),
    ("Mon-Tue", [(d, p) for d in ("Mon", "Tue") for p in range(1, 7)]),
])
def test_chinese_days_and_half_days_are_slots(tmp_path, written, slots):
    instance = load_instance(_teacher_with(tmp_path, written))
    assert list(instance.teacher_by_id["wx-t01"].unavailable) == slots


def test_a_day_that_is_no_day_is_named(tmp_path):
    with pytest.raises(InputError) as caught:
        load_instance(_teacher_with(tmp_path, "周八:1"))
    assert "teachers.csv, row 2, column unavailable: '周八:1': '周八' is not one of the days" \
        in str(caught.value)
    with pytest.raises(InputError) as caught:
        load_instance(_teacher_with(tmp_path / "b", "周八"))
    assert "column unavailable: '周八' is not one of the days" in str(caught.value)
    assert "周四第5-6节" in str(caught.value)  # says how to write it


def test_chinese_day_names_in_instance_yaml(tmp_path):
    directory = tmp_path / "lanxi"
    shutil.copytree(LANXI, directory)
    path = directory / "instance.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "days: [Mon, Tue, Wed, Thu, Fri]", "days: [周一, 星期二, 周三, 礼拜四, 周五]"),
        encoding="utf-8")
    chinese = load_instance(directory)
    assert chinese.days == ("周一", "星期二", "周三", "礼拜四", "周五")  # kept as written
    assert list(chinese.teacher_by_id["wx-t09"].unavailable) == [("周三", 5), ("周三", 6)]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "days: [周一, 星期二, 周三, 礼拜四, 周五]", "days: [周一, Mon, 周三]"), encoding="utf-8")
    with pytest.raises(InputError, match="names one weekday twice"):
        load_instance(directory)
