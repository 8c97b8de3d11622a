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
            yield Violation("session_reception", f"session {s.sid} on {s.day}: {w.klass(*key)} "
                            "does not take part, but every receiving class of the course must")
        by_school = defaultdict(set)
        for (school, _), r in s.periods.items():
            by_school[school].add(r)
        for school, periods in sorted(by_school.items()):
            if len(periods) > 1:
                yield Violation("session_reception", f"session {s.sid} on {s.day}: classes of "
                                f"{w.school(school)} sit in different periods "
                                f"{sorted(periods)}, but they share one sync room")


def sessions_overlap_enough(w: SolutionFiles) -> Iterator[Violation]:
    """overlap(hub period, receiving period) >= min_overlap_minutes for every receiving class,
    in every season."""
    least = w.inst.policy.min_overlap_minutes
    for season, bells in w.seasons.items():
        where = f" in {season}" if len(w.seasons) > 1 else ""
        for s in w.sessions.values():
            hub = bells[s.course.hub_school][s.hub_period]
            for (school, klass), r in s.periods.items():
                minutes = overlap(hub, bells[school][r])
                if minutes < least:
                    yield Violation("overlap_too_short", (
                        f"session {s.sid} on {s.day}{where}: {w.school(s.course.hub_school)} "
                        f"period {s.hub_period} and {w.klass(school, klass)} in period {r} "
                        f"share only {minutes} minutes, less than {least}"))


def one_lesson_per_class_and_period(w: SolutionFiles) -> Iterator[Violation]:
    """A class has at most one lesson per (day, period)."""
    subjects = defaultdict(list)
    for school, klass, day, p, subject in class_lessons(w):
        subjects[(school, klass, day, p)].append(subject)
    for (school, klass, day, p), what in subjects.items():
        if len(what) > 1:
            yield Violation("class_double_booked", f"{w.klass(school, klass)} has "
                            f"{len(what)} lessons on {day} period {p}: {', '.join(what)}")


def one_place_per_teacher_and_period(w: SolutionFiles) -> Iterator[Violation]:
    """A teacher has at most one commitment per (day, period), never in an unavailable slot."""
    busy: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for teacher, day, p, what in commitments(w):
        busy[(teacher, day, p)].append(what)
        if (day, p) in w.inst.teacher_by_id[teacher].unavailable:
            yield Violation("teacher_unavailable", f"{w.teacher(teacher)} is unavailable on "
                            f"{day} period {p} but has {what}")
    for (teacher, day, p), places in busy.items():
        if len(places) > 1:
            yield Violation("teacher_double_booked", f"{w.teacher(teacher)} is in "
                            f"{len(places)} places on {day} period {p}: {'; '.join(places)}")


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
            yield Violation("room_capacity", f"{w.school(school)} needs {len(sids)} sync rooms "
                            f"on {day} period {p} ({', '.join(sids)}) but has {rooms}")


def curriculum_is_taught(w: SolutionFiles) -> Iterator[Violation]:
    """Lessons of each (class, subject), online included, == per_week; local ones by its teacher."""
    rows = {(r.school_id, r.class_id, r.subject): r for r in w.inst.curriculum}
    for x in w.local:
        row = rows.get((x.school, x.klass, x.subject))
        if row is None or row.teacher_id != x.teacher:
            expected = w.teacher(row.teacher_id) if row and row.teacher_id else "nobody"
            yield Violation("local_teacher", f"{x.subject} with {w.klass(x.school, x.klass)} on "
                            f"{x.day} period {x.period} is taught by {w.teacher(x.teacher)}, but "
                            f"the curriculum gives it to {expected}")
    got = Counter((school, klass, subject) for school, klass, _, _, subject in class_lessons(w))
    for key in sorted(set(rows) | set(got)):
        want = rows[key].per_week if key in rows else 0
        if got[key] != want:
            yield Violation("curriculum_per_week", f"{w.klass(key[0], key[1])} has {got[key]} "
                            f"{key[2]} lessons a week, the curriculum says {want}")


def lessons_in_allowed_periods(w: SolutionFiles) -> Iterator[Violation]:
    """A local lesson of a curriculum row with ``allowed`` periods lies in one of them."""
    allowed = {(r.school_id, r.class_id, r.subject): set(r.allowed)
               for r in w.inst.curriculum if r.allowed is not None}
    for x in w.local:
        slots = allowed.get((x.school, x.klass, x.subject))
        if slots is not None and (x.day, x.period) not in slots:
            yield Violation("allowed_periods", f"{x.subject} with {w.klass(x.school, x.klass)} "
                            f"is on {x.day} period {x.period}, outside the periods the "
                            "curriculum allows it")


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
                yield Violation("together", f"{rows[0][2]} of {w.klass(school, rows[0][1])} and "
                                f"{row[2]} of {w.klass(school, row[1])} are taught together "
                                f"('{label}') but not at the same periods: "
                                + ", ".join(f"{d} period {p}" for d, p in apart[:6]))


def double_lessons_hold(w: SolutionFiles) -> Iterator[Violation]:
    """Rows sharing a lesson_id are one double lesson: same class, day, subject and teacher, two
    consecutive periods at most max_double_gap apart in every season; each curriculum row has
    exactly its ``doubles`` of them."""
    for rows in double_groups(w):
        if problem := _double_problem(w, rows):
            x = rows[0]
            day = f" on {x.day}" if len({r.day for r in rows}) == 1 else ""
            yield Violation("double_lessons", f"lesson {x.lesson_id} of "
                            f"{w.klass(x.school, x.klass)}{day} is not a double lesson: "
                            f"{problem}")
    per_row: Counter[tuple[str, str, str]] = Counter()
    by_id = lesson_ids_by_school(w)
    for (school, klass, subject, _day), n in doubles_per_day(w).items():
        per_row[(school, klass, subject)] += n
    for r in w.inst.curriculum:
        got = per_row[(r.school_id, r.class_id, r.subject)]
        if got != r.doubles:
            hints = broken_double_hints(w, r.school_id, r.class_id, r.subject, by_id,
                                        missing=got < r.doubles)
            yield Violation("double_lessons", f"{w.klass(r.school_id, r.class_id)} has {got} "
                            f"double {r.subject} lessons a week, the curriculum says {r.doubles} "
                            "(the two rows of a double share a lesson_id in lessons.csv)"
                            + "".join(f"; {hint}" for hint in hints))


def max_per_day_holds(w: SolutionFiles) -> Iterator[Violation]:
    """Lessons of a subject per class per day <= max_per_day, online included; a double lesson
    counts once."""
    got = Counter((sc, k, subject, day) for sc, k, day, _, subject in class_lessons(w))
    got.subtract(doubles_per_day(w))
    for r in w.inst.curriculum:
        for day in w.inst.days:
            n = got[(r.school_id, r.class_id, r.subject, day)]
            if r.max_per_day is not None and n > r.max_per_day:
                yield Violation("max_per_day", f"{w.klass(r.school_id, r.class_id)} has {n} "
                                f"{r.subject} lessons on {day}, at most {r.max_per_day} allowed")


def courses_hold_their_sessions(w: SolutionFiles) -> Iterator[Violation]:
    """min_per_week <= sessions of each course <= max_per_week."""
    n = sessions_per_course(w)
    for c in w.inst.courses:
        if not c.min_per_week <= n[c.course_id] <= c.max_per_week:
            wanted = (f"{c.min_per_week}" if c.min_per_week == c.max_per_week
                      else f"{c.min_per_week}-{c.max_per_week}")
            yield Violation("course_per_week", f"course {c.course_id} ({c.subject}, "
                            f"{w.school(c.hub_school)}) has {n[c.course_id]} sessions a week, "
                            f"it needs {wanted}")


def loads_within_bounds(w: SolutionFiles) -> Iterator[Violation]:
    """min_load <= credited load <= max_load for every teacher."""
    for tid, (local, taught, assisted, load) in loads(w).items():
        t = w.inst.teacher_by_id[tid]
        low, high = Fraction(t.min_load), None if t.max_load is None else Fraction(t.max_load)
        if load < low or (high is not None and load > high):
            yield Violation("credited_load", (
                f"{w.teacher(tid)} of {w.school(t.school_id)} has a credited load of "
                f"{shown(load)} ({local} local + {w.inst.policy.online_credit} x {taught} taught "
                f"online + {w.inst.policy.assistant_credit} x {assisted} assisted), outside "
                f"[{shown(low)}, {shown(high) if high is not None else 'no cap'}]"))


def weekly_minimums_hold(w: SolutionFiles) -> Iterator[Violation]:
    """Weekly per-pair and per-school minimums, and the level minimums of backbone teachers."""
    for (rule, scope), (least, got, ok) in minimums(w).items():
        if ok:
            continue
        if rule.startswith("level"):
            yield Violation("level_minimum", f"{w.teacher(scope)} teaches {shown(got)} online "
                            f"lessons a week; as a {rule.split('(')[1].rstrip(')')}-level backbone teacher "
                            f"at least {shown(least)}")
        elif rule == "min_sync_lessons_per_pair":
            hub, receiving = scope.split("->")
            yield Violation("weekly_minimum", f"{w.school(hub)} gives {w.school(receiving)} "
                            f"{shown(got)} sync lessons a week, at least {shown(least)} needed")
        elif rule.startswith("min_online"):
            verb = "delivers" if rule.endswith("delivered") else "takes part in"
            yield Violation("weekly_minimum", f"{w.school(scope)} {verb} {shown(got)} online "
                            f"lessons a week, at least {shown(least)} needed")


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


