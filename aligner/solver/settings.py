"""What a solve is asked to do, and the one path by which it reaches CP-SAT.

:class:`SolverSettings` holds the time limit, threads, seed, log switch, extra CP-SAT parameters
(``--param``), the LP start, and how independent components run (``jobs``, ``dask``) and how
long an infeasible one may be explained. :func:`configure` applies them to a CP-SAT solver;
the staged search, the explanations of infeasibility and the bell proposals all go through it,
so a ``--param`` reaches every CP-SAT run of a command.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from aligner.messages import say

SINGLE_WORKER_DEFAULTS: tuple[tuple[str, str], ...] = (
    ("interleave_search", "true"),
    ("ignore_subsolvers", '["max_lp_sym", "quick_restart", "quick_restart_no_lp", "no_lp", '
                          '"core", "max_lp", "reduced_costs", "pseudo_costs", "lb_tree_search", '
                          '"probing"]'),
    ("num_violation_ls", "1"),
)
"""With one worker CP-SAT runs only its main search; interleaving its subsolvers in that one
thread (deterministic for a given seed) finds the Lanxi optimum about 4x sooner (median of 5
seeds: 3.4 s instead of 13 s). Of the interleaved subsolvers, the default LP search proves the
bound and the neighbourhood searches find the timetables; the others mostly took turns without
improving either, so they are left out: on six components of the generated city preset that
halved the solve time again (69 s -> 33 s in all; benchmarks/README.md). ``num_violation_ls``
adds the local search that moves from the best timetable with the objective as a hard limit
(CP-SAT runs it from 2 workers on, not with one): on the city preset's component of g024-hub
(office rules) it found the timetable at the LP bound, and so the proof, in 10.6 s where 40 s
ended at 100 against 91; the other components of the city, county and 100-school presets took
the same time (their guided stages run neighbourhood searches alone). A --param of the same
name overrides any of them. These are the search's defaults (:func:`search_defaults`); the
explanations and the bell proposals do not use them."""

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


class SolverSettingsError(ValueError):
    """Settings that cannot run here (more threads than cores, Dask not installed)."""


@dataclass(frozen=True)
class SolverSettings:
    """What the solver is asked to do; recorded with every result."""

    time_limit: float = 60.0
    """Seconds for the search (all its stages); with several components, for each."""
    workers: int = 2
    """CP-SAT search threads."""
    seed: int = 0
    log: bool = False
    params: tuple[tuple[str, str], ...] = ()
    """Extra CP-SAT parameters as (name, value) text, e.g. ("linearization_level", "2")."""
    lp_start: bool = True
    """Start from the LP relaxation (bound and guided stage); False: CP-SAT alone."""
    quick_start: bool = False
    """Look first for any timetable (a quick stage of a few seconds at most: CP-SAT's local
    searches without presolve, then its fixed search, then its local searches after a light
    presolve), then start the other stages from it: a first timetable sooner where the full
    search is slow to find one."""
    jobs: int = 1
    """Independent components solved in this many worker processes."""
    dask: str | None = None
    """The address of a Dask scheduler that solves the components as tasks."""
    explain_time: float | None = None
    """Seconds at most spent naming the conflicting rules of an infeasible instance or
    component; None: half the time limit (:attr:`explain_seconds`)."""
    oversubscribe: bool = False
    """Allow jobs x workers above the number of cores."""

    def __post_init__(self) -> None:
        if not self.time_limit > 0:
            raise ValueError(say("solver.positive_seconds", name="time_limit",
                                 value=self.time_limit))
        if self.workers < 1:
            raise ValueError(say("solver.at_least_one", name="workers", value=self.workers))
        if self.jobs < 1:
            raise ValueError(say("solver.at_least_one", name="jobs", value=self.jobs))
        if self.explain_time is not None and not self.explain_time > 0:
            raise ValueError(say("solver.positive_seconds", name="explain_time",
                                 value=self.explain_time))

    @property
    def first_only(self) -> bool:
        """Whether the search stops at its first timetable (``stop_after_first_solution``)."""
        return dict(self.params).get("stop_after_first_solution", "").lower() in ("true", "1")

    def for_first_timetable(self, *, quick_start: bool = True) -> SolverSettings:
        """These settings asking for the first timetable alone, as ``aligner solve --first``
        does: the quick stage (unless ``quick_start`` is False), no LP start, CP-SAT stopped at
        its first solution (a ``stop_after_first_solution`` given among ``params`` is
        replaced)."""
        params = (("stop_after_first_solution", "true"),
                  *(p for p in self.params if p[0] != "stop_after_first_solution"))
        return replace(self, quick_start=quick_start, lp_start=False, params=params)

    @property
    def explain_seconds(self) -> float:
        """The explanation's budget: ``explain_time``, else half the time limit (so that
        ``--time-limit`` bounds every stage of a command, the explanation included)."""
        return self.explain_time if self.explain_time is not None else self.time_limit / 2


def search_defaults(workers: int) -> tuple[tuple[str, str], ...]:
    """The CP-SAT parameters the search sets itself for this many workers."""
    return SINGLE_WORKER_DEFAULTS if workers == 1 else ()


def effective_parameters(settings: SolverSettings) -> dict[str, str]:
    """The extra CP-SAT parameters a search uses: defaults for the worker count, then --param
    (what summary.json reports as ``parameters``)."""
    return dict(search_defaults(settings.workers)) | dict(settings.params)


def configure(solver: Any, settings: SolverSettings, *, time_limit: float | None = None,
              workers: int | None = None, defaults: tuple[tuple[str, str], ...] = ()) -> None:
    """Apply the settings to a CP-SAT solver: its time limit (``time_limit`` if given), threads
    (``workers`` if given), seed, log, then ``defaults`` and the settings' own extra parameters,
    which override them; unknown extra parameters raise :class:`SolverParameterError`."""
    parameters = solver.parameters
    parameters.max_time_in_seconds = settings.time_limit if time_limit is None else time_limit
    parameters.num_workers = settings.workers if workers is None else workers
    parameters.random_seed = settings.seed
    apply_parameters(parameters, dict(defaults) | dict(settings.params))
    if settings.log:
        parameters.log_search_progress = True
        parameters.log_to_stdout = False
        solver.log_callback = _log


def _log(line: str) -> None:
    import sys

    print(line, file=sys.stderr)


def check_parameters(settings: SolverSettings) -> None:
    """Raise SolverParameterError now for parameters CP-SAT would reject (before a long run)."""
    from ortools.sat.python import cp_model

    configure(cp_model.CpSolver(), settings)


def check_parallelism(settings: SolverSettings) -> None:
    """Raise SolverSettingsError for more CP-SAT threads than cores (unless oversubscribe), or
    for Dask without the dask extra."""
    cores = os.cpu_count() or 1
    threads = settings.jobs * settings.workers
    if not settings.dask and threads > cores and not settings.oversubscribe:
        raise SolverSettingsError(say("solver.too_many_threads", jobs=settings.jobs,
                                      workers=settings.workers, threads=threads, cores=cores))
    if settings.dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise SolverSettingsError(say("solver.needs_dask")) from None


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
            raise SolverParameterError(say("solver.own_option", name=name,
                                           option=OWN_OPTIONS[name]))
        if not hasattr(parameters, name):
            raise SolverParameterError(say("solver.unknown_parameter", name=name))
        with _captured_stderr() as errors:
            merged = parameters.merge_text_format(f"{name}: {value}")
        if not merged:
            reason = next((e.split("]", 1)[-1].strip() for e in errors if "Error" in e), "")
            raise SolverParameterError(say(
                "solver.bad_value", name=name, value=repr(value),
                reason=say("solver.reason", reason=reason.split(": ", 1)[-1]) if reason else ""))
