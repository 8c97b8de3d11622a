"""Solver settings reach CP-SAT through one path: the search, the explanations and the bell
proposals all apply the same --param, over their own defaults."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

import aligner.solver.settings as settings_module
from aligner.alignment.proposal import propose_bells
from aligner.diagnose.explain import find_conflict
from aligner.io import load_instance
from aligner.solver.settings import (
    SINGLE_WORKER_DEFAULTS,
    SolverParameterError,
    SolverSettings,
    configure,
    effective_parameters,
)
from aligner.solver.solve import solve_model
from tests.builders import one_teacher_two_courses
from tests.solving import LANXI

PARAM = ("linearization_level", "2")


def _recorded(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    """Every set of extra parameters configure() applies from now on."""
    calls: list[dict[str, str]] = []
    real = settings_module.apply_parameters

    def record(parameters: object, params: dict[str, str]) -> None:
        calls.append(dict(params))
        real(parameters, params)

    monkeypatch.setattr(settings_module, "apply_parameters", record)
    return calls


def test_configure_applies_the_settings_over_the_defaults():
    solver = cp_model.CpSolver()
    chosen = SolverSettings(time_limit=7, workers=3, seed=5,
                            params=(("linearization_level", "0"),))
    configure(solver, chosen, defaults=(("linearization_level", "2"), ("cp_model_probing_level",
                                                                        "0")))
    p = solver.parameters
    assert (p.max_time_in_seconds, p.num_workers, p.random_seed) == (7, 3, 5)
    assert p.linearization_level == 0 and p.cp_model_probing_level == 0
    configure(solver, chosen, time_limit=2, workers=1)
    assert (p.max_time_in_seconds, p.num_workers) == (2, 1)
    with pytest.raises(SolverParameterError, match="--workers"):
        configure(solver, SolverSettings(params=(("num_workers", "4"),)))


def test_settings_for_the_first_timetable_alone():
    """As --first: the quick stage, no LP start, CP-SAT stopped at its first solution (a
    stop_after_first_solution given is replaced, other parameters and settings kept)."""
    chosen = SolverSettings(time_limit=7, workers=1, seed=3, params=(
        ("stop_after_first_solution", "false"), ("linearization_level", "0")))
    first = chosen.for_first_timetable()
    assert first.quick_start and not first.lp_start and first.first_only
    assert first.params == (("stop_after_first_solution", "true"), ("linearization_level", "0"))
    assert (first.time_limit, first.workers, first.seed) == (7, 1, 3)
    assert not chosen.first_only and chosen.lp_start  # (the settings are frozen: a copy)
    assert not chosen.for_first_timetable(quick_start=False).quick_start


def test_the_search_alone_adds_the_single_worker_defaults():
    assert effective_parameters(SolverSettings(workers=1)) == dict(SINGLE_WORKER_DEFAULTS)
    solver = cp_model.CpSolver()
    configure(solver, SolverSettings(workers=1), defaults=SINGLE_WORKER_DEFAULTS)
    p = solver.parameters
    assert p.interleave_search and p.num_violation_ls == 1 and "no_lp" in p.ignore_subsolvers
    configure(solver, SolverSettings(workers=1, params=(("num_violation_ls", "0"),)),
              defaults=SINGLE_WORKER_DEFAULTS)
    assert solver.parameters.num_violation_ls == 0  # a --param overrides a default
    assert effective_parameters(SolverSettings(workers=2, params=(PARAM,))) == dict([PARAM])


def test_a_param_reaches_the_search_the_explanation_and_the_bell_proposals(tmp_path,
                                                                            monkeypatch):
    calls = _recorded(monkeypatch)
    settings = SolverSettings(workers=1, time_limit=20, explain_time=20, params=(PARAM,))
    lanxi = load_instance(LANXI)
    solve_model(lanxi, settings)
    searched = len(calls)
    assert searched >= 1 and all(c[PARAM[0]] == PARAM[1] for c in calls)
    assert all("interleave_search" in c for c in calls)  # the search's own defaults

    propose_bells(lanxi, {"houren"}, None, settings)
    proposed = calls[searched:]
    assert proposed and all(c == dict([PARAM]) for c in proposed)  # no search defaults

    conflict = find_conflict(load_instance(one_teacher_two_courses(tmp_path)), settings)
    assert conflict is not None
    explained = calls[searched + len(proposed):]
    assert explained and all(c == dict([PARAM]) for c in explained)
