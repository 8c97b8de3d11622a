"""The term plan (``aligner plan``): a solved week laid over the term calendar.

- **Dated sessions**: every session of sessions.csv on every teaching date whose day it is
  (holidays out, a make-up day following the weekday it names), at that date's season's bells;
  and every research meeting of research.csv the same way (form ``research``).
- **Face-to-face visit (面授)**, one per pair (hub, receiving school) and month (seed 001 五(三)):
  a date on which a hub teacher of the pair's synchronous course can teach a receiving class in
  person: the class has a lesson of the course's subject that day, and the teacher has no
  commitment at the hub in that half of the day (上午/下午: a period starting before 12:00 is
  morning, at that date's bells). Proposed: the earliest such date of the month, a local lesson
  of the subject before the online session itself (the class keeps its live lesson).
- **Offline-interaction days (线下互动)**, at least three per pair and month: teaching dates of
  the month (make-up days count: they are working days) on which the pair's teachers (the hub
  teachers of its synchronous courses, or of every course when it has none, and their
  assistants at the receiving school) are least busy: fewest periods with a lesson, a session or
  a meeting; one date a week first (spread over the month), the visit's date last, the earlier
  date on a tie.

Where a month cannot meet a requirement the row says why (``status`` and ``reason``): no
synchronous course, no teaching date, no date on which the visit is possible, fewer than three
teaching dates. Solver-free: reads the solution directory and the instance only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from aligner.export.view import LiveSession, TimetableView, load_solution
from aligner.instance import COMBINE, Course, Instance
from aligner.messages import say
from aligner.term import TeachingDate

OFFLINE_DAYS = 3
"""Offline-interaction working days a month at least (seed 001 五(三): 线下互动每月不少于三个工作日)."""

SESSION_COLUMNS = ("date", "day", "season", "made_up", "form", "course_id", "session_id",
                   "subject", "hub_school_id", "hub_teacher_id", "hub_class_id", "hub_period",
                   "start", "end", "receiving_school_id", "receiving_class_ids",
                   "assistant_ids", "receiving_period", "receiving_start", "receiving_end")
VISIT_COLUMNS = ("month", "hub_school_id", "receiving_school_id", "status", "date", "day",
                 "season", "half", "course_id", "subject", "hub_teacher_id",
                 "receiving_class_id", "receiving_period", "receiving_start", "receiving_end",
                 "reason")
OFFLINE_COLUMNS = ("month", "hub_school_id", "receiving_school_id", "status", "date", "day",
                   "teacher_ids", "busy_periods", "reason")


class ProgrammeError(ValueError):
    """The plan or report cannot be made (no term calendar, a month outside the term); the
    message says which and what to do."""


@dataclass
class TermPlan:
    """The plan's three tables (see the module's doc) and the lines to print where a month
    falls short."""

    sessions: pd.DataFrame
    visits: pd.DataFrame
    offline: pd.DataFrame
    shortfalls: list[str] = field(default_factory=list)
    view: TimetableView | None = None
    dates: tuple[TeachingDate, ...] = ()
    """The term's teaching dates."""


def teaching_dates(instance: Instance) -> tuple[TeachingDate, ...]:
    """The term's teaching dates; ProgrammeError without a term."""
    if instance.term is None:
        raise ProgrammeError(say("programme.no_term", name=instance.name))
    return instance.term.teaching_dates(instance.days, instance.seasons)


def _season(date: TeachingDate, instance: Instance) -> str:
    return date.season or instance.seasons[0]


def _pairs_courses(instance: Instance) -> dict[tuple[str, str], list[Course]]:
    courses: dict[tuple[str, str], list[Course]] = defaultdict(list)
    for course in instance.courses:
        for school_id in course.receiving_schools:
            courses[(course.hub_school, school_id)].append(course)
    return courses


def _session_rows(view: TimetableView, dates: tuple[TeachingDate, ...]) -> list[dict]:
    instance = view.instance
    by_day: dict[str, list[TeachingDate]] = defaultdict(list)
    for date in dates:
        by_day[date.day].append(date)
    rows: list[dict] = []
    items: list[tuple[str, LiveSession]] = [("session", s) for s in view.sessions.values()]
    items += [("research", m) for m in view.meetings.values()]
    for kind, session in items:
        course = session.course
        for date in by_day.get(session.day, ()):
            season = _season(date, instance)
            hub = instance.bell(course.hub_school, session.hub_period, season)
            for end in session.receiving:
                there = instance.bell(end.school_id, end.period, season)
                receptions = [r for r in course.receptions_at(end.school_id)
                              if kind == "research" or r.class_id in end.class_ids]
                assistants = dict.fromkeys(r.assistant_id for r in receptions if r.assistant_id)
                rows.append({
                    "date": date.date.isoformat(), "day": date.day, "season": season,
                    "made_up": date.makeup,
                    "form": "research" if kind == "research" else course.form,
                    "course_id": course.course_id, "session_id": session.session_id,
                    "subject": course.subject, "hub_school_id": course.hub_school,
                    "hub_teacher_id": course.hub_teacher,
                    "hub_class_id": "" if kind == "research" else (course.hub_class or ""),
                    "hub_period": session.hub_period, "start": hub.times.split("-")[0],
                    "end": hub.times.split("-")[1], "receiving_school_id": end.school_id,
                    "receiving_class_ids": COMBINE.join(end.class_ids),
                    "assistant_ids": COMBINE.join(assistants),
                    "receiving_period": end.period,
                    "receiving_start": there.times.split("-")[0],
                    "receiving_end": there.times.split("-")[1]})
    rows.sort(key=lambda r: (r["date"], r["start"], r["hub_school_id"], r["course_id"],
                             r["receiving_school_id"]))
    return rows


def _busy_halves(view: TimetableView, teacher_id: str, school_id: str, day: str, season: str
                 ) -> set[bool]:
    """The halves of ``day`` (True: afternoon) in which the teacher has a commitment at her
    school (``school_id``'s bells)."""
    instance = view.instance
    return {instance.bell(school_id, period, season).is_afternoon
            for (d, period) in view.teacher_week(teacher_id) if d == day}


def _visit(view: TimetableView, pair: tuple[str, str], courses: list[Course], month: str,
           dates: list[TeachingDate]) -> dict:
    hub_id, school_id = pair
    row: dict = dict.fromkeys(VISIT_COLUMNS, "") | {
        "month": month, "hub_school_id": hub_id, "receiving_school_id": school_id}
    sync = [c for c in courses if c.form == "sync"]
    if not sync:
        return row | {"status": "no_sync_course",
                      "reason": say("programme.visit.no_sync_course", hub=hub_id,
                                    school=school_id)}
    if not dates:
        return row | {"status": "no_teaching_date",
                      "reason": say("programme.no_teaching_date", month=month)}
    instance = view.instance
    found: list[tuple] = []
    for date in dates:
        season = _season(date, instance)
        for course in sync:
            busy = _busy_halves(view, course.hub_teacher, hub_id, date.day, season)
            for reception in course.receptions_at(school_id):
                week = view.class_week(school_id, reception.class_id)
                for (day, period), lesson in week.items():
                    if day != date.day or lesson.subject != course.subject or lesson.span == 0:
                        continue
                    bell = instance.bell(school_id, period, season)
                    if bell.is_afternoon in busy:
                        continue
                    found.append((lesson.online, date.date, period, course, reception.class_id,
                                  bell, date, season))
    if not found:
        return row | {"status": "no_possible_date",
                      "reason": say("programme.visit.no_possible_date", month=month,
                                    courses=", ".join(c.course_id for c in sync))}
    _, _, period, course, class_id, bell, date, season = min(
        found, key=lambda f: (f[0], f[1], f[2], f[3].course_id, f[4]))
    return row | {
        "status": "proposed", "date": date.date.isoformat(), "day": date.day, "season": season,
        "half": "afternoon" if bell.is_afternoon else "morning", "course_id": course.course_id,
        "subject": course.subject, "hub_teacher_id": course.hub_teacher,
        "receiving_class_id": class_id, "receiving_period": period,
        "receiving_start": bell.times.split("-")[0], "receiving_end": bell.times.split("-")[1]}


def pair_teachers(instance: Instance, pair: tuple[str, str], courses: list[Course]
                  ) -> tuple[str, ...]:
    """The hub teachers of the pair's synchronous courses (of every course when it has none)
    and their assistants at the receiving school."""
    chosen = [c for c in courses if c.form == "sync"] or courses
    teachers = [c.hub_teacher for c in chosen]
    teachers += [a for c in chosen for a in c.assistants_at(pair[1])]
    return tuple(dict.fromkeys(teachers))


def _offline(view: TimetableView, pair: tuple[str, str], courses: list[Course], month: str,
             dates: list[TeachingDate], visit_date: str) -> list[dict]:
    base: dict = dict.fromkeys(OFFLINE_COLUMNS, "") | {
        "month": month, "hub_school_id": pair[0], "receiving_school_id": pair[1]}
    teachers = pair_teachers(view.instance, pair, courses)

    def busy(date: TeachingDate) -> int:
        return sum(1 for t in teachers for (d, _) in view.teacher_week(t) if d == date.day)

    candidates = sorted(dates, key=lambda d: (d.date.isoformat() == visit_date, busy(d),
                                              d.date))
    chosen: list[TeachingDate] = []
    weeks: set[tuple[int, int]] = set()
    while candidates and len(chosen) < OFFLINE_DAYS:
        pick = next((d for d in candidates if d.date.isocalendar()[:2] not in weeks),
                    candidates[0])
        candidates.remove(pick)
        weeks.add(pick.date.isocalendar()[:2])
        chosen.append(pick)
    rows = [base | {"status": "proposed", "date": d.date.isoformat(), "day": d.day,
                    "teacher_ids": COMBINE.join(teachers), "busy_periods": busy(d)}
            for d in sorted(chosen, key=lambda d: d.date)]
    if len(chosen) < OFFLINE_DAYS:
        rows.append(base | {"status": "too_few_dates", "teacher_ids": COMBINE.join(teachers),
                            "reason": say("programme.offline.too_few_dates", month=month,
                                          n=len(dates), needed=OFFLINE_DAYS)})
    return rows


def plan_of(view: TimetableView) -> TermPlan:
    """The term plan of a solved week read with its instance (see the module's doc)."""
    instance = view.instance
    dates = teaching_dates(instance)
    assert instance.term is not None
    by_month: dict[str, list[TeachingDate]] = defaultdict(list)
    for date in dates:
        by_month[date.month].append(date)
    courses = _pairs_courses(instance)
    visits: list[dict] = []
    offline: list[dict] = []
    shortfalls: list[str] = []
    for month in instance.term.months():
        month_dates = by_month.get(month, [])
        for pair in instance.linked_pairs:
            visit = _visit(view, pair, courses[pair], month, month_dates)
            visits.append(visit)
            rows = _offline(view, pair, courses[pair], month, month_dates, visit["date"])
            offline += rows
            for row in (visit, *(r for r in rows if r["status"] != "proposed")):
                if row["status"] != "proposed":
                    shortfalls.append(say("programme.shortfall", month=month, hub=pair[0],
                                          school=pair[1], reason=row["reason"]))
    return TermPlan(pd.DataFrame(_session_rows(view, dates), columns=list(SESSION_COLUMNS)),
                    pd.DataFrame(visits, columns=list(VISIT_COLUMNS)),
                    pd.DataFrame(offline, columns=list(OFFLINE_COLUMNS)), shortfalls, view,
                    dates)


def plan(solution: str | Path | TimetableView, instance: str | Path | None = None) -> TermPlan:
    """The term plan of the timetable in ``solution`` (a solution directory, read with its
    instance: ``instance``, else summary.json's instance_path). Raises
    :class:`ProgrammeError` without a term calendar, :class:`~aligner.export.view.SolutionError`
    or :class:`~aligner.io.InputError` for a solution or instance that cannot be read."""
    view = solution if isinstance(solution, TimetableView) else load_solution(solution, instance)
    return plan_of(view)


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a ``YYYY-MM`` month."""
    first = dt.date.fromisoformat(f"{month}-01")
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)
