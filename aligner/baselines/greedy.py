"""A constructive greedy heuristic: the most constrained lessons first, no search.

1. Sessions per course: each course's most (``max_per_week``), lowered where a teacher's
   ``max_load`` would be exceeded.
2. Sessions, one at a time, always of the course with the least slack (places it can still go
   minus sessions it still needs), each where it costs least (no second lesson of the subject
   that day, least misaligned minutes, core subjects in the morning).
3. Local lessons, one at a time, always of the curriculum row with the least slack (free slots
   where its class and teacher are both free minus lessons still to place; ties: the teacher
   with the least slack), each at the free slot that the fewest other pending rows of that class
   or teacher could use, after the same preferences. When a row has no free slot left, one
   blocking lesson (the teacher's elsewhere, or the class's) is moved to a free slot of its own
   if it has one.

The result is a :class:`~aligner.timetable.Timetable` like the solver's, so ``aligner check``
verifies it. When the heuristic cannot complete the week it says so (``complete`` is False)
and lists what it could not place or which rule the week misses; it never pretends.
"""

from __future__ import annotations

import heapq
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from aligner.alignment.overlap import Choice, alignments, session_options
from aligner.instance import Course, CurriculumRow, Instance
from aligner.model.objective import evaluate
from aligner.timetable import LocalLesson, Session, Timetable

Slot = tuple[str, int]
ClassKey = tuple[str, str]
RowKey = tuple[str, str, str]


@dataclass
class GreedyResult:
    """The heuristic's week, complete or not, and how long it took."""

    instance: Instance
    timetable: Timetable
    complete: bool
    problems: tuple[str, ...]
    """What could not be placed, or which rule the week misses (empty when complete)."""
    terms: dict[str, int]
    """Unweighted objective terms of the week (meaningful when complete)."""
    seconds: float

    @property
    def status(self) -> str:
        """FEASIBLE when the week keeps every hard rule, otherwise INCOMPLETE."""
        return "FEASIBLE" if self.complete else "INCOMPLETE"

    @property
    def objective(self) -> int | None:
        if not self.complete:
            return None
        return self.instance.weights.objective(self.terms)


@dataclass
class _State:
    instance: Instance
    class_busy: dict[ClassKey, set[Slot]] = field(default_factory=lambda: defaultdict(set))
    teacher_busy: dict[str, set[Slot]] = field(default_factory=lambda: defaultdict(set))
    rooms_used: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    subject_day: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)
    """(school, class, subject, day) -> lessons of the subject that day (online ones included)."""
    local_at: dict[tuple[str, str, str, int], RowKey] = field(default_factory=dict)
    """(school, class, day, period) -> the curriculum row of the local lesson there."""
    teacher_local_at: dict[tuple[str, str, int], RowKey] = field(default_factory=dict)
    double_start: dict[tuple[str, str, str, int], int] = field(default_factory=dict)
    """(school, class, day, period) -> first period, for both periods of a double lesson."""

    def teacher_free(self, teacher_id: str | None, slot: Slot) -> bool:
        return teacher_id is None or (
            slot not in self.teacher_busy[teacher_id]
            and not self.instance.is_unavailable(teacher_id, *slot)
        )

    def under_cap(self, school_id: str, class_id: str, subject: str, day: str) -> bool:
        row = self.instance.curriculum_row.get((school_id, class_id, subject))
        cap = row.max_per_day if row is not None else None
        return cap is None or self.subject_day[(school_id, class_id, subject, day)] < cap

    # ---- local lessons ----

    def place_local(self, row: CurriculumRow, slot: Slot, *, counted: bool = True) -> None:
        """A local lesson of ``row`` at ``slot``; ``counted`` False for the second period of a
        double (a double counts once toward max_per_day and same-day repeats)."""
        assert row.teacher_id is not None
        self.class_busy[row.class_keys[0]].add(slot)
        self.teacher_busy[row.teacher_id].add(slot)
        self.subject_day[(row.school_id, row.class_id, row.subject, slot[0])] += counted
        key = (row.school_id, row.class_id, row.subject)
        self.local_at[(*row.class_keys[0], *slot)] = key
        self.teacher_local_at[(row.teacher_id, *slot)] = key

    def place_double(self, row: CurriculumRow, day: str, first: int) -> None:
        self.place_local(row, (day, first))
        self.place_local(row, (day, first + 1), counted=False)
        self.double_start[(*row.class_keys[0], day, first)] = first
        self.double_start[(*row.class_keys[0], day, first + 1)] = first

    def can_double(self, row: CurriculumRow, day: str, first: int) -> bool:
        return (self.can_local(row, (day, first))
                and row.allows(day, first + 1)
                and (day, first + 1) not in self.class_busy[row.class_keys[0]]
                and self.teacher_free(row.teacher_id, (day, first + 1)))

    def remove_local(self, row: CurriculumRow, slot: Slot) -> None:
        assert row.teacher_id is not None
        self.class_busy[row.class_keys[0]].discard(slot)
        self.teacher_busy[row.teacher_id].discard(slot)
        self.subject_day[(row.school_id, row.class_id, row.subject, slot[0])] -= 1
        del self.local_at[(*row.class_keys[0], *slot)]
        del self.teacher_local_at[(row.teacher_id, *slot)]

    def can_local(self, row: CurriculumRow, slot: Slot) -> bool:
        return (row.allows(*slot)
                and slot not in self.class_busy[row.class_keys[0]]
                and self.teacher_free(row.teacher_id, slot)
                and self.under_cap(row.school_id, row.class_id, row.subject, slot[0]))


def office_rules(instance: Instance) -> list[str]:
    """The rules of the instance the heuristic does not place lessons by: it refuses to pretend
    a week keeps them."""
    rules = []
    if any(row.combined for row in instance.curriculum):
        rules.append("combined classes (合班)")
    if any(len(row.teacher_ids) > 1 for row in instance.curriculum):
        rules.append("co-teaching")
    if instance.rooms:
        rules.append("special rooms")
    if instance.pins:
        rules.append("pinned lessons")
    if any(t.max_per_day or t.max_consecutive or t.max_days for t in instance.teachers):
        rules.append("teacher day limits")
    if instance.days_apart or any(r.min_days_apart for r in instance.curriculum):
        rules.append("days apart (min_days_apart, days_apart.csv)")
    if any(t.max_gaps_per_day is not None or t.max_gaps_per_week is not None
           for t in instance.teachers):
        rules.append("teacher max gaps")
    if any(t.min_per_day is not None and t.min_per_day > 1 for t in instance.teachers):
        rules.append("teacher min per day")
    return rules


def greedy(instance: Instance) -> GreedyResult:
    """Build a week with the heuristic (see the module docstring)."""
    started = time.perf_counter()
    unsupported = office_rules(instance)
    if unsupported:
        return GreedyResult(instance, Timetable((), ()), False, (
            "the greedy heuristic does not place lessons by " + ", ".join(unsupported),),
            {}, time.perf_counter() - started)
    state = _State(instance)
    problems: list[str] = []
    counts = _session_counts(instance)
    sessions = _place_sessions(instance, state, counts, problems)
    lessons = _place_local(instance, state, sessions, problems)
    timetable = Timetable(tuple(lessons), tuple(sessions))
    if not problems:
        problems.extend(_rule_gaps(instance, timetable))
    return GreedyResult(instance, timetable, not problems, tuple(problems),
                        evaluate(instance, timetable), time.perf_counter() - started)


# ---- 1. how many sessions --------------------------------------------------------------------


def _credits(instance: Instance, counts: dict[str, int]) -> dict[str, Fraction]:
    """Credited load of every teacher if each course holds ``counts`` sessions."""
    local: Counter[str] = Counter()
    taught: dict[str, Counter[str]] = defaultdict(Counter)
    assisted: Counter[str] = Counter()
    for row in instance.curriculum:
        if row.teacher_id is None:
            continue
        online = sum(counts[c.course_id]
                     for c in instance.courses_reaching.get((row.school_id, row.class_id,
                                                             row.subject), ()))
        local[row.teacher_id] += row.per_week - online
    for course in instance.courses:
        n = counts[course.course_id]
        taught[course.hub_teacher][course.form] += n
        for school_id in course.receiving_schools:
            for assistant in course.assistants_at(school_id):
                assisted[assistant] += n
    return defaultdict(Fraction, {
        t: instance.policy.credited_load(local[t], taught[t], assisted[t])
        for t in local.keys() | taught.keys() | assisted.keys()})


def _session_counts(instance: Instance) -> dict[str, int]:
    counts = {c.course_id: c.max_per_week for c in instance.courses}
    for _ in range(sum(c.max_per_week - c.min_per_week for c in instance.courses)):
        load = _credits(instance, counts)
        over = [t for t in instance.teachers
                if t.max_load is not None and load[t.teacher_id] > Fraction(str(t.max_load))]
        if not over:
            break
        lowered = False
        for course in instance.courses:
            involved = {course.hub_teacher, *(a for s in course.receiving_schools
                                              for a in course.assistants_at(s))}
            if counts[course.course_id] > course.min_per_week and involved & {
                    t.teacher_id for t in over}:
                counts[course.course_id] -= 1
                lowered = True
                break
        if not lowered:
            break
    return counts


# ---- 2. sessions -----------------------------------------------------------------------------


def _session_choice(state: _State, course: Course, day: str, h: int,
                    choices: dict[str, tuple[Choice, ...]]) -> tuple[int, dict[str, Choice]] | None:
    """The cheapest receiving periods for a session at (day, h), with its cost; None if the hub
    side or some receiving school has no free choice."""
    instance = state.instance
    slot = (day, h)
    hub_rooms = instance.school_by_id[course.hub_school].sync_rooms
    if (not state.teacher_free(course.hub_teacher, slot)
            or state.rooms_used[(course.hub_school, day, h)] >= hub_rooms):
        return None
    hub_class = course.hub_class_key
    if hub_class and (slot in state.class_busy[hub_class]
                      or not state.under_cap(*hub_class, course.subject, day)):
        return None
    core = course.subject in instance.core_subjects
    cost = 0
    if hub_class:
        cost += 100 * state.subject_day[(*hub_class, course.subject, day)]
        cost += 10 * (core and instance.is_afternoon(course.hub_school, h))
    picked: dict[str, Choice] = {}
    for school_id, options in choices.items():
        best: tuple[int, Choice] | None = None
        rooms = instance.school_by_id[school_id].sync_rooms
        receptions = course.receptions_at(school_id)
        for choice in options:
            r_slot = (day, choice.period)
            if state.rooms_used[(school_id, day, choice.period)] >= rooms:
                continue
            if any(r_slot in state.class_busy[x.class_key]
                   or not state.under_cap(*x.class_key, course.subject, day) for x in receptions):
                continue
            if not all(state.teacher_free(a, r_slot) for a in course.assistants_at(school_id)):
                continue
            c = choice.misalignment * len(receptions)
            c += sum(100 * state.subject_day[(*x.class_key, course.subject, day)]
                     + 10 * (core and instance.is_afternoon(school_id, choice.period))
                     for x in receptions)
            if best is None or c < best[0]:
                best = (c, choice)
        if best is None:
            return None
        cost += best[0]
        picked[school_id] = best[1]
    return cost, picked


def _place_sessions(instance: Instance, state: _State, counts: dict[str, int],
                    problems: list[str]) -> list[Session]:
    pairs = alignments(instance)
    options = {c.course_id: session_options(instance, c, pairs) for c in instance.courses}
    needed = {c.course_id: counts[c.course_id] for c in instance.courses if counts[c.course_id]}
    held: Counter[str] = Counter()
    sessions: list[Session] = []
    taken: set[tuple[str, str, int]] = set()
    while needed:
        best: tuple[int, int, str, list[tuple[int, str, int, dict[str, Choice]]]] | None = None
        for course_id, need in needed.items():
            course = instance.course_by_id[course_id]
            feasible = []
            for (day, h), choices in options[course_id].items():
                if (course_id, day, h) in taken:
                    continue
                found = _session_choice(state, course, day, h, choices)
                if found is not None:
                    feasible.append((found[0], day, h, found[1]))
            slack = len(feasible) - need
            if best is None or (slack, len(feasible)) < (best[0], best[1]):
                best = (slack, len(feasible), course_id, feasible)
        assert best is not None
        _, _, course_id, feasible = best
        course = instance.course_by_id[course_id]
        if not feasible:
            if held[course_id] < course.min_per_week:
                problems.append(f"course {course_id}: placed {held[course_id]} of its "
                                f"{course.min_per_week} sessions a week; no free aligned period "
                                "is left for another")
            del needed[course_id]
            continue
        _, day, h, picked = min(feasible, key=lambda f: (f[0], f[1], f[2]))
        taken.add((course_id, day, h))
        state.teacher_busy[course.hub_teacher].add((day, h))
        state.rooms_used[(course.hub_school, day, h)] += 1
        if course.hub_class_key:
            state.class_busy[course.hub_class_key].add((day, h))
            state.subject_day[(*course.hub_class_key, course.subject, day)] += 1
        for school_id, choice in picked.items():
            r_slot = (day, choice.period)
            state.rooms_used[(school_id, day, choice.period)] += 1
            for reception in course.receptions_at(school_id):
                state.class_busy[reception.class_key].add(r_slot)
                state.subject_day[(*reception.class_key, course.subject, day)] += 1
            for assistant in course.assistants_at(school_id):
                state.teacher_busy[assistant].add(r_slot)
        sessions.append(Session(course_id, day, h,
                                tuple((s, picked[s].period) for s in course.receiving_schools)))
        held[course_id] += 1
        needed[course_id] -= 1
        if not needed[course_id]:
            del needed[course_id]
    return sessions


# ---- 3. local lessons ------------------------------------------------------------------------


def _place_local(instance: Instance, state: _State, sessions: list[Session],
                 problems: list[str]) -> list[LocalLesson]:
    held = Counter(s.course_id for s in sessions)
    rows = {}
    remaining: dict[RowKey, int] = {}
    for row in instance.curriculum:
        key = (row.school_id, row.class_id, row.subject)
        online = sum(held[c.course_id] for c in instance.courses_reaching.get(key, ()))
        if row.teacher_id is None or row.per_week - online <= 0:
            if row.per_week - online > 0:
                problems.append(f"class {row.class_id} of {row.school_id}: {row.subject} has no "
                                f"teacher and only {online} of {row.per_week} lessons online")
            continue
        rows[key] = row
        remaining[key] = row.per_week - online
    slots = {s.school_id: [(d, b.period) for d in instance.days
                           for b in instance.periods(s.school_id)] for s in instance.schools}
    teacher_rows: dict[str, list[RowKey]] = defaultdict(list)
    class_rows: dict[ClassKey, list[RowKey]] = defaultdict(list)
    for key, row in rows.items():
        assert row.teacher_id is not None
        teacher_rows[row.teacher_id].append(key)
        class_rows[row.class_keys[0]].append(key)

    def free(key: RowKey) -> list[Slot]:
        row = rows[key]
        return [s for s in slots[row.school_id] if state.can_local(row, s)]

    def cost(row: CurriculumRow, slot: Slot) -> tuple[int, int]:
        day, period = slot
        repeat = state.subject_day[(row.school_id, row.class_id, row.subject, day)] > 0 and \
            2 <= row.per_week - row.doubles <= len(instance.days)
        afternoon = row.subject in instance.core_subjects and \
            instance.is_afternoon(row.school_id, period)
        assert row.teacher_id is not None
        harm = sum(1 for k in class_rows[row.class_keys[0]]
                   if k != (row.school_id, row.class_id, row.subject) and remaining.get(k)
                   and state.teacher_free(rows[k].teacher_id, slot))
        harm += sum(1 for k in teacher_rows[row.teacher_id]
                    if rows[k].class_keys[0] != row.class_keys[0] and remaining.get(k)
                    and slot not in state.class_busy[rows[k].class_keys[0]])
        return (instance.weights.same_day_repeat * repeat
                + instance.weights.core_in_afternoon * afternoon, harm)

    _place_doubles(instance, state, rows, remaining, problems)
    placed: dict[tuple[str, str, str, int], LocalLesson] = {}
    # The next row is the one with the least slack (free slots - lessons left), ties broken by
    # the teacher with the most lessons left; a heap of (key, row), stale entries skipped.
    teacher_left: Counter[str] = Counter()
    for key, left in remaining.items():
        teacher_left[rows[key].teacher_id or ""] += left
    options: dict[RowKey, list[Slot]] = {}
    current: dict[RowKey, tuple[int, int, RowKey]] = {}
    heap: list[tuple[tuple[int, int, RowKey], RowKey]] = []

    def refresh(key: RowKey) -> None:
        options[key] = free(key)
        current[key] = (len(options[key]) - remaining[key],
                        -teacher_left[rows[key].teacher_id or ""], key)
        heapq.heappush(heap, (current[key], key))

    for key in remaining:
        refresh(key)
    while remaining:
        entry, key = heapq.heappop(heap)
        if key not in remaining or current[key] != entry:
            continue
        row = rows[key]
        teacher = row.teacher_id or ""
        choices = options[key]
        slot: Slot | None = min(choices, key=lambda s: (cost(row, s), s)) if choices else None
        repaired = False
        if slot is None:
            slot = _repair(state, rows, slots, row)
            repaired = True
        if slot is None:
            problems.append(f"class {row.class_id} of {row.school_id}: {remaining[key]} "
                            f"{row.subject} lesson(s) with teacher {row.teacher_id} could not be "
                            "placed (no period where both are free)")
            teacher_left[teacher] -= remaining[key]
            del remaining[key]
        else:
            state.place_local(row, slot)
            teacher_left[teacher] -= 1
            remaining[key] -= 1
            if not remaining[key]:
                del remaining[key]
        # a repair moved some other lesson: every row may have changed
        for k in (list(remaining) if repaired else
                  {*class_rows[row.class_keys[0]], *teacher_rows[teacher]}):
            if k in remaining:
                refresh(k)
    for (school_id, class_id, day, period), key in state.local_at.items():
        row = rows[key]
        placed[(school_id, class_id, day, period)] = LocalLesson(
            school_id, class_id, row.subject, row.teacher_id or "", day, period,
            state.double_start.get((school_id, class_id, day, period)))
    return sorted(placed.values(), key=lambda x: (x.school_id, x.class_id,
                                                   instance.days.index(x.day), x.period))


def _place_doubles(instance: Instance, state: _State, rows: dict[RowKey, CurriculumRow],
                   remaining: dict[RowKey, int], problems: list[str]) -> None:
    """Double lessons before any single: each row's doubles, the row with the fewest places
    for one first, each at the place with the fewest competitors (as singles are placed)."""
    pending = {key: row.doubles for key, row in rows.items() if row.doubles}
    for key, row in list(rows.items()):
        if row.doubles and 2 * row.doubles > remaining[key]:
            problems.append(f"class {row.class_id} of {row.school_id}: {row.doubles} double "
                            f"{row.subject} lessons need {2 * row.doubles} local lessons, but "
                            f"only {remaining[key]} are left after the online ones")
            del pending[key]
    starts = {s.school_id: instance.double_starts(s.school_id) for s in instance.schools}

    def places(row: CurriculumRow) -> list[tuple[str, int]]:
        return [(day, p) for day in instance.days for p in starts[row.school_id]
                if state.can_double(row, day, p)]

    while pending:
        key = min(pending, key=lambda k: (len(places(rows[k])) - pending[k], k))
        row = rows[key]
        options = places(row)
        if not options:
            problems.append(f"class {row.class_id} of {row.school_id}: {pending[key]} double "
                            f"{row.subject} lesson(s) with teacher {row.teacher_id} could not be "
                            "placed (no two consecutive periods where both are free)")
            remaining[key] -= 2 * pending[key]
            del pending[key]
            continue
        day, first = min(options, key=lambda o: (
            state.subject_day[(row.school_id, row.class_id, row.subject, o[0])],
            row.subject in instance.core_subjects
            and instance.is_afternoon(row.school_id, o[1] + 1), o))
        state.place_double(row, day, first)
        remaining[key] -= 2
        pending[key] -= 1
        if not pending[key]:
            del pending[key]
    for key in [k for k, n in remaining.items() if n <= 0]:
        del remaining[key]


def _repair(state: _State, rows: dict[RowKey, CurriculumRow], slots: dict[str, list[Slot]],
            row: CurriculumRow) -> Slot | None:
    """Free a slot for one lesson of ``row`` by moving one local lesson that blocks it (its
    teacher's elsewhere, or its class's) to a free slot of its own; the freed slot, or None."""
    assert row.teacher_id is not None
    for slot in slots[row.school_id]:
        day = slot[0]
        if not state.under_cap(row.school_id, row.class_id, row.subject, day):
            continue
        if state.instance.is_unavailable(row.teacher_id, *slot) or not row.allows(*slot):
            continue
        class_free = slot not in state.class_busy[row.class_keys[0]]
        teacher_free = slot not in state.teacher_busy[row.teacher_id]
        if class_free == teacher_free:
            continue  # both free cannot happen here; both busy needs two moves
        blocker_key = (state.teacher_local_at.get((row.teacher_id, *slot)) if class_free
                       else state.local_at.get((*row.class_keys[0], *slot)))
        if blocker_key is None or (*rows[blocker_key].class_keys[0], *slot) in state.double_start:
            continue  # a session or a double lesson blocks it: those stay where they are
        blocker = rows[blocker_key]
        state.remove_local(blocker, slot)
        target = next((s for s in slots[blocker.school_id]
                       if s != slot and state.can_local(blocker, s)), None)
        if target is not None and state.can_local(row, slot):
            state.place_local(blocker, target)
            return slot
        state.place_local(blocker, slot)
    return None


# ---- checks and objective --------------------------------------------------------------------


def _rule_gaps(instance: Instance, timetable: Timetable) -> list[str]:
    """Weekly rules the placed week may still miss: loads, lessons taught together, weekly and
    level minimums."""
    counts = Counter(s.course_id for s in timetable.sessions)
    gaps = []
    load = _credits(instance, {c.course_id: counts[c.course_id] for c in instance.courses})
    for teacher in instance.teachers:
        value = load[teacher.teacher_id]
        if value < Fraction(str(teacher.min_load)):
            gaps.append(f"teacher {teacher.teacher_id}: credited load {value} < min_load "
                        f"{teacher.min_load}")
        if teacher.max_load is not None and value > Fraction(str(teacher.max_load)):
            gaps.append(f"teacher {teacher.teacher_id}: credited load {value} > max_load "
                        f"{teacher.max_load}")
        minimum = instance.policy.level_min_per_week(teacher.level)
        taught = sum(counts[c.course_id]
                     for c in instance.courses_of_teacher.get(teacher.teacher_id, ()))
        if minimum > 0 and taught < minimum:
            gaps.append(f"teacher {teacher.teacher_id}: {taught} sessions < level minimum "
                        f"{minimum}")
    slots: dict[tuple[str, str, str], set[tuple[str, int]]] = defaultdict(set)
    for x in timetable.lessons:
        slots[(x.school_id, x.class_id, x.subject)].add((x.day, x.period))
    for (school_id, label), rows in instance.together_groups.items():
        if len({frozenset(slots[(r.school_id, r.class_id, r.subject)]) for r in rows}) > 1:
            gaps.append(f"school {school_id}: the lessons taught together ('{label}') are not at "
                        "the same periods (the heuristic places each class's lessons on its own)")
    totals = instance.weekly_totals(counts)
    policy = instance.policy
    for (hub, receiving), n in totals.sync_per_pair.items():
        if n < policy.min_sync_lessons_per_pair:
            gaps.append(f"pair {hub} -> {receiving}: {n} sync sessions < "
                        f"{policy.min_sync_lessons_per_pair}")
    for school_id, n in (*totals.delivered.items(), *totals.received.items()):
        if n < policy.min_online_lessons_per_school:
            gaps.append(f"school {school_id}: {n} online sessions < "
                        f"{policy.min_online_lessons_per_school}")
    return gaps
