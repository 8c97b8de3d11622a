"""The days of the week and the ways offices write them (周四, 星期四, Thursday, Thu)."""

from __future__ import annotations

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""The days of the week as instances name them (instance.yaml ``days``, lessons.csv)."""
_DAY_NAMES = (
    ("monday", "周一", "星期一", "礼拜一", "週一"),
    ("tuesday", "周二", "星期二", "礼拜二", "週二"),
    ("wednesday", "周三", "星期三", "礼拜三", "週三"),
    ("thursday", "周四", "星期四", "礼拜四", "週四"),
    ("friday", "周五", "星期五", "礼拜五", "週五"),
    ("saturday", "周六", "星期六", "礼拜六", "週六"),
    ("sunday", "周日", "星期日", "星期天", "礼拜日", "礼拜天", "周天", "週日"),
)
DAY_ALIASES: dict[str, str] = {
    name: day for day, names in zip(WEEKDAYS, _DAY_NAMES, strict=True)
    for name in (day.lower(), *names)}
"""Other ways offices write a weekday (monday, 周一, 星期一, 礼拜一), lower-cased, -> its name."""


def weekday(text: str) -> str | None:
    """The weekday a day name means (``周四``, ``星期四``, ``thursday``, ``Thu`` -> ``Thu``), or
    None for a name that is no weekday (FET's ``Day 1``, say)."""
    return DAY_ALIASES.get(text.strip().lower())
