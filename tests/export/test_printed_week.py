"""The rows of a printed day (aligner.export.view.day_rows), shared by the workbook, the web
pages and the terminal grids: periods, the named breaks of every season between them, 上午/下午
and the lunch row; and the terminal grid that shows them."""

from __future__ import annotations

from aligner.cli.text import class_grid, teacher_grid
from aligner.export.view import DayRow, day_rows
from aligner.io import load_instance
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import bells, klass, subject, teacher, write_instance

SETTINGS = {"name": "two seasons", "season": ["winter", "summer"], "days": ["Mon", "Tue"],
            "policy": {"min_sync_lessons_per_pair": 0, "min_online_lessons_per_school": 0}}


def _break(start, end, name, season):
    return dict(school_id="H", season=season, period="", start=start, end=end, kind="break",
                name=name)


def _two_seasons(directory):
    winter = bells("H", "08:00-08:40", "08:50-09:30", "10:00-10:40", "14:00-14:40")
    summer = bells("H", "07:50-08:30", "08:40-09:20", "09:50-10:30", "14:30-15:10",
                   season="summer")
    winter[2] = winter[2] | {"name": "眼保健操"}
    return write_instance(
        directory, SETTINGS, schools=[dict(school_id="H", name="hub")],
        bells=[*winter, *summer,
               _break("09:30", "10:00", "大课间", "winter"),
               _break("09:20", "09:50", "大课间", "summer"),
               _break("12:00", "12:30", "午间阅读", "summer"),
               _break("07:30", "07:50", "晨会", "winter")],
        classes=[klass("H", "h1") | {"head_teacher": "t1"}],
        teachers=[teacher("t1", "H"), teacher("t2", "H")],
        curriculum=[subject("H", "h1", "语文", "t1", 3), subject("H", "h1", "数学", "t2", 2)],
    )


def test_breaks_of_every_season_between_the_periods(tmp_path):
    instance = load_instance(_two_seasons(tmp_path))
    rows = day_rows(instance, "H")
    assert rows == (
        DayRow("break", "morning", 0, "晨会", ("07:30-07:50", "")),
        DayRow("period", "morning", 1, "", ("08:00-08:40", "07:50-08:30")),
        DayRow("period", "morning", 2, "", ("08:50-09:30", "08:40-09:20")),
        # one row for the 大课间 of both seasons, at each season's times
        DayRow("break", "morning", 0, "大课间", ("09:30-10:00", "09:20-09:50")),
        DayRow("period", "morning", 3, "眼保健操", ("10:00-10:40", "09:50-10:30")),
        # summer's 午间阅读 takes the place of the lunch row
        DayRow("break", "midday", 0, "午间阅读", ("", "12:00-12:30")),
        DayRow("period", "afternoon", 4, "", ("14:00-14:40", "14:30-15:10")),
    )


def test_a_lunch_row_when_no_break_is_given_there(tmp_path):
    directory = _two_seasons(tmp_path)
    text = (directory / "bells.csv").read_text("utf-8")
    (directory / "bells.csv").write_text(
        "\n".join(line for line in text.splitlines() if "午间阅读" not in line) + "\n", "utf-8")
    rows = day_rows(load_instance(directory), "H")
    assert [r.kind for r in rows] == ["break", "period", "period", "break", "period", "lunch",
                                      "period"]


def test_the_terminal_grid_shows_the_breaks_and_the_head_teacher(tmp_path):
    instance = load_instance(_two_seasons(tmp_path))
    result = solve_model(instance, SolverSettings(workers=1, time_limit=20))
    assert result.found
    grid = class_grid(instance, result.lessons(), result.sessions(), "H", "h1")
    lines = grid.splitlines()
    assert lines[0] == "hub h1 (H/h1, grade 3), head teacher t1"
    labels = [line.split("|")[0].strip() for line in lines[3:-1]]
    assert labels == ["晨会 07:30-07:50 / -", "1 08:00-08:40 / 07:50-08:30",
                      "2 08:50-09:30 / 08:40-09:20", "大课间 09:30-10:00 / 09:20-09:50",
                      "3 10:00-10:40 / 09:50-10:30 眼保健操", "午间阅读 - / 12:00-12:30",
                      "4 14:00-14:40 / 14:30-15:10"]
    teachers = teacher_grid(instance, result.lessons(), result.sessions(), "t1")
    assert "大课间 09:30-10:00 / 09:20-09:50" in teachers


def test_a_proposal_keeps_the_breaks_that_still_fit(tmp_path):
    """align --optimize moves 厚仁's periods 2 and 3 five minutes later: its 大课间 (10:00-10:30)
    and 中饭 (11:10-12:00) now overlap them and are left out; every other break comes along, and
    the proposal reads back as bells."""
    from click.testing import CliRunner

    from aligner.cli import main
    from tests.solving import LANXI

    result = CliRunner().invoke(main, ["align", str(LANXI), "--optimize", "--out",
                                       str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "bells_proposed.csv").read_text("utf-8-sig")
    assert text.splitlines()[0] == "school_id,season,period,start,end,kind,name"
    assert "wuxi,winter,,10:05,10:35,break,大课间活动" in text
    assert "houren,winter,,12:00,12:40,break,午间阅读" in text
    assert "houren,winter,,10:00,10:30,break" not in text and "中饭" in text  # (巫溪's)
    assert "houren,winter,2,09:20,10:05,,眼保健操" in text
    moved = load_instance(LANXI, bells=tmp_path / "bells_proposed.csv")
    assert [b.name for b in moved.breaks_of("houren")] == ["晨间活动", "午间阅读"]
    assert len(moved.breaks_of("wuxi")) == 4


def test_the_printed_grids_of_the_example_are_each_grid_on_its_own(tmp_path):
    """Lanxi's 18 classes' and 42 teachers' grids printed at once (rows split once) are each
    class_grid and teacher_grid of the whole frames: online lessons, sessions taught and
    assisted included."""
    from aligner.cli.text import timetable_text
    from tests.solving import LANXI, solve_checked

    result = solve_checked(LANXI, tmp_path / "out")
    instance = result.instance
    lessons, sessions = result.lessons(), result.sessions()
    every = timetable_text(instance, lessons, sessions, classes=True, teachers=True)
    grids = [class_grid(instance, lessons, sessions, *k.key) for k in instance.classes]
    grids += [teacher_grid(instance, lessons, sessions, t.teacher_id) for t in instance.teachers]
    assert any("<-" in g for g in grids) and any("->" in g for g in grids)
    for one in grids:
        assert f"\n{one}\n" in every
