"""What every command module shares: the documented exit codes, how a command fails, loading an
instance, the options several commands take, and writing files all or nothing.

Nothing here imports OR-Tools or pandas: ``aligner --help`` and a usage error answer at once.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from aligner.messages import say

if TYPE_CHECKING:
    from aligner.instance import Instance
    from aligner.io import InputError

EXIT_OK = 0
EXIT_BROKEN = 1
"""aligner check: a hard rule is broken."""
EXIT_BAD_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_NO_SOLUTION = 4
EXIT_INTERNAL = 5
EXIT_CANNOT_WRITE = 6


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """``error: message`` on stderr, then exit with ``code``."""
    click.echo(say("cli.error", message=message), err=True)
    sys.exit(code)


def report_input_error(heading: str, exc: InputError, *, count: bool = False) -> NoReturn:
    """Every input problem (file, row, column) on stderr under ``heading``; exit 2."""
    click.echo(say("cli.error_heading", heading=heading), err=True)
    for issue in exc.issues:
        click.echo(f"  {issue}", err=True)
    if count:
        click.echo(say("cli.one_problem") if len(exc.issues) == 1 else
                   say("cli.problems", count=len(exc.issues)), err=True)
    sys.exit(EXIT_BAD_INPUT)


def load_or_exit(directory: str, seasons: tuple[str, ...] | None = None,
                 bells: Path | None = None) -> Instance:
    """The validated instance; warnings on stderr; on bad input, every problem on stderr and
    exit 2."""
    from aligner.io import InputError, InputWarning, load_instance

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            return load_instance(directory, seasons, bells)
        except InputError as exc:
            report_bad_instance(directory, exc)
        finally:
            show_warnings(caught)


def report_bad_instance(directory: str, exc: InputError) -> NoReturn:
    report_input_error(say("cli.cannot_read_instance", directory=directory), exc, count=True)


def show_warnings(caught: list[warnings.WarningMessage]) -> None:
    for warning in caught:
        click.echo(say("cli.warning", message=warning.message), err=True)


def write_or_exit(target: Path, contents: dict[str, tuple[str, str]]) -> None:
    """Write the files all or nothing (:func:`aligner.export.write_files`); exit 6 if that
    fails, leaving what was there."""
    from aligner.export.files import write_files

    try:
        write_files(target, contents)
    except OSError as exc:
        fail(say("cli.cannot_write_to", target=target, reason=exc.strerror or exc,
                 file=exc.filename or target), EXIT_CANNOT_WRITE)


def check_writable(target: Path) -> None:
    """Refuse, before any work, an output path that is a file or lies under one."""
    for path in (target, *target.parents):
        if path.exists():
            if not path.is_dir():
                fail(say("cli.file_not_directory", target=target, path=path))
            return


def default_out(instance: str) -> Path:
    """out/<instance directory name> (or the workbook's name without .xlsx)."""
    path = Path(instance).resolve()
    return Path("out") / (path.stem if path.is_file() else path.name)


def _seasons(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple | None:
    if value is None:
        return None
    seasons = tuple(s.strip() for s in value.split(",") if s.strip())
    if not seasons or len(set(seasons)) != len(seasons):
        raise click.BadParameter(say("cli.bad_seasons", value=value))
    return seasons


SEASON_OPTION = click.option(
    "--season", "seasons", callback=_seasons, metavar="S[,S...]",
    help="Season(s) of bells.csv to use, overriding instance.yaml; several (winter,summer) give "
         "one weekly timetable that works with every season's bells.")

MOVABLE_OPTION = click.option(
    "--movable", default="receiving", show_default=True, metavar="WHO",
    help="Whose bells may move: receiving, hub, all, or comma-separated school ids.")

def _language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    from aligner.messages import set_language

    if value is not None:
        set_language(value)


LANG_OPTION = click.option(
    "--lang", type=click.Choice(["zh", "en"]), callback=_language, expose_value=False,
    is_eager=True, help="Messages in Chinese or English (as aligner --lang before the command).")
"""``--lang`` after the command too (``aligner solve X --lang en``), for the messages."""

INSTANCE_ARGUMENT = click.argument("instance", type=click.Path())
"""An instance directory or an .xlsx workbook."""


def parameter_pairs(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
                    ) -> tuple:
    """--param NAME=VALUE values as (name, value) pairs."""
    pairs = []
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip() or not setting.strip():
            raise click.BadParameter(say("cli.bad_param", value=value))
        pairs.append((name.strip(), setting.strip()))
    return tuple(pairs)
