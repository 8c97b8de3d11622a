"""Reading the CSV tables of an instance: encoding, header and rows, with spreadsheet row numbers."""

from __future__ import annotations

import csv
import difflib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.io.errors import IssueLog
from aligner.messages import say

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
    label: str = ""
    """How the user names it when it is not the file (a workbook's sheet: 工作表 固定课程)."""


MAX_FILE_BYTES = 50 * 1024 * 1024
"""A table or instance.yaml larger than this is refused (a province's curriculum is ~5 MB)."""
MAX_CELL = 1000
"""Characters a cell may hold (the longest name or note an office types is far shorter)."""
csv.field_size_limit(MAX_FILE_BYTES)  # a long cell is named at its row and column, not refused


def read_text(directory: Path, file: str, what: str, log: IssueLog) -> tuple[str, str] | None:
    """The text of ``directory/file`` and the encoding that decoded it (the first of
    :data:`ENCODINGS` that works); None, with the problem logged, when it cannot be read: a
    missing file (``what`` tells a user what it should hold), a directory or a broken link in
    its place, UTF-16, binary data, Big5 taken for GB18030."""
    path = directory / file
    if not path.is_file():
        log.add(file, _not_a_file(path, what))
        return None
    if path.stat().st_size > MAX_FILE_BYTES:
        log.add(file, say("io.file_too_large", size=f"{path.stat().st_size:,}",
                          maximum=f"{MAX_FILE_BYTES:,}"))
        return None
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (data and data.count(b"\x00") * 4 > len(data)):
        log.add(file, say("io.utf16"))
        return None
    if b"\x00" in data or _control_share(data) > 0.01:
        log.add(file, say("io.binary"))
        return None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and _looks_like_big5(data, text):
            log.add(file, say("io.big5"))
            return None
        return text, encoding
    log.add(file, say("io.undecodable"))
    return None


def _not_a_file(path: Path, what: str) -> str:
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return say("io.link_loops")
        except OSError:
            return say("io.link_to_nothing", target=os.readlink(path))
        return say("io.link_to_no_file", target=target)
    if path.is_dir():
        return say("io.directory_not_file_what", what=what) if what else \
            say("io.directory_not_file")
    return say("io.file_missing_what", what=what) if what else say("io.file_missing")


def _control_share(data: bytes) -> float:
    """The share of control bytes other than tab and line ends (binary data has many)."""
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / max(1, len(sample))


def _looks_like_big5(data: bytes, text: str) -> bool:
    """Big5 bytes also decode as GB18030, into rare characters, kana and box drawing: most of
    the non-ASCII characters then lie outside the common (GB2312) set, while the bytes decode
    as Big5 as well."""
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return False
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return False
    common = sum(1 for ch in wide if _in_gb2312(ch))
    return common < 0.8 * len(wide)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def read_table(
    directory: Path,
    file: str,
    required: Sequence[str],
    optional: Sequence[str],
    log: IssueLog,
) -> Table | None:
    """Read ``directory/file``; log every problem and return None when the table is unusable."""
    columns, extra = ", ".join(required), ", ".join(optional)
    expected = (say("io.expected_csv_optional", columns=columns, optional=extra)
                if required and optional else
                say("io.expected_csv", columns=columns) if required else
                say("io.expected_csv_only_optional", optional=extra))
    decoded = read_text(directory, file, expected, log)
    if decoded is None:
        return None
    text, encoding = decoded
    if encoding != ENCODINGS[0]:
        log.warn(file, say("io.read_as_encoding", encoding=encoding.upper()))
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        log.add(file, say("io.invalid_csv", reason=exc), row=len(records) + 1)
        return None
    cut_short = bool(text) and not text.endswith(("\n", "\r"))
    return table_from_records(file, records, required, optional, log, encoding, cut_short)


def table_from_records(
    file: str,
    records: Sequence[Sequence[str]],
    required: Sequence[str],
    optional: Sequence[str],
    log: IssueLog,
    encoding: str = "",
    cut_short: bool = False,
) -> Table | None:
    """A table from its rows of text cells, the header first (a CSV file's records, or a
    workbook sheet's); log every problem and return None when the table is unusable.
    ``cut_short``: the file does not end with a line end (a short last row is then a file cut
    in the middle of a row)."""
    expected = ", ".join(list(required) + list(optional))
    if not records or not any(cell.strip() for cell in records[0]):
        log.add(file, say("io.empty_table", columns=expected), row=1)
        return None

    header = [cell.strip().lower() for cell in records[0]]
    ok = True
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            log.add(file, say("io.column_twice"), row=1, column=name)
            ok = False
        seen.add(name)
    missing = [name for name in required if name not in seen]
    if missing and len(header) == 1:
        for separator, word in ((";", "io.semicolons"), ("\t", "io.tabs")):
            if separator in records[0][0]:
                log.add(file, say("io.wrong_separator", separator=say(word)), row=1)
                return None
    for name in missing:
        log.add(file, say("io.column_missing"), row=1, column=name)
        ok = False
    known = [*required, *optional]
    for name in header:
        if name and name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
            if close and close[0] not in seen:
                # Probably a misspelt column: ignoring it would silently drop its data.
                log.add(file, say("io.misspelt_column", name=name, close=close[0]),
                        row=1, column=name)
                ok = False
            elif close:
                log.warn(file, say("io.column_ignored", name=name, close=close[0]),
                         row=1, column=name)
    if not ok:
        return None

    rows: list[Row] = []
    usable = True
    for index, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines, as spreadsheets leave at the end
        if len(record) > len(header) and any(c.strip() for c in record[len(header):]):
            log.add(file, say("io.too_many_cells", cells=len(record), header=len(header)),
                    row=index)
            continue
        if cut_short and index == len(records) and len(record) < len(header):
            log.add(file, say("io.cut_short", cells=len(record), header=len(header)),
                    row=index)
            continue
        for i, name in enumerate(header[:len(record)]):
            if name not in known:
                continue
            cell = record[i]
            if "\n" in cell or "\r" in cell:
                log.add(file, say("io.line_break_in_cell") if encoding == "xlsx" else
                        say("io.unclosed_quote"), row=index, column=name)
                usable = False
            elif len(cell) > MAX_CELL:
                log.add(file, say("io.cell_too_long", length=f"{len(cell):,}",
                                  maximum=f"{MAX_CELL:,}"), row=index, column=name)
                usable = False
        if not usable:
            return None
        cells = {
            name: record[i].strip() if i < len(record) else ""
            for i, name in enumerate(header)
            if name
        }
        rows.append(Row(file, index, cells))
    return Table(file, tuple(header), tuple(rows), encoding)
