"""Parsing single cells; each parser logs a precise issue and returns None on bad input.

Numbers are written in digits (full-width digits are read as digits), within the documented
ranges of :mod:`aligner.instance`; ids and codes may not hold invisible characters or letters
of another script that look like Latin ones, and an unknown id gets a "did you mean" from the
ids it was meant to name."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from aligner.io.errors import IssueLog
from aligner.io.tabular import Row
from aligner.messages import listed, say
from aligner.weekdays import weekday

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(00))?$")  # Excel may add ':00' seconds
_EXCEL_DATE = re.compile(
    r"^\d{1,4}月\d{1,2}日$|^\d{1,2}-[A-Za-z]{3}$|^[A-Za-z]{3}-\d{1,4}$|^\d{4}/\d{1,2}/\d{1,2}$"
)


def _date_hint(value: str) -> str:
    return say("io.range_date_hint") if _EXCEL_DATE.match(value) else ""


def id_date_hint(value: str) -> str:
    """For an id that looks like a date: what Excel probably did to it."""
    return say("io.id_date_hint") if _EXCEL_DATE.match(value) else ""


def identifier(row: Row, column: str, log: IssueLog) -> str | None:
    """A required id cell that must not look like a date (Excel's 1-1 -> 1月1日)."""
    value = text(row, column, log)
    if value is not None and (hint := id_date_hint(value)):
        log.add(row.file, say("io.value_hint", value=value, hint=hint), row.number, column)
        return None
    return value
_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
_PERIODS = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?$")


def text(row: Row, column: str, log: IssueLog, *, required: bool = True) -> str | None:
    """An id or a code (school, class, teacher, course, season, form, subject): required unless
    said otherwise, without invisible characters or look-alike letters of another script."""
    value = row[column]
    if required and not value:
        log.add(row.file, say("io.empty_value"), row.number, column)
        return None
    if value and (problem := strange_characters(value)):
        log.add(row.file, problem, row.number, column)
        return None
    return value or None


def optional(row: Row, column: str, log: IssueLog) -> str | None:
    """An optional id (blank: None), checked as :func:`text` checks ids."""
    return text(row, column, log, required=False)


_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN")
"""Scripts with letters that look like Latin ones (а, е, о, р, с, х, ο, ρ, ...)."""


def strange_characters(value: str) -> str:
    """Why an id cannot be trusted as typed ('' when it can): an invisible character (named
    with its code point, as it would not show in a message), or a letter of another script
    among Latin letters (Cyrillic а for Latin a)."""
    if value.isascii() and value.isprintable():  # most ids: neither (a county's 17,000 cells
        return ""                                # took 0.1 s of the loops below)
    for i, ch in enumerate(value):
        if unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn", "Zl", "Zp") or (
                unicodedata.category(ch) == "Zs" and ch != " "):
            where = say("io.after_text", text=value[:i]) if i else say("io.at_the_start")
            return say("io.invisible_character", code=f"{ord(ch):04X}",
                       name=unicodedata.name(ch, "unnamed"), where=where)
    if any("a" <= ch.lower() <= "z" for ch in value):
        for ch in value:
            name = unicodedata.name(ch, "")
            if name.split(" ")[0] in _SCRIPTS:
                latin = _LATIN.get(ch, "")
                if latin:
                    return say("io.look_alike", value=value, name=name,
                               code=f"{ord(ch):04X}", latin=latin,
                               fixed=value.replace(ch, latin))
                return say("io.look_alike_letter", value=value, name=name,
                           code=f"{ord(ch):04X}")
    return ""


_LATIN = {"\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c",
          "\u0445": "x", "\u0443": "y", "\u0456": "i", "\u0458": "j", "\u04bb": "h",
          "\u0442": "t", "\u043a": "k", "\u043c": "m", "\u043d": "h", "\u0432": "b",
          "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M",
          "\u041d": "H", "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T",
          "\u0425": "X", "\u03bf": "o", "\u03c1": "p", "\u03b1": "a", "\u0391": "A",
          "\u0392": "B", "\u0395": "E", "\u0397": "H", "\u0399": "I", "\u039a": "K",
          "\u039c": "M", "\u039d": "N", "\u039f": "O", "\u03a1": "P", "\u03a4": "T",
          "\u03a7": "X"}


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """'; did you mean 'hr06'?' for the known id ``value`` was most likely meant to be (the
    same but for case, spaces or full-width forms; else a close spelling); '' without one."""
    ids = list(known)
    folded = _fold(value)
    same = [k for k in ids if _fold(k) == folded] or [
        k for k in ids if _fold(k).translate(_LOOK_ALIKE) == folded.translate(_LOOK_ALIKE)]
    if same:
        return say("io.did_you_mean", id=same[0])
    typos = sorted((rank, -_shared_start(folded, _fold(k)), k) for k in ids
                   if (rank := _one_typo(folded, _fold(k))) is not None)
    if typos:  # one slip of the finger: two keys swapped first, then one key wrong
        return say("io.did_you_mean", id=typos[0][2])
    close = difflib.get_close_matches(folded, [_fold(k) for k in ids], n=1, cutoff=0.8)
    if close:
        match = next(k for k in ids if _fold(k) == close[0])
        return say("io.did_you_mean", id=match)
    return ""


_LOOK_ALIKE = str.maketrans({"o": "0", "l": "1", "i": "1"})
"""Letters typed for the digits they look like (wx-t2O for wx-t20)."""


def _shared_start(a: str, b: str) -> int:
    """How many first characters ``a`` and ``b`` share."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                min(len(a), len(b)))


def _one_typo(typed: str, known: str) -> int | None:
    """0 when ``typed`` is ``known`` with two neighbouring characters swapped, 1 with one
    character replaced, 2 with one added or left out; None otherwise."""
    if len(typed) == len(known):
        diff = [i for i, (a, b) in enumerate(zip(typed, known, strict=True)) if a != b]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == known[diff[1]] \
                and typed[diff[1]] == known[diff[0]]:
            return 0
        return 1 if len(diff) == 1 else None
    short, long_ = sorted((typed, known), key=len)
    if len(long_) - len(short) != 1:
        return None
    return 2 if any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))) else None


def _fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).casefold().replace(" ", "")


def _digits(value: str) -> str:
    """Full-width digits (typed with a Chinese input method) as ASCII digits."""
    return unicodedata.normalize("NFKC", value)


def integer(
    row: Row,
    column: str,
    log: IssueLog,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    default: int | None = None,
) -> int | None:
    """A whole number written in digits (``3``; ``3.0`` as spreadsheets sometimes write it);
    blank gives ``default`` (an error when there is no default)."""
    value = row[column]
    if not value:
        if default is None:
            log.add(row.file, say("io.empty_integer"), row.number, column)
        return default
    digits = _digits(value)
    if not re.fullmatch(r"\d+(\.0+)?", digits):
        log.add(row.file, _not_whole(value, digits), row.number, column)
        return None
    number = int(digits.split(".")[0])
    if minimum is not None and number < minimum:
        log.add(row.file, say("io.below_minimum", value=number, minimum=minimum), row.number,
                column)
        return None
    if maximum is not None and number > maximum:
        log.add(row.file, say("io.above_maximum", value=value, maximum=maximum), row.number,
                column)
        return None
    return number


def _not_whole(value: str, digits: str) -> str:
    try:
        number = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return say("io.not_whole", value=value, hint=_date_hint(value))
    if number.is_finite() and number == number.to_integral_value() and "e" in digits.lower():
        return say("io.whole_in_digits", value=value, number=int(number))
    if number.is_finite() and number < 0:
        return say("io.whole_not_negative", value=value)
    return say("io.not_whole", value=value, hint=_date_hint(value))


def decimal(
    row: Row, column: str, log: IssueLog, *, default: Decimal | None = None,
    maximum: Decimal | None = None, places: int = 2,
) -> Decimal | None:
    """A number >= 0 written in digits with at most ``places`` decimal places (12, 13.5,
    12.25), at most ``maximum``."""
    value = row[column]
    if not value:
        if default is None:
            log.add(row.file, say("io.empty_number"), row.number, column)
        return default
    digits = _digits(value)
    if re.fullmatch(r"\d+,\d+", digits):
        log.add(row.file, say("io.decimal_comma", value=value, fixed=digits.replace(",", ".")),
                row.number, column)
        return None
    if not re.fullmatch(r"-?\d+(\.\d+)?", digits):
        log.add(row.file, say("io.not_a_number", value=value), row.number, column)
        return None
    number = Decimal(digits)
    if number < 0:
        log.add(row.file, say("io.number_not_negative", value=value), row.number, column)
        return None
    if maximum is not None and number > maximum:
        log.add(row.file, say("io.above_maximum", value=value, maximum=maximum), row.number,
                column)
        return None
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        log.add(row.file, say("io.too_many_places", value=value, places=places), row.number,
                column)
        return None
    return number


def clock_time(row: Row, column: str, log: IssueLog) -> int | None:
    """A 24-hour time ``HH:MM`` as minutes after midnight."""
    value = row[column]
    match = _TIME.match(value)
    if not match:
        log.add(row.file, say("io.not_a_time", value=value), row.number, column)
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        log.add(row.file, say("io.invalid_time", value=value), row.number, column)
        return None
    return hours * 60 + minutes


def count_range(row: Row, column: str, log: IssueLog, *, maximum: int) -> tuple[int, int] | None:
    """A weekly count ``3`` or a range ``2-4`` (the engine chooses within it), at least 1 at
    the top and at most ``maximum``."""
    value = _digits(row[column])
    match = re.fullmatch(r"(\d+)", value) or _RANGE.match(value)
    if not match:
        log.add(row.file, say("io.not_a_count", value=row[column], hint=_date_hint(row[column])),
                row.number, column)
        return None
    low = int(match.group(1))
    high = int(match.group(2)) if match.lastindex == 2 else low
    if low > high:
        log.add(row.file, say("io.range_backwards", value=value), row.number, column)
        return None
    if high > maximum:
        log.add(row.file, say("io.above_weekly_maximum", value=value, maximum=maximum),
                row.number, column)
        return None
    if high == 0:
        log.add(row.file, say("io.course_needs_a_session"), row.number, column)
        return None
    return low, high


HALF_DAYS = {"上午": "morning", "am": "morning", "morning": "morning",
             "下午": "afternoon", "pm": "afternoon", "afternoon": "afternoon"}
"""Half-days a slot may name (周四下午, Thu:pm): from the bells, periods starting before 12:00
are the morning, the others the afternoon."""
_HALF = re.compile(r"^(.*?)(上午|下午)$")
_DAY_PERIODS = re.compile(r"^(?P<day>\D+?)\s*第?\s*(?P<spec>\d+(?:\s*[-–~至到]\s*\d+)?)\s*节$"
                          r"|^(?P<day2>\D+?)\s*第\s*(?P<spec2>\d+(?:\s*[-–~至到]\s*\d+)?)\s*节?$"
                          r"|^(?P<day3>\D+?)(?P<spec3>\d+(?:\s*[-–~]\s*\d+)?)$")
"""周四第5-6节, 周四5-6节, 周五第5节, 周五5: a day and its periods without a colon."""
_DAY_RANGE = re.compile(r"^(?P<first>\D+?)\s*(?:至|到|~|–|-)\s*(?P<last>\D+)$")
"""周一至周三, Mon-Wed: whole days from one to the other."""
_WHOLE_DAY = ("全天", "整天", "一整天", "all day")


def _slot_parts(text: str, days: tuple[str, ...]) -> list[tuple[str, str, str, str]]:
    """(part as written, day token, ':' or '', periods) for each part of a slot list, with the
    ways offices write them read as the canonical ``day:periods``: 周四第5-6节, 周五5节, 周三全天,
    周一至周三 (each day whole), and periods continued after 、 (周五:5、6 is Friday 5 and 6)."""
    out: list[tuple[str, str, str, str]] = []
    last_day = ""
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        token, colon, spec = (s.strip() for s in part.partition(":"))
        if not colon:
            whole = next((w for w in _WHOLE_DAY if part.lower().endswith(w)), None)
            periods = _DAY_PERIODS.match(part)
            span = _DAY_RANGE.match(part)
            if whole and day_of(part[:-len(whole)].strip(), days):
                token = part[:-len(whole)].strip()
            elif periods and day_of(next(g for g in periods.group("day", "day2", "day3") if g)
                                    .strip(), days):
                token = next(g for g in periods.group("day", "day2", "day3") if g).strip()
                colon, spec = ":", next(g for g in periods.group("spec", "spec2", "spec3") if g)
            elif span and day_of(span.group("first").strip(), days) \
                    and day_of(span.group("last").strip(), days):
                first = days.index(day_of(span.group("first").strip(), days) or "")
                last = days.index(day_of(span.group("last").strip(), days) or "")
                for day in days[min(first, last):max(first, last) + 1]:
                    out.append((part, day, "", ""))
                continue
            elif _PERIODS.match(part.replace("第", "").replace("节", "").strip()) and last_day:
                token, colon, spec = last_day, ":", part  # 周五:5、6: the 6 is Friday's too
        spec = re.sub(r"\s*(?:至|到|~|–)\s*", "-", spec.replace("第", "").replace("节", ""))
        if spec.lower() in _WHOLE_DAY:
            colon, spec = "", ""
        if day_of(token, days) or _HALF.match(token):
            last_day = token
        out.append((part, token, colon, spec.strip()))
    return out


def day_of(token: str, days: tuple[str, ...]) -> str | None:
    """The instance's day a written day means: itself, or the day of the same weekday written
    otherwise (周四, 星期四 or Thursday for an instance's Thu, and Thu for its 周四)."""
    if token in days:
        return token
    name = weekday(token)
    return next((day for day in days if name is not None and weekday(day) == name), None)


def unavailable_slots(
    row: Row, column: str, log: IssueLog, days: tuple[str, ...], periods: int | None,
    halves: dict[str, tuple[int, ...]] | None = None,
) -> tuple[tuple[str, int], ...] | None:
    """Slots like ``Mon:1;Fri:5-6;Wed`` (a bare day is the whole day) as (day, period) pairs.
    Days may be written as offices write them (周四, 星期四), parts separated by ``;``, ``；``
    or ``、``, and a half-day named (``周四下午``, ``Thu:上午``, ``Thu:pm``). ``periods`` is the
    school's number of periods and ``halves`` its morning and afternoon periods; None skips the
    range check (bad bells)."""
    value = row[column]
    slots: set[tuple[str, int]] = set()
    ok = True
    text = value.replace("；", ";").replace("、", ";").replace("：", ":").replace("，", ",")
    for part, token, colon, spec in _slot_parts(text, days):
        half = _HALF.match(token)
        if half and not colon:
            token, spec = half.group(1).strip(), half.group(2)
        day = day_of(token, days)
        if day is None:
            log.add(row.file, say("io.slot_unknown_day" if part != token
                                  else "io.slot_unknown_day_alone", part=part, token=token,
                                  days=listed(days), hint=did_you_mean(token, days)),
                    row.number, column)
            ok = False
            continue
        if not spec:
            if colon:
                log.add(row.file, say("io.slot_nothing_after_colon", part=part, token=token),
                        row.number, column)
                ok = False
            else:
                slots.update((day, p) for p in range(1, (periods or 0) + 1))
            continue
        if spec.lower() in HALF_DAYS:
            if halves is not None:
                slots.update((day, p) for p in halves[HALF_DAYS[spec.lower()]])
            continue
        for chunk in (c.strip() for c in spec.split(",")):
            match = _PERIODS.match(chunk)
            if not match:
                log.add(row.file, say("io.slot_not_a_period", part=part, chunk=chunk),
                        row.number, column)
                ok = False
                continue
            first = int(match.group(1))
            last = int(match.group(2) or first)
            if first > last:
                log.add(row.file, say("io.slot_range_backwards", part=part, chunk=chunk,
                                      fixed=f"{last}-{first}"), row.number, column)
                ok = False
                continue
            if periods is None:
                continue  # syntax only: the slots mean nothing without valid bells
            if not 1 <= first <= last <= periods:
                log.add(row.file, say("io.slot_out_of_range", part=part, periods=periods),
                        row.number, column)
                ok = False
                continue
            slots.update((day, p) for p in range(first, last + 1))
    if not ok:
        return None
    return tuple(sorted(slots, key=lambda s: (days.index(s[0]), s[1])))
