"""Timetables to live with: the Lanxi example solved, and a variant with a co-taught lesson, a
combined one and double lessons; every one passed through the independent checker."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aligner.cli.main import main
from tests.solving import LANXI, solve_checked

MONDAY = "2022-10-17"
FRIDAY = "2022-10-21"
"""A school week of the winter term (no holiday)."""


def solved(directory: Path, out: Path) -> Path:
    """Solve ``directory`` into ``out`` through the checker; summary.json names the instance (as
    aligner solve writes it), so the commands find it."""
    solve_checked(directory, out)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    summary["instance_path"] = str(directory.resolve())
    (out / "summary.json").write_text(json.dumps(summary), "utf-8")
    return out


@pytest.fixture(scope="session")
def lanxi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Lanxi example's timetable (a solution directory)."""
    return solved(LANXI, tmp_path_factory.mktemp("lanxi") / "out")


def edit_rows(path: Path, change) -> None:
    """Rewrite a CSV file row by row: ``change(row)`` edits a row in place or returns False to
    drop it."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    header = list(rows[0])
    kept = [row for row in rows if change(row) is not False]
    header += [k for row in kept for k in row if k not in header]
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(dict.fromkeys(header)))
        writer.writeheader()
        writer.writerows(kept)


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="session")
def variant(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(instance, timetable) of Lanxi where 巫溪's 一(1)班 has 体育 co-taught by 巫溪's wx-t22
    and wx-t18, 一(1)班 and 一(2)班 take 音乐 together (合班) and 二(1)班 has two 语文 doubles."""
    root = tmp_path_factory.mktemp("variant")
    instance = root / "instance"
    shutil.copytree(LANXI, instance)

    def change(row: dict[str, str]) -> bool:
        row["doubles"] = ""
        key = (row["school_id"], row["class_id"], row["subject"])
        if key == ("wuxi", "1-1", "体育"):
            row["teacher_id"] = "wx-t22+wx-t18"
        if key == ("wuxi", "1-2", "音乐"):
            return False
        if key == ("wuxi", "1-1", "音乐"):
            row["class_id"] = "1-1+1-2"
        if key == ("wuxi", "2-1", "语文"):
            row["doubles"] = "2"
        return True

    with (instance / "curriculum.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    kept = [row for row in rows if change(row)]
    with (instance / "curriculum.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(dict.fromkeys([*rows[0], "doubles"])))
        writer.writeheader()
        writer.writerows(kept)
    return instance, solved(instance, root / "out")


def run(*args: object) -> Result:
    """``aligner ARGS`` in English."""
    return CliRunner().invoke(main, [str(a) for a in args])
