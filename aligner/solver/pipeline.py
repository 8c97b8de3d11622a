"""The whole job of ``aligner solve``, as a library call: :func:`solve`.

In order, once each: the settings' CP-SAT parameters are checked; the bells of the movable
schools are moved when asked (:mod:`aligner.alignment.proposal`); the instance is split into
independent components (:mod:`aligner.solver.decompose`); each is checked for capacity
(:mod:`aligner.diagnose.capacity`) and solved (here, in worker processes or on Dask:
:mod:`aligner.solver.components`); the results are merged; and every instance or component
without a timetable that is infeasible gets its explanation (:mod:`aligner.diagnose.explain`).
The :class:`~aligner.solver.result.Result` carries all of it; the command line only prints,
writes and maps the status to an exit code.

An instance of one component, solved with ``jobs`` 1 and no Dask, is solved as one model
(``result.components`` is empty, ``result.stages`` lists the search's stages); otherwise in
components (``result.components`` lists each). Worker processes are forked on Linux and spawned
elsewhere, where they import the main module again: call this under
``if __name__ == "__main__":`` in a script when ``jobs`` > 1.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Protocol

from aligner.alignment.overlap import course_school_pairs
from aligner.alignment.proposal import (
    bell_changes,
    movable_schools,
    propose_bells,
    with_bells,
)
from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import Explanation, explain
from aligner.instance import Instance
from aligner.solver.components import ComponentOutcome, merge, run_components
from aligner.solver.decompose import components
from aligner.solver.result import NOT_SOLVED, ComponentFailure, Result, Status
from aligner.solver.search import Observer
from aligner.solver.settings import SolverSettings, check_parallelism, check_parameters
from aligner.solver.solve import solve_model

BELL_PROPOSAL_TIME = 20.0
"""At most this many seconds of CP-SAT per season for the bell proposals of ``align_bells``
(less when the time limit is lower)."""


class Progress(Protocol):
    """Follows the pipeline (the command line shows it on stderr)."""

    def components_started(self, count: int, settings: SolverSettings) -> None: ...

    def components_under_way(self) -> None: ...

    def component_done(self, outcome: ComponentOutcome, done: int, total: int) -> None: ...

    def components_ended(self) -> None: ...

    def explaining(self, seconds: float) -> None: ...


def solve(
    instance: Instance,
    settings: SolverSettings | None = None,
    *,
    align_bells: str | None = None,
    observer: Observer | None = None,
    progress: Progress | None = None,
) -> Result:
    """Solve the instance as ``aligner solve`` does (see the module's doc).

    ``align_bells`` names whose bells may move first (``receiving``, ``hub``, ``all`` or
    comma-separated school ids, as ``--movable``); ``observer`` follows the search of an
    instance solved as one model. Raises SolverParameterError for a parameter CP-SAT rejects,
    SolverSettingsError for settings that cannot run here, MovableError for an unknown school
    in ``align_bells``, and OSError when the Dask scheduler cannot be reached."""
    settings = settings or SolverSettings()
    check_parameters(settings)
    moved: dict = {}
    if align_bells is not None:
        pairs = course_school_pairs(instance)
        movable = movable_schools(instance, align_bells, pairs)
        proposals = tuple(propose_bells(instance, movable, pairs, replace(
            settings, time_limit=min(settings.time_limit, BELL_PROPOSAL_TIME))))
        instance = with_bells(instance, list(proposals))
        moved = {"proposals": proposals, "proposed_bells": instance.bells,
                 "bell_changes": bell_changes(proposals)}
    moved["bells_fingerprint"] = instance.bells_fingerprint
    parts = components(instance)
    if len(parts) == 1 and settings.jobs == 1 and not settings.dask:
        return replace(_solve_one(instance, settings, observer, progress), **moved)
    check_parallelism(settings)
    return replace(_solve_parts(instance, parts, settings, progress), **moved)


def _solve_one(instance: Instance, settings: SolverSettings, observer: Observer | None,
               progress: Progress | None) -> Result:
    findings = capacity_findings(instance)
    if findings:
        return Result(instance, Status.INFEASIBLE, None, None, {}, instance.weights.by_term(),
                      None, 0.0, 0.0, settings,
                      explanations=(Explanation(instance, findings=findings),))
    result = solve_model(instance, settings, observer)
    if result.status is not Status.INFEASIBLE:
        return result
    if progress is not None:
        progress.explaining(settings.explain_seconds)
    return replace(result, explanations=(explain(instance, (), settings),))


def _solve_parts(instance: Instance, parts: list[Instance], settings: SolverSettings,
                 progress: Progress | None) -> Result:
    started = time.perf_counter()
    if progress is not None:
        progress.components_started(len(parts), settings)
    try:
        outcomes, interrupted = run_components(
            parts, settings, progress.component_done if progress is not None else None,
            progress.components_under_way if progress is not None else None)
    finally:
        if progress is not None:
            progress.components_ended()
    result = merge(instance, outcomes, settings, time.perf_counter() - started, interrupted)
    failures = []
    for part, outcome in zip(parts, outcomes, strict=True):
        if outcome.found or outcome.status == NOT_SOLVED:
            continue
        explanation = None
        if outcome.status == Status.INFEASIBLE:
            # the component's own capacity findings, else the solver's conflict
            explanation = explain(part, outcome.findings, settings)
        failures.append(ComponentFailure(
            outcome.schools, tuple(part.school_name(s) for s in outcome.schools),
            outcome.status, explanation))
    return replace(result, failures=tuple(failures),
                   explanations=tuple(f.explanation for f in failures if f.explanation))
