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


def test_the_lines_off_a_terminal_keep_their_columns(monkeypatch, capsys):
    """Without a bar, a line per component; the count is padded to the total's width, so that
    [ 9/10] and [10/10] line up."""
    from aligner.solver.components import ComponentOutcome

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    progress = SolveProgress(quiet=False)
    progress.components_started(10, SolverSettings(jobs=2, workers=1))
    progress.components_under_way()
    for done in (9, 10):
        outcome = ComponentOutcome(f"g{done}", (f"g{done}-hub",), "OPTIMAL", 1, {}, 1.0, 0.1,
                                   0.2, 0.3, None)
        progress.component_done(outcome, done, 10)
    lines = capsys.readouterr().err.splitlines()[-2:]
    assert lines[0].startswith("[ 9/10] OPTIMAL ") and lines[1].startswith("[10/10] OPTIMAL ")
    assert lines[0].index("g9-hub") == lines[1].index("g10-hub")
