"""The independent checker of a substitution plan: our plans pass; a plan edited by hand is
caught, each broken rule named (aligner check-substitutions exits 1)."""

from __future__ import annotations

import ast
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner.check.substitutions import check_substitutions
from aligner.io import load_instance
from aligner.living.schooldays import Absence
from aligner.living.substitute import substitute
from tests.living.conftest import edit_rows, read_rows, run
from tests.solving import LANXI

ROOT = Path(__file__).resolve().parents[2]
WEEK = [Absence("wx-t19", dt.date(2022, 10, 17), dt.date(2022, 10, 21))]


@pytest.fixture(scope="module")
def plan(lanxi: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """wx-t19's week of absence, planned (a directory with substitutions.csv, absences.csv)."""
    target = tmp_path_factory.mktemp("plan")
    substitute(lanxi, WEEK).write(target)
    return target


def edited(plan: Path, tmp_path: Path, change: Callable[[dict[str, str]], object]) -> Path:
    copy = tmp_path / "edited"
    shutil.copytree(plan, copy)
    edit_rows(copy / "substitutions.csv", change)
    return copy


def rules(lanxi: Path, plan: Path, instance: Path = LANXI) -> set[str]:
    return {v.rule for v in check_substitutions(load_instance(instance), lanxi, plan).violations}


def busy_teacher(lanxi: Path, school: str, day: str, period: str, besides: set[str]) -> str:
    """A teacher of ``school`` with a local lesson at (day, period) other than ``besides``."""
    return next(r["teacher_id"] for r in read_rows(lanxi / "lessons.csv")
                if (r["school_id"], r["day"], r["period"], r["mode"]) == (school, day, period,
                                                                          "local")
                and r["teacher_id"] not in besides and "+" not in r["teacher_id"])


def first_cover(plan: Path) -> dict[str, str]:
    return next(r for r in read_rows(plan / "substitutions.csv")
                if r["kind"] == "cover" and r["school_id"] == "wuxi")


def test_our_plan_passes(lanxi: Path, plan: Path) -> None:
    result = run("check-substitutions", lanxi, plan / "substitutions.csv")
    assert result.exit_code == 0, result.output
    assert "keeps every rule (15 rows, 15 commitments checked)" in result.stdout


def test_without_absences_csv_the_days_of_the_plan_are_checked(lanxi: Path, plan: Path,
                                                               tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(plan, copy)
    (copy / "absences.csv").unlink()
    result = run("check-substitutions", lanxi, copy)
    assert result.exit_code == 0, result.output
    assert "no absences.csv beside the plan" in result.stderr


def test_a_dropped_row(lanxi: Path, plan: Path, tmp_path: Path) -> None:
    cover = first_cover(plan)
    copy = edited(plan, tmp_path, lambda r: False if r == cover else None)
    result = run("check-substitutions", lanxi, copy)
    assert result.exit_code == 1
    assert "broken: [substitution_missing] teacher 方琳 (wx-t19) is absent on 2022-10-17 (Mon) " \
           f"but the plan says nothing of period {cover['period']}" in result.stdout
    assert "1 violation(s) of 1 rule(s): substitution_missing" in result.stdout


def test_a_substitute_in_two_places(lanxi: Path, plan: Path, tmp_path: Path) -> None:
    cover = first_cover(plan)
    other = busy_teacher(lanxi, "wuxi", cover["day"], cover["period"], {"wx-t19"})
    copy = edited(plan, tmp_path, lambda r: r.update(substitute=other) if r == cover else None)
    assert rules(lanxi, copy) == {"substitute_double_booked"}


def test_two_covers_at_once(lanxi: Path, plan: Path, tmp_path: Path) -> None:
    """The same substitute for two commitments at the same period of one date."""
    rows = read_rows(plan / "substitutions.csv")
    a, b = next((a, b) for a in rows for b in rows if a is not b and a["date"] == b["date"]
                and a["school_id"] == b["school_id"] == "wuxi" and a["kind"] == "cover"
                and b["kind"] == "cover" and a["period"] != b["period"])
    copy = edited(plan, tmp_path, lambda r: r.update(period=a["period"], start=a["start"],
                                                     end=a["end"]) if r == b else None)
    assert "substitution_unknown" in rules(lanxi, copy)  # no such commitment there


def test_an_absent_unknown_or_foreign_substitute(lanxi: Path, plan: Path, tmp_path: Path) -> None:
    cover = first_cover(plan)
    for substitute_id, rule in (("wx-t19", "substitute_absent"),
                                ("nobody", "substitute_unknown"),
                                ("hr-t01", "substitute_other_school")):
        copy = edited(plan, tmp_path / rule, lambda r, s=substitute_id: r.update(substitute=s)
                      if r == cover else None)
        assert rule in rules(lanxi, copy), rule


def test_wrong_day_kind_twice_not_absent_and_unknown(lanxi: Path, plan: Path,
                                                     tmp_path: Path) -> None:
    cover = first_cover(plan)
    cases: dict[str, Callable[[dict[str, str]], object]] = {
        "substitution_day": lambda r: r.update(day="Tue") if r == cover else None,
        "substitution_kind": lambda r: r.update(kind="none") if r == cover else None,
        "substitution_unknown": lambda r: r.update(period="6") if r == cover else None,
        "substitution_row": lambda r: r.update(date="17 Oct") if r == cover else None,
    }
    for rule, change in cases.items():
        assert rule in rules(lanxi, edited(plan, tmp_path / rule, change)), rule
    twice = tmp_path / "twice"
    shutil.copytree(plan, twice)
    with (twice / "substitutions.csv").open("a", encoding="utf-8", newline="") as stream:
        stream.write(",".join(cover.values()) + "\r\n")
    assert rules(lanxi, twice) == {"substitution_twice"}
    later = edited(plan, tmp_path / "later", lambda r: r.update(date="2022-10-24")
                   if r == cover else None)
    assert rules(lanxi, later) == {"substitution_not_absent", "substitution_missing"}
    fallback = edited(plan, tmp_path / "fallback", lambda r: r.update(kind="fallback")
                      if r == cover else None)
    assert rules(lanxi, fallback) == {"substitution_kind"}


def test_an_unavailable_substitute(lanxi: Path, tmp_path: Path) -> None:
    """wx-t09 is unavailable on Wednesday periods 5-6: made to cover a lesson then."""
    lesson = next(r for r in read_rows(lanxi / "lessons.csv")
                  if (r["school_id"], r["day"], r["period"], r["mode"]) == ("wuxi", "Wed", "5",
                                                                            "local")
                  and "+" not in r["teacher_id"])
    target = tmp_path / "plan"
    substitute(lanxi, [Absence(lesson["teacher_id"], dt.date(2022, 10, 19),
                               dt.date(2022, 10, 19))]).write(target)
    assert rules(lanxi, target) == set()
    edit_rows(target / "substitutions.csv", lambda r: r.update(substitute="wx-t09")
              if r["period"] == "5" and r["class_id"] == lesson["class_id"] else None)
    assert rules(lanxi, target) == {"substitute_unavailable"}


def _instance_with(tmp_path: Path, teacher: str, **values: str) -> Path:
    instance = tmp_path / f"instance-{teacher}"
    shutil.copytree(LANXI, instance)
    edit_rows(instance / "teachers.csv", lambda r: r.update(values)
              if r["teacher_id"] == teacher else None)
    return instance


def test_max_per_day_and_max_load_with_the_covers(lanxi: Path, plan: Path,
                                                  tmp_path: Path) -> None:
    """The plan checked against an instance where one substitute has no room left that day or
    that week."""
    cover = first_cover(plan)
    teacher = cover["substitute"]
    day = cover["day"]
    rows = read_rows(lanxi / "lessons.csv")
    that_day = {r["period"] for r in rows if r["mode"] == "local" and r["day"] == day
                and teacher in r["teacher_id"].split("+")}
    that_day |= {r["period"] for r in rows if r["assistant_id"] == teacher and r["day"] == day}
    loads = {r["teacher_id"]: r["credited"] for r in read_rows(lanxi / "teacher_load.csv")}
    busy = _instance_with(tmp_path, teacher, max_per_day=str(max(1, len(that_day))))
    assert rules(lanxi, plan, busy) == {"substitute_max_per_day"}
    full = _instance_with(tmp_path / "load", teacher, max_load=loads[teacher])
    assert rules(lanxi, plan, full) == {"substitute_max_load"}


def test_a_swap_with_no_such_lesson(lanxi: Path, tmp_path: Path) -> None:
    instance = tmp_path / "capped"
    shutil.copytree(LANXI, instance)
    loads = {r["teacher_id"]: r["credited"] for r in read_rows(lanxi / "teacher_load.csv")}
    edit_rows(instance / "teachers.csv", lambda r: r.update(max_load=loads[r["teacher_id"]]))
    target = tmp_path / "plan"
    plan = substitute(lanxi, [Absence("wx-t01", dt.date(2022, 10, 17), dt.date(2022, 10, 17))],
                      instance=instance, swaps=True)
    plan.write(target)
    assert "swap" in {r.kind for r in plan.rows}
    assert rules(lanxi, target, instance) == set()
    swap = next(r for r in read_rows(target / "substitutions.csv") if r["kind"] == "swap")
    moved = edited(target, tmp_path / "moved", lambda r: r.update(
        swap_period=str(int(r["swap_period"]) % 6 + 1)) if r == swap else None)
    assert "swap_lesson" in rules(lanxi, moved, instance)
    absent = edited(target, tmp_path / "absent", lambda r: r.update(swap_date="2022-10-24")
                    if r == swap else None)
    assert rules(lanxi, absent, instance) == {"swap_week"}


def test_unreadable_plans_are_exit_2(lanxi: Path, plan: Path, tmp_path: Path) -> None:
    result = run("check-substitutions", lanxi, tmp_path)
    assert result.exit_code == 2 and "no substitutions.csv here" in result.stderr
    copy = tmp_path / "copy"
    shutil.copytree(plan, copy)
    text = (copy / "substitutions.csv").read_text("utf-8-sig").replace("substitute,", "sub,", 1)
    (copy / "substitutions.csv").write_text(text, "utf-8")
    result = run("check-substitutions", lanxi, copy)
    assert result.exit_code == 2
    assert "substitutions.csv, row 1, column substitute: required column is missing" in result.stderr
    # the absences file given for the plan: named as such, not as nine missing columns
    result = run("check-substitutions", lanxi, plan / "absences.csv")
    assert result.exit_code == 2
    assert "absences.csv, row 1: this is an absences file" in result.stderr
    assert "required column is missing" not in result.stderr


def test_the_checker_shares_no_code_with_what_made_the_plan() -> None:
    tree = ast.parse((ROOT / "aligner" / "check" / "substitutions.py").read_text("utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                 for a in node.names}
    forbidden = ("aligner.model", "aligner.alignment", "aligner.solver", "aligner.diagnose",
                 "aligner.export", "aligner.changes", "aligner.living", "aligner.cli")
    assert "aligner.check.solution_files" in imported
    assert not {m for m in imported if m and m.startswith(forbidden)}
