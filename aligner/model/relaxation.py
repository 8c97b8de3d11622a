"""The LP relaxation of the model, solved by OR-Tools' own LP solver (GLOP).

On the timetabling model the LP relaxation is very tight: on every component of the generated
city preset its optimum equals the best timetable's objective, while CP-SAT's own single-thread
LP stops early (its simplex runs in short iteration chunks) and leaves a much lower bound that
the search then has to close. The relaxation gives the staged search (:mod:`aligner.solver.search`)
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
  meeting the bound in a fraction of the full search;
* *reduced-cost fixings*: with the same duals, every feasible x has c.x >= L + sum_j d_j (x_j -
  l_j) over d_j > 0 (and the mirror over d_j < 0, from u_j), where L is the safe bound above.
  A timetable meeting the bound B has c.x <= B, so x_j <= l_j + (B - L) / d_j: a variable whose
  reduced cost exceeds B - L keeps its LP bound in every timetable meeting B. On our models
  these fix a fifth of the variables, which the guided stage leaves out of its search (a
  timetable meeting B is optimal whatever the fixings; they only narrow where it is sought).

The LP is handed to GLOP as one MPModelRequest (built from compressed sparse rows, not
coefficient by coefficient through the wrapper, which cost more than GLOP's own solve on the
shipped examples).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import linear_solver_pb2, pywraplp

from aligner.model.build import BuiltModel
from aligner.model.linear import Mip, UnsupportedModel, translate

GLOP_PARAMETERS = "initial_basis: BIXBY use_scaling: false"
"""Measured (one thread, medians of 3) on the shipped examples, three generated pairs and seven
city components: GLOP's LPs took 2.9 s in all this way, 3.9 s with GLOP's defaults, 3.4 s with
Maros's initial basis (the best on the city components with scaling on)."""
GLOP_PARAMETERS_RESOLVE = GLOP_PARAMETERS + " use_dual_simplex: true"
"""For a re-solve from a previous timetable (``solve --from``): the heavy ``changes`` term makes
the primal simplex slow and the dual fast. Measured on Lanxi with one teacher away on Monday
morning (medians of 3, one thread): 0.65 s primal against 0.20 s dual; from scratch the dual
is slower (0.92 s against 0.49 s), so it is used for re-solves only."""
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
    fixings: tuple[tuple[int, int, int], ...]
    """(index, lower, upper): the narrower domain of each CP-SAT variable that every timetable
    meeting ``bound`` respects (reduced-cost fixing, see the module's doc)."""
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
        mip = translate(built.model, epigraph=True)
    except UnsupportedModel:
        return None
    sparse = mip.sparse_rows()
    resolve = built.variables.instance.previous is not None
    response = _solve_lp(mip, sparse, time_limit,
                         GLOP_PARAMETERS_RESOLVE if resolve else GLOP_PARAMETERS)
    if response is None:
        return None
    x = np.array(response.variable_value)
    safe, reduced = _safe_dual_bound(mip, sparse, np.array(response.dual_value))
    if safe is None:
        return None
    bound = math.ceil(safe - TOLERANCE * max(1.0, abs(safe)))
    v = built.variables
    placements = np.array(sorted(var.index for var in (*v.local.values(), *v.session.values(),
                                                       *v.reception.values(),
                                                       *v.double.values())), dtype=np.int64)
    ones = tuple(int(i) for i in placements[x[placements] >= 1 - TOLERANCE])
    # The slack gets the bound's tolerance too, so that float noise in a reduced cost near 0
    # fixes nothing.
    fixings = _fixings(mip, reduced, bound - safe + TOLERANCE * max(1.0, abs(safe)))
    return Relaxation(response.objective_value, bound, ones, fixings,
                      time.perf_counter() - started)


SparseRows = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""(starts, columns, coefficients, lower, upper): :meth:`Mip.sparse_rows`."""


def _solve_lp(mip: Mip, sparse: SparseRows, time_limit: float,
              parameters: str = GLOP_PARAMETERS) -> linear_solver_pb2.MPSolutionResponse | None:
    """GLOP's optimum of the LP, or None when it proves none in the time."""
    starts, columns, coefficients, lower, upper = sparse
    request = linear_solver_pb2.MPModelRequest(
        solver_type=linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING,
        solver_time_limit_seconds=time_limit, solver_specific_parameters=parameters)
    model = request.model
    for lo, hi, cost in zip(mip.col_lower, mip.col_upper, mip.cost, strict=True):
        model.variable.add(lower_bound=lo, upper_bound=hi, objective_coefficient=cost)
    ends = starts[1:].tolist()
    begin = 0
    for lo, hi, end in zip(lower.tolist(), upper.tolist(), ends, strict=True):
        row = model.constraint.add(lower_bound=lo, upper_bound=hi)
        row.var_index.extend(columns[begin:end].tolist())
        row.coefficient.extend(coefficients[begin:end].tolist())
        begin = end
    model.objective_offset = mip.offset
    response = linear_solver_pb2.MPSolutionResponse()
    pywraplp.Solver.SolveWithProto(request, response)
    if response.status != linear_solver_pb2.MPSOLVER_OPTIMAL:
        return None
    return response


def _safe_dual_bound(mip: Mip, sparse: SparseRows, duals: np.ndarray
                     ) -> tuple[float | None, np.ndarray]:
    """The Lagrangian bound of the LP for the row duals given (see the module's doc), or None
    when a needed bound is infinite; and the reduced costs d = c - A^T y it used."""
    starts, columns, coefficients, lower, upper = sparse
    rows = np.repeat(np.arange(len(lower)), np.diff(starts))
    side = np.where(duals > 0, lower, upper)
    used = (duals != 0) & np.isfinite(side)  # elsewhere as if y = 0: any duals give a bound
    y = np.where(used, duals, 0.0)
    reduced = np.array(mip.cost, dtype=np.float64)
    reduced -= np.bincount(columns, weights=y[rows] * coefficients, minlength=len(reduced))
    end = np.where(reduced > 0, np.array(mip.col_lower), np.array(mip.col_upper))
    moving = reduced != 0
    if not np.isfinite(end[moving]).all():
        return None, reduced
    total = mip.offset + float(np.dot(y[used], side[used])) + float(
        np.dot(reduced[moving], end[moving]))
    return total, reduced


def _fixings(mip: Mip, reduced: np.ndarray, slack: float) -> tuple[tuple[int, int, int], ...]:
    """The CP-SAT variables' domains narrowed by reduced-cost fixing for a timetable whose
    objective exceeds the safe bound by at most ``slack``."""
    fixings = []
    count = mip.cp_variables
    low = np.array(mip.col_lower[:count])
    high = np.array(mip.col_upper[:count])
    d = reduced[:count]
    with np.errstate(divide="ignore", invalid="ignore"):  # d = 0: no fixing
        reach = np.floor(np.maximum(slack, 0.0) / np.abs(d) + TOLERANCE)
    new_high = np.where(d > 0, np.minimum(high, low + reach), high)
    new_low = np.where(d < 0, np.maximum(low, high - reach), low)
    for index in np.flatnonzero((new_high < high) | (new_low > low)):
        fixings.append((int(index), int(new_low[index]), int(new_high[index])))
    return tuple(fixings)
