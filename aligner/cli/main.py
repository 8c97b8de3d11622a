"""The ``aligner`` command: a thin layer over the library. Each command parses its options,
calls the library, prints and writes; results go to stdout; errors, logs and progress to stderr.
The library is imported inside each command, so that ``aligner --help`` and usage errors
answer at once (no OR-Tools, no pandas).

Exit codes: 0 a timetable was found (or the command succeeded); 1 (check) a hard rule is
broken; 2 bad input or usage; 3 proven infeasible; 4 no timetable within the time limit;
5 internal solver error; 6 the output could not be written.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from aligner.cli.common import (
    EXIT_BROKEN,
    EXIT_CANNOT_WRITE,
    EXIT_INFEASIBLE,
    EXIT_INTERNAL,
    EXIT_NO_SOLUTION,
    EXIT_OK,
    INSTANCE_ARGUMENT,
    LANG_OPTION,
    MOVABLE_OPTION,
    SEASON_OPTION,
    check_writable,
    default_out,
    fail,
    load_or_exit,
    parameter_pairs,
    report_bad_instance,
    report_input_error,
    show_warnings,
    write_or_exit,
)
from aligner.generate.presets import PRESETS
from aligner.messages import listed, note_input_language, say, set_language

PROPOSAL_DIRECTORY = "proposal"
"""Where align --optimize writes by default, under out/<instance name>: never beside a
timetable."""

if TYPE_CHECKING:
    from aligner.diagnose.explain import Explanation
    from aligner.instance import Instance
    from aligner.solver.result import Result


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of the messages (中文: zh) [default: ALIGNER_LANG, else Chinese for "
                   "a Chinese workbook or a Chinese locale (LANG=zh_CN...), else English].")
@click.version_option(package_name="aligner")
def main(lang: str | None) -> None:
    """Joint weekly timetables for paired schools, with live online lessons aligned by
    wall-clock time across different bell schedules."""
    set_language(lang)
    note_input_language(None)


def run() -> None:
    """The ``aligner`` console script (and ``python -m aligner``): :func:`main`, then every object
    left is frozen (``gc.freeze``), so that Python's last collection at exit does not walk the
    instance, the model and the frames once more (0.09-0.14 s of the Lanxi example's 0.89-0.94 s
    solve on an Intel Xeon; atexit handlers and finalizers run as before)."""
    try:
        main(prog_name="aligner")
    finally:
        gc.freeze()


@main.command("solve", short_help="Build the joint weekly timetables of an instance.")
@LANG_OPTION
@INSTANCE_ARGUMENT
@SEASON_OPTION
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Output directory [default: out/<instance directory name>].")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=60.0,
              show_default=True,
              help="Seconds the search may take (LP relaxation and CP-SAT stages together; "
                   "per component).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="CP-SAT search threads [default: 2; with --jobs N, the cores shared among "
                   "the N processes].")
@click.option("--seed", type=int, default=0, show_default=True, help="CP-SAT random seed.")
@click.option("--log", is_flag=True, help="Print CP-SAT's search log to stderr.")
@click.option("--explain-time", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds at most spent naming the conflicting rules of an infeasible instance "
                   "[default: half the --time-limit].")
@click.option("--param", "params", multiple=True, callback=parameter_pairs, metavar="NAME=VALUE",
              help="Any CP-SAT parameter, e.g. --param linearization_level=2 (repeatable).")
@click.option("--lp-start/--no-lp-start", default=True, show_default=True,
              help="Start from the LP relaxation: its bound, and a search with the lessons it "
                   "places whole fixed, before CP-SAT's full search (--no-lp-start: CP-SAT "
                   "alone).")
@click.option("--quick-start", is_flag=True,
              help="First look for any timetable (CP-SAT's local searches without presolve, "
                   "then its fixed search, then its local searches after a light presolve; a "
                   "few seconds each at most), then start the other stages from it: a first "
                   "timetable sooner where the full search is slow to find one.")
@click.option("--first", "first_only", is_flag=True,
              help="Stop at the first timetable, whatever its objective: the quickest valid "
                   "week (same as --quick-start --no-lp-start --param "
                   "stop_after_first_solution=true; the local searches before the fixed "
                   "search).")
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
@click.option("--from", "from_dir", type=click.Path(file_okay=False),
              help="Re-solve from this previous timetable (a solution directory, perhaps "
                   "edited by hand): keep its lessons where the instance still allows them, "
                   "move as few as possible; writes changes.csv.")
@click.option("--lock", metavar="all|pinned|SCHOOL_ID,...",
              help="With --from: keep these schools' lessons and sessions exactly where they "
                   "were (all: every school; pinned: the rows marked in lessons.csv's pinned "
                   "column).")
def solve_command(
    instance: str,
    seasons: tuple[str, ...] | None,
    out_dir: str | None,
    time_limit: float,
    workers: int | None,
    seed: int,
    log: bool,
    explain_time: float | None,
    params: tuple[tuple[str, str], ...],
    lp_start: bool,
    quick_start: bool,
    first_only: bool,
    align_bells: bool,
    movable: str,
    jobs: int,
    dask: str | None,
    oversubscribe: bool,
    quiet: bool,
    grids: str,
    no_grids: bool,
    xlsx: str | None,
    from_dir: str | None,
    lock: str | None,
) -> None:
    """Build every class's weekly timetable for all schools of INSTANCE at once, print it and
    write lessons.csv, sessions.csv, teacher_load.csv, compliance.csv and summary.json."""
    from aligner.alignment.proposal import MovableError
    from aligner.cli.progress import SolveProgress
    from aligner.cli.text import dropped_breaks_text, proposals_text
    from aligner.solver.pipeline import solve
    from aligner.solver.settings import (
        SolverParameterError,
        SolverSettings,
        SolverSettingsError,
    )

    data = load_or_exit(instance, seasons)
    target = Path(out_dir) if out_dir else default_out(instance)
    if lock is not None and from_dir is None:
        fail(say("cli.lock_needs_from"))
    if from_dir is not None:
        data = with_previous_or_exit(data, from_dir, lock)
    check_writable(target)
    if xlsx:
        from aligner.cli.office_commands import check_xlsx_target

        check_xlsx_target(Path(xlsx))
    if workers is None:
        workers = max(1, (os.cpu_count() or 1) // jobs) if jobs > 1 else 2
    settings = SolverSettings(time_limit=time_limit, workers=workers, seed=seed, log=log,
                              params=params, lp_start=lp_start, jobs=jobs, dask=dask,
                              explain_time=explain_time, oversubscribe=oversubscribe,
                              quick_start=quick_start)
    if first_only:
        settings = settings.for_first_timetable()
    try:
        result = solve(data, settings, align_bells=movable if align_bells else None,
                       progress=SolveProgress(quiet))
    except (SolverParameterError, SolverSettingsError, MovableError) as exc:
        fail(str(exc))
    except OSError as exc:  # no Dask scheduler there
        fail(say("cli.no_dask_scheduler", address=dask, reason=exc))
    if result.proposals:
        click.echo(proposals_text(data, list(result.proposals)))
        click.echo(dropped_breaks_text(data.model_copy(update={"bells": result.proposed_bells})),
                   nl=False)
    if from_dir is not None and result.found:
        keep_previous(Path(from_dir), target)
    written = Written(str(Path(instance).resolve()), target, Path(xlsx) if xlsx else None,
                      classes=grids in ("classes", "all") and not no_grids,
                      teachers=grids in ("teachers", "all") and not no_grids, quiet=quiet)
    if result.in_components:
        _report_components(result, written)
    _report_one_model(result, written)


def with_previous_or_exit(data: Instance, from_dir: str, lock: str | None) -> Instance:
    """The instance re-solved from the timetable in ``from_dir`` (exit 2 when it cannot be
    read or a lock cannot hold); a class it had that the instance lost is a warning."""
    from aligner.changes import with_previous
    from aligner.io import InputError
    from aligner.io.previous import lost_classes, previous_or_raise

    try:
        previous = previous_or_raise(from_dir, data, lock)
    except InputError as exc:
        report_input_error(say("cli.previous_heading", directory=from_dir), exc)
    for (school, klass), n in lost_classes(previous, data).items():
        click.echo(say("cli.warning", message=say("changes.lost_class", klass=klass,
                                                      school=school, n=n)), err=True)
    return with_previous(data, previous)


PREVIOUS_DIR = "previous"
"""Where a re-solve written over its own previous timetable keeps that timetable."""


def keep_previous(from_dir: Path, target: Path) -> None:
    """When the new timetable replaces the previous one in its own directory, keep the previous
    one's files in ``<target>/previous`` (so that ``aligner diff`` can compare them)."""
    import shutil

    if not target.exists() or from_dir.resolve() != target.resolve():
        return
    kept = target / PREVIOUS_DIR
    if kept.exists():
        shutil.rmtree(kept)
    kept.mkdir()
    for path in target.iterdir():
        if path.is_file():
            shutil.copy2(path, kept / path.name)
    click.echo(say("cli.previous_kept", directory=kept), err=True)


class Written:
    """Where solve writes and what it prints: the output directory, the instance's path
    (summary.json ``instance_path``, for aligner export), the --xlsx workbook, the grids."""

    def __init__(self, instance_path: str, target: Path, xlsx: Path | None, *, classes: bool,
                 teachers: bool, quiet: bool = False):
        self.instance_path = instance_path
        self.quiet = quiet
        """--quiet: nothing on stderr but errors (the warnings stay in summary.json)."""
        self.target = target
        self.xlsx = xlsx
        self.classes = classes
        self.teachers = teachers


def _report_one_model(result: Result, written: Written) -> NoReturn:
    """Print and write the outcome of an instance solved as one model; exit with its code."""
    from aligner.cli.text import summary_text
    from aligner.solver.result import Status

    if result.found_before_solving:
        click.echo(say("cli.infeasible_before_solving"))
        _report_infeasible(result, result.explanations[0], written.target)
    if result.status is Status.INFEASIBLE:
        click.echo(summary_text(result), nl=False)
        for warning in [] if written.quiet else result.forms_warnings():  # (and in summary.json)
            click.echo(say("cli.warning", message=warning), err=True)
        _report_infeasible(result, result.explanations[0], written.target)
    if result.status is Status.UNKNOWN:
        click.echo(summary_text(result), nl=False)
        for warning in [] if written.quiet else result.forms_warnings():  # (and in summary.json)
            click.echo(say("cli.warning", message=warning), err=True)
        if result.interrupted:
            click.echo(say("cli.interrupted_before_any"), err=True)
        else:
            click.echo(say("cli.none_in_time", seconds=f"{result.settings.time_limit:g}"),
                       err=True)
        sys.exit(EXIT_NO_SOLUTION)
    if result.status is Status.MODEL_INVALID:
        if result.settings.params and "param" in result.solver_info.lower():
            fail(say("cli.parameters_rejected", info=result.solver_info))
        click.echo(say("cli.model_rejected", info=result.solver_info), err=True)
        sys.exit(EXIT_INTERNAL)
    _show_and_write(result, written)
    sys.exit(EXIT_OK)


def _report_components(result: Result, written: Written) -> NoReturn:
    """Write every timetable found, explain the components that failed; the exit code says the
    worst."""
    from aligner.cli.text import summary_text

    if result.found:
        _show_and_write(result, written)
    else:
        click.echo(summary_text(result), nl=False)
        for warning in [] if written.quiet else result.forms_warnings():  # (and in summary.json)
            click.echo(say("cli.warning", message=warning), err=True)
    if not result.failures and not result.not_started:
        sys.exit(EXIT_OK)
    for failure in result.failures:
        click.echo(say("cli.no_timetable_for", names=", ".join(failure.names),
                       status=failure.status))
        if failure.explanation is not None:
            for sentence in failure.explanation.shown():
                click.echo(f"  - {sentence}")
    if result.explanations:
        from aligner.export.files import INFEASIBILITY_FILE, infeasibility_text

        write_or_exit(written.target, {INFEASIBILITY_FILE: (infeasibility_text(result),
                                                            "utf-8")})
        click.echo(say("cli.wrote_to", files=INFEASIBILITY_FILE, target=written.target),
                   err=True)
    if result.not_started:
        click.echo(say("cli.not_started", count=result.not_started,
                       total=len(result.components)), err=True)
    sys.exit(EXIT_INFEASIBLE if result.explanations else EXIT_NO_SOLUTION)


def _show_and_write(result: Result, written: Written) -> None:
    """Write the output files, then print the grids and the summary (so that a reader that
    stops early, such as ``| head``, loses nothing); exit 6 if the files could not be written."""
    from aligner.cli.text import summary_text, timetable_text
    from aligner.export.files import write_outputs

    target = written.target
    failure = None
    try:
        files = write_outputs(result, target, instance_path=written.instance_path)
    except OSError as exc:
        failure = exc
    with _stdout_may_close():
        if written.classes or written.teachers:
            click.echo(timetable_text(
                result.instance, result.lessons(), result.sessions(), classes=written.classes,
                teachers=written.teachers,
                research=result.research() if result.instance.policy.research_per_week else None))
        click.echo(summary_text(result), nl=False)
        for warning in [] if written.quiet else result.forms_warnings():  # (and in summary.json)
            click.echo(say("cli.warning", message=warning), err=True)
        if failure is None:
            click.echo(say("cli.wrote_to", files=listed([p.name for p in files]),
                           target=target))
    if failure is not None:
        fail(say("cli.cannot_write_results", target=target,
                 reason=failure.strerror or failure, file=failure.filename or target),
             EXIT_CANNOT_WRITE)
    if written.xlsx:
        from aligner.cli.office_commands import write_workbook_of

        write_workbook_of(result.instance, target, written.xlsx)


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


def _report_infeasible(result: Result, explanation: Explanation, target: Path) -> NoReturn:
    """Print why no timetable exists, write infeasibility.json, exit 3."""
    from aligner.export.files import write_infeasibility

    click.echo(say("cli.no_timetable_exists"))
    conflict = explanation.conflict
    if explanation.findings:
        click.echo(say("cli.why"))
    elif conflict is None:
        click.echo(say("cli.conflict_not_found"))
    else:
        grouped = len(explanation.shown()) < len(conflict.groups)
        click.echo(say("cli.conflict_minimal") if conflict.minimal else
                   say("cli.conflict_grouped" if grouped else "cli.conflict_not_minimal",
                       count=len(conflict.groups)))
    for sentence in explanation.shown():
        click.echo(f"  - {sentence}")
    try:
        path = write_infeasibility(result, target)
    except OSError as exc:
        fail(say("cli.cannot_write_file", file=f"{target}/infeasibility.json",
                 reason=exc.strerror or exc), EXIT_CANNOT_WRITE)
    click.echo(say("cli.wrote_infeasibility", path=path), err=True)
    sys.exit(EXIT_INFEASIBLE)


@main.command("check", short_help="Re-verify a timetable against every hard rule.")
@LANG_OPTION
@INSTANCE_ARGUMENT
@click.argument("solution", type=click.Path(file_okay=False))
@SEASON_OPTION
@click.option("--bells", "bells", type=click.Path(dir_okay=False),
              help="Check against these bells (bells.csv columns) [default: those the timetable "
                   "was solved on, as summary.json records them].")
@click.option("--loads", "show_loads", is_flag=True,
              help="Also print every teacher's recomputed credited load.")
@click.option("--all", "show_all", is_flag=True,
              help="Print every violation and out-of-date report line [default: the first "
                   "20 of each rule, then how many more].")
def check_command(
    instance: str, solution: str, seasons: tuple[str, ...] | None, bells: str | None,
    show_loads: bool, show_all: bool
) -> None:
    """Re-verify the timetable in SOLUTION (lessons.csv and sessions.csv, ours or edited by
    hand) against every hard rule of INSTANCE; recompute the objective terms and each teacher's
    credited load. Exit 0 when no hard rule is broken, 1 otherwise."""
    from aligner.check import check_solution
    from aligner.cli.text import check_text

    if not Path(solution).is_dir():
        fail(say("cli.not_a_solution", solution=solution))
    if not any((Path(solution) / name).is_file() for name in ("lessons.csv", "sessions.csv")):
        why = (say("cli.holds_infeasibility")
               if (Path(solution) / "infeasibility.json").is_file() else "")
        fail(say("cli.no_timetable_files", solution=solution, why=why))
    data, notes = _load_solved(solution, instance, seasons, bells)
    for note in notes:
        click.echo(note)
    report = check_solution(data, solution)
    click.echo(check_text(data, report, show_loads=show_loads, show_all=show_all), nl=False)
    sys.exit(EXIT_OK if report.ok else EXIT_BROKEN)


def _keep_solved_bells(target: Path) -> None:
    """Refuse to write a proposal over the moved bells a timetable in ``target`` was scheduled
    on (solve --align-bells): that timetable would lose its bells."""
    from aligner.io.formats import BELLS_PROPOSED_FILE
    from aligner.io.solution_dir import read_summary

    recorded = read_summary(target).get("bells")
    if isinstance(recorded, dict) and recorded.get("source") == BELLS_PROPOSED_FILE \
            and (target / BELLS_PROPOSED_FILE).is_file():
        fail(say("cli.keep_solved_bells", file=target / BELLS_PROPOSED_FILE, target=target))


def _load_solved(solution: str, instance: str, seasons: tuple[str, ...] | None,
                 bells: str | None) -> tuple[Instance, list[str]]:
    """The instance with the bells the timetable in ``solution`` was solved on; exit 2 on bad
    input."""
    import warnings

    from aligner.io import InputError, InputWarning
    from aligner.io.solution_dir import load_solved_instance

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            return load_solved_instance(solution, instance, seasons, bells)
        except InputError as exc:
            report_bad_instance(instance, exc)
        finally:
            show_warnings(caught)


@main.command("align", short_help="Show how periods overlap; propose aligned bells.")
@LANG_OPTION
@INSTANCE_ARGUMENT
@SEASON_OPTION
@click.option("--optimize", is_flag=True,
              help="Propose moved bells that align as many hub periods as possible with every "
                   "receiving school (full overlap preferred, least movement), and write "
                   "bells_proposed.csv.")
@MOVABLE_OPTION
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Where --optimize writes bells_proposed.csv [default: out/<instance "
                   "directory name>/proposal, apart from the timetables solve writes].")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=20.0,
              show_default=True, help="Seconds CP-SAT may search per season (--optimize).")
def align_command(instance: str, seasons: tuple[str, ...] | None, optimize: bool, movable: str,
                  out_dir: str | None, time_limit: float) -> None:
    """Print the wall-clock overlap (minutes) of every hub period with every receiving period
    for each pair of schools linked by a course, and mark the pairs that qualify; with
    --optimize, propose synchronised bell schedules.

    Only instance.yaml, schools.csv, bells.csv and the school pairs in sync.csv are needed, so
    this works while the rest of the instance is still being drafted."""
    import warnings

    from aligner.alignment.proposal import MovableError, movable_schools, propose_bells, with_bells
    from aligner.cli.text import alignment_text, dropped_breaks_text, proposals_text
    from aligner.export.files import bells_csv
    from aligner.io import InputError, InputWarning, load_schedules
    from aligner.solver.settings import SolverSettings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            data, pairs = load_schedules(instance, seasons)
        except InputError as exc:
            report_bad_instance(instance, exc)
        finally:
            show_warnings(caught)
    click.echo(alignment_text(data, pairs), nl=False)
    if not optimize:
        return
    target = Path(out_dir) if out_dir else default_out(instance) / PROPOSAL_DIRECTORY
    check_writable(target)
    _keep_solved_bells(target)
    try:
        schools = movable_schools(data, movable, pairs)
    except MovableError as exc:
        fail(str(exc))
    proposals = propose_bells(data, schools, pairs, SolverSettings(time_limit=time_limit,
                                                                   workers=1))
    click.echo("")
    click.echo(proposals_text(data, proposals), nl=False)
    moved = with_bells(data, proposals)
    click.echo(dropped_breaks_text(moved), nl=False)
    write_or_exit(target, {"bells_proposed.csv": (bells_csv(moved.bells, moved.breaks),
                                                   "utf-8-sig")})
    click.echo(say("cli.wrote_proposal", target=target))


@main.command("generate", short_help="Write a realistic generated instance.")
@LANG_OPTION
@click.option("--preset", type=click.Choice(list(PRESETS)), required=True,
              help="pair, county (28 schools), city (101 schools in 66 pairs), hubs25 (100 "
                   "schools: 25 hubs with three receiving schools each) or province (1,120 "
                   "schools).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Directory to write the instance into.")
@click.option("--office-rules/--no-office-rules", default=True, show_default=True,
              help="The office's rules at realistic rates: 班会 pinned, special rooms, teachers' "
                   "day limits, combined classes, co-teaching (--no-office-rules: the instance "
                   "of the same preset and seed without them, as generated before they existed).")
def generate_command(preset: str, seed: int, out_dir: str, office_rules: bool) -> None:
    """Write a realistic instance of the preset, feasible by construction (built around a
    timetable that keeps every rule). data/README.md documents the distributions."""
    from aligner.generate import generate

    target = Path(out_dir)
    check_writable(target)
    if target.is_dir() and any(target.iterdir()):
        fail(say("cli.not_empty", target=target))
    started = time.perf_counter()
    generated = generate(preset, seed, office_rules=office_rules)
    generated.write(target)
    rows = generated.rows
    click.echo(say("cli.wrote_generated", preset=preset, seed=seed, target=target,
                   schools=len(rows["schools"]), classes=len(rows["classes"]),
                   teachers=len(rows["teachers"]),
                   courses=len({r["course_id"] for r in rows["sync"]}),
                   pairs=say("cli.pairs", n=generated.preset.pairs),
                   seconds=f"{time.perf_counter() - started:.1f}"))
    click.echo(_office_summary(rows) if office_rules else say("cli.generated_no_office_rules"))


def _office_summary(rows: dict[str, list[dict[str, Any]]]) -> str:
    """How many of each office rule a generated instance holds."""
    limited = sum(1 for t in rows["teachers"]
                  if t.get("max_per_day") or t.get("max_consecutive") or t.get("max_days"))
    combined = sum(1 for r in rows["curriculum"] if "+" in r["class_id"])
    co_taught = sum(1 for r in rows["curriculum"] if "+" in r["teacher_id"])
    return say("cli.generated_office_rules", pinned=len(rows.get("pinned", [])),
               rooms=len(rows.get("rooms", [])), limited=limited, combined=combined,
               co_taught=co_taught)


def _register() -> None:
    """The commands that live in modules of their own."""
    from aligner.cli.bench_command import bench_command
    from aligner.cli.fet_commands import (
        export_fet_command,
        import_fet_command,
        read_fet_timetable_command,
    )
    from aligner.cli.living_commands import (
        check_substitutions_command,
        diff_command,
        substitute_command,
    )
    from aligner.cli.office_commands import export_command, template_command
    from aligner.cli.programme_commands import plan_command, report_command

    for command in (bench_command, import_fet_command, export_fet_command,
                    read_fet_timetable_command, export_command, template_command, diff_command,
                    substitute_command, check_substitutions_command, plan_command,
                    report_command):
        main.add_command(command)


_register()


if __name__ == "__main__":
    main()
