"""The LP relaxation from PDLP's centre, then GLOP's vertex on the LP its fixings narrow
(aligner.model.relaxation): the same bound as GLOP alone, fixings that every optimal timetable
keeps, GLOP's vertex sought first on PDLP's face, and the ways back when the vertex is missing,
the face holds no optimum or the vertex contradicts PDLP. The optimal
timetables come from CP-SAT alone (no LP) and pass the independent checker."""

from __future__ import annotations

from pathlib import Path

import pytest
from ortools.linear_solver import linear_solver_pb2

import aligner.model.relaxation as relaxation_module
from aligner.generate import generate
from aligner.io import load_instance
from aligner.model import build_model
from aligner.model.relaxation import GLOP, PDLP, Relaxation, lp_relaxation
from aligner.solver.result import Status
from tests.solving import LANXI, solve_checked, variable_values


@pytest.fixture(scope="module")
def pair_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate("pair", 3).write(tmp_path_factory.mktemp("pair") / "instance")


@pytest.fixture(scope="module")
def optimum(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            pair_directory: Path) -> tuple[Path, int, dict[int, int]]:
    """(instance, optimal objective, every CP-SAT variable's value in an optimal timetable)."""
    directory = {"lanxi": LANXI, "pair": pair_directory}[request.param]
    alone = solve_checked(directory, tmp_path_factory.mktemp("alone"), lp_start=False,
                          time_limit=60.0, workers=2)
    assert alone.status == Status.OPTIMAL and alone.timetable is not None
    built = build_model(load_instance(directory))
    return directory, int(alone.objective), variable_values(built, alone)


@pytest.fixture(autouse=True)
def centre_on_small_lps(monkeypatch: pytest.MonkeyPatch) -> None:
    """These instances are below CENTRE_MIN_COLUMNS: take the two-solver path all the same."""
    monkeypatch.setattr(relaxation_module, "CENTRE_MIN_COLUMNS", 0)


def _relaxation(directory: Path) -> Relaxation:
    found = lp_relaxation(build_model(load_instance(directory)), 30.0)
    assert found is not None
    return found


def _kept(relaxation: Relaxation, x: dict[int, int]) -> bool:
    return all(lo <= x[i] <= hi for i, lo, hi in relaxation.fixings)


@pytest.mark.parametrize("optimum", ["lanxi", "pair"], indirect=True)
def test_centre_then_vertex_agrees_with_glop_alone(optimum, monkeypatch):
    directory, objective, x = optimum
    both = _relaxation(directory)
    monkeypatch.setattr(relaxation_module, "CENTRE_FIRST", False)
    alone = _relaxation(directory)
    assert both.bound == alone.bound == objective
    assert both.value == pytest.approx(alone.value, abs=1e-6)  # a vertex of the same LP
    assert _kept(both, x) and _kept(alone, x)
    # PDLP's central duals leave fewer reduced costs at 0 than a vertex's (and the vertex's own
    # are added): as many fixings at least
    assert len(both.fixings) >= len(alone.fixings)
    assert len(both.ones) > 0


def _answering(monkeypatch: pytest.MonkeyPatch, change=None) -> list[tuple[int, int, float]]:
    """Record each LP solved: (solver, columns fixed in its request, objective of its answer),
    after ``change(turn, solver, response)``, if given, altered the answer."""
    real = relaxation_module._solve_lp
    seen: list[tuple[int, int, float]] = []

    def patched(request, time_limit, parameters=relaxation_module.GLOP_PARAMETERS, solver=GLOP):
        response = real(request, time_limit, parameters, solver)
        if change is not None:
            change(len(seen) + 1, solver, response)
        seen.append((solver, _fixed_columns(request), response.objective_value))
        return response

    monkeypatch.setattr(relaxation_module, "_solve_lp", patched)
    return seen


def _solvers(seen: list[tuple[int, int, float]]) -> list[int]:
    return [solver for solver, _, _ in seen]


@pytest.mark.slow
@pytest.mark.parametrize("optimum", ["lanxi"], indirect=True)
def test_without_a_vertex_in_time_pdlps_bound_and_fixings_stay(optimum, monkeypatch, tmp_path):
    directory, objective, x = optimum

    def out_of_time(turn, solver, response):
        if solver == GLOP:
            response.status = linear_solver_pb2.MPSOLVER_NOT_SOLVED

    asked = _answering(monkeypatch, out_of_time)
    relaxation = _relaxation(directory)
    assert _solvers(asked) == [PDLP, GLOP]
    assert relaxation.bound == objective and _kept(relaxation, x)
    assert relaxation.fixings
    # and the search still proves the optimum from PDLP's bound
    result = solve_checked(directory, tmp_path / "out", time_limit=60.0)
    assert result.status == Status.OPTIMAL and result.objective == objective


@pytest.mark.parametrize("optimum", ["lanxi"], indirect=True)
@pytest.mark.parametrize("scale", [0.0, 0.99])
def test_a_centre_bound_the_vertex_contradicts_gives_way_to_glop_alone(optimum, scale,
                                                                       monkeypatch):
    # PDLP's duals scaled down: still a valid bound, but below the optimum, and fixings made for
    # timetables at that low bound, which no timetable meets. The LP they narrow says so: it has
    # no solution (duals at 0) or its optimum is above that bound (duals at 0.99), and GLOP
    # alone gives the real bound.
    directory, objective, x = optimum

    def scaled_duals(turn, solver, response):
        if solver == PDLP:
            response.dual_value[:] = [scale * y for y in response.dual_value]

    asked = _answering(monkeypatch, scaled_duals)
    relaxation = _relaxation(directory)
    assert _solvers(asked) == [PDLP, GLOP, GLOP, GLOP]  # the face, the narrowed LP, the whole LP
    assert relaxation.bound == objective and _kept(relaxation, x)


def _fixed_columns(request: linear_solver_pb2.MPModelRequest) -> int:
    return sum(v.lower_bound == v.upper_bound for v in request.model.variable)


@pytest.mark.slow
@pytest.mark.parametrize("optimum", ["lanxi", "pair"], indirect=True)
def test_glop_finds_its_vertex_on_pdlps_face(optimum, monkeypatch, tmp_path):
    # GLOP's one LP after PDLP's is the face where PDLP's optimum has its columns at their
    # bounds: more columns fixed than the fixings alone fix, and its vertex an optimum of the LP
    directory, objective, x = optimum
    seen = _answering(monkeypatch)
    on_face = _relaxation(directory)
    face_at = relaxation_module.FACE_AT
    monkeypatch.setattr(relaxation_module, "FACE_AT", 0.0)
    narrowed = _relaxation(directory)
    monkeypatch.setattr(relaxation_module, "FACE_AT", face_at)
    (pdlp, _, _), (glop, face_fixed, face_value) = seen[:2]
    assert (pdlp, glop) == (PDLP, GLOP) and len(seen) == 4  # (then PDLP, GLOP without the face)
    assert face_fixed > seen[3][1] > 0  # the face fixes more than the fixings
    assert on_face.value == pytest.approx(narrowed.value, abs=1e-6) == face_value
    assert on_face.bound == narrowed.bound == objective and _kept(on_face, x)
    assert len(on_face.ones) > 0 and len(on_face.fixings) > 0
    result = solve_checked(directory, tmp_path / "out", time_limit=60.0)
    assert result.status == Status.OPTIMAL and result.objective == objective


@pytest.mark.parametrize("optimum", ["lanxi"], indirect=True)
def test_a_face_without_an_optimum_gives_way_to_the_narrowed_lp(optimum, monkeypatch):
    # at 0.6 every column is fixed at a bound near PDLP's value: no optimum of the LP there
    # (GLOP finds that face infeasible, or its optimum above), so the narrowed LP is solved
    directory, objective, x = optimum
    monkeypatch.setattr(relaxation_module, "FACE_AT", 0.6)
    seen = _answering(monkeypatch)
    relaxation = _relaxation(directory)
    assert _solvers(seen) == [PDLP, GLOP, GLOP]
    assert seen[1][1] > seen[2][1]  # the face fixed more columns than the narrowed LP
    assert relaxation.bound == objective and _kept(relaxation, x)


@pytest.mark.parametrize("optimum", ["lanxi"], indirect=True)
def test_small_lps_go_to_glop_alone(optimum, monkeypatch):
    directory, objective, x = optimum
    monkeypatch.setattr(relaxation_module, "CENTRE_MIN_COLUMNS", 10**9)
    asked = _answering(monkeypatch, lambda turn, solver, response: None)
    relaxation = _relaxation(directory)
    assert _solvers(asked) == [GLOP]
    assert relaxation.bound == objective and _kept(relaxation, x)


@pytest.mark.parametrize("optimum", ["lanxi", "pair"], indirect=True)
@pytest.mark.parametrize("centre", [True, False])
def test_fixings_at_a_higher_bound_are_made_again_from_the_same_duals(optimum, centre,
                                                                      monkeypatch):
    # The raise stage's fixings (aligner.solver.search): at the LP bound they are the
    # relaxation's own; below it none is possible (its duals rule every timetable out); at any
    # bound at or above the optimum an optimal timetable keeps them, since it meets that bound
    directory, objective, x = optimum
    monkeypatch.setattr(relaxation_module, "CENTRE_FIRST", centre)
    relaxation = _relaxation(directory)
    assert len(relaxation.duals) == (2 if centre else 1)
    assert relaxation.fixings_at(relaxation.bound) == relaxation.fixings
    assert relaxation.fixings_at(relaxation.bound - 1) is None
    counts = []
    for bound in range(objective, objective + 8):
        fixings = relaxation.fixings_at(bound)
        assert fixings is not None
        assert all(lo <= x[i] <= hi for i, lo, hi in fixings)
        counts.append(len(fixings))
    assert counts[0] > counts[-1] > 0  # more slack, fewer fixed, as far as these bounds go
