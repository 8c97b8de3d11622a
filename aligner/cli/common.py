"""What every command module shares: the documented exit codes and how a command fails."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

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
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def report_input_error(heading: str, exc: InputError, *, count: bool = False) -> NoReturn:
    """Every input problem (file, row, column) on stderr under ``heading``; exit 2."""
    click.echo(f"error: {heading}:", err=True)
    for issue in exc.issues:
        click.echo(f"  {issue}", err=True)
    if count:
        click.echo(f"({len(exc.issues)} problem(s))", err=True)
    sys.exit(EXIT_BAD_INPUT)


def write_or_exit(target: Path, contents: dict[str, tuple[str, str]]) -> None:
    """Write the files all or nothing (:func:`aligner.export.write_files`); exit 6 if that
    fails, leaving what was there."""
    from aligner.export import write_files

    try:
        write_files(target, contents)
    except OSError as exc:
        fail(f"cannot write to {target}: {exc.strerror or exc} ({exc.filename or target}); "
             "files already there were left as they were", EXIT_CANNOT_WRITE)
