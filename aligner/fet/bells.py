"""Bell times of a FET school: read from the hour names, a ``--bells`` file, or numbered.

FET's hours carry no times; aligner's periods do (they decide which periods of two schools
overlap, which periods are morning, and whether a double may span a break). The import takes them
from the hour names (``08:00-08:40``, ``Pd1 08h00-08h40``, ``13.30 - 14.30``; ``1:20`` after
``11:40`` is read as 13:20), else from ``--bells``, else from start times alone (each period
ending when the next begins), else numbers them (40-minute periods every 50 minutes from 08:00).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from pathlib import Path

from aligner.instance import hhmm
from aligner.io.errors import InputError, InputIssue, IssueLog
from aligner.io.tabular import Row, read_table
from aligner.messages import say

SYNTHETIC_START, SYNTHETIC_LENGTH, SYNTHETIC_BREAK = 8 * 60, 40, 10

_RANGE = re.compile(r"(\d{1,2})\s*[:hH.]\s*(\d{2})\s*[-–~至]+\s*(\d{1,2})\s*[:hH.]\s*(\d{2})")
_START = re.compile(r"^\D*?(\d{1,2})\s*[:hH.]\s*(\d{2})\D*$")


def times_of(hours: list[str], kept: list[str], bells_file: str | Path | None, file: str
           ) -> tuple[list[tuple[int, int]], str]:
    """(start, end) minutes of each kept hour and how they were found. Times are found for
    every hour, breaks included, so that a left-out break leaves its gap."""
    if bells_file is not None:
        return _bells_from_file(Path(bells_file), len(kept)), say("fet.times_from_file",
                                                                   file=Path(bells_file).name)
    index = [hours.index(h) for h in kept]
    ranges = [_RANGE.search(h) for h in kept]
    if all(ranges):
        times = [(int(m.group(1)) * 60 + int(m.group(2)), int(m.group(3)) * 60 + int(m.group(4)))
                 for m in ranges if m]
        times = _afternoon(times)
        if _ordered(times):
            return times, say("fet.times_from_names")
    starts = [_START.match(h) for h in hours]
    if all(starts) and len(hours) > 1:
        begin = _afternoon([(int(m.group(1)) * 60 + int(m.group(2)),) * 2 for m in starts if m])
        firsts = [s for s, _ in begin]
        if all(b > a for a, b in itertools.pairwise(firsts)):
            last = firsts[-1] - firsts[-2]
            every = list(zip(firsts, [*firsts[1:], firsts[-1] + last], strict=True))
            if every[-1][1] <= 24 * 60:
                return [every[i] for i in index], say("fet.times_from_starts")
    # as many 40-minute periods with 10-minute breaks from 08:00 as fit before midnight;
    # shorter ones when there are more hours than that
    step = min(SYNTHETIC_LENGTH + SYNTHETIC_BREAK, (24 * 60 - SYNTHETIC_START) // len(hours))
    length = min(SYNTHETIC_LENGTH, step - max(1, step // 5))
    if length < 1:
        raise InputError([InputIssue(file, say("fet.too_many_hours", hours=len(hours)))])
    times = [(SYNTHETIC_START + i * step, SYNTHETIC_START + i * step + length) for i in index]
    return times, say("fet.times_numbered", length=length, step=step,
                      start=hhmm(SYNTHETIC_START))


def double_gap(hours: list[str], kept: list[str], times: list[tuple[int, int]]
                ) -> tuple[int, list[int]]:
    """max_double_gap that lets a double span two hours FET keeps together, and the gaps
    where a left-out break was (a double must not span them)."""
    index = [hours.index(h) for h in kept]
    together: list[int] = []
    apart: list[int] = []
    for k in range(len(kept) - 1):
        gap = times[k + 1][0] - times[k][1]
        (together if index[k + 1] == index[k] + 1 else apart).append(gap)
    return max(together, default=0), apart


def _afternoon(times: Sequence[tuple[int, ...]]) -> list[tuple[int, int]]:
    """Times written on a 12-hour clock (1:20 after 11:40) moved to the afternoon."""
    out: list[tuple[int, int]] = []
    for t in times:
        start, end = t[0], t[-1]
        if out and start < out[-1][0] and start + 720 < 24 * 60:
            start, end = start + 720, end + 720
        if end < start and end + 720 < 24 * 60:
            end += 720
        out.append((start, end))
    return out


def _ordered(times: list[tuple[int, int]]) -> bool:
    return all(s < e <= 24 * 60 for s, e in times) and all(
        b[0] >= a[1] for a, b in itertools.pairwise(times))


def csv_rows(path: Path, required: Sequence[str], optional: Sequence[str] = ()
              ) -> tuple[Row, ...]:
    """The rows of a CSV file given on the command line, read as the instance's tables are
    (UTF-8 or GB18030, header checked); InputError naming file, row and column otherwise."""
    log = IssueLog()
    table = read_table(path.parent, path.name, required, optional, log)
    if table is None or log.issues:
        raise InputError(log.issues)
    return table.rows


def _bells_from_file(path: Path, count: int) -> list[tuple[int, int]]:
    times: dict[int, tuple[int, int]] = {}
    issues = []
    for row in csv_rows(path, ("period", "start", "end")):
        number = row.number
        try:
            period = int(row["period"])
            start, end = _clock(row["start"]), _clock(row["end"])
        except (TypeError, ValueError, KeyError):
            issues.append(InputIssue(str(path), say("fet.bells_row"), number))
            continue
        times[period] = (start, end)
    if not issues and sorted(times) != list(range(1, count + 1)):
        issues.append(InputIssue(str(path), say("fet.bells_periods", count=count), None,
                                 "period"))
    ordered = [times[p] for p in sorted(times)]
    if not issues and not _ordered(ordered):
        issues.append(InputIssue(str(path), say("fet.bells_order"), None, "start"))
    if issues:
        raise InputError(issues)
    return ordered


def _clock(text: str) -> int:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})(?::00)?\s*", text or "")
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(text)
    return int(match.group(1)) * 60 + int(match.group(2))
