"""The shipped examples solve, pass the checker, and show what their READMEs say."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from aligner.cli import main
from tests.solving import ROOT, solve_checked

LIANYUN = ROOT / "data" / "lianyun-xugou"


@pytest.mark.slow
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
