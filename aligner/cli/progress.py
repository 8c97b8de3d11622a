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
        where = (f"on Dask at {settings.dask}" if settings.dask
                 else f"in {settings.jobs} process{'es' if settings.jobs > 1 else ''}")
        click.echo(f"Solving {count} independent components {where}...", err=True)
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

            self.bar = Progress(TextColumn("components"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[failed]} failed"),
                                TimeElapsedColumn(), console=Console(stderr=True),
                                transient=False)
            self.task = self.bar.add_task("solve", total=count, failed=0)
            self.bar.start()

    def component_done(self, outcome: ComponentOutcome, done: int, total: int) -> None:
        if self.quiet:
            return
        self.failed += not outcome.found
        if self.bar is not None:
            self.bar.update(self.task, completed=done, failed=self.failed)
            return
        print(f"[{done}/{total}] {outcome.status:<10} {', '.join(outcome.schools)} "
              f"({outcome.seconds:.1f} s; {self.failed} failed; "
              f"{time.perf_counter() - self.started:.0f} s elapsed)", file=sys.stderr, flush=True)

    def components_ended(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def explaining(self, seconds: float) -> None:
        click.echo(f"Looking for rules that cannot hold together (up to {seconds:g} s)...",
                   err=True)
