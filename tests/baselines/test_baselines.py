"""Baselines: the greedy heuristic's weeks pass the checker (or it says what it could not place),
and HiGHS on the translated model reaches CP-SAT's optimum with a week that passes the checker."""

from __future__ import annotations

import random
from typing import Any

import pytest
from ortools.sat.python import cp_model

from aligner.baselines.greedy import GreedyResult, greedy
from aligner.baselines.mip import UnsupportedModel, highs_available, solve_highs, translate
from aligner.bench.run import _Values
from aligner.check import check_solution
from aligner.export import write_outputs
from aligner.generate import generate
from aligner.io import load_instance
from aligner.model import build_model
from aligner.solver.result import Result, Status
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model
from tests.builders import klass, pair, subject, sync_pair, teacher
from tests.solving import LANXI, ROOT, assert_valid

# Four periods: 10 minutes after period 1, 大课间 (30 minutes) after 2, 10 after 3.
FOUR_DOUBLE = ("08:00-08:40", "08:50-09:30", "10:00-10:40", "10:50-11:30")

needs_highs = pytest.mark.skipif(not highs_available(), reason="highspy not installed "
                                 "(pip install -e '.[baselines]')")


def _write_greedy(result: GreedyResult, out: Any) -> None:
    weights = result.instance.weights.by_term()
    write_outputs(Result(result.instance, Status.FEASIBLE, result.timetable, result.objective,
                         result.terms, weights, None, 0.0, result.seconds, SolverSettings()), out)


# ---- greedy -------------------------------------------------------------------------------------


@pytest.mark.parametrize("directory", [LANXI, ROOT / "data" / "lianyun-xugou"],
                         ids=["lanxi", "lianyun"])
def test_greedy_week_of_each_example_passes_the_checker(directory, tmp_path):
    instance = load_instance(directory)
    result = greedy(instance)
    assert result.complete and result.status == "FEASIBLE", result.problems
    _write_greedy(result, tmp_path)
    assert_valid(instance, tmp_path)  # also: summary.json's terms and objective are the week's
    report = check_solution(instance, tmp_path)
    assert report.objective == result.objective


def test_greedy_week_of_a_generated_pair_passes_the_checker(tmp_path):
    generate("pair", 2).write(tmp_path / "instance")
    instance = load_instance(tmp_path / "instance")
    result = greedy(instance)
    assert result.complete, result.problems
    _write_greedy(result, tmp_path / "out")
    assert_valid(instance, tmp_path / "out")


def test_greedy_places_double_lessons(tmp_path):
    # h1: 美术 2 lessons as one double, 数学 2 singles, in 4 periods of one day; only (1, 2) and
    # (3, 4) may carry a double (大课间 after period 2).
    directory = pair(tmp_path, hub_bells=FOUR_DOUBLE, receiving_bells=FOUR_DOUBLE,
                     classes=[klass("H", "h1")], teachers=[teacher("ta", "H"), teacher("tm", "H")],
                     curriculum=[subject("H", "h1", "美术", "ta", 2, doubles=1),
                                 subject("H", "h1", "数学", "tm", 2)])
    instance = load_instance(directory)
    result = greedy(instance)
    assert result.complete, result.problems
    art = sorted(x.period for x in result.timetable.lessons if x.subject == "美术")
    assert art in ([1, 2], [3, 4])
    assert {x.double_start for x in result.timetable.lessons if x.subject == "美术"} == {art[0]}
    _write_greedy(result, tmp_path / "out")
    assert_valid(instance, tmp_path / "out")


def test_greedy_keeps_lessons_in_their_allowed_periods(tmp_path):
    # 美术 may only take periods 3-4 (a double there); without the rule the greedy would start
    # at period 1, where it puts the first double it can.
    directory = pair(tmp_path, days=("Mon", "Tue"), hub_bells=FOUR_DOUBLE,
                     receiving_bells=FOUR_DOUBLE, classes=[klass("H", "h1")],
                     teachers=[teacher("ta", "H"), teacher("tm", "H")],
                     curriculum=[subject("H", "h1", "美术", "ta", 3, doubles=1,
                                         allowed="Mon:3-4;Tue:4"),
                                 subject("H", "h1", "数学", "tm", 5)])
    instance = load_instance(directory)
    result = greedy(instance)
    assert result.complete, result.problems
    assert {(x.day, x.period) for x in result.timetable.lessons if x.subject == "美术"} == {
        ("Mon", 3), ("Mon", 4), ("Tue", 4)}
    _write_greedy(result, tmp_path / "out")
    assert_valid(instance, tmp_path / "out")


def test_greedy_says_what_it_could_not_place(tmp_path):
    # Teacher t teaches 2 lessons to each of c1 and c2 in a 2-period day: 4 lessons, 2 periods.
    # (Capacity checks would refuse this before solving; the heuristic must not pretend.)
    directory = pair(tmp_path, classes=[klass("H", "c1"), klass("H", "c2")],
                     teachers=[teacher("t", "H")],
                     curriculum=[subject("H", "c1", "数学", "t", 2),
                                 subject("H", "c2", "数学", "t", 2)])
    result = greedy(load_instance(directory))
    assert not result.complete and result.status == "INCOMPLETE"
    assert result.objective is None
    assert any("could not be placed" in p and "teacher t" in p for p in result.problems)
    assert len(result.timetable.lessons) == 2  # what it did place is there, nothing more


def test_greedy_reports_a_missed_weekly_minimum(tmp_path):
    # One sync session a week is all the course may hold, but the pair minimum asks for 2.
    directory = sync_pair(tmp_path, per_week=1, policy={"min_sync_lessons_per_pair": 2})
    result = greedy(load_instance(directory))
    assert not result.complete
    assert any("pair H -> R" in p for p in result.problems)


# ---- the MIP translation ------------------------------------------------------------------------


def test_translation_refuses_what_it_does_not_translate():
    model = cp_model.CpModel()
    x = model.new_int_var(0, 5, "x")
    y = model.new_int_var(0, 5, "y")
    z = model.new_int_var(0, 25, "z")
    model.add_multiplication_equality(z, [x, y])
    with pytest.raises(UnsupportedModel, match="int_prod"):
        translate(model)
    holes = cp_model.CpModel()
    holes.new_int_var_from_domain(cp_model.Domain.from_values([0, 2, 4]), "h")
    with pytest.raises(UnsupportedModel, match="holes"):
        translate(holes)
    gaps = cp_model.CpModel()
    w = gaps.new_int_var(0, 5, "w")
    gaps.add_linear_expression_in_domain(w, cp_model.Domain.from_values([1, 3]))
    with pytest.raises(UnsupportedModel, match=r"constraint 0 \(linear\): a domain of several"):
        translate(gaps)
    enforced = cp_model.CpModel()
    t, u, v = (enforced.new_int_var(0, 5, name) for name in "tuv")
    enforced.add_max_equality(t, [u, v]).only_enforce_if(enforced.new_bool_var("e"))
    with pytest.raises(UnsupportedModel, match=r"constraint 0 \(lin_max\): an enforced"):
        translate(enforced)


def _random_model(rng: random.Random) -> tuple[cp_model.CpModel, list[cp_model.IntVar]]:
    """A small model with every translated kind, enforced and not, and a lin_max in and out of
    the objective."""
    model = cp_model.CpModel()
    b = [model.new_bool_var(f"b{i}") for i in range(8)]
    x = [model.new_int_var(-3, 6, f"x{i}") for i in range(3)]

    def lit() -> Any:
        v = rng.choice(b)
        return v if rng.random() < 0.6 else ~v

    for _ in range(3):
        terms = sum(rng.randint(-3, 3) * v for v in rng.sample(b + x, 4))
        lo = rng.randint(-6, 2)
        constraint = model.add_linear_constraint(terms, lo, lo + rng.randint(0, 8))
        if rng.random() < 0.5:
            constraint.only_enforce_if(lit())
    model.add_bool_or([lit() for _ in range(3)]).only_enforce_if(lit())
    model.add_bool_or([lit() for _ in range(3)])
    model.add_bool_and([lit(), lit()]).only_enforce_if(lit())
    model.add_at_most_one([lit() for _ in range(3)])
    model.add_exactly_one(b[:3]).only_enforce_if(lit())
    model.add_exactly_one(b[3:6])
    t = model.new_int_var(-10, 20, "t")  # epigraph: only in the objective, positive cost
    model.add_max_equality(t, [x[0] + b[6], 2 * x[1] - 1, 0])
    u = model.new_int_var(-10, 20, "u")  # exact: also in a constraint, negative cost
    model.add_max_equality(u, [x[2], b[7] - x[0]])
    model.add(u + x[1] <= 7)
    model.minimize(3 * t - 2 * u + sum(rng.randint(-4, 4) * v for v in b + x) + 5)
    return model, [*b, *x, t, u]


@pytest.mark.slow
@needs_highs
def test_highs_on_the_translation_reaches_cp_sat_optimum_on_random_models():
    rng = random.Random(6)
    compared = 0
    for _ in range(12):
        model, _ = _random_model(rng)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        status = solver.solve(model)
        for epigraph in (False, True):
            mip = translate(model, epigraph=epigraph)
            assert len(mip.epigraphs) == (1 if epigraph else 0)  # t is one; u must stay exact
            outcome = solve_highs(mip, time_limit=20)
            if status == cp_model.INFEASIBLE:
                assert outcome.status == "INFEASIBLE"
                continue
            assert status == cp_model.OPTIMAL
            assert outcome.status == "OPTIMAL"
            assert outcome.objective == pytest.approx(solver.objective_value)
            compared += 1
    assert compared >= 12  # most of the drawn models are feasible, so optima were compared


@needs_highs
@pytest.mark.slow
def test_highs_optimum_of_the_example_equals_cp_sat_and_passes_the_checker(tmp_path):
    instance = load_instance(LANXI)
    cp = solve_model(instance, SolverSettings(time_limit=60, workers=2, seed=0))
    assert cp.status == Status.OPTIMAL
    built = build_model(instance)
    outcome = solve_highs(translate(built.model), time_limit=120)
    assert outcome.status == "OPTIMAL"
    assert outcome.objective == cp.objective
    assert outcome.first_solution_seconds is not None and outcome.progress
    assert outcome.progress[-1][1] == cp.objective
    assert outcome.values is not None
    timetable = built.variables.timetable(_Values(outcome.values))
    from aligner.model.objective import evaluate

    terms = evaluate(instance, timetable)
    write_outputs(Result(instance, Status.OPTIMAL, timetable, cp.objective, terms, cp.weights,
                         cp.objective, 0.0, outcome.seconds, SolverSettings()), tmp_path)
    assert_valid(instance, tmp_path)
