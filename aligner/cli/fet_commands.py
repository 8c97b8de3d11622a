"""The FET commands of the ``aligner`` CLI (registered in :mod:`aligner.cli.main`): thin
wrappers over :mod:`aligner.fet`."""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import click

from aligner.cli.common import LANG_OPTION, load_or_exit, report_input_error, write_or_exit
from aligner.cli.common import fail as _fail
from aligner.messages import say

if TYPE_CHECKING:
    from aligner.fet.importer import FetImport


@click.command("import-fet", short_help="Convert FET files into an instance.")
@LANG_OPTION
@click.argument("fet_file", required=False, type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="New (or empty) directory for the instance.")
@click.option("--bells", type=click.Path(dir_okay=False),
              help="CSV with period,start,end for the file's hours (less all-day breaks), when "
                   "the hour names carry no times.")
@click.option("--strict", is_flag=True, help="Refuse the file if anything would be dropped.")
@click.option("--pair", nargs=2, type=click.Path(dir_okay=False), metavar="HUB.fet RECEIVING.fet",
              help="Import two schools as one paired instance (with --courses).")
@click.option("--courses", type=click.Path(dir_okay=False),
              help="With --pair: the pairing table (sync.csv's columns, FET names).")
@click.option("--school-ids", help="With --pair: the two schools' ids, 'hub,receiving' "
                                   "(default: the file names).")
def import_fet_command(fet_file: str | None, out_dir: str, bells: str | None, strict: bool,
                       pair: tuple[str, str] | None, courses: str | None,
                       school_ids: str | None) -> None:
    """Convert a FET file (FET_FILE) or two paired schools' files (--pair) into an instance
    directory; print what was converted and list by type, count and weight everything that was
    dropped."""
    from aligner.fet.importer import import_fet, import_pair
    from aligner.io import InputError

    if bool(pair) == bool(fet_file) or bool(pair) != bool(courses):
        _fail(say("cli.fet.file_or_pair"))
    if pair and bells:
        _fail(say("cli.fet.bells_with_pair"))
    if school_ids and not pair:
        _fail(say("cli.fet.school_ids_without_pair"))
    target = Path(out_dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        _fail(say("cli.fet.not_empty", target=target))
    ids = None
    if school_ids:
        parts = [p.strip() for p in school_ids.split(",")]
        if len(parts) != 2 or not all(parts):
            _fail(say("cli.fet.two_ids"))
        ids = (parts[0], parts[1])
    try:
        if pair:
            assert courses is not None
            imported = import_pair(pair[0], pair[1], courses, ids)
        else:
            assert fet_file is not None
            imported = import_fet(fet_file, bells=bells)
    except InputError as exc:
        report_input_error(say("cli.fet.cannot_import"), exc)
    click.echo(imported.report_text(), nl=False)
    if strict and imported.losses:
        _fail(say("cli.fet.strict", count=sum(x.count for x in imported.losses)))
    _validate(imported)
    write_or_exit(target, imported.files())
    click.echo(say("cli.fet.wrote_instance", target=target))


def _validate(imported: FetImport) -> None:
    """The converted instance must read back; otherwise say why and write nothing."""
    from aligner.io import InputError, InputWarning, load_instance

    with tempfile.TemporaryDirectory() as scratch:
        for name, (text, encoding) in imported.files().items():
            (Path(scratch) / name).write_text(text, encoding=encoding)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            try:
                load_instance(scratch)
            except InputError as exc:
                report_input_error(say("cli.fet.converted_invalid"), exc)


@click.command("export-fet", short_help="Write an instance (and timetable) as a FET file.")
@LANG_OPTION
@click.argument("instance", type=click.Path())
@click.option("--out", "out_file", type=click.Path(dir_okay=False), required=True,
              help="The .fet file to write.")
@click.option("--solution", type=click.Path(file_okay=False),
              help="A timetable directory (lessons.csv, sessions.csv): lock every activity "
                   "at its place in it.")
def export_fet_command(instance: str, out_file: str, solution: str | None) -> None:
    """Write INSTANCE as a FET file; list what FET cannot express (also in the file)."""
    from aligner.fet.exporter import export_fet
    from aligner.fet.names import FetTimetableError

    target = Path(out_file)
    if target.is_dir():
        _fail(say("cli.fet.target_is_directory", target=target))
    data = load_or_exit(instance)
    try:
        exported = export_fet(data, solution)
    except FetTimetableError as exc:
        _fail(str(exc))
    write_or_exit(target.parent, {target.name: (exported.text, "utf-8")})
    click.echo(say("cli.fet.wrote_fet", target=target, activities=exported.activities,
                   locked=say("cli.fet.locked", count=exported.locked, solution=solution)
                   if solution else ""))
    if exported.unexpressed:
        click.echo(say("cli.fet.not_expressible"))
        for note in exported.unexpressed:
            click.echo(f"  - {note}")


@click.command("read-fet-timetable", short_help="Read fet-cl's timetable back for check.")
@LANG_OPTION
@click.argument("instance", type=click.Path())
@click.argument("fet_output", type=click.Path(file_okay=False))
@click.option("--fet", "fet_file", type=click.Path(dir_okay=False),
              help="The file written by export-fet that FET solved (default: the instance's "
                   "fet_mapping.json from import-fet).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Directory for lessons.csv and sessions.csv.")
def read_fet_timetable_command(instance: str, fet_output: str, fet_file: str | None,
                               out_dir: str) -> None:
    """Translate the timetable fet-cl wrote to FET_OUTPUT (its --outputdir) into lessons.csv and
    sessions.csv for INSTANCE; check it with `aligner check`."""
    from aligner.export.files import csv_text
    from aligner.export.frames import lessons_frame, sessions_frame
    from aligner.fet.output import (
        FetTimetableError,
        load_mapping,
        read_fet_output,
        timetable_from_export,
        timetable_from_import,
    )

    data = load_or_exit(instance)
    try:
        outcome = read_fet_output(fet_output)
        if fet_file:
            timetable = timetable_from_export(data, fet_file, outcome.placements, outcome.rooms)
        else:
            timetable = timetable_from_import(data, load_mapping(instance), outcome.placements,
                                              outcome.rooms)
    except FetTimetableError as exc:
        _fail(str(exc))
    write_or_exit(Path(out_dir), {
        "lessons.csv": (csv_text(lessons_frame(data, timetable)), "utf-8-sig"),
        "sessions.csv": (csv_text(sessions_frame(data, timetable)), "utf-8-sig")})
    soft = "" if outcome.soft_conflicts is None else say(
        "cli.fet.soft_conflicts", conflicts=f"{outcome.soft_conflicts:g}",
        broken=outcome.broken_soft)
    click.echo(say("cli.fet.wrote_timetable", out=out_dir, lessons=len(timetable.lessons),
                   sessions=len(timetable.sessions), soft=soft, instance=instance))
