"""The CP-SAT model as a linear (mixed-integer) program: a built CpModelProto translated
constraint by constraint. The HiGHS baseline solves it as a MIP
(:mod:`aligner.baselines.mip`); the LP-guided start (:mod:`aligner.model.relaxation`) solves
its LP relaxation.

The translation is generic over the constraint kinds our model emits and refuses anything else
(:class:`UnsupportedModel`), so the MIP is exactly the CP-SAT model and nothing is lost:

* ``linear`` with a one-interval domain: ``lo <= sum a_i x_i <= hi``;
* ``bool_or``, ``bool_and``, ``at_most_one``, ``exactly_one``: sums of literals (``not x`` is
  ``1 - x``);
* enforcement literals ``e_1..e_k`` (all true -> the constraint holds): by big-M, with
  ``s = sum (1 - e_j)`` the number of false enforcement literals and M taken from the
  variables' bounds, ``expr <= hi + (max expr - hi) s`` and ``expr >= lo - (lo - min expr) s``;
* ``lin_max`` ``t = max_i e_i``: ``t >= e_i`` for all i, and ``t <= e_i + M_i (1 - b_i)``,
  ``sum b_i = 1`` with new binaries; with ``epigraph=True``, where t is a lone variable that
  only the minimised objective uses, with a positive cost, ``t >= e_i`` alone (the usual MIP
  reformulation: exact at every optimum; each returned solution's objective is recomputed
  with ``t = max_i e_i``);
* the linear objective with CP-SAT's offset and scaling factor.

The model is read from a protobuf copy (:func:`parsed`): OR-Tools' own Python view of the
proto answers each field access through a C++ call, which made the translation of a pair's
model take 0.14-0.23 s; the parsed copy takes 0.04-0.08 s.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.sat import cp_model_pb2
from ortools.sat.python import cp_model

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

SUPPORTED = ("linear", "bool_or", "bool_and", "at_most_one", "exactly_one", "lin_max")


class UnsupportedModel(ValueError):
    """The CP-SAT model uses something the MIP translation does not translate."""


@dataclass
class Mip:
    """min cost.x + offset  s.t.  row_lower <= A x <= row_upper, col bounds, integrality."""

    col_lower: list[float]
    col_upper: list[float]
    integer: list[bool]
    cost: list[float]
    offset: float
    rows: list[tuple[float, float, dict[int, float]]]
    cp_variables: int
    """Columns 0..cp_variables-1 are the CP-SAT variables, in order; the others are new."""
    epigraphs: list[tuple[int, list[tuple[dict[int, float], float]]]] = field(default_factory=list)
    """Targets translated by ``t >= e_i`` alone: (column, [(coefficients, offset) of each e_i])."""

    @property
    def columns(self) -> int:
        return len(self.col_lower)

    def sparse_rows(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The rows as compressed sparse rows: (starts, columns, coefficients, lower, upper);
        row i's terms are at positions starts[i]..starts[i + 1] - 1."""
        sizes = np.fromiter((len(terms) for _, _, terms in self.rows), dtype=np.int64,
                            count=len(self.rows))
        starts = np.zeros(len(self.rows) + 1, dtype=np.int64)
        np.cumsum(sizes, out=starts[1:])
        columns = np.fromiter((c for _, _, terms in self.rows for c in terms), dtype=np.int64,
                              count=int(starts[-1]))
        values = np.fromiter((a for _, _, terms in self.rows for a in terms.values()),
                             dtype=np.float64, count=int(starts[-1]))
        lower = np.fromiter((lo for lo, _, _ in self.rows), dtype=np.float64, count=len(self.rows))
        upper = np.fromiter((hi for _, hi, _ in self.rows), dtype=np.float64, count=len(self.rows))
        return starts, columns, values, lower, upper

    def objective_of(self, x: list[float]) -> float:
        """The CP objective of a solution, with every epigraph target at its max."""
        values = list(x)
        for column, exprs in self.epigraphs:
            values[column] = max(sum(c * values[v] for v, c in e.items()) + k for e, k in exprs)
        return sum(c * v for c, v in zip(self.cost, values, strict=True)) + self.offset


class _Builder:
    def __init__(self, proto: Any):
        self.proto = proto
        self.lower: list[float] = []
        self.upper: list[float] = []
        for index, var in enumerate(proto.variables):
            domain = var.domain
            if len(domain) != 2:
                raise UnsupportedModel(f"variable {index} ({var.name}) has a domain with holes "
                                       f"{list(domain)}; only intervals are translated")
            self.lower.append(float(domain[0]))
            self.upper.append(float(domain[1]))
        self.integer = [True] * len(self.lower)
        self.rows: list[tuple[float, float, dict[int, float]]] = []

    # ---- expressions as ({column: coefficient}, constant) ----

    def literal(self, ref: int) -> tuple[dict[int, float], float]:
        if ref >= 0:
            return {ref: 1.0}, 0.0
        return {-ref - 1: -1.0}, 1.0

    def linear(self, variables: Any, coefficients: Any, what: str) -> dict[int, float]:
        terms: dict[int, float] = defaultdict(float)
        for ref, coefficient in zip(variables, coefficients, strict=True):
            if ref < 0:
                raise UnsupportedModel(f"{what}: a negated variable reference in a linear "
                                       "expression is not translated")
            terms[ref] += float(coefficient)
        return dict(terms)

    def bounds(self, terms: dict[int, float]) -> tuple[float, float]:
        low = sum(c * (self.lower[v] if c > 0 else self.upper[v]) for v, c in terms.items())
        high = sum(c * (self.upper[v] if c > 0 else self.lower[v]) for v, c in terms.items())
        return low, high

    def new_binary(self) -> int:
        self.lower.append(0.0)
        self.upper.append(1.0)
        self.integer.append(True)
        return len(self.lower) - 1

    # ---- rows ----

    def add(self, terms: dict[int, float], constant: float, lo: float, hi: float,
            enforcement: list[int]) -> None:
        """lo <= terms + constant <= hi, if every enforcement literal is true (big-M)."""
        lo, hi = lo - constant, hi - constant
        row = dict(terms)
        if enforcement:
            # s = sum(1 - e_j) = len - sum(e_j) over positive refs; for a negated ref ~x,
            # 1 - (1 - x) = x.
            s_terms: dict[int, float] = defaultdict(float)
            s_constant = 0.0
            for ref in enforcement:
                if ref >= 0:
                    s_terms[ref] -= 1.0
                    s_constant += 1.0
                else:
                    s_terms[-ref - 1] += 1.0
            low, high = self.bounds(terms)
            if math.isfinite(hi) and high > hi:
                big = high - hi  # expr - big*s <= hi
                upper_row = dict(row)
                for v, c in s_terms.items():
                    upper_row[v] = upper_row.get(v, 0.0) - big * c
                self.rows.append((-math.inf, hi + big * s_constant, upper_row))
            if math.isfinite(lo) and low < lo:
                big = lo - low  # expr + big*s >= lo
                lower_row = dict(row)
                for v, c in s_terms.items():
                    lower_row[v] = lower_row.get(v, 0.0) + big * c
                self.rows.append((lo - big * s_constant, math.inf, lower_row))
            return
        self.rows.append((lo, hi, row))

    def add_literal_sum(self, refs: Any, lo: float, hi: float, enforcement: list[int]) -> None:
        terms: dict[int, float] = defaultdict(float)
        constant = 0.0
        for ref in refs:
            part, k = self.literal(ref)
            for v, c in part.items():
                terms[v] += c
            constant += k
        self.add(dict(terms), constant, lo, hi, enforcement)


def _what(index: int, kind: str) -> str:
    return f"constraint {index} ({kind})"


def _domain_interval(domain: Any, index: int, kind: str) -> tuple[float, float]:
    if len(domain) != 2:
        raise UnsupportedModel(f"{_what(index, kind)}: a domain of several intervals "
                               f"{list(domain)} is not translated")
    lo = -math.inf if domain[0] <= INT64_MIN else float(domain[0])
    hi = math.inf if domain[1] >= INT64_MAX else float(domain[1])
    return lo, hi


def _kind(constraint: Any) -> str:
    return constraint.WhichOneof("constraint") or "empty"


def parsed(model: cp_model.CpModel) -> Any:
    """A protobuf copy of the model's CpModelProto (read field by field much faster than the
    model's own ``proto`` view)."""
    with tempfile.TemporaryDirectory(prefix="aligner-model-") as folder:
        path = os.path.join(folder, "model.pb")
        model.export_to_file(path)
        proto = cp_model_pb2.CpModelProto()
        with open(path, "rb") as file:
            proto.ParseFromString(file.read())
    return proto


def translate(model: cp_model.CpModel, *, epigraph: bool = False) -> Mip:
    """The MIP of a CP-SAT model; UnsupportedModel for what it cannot do. ``epigraph`` drops
    the selector binaries of lin_max where the objective makes them unnecessary."""
    proto = parsed(model)
    b = _Builder(proto)
    objective = proto.objective
    scale = objective.scaling_factor or 1.0
    if proto.HasField("floating_point_objective"):
        raise UnsupportedModel("a floating-point objective is not translated")
    cost_by_var: dict[int, float] = defaultdict(float)
    for ref, coefficient in zip(objective.vars, objective.coeffs, strict=True):
        if ref < 0:
            raise UnsupportedModel("objective: a negated variable reference is not translated")
        cost_by_var[ref] += scale * coefficient
    if scale < 0:
        raise UnsupportedModel("a maximised objective is not translated (our model minimises)")

    epigraphs: list[tuple[int, list[tuple[dict[int, float], float]]]] = []
    # the lin_max constraints are translated after the rest, when their targets' uses are
    # counted, and their rows put back in their places (the same LP, row for row)
    maxima: list[tuple[int, Any, int]] = []
    rows = b.rows
    for index, constraint in enumerate(proto.constraints):
        kind = _kind(constraint)
        enforcement = list(constraint.enforcement_literal)
        if kind == "linear":
            linear = constraint.linear
            lo, hi = _domain_interval(linear.domain, index, kind)
            refs = linear.vars
            row = dict(zip(refs, map(float, linear.coeffs), strict=True))
            if not enforcement and len(row) == len(refs) and (not row or min(row) >= 0):
                rows.append((lo, hi, row))  # (the usual row: distinct variables, none negated)
            else:
                b.add(b.linear(refs, linear.coeffs, _what(index, kind)), 0.0, lo, hi,
                      enforcement)
        elif kind == "bool_or":
            b.add_literal_sum(constraint.bool_or.literals, 1, math.inf, enforcement)
        elif kind == "bool_and":
            for ref in constraint.bool_and.literals:
                b.add_literal_sum([ref], 1, 1, enforcement)
        elif kind == "at_most_one":
            b.add_literal_sum(constraint.at_most_one.literals, -math.inf, 1, enforcement)
        elif kind == "exactly_one":
            b.add_literal_sum(constraint.exactly_one.literals, 1, 1, enforcement)
        elif kind == "lin_max":
            if enforcement:
                raise UnsupportedModel(f"{_what(index, kind)}: an enforced lin_max is not "
                                       "translated")
            maxima.append((index, constraint.lin_max, len(rows)))
        elif kind != "empty":
            raise UnsupportedModel(f"{_what(index, kind)}: constraints of kind {kind} are not "
                                   f"translated (translated: {', '.join(SUPPORTED)})")
    # how many constraints use each variable (a lin_max's target is an epigraph only where
    # nothing else uses it): every row above uses its columns once
    used: list[int] = []
    if epigraph and maxima:
        used = np.bincount(np.fromiter((c for _, _, terms in rows for c in terms),
                                       dtype=np.int64), minlength=len(b.lower)).tolist()
        for _, lin_max, _ in maxima:
            for expr in (lin_max.target, *lin_max.exprs):
                for ref in expr.vars:
                    used[ref if ref >= 0 else -ref - 1] += 1
    placed: list[list[tuple[float, float, dict[int, float]]]] = []
    for index, lin_max, _ in maxima:
        b.rows = []
        placed.append(b.rows)
        what = _what(index, "lin_max")
        target = lin_max.target
        t_terms = b.linear(target.vars, target.coeffs, what)
        t_offset = float(target.offset)
        exprs = [(b.linear(e.vars, e.coeffs, what), float(e.offset)) for e in lin_max.exprs]
        for e_terms, e_offset in exprs:  # t - e_i >= 0
            row = dict(t_terms)
            for v, c in e_terms.items():
                row[v] = row.get(v, 0.0) - c
            b.add(row, t_offset - e_offset, 0.0, math.inf, [])
        lone = len(t_terms) == 1 and next(iter(t_terms.values())) == 1.0 and t_offset == 0
        column = next(iter(t_terms)) if lone else -1
        if epigraph and lone and cost_by_var.get(column, 0.0) > 0 and used[column] == 1:
            epigraphs.append((column, exprs))
            continue
        t_high = b.bounds(t_terms)[1] + t_offset
        selectors = []
        for e_terms, e_offset in exprs:  # t - e_i + M b_i <= M
            selector = b.new_binary()
            selectors.append(selector)
            big = t_high - (b.bounds(e_terms)[0] + e_offset)
            row = dict(t_terms)
            for v, c in e_terms.items():
                row[v] = row.get(v, 0.0) - c
            row[selector] = row.get(selector, 0.0) + big
            b.add(row, t_offset - e_offset, -math.inf, big, [])
        b.add({s: 1.0 for s in selectors}, 0.0, 1, 1, [])
    if maxima:
        b.rows, begin = [], 0
        for (_, _, at), theirs in zip(maxima, placed, strict=True):
            b.rows += rows[begin:at]
            b.rows += theirs
            begin = at
        b.rows += rows[begin:]
    cost = [cost_by_var.get(i, 0.0) for i in range(len(b.lower))]
    return Mip(b.lower, b.upper, b.integer, cost, scale * float(objective.offset), b.rows,
               len(proto.variables), epigraphs)


# ---- HiGHS ------------------------------------------------------------------------------------
