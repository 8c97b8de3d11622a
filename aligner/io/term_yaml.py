"""Reading instance.yaml's ``term``: the term calendar (:class:`aligner.term.TermCalendar`).

::

    term:
      start: 2022-10-09
      end: 2023-01-13
      dates: [../holidays/cn-2022-2023.txt, "2023-01-09..2023-01-13, 期末考试"]
      seasons: {winter: 2022-10-09}

``dates`` lists dates files (paths relative to the instance's directory, in the
``--skip-dates`` format) and lines of dates; an item starting with a date is a line. Every
problem is logged with the file and row (a dates file's line) or the key it is in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from aligner.io.errors import IssueLog
from aligner.messages import listed, say
from aligner.term import (
    WEEKEND,
    CalendarLineError,
    TermCalendar,
    dated_lines,
    is_date_line,
    parse_date,
    parse_line,
)
from aligner.weekdays import WEEKDAYS, weekday

FILE = "instance.yaml"
TERM_KEYS = ("start", "end", "dates", "seasons")


def _date(value: Any) -> dt.date | None:
    """A YAML date, or a text 2022-10-09 (2022/10/9 as a workbook cell gives a date)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value.replace("/", "-").strip())
    return None


def _lines_of(item: str, directory: Path | None, log: IssueLog, line: int | None, key: str
              ) -> tuple[str, list[tuple[int | None, str]]] | None:
    """(where the lines are, [(row, line)]) of one item of ``dates``: a line of dates, or the
    lines of a dates file; None when the file cannot be read (logged)."""
    if is_date_line(item):
        return FILE, [(line, item)]
    path = (directory or Path(".")) / item
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        log.add(FILE, f"{item}: " + say("term.no_file"), line, key)
        return None
    except OSError as exc:
        log.add(FILE, f"{item}: " + say("term.unreadable", reason=exc.strerror or exc), line, key)
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        log.add(FILE, f"{item}: " + say("term.not_utf8", reason=exc), line, key)
        return None
    return item, list(dated_lines(text))


def read_term(value: Any, lines: dict[str, int], directory: Path | None,
              seasons: tuple[str, ...] | None, days: tuple[str, ...] | None, log: IssueLog
              ) -> tuple[bool, TermCalendar | None]:
    """(read without an issue, the calendar or None when there is no term). ``value`` is
    instance.yaml's ``term`` (a mapping of blanks, as an empty template has: no term)."""
    if value is None or (isinstance(value, dict) and all(v in (None, "") for v in value.values())):
        return True, None
    if not isinstance(value, dict):
        log.add(FILE, say("term.mapping"), lines.get("term"), "term")
        return False, None
    before = len(log.issues)
    for key in value:
        if key not in TERM_KEYS:
            log.add(FILE, say("term.unknown_key", keys=listed(TERM_KEYS)),
                    lines.get(f"term.{key}", lines.get("term")), f"term.{key}")
    bounds: dict[str, dt.date] = {}
    for key in ("start", "end"):
        given = value.get(key)
        where = lines.get(f"term.{key}", lines.get("term"))
        date = _date(given)
        if given in (None, ""):
            log.add(FILE, say("term.date_required"), where, f"term.{key}")
        elif date is None:
            log.add(FILE, say("term.not_a_date_value", given=repr(given)), where, f"term.{key}")
        else:
            bounds[key] = date
    if len(bounds) == 2 and bounds["end"] < bounds["start"]:
        log.add(FILE, say("term.ends_before_start", start=bounds["start"], end=bounds["end"]),
                lines.get("term.end", lines.get("term")), "term.end")
    if days is not None and any(weekday(d) is None for d in days):
        log.add(FILE, say("term.days_not_weekdays", days=listed(list(days))),
                lines.get("term"), "term")
    skipped, workdays = _dates(value.get("dates"), lines, directory, days, log)
    season_from = _season_from(value.get("seasons"), lines, seasons, bounds, log)
    if len(log.issues) > before or len(bounds) < 2:
        return False, None
    return True, TermCalendar(start=bounds["start"], end=bounds["end"],
                              skipped=tuple(sorted(skipped.items())),
                              workdays=tuple(sorted(workdays.items())),
                              season_from=tuple(sorted(season_from.items(),
                                                       key=lambda kv: kv[1])))


def _dates(value: Any, lines: dict[str, int], directory: Path | None,
           days: tuple[str, ...] | None, log: IssueLog
           ) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """(skipped date -> reason, make-up day -> the weekday it follows) of ``term.dates``."""
    skipped: dict[dt.date, str] = {}
    workdays: dict[dt.date, str] = {}
    if value in (None, ""):
        return skipped, workdays
    items = value.splitlines() if isinstance(value, str) else value
    line = lines.get("term.dates", lines.get("term"))
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        log.add(FILE, say("term.dates_list"), line, "term.dates")
        return skipped, workdays
    teaching = {weekday(d) for d in days or ()}
    for index, item in enumerate(i.strip() for i in items):
        if not item:
            continue
        found = _lines_of(item, directory, log, line, f"term.dates[{index}]")
        if found is None:
            continue
        where, numbered = found
        column = f"term.dates[{index}]" if where == FILE else None
        for row, text in numbered:
            try:
                dates, follows, reason = parse_line(text)
            except CalendarLineError as exc:
                log.add(where, say(exc.key, **exc.fields), row, column)
                continue
            for date in dates:
                if follows is None:
                    skipped[date] = reason
                    continue
                if WEEKDAYS[date.weekday()] not in WEEKEND:
                    log.add(where, say("term.makeup_not_weekend", date=date, weekday=say(
                        f"export.day.{WEEKDAYS[date.weekday()]}")), row, column)
                elif days is not None and follows not in teaching:
                    log.add(where, say("term.makeup_not_teaching_day", date=date,
                                       follows=say(f"export.day.{follows}"),
                                       days=listed(list(days))), row, column)
                else:
                    workdays[date] = follows
    return skipped, workdays


def _season_from(value: Any, lines: dict[str, int], seasons: tuple[str, ...] | None,
                 bounds: dict[str, dt.date], log: IssueLog) -> dict[str, dt.date]:
    """season -> the first date its bells ring, each inside the term."""
    found: dict[str, dt.date] = {}
    if value in (None, ""):
        return found
    if not isinstance(value, dict):
        log.add(FILE, say("term.seasons_mapping"), lines.get("term.seasons", lines.get("term")),
                "term.seasons")
        return found
    for season, given in value.items():
        key = f"term.seasons.{season}"
        where = lines.get(key, lines.get("term.seasons", lines.get("term")))
        date = _date(given)
        if seasons is not None and str(season) not in seasons:
            log.add(FILE, say("term.unknown_season", season=season, seasons=listed(list(seasons))),
                    where, key)
        elif date is None:
            log.add(FILE, say("term.not_a_date_value", given=repr(given)), where, key)
        elif len(bounds) == 2 and bounds["start"] <= bounds["end"] \
                and not bounds["start"] <= date <= bounds["end"]:
            log.add(FILE, say("term.season_outside", season=season, date=date,
                              start=bounds["start"], end=bounds["end"]), where, key)
        else:
            found[str(season)] = date
    return found
