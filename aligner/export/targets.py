"""The office exports together: build every requested file first, then write each target all
or nothing (a workbook file, an HTML directory, an iCalendar directory)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from aligner.export.files import write_files
from aligner.export.ics import Term, calendar_files
from aligner.export.view import TimetableView


def build_exports(
    solution: TimetableView,
    *,
    xlsx: str | Path | None = None,
    html: str | Path | None = None,
    ics: str | Path | None = None,
    term: Term | None = None,
    lang: str = "zh",
    applies_from: dt.date | None = None,
) -> list[tuple[Path, dict[str, str | bytes]]]:
    """(directory, {file name: content}) of every requested export; raises before anything is
    written when one cannot be built (openpyxl missing, bad dates, ...). ``applies_from``, the
    first day the timetable applies, is printed in the titles of the workbook and the pages."""
    targets: list[tuple[Path, dict[str, str | bytes]]] = []
    if xlsx is not None:
        from aligner.export.xlsx import workbook_bytes

        path = Path(xlsx)
        targets.append((path.parent, {path.name: workbook_bytes(solution, lang, applies_from)}))
    if html is not None:
        from aligner.export.html import site_files

        targets.append((Path(html), dict(site_files(solution, lang, applies_from))))
    if ics is not None:
        if term is None:
            raise ValueError("iCalendar files need the term's dates (--from, --to)")
        targets.append((Path(ics), dict(calendar_files(solution, term, lang))))
    return targets


def write_exports(targets: list[tuple[Path, dict[str, str | bytes]]]) -> list[Path]:
    """Write each target all or nothing (see :func:`~aligner.export.files.write_files`)."""
    written: list[Path] = []
    for directory, contents in targets:
        written += write_files(directory, {
            name: content if isinstance(content, bytes) else (content, "utf-8")
            for name, content in contents.items()})
    return written
