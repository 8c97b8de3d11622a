"""The shipped examples solve, pass the checker, and show what their READMEs say."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from aligner.cli import main
from tests.solving import ROOT, solve_checked

LIANYUN = ROOT / "data" / "lianyun-xugou"


def test_lianyun_one_hub_three_receiving_schools_two_seasons(tmp_path):
    result = solve_checked(LIANYUN, out=tmp_path / "out", workers=2)
    assert str(result.status) == "OPTIMAL"
    assert result.instance.seasons == ("winter", "summer")
    sessions = result.sessions()
    delivery = sessions[sessions["course_id"] == "deliv-mu4"]
    # The delivery course reaches all three schools in every session, in both seasons.
    assert set(delivery["receiving_school_id"]) == {"banqiao", "liandao", "linhailu"}
    assert (delivery.groupby(["session_id", "season"]).size() == 3).all()
    assert (sessions["overlap_minutes"] >= 30).all()


def test_lianyun_alignment_names_the_periods_common_to_all_three():
    result = CliRunner().invoke(main, ["align", str(LIANYUN)])
    assert result.exit_code == 0
    assert ("at once (what a course reaching them all needs): 4") in result.stdout


def test_lianyun_with_research_meetings_in_both_seasons(tmp_path):
    # research_per_week: 1 on the two-season example: one meeting per sync course (6), each
    # row of research.csv once per season with that season's times, all overlapping >= 30.
    import shutil

    directory = tmp_path / "lianyun"
    shutil.copytree(LIANYUN, directory)
    yaml_path = directory / "instance.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace(
        "  semester_weeks: 18", "  semester_weeks: 18\n  research_per_week: 1"), encoding="utf-8")
    result = solve_checked(directory, out=tmp_path / "out", workers=2)
    research = result.research()
    sync = {c.course_id for c in result.instance.courses if c.form == "sync"}
    assert set(research["course_id"]) == sync and research["research_id"].nunique() == len(sync)
    assert set(research["season"]) == {"winter", "summer"}
    assert (research["overlap_minutes"] >= 30).all()
    forms = result.compliance().set_index("rule").loc["min_forms_per_pair"]
    assert (forms["achieved"] == 3).all()  # sync, delivery and research for each pair


def test_lanxi_with_a_research_meeting_instead_of_its_faked_thursday(tmp_path):
    # The maths teachers' Thu:6 (a faked 网络集体备课) removed and research_per_week: 1: the
    # same optimum 65, one meeting per sync course, all in the morning (hub periods 1-3, the
    # only ones overlapping 厚仁's by 30 minutes), each teacher free then.
    import shutil

    directory = tmp_path / "lanxi"
    shutil.copytree(ROOT / "data" / "lanxi-2022-winter", directory)
    teachers = directory / "teachers.csv"
    text = teachers.read_text(encoding="utf-8")
    assert "Thu:6;Fri:5-6" in text and ",Thu:6\n" in text
    teachers.write_text(text.replace("Thu:6;Fri:5-6", "Fri:5-6").replace(",Thu:6\n", ",\n"),
                        encoding="utf-8")
    yaml_path = directory / "instance.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace(
        "  semester_weeks: 18", "  semester_weeks: 18\n  research_per_week: 1"), encoding="utf-8")
    result = solve_checked(directory, out=tmp_path / "out", workers=2)
    assert result.objective == 65
    research = result.research()
    assert sorted(research["course_id"]) == ["sync-en3", "sync-en4", "sync-ma5"]
    assert set(research["hub_period"]) <= {1, 2, 3}
    assert (research["receiving_period"] == research["hub_period"]).all()


def test_the_lanxi_dates_file_is_the_shared_holidays_file():
    """data/lanxi-2022-winter carries its own copy (so that `cp -r` of the directory keeps its
    term); the shared file in data/holidays is the one to correct: the two stay equal."""
    data = Path(__file__).resolve().parent.parent / "data"
    copy = data / "lanxi-2022-winter" / "holidays-2022-2023.txt"
    assert not copy.is_symlink()
    assert copy.read_bytes() == (data / "holidays" / "cn-2022-2023.txt").read_bytes()
