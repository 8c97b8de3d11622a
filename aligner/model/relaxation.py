"""The LP relaxation of the model, solved by OR-Tools' own LP solvers (PDLP, then GLOP).

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

PDLP (a first-order method) finds the bound and the fixings fast, at an optimum inside the
optimal face; GLOP (the simplex) then finds a vertex of the LP those fixings narrow, for the
whole placements (see :func:`lp_relaxation` and :data:`CENTRE_FIRST`).

The LP is handed to the solvers as one MPModelRequest (built from compressed sparse rows, not
coefficient by coefficient through the wrapper, which cost more than GLOP's own solve on the
shipped examples).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field, replace

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
PDLP_PARAMETERS = ""
"""PDLP (OR-Tools' first-order LP solver) with its defaults: one thread, its default optimality
tolerances (the safe bound does not rely on them)."""
CENTRE_FIRST = True
"""Solve the LP with PDLP first, then GLOP on the LP narrowed by PDLP's fixings (see
:func:`lp_relaxation`). PDLP alone is fast (county g005: 0.24 s against GLOP's 1.95 s, the same
bound 144) but its optimum is interior (36 placements whole where GLOP's vertex has 524), which
guides the search too little (with PDLP alone the county's ten components took 26.7 s of one core
against 22.0 s with GLOP alone). Its duals, though, fix more than the vertex's (5,902 columns
against 3,217: a central optimum leaves fewer reduced costs at 0), and on the LP so narrowed GLOP
finds its vertex in about half the time (1.04 s). Side by side (seed-1 instances with the office
rules, every component proven either way): the county's ten LPs 11.1 s -> 8.2 s of one core, its
components one after the other 23.0-23.7 s -> 17.2-19.0 s; whole ``aligner solve --jobs 2
--workers 1`` runs (medians of 3 pairs) county 15.2 s -> 12.9 s, city 53.4 s -> 33.4 s, the
100-school shape 31.4 s -> 24.4 s: the more fixings also let the guided stages meet the bound
sooner (city g024 9.1 s -> 3.0 s)."""
CENTRE_MIN_COLUMNS = 8000
"""... on LPs of at least this many columns: on smaller ones GLOP alone is as fast or faster
(medians of 3, one core: the Lanxi example's 6,558 columns 0.159 s alone against 0.186 s, county
g000's 7,575 0.244 s against 0.277 s; county g003's 8,396 0.339 s against 0.233 s, g005's 19,412
2.055 s against 1.357 s)."""
VERTEX_FACTOR = 20.0
VERTEX_MIN = 2.0
"""GLOP's vertex after PDLP gets at most VERTEX_FACTOR times PDLP's time, and at least VERTEX_MIN
seconds (within the LP's share). On the 70 components of the generated county, city and
100-school instances it took 3.2 times PDLP's time (median; 9.8 at most, 1.6 s at most); on
FET's largest files GLOP's phase 1 can run out of the LP's whole share (RehobothHSY2016T2d:
GLOP alone 15 s in vain; PDLP's bound 0 in 0.3 s), and the search goes on with PDLP's bound and
fixings after 20 times that."""
FACE_AT = 1e-3
"""After PDLP, GLOP looks for its vertex first on the face of the LP where every column that
PDLP's optimum has within this distance of a bound sits at that bound (0: never). The face holds
PDLP's optimum but for those small moves, so it holds an optimum of the LP unless they mattered;
a vertex of a face is a vertex of the LP, and with fewer columns free GLOP finds one sooner.
Should the face hold no optimum (GLOP finds it infeasible, or its optimum above PDLP's by more
than :data:`FACE_SLACK`), GLOP solves the whole narrowed LP as before. Measured, one core, seed
0, both variants at once, every component proven either way (seed-1 instances with the office
rules unless said): GLOP's seconds on the county's nine LPs of 8,000 columns or more 8.9 ->
7.0 s, on the city's 32 29.5 -> 26.8 s, every face holding an optimum; the components' whole
searches, whose guided-above stage starts from another vertex then, county 29.5 -> 29.8 s,
city 98.4 -> 92.5 s, the 100-school shape 81.5 -> 65.3 s (CP-SAT seed 1: 78.3 -> 75.7 s), the
county of seed 2 57.3 -> 48.1 s.
FET's 29 whole files with LPs of 8,000 columns or more (`aligner solve`, one worker, 20 s, both
at once): the same status and objective on 28, MHS_July2 a timetable (40) where there was none,
HavanaPSY2016T2b proven in 7.9 s instead of 13.9 s, the others' seconds within 6% but
Highlands_Christian_School's (0.99 -> 1.23 s). At 0.01 GLOP took 5.6 s on the county, but 4 of
the 100-school shape's 25 faces and 8 of the city's held no optimum."""
FACE_SLACK = 1e-5
"""Relative: how far above PDLP's objective the face's optimum may be and still count as the
LP's (PDLP's own was 5e-7 off on the county's LPs)."""
ROUND_AT = 0.5
"""A placement not whole in the LP optimum is rounded to 1 from this value on (:attr:`Relaxation.rounded`)."""
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
    columns: int = 0
    """The LP's columns (its size: the search picks its stages by it)."""
    rounded: tuple[tuple[int, int], ...] = ()
    """(index, 0 or 1): every other placement's value in the LP optimum, rounded at
    :data:`ROUND_AT`, where neither the model nor the fixings fix it (the placements that the
    guided model leaves free: a starting point for its search, see
    :data:`aligner.solver.search.ROUNDED_HINT`)."""
    duals: tuple[np.ndarray, ...] = field(default=(), repr=False, compare=False)
    """The row duals that ``bound`` and ``fixings`` came from, in the order they were applied
    (PDLP's on the whole LP, then GLOP's vertex on the LP that PDLP's fixings narrow; or GLOP's
    alone): :meth:`fixings_at` makes the fixings of a higher bound from them."""
    lp: tuple[Mip, SparseRows] | None = field(default=None, repr=False, compare=False)
    """The LP those duals belong to: its columns (the rows only as sparse arrays)."""

    def fixings_at(self, bound: int) -> tuple[tuple[int, int, int], ...] | None:
        """The reduced-cost fixings that every timetable of objective at most ``bound``
        respects, made again from :attr:`duals` with the slack of ``bound`` (at least
        :attr:`bound`: at :attr:`bound` itself they are :attr:`fixings`; higher, fewer
        variables are fixed); None when those duals show that no timetable meets ``bound``.
        The search raises its bound with them (:mod:`aligner.solver.search`)."""
        if self.lp is None:
            return self.fixings if bound == self.bound else ()
        mip, sparse = self.lp
        mip_low, mip_high = np.array(mip.col_lower), np.array(mip.col_upper)
        low, high = mip_low, mip_high
        for duals in self.duals:
            safe, reduced = _safe_dual_bound(mip, sparse, duals, low, high)
            if safe is None:  # (not on our models: every column is bounded)
                break
            if _rounded_up(safe) > bound:
                return None
            low, high = _fixings(mip, low, high, reduced, _slack(bound, safe))
        return _fixed(mip, low, high, mip_low, mip_high)


def lp_relaxation(built: BuiltModel, time_limit: float) -> Relaxation | None:
    """Solve the model's LP relaxation; None when it has no use here: the objective is not
    integral, the LP solvers reach no proven optimum in ``time_limit`` seconds (or find the LP
    infeasible: then so is the model, which the search reports on its own).

    Two solvers in turn (:data:`CENTRE_FIRST`, on LPs of :data:`CENTRE_MIN_COLUMNS` columns or
    more; on smaller ones GLOP alone): PDLP's optimum, near the centre of the optimal face,
    gives the bound and the reduced-cost fixings; GLOP's simplex then finds a vertex of the LP
    with those fixings applied (every optimum of the LP keeps them), first on the face where
    PDLP's optimum has its columns at their bounds (:data:`FACE_AT`), whose whole placements
    guide the search (its duals fix too; on county g001 and g005 nothing PDLP's had not).
    Should GLOP find no vertex in the time, the relaxation has PDLP's bound and fixings and its
    few whole placements; should PDLP find nothing (or a bound the vertex contradicts), GLOP
    solves the whole LP alone."""
    started = time.perf_counter()
    proto = built.model.proto
    if not proto.objective.vars or any(c != int(c) for c in proto.objective.coeffs):
        return None
    try:
        mip = translate(built.model, epigraph=True)
    except UnsupportedModel:
        return None
    sparse = mip.sparse_rows()
    request = _request(mip, sparse)
    resolve = built.variables.instance.previous is not None
    simplex = GLOP_PARAMETERS_RESOLVE if resolve else GLOP_PARAMETERS
    placements = np.array(sorted(var.index for var in built.variables.placements()),
                          dtype=np.int64)

    mip_low, mip_high = np.array(mip.col_lower), np.array(mip.col_upper)

    def left() -> float:
        return max(0.01, time_limit - (time.perf_counter() - started))

    def relaxation(response: linear_solver_pb2.MPSolutionResponse, bound: int,
                   low: np.ndarray, high: np.ndarray,
                   *answers: linear_solver_pb2.MPSolutionResponse) -> Relaxation:
        """From the answer whose optimum guides (``response``) and the answers whose duals
        made ``bound`` and the columns' bounds ``low`` and ``high``, in order."""
        x = np.array(response.variable_value)
        whole = x[placements] >= 1 - TOLERANCE
        ones = tuple(int(i) for i in placements[whole])
        free = placements[~whole & (low[placements] < high[placements])]
        rounded = tuple(zip(free.tolist(), (x[free] >= ROUND_AT).astype(int).tolist(),
                            strict=True))
        return Relaxation(response.objective_value, bound, ones,
                          _fixed(mip, low, high, mip_low, mip_high),
                          time.perf_counter() - started, mip.columns, rounded,
                          tuple(np.array(answer.dual_value) for answer in answers),
                          (replace(mip, rows=[], epigraphs=[]), sparse))  # (rows: 10-30 MB)

    if CENTRE_FIRST and mip.columns >= CENTRE_MIN_COLUMNS:
        began = time.perf_counter()
        centre = _solve_lp(request, left(), PDLP_PARAMETERS, PDLP)
        centre_seconds = time.perf_counter() - began
        narrowed = _bounded(mip, sparse, centre, mip_low, mip_high)
        if narrowed is not None:
            bound, low, high = narrowed
            narrowed_columns = np.flatnonzero((low != mip_low) | (high != mip_high))
            _set_bounds(request, narrowed_columns, low, high)
            deadline = time.perf_counter() + max(VERTEX_MIN, VERTEX_FACTOR * centre_seconds)
            face = [_on_face(request, centre, low, high)] if FACE_AT > 0 else []
            for lp in (*face, request):  # the face first, then the whole narrowed LP
                vertex = _solve_lp(lp, max(0.01, min(left(), deadline - time.perf_counter())),
                                   simplex)
                if vertex.status == linear_solver_pb2.MPSOLVER_NOT_SOLVED:  # out of time
                    return relaxation(centre, bound, low, high, centre)
                if lp is not request and not (
                        _optimal(vertex) and vertex.objective_value <= centre.objective_value
                        + FACE_SLACK * max(1.0, abs(centre.objective_value))):
                    continue  # no optimum of the LP on the face (a vertex there is one of the LP)
                # valid for every timetable meeting the bound: those keep PDLP's fixings, so they
                # are solutions of the LP the vertex solved (and the duals may be any: the safe
                # bound)
                more = _bounded(mip, sparse, vertex, low, high, bound)
                if more is not None:
                    return relaxation(vertex, *more, centre, vertex)
            # the narrowed LP is infeasible or its optimum above PDLP's bound: no timetable meets
            # that bound, and the fixings made for it hold for none; GLOP alone, below
            _set_bounds(request, narrowed_columns, mip_low, mip_high)
    response = _solve_lp(request, left(), simplex)
    alone = _bounded(mip, sparse, response, mip_low, mip_high)
    return None if alone is None else relaxation(response, *alone, response)


def _fixed(mip: Mip, low: np.ndarray, high: np.ndarray, mip_low: np.ndarray,
           mip_high: np.ndarray) -> tuple[tuple[int, int, int], ...]:
    """(index, lower, upper) of each CP-SAT variable whose bounds ``low`` and ``high`` narrow."""
    count = mip.cp_variables
    changed = np.flatnonzero((low[:count] > mip_low[:count]) | (high[:count] < mip_high[:count]))
    return tuple((int(i), int(low[i]), int(high[i])) for i in changed)


def _on_face(request: linear_solver_pb2.MPModelRequest,
             centre: linear_solver_pb2.MPSolutionResponse, low: np.ndarray, high: np.ndarray
             ) -> linear_solver_pb2.MPModelRequest:
    """A copy of the LP (its columns bounded by ``low`` and ``high``) with every column that
    PDLP's optimum ``centre`` has within :data:`FACE_AT` of a bound fixed at that bound."""
    x = np.array(centre.variable_value)
    free = low < high
    at_low = free & (x <= low + FACE_AT)
    at_high = free & (x >= high - FACE_AT) & ~at_low
    face_low, face_high = low.copy(), high.copy()
    face_high[at_low] = low[at_low]
    face_low[at_high] = high[at_high]
    face = linear_solver_pb2.MPModelRequest()
    face.CopyFrom(request)
    _set_bounds(face, np.flatnonzero(at_low | at_high), face_low, face_high)
    return face


def _set_bounds(request: linear_solver_pb2.MPModelRequest, columns: np.ndarray,
                low: np.ndarray, high: np.ndarray) -> None:
    for index in columns:
        column = request.model.variable[int(index)]
        column.lower_bound, column.upper_bound = low[index], high[index]


def _bounded(mip: Mip, sparse: SparseRows, response: linear_solver_pb2.MPSolutionResponse,
             low: np.ndarray, high: np.ndarray, bound: int | None = None
             ) -> tuple[int, np.ndarray, np.ndarray] | None:
    """From an LP answer on columns bounded by ``low`` and ``high``: the bound on the objective
    (its safe dual bound rounded up) and those column bounds narrowed by reduced-cost fixing for
    the timetables that meet it. Given ``bound`` (a bound known already), the fixings are for
    the timetables that meet that one. None when the answer is not an optimum, its bound is
    infinite or above the ``bound`` given."""
    if not _optimal(response):
        return None
    safe, reduced = _safe_dual_bound(mip, sparse, np.array(response.dual_value), low, high)
    if safe is None or (bound is not None and _rounded_up(safe) > bound):
        return None
    bound = _rounded_up(safe) if bound is None else bound
    return bound, *_fixings(mip, low, high, reduced, _slack(bound, safe))


def _rounded_up(safe: float) -> int:
    """The least integer objective the safe bound allows, less the tolerance."""
    return math.ceil(safe - TOLERANCE * max(1.0, abs(safe)))


def _slack(bound: int, safe: float) -> float:
    """How far a timetable meeting ``bound`` may be above the safe bound; with the bound's
    tolerance, so that float noise in a reduced cost near 0 fixes nothing."""
    return bound - safe + TOLERANCE * max(1.0, abs(safe))


SparseRows = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]
"""(starts, columns, coefficients, lower, upper): :meth:`Mip.sparse_rows`."""


def _request(mip: Mip, sparse: SparseRows) -> linear_solver_pb2.MPModelRequest:
    """The LP as one request (the solver and its parameters are set by :func:`_solve_lp`)."""
    starts, columns, coefficients, lower, upper = sparse
    request = linear_solver_pb2.MPModelRequest()
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
    return request


GLOP = linear_solver_pb2.MPModelRequest.GLOP_LINEAR_PROGRAMMING
PDLP = linear_solver_pb2.MPModelRequest.PDLP_LINEAR_PROGRAMMING


def _solve_lp(request: linear_solver_pb2.MPModelRequest, time_limit: float,
              parameters: str = GLOP_PARAMETERS, solver: int = GLOP
              ) -> linear_solver_pb2.MPSolutionResponse:
    """The solver's answer on the LP (see :func:`_optimal`); MPSOLVER_NOT_SOLVED when it ran out
    of time."""
    request.solver_type = solver
    request.solver_time_limit_seconds = time_limit
    request.solver_specific_parameters = parameters
    response = linear_solver_pb2.MPSolutionResponse()
    pywraplp.Solver.SolveWithProto(request, response)
    return response


def _optimal(response: linear_solver_pb2.MPSolutionResponse) -> bool:
    return bool(response.status == linear_solver_pb2.MPSOLVER_OPTIMAL)


def _safe_dual_bound(mip: Mip, sparse: SparseRows, duals: np.ndarray,
                     low: np.ndarray | None = None, high: np.ndarray | None = None
                     ) -> tuple[float | None, np.ndarray]:
    """The Lagrangian bound of the LP for the row duals given (see the module's doc), or None
    when a needed bound is infinite; and the reduced costs d = c - A^T y it used. ``low`` and
    ``high`` are the columns' bounds when narrower than the MIP's."""
    starts, columns, coefficients, lower, upper = sparse
    rows = np.repeat(np.arange(len(lower)), np.diff(starts))
    side = np.where(duals > 0, lower, upper)
    used = (duals != 0) & np.isfinite(side)  # elsewhere as if y = 0: any duals give a bound
    y = np.where(used, duals, 0.0)
    reduced = np.array(mip.cost, dtype=np.float64)
    reduced -= np.bincount(columns, weights=y[rows] * coefficients, minlength=len(reduced))
    low = np.array(mip.col_lower) if low is None else low
    high = np.array(mip.col_upper) if high is None else high
    end = np.where(reduced > 0, low, high)
    moving = reduced != 0
    if not np.isfinite(end[moving]).all():
        return None, reduced
    total = mip.offset + float(np.dot(y[used], side[used])) + float(
        np.dot(reduced[moving], end[moving]))
    return total, reduced


def _fixings(mip: Mip, low: np.ndarray, high: np.ndarray, reduced: np.ndarray, slack: float
             ) -> tuple[np.ndarray, np.ndarray]:
    """The columns' bounds (``low``, ``high``) narrowed by reduced-cost fixing for a timetable
    whose objective exceeds the safe bound by at most ``slack``; integral columns only."""
    with np.errstate(divide="ignore", invalid="ignore"):  # d = 0: no fixing
        reach = np.floor(np.maximum(slack, 0.0) / np.abs(reduced) + TOLERANCE)
    reach = np.where(np.array(mip.integer), reach, np.inf)
    new_high = np.where(reduced > 0, np.minimum(high, low + reach), high)
    new_low = np.where(reduced < 0, np.maximum(low, high - reach), low)
    return new_low, new_high
