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
    dates_per_day,
    double_groups,
    doubles_per_day,
    forms_of_pairs,
    halves,
    lesson_ids_by_school,
    lesson_key,
    loads,
    minimums,
    sessions_per_course,
)
from aligner.check.kept_places import locks_hold
from aligner.check.solution_files import RESEARCH, SolutionFiles, Violation, overlap, shown
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
    """Lessons of each (class, subject), online included, == per_week (a combined row's for
    each of its classes); local ones by its teacher, or by all its co-teachers."""
    rows = w.inst.curriculum_row
    for x in w.local:
        row = rows.get((x.school, x.klass, x.subject))
        if row is None or set(row.teacher_ids) != set(x.teachers):
            expected = w.teachers(row.teacher_ids) if row and row.teacher_ids \
                else say("check.nobody")
            yield Violation("local_teacher", say(
                "check.local_teacher", subject=x.subject, klass=w.klass(x.school, x.klass),
                day=x.day, period=x.period, teacher=w.teachers(x.teachers), expected=expected))
    got = Counter((school, klass, subject) for school, klass, _, _, subject in class_lessons(w))
    for key in sorted(set(rows) | set(got)):
        want = rows[key].per_week if key in rows else 0
        if got[key] != want:
            yield Violation("curriculum_per_week", say(
                "check.curriculum_per_week", klass=w.klass(key[0], key[1]), got=got[key],
                subject=key[2], want=want))


def lessons_in_allowed_periods(w: SolutionFiles) -> Iterator[Violation]:
    """A local lesson of a curriculum row with ``allowed`` periods lies in one of them."""
    for x in w.local:
        row = w.inst.curriculum_row.get((x.school, x.klass, x.subject))
        if row is not None and row.allowed is not None and not row.allows(x.day, x.period):
            yield Violation("allowed_periods", say(
                "check.allowed_periods", subject=x.subject, klass=w.klass(x.school, x.klass),
                day=x.day, period=x.period))


def _slots_of(w: SolutionFiles) -> dict[tuple[str, str, str], set[tuple[str, int]]]:
    """(school, class, subject) -> the (day, period)s of its local lessons."""
    slots: dict[tuple[str, str, str], set[tuple[str, int]]] = defaultdict(set)
    for x in w.local:
        slots[(x.school, x.klass, x.subject)].add((x.day, x.period))
    return slots


def _apart(w: SolutionFiles, slots: set[tuple[str, int]]) -> str:
    order = sorted(slots, key=lambda s: (w.inst.days.index(s[0]) if s[0] in w.inst.days else 99,
                                         s[1]))
    return listed([say("check.day_period", day=d, period=p) for d, p in order[:6]])


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
                yield Violation("together", say(
                    "check.together", subject=rows[0][2], klass=w.klass(school, rows[0][1]),
                    other_subject=row[2], other=w.klass(school, row[1]), label=label,
                    apart=_apart(w, first ^ slots[row])))


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
                yield Violation("combined_classes", say(
                    "check.combined_apart", subject=r.subject, classes=r.class_id,
                    school=w.school(r.school_id), klass=w.klass(r.school_id, first),
                    other=w.klass(r.school_id, other), apart=_apart(w, a ^ b)))
                continue
            for day, period in sorted(a, key=lambda s: (str(s[0]), s[1])):
                mine = shown_as[(r.school_id, first, r.subject, day, period)]
                theirs = shown_as[(r.school_id, other, r.subject, day, period)]
                own = say("check.own_room")
                if mine[0] != theirs[0]:
                    yield Violation("combined_classes", say(
                        "check.combined_rooms", subject=r.subject, classes=r.class_id, day=day,
                        period=period, klass=w.klass(r.school_id, first), room=mine[0] or own,
                        other=w.klass(r.school_id, other), other_room=theirs[0] or own))
                elif mine[1] != theirs[1]:
                    none = say("check.no_lesson_id")
                    yield Violation("combined_classes", say(
                        "check.combined_ids", subject=r.subject, classes=r.class_id, day=day,
                        period=period, lesson_id=mine[1] or none, other_id=theirs[1] or none))


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
    for (school, klass, subject), r in w.inst.curriculum_row.items():
        got = per_row[(school, klass, subject)]
        if got != r.doubles:
            hints = broken_double_hints(w, school, klass, subject, by_id,
                                        missing=got < r.doubles)
            yield Violation("double_lessons", say(
                "check.doubles_per_week", klass=w.klass(school, klass), got=got,
                subject=subject, doubles=r.doubles)
                + "".join(say("check.hint", hint=hint) for hint in hints))


def max_per_day_holds(w: SolutionFiles) -> Iterator[Violation]:
    """Lessons of a subject per class per day <= max_per_day, online included; a double lesson
    counts once."""
    got = Counter((sc, k, subject, day) for sc, k, day, _, subject in class_lessons(w))
    got.subtract(doubles_per_day(w))
    for (school, klass, subject), r in w.inst.curriculum_row.items():
        for day in w.inst.days:
            n = got[(school, klass, subject, day)]
            if r.max_per_day is not None and n > r.max_per_day:
                yield Violation("max_per_day", say(
                    "check.max_per_day", klass=w.klass(school, klass), count=n,
                    subject=subject, day=day, most=r.max_per_day))


def _too_close(days: list[str], taught: Counter[str], apart: int
               ) -> Iterator[tuple[str, str]]:
    """Successive days of ``taught`` lessons (a count a day) fewer than ``apart`` days apart."""
    order = [day for day in days for _ in range(taught[day])]
    for k in range(1, len(order)):
        if days.index(order[k]) - days.index(order[k - 1]) < apart:
            yield order[k - 1], order[k]


def min_days_apart_holds(w: SolutionFiles) -> Iterator[Violation]:
    """Two lessons of a subject of a class at least min_days_apart days apart, and two lessons
    of the rows of a days_apart.csv group at least its min_days apart (in the order of the
    instance's days), online included; a double lesson is one lesson."""
    got = Counter((sc, k, subject, day) for sc, k, day, _, subject in class_lessons(w))
    got.subtract(doubles_per_day(w))
    days = list(w.inst.days)
    for (school, klass, subject), r in w.inst.curriculum_row.items():
        if r.min_days_apart is None:
            continue
        taught = Counter({day: got[(school, klass, subject, day)] for day in days})
        for first, second in _too_close(days, taught, r.min_days_apart):
            yield Violation("min_days_apart", say(
                "check.min_days_apart", klass=w.klass(school, klass), subject=subject,
                first=first, second=second, days=r.min_days_apart))
    for g in w.inst.days_apart:
        if not g.hard:
            continue   # a wish: counted in the objective's days_apart term
        rows = w.inst.rows_of(g)
        taught = Counter({day: sum(got[(r.school_id, r.class_ids[0], r.subject, day)]
                                   for r in rows) for day in days})
        for first, second in _too_close(days, taught, g.min_days):
            yield Violation("days_apart", say(
                "check.days_apart", group=g.group, first=first, second=second,
                days=g.min_days, rows=listed([f"{w.klass(r.school_id, r.class_ids[0])} "
                                              f"{r.subject}" for r in rows])))


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
                load=shown(load), local=local, online_credit=w.inst.policy.credits_text,
                taught=taught, assistant_credit=w.inst.policy.assistant_credit,
                assisted=assisted, low=shown(low),
                high=shown(high) if high is not None else say("check.no_cap")))


def weekly_minimums_hold(w: SolutionFiles) -> Iterator[Violation]:
    """Weekly per-pair and per-school minimums, and the level minimums of backbone teachers;
    with a term, the school averages and level minimums over its teaching dates."""
    dates = dates_per_day(w)
    n = sum((dates or {}).values())
    for (rule, scope), (least, got, ok) in minimums(w).items():
        if ok:
            continue
        if rule.startswith("level"):
            level = rule.split("(")[1].rstrip(")")
            yield Violation("level_minimum", say(
                "check.term_level_minimum" if "over_term" in rule else "check.level_minimum",
                teacher=w.teacher(scope), got=shown(got), dates=n,
                level=say(f"check.level.{level}") if level in ("county", "city", "region")
                else level, least=shown(least)))
        elif rule == "min_sync_lessons_per_pair":
            hub, receiving = scope.split("->")
            yield Violation("weekly_minimum", say(
                "check.pair_minimum", hub=w.school(hub), receiving=w.school(receiving),
                got=shown(got), least=shown(least)))
        elif rule.startswith("min_online") and rule.endswith("over_term"):
            key = "check.term_delivered" if "delivered" in rule else "check.term_received"
            yield Violation("term_minimum", say(
                key, school=w.school(scope), got=shown(got), least=shown(least), dates=n,
                minimum=w.inst.policy.min_online_lessons_per_school))
        elif rule.startswith("min_online"):
            key = "check.delivered" if rule.endswith("delivered") else "check.received"
            yield Violation("weekly_minimum", say(key, school=w.school(scope), got=shown(got),
                                                  least=shown(least)))


def sessions_within_radiation_range(w: SolutionFiles) -> Iterator[Violation]:
    """With policy max_receiving_classes_per_session k: every session reaches at most k
    receiving classes (seed 004 1.(7))."""
    most = w.inst.policy.max_receiving_classes_per_session
    if most is None:
        return
    for s in w.sessions.values():
        if len(s.periods) > most:
            yield Violation("radiation_range", say("check.radiation_range", session=s.sid,
                                                   day=s.day, got=len(s.periods), most=most))


def every_pair_has_a_sync_course(w: SolutionFiles) -> Iterator[Violation]:
    """Every (hub, receiving school) linked by a course has a synchronous course (seed 000
    §四(二)). A finding about the instance, not the timetable: no timetable can mend it, so it
    is reported beside the hard rules (:data:`PROGRAMME_FINDINGS`), never as one."""
    for (rule, scope), (_, _, ok) in minimums(w).items():
        if rule == "sync_course_per_pair" and not ok:
            hub, receiving = scope.split("->")
            yield Violation("sync_course_per_pair", say(
                "check.no_sync_course", hub=w.school(hub), receiving=w.school(receiving)),
                hard=False)
def research_meetings_hold(w: SolutionFiles) -> Iterator[Violation]:
    """Each synchronous course has research_per_week meetings in research.csv (no other course
    any), each reaching every receiving school of the course once, at periods overlapping the
    hub's by min_overlap_minutes in every season; its hub teacher and the assistants of each
    school are free then: no lesson, session or other meeting, not unavailable."""
    wanted = w.inst.policy.research_per_week
    if wanted > 0 and not w.research_file:
        yield Violation("research", say("check.research_missing", file=RESEARCH, n=wanted))
        return
    held = Counter(m.course.course_id for m in w.meetings.values())
    for c in w.inst.courses:
        due = wanted if c.form == "sync" else 0
        if held[c.course_id] != due:
            yield Violation("research", say(
                "check.research_count", course=c.course_id, form=c.form, got=held[c.course_id],
                wanted=due))
    least = w.inst.policy.min_overlap_minutes
    busy: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for teacher, day, p, what in commitments(w):
        busy[(teacher, day, p)].append(what)
    meeting_at: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for m in w.meetings.values():
        c = m.course
        schools = list(dict.fromkeys(r.school_id for r in c.receptions))
        for school in schools:
            if school not in m.periods:
                yield Violation("research", say("check.research_school_missing",
                                                meeting=m.rid, school=w.school(school)))
        for season, bells in w.seasons.items():
            where = say("check.in_season", season=season) if len(w.seasons) > 1 else ""
            for school, r in m.periods.items():
                minutes = overlap(bells[c.hub_school][m.hub_period], bells[school][r])
                if minutes < least:
                    yield Violation("research", say(
                        "check.research_overlap", meeting=m.rid, day=m.day, where=where,
                        hub=w.school(c.hub_school), hub_period=m.hub_period,
                        school=w.school(school), period=r, minutes=minutes, least=least))
        people = [(c.hub_teacher, m.hub_period)] + [
            (rec.assistant_id, m.periods[rec.school_id]) for rec in c.receptions
            if rec.assistant_id and rec.school_id in m.periods]
        for teacher, p in dict.fromkeys(people):
            meeting_at[(teacher, m.day, p)].append(m.rid)
            if (m.day, p) in w.inst.teacher_by_id[teacher].unavailable:
                yield Violation("research", say(
                    "check.research_unavailable", meeting=m.rid, teacher=w.teacher(teacher),
                    day=m.day, period=p))
            for what in busy.get((teacher, m.day, p), ()):
                yield Violation("research", say(
                    "check.research_busy", meeting=m.rid, teacher=w.teacher(teacher),
                    day=m.day, period=p, what=what))
    for (teacher, day, p), rids in meeting_at.items():
        if len(rids) > 1:
            yield Violation("research", say(
                "check.research_twice", teacher=w.teacher(teacher), day=day, period=p,
                meetings=listed(rids)))


def forms_per_pair_hold(w: SolutionFiles) -> Iterator[Violation]:
    """Each pair linked by a course uses at least min_forms_per_pair of the four forms (a
    course form with a session, research with a meeting), wherever its data offer that many
    (where they do not, compliance.csv says false and no timetable can do better)."""
    least = w.inst.policy.min_forms_per_pair
    for scope, (offered, used) in forms_of_pairs(w).items():
        if len(used) < least <= len(offered):
            hub, receiving = scope.split("->")
            yield Violation("forms_per_pair", say(
                "check.forms_per_pair", hub=w.school(hub), receiving=w.school(receiving),
                got=len(used), used=listed(used) if used else say("check.nothing"),
                least=least, offered=listed(offered)))


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
                    yield Violation("teacher_day", say(
                        "check.teacher_day", teacher=w.teacher(t.teacher_id), n=len(periods),
                        day=day, periods=listed([str(p) for p in periods]),
                        most=t.max_per_day))
        if t.max_consecutive is not None:
            for day, periods in days.items():
                for half in halves(w, t.school_id):
                    for run in _runs_in(half, set(periods)):
                        if len(run) > t.max_consecutive:
                            yield Violation("teacher_consecutive", say(
                                "check.teacher_consecutive", teacher=w.teacher(t.teacher_id),
                                n=len(run), day=day, first=run[0], last=run[-1],
                                most=t.max_consecutive))
        if t.max_days is not None and len(days) > t.max_days:
            yield Violation("teacher_days", say(
                "check.teacher_days", teacher=w.teacher(t.teacher_id), n=len(days),
                days=listed(list(days)), most=t.max_days))


def teacher_min_per_day_hold(w: SolutionFiles) -> Iterator[Violation]:
    """On every day a teacher has a commitment (a double lesson is two), she has at least
    min_per_day of them; a day without any is allowed."""
    busy = busy_periods(w)
    for t in w.inst.teachers:
        if t.min_per_day is None:
            continue
        for day in w.inst.days:
            periods = sorted(busy.get((t.teacher_id, day), ()))
            if 0 < len(periods) < t.min_per_day:
                yield Violation("teacher_min_day", say(
                    "check.teacher_min_day", teacher=w.teacher(t.teacher_id), n=len(periods),
                    day=day, periods=listed([str(p) for p in periods]), least=t.min_per_day))


def teacher_max_gaps_hold(w: SolutionFiles) -> Iterator[Violation]:
    """A teacher's gaps a day <= max_gaps_per_day and a week <= max_gaps_per_week: a gap is a
    period of her school's bells, not unavailable to her, without a commitment while she has
    one earlier and one later that day (FET's count: breaks and unavailable periods are none)."""
    busy = busy_periods(w)
    for t in w.inst.teachers:
        if t.max_gaps_per_day is None and t.max_gaps_per_week is None:
            continue
        closed = set(t.unavailable)
        week: list[str] = []
        for day in w.inst.days:
            taken = busy.get((t.teacher_id, day), set())
            gaps = [p for p in sorted(w.bells[t.school_id])
                    if taken and min(taken) < p < max(taken) and p not in taken
                    and (day, p) not in closed]
            week += [f"{day}:{p}" for p in gaps]
            if t.max_gaps_per_day is not None and len(gaps) > t.max_gaps_per_day:
                yield Violation("teacher_day_gaps", say(
                    "check.teacher_day_gaps", teacher=w.teacher(t.teacher_id), n=len(gaps),
                    day=day, periods=listed([str(p) for p in gaps]), most=t.max_gaps_per_day))
        if t.max_gaps_per_week is not None and len(week) > t.max_gaps_per_week:
            yield Violation("teacher_week_gaps", say(
                "check.teacher_week_gaps", teacher=w.teacher(t.teacher_id), n=len(week),
                slots=listed(week), most=t.max_gaps_per_week))


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
        if not rooms and not x.room:
            continue
        what = say("check.room_lesson", subject=x.subject, klass=w.klass(x.school, x.klass),
                   day=x.day, period=x.period)
        room = w.inst.room_by_key.get((x.school, x.room)) if x.room else None
        if not x.room:
            yield Violation("special_room", say("check.room_missing", what=what, n=len(rooms),
                                                rooms=listed([_room(w, x.school, r)
                                                              for r in sorted(rooms)])))
        elif room is None:
            named = {r.name: r.room_id for r in w.inst.rooms if r.school_id == x.school}
            meant = named.get(x.room) or next(iter(sorted(rooms)), "")
            yield Violation("special_room", say(
                "check.room_unknown", what=what, room=x.room, school=w.school(x.school),
                hint=say("check.room_meant", room=_room(w, x.school, meant)) if meant else ""))
        elif x.room not in rooms:
            yield Violation("special_room", say("check.room_wrong", what=what, name=room.name,
                                                room=x.room, subject=x.subject))
        else:
            if (x.day, x.period) in room.unavailable:
                yield Violation("special_room", say("check.room_closed", what=what,
                                                    name=room.name, room=x.room))
            used[(x.school, x.room, x.day, x.period)].add(lesson_key(w, x))
    for (school, room_id, day, period), lessons in used.items():
        if len(lessons) > 1:
            yield Violation("special_room", say(
                "check.room_shared", name=w.inst.room_by_key[(school, room_id)].name,
                room=room_id, school=w.school(school), n=len(lessons), day=day, period=period,
                lessons=listed([say("check.subject_of", subject=s, classes=c)
                                for _, c, s, _, _ in sorted(lessons)])))
    own = say("check.own_room")
    for rows in double_groups(w):
        if len(rows) == 2 and not _double_problem(w, rows) and rows[0].room != rows[1].room:
            x = rows[0]
            yield Violation("special_room", say(
                "check.room_double", lesson_id=x.lesson_id, klass=w.klass(x.school, x.klass),
                day=x.day, room=rows[0].room or own, other_room=rows[1].room or own))


def _room(w: SolutionFiles, school: str, room_id: str) -> str:
    room = w.inst.room_by_key.get((school, room_id))
    return say("check.room_named", name=room.name, id=room_id) if room else room_id


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
        row = say("check.pin_row", row=pin.row, source=pin.source) if pin.row else ""
        if pin.course_id is not None:
            if (pin.course_id, pin.day, pin.period) not in sessions:
                yield Violation("pin", say("check.pin_session", course=pin.course_id,
                                           day=pin.day, period=pin.period,
                                           school=w.school(pin.school_id), row=row))
        elif (pin.school_id, pin.class_id, pin.subject, pin.day, pin.period) not in starts:
            yield Violation("pin", say("check.pin_lesson", subject=pin.subject,
                                       klass=w.klass(pin.school_id, pin.class_id or ""),
                                       day=pin.day, period=pin.period, row=row))


def locked_lessons_stay(w: SolutionFiles) -> Iterator[Violation]:
    """A re-solve with ``--lock`` (summary.json ``from``) keeps every locked lesson and session
    of the previous timetable where it was."""
    if w.previous is not None:
        yield from locks_hold(w, w.previous)


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
    min_days_apart_holds,
    courses_hold_their_sessions,
    loads_within_bounds,
    weekly_minimums_hold,
    sessions_within_radiation_range,
    research_meetings_hold,
    forms_per_pair_hold,
    teacher_day_limits_hold,
    teacher_min_per_day_hold,
    teacher_max_gaps_hold,
    special_rooms_hold,
    pins_hold,
    locked_lessons_stay,
)

PROGRAMME_FINDINGS: tuple[Check, ...] = (every_pair_has_a_sync_course,)
"""Programme rules the instance itself breaks (whatever the timetable): reported, not violations."""
