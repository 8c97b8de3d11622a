"""What a timetable read by the checker amounts to: every class's lessons, every teacher's
commitments and credited load, double lessons, sessions per course, the weekly minimums and the
objective terms, each recomputed from the raw instance data (exact fractions, bell times)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from fractions import Fraction

from aligner.check.kept_places import changes
from aligner.check.solution_files import (
    AFTERNOON,
    TERM_WEIGHTS,
    Local,
    Session,
    SolutionFiles,
    overlap,
)
from aligner.messages import listed, say
from aligner.weekdays import WEEKDAYS, weekday


def class_lessons(w: SolutionFiles) -> list[tuple[str, str, str, int, str]]:
    """Every (school, class, day, period, subject) lesson a class takes, local and online."""
    out = [(x.school, x.klass, x.day, x.period, x.subject) for x in w.local]
    for s in w.sessions.values():
        c = s.course
        if c.hub_class:
            out.append((c.hub_school, c.hub_class, s.day, s.hub_period, c.subject))
        out += [(*key, s.day, r, c.subject) for key, r in s.periods.items()]
    return out


def assistants(s: Session) -> set[tuple[str, str, int]]:
    """(assistant, receiving school, period) of one session; once however many classes."""
    return {(rec.assistant_id, rec.school_id, s.periods[rec.class_key])
            for rec in s.course.receptions if rec.assistant_id and rec.class_key in s.periods}


def lesson_key(w: SolutionFiles, x: Local) -> tuple[str, str, str, str, int]:
    """One local lesson, whichever class's row of lessons.csv shows it: (school, the classes
    as curriculum.csv names them (1-1+1-2 for a combined lesson), subject, day, period)."""
    row = w.inst.curriculum_row.get((x.school, x.klass, x.subject))
    return (x.school, row.class_id if row is not None else x.klass, x.subject, x.day, x.period)


def taught(w: SolutionFiles) -> list[Local]:
    """The local lessons as their teachers give them: a combined lesson (one row of
    lessons.csv per class) once."""
    seen: dict[tuple[tuple[str, str, str, str, int], int], Local] = {}
    repeats: Counter[tuple[tuple[str, str, str, str, int], str]] = Counter()
    for x in w.local:  # a class's second row at one slot is a second lesson (a clash)
        key = lesson_key(w, x)
        seen.setdefault((key, repeats[(key, x.klass)]), x)
        repeats[(key, x.klass)] += 1
    return list(seen.values())


def commitments(w: SolutionFiles) -> list[tuple[str, str, int, str]]:
    """Every (teacher, day, period, what) a teacher is busy with, at the teacher's school;
    each co-teacher of a lesson, and a combined lesson once."""
    out = []
    for x in taught(w):
        key = lesson_key(w, x)
        who = (w.klass(x.school, x.klass) if key[1] == x.klass else
               say("check.with_classes", classes=key[1], school=w.inst.school_name(x.school)))
        out += [(t, x.day, x.period, say("check.lesson_with", subject=x.subject, klass=who))
                for t in x.teachers]
    for s in w.sessions.values():
        c = s.course
        out.append((c.hub_teacher, s.day, s.hub_period, say("check.as_hub", session=s.sid)))
        out += [(t, s.day, r, say("check.as_assistant", session=s.sid))
                for t, _, r in assistants(s)]
    return out


def loads(w: SolutionFiles) -> dict[str, tuple[int, int, int, Fraction]]:
    """Per teacher: local lessons, sessions taught as hub teacher, sessions assisted, and the
    credited load local + online_credit x taught + assistant_credit x assisted (exact)."""
    local = Counter(t for x in taught(w) for t in x.teachers)
    hub = Counter(s.course.hub_teacher for s in w.sessions.values())
    assisted = Counter(t for s in w.sessions.values() for t in {a[0] for a in assistants(s)})
    online: dict[str, Fraction] = defaultdict(Fraction)
    for s in w.sessions.values():
        online[s.course.hub_teacher] += _online_credit(w, s.course.form)
    assist = Fraction(w.inst.policy.assistant_credit)
    return {t: (local[t], hub[t], assisted[t],
                local[t] + online[t] + assist * assisted[t])
            for t in w.inst.teacher_by_id}


def _online_credit(w: SolutionFiles, form: str) -> Fraction:
    """The credit of one session taught in ``form``: policy.online_credit, one number or one per
    form (a form left out counts 1.5)."""
    credit = w.inst.policy.online_credit
    if isinstance(credit, dict):
        return Fraction(credit[form]) if form in credit else Fraction(3, 2)
    return Fraction(credit)


def halves(w: SolutionFiles, school: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(morning, afternoon) periods of a school from its bells: a period starting before 12:00
    in every season is in the morning."""
    periods = sorted(w.bells[school])
    afternoon = {p for p in periods
                 if any(bells[school][p][0] >= AFTERNOON for bells in w.seasons.values())}
    return (tuple(p for p in periods if p not in afternoon),
            tuple(p for p in periods if p in afternoon))


def busy_periods(w: SolutionFiles) -> dict[tuple[str, str], set[int]]:
    """(teacher, day) -> the periods the teacher has a commitment in."""
    busy: dict[tuple[str, str], set[int]] = defaultdict(set)
    for teacher, day, period, _ in commitments(w):
        busy[(teacher, day)].add(period)
    return busy


def double_groups(w: SolutionFiles) -> list[list[Local]]:
    """Local rows of one class sharing a non-blank lesson_id, for every id used by more than
    one row (ids are unique within a class)."""
    groups: dict[tuple[str, str, str], list[Local]] = defaultdict(list)
    for x in w.local:
        if x.lesson_id:
            groups[(x.school, x.klass, x.lesson_id)].append(x)
    return [rows for rows in groups.values() if len(rows) > 1]


def _place(x: Local) -> str:
    return say("check.place", day=x.day, period=x.period, row=x.row)


def _double_problem(w: SolutionFiles, rows: list[Local]) -> str:
    """Why these rows, sharing a lesson_id, are not one double lesson ('' when they are); names
    the rows, and what a hand edit probably did."""
    if len(rows) != 2:
        places = listed([_place(x) for x in sorted(rows, key=lambda x: x.row)])
        return say("check.double.many_rows", count=len(rows), places=places)
    a, b = sorted(rows, key=lambda x: (w.inst.days.index(x.day) if x.day in w.inst.days else 99,
                                       x.period))
    fix = say("check.double.fix")
    if a.day != b.day:
        return say("check.double.different_days", first=_place(a), second=_place(b), fix=fix)
    if b.period != a.period + 1:
        return say("check.double.not_consecutive", first=_place(a), second=_place(b), fix=fix)
    if a.subject != b.subject:
        return say("check.double.different_subjects", first=a.subject, first_row=a.row,
                   second=b.subject, second_row=b.row)
    if a.teacher != b.teacher:
        return say("check.double.different_teachers", first=w.teacher(a.teacher),
                   first_row=a.row, second=w.teacher(b.teacher), second_row=b.row)
    gap = w.inst.policy.max_double_gap
    for season, bells in w.seasons.items():
        first, second = bells[a.school].get(a.period), bells[a.school].get(b.period)
        if first and second and second[0] - first[1] > gap:
            return say("check.double.break_too_long", first=a.period, second=b.period,
                       minutes=second[0] - first[1], gap=gap,
                       season=say("check.in_season", season=season)
                       if len(w.seasons) > 1 else "")
    return ""


def lesson_ids_by_school(w: SolutionFiles) -> dict[tuple[str, str], list[Local]]:
    """(school, lesson_id) -> the local rows carrying it, of every class of the school."""
    found: dict[tuple[str, str], list[Local]] = defaultdict(list)
    for x in w.local:
        if x.lesson_id:
            found[(x.school, x.lesson_id)].append(x)
    return found


def broken_double_hints(w: SolutionFiles, school: str, klass: str, subject: str,
                        by_id: dict[tuple[str, str], list[Local]], missing: bool) -> list[str]:
    """What may explain a class's wrong number of double lessons of a subject after a hand edit
    of lessons.csv. When doubles are ``missing``: consecutive single lessons of the subject
    (within max_double_gap) with different lesson_ids (one row's id changed?), and a single
    lesson whose lesson_id, written as aligner writes it (``<class>-<day>-<first period>``),
    names another period (the rest of a double whose other row moved?). Either way: lesson_ids
    the class shares with another class of its school (a row moved to another class, or copied
    from one?). ``by_id`` is :func:`lesson_ids_by_school`."""
    days = {d: i for i, d in enumerate(w.inst.days)}
    mine = sorted((x for x in w.local if (x.school, x.klass, x.subject) == (school, klass, subject)),
                  key=lambda x: (days.get(x.day, 99), x.period))
    ids = Counter(x.lesson_id for x in mine if x.lesson_id)
    singles = [x for x in mine if ids[x.lesson_id] < 2]
    hints = []
    if missing:
        at = {(x.day, x.period): x for x in singles}
        gap = w.inst.policy.max_double_gap
        for x in singles:
            y = at.get((x.day, x.period + 1))
            if y is None or y.teacher != x.teacher:
                continue
            spans = [(bells[school].get(x.period), bells[school].get(y.period))
                     for bells in w.seasons.values()]
            if all(a and b and b[0] - a[1] <= gap for a, b in spans):
                hints.append(say("check.hint.consecutive_singles", subject=subject, day=x.day,
                                 first=x.period, second=y.period, first_row=x.row,
                                 second_row=y.row,
                                 first_id=x.lesson_id or say("check.no_lesson_id"),
                                 second_id=y.lesson_id or say("check.no_lesson_id")))
        for x in singles:
            named = _named_slot(x, days)
            if named is not None and named != (x.day, x.period):
                hints.append(say("check.hint.lone_lesson_id", row=x.row, day=x.day,
                                 period=x.period, lesson=x.lesson_id, named_day=named[0],
                                 named_period=named[1]))
    shared: dict[tuple[str, str], tuple[list[int], list[Local]]] = {}
    row = w.inst.curriculum_row.get((school, klass, subject))
    combined = set(row.class_ids) if row is not None else {klass}  # 合班 classes share ids
    for x in mine:
        others = [o for o in by_id.get((school, x.lesson_id), ()) if o.klass not in combined]
        if x.lesson_id and others:
            rows, _ = shared.setdefault((x.lesson_id, others[0].klass), ([], others))
            rows.append(x.row)
    for (lesson_id, other), (rows, others) in shared.items():
        hints.append(say("check.hint.shared_lesson_id", lesson=lesson_id,
                         mine=say("check.rows", n=len(rows), rows=listed([str(r) for r in rows])),
                         klass=w.klass(school, other),
                         theirs=say("check.rows", n=len(others), rows=listed([
                             say("check.row_at", row=o.row, day=o.day, period=o.period)
                             for o in others]))))
    return hints


def _named_slot(x: Local, days: dict[str, int]) -> tuple[str, int] | None:
    """The (day, period) a lesson_id names when written as aligner writes it, else None."""
    prefix = f"{x.klass}-"
    if not x.lesson_id.startswith(prefix):
        return None
    day, _, period = x.lesson_id[len(prefix):].rpartition("-")
    return (day, int(period)) if day in days and period.isdigit() else None


def doubles_per_day(w: SolutionFiles) -> Counter[tuple[str, str, str, str]]:
    """(school, class, subject, day) -> well-formed double lessons that day."""
    return Counter((rows[0].school, rows[0].klass, rows[0].subject, rows[0].day)
                   for rows in double_groups(w) if not _double_problem(w, rows))


def sessions_per_course(w: SolutionFiles) -> Counter[str]:
    return Counter(s.course.course_id for s in w.sessions.values())


def dates_per_day(w: SolutionFiles) -> dict[str, int] | None:
    """Day of the week (as the instance writes it) -> its teaching dates in the term, counted
    here from the term's first and last day, skipped dates and make-up days; None without a
    term."""
    term = w.inst.term
    if term is None:
        return None
    skipped = {d for d, _ in term.skipped}
    follows = dict(term.workdays)
    named = {weekday(d): d for d in w.inst.days}
    counts = dict.fromkeys(w.inst.days, 0)
    date = term.start
    while date <= term.end:
        day = named.get(follows.get(date, WEEKDAYS[date.weekday()]))
        if day is not None and date not in skipped:
            counts[day] += 1
        date += dt.timedelta(days=1)
    return counts


def minimums(w: SolutionFiles) -> dict[tuple[str, str], tuple[Fraction, Fraction, bool]]:
    """(rule, scope) -> (required, achieved, ok) for every programme rule (a sync course per
    pair, the weekly or term minimums, the radiation range), load and level bound."""
    p, n = w.inst.policy, sessions_per_course(w)
    dates = dates_per_day(w)
    dated: Counter[str] = Counter()
    for s in w.sessions.values():
        dated[s.course.course_id] += (dates or {}).get(s.day, 0)
    pair: Counter[str] = Counter()
    delivered: Counter[str] = Counter()
    received: Counter[str] = Counter()
    syncs: Counter[str] = Counter()
    over_term = {"delivered": Counter[str](), "received": Counter[str]()}
    for c in w.inst.courses:
        delivered[c.hub_school] += n[c.course_id]
        over_term["delivered"][c.hub_school] += dated[c.course_id]
        for school in dict.fromkeys(r.school_id for r in c.receptions):
            received[school] += n[c.course_id]
            over_term["received"][school] += dated[c.course_id]
            syncs[f"{c.hub_school}->{school}"] += c.form == "sync"
            if c.form == "sync":
                pair[f"{c.hub_school}->{school}"] += n[c.course_id]
    out: dict[tuple[str, str], tuple[Fraction, Fraction, bool]] = {
        ("sync_course_per_pair", k): (Fraction(1), Fraction(v), v >= 1) for k, v in syncs.items()}
    weekly = [("min_sync_lessons_per_pair", pair, p.min_sync_lessons_per_pair)]
    if dates is None:
        weekly += [("min_online_lessons_delivered", delivered, p.min_online_lessons_per_school),
                   ("min_online_lessons_received", received, p.min_online_lessons_per_school)]
    else:  # an average a teaching week, in whole lessons over the term: ceil(min x dates / days)
        least = -(-p.min_online_lessons_per_school * sum(dates.values()) // len(w.inst.days))
        weekly += [("min_online_lessons_delivered_over_term", over_term["delivered"], least),
                   ("min_online_lessons_received_over_term", over_term["received"], least)]
    for rule, achieved, least in weekly:
        out |= {(rule, k): (Fraction(least), Fraction(v), v >= least) for k, v in achieved.items()}
    for pair_scope, (_, forms) in forms_of_pairs(w).items():
        least = p.min_forms_per_pair
        out[("min_forms_per_pair", pair_scope)] = (Fraction(least), Fraction(len(forms)),
                                                   len(forms) >= least)
    for tid, (_, taught, _, load) in loads(w).items():
        t = w.inst.teacher_by_id[tid]
        out[("min_load", tid)] = (Fraction(t.min_load), load, load >= Fraction(t.min_load))
        if t.max_load is not None:
            out[("max_load", tid)] = (Fraction(t.max_load), load, load <= Fraction(t.max_load))
        if t.level is not None:
            per_semester = p.level_min_online_per_semester.get(t.level, 0)
            if dates is None:
                least = -(-per_semester // p.semester_weeks)
                got = taught
                rule = f"level_min_online ({t.level})"
            else:
                least = per_semester
                got = sum(dated[c.course_id] for c in w.inst.courses if c.hub_teacher == tid)
                rule = f"level_min_online_over_term ({t.level})"
            if least > 0:
                out[(rule, tid)] = (Fraction(least), Fraction(got), got >= least)
    cap = p.max_receiving_classes_per_session
    if cap is not None:
        reached = receiving_classes(w)
        for c in w.inst.courses:
            got = reached.get(c.course_id, 0)
            out[("max_receiving_classes_per_session", c.course_id)] = (
                Fraction(cap), Fraction(got), got <= cap)
    return out


def receiving_classes(w: SolutionFiles) -> dict[str, int]:
    """Course -> the most receiving classes one of its sessions reaches (sessions.csv's rows)."""
    most: dict[str, int] = {}
    for s in w.sessions.values():
        most[s.course.course_id] = max(most.get(s.course.course_id, 0), len(s.periods))
    return most
FORMS_OF_HELP = ("sync", "delivery", "famous", "research")
"""The four forms of help of seed 000 §四(二), in the order messages list them."""


def forms_of_pairs(w: SolutionFiles) -> dict[str, tuple[list[str], list[str]]]:
    """'hub->receiving' of every pair linked by a course -> (the forms its data offer, the forms
    the timetable uses): sync, delivery, famous with a course of the form (with a session in
    the week); research when research_per_week > 0 and the pair has a sync course (with a
    meeting of one in research.csv)."""
    offered: dict[str, set[str]] = defaultdict(set)
    used: dict[str, set[str]] = defaultdict(set)
    research = w.inst.policy.research_per_week > 0
    held = sessions_per_course(w)
    met = Counter(m.course.course_id for m in w.meetings.values())
    for c in w.inst.courses:
        for school in dict.fromkeys(r.school_id for r in c.receptions):
            pair = f"{c.hub_school}->{school}"
            offered[pair].add(c.form)
            used[pair]  # every linked pair has a row
            if held[c.course_id]:
                used[pair].add(c.form)
            if research and c.form == "sync":
                offered[pair].add("research")
            if met[c.course_id]:
                used[pair].add("research")
    return {pair: ([f for f in FORMS_OF_HELP if f in offered[pair]],
                   [f for f in FORMS_OF_HELP if f in used[pair]]) for pair in offered}


def objective_terms(w: SolutionFiles) -> dict[str, int]:
    """The objective terms recomputed from the timetable."""
    days, lessons = w.inst.days, class_lessons(w)
    misaligned = 0
    for bells in w.seasons.values():
        for s in w.sessions.values():
            hub = bells[s.course.hub_school][s.hub_period]
            misaligned += sum(hub[1] - hub[0] - overlap(hub, bells[k[0]][r])
                              for k, r in s.periods.items())
    per_day = Counter((sc, k, subject, day) for sc, k, day, _, subject in lessons)
    per_day.subtract(doubles_per_day(w))  # a double lesson is one lesson of its day
    repeats = sum(max(0, per_day[(r.school_id, r.class_ids[0], r.subject, d)] - 1)
                  for r in w.inst.curriculum if 2 <= r.per_week - r.doubles <= len(days)
                  for d in days)
    core = sum(1 for sc, _, _, p, subject in lessons
               if subject in w.inst.core_subjects
               and any(bells[sc][p][0] >= AFTERNOON for bells in w.seasons.values()))
    n = sessions_per_course(w)
    missing = sum(c.max_per_week - n[c.course_id] for c in w.inst.courses
                  if c.min_per_week < c.max_per_week)
    gaps = 0
    for (teacher, _day), periods in busy_periods(w).items():
        for half in halves(w, w.inst.teacher_by_id[teacher].school_id):
            taken = [i for i, p in enumerate(half) if p in periods]
            if taken:
                gaps += sum(1 for i in range(taken[0], taken[-1] + 1) if half[i] not in periods)
    terms = {"misalignment_minutes": misaligned, "same_day_repeats": repeats,
             "core_in_afternoon": core, "missing_sessions": missing, "teacher_gaps": gaps,
             "outside_preferred": outside_preferred(w),
             "days_apart": days_apart_excess(w, per_day)}
    if w.previous is not None:
        terms["changes"] = changes(w, w.previous)
    return terms


def outside_preferred(w: SolutionFiles) -> int:
    """Local lessons with a period outside their row's ``preferred`` slots, counted again: a
    double lesson (well-formed, one lesson_id) and a combined lesson (its first class) once."""
    doubles = {id(x): rows[0] for rows in double_groups(w) if not _double_problem(w, rows)
               for x in rows}
    outside = set()
    for x in w.local:
        row = w.inst.curriculum_row.get((x.school, x.klass, x.subject))
        if row is None or row.prefers(x.day, x.period) or x.klass != row.class_ids[0]:
            continue
        first = doubles.get(id(x), x)
        outside.add((x.school, x.klass, x.subject, x.day, first.period))
    return len(outside)


def days_apart_excess(w: SolutionFiles, per_day: Counter[tuple[str, str, str, str]]) -> int:
    """The soft days_apart.csv groups' term, counted again: each group's weight x, over each
    run of min_days consecutive days meeting the week (those running over its first or last
    day too), max(0, its lessons there - 1) (a double lesson once)."""
    days = list(w.inst.days)
    value = 0
    for g in w.inst.days_apart:
        if g.weight is None:
            continue
        rows = w.inst.rows_of(g)
        taught = [sum(per_day[(r.school_id, r.class_ids[0], r.subject, d)] for r in rows)
                  for d in days]
        for first in range(1 - g.min_days, len(days)):
            window = taught[max(0, first):first + g.min_days]
            value += g.weight * max(0, sum(window) - 1)
    return value


def objective_of(w: SolutionFiles, terms: dict[str, int]) -> int:
    return sum(value * getattr(w.inst.weights, TERM_WEIGHTS[name]) for name, value in terms.items())


