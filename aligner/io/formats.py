"""The instance format: the files of an instance directory (the sheets of a workbook) and their
columns, as docs/input.md documents them. The readers, the workbook, the writer and the FET
import all take them from here. Also how a text cell that a spreadsheet could run as a formula
is written to (and read back from) the CSV files aligner writes (docs/outputs.md)."""

from __future__ import annotations

SCHOOLS, BELLS, CLASSES, TEACHERS, CURRICULUM, SYNC = (
    "schools.csv",
    "bells.csv",
    "classes.csv",
    "teachers.csv",
    "curriculum.csv",
    "sync.csv",
)
ROOMS, PINNED, DAYS_APART = "rooms.csv", "pinned.csv", "days_apart.csv"
OPTIONAL_FILES = (ROOMS, PINNED, DAYS_APART)
"""Tables an instance may leave out altogether (no special rooms, no pinned lessons, no days
apart between lessons of several rows)."""

COLUMNS: dict[str, tuple[str, ...]] = {
    # every column of each table, in the order docs/input.md documents them
    SCHOOLS: ("school_id", "name", "sync_rooms", "short_name"),
    BELLS: ("school_id", "season", "period", "start", "end", "kind", "name"),
    CLASSES: ("school_id", "class_id", "grade", "name", "head_teacher", "students"),
    TEACHERS: ("teacher_id", "school_id", "name", "level", "min_load", "max_load",
               "unavailable", "max_per_day", "max_consecutive", "max_days", "max_gaps_per_day",
               "max_gaps_per_week", "min_per_day"),
    CURRICULUM: ("school_id", "class_id", "subject", "teacher_id", "per_week", "max_per_day",
                 "doubles", "allowed", "together", "min_days_apart", "preferred"),
    SYNC: ("course_id", "form", "hub_school", "hub_teacher", "hub_class", "receiving_school",
           "receiving_class", "subject", "per_week", "assistant_teacher"),
    ROOMS: ("school_id", "room_id", "name", "subjects", "unavailable"),
    PINNED: ("school_id", "class_id", "subject", "day", "period", "course_id"),
    DAYS_APART: ("group", "school_id", "class_id", "subject", "min_days", "weight"),
}
OPTIONAL = {"sync_rooms", "short_name", "kind", "head_teacher", "students", "level", "min_load",
            "unavailable", "max_per_day", "max_consecutive", "max_days", "max_gaps_per_day",
            "max_gaps_per_week", "min_per_day", "doubles", "allowed", "together", "min_days_apart",
            "preferred",
            "hub_class", "assistant_teacher"}
"""Columns a table may leave out of its header altogether."""
OPTIONAL_IN: dict[str, frozenset[str]] = {
    BELLS: frozenset({"name"}),
    PINNED: frozenset({"class_id", "subject", "course_id"}),
    DAYS_APART: frozenset({"weight"}),
}
"""Columns optional in one table only (a bell row's ``name``; schools, classes and teachers
must have their ``name`` column)."""
BELL_KINDS = ("period", "break")
"""bells.csv ``kind``: a lesson period (also a blank cell) or a named break (大课间, 午间阅读, ...)."""


def is_optional(file: str, column: str) -> bool:
    """Whether ``file`` may leave ``column`` out of its header."""
    return column in OPTIONAL or column in OPTIONAL_IN.get(file, frozenset())


def required_columns(file: str) -> tuple[str, ...]:
    """The columns ``file`` must have in its header."""
    return tuple(c for c in COLUMNS[file] if not is_optional(file, c))


def optional_columns(file: str) -> tuple[str, ...]:
    """The columns ``file`` may leave out of its header."""
    return tuple(c for c in COLUMNS[file] if is_optional(file, c))

BELLS_PROPOSED_FILE = "bells_proposed.csv"
"""Proposed bells, with the columns of bells.csv: written by ``align --optimize`` (a proposal)
and by ``solve --align-bells`` beside the timetable it scheduled on them (summary.json's
``bells`` says which)."""
SUMMARY_FILE = "summary.json"


# ---- text that a spreadsheet must not run ----------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell text starting with one of these may be run as a formula when a spreadsheet opens the
file (OWASP, CSV injection)."""
QUOTE = "'"


def spreadsheet_text(value: str) -> str:
    """A text cell as aligner writes it into a CSV file: with a leading ``'`` when it starts
    with one of :data:`FORMULA_STARTS` (so Excel shows it as text and never runs it) or with
    ``'`` itself (so that :func:`read_spreadsheet_text` gives back exactly ``value``)."""
    return QUOTE + value if value[:1] in (*FORMULA_STARTS, QUOTE) else value


def read_spreadsheet_text(value: str) -> str:
    """Undo :func:`spreadsheet_text`: one leading ``'`` goes when the rest starts with one of
    :data:`FORMULA_STARTS` or ``'``; any other text (a cell Excel saved back without the quote,
    say) is kept as it is."""
    if value[:1] == QUOTE and value[1:2] in (*FORMULA_STARTS, QUOTE) and value[1:2]:
        return value[1:]
    return value
