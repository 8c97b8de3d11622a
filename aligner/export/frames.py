"""The solution as pandas frames: lessons, sessions, teacher loads and compliance."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pandas as pd

from aligner.alignment.overlap import overlap_minutes
from aligner.changes import CHANGE_COLUMNS, change_rows, fixed_places
from aligner.instance import Instance, hhmm
from aligner.timetable import Timetable

LESSON_COLUMNS = [
    "school_id", "class_id", "day", "period", "start", "end", "subject", "teacher_id", "mode",
    "session_id", "assistant_id", "lesson_id", "room_id", "pinned",
]
SESSION_COLUMNS = [
    "session_id", "course_id", "form", "day", "hub_school_id", "hub_teacher_id", "hub_class_id",
    "hub_period", "hub_start", "hub_end", "receiving_school_id", "receiving_class_id",
    "receiving_period", "receiving_start", "receiving_end", "overlap_minutes",
]
LOAD_COLUMNS = [
    "school_id", "teacher_id", "local", "online_main", "assistant", "credited", "min_load",
    "max_load",
]
COMPLIANCE_COLUMNS = ["rule", "scope", "required", "achieved", "ok"]


def _number(value: Fraction | None) -> float:
    """Loads are exact fractions in the engine; frames carry them as floats (NaN = no cap)."""
    return float("nan") if value is None else float(value)


def _order(instance: Instance, frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    day_rank = {d: i for i, d in enumerate(instance.days)}
    return frame.sort_values(
        keys, key=lambda s: s.map(day_rank) if s.name == "day" else s, kind="stable"
    ).reset_index(drop=True)


def _with_seasons(instance: Instance, rows: list[list[object]], columns: list[str],
                  keys: list[str]) -> pd.DataFrame:
    """With several seasons each row is given once per season, with a leading season column."""
    frame = _order(instance, pd.DataFrame(rows, columns=["season", *columns]), keys)
    if len(instance.seasons) == 1:
        return frame.drop(columns="season")
    rank = {s: i for i, s in enumerate(instance.seasons)}
    return frame.sort_values("season", key=lambda s: s.map(rank), kind="stable").reset_index(
        drop=True)


def lessons_frame(instance: Instance, timetable: Timetable) -> pd.DataFrame:
    """One row per class per lesson (per season, with several); online rows name the hub
    teacher as teacher_id; times are the class's own school's."""
    rows: list[list[object]] = []
    fixed_local, fixed_hub = fixed_places(instance)
    for season in instance.seasons:
        for lesson in timetable.lessons:
            bell = instance.bell(lesson.school_id, lesson.period, season)
            start = lesson.period if lesson.double_start is None else lesson.double_start
            fixed = ((lesson.school_id, lesson.group or lesson.class_id, lesson.subject,
                      lesson.day, start) in fixed_local
                     or (lesson.school_id, lesson.group or lesson.class_id, lesson.subject,
                         lesson.day, lesson.period) in fixed_local)
            rows.append([season, lesson.school_id, lesson.class_id, lesson.day, lesson.period,
                         hhmm(bell.start), hhmm(bell.end), lesson.subject, lesson.teacher_id,
                         "local", "", "", lesson.lesson_id, lesson.room_id,
                         "1" if fixed else ""])
        for session in timetable.sessions:
            course = instance.course_by_id[session.course_id]
            marked = "1" if (course.course_id, session.day, session.hub_period) in fixed_hub \
                else ""
            if course.hub_class:
                bell = instance.bell(course.hub_school, session.hub_period, season)
                rows.append([season, course.hub_school, course.hub_class, session.day,
                             session.hub_period, hhmm(bell.start), hhmm(bell.end), course.subject,
                             course.hub_teacher, "online-main", session.session_id, "",
                             session.session_id, "", marked])
            for reception in course.receptions:
                period = session.period_at(reception.school_id)
                bell = instance.bell(reception.school_id, period, season)
                rows.append([season, reception.school_id, reception.class_id, session.day,
                             period, hhmm(bell.start), hhmm(bell.end), course.subject,
                             course.hub_teacher, "online-receiving", session.session_id,
                             reception.assistant_id or "", session.session_id, "", marked])
    return _with_seasons(instance, rows, LESSON_COLUMNS, ["school_id", "class_id", "day", "period"])


def sessions_frame(instance: Instance, timetable: Timetable) -> pd.DataFrame:
    """One row per session per receiving class (per season, with several), with both schools'
    times and their overlap."""
    rows: list[list[object]] = []
    for season in instance.seasons:
        for session in timetable.sessions:
            course = instance.course_by_id[session.course_id]
            hub_bell = instance.bell(course.hub_school, session.hub_period, season)
            for reception in course.receptions:
                period = session.period_at(reception.school_id)
                bell = instance.bell(reception.school_id, period, season)
                rows.append([season, session.session_id, course.course_id, course.form,
                             session.day, course.hub_school, course.hub_teacher,
                             course.hub_class or "", session.hub_period, hhmm(hub_bell.start),
                             hhmm(hub_bell.end), reception.school_id, reception.class_id, period,
                             hhmm(bell.start), hhmm(bell.end), overlap_minutes(hub_bell, bell)])
    return _with_seasons(instance, rows, SESSION_COLUMNS, ["day", "hub_period", "course_id",
                                                           "receiving_school_id",
                                                           "receiving_class_id"])


def taught_by_form(instance: Instance, timetable: Timetable) -> dict[str, Counter[str]]:
    """Per teacher: sessions taught as hub teacher, by the course's form."""
    taught: dict[str, Counter[str]] = {t.teacher_id: Counter() for t in instance.teachers}
    for session in timetable.sessions:
        course = instance.course_by_id[session.course_id]
        taught[course.hub_teacher][course.form] += 1
    return taught


def credited_loads(instance: Instance, timetable: Timetable) -> dict[str, Fraction]:
    """Per teacher: the credited load of the timetable (each form at its credit)."""
    counts = teacher_counts(instance, timetable)
    forms = taught_by_form(instance, timetable)
    return {t: instance.policy.credited_load(local, forms[t], assisted)
            for t, (local, _, assisted) in counts.items()}


def teacher_counts(instance: Instance, timetable: Timetable) -> dict[str, tuple[int, int, int]]:
    """Per teacher: (local lessons, sessions taught as hub teacher, sessions assisted). A
    combined lesson (one row per class) counts once; each co-teacher counts it."""
    local: Counter[str] = Counter()
    seen: set[tuple[str, str, str, int]] = set()
    for lesson in timetable.lessons:
        once = (lesson.school_id, lesson.group or lesson.class_id, lesson.day, lesson.period)
        if once in seen:
            continue
        seen.add(once)
        for teacher_id in lesson.teacher_ids:
            local[teacher_id] += 1
    taught: Counter[str] = Counter()
    assisted: Counter[str] = Counter()
    for session in timetable.sessions:
        course = instance.course_by_id[session.course_id]
        taught[course.hub_teacher] += 1
        for school_id in course.receiving_schools:
            for assistant in course.assistants_at(school_id):
                assisted[assistant] += 1
    return {t.teacher_id: (local[t.teacher_id], taught[t.teacher_id], assisted[t.teacher_id])
            for t in instance.teachers}


def teacher_load_frame(instance: Instance, timetable: Timetable) -> pd.DataFrame:
    """Each teacher's lessons, sessions taught and assisted, and credited load (1:1.5 rule)."""
    counts = teacher_counts(instance, timetable)
    loads = credited_loads(instance, timetable)
    rows = []
    for teacher in instance.teachers:
        local, taught, assisted = counts[teacher.teacher_id]
        rows.append([teacher.school_id, teacher.teacher_id, local, taught, assisted,
                     _number(loads[teacher.teacher_id]),
                     _number(Fraction(teacher.min_load)),
                     _number(None if teacher.max_load is None else Fraction(teacher.max_load))])
    return pd.DataFrame(rows, columns=LOAD_COLUMNS)


def compliance_frame(instance: Instance, timetable: Timetable) -> pd.DataFrame:
    """Every programme rule (a sync course per pair, the weekly or term minimums, the radiation
    range), load bound and level minimum, with what the timetable achieves."""
    policy = instance.policy
    sessions = Counter(s.course_id for s in timetable.sessions)
    totals = instance.weekly_totals(sessions)
    rows: list[list[object]] = []
    syncs = Counter((c.hub_school, school) for c in instance.courses if c.form == "sync"
                    for school in c.receiving_schools)
    for hub, receiving in instance.linked_pairs:
        rows.append(["sync_course_per_pair", f"{hub}->{receiving}", 1.0,
                     float(syncs[(hub, receiving)])])
    for (hub, receiving), n in totals.sync_per_pair.items():
        rows.append(["min_sync_lessons_per_pair", f"{hub}->{receiving}",
                     float(policy.min_sync_lessons_per_pair), float(n)])
    dated = dated_sessions(instance, timetable)
    term_least = instance.term_school_minimum
    if term_least is None:
        for school_id, n in totals.delivered.items():
            rows.append(["min_online_lessons_delivered", school_id,
                         float(policy.min_online_lessons_per_school), float(n)])
        for school_id, n in totals.received.items():
            rows.append(["min_online_lessons_received", school_id,
                         float(policy.min_online_lessons_per_school), float(n)])
    else:
        over_term = instance.weekly_totals(dated)
        for school_id in totals.delivered:
            rows.append(["min_online_lessons_delivered_over_term", school_id, float(term_least),
                         float(over_term.delivered[school_id])])
        for school_id in totals.received:
            rows.append(["min_online_lessons_received_over_term", school_id, float(term_least),
                         float(over_term.received[school_id])])

    counts = teacher_counts(instance, timetable)
    loads = credited_loads(instance, timetable)
    for teacher in instance.teachers:
        _, taught, _ = counts[teacher.teacher_id]
        load = loads[teacher.teacher_id]
        if teacher.min_load > 0:
            rows.append(["min_load", teacher.teacher_id, _number(Fraction(teacher.min_load)),
                         _number(load)])
        if teacher.max_load is not None:
            rows.append(["max_load", teacher.teacher_id, _number(Fraction(teacher.max_load)),
                         _number(load)])
        level_minimum = instance.level_minimum(teacher.level)
        if level_minimum > 0 and instance.term is None:
            rows.append([f"level_min_online ({teacher.level})", teacher.teacher_id,
                         float(level_minimum), float(taught)])
        elif level_minimum > 0:
            dated_taught = sum(dated[c.course_id] for c in instance.courses_of_teacher.get(
                teacher.teacher_id, ()))
            rows.append([f"level_min_online_over_term ({teacher.level})", teacher.teacher_id,
                         float(level_minimum), float(dated_taught)])
    cap = policy.max_receiving_classes_per_session
    if cap is not None:
        for course in instance.courses:
            reached = len({r.class_key for r in course.receptions}) if sessions[
                course.course_id] else 0
            rows.append([CAPPED_RULE, course.course_id, float(cap), float(reached)])
    frame = pd.DataFrame(rows, columns=COMPLIANCE_COLUMNS[:4])
    frame["ok"] = [
        (achieved <= required) if rule in AT_MOST_RULES else (achieved >= required)
        for rule, required, achieved in zip(frame["rule"], frame["required"], frame["achieved"],
                                            strict=True)
    ]
    return frame


CAPPED_RULE = "max_receiving_classes_per_session"
AT_MOST_RULES = ("max_load", CAPPED_RULE)
"""compliance.csv rules that are met when achieved <= required."""


def dated_sessions(instance: Instance, timetable: Timetable) -> Counter[str]:
    """Course -> its sessions over the term: each weekly session counted once per teaching
    date of its day (none without a term)."""
    dates = instance.term_day_counts or {}
    dated: Counter[str] = Counter()
    for session in timetable.sessions:
        dated[session.course_id] += dates.get(session.day, 0)
    return dated


def changes_frame(instance: Instance, timetable: Timetable) -> pd.DataFrame:
    """changes.csv: every class lesson of the previous timetable that moved, vanished or
    appeared (:func:`aligner.changes.change_rows`); empty without a previous timetable."""
    return pd.DataFrame(change_rows(instance, timetable), columns=list(CHANGE_COLUMNS))
