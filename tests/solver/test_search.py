"""The LP-guided start (aligner.model.relaxation, aligner.solver.search): a valid bound, the guided
stage, the full stage when the guided one falls short, and the safety net against a wrong bound.
Every timetable goes through the independent checker."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

import aligner.solver.search
import aligner.solver.settings
from aligner.cli import main
from aligner.cli.text import stages_text
from aligner.generate import generate
from aligner.io import load_instance
from aligner.model import build_model
from aligner.model.relaxation import Relaxation, lp_relaxation
from aligner.solver.search import Status
from tests.solving import (
    LANXI,
    ROOT,
    after_each_call,
    assert_valid,
    solve_checked,
    variable_values,
)

LIANYUN = ROOT / "data" / "lianyun-xugou"


@pytest.fixture(scope="module")
def pair_directory(tmp_path_factory):
    return generate("pair", 3).write(tmp_path_factory.mktemp("pair") / "instance")


@pytest.mark.slow
@pytest.mark.parametrize("which", ["lanxi", "lianyun", "pair"])
def test_lp_bound_is_valid_and_cp_sat_alone_agrees(which, pair_directory, tmp_path):
    directory = {"lanxi": LANXI, "lianyun": LIANYUN, "pair": pair_directory}[which]
    alone = solve_checked(directory, tmp_path / "alone", lp_start=False, time_limit=60.0)
    guided = solve_checked(directory, tmp_path / "guided", time_limit=60.0)
    assert alone.status == guided.status == Status.OPTIMAL
    assert alone.objective == guided.objective
    relaxation = lp_relaxation(build_model(load_instance(directory)), 30.0)
    assert relaxation is not None
    assert relaxation.bound - 1 < relaxation.value <= relaxation.bound + 1e-6
    # Every timetable's objective is an integer >= the LP optimum; on these instances the LP
    # relaxation is tight, which is what makes the guided stage pay.
    assert relaxation.value <= alone.objective + 1e-6
    assert relaxation.bound == alone.objective
    assert [s["stage"] for s in alone.stages] == ["full"]
    exact = relaxation.columns < aligner.solver.search.EXACT_MAX_COLUMNS  # (Lianyun's is not)
    assert [s["stage"] for s in guided.stages][:2] == ["lp", "guided" if exact else "guided-above"]


def test_guided_stage_meeting_the_bound_ends_the_search_proven(tmp_path):
    result = solve_checked(LANXI, tmp_path / "out")
    lp, guided = result.stages[0], result.stages[1]
    assert lp["status"] == "OPTIMAL" and lp["bound"] == result.objective
    assert lp["whole_share"] >= aligner.solver.search.GUIDED_MIN_WHOLE
    assert guided["met_bound"] is True and len(result.stages) == 2
    assert result.status == Status.OPTIMAL and result.best_bound == result.objective


@pytest.mark.slow
def test_safe_dual_bound_and_fixings_hold_for_any_duals(tmp_path):
    # Weak duality: whatever the row duals, the bound is <= the LP optimum, and every timetable
    # meeting a bound B keeps inside the reduced-cost fixings for slack B - (safe bound): checked
    # on CP-SAT's own optimal timetable (found without the LP, passed by the checker) with GLOP's
    # duals and with random ones, where a sign slip in either formula would show at once.
    from aligner.model.linear import translate
    from aligner.model.relaxation import _fixings, _request, _safe_dual_bound, _solve_lp

    alone = solve_checked(LANXI, tmp_path / "out", workers=2, lp_start=False, time_limit=60.0)
    assert alone.status == Status.OPTIMAL and alone.timetable is not None
    built = build_model(load_instance(LANXI))
    x = variable_values(built, alone)
    assert len(x) == len(built.model.proto.variables)
    mip = translate(built.model, epigraph=True)
    sparse = mip.sparse_rows()
    relaxation = lp_relaxation(built, 30.0)
    assert relaxation is not None and relaxation.bound == alone.objective
    assert len(relaxation.fixings) > len(x) // 10
    assert all(lo <= x[i] <= hi for i, lo, hi in relaxation.fixings)
    rng = np.random.default_rng(1)
    glop = np.array(_solve_lp(_request(mip, sparse), 30.0).dual_value)
    low, high = np.array(mip.col_lower), np.array(mip.col_upper)
    fixed = []
    for duals in (*(rng.uniform(-scale, scale, len(glop)) for scale in (0.01, 0.1, 1.0, 10.0)),
                  *(glop + rng.uniform(-scale, scale, len(glop)) for scale in (1e-3, 1e-2))):
        bound, reduced = _safe_dual_bound(mip, sparse, duals)
        assert bound is None or bound <= relaxation.value + 1e-6
        if bound is not None:
            new_low, new_high = _fixings(mip, low, high, reduced, alone.objective - bound)
            fixings = np.flatnonzero((new_low != low) | (new_high != high))
            fixed.append(len(fixings))
            assert all(new_low[i] <= x[i] <= new_high[i] for i in fixings if i < len(x))
    assert max(fixed) > 0
    assert _safe_dual_bound(mip, sparse, np.zeros(len(mip.rows)))[0] == pytest.approx(
        mip.offset + sum(min(c * mip.col_lower[j], c * mip.col_upper[j])
                         for j, c in enumerate(mip.cost) if c))


def _with_relaxation(monkeypatch, change):
    real = aligner.solver.search.lp_relaxation

    def patched(built, time_limit):
        relaxation = real(built, time_limit)
        assert relaxation is not None
        return change(built, relaxation)

    monkeypatch.setattr(aligner.solver.search, "lp_relaxation", patched)


@pytest.mark.slow
@pytest.mark.parametrize("with_fixings", [True, False])
def test_after_an_infeasible_guided_stage_the_fixings_then_the_full_model(
        with_fixings, monkeypatch, tmp_path):
    # Fixing every local lesson at once puts several lessons in one period: no timetable. The
    # fixings alone are searched next (when the LP gave any), else the full model.
    _with_relaxation(monkeypatch, lambda built, r: Relaxation(
        r.value, r.bound, tuple(v.index for v in built.variables.local.values()),
        r.fixings if with_fixings else (), r.seconds))
    result = solve_checked(LANXI, tmp_path / "out")
    after = "fixings" if with_fixings else "full"
    assert [s["stage"] for s in result.stages] == ["lp", "guided", after]
    assert result.stages[1]["status"] == "INFEASIBLE"
    assert result.status == Status.OPTIMAL and result.objective == 65 == result.best_bound


@pytest.mark.slow
def test_full_stage_proves_what_a_weak_bound_leaves_open(monkeypatch, tmp_path):
    _with_relaxation(monkeypatch, lambda built, r: Relaxation(0.0, 0, r.ones, (), r.seconds))
    result = solve_checked(LANXI, tmp_path / "out")
    assert [s["stage"] for s in result.stages] == ["lp", "guided", "full"]
    assert result.status == Status.OPTIMAL and result.objective == 65
    assert result.best_bound == 65


def test_guided_above_stage_takes_over_when_the_exact_one_runs_out(monkeypatch, tmp_path):
    # The exact guided stage (objective held at the bound) has a deterministic budget; when it
    # runs out without a timetable, the same placements are searched with the objective free
    # above the bound, where CP-SAT's neighbourhood searches can start from any timetable.
    monkeypatch.setattr(aligner.solver.search, "EXACT_PARAMETERS",
                        (("max_deterministic_time", "0"),))
    result = solve_checked(LANXI, tmp_path / "out")
    assert [(s["stage"], s["status"]) for s in result.stages[1:2]] == [("guided", "UNKNOWN")]
    assert [s["stage"] for s in result.stages[2:]] == ["guided-above"]
    assert result.stages[2]["met_bound"] is True
    assert result.status == Status.OPTIMAL and result.objective == 65 == result.best_bound


def test_large_lps_go_straight_to_the_guided_above_stage(monkeypatch, tmp_path):
    # On LPs of EXACT_MAX_COLUMNS columns or more the exact guided stage is left out: the
    # guided-above stage's neighbourhood searches find the timetable at the bound sooner there.
    # Lanxi's LP is below the threshold (its search keeps the exact stage, as the test above
    # shows); with the threshold at its size it is a large LP.
    columns = lp_relaxation(build_model(load_instance(LANXI)), 30.0).columns
    assert 0 < columns < aligner.solver.search.EXACT_MAX_COLUMNS
    monkeypatch.setattr(aligner.solver.search, "EXACT_MAX_COLUMNS", columns)
    result = solve_checked(LANXI, tmp_path / "out")
    assert [s["stage"] for s in result.stages] == ["lp", "guided-above"]
    assert result.stages[1]["met_bound"] is True
    assert result.status == Status.OPTIMAL and result.objective == 65 == result.best_bound


def test_rounded_placements_are_the_rest_of_the_lp_optimum():
    # every placement neither whole in the LP optimum nor fixed (by the fixings or the model)
    built = build_model(load_instance(LANXI))
    relaxation = lp_relaxation(built, 30.0)
    placements = {var.index for var in built.variables.placements()}
    fixed = {i for i, lo, hi in relaxation.fixings if lo == hi and i in placements} | {
        i for i in placements if built.model.proto.variables[i].domain[0]
        == built.model.proto.variables[i].domain[1]}
    rounded = dict(relaxation.rounded)
    assert set(rounded) | set(relaxation.ones) | fixed == placements
    assert not set(rounded) & (set(relaxation.ones) | fixed)
    assert fixed - set(relaxation.ones)  # (the fixings hold some placements at 0 here)
    assert set(rounded.values()) == {0, 1}  # (some placements lean to 1 without being whole)


@pytest.mark.parametrize("hinted", [True, False])
def test_guided_above_stage_starts_from_the_rounded_lp_optimum(hinted, monkeypatch, tmp_path):
    # The guided-above stage's model is hinted with the LP optimum's other placements rounded,
    # where the guided model leaves them free; the exact stage's model is not.
    monkeypatch.setattr(aligner.solver.search, "ROUNDED_HINT", hinted)
    monkeypatch.setattr(aligner.solver.search, "EXACT_PARAMETERS",
                        (("max_deterministic_time", "0"),))
    hints = {}
    real_stage = aligner.solver.search._stage

    def recording(name, model, *args, **kwargs):
        hints[name] = dict(zip(model.proto.solution_hint.vars,
                               model.proto.solution_hint.values, strict=True))
        return real_stage(name, model, *args, **kwargs)

    monkeypatch.setattr(aligner.solver.search, "_stage", recording)
    result = solve_checked(LANXI, tmp_path / "out")
    assert [s["stage"] for s in result.stages] == ["lp", "guided", "guided-above"]
    assert result.status == Status.OPTIMAL and result.objective == 65 == result.best_bound
    assert hints["guided"] == {}
    if not hinted:
        assert hints["guided-above"] == {}
        return
    built = build_model(load_instance(LANXI))
    relaxation = lp_relaxation(built, 30.0)
    expected = dict(relaxation.rounded)
    assert hints["guided-above"] == expected and len(expected) > 100


def test_fixings_stage_takes_over_when_the_whole_placements_lead_nowhere(monkeypatch, tmp_path):
    # Neither guided stage finds a timetable (budgets of 0 here; on city g000 the whole
    # placements could not be completed at all): the reduced-cost fixings alone, which every
    # timetable meeting the bound keeps, are searched before the full model.
    monkeypatch.setattr(aligner.solver.search, "EXACT_PARAMETERS",
                        (("max_deterministic_time", "0"),))
    monkeypatch.setattr(aligner.solver.search, "ABOVE_PARAMETERS",
                        (("max_deterministic_time", "0"),))
    result = solve_checked(LANXI, tmp_path / "out")
    assert [(s["stage"], s["status"]) for s in result.stages[1:3]] == [
        ("guided", "UNKNOWN"), ("guided-above", "UNKNOWN")]
    assert [s["stage"] for s in result.stages[3:]] == ["fixings"]
    assert result.stages[3]["met_bound"] is True
    assert result.status == Status.OPTIMAL and result.objective == 65 == result.best_bound


def _placements_of_a_worse_timetable(built, r):
    """The relaxation with its whole placements replaced by those of a timetable above the
    bound (the model's first timetable with objective > bound), and only the fixings that
    timetable keeps (fewer fixings are still fixings)."""
    from ortools.sat.python import cp_model

    model = built.model.clone()
    model.add(built.objective >= r.bound + 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.stop_after_first_solution = True
    assert solver.solve(model) in (cp_model.FEASIBLE, cp_model.OPTIMAL)
    placements = built.variables.placements()
    values = solver.response_proto.solution
    kept = tuple(f for f in r.fixings if f[1] <= values[f[0]] <= f[2])
    assert kept and len(kept) < len(r.fixings)
    return Relaxation(r.value, r.bound,
                      tuple(x.index for x in placements if solver.value(x) == 1), kept,
                      r.seconds)


def _guided_above_ends_above_the_bound(monkeypatch) -> None:
    """No exact stage, and whole placements of a worse timetable: the guided-above stage can
    only end above the bound."""
    monkeypatch.setattr(aligner.solver.search, "EXACT_PARAMETERS",
                        (("max_deterministic_time", "0"),))
    _with_relaxation(monkeypatch, _placements_of_a_worse_timetable)


@pytest.mark.slow
def test_fixings_stage_follows_a_guided_above_stage_that_ends_above_the_bound(monkeypatch,
                                                                             tmp_path):
    # The whole placements are those of a worse timetable, so the guided-above stage can only
    # end above the bound (as on FET's EEBLJ-Diurno with two workers: 510 or 520 against 500).
    # The fixings alone are searched next, from that timetable, and find the optimum.
    _guided_above_ends_above_the_bound(monkeypatch)
    result = solve_checked(LANXI, tmp_path / "out")
    stages = {s["stage"]: s for s in result.stages}
    assert [s["stage"] for s in result.stages] == ["lp", "guided", "guided-above", "fixings"]
    assert stages["guided-above"]["met_bound"] is False
    assert stages["guided-above"]["objective"] > 65
    assert stages["fixings"]["met_bound"] is True
    assert result.status == Status.OPTIMAL and result.objective == 65 == result.best_bound


@pytest.mark.slow
def test_guided_stage_is_skipped_when_few_placements_are_whole(monkeypatch, tmp_path):
    # A very fractional LP optimum: fixing its few whole placements only gets in CP-SAT's way.
    _with_relaxation(monkeypatch, lambda built, r: Relaxation(
        r.value, r.bound, r.ones[:len(r.ones) // 10], r.fixings, r.seconds))
    result = solve_checked(LANXI, tmp_path / "out")
    assert [s["stage"] for s in result.stages] == ["lp", "full"]
    assert result.stages[0]["whole_share"] < aligner.solver.search.GUIDED_MIN_WHOLE
    assert result.stages[1]["met_bound"] is True
    assert result.status == Status.OPTIMAL and result.objective == 65 == result.best_bound


@pytest.mark.slow
def test_a_wrong_bound_never_declares_a_feasible_instance_infeasible(monkeypatch, tmp_path):
    # The bound is safe by construction (safe dual bound); should it ever be wrong, a model that
    # is infeasible with it is solved again without it.
    _with_relaxation(monkeypatch, lambda built, r: Relaxation(1e9, 10**9, r.ones, (), r.seconds))
    result = solve_checked(LANXI, tmp_path / "out")
    assert [s["status"] for s in result.stages[1:]] == ["INFEASIBLE", "INFEASIBLE", "OPTIMAL"]
    assert result.status == Status.OPTIMAL and result.objective == 65


@pytest.mark.slow
def test_no_lp_start_is_recorded_in_the_summary(tmp_path):
    for flag, stages in (("--lp-start", ["lp", "guided"]), ("--no-lp-start", ["full"])):
        out = tmp_path / flag
        run = CliRunner().invoke(main, ["solve", str(LANXI), "--out", str(out), "--no-grids",
                                        "--workers", "1", flag])
        assert run.exit_code == 0, run.output
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert summary["lp_start"] is (flag == "--lp-start")
        assert [s["stage"] for s in summary.get("stages", [])] == stages
        assert ("Search: LP bound 65" if flag == "--lp-start" else "Search: full: OPTIMAL 65") \
            in run.output


@pytest.mark.slow
def test_the_raise_stage_lifts_a_bound_below_the_optimum_to_it(tmp_path):
    # The hard library's pair-1-co-teachers (benchmarks/bench_hard.py): the LP bound 72 is
    # below the optimum 75 (which CP-SAT alone proves in 30-60 s). The fixings stage proves 72
    # out of reach; the objective held at 73, then 74, with the fixings made for each, has no
    # timetable; held at 75 it has one, which is so proven optimal, without the full stage.
    generated = generate("pair", 1, office_rules=True)
    directory = generated.with_min_load_at_witness(generated.co_teachers()).write(
        tmp_path / "instance")
    result = solve_checked(directory, tmp_path / "out", time_limit=60.0)
    stages = result.stages
    assert stages[0]["stage"] == "lp" and stages[0]["bound"] == 72
    fixings = next(s for s in stages if s["stage"] == "fixings")
    assert fixings["status"] == "INFEASIBLE"
    raised = [(s["bound"], s["status"], s["met_bound"]) for s in stages if s["stage"] == "raise"]
    assert raised == [(73, "INFEASIBLE", False), (74, "INFEASIBLE", False), (75, "OPTIMAL", True)]
    # no stage before the raise stage found a timetable: the jump gives one first
    names = [s["stage"] for s in stages]
    jump = stages[names.index("fixings") + 1]
    assert (jump["stage"], jump["status"]) == ("quick-jump", "FEASIBLE") and jump["objective"] > 75
    assert stages[-1]["stage"] == "raise" and "full" not in [s["stage"] for s in stages]
    assert result.status == Status.OPTIMAL
    assert result.objective == result.best_bound == 75
    assert "raise 73: INFEASIBLE" in stages_text(tuple(stages))


@pytest.fixture(scope="module")
def lanxi_lp():
    """Lanxi's built model and LP relaxation, for the raise stage's loop."""
    built = build_model(load_instance(LANXI))
    relaxation = lp_relaxation(built, 30.0)
    assert relaxation is not None
    return built, relaxation


def _raise(lanxi_lp, full, seconds_left: float, ceiling: float | None = None):
    """The raise stage on Lanxi: (bound, search's end, deterministic seconds, stages)."""
    from aligner.solver.search import _raise_bound

    built, relaxation = lanxi_lp
    stages: list[dict] = []
    return (*_raise_bound(built, full, relaxation,
                          aligner.solver.settings.SolverSettings(workers=1),
                          lambda: seconds_left, None, stages, 0.0, 0.0, ceiling), stages)


def test_the_raise_stage_leaves_the_full_stage_half_the_time_left(lanxi_lp):
    # With no time left the raise stage runs nothing: the bound it returns is the LP's + 1 (the
    # fixings stage, which calls it, proved the LP's out of reach), and the search goes on
    built, relaxation = lanxi_lp
    assert _raise(lanxi_lp, built.model, 0.0) == (relaxation.bound + 1, None, 0.0, [])


@pytest.mark.slow
def test_a_raised_bound_that_meets_a_timetable_found_before_proves_it_optimal(monkeypatch,
                                                                            tmp_path):
    # The guided-above stage ends above the bound (as in the fixings stage's test above); say
    # the fixings stage then proves the bound out of reach, and the raise stage every value
    # below that timetable's objective U (its own loop is tested below): the search ends with
    # that timetable, proven optimal at U, without the full stage.
    _guided_above_ends_above_the_bound(monkeypatch)
    real_stage = aligner.solver.search._stage

    def fixings_refute(name, *args, **kwargs):
        solver, status, interrupted, reached = real_stage(name, *args, **kwargs)
        return (solver, Status.INFEASIBLE, False, False) if name == "fixings" else (
            solver, status, interrupted, reached)

    ceilings = []

    def raised_to_the_ceiling(*args):
        ceilings.append(args[-1])
        return int(args[-1]), None, 0.0

    monkeypatch.setattr(aligner.solver.search, "_stage", fixings_refute)
    monkeypatch.setattr(aligner.solver.search, "_raise_bound", raised_to_the_ceiling)
    result = solve_checked(LANXI, tmp_path / "out")
    above = next(s for s in result.stages if s["stage"] == "guided-above")
    assert ceilings == [above["objective"]] and above["objective"] > 65
    assert [s["stage"] for s in result.stages][-1] == "fixings"
    assert result.status == Status.OPTIMAL
    assert result.objective == result.best_bound == above["objective"]


@pytest.mark.parametrize("ceiling", [None, 3])
def test_the_raise_stage_stops_at_its_run_limit_and_at_a_timetable_found(ceiling, lanxi_lp):
    # A model with no timetable above its LP bound (held at most at it here): every run of the
    # raise stage proves its value out of reach, and the stage stops after RAISE_MAX_RUNS runs
    # (the full stage then says what is infeasible), or where a timetable found before is
    # (``ceiling``: every value below it out of reach makes that timetable optimal)
    from aligner.solver.search import RAISE_MAX_RUNS

    built, relaxation = lanxi_lp
    nothing_above = built.model.clone()
    nothing_above.add(built.objective <= relaxation.bound)
    top = None if ceiling is None else relaxation.bound + ceiling
    floor, ended, _, stages = _raise(lanxi_lp, nothing_above, 60.0, top)
    runs = RAISE_MAX_RUNS if ceiling is None else ceiling - 1
    assert ended is None and floor == relaxation.bound + 1 + runs
    assert [(s["stage"], s["status"], s["bound"]) for s in stages] == [
        ("raise", "INFEASIBLE", relaxation.bound + 1 + k) for k in range(runs)]


def test_first_solution_only_ends_at_the_guided_stage(tmp_path):
    result = solve_checked(LANXI, tmp_path / "out",
                           params=(("stop_after_first_solution", "true"),))
    # The guided stage holds the objective at the LP bound: its first timetable is optimal.
    assert [s["stage"] for s in result.stages] == ["lp", "guided"]
    assert result.status == Status.OPTIMAL and result.objective == result.best_bound == 65


def test_a_first_timetable_never_reports_a_bound_below_zero(tmp_path):
    # CP-SAT's bound after the quick stage's first timetable alone is far below zero on Lanxi
    # (-600); no timetable costs less than 0, so the result says 0 and the gap is at most 100%.
    result = solve_checked(LANXI, tmp_path / "out", quick_start=True,
                           params=(("stop_after_first_solution", "true"),))
    assert [s["stage"] for s in result.stages] == ["quick-jump"]
    assert result.status == Status.FEASIBLE and result.objective > 65
    assert result.best_bound == 0.0 and result.gap == 1.0


def test_quick_start_finds_a_timetable_first_and_the_search_goes_on_from_it(tmp_path):
    """--quick-start: a quick stage (CP-SAT's local searches without presolve, then its fixed
    search, then its local searches after presolve, stopped at the first timetable) before the
    LP; the search still proves the same optimum; the CLI flag reaches summary.json."""
    result = solve_checked(LANXI, tmp_path / "out", quick_start=True)
    stages = [s["stage"] for s in result.stages]
    # Lanxi's first timetable comes from the feasibility jump, before any presolve
    assert stages[:2] == ["quick-jump", "lp"] and result.stages[0]["status"] == "FEASIBLE"
    assert result.status == Status.OPTIMAL and result.objective == 65
    run = CliRunner().invoke(main, ["solve", str(LANXI), "--out", str(tmp_path / "cli"),
                                    "--no-grids", "--workers", "1", "--quick-start"])
    assert run.exit_code == 0, run.output
    summary = json.loads((tmp_path / "cli" / "summary.json").read_text(encoding="utf-8"))
    assert summary["quick_start"] is True and summary["stages"][0]["stage"] == "quick-jump"


def test_the_first_timetable_alone_ends_at_the_quick_stage(tmp_path, monkeypatch):
    """--first (quick start, no LP, stop at the first solution): the quick stage's timetable is
    all that was asked for, so no later stage runs; it is a valid week (solve_checked) and no
    better than the optimum. The flag sets all three settings in summary.json. The jump is
    CP-SAT's local searches alone, without presolve or its search for symmetries, their
    feasibility jumps keeping the weights they give the rules broken."""
    parameters = _record_parameters(monkeypatch)
    first = solve_checked(LANXI, tmp_path / "first", quick_start=True, lp_start=False,
                          params=(("stop_after_first_solution", "true"),))
    assert [s["stage"] for s in first.stages] == ["quick-jump"]
    assert first.status == Status.FEASIBLE and first.objective > 65
    (jump,) = parameters
    assert jump.use_ls_only and not jump.cp_model_presolve and jump.symmetry_level == 0
    assert jump.max_deterministic_time == aligner.solver.search.JUMP_BUDGET
    assert jump.feasibility_jump_decay == 1.0  # the jumps keep their weights (CP-SAT: 0.95)
    run = CliRunner().invoke(main, ["solve", str(LANXI), "--out", str(tmp_path / "cli"),
                                    "--no-grids", "--workers", "1", "--first"])
    assert run.exit_code == 0, run.output
    summary = json.loads((tmp_path / "cli" / "summary.json").read_text(encoding="utf-8"))
    assert summary["quick_start"] is True and summary["lp_start"] is False
    assert summary["parameters"]["stop_after_first_solution"] == "true"
    assert [s["stage"] for s in summary["stages"]] == ["quick-jump"]
    assert_valid(load_instance(LANXI), tmp_path / "cli")


@pytest.mark.slow
def test_the_quick_stage_falls_back_to_the_local_searches_when_the_jump_finds_nothing(
        tmp_path, monkeypatch):
    """A jump that finds nothing (here: given no time): CP-SAT's local searches after presolve
    (``quick-ls``) follow and find the first timetable, which ends a --first search; it is a
    valid week (solve_checked). Their presolve is the light one (one pass, no symmetries;
    probing kept), the jump's none (its own parameters, recorded as they reached CP-SAT); they
    get the quick stage's share of the time limit."""
    monkeypatch.setattr(aligner.solver.search, "JUMP_PARAMETERS", _NO_JUMP)
    parameters = _record_parameters(monkeypatch)
    result = solve_checked(LANXI, tmp_path / "out", quick_start=True, lp_start=False,
                           params=(("stop_after_first_solution", "true"),))
    assert [s["stage"] for s in result.stages] == ["quick-jump", "quick-ls"]
    assert [s["status"] for s in result.stages] == ["UNKNOWN", "FEASIBLE"]
    assert result.status == Status.FEASIBLE and result.objective >= 65
    jump, local = parameters
    assert jump.use_ls_only and not jump.cp_model_presolve and jump.symmetry_level == 0
    assert local.use_ls_only and local.cp_model_presolve
    assert local.max_presolve_iterations == 1 and local.symmetry_level == 0
    assert local.feasibility_jump_decay == 1.0
    assert local.max_time_in_seconds <= 30 * aligner.solver.search.QUICK_SHARE  # its own 3 s
    assert local.cp_model_probing_level > 0


@pytest.mark.slow
def test_the_fixed_search_follows_when_the_local_searches_find_nothing(tmp_path, monkeypatch):
    """Neither the jump nor the local searches find a timetable (the latter given no time):
    the presolved fixed search (``quick``) follows within its own budget, then the later
    stages as before; a timetable is still found and valid (solve_checked)."""
    monkeypatch.setattr(aligner.solver.search, "JUMP_PARAMETERS", _NO_JUMP)
    monkeypatch.setattr(aligner.solver.search, "QUICK_PARAMETERS", (
        *aligner.solver.search.QUICK_PARAMETERS, ("max_deterministic_time", "0")))
    parameters = _record_parameters(monkeypatch)
    result = solve_checked(LANXI, tmp_path / "out", quick_start=True, lp_start=False,
                           params=(("stop_after_first_solution", "true"),))
    assert [s["stage"] for s in result.stages][:3] == ["quick-jump", "quick-ls", "quick"]
    assert [s["status"] for s in result.stages][:2] == ["UNKNOWN", "UNKNOWN"]
    assert result.found
    fixed = parameters[2]  # the fixed search keeps CP-SAT's whole presolve
    assert fixed.max_presolve_iterations > 1 and fixed.symmetry_level > 0
    assert fixed.max_time_in_seconds <= 30 * aligner.solver.search.QUICK_SHARE  # its own 3 s


@pytest.mark.slow
def test_a_quick_start_tries_the_fixed_search_before_the_local_searches(tmp_path, monkeypatch):
    """--quick-start without --first: the fixed search (whose first timetable CP-SAT may prove
    optimal) before the local searches; it finds Lanxi's, the search goes on to the optimum."""
    monkeypatch.setattr(aligner.solver.search, "JUMP_PARAMETERS", _NO_JUMP)
    result = solve_checked(LANXI, tmp_path / "out", quick_start=True)
    stages = [s["stage"] for s in result.stages]
    assert stages[:3] == ["quick-jump", "quick", "lp"] and "quick-ls" not in stages
    assert result.stages[1]["status"] == "FEASIBLE"
    assert result.status == Status.OPTIMAL and result.objective == 65


def _record_parameters(monkeypatch) -> list:
    """The CP-SAT parameters of each stage's solver, in the order the stages ran."""
    recorded: list = []
    after_each_call(monkeypatch, aligner.solver.search, "configure",
                    lambda solver, *_, **__: recorded.append(solver.parameters))
    return recorded


_NO_JUMP = (*aligner.solver.search.JUMP_PARAMETERS, ("max_deterministic_time", "0"))
"""The quick stage's jump as it runs (the local searches alone, no presolve), given no time: it
finds nothing, so the attempts after it run."""


def test_a_quick_timetable_cp_sat_proves_optimal_ends_the_search(tmp_path):
    """A week whose every objective term can be 0: the quick stage's first timetable has
    objective 0, which CP-SAT itself proves optimal, so no LP or later stage runs."""
    from tests.builders import klass, pair, teacher
    from tests.builders import subject as row

    directory = pair(tmp_path / "inst", days=("Mon", "Tue"), classes=[klass("H", "h1")],
                     teachers=[teacher("ta", "H")], curriculum=[row("H", "h1", "美术", "ta", 2)],
                     weights={"same_day_repeat": 0})
    result = solve_checked(directory, tmp_path / "out", quick_start=True)
    assert [s["stage"] for s in result.stages] == ["quick-jump"]
    assert result.status == Status.OPTIMAL and result.objective == result.best_bound == 0


@pytest.mark.slow
def test_the_guided_above_stage_gives_up_when_it_finds_no_timetable_at_all(tmp_path):
    """The hard library's pair-1-co-teachers: the LP's whole placements allow no timetable, which
    the guided-above stage's neighbourhood searches cannot prove; it stops after ABOVE_GIVE_UP
    seconds without one (it searched about 7 s before), and the fixings stage follows; then,
    before the raise stage, the quick stage's jump, whose first timetable is what was asked for
    (the raise stage would find the optimum, see the next test)."""
    generated = generate("pair", 1, office_rules=True)
    directory = generated.with_min_load_at_witness(generated.co_teachers()).write(
        tmp_path / "instance")
    result = solve_checked(directory, tmp_path / "out",
                           params=(("stop_after_first_solution", "true"),))
    above = next(s for s in result.stages if s["stage"] == "guided-above")
    assert above["status"] == "UNKNOWN" and above["objective"] is None
    assert above["seconds"] < aligner.solver.search.ABOVE_GIVE_UP + 1.5
    names = [s["stage"] for s in result.stages]
    assert names[names.index("guided-above") + 1:] == ["fixings", "quick-jump"]
    assert result.status == Status.FEASIBLE and result.objective > 75 and result.best_bound == 73


class _StubSolver:
    stopped = False

    def stop_search(self) -> None:
        self.stopped = True


@pytest.mark.parametrize("found", [False, True])
def test_giving_up_stops_only_a_search_that_found_nothing(found):
    watch = aligner.solver.search._Watch(None, None, global_bound=False)
    watch.found = found
    solver = _StubSolver()
    aligner.solver.search._give_up_unless_found(solver, watch)  # type: ignore[arg-type]
    assert solver.stopped is not found
