"""The same model as a MIP (:mod:`aligner.model.linear`), solved by HiGHS (``aligner[baselines]``).

HiGHS runs the translated model exactly: the translation refuses any constraint it cannot
express (:class:`UnsupportedModel`), so nothing is lost.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aligner.model.linear import Mip, UnsupportedModel, translate

__all__ = ["Mip", "MipOutcome", "UnsupportedModel", "highs_available", "solve_highs", "translate"]

WORKER = Path(__file__).with_name("highs_worker.py")


@dataclass
class MipOutcome:
    """What HiGHS did with the MIP: status, objective, bound, timing and progress."""

    status: str
    """OPTIMAL (proven), FEASIBLE (a solution, not proven), INFEASIBLE or UNKNOWN."""
    objective: float | None
    best_bound: float | None
    seconds: float
    first_solution_seconds: float | None
    values: list[float] | None
    """Column values of the best solution (the CP-SAT variables first)."""
    progress: list[tuple[float, float | None, float | None]]
    """(seconds, best objective, best bound) each time either improved."""
    highs_version: str = ""
    info: str = ""


class HighsUnavailable(RuntimeError):
    """highspy is not installed (``pip install 'aligner[baselines]'``) or HiGHS failed to run."""


def highs_available() -> bool:
    """Whether highspy can be imported (checked in a separate process, see highs_worker)."""
    probe = subprocess.run([sys.executable, "-c", "import highspy"], capture_output=True,
                           check=False)
    return probe.returncode == 0


def solve_highs(mip: Mip, *, time_limit: float = 60.0, threads: int = 1, seed: int = 0,
                log: bool = False) -> MipOutcome:
    """Solve the MIP with HiGHS to a proven optimum (relative gap 0; the objective takes integer
    values, so a bound within 1 of it proves it) or until the time limit.

    HiGHS runs in a child process (:mod:`aligner.baselines.highs_worker`): OR-Tools carries its
    own libhighs, which clashes with highspy's in one process. ``seconds`` is HiGHS's own run,
    measured in the child (passing the model over costs a fraction of a second more).
    """
    integral = all(float(c).is_integer() for c in mip.cost)
    starts, indices, values, lower, upper = mip.sparse_rows()
    with tempfile.TemporaryDirectory(prefix="aligner-highs-") as folder:
        np.savez(Path(folder) / "mip.npz", col_lower=np.array(mip.col_lower),
                 col_upper=np.array(mip.col_upper), integer=np.array(mip.integer, dtype=np.uint8),
                 cost=np.array(mip.cost), offset=np.array(mip.offset),
                 row_lower=lower, row_upper=upper, starts=starts[:-1], indices=indices,
                 values=values)
        (Path(folder) / "options.json").write_text(json.dumps(
            {"time_limit": time_limit, "threads": threads, "seed": seed, "log": log,
             "integral": integral}), encoding="utf-8")
        run = subprocess.run([sys.executable, str(WORKER), folder], check=False,
                             stdout=sys.stderr if log else subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
        result_file = Path(folder) / "result.json"
        if run.returncode != 0 or not result_file.exists():
            reason = run.stderr.strip().splitlines()[-1:] or ["no result"]
            if "No module named 'highspy'" in run.stderr:
                raise HighsUnavailable("HiGHS baseline needs highspy: pip install 'aligner[baselines]'")
            raise HighsUnavailable(f"HiGHS failed: {reason[0]}")
        data = json.loads(result_file.read_text(encoding="utf-8"))
        solution = (list(np.load(Path(folder) / "solution.npy")) if data["has_solution"]
                    else None)
    if data["optimal"]:
        status = "OPTIMAL"
    elif data["infeasible"]:
        status = "INFEASIBLE"
    else:
        status = "FEASIBLE" if solution is not None else "UNKNOWN"
    objective = mip.objective_of(solution) if solution is not None else None
    bound = data["dual_bound"] if solution is not None else None
    if status == "OPTIMAL" and objective is not None and integral:
        bound = float(objective)
    progress = [(float(t), p, d) for t, p, d in data["progress"]]
    if objective is not None and (not progress or progress[-1][1] != objective):
        progress.append((data["seconds"], objective, bound))
    return MipOutcome(status, objective, bound, data["seconds"], data["first_solution_seconds"],
                      solution, progress, data["version"], data["model_status"])
