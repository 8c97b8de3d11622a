"""Solve a MIP with HiGHS (highspy) in a process of its own: ``python highs_worker.py DIR``.

Run as a script, never imported by aligner: OR-Tools ships its own libhighs.so.1 under the same
name, so highspy and OR-Tools cannot both be loaded in one process (whichever comes second
fails with an undefined symbol). This script imports neither aligner nor OR-Tools. It reads
``DIR/mip.npz`` and ``DIR/options.json`` and writes ``DIR/result.json`` and, when HiGHS has a
solution, ``DIR/solution.npy``.
"""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np


def main(directory: str) -> int:
    import highspy

    folder = Path(directory)
    data = np.load(folder / "mip.npz")
    options = json.loads((folder / "options.json").read_text(encoding="utf-8"))
    h = highspy.Highs()
    h.setOptionValue("output_flag", bool(options["log"]))
    h.setOptionValue("time_limit", float(options["time_limit"]))
    h.setOptionValue("threads", int(options["threads"]))
    h.setOptionValue("random_seed", int(options["seed"]))
    h.setOptionValue("mip_rel_gap", 0.0)
    if options["integral"]:
        # The objective takes integer values only, so a bound within 1 of it proves it.
        h.setOptionValue("mip_abs_gap", 1.0 - 1e-6)
    inf = highspy.kHighsInf
    n = int(data["col_lower"].shape[0])
    h.addVars(n, np.nan_to_num(data["col_lower"], neginf=-inf, posinf=inf),
              np.nan_to_num(data["col_upper"], neginf=-inf, posinf=inf))
    columns = np.arange(n, dtype=np.int32)
    h.changeColsIntegrality(n, columns, data["integer"].astype(np.uint8))
    h.changeColsCost(n, columns, data["cost"])
    h.changeObjectiveOffset(float(data["offset"]))
    lower = np.clip(data["row_lower"], -inf, inf)
    upper = np.clip(data["row_upper"], -inf, inf)
    h.addRows(int(lower.shape[0]), lower, upper, int(data["indices"].shape[0]),
              data["starts"].astype(np.int32), data["indices"].astype(np.int32),
              data["values"].astype(np.float64))

    progress: list[list[float | None]] = []
    first: list[float] = []
    started = time.perf_counter()

    def finite(value: float) -> float | None:
        return float(value) if math.isfinite(value) and abs(value) < inf else None

    def record(event: Any) -> None:
        out = event.data_out
        now = time.perf_counter() - started
        primal, dual = finite(out.mip_primal_bound), finite(out.mip_dual_bound)
        if primal is not None and not first:
            first.append(now)
        if not progress or progress[-1][1:] != [primal, dual]:
            progress.append([now, primal, dual])

    h.cbMipImprovingSolution.subscribe(record)
    h.cbMipInterrupt.subscribe(record)
    h.run()
    seconds = time.perf_counter() - started
    status = h.getModelStatus()
    info = h.getInfo()
    has_solution = int(info.primal_solution_status) == 2  # kSolutionStatusFeasible
    if has_solution:
        np.save(folder / "solution.npy", np.array(h.getSolution().col_value, dtype=np.float64))
    result = {
        "model_status": h.modelStatusToString(status),
        "optimal": status == highspy.HighsModelStatus.kOptimal,
        "infeasible": status == highspy.HighsModelStatus.kInfeasible,
        "has_solution": has_solution,
        "objective": finite(info.objective_function_value) if has_solution else None,
        "dual_bound": finite(info.mip_dual_bound),
        "seconds": seconds,
        "first_solution_seconds": first[0] if first else None,
        "progress": progress,
        "nodes": int(info.mip_node_count),
        "version": h.version(),
    }
    (folder / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
