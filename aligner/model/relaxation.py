"""The LP relaxation of the model, solved by OR-Tools' own LP solver (GLOP).

On the timetabling model the LP relaxation is very tight: on every component of the generated
city preset its optimum equals the best timetable's objective, while CP-SAT's own single-thread
LP stops early (its simplex runs in short iteration chunks) and leaves a much lower bound that
the search then has to close. The relaxation gives the staged search (:mod:`aligner.search`)
two things:

* a *bound*: every timetable's objective is an integer >= the LP optimum. GLOP works in
  floating point, so the bound is not its optimum but a *safe dual bound* recomputed from its
  dual values (Neumaier and Shcherbina, "Safe bounds in linear and mixed-integer
  programming", 2004): for any row duals y, with reduced costs d = c - A^T y, every feasible x
  has c.x >= sum_i (y_i > 0 ? y_i lo_i : y_i hi_i) + sum_j (d_j > 0 ? d_j l_j : d_j u_j). That
  holds for any y whatsoever, so GLOP's tolerances cannot make it wrong; only the few float
  roundings of the sum can, and a slack of 1e-6 per unit of magnitude covers them before it
  is rounded up;
* a *guide*: the Booleans (lessons, sessions, receptions, doubles) that are 1 in the LP optimum;
  fixing them and solving the rest is a RINS-like sub-problem that usually finds a timetable
  meeting the bound in a fraction of the full search.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from aligner.model.build import BuiltModel
from aligner.model.linear import Mip, UnsupportedModel, translate

GLOP_PARAMETERS = "initial_basis: MAROS"
TOLERANCE = 1e-6
"""Relative slack taken off the safe dual bound before rounding it up; also the least LP value
counted as 1 (a placement "whole" in the LP optimum)."""


@dataclass(frozen=True)
class Relaxation:
    value: float
    """The LP optimum of the objective."""
    bound: int
    """No timetable has a smaller objective (the LP optimum rounded up, less the tolerance)."""
    ones: tuple[int, ...]
    """Indices (in the CP-SAT model) of the Booleans that are 1 in the LP optimum."""
    seconds: float


def lp_relaxation(built: BuiltModel, time_limit: float) -> Relaxation | None:
    """Solve the model's LP relaxation; None when it has no use here: the objective is not
    integral, GLOP does not reach a proven optimum in ``time_limit`` seconds (or finds the LP
    infeasible: then so is the model, which the search reports on its own)."""
    started = time.perf_counter()
    proto = built.model.proto
    if not proto.objective.vars or any(c != int(c) for c in proto.objective.coeffs):
        return None
    try:
        mip = translate(proto, epigraph=True)
    except UnsupportedModel:
        return None
    solver = pywraplp.Solver.CreateSolver("GLOP")
    solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    # Maros's crash basis: 10-35% faster than the default start on the city components.
    solver.SetSolverSpecificParametersAsString(GLOP_PARAMETERS)
    infinity = solver.infinity()
    columns = [solver.NumVar(max(lo, -infinity), min(hi, infinity), "")
               for lo, hi in zip(mip.col_lower, mip.col_upper, strict=True)]
    for lo, hi, terms in mip.rows:
        row = solver.Constraint(max(lo, -infinity), min(hi, infinity))
        for column, coefficient in terms.items():
            row.SetCoefficient(columns[column], coefficient)
    objective = solver.Objective()
    for column, cost in enumerate(mip.cost):
        if cost:
            objective.SetCoefficient(columns[column], cost)
    objective.SetOffset(mip.offset)
    objective.SetMinimization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value = objective.Value()
    safe = _safe_dual_bound(mip, [row.dual_value() for row in solver.constraints()])
    if safe is None:
        return None
    bound = math.ceil(safe - TOLERANCE * max(1.0, abs(safe)))
    v = built.variables
    placements = sorted(var.index for var in (*v.local.values(), *v.session.values(),
                                                *v.reception.values(), *v.double.values()))
    ones = tuple(index for index in placements
                 if columns[index].solution_value() >= 1 - TOLERANCE)
    return Relaxation(value, bound, ones, time.perf_counter() - started)


def _safe_dual_bound(mip: Mip, duals: list[float]) -> float | None:
    """The Lagrangian bound of the LP for the row duals given (see the module's doc), or None
    when a needed bound is infinite."""
    reduced = list(mip.cost)
    total = mip.offset
    for (lo, hi, terms), y in zip(mip.rows, duals, strict=True):
        if y == 0:
            continue
        side = lo if y > 0 else hi
        if not math.isfinite(side):
            continue  # as if y = 0 there: any duals give a valid bound

        total += y * side
        for column, coefficient in terms.items():
            reduced[column] -= y * coefficient
    for column, d in enumerate(reduced):
        if d == 0:
            continue
        end = mip.col_lower[column] if d > 0 else mip.col_upper[column]
        if not math.isfinite(end):
            return None
        total += d * end
    return total
