"""Module-level tasks for the executor tests (worker processes import them by name)."""

from __future__ import annotations

import time

from aligner.solver.search import stop_requested


def square(n: int) -> int:
    return n * n


def nap(seconds: float) -> str:
    """Sleep in short steps; 'stopped' when the stop flag came first, else 'done'."""
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        if stop_requested():
            return "stopped"
        time.sleep(0.01)
    return "done"


def imported(name: str) -> bool:
    """Whether the worker has module ``name`` imported (without importing it)."""
    import sys

    return name in sys.modules
