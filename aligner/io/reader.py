"""Reading an instance directory into a validated :class:`~aligner.instance.Instance`.

Validation runs in stages: files and headers, then every cell and reference, then the checks
that need several tables at once. Each stage reports every issue it finds (file, row, column)
before the next one runs, so a user fixes a whole batch at a time.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from aligner.instance import (
    COMBINE,
    DEFAULT_CORE_SUBJECTS,
    FORMS,
    LEVELS,
    LOAD_PLACES,
    MAX_DAYS_APART,
    MAX_DOUBLES,
    MAX_GRADE,
    MAX_LESSONS,
    MAX_LOAD,
    MAX_PER_DAY,
    MAX_PERIODS,
    MAX_STUDENTS,
    MAX_SYNC_ROOMS,
    MAX_WEEK_GAPS,
    MAX_WEIGHT,
    BellBreak,
    BellPeriod,
    Course,
    CurriculumRow,
    DaysApart,
    Instance,
    Pin,
    Reception,
    Room,
    School,
    SchoolClass,
    Teacher,
)
from aligner.io import cells
from aligner.io.errors import InputError, InputIssue, InputWarning, IssueLog
from aligner.io.formats import (
    BELL_KINDS,
    BELLS,
    CLASSES,
    COLUMNS,
    CURRICULUM,
    DAYS_APART,
    OPTIONAL_FILES,
    PINNED,
    ROOMS,
    SCHOOLS,
    SYNC,
    TEACHERS,
    optional_columns,
    read_spreadsheet_text,
    required_columns,
)
from aligner.io.instance_yaml import read_settings
from aligner.io.tabular import Row, Table, read_table
from aligner.messages import listed, note_input_language, say


def _table_of(directory: Path, file: str, log: IssueLog, name: str | None = None
              ) -> Table | None:
    """``file`` of the instance format, read from ``directory/name`` (default: the file)."""
    table = read_table(directory, name or file, required_columns(file), optional_columns(file),
                       log)
    if table is None:
        return None
    # aligner writes a text cell that a spreadsheet could run as a formula with a leading '
    # (bells_proposed.csv, which may become bells.csv); read it back as it was meant
    rows = tuple(replace(row, cells={k: read_spreadsheet_text(v) for k, v in row.cells.items()})
                 for row in table.rows)
    return replace(table, rows=rows)


class _CourseHead(NamedTuple):
    """What every row of one course must agree on."""

    form: str
    hub_school: str
    hub_teacher: str
    hub_class: str | None
    subject: str
    per_week: tuple[int, int]


@dataclass
class _Rows:
    """Where each parsed record came from, for the checks that span several tables."""

    curriculum: dict[tuple[str, str, str], int] = field(default_factory=dict)
    course: dict[str, int] = field(default_factory=dict)
    reception: dict[tuple[str, str, str], int] = field(default_factory=dict)
    # Ids are known as soon as their own cells parse, even if other cells of the row are bad,
    # so that one bad cell does not cascade into "unknown ..." errors in other tables.
    school: dict[str, int] = field(default_factory=dict)
    klass: dict[tuple[str, str], int] = field(default_factory=dict)
    teacher: dict[str, int] = field(default_factory=dict)
    school_of_teacher: dict[str, str] = field(default_factory=dict)
    class_subject: dict[tuple[str, str, str], int] = field(default_factory=dict)
    """(school, class, subject) -> the curriculum row holding it (alone or combined)."""
    unplaced_teacher: set[str] = field(default_factory=set)
    """Teachers whose row names an unknown school: named there once, not again wherever they
    are referred to."""


class _Directory:
    """An instance directory: instance.yaml and one CSV file per table."""

    def __init__(self, directory: Path):
        self.directory = directory

    def settings(self, log: IssueLog) -> dict[str, Any] | None:
        return read_settings(self.directory, log)

    def table(self, file: str, log: IssueLog) -> Table | None:
        return _table_of(self.directory, file, log)

    def optional_table(self, file: str, log: IssueLog) -> Table | None:
        """A table the instance may leave out (no file: None, nothing logged)."""
        if not (self.directory / file).exists() and not (self.directory / file).is_symlink():
            return None
        return _table_of(self.directory, file, log)

    def lenient(self, file: str, required: tuple[str, ...], log: IssueLog) -> Table | None:
        return read_table(self.directory, file, required, (), log)

    def rewrite(self, issue: InputIssue) -> InputIssue:
        return issue


def _source(path: Path) -> Any:
    """Where the instance's settings and tables come from: a directory or an .xlsx workbook
    (which, once opened, may make the messages Chinese: :mod:`aligner.messages`)."""
    note_input_language(None)
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
        from aligner.io.workbook import Workbook

        return Workbook(path)
    if path.is_file() and path.suffix.lower() == ".xls":
        raise InputError([InputIssue(str(path), say("io.old_xls"))])
    if not path.exists():
        raise InputError([InputIssue(str(path), say("io.no_such_path"))])
    if not path.is_dir():
        raise InputError([InputIssue(str(path), say("io.not_an_instance"))])
    return _Directory(path)


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def _raise_rewritten(source: Any, log: IssueLog, exc: InputError | None = None) -> None:
    """Issues (and warnings) named in the source's own terms: a workbook's sheet and column."""
    log.warnings[:] = [source.rewrite(w) for w in log.warnings]
    if exc is not None:
        raise InputError([source.rewrite(i) for i in exc.issues]) from None


def load_instance(
    directory: str | Path,
    seasons: tuple[str, ...] | None = None,
    bells: str | Path | None = None,
) -> Instance:
    """Read and validate the instance in ``directory`` (or in an .xlsx workbook with the same
    tables as sheets); raise :class:`InputError` on bad input. ``seasons`` overrides
    instance.yaml's ``season`` (e.g. ('winter', 'summer')); ``bells`` reads the bell schedules
    from another file (a bells_proposed.csv, say)."""
    log = IssueLog()
    source = _source(Path(directory))
    try:
        return _read(source, log, seasons, None if bells is None else Path(bells))
    except InputError as exc:
        _raise_rewritten(source, log, exc)
        raise
    finally:
        _raise_rewritten(source, log)
        for warning in log.warnings:
            warnings.warn(str(warning), InputWarning, stacklevel=2)


def _read(
    source: Any, log: IssueLog, seasons: tuple[str, ...] | None, bells_file: Path | None
) -> Instance:
    settings = source.settings(log)
    tables = {name: source.table(name, log) for name in COLUMNS
              if name not in OPTIONAL_FILES and not (name == BELLS and bells_file)}
    optional = {name: source.optional_table(name, log) for name in OPTIONAL_FILES}
    if bells_file:
        tables[BELLS] = _table_of(bells_file.parent, BELLS, log, bells_file.name)
    log.raise_if_any()
    assert settings is not None  # guaranteed: read_settings logged an issue otherwise
    if seasons:
        settings["seasons"] = seasons

    where = _Rows()
    chosen: tuple[str, ...] = settings["seasons"]
    days: tuple[str, ...] = settings["days"]
    schools = _schools(_table(tables, SCHOOLS), where, log)
    bells, breaks = _bells(_table(tables, BELLS), where, chosen, log, bool(seasons))
    periods = {s: sum(1 for b in bells if b.school_id == s and b.season == chosen[0])
               for s in where.school}
    halves = _halves(bells, chosen)
    classes = _classes(_table(tables, CLASSES), where, log)
    bells_ok = not any(issue.file == BELLS for issue in log.issues)
    teachers = _teachers(_table(tables, TEACHERS), days, periods if bells_ok else None,
                         halves, where, log)
    classes = _head_teachers(_table(tables, CLASSES), classes, where, log)
    curriculum = _curriculum(_table(tables, CURRICULUM), days, periods if bells_ok else None,
                             halves, where, log)
    courses = _courses(_table(tables, SYNC), where, log)
    rooms = (_rooms(optional[ROOMS], days, periods if bells_ok else None, halves, curriculum,
                    where, log) if optional[ROOMS] else [])
    log.raise_if_any()
    pins = (_pins(optional[PINNED], days, periods, teachers, curriculum, courses, where, log)
            if optional[PINNED] else [])
    days_apart = (_days_apart(optional[DAYS_APART], curriculum, where, log)
                  if optional[DAYS_APART] else [])
    log.raise_if_any()

    instance = Instance(
        **settings,
        schools=tuple(schools.values()),
        bells=tuple(bells),
        breaks=tuple(breaks),
        classes=tuple(classes.values()),
        teachers=tuple(teachers.values()),
        curriculum=tuple(curriculum),
        courses=tuple(courses),
        rooms=tuple(rooms),
        pins=tuple(pins),
        days_apart=tuple(days_apart),
    )
    _check_across_tables(instance, where, log)
    log.raise_if_any()
    return instance


def _halves(bells: list[BellPeriod], seasons: tuple[str, ...]
            ) -> dict[str, dict[str, tuple[int, ...]]]:
    """School -> its morning and afternoon periods: a period starting at or after 12:00 in some
    season of the instance is in the afternoon (as Instance.is_afternoon has it)."""
    afternoon: dict[str, set[int]] = defaultdict(set)
    every: dict[str, set[int]] = defaultdict(set)
    for bell in bells:
        if bell.season in seasons:
            every[bell.school_id].add(bell.period)
            if bell.is_afternoon:
                afternoon[bell.school_id].add(bell.period)
    return {school: {"morning": tuple(sorted(periods - afternoon[school])),
                     "afternoon": tuple(sorted(afternoon[school]))}
            for school, periods in every.items()}


def load_schedules(
    directory: str | Path, seasons: tuple[str, ...] | None = None
) -> tuple[Instance, tuple[tuple[str, str], ...]]:
    """Only what alignment needs: settings, schools and bells (validated as strictly as by
    :func:`load_instance`) and the (hub, receiving) school pairs named in sync.csv, read
    leniently; every pair of schools when sync.csv is missing. The instance returned has no
    classes, teachers, curriculum or courses."""
    log = IssueLog()
    source = _source(Path(directory))
    try:
        settings = source.settings(log)
        schools_table = source.table(SCHOOLS, log)
        bells_table = source.table(BELLS, log)
        log.raise_if_any()
        assert settings is not None and schools_table is not None and bells_table is not None
        if seasons:
            settings["seasons"] = seasons
        where = _Rows()
        schools = _schools(schools_table, where, log)
        bells, breaks = _bells(bells_table, where, settings["seasons"], log, bool(seasons))
        log.raise_if_any()
        instance = Instance(**settings, schools=tuple(schools.values()), bells=tuple(bells),
                            breaks=tuple(breaks), classes=(), teachers=(), curriculum=(),
                            courses=())
        return instance, _school_pairs(source, schools)
    except InputError as exc:
        _raise_rewritten(source, log, exc)
        raise
    finally:
        _raise_rewritten(source, log)
        for warning in log.warnings:
            warnings.warn(str(warning), InputWarning, stacklevel=2)


def _school_pairs(source: Any, schools: dict[str, School]) -> tuple[tuple[str, str], ...]:
    """(hub, receiving) pairs of known schools in sync.csv, in order; all pairs without it."""
    quiet = IssueLog()
    table = source.lenient(SYNC, ("hub_school", "receiving_school"), quiet)
    if table is None:
        ids = list(schools)
        return tuple((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    pairs = {(row["hub_school"], row["receiving_school"]): None for row in table.rows
             if row["hub_school"] in schools and row["receiving_school"] in schools
             and row["hub_school"] != row["receiving_school"]}
    return tuple(pairs)


def _table(tables: dict[str, Table | None], name: str) -> Table:
    table = tables[name]
    assert table is not None  # read_table logged an issue otherwise
    return table


_KEY_WORDS = {
    "room_id": "io.key.room",
    "period": "io.key.period",
    "class_id": "io.key.class",
    "subject": "io.key.subject",
    "receiving_class": "io.key.receiving_class",
}
"""The message naming a key of several ids (fields a, b, c: its ids in order)."""


def _unique(key: Any, seen: dict[Any, int], file: str, row: int, column: str, log: IssueLog) -> bool:
    if key in seen:
        what = (say(_KEY_WORDS[column], **dict(zip("abc", key, strict=False)))
                if isinstance(key, tuple) else say("io.key.id", column=column, id=key))
        log.add(file, say("io.duplicate", what=what, first=seen[key]), row, column)
        return False
    seen[key] = row
    return True


def _schools(table: Table, where: _Rows, log: IssueLog) -> dict[str, School]:
    schools: dict[str, School] = {}
    for row in table.rows:
        school_id = cells.text(row, "school_id", log)
        if school_id is None:
            continue
        if not _unique(school_id, where.school, table.file, row.number, "school_id", log):
            continue
        rooms = cells.integer(row, "sync_rooms", log, minimum=0, maximum=MAX_SYNC_ROOMS, default=1)
        if rooms is not None:
            schools[school_id] = School(
                school_id=school_id,
                name=row["name"] or school_id,
                short_name=row["short_name"],
                sync_rooms=rooms,
            )
    if not schools and not log.issues:
        log.add(table.file, say("io.no_schools"))
    return schools


def _known(value: str | None, known: Any, what: str, row: Any, column: str, log: IssueLog,
           named_elsewhere: Any = ()) -> bool:
    """``value`` is one of the ``known`` ids, else an error on this cell (none when the id is
    ``named_elsewhere``: its own row is wrong and says so)."""
    if value is None:
        return False
    if value in named_elsewhere:
        return False
    if value not in known:
        log.add(row.file, say("io.unknown_school" if what == "school" else "io.unknown_teacher",
                              id=value,
                              hint=cells.id_date_hint(value) + cells.did_you_mean(value, known)),
                row.number, column)
        return False
    return True


def _seasons_spelt_alike(table: Table, bells: Sequence[BellPeriod | BellBreak],
                         seasons: tuple[str, ...], log: IssueLog) -> None:
    """A season written two ways ('Winter' on one row, 'winter' elsewhere) is one season
    mistyped: name the rows of the rarer spelling."""
    counts = Counter(b.season for b in bells)
    spellings: dict[str, list[str]] = defaultdict(list)
    for season in [*seasons, *counts]:
        if season not in spellings[season.casefold().strip()]:
            spellings[season.casefold().strip()].append(season)
    for forms in spellings.values():
        if len(forms) < 2:
            continue
        usual = max(forms, key=lambda s: (s in seasons, counts[s]))
        for row in table.rows:
            if row["season"] in forms and row["season"] != usual:
                log.add(table.file, say("io.season_spelt_two_ways", season=row["season"],
                                        usual=usual), row.number, "season")


def _class_hint(class_id: str, school_id: str, where: _Rows) -> str:
    """A did-you-mean among the classes of the school."""
    return cells.did_you_mean(class_id, [c for s, c in where.klass if s == school_id])


class _Bells(NamedTuple):
    periods: list[BellPeriod]
    breaks: list[BellBreak]


def _bells(table: Table, where: _Rows, seasons: tuple[str, ...], log: IssueLog,
           seasons_given: bool) -> _Bells:
    """Lesson periods and named breaks (rows of kind ``break``: start and end, a name, no
    period number), checked: periods 1..n in order without overlaps, breaks between them."""
    bells: list[BellPeriod] = []
    breaks: list[tuple[BellBreak, int]] = []
    seen: dict[Any, int] = {}
    row_of: dict[tuple[str, str, int], int] = {}
    for row in table.rows:
        kind = (row["kind"] or "period").lower()
        if kind not in BELL_KINDS:
            log.add(table.file, say("io.bell_kind", kind=row["kind"]), row.number, "kind")
            continue
        school_id = cells.text(row, "school_id", log)
        known = _known(school_id, where.school, "school", row, "school_id", log)
        season_of_row = cells.text(row, "season", log)
        start = cells.clock_time(row, "start", log)
        end = cells.clock_time(row, "end", log)
        if kind == "break":
            named = _break_row_ok(table, row, log)
            if not known or not named or None in (season_of_row, start, end):
                continue
            assert school_id and season_of_row and start is not None and end is not None
            if _ends_after_start(table, row, start, end, log, "break"):
                breaks.append((BellBreak(school_id=school_id, season=season_of_row,
                                         name=row["name"], start=start, end=end), row.number))
            continue
        if not row["period"]:
            log.add(table.file, say("io.period_number_missing"), row.number, "period")
            continue
        period = cells.integer(row, "period", log, minimum=1, maximum=MAX_PERIODS)
        if not known or None in (season_of_row, period, start, end):
            continue
        assert school_id and season_of_row and period and start is not None and end is not None
        if not _ends_after_start(table, row, start, end, log, "period"):
            continue
        key = (school_id, season_of_row, period)
        if _unique(key, seen, table.file, row.number, "period", log):
            row_of[key] = row.number
            bells.append(BellPeriod(school_id=school_id, season=season_of_row, period=period,
                                    start=start, end=end, name=row["name"]))
    rows: list[BellPeriod | BellBreak] = [*bells, *(b for b, _ in breaks)]
    _seasons_spelt_alike(table, rows, seasons, log)
    if log.issues:
        return _Bells(bells, [b for b, _ in breaks])

    by_schedule: dict[tuple[str, str], list[BellPeriod]] = defaultdict(list)
    for bell in bells:
        by_schedule[(bell.school_id, bell.season)].append(bell)
    for (school_id, season_of_rows), schedule in by_schedule.items():
        schedule.sort(key=lambda b: b.period)
        numbers = [b.period for b in schedule]
        if numbers != list(range(1, len(schedule) + 1)):
            present = set(numbers)
            missing = [p for p in range(1, len(numbers) + 1) if p not in present]
            log.add(table.file,
                    say("io.period_gaps", school=school_id, season=season_of_rows,
                        missing=missing),
                    row_of[(school_id, season_of_rows, schedule[-1].period)], "period")
            continue
        for before, after in itertools.pairwise(schedule):
            if after.start < before.end:
                hint = ""
                if after.start + 12 * 60 >= before.end and after.start < 12 * 60:
                    hint = say("io.afternoon_hint")
                log.add(table.file,
                        say("io.periods_overlap", school=school_id, season=season_of_rows,
                            period=after.period, start=after.times.split("-")[0],
                            before=before.period, end=before.times.split("-")[1], hint=hint),
                        row_of[(school_id, season_of_rows, after.period)], "start")
    _breaks_between_periods(table, breaks, by_schedule, log)
    for school_id in where.school:
        counts: dict[str, int] = {}
        for season in seasons:
            if (school_id, season) not in by_schedule:
                others = sorted({s for (sid, s) in by_schedule if sid == school_id})
                log.add(table.file,
                        say("io.no_bells_for_season", school=school_id, season=season,
                            asked="--season" if seasons_given else say("io.seasons_of_settings"),
                            others=listed(others) or say("io.none"),
                            hint=cells.did_you_mean(season, others)),
                        None, "season")
            else:
                counts[season] = len(by_schedule[(school_id, season)])
        if len(set(counts.values())) > 1:
            log.add(table.file,
                    say("io.periods_differ_by_season", school=school_id,
                        counts=listed([f"{s} ({n})" for s, n in counts.items()])),
                    None, "period")
    return _Bells(bells, [b for b, _ in breaks])


def _break_row_ok(table: Table, row: Any, log: IssueLog) -> bool:
    """A break row names the break and has no period number."""
    ok = True
    if row["period"]:
        log.add(table.file, say("io.break_with_number", period=row["period"]), row.number,
                "period")
        ok = False
    if not row["name"]:
        log.add(table.file, say("io.break_without_name"), row.number, "name")
        ok = False
    return ok


def _ends_after_start(table: Table, row: Any, start: int, end: int, log: IssueLog,
                      what: str) -> bool:
    if end <= start:
        log.add(table.file, say("io.break_ends_before_start" if what == "break"
                                else "io.period_ends_before_start", end=row["end"],
                                start=row["start"]), row.number, "end")
        return False
    return True


def _breaks_between_periods(table: Table, breaks: list[tuple[BellBreak, int]],
                            by_schedule: dict[tuple[str, str], list[BellPeriod]],
                            log: IssueLog) -> None:
    """A break overlaps no period and no other break of its school and season."""
    earlier: dict[tuple[str, str], list[tuple[BellBreak, int]]] = defaultdict(list)
    for item, number in sorted(breaks, key=lambda b: (b[0].school_id, b[0].season, b[0].start)):
        where = say("io.break_where", school=item.school_id, season=item.season, name=item.name,
                    times=item.times)
        period = next((p for p in by_schedule.get((item.school_id, item.season), ())
                       if p.start < item.end and item.start < p.end), None)
        if period is not None:
            log.add(table.file, say("io.break_overlaps_period", where=where,
                                    period=period.period, times=period.times), number, "start")
            continue
        other = next(((b, n) for b, n in earlier[(item.school_id, item.season)]
                      if b.start < item.end and item.start < b.end), None)
        if other is not None:
            log.add(table.file, say("io.break_overlaps_break", where=where, name=other[0].name,
                                    times=other[0].times, row=other[1]), number, "start")
            continue
        earlier[(item.school_id, item.season)].append((item, number))


def _classes(table: Table, where: _Rows, log: IssueLog) -> dict[tuple[str, str], SchoolClass]:
    classes: dict[tuple[str, str], SchoolClass] = {}
    for row in table.rows:
        school_id = cells.text(row, "school_id", log)
        known = _known(school_id, where.school, "school", row, "school_id", log)
        class_id = cells.identifier(row, "class_id", log)
        if class_id is not None and COMBINE in class_id:
            log.add(table.file, say("io.plus_in_class_id", id=class_id, sign=COMBINE),
                    row.number, "class_id")
            continue
        if not known or class_id is None:
            continue
        assert school_id
        key = (school_id, class_id)
        if not _unique(key, where.klass, table.file, row.number, "class_id", log):
            continue
        grade = cells.integer(row, "grade", log, minimum=1, maximum=MAX_GRADE)
        students = _students(row, log)
        if grade is not None and students != -1:
            classes[key] = SchoolClass(
                school_id=school_id, class_id=class_id, grade=grade, name=row["name"] or class_id,
                students=students)
    return classes


def _students(row: Row, log: IssueLog) -> int | None:
    """classes.csv ``students``: the class's pupils, a whole number 0..MAX_STUDENTS, or blank
    (None); -1 when the cell is wrong (logged)."""
    value = row["students"]
    if not value:
        return None
    if value.strip().startswith("-"):
        log.add(row.file, say("io.students_negative", value=value), row.number, "students")
        return -1
    number = cells.integer(row, "students", log, minimum=0, maximum=MAX_STUDENTS)
    return -1 if number is None else number


def _head_teachers(table: Table, classes: dict[tuple[str, str], SchoolClass], where: _Rows,
                   log: IssueLog) -> dict[tuple[str, str], SchoolClass]:
    """classes.csv ``head_teacher`` (班主任): a teacher of the class's own school, or blank."""
    out = dict(classes)
    for row in table.rows:
        head = row["head_teacher"]
        key = (row["school_id"], row["class_id"])
        if not head or key not in classes or where.klass.get(key) != row.number:
            continue
        if not _known(head, where.teacher, "teacher", row, "head_teacher", log,
                      where.unplaced_teacher):
            continue
        if where.school_of_teacher[head] != key[0]:
            log.add(table.file, say("io.head_teacher_school", teacher=head,
                                    school=where.school_of_teacher[head], own=key[0]),
                    row.number, "head_teacher")
            continue
        out[key] = classes[key].model_copy(update={"head_teacher": head})
    return out


def _teachers(
    table: Table,
    days: tuple[str, ...],
    periods: dict[str, int] | None,
    halves: dict[str, dict[str, tuple[int, ...]]],
    where: _Rows,
    log: IssueLog,
) -> dict[str, Teacher]:
    teachers: dict[str, Teacher] = {}
    for row in table.rows:
        issues_before = len(log.issues)
        teacher_id = cells.identifier(row, "teacher_id", log)
        if teacher_id is not None and COMBINE in teacher_id:
            log.add(table.file, say("io.plus_in_teacher_id", id=teacher_id, sign=COMBINE),
                    row.number, "teacher_id")
            continue
        school_id = cells.text(row, "school_id", log)
        known = _known(school_id, where.school, "school", row, "school_id", log)
        if teacher_id is not None and not known:
            where.unplaced_teacher.add(teacher_id)  # known, but its row is wrong: no cascade
        if teacher_id is None or not known:
            continue
        assert school_id
        if not _unique(teacher_id, where.teacher, table.file, row.number, "teacher_id", log):
            continue
        where.school_of_teacher[teacher_id] = school_id
        level = row["level"] or None
        if level is not None and level not in LEVELS:
            log.add(table.file, say("io.not_a_level", level=level, levels=", ".join(LEVELS)),
                    row.number, "level")
        limits = {column: cells.integer(row, column, log, minimum=least, maximum=most)
                  if row[column] else None
                  for column, least, most in (
                      ("max_per_day", 1, MAX_PERIODS), ("max_consecutive", 1, MAX_PERIODS),
                      ("max_days", 1, 7), ("max_gaps_per_day", 0, MAX_PERIODS),
                      ("max_gaps_per_week", 0, MAX_WEEK_GAPS), ("min_per_day", 1, MAX_PERIODS))}
        min_load = cells.decimal(row, "min_load", log, default=Decimal(0), maximum=MAX_LOAD,
                                 places=LOAD_PLACES)
        max_load = (cells.decimal(row, "max_load", log, maximum=MAX_LOAD, places=LOAD_PLACES)
                    if row["max_load"] else None)
        if len(log.issues) > issues_before:
            continue
        assert min_load is not None
        # Without valid bells only the syntax of 'unavailable' is checked, not its period numbers.
        count = periods[school_id] if periods is not None else None
        unavailable = cells.unavailable_slots(row, "unavailable", log, days, count,
                                              halves.get(school_id) if count else None)
        if unavailable is None:
            continue
        if max_load is not None and min_load > max_load:
            log.add(table.file, say("io.min_above_max", low=min_load, high=max_load),
                    row.number, "min_load")
            continue
        low, high = limits["min_per_day"], limits["max_per_day"]
        if low is not None and high is not None and low > high:
            log.add(table.file, say("io.min_per_day_above_max", low=low, high=high),
                    row.number, "min_per_day")
            continue
        teachers[teacher_id] = Teacher(
            teacher_id=teacher_id,
            school_id=school_id,
            name=row["name"] or teacher_id,
            level=level,  # type: ignore[arg-type]  # checked against LEVELS above
            min_load=min_load,
            max_load=max_load,
            unavailable=unavailable,
            **limits,
        )
    return teachers


def _curriculum(table: Table, days: tuple[str, ...], periods: dict[str, int] | None,
                halves: dict[str, dict[str, tuple[int, ...]]], where: _Rows, log: IssueLog
                ) -> list[CurriculumRow]:
    rows: list[CurriculumRow] = []
    for row in table.rows:
        school_id = cells.text(row, "school_id", log)
        count = periods.get(school_id or "") if periods is not None else None
        allowed = (cells.unavailable_slots(row, "allowed", log, days, count,
                                           halves.get(school_id or "") if count else None)
                   if row["allowed"] else ())
        preferred = (cells.unavailable_slots(row, "preferred", log, days, count,
                                             halves.get(school_id or "") if count else None)
                     if row["preferred"] else ())
        if allowed is None or preferred is None:
            continue
        class_id = cells.text(row, "class_id", log)
        subject = cells.text(row, "subject", log)
        teacher_id = cells.optional(row, "teacher_id", log)
        if teacher_id is None and row["teacher_id"]:
            continue
        per_week = cells.integer(row, "per_week", log, minimum=0, maximum=MAX_LESSONS)
        max_per_day = (
            cells.integer(row, "max_per_day", log, minimum=1, maximum=MAX_PER_DAY)
            if row["max_per_day"] else None
        )
        min_days_apart = (
            cells.integer(row, "min_days_apart", log, minimum=1, maximum=MAX_DAYS_APART)
            if row["min_days_apart"] else None
        )
        doubles = cells.integer(row, "doubles", log, minimum=0, maximum=MAX_DOUBLES, default=0)
        if None in (school_id, class_id, subject, per_week, doubles) or (
            row["max_per_day"] and max_per_day is None
        ) or (row["min_days_apart"] and min_days_apart is None):
            continue
        assert doubles is not None
        if doubles and teacher_id is None:
            log.add(table.file, say("io.doubles_need_a_teacher", n=doubles), row.number,
                    "doubles")
            continue
        assert school_id and class_id and subject and per_week is not None
        if not _known(school_id, where.school, "school", row, "school_id", log):
            continue
        if not (_combined_classes(table, row, school_id, class_id, where, log)
                and _co_teachers(table, row, school_id, teacher_id, where, log)):
            continue
        key = (school_id, class_id, subject)
        if not _unique(key, where.curriculum, table.file, row.number, "subject", log):
            continue
        taken = [c for c in class_id.split(COMBINE)
                 if (school_id, c, subject) in where.class_subject]
        if taken:
            first = where.class_subject[(school_id, taken[0], subject)]
            log.add(table.file, say("io.class_subject_twice", klass=taken[0], school=school_id,
                                    subject=subject, row=first), row.number, "class_id")
            continue
        for c in class_id.split(COMBINE):
            where.class_subject[(school_id, c, subject)] = row.number
        rows.append(CurriculumRow(school_id=school_id, class_id=class_id, subject=subject,
                                  teacher_id=teacher_id, per_week=per_week,
                                  max_per_day=max_per_day, doubles=doubles,
                                  min_days_apart=min_days_apart,
                                  allowed=tuple(sorted(allowed)) if row["allowed"] else None,
                                  preferred=(tuple(sorted(preferred)) if row["preferred"]
                                             else None),
                                  together=row["together"] or None))
    return rows


def _combined_classes(table: Table, row: Row, school_id: str, label: str, where: _Rows,
                      log: IssueLog) -> bool:
    """Every class a curriculum row names (``1-1+1-2`` for a combined lesson) is a class of
    its school, named once."""
    parts = label.split(COMBINE)
    if any(not part for part in parts):
        log.add(table.file, say("io.combined_empty_class", label=label, sign=COMBINE),
                row.number, "class_id")
        return False
    if len(set(parts)) < len(parts):
        log.add(table.file, say("io.combined_class_twice", label=label), row.number,
                "class_id")
        return False
    ok = True
    for class_id in parts:
        if (school_id, class_id) in where.klass:
            continue
        elsewhere = sorted(s for s, c in where.klass if c == class_id and len(parts) > 1)
        where_else = say("io.combined_one_school", klass=class_id,
                         schools=listed(elsewhere)) if elsewhere else ""
        log.add(table.file, say("io.unknown_class_see", id=class_id, school=school_id,
                                hint=cells.id_date_hint(class_id)
                                + _class_hint(class_id, school_id, where) + where_else),
                row.number, "class_id")
        ok = False
    return ok


def _co_teachers(table: Table, row: Row, school_id: str, label: str | None, where: _Rows,
                 log: IssueLog) -> bool:
    """Every teacher a curriculum row names (``t1+t2`` for co-teaching) is a teacher of its
    school, named once."""
    if label is None:
        return True
    parts = label.split(COMBINE)
    if any(not part for part in parts) or len(set(parts)) < len(parts):
        log.add(table.file, say("io.co_teachers_bad", label=label), row.number, "teacher_id")
        return False
    for teacher_id in parts:
        if teacher_id in where.unplaced_teacher:
            return False  # its own row says what is wrong
        if teacher_id not in where.teacher:
            log.add(table.file, say("io.unknown_teacher", id=teacher_id,
                                    hint=cells.id_date_hint(teacher_id)
                                    + cells.did_you_mean(teacher_id, where.teacher)),
                    row.number, "teacher_id")
            return False
        if where.school_of_teacher[teacher_id] != school_id:
            log.add(table.file, say("io.teacher_school", teacher=teacher_id,
                                    school=where.school_of_teacher[teacher_id], own=school_id),
                    row.number, "teacher_id")
            return False
    return True


def _rooms(table: Table, days: tuple[str, ...], periods: dict[str, int] | None,
           halves: dict[str, dict[str, tuple[int, ...]]], curriculum: list[CurriculumRow],
           where: _Rows, log: IssueLog) -> list[Room]:
    """rooms.csv: special rooms, each bound to subjects of its school's curriculum."""
    subjects: dict[str, set[str]] = defaultdict(set)
    for r in curriculum:
        subjects[r.school_id].add(r.subject)
    rooms: list[Room] = []
    seen: dict[Any, int] = {}
    for row in table.rows:
        school_id = cells.text(row, "school_id", log)
        known = _known(school_id, where.school, "school", row, "school_id", log)
        room_id = cells.text(row, "room_id", log)
        if not known or room_id is None:
            continue
        assert school_id
        if not _unique((school_id, room_id), seen, table.file, row.number, "room_id", log):
            continue
        named = [s.strip() for s in re.split(r"[;；、]", row["subjects"]) if s.strip()]
        if not named:
            log.add(table.file, say("io.room_no_subject"), row.number, "subjects")
            continue
        unknown = [s for s in named if s not in subjects[school_id]]
        if unknown:
            log.add(table.file, say("io.room_unknown_subject", subject=unknown[0],
                                    school=school_id,
                                    hint=cells.did_you_mean(unknown[0], subjects[school_id])),
                    row.number, "subjects")
            continue
        count = periods.get(school_id) if periods is not None else None
        closed = cells.unavailable_slots(row, "unavailable", log, days, count,
                                         halves.get(school_id) if count else None)
        if closed is None:
            continue
        rooms.append(Room(school_id=school_id, room_id=room_id, name=row["name"] or room_id,
                          subjects=tuple(dict.fromkeys(named)), unavailable=closed))
    return rooms


def _rows_by_class(curriculum: list[CurriculumRow]) -> dict[tuple[str, str, str], CurriculumRow]:
    """(school, class, subject) -> its curriculum row; every class of a combined row names it."""
    return {(school, c, r.subject): r for r in curriculum for school, c in r.class_keys}


def _days_apart(table: Table, curriculum: list[CurriculumRow], where: _Rows, log: IssueLog
                ) -> list[DaysApart]:
    """days_apart.csv: rows of one ``group`` (one school, one ``min_days``, one ``weight``: blank
    for a hard rule) whose lessons are all that many days apart; a class of a combined row, or
    its classes as written, names the row."""
    row_of = _rows_by_class(curriculum) | {r.key: r for r in curriculum}
    groups: dict[str, dict[str, Any]] = {}
    for row in table.rows:
        group = cells.text(row, "group", log)
        school_id = cells.text(row, "school_id", log)
        known = _known(school_id, where.school, "school", row, "school_id", log)
        class_id = cells.text(row, "class_id", log)
        subject = cells.text(row, "subject", log)
        min_days = cells.integer(row, "min_days", log, minimum=1, maximum=MAX_DAYS_APART)
        weight = (cells.integer(row, "weight", log, minimum=1, maximum=MAX_WEIGHT)
                  if row["weight"] else None)
        if not known or None in (group, class_id, subject, min_days) or (
                row["weight"] and weight is None):
            continue
        assert group and school_id and class_id and subject and min_days
        found = row_of.get((school_id, class_id, subject))
        if found is None:
            log.add(table.file, say("io.pin_no_row", klass=class_id, school=school_id,
                                    subject=subject), row.number, "subject")
            continue
        first = groups.setdefault(group, {"school": school_id, "days": min_days, "rows": {},
                                          "row": row.number, "weight": weight})
        if first["school"] != school_id:
            log.add(table.file, say("io.apart_school", group=group, school=first["school"],
                                    row=first["row"]), row.number, "school_id")
        elif first["days"] != min_days:
            log.add(table.file, say("io.apart_min_days", group=group, days=first["days"],
                                    row=first["row"]), row.number, "min_days")
        elif first["weight"] != weight:
            log.add(table.file, say("io.apart_weight", group=group, row=first["row"],
                                    weight=first["weight"] or say("io.apart_hard")),
                    row.number, "weight")
        elif found.key in first["rows"]:
            log.add(table.file, say("io.apart_twice", group=group, subject=subject,
                                    klass=found.class_id, row=first["rows"][found.key]),
                    row.number, "subject")
        else:
            first["rows"][found.key] = row.number
    return [DaysApart(group=group, school_id=g["school"], rows=tuple(g["rows"]),
                      min_days=g["days"], weight=g["weight"], row=g["row"],
                      source=table.label or table.file)
            for group, g in groups.items()]


def _pins(table: Table, days: tuple[str, ...], periods: dict[str, int],
          teachers: dict[str, Teacher], curriculum: list[CurriculumRow], courses: list[Course],
          where: _Rows, log: IssueLog) -> list[Pin]:
    """pinned.csv: a local lesson of a class's subject (or a session of a course) fixed at a
    (day, period); a pin that breaks a rule seen here is named with the rule."""
    row_of = _rows_by_class(curriculum)
    course_of = {c.course_id: c for c in courses}
    pins: list[Pin] = []
    used: dict[tuple[Any, ...], int] = {}
    per_row: Counter[tuple[str, str, str]] = Counter()
    per_course: Counter[str] = Counter()
    for row in table.rows:
        school_id = cells.text(row, "school_id", log)
        known = _known(school_id, where.school, "school", row, "school_id", log)
        course_id = cells.optional(row, "course_id", log)
        class_id = cells.optional(row, "class_id", log)
        subject = cells.optional(row, "subject", log)
        day_text = cells.text(row, "day", log)
        period = cells.integer(row, "period", log, minimum=1, maximum=MAX_PERIODS)
        if not known or day_text is None or period is None:
            continue
        assert school_id
        day = cells.day_of(day_text, days)
        if day is None:
            log.add(table.file, say("io.pin_unknown_day", day=day_text, days=listed(list(days)),
                                    hint=cells.did_you_mean(day_text, days)), row.number, "day")
            continue
        if course_id is not None:
            if class_id or subject:
                log.add(table.file, say("io.pin_both"), row.number, "course_id")
                continue
            course = course_of.get(course_id)
            if course is None:
                log.add(table.file, say("io.pin_unknown_course", id=course_id,
                                        hint=cells.did_you_mean(course_id, course_of)),
                        row.number, "course_id")
                continue
            if course.hub_school != school_id:
                log.add(table.file, say("io.pin_hub", course=course_id,
                                        hub=course.hub_school), row.number, "school_id")
                continue
            if period > periods.get(school_id, 0):
                log.add(table.file, say("io.pin_no_period", school=school_id, period=period,
                                        n=periods.get(school_id, 0)), row.number, "period")
                continue
            if (day, period) in teachers[course.hub_teacher].unavailable:
                log.add(table.file, say("io.pin_hub_teacher_away", teacher=course.hub_teacher,
                                        day=day, period=period), row.number, "period")
                continue
            per_course[course_id] += 1
            if per_course[course_id] > course.max_per_week:
                log.add(table.file, say("io.pin_too_many_sessions", course=course_id,
                                        n=course.max_per_week), row.number, "course_id")
                continue
            busy: list[tuple[tuple[str, ...], str]] = [
                (("teacher", course.hub_teacher), say("io.pin_its_hub_teacher"))]
        else:
            if class_id is None or subject is None:
                log.add(table.file, say("io.pin_needs"), row.number,
                        "class_id" if class_id is None else "subject")
                continue
            found = row_of.get((school_id, class_id, subject))
            if found is None:
                log.add(table.file, say("io.pin_no_row", klass=class_id, school=school_id,
                                        subject=subject), row.number, "subject")
                continue
            if not found.teacher_ids:
                log.add(table.file, say("io.pin_online_only", subject=subject,
                                        klass=class_id), row.number, "subject")
                continue
            if period > periods.get(school_id, 0):
                log.add(table.file, say("io.pin_no_period", school=school_id, period=period,
                                        n=periods.get(school_id, 0)), row.number, "period")
                continue
            away = [t for t in found.teacher_ids if (day, period) in teachers[t].unavailable]
            if away:
                log.add(table.file, say("io.pin_teacher_away", teacher=away[0], day=day,
                                        period=period), row.number, "period")
                continue
            if not found.allows(day, period):
                log.add(table.file, say("io.pin_not_allowed", subject=subject,
                                        klass=found.class_id), row.number, "period")
                continue
            per_row[found.key] += 1
            if per_row[found.key] > found.per_week:
                log.add(table.file, say("io.pin_too_many_lessons", klass=found.class_id,
                                        n=found.per_week, subject=subject), row.number,
                        "class_id")
                continue
            busy = [(("class", school_id, c), say("io.pin_class", klass=c))
                    for c in found.class_ids]
            busy += [(("teacher", t), say("io.pin_teacher", teacher=t))
                     for t in found.teacher_ids]
            class_id = found.class_ids[0]
        clash = next(((what, used[(*who, day, period)]) for who, what in busy
                      if (*who, day, period) in used), None)
        if clash is not None:
            log.add(table.file, say("io.pin_clash", who=clash[0], day=day, period=period,
                                    row=clash[1]), row.number, "period")
            continue
        for who, _ in busy:
            used[(*who, day, period)] = row.number
        pins.append(Pin(school_id=school_id, day=day, period=period, class_id=class_id,
                        subject=subject, course_id=course_id, row=row.number,
                        source=table.label or table.file))
    return pins


def _courses(table: Table, where: _Rows, log: IssueLog) -> list[Course]:
    heads: dict[str, _CourseHead] = {}
    receptions: dict[str, list[Reception]] = defaultdict(list)
    for row in table.rows:
        course_id = cells.text(row, "course_id", log)
        form = cells.text(row, "form", log)
        if form is not None and form not in FORMS:
            log.add(table.file, say("io.not_a_form", form=form, forms=", ".join(FORMS)),
                    row.number, "form")
            continue
        hub_school = cells.text(row, "hub_school", log)
        hub_teacher = cells.text(row, "hub_teacher", log)
        hub_class = cells.optional(row, "hub_class", log)
        receiving_school = cells.text(row, "receiving_school", log)
        receiving_class = cells.text(row, "receiving_class", log)
        subject = cells.text(row, "subject", log)
        per_week = cells.count_range(row, "per_week", log, maximum=MAX_LESSONS)
        assistant = cells.optional(row, "assistant_teacher", log)
        if None in (course_id, form, hub_school, hub_teacher, receiving_school, receiving_class,
                    subject, per_week) or (row["hub_class"] and hub_class is None) or (
                        row["assistant_teacher"] and assistant is None):
            continue
        assert course_id and form and hub_school and hub_teacher and per_week
        assert receiving_school and receiving_class and subject
        ok = _known(hub_school, where.school, "school", row, "hub_school", log)
        ok &= _known(receiving_school, where.school, "school", row, "receiving_school", log)
        ok &= _known(hub_teacher, where.teacher, "teacher", row, "hub_teacher", log,
                     where.unplaced_teacher)
        if assistant is not None:
            ok &= _known(assistant, where.teacher, "teacher", row, "assistant_teacher", log,
                         where.unplaced_teacher)
        if not ok:
            continue
        school_of = where.school_of_teacher
        if school_of[hub_teacher] != hub_school:
            log.add(table.file, say("io.hub_teacher_school", teacher=hub_teacher,
                                    school=school_of[hub_teacher], hub=hub_school),
                    row.number, "hub_teacher")
            ok = False
        if receiving_school == hub_school:
            log.add(table.file, say("io.receiving_is_hub"), row.number, "receiving_school")
            ok = False
        if (receiving_school, receiving_class) not in where.klass:
            log.add(table.file, say("io.unknown_class", id=receiving_class,
                                    school=receiving_school,
                                    hint=cells.id_date_hint(receiving_class)
                                    + _class_hint(receiving_class, receiving_school, where)),
                    row.number, "receiving_class")
            ok = False
        if form == "sync" and hub_class is None:
            log.add(table.file, say("io.sync_needs_hub_class"), row.number, "hub_class")
            ok = False
        if form != "sync" and hub_class is not None:
            log.add(table.file, say("io.no_hub_class", form=say(f"io.form.{form}")), row.number,
                    "hub_class")
            ok = False
        if hub_class is not None and (hub_school, hub_class) not in where.klass:
            log.add(table.file, say("io.unknown_class", id=hub_class, school=hub_school,
                                    hint=cells.id_date_hint(hub_class)
                                    + _class_hint(hub_class, hub_school, where)),
                    row.number, "hub_class")
            ok = False
        if assistant is not None and school_of[assistant] != receiving_school:
            log.add(table.file, say("io.assistant_school", teacher=assistant,
                                    school=school_of[assistant], receiving=receiving_school),
                    row.number, "assistant_teacher")
            ok = False
        if not ok:
            continue

        head = _CourseHead(form, hub_school, hub_teacher, hub_class, subject, per_week)
        if course_id not in heads:
            heads[course_id] = head
            where.course[course_id] = row.number
        else:
            first = heads[course_id]
            differing = [k for k in _CourseHead._fields if getattr(head, k) != getattr(first, k)]
            if differing:
                column = differing[0]
                log.add(table.file, say("io.course_rows_disagree", course=course_id,
                                        column=column, here=_shown(getattr(head, column)),
                                        there=_shown(getattr(first, column)),
                                        row=where.course[course_id]),
                        row.number, column)
                continue
        key = (course_id, receiving_school, receiving_class)
        if _unique(key, where.reception, table.file, row.number, "receiving_class", log):
            receptions[course_id].append(Reception(school_id=receiving_school,
                                                   class_id=receiving_class,
                                                   assistant_id=assistant))
    courses = []
    for course_id, head in heads.items():
        low, high = head.per_week
        courses.append(Course(course_id=course_id, form=head.form,  # type: ignore[arg-type]
                              hub_school=head.hub_school, hub_teacher=head.hub_teacher,
                              hub_class=head.hub_class, subject=head.subject,
                              min_per_week=low, max_per_week=high,
                              receptions=tuple(receptions[course_id])))
    return courses


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return f"{value[0]}-{value[1]}" if value[0] != value[1] else str(value[0])
    return "" if value is None else str(value)


def _check_across_tables(instance: Instance, where: _Rows, log: IssueLog) -> None:
    """Rules that need several tables: curricula vs periods, courses vs curricula."""
    days = len(instance.days)
    for klass in instance.classes:
        rows = instance.curriculum_of_class.get(klass.key, ())
        lessons = sum(r.per_week for r in rows)
        slots = days * len(instance.periods(klass.school_id))
        if lessons > slots:
            # Named on the row with the most lessons: the likeliest to hold the slip.
            largest = max(rows, key=lambda r: r.per_week)
            log.add(CURRICULUM, say("io.too_many_lessons", klass=klass.class_id,
                                    school=klass.school_id, lessons=lessons, slots=slots,
                                    days=days, periods=slots // days,
                                    subject=largest.subject, largest=largest.per_week),
                    where.curriculum[largest.key],
                    "per_week")

    subjects = {r.subject for r in instance.curriculum}
    for subject in instance.core_subjects:
        # (the default list may name subjects a school does not teach: English in grade 1)
        if subject not in subjects and instance.core_subjects != DEFAULT_CORE_SUBJECTS:
            log.warn("instance.yaml", say("io.core_subject_unknown", subject=subject,
                                          hint=cells.did_you_mean(subject, subjects)),
                     None, "core_subjects")

    for course in instance.courses:
        line = where.course[course.course_id]
        if course.hub_class_key is not None:
            curriculum = instance.curriculum_row.get((*course.hub_class_key, course.subject))
            if curriculum is None:
                log.add(SYNC, say("io.hub_class_no_row", klass=course.hub_class,
                                  subject=course.subject), line, "subject")
            elif curriculum.teacher_id != course.hub_teacher:
                log.add(SYNC, say("io.hub_teacher_not_curriculum", teacher=course.hub_teacher,
                                  klass=course.hub_class, subject=course.subject,
                                  curriculum_teacher=curriculum.teacher_id or "",
                                  row=where.curriculum[curriculum.key]),
                        line, "hub_teacher")
        for reception in course.receptions:
            if (*reception.class_key, course.subject) not in instance.curriculum_row:
                log.add(SYNC, say("io.receiving_class_no_row", klass=reception.class_id,
                                  school=reception.school_id, subject=course.subject),
                        where.reception[(course.course_id, *reception.class_key)],
                        "receiving_class")

    for row in instance.curriculum:
        key = row.key
        courses = tuple(dict.fromkeys(
            c for school, class_id in row.class_keys
            for c in instance.courses_reaching.get((school, class_id, row.subject), ())))
        fewest = sum(c.min_per_week for c in courses)
        most = sum(c.max_per_week for c in courses)
        line = where.curriculum[key]
        if courses and (row.combined or len(row.teacher_ids) > 1):
            log.add(CURRICULUM, say("io.combined_online" if row.combined
                                    else "io.co_taught_online", subject=key[2], klass=key[1],
                                    school=key[0],
                                    courses=listed([c.course_id for c in courses])), line,
                    "class_id" if row.combined else "teacher_id")
            continue
        if fewest > row.per_week:
            log.add(CURRICULUM, say("io.online_above_per_week", klass=key[1], school=key[0],
                                    per_week=row.per_week, subject=key[2],
                                    courses=listed([c.course_id for c in courses]),
                                    fewest=fewest),
                    line, "per_week")
        if 2 * row.doubles > row.per_week - fewest:
            log.add(CURRICULUM, say("io.doubles_above_local", klass=key[1], school=key[0],
                                    n=row.doubles, subject=key[2], periods=2 * row.doubles,
                                    local=row.per_week - fewest, per_week=row.per_week,
                                    online=say("io.online_bring", fewest=fewest,
                                               courses=listed([c.course_id for c in courses]))
                                    if courses else ""),
                    line, "doubles")
        if row.together is not None and courses:
            log.add(CURRICULUM, say("io.together_and_online", subject=key[2], klass=key[1],
                                    school=key[0], label=row.together,
                                    courses=listed([c.course_id for c in courses])),
                    line, "together")
        if row.teacher_id is None and most < row.per_week:
            log.add(CURRICULUM, say("io.no_teacher_too_few_online", subject=key[2],
                                    klass=key[1], school=key[0], per_week=row.per_week,
                                    most=most,
                                    courses=say("io.courses_in_brackets",
                                                courses=listed([c.course_id for c in courses]))
                                    if courses else ""),
                    line, "teacher_id")

    for (school_id, label), rows in instance.together_groups.items():
        first = rows[0]
        line = where.curriculum[first.key]
        classes = [c for r in rows for c in r.class_ids]
        if len(rows) < 2:
            log.add(CURRICULUM, say("io.together_alone", label=label, subject=first.subject,
                                    klass=first.class_id),
                    line, "together")
        elif len(set(classes)) < len(classes):
            log.add(CURRICULUM, say("io.together_same_class", label=label,
                                    classes=listed(classes)),
                    line, "together")
        elif (len({(r.per_week, r.doubles) for r in rows}) > 1
              or any(r.teacher_id is None for r in rows)):
            log.add(CURRICULUM, say("io.together_differ", label=label, school=school_id,
                                    rows=listed([f"{r.class_id} {r.subject} "
                                                 f"{r.per_week}/{r.doubles}" for r in rows])),
                    line, "together")
