"""Reading the CSV tables of an instance: encoding, header and rows, with spreadsheet row numbers."""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.io.errors import IssueLog

ENCODINGS = ("utf-8-sig", "gb18030")
"""UTF-8 (a BOM is tolerated) first, then GB18030, as Excel writes CSV on Chinese Windows."""


@dataclass(frozen=True)
class Row:
    """One data row. ``number`` is the spreadsheet row: the header is row 1."""

    file: str
    number: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass(frozen=True)
class Table:
    file: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str


def read_text(directory: Path, file: str, what: str, log: IssueLog) -> tuple[str, str] | None:
    """The text of ``directory/file`` and the encoding that decoded it (the first of
    :data:`ENCODINGS` that works); None, with the problem logged, when it cannot be read.
    ``what`` tells a user what the missing file should hold."""
    path = directory / file
    if not path.is_file():
        log.add(file, f"file is missing ({what})")
        return None
    data = path.read_bytes()
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    log.add(file, "cannot be decoded as UTF-8 or GB18030; save it as 'CSV UTF-8'")
    return None


def read_table(
    directory: Path,
    file: str,
    required: Sequence[str],
    optional: Sequence[str],
    log: IssueLog,
) -> Table | None:
    """Read ``directory/file``; log every problem and return None when the table is unusable."""
    expected = ", ".join(list(required) + list(optional))
    decoded = read_text(directory, file, f"expected a CSV with columns {expected}", log)
    if decoded is None:
        return None
    text, encoding = decoded
    if encoding != ENCODINGS[0]:
        log.warn(file, f"read as {encoding.upper()} (not UTF-8); saving as 'CSV UTF-8' avoids "
                 "surprises")
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        log.add(file, f"is not a valid CSV file ({exc})")
        return None
    return table_from_records(file, records, required, optional, log, encoding)


def table_from_records(
    file: str,
    records: Sequence[Sequence[str]],
    required: Sequence[str],
    optional: Sequence[str],
    log: IssueLog,
    encoding: str = "",
) -> Table | None:
    """A table from its rows of text cells, the header first (a CSV file's records, or a
    workbook sheet's); log every problem and return None when the table is unusable."""
    expected = ", ".join(list(required) + list(optional))
    if not records or not any(cell.strip() for cell in records[0]):
        log.add(file, f"is empty: a header row is required (columns {expected})", row=1)
        return None

    header = [cell.strip().lower() for cell in records[0]]
    ok = True
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            log.add(file, "column appears twice in the header", row=1, column=name)
            ok = False
        seen.add(name)
    missing = [name for name in required if name not in seen]
    if missing and len(header) == 1:
        for separator, word in ((";", "semicolons"), ("\t", "tabs")):
            if separator in records[0][0]:
                log.add(file, f"the columns seem to be separated by {word}; save the file as "
                        "CSV (comma-separated)", row=1)
                return None
    for name in missing:
        log.add(file, "required column is missing from the header", row=1, column=name)
        ok = False
    known = [*required, *optional]
    for name in header:
        if name and name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
            if close and close[0] not in seen:
                # Probably a misspelt column: ignoring it would silently drop its data.
                log.add(file, f"unknown column '{name}': did you mean '{close[0]}'? (extra "
                        "columns are ignored, but this one looks like a misspelling)",
                        row=1, column=name)
                ok = False
            elif close:
                log.warn(file, f"column '{name}' is ignored (the table has '{close[0]}')",
                         row=1, column=name)
    if not ok:
        return None

    rows: list[Row] = []
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines, as spreadsheets leave at the end
        if len(record) > len(header) and any(c.strip() for c in record[len(header):]):
            log.add(file, f"row has {len(record)} cells but the header has {len(header)}", row=index)
            continue
        cells = {
            name: record[i].strip() if i < len(record) else ""
            for i, name in enumerate(header)
            if name
        }
        rows.append(Row(file, index, cells))
    return Table(file, tuple(header), tuple(rows), encoding)
