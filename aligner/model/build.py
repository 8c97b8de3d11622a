"""Building the CP-SAT model of an instance: variables, the hard rules, the weighted objective."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from aligner.instance import Instance
from aligner.model.constraints import RULES, Rules, total
from aligner.model.objective import TERMS, Term
from aligner.model.variables import Variables, make_variables


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    variables: Variables
    rules: Rules
    terms: tuple[Term, ...]
    seconds: float

    def size(self) -> dict[str, Any]:
        """Booleans of each kind and constraints added by each rule."""
        v = self.variables
        return {
            "booleans": {"local": len(v.local), "session": len(v.session),
                         "reception": len(v.reception)},
            "constraints": dict(self.rules.count),
        }


def build_model(instance: Instance, *, assumptions: bool = False) -> BuiltModel:
    """The model with every hard rule and the objective; ``assumptions`` guards each rule group."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    variables = make_variables(instance, model)
    rules = Rules(model, assumptions=assumptions)
    for rule in RULES:
        rule(variables, rules)
    terms = tuple(term(variables) for term in TERMS)
    model.minimize(total(t.weight(instance.weights) * t.expression for t in terms))
    return BuiltModel(model, variables, rules, terms, time.perf_counter() - started)
