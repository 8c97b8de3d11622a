"""CP-SAT parameters: the ones `aligner` sets, and any others passed through (``--param``)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from typing import Any

SINGLE_WORKER_DEFAULTS: tuple[tuple[str, str], ...] = (
    ("interleave_search", "true"),
    ("ignore_subsolvers", '["max_lp_sym", "quick_restart", "quick_restart_no_lp", "no_lp", '
                          '"core", "max_lp", "reduced_costs", "pseudo_costs", "lb_tree_search", '
                          '"probing"]'),
)
"""With one worker CP-SAT runs only its main search; interleaving its subsolvers in that one
thread (deterministic for a given seed) finds the Lanxi optimum about 4x sooner (median of 5
seeds: 3.4 s instead of 13 s). Of the interleaved subsolvers, the default LP search proves the
bound and the neighbourhood searches find the timetables; the others mostly took turns without
improving either, so they are left out: on six components of the generated city preset that
halved the solve time again (69 s -> 33 s in all; benchmarks/README.md). A --param of the same
name overrides either."""

OWN_OPTIONS = {
    "num_workers": "--workers",
    "num_search_workers": "--workers",
    "max_time_in_seconds": "--time-limit",
    "random_seed": "--seed",
    "log_search_progress": "--log",
    "log_to_stdout": "--log",
}
"""Parameters with an option of their own, so that summary.json always reports what ran."""


class SolverParameterError(ValueError):
    """A ``--param NAME=VALUE`` that CP-SAT does not know, cannot parse, or that has its own option."""


def effective_parameters(workers: int, params: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The extra CP-SAT parameters a solve uses: defaults for the worker count, then --param."""
    defaults = dict(SINGLE_WORKER_DEFAULTS) if workers == 1 else {}
    return defaults | dict(params)


@contextlib.contextmanager
def _captured_stderr() -> Iterator[list[str]]:
    """Capture what C++ code writes to file descriptor 2 (CP-SAT logs parse errors there)."""
    lines: list[str] = []
    with tempfile.TemporaryFile(mode="w+b") as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            lines.extend(sink.read().decode("utf-8", "replace").splitlines())


def apply_parameters(parameters: Any, params: dict[str, str]) -> None:
    """Merge NAME=VALUE pairs into CP-SAT's SatParameters; raise on anything it rejects."""
    for name, value in params.items():
        if name in OWN_OPTIONS:
            raise SolverParameterError(
                f"set {name} with {OWN_OPTIONS[name]}, not --param (so that the summary reports it)"
            )
        if not hasattr(parameters, name):
            raise SolverParameterError(
                f"CP-SAT has no parameter '{name}' (see sat_parameters.proto in OR-Tools)"
            )
        with _captured_stderr() as errors:
            merged = parameters.merge_text_format(f"{name}: {value}")
        if not merged:
            reason = next((e.split("]", 1)[-1].strip() for e in errors if "Error" in e), "")
            raise SolverParameterError(
                f"CP-SAT parameter {name} cannot take the value {value!r}"
                + (f" ({reason.split(': ', 1)[-1]})" if reason else "")
            )
