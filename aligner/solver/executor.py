"""Running independent tasks: one after another here, in worker processes (``--jobs``), or as
tasks on a Dask cluster (``--dask``). ``aligner solve`` runs its components this way and
``aligner bench`` its runs.

A task is a module-level function and plain-data arguments (JSON text of a validated instance,
a dict of settings), and its result is plain data, never pickled OR-Tools objects, so any
process or machine with aligner installed can run it. Worker processes are forked on Linux
while no other thread runs here and spawned otherwise (:func:`_start_method`); each ignores
SIGINT and watches a shared stop flag instead: on Ctrl-C the main process raises the flag,
which stops the searches under way (each keeps its best timetable) and makes the queued tasks
return at once (they call :func:`aligner.solver.search.stop_requested`).
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any

from aligner.messages import language, set_language
from aligner.solver.search import use_stop_flag


def _worker_process(stop: Any) -> None:
    """Initializer of each worker process: Ctrl-C's SIGINT to the process group no longer kills
    an idle worker; the main process raises ``stop`` instead."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    use_stop_flag(stop)


def in_language(lang: str, function: Callable[..., Any], *arguments: Any) -> Any:
    """``function(*arguments)`` with the messages in ``lang``: a task in a worker process or on
    Dask speaks the language of the process that gave it (a component's capacity findings)."""
    set_language(lang)
    return function(*arguments)


def run_tasks(
    function: Callable[..., Any],
    arguments: Sequence[tuple[Any, ...]],
    on_result: Callable[[int, Any], None],
    *,
    jobs: int = 1,
    dask: str | None = None,
    dask_function: Callable[..., Any] | None = None,
    order: Sequence[int] | None = None,
    key: str = "aligner-task",
    on_started: Callable[[], None] | None = None,
) -> None:
    """Run ``function(*arguments[i])`` for every i and call ``on_result(i, result)`` as each
    ends.

    Here (``jobs`` 1, no ``dask``) the tasks run in their own order; in processes and on Dask
    they start in ``order`` (default: their own; biggest first, say). On Dask each task runs
    ``dask_function`` (default ``function``) under the key ``<key>-<i>``. ``on_started()`` is
    called once the tasks are handed out (in processes: once the worker processes exist, so
    that a thread it starts, a progress bar's, is not there when they start; here: before the
    first task).

    Ctrl-C (KeyboardInterrupt, raised by the main process or by ``on_result`` itself) in
    processes: the stop flag is raised, ``on_result`` is still called for the tasks that were
    under way (they return their best at once), then KeyboardInterrupt goes on. Here it goes on
    at once (a search stopped by Ctrl-C returns normally: ``on_result`` sees that from its
    result and may raise KeyboardInterrupt to run no more tasks)."""
    chosen = list(range(len(arguments))) if order is None else list(order)
    if dask:
        _on_dask(dask_function or function, arguments, chosen, dask, key, on_result, on_started)
    elif jobs > 1:
        _in_processes(function, arguments, chosen, jobs, on_result, on_started)
    else:
        if on_started is not None:
            on_started()
        for index in range(len(arguments)):
            on_result(index, function(*arguments[index]))


def _start_method() -> str:
    """How worker processes start: forked on Linux, where a forked worker has aligner, OR-Tools
    and pandas imported already and starts its first task at once, while a spawned one first
    imports them again (about 0.45 s of a core each on an Intel Xeon; the county of seed 1, whole
    ``aligner solve --jobs 2 --workers 1`` runs, four interleaved pairs: 7.92-8.21 s forked
    against 8.45-8.58 s spawned). Forked only while no other Python thread runs here (a child
    has only the thread that forked it: a lock another thread held then, such as stderr's while
    the progress bar's thread redraws it, would stay held in the child for ever): the bar of
    ``aligner[progress]`` starts drawing once the workers exist (``on_started``), and CP-SAT's
    threads end with each solve.
    Spawned on macOS (whose system libraries are not safe to fork) and Windows (no fork)."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _in_processes(function: Callable[..., Any], arguments: Sequence[tuple[Any, ...]],
                  order: list[int], jobs: int, on_result: Callable[[int, Any], None],
                  on_started: Callable[[], None] | None = None) -> None:
    context = multiprocessing.get_context(_start_method())
    # Forked, the workers' collections pass over this process's objects (whose pages they share
    # until written: a collection writes to every object it visits) once they are frozen; not
    # when the program froze objects itself (a server before forking its own workers, say):
    # unfreezing ours would unfreeze its too.
    freeze = context.get_start_method() == "fork" and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        _run_pool(function, arguments, order, jobs, on_result, context, on_started)
    finally:
        if freeze:
            gc.unfreeze()


def _run_pool(function: Callable[..., Any], arguments: Sequence[tuple[Any, ...]],
              order: list[int], jobs: int, on_result: Callable[[int, Any], None],
              context: Any, on_started: Callable[[], None] | None) -> None:
    stop = context.Event()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_process,
                             initargs=(stop,)) as pool:
        lang = language()
        futures = {pool.submit(in_language, lang, function, *arguments[i]): i for i in order}
        given: set[int] = set()
        try:
            if on_started is not None:  # (the first submission started every worker process)
                on_started()
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    given.add(futures[future])
                    on_result(futures[future], future.result())
        except KeyboardInterrupt:
            stop.set()  # running tasks stop with their best; queued ones return at once
            for future in futures:
                future.cancel()
            for future, index in futures.items():
                if future.cancelled() or index in given:
                    continue
                try:
                    result = future.result()
                except Exception:  # a worker that died: the task has no result
                    continue
                on_result(index, result)
            raise


def _on_dask(function: Callable[..., Any], arguments: Sequence[tuple[Any, ...]],
             order: list[int], address: str, key: str,
             on_result: Callable[[int, Any], None],
             on_started: Callable[[], None] | None = None) -> None:
    from distributed import Client, as_completed

    with Client(address) as client:
        lang = language()
        futures = {client.submit(in_language, lang, function, *arguments[i], pure=False,
                                 key=f"{key}-{i}"): i
                   for i in order}
        if on_started is not None:
            on_started()
        for future in as_completed(list(futures)):
            on_result(futures[future], future.result())
