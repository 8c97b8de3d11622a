"""What ``aligner solve`` shows on stderr while the pipeline runs (an
:class:`aligner.solver.pipeline.Progress`): the components being solved, as a rich progress
bar when rich is installed (``aligner[progress]``) and stderr is a terminal, a line per
component otherwise (a log file gets readable lines, not a bar's control codes); and when it
looks for the rules that cannot hold together. Nothing with --quiet but that last line."""

from __future__ import annotations

import importlib.util
import sys
import time
from typing import TYPE_CHECKING, Any

import click

from aligner.messages import say

if TYPE_CHECKING:
    from aligner.solver.components import ComponentOutcome
    from aligner.solver.settings import SolverSettings


class SolveProgress:
    """Components done / total, failures and elapsed time, on stderr."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.failed = 0
        self.started = time.perf_counter()
        self.bar: Any = None
        self.task: Any = None

    def components_started(self, count: int, settings: SolverSettings) -> None:
        if self.quiet:
            return
        where = (say("cli.on_dask", address=settings.dask) if settings.dask
                 else say("cli.in_processes", n=settings.jobs))
        click.echo(say("cli.solving_components", count=count, where=where), err=True)
        self.started = time.perf_counter()
        if sys.stderr.isatty() and importlib.util.find_spec("rich") is not None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self.bar = Progress(TextColumn(say("cli.components")), BarColumn(),
                                MofNCompleteColumn(),
                                TextColumn(say("cli.failed_column")),
                                TimeElapsedColumn(), console=Console(stderr=True),
                                transient=False)
            self.task = self.bar.add_task("solve", total=count, failed=0)

    def components_under_way(self) -> None:
        """The bar starts drawing (its own thread) once the worker processes exist (forked
        while no other thread runs, see :func:`aligner.solver.executor.run_tasks`)."""
        if self.bar is not None:
            self.bar.start()

    def component_done(self, outcome: ComponentOutcome, done: int, total: int) -> None:
        if self.quiet:
            return
        self.failed += not outcome.found
        if self.bar is not None:
            self.bar.update(self.task, completed=done, failed=self.failed)
            return
        print(say("cli.component_line", done=f"{done:>{len(str(total))}}", total=total,
                  status=f"{outcome.status:<10}", schools=", ".join(outcome.schools),
                  seconds=f"{outcome.seconds:.1f}", failed=self.failed,
                  elapsed=f"{time.perf_counter() - self.started:.0f}"),
              file=sys.stderr, flush=True)

    def components_ended(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def explaining(self, seconds: float) -> None:
        click.echo(say("cli.explaining", seconds=f"{seconds:g}"), err=True)
