"""The hard rules, one family per function, each a generator of violations; :data:`HARD_RULES`
lists them in the order the checker runs them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from fractions import Fraction

from aligner.check.counts import (
    _double_problem,
    broken_double_hints,
    class_lessons,
    commitments,
    double_groups,
    doubles_per_day,
    lesson_ids_by_school,
    loads,
    minimums,
    sessions_per_course,
)
from aligner.check.solution_files import SolutionFiles, Violation, overlap, shown
from aligner.messages import listed, say

# ---- the hard rules, one family per function ----------------------------------------------

Check = Callable[[SolutionFiles], Iterator[Violation]]


def tables_are_consistent(w: SolutionFiles) -> Iterator[Violation]:
    """Files, references, times, overlaps and ids, as found while reading."""
    yield from w.issues


def every_receiving_class_takes_part(w: SolutionFiles) -> Iterator[Violation]:
    """Every receiving class takes every session; classes of one school share one period."""
    for s in w.sessions.values():
        wanted = {r.class_key for r in s.course.receptions}
        for key in sorted(wanted - set(s.periods)):
            yield Violation("session_reception", say("check.not_taking_part", session=s.sid,
                                                     day=s.day, klass=w.klass(*key)))
        by_school = defaultdict(set)
        for (school, _), r in s.periods.items():
            by_school[school].add(r)
        for school, periods in sorted(by_school.items()):
            if len(periods) > 1:
                yield Violation("session_reception", say(
                    "check.different_periods", session=s.sid, day=s.day,
                    school=w.school(school), periods=sorted(periods)))


def sessions_overlap_enough(w: SolutionFiles) -> Iterator[Violation]:
    """overlap(hub period, receiving period) >= min_overlap_minutes for every receiving class,
    in every season."""
    least = w.inst.policy.min_overlap_minutes
    for season, bells in w.seasons.items():
        where = say("check.in_season", season=season) if len(w.seasons) > 1 else ""
        for s in w.sessions.values():
            hub = bells[s.course.hub_school][s.hub_period]
            for (school, klass), r in s.periods.items():
                minutes = overlap(hub, bells[school][r])
                if minutes < least:
                    yield Violation("overlap_too_short", say(
                        "check.overlap_too_short", session=s.sid, day=s.day, where=where,
                        hub=w.school(s.course.hub_school), hub_period=s.hub_period,
                        klass=w.klass(school, klass), period=r, minutes=minutes, least=least))


def one_lesson_per_class_and_period(w: SolutionFiles) -> Iterator[Violation]:
    """A class has at most one lesson per (day, period)."""
    subjects = defaultdict(list)
    for school, klass, day, p, subject in class_lessons(w):
        subjects[(school, klass, day, p)].append(subject)
    for (school, klass, day, p), what in subjects.items():
        if len(what) > 1:
            yield Violation("class_double_booked", say(
                "check.class_double_booked", klass=w.klass(school, klass), count=len(what),
                day=day, period=p, what=listed(what)))


def one_place_per_teacher_and_period(w: SolutionFiles) -> Iterator[Violation]:
    """A teacher has at most one commitment per (day, period), never in an unavailable slot."""
    busy: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for teacher, day, p, what in commitments(w):
        busy[(teacher, day, p)].append(what)
        if (day, p) in w.inst.teacher_by_id[teacher].unavailable:
            yield Violation("teacher_unavailable", say(
                "check.teacher_unavailable", teacher=w.teacher(teacher), day=day, period=p,
                what=what))
    for (teacher, day, p), places in busy.items():
        if len(places) > 1:
            yield Violation("teacher_double_booked", say(
                "check.teacher_double_booked", teacher=w.teacher(teacher), count=len(places),
                day=day, period=p, places=say("check.separator").join(places)))


def sync_rooms_suffice(w: SolutionFiles) -> Iterator[Violation]:
    """Sync-room uses per (school, day, period) <= sync_rooms (one per school per session)."""
    used: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for s in w.sessions.values():
        uses = {(s.course.hub_school, s.hub_period)} | {(k[0], r) for k, r in s.periods.items()}
        for school, p in uses:
            used[(school, s.day, p)].append(s.sid)
    for (school, day, p), sids in used.items():
        rooms = w.inst.school_by_id[school].sync_rooms
        if len(sids) > rooms:
            yield Violation("room_capacity", say(
                "check.room_capacity", school=w.school(school), needed=len(sids), day=day,
                period=p, sessions=listed(sids), rooms=rooms))


def curriculum_is_taught(w: SolutionFiles) -> Iterator[Violation]:
    """Lessons of each (class, subject), online included, == per_week; local ones by its teacher."""
    rows = {(r.school_id, r.class_id, r.subject): r for r in w.inst.curriculum}
    for x in w.local:
        row = rows.get((x.school, x.klass, x.subject))
        if row is None or row.teacher_id != x.teacher:
            expected = w.teacher(row.teacher_id) if row and row.teacher_id \
                else say("check.nobody")
            yield Violation("local_teacher", say(
                "check.local_teacher", subject=x.subject, klass=w.klass(x.school, x.klass),
                day=x.day, period=x.period, teacher=w.teacher(x.teacher), expected=expected))
    got = Counter((school, klass, subject) for school, klass, _, _, subject in class_lessons(w))
    for key in sorted(set(rows) | set(got)):
        want = rows[key].per_week if key in rows else 0
        if got[key] != want:
            yield Violation("curriculum_per_week", say(
                "check.curriculum_per_week", klass=w.klass(key[0], key[1]), got=got[key],
                subject=key[2], want=want))


def lessons_in_allowed_periods(w: SolutionFiles) -> Iterator[Violation]:
    """A local lesson of a curriculum row with ``allowed`` periods lies in one of them."""
    allowed = {(r.school_id, r.class_id, r.subject): set(r.allowed)
               for r in w.inst.curriculum if r.allowed is not None}
    for x in w.local:
        slots = allowed.get((x.school, x.klass, x.subject))
        if slots is not None and (x.day, x.period) not in slots:
            yield Violation("allowed_periods", say(
                "check.allowed_periods", subject=x.subject, klass=w.klass(x.school, x.klass),
                day=x.day, period=x.period))


def together_rows_share_their_periods(w: SolutionFiles) -> Iterator[Violation]:
    """Curriculum rows of one school with the same ``together`` label have their local lessons
    at the same (day, period)s."""
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for r in w.inst.curriculum:
        if r.together is not None:
            groups[(r.school_id, r.together)].append((r.school_id, r.class_id, r.subject))
    if not groups:
        return
    slots: dict[tuple[str, str, str], set[tuple[str, int]]] = defaultdict(set)
    for x in w.local:
        slots[(x.school, x.klass, x.subject)].add((x.day, x.period))
    for (school, label), rows in groups.items():
        first = slots[rows[0]]
        for row in rows[1:]:
            if slots[row] != first:
                apart = sorted(first ^ slots[row], key=lambda s: (w.inst.days.index(s[0])
                                                                   if s[0] in w.inst.days else 99,
                                                                   s[1]))
                yield Violation("together", say(
                    "check.together", subject=rows[0][2], klass=w.klass(school, rows[0][1]),
                    other_subject=row[2], other=w.klass(school, row[1]), label=label,
                    apart=listed([say("check.day_period", day=d, period=p)
                                  for d, p in apart[:6]])))


def double_lessons_hold(w: SolutionFiles) -> Iterator[Violation]:
    """Rows sharing a lesson_id are one double lesson: same class, day, subject and teacher, two
    consecutive periods at most max_double_gap apart in every season; each curriculum row has
    exactly its ``doubles`` of them."""
    for rows in double_groups(w):
        if problem := _double_problem(w, rows):
            x = rows[0]
            day = say("check.on_day", day=x.day) if len({r.day for r in rows}) == 1 else ""
            yield Violation("double_lessons", say(
                "check.not_a_double", lesson=x.lesson_id, klass=w.klass(x.school, x.klass),
                day=day, problem=problem))
    per_row: Counter[tuple[str, str, str]] = Counter()
    by_id = lesson_ids_by_school(w)
    for (school, klass, subject, _day), n in doubles_per_day(w).items():
        per_row[(school, klass, subject)] += n
    for r in w.inst.curriculum:
        got = per_row[(r.school_id, r.class_id, r.subject)]
        if got != r.doubles:
            hints = broken_double_hints(w, r.school_id, r.class_id, r.subject, by_id,
                                        missing=got < r.doubles)
            yield Violation("double_lessons", say(
                "check.doubles_per_week", klass=w.klass(r.school_id, r.class_id), got=got,
                subject=r.subject, doubles=r.doubles)
                + "".join(say("check.hint", hint=hint) for hint in hints))


def max_per_day_holds(w: SolutionFiles) -> Iterator[Violation]:
    """Lessons of a subject per class per day <= max_per_day, online included; a double lesson
    counts once."""
    got = Counter((sc, k, subject, day) for sc, k, day, _, subject in class_lessons(w))
    got.subtract(doubles_per_day(w))
    for r in w.inst.curriculum:
        for day in w.inst.days:
            n = got[(r.school_id, r.class_id, r.subject, day)]
            if r.max_per_day is not None and n > r.max_per_day:
                yield Violation("max_per_day", say(
                    "check.max_per_day", klass=w.klass(r.school_id, r.class_id), count=n,
                    subject=r.subject, day=day, most=r.max_per_day))


def courses_hold_their_sessions(w: SolutionFiles) -> Iterator[Violation]:
    """min_per_week <= sessions of each course <= max_per_week."""
    n = sessions_per_course(w)
    for c in w.inst.courses:
        if not c.min_per_week <= n[c.course_id] <= c.max_per_week:
            wanted = (f"{c.min_per_week}" if c.min_per_week == c.max_per_week
                      else f"{c.min_per_week}-{c.max_per_week}")
            yield Violation("course_per_week", say(
                "check.course_per_week", course=c.course_id, subject=c.subject,
                school=w.school(c.hub_school), got=n[c.course_id], wanted=wanted))


def loads_within_bounds(w: SolutionFiles) -> Iterator[Violation]:
    """min_load <= credited load <= max_load for every teacher."""
    for tid, (local, taught, assisted, load) in loads(w).items():
        t = w.inst.teacher_by_id[tid]
        low, high = Fraction(t.min_load), None if t.max_load is None else Fraction(t.max_load)
        if load < low or (high is not None and load > high):
            yield Violation("credited_load", say(
                "check.credited_load", teacher=w.teacher(tid), school=w.school(t.school_id),
                load=shown(load), local=local, online_credit=w.inst.policy.online_credit,
                taught=taught, assistant_credit=w.inst.policy.assistant_credit,
                assisted=assisted, low=shown(low),
                high=shown(high) if high is not None else say("check.no_cap")))


def weekly_minimums_hold(w: SolutionFiles) -> Iterator[Violation]:
    """Weekly per-pair and per-school minimums, and the level minimums of backbone teachers."""
    for (rule, scope), (least, got, ok) in minimums(w).items():
        if ok:
            continue
        if rule.startswith("level"):
            level = rule.split("(")[1].rstrip(")")
            yield Violation("level_minimum", say(
                "check.level_minimum", teacher=w.teacher(scope), got=shown(got),
                level=say(f"check.level.{level}") if level in ("county", "city", "region")
                else level, least=shown(least)))
        elif rule == "min_sync_lessons_per_pair":
            hub, receiving = scope.split("->")
            yield Violation("weekly_minimum", say(
                "check.pair_minimum", hub=w.school(hub), receiving=w.school(receiving),
                got=shown(got), least=shown(least)))
        elif rule.startswith("min_online"):
            key = "check.delivered" if rule.endswith("delivered") else "check.received"
            yield Violation("weekly_minimum", say(key, school=w.school(scope), got=shown(got),
                                                  least=shown(least)))


HARD_RULES: tuple[Check, ...] = (
    tables_are_consistent,
    every_receiving_class_takes_part,
    sessions_overlap_enough,
    one_lesson_per_class_and_period,
    one_place_per_teacher_and_period,
    sync_rooms_suffice,
    curriculum_is_taught,
    lessons_in_allowed_periods,
    together_rows_share_their_periods,
    double_lessons_hold,
    max_per_day_holds,
    courses_hold_their_sessions,
    loads_within_bounds,
    weekly_minimums_hold,
)


