"""aligner substitute: a cover, a fallback, a swap or the reason there is none for every
commitment of an absent teacher; every plan passes the independent checker."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from openpyxl import load_workbook

import aligner
from aligner.check.substitutions import check_substitutions
from aligner.export.view import load_solution
from aligner.io import InputError, load_instance
from aligner.living.schooldays import Absence
from aligner.living.substitute import (
    EXTRA_COLUMNS,
    KINDS,
    SUBSTITUTION_COLUMNS,
    Plan,
    Planner,
    substitute,
)
from tests.living.conftest import FRIDAY, MONDAY, read_rows, run
from tests.solving import LANXI


def commitments_in_files(out: Path, teacher: str) -> Counter:
    """The teacher's commitments of a week read straight from lessons.csv and sessions.csv:
    (day, period) -> the rows a plan needs there (a local lesson 1, a session taught its hub
    class and each receiving school, a session assisted 1)."""
    need: Counter = Counter()
    lessons = read_rows(out / "lessons.csv")
    local = {(r["day"], r["period"]) for r in lessons
             if r["mode"] == "local" and teacher in r["teacher_id"].split("+")}
    assisted = {(r["day"], r["period"]) for r in lessons if r["assistant_id"] == teacher}
    for slot in local | assisted:
        need[slot] += 1
    ends: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in read_rows(out / "sessions.csv"):
        if r["hub_teacher_id"] == teacher:
            ends[(r["day"], r["hub_period"])] |= {r["receiving_school_id"]} | (
                {"hub"} if r["hub_class_id"] else set())
    for slot, schools in ends.items():
        need[slot] += len(schools)
    return need


def checked(instance: Path, out: Path, plan: Plan, tmp_path: Path) -> None:
    """Write the plan and pass it through the independent checker."""
    target = tmp_path / "plan"
    plan.write(target)
    report = check_substitutions(load_instance(instance), out, target)
    assert report.ok, "\n".join(str(v) for v in report.violations)


def week(teacher: str) -> list[Absence]:
    return [Absence(teacher, dt.date(2022, 10, 17), dt.date(2022, 10, 21))]


@pytest.mark.parametrize("teacher", ["wx-t19", "wx-t20", "hr-t03", "wx-t01", "hr-t09"])
def test_every_commitment_of_a_week_is_covered_or_explained(lanxi: Path, tmp_path: Path,
                                                            teacher: str) -> None:
    plan = substitute(lanxi, week(teacher))
    need = commitments_in_files(lanxi, teacher)
    assert len(plan.rows) == sum(need.values())  # one week: each day once
    for row in plan.rows:
        assert row.kind in KINDS and str(row.reason)
        assert (row.kind == "none") == (row.substitute == "")
        assert row.absent_teacher == teacher
    checked(LANXI, lanxi, plan, tmp_path)


def test_a_hub_teachers_session_falls_back_to_the_assistants(lanxi: Path) -> None:
    plan = substitute(lanxi, week("wx-t19"))
    fallback = [r for r in plan.rows if r.kind == "fallback"]
    assert {(r.school_id, r.class_id, r.substitute) for r in fallback} == {
        ("houren", "3-1", "hr-t03"), ("houren", "5-1", "hr-t05")}
    assert all("led by the assistant" in str(r.reason) for r in fallback)
    # the hub class of the sync course has a local cover at the same period
    for row in fallback:
        if row.class_id == "3-1":
            hub = [r for r in plan.rows if r.date == row.date and r.school_id == "wuxi"
                   and r.class_id == "3-1"]
            assert len(hub) == 1 and hub[0].kind == "cover"
            assert "hub class has a local lesson" in str(hub[0].reason)


def test_another_hub_teacher_of_the_subject_teaches_the_session(lanxi: Path) -> None:
    plan = substitute(lanxi, week("wx-t20"))
    taught = [r for r in plan.rows if "teaches the session from" in str(r.reason)]
    assert taught, [r.record() for r in plan.rows]
    assert {r.substitute for r in taught} == {"wx-t19"}  # the other English teacher of 巫溪
    assert {r.school_id for r in taught} >= {"houren"}


def test_an_absent_assistant_is_replaced_in_the_room(lanxi: Path) -> None:
    plan = substitute(lanxi, week("hr-t03"))
    assisted = [r for r in plan.rows if r.subject == "英语"]
    assert assisted and all(r.kind == "cover" and r.substitute.startswith("hr-")
                            and "assists in the room" in str(r.reason) for r in assisted)


def test_hub_teacher_and_assistant_both_absent(lanxi: Path, tmp_path: Path) -> None:
    plan = substitute(lanxi, [*week("wx-t19"), *week("hr-t03")])
    both = [r for r in plan.rows if r.school_id == "houren" and r.class_id == "3-1"
            and r.subject == "英语"]
    assert {r.absent_teacher for r in both} == {"wx-t19", "hr-t03"}
    for date in {r.date for r in both}:
        same = [r for r in both if r.date == date]
        assert len(same) == 2 and len({r.substitute for r in same}) == 1  # one teacher leads
        assert all(r.kind == "fallback" for r in same)
    checked(LANXI, lanxi, plan, tmp_path)


def test_co_taught_combined_and_double_lessons(variant: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    instance, out = variant
    plan = substitute(out, week("wx-t22"))
    co = [r for r in plan.rows if r.class_id == "1-1" and r.subject == "体育"]
    assert co and all(r.kind == "cover" and r.substitute == "wx-t18" for r in co)
    assert "co-taught: 郑丽萍 carries on alone" in str(co[0].reason)
    checked(instance, out, plan, tmp_path / "co")
    plan = substitute(out, week("wx-t25"))
    combined = [r for r in plan.rows if r.class_id == "1-1+1-2"]
    assert len(combined) == 2 and all(r.kind == "cover" for r in combined)
    checked(instance, out, plan, tmp_path / "combined")
    plan = substitute(out, week("wx-t03"))
    seconds = [r for r in plan.rows if "other period of this double lesson" in str(r.reason)]
    assert len(seconds) == 2
    for second in seconds:
        first = next(r for r in plan.rows if r.date == second.date
                     and r.period == second.period - 1)
        assert first.substitute == second.substitute
    checked(instance, out, plan, tmp_path / "doubles")


def _limited(lanxi: Path, tmp_path: Path, column: str, value) -> Path:
    """Lanxi's instance with every teacher's ``column`` set by ``value(teacher, view)``."""
    view = load_solution(lanxi, LANXI)
    instance = tmp_path / f"limited-{column}"
    shutil.copytree(LANXI, instance)
    path = instance / "teachers.csv"
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        row[column] = str(value(row["teacher_id"], view))
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]) + (
            [column] if column not in rows[0] else []))
        writer.writeheader()
        writer.writerows(rows)
    return instance


def test_max_per_day_counts_earlier_covers(lanxi: Path, tmp_path: Path) -> None:
    """Everyone may take one lesson more than on their busiest day: then nobody covers twice on
    a day that is already their busiest, and the plan says when that leaves no one."""
    def busiest(teacher: str, view) -> int:
        return max(Counter(day for day, _ in view.teacher_week(teacher)).values(), default=0) + 1

    instance = _limited(lanxi, tmp_path, "max_per_day", busiest)
    view = load_solution(lanxi, instance)
    plan = substitute(view, [*week("wx-t19"), *week("wx-t01"), *week("wx-t13")])
    per_day = Counter((r.substitute, r.date) for r in plan.rows if r.kind == "cover"
                      and "co-taught" not in str(r.reason))
    for (teacher, date), n in per_day.items():
        mine = sum(1 for day, _ in view.teacher_week(teacher) if day == r_day(date))
        limit = view.instance.teacher_by_id[teacher].max_per_day
        assert limit is not None and mine + n <= limit
    checked(instance, lanxi, plan, tmp_path)


def r_day(date: dt.date) -> str:
    return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[date.weekday()]


def test_max_load_counts_earlier_covers(lanxi: Path, tmp_path: Path) -> None:
    """max_load one lesson above the timetable's load: nobody covers twice in a week."""
    def load(teacher: str, view) -> str:
        duties = [d.kind for d in view.teacher_week(teacher).values()]
        credited = view.instance.policy.credited_load(
            duties.count("local"), duties.count("hub"), duties.count("assist"))
        return f"{float(credited) + 1:g}"

    instance = _limited(lanxi, tmp_path, "max_load", load)
    plan = substitute(load_solution(lanxi, instance), [*week("wx-t19"), *week("wx-t01")])
    covers = Counter(r.substitute for r in plan.rows if r.kind in ("cover", "fallback")
                     and "led by the assistant" not in str(r.reason))
    assert covers and max(covers.values()) == 1
    checked(instance, lanxi, plan, tmp_path)


def test_fewest_covers_that_week_come_first(lanxi: Path) -> None:
    """Two covers of the same free period on two days of one week go to two teachers when the
    preferences are otherwise equal."""
    view = load_solution(lanxi, LANXI)
    planner = Planner(view, [])
    chosen = []
    for date in (dt.date(2022, 10, 17), dt.date(2022, 10, 24)):  # two Mondays: two weeks
        teacher, _ = planner.pick("wuxi", date, 6, "没有这门课", ("none",), planner.credit["local"])
        chosen.append(teacher)
    assert chosen[0] == chosen[1]  # another week: the same first choice
    planner = Planner(view, [])
    first, _ = planner.pick("wuxi", dt.date(2022, 10, 17), 6, "没有这门课", ("none",),
                            planner.credit["local"])
    planner.ledger.add(first, dt.date(2022, 10, 17), 6, planner.credit["local"], True)
    second, why = planner.pick("wuxi", dt.date(2022, 10, 18), 6, "没有这门课", ("none",),
                               planner.credit["local"])
    assert second != first and "0 covers this week so far" in str(why)


def _load(teacher: str, view) -> str:
    kinds = [d.kind for d in view.teacher_week(teacher).values()]
    credited = view.instance.policy.credited_load(
        kinds.count("local"), kinds.count("hub"), kinds.count("assist"))
    return f"{float(credited):g}"


def test_swaps_where_no_one_can_cover(lanxi: Path, tmp_path: Path) -> None:
    """With every load at its cap nobody can cover; --swaps exchanges lessons of the class
    within the week instead, on days the absent teacher is there."""
    load = _load
    instance = _limited(lanxi, tmp_path, "max_load", load)
    view = load_solution(lanxi, instance)
    monday = [Absence("wx-t01", dt.date(2022, 10, 17), dt.date(2022, 10, 17))]
    plain = substitute(view, monday)
    assert {r.kind for r in plain.rows} == {"none"}
    assert all("would exceed max_load" in str(r.reason) for r in plain.rows)
    swapped = substitute(view, monday, swaps=True)
    swaps = [r for r in swapped.rows if r.kind == "swap"]
    assert swaps
    for row in swaps:
        assert row.swap_date is not None and row.swap_date != row.date
        assert row.swap_date.isocalendar()[:2] == row.date.isocalendar()[:2]
        lesson = view.class_week("wuxi", row.class_id)[(row.swap_day, row.swap_period)]
        assert lesson.teacher_id == row.substitute and lesson.subject == row.swap_subject
    checked(instance, lanxi, swapped, tmp_path)


def test_swaps_keep_each_subjects_days_apart(lanxi: Path, tmp_path: Path) -> None:
    """With each subject's min_days_apart as wide as the timetable allows, no swap brings two
    lessons of a subject closer than that: fewer swaps, and each keeps the rule."""
    instance = _limited(lanxi, tmp_path, "max_load", _load)
    view = load_solution(lanxi, instance)
    days = list(view.instance.days)
    path = instance / "curriculum.csv"
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    widest = {}
    for row in rows:
        taught = sorted(days.index(d) for (d, _), lesson in
                        view.class_week(row["school_id"], row["class_id"]).items()
                        if lesson.subject == row["subject"] and lesson.span != 0)
        gaps = [b - a for a, b in itertools.pairwise(taught)]
        row["min_days_apart"] = str(min(gaps)) if gaps and min(gaps) >= 1 else ""
        widest[(row["class_id"], row["subject"])] = row["min_days_apart"]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    monday = [Absence("wx-t01", dt.date(2022, 10, 17), dt.date(2022, 10, 17))]
    spread = load_solution(lanxi, instance)
    plan = substitute(spread, monday, swaps=True)
    swaps = [r for r in plan.rows if r.kind == "swap"]
    unspread = [r for r in substitute(load_solution(lanxi, _limited(
        lanxi, tmp_path / "plain", "max_load", _load)), monday, swaps=True).rows
        if r.kind == "swap"]
    assert len(swaps) < len(unspread), "a swap that would bring two lessons closer is refused"
    for row in swaps:
        for subject, new_day, old_day in ((row.swap_subject, row.day, row.swap_day),
                                          (row.subject, row.swap_day, row.day)):
            apart = widest.get((row.class_id, subject), "")
            if not apart:
                continue
            taught = [d for (d, _), lesson in spread.class_week("wuxi", row.class_id).items()
                      if lesson.subject == subject and lesson.span != 0]
            taught.remove(old_day)
            assert all(abs(days.index(d) - days.index(new_day)) >= int(apart) for d in taught)
    checked(instance, lanxi, plan, tmp_path)


def test_skipped_dates_and_weekends_have_nothing_to_cover(lanxi: Path) -> None:
    from aligner.living.schooldays import read_skipped

    skipped = read_skipped([LANXI.parent / "holidays" / "cn-2022-2023.txt"])
    plan = substitute(lanxi, [Absence("wx-t19", dt.date(2022, 10, 10), dt.date(2022, 10, 17))],
                      skipped=skipped | {dt.date(2022, 10, 12): "运动会"})
    # Mon 10, Tue 11, Thu 13, Fri 14 and Mon 17: not the sports day, not the weekend
    assert {r.date for r in plan.rows} == {dt.date(2022, 10, d) for d in (10, 11, 13, 14, 17)}
    assert [d for _, d, _ in plan.days] == [dt.date(2022, 10, d) for d in (10, 11, 13, 14, 17)]


def test_the_term_calendar_gives_the_school_days(lanxi: Path, tmp_path: Path) -> None:
    # Lanxi's term (instance.yaml term) starts on Sunday 2022-10-09, a make-up working day (调休)
    # following Friday's timetable; before it (National Day, Saturday 10-08's make-up day of a
    # term not begun) nothing is taught. No --skip-dates needed.
    plan = substitute(lanxi, [Absence("wx-t19", dt.date(2022, 9, 29), dt.date(2022, 10, 10))])
    assert {r.date for r in plan.rows} == {dt.date(2022, 10, 9), dt.date(2022, 10, 10)}
    assert {r.day for r in plan.rows if r.date == dt.date(2022, 10, 9)} == {"Fri"}
    checked(LANXI, lanxi, plan, tmp_path)


def test_the_same_plan_every_time(lanxi: Path) -> None:
    absences = [*week("wx-t19"), *week("hr-t05"), *week("wx-t13")]
    first = substitute(lanxi, absences, swaps=True).files()
    assert substitute(lanxi, absences, swaps=True).files() == first


# ---- the command ---------------------------------------------------------------------------


def test_the_command_writes_the_plan_and_chinese_notices(lanxi: Path, tmp_path: Path) -> None:
    out = tmp_path / "subs"
    result = run("substitute", lanxi, "--teacher", "wx-t19", "--from", MONDAY, "--to", FRIDAY,
                 "--reason", "病假", "--out", out, "--xlsx", tmp_path / "n.xlsx", "--html",
                 tmp_path / "site")
    assert result.exit_code == 0, result.output
    assert "15 commitments: 10 covered, 5 fallback, 0 swap, 0 none" in result.stdout
    with (out / "substitutions.csv").open(encoding="utf-8-sig", newline="") as stream:
        header = next(csv.reader(stream))
    assert tuple(header) == (*SUBSTITUTION_COLUMNS, *EXTRA_COLUMNS)
    absences = read_rows(out / "absences.csv")
    assert [(r["teacher_id"], r["from"], r["to"], r["reason"]) for r in absences][:2] == [
        ("wx-t19", "2022-10-17", "2022-10-17", "病假"),
        ("wx-t19", "2022-10-18", "2022-10-18", "病假")]
    site = tmp_path / "site"
    teacher = next(p for p in site.glob("teacher-hr-t03.html"))
    text = teacher.read_text("utf-8")
    assert "代课通知" in text and "姜丽娟老师：" in text and "改上本地课" in text
    assert "巫溪的在线课停开" in text  # the reason in the notices' language
    partner = (site / "school-houren.html").read_text("utf-8")
    assert "因在线课教师请假" in partner and "方琳" in partner
    assert (site / "class-wuxi-5-1.html").is_file()
    book = load_workbook(tmp_path / "n.xlsx")
    assert set(book.sheetnames) == {"巫溪", "厚仁"}
    check = run("check-substitutions", lanxi, out)
    assert check.exit_code == 0, check.output
    assert "The substitution plan keeps every rule (15 rows, 15 commitments checked)." in \
        check.stdout


def test_the_command_in_chinese_and_by_default_beside_the_timetable(lanxi: Path,
                                                                     tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(lanxi, copy)
    result = run("--lang", "zh", "substitute", copy, "--teacher", "wx-t19", "--from", MONDAY,
                 "--to", MONDAY)
    assert result.exit_code == 0, result.output
    assert "共 3 节课务：代课 3" in result.stdout and "是本班的任课教师" in result.stdout
    assert (copy / "substitutions" / "substitutions.csv").is_file()


def test_several_absences_from_a_file(lanxi: Path, tmp_path: Path) -> None:
    absences = tmp_path / "absences.csv"
    absences.write_text("teacher_id,from,to,reason\nwx-t19,2022-10-17,2022-10-18,病假\n"
                        "hr-t03,2022-10-18,2022-10-18,培训\n", "utf-8")
    result = run("substitute", lanxi, "--absences", absences, "--out", tmp_path / "o",
                 "--swaps")
    assert result.exit_code == 0, result.output
    rows = read_rows(tmp_path / "o" / "substitutions.csv")
    assert {r["absent_teacher"] for r in rows} == {"wx-t19", "hr-t03"}
    assert run("check-substitutions", lanxi, tmp_path / "o").exit_code == 0


@pytest.mark.slow
def test_from_python_and_from_the_instance_workbook(tmp_path: Path) -> None:
    """The instance as a workbook: solve it, then plan and check from its timetable, the
    commands finding the workbook through summary.json."""
    book = tmp_path / "lanxi.xlsx"
    assert run("template", "--xlsx", book, "--from", LANXI).exit_code == 0
    out = tmp_path / "out"
    result = run("solve", book, "--out", out, "--workers", 1, "--no-grids", "--quiet")
    assert result.exit_code == 0, result.output
    assert aligner.check_solution(aligner.load_instance(book), out).ok
    plan = aligner.substitute(out, [("wx-t19", MONDAY, FRIDAY, "病假")])
    assert tuple(plan.frame().columns[:10]) == SUBSTITUTION_COLUMNS
    plan.write(tmp_path / "plan")
    assert aligner.check_substitutions(aligner.load_instance(book), out, tmp_path / "plan").ok
    result = run("substitute", out, "--teacher", "wx-t19", "--from", MONDAY, "--to", FRIDAY,
                 "--out", tmp_path / "cli")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cli" / "substitutions.csv").read_bytes() == \
        (tmp_path / "plan" / "substitutions.csv").read_bytes()
    assert run("check-substitutions", out, tmp_path / "cli").exit_code == 0


# ---- bad input: exit 2, nothing written ----------------------------------------------------


@pytest.mark.parametrize(("args", "said"), [
    (["--teacher", "wx-t19", "--from", FRIDAY, "--to", MONDAY],
     "--to: the absence ends (2022-10-17) before it begins (2022-10-21)"),
    (["--teacher", "wx-t99", "--from", MONDAY, "--to", FRIDAY],
     "--teacher: no teacher 'wx-t99' in teachers.csv"),
    (["--teacher", "WX-T19", "--from", MONDAY, "--to", FRIDAY], "did you mean 'wx-t19'"),
    (["--teacher", "wx-t19", "--from", "2022-10-32", "--to", FRIDAY],
     "--from: '2022-10-32' is not a date"),
    (["--teacher", "wx-t19", "--from", "2023-01-13", "--to", "2023-01-20", "--term",
      "2022-09-01..2023-01-15"], "--to: 2023-01-20 is after the term (2022-09-01 to 2023-01-15)"),
    (["--teacher", "wx-t19", "--from", "2022-08-29", "--to", MONDAY, "--term",
      "2022-09-01..2023-01-15"], "--from: 2022-08-29 is before the term"),
    (["--teacher", "wx-t19", "--from", MONDAY, "--to", FRIDAY, "--term", "autumn"],
     "--term: 'autumn' is not a term"),
    (["--teacher", "wx-t19", "--from", MONDAY, "--to", FRIDAY, "--skip-dates", "none.txt"],
     "no such skip-dates file"),
    (["--teacher", "wx-t19"], "--teacher, --from and --to go together"),
    ([], "give the absence with --teacher"),
])
def test_bad_options(lanxi: Path, tmp_path: Path, args: list[str], said: str) -> None:
    result = run("substitute", lanxi, *args, "--out", tmp_path / "o", "--xlsx",
                 tmp_path / "n.xlsx", "--html", tmp_path / "site")
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(("text", "said"), [
    ("teacher_id,from,to\nwx-t19,2022-10-21,2022-10-17\n",
     "absences.csv, row 2, column to: the absence ends (2022-10-17) before it begins"),
    ("teacher_id,from,to\nwx-t19,2022-10-17,2022-10-21\nwx-t98,2022-10-17,2022-10-17\n",
     "absences.csv, row 3, column teacher_id: no teacher 'wx-t98'"),
    ("teacher_id,from,to\nwx-t19,17/10/2022,2022-10-21\n",
     "absences.csv, row 2, column from: '17/10/2022' is not a date"),
    ("teacher_id,from\nwx-t19,2022-10-17\n", "absences.csv, row 1, column to: "),
    ("teacher_id,date\nwx-t19,yesterday\n", "absences.csv, row 2, column date: 'yesterday'"),
    ("teacher_id,from,to\nwx-t19,2023-02-01,2023-02-03\n", "absences.csv, row 2, column from: "
                                                          "2023-02-01 is after the term"),
    ("teacher_id,from,to\n", "absences.csv, row 1: the file lists no absence"),
])
def test_bad_absences_files(lanxi: Path, tmp_path: Path, text: str, said: str) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "absences.csv").write_text(text, "utf-8")
    target = tmp_path / "target"
    result = run("substitute", lanxi, "--absences", source / "absences.csv", "--out",
                 target / "o", "--html", target / "site", "--term", "2022-09-01..2023-01-20")
    assert result.exit_code == 2, result.output
    assert said in result.stderr
    assert not target.exists()


def test_bad_input_from_python(lanxi: Path) -> None:
    with pytest.raises(InputError, match="before it begins"):
        substitute(lanxi, [("wx-t19", FRIDAY, MONDAY)])
    with pytest.raises(InputError, match="no teacher 'nobody'"):
        aligner.substitute(lanxi, [("nobody", MONDAY, FRIDAY)])


def test_an_unreadable_timetable(tmp_path: Path) -> None:
    result = run("substitute", tmp_path / "nowhere", "--teacher", "wx-t19", "--from", MONDAY,
                 "--to", FRIDAY, "--instance", LANXI)
    assert result.exit_code == 2
    assert "cannot read the timetable" in result.stderr


def test_an_earlier_plan_is_never_overwritten_without_force(lanxi: Path, tmp_path: Path) -> None:
    out = tmp_path / "subs"
    first = run("substitute", lanxi, "--teacher", "wx-t19", "--from", MONDAY, "--to", FRIDAY,
                "--out", out)
    assert first.exit_code == 0, first.output
    plan = (out / "substitutions.csv").read_bytes()
    again = run("substitute", lanxi, "--teacher", "wx-t20", "--from", MONDAY, "--to", FRIDAY,
                "--out", out)
    assert again.exit_code == 2 and "--force" in again.output
    assert (out / "substitutions.csv").read_bytes() == plan
    forced = run("substitute", lanxi, "--teacher", "wx-t20", "--from", MONDAY, "--to", FRIDAY,
                 "--out", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert "wx-t20" in (out / "substitutions.csv").read_text("utf-8-sig")
    assert "wx-t19" not in (out / "absences.csv").read_text("utf-8-sig")


def test_an_absent_teacher_named_by_name(lanxi: Path, tmp_path: Path) -> None:
    # Offices know their teachers by name: 方琳 is wx-t19 (no other teacher has that name).
    by_id = substitute(lanxi, [("wx-t19", MONDAY, FRIDAY)])
    by_name = substitute(lanxi, [("方琳", MONDAY, FRIDAY)])
    assert by_name.files() == by_id.files()
    result = run("substitute", lanxi, "--teacher", "方琳", "--from", MONDAY, "--to", FRIDAY,
                 "--out", tmp_path / "p")
    assert result.exit_code == 0, result.output
    assert "wx-t19" in (tmp_path / "p" / "substitutions.csv").read_text("utf-8-sig")
