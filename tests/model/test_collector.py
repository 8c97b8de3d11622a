"""The garbage collector's thresholds while models are built and searched (aligner.model.collector)."""

from __future__ import annotations

import gc

import pytest

import aligner.model.build as build
import aligner.solver.solve as solve
from aligner.io import load_instance
from aligner.model.collector import YOUNGEST_THRESHOLD, fewer_collections
from tests.solving import LANXI, after_each_call, solve_checked


@pytest.fixture
def default_thresholds():
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_the_block_collects_less_often_and_puts_the_thresholds_back(default_thresholds):
    with fewer_collections():
        assert gc.get_threshold() == (YOUNGEST_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_blocks_put_them_back_at_the_outermost_only(default_thresholds):
    with fewer_collections():
        with fewer_collections():
            pass
        assert gc.get_threshold()[0] == YOUNGEST_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)


def test_an_error_in_the_block_puts_them_back(default_thresholds):
    with pytest.raises(KeyError), fewer_collections():
        raise KeyError("x")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_or_collection_turned_off_is_kept(default_thresholds):
    gc.set_threshold(10 * YOUNGEST_THRESHOLD, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == 10 * YOUNGEST_THRESHOLD
    gc.set_threshold(0, 10, 10)  # (automatic collection off)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == (0, 10, 10)


def _record_thresholds(monkeypatch, module, name: str, seen: list[tuple[str, int]]) -> None:
    """Note the youngest threshold in ``seen`` each time ``module.name`` has run (the block is
    still open when it returns)."""
    after_each_call(monkeypatch, module, name,
                    lambda *_, **__: seen.append((name, gc.get_threshold()[0])))


def test_models_are_built_and_searched_in_the_block(default_thresholds, monkeypatch, tmp_path):
    seen: list[tuple[str, int]] = []
    _record_thresholds(monkeypatch, build, "make_variables", seen)  # inside build_model
    _record_thresholds(monkeypatch, solve, "search", seen)  # after build_model's block ended
    result = solve_checked(LANXI, tmp_path / "out")  # (checked by the independent checker)
    assert result.objective == 65
    assert seen == [("make_variables", YOUNGEST_THRESHOLD), ("search", YOUNGEST_THRESHOLD)]
    assert gc.get_threshold() == (700, 10, 10)


def test_a_model_built_alone_is_built_in_the_block(default_thresholds, monkeypatch):
    seen: list[tuple[str, int]] = []
    _record_thresholds(monkeypatch, build, "make_variables", seen)
    built = build.build_model(load_instance(LANXI))
    assert built.variables.local
    assert seen == [("make_variables", YOUNGEST_THRESHOLD)]
    assert gc.get_threshold() == (700, 10, 10)
