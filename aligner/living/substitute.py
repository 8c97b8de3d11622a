"""Substitutions (代课) for absent teachers: for every commitment of an absent teacher on the
school days of the absence, a cover, a fallback, a swap (调课) or the reason there is none.

The commitments come from the timetable (:class:`~aligner.export.view.TimetableView`):

- a **local lesson** (a combined one once, with its classes): a teacher of the same school free
  at that period covers it; a co-taught lesson (``t1+t2``) goes on with the co-teachers who are
  not absent (kind ``cover``, the co-teachers as the substitute: nothing to add to their day);
- a **session taught from the hub**: another teacher of the hub school who teaches the subject
  teaches it (kind ``cover`` on every class's row); failing that the session falls back at each
  receiving school to a local lesson led by its assistant (kind ``fallback``; another free
  teacher of that school when the assistant is absent or there is none), the hub class gets a
  local cover, and the partner schools are told (their notices);
- a **session assisted**: another teacher of the receiving school assists.

A candidate is never in two places at once (the timetable and the covers, fallbacks and swaps
proposed so far), not unavailable then, not absent that day, and stays within ``max_per_day``
(commitments that day, covers of that date included) and ``max_load`` (the week's credited load
plus the covers of that week: a local lesson 1, a session taught ``online_credit``, a session
assisted ``assistant_credit``); a teacher's ``min_per_day`` is not considered (a cover may
bring her in for one period). Among candidates the one who teaches the subject comes first,
then one who teaches the class (or is its head teacher), then the one with the fewest covers
that week, then the fewest commitments that day, then by teacher id: the plan is the same every
time. Covers are proposed in time order (date, then the period's start), so earlier covers
count toward later ones. With ``swaps`` a local lesson without a cover may be exchanged with
another single lesson of its class in the same week taught by someone who is free then, on a
day the absent teacher is there (kind ``swap``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.export.view import Duty, LiveSession, TimetableView
from aligner.instance import COMBINE, Instance
from aligner.living.schooldays import Absence, school_dates, school_days, week_of
from aligner.messages import language, listed, say_in

if TYPE_CHECKING:
    import pandas as pd

SUBSTITUTION_COLUMNS = ("date", "day", "period", "school_id", "class_id", "subject",
                        "absent_teacher", "substitute", "kind", "reason")
"""The columns of substitutions.csv the issue names, in its order (a contract)."""
EXTRA_COLUMNS = ("start", "end", "swap_date", "swap_day", "swap_period", "swap_subject")
"""Beside them: the period's times at the class's school, and a swap's other lesson."""
KINDS = ("cover", "swap", "fallback", "none")
SUBSTITUTIONS_FILE, ABSENCES_FILE = "substitutions.csv", "absences.csv"


@dataclass(frozen=True)
class Substitution:
    """One row of substitutions.csv: one class (or the classes of a combined lesson, joined by
    ``+``) in one period of one date."""

    date: dt.date
    day: str
    period: int
    school_id: str
    class_id: str
    subject: str
    absent_teacher: str
    substitute: str
    kind: str
    reason: Reason
    start: str = ""
    end: str = ""
    swap_date: dt.date | None = None
    swap_day: str = ""
    swap_period: int | None = None
    swap_subject: str = ""

    def record(self, lang: str | None = None) -> dict[str, str]:
        """The row as substitutions.csv holds it; the reason in ``lang`` (default: the
        messages')."""
        return {"date": self.date.isoformat(), "day": self.day, "period": str(self.period),
                "school_id": self.school_id, "class_id": self.class_id, "subject": self.subject,
                "absent_teacher": self.absent_teacher, "substitute": self.substitute,
                "kind": self.kind, "reason": self.reason.text(lang), "start": self.start, "end": self.end,
                "swap_date": self.swap_date.isoformat() if self.swap_date else "",
                "swap_day": self.swap_day,
                "swap_period": "" if self.swap_period is None else str(self.swap_period),
                "swap_subject": self.swap_subject}


@dataclass(frozen=True)
class Commitment:
    """One of the absent teacher's duties on one date."""

    date: dt.date
    teacher_id: str
    duty: Duty
    start: int
    """The period's start (minutes) at the teacher's school: the order covers are made in."""
    reason: str = ""


@dataclass
class Plan:
    """The substitutions for a set of absences."""

    instance: Instance
    absences: tuple[Absence, ...]
    days: tuple[tuple[str, dt.date, str], ...]
    """(teacher, date, reason) of every absent school day."""
    rows: tuple[Substitution, ...]
    seconds: float = 0.0
    skipped: dict[dt.date, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Rows of each kind (cover, fallback, swap, none)."""
        return {kind: sum(1 for r in self.rows if r.kind == kind) for kind in KINDS}

    def records(self, lang: str | None = None) -> list[dict[str, str]]:
        """The rows as substitutions.csv holds them, the reasons in ``lang``."""
        return [r.record(lang) for r in self.rows]

    def frame(self, lang: str | None = None) -> pd.DataFrame:
        """The rows as substitutions.csv holds them (every cell text)."""
        import pandas as pd

        return pd.DataFrame(self.records(lang),
                            columns=[*SUBSTITUTION_COLUMNS, *EXTRA_COLUMNS], dtype=str)

    def absences_frame(self) -> pd.DataFrame:
        """absences.csv: one row per absent school day, in the format ``--absences`` reads."""
        import pandas as pd

        return pd.DataFrame([{"teacher_id": t, "from": d.isoformat(), "to": d.isoformat(),
                              "reason": r} for t, d, r in self.days],
                            columns=["teacher_id", "from", "to", "reason"], dtype=str)

    def files(self) -> dict[str, tuple[str, str]]:
        """substitutions.csv and absences.csv, as written (UTF-8 with a BOM, spreadsheet-safe)."""
        from aligner.export.files import csv_text

        return {SUBSTITUTIONS_FILE: (csv_text(self.frame()), "utf-8-sig"),
                ABSENCES_FILE: (csv_text(self.absences_frame()), "utf-8-sig")}

    def write(self, directory: str | Path) -> list[Path]:
        """Write substitutions.csv and absences.csv into ``directory``, all or nothing."""
        from aligner.export.files import write_files

        return write_files(directory, self.files())


# ---- the state of a plan being made --------------------------------------------------------


@dataclass
class _Ledger:
    """What the plan so far adds to each teacher: periods taken per date, commitments per date,
    credited load and covers per week; the slots of classes already swapped."""

    taken: dict[tuple[str, dt.date], set[int]] = field(default_factory=lambda: defaultdict(set))
    per_day: dict[tuple[str, dt.date], int] = field(default_factory=lambda: defaultdict(int))
    load: dict[tuple[str, tuple[int, int]], Fraction] = field(
        default_factory=lambda: defaultdict(Fraction))
    covers: dict[tuple[str, tuple[int, int]], int] = field(default_factory=lambda: defaultdict(int))
    swapped: set[tuple[dt.date, str, str, int]] = field(default_factory=set)

    def add(self, teacher: str, date: dt.date, period: int, credit: Fraction, cover: bool) -> None:
        self.taken[(teacher, date)].add(period)
        self.per_day[(teacher, date)] += 1
        self.load[(teacher, week_of(date))] += credit
        if cover:
            self.covers[(teacher, week_of(date))] += 1


WHY_KEYS = {"absent": "living.why.n_absent", "unavailable": "living.why.n_unavailable",
            "busy": "living.why.n_busy", "covering": "living.why.n_covering",
            "max_per_day": "living.why.n_max_per_day", "max_load": "living.why.n_max_load"}
"""Why a teacher cannot cover, in the order a reason lists them."""


@dataclass(frozen=True)
class Reason:
    """A reason of substitutions.csv, kept as its message and fields so that it reads in any
    language (the plan's messages, the notices' language)."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str | None = None) -> str:
        chosen = lang or language()
        values: dict[str, object] = {}
        for name, value in self.fields:
            if isinstance(value, Reason):
                value = value.text(chosen)
            elif isinstance(value, tuple):
                value = listed([v.text(chosen) if isinstance(v, Reason) else str(v)
                                for v in value], chosen)
            values[name] = value
        return say_in(chosen, self.key, **values)

    def __str__(self) -> str:
        return self.text()


def _why(key: str, **fields: object) -> Reason:
    return Reason(key, tuple(fields.items()))


class Planner:
    """Proposes the plan; see the module's doc for the rules and the order of preference."""

    def __init__(self, view: TimetableView, absences: Iterable[Absence],
                 skipped: dict[dt.date, str] | None = None, swaps: bool = False):
        self.view = view
        self.instance = view.instance
        self.absences = tuple(absences)
        self.skipped = dict(skipped or {})
        self.swaps = swaps
        self.dates = school_dates(self.instance, self.skipped)
        self.ledger = _Ledger()
        self.fallen: dict[tuple[dt.date, str, str], str] = {}
        """(date, session, receiving school) -> who leads the local lesson there when the session
        falls back ('' nobody)."""
        instance = self.instance
        self.absent: dict[str, dict[dt.date, str]] = defaultdict(dict)
        for absence in self.absences:
            for date in school_days(absence, self.dates):
                self.absent[absence.teacher_id].setdefault(date, absence.reason)
        self.staff: dict[str, list[str]] = defaultdict(list)
        for teacher in instance.teachers:
            self.staff[teacher.school_id].append(teacher.teacher_id)
        self.subjects: set[tuple[str, str]] = {
            (t, row.subject) for t, rows in instance.curriculum_of_teacher.items() for row in rows}
        self.subjects |= {(c.hub_teacher, c.subject) for c in instance.courses}
        self.of_class: set[tuple[str, str, str]] = {
            (t, school, klass) for row in instance.curriculum for t in row.teacher_ids
            for school, klass in row.class_keys}
        self.of_class |= {(c.head_teacher, c.school_id, c.class_id) for c in instance.classes
                          if c.head_teacher}
        policy = instance.policy
        self.daily: dict[tuple[str, str], int] = defaultdict(int)
        self.weekly: dict[str, Fraction] = {}
        for teacher in instance.teachers:
            duties = view.teacher_week(teacher.teacher_id)
            for day, _ in duties:
                self.daily[(teacher.teacher_id, day)] += 1
            kinds = [d.kind for d in duties.values()]
            forms: Counter[str] = Counter(d.session.course.form for d in duties.values()
                                          if d.kind == "hub" and d.session is not None)
            self.weekly[teacher.teacher_id] = policy.credited_load(
                kinds.count("local"), forms, kinds.count("assist"))
        self.credit = {"local": Fraction(1), "assist": Fraction(policy.assistant_credit)}

    # ---- the commitments ---------------------------------------------------------------------

    def commitments(self) -> list[Commitment]:
        """Every commitment of every absent teacher on the days of the absences, in time order."""
        found = []
        for teacher_id, dates in self.absent.items():
            school = self.instance.teacher_by_id[teacher_id].school_id
            for date, reason in dates.items():
                day = self.on(date)
                for (d, period), duty in self.view.teacher_week(teacher_id).items():
                    if d == day:
                        found.append(Commitment(date, teacher_id, duty,
                                                self.instance.bell(school, period).start, reason))
        # a session's hub end first on each date, so that an absent assistant's session is
        # known to fall back (or not) when the assistant's turn comes
        return sorted(found, key=lambda c: (c.date, c.duty.kind != "hub", c.start,
                                            c.duty.period, c.teacher_id))

    def on(self, date: dt.date) -> str:
        """The timetable day a school date follows (its weekday, or a make-up day's)."""
        day = self.dates.day(date)
        assert day is not None, date
        return day

    def is_absent(self, teacher_id: str, date: dt.date) -> bool:
        return date in self.absent.get(teacher_id, {})

    # ---- who may cover -----------------------------------------------------------------------

    def why_not(self, teacher: str, date: dt.date, period: int, credit: Fraction) -> str:
        """Why ``teacher`` cannot take a commitment at ``period`` of ``date`` ('' if they can)."""
        day = self.on(date)
        record = self.instance.teacher_by_id[teacher]
        if self.is_absent(teacher, date):
            return "absent"
        if self.instance.is_unavailable(teacher, day, period):
            return "unavailable"
        if (day, period) in self.view.teacher_week(teacher):
            return "busy"
        if period in self.ledger.taken.get((teacher, date), ()):
            return "covering"
        if record.max_per_day is not None and self.daily[(teacher, day)] + \
                self.ledger.per_day.get((teacher, date), 0) + 1 > record.max_per_day:
            return "max_per_day"
        if record.max_load is not None and self.weekly[teacher] + self.ledger.load.get(
                (teacher, week_of(date)), Fraction(0)) + credit > Fraction(record.max_load):
            return "max_load"
        return ""

    def pick(self, school: str, date: dt.date, period: int, subject: str,
             classes: tuple[str, ...], credit: Fraction, *, exclude: Iterable[str] = (),
             subject_only: bool = False, prefer: str = "") -> tuple[str, Reason]:
        """(the chosen teacher of ``school``, why) or ('', why none can)."""
        day = self.on(date)
        left_out = set(exclude)
        why: dict[str, int] = defaultdict(int)
        able = []
        for teacher in self.staff[school]:
            if teacher in left_out or (subject_only and (teacher, subject) not in self.subjects):
                continue
            problem = self.why_not(teacher, date, period, credit)
            if problem:
                why[problem] += 1
                continue
            able.append(teacher)
        if not able:
            return "", self._none_why(school, why, subject if subject_only else "")
        week = week_of(date)

        def rank(teacher: str) -> tuple:
            return (teacher != prefer, (teacher, subject) not in self.subjects,
                    not any((teacher, school, c) in self.of_class for c in classes),
                    self.ledger.covers.get((teacher, week), 0),
                    self.daily[(teacher, day)] + self.ledger.per_day.get((teacher, date), 0),
                    teacher)

        chosen = min(able, key=rank)
        covers = self.ledger.covers.get((chosen, week), 0)
        if chosen == prefer:
            why_chosen = _why("living.why.same_lesson")
        elif (chosen, subject) in self.subjects:
            why_chosen = _why("living.why.same_subject", subject=subject)
        elif any((chosen, school, c) in self.of_class for c in classes):
            why_chosen = _why("living.why.class_teacher")
        else:
            why_chosen = _why("living.why.free", n=covers)
        return chosen, why_chosen

    def _none_why(self, school: str, why: dict[str, int], subject: str) -> Reason:
        if not why:
            return _why("living.why.nobody_else_subject", school=self.instance.short_name(school),
                       subject=subject) if subject else \
                _why("living.why.nobody_else", school=self.instance.short_name(school))
        parts = tuple(_why(WHY_KEYS[key], n=why[key]) for key in WHY_KEYS if why.get(key))
        return _why("living.why.none_subject", school=self.instance.short_name(school),
                   subject=subject, why=parts) if subject else \
            _why("living.why.none", school=self.instance.short_name(school), why=parts)

    # ---- the plan ----------------------------------------------------------------------------

    def plan(self) -> Plan:
        started = time.perf_counter()
        rows: list[Substitution] = []
        done: dict[tuple[str, dt.date, str], str] = {}
        """(absent teacher, date, lesson id) -> who covered the lesson's other period."""
        for commitment in self.commitments():
            duty = commitment.duty
            if duty.kind == "local":
                rows += self._local(commitment, done)
            elif duty.kind == "hub":
                rows += self._hub(commitment)
            else:
                rows += self._assist(commitment)
        rows.sort(key=lambda r: (r.date, r.start, r.school_id, r.period, r.class_id))
        days = tuple((t, d, r) for t, dates in self.absent.items()
                     for d, r in sorted(dates.items()))
        return Plan(self.instance, self.absences, tuple(sorted(days, key=lambda x: (x[1], x[0]))),
                    tuple(rows), time.perf_counter() - started, self.dates.skipped)

    def _row(self, c: Commitment, school: str, classes: tuple[str, ...], period: int,
             substitute: str, kind: str, reason: Reason, **swap: object) -> Substitution:
        bell = self.instance.bell(school, period)
        from aligner.instance import hhmm

        return Substitution(c.date, self.on(c.date), period, school,
                            COMBINE.join(classes), c.duty.subject, c.teacher_id, substitute, kind,
                            reason, hhmm(bell.start), hhmm(bell.end), **swap)  # type: ignore[arg-type]

    def _local(self, c: Commitment, done: dict) -> list[Substitution]:
        duty = c.duty
        school = self.instance.teacher_by_id[c.teacher_id].school_id
        present = [t for t in duty.co_teachers if not self.is_absent(t, c.date)]
        if present:
            return [self._row(c, school, duty.class_ids, duty.period, COMBINE.join(present),
                              "cover", _why("living.why.co_teachers", n=len(present), names=tuple(
                                  self.instance.teacher_name(t) for t in present)))]
        key = (c.teacher_id, c.date, duty.lesson_id)
        chosen, why = self.pick(school, c.date, duty.period, duty.subject, duty.class_ids,
                                self.credit["local"], exclude=[c.teacher_id],
                                prefer=done.get(key, ""))
        if chosen:
            self.ledger.add(chosen, c.date, duty.period, self.credit["local"], True)
            done[key] = chosen
            return [self._row(c, school, duty.class_ids, duty.period, chosen, "cover", why)]
        if self.swaps:
            swap = self._swap(c, school)
            if swap is not None:
                return [swap]
        return [self._row(c, school, duty.class_ids, duty.period, "", "none", why)]

    def _hub(self, c: Commitment) -> list[Substitution]:
        duty = c.duty
        session = duty.session
        assert session is not None
        course = session.course
        hub = course.hub_school
        credit = Fraction(self.instance.policy.credit(course.form))
        chosen, why = self.pick(hub, c.date, duty.period, duty.subject, duty.class_ids, credit,
                                exclude=[c.teacher_id], subject_only=True)
        ends = [(p.school_id, p.class_ids, p.period) for p in session.receiving]
        if chosen:
            self.ledger.add(chosen, c.date, duty.period, credit, True)
            reason = _why("living.why.teaches_session", hub=self.instance.short_name(hub),
                         why=why)
            rows = [self._row(c, hub, duty.class_ids, duty.period, chosen, "cover", reason)] \
                if duty.class_ids else []
            return rows + [self._row(c, school, classes, period, chosen, "cover", reason)
                           for school, classes, period in ends]
        rows = []
        if duty.class_ids:  # the hub class has a local lesson instead
            local, local_why = self.pick(hub, c.date, duty.period, duty.subject, duty.class_ids,
                                         self.credit["local"], exclude=[c.teacher_id])
            if local:
                self.ledger.add(local, c.date, duty.period, self.credit["local"], True)
                rows.append(self._row(c, hub, duty.class_ids, duty.period, local, "cover",
                                      _why("living.why.hub_class_local", why=local_why)))
            else:
                rows.append(self._row(c, hub, duty.class_ids, duty.period, "", "none",
                                      local_why))
        for school, classes, period in ends:
            rows.append(self._fallback(c, session, school, classes, period, why))
        return rows

    def _fallback(self, c: Commitment, session: LiveSession, school: str,
                  classes: tuple[str, ...], period: int, hub_why: Reason) -> Substitution:
        course = session.course
        assistants = [a for a in course.assistants_at(school)
                      if not self.is_absent(a, c.date)]
        hub = self.instance.short_name(course.hub_school)
        key = (c.date, session.session_id, school)
        if assistants:
            leader = assistants[0]
            self.fallen[key] = leader
            return self._row(c, school, classes, period, leader, "fallback", _why(
                "living.why.fallback_assistant", why=hub_why, hub=hub,
                name=self.instance.teacher_name(leader)))
        chosen, why = self.pick(school, c.date, period, course.subject, classes,
                                self.credit["local"], exclude=[c.teacher_id])
        self.fallen[key] = chosen
        if chosen:
            self.ledger.add(chosen, c.date, period, self.credit["local"], True)
            return self._row(c, school, classes, period, chosen, "fallback", _why(
                "living.why.fallback_other", why=hub_why, hub=hub, chosen=why))
        return self._row(c, school, classes, period, "", "none", _why(
            "living.why.fallback_none", why=hub_why, hub=hub, none=why))

    def _assist(self, c: Commitment) -> list[Substitution]:
        duty = c.duty
        school = self.instance.teacher_by_id[c.teacher_id].school_id
        assert duty.session is not None
        fallen = self.fallen.get((c.date, duty.session.session_id, school))
        if fallen is not None:  # the hub teacher is absent too and the session falls back here
            hub = self.instance.short_name(duty.session.course.hub_school)
            if fallen:
                return [self._row(c, school, duty.class_ids, duty.period, fallen, "fallback",
                                  _why("living.why.assist_fallback", hub=hub,
                                      name=self.instance.teacher_name(fallen)))]
            return [self._row(c, school, duty.class_ids, duty.period, "", "none",
                              _why("living.why.assist_fallback_none", hub=hub))]
        credit = self.credit["assist"]
        chosen, why = self.pick(school, c.date, duty.period, duty.subject, duty.class_ids,
                                credit, exclude=[c.teacher_id])
        if chosen:
            self.ledger.add(chosen, c.date, duty.period, credit, True)
            return [self._row(c, school, duty.class_ids, duty.period, chosen, "cover",
                              _why("living.why.assists", why=why))]
        return [self._row(c, school, duty.class_ids, duty.period, "", "none",
                          _why("living.why.no_assistant", why=why))]

    # ---- swaps -----------------------------------------------------------------------------

    def _swap(self, c: Commitment, school: str) -> Substitution | None:
        """A swap of the uncovered single local lesson with another single lesson of its class in
        the same week, or None."""
        duty = c.duty
        instance = self.instance
        if len(duty.class_ids) != 1 or duty.span != 1 or duty.room_id:
            return None
        klass = duty.class_ids[0]
        day, period = self.on(c.date), duty.period
        if (c.date, school, klass, period) in self.ledger.swapped:
            return None
        monday = c.date - dt.timedelta(days=c.date.weekday())
        dates = [monday + dt.timedelta(days=i) for i in range(7)]
        dates = [d for d in dates if self.dates.day(d) is not None
                 and d != c.date and not self.is_absent(c.teacher_id, d)]
        dates.sort(key=lambda d: (abs((d - c.date).days), d))
        absent = instance.teacher_by_id[c.teacher_id]
        week = self.view.class_week(school, klass)
        for other_date in dates:
            other_day = self.on(other_date)
            for (d, p), lesson in sorted(week.items(), key=lambda item: item[0][1]):
                if d != other_day or lesson.online or lesson.span != 1 or lesson.room_id:
                    continue
                teachers = lesson.teacher_ids
                if len(teachers) != 1 or teachers[0] == c.teacher_id:
                    continue
                row = instance.curriculum_row.get((school, klass, lesson.subject))
                if row is None or row.combined:
                    continue
                partner = teachers[0]
                if (other_date, school, klass, p) in self.ledger.swapped:
                    continue
                if self.why_not(partner, c.date, period, Fraction(0)) or \
                        self.why_not(c.teacher_id, other_date, p, Fraction(0)):
                    continue
                if not self._subject_fits(school, klass, lesson.subject, day, other_day) or \
                        not self._subject_fits(school, klass, duty.subject, other_day, day):
                    continue
                self.ledger.add(partner, c.date, period, Fraction(0), False)
                self.ledger.add(c.teacher_id, other_date, p, Fraction(0), False)
                self.ledger.swapped |= {(c.date, school, klass, period),
                                        (other_date, school, klass, p)}
                reason = _why("living.why.swap", subject=lesson.subject,
                             name=instance.teacher_name(partner), date=other_date,
                             day=other_day, period=p, absent=absent.name or c.teacher_id,
                             own=duty.subject)
                return self._row(c, school, duty.class_ids, period, partner, "swap", reason,
                                 swap_date=other_date, swap_day=other_day, swap_period=p,
                                 swap_subject=lesson.subject)
        return None

    def _subject_fits(self, school: str, klass: str, subject: str, day: str, leaving: str
                      ) -> bool:
        """A lesson of ``subject`` moved from ``leaving`` to ``day`` keeps the class's
        max_per_day and min_days_apart of it (a subject in a days_apart.csv group is not
        moved)."""
        row = self.instance.curriculum_row.get((school, klass, subject))
        if row is None:
            return True
        if any(row.key in g.rows for g in self.instance.days_apart):
            return False
        taught = [d for (d, _), lesson in self.view.class_week(school, klass).items()
                  if lesson.subject == subject and lesson.span != 0]
        if row.max_per_day is not None and taught.count(day) + 1 > row.max_per_day:
            return False
        if row.min_days_apart is not None:
            days = list(self.instance.days)
            if leaving in taught:
                taught.remove(leaving)
            at = days.index(day)
            return all(abs(days.index(d) - at) >= row.min_days_apart for d in taught)
        return True


def substitute(solution: TimetableView | str | Path,
               absences: Iterable[Absence | tuple] | str | Path, *,
               instance: str | Path | None = None, skipped: dict[dt.date, str] | None = None,
               skip_dates: Iterable[str | Path] = (), term: str | None = None,
               swaps: bool = False) -> Plan:
    """The substitution plan for ``absences`` in the timetable ``solution`` (a TimetableView,
    or a solution directory read with ``instance``, default summary.json's instance_path).

    ``absences``: Absence objects, tuples (teacher_id, first, last[, reason]) of dates or
    ``YYYY-MM-DD`` texts, or the path of an absences CSV file; ``skipped`` dates (or
    ``skip_dates`` files in the format of ``aligner export --skip-dates``) have no lessons;
    ``term`` (``FIRST..LAST``, default the instance's term calendar) refuses absences outside
    it; the calendar's holidays have no lessons and its make-up days follow their weekday.
    Raises InputError (naming the file, row and column, or the argument) on bad input."""
    from aligner.export.view import load_solution
    from aligner.living.schooldays import (
        absence_of,
        parse_term,
        read_absences,
        read_skipped,
        term_of,
    )

    view = solution if isinstance(solution, TimetableView) else load_solution(solution, instance)
    chosen = term_of(view.instance, parse_term(term) if term else None)
    if isinstance(absences, str | Path):
        found = read_absences(absences, view.instance, chosen)
    else:
        found = tuple(item if isinstance(item, Absence) else absence_of(
            item[0], str(item[1]), str(item[2]), view.instance, chosen,
            item[3] if len(item) > 3 else "") for item in absences)
    days = dict(skipped or {}) | read_skipped(skip_dates)
    return Planner(view, found, days, swaps).plan()
