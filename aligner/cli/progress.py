"""Progress of a many-component solve, on stderr: a rich progress bar when rich is installed
(``aligner[progress]``) and stderr is a terminal, a line per component otherwise (a log file
gets readable lines, not a bar's control codes); nothing with --quiet."""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from aligner.solver.components import ComponentOutcome

Callback = Callable[[ComponentOutcome, int, int], None]


@contextmanager
def progress(total: int, quiet: bool) -> Iterator[Callback]:
    """A callback (outcome, done, total) that shows components done / total, failures and the
    elapsed time."""
    failed = 0
    if quiet:
        yield lambda outcome, done, total: None
        return
    if not (sys.stderr.isatty() and importlib.util.find_spec("rich") is not None):
        started = time.perf_counter()

        def line(outcome: ComponentOutcome, done: int, total: int) -> None:
            nonlocal failed
            failed += not outcome.found
            print(f"[{done}/{total}] {outcome.status:<10} {', '.join(outcome.schools)} "
                  f"({outcome.seconds:.1f} s; {failed} failed; "
                  f"{time.perf_counter() - started:.0f} s elapsed)", file=sys.stderr, flush=True)

        yield line
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    bar = Progress(TextColumn("components"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=False)
    task = bar.add_task("solve", total=total, failed=0)

    def update(outcome: ComponentOutcome, done: int, total: int) -> None:
        nonlocal failed
        failed += not outcome.found
        bar.update(task, completed=done, failed=failed)

    with bar:
        yield update
