"""The ``aligner`` command: a thin layer over the library. Results go to stdout; errors, logs and
progress to stderr.

Exit codes: 0 a timetable was found (or the command succeeded); 1 (check) a hard rule is
broken; 2 bad input or usage;
3 proven infeasible; 4 no timetable within the time limit; 5 internal solver error;
6 the output could not be written.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NoReturn

import click

from aligner.alignment.overlap import course_school_pairs
from aligner.alignment.proposal import (
    BellProposal,
    MovableError,
    movable_schools,
    propose_bells,
    with_bells,
)
from aligner.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN,
    EXIT_CANNOT_WRITE,
    EXIT_INFEASIBLE,
    EXIT_INTERNAL,
    EXIT_NO_SOLUTION,
    EXIT_OK,
    report_input_error,
    write_or_exit,
)
from aligner.cli.progress import progress
from aligner.cli.text import (
    alignment_text,
    bells_csv,
    check_text,
    proposals_text,
    summary_text,
    timetable_text,
)
from aligner.diagnose.capacity import capacity_findings
from aligner.diagnose.explain import Explanation, explain
from aligner.generate import PRESETS, generate
from aligner.instance import Instance
from aligner.io import InputError, InputWarning, load_instance, load_schedules
from aligner.solver.components import NOT_SOLVED, solve_all
from aligner.solver.decompose import components
from aligner.solver.parameters import SolverParameterError
from aligner.solver.solve import Result, SolverSettings, Status, check_parameters, solve


def _load(
    directory: str, seasons: tuple[str, ...] | None = None, bells: Path | None = None
) -> Instance:
    """The validated instance; on bad input, every problem on stderr and exit 2."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            return load_instance(directory, seasons, bells)
        except InputError as exc:
            _report_bad_input(directory, exc)
        finally:
            for warning in caught:
                click.echo(f"warning: {warning.message}", err=True)


def _report_bad_input(directory: str, exc: InputError) -> NoReturn:
    report_input_error(f"cannot read the instance in {directory}", exc, count=True)


def _seasons(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple | None:
    if value is None:
        return None
    seasons = tuple(s.strip() for s in value.split(",") if s.strip())
    if not seasons or len(set(seasons)) != len(seasons):
        raise click.BadParameter(f"'{value}' is not a list of distinct seasons such as "
                                 "winter,summer")
    return seasons


SEASON_OPTION = click.option(
    "--season", "seasons", callback=_seasons, metavar="S[,S...]",
    help="Season(s) of bells.csv to use, overriding instance.yaml; several (winter,summer) give "
         "one weekly timetable that works with every season's bells.")


MOVABLE_OPTION = click.option(
    "--movable", default="receiving", show_default=True, metavar="WHO",
    help="Whose bells may move: receiving, hub, all, or comma-separated school ids.")


def _parameter(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple:
    pairs = []
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip() or not setting.strip():
            raise click.BadParameter(f"'{value}' is not NAME=VALUE (e.g. linearization_level=2)")
        pairs.append((name.strip(), setting.strip()))
    return tuple(pairs)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="aligner")
def main() -> None:
    """Joint weekly timetables for paired schools, with live online lessons aligned by
    wall-clock time across different bell schedules."""


def _default_out(instance: str) -> Path:
    """out/<instance directory name> (or the workbook's name without .xlsx)."""
    path = Path(instance).resolve()
    return Path("out") / (path.stem if path.is_file() else path.name)


INSTANCE_ARGUMENT = click.argument("instance", type=click.Path())
"""An instance directory or an .xlsx workbook."""


@main.command("solve")
@INSTANCE_ARGUMENT
@SEASON_OPTION
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Output directory [default: out/<instance directory name>].")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0,
              show_default=True,
              help="Seconds the search may take (LP relaxation and CP-SAT stages together; "
                   "per component).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="CP-SAT search threads.")
@click.option("--seed", type=int, default=0, show_default=True, help="CP-SAT random seed.")
@click.option("--log", is_flag=True, help="Print CP-SAT's search log to stderr.")
@click.option("--explain-time", type=click.FloatRange(min=0, min_open=True), default=60.0,
              show_default=True,
              help="Seconds at most spent naming the conflicting rules of an infeasible instance.")
@click.option("--param", "params", multiple=True, callback=_parameter, metavar="NAME=VALUE",
              help="Any CP-SAT parameter, e.g. --param linearization_level=2 (repeatable).")
@click.option("--lp-start/--no-lp-start", default=True, show_default=True,
              help="Start from the LP relaxation: its bound, and a search with the lessons it "
                   "places whole fixed, before CP-SAT's full search (--no-lp-start: CP-SAT "
                   "alone).")
@click.option("--align-bells", is_flag=True,
              help="First move the bells of the --movable schools to align their periods (as "
                   "align --optimize), then schedule on the moved bells; writes "
                   "bells_proposed.csv too.")
@MOVABLE_OPTION
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Solve the independent components in this many worker processes.")
@click.option("--dask", metavar="ADDRESS",
              help="Solve the components as tasks on a Dask cluster, e.g. tcp://host:8786 "
                   "(needs aligner[dask]).")
@click.option("--oversubscribe", is_flag=True,
              help="Allow --jobs x --workers above the number of cores.")
@click.option("--quiet", is_flag=True, help="No progress display on stderr.")
@click.option("--grids", type=click.Choice(["classes", "teachers", "all", "none"]),
              default="classes", show_default=True,
              help="Which weekly grids to print: each class's, each teacher's, both, or none.")
@click.option("--no-grids", is_flag=True, help="Print only the summary (same as --grids none).")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False),
              help="Also write the timetable as an Excel workbook (as aligner export --xlsx).")
def solve_command(
    instance: str,
    seasons: tuple[str, ...] | None,
    out_dir: str | None,
    time_limit: float,
    workers: int,
    seed: int,
    log: bool,
    explain_time: float,
    params: tuple[tuple[str, str], ...],
    lp_start: bool,
    align_bells: bool,
    movable: str,
    jobs: int,
    dask: str | None,
    oversubscribe: bool,
    quiet: bool,
    grids: str,
    no_grids: bool,
    xlsx: str | None,
) -> None:
    """Build every class's weekly timetable for all schools of INSTANCE at once, print it and
    write lessons.csv, sessions.csv, teacher_load.csv, compliance.csv and summary.json."""
    data = _load(instance, seasons)
    target = Path(out_dir) if out_dir else _default_out(instance)
    _check_writable(target)
    if xlsx:
        from aligner.cli.office import check_xlsx_target

        check_xlsx_target(Path(xlsx))
    written_with = WrittenWith(str(Path(instance).resolve()), Path(xlsx) if xlsx else None)
    proposals: list[BellProposal] = []
    if align_bells:
        proposals = _propose(data, course_school_pairs(data), movable, min(time_limit, 20.0), seed)
        click.echo(proposals_text(data, proposals))
        data = with_bells(data, proposals)
    settings = SolverSettings(time_limit=time_limit, workers=workers, seed=seed, log=log,
                              params=params, lp_start=lp_start)
    extra: dict[str, tuple[str, str]] = {}
    changes: tuple[dict, ...] = ()
    if align_bells:
        changes = tuple({"school_id": c.before.school_id, "season": c.before.season,
                         "period": c.before.period, "before": c.before.times,
                         "after": c.after.times, "shift_minutes": c.shift}
                        for p in proposals for c in p.changes)
        extra["bells_proposed.csv"] = (bells_csv(data), "utf-8-sig")
    show = Grids(classes=grids in ("classes", "all") and not no_grids,
                 teachers=grids in ("teachers", "all") and not no_grids)

    parts = components(data)
    if len(parts) > 1 or jobs > 1 or dask:
        _check_parallelism(jobs, workers, dask, oversubscribe)
        _solve_in_parts(data, parts, settings, target, jobs=jobs, dask=dask, quiet=quiet,
                        explain_time=explain_time, extra=extra, changes=changes, show=show,
                        written_with=written_with)
        return

    findings = capacity_findings(data)
    if findings:
        click.echo("Status: INFEASIBLE (found before solving)")
        _report_infeasible(Explanation(data, findings=findings), target)

    try:
        result = solve(data, settings)
    except SolverParameterError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)

    if result.status is Status.INFEASIBLE:
        click.echo(summary_text(result), nl=False)
        click.echo(f"Looking for rules that cannot hold together (up to {explain_time:g} s)...",
                   err=True)
        _report_infeasible(explain(data, [], explain_time, seed, workers), target)
    if result.status is Status.UNKNOWN:
        click.echo(summary_text(result), nl=False)
        if result.interrupted:
            click.echo("Interrupted before any timetable was found; nothing was written.",
                       err=True)
        else:
            click.echo(f"No timetable found within {time_limit:g} s; nothing was written. "
                       "Try a longer --time-limit or more --workers.", err=True)
        sys.exit(EXIT_NO_SOLUTION)
    if result.status is Status.MODEL_INVALID:
        if params and "param" in result.solver_info.lower():
            click.echo(f"error: CP-SAT rejected the parameters: {result.solver_info}", err=True)
            sys.exit(EXIT_BAD_INPUT)
        click.echo(f"internal error: CP-SAT rejected the model ({result.solver_info}); please "
                   "report this with the instance", err=True)
        sys.exit(EXIT_INTERNAL)

    result = replace(result, bell_changes=changes)
    _show_and_write(data, result, target, extra, show, written_with)


@dataclass(frozen=True)
class Grids:
    classes: bool
    teachers: bool


@dataclass(frozen=True)
class WrittenWith:
    """What solve records and writes besides the five files: the instance's path (summary.json
    ``instance_path``, for aligner export) and the --xlsx workbook."""

    instance_path: str | None = None
    xlsx: Path | None = None


def _show_and_write(data: Instance, result: Result, target: Path,
                    extra: dict[str, tuple[str, str]], show: Grids,
                    written_with: WrittenWith = WrittenWith()) -> None:
    """Write the output files, then print the grids and the summary (so that a reader that
    stops early, such as ``| head``, loses nothing); exit 6 if the files could not be written."""
    from aligner.export import write_outputs  # pandas writers only when there is output

    failure = None
    try:
        written = write_outputs(result, target, extra, instance_path=written_with.instance_path)
    except OSError as exc:
        failure = exc
    with _stdout_may_close():
        if show.classes or show.teachers:
            click.echo(timetable_text(data, result.lessons(), result.sessions(),
                                      classes=show.classes, teachers=show.teachers))
        click.echo(summary_text(result), nl=False)
        if failure is None:
            click.echo(f"Wrote {', '.join(p.name for p in written)} to {target}")
    if failure is not None:
        click.echo(f"error: cannot write the results to {target}: "
                   f"{failure.strerror or failure} ({failure.filename or target}); files already "
                   "there were left as they were", err=True)
        sys.exit(EXIT_CANNOT_WRITE)
    if written_with.xlsx:
        from aligner.cli.office import write_workbook_of

        write_workbook_of(data, target, written_with.xlsx)


@contextmanager
def _stdout_may_close() -> Iterator[None]:
    """Printing to a pipe whose reader has gone (``aligner solve ... | head``) is not an error:
    the rest of stdout is dropped, the command carries on (its files are already written)."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _check_parallelism(jobs: int, workers: int, dask: str | None, oversubscribe: bool) -> None:
    cores = os.cpu_count() or 1
    if not dask and jobs * workers > cores and not oversubscribe:
        click.echo(f"error: --jobs {jobs} x --workers {workers} = {jobs * workers} CP-SAT "
                   f"threads on {cores} cores; lower them or add --oversubscribe", err=True)
        sys.exit(EXIT_BAD_INPUT)
    if dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            click.echo("error: --dask needs the dask extra: pip install 'aligner[dask]'",
                       err=True)
            sys.exit(EXIT_BAD_INPUT)


def _solve_in_parts(data: Instance, parts: list[Instance], settings: SolverSettings,
                    target: Path, *, jobs: int, dask: str | None, quiet: bool,
                    explain_time: float, extra: dict[str, tuple[str, str]],
                    changes: tuple[dict, ...], show: Grids,
                    written_with: WrittenWith = WrittenWith()) -> None:
    """Solve the independent components (in processes or on Dask), write every timetable
    found, explain the components that failed; the exit code says the worst."""
    try:
        check_parameters(settings)
    except SolverParameterError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    where = f"on Dask at {dask}" if dask else f"in {jobs} process{'es' if jobs > 1 else ''}"
    if not quiet:
        click.echo(f"Solving {len(parts)} independent components {where}...", err=True)
    try:
        with progress(len(parts), quiet) as on_done:
            result, outcomes = solve_all(data, settings, jobs=jobs, dask=dask, on_done=on_done)
    except OSError as exc:  # no Dask scheduler there
        click.echo(f"error: cannot reach the Dask scheduler at {dask}: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    result = replace(result, bell_changes=changes)
    failed = [(part, o) for part, o in zip(parts, outcomes, strict=True)
              if not o.found and o.status != NOT_SOLVED]
    not_started = sum(o.status == NOT_SOLVED for o in outcomes)
    if result.found:
        _show_and_write(data, result, target, extra, show, written_with)
    else:
        click.echo(summary_text(result), nl=False)
    if not failed and not not_started:
        return
    explanations = []
    for part, outcome in failed:
        click.echo(f"No timetable for {', '.join(part.school_name(s) for s in outcome.schools)}"
                   f" ({outcome.status}).")
        if outcome.status == "INFEASIBLE":
            findings = capacity_findings(part) if outcome.findings else []
            explanation = explain(part, findings, explain_time, settings.seed, settings.workers)
            explanations.append(explanation)
            for sentence in explanation.sentences:
                click.echo(f"  - {sentence}")
    if explanations:
        from aligner.export.files import json_text

        report = {"status": "INFEASIBLE", "components": [e.to_json() for e in explanations]}
        write_or_exit(target, {"infeasibility.json": (json_text(report), "utf-8")})
        click.echo(f"Wrote infeasibility.json to {target}", err=True)
    if not_started:
        click.echo(f"{not_started} of {len(parts)} components were not solved (interrupted "
                   "before they started); their schools are not in the files.", err=True)
    sys.exit(EXIT_INFEASIBLE if explanations else EXIT_NO_SOLUTION)


def _check_writable(target: Path) -> None:
    """Refuse, before solving, an output path that is a file or lies under one."""
    for path in (target, *target.parents):
        if path.exists():
            if not path.is_dir():
                click.echo(f"error: cannot write to {target}: {path} is a file, not a directory",
                           err=True)
                sys.exit(EXIT_BAD_INPUT)
            return


def _report_infeasible(explanation: Explanation, target: Path) -> NoReturn:
    """Print why no timetable exists, write infeasibility.json, exit 3."""
    from aligner.export import write_infeasibility

    click.echo("No timetable exists for this instance.")
    conflict = explanation.conflict
    if explanation.findings:
        click.echo("Why:")
    elif conflict is None:
        click.echo("The conflicting rules could not be narrowed down within the time budget.")
    else:
        click.echo("These rules cannot all hold together"
                   + (" (drop any one and a timetable exists):" if conflict.minimal else
                      " (the time budget ran out before this set was shown to be minimal):"))
    for sentence in explanation.sentences:
        click.echo(f"  - {sentence}")
    try:
        path = write_infeasibility(explanation, target)
    except OSError as exc:
        click.echo(f"error: cannot write {target}/infeasibility.json: {exc.strerror or exc}",
                   err=True)
        sys.exit(EXIT_CANNOT_WRITE)
    click.echo(f"Wrote {path} (no timetable; earlier timetable files there were left as they "
               "were)", err=True)
    sys.exit(EXIT_INFEASIBLE)


@main.command("check")
@INSTANCE_ARGUMENT
@click.argument("solution", type=click.Path(file_okay=False))
@SEASON_OPTION
@click.option("--loads", "show_loads", is_flag=True,
              help="Also print every teacher's recomputed credited load.")
def check_command(
    instance: str, solution: str, seasons: tuple[str, ...] | None, show_loads: bool
) -> None:
    """Re-verify the timetable in SOLUTION (lessons.csv and sessions.csv, ours or edited by
    hand) against every hard rule of INSTANCE; recompute the objective terms and each teacher's
    credited load. Exit 0 when no hard rule is broken, 1 otherwise."""
    from aligner.check.checker import check_solution

    if not Path(solution).is_dir():
        click.echo(f"error: {solution} is not a directory holding lessons.csv and sessions.csv",
                   err=True)
        sys.exit(EXIT_BAD_INPUT)
    if not any((Path(solution) / name).is_file() for name in ("lessons.csv", "sessions.csv")):
        why = (" (it holds infeasibility.json: the solve found that no timetable exists)"
               if (Path(solution) / "infeasibility.json").is_file() else "")
        click.echo(f"error: {solution} holds no timetable: neither lessons.csv nor sessions.csv"
                   f"{why}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    moved = Path(solution) / "bells_proposed.csv"
    data = _load(instance, seasons, moved if moved.is_file() else None)
    if moved.is_file():
        click.echo(f"Checking against the moved bells in {moved} (solve --align-bells).")
    report = check_solution(data, solution)
    click.echo(check_text(data, report, show_loads=show_loads), nl=False)
    sys.exit(EXIT_OK if report.ok else EXIT_BROKEN)


@main.command("align")
@INSTANCE_ARGUMENT
@SEASON_OPTION
@click.option("--optimize", is_flag=True,
              help="Propose moved bells that align as many hub periods as possible with every "
                   "receiving school (full overlap preferred, least movement), and write "
                   "bells_proposed.csv.")
@MOVABLE_OPTION
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Where --optimize writes bells_proposed.csv [default: out/<instance "
                   "directory name>].")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=20.0,
              show_default=True, help="Seconds CP-SAT may search per season (--optimize).")
def align_command(instance: str, seasons: tuple[str, ...] | None, optimize: bool, movable: str,
                  out_dir: str | None, time_limit: float) -> None:
    """Print the wall-clock overlap (minutes) of every hub period with every receiving period
    for each pair of schools linked by a course, and mark the pairs that qualify; with
    --optimize, propose synchronised bell schedules.

    Only instance.yaml, schools.csv, bells.csv and the school pairs in sync.csv are needed, so
    this works while the rest of the instance is still being drafted."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            data, pairs = load_schedules(instance, seasons)
        except InputError as exc:
            _report_bad_input(instance, exc)
        finally:
            for warning in caught:
                click.echo(f"warning: {warning.message}", err=True)
    click.echo(alignment_text(data, pairs), nl=False)
    if not optimize:
        return
    target = Path(out_dir) if out_dir else _default_out(instance)
    _check_writable(target)
    proposals = _propose(data, pairs, movable, time_limit)
    click.echo("")
    click.echo(proposals_text(data, proposals), nl=False)
    write_or_exit(target, {"bells_proposed.csv": (bells_csv(with_bells(data, proposals)),
                                                   "utf-8-sig")})
    click.echo(f"Wrote bells_proposed.csv to {target} (same columns as bells.csv)")


def _propose(data: Instance, pairs: tuple[tuple[str, str], ...], movable: str,
             time_limit: float, seed: int = 0) -> list[BellProposal]:
    try:
        schools = movable_schools(data, movable, pairs)
    except MovableError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    return propose_bells(data, schools, pairs, time_limit, seed)


@main.command("generate")
@click.option("--preset", type=click.Choice(list(PRESETS)), required=True,
              help="pair, county (28 schools), city (101 schools in 66 pairs) or province "
                   "(1,120 schools).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Directory to write the instance into.")
def generate_command(preset: str, seed: int, out_dir: str) -> None:
    """Write a realistic instance of the preset, feasible by construction (built around a
    timetable that keeps every rule). data/README.md documents the distributions."""
    target = Path(out_dir)
    _check_writable(target)
    if target.is_dir() and any(target.iterdir()):
        click.echo(f"error: {target} is not empty; choose a new directory", err=True)
        sys.exit(EXIT_BAD_INPUT)
    started = time.perf_counter()
    generated = generate(preset, seed)
    generated.write(target)
    rows = generated.rows
    click.echo(f"Wrote {preset} instance (seed {seed}) to {target}: {len(rows['schools'])} "
               f"schools, {len(rows['classes'])} classes, {len(rows['teachers'])} teachers, "
               f"{len({r['course_id'] for r in rows['sync']})} courses, "
               f"{generated.preset.pairs} pairs ({time.perf_counter() - started:.1f} s)")


@main.command("bench")
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
    from aligner.cli.bench import bench

    bench(config_file, out, jobs, dask, oversubscribe, quiet)


def _fet_commands() -> None:
    """FET interoperability (aligner/fet/commands.py): import-fet, export-fet,
    read-fet-timetable."""
    from aligner.cli.fet import (
        export_fet_command,
        import_fet_command,
        read_fet_timetable_command,
    )

    for command in (import_fet_command, export_fet_command, read_fet_timetable_command):
        main.add_command(command)


_fet_commands()

from aligner.cli.office import export_command, template_command  # noqa: E402

main.add_command(export_command)
main.add_command(template_command)

if __name__ == "__main__":
    main()
