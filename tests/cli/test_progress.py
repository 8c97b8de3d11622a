"""The progress of a solve in components on stderr: a line per component, or on a terminal
(with aligner[progress]) a rich bar, whose drawing thread starts only once the worker
processes exist (forked without it)."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from aligner.cli.progress import SolveProgress
from aligner.solver.settings import SolverSettings

pytest.importorskip("rich")


def test_the_bar_draws_once_the_components_are_under_way(monkeypatch, capsys):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    progress = SolveProgress(quiet=False)
    before = threading.active_count()
    progress.components_started(3, SolverSettings(jobs=2, workers=1))
    assert progress.bar is not None and threading.active_count() == before  # not drawing yet
    progress.components_under_way()
    assert threading.active_count() == before + 1  # rich's refresh thread
    progress.components_ended()
    ends = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < ends:
        time.sleep(0.01)  # (the refresh thread ends on its own after stop)
    assert progress.bar is None and threading.active_count() == before
    assert "3" in capsys.readouterr().err  # "Solving 3 independent components ..."
