"""The term plan (aligner plan) and the monthly report (aligner report), on a tiny pair worked
out by hand and on the shipped Lanxi example: dated sessions with holidays out and make-up days
in, the face-to-face visit, the offline days, the shortfalls, the person-times, the rules, and
the bad input (no term, a month outside the term, a class of -3 pupils)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import aligner
from aligner.cli.main import main
from aligner.programme import ProgrammeError, month_report, plan
from tests.builders import course, klass, pair, subject, teacher
from tests.solving import LANXI, solve_checked

TERM = {"start": "2022-10-25", "end": "2022-11-08",
        "dates": ["2022-10-31, 假日", "2022-11-05=Mon, 调休"]}
"""Teaching dates of a Mon-Tue week: Tue 25 Oct (Mon 31 is a holiday); Tue 1 Nov, Sat 5 Nov
(a make-up day taught as Monday), Mon 7, Tue 8 Nov."""


def tiny(tmp_path: Path, *, term: dict | None = TERM, students: bool = True,
         research: bool = False) -> Path:
    """H teaches r1 maths live on Monday period 1 (08:00, morning), th's only other lesson is
    h1's maths on Tuesday period 1 (morning); r1's local maths is on Tuesday period 2 (14:00,
    afternoon), when th is free at H: the visit is possible on Tuesdays only (on Monday r1's
    maths is the live session itself, in th's busy morning)."""
    bells = ("08:00-08:40", "14:00-14:40", *(("15:00-15:40",) if research else ()))
    directory = pair(
        tmp_path, days=("Mon", "Tue"), hub_bells=bells, receiving_bells=bells,
        policy={"min_sync_lessons_per_pair": 1, "min_forms_per_pair": 1,
                "research_per_week": int(research)},
        classes=[klass("H", "h1") | ({"students": 30} if students else {}),
                 klass("R", "r1") | ({"students": 10} if students else {})],
        teachers=[teacher("th", "H", unavailable="Mon:2;Tue:2"),
                  teacher("tr", "R", unavailable="Tue:1")],
        curriculum=[subject("H", "h1", "数学", "th", 2),
                    subject("R", "r1", "数学", "tr", 2, allowed="Tue:2")],
        sync=[course("ma", "sync", "H", "th", "h1", "R", "r1", "数学", 1, "tr")])
    if term is not None:
        path = directory / "instance.yaml"
        data = yaml.safe_load(path.read_text("utf-8"))
        data["term"] = term
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    solve_checked(directory, out)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    summary["instance_path"] = str(directory.resolve())
    (out / "summary.json").write_text(json.dumps(summary), "utf-8")
    return out


def test_dated_sessions_follow_the_calendar(tmp_path):
    term = plan(tiny(tmp_path))
    rows = term.sessions
    # the Monday session: not on Mon 31 Oct (holiday), on Sat 5 Nov (make-up, as Monday), Mon 7
    assert list(rows["date"]) == ["2022-11-05", "2022-11-07"]
    assert list(rows["made_up"]) == [True, False]
    assert set(rows["day"]) == {"Mon"} and set(rows["season"]) == {"winter"}
    assert list(rows.iloc[0][["start", "end", "receiving_start", "receiving_end"]]) == [
        "08:00", "08:40", "08:00", "08:40"]
    assert rows.iloc[0]["assistant_ids"] == "tr"


def test_the_visit_is_on_a_date_the_hub_teacher_can_travel(tmp_path):
    visits = plan(tiny(tmp_path)).visits.set_index("month")
    # Tuesdays only: r1's local maths in the afternoon, th free at H then
    assert visits.loc["2022-10", "date"] == "2022-10-25"
    assert visits.loc["2022-11", "date"] == "2022-11-01"
    assert visits.loc["2022-11", "half"] == "afternoon"
    assert visits.loc["2022-11", "receiving_period"] == 2
    assert (visits["status"] == "proposed").all()


def test_a_month_without_a_possible_visit_says_why(tmp_path):
    out = tiny(tmp_path)
    # th now teaches in the afternoon too: Tuesday period 2 taken by a lesson at H
    lessons = (out / "lessons.csv").read_text("utf-8-sig").splitlines()
    header = lessons[0].split(",")
    row = dict.fromkeys(header, "") | {"school_id": "H", "class_id": "h1", "day": "Tue",
                                       "period": "2", "subject": "数学", "teacher_id": "th",
                                       "mode": "local"}
    (out / "lessons.csv").write_text("\n".join([*lessons, ",".join(row[c] for c in header)]),
                                     "utf-8-sig")
    term = plan(out)
    assert set(term.visits["status"]) == {"no_possible_date"}
    assert any("2022-11 H -> R: no face-to-face visit" in line for line in term.shortfalls)


def test_offline_days_and_a_short_month(tmp_path):
    offline = plan(tiny(tmp_path)).offline
    november = offline[offline["month"] == "2022-11"]
    # four teaching dates, three chosen: one a week first (Sat 5 shares its week with Tue 1),
    # the visit's day (Tue 1) last
    assert list(november["status"]) == ["proposed"] * 3
    assert list(november["date"]) == ["2022-11-05", "2022-11-07", "2022-11-08"]
    assert set(november["teacher_ids"]) == {"th+tr"}
    october = offline[offline["month"] == "2022-10"]
    # one teaching date in October: one day proposed and a row saying why not three
    assert list(october["status"]) == ["proposed", "too_few_dates"]
    assert "2022-10 has 1 teaching date in the term, fewer than the 3" in \
        october.iloc[1]["reason"]


def test_the_report_counts_activities_and_person_times(tmp_path):
    term = plan(tiny(tmp_path))
    report = month_report(term, "2022-11")
    county = report.county.set_index("form")
    # two dated sessions: h1's 30 + th + r1's 10 + tr = 42 each
    assert county.loc["sync", ["activities", "person_times"]].tolist() == [2, 84]
    # the visit: th and r1's 10 pupils; three offline days of th and tr
    assert county.loc["visit", ["activities", "person_times"]].tolist() == [1, 11]
    assert county.loc["offline", ["activities", "person_times"]].tolist() == [3, 6]
    # the term to date adds October: its visit and its one offline day
    assert county.loc["visit", "activities_to_date"] == 2
    assert county.loc["offline", "activities_to_date"] == 4
    schools = report.activities[report.activities["level"] == "school"] \
        .set_index(["school_id", "form"])
    assert schools.loc[("H", "sync"), "person_times"] == 62
    assert schools.loc[("R", "sync"), "person_times"] == 22
    rules = report.rules.set_index("rule")
    # full teaching weeks of November: Tue 1 + Sat 5 (as Monday), Mon 7 + Tue 8; one session each
    assert rules.loc["min_sync_lessons_per_pair", ["required", "actual", "met"]].tolist() == [
        1, 1, True]
    assert rules.loc["face_to_face_visit", "met"]
    assert rules["met"].all()
    october = month_report(term, "2022-10").rules.set_index("rule")
    # no full week and no session in October (31 Oct a holiday): averaged, and not met
    assert not october.loc["min_sync_lessons_per_pair", "met"]
    assert not october.loc["offline_days", "met"]


def test_without_class_sizes_activities_only(tmp_path):
    report = month_report(plan(tiny(tmp_path, students=False)), "2022-11")
    assert not report.sized and report.activities["person_times"].isna().all()
    assert report.notes == ["2 classes of the programme's courses have no size (classes.csv "
                            "students): activities only, no person-times"]


def test_research_meetings_are_dated_and_reported(tmp_path):
    # a third period (15:00) where th and tr are both free: one meeting a week
    term = plan(tiny(tmp_path, research=True))
    meetings = term.sessions[term.sessions["form"] == "research"]
    day = meetings.iloc[0]["day"]
    expected = {"Mon": ["2022-11-05", "2022-11-07"],
                "Tue": ["2022-10-25", "2022-11-01", "2022-11-08"]}[day]
    assert list(meetings["date"]) == expected
    assert set(meetings["hub_period"]) == {3} and set(meetings["assistant_ids"]) == {"tr"}
    assert set(meetings["receiving_class_ids"]) == {""}
    report = month_report(term, "2022-11")
    research = report.county.set_index("form").loc["research"]
    november = [d for d in expected if d.startswith("2022-11")]
    # a meeting's participants are its teachers: th and tr
    assert research[["activities", "person_times"]].tolist() == [len(november),
                                                                  2 * len(november)]
    forms = report.rules.set_index("rule").loc["min_forms_per_pair", "actual"]
    assert forms == 2  # sync and research


def test_a_month_outside_the_term_is_refused(tmp_path):
    out = tiny(tmp_path)
    with pytest.raises(ProgrammeError, match="--month 2022-12 is not a month of the term"):
        month_report(plan(out), "2022-12")
    result = CliRunner().invoke(main, ["report", str(out), "--month", "2022-12"])
    assert result.exit_code == 2
    assert "--month 2022-12 is not a month of the term (2022-10-25 to 2022-11-08)" in \
        result.output
    assert not list(out.glob("report-*"))
    bad = CliRunner().invoke(main, ["report", str(out), "--month", "2022-13"])
    assert bad.exit_code == 2 and "not a month written as YYYY-MM" in bad.output


def test_no_term_no_plan(tmp_path):
    out = tiny(tmp_path, term=None)
    for command in (["plan", str(out)], ["report", str(out), "--month", "2022-11"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2, result.output
        assert "has no term calendar: add `term:`" in result.output
    assert not (out / "plan_sessions.csv").exists()


def test_the_commands_write_csv_workbooks_and_calendars(tmp_path):
    out = tiny(tmp_path)
    result = CliRunner().invoke(main, ["plan", str(out), "--out", str(tmp_path / "p"),
                                       "--xlsx", str(tmp_path / "plan.xlsx"),
                                       "--ics", str(tmp_path / "ics")])
    assert result.exit_code == 0, result.output
    assert "2 dated online lessons and 0 research meetings over the term's 5 teaching dates" \
        in result.output
    assert "2022-10 H -> R: 2022-10 has 1 teaching date in the term" in result.output
    with open(tmp_path / "p" / "plan_sessions.csv", encoding="utf-8-sig") as stream:
        assert [r["date"] for r in csv.DictReader(stream)] == ["2022-11-05", "2022-11-07"]
    from icalendar import Calendar
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "plan.xlsx")
    assert book.sheetnames[0] == "term calendar"
    dates = {row[0].value: row for row in book["term calendar"].iter_rows(min_row=3)}
    assert dates["2022-10-31"][3].value == "假日" and dates["2022-11-05"][1].value == "Mon"
    calendar = Calendar.from_ical((tmp_path / "ics" / "teacher-th.ics").read_bytes())
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert len(summaries) == 2 + 2 + 4  # two sessions, two visits, four offline days
    report = CliRunner().invoke(main, ["report", str(out), "--month", "2022-11", "--out",
                                       str(tmp_path / "r"), "--xlsx",
                                       str(tmp_path / "r.xlsx")])
    assert report.exit_code == 0, report.output
    assert "programme rules this month: 7 of 7 met" in report.output
    assert {p.name for p in (tmp_path / "r").iterdir()} == {
        "report-2022-11.csv", "report-2022-11-backbone.csv", "report-2022-11-rules.csv"}
    sheets = load_workbook(tmp_path / "r.xlsx").sheetnames
    assert sheets == ["县区汇总", "学校汇总", "结对明细", "骨干教师", "规则达成"]


@pytest.fixture(scope="module")
def lanxi(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lanxi") / "out"
    solve_checked(LANXI, out)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    summary["instance_path"] = str(LANXI.resolve())
    (out / "summary.json").write_text(json.dumps(summary), "utf-8")
    return out


def test_lanxi_the_months_add_up_to_the_term(lanxi):
    term = aligner.plan(lanxi)
    months = ["2022-10", "2022-11", "2022-12", "2023-01"]
    reports = [aligner.month_report(term, m) for m in months]
    county = [r.county.set_index("form") for r in reports]
    dated = term.sessions.drop_duplicates(["session_id", "date"])
    for form in ("sync", "delivery", "famous", "research", "visit", "offline"):
        total = sum(c.loc[form, "activities"] for c in county)
        assert total == county[-1].loc[form, "activities_to_date"], form
        if form in ("sync", "delivery", "famous", "research"):
            assert total == int((dated["form"] == form).sum()), form
    # 70 teaching dates x the week's sessions by day: 183 dated sessions in all
    assert len(dated) == sum(c.loc[["sync", "delivery"], "activities"].sum() for c in county)
    # the hub teachers of Lanxi teach every morning: no visit is possible, and it is said
    assert set(term.visits["status"]) == {"no_possible_date"}


def test_a_negative_class_size_is_refused(tmp_path):
    directory = tmp_path / "bad"
    shutil.copytree(LANXI, directory)
    path = directory / "classes.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    for row in rows:
        row["students"] = "40"
    rows[1]["students"] = "-3"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "classes.csv, row 3, column students: -3 pupils" in result.output
    rows[1]["students"] = "35"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    instance = aligner.load_instance(directory)
    assert instance.class_by_key[("wuxi", "1-2")].students == 35
    assert instance.class_by_key[("wuxi", "1-1")].students == 40
