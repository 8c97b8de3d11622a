"""One executor for components and benchmark runs: here, in worker processes, and what Ctrl-C
does to each."""

from __future__ import annotations

import sys

import pytest

from aligner.solver.executor import run_tasks
from tests.solver.tasks import imported, nap, square


def test_tasks_run_here_in_their_order():
    seen: list[tuple[int, int]] = []
    run_tasks(square, [(n,) for n in range(5)], lambda i, r: seen.append((i, r)))
    assert seen == [(0, 0), (1, 1), (2, 4), (3, 9), (4, 16)]


def test_tasks_run_in_processes_give_every_result():
    seen: dict[int, int] = {}
    run_tasks(square, [(n,) for n in range(6)], seen.__setitem__, jobs=2, order=[5, 4, 3, 2, 1, 0])
    assert seen == {n: n * n for n in range(6)}


@pytest.mark.skipif(sys.platform != "linux", reason="worker processes are spawned there")
def test_worker_processes_on_linux_start_with_what_this_process_imported():
    """Forked, not spawned: a worker has the modules of the main process (aligner.cli.text
    here, which no task imports) and need not import aligner and OR-Tools again."""
    import aligner.cli.text  # noqa: F401

    seen: dict[int, bool] = {}
    run_tasks(imported, [("aligner.cli.text",), ("ortools.sat.python.cp_model",)],
              seen.__setitem__, jobs=2)
    assert seen == {0: True, 1: True}


def test_worker_processes_are_spawned_while_another_thread_runs_here():
    """A thread of this process (the progress bar's, say) may hold a lock that a forked child
    would find held for ever: the workers are spawned then, and import what they need."""
    import threading

    import aligner.cli.text  # noqa: F401

    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        seen: dict[int, bool] = {}
        run_tasks(imported, [("aligner.cli.text",)], seen.__setitem__, jobs=2)
    finally:
        stop.set()
        other.join()
    assert seen == {0: False}


@pytest.mark.skipif(sys.platform != "linux", reason="worker processes are spawned there")
def test_a_thread_started_once_the_tasks_are_under_way_leaves_the_workers_forked():
    """The progress bar's thread starts in ``on_started``, called once the worker processes
    exist (and before any result): they were forked without it."""
    import threading

    import aligner.cli.text  # noqa: F401

    stop = threading.Event()
    events: list[str] = []

    def on_started() -> None:
        events.append("started")
        threading.Thread(target=stop.wait, daemon=True).start()

    seen: dict[int, bool] = {}
    try:
        run_tasks(imported, [("aligner.cli.text",)] * 3,
                  lambda i, r: (events.append("result"), seen.__setitem__(i, r)), jobs=2,
                  on_started=on_started)
    finally:
        stop.set()
    assert events == ["started", "result", "result", "result"]
    assert seen == {0: True, 1: True, 2: True}


def test_on_started_comes_before_the_first_task_here():
    events: list[str] = []
    run_tasks(square, [(2,), (3,)], lambda i, r: events.append(f"result {r}"),
              on_started=lambda: events.append("started"))
    assert events == ["started", "result 4", "result 9"]


def test_ctrl_c_in_processes_stops_the_running_tasks_and_starts_no_more():
    # on_result raises KeyboardInterrupt at the first result, as Ctrl-C would in the main
    # process: the task under way returns at once ('stopped'), the queued ones never run or
    # return at once, and the interrupt goes on once their results are in.
    seen: dict[int, str] = {}

    def on_result(index: int, result: str) -> None:
        seen[index] = result
        if len(seen) == 1:
            raise KeyboardInterrupt

    # the first task naps long enough for the other worker to be under way with the second
    # (forked workers start at once: a first task of no time could end before it has begun)
    tasks = [(0.5,)] + [(30.0,)] * 11
    with pytest.raises(KeyboardInterrupt):
        run_tasks(nap, tasks, on_result, jobs=2)
    assert seen[0] == "done"
    # the other worker's task and those already handed to the workers stopped at once; the
    # others never started (a pool of 2 holds at most a few tasks beyond the 2 running)
    assert 2 <= len(seen) < len(tasks)
    assert all(result == "stopped" for index, result in seen.items() if index)


def test_ctrl_c_here_ends_the_run_between_tasks():
    seen: list[int] = []

    def on_result(index: int, result: int) -> None:
        seen.append(index)
        if index == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_tasks(square, [(n,) for n in range(4)], on_result)
    assert seen == [0, 1]


def test_objects_the_program_froze_stay_frozen():
    """Forking, the executor freezes this process's objects while the workers run and unfreezes
    them after, unless the program had frozen objects itself: those stay frozen."""
    import gc

    gc.unfreeze()  # (whatever an earlier test left frozen)
    seen: dict[int, int] = {}
    run_tasks(square, [(3,)], seen.__setitem__, jobs=2)
    assert seen == {0: 9} and gc.get_freeze_count() == 0  # (frozen only while they ran)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        run_tasks(square, [(4,)], seen.__setitem__, jobs=2)
        assert seen[0] == 16 and gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
