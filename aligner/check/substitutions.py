"""The independent checker of a substitution plan (substitutions.csv, ours or edited by hand):
re-verified against the timetable (lessons.csv, sessions.csv) and the instance's rules.

Like the rest of :mod:`aligner.check` it shares no code with what made the plan: it imports
nothing from aligner.living, aligner.export, aligner.model, aligner.alignment, aligner.solver or
aligner.diagnose, and recomputes the absent teachers' commitments, everyone's periods and loads
from the files on its own.

The rules:

- ``substitution_missing``: every commitment of an absent teacher on a day of the absence (the
  days absences.csv lists, else those the plan names) has its rows: a local lesson one (its
  classes joined by ``+``), a session taught one per school end (the hub class, each receiving
  school), a session assisted one;
- ``substitution_unknown``, ``substitution_twice``, ``substitution_not_absent``,
  ``substitution_day``, ``substitution_row``: no row that is no such commitment, none twice,
  none on a day the teacher is not absent, the weekday matching the date, every cell readable;
- ``substitution_kind``: ``none`` without a substitute, ``fallback`` only at a receiving school
  of a session taught from the hub, ``swap`` only for a single local lesson;
- ``substitute_unknown``, ``substitute_other_school``: a substitute is a teacher of the class's
  school (of the hub school, for a session taught from the hub);
- ``substitute_absent``, ``substitute_unavailable``: never absent that day, never at a period
  teachers.csv makes unavailable;
- ``substitute_double_booked``: no one in two places at once, counting the timetable, every
  cover, fallback and swap of the plan (a swap frees the lesson it moves);
- ``substitute_max_per_day``, ``substitute_max_load``: commitments that day (a cover adds one)
  and the week's credited load (a cover of a local lesson adds 1, of a session taught
  ``online_credit``, of a session assisted ``assistant_credit``; a fallback led by the session's
  own assistant, a co-teacher carrying on and a swap add nothing) within the teacher's limits;
- ``swap_lesson``, ``swap_week``, ``swap_absent``: a swap's other lesson is a single local lesson
  of the class taught by the substitute alone, on another school day of the same week, when the
  absent teacher is there.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from aligner.check.solution_files import SolutionFiles, Violation, as_int, read_solution_files
from aligner.instance import Instance
from aligner.io.errors import InputError, InputIssue, IssueLog
from aligner.io.formats import read_spreadsheet_text
from aligner.io.tabular import read_text
from aligner.messages import say
from aligner.weekdays import WEEKDAYS, weekday

PLAN_FILE, ABSENCES_FILE = "substitutions.csv", "absences.csv"
PLAN_COLUMNS = ("date", "day", "period", "school_id", "class_id", "subject", "absent_teacher",
                "substitute", "kind", "reason")
KINDS = ("cover", "swap", "fallback", "none")


@dataclass(frozen=True)
class SubstitutionReport:
    """The verdict on one plan."""

    violations: tuple[Violation, ...]
    rows: int
    commitments: int
    """The absent teachers' commitments on their absent days (school ends of each)."""
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.violations


@dataclass
class _Commitment:
    """One teacher's duty in one period of the week, with the school ends it reaches."""

    teacher: str
    kind: str
    """``local``, ``hub`` or ``assist``."""
    day: str
    period: int
    subject: str
    ends: dict[tuple[str, frozenset[str]], int]
    """(school, its classes) -> the period there."""
    co_teachers: tuple[str, ...] = ()
    hub_school: str = ""
    hub_teacher: str = ""
    """Of a session taught or assisted."""
    assistants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Receiving school -> the session's assistants there."""
    form: str = ""
    """Of a session taught: its course's form (each form has its credit)."""


@dataclass
class _Row:
    line: int
    date: dt.date
    day: str
    period: int
    school: str
    classes: frozenset[str]
    class_id: str
    absent: str
    substitute: str
    kind: str
    swap_date: dt.date | None
    swap_period: int | None


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _csv(path: Path, required: tuple[str, ...], log: IssueLog
         ) -> list[tuple[int, dict[str, str]]] | None:
    decoded = read_text(path.parent, path.name, "", log)
    if decoded is None:
        return None
    reader = csv.DictReader(io.StringIO(decoded[0], newline=""))
    header = [(h or "").strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing and required == PLAN_COLUMNS and {"teacher_id", "from", "to"} <= set(header):
        log.add(path.name, say("living.check.absences_not_plan", plan=PLAN_FILE), 1)
        return None  # the absences given for the plan: say so, not nine missing columns
    for column in missing:
        log.add(path.name, say("io.column_missing"), 1, column)
    if missing:
        return None
    return [(number, {(k or "").strip(): read_spreadsheet_text((v or "").strip())
                      for k, v in row.items() if k})
            for number, row in enumerate(reader, start=2)
            if any((v or "").strip() for v in row.values() if isinstance(v, str))]


def _weekday_names(instance: Instance) -> dict[int, str]:
    return {WEEKDAYS.index(known): day for day in instance.days
            if (known := weekday(day)) is not None}


def _timetable_day(instance: Instance, names: dict[int, str], date: dt.date) -> str | None:
    """The day of the week's timetable ``date`` follows, read from the instance alone: none
    outside its term calendar's term or on a holiday of it, the named weekday on a make-up day
    (调休), else its weekday."""
    term = instance.term
    if term is not None:
        if not term.start <= date <= term.end or any(date == off for off, _ in term.skipped):
            return None
        for workday, follows in term.workdays:
            if workday == date:
                return names.get(WEEKDAYS.index(follows))
    return names.get(date.weekday())


def read_absent_days(path: Path, instance: Instance) -> dict[str, set[dt.date]]:
    """absences.csv (teacher_id, from, to or date): teacher -> the dates of the absences;
    InputError naming the row and column of a bad cell."""
    log = IssueLog()
    rows = _csv(path, ("teacher_id",), log)
    log.raise_if_any()
    assert rows is not None
    absent: dict[str, set[dt.date]] = defaultdict(set)
    for number, row in rows:
        first_text = row.get("from") or row.get("date", "")
        last_text = row.get("to") or row.get("date", "")
        first, last = _date(first_text), _date(last_text)
        if first is None or last is None or last < first:
            log.add(path.name, say("living.check.bad_absence", first=first_text, last=last_text),
                    number, "from" if first is None else "to")
            continue
        day = first
        while day <= last:
            absent[row["teacher_id"]].add(day)
            day += dt.timedelta(days=1)
    log.raise_if_any()
    return absent


class _Checker:
    def __init__(self, files: SolutionFiles):
        self.w = files
        self.inst = files.inst
        self.names = _weekday_names(self.inst)
        self.by_teacher: dict[str, list[_Commitment]] = defaultdict(list)
        self._commitments()
        policy = self.inst.policy
        self.credit = {"local": Fraction(1), "assist": Fraction(policy.assistant_credit)}
        self.weekly: dict[str, Fraction] = {
            teacher.teacher_id: sum((self.credit_of(c) for c in
                                     self.by_teacher.get(teacher.teacher_id, [])), Fraction(0))
            for teacher in self.inst.teachers}

    def credit_of(self, commitment: _Commitment) -> Fraction:
        """What one commitment counts in the credited load: 1 a local lesson, the online credit
        of its course's form a session taught, assistant_credit a session assisted."""
        if commitment.kind != "hub":
            return self.credit[commitment.kind]
        credit = self.inst.policy.online_credit
        if isinstance(credit, dict):
            return Fraction(credit[commitment.form]) if commitment.form in credit \
                else Fraction(3, 2)
        return Fraction(credit)

    def _commitments(self) -> None:
        """Every teacher's commitments, read from the files alone."""
        grouped: dict[tuple[str, str, int, str, str], set[str]] = defaultdict(set)
        for lesson in self.w.local:
            grouped[(lesson.school, lesson.day, lesson.period, lesson.subject,
                     lesson.teacher)].add(lesson.klass)
        for (school, day, period, subject, teacher), classes in grouped.items():
            teachers = tuple(teacher.split("+"))
            for one in teachers:
                self.by_teacher[one].append(_Commitment(
                    one, "local", day, period, subject, {(school, frozenset(classes)): period},
                    tuple(t for t in teachers if t != one)))
        for s in self.w.sessions.values():
            course = s.course
            ends: dict[tuple[str, frozenset[str]], int] = {}
            if course.hub_class:
                ends[(course.hub_school, frozenset({course.hub_class}))] = s.hub_period
            by_school: dict[tuple[str, int], set[str]] = defaultdict(set)
            helpers: dict[tuple[str, str, int], set[str]] = defaultdict(set)
            for (school, klass), period in s.periods.items():
                by_school[(school, period)].add(klass)
                for rec in course.receptions:
                    if rec.class_key == (school, klass) and rec.assistant_id:
                        helpers[(rec.assistant_id, school, period)].add(klass)
            for (school, period), classes in by_school.items():
                ends[(school, frozenset(classes))] = period
            assistants = {school: tuple(dict.fromkeys(
                a for (a, sch, _) in helpers if sch == school)) for school, _ in by_school}
            self.by_teacher[course.hub_teacher].append(_Commitment(
                course.hub_teacher, "hub", s.day, s.hub_period, course.subject, ends,
                hub_school=course.hub_school, hub_teacher=course.hub_teacher,
                assistants=assistants, form=course.form))
            for (assistant, school, period), classes in helpers.items():
                self.by_teacher[assistant].append(_Commitment(
                    assistant, "assist", s.day, period, course.subject,
                    {(school, frozenset(classes)): period}, hub_school=course.hub_school,
                    hub_teacher=course.hub_teacher, assistants=assistants))

    def busy(self, teacher: str, day: str) -> dict[int, _Commitment]:
        return {c.period: c for c in self.by_teacher.get(teacher, []) if c.day == day}


def _plan_rows(path: Path, checker: _Checker, violations: list[Violation]) -> list[_Row]:
    log = IssueLog()
    rows = _csv(path, PLAN_COLUMNS, log)
    log.raise_if_any()
    assert rows is not None
    out = []
    for number, row in rows:
        date, period = _date(row["date"]), as_int(row["period"])
        problems = []
        if date is None:
            problems.append(say("living.check.cell", column="date", value=row["date"]))
        if period is None or period < 1:
            problems.append(say("living.check.cell", column="period", value=row["period"]))
        if row["kind"] not in KINDS:
            problems.append(say("living.check.cell_kind", value=row["kind"], kinds=", ".join(KINDS)))
        if row["absent_teacher"] not in checker.inst.teacher_by_id:
            problems.append(say("living.check.cell", column="absent_teacher",
                                value=row["absent_teacher"]))
        swap_date = _date(row.get("swap_date", "")) if row.get("swap_date") else None
        swap_period = as_int(row.get("swap_period", "")) if row.get("swap_period") else None
        if row["kind"] == "swap" and (swap_date is None or swap_period is None):
            problems.append(say("living.check.swap_cells"))
        if problems:
            violations += [Violation("substitution_row", say("living.check.row", row=number,
                                                             problem=p)) for p in problems]
            continue
        assert date is not None and period is not None
        out.append(_Row(number, date, row["day"], period, row["school_id"],
                        frozenset(row["class_id"].split("+")), row["class_id"],
                        row["absent_teacher"], row["substitute"], row["kind"], swap_date,
                        swap_period))
    return out


@dataclass(frozen=True)
class _Addition:
    """What a row adds to a teacher: a commitment at a period of a date."""

    teacher: str
    date: dt.date
    period: int
    what: tuple
    """The commitment it is (rows of one commitment add it once)."""
    credit: Fraction
    line: int


def check_substitutions(instance: Instance, solution_dir: str | Path, plan: str | Path,
                        absences: str | Path | None = None) -> SubstitutionReport:
    """Check the substitution plan ``plan`` (substitutions.csv, or the directory holding it)
    against the timetable in ``solution_dir``. The absent days are those of ``absences``
    (default: absences.csv beside the plan, when there), else the (teacher, date) pairs the plan
    names. Raises InputError when the plan or the absences cannot be read at all."""
    plan_path = Path(plan)
    if plan_path.is_dir():
        plan_path = plan_path / PLAN_FILE
    if not plan_path.is_file():
        raise InputError([InputIssue(str(plan_path), say("living.check.no_plan"))])
    files = read_solution_files(instance, Path(solution_dir), require_reports=False)
    violations: list[Violation] = [v for v in files.issues if v.hard]
    if files.unusable:
        return SubstitutionReport(tuple(violations), 0, 0)
    checker = _Checker(files)
    rows = _plan_rows(plan_path, checker, violations)
    notes: list[str] = []
    absences_path = Path(absences) if absences else plan_path.parent / ABSENCES_FILE
    if absences is not None or absences_path.is_file():
        absent = read_absent_days(absences_path, instance)
    else:
        absent = defaultdict(set)
        for row in rows:
            absent[row.absent].add(row.date)
        notes.append(say("living.check.no_absences", file=ABSENCES_FILE))
    expected = _expected(checker, absent)
    matched = _match(checker, rows, expected, absent, violations)
    additions, frees = _additions(checker, matched, rows, absent, violations)
    violations += _limits(checker, additions, frees, absent)
    return SubstitutionReport(tuple(violations), len(rows), len(expected), tuple(notes))


Key = tuple[str, dt.date, str, frozenset[str], int]
"""(absent teacher, date, school, classes, period)."""


def _expected(checker: _Checker, absent: dict[str, set[dt.date]]
              ) -> dict[Key, tuple[str, _Commitment]]:
    """(absent teacher, date, school, classes, period) -> (absent teacher, commitment) of every
    school end of every commitment on an absent day."""
    expected: dict[Key, tuple[str, _Commitment]] = {}
    for teacher, dates in absent.items():
        for date in sorted(dates):
            day = _timetable_day(checker.inst, checker.names, date)
            if day is None:
                continue
            for commitment in checker.by_teacher.get(teacher, []):
                if commitment.day != day:
                    continue
                for (school, classes), period in commitment.ends.items():
                    expected[(teacher, date, school, classes, period)] = (teacher, commitment)
    return expected


def _match(checker: _Checker, rows: list[_Row], expected: dict[Key, tuple[str, _Commitment]],
           absent: dict[str, set[dt.date]], violations: list[Violation]
           ) -> dict[int, _Commitment]:
    """Row line -> its commitment; the rows that are none, twice, or missing are reported."""
    w = checker.w
    seen: dict[Key, int] = {}
    matched: dict[int, _Commitment] = {}
    for row in rows:
        key = (row.absent, row.date, row.school, row.classes, row.period)
        day = _timetable_day(checker.inst, checker.names, row.date) or ""
        if row.day != day:
            violations.append(Violation("substitution_day", say(
                "living.check.wrong_day", row=row.line, date=row.date, day=row.day,
                real=day or WEEKDAYS[row.date.weekday()])))
        if row.date not in absent.get(row.absent, set()):
            violations.append(Violation("substitution_not_absent", say(
                "living.check.not_absent", row=row.line, teacher=w.teacher(row.absent),
                date=row.date)))
            continue
        found = expected.get(key)
        if found is None:
            violations.append(Violation("substitution_unknown", say(
                "living.check.unknown", row=row.line, teacher=w.teacher(row.absent),
                date=row.date, day=row.day, period=row.period,
                klass=w.klass(row.school, row.class_id))))
            continue
        if key in seen:
            violations.append(Violation("substitution_twice", say(
                "living.check.twice", row=row.line, first=seen[key],
                klass=w.klass(row.school, row.class_id), date=row.date, period=row.period)))
            continue
        seen[key] = row.line
        matched[row.line] = found[1]
    for key, (teacher, _) in sorted(expected.items(), key=lambda item: (
            item[0][1], item[0][0], item[0][2], sorted(item[0][3]), item[0][4])):
        if key not in seen:
            _, date, school, classes, period = key
            violations.append(Violation("substitution_missing", say(
                "living.check.missing", teacher=w.teacher(teacher), date=date,
                day=_timetable_day(checker.inst, checker.names, date) or "", period=period,
                klass=w.klass(school, "+".join(sorted(classes))))))
    return matched


def _school_of(checker: _Checker, teacher: str) -> str:
    record = checker.inst.teacher_by_id.get(teacher)
    return record.school_id if record else ""


def _additions(checker: _Checker, matched: dict[int, _Commitment], rows: list[_Row],
               absent: dict[str, set[dt.date]], violations: list[Violation]
               ) -> tuple[list[_Addition], set[tuple[str, dt.date, int]]]:
    """What each row adds to its substitute (and a swap to the absent teacher), and the periods
    a swap frees; the rows whose kind or substitute cannot be are reported."""
    w = checker.w
    additions: list[_Addition] = []
    frees: set[tuple[str, dt.date, int]] = set()
    # a session is taught from the hub by whoever covers one of its receiving ends
    teaching = {(row.date, id(matched[row.line]), row.substitute) for row in rows
                if row.line in matched and row.kind == "cover"
                and matched[row.line].kind == "hub"
                and row.school != matched[row.line].hub_school}

    def bad(rule: str, row: _Row, key: str, **values: object) -> None:
        violations.append(Violation(rule, say("living.check.row", row=row.line, problem=say(
            key, **values))))

    for row in rows:
        commitment = matched.get(row.line)
        if commitment is None:
            continue
        sub = row.substitute
        if row.kind == "none":
            if sub:
                bad("substitution_kind", row, "living.check.none_with_substitute", name=sub)
            continue
        if not sub:
            bad("substitution_kind", row, "living.check.no_substitute", kind=row.kind)
            continue
        subs = sub.split("+")
        unknown = [t for t in subs if t not in checker.inst.teacher_by_id]
        if unknown:
            bad("substitute_unknown", row, "living.check.unknown_teacher", name=unknown[0])
            continue
        for one in subs:
            if row.date in absent.get(one, set()):
                bad("substitute_absent", row, "living.check.absent", teacher=w.teacher(one),
                    date=row.date)
        school_of = _school_of(checker, subs[0])
        # rows of one class end at one time with one substitute are one engagement
        slot = ("class", row.date, row.school, row.classes, row.period)
        if row.kind == "cover" and commitment.kind == "local" and commitment.co_teachers \
                and set(subs) <= set(commitment.co_teachers):
            continue  # the co-teachers carry on: nothing new for them
        if len(subs) > 1:
            bad("substitute_unknown", row, "living.check.one_substitute", name=sub)
            continue
        if row.kind == "cover":
            if commitment.kind == "hub" and school_of == commitment.hub_school and \
                    (row.date, id(commitment), sub) in teaching:
                additions.append(_Addition(sub, row.date, commitment.period,
                                           ("hub", row.date, id(commitment)),
                                           checker.credit_of(commitment), row.line))
            elif commitment.kind == "hub" and row.school != commitment.hub_school:
                bad("substitute_other_school", row, "living.check.hub_cover",
                    teacher=w.teacher(sub), hub=w.school(commitment.hub_school))
            elif school_of != row.school:
                bad("substitute_other_school", row, "living.check.other_school",
                    teacher=w.teacher(sub), school=w.school(row.school))
            else:
                kind = "assist" if commitment.kind == "assist" else "local"
                additions.append(_Addition(sub, row.date, row.period, slot,
                                           checker.credit[kind], row.line))
        elif row.kind == "fallback":
            # at a receiving school of a session taught from the hub; also the absent
            # assistant's row of a session whose hub teacher is absent that day too
            if not (commitment.kind == "hub" and row.school != commitment.hub_school) and not (
                    commitment.kind == "assist"
                    and row.date in absent.get(commitment.hub_teacher, set())):
                bad("substitution_kind", row, "living.check.fallback_only")
            elif school_of != row.school:
                bad("substitute_other_school", row, "living.check.other_school",
                    teacher=w.teacher(sub), school=w.school(row.school))
            elif sub not in commitment.assistants.get(row.school, ()):
                additions.append(_Addition(sub, row.date, row.period, slot,
                                           checker.credit["local"], row.line))
        else:
            _swap(checker, row, commitment, additions, frees, absent, bad)
    return additions, frees


def _swap(checker: _Checker, row: _Row, commitment: _Commitment, additions: list[_Addition],
          frees: set[tuple[str, dt.date, int]], absent: dict[str, set[dt.date]], bad) -> None:
    w = checker.w
    sub = row.substitute
    if commitment.kind != "local" or len(row.classes) != 1 or commitment.co_teachers:
        bad("substitution_kind", row, "living.check.swap_only")
        return
    assert row.swap_date is not None and row.swap_period is not None
    other, period = row.swap_date, row.swap_period
    day = checker.names.get(other.weekday())
    if other == row.date or day is None or other.isocalendar()[:2] != row.date.isocalendar()[:2]:
        bad("swap_week", row, "living.check.swap_week", date=other)
        return
    klass = row.class_id
    lessons = [x for x in w.local if (x.school, x.klass, x.day, x.period) ==
               (row.school, klass, day, period)]
    if len(lessons) != 1 or lessons[0].teacher != sub:
        bad("swap_lesson", row, "living.check.swap_lesson", klass=w.klass(row.school, klass),
            date=other, day=day, period=period, teacher=w.teacher(sub))
        return
    if other in absent.get(row.absent, set()):
        bad("swap_absent", row, "living.check.swap_absent", teacher=w.teacher(row.absent),
            date=other)
        return
    additions.append(_Addition(sub, row.date, row.period, ("swap", row.line), Fraction(0),
                               row.line))
    additions.append(_Addition(row.absent, other, period, ("swap-back", row.line), Fraction(0),
                               row.line))
    frees.add((sub, other, period))


def _limits(checker: _Checker, additions: list[_Addition],
            frees: set[tuple[str, dt.date, int]], absent: dict[str, set[dt.date]]
            ) -> list[Violation]:
    """No one in two places, not absent, not unavailable, within max_per_day and max_load."""
    w, inst = checker.w, checker.inst
    violations: list[Violation] = []
    by_day: dict[tuple[str, dt.date], dict[tuple, _Addition]] = defaultdict(dict)
    for addition in additions:
        by_day[(addition.teacher, addition.date)].setdefault(addition.what, addition)
    loads: dict[tuple[str, tuple[int, int]], Fraction] = defaultdict(Fraction)
    for (teacher, date), added in sorted(by_day.items(), key=lambda item: (item[0][1],
                                                                          item[0][0])):
        day = _timetable_day(inst, checker.names, date) or ""
        record = inst.teacher_by_id[teacher]
        base = {p: c for p, c in checker.busy(teacher, day).items()
                if (teacher, date, p) not in frees}
        at: dict[int, list[_Addition]] = defaultdict(list)
        for addition in added.values():
            at[addition.period].append(addition)
            loads[(teacher, date.isocalendar()[:2])] += addition.credit
            if inst.is_unavailable(teacher, day, addition.period):
                violations.append(Violation("substitute_unavailable", say(
                    "living.check.unavailable", row=addition.line, teacher=w.teacher(teacher),
                    date=date, day=day, period=addition.period)))
        for period, here in sorted(at.items()):
            places = len(here) + (1 if period in base else 0)
            if places > 1:
                violations.append(Violation("substitute_double_booked", say(
                    "living.check.double_booked", teacher=w.teacher(teacher), date=date, day=day,
                    period=period, count=places,
                    rows=", ".join(str(a.line) for a in here))))
        total = len(base) + len(added)
        if record.max_per_day is not None and total > record.max_per_day:
            violations.append(Violation("substitute_max_per_day", say(
                "living.check.max_per_day", teacher=w.teacher(teacher), date=date, day=day,
                count=total, most=record.max_per_day)))
    for (teacher, week), extra in sorted(loads.items()):
        record = inst.teacher_by_id[teacher]
        load = checker.weekly[teacher] + extra
        if record.max_load is not None and load > Fraction(record.max_load):
            violations.append(Violation("substitute_max_load", say(
                "living.check.max_load", teacher=w.teacher(teacher), year=week[0], week=week[1],
                load=f"{float(load):g}", most=f"{float(record.max_load):g}")))
    return violations
