"""A bell proposal never changes what an agreed timetable means: check and export use the bells
the timetable was solved on (summary.json records them), whatever lands beside it later.

Regression of the office trial: template -> solve WORKBOOK -> align --optimize WORKBOOK (same
default folder) -> check exited 1 with 187 violations against the moved bells, and export
printed 厚仁's moved times (08:30-09:10) on a timetable solved on the original ones (08:25-09:05).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from aligner.cli import main
from tests.solving import LANXI


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _workbook_text(path: Path) -> str:
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    return "\n".join(str(cell) for sheet in book.worksheets
                     for row in sheet.iter_rows(values_only=True) for cell in row
                     if cell is not None)


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An office's folder with the Lanxi instance as a workbook, working there."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run("template", "--xlsx", "兰溪.xlsx", "--from", str(LANXI))
    assert code == 0, err
    return tmp_path


@pytest.mark.slow
def test_a_proposal_beside_a_timetable_is_not_taken_for_its_bells(office: Path):
    code, _, err = run("solve", "兰溪.xlsx", "--workers", "1", "--no-grids")
    assert code == 0, err
    solved = office / "out" / "兰溪"
    summary = json.loads((solved / "summary.json").read_text("utf-8"))
    assert summary["bells"]["source"] == "instance" and len(summary["bells"]["fingerprint"]) == 16

    # align --optimize writes its proposal apart from the timetables by default ...
    code, out, err = run("align", "兰溪.xlsx", "--optimize")
    assert code == 0, err
    assert (solved / "proposal" / "bells_proposed.csv").is_file()
    assert not (solved / "bells_proposed.csv").exists()
    # ... and even a proposal written into the timetable's folder changes nothing
    code, out, err = run("align", "兰溪.xlsx", "--optimize", "--out", str(solved))
    assert code == 0, err
    assert "08:30,09:10" in (solved / "bells_proposed.csv").read_text("utf-8-sig")

    code, out, err = run("check", "兰溪.xlsx", str(solved))
    assert code == 0, out + err
    assert "No hard rule is broken" in out
    assert "is not the bells this timetable was solved on" in out

    code, _, err = run("export", str(solved), "--xlsx", "printed.xlsx")
    assert code == 0, err
    printed = _workbook_text(office / "printed.xlsx")
    # 厚仁's periods 1 and 4 as agreed (the proposal moves them to 巫溪's 08:30 and 13:20)
    assert "08:25-09:05" in printed and "13:00-13:40" in printed
    assert "is not the bells this timetable was solved on" in err

    # the proposal can still be checked on purpose: the timetable does not fit the moved bells
    code, out, _ = run("check", "兰溪.xlsx", str(solved), "--bells",
                       str(solved / "bells_proposed.csv"))
    assert code == 1 and "Checking against the bells in" in out


@pytest.mark.slow
def test_a_timetable_solved_on_moved_bells_keeps_them(office: Path):
    solved = office / "moved"
    code, _, err = run("solve", "兰溪.xlsx", "--align-bells", "--workers", "1", "--no-grids",
                       "--out", str(solved))
    assert code == 0, err
    summary = json.loads((solved / "summary.json").read_text("utf-8"))
    assert summary["bells"]["source"] == "bells_proposed.csv"
    code, out, err = run("check", "兰溪.xlsx", str(solved))
    assert code == 0, out + err
    assert "Checking against the moved bells in" in out
    code, _, err = run("export", str(solved), "--xlsx", "moved.xlsx")
    assert code == 0, err
    moved = _workbook_text(office / "moved.xlsx")  # the moved times it was solved on
    assert "08:25-09:05" not in moved and "13:00-13:40" not in moved

    # align --optimize will not write a proposal over them ...
    code, _, err = run("align", "兰溪.xlsx", "--optimize", "--movable", "all", "--out",
                       str(solved))
    assert code == 2 and "holds the moved bells the timetable" in err
    # ... and bells changed since the solve (a proposal copied over them) are named, not trusted
    code, _, err = run("align", "兰溪.xlsx", "--optimize", "--movable", "all", "--out",
                       str(office / "other"))
    assert code == 0, err
    (solved / "bells_proposed.csv").write_bytes(
        (office / "other" / "bells_proposed.csv").read_bytes())
    code, out, err = run("check", "兰溪.xlsx", str(solved))
    assert code == 2
    assert "is not the bells this timetable was scheduled on" in err
    code, _, err = run("export", str(solved), "--xlsx", "again.xlsx")
    assert code == 2 and "is not the bells this timetable was scheduled on" in err
    assert not (office / "again.xlsx").exists()


def test_changed_instance_bells_are_noted(tmp_path: Path):
    out = tmp_path / "out"
    code, _, err = run("solve", str(LANXI), "--workers", "1", "--no-grids", "--out", str(out))
    assert code == 0, err
    summary_path = out / "summary.json"
    summary = json.loads(summary_path.read_text("utf-8"))
    summary["bells"]["fingerprint"] = "0" * 16  # as if the instance's bells changed since
    summary_path.write_text(json.dumps(summary), "utf-8")
    code, stdout, _ = run("check", str(LANXI), str(out))
    assert code == 0 and "the instance's bells changed since this timetable was solved" in stdout
