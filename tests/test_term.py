"""The term calendar's arithmetic (aligner/term.py) against weekdays counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from aligner.io import load_instance
from aligner.term import CalendarLineError, TermCalendar, average_holds, parse_line
from tests.solving import LANXI

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")


def test_the_lanxi_term_counted_by_hand():
    # The Lanxi term runs from Sunday 2022-10-09 (a make-up day following Friday) to Friday
    # 2023-01-13. Monday 2022-10-10 to Friday 2023-01-13 is exactly 14 weeks of Mon..Fri
    # (2022-10-10 + 14 x 7 days = 2023-01-16): 14 dates of each weekday. 元旦 takes Monday
    # 2023-01-02 (2022-12-31 and 2023-01-01 are a weekend): Mon 13. The make-up Sunday
    # 2022-10-09 adds a Friday: Fri 15. 2022-10-08 (the other National Day make-up day) is
    # before the term. Total 13 + 14 + 14 + 14 + 15 = 70 dates, 70 / 5 = 14 teaching weeks.
    instance = load_instance(LANXI)
    term = instance.term
    assert term is not None
    assert instance.term_day_counts == {"Mon": 13, "Tue": 14, "Wed": 14, "Thu": 14, "Fri": 15}
    assert term.teaching_weeks(instance.days, instance.seasons) == 14
    # By month, counted on a calendar:
    # October: Sun 9 (as Fri); Mon 10 17 24 31; Tue 11 18 25; Wed 12 19 26; Thu 13 20 27;
    #          Fri 14 21 28 -> Mon 4, Tue 3, Wed 3, Thu 3, Fri 4.
    # November (the 1st a Tuesday): Mon 7 14 21 28; Tue 1 8 15 22 29; Wed 2 9 16 23 30;
    #          Thu 3 10 17 24; Fri 4 11 18 25 -> 4, 5, 5, 4, 4.
    # December (the 1st a Thursday): Mon 5 12 19 26; Tue 6 13 20 27; Wed 7 14 21 28;
    #          Thu 1 8 15 22 29; Fri 2 9 16 23 30 -> 4, 4, 4, 5, 5.
    # January: Mon 9 (the 2nd is 元旦); Tue 3 10; Wed 4 11; Thu 5 12; Fri 6 13 -> 1, 2, 2, 2, 2.
    by_month = {m: [term.day_counts(DAYS, ("winter",), month=m)[d] for d in DAYS]
                for m in term.months()}
    assert by_month == {"2022-10": [4, 3, 3, 3, 4], "2022-11": [4, 5, 5, 4, 4],
                        "2022-12": [4, 4, 4, 5, 5], "2023-01": [1, 2, 2, 2, 2]}
    makeup = [t for t in term.teaching_dates(DAYS, ("winter",)) if t.makeup]
    assert [(t.date, t.day, t.season) for t in makeup] == [(dt.date(2022, 10, 9), "Fri",
                                                            "winter")]


def test_the_shipped_holidays_file_has_the_2022_make_up_days_and_mid_autumn():
    instance = load_instance(LANXI)
    assert instance.term is not None
    workdays = dict(instance.term.workdays)
    assert workdays[dt.date(2022, 10, 8)] == "Thu" and workdays[dt.date(2022, 10, 9)] == "Fri"
    assert len(workdays) == 9  # 2022-10-08/09, 2023-01-28/29, 04-23, 05-06, 06-25, 10-07/08
    skipped = dict(instance.term.skipped)
    assert skipped[dt.date(2022, 9, 12)] == "中秋节"


def test_a_term_of_two_seasons_and_chinese_day_names():
    # 2023-03-01 (Wed) .. 2023-05-12 (Fri); summer bells from Monday 2023-05-01, so winter
    # runs on before it. Skipped: 清明 Wed 04-05, 劳动节 04-29..05-03 (Mon 1, Tue 2, Wed 3).
    # Make-up: Sun 04-23 as Tue, Sat 05-06 as Wed.
    term = TermCalendar(
        start=dt.date(2023, 3, 1), end=dt.date(2023, 5, 12),
        skipped=((dt.date(2023, 4, 5), "清明节"),
                 *((dt.date(2023, 4, 29) + dt.timedelta(days=i), "劳动节") for i in range(5))),
        workdays=((dt.date(2023, 4, 23), "Tue"), (dt.date(2023, 5, 6), "Wed")),
        season_from=(("summer", dt.date(2023, 5, 1)),))
    days = ("周一", "周二", "周三", "周四", "周五")
    seasons = ("winter", "summer")
    # March: Wed 1 8 15 22 29 (5), Thu 2 9 16 23 30 (5), Fri 3 10 17 24 31 (5), Mon 6 13 20
    # 27 (4), Tue 7 14 21 28 (4). April: Mon 3 10 17 24 (4); Tue 4 11 18 25 + Sun 23 (5); Wed
    # 12 19 26 (3, the 5th is 清明); Thu 6 13 20 27 (4); Fri 7 14 21 28 (4). May: Thu 4 11,
    # Fri 5 12, Mon 8, Tue 9, Wed 10 + Sat 6.
    winter = term.day_counts(days, seasons, season="winter")
    summer = term.day_counts(days, seasons, season="summer")
    assert dict(winter) == {"周一": 8, "周二": 9, "周三": 8, "周四": 9, "周五": 9}
    assert dict(summer) == {"周一": 1, "周二": 1, "周三": 2, "周四": 2, "周五": 2}
    assert term.season_on(dt.date(2023, 4, 30), seasons) == "winter"
    assert term.season_on(dt.date(2023, 5, 1), seasons) == "summer"


def test_a_line_of_dates():
    assert parse_line("2022-10-08=Thu, 国庆调休")[1:] == ("Thu", "国庆调休")
    dates, follows, reason = parse_line("2022-10-01..2022-10-07 国庆节")
    assert len(dates) == 7 and follows is None and reason == "国庆节"
    assert parse_line("2022-10-09=周五")[1] == "Fri"
    for line, key in (("2022-13-01", "term.not_a_date"), ("2022-10-07..2022-10-01",
                                                          "term.range_backwards"),
                      ("2022-10-08=Someday", "term.not_a_weekday")):
        with pytest.raises(CalendarLineError) as caught:
            parse_line(line)
        assert caught.value.key == key


def test_an_average_per_teaching_week_in_whole_numbers():
    # 70 dates of a 5-day week are 14 weeks: 70 lessons average 5 a week, 69 do not.
    assert average_holds(70, 70, 5, 5) and not average_holds(69, 70, 5, 5)
