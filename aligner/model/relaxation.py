"""The LP relaxation of the model, solved by OR-Tools' own LP solver (GLOP).

On the timetabling model the LP relaxation is very tight: on every component of the generated
city preset its optimum equals the best timetable's objective, while CP-SAT's own single-thread
LP stops early (its simplex runs in short iteration chunks) and leaves a much lower bound that
the search then has to close. The relaxation gives the staged search (:mod:`aligner.search`)
two things:

* a *bound*: every timetable's objective is an integer >= the LP optimum, so
  ``ceil(optimum - tolerance)`` is a valid lower bound (the tolerance covers GLOP's floating
  point);
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
from aligner.model.linear import UnsupportedModel, translate

TOLERANCE = 1e-6
"""Relative slack taken off the LP optimum before rounding it up to the bound."""


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
    bound = math.ceil(value - TOLERANCE * max(1.0, abs(value)))
    v = built.variables
    placements = sorted(var.index for var in (*v.local.values(), *v.session.values(),
                                                *v.reception.values(), *v.double.values()))
    ones = tuple(index for index in placements
                 if columns[index].solution_value() >= 1 - TOLERANCE)
    return Relaxation(value, bound, ones, time.perf_counter() - started)
