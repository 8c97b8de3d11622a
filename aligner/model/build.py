"""Building the CP-SAT model of an instance: variables, the hard rules, the weighted objective."""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from aligner.instance import Instance
from aligner.model.collector import fewer_collections
from aligner.model.constraints import RULES, Group, Rules, total
from aligner.model.objective import TERMS, ObjectiveTerm
from aligner.model.variables import Variables, make_variables


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    variables: Variables
    rules: Rules
    terms: tuple[ObjectiveTerm, ...]
    seconds: float
    objective: cp_model.LinearExpr = field(default_factory=lambda: total([]))
    """The weighted sum of the terms that the model minimises (0 without objective)."""

    def size(self) -> dict[str, Any]:
        """Booleans of each kind and constraints added by each rule."""
        v = self.variables
        booleans = {"local": len(v.local), "session": len(v.session),
                     "reception": len(v.reception), "double": len(v.double)}
        if v.meeting:  # research meetings (policy.research_per_week)
            booleans |= {"meeting": len(v.meeting), "meeting_end": len(v.meeting_reception)}
        return {
            "booleans": booleans,
            "constraints": dict(self.rules.count),
        }


@fewer_collections()
def build_model(
    instance: Instance,
    *,
    assumptions: bool = False,
    relaxed: bool = False,
    keep: Collection[Group] | None = None,
    objective: bool = True,
) -> BuiltModel:
    """The model with every hard rule and the objective.

    To explain infeasibility: ``relaxed`` makes teacher availability and course alignment rule
    groups like the others; ``assumptions`` puts each rule group behind a literal; ``keep``
    adds only the rule groups it lists; ``objective=False`` leaves the objective out.
    """
    started = time.perf_counter()
    model = cp_model.CpModel()
    variables = make_variables(instance, model, relaxed=relaxed)
    rules = Rules(model, assumptions=assumptions, keep=keep)
    for rule in RULES:
        rule(variables, rules)
    made = (term(variables) for term in TERMS) if objective else iter(())
    terms = tuple(t for t in made if t is not None)
    weighted = total(t.weight(instance.weights) * t.expression for t in terms)
    if objective:
        model.minimize(weighted)
    return BuiltModel(model, variables, rules, terms, time.perf_counter() - started, weighted)
