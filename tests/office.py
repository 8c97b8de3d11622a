"""Solved instances shared by the export tests: solved once per test run, checked by the
independent checker, then exported in many ways."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from tests.solving import LANXI, ROOT, solve_checked

LIANYUN = ROOT / "data" / "lianyun-xugou"
DOUBLES = {("wuxi", "1-1", "语文"): 1, ("wuxi", "2-1", "语文"): 2, ("houren", "1-1", "语文"): 1}
"""Double lessons added to the Lanxi example, so that exports show merged cells."""

_solved: dict[str, tuple[Path, Path]] = {}


def lanxi_with_doubles(base: Path) -> Path:
    """The Lanxi example with a few 语文 doubles (curriculum column doubles)."""
    target = base / "lanxi-doubles"
    shutil.copytree(LANXI, target)
    path = target / "curriculum.csv"
    with path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        row["doubles"] = str(DOUBLES.get((row["school_id"], row["class_id"], row["subject"]), ""))
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=[*rows[0].keys()])
        writer.writeheader()
        writer.writerows(rows)
    return target


def solved(name: str, base: Path) -> tuple[Path, Path]:
    """(instance directory, solution directory) of ``lanxi`` (with doubles) or ``lianyun``
    (winter and summer), solved once per run and passed through the checker."""
    if name not in _solved:
        instance = lanxi_with_doubles(base) if name == "lanxi" else LIANYUN
        out = base / f"{name}-out"
        solve_checked(instance, out, time_limit=60.0)
        _solved[name] = (instance, out)
    return _solved[name]


def lessons(out: Path) -> list[dict[str, str]]:
    with (out / "lessons.csv").open(encoding="utf-8-sig") as stream:
        return list(csv.DictReader(stream))
