"""Solving and checking in tests: solve an instance, write its outputs and run the independent
checker; corrupt a valid solution as a hand edit in Excel would."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pandas as pd

from aligner.check import Violation, check_solution
from aligner.export import write_outputs
from aligner.instance import Instance
from aligner.io import load_instance
from aligner.model import BuiltModel
from aligner.solver.result import Result
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model

ROOT = Path(__file__).resolve().parent.parent
LANXI = ROOT / "data" / "lanxi-2022-winter"


def assert_valid(instance: Instance, out: Path) -> None:
    """The timetable in ``out`` keeps every rule and its reports tell the truth."""
    report = check_solution(instance, out, require_reports=True)
    assert not report.violations, f"{len(report.violations)} violation(s):\n" + "\n".join(
        f"  {v}" for v in report.violations
    )


def solve_checked(directory: Path, out: Path | None = None, **settings: object) -> Result:
    """Solve, require a timetable, write the five files and pass them through the checker."""
    instance = load_instance(directory)
    options = {"workers": 1, "time_limit": 30.0, "seed": 0} | settings
    result = solve_model(instance, SolverSettings(**options))  # type: ignore[arg-type]
    assert result.found, f"expected a timetable, solver said {result.status}"
    out = out or directory / "out"
    write_outputs(result, out)
    assert_valid(instance, out)
    return result


def after_each_call(monkeypatch, module: ModuleType, name: str,
                    note: Callable[..., None]) -> None:
    """Make ``module.name`` call ``note`` with its arguments after each call (a spy: what a stage
    was given, or the state it ran in)."""
    original = getattr(module, name)

    def call(*args, **kwargs):
        result = original(*args, **kwargs)
        note(*args, **kwargs)
        return result

    monkeypatch.setattr(module, name, call)


def variable_values(built: BuiltModel, result: Result) -> dict[int, int]:
    """Every CP-SAT variable's value (by index) in the result's timetable, read into ``built``'s
    model as its solution hint."""
    assert result.timetable is not None
    built.variables.hint(result.timetable)
    hint = built.model.proto.solution_hint
    return dict(zip(hint.vars, hint.values, strict=True))


# ---- corrupting a valid solution, as a hand edit in Excel would ----------------------------


def read(out: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(out / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def mutated(case: tuple[Path, Path], tmp_path: Path, change) -> tuple[Violation, ...]:
    """Copy the outputs, let ``change(frames, summary)`` corrupt them, and check the copy."""
    directory, out = case
    frames = {n: read(out, f"{n}.csv") for n in ("lessons", "sessions", "teacher_load",
                                                  "compliance")}
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    change(frames, summary)
    for name, frame in frames.items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False, encoding="utf-8-sig")
    (tmp_path / "summary.json").write_text(json.dumps(summary), "utf-8")
    return check_solution(load_instance(directory), tmp_path).violations


PLACE = ("day", "period", "start", "end", "lesson_id")


def swap_places(lessons: pd.DataFrame, a: object, b: object,
                columns: tuple[str, ...] = PLACE) -> None:
    """Exchange where rows ``a`` and ``b`` of lessons.csv lie in the week."""
    cols = list(columns)
    lessons.loc[[a, b], cols] = lessons.loc[[b, a], cols].to_numpy()
