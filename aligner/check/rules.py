"""The hard rules, one family per function, each a generator of violations; :data:`HARD_RULES`
lists them in the order the checker runs them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from fractions import Fraction

from aligner.check.counts import (
    _double_problem,
    broken_double_hints,
    busy_periods,
    class_lessons,
    commitments,
    double_groups,
    doubles_per_day,
    halves,
    lesson_ids_by_school,
    lesson_key,
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
    """Lessons of each (class, subject), online included, == per_week (a combined row's for
    each of its classes); local ones by its teacher, or by all its co-teachers."""
    rows = w.inst.curriculum_row
    for x in w.local:
        row = rows.get((x.school, x.klass, x.subject))
        if row is None or set(row.teacher_ids) != set(x.teachers):
            expected = w.teachers(row.teacher_ids) if row and row.teacher_ids else "nobody"
            yield Violation("local_teacher", f"{x.subject} with {w.klass(x.school, x.klass)} on "
                            f"{x.day} period {x.period} is taught by {w.teachers(x.teachers)}, "
                            f"but the curriculum gives it to {expected}")
    got = Counter((school, klass, subject) for school, klass, _, _, subject in class_lessons(w))
    for key in sorted(set(rows) | set(got)):
        want = rows[key].per_week if key in rows else 0
        if got[key] != want:
            yield Violation("curriculum_per_week", f"{w.klass(key[0], key[1])} has {got[key]} "
                            f"{key[2]} lessons a week, the curriculum says {want}")


def lessons_in_allowed_periods(w: SolutionFiles) -> Iterator[Violation]:
    """A local lesson of a curriculum row with ``allowed`` periods lies in one of them."""
    for x in w.local:
        row = w.inst.curriculum_row.get((x.school, x.klass, x.subject))
        if row is not None and row.allowed is not None and not row.allows(x.day, x.period):
            yield Violation("allowed_periods", f"{x.subject} with {w.klass(x.school, x.klass)} "
                            f"is on {x.day} period {x.period}, outside the periods the "
                            "curriculum allows it")


def _slots_of(w: SolutionFiles) -> dict[tuple[str, str, str], set[tuple[str, int]]]:
    """(school, class, subject) -> the (day, period)s of its local lessons."""
    slots: dict[tuple[str, str, str], set[tuple[str, int]]] = defaultdict(set)
    for x in w.local:
        slots[(x.school, x.klass, x.subject)].add((x.day, x.period))
    return slots


def _apart(w: SolutionFiles, slots: set[tuple[str, int]]) -> str:
    order = sorted(slots, key=lambda s: (w.inst.days.index(s[0]) if s[0] in w.inst.days else 99,
                                         s[1]))
    return ", ".join(f"{d} period {p}" for d, p in order[:6])


def together_rows_share_their_periods(w: SolutionFiles) -> Iterator[Violation]:
    """Curriculum rows of one school with the same ``together`` label have their local lessons
    at the same (day, period)s."""
    groups: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for r in w.inst.curriculum:
        if r.together is not None:
            groups[(r.school_id, r.together)].append((r.school_id, r.class_ids[0], r.subject))
    if not groups:
        return
    slots = _slots_of(w)
    for (school, label), rows in groups.items():
        first = slots[rows[0]]
        for row in rows[1:]:
            if slots[row] != first:
                yield Violation("together", f"{rows[0][2]} of {w.klass(school, rows[0][1])} and "
                                f"{row[2]} of {w.klass(school, row[1])} are taught together "
                                f"('{label}') but not at the same periods: "
                                + _apart(w, first ^ slots[row]))


def combined_classes_sit_together(w: SolutionFiles) -> Iterator[Violation]:
    """The classes of a combined row (合班, ``1-1+1-2``) have its local lessons at the same
    (day, period)s, in the same room, with the same lesson_ids: one lesson, several classes."""
    slots = _slots_of(w)
    shown_as: dict[tuple[str, str, str, str, int], tuple[str, str]] = {
        (x.school, x.klass, x.subject, x.day, x.period): (x.room, x.lesson_id) for x in w.local}
    for r in w.inst.curriculum:
        if not r.combined:
            continue
        first = r.class_ids[0]
        for other in r.class_ids[1:]:
            a, b = slots[(r.school_id, first, r.subject)], slots[(r.school_id, other, r.subject)]
            if a != b:
                yield Violation("combined_classes", f"{r.subject} of classes {r.class_id} of "
                                f"{w.school(r.school_id)} is one combined lesson, but "
                                f"{w.klass(r.school_id, first)} and "
                                f"{w.klass(r.school_id, other)} differ at " + _apart(w, a ^ b))
                continue
            for day, period in sorted(a, key=lambda s: (str(s[0]), s[1])):
                mine = shown_as[(r.school_id, first, r.subject, day, period)]
                theirs = shown_as[(r.school_id, other, r.subject, day, period)]
                if mine[0] != theirs[0]:
                    yield Violation("combined_classes", f"{r.subject} of classes {r.class_id} "
                                    f"on {day} period {period} is one combined lesson, but "
                                    f"{w.klass(r.school_id, first)} is in "
                                    f"{mine[0] or 'its own room'} and "
                                    f"{w.klass(r.school_id, other)} in {theirs[0] or 'its own room'}")
                elif bool(mine[1]) != bool(theirs[1]) or (mine[1] and mine[1] != theirs[1]):
                    yield Violation("combined_classes", f"{r.subject} of classes {r.class_id} "
                                    f"on {day} period {period} is one combined lesson, but its "
                                    f"rows carry different lesson_ids ({mine[1] or '(none)'} "
                                    f"and {theirs[1] or '(none)'})")


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
    for (school, klass, subject), r in w.inst.curriculum_row.items():
        got = per_row[(school, klass, subject)]
        if got != r.doubles:
            hints = broken_double_hints(w, school, klass, subject, by_id,
                                        missing=got < r.doubles)
            yield Violation("double_lessons", f"{w.klass(school, klass)} has {got} "
                            f"double {subject} lessons a week, the curriculum says {r.doubles} "
                            "(the two rows of a double share a lesson_id in lessons.csv)"
                            + "".join(f"; {hint}" for hint in hints))


def max_per_day_holds(w: SolutionFiles) -> Iterator[Violation]:
    """Lessons of a subject per class per day <= max_per_day, online included; a double lesson
    counts once."""
    got = Counter((sc, k, subject, day) for sc, k, day, _, subject in class_lessons(w))
    got.subtract(doubles_per_day(w))
    for (school, klass, subject), r in w.inst.curriculum_row.items():
        for day in w.inst.days:
            n = got[(school, klass, subject, day)]
            if r.max_per_day is not None and n > r.max_per_day:
                yield Violation("max_per_day", f"{w.klass(school, klass)} has {n} "
                                f"{subject} lessons on {day}, at most {r.max_per_day} allowed")


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


def teacher_day_limits_hold(w: SolutionFiles) -> Iterator[Violation]:
    """A teacher's commitments a day <= max_per_day (a double lesson is two); no more than
    max_consecutive of them in periods with consecutive numbers within one half of the day;
    days with a commitment <= max_days."""
    busy = busy_periods(w)
    for t in w.inst.teachers:
        days = {day: sorted(busy[(t.teacher_id, day)]) for day in w.inst.days
                if busy.get((t.teacher_id, day))}
        if t.max_per_day is not None:
            for day, periods in days.items():
                if len(periods) > t.max_per_day:
                    yield Violation("teacher_day", f"{w.teacher(t.teacher_id)} teaches "
                                    f"{len(periods)} periods on {day} "
                                    f"({', '.join(map(str, periods))}), at most "
                                    f"{t.max_per_day} a day allowed")
        if t.max_consecutive is not None:
            for day, periods in days.items():
                for half in halves(w, t.school_id):
                    for run in _runs_in(half, set(periods)):
                        if len(run) > t.max_consecutive:
                            yield Violation("teacher_consecutive", f"{w.teacher(t.teacher_id)} "
                                            f"teaches {len(run)} periods in a row on {day} "
                                            f"(periods {run[0]}-{run[-1]}), at most "
                                            f"{t.max_consecutive} allowed")
        if t.max_days is not None and len(days) > t.max_days:
            yield Violation("teacher_days", f"{w.teacher(t.teacher_id)} teaches on {len(days)} "
                            f"days ({', '.join(days)}), at most {t.max_days} a week allowed")


def _runs_in(half: tuple[int, ...], busy: set[int]) -> list[list[int]]:
    """The maximal runs of busy periods with consecutive numbers within one half of a day."""
    runs: list[list[int]] = []
    for p in half:
        if p not in busy:
            continue
        if runs and runs[-1][-1] == p - 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def special_rooms_hold(w: SolutionFiles) -> Iterator[Violation]:
    """Every local lesson of a subject some special room of its school lists is in one such
    room (lessons.csv room_id), never one that is unavailable then; a room holds one lesson per
    period (a combined lesson once); the two periods of a double lesson share their room; a
    lesson of a subject without special rooms names none."""
    used: dict[tuple[str, str, str, int], set[tuple[str, str, str, str, int]]] = defaultdict(set)
    for x in w.local:
        rooms = {r.room_id for r in w.inst.rooms_for.get((x.school, x.subject), ())}
        what = f"{x.subject} with {w.klass(x.school, x.klass)} on {x.day} period {x.period}"
        room = w.inst.room_by_key.get((x.school, x.room)) if x.room else None
        if not rooms and not x.room:
            continue
        if not x.room:
            yield Violation("special_room", f"{what} has no room, but it needs one of "
                            f"{', '.join(sorted(rooms))}")
        elif room is None:
            yield Violation("special_room", f"{what} is in room {x.room}, which "
                            f"{w.school(x.school)} does not have")
        elif x.room not in rooms:
            yield Violation("special_room", f"{what} is in {room.name} ({x.room}), a room not "
                            f"for {x.subject}")
        else:
            if (x.day, x.period) in room.unavailable:
                yield Violation("special_room", f"{what} is in {room.name} ({x.room}), which "
                                "is unavailable then")
            used[(x.school, x.room, x.day, x.period)].add(lesson_key(w, x))
    for (school, room_id, day, period), lessons in used.items():
        if len(lessons) > 1:
            name = w.inst.room_by_key[(school, room_id)].name
            yield Violation("special_room", f"{name} ({room_id}) of {w.school(school)} holds "
                            f"{len(lessons)} lessons on {day} period {period}: "
                            + ", ".join(f"{s} of {c}" for _, c, s, _, _ in sorted(lessons)))
    for rows in double_groups(w):
        if len(rows) == 2 and not _double_problem(w, rows) and rows[0].room != rows[1].room:
            x = rows[0]
            yield Violation("special_room", f"double lesson {x.lesson_id} of "
                            f"{w.klass(x.school, x.klass)} on {x.day} changes room between its "
                            f"periods ({rows[0].room or 'own room'}, {rows[1].room or 'own room'})")


def pins_hold(w: SolutionFiles) -> Iterator[Violation]:
    """A pinned lesson of a class's subject starts at its (day, period) (a local lesson there,
    not the second period of a double); a pinned course has a session at the hub's (day,
    period)."""
    starts = {(x.school, x.klass, x.subject, x.day, x.period) for x in w.local}
    for rows in double_groups(w):
        if len(rows) == 2 and not _double_problem(w, rows):
            later = max(rows, key=lambda x: x.period)
            starts.discard((later.school, later.klass, later.subject, later.day, later.period))
    sessions = {(s.course.course_id, s.day, s.hub_period) for s in w.sessions.values()}
    for pin in w.inst.pins:
        at = f"{pin.day} period {pin.period}"
        row = f" (pinned.csv row {pin.row})" if pin.row else ""
        if pin.course_id is not None:
            if (pin.course_id, pin.day, pin.period) not in sessions:
                yield Violation("pin", f"course {pin.course_id} is pinned to {at} of "
                                f"{w.school(pin.school_id)}{row}, but has no session there")
        elif (pin.school_id, pin.class_id, pin.subject, pin.day, pin.period) not in starts:
            yield Violation("pin", f"{pin.subject} with {w.klass(pin.school_id, pin.class_id or '')} "
                            f"is pinned to {at}{row}, but no lesson of it starts there")


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
    combined_classes_sit_together,
    double_lessons_hold,
    max_per_day_holds,
    courses_hold_their_sessions,
    loads_within_bounds,
    weekly_minimums_hold,
    teacher_day_limits_hold,
    special_rooms_hold,
    pins_hold,
)


