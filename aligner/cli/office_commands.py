"""``aligner export`` and ``aligner template``: the office formats (Excel, HTML, iCalendar) on the
command line; registered on :data:`aligner.cli.main`. Exit codes as for the other commands: 0
done, 2 bad input or usage (nothing written), 6 an output could not be written."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from aligner.cli.common import EXIT_BAD_INPUT, EXIT_CANNOT_WRITE, report_input_error
from aligner.cli.common import fail as _fail
from aligner.messages import say

if TYPE_CHECKING:
    from aligner.instance import Instance


def _have_openpyxl() -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        _fail(say("cli.needs_openpyxl"))


def check_xlsx_target(path: Path) -> None:
    """Before solving: openpyxl is there and the workbook path can be a file."""
    _have_openpyxl()
    if path.is_dir():
        _fail(say("cli.xlsx_is_directory", path=path))
    if path.suffix.lower() != ".xlsx":
        _fail(say("cli.xlsx_suffix", path=path))


def _write(targets: list, what: str) -> list[Path]:
    from aligner.export.targets import write_exports

    try:
        return write_exports(targets)
    except OSError as exc:
        _fail(say("cli.cannot_write_what", what=what, reason=exc.strerror or exc,
                  file=exc.filename or ""), EXIT_CANNOT_WRITE)


def write_workbook_of(instance: Instance, solution_dir: Path, xlsx: Path) -> None:
    """solve --xlsx: the workbook of the timetable just written to ``solution_dir``."""
    from aligner.export.targets import build_exports
    from aligner.export.view import read_solution

    solution = read_solution(instance, solution_dir)
    _write(build_exports(solution, xlsx=xlsx), str(xlsx))
    click.echo(say("cli.wrote", path=xlsx))


def _season_from(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
                 ) -> dict[str, dt.date]:
    from aligner.export.ics import CalendarError, parse_date

    starts: dict[str, dt.date] = {}
    for value in values:
        season, sep, date = value.partition("=")
        if not sep or not season.strip():
            raise click.BadParameter(say("cli.bad_season_from", value=value))
        try:
            starts[season.strip()] = parse_date(date)
        except CalendarError as exc:
            raise click.BadParameter(str(exc)) from None
    return starts


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    from aligner.export.ics import CalendarError, parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except CalendarError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("export", short_help="Write a timetable as Excel, web pages, calendars.")
@click.argument("solution", type=click.Path(file_okay=False))
@click.option("--instance", "instance_path", type=click.Path(),
              help="The instance (directory or .xlsx) [default: summary.json's instance_path].")
@click.option("--season", "seasons", metavar="S[,S...]",
              help="The seasons the timetable was solved for [default: summary.json's].")
@click.option("--bells", "bells", type=click.Path(dir_okay=False),
              help="The bells (bells.csv columns) the timetable was solved on [default: those "
                   "summary.json records: the instance's, or the moved ones of --align-bells].")
@click.option("--xlsx", type=click.Path(dir_okay=False), help="Write an Excel workbook.")
@click.option("--html", type=click.Path(file_okay=False),
              help="Write a static web site (index, schools, classes, teachers) here.")
@click.option("--ics", type=click.Path(file_okay=False),
              help="Write an iCalendar file per teacher and per class here (needs --from and --to, "
                   "or the instance's term calendar).")
@click.option("--from", "date_from", callback=_date, metavar="YYYY-MM-DD",
              help="First day of the term (--ics).")
@click.option("--to", "date_to", callback=_date, metavar="YYYY-MM-DD",
              help="Last day of the term (--ics).")
@click.option("--skip-dates", multiple=True, type=click.Path(dir_okay=False),
              help="File of holidays and other dates without lessons (--ics; repeatable).")
@click.option("--season-from", "season_from", multiple=True, callback=_season_from,
              metavar="SEASON=DATE",
              help="With several seasons (--ics): the first date of each season's bells, e.g. "
                   "--season-from summer=2023-05-01 (repeatable).")
@click.option("--from-date", "applies_from", callback=_date, metavar="YYYY-MM-DD",
              help="The day the timetable applies from, printed in the titles of the workbook "
                   "and the web pages (e.g. 2022-10-09: 2022年10月9日起执行) [default: --from, "
                   "with --ics].")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of labels and titles.")
def export_command(solution: str, instance_path: str | None, seasons: str | None,
                   bells: str | None,
                   xlsx: str | None, html: str | None, ics: str | None,
                   date_from: dt.date | None, date_to: dt.date | None,
                   skip_dates: tuple[str, ...], season_from: dict[str, dt.date],
                   applies_from: dt.date | None, lang: str) -> None:
    """Write the timetable in SOLUTION (what aligner solve --out wrote) as an Excel workbook,
    printable web pages and/or iCalendar files. Names and bells come from the instance, found
    through summary.json's instance_path or given with --instance."""
    from aligner.export.extras import MissingExtra
    from aligner.export.ics import CalendarError, Term, read_dates_file
    from aligner.export.targets import build_exports
    from aligner.export.view import SolutionError, load_solution
    from aligner.io import InputError

    if not (xlsx or html or ics):
        _fail(say("cli.what_to_write"))
    if xlsx:
        check_xlsx_target(Path(xlsx))
    skip: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    if ics and (date_from is None) != (date_to is None):  # both, or the instance's term
        _fail(say("cli.ics_needs_dates"))
    if ics:
        try:
            for file in skip_dates:
                skipped, made_up = read_dates_file(file)
                skip |= skipped
                workdays |= made_up
        except CalendarError as exc:
            _fail(str(exc))
    chosen = tuple(s.strip() for s in seasons.split(",") if s.strip()) if seasons else None
    try:
        loaded = load_solution(solution, instance_path, chosen, bells)
        for note in loaded.notes:
            click.echo(note, err=True)
        term = None
        if ics:
            # the instance's term calendar (instance.yaml term) gives what is not given here:
            # the first and last day, its holidays and make-up days, the seasons' first dates
            calendar = loaded.instance.term
            if calendar is not None and date_from is None and date_to is None:
                date_from, date_to = calendar.start, calendar.end
                skip = dict(calendar.skipped) | skip
                workdays = dict(calendar.workdays) | workdays
                season_from = dict(calendar.season_from) | season_from
            if date_from is None or date_to is None:
                _fail(say("cli.ics_needs_dates"))
            term = Term(date_from, date_to, skip, season_from, workdays)
        targets = build_exports(loaded, xlsx=xlsx, html=html, ics=ics, term=term, lang=lang,
                                applies_from=applies_from or (date_from if ics else None))
    except (SolutionError, InputError) as exc:
        click.echo(say("cli.error_heading", heading=say("cli.cannot_export", solution=solution)),
                   err=True)
        for issue in exc.issues:
            click.echo(f"  {issue}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except (CalendarError, MissingExtra) as exc:
        _fail(str(exc))
    _write(targets, say("cli.the_exports"))
    for directory, contents in targets:
        if len(contents) == 1:
            click.echo(say("cli.wrote", path=directory / next(iter(contents))))
        else:
            click.echo(say("cli.wrote_files", count=len(contents), directory=directory))


@click.command("template", short_help="Write an instance workbook for an office to fill.")
@click.option("--xlsx", type=click.Path(dir_okay=False), required=True,
              help="The workbook to write.")
@click.option("--from", "source", type=click.Path(file_okay=False),
              help="Fill it with this instance directory's instance.yaml and CSV tables.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Column names and notes in Chinese (学校编号, ...) or English (school_id, ...).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def template_command(xlsx: str, source: str | None, lang: str, force: bool) -> None:
    """Write an instance workbook for an office to fill in: a sheet per table with annotated
    headers, the settings sheet with every default, drop-down lists for forms and levels. Solve
    it with aligner solve FILE.xlsx."""
    from aligner.io import InputError
    from aligner.io.workbook import default_settings, workbook_from, workbook_of_directory

    path = Path(xlsx)
    check_xlsx_target(path)
    if path.exists() and not force:
        _fail(say("cli.exists", path=path))
    try:
        content = workbook_of_directory(source, lang) if source else \
            workbook_from(default_settings(lang), {}, lang)
    except InputError as exc:
        report_input_error(say("cli.cannot_read_instance", directory=source), exc)
    _write([(path.parent, {path.name: content})], str(path))
    click.echo(say("cli.wrote_from", path=path, source=source) if source
               else say("cli.wrote", path=path))
