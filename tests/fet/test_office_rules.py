"""The office rules of issue 15 through FET, both ways: pins, teachers' limits, special rooms,
combined classes and co-teaching imported from small hand-written FET files (each into its
instance field, each timetable through the independent checker) and exported as the FET
constraints that say the same (fet-cl solves the export; an aligner timetable exported with
--solution comes back from fet-cl unchanged)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from aligner.check import check_solution
from aligner.cli import main
from aligner.fet import import_fet, read_fet
from aligner.fet.exporter import export_fet
from aligner.io import load_instance
from tests.builders import NO_MINIMUMS, bells, klass, school, subject, teacher, write_instance
from tests.fetkit import fet_xml, lessons, not_available, run_fet
from tests.solving import solve_checked

HOURS = ("08:00-08:40", "08:50-09:30", "09:40-10:20", "10:30-11:10")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def imported(tmp_path: Path, text: str):
    """Import through the CLI (the instance must read back); the report and the directory."""
    fet = tmp_path / "school.fet"
    fet.write_text(text, encoding="utf-8")
    out = tmp_path / "inst"
    result = run("import-fet", str(fet), "--out", str(out))
    assert result.exit_code == 0, result.output
    return out, result.output


def table(directory: Path, name: str) -> list[dict[str, str]]:
    path = directory / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig") as stream:
        return list(csv.DictReader(stream))


def element(tag: str, weight: int = 100, **children: str | list[str]) -> str:
    """A FET constraint; a list value repeats its child."""
    body = "".join(f"<{k}>{x}</{k}>" for k, v in children.items()
                   for x in ([v] if isinstance(v, str) else v))
    return f"<{tag}><Weight_Percentage>{weight}</Weight_Percentage>{body}</{tag}>"


def with_rooms(text: str, rooms: list[tuple[str, int]], space: str) -> str:
    """Rooms (name, capacity) and space constraints added to a file made by fet_xml."""
    listed = "".join(f"<Room><Name>{n}</Name><Building></Building><Capacity>{c}</Capacity>"
                     "<Virtual>false</Virtual></Room>" for n, c in rooms)
    text = text.replace("</Activities_List>", f"</Activities_List><Rooms_List>{listed}"
                        "</Rooms_List>")
    return text.replace("</ConstraintBasicCompulsorySpace>",
                        f"</ConstraintBasicCompulsorySpace>{space}")


def solved(directory: Path, out: Path) -> pd.DataFrame:
    solve_checked(directory, out)
    return pd.read_csv(out / "lessons.csv", dtype=str, keep_default_na=False,
                       encoding="utf-8-sig")


def fet_timetable_checks(directory: Path, fet: Path, tmp_path: Path) -> Path:
    """fet-cl solves ``fet`` (an export of the instance in ``directory``); its timetable, read
    back with --fet, passes aligner's checker. The solution directory."""
    run_fet(fet, tmp_path / "fet")
    solution = tmp_path / "from-fet"
    result = run("read-fet-timetable", str(directory), str(tmp_path / "fet"), "--fet", str(fet),
                 "--out", str(solution))
    assert result.exit_code == 0, result.output
    report = check_solution(load_instance(directory), solution)
    assert not report.violations, [str(v) for v in report.violations]
    return solution


# ---- import ----

def test_a_lesson_fixed_at_a_slot_becomes_a_pin(tmp_path):
    pin = element("ConstraintActivityPreferredStartingTime", Activity_Id="2", Preferred_Day="Tue",
                  Preferred_Hour=HOURS[2], Permanently_Locked="true")
    text = fet_xml(hours=HOURS, activities=lessons("Maths", "Ann", "7A", 1, [1, 1, 1]),
                   constraints=pin)
    out, report = imported(tmp_path, text)
    assert table(out, "pinned.csv") == [{"school_id": "school", "class_id": "7A",
                                         "subject": "Maths", "day": "Tue", "period": "3",
                                         "course_id": ""}]
    assert "Nothing was dropped" in report
    lessons_csv = solved(out, tmp_path / "solution")
    assert ("Tue", "3") in set(zip(lessons_csv.day, lessons_csv.period, strict=True))


def test_a_row_of_singles_and_doubles_pinned_whole_keeps_which_lesson_is_the_double(tmp_path):
    """FET fixes the double at Mon 1-2 and the single at Mon 3: aligner's pins say where
    lessons start, and the allowed periods (exactly those FET fixes) decide which is the
    double. With one of them fixed only, the pin is listed."""
    pins = "".join(element("ConstraintActivityPreferredStartingTime", Activity_Id=str(i),
                           Preferred_Day="Mon", Preferred_Hour=h, Permanently_Locked="false")
                   for i, h in ((1, HOURS[0]), (2, HOURS[2])))
    text = fet_xml(hours=HOURS, activities=lessons("Maths", "Ann", "7A", 1, [2, 1])
                   + lessons("Art", "Bob", "7A", 3, [2, 1]), teachers=("Ann", "Bob"),
                   constraints=pins + element("ConstraintActivityPreferredStartingTime",
                                              Activity_Id="3", Preferred_Day="Tue",
                                              Preferred_Hour=HOURS[0]))
    imp = import_fet(_write(tmp_path, text))
    maths = next(r for r in imp.tables["curriculum"] if r["subject"] == "Maths")
    assert maths["allowed"] == "Mon:1,2,3"
    assert len(imp.tables["pinned"]) == 2
    assert [(x.what, x.count) for x in imp.losses] == [("ConstraintActivityPreferredStartingTime", 1)]
    assert "mixes single and double lessons" in imp.losses[0].reason


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "school.fet"
    path.write_text(text, encoding="utf-8")
    return path


def test_teachers_limits_become_max_per_day_max_days_and_max_consecutive(tmp_path):
    hours = ("08:00-08:40", "08:50-09:30", "09:40-10:20", "Lunch", "13:00-13:40", "13:50-14:30")
    constraints = (
        element("ConstraintTeacherMaxHoursDaily", Teacher_Name="Ann", Maximum_Hours_Daily="3")
        + element("ConstraintTeachersMaxHoursDaily", Maximum_Hours_Daily="4")
        + element("ConstraintTeachersMaxHoursDaily", Maximum_Hours_Daily="9")
        + element("ConstraintTeacherMaxDaysPerWeek", Teacher_Name="Bob", Max_Days_Per_Week="1")
        + element("ConstraintTeachersMaxHoursContinuously", Maximum_Hours_Continuously="2")
        + element("ConstraintBreakTimes", Number_of_Break_Times="2",
                  Break_Time=["<Day>Mon</Day><Hour>Lunch</Hour>",
                              "<Day>Tue</Day><Hour>Lunch</Hour>"]))
    text = fet_xml(hours=hours, teachers=("Ann", "Bob"), years={"7A": [], "7B": []},
                   activities=lessons("Maths", "Ann", "7A", 1, [1] * 5)
                   + lessons("Art", "Bob", "7B", 6, [1, 1]), constraints=constraints)
    out, report = imported(tmp_path, text)
    limits = {t["teacher_id"]: (t["max_per_day"], t["max_days"], t["max_consecutive"])
              for t in table(out, "teachers.csv")}
    assert limits == {"Ann": ("3", "", "2"), "Bob": ("4", "1", "2")}
    assert "Nothing was dropped" in report
    lessons_csv = solved(out, tmp_path / "solution")
    art_days = set(lessons_csv[lessons_csv.subject == "Art"].day)
    assert len(art_days) == 1


def test_teachers_max_gaps_become_max_gaps_per_day_and_per_week(tmp_path):
    """The four hard types, the smallest limit of a teacher kept; a limit no day can reach (5
    hours leave at most 3 gaps) converted without a column; a break on one day only is
    unavailable to every teacher, so it is no gap, as in FET."""
    hours = ("08:00-08:40", "08:50-09:30", "09:40-10:20", "10:30-11:10", "11:20-12:00")
    constraints = (
        element("ConstraintTeacherMaxGapsPerDay", Teacher_Name="Ann", Max_Gaps="1")
        + element("ConstraintTeachersMaxGapsPerDay", Max_Gaps="2")
        + element("ConstraintTeachersMaxGapsPerDay", Max_Gaps="3")  # 5 hours: never binding
        + element("ConstraintTeacherMaxGapsPerWeek", Teacher_Name="Bob", Max_Gaps="0")
        + element("ConstraintTeachersMaxGapsPerWeek", Max_Gaps="3")
        + element("ConstraintBreakTimes", Number_of_Break_Times="1",
                  Break_Time=["<Day>Mon</Day><Hour>09:40-10:20</Hour>"]))
    text = fet_xml(hours=hours, teachers=("Ann", "Bob", "Cy"), years={"7A": [], "7B": []},
                   activities=lessons("Maths", "Ann", "7A", 1, [1] * 4)
                   + lessons("Art", "Bob", "7A", 5, [1] * 3)
                   + lessons("Music", "Cy", "7B", 8, [1] * 5), constraints=constraints)
    out, report = imported(tmp_path, text)
    limits = {t["teacher_id"]: (t["max_gaps_per_day"], t["max_gaps_per_week"], t["unavailable"])
              for t in table(out, "teachers.csv")}
    assert limits == {"Ann": ("1", "3", "Mon:3"), "Bob": ("2", "0", "Mon:3"),
                      "Cy": ("2", "3", "Mon:3")}
    assert "Nothing was dropped" in report and "Not imported" not in report
    lessons_csv = solved(out, tmp_path / "solution")  # the checker counts the gaps too
    art = lessons_csv[lessons_csv.subject == "Art"]
    for day, periods in art.groupby("day").period:  # Bob: no gap in the week
        taken = {int(p) for p in periods}
        assert {p for p in range(min(taken), max(taken)) if p not in taken
                and (day, p) != ("Mon", 3)} == set()


def test_a_soft_max_gaps_is_dropped_for_its_weight(tmp_path):
    text = fet_xml(activities=lessons("Maths", "Ann", "7A", 1, [1] * 3), constraints=element(
        "ConstraintTeacherMaxGapsPerDay", weight=95, Teacher_Name="Ann", Max_Gaps="0"))
    imp = import_fet(_write(tmp_path, text))
    assert [(x.what, x.count) for x in imp.losses] == [("ConstraintTeacherMaxGapsPerDay", 1)]
    assert not any(t["max_gaps_per_day"] for t in imp.tables["teachers"])


def test_max_hours_continuously_is_listed_where_fet_and_aligner_count_runs_differently(tmp_path):
    """All hours are in the morning and a break splits them: FET's runs end at the break,
    aligner's at noon only, so the constraint is listed."""
    hours = ("08:00-08:40", "08:50-09:30", "Recess", "10:00-10:40", "10:50-11:30")
    constraints = (element("ConstraintTeacherMaxHoursContinuously", Teacher_Name="Ann",
                           Maximum_Hours_Continuously="2")
                   + element("ConstraintBreakTimes", Number_of_Break_Times="2",
                             Break_Time=["<Day>Mon</Day><Hour>Recess</Hour>",
                                         "<Day>Tue</Day><Hour>Recess</Hour>"]))
    text = fet_xml(hours=hours, activities=lessons("Maths", "Ann", "7A", 1, [1] * 5),
                   constraints=constraints)
    imp = import_fet(_write(tmp_path, text))
    assert [(x.what, x.count) for x in imp.losses] == [("ConstraintTeacherMaxHoursContinuously", 1)]
    assert "differ on these bells" in imp.losses[0].reason


def test_rooms_of_subjects_activities_and_home_rooms_become_special_rooms(tmp_path):
    """Science must be in Lab (closed on Mon 1), one Art lesson in Studio, the rest of 7A's
    lessons in its home room (no counterpart needed: nothing else uses it); a room too small
    for 7B's 40 students is left out of its choices."""
    space = (element("ConstraintSubjectPreferredRooms", Subject="Science",
                     Number_of_Preferred_Rooms="2", Preferred_Room=["Lab", "Small lab"])
             + element("ConstraintActivityPreferredRoom", Activity_Id="5", Room="Studio",
                       Permanently_Locked="false")
             + element("ConstraintStudentsSetHomeRoom", Students="7A", Room="Room 7A")
             + element("ConstraintRoomNotAvailableTimes", Room="Lab",
                       Number_of_Not_Available_Times="1",
                       Not_Available_Time="<Day>Mon</Day><Hour>08:00-08:40</Hour>"))
    text = fet_xml(hours=HOURS, teachers=("Ann", "Bob"), years={"7A": [], "7B": []},
                   activities=lessons("Science", "Ann", "7A", 1, [1, 1])
                   + lessons("Science", "Ann", "7B", 3, [1, 1])
                   + lessons("Art", "Bob", "7A", 5, [1, 1]))
    text = text.replace("<Name>7B</Name>", "<Name>7B</Name><Number_of_Students>40"
                        "</Number_of_Students>")
    text = with_rooms(text, [("Lab", 50), ("Small lab", 20), ("Studio", 30), ("Room 7A", 30)],
                      space)
    out, report = imported(tmp_path, text)
    rooms = {r["room_id"]: (r["subjects"], r["unavailable"]) for r in table(out, "rooms.csv")}
    curriculum = {(r["class_id"], r["subject"]) for r in table(out, "curriculum.csv")}
    assert curriculum == {("7A", "Science (Ann / 7A)"), ("7B", "Science (Ann / 7B)"),
                          ("7A", "Art [1]"), ("7A", "Art [2]")}
    assert rooms["Lab"] == ("Science (Ann / 7A);Science (Ann / 7B)", "Mon:1")
    assert rooms["Small lab"][0] == "Science (Ann / 7A)", "too small for 7B"
    assert rooms["Studio"][0] == "Art [1]" and rooms["Room 7A"][0] == "Art [2]"
    assert "Nothing was dropped" in report
    lessons_csv = solved(out, tmp_path / "solution")
    science_b = lessons_csv[lessons_csv.subject == "Science (Ann / 7B)"]
    assert set(science_b.room_id) == {"Lab"}


def test_a_virtual_room_is_listed(tmp_path):
    space = element("ConstraintActivityPreferredRoom", Activity_Id="1", Room="Labs",
                    Permanently_Locked="false")
    text = with_rooms(fet_xml(activities=lessons("Science", "Ann", "7A", 1, [1])),
                      [("Labs", 30)], space).replace("<Virtual>false", "<Virtual>true")
    imp = import_fet(_write(tmp_path, text))
    assert [x.what for x in imp.losses] == ["ConstraintActivityPreferredRoom"]
    assert "virtual room" in imp.losses[0].reason


def test_an_activity_without_students_gets_a_placeholder_class(tmp_path):
    text = fet_xml(activities=lessons("Meeting", "Ann", [], 1, [1, 1])
                   + lessons("Maths", "Ann", "7A", 3, [1]))
    out, report = imported(tmp_path, text)
    meeting = next(r for r in table(out, "curriculum.csv") if r["subject"] == "Meeting")
    assert meeting["class_id"] == "(no students) Meeting Ann" and meeting["teacher_id"] == "Ann"
    assert "Nothing was dropped" in report
    solved(out, tmp_path / "solution")


def test_activities_of_nobody_are_rows_of_their_own_free_to_overlap(tmp_path):
    """Two parts of an activity of no students and no teacher: FET may place them at once (they
    occupy nobody), so each is a row of its own with its own placeholder class and teacher; in a
    week of one period both still fit."""
    text = fet_xml(days=("Mon",), hours=HOURS[:1], activities=lessons("Duty", [], [], 1, [1, 1]))
    out, report = imported(tmp_path, text)
    assert "Nothing was dropped" in report and "2 activities of no students and no teacher" \
        in report, report
    rows = table(out, "curriculum.csv")
    assert sorted(r["subject"] for r in rows) == ["Duty #1", "Duty #2"]
    assert len({r["class_id"] for r in rows}) == 2 and len({r["teacher_id"] for r in rows}) == 2
    lessons_csv = solved(out, tmp_path / "solution")
    assert sorted(lessons_csv.period) == ["1", "1"]


def test_students_gaps_and_early_beginnings_hold_when_the_week_is_full(tmp_path):
    """7A's 6 lessons fill its 2 days x 3 hours: no gap, no late beginning, 3 hours a day,
    whatever the timetable; 7B has a free hour, so its max gaps 0 is listed."""
    constraints = (element("ConstraintStudentsSetMaxGapsPerWeek", Students="7A", Max_Gaps="0")
                   + element("ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour",
                             Students="7A", Max_Beginnings_At_Second_Hour="0")
                   + element("ConstraintStudentsSetMinHoursDaily", Students="7A",
                             Minimum_Hours_Daily="3", Allow_Empty_Days="false")
                   + element("ConstraintStudentsSetMaxGapsPerWeek", Students="7B", Max_Gaps="0"))
    text = fet_xml(teachers=("Ann", "Bob"), years={"7A": [], "7B": []},
                   activities=lessons("Maths", "Ann", "7A", 1, [1] * 6)
                   + lessons("Art", "Bob", "7B", 7, [1] * 5), constraints=constraints)
    imp = import_fet(_write(tmp_path, text))
    assert [(x.what, x.count) for x in imp.losses] == [("ConstraintStudentsSetMaxGapsPerWeek", 1)]
    assert any("holds in every timetable" in n for n in imp.notes)


# ---- export ----

def _office(tmp_path: Path) -> Path:
    """A school with a combined lesson (a+b, PE), a co-taught one (Lab: tl+tm), two science
    rooms (one closed on Mon 1), pins (a double of an all-doubles row, a single of a mixed row),
    and teachers' limits over a morning and an afternoon."""
    return write_instance(
        tmp_path / "inst", {"name": "office", "season": "winter", "days": ["Mon", "Tue", "Wed"],
                            "policy": NO_MINIMUMS | {"max_double_gap": 10}},
        schools=[school("S")],
        bells=bells("S", "08:00-08:40", "08:50-09:30", "09:40-10:20", "13:00-13:40",
                    "13:50-14:30"),
        classes=[klass("S", "a"), klass("S", "b")],
        teachers=[teacher("tp", "S", max_per_day=3, max_consecutive=2),
                  teacher("tl", "S", max_days=2), teacher("tm", "S"),
                  teacher("ts", "S", max_consecutive=2), teacher("tx", "S")],
        curriculum=[subject("S", "a+b", "PE", "tp", 4, doubles=2),
                    subject("S", "a", "Lab", "tl+tm", 2),
                    subject("S", "a", "Science", "ts", 3, doubles=1),
                    subject("S", "b", "Science", "ts", 3),
                    subject("S", "b", "Maths", "tx", 4)],
        rooms=[{"school_id": "S", "room_id": "lab1", "name": "Lab 1", "subjects": "Science",
                "unavailable": "Mon:1"},
               {"school_id": "S", "room_id": "lab2", "name": "Lab 2", "subjects": "Science"}],
        pinned=[{"school_id": "S", "class_id": "b", "subject": "PE", "day": "Tue", "period": 4},
                {"school_id": "S", "class_id": "a", "subject": "Science", "day": "Wed",
                 "period": 2}])


def test_office_rules_are_written_as_fet_constraints(tmp_path):
    exported = export_fet(load_instance(_office(tmp_path)))
    data = read_fet(_write(tmp_path, exported.text))
    tags = [c.tag for c in data.constraints]
    pe = [a for a in data.activities if a.subject == "PE"]
    assert {a.students for a in pe} == {("a", "b")} and [a.duration for a in pe] == [2, 2]
    assert {a.teachers for a in data.activities if a.subject == "Lab"} == {("tl", "tm")}
    for tag in ("ConstraintTeacherMaxHoursDaily", "ConstraintTeacherMaxDaysPerWeek",
                "ConstraintTeacherMaxHoursContinuously", "ConstraintRoomNotAvailableTimes",
                "ConstraintActivityPreferredRooms", "ConstraintActivityPreferredStartingTime",
                "ConstraintActivitiesOccupyMinTimeSlotsFromSelection", "ConstraintBreakTimes"):
        assert tag in tags, tag
    assert data.hours[3] == "(noon)", "a break hour ends FET's runs where aligner's half-day does"
    assert [r.name for r in data.room_list] == ["lab1", "lab2"]


def test_fet_solves_the_exported_office_rules_and_its_timetable_keeps_them(tmp_path):
    directory = _office(tmp_path)
    fet = tmp_path / "office.fet"
    assert run("export-fet", str(directory), "--out", str(fet)).exit_code == 0
    solution = fet_timetable_checks(directory, fet, tmp_path)
    lessons_csv = pd.read_csv(solution / "lessons.csv", dtype=str, keep_default_na=False)
    science = lessons_csv[lessons_csv.subject == "Science"]
    assert set(science.room_id) <= {"lab1", "lab2"} and "" not in set(science.room_id)


def test_an_aligner_timetable_locked_in_fet_comes_back_unchanged(tmp_path):
    directory = _office(tmp_path)
    ours = tmp_path / "ours"
    solve_checked(directory, ours)
    fet = tmp_path / "locked.fet"
    result = run("export-fet", str(directory), "--solution", str(ours), "--out", str(fet))
    assert result.exit_code == 0, result.output
    run_fet(fet, tmp_path / "fet")
    back = tmp_path / "back"
    assert run("read-fet-timetable", str(directory), str(tmp_path / "fet"), "--fet", str(fet),
               "--out", str(back)).exit_code == 0
    columns = ["class_id", "subject", "day", "period", "teacher_id", "room_id", "lesson_id"]

    def placed(path: Path) -> list[tuple[str, ...]]:
        frame = pd.read_csv(path / "lessons.csv", dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
        return sorted(map(tuple, frame[columns].to_numpy().tolist()))

    assert placed(back) == placed(ours)
    assert not check_solution(load_instance(directory), back).violations


@pytest.mark.parametrize("field", ["max_per_day", "max_days"])
def test_an_import_exported_again_keeps_the_teachers_limits(tmp_path, field):
    constraint = (element("ConstraintTeacherMaxHoursDaily", Teacher_Name="Ann",
                          Maximum_Hours_Daily="2") if field == "max_per_day" else
                  element("ConstraintTeacherMaxDaysPerWeek", Teacher_Name="Ann",
                          Max_Days_Per_Week="1"))
    text = fet_xml(activities=lessons("Maths", "Ann", "7A", 1, [1, 1]), constraints=constraint
                   + not_available("ConstraintTeacherNotAvailableTimes", "Teacher", "Ann",
                                   [("Mon", HOURS[0])]))
    out, _ = imported(tmp_path, text)
    again = read_fet(_write(tmp_path, export_fet(load_instance(out)).text))
    limits = {c.tag: c.text("Maximum_Hours_Daily") or c.text("Max_Days_Per_Week")
              for c in again.constraints if "MaxHoursDaily" in c.tag or "MaxDays" in c.tag}
    assert limits == ({"ConstraintTeacherMaxHoursDaily": "2"} if field == "max_per_day"
                      else {"ConstraintTeacherMaxDaysPerWeek": "1"})


def _gappy(tmp_path: Path) -> Path:
    """Two classes over 3 days of 5 periods (3 in the morning): ta may have no gap at all, tb
    one a week; ta cannot teach on Mon 2 (so 1 and 3 leave no gap there)."""
    return write_instance(
        tmp_path / "gappy", {"name": "gappy", "season": "winter", "days": ["Mon", "Tue", "Wed"],
                             "policy": NO_MINIMUMS},
        schools=[school("S")],
        bells=bells("S", "08:00-08:40", "08:50-09:30", "09:40-10:20", "13:00-13:40",
                    "13:50-14:30"),
        classes=[klass("S", "a"), klass("S", "b")],
        teachers=[teacher("ta", "S", unavailable="Mon:2", max_gaps_per_day=0),
                  teacher("tb", "S", max_gaps_per_week=1), teacher("tc", "S")],
        curriculum=[subject("S", "a", "Maths", "ta", 5), subject("S", "b", "Maths", "ta", 4),
                    subject("S", "a", "Art", "tb", 4), subject("S", "b", "Art", "tb", 4),
                    subject("S", "a", "PE", "tc", 6), subject("S", "b", "PE", "tc", 7)])


def test_max_gaps_are_exported_and_fet_keeps_them(tmp_path):
    directory = _gappy(tmp_path)
    fet = tmp_path / "gappy.fet"
    assert run("export-fet", str(directory), "--out", str(fet)).exit_code == 0
    gaps = {(c.tag, c.text("Teacher_Name"), c.text("Max_Gaps"))
            for c in read_fet(fet).constraints if "Gaps" in c.tag}
    assert gaps == {("ConstraintTeacherMaxGapsPerDay", "ta", "0"),
                    ("ConstraintTeacherMaxGapsPerWeek", "tb", "1")}
    fet_timetable_checks(directory, fet, tmp_path)
    solve_checked(directory, tmp_path / "ours")
    back, _ = imported(tmp_path, fet.read_text(encoding="utf-8"))
    assert {t["teacher_id"]: (t["max_gaps_per_day"], t["max_gaps_per_week"])
            for t in table(back, "teachers.csv")} == {"ta": ("0", ""), "tb": ("", "1"),
                                                      "tc": ("", "")}


# ---- FET's own reading of a file ----

def test_an_old_mornings_afternoons_file_is_read_as_fet_6_reads_it(tmp_path):
    """FET 6 opens a file of FET 5's Morocco build in mornings-afternoons mode: its days are
    half-days, every teacher keeps to mornings or afternoons, and a max days per week counts
    real days: all listed, not converted."""
    text = fet_xml(days=("Mon_m", "Mon_a"), activities=lessons("Maths", "Ann", "7A", 1, [1, 1]),
                   constraints=element("ConstraintTeacherMaxDaysPerWeek", Teacher_Name="Ann",
                                       Max_Days_Per_Week="1"))
    text = text.replace('<fet version="6.8.5">', '<fet version="5.27.3-morocco30">')
    imp = import_fet(_write(tmp_path, text))
    listed = {x.what: x.reason for x in imp.losses}
    assert "per real day" in listed["ConstraintTeacherMaxDaysPerWeek"]
    assert "Exclusive" in listed["Teacher (mornings-afternoons behavior)"]
    assert not any(t["max_days"] for t in imp.tables["teachers"])


def test_students_sets_selected_by_name_take_every_activity_sharing_students(tmp_path):
    """FET's Activities preferred time slots of students set 7A-f select the year's activities
    too (they share 7A-f's students), as FET selects them."""
    constraint = element("ConstraintActivitiesPreferredTimeSlots", Teacher_Name="",
                         Students_Name="7A-f", Subject_Name="", Activity_Tag_Name="",
                         Number_of_Preferred_Time_Slots="2",
                         Preferred_Time_Slot=["<Preferred_Day>Mon</Preferred_Day><Preferred_Hour>"
                                              f"{h}</Preferred_Hour>" for h in HOURS[:2]])
    text = fet_xml(hours=HOURS, teachers=("Ann", "Bob"), years={"7A": ["7A-f", "7A-g"]},
                   activities=lessons("Maths", "Ann", "7A", 1, [1])
                   + lessons("French", "Bob", "7A-f", 2, [1])
                   + lessons("Art", "Bob", "7A-g", 3, [1]), constraints=constraint)
    imp = import_fet(_write(tmp_path, text))
    allowed = {r["subject"]: r["allowed"] for r in imp.tables["curriculum"]}
    assert allowed == {"Maths": "Mon:1,2", "French": "Mon:1,2", "Art": ""}
    assert imp.lossless


# ---- min days between activities above one day ----

WEEK = ("Mon", "Tue", "Wed", "Thu", "Fri")


def _min_days(weight: int, ids: tuple[int, ...], days: int) -> str:
    return element("ConstraintMinDaysBetweenActivities", weight, Consecutive_If_Same_Day="true",
                   Number_of_Activities=str(len(ids)), Activity_Id=[str(i) for i in ids],
                   MinDays=str(days))


def _spread(weight: int = 100, ids: tuple[int, ...] = (1, 2, 3), days: int = 2) -> str:
    """7A's Maths (Ann, three lessons, ids 1-3) at least two days apart (``ids``); Art (Bob,
    ids 4-10) fills the week."""
    constraint = _min_days(weight, ids, days)
    return fet_xml(days=WEEK, hours=HOURS[:2], teachers=("Ann", "Bob"),
                   activities=lessons("Maths", "Ann", "7A", 1, [1, 1, 1])
                   + lessons("Art", "Bob", "7A", 4, [1] * 7), constraints=constraint)


def test_min_days_between_a_rows_activities_becomes_min_days_apart(tmp_path):
    out, report = imported(tmp_path, _spread())
    rows = {r["subject"]: r["min_days_apart"] for r in table(out, "curriculum.csv")}
    assert rows == {"Maths": "2", "Art": ""}
    assert "Nothing was dropped" in report
    lessons_csv = solved(out, tmp_path / "solution")
    maths = sorted(lessons_csv[lessons_csv.subject == "Maths"].day, key=WEEK.index)
    assert maths == ["Mon", "Wed", "Fri"]


@pytest.mark.parametrize(("ids", "days", "rows"), [
    ((1, 2, 3), 2, [("Maths", "2")]),
    ((1, 4), 1, [("Art [1]", "1"), ("Maths [1]", "1")])])
def test_a_soft_min_days_is_a_days_apart_wish(tmp_path, ids, days, rows):
    """A soft min days (weight 95%) that is not one day over a whole row (the same-day-repeat
    term) is a soft days_apart.csv group, FET's weight in tenths (10); solved and checked, its
    term recomputed by the checker."""
    out, report = imported(tmp_path, _spread(95, ids, days))
    assert "Nothing was dropped" in report, report
    groups = table(out, "days_apart.csv")
    assert sorted((g["subject"], g["min_days"]) for g in groups) == rows
    assert {g["weight"] for g in groups} == {"10"}
    solved(out, tmp_path / "solution")


def test_min_days_apart_is_exported_and_fet_keeps_it(tmp_path):
    directory = write_instance(
        tmp_path / "inst", {"name": "apart", "season": "winter", "days": list(WEEK),
                            "policy": NO_MINIMUMS},
        schools=[school("S")], bells=bells("S", *HOURS[:2]), classes=[klass("S", "a")],
        teachers=[teacher("ta", "S"), teacher("tb", "S")],
        curriculum=[subject("S", "a", "Maths", "ta", 3, min_days_apart=2),
                    subject("S", "a", "Art", "tb", 7)])
    fet = tmp_path / "apart.fet"
    assert run("export-fet", str(directory), "--out", str(fet)).exit_code == 0
    apart = [c for c in read_fet(fet).constraints
             if c.tag == "ConstraintMinDaysBetweenActivities" and c.hard]
    assert [(c.text("MinDays"), len(c.texts("Activity_Id"))) for c in apart] == [("2", 3)]
    solution = fet_timetable_checks(directory, fet, tmp_path)
    frame = pd.read_csv(solution / "lessons.csv", dtype=str, keep_default_na=False)
    assert sorted(frame[frame.subject == "Maths"].day, key=WEEK.index) == ["Mon", "Wed", "Fri"]


def test_min_days_over_some_lessons_of_a_row_become_days_apart_groups(tmp_path):
    """Namibian files' pattern: three lessons one day apart, the first two days from each other
    one: each lesson its own row, each constraint a days_apart.csv group, nothing dropped."""
    constraints = (_min_days(100, (1, 2, 3), 1) + _min_days(100, (1, 2), 2)
                   + _min_days(100, (1, 3), 2))
    text = fet_xml(days=WEEK, hours=HOURS[:2], teachers=("Ann", "Bob"),
                   activities=lessons("Maths", "Ann", "7A", 1, [1, 1, 1])
                   + lessons("Art", "Bob", "7A", 4, [1] * 7), constraints=constraints)
    out, report = imported(tmp_path, text)
    assert "Nothing was dropped" in report, report
    groups: dict[str, list[str]] = {}
    for g in table(out, "days_apart.csv"):
        groups.setdefault(f"{g['group']} {g['min_days']}", []).append(g["subject"])
    assert sorted(map(sorted, groups.values())) == [
        ["Maths [1]", "Maths [2]"], ["Maths [1]", "Maths [2]", "Maths [3]"],
        ["Maths [1]", "Maths [3]"]]
    assert sorted(k.split()[1] for k in groups) == ["1", "2", "2"]
    lessons_csv = solved(out, tmp_path / "solution")
    day = {s: WEEK.index(d) for s, d in zip(lessons_csv.subject, lessons_csv.day, strict=True)
           if s.startswith("Maths")}
    assert abs(day["Maths [1]"] - day["Maths [2]"]) >= 2
    assert abs(day["Maths [1]"] - day["Maths [3]"]) >= 2
    assert day["Maths [2]"] != day["Maths [3]"]
    # and back: export-fet writes the groups, fet-cl keeps them, the checker agrees
    fet = tmp_path / "again.fet"
    assert run("export-fet", str(out), "--out", str(fet)).exit_code == 0
    hard = sorted(c.text("MinDays") for c in read_fet(fet).constraints
                  if c.tag == "ConstraintMinDaysBetweenActivities" and c.hard)
    assert hard == ["1", "2", "2"]
    fet_timetable_checks(out, fet, tmp_path)


def test_min_days_over_inactive_activities_hold_over_the_active_ones_as_in_fet(tmp_path):
    """FET ignores a min-days constraint with fewer than two active activities, and holds one
    with more over its active activities only (timeconstraint.cpp, hasInactiveActivities)."""
    activities = lessons("Maths", "Ann", "7A", 1, [1, 1, 1]) + lessons("Art", "Bob", "7A", 4,
                                                                        [1] * 7)
    activities[2]["active"] = False
    constraints = _min_days(100, (1, 2, 3), 2) + _min_days(100, (3, 4), 1)
    out, report = imported(tmp_path, fet_xml(days=WEEK, hours=HOURS[:2], teachers=("Ann", "Bob"),
                                             activities=activities, constraints=constraints))
    assert "Nothing was dropped" in report and "1 min-days constraints hold fewer than two" \
        in report, report
    rows = {r["subject"]: (r["per_week"], r["min_days_apart"]) for r in table(out, "curriculum.csv")}
    assert rows == {"Maths": ("2", "2"), "Art": ("7", "")}


def test_a_constraint_of_weight_zero_constrains_nothing(tmp_path):
    """FET skips a constraint of weight 0% always (generate.cpp, skipRandom) and counts no
    conflict for it: nothing to carry over, nothing dropped."""
    slots = "".join(f"<Preferred_Starting_Time><Preferred_Starting_Day>Mon</Preferred_Starting_Day>"
                    f"<Preferred_Starting_Hour>{HOURS[0]}</Preferred_Starting_Hour>"
                    "</Preferred_Starting_Time>" for _ in range(1))
    constraint = (f"<ConstraintActivityPreferredStartingTimes><Weight_Percentage>0"
                  f"</Weight_Percentage><Activity_Id>1</Activity_Id>"
                  f"<Number_of_Preferred_Starting_Times>1</Number_of_Preferred_Starting_Times>"
                  f"{slots}<Active>true</Active></ConstraintActivityPreferredStartingTimes>")
    out, report = imported(tmp_path, fet_xml(activities=lessons("Maths", "Ann", "7A", 1, [1, 1]),
                                             constraints=constraint))
    assert "Nothing was dropped" in report and "1 constraints of weight 0% constrain nothing" \
        in report, report
    assert {r["allowed"] for r in table(out, "curriculum.csv")} == {""}


def test_soft_preferred_starting_times_become_preferred_periods_and_go_back(tmp_path):
    """A soft preferred starting times (90%) of one activity: its row's preferred periods (the
    activity its own row), outside_preferred counting it as FET counts it; export-fet writes
    them back as soft preferred time slots and fet-cl's timetable passes the checker."""
    slots = "".join(f"<Preferred_Starting_Time><Preferred_Starting_Day>{d}"
                    f"</Preferred_Starting_Day><Preferred_Starting_Hour>{HOURS[0]}"
                    "</Preferred_Starting_Hour></Preferred_Starting_Time>" for d in WEEK[:2])
    wish = (f"<ConstraintActivityPreferredStartingTimes><Weight_Percentage>90"
            f"</Weight_Percentage><Activity_Id>1</Activity_Id>"
            f"<Number_of_Preferred_Starting_Times>2</Number_of_Preferred_Starting_Times>"
            f"{slots}<Active>true</Active></ConstraintActivityPreferredStartingTimes>")
    text = fet_xml(days=WEEK, hours=HOURS[:2], teachers=("Ann", "Bob"),
                   activities=lessons("Maths", "Ann", "7A", 1, [1, 1, 1])
                   + lessons("Art", "Bob", "7A", 4, [1] * 7), constraints=wish)
    out, report = imported(tmp_path, text)
    assert "Nothing was dropped" in report and "1 activities with soft preferred times" in report
    rows = {r["subject"]: r["preferred"] for r in table(out, "curriculum.csv")}
    assert rows == {"Maths [1]": "Mon:1;Tue:1", "Maths [2]": "", "Art": ""}
    lessons_csv = solved(out, tmp_path / "solution")
    first = lessons_csv[lessons_csv.subject == "Maths [1]"]
    assert (first.day.iloc[0], first.period.iloc[0]) in {("Mon", "1"), ("Tue", "1")}
    # locked at aligner's places, the wish is left out (it could change nothing)
    locked = tmp_path / "locked.fet"
    result = run("export-fet", str(out), "--solution", str(tmp_path / "solution"), "--out",
                 str(locked))
    assert result.exit_code == 0 and "1 soft constraints (aligner's wishes) left out" in \
        result.output, result.output
    assert all(c.hard for c in read_fet(locked).constraints)
    fet = tmp_path / "again.fet"
    assert run("export-fet", str(out), "--out", str(fet)).exit_code == 0
    soft = [c for c in read_fet(fet).constraints
            if c.tag == "ConstraintActivityPreferredTimeSlots" and not c.hard]
    assert len(soft) == 1
    fet_timetable_checks(out, fet, tmp_path)


# ---- teachers' min hours daily ----

def test_teachers_min_hours_daily_become_min_per_day(tmp_path):
    """Hard teacher(s) min hours daily with empty days allowed: the largest of a teacher's is
    kept; the timetable of the import gives Ann 0 or at least 3 hours a day."""
    constraints = (element("ConstraintTeacherMinHoursDaily", Teacher_Name="Ann",
                           Minimum_Hours_Daily="3", Allow_Empty_Days="true")
                   + element("ConstraintTeachersMinHoursDaily", Minimum_Hours_Daily="2",
                             Allow_Empty_Days="true"))
    text = fet_xml(days=("Mon", "Tue", "Wed"), hours=HOURS, teachers=("Ann", "Bob", "Cy"),
                   years={"7A": [], "7B": []},
                   activities=lessons("Maths", "Ann", "7A", 1, [1] * 6)
                   + lessons("Art", "Bob", "7B", 7, [1] * 4)
                   + lessons("Music", "Cy", "7A", 11, [1] * 4), constraints=constraints)
    out, report = imported(tmp_path, text)
    assert {t["teacher_id"]: t["min_per_day"] for t in table(out, "teachers.csv")} == {
        "Ann": "3", "Bob": "2", "Cy": "2"}
    assert "Nothing was dropped" in report and "Not imported" not in report
    lessons_csv = solved(out, tmp_path / "solution")  # the checker counts the days too
    ann = lessons_csv[lessons_csv.teacher_id == "Ann"].groupby("day").size()
    assert all(n >= 3 for n in ann)


def test_min_hours_daily_fet_refuses_are_listed(tmp_path):
    """Soft (FET accepts only 100%), without empty days (FET refuses to generate with it),
    and below 2 (FET refuses too): each listed, no column written."""
    constraints = (element("ConstraintTeacherMinHoursDaily", weight=95, Teacher_Name="Ann",
                           Minimum_Hours_Daily="2", Allow_Empty_Days="true")
                   + element("ConstraintTeachersMinHoursDaily", Minimum_Hours_Daily="2",
                             Allow_Empty_Days="false")
                   + element("ConstraintTeacherMinHoursDaily", Teacher_Name="Ann",
                             Minimum_Hours_Daily="1", Allow_Empty_Days="true"))
    text = fet_xml(activities=lessons("Maths", "Ann", "7A", 1, [1] * 4),
                   constraints=constraints)
    imp = import_fet(_write(tmp_path, text))
    assert sorted((x.what, x.count) for x in imp.losses) == [
        ("ConstraintTeacherMinHoursDaily", 1), ("ConstraintTeacherMinHoursDaily", 1),
        ("ConstraintTeachersMinHoursDaily", 1)]
    assert any("Allow_Empty_Days false" in x.reason for x in imp.losses)
    assert not any(t["min_per_day"] for t in imp.tables["teachers"])


def _least(tmp_path: Path) -> Path:
    """Two classes over 3 days of 4 periods: ta teaches 6 lessons, at least 3 on a day she
    teaches; tb 8, at least 2; tc's min_per_day 1 says nothing (not exported)."""
    return write_instance(
        tmp_path / "least", {"name": "least", "season": "winter", "days": ["Mon", "Tue", "Wed"],
                             "policy": NO_MINIMUMS},
        schools=[school("S")],
        bells=bells("S", "08:00-08:40", "08:50-09:30", "09:40-10:20", "10:30-11:10"),
        classes=[klass("S", "a"), klass("S", "b")],
        teachers=[teacher("ta", "S", min_per_day=3), teacher("tb", "S", min_per_day=2),
                  teacher("tc", "S", min_per_day=1)],
        curriculum=[subject("S", "a", "Maths", "ta", 3), subject("S", "b", "Maths", "ta", 3),
                    subject("S", "a", "Art", "tb", 4), subject("S", "b", "Art", "tb", 4),
                    subject("S", "a", "PE", "tc", 5), subject("S", "b", "PE", "tc", 5)])


def test_min_per_day_is_exported_and_fet_keeps_it(tmp_path):
    directory = _least(tmp_path)
    fet = tmp_path / "least.fet"
    assert run("export-fet", str(directory), "--out", str(fet)).exit_code == 0
    least = {(c.tag, c.text("Teacher_Name"), c.text("Minimum_Hours_Daily"),
              c.text("Allow_Empty_Days")) for c in read_fet(fet).constraints if "MinHours" in c.tag}
    assert least == {("ConstraintTeacherMinHoursDaily", "ta", "3", "true"),
                     ("ConstraintTeacherMinHoursDaily", "tb", "2", "true")}
    fet_timetable_checks(directory, fet, tmp_path)
    solve_checked(directory, tmp_path / "ours")
    back, _ = imported(tmp_path, fet.read_text(encoding="utf-8"))
    assert {t["teacher_id"]: t["min_per_day"] for t in table(back, "teachers.csv")} == {
        "ta": "3", "tb": "2", "tc": ""}
