"""Solving one model: an instance and settings in, a :class:`Result` out (never an exception on
failure). The whole job (components, capacity checks, explanations, bell proposals) is
:func:`aligner.solver.pipeline.solve`, which calls this for each component."""

from __future__ import annotations

from aligner.instance import Instance
from aligner.model import build_model
from aligner.model.collector import fewer_collections
from aligner.model.objective import evaluate
from aligner.solver.result import Result
from aligner.solver.search import Observer, search
from aligner.solver.settings import SolverSettings
from aligner.timetable import Timetable


@fewer_collections()
def solve_model(instance: Instance, settings: SolverSettings | None = None,
                observer: Observer | None = None, hint: Timetable | None = None) -> Result:
    """Build and solve the instance's model as one; ``observer`` follows the search (each
    timetable found, each bound), ``hint`` is a timetable to start from (a greedy week, last
    term's)."""
    settings = settings or SolverSettings()
    built = build_model(instance)
    if hint is not None:
        built.variables.hint(hint)
    elif instance.previous is not None:
        built.variables.hint_previous()
    outcome = search(built, settings, observer)
    solver = outcome.solver
    weights = {t.name: t.weight(instance.weights) for t in built.terms}
    timetable = built.variables.timetable(solver) if solver is not None else None
    terms: dict[str, int] = {}
    if solver is not None and timetable is not None:
        counted = (evaluate(instance, timetable)
                   if any(not t.modeled for t in built.terms) else {})
        terms = {t.name: int(solver.value(t.expression)) if t.modeled else counted[t.name]
                 for t in built.terms}
    return Result(
        instance=instance,
        status=outcome.status,
        timetable=timetable,
        # The objective of the returned timetable, from its terms: CP-SAT's objective_value can
        # differ from it when the search stops early (seen with stop_after_first_solution).
        objective=instance.weights.objective(terms) if solver is not None else None,
        terms=terms,
        weights=weights,
        # Every term counts something and no weight is negative, so no timetable costs less
        # than 0: a CP-SAT bound below that (a quick stage's, -600 on Lanxi) says nothing.
        best_bound=None if outcome.best_bound is None else max(0.0, outcome.best_bound),
        build_seconds=built.seconds,
        solve_seconds=outcome.seconds,
        settings=settings,
        interrupted=outcome.interrupted,
        solver_info=outcome.solver_info,
        model_size=built.size(),
        stages=tuple(outcome.stages),
        deterministic_time=outcome.deterministic_time,
    )
