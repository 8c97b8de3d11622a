"""Parsing single cells; each parser logs a precise issue and returns None on bad input."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from aligner.io.errors import IssueLog
from aligner.io.tabular import Row

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(00))?$")  # Excel may add ':00' seconds
_EXCEL_DATE = re.compile(
    r"^\d{1,4}月\d{1,2}日$|^\d{1,2}-[A-Za-z]{3}$|^[A-Za-z]{3}-\d{1,4}$|^\d{4}/\d{1,2}/\d{1,2}$"
)
_DATE_HINT = ("; Excel may have turned a range such as 2-3 into a date: format the column as "
              "Text and type it again")


def _date_hint(value: str) -> str:
    return _DATE_HINT if _EXCEL_DATE.match(value) else ""


def id_date_hint(value: str) -> str:
    """For an id that looks like a date: what Excel probably did to it."""
    return ("; it looks like a date: Excel may have turned an id such as 1-1 into one (format "
            "the column as Text and type it again)" if _EXCEL_DATE.match(value) else "")


def identifier(row: Row, column: str, log: IssueLog) -> str | None:
    """A required id cell that must not look like a date (Excel's 1-1 -> 1月1日)."""
    value = text(row, column, log)
    if value is not None and (hint := id_date_hint(value)):
        log.add(row.file, f"'{value}'{hint}", row.number, column)
        return None
    return value
_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
_PERIODS = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?$")


def text(row: Row, column: str, log: IssueLog, *, required: bool = True) -> str | None:
    value = row[column]
    if required and not value:
        log.add(row.file, "is empty; a value is required", row.number, column)
        return None
    return value or None


def integer(
    row: Row,
    column: str,
    log: IssueLog,
    *,
    minimum: int | None = None,
    default: int | None = None,
) -> int | None:
    """An integer cell; blank gives ``default`` (an error when there is no default)."""
    value = row[column]
    if not value:
        if default is None:
            log.add(row.file, "is empty; an integer is required", row.number, column)
        return default
    try:
        number = int(value)
    except ValueError:
        try:
            as_decimal = Decimal(value)
        except InvalidOperation:
            as_decimal = None
        if (as_decimal is None or not as_decimal.is_finite()
                or as_decimal != as_decimal.to_integral_value()):
            log.add(row.file, f"'{value}' is not a whole number{_date_hint(value)}",
                    row.number, column)
            return None
        number = int(as_decimal)  # "3.0", as spreadsheets sometimes write integers
    if minimum is not None and number < minimum:
        log.add(row.file, f"{number} is below the minimum {minimum}", row.number, column)
        return None
    return number


def decimal(
    row: Row, column: str, log: IssueLog, *, default: Decimal | None = None
) -> Decimal | None:
    """A non-negative decimal number such as 12 or 13.5."""
    value = row[column]
    if not value:
        if default is None:
            log.add(row.file, "is empty; a number is required", row.number, column)
        return default
    try:
        number = Decimal(value)
    except InvalidOperation:
        log.add(row.file, f"'{value}' is not a number", row.number, column)
        return None
    if not number.is_finite() or number < 0:
        log.add(row.file, f"'{value}' must be a number >= 0", row.number, column)
        return None
    return number


def clock_time(row: Row, column: str, log: IssueLog) -> int | None:
    """A 24-hour time ``HH:MM`` as minutes after midnight."""
    value = row[column]
    match = _TIME.match(value)
    if not match:
        log.add(
            row.file,
            f"'{value}' is not a time; write 24-hour HH:MM such as 08:30 or 13:20",
            row.number,
            column,
        )
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        log.add(
            row.file,
            f"'{value}' is not a valid time (hours 0-23, minutes 0-59)",
            row.number,
            column,
        )
        return None
    return hours * 60 + minutes


def count_range(row: Row, column: str, log: IssueLog) -> tuple[int, int] | None:
    """A weekly count ``3`` or a range ``2-4`` (the engine chooses within it)."""
    value = row[column]
    if value.isdigit():
        return int(value), int(value)
    match = _RANGE.match(value)
    if not match:
        log.add(
            row.file,
            f"'{value}' is not a count such as 3 or a range such as 2-4{_date_hint(value)}",
            row.number,
            column,
        )
        return None
    low, high = int(match.group(1)), int(match.group(2))
    if low > high:
        log.add(row.file, f"range '{value}' runs backwards", row.number, column)
        return None
    return low, high


def unavailable_slots(
    row: Row, column: str, log: IssueLog, days: tuple[str, ...], periods: int | None
) -> tuple[tuple[str, int], ...] | None:
    """Slots like ``Mon:1;Fri:5-6;Wed`` (a bare day is the whole day) as (day, period) pairs.
    ``periods`` is the school's number of periods; None skips the range check (bad bells)."""
    value = row[column]
    slots: set[tuple[str, int]] = set()
    ok = True
    for part in (p.strip() for p in value.replace("；", ";").split(";")):
        if not part:
            continue
        day, _, spec = (s.strip() for s in part.replace("：", ":").partition(":"))
        if day not in days:
            log.add(
                row.file,
                f"'{part}': '{day}' is not one of the days {', '.join(days)}",
                row.number,
                column,
            )
            ok = False
            continue
        if not spec:
            slots.update((day, p) for p in range(1, (periods or 0) + 1))
            continue
        for chunk in (c.strip() for c in spec.split(",")):
            match = _PERIODS.match(chunk)
            if not match:
                log.add(
                    row.file,
                    f"'{part}': '{chunk}' is not a period or a range of periods such as 5-6",
                    row.number,
                    column,
                )
                ok = False
                continue
            first = int(match.group(1))
            last = int(match.group(2) or first)
            if first > last:
                log.add(row.file, f"'{part}': the range {chunk} runs backwards; write "
                        f"{last}-{first}", row.number, column)
                ok = False
                continue
            if periods is None:
                continue  # syntax only: the slots mean nothing without valid bells
            if not 1 <= first <= last <= periods:
                log.add(
                    row.file,
                    f"'{part}': periods must lie in 1-{periods} of the school's bell schedule",
                    row.number,
                    column,
                )
                ok = False
                continue
            slots.update((day, p) for p in range(first, last + 1))
    if not ok:
        return None
    return tuple(sorted(slots, key=lambda s: (days.index(s[0]), s[1])))
