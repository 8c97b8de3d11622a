"""``aligner bench``: benchmark solver configurations (:mod:`aligner.bench`)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from aligner.cli.common import EXIT_BAD_INPUT, EXIT_CANNOT_WRITE, EXIT_NO_SOLUTION, LANG_OPTION
from aligner.cli.common import fail as _fail
from aligner.messages import say

if TYPE_CHECKING:
    from aligner.bench.run import BenchResults


@click.command("bench", short_help="Benchmark solver configurations on instances.")
@LANG_OPTION
@click.argument("config_file", type=click.Path(dir_okay=False))
@click.option("--out", "out", type=click.Path(), default=None,
              help="Results CSV (default out/bench/<config name>.csv); the progress of each run "
                   "goes to <stem>-progress.csv beside it.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Run the benchmark's runs in N worker processes.")
@click.option("--dask", default=None, metavar="ADDRESS",
              help="Run them as tasks on the Dask cluster at ADDRESS (aligner[dask]).")
@click.option("--oversubscribe", is_flag=True,
              help="Allow --jobs x solver threads above the number of cores.")
@click.option("--quiet", is_flag=True, help="No line per finished run on stderr.")
def bench_command(config_file: str, out: str | None, jobs: int, dask: str | None,
                  oversubscribe: bool, quiet: bool) -> None:
    """Benchmark solver configurations (CP-SAT, HiGHS on the same model, the greedy heuristic)
    on the instances of CONFIG_FILE (TOML): one CSV row per instance x configuration x seed,
    then the side-by-side table on stdout. Exit 2 for a bad configuration."""
    bench(config_file, out, jobs, dask, oversubscribe, quiet)


def progress_path(out: Path) -> Path:
    """Where the progress (gap over time) of a results CSV goes: ``<stem>-progress.csv``."""
    return out.with_name(f"{out.stem}-progress.csv")


def write_results(results: BenchResults, out: Path) -> list[Path]:
    """The results CSV and its progress CSV, both or neither."""
    import pandas as pd

    from aligner.bench.run import FIELDS, PROGRESS_FIELDS
    from aligner.export.files import csv_text, write_files

    rows = pd.DataFrame(results.rows, columns=FIELDS)
    progress = pd.DataFrame(results.progress, columns=PROGRESS_FIELDS)
    return write_files(out.parent, {out.name: (csv_text(rows), "utf-8"),
                                    progress_path(out).name: (csv_text(progress), "utf-8")})


def bench(config_file: str, out: str | None, jobs: int, dask: str | None, oversubscribe: bool,
          quiet: bool) -> None:
    import pandas as pd

    from aligner.bench.compare import comparison, markdown, medians, medians_markdown
    from aligner.bench.config import BenchConfig, BenchConfigError, load_config
    from aligner.bench.run import FIELDS, run_bench

    try:
        config: BenchConfig = load_config(config_file)
    except BenchConfigError as exc:
        click.echo(say("cli.error_heading", heading=say("cli.bench.bad_config",
                                                        file=config_file)), err=True)
        for issue in exc.issues:
            click.echo(f"  {issue}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    target = Path(out) if out else Path("out") / "bench" / f"{config.name}.csv"
    if target.is_dir():
        _fail(say("cli.bench.out_is_directory", target=target), EXIT_BAD_INPUT)
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            _fail(say("cli.file_not_directory", target=target, path=parent), EXIT_BAD_INPUT)
    cores = os.cpu_count() or 1
    threads = max(c.workers for c in config.configs)
    if not dask and jobs * threads > cores and not oversubscribe:
        _fail(say("cli.bench.too_many_threads", jobs=jobs, threads=threads,
                  total=jobs * threads, cores=cores), EXIT_BAD_INPUT)
    if any(c.solver == "highs" for c in config.configs):
        from aligner.baselines.mip import highs_available

        if not highs_available():
            _fail(say("cli.bench.needs_highspy"), EXIT_BAD_INPUT)
    started = time.perf_counter()

    def on_done(row: dict[str, Any], done: int, total: int) -> None:
        if not quiet:
            shown = row["objective"] if row["objective"] is not None else "-"
            click.echo(say("cli.bench.run_line", done=done, total=total,
                           instance=row["instance"], config=row["config"], seed=row["seed"],
                           status=row["status"], objective=shown, seconds=row["solve_seconds"],
                           elapsed=f"{time.perf_counter() - started:.0f}"), err=True)

    results = run_bench(config, jobs=jobs, dask=dask, on_done=on_done)
    try:
        written = write_results(results, target)
    except OSError as exc:
        _fail(say("cli.cannot_write_file", file=target, reason=exc.strerror or exc),
              EXIT_CANNOT_WRITE)
    frame = pd.DataFrame(results.rows, columns=FIELDS)
    click.echo(markdown(comparison(frame)))
    if (frame["solver"] != "greedy").any():
        click.echo("\n" + say("cli.bench.medians"))
        click.echo(medians_markdown(medians(frame)))
    click.echo(say("cli.bench.wrote", runs=len(results.rows),
                   files=", ".join(str(p) for p in written)), err=True)
    if results.interrupted:
        click.echo(say("cli.bench.interrupted", done=len(results.rows), runs=results.runs),
                   err=True)
        sys.exit(EXIT_NO_SOLUTION)
