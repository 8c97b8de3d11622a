"""aligner export --ics: the files parsed with the icalendar package, every recurrence expanded
(dateutil) and compared, date by date and minute by minute, with what lessons.csv and
sessions.csv say over the term, holidays and skipped dates left out, seasons switching bells."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from dateutil.rrule import rrulestr
from icalendar import Calendar

from aligner.cli import main
from aligner.export.ics import slug
from tests.office import DOUBLES, lessons, solved

WEEKDAY = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4}
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
TERM = (dt.date(2022, 10, 9), dt.date(2023, 1, 15))
SKIP = """date,reason
# 元旦 (New Year: 2022-12-31 to 2023-01-02)
2022-12-31..2023-01-02, 元旦
2022-11-14 运动会
"""
SKIPPED = {dt.date(2022, 12, 31), dt.date(2023, 1, 1), dt.date(2023, 1, 2), dt.date(2022, 11, 14)}


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def occurrences(path: Path) -> Counter:
    """(date, start, end) of every occurrence of every event, in Shanghai time."""
    calendar = Calendar.from_ical(path.read_bytes())
    found: Counter = Counter()
    for event in calendar.walk("VEVENT"):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert start.utcoffset() == dt.timedelta(hours=8)  # Asia/Shanghai
        assert str(event["DTSTART"].params["TZID"]) == "Asia/Shanghai"
        rule = event.get("RRULE")
        dates = list(rrulestr(rule.to_ical().decode(), dtstart=start)) if rule else [start]
        excluded = event.get("EXDATE", [])
        excluded = excluded if isinstance(excluded, list) else [excluded]
        skipped = {d.dt.astimezone(SHANGHAI) for group in excluded for d in group.dts}
        for moment in dates:
            if moment.astimezone(SHANGHAI) in skipped:
                continue
            local = moment.astimezone(SHANGHAI)
            found[(local.date(), local.strftime("%H:%M"),
                   (local + (end - start)).strftime("%H:%M"))] += 1
    return found


def term_dates(day: str, first: dt.date, last: dt.date, skip: set[dt.date]) -> list[dt.date]:
    date = first + dt.timedelta(days=(WEEKDAY[day] - first.weekday()) % 7)
    out = []
    while date <= last:
        if date not in skip:
            out.append(date)
        date += dt.timedelta(days=7)
    return out


def blocks(rows: list[dict]) -> list[tuple[str, str, str]]:
    """(day, start, end) of each lesson, the two rows of a double (one lesson_id) joined."""
    joined: dict[tuple, list[dict]] = {}
    for row in rows:
        key = (row["school_id"], row["class_id"], row.get("lesson_id") or id(row))
        joined.setdefault(key, []).append(row)
    out = []
    for group in joined.values():
        group.sort(key=lambda r: int(r["period"]))
        out.append((group[0]["day"], group[0]["start"], group[-1]["end"]))
    return out


def expected(items: list[tuple[str, str, str]], first: dt.date, last: dt.date,
             skip: set[dt.date]) -> Counter:
    return Counter((date, start, end) for day, start, end in items
                   for date in term_dates(day, first, last, skip))


@pytest.fixture(scope="module")
def lanxi_ics(tmp_path_factory):
    instance, out = solved("lanxi", tmp_path_factory.mktemp("ics"))
    base = tmp_path_factory.mktemp("calendars")
    skip = base / "holidays.txt"
    skip.write_text(SKIP, encoding="utf-8")
    result = run("export", out, "--instance", instance, "--ics", base / "ics", "--from",
                 TERM[0], "--to", TERM[1], "--skip-dates", skip)
    assert result.exit_code == 0, result.output
    return out, base / "ics"


def test_class_calendars_hold_every_lesson_on_every_term_date(lanxi_ics):
    out, ics = lanxi_ics
    rows = lessons(out)
    classes = {(r["school_id"], r["class_id"]) for r in rows}
    assert len(list(ics.glob("class-*.ics"))) == len(classes)
    for school_id, class_id in classes:
        mine = [r for r in rows if (r["school_id"], r["class_id"]) == (school_id, class_id)]
        got = occurrences(ics / f"class-{slug(school_id)}-{slug(class_id)}.ics")
        assert got == expected(blocks(mine), *TERM, SKIPPED), (school_id, class_id)
        assert not any(date in SKIPPED for date, _, _ in got)


def test_a_double_is_one_event_over_both_periods(lanxi_ics):
    out, ics = lanxi_ics
    rows = [r for r in lessons(out) if (r["school_id"], r["class_id"]) == ("wuxi", "2-1")]
    doubles = [b for b in blocks(rows) if b not in {(r["day"], r["start"], r["end"])
                                                    for r in rows}]
    assert len(doubles) == DOUBLES[("wuxi", "2-1", "语文")]
    got = occurrences(ics / "class-wuxi-2-1.ics")
    for day, start, end in doubles:
        date = term_dates(day, *TERM, SKIPPED)[0]
        assert got[(date, start, end)] == 1  # e.g. 08:30-10:05: one event, periods 1 and 2


def test_teacher_calendars_hold_lessons_sessions_taught_and_assisted(lanxi_ics):
    out, ics = lanxi_ics
    rows = lessons(out)
    with (out / "sessions.csv").open(encoding="utf-8-sig") as stream:
        sessions = list(csv.DictReader(stream))
    teachers = {r["teacher_id"] for r in rows if r["mode"] == "local"}
    teachers |= {s["hub_teacher_id"] for s in sessions}
    teachers |= {r["assistant_id"] for r in rows if r["assistant_id"]}
    assert len(list(ics.glob("teacher-*.ics"))) == len(teachers)
    total = 0
    for teacher in teachers:
        items = blocks([r for r in rows if r["mode"] == "local" and r["teacher_id"] == teacher])
        items += list({(s["day"], s["hub_start"], s["hub_end"]): None for s in sessions
                       if s["hub_teacher_id"] == teacher})
        items += list({(r["day"], r["start"], r["end"]): None for r in rows
                       if r["assistant_id"] == teacher})
        got = occurrences(ics / f"teacher-{slug(teacher)}.ics")
        assert got == expected(items, *TERM, SKIPPED), teacher
        assert max(got.values()) == 1  # one commitment at a time
        total += sum(got.values())
    weeks = len(term_dates("Mon", *TERM, set()))
    assert total > 10 * weeks  # the term's 14 weeks are all there


@pytest.mark.slow
def test_seasons_switch_the_bells_on_their_dates(tmp_path_factory):
    instance, out = solved("lianyun", tmp_path_factory.mktemp("lianyun"))
    ics = tmp_path_factory.mktemp("calendars") / "ics"
    first, switch, last = dt.date(2022, 9, 1), dt.date(2022, 10, 9), dt.date(2022, 11, 30)
    result = run("export", out, "--instance", instance, "--ics", ics, "--from", first, "--to",
                 last, "--season-from", "summer=2022-05-01", "--season-from",
                 f"winter={switch}")
    assert result.exit_code == 0, result.output
    rows = lessons(out)
    for school_id, class_id in [("banqiao", "1-1"), ("xugou", "5-1")]:
        mine = [r for r in rows if (r["school_id"], r["class_id"]) == (school_id, class_id)]
        want = expected(blocks([r for r in mine if r["season"] == "summer"]), first,
                        switch - dt.timedelta(days=1), set())
        want += expected(blocks([r for r in mine if r["season"] == "winter"]), switch, last,
                         set())
        got = occurrences(ics / f"class-{school_id}-{class_id}.ics")
        assert got == want
        summer = {r["start"] for r in mine if r["season"] == "summer"}
        winter = {r["start"] for r in mine if r["season"] == "winter"}
        assert summer != winter  # the test means something: the times do change


def test_several_seasons_need_their_dates(tmp_path_factory):
    instance, out = solved("lianyun", tmp_path_factory.mktemp("lianyun"))
    target = tmp_path_factory.mktemp("none") / "ics"
    result = run("export", out, "--instance", instance, "--ics", target, "--from",
                 "2022-10-09", "--to", "2023-01-15")
    assert result.exit_code == 2
    assert "--season-from winter=2022-10-09" in result.output
    assert not target.exists()


def test_bad_dates_are_named(lanxi_ics, tmp_path):
    out, _ = lanxi_ics
    bad = tmp_path / "skip.txt"
    bad.write_text("2022-10-01\n2022-13-01 oops\n", encoding="utf-8")
    result = run("export", out, "--instance", tmp_path, "--ics", tmp_path / "x", "--from",
                 "2022-10-09", "--to", "2023-01-15", "--skip-dates", bad)
    assert result.exit_code == 2 and "skip.txt, line 2: '2022-13-01'" in result.output
    result = run("export", out, "--ics", tmp_path / "x", "--from", "2022-10-09")
    assert result.exit_code == 2 and "--to" in result.output
    result = run("export", out, "--ics", tmp_path / "x", "--from", "9 Oct", "--to", "2023-01-15")
    assert result.exit_code == 2 and "'9 Oct' is not a date" in result.output
    assert not (tmp_path / "x").exists()


def test_lines_are_folded_and_end_in_crlf(lanxi_ics):
    _, ics = lanxi_ics
    data = (ics / "teacher-wx-t19.ics").read_bytes()
    lines = data.split(b"\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai" in data
    data.decode("utf-8")  # folding never splits a character


def test_exporting_twice_gives_the_same_files(lanxi_ics, tmp_path):
    out, ics = lanxi_ics
    again = tmp_path / "again"
    skip = tmp_path / "holidays.txt"
    skip.write_text(SKIP, encoding="utf-8")
    instance = json.loads((out / "summary.json").read_text("utf-8")).get("instance_path")
    assert instance is None  # written from Python: the instance is given
    result = run("export", out, "--instance", out.parent / "lanxi-doubles", "--ics", again,
                 "--from", TERM[0], "--to", TERM[1], "--skip-dates", skip)
    assert result.exit_code == 0, result.output
    for path in ics.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.slow
def test_the_shipped_holidays_are_left_out(lanxi_ics, tmp_path):
    out, _ = lanxi_ics
    holidays = Path(__file__).parents[2] / "data" / "holidays" / "cn-2022-2023.txt"
    target = tmp_path / "ics"
    result = run("export", out, "--instance", out.parent / "lanxi-doubles", "--ics", target,
                 "--from", "2022-09-01", "--to", "2023-02-28", "--skip-dates", holidays)
    assert result.exit_code == 0, result.output
    dates = {date for path in target.glob("class-*.ics") for date, _, _ in occurrences(path)}
    assert dt.date(2022, 10, 3) not in dates and dt.date(2023, 1, 2) not in dates  # Mondays
    assert not any(dt.date(2023, 1, 21) <= d <= dt.date(2023, 1, 27) for d in dates)  # 春节
    assert dt.date(2022, 10, 10) in dates and dt.date(2023, 1, 3) in dates


def test_make_up_days_hold_the_lessons_of_the_weekday_they_follow(lanxi_ics, tmp_path):
    # The shipped file's 2022-10-09 (a Sunday) follows Friday: every Friday lesson of a class
    # is on it too, as an event of its own (not an RDATE: it comes before the Friday series'
    # first date, which RFC 5545 makes DTSTART), and 2022-10-08 is before the term.
    out, _ = lanxi_ics
    holidays = Path(__file__).parents[2] / "data" / "holidays" / "cn-2022-2023.txt"
    target = tmp_path / "ics"
    result = run("export", out, "--instance", out.parent / "lanxi-doubles", "--ics", target,
                 "--from", "2022-10-09", "--to", "2023-01-13", "--skip-dates", holidays)
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical((target / "class-wuxi-2-1.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert not any("RDATE" in event for event in events)
    single = Counter(event["DTSTART"].dt.date() for event in events if "RRULE" not in event
                     and event["DTSTART"].dt.date() == dt.date(2022, 10, 9))
    fridays = [r for r in blocks([r for r in lessons(out)
                                  if (r["school_id"], r["class_id"]) == ("wuxi", "2-1")])
               if r[0] == "Fri"]
    assert single == Counter({dt.date(2022, 10, 9): len(fridays)})
    assert all(event["DTSTART"].dt.date() > dt.date(2022, 10, 9)
               for event in events if "RRULE" in event)


@pytest.mark.slow
def test_the_instance_term_calendar_gives_the_dates(lanxi_ics, tmp_path):
    # Without --from, --to and --skip-dates, the instance's term (instance.yaml term: the Lanxi
    # term 2022-10-09..2023-01-13 and the shipped holidays file) gives them: the same lessons
    # on the same dates as when they are typed; without a term, an error saying what to give.
    out, _ = lanxi_ics
    holidays = Path(__file__).parents[2] / "data" / "holidays" / "cn-2022-2023.txt"
    typed, from_term = tmp_path / "typed", tmp_path / "term"
    instance = out.parent / "lanxi-doubles"
    assert "term:" in (instance / "instance.yaml").read_text("utf-8")
    result = run("export", out, "--instance", instance, "--ics", typed,
                 "--from", "2022-10-09", "--to", "2023-01-13", "--skip-dates", holidays)
    assert result.exit_code == 0, result.output
    result = run("export", out, "--instance", instance, "--ics", from_term)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in typed.glob("*.ics"))
    assert names == sorted(p.name for p in from_term.glob("*.ics")) and names
    for name in names:
        assert occurrences(typed / name) == occurrences(from_term / name), name
    dates = {date for path in from_term.glob("class-*.ics") for date, _, _ in occurrences(path)}
    assert dt.date(2022, 10, 10) in dates and dt.date(2023, 1, 2) not in dates   # 元旦
    assert any(event["DTSTART"].dt.date() == dt.date(2022, 10, 9)   # 调休, taught as Friday
               for p in from_term.glob("class-*.ics")
               for event in Calendar.from_ical(p.read_bytes()).walk("VEVENT"))
    yaml_path = instance / "instance.yaml"
    text = yaml_path.read_text("utf-8")
    bare = tmp_path / "bare"
    shutil.copytree(instance, bare)
    (bare / "instance.yaml").write_text(text.split("term:")[0] + "\n".join(
        line for line in text.split("term:")[1].splitlines() if not line.startswith(" "))
        .split("\n", 1)[-1], "utf-8")
    assert "term:" not in (bare / "instance.yaml").read_text("utf-8")
    result = run("export", out, "--instance", bare, "--ics", tmp_path / "none")
    assert result.exit_code == 2 and "--from YYYY-MM-DD --to YYYY-MM-DD" in result.output
    assert not (tmp_path / "none").exists()
