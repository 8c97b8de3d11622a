"""A re-solve from a previous timetable (``solve --from``): the places its lessons held, which of
them the new instance no longer allows and why, and what moved (the rows of changes.csv).

A *place* is where one lesson of the previous week was: a local lesson's period (one per
curriculum row's lesson, so a combined lesson once), a session's hub period, or the period a
receiving school took a session in. The objective term ``changes`` counts the places not kept
(:mod:`aligner.model.objective`); a place is *forced* when no timetable of the new instance can
keep it (the class or course is gone, the teacher is now unavailable, the bells no longer
overlap, ...), or when the previous week had more lessons of a row than it now has, or two
lessons in one place (a hand edit's clash).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from aligner.alignment.overlap import alignments, session_options
from aligner.instance import Instance, OldLesson, OldSession, PreviousWeek
from aligner.messages import say
from aligner.timetable import Timetable

LocalPlace = tuple[str, str, str, str, int]
"""(school, curriculum row's class label, subject, day, period)."""
HubPlace = tuple[str, str, int]
"""(course, day, hub period)."""
EndPlace = tuple[str, str, str, int]
"""(course, receiving school, day, its period)."""


@dataclass(frozen=True)
class Places:
    """The places of the previous week, in the new instance's terms."""

    local: dict[LocalPlace, bool]
    """Each local place -> locked."""
    hub: dict[HubPlace, bool]
    end: dict[EndPlace, bool]
    gone: tuple[tuple[OldLesson | OldSession, str], ...]
    """Lessons and sessions with no place in the new instance at all (their class, subject or
    course is gone), with why."""

    @property
    def count(self) -> int:
        return len(self.local) + len(self.hub) + len(self.end) + len(self.gone)


def places(instance: Instance) -> Places:
    """The previous week's places (empty without one)."""
    previous = instance.previous
    local: dict[LocalPlace, bool] = {}
    hub: dict[HubPlace, bool] = {}
    end: dict[EndPlace, bool] = {}
    gone: list[tuple[OldLesson | OldSession, str]] = []
    if previous is None:
        return Places(local, hub, end, ())
    for lesson in previous.lessons:
        if not lesson.local:
            continue
        row = instance.curriculum_row.get((lesson.school_id, lesson.class_id, lesson.subject))
        if row is None:
            gone.append((lesson, _why_gone(instance, lesson)))
            continue
        place = (*row.key, lesson.day, lesson.period)
        local[place] = local.get(place, False) or previous.lesson_locked(lesson)
    for session in previous.sessions:
        course = instance.course_by_id.get(session.course_id)
        if course is None:
            gone.append((session, say("changes.course_gone", course=session.course_id)))
            continue
        locked = previous.session_locked(session, course.hub_school)
        hub[(course.course_id, session.day, session.hub_period)] = locked
        for school, period in session.receiving:
            if school in course.receiving_schools:
                end[(course.course_id, school, session.day, period)] = locked
    return Places(local, hub, end, tuple(gone))


def _why_gone(instance: Instance, lesson: OldLesson) -> str:
    if (lesson.school_id, lesson.class_id) not in instance.class_by_key:
        return say("changes.class_gone", klass=lesson.class_id, school=lesson.school_id)
    return say("changes.subject_gone", klass=lesson.class_id, subject=lesson.subject)


def forced(instance: Instance) -> dict[LocalPlace | HubPlace | EndPlace, str]:
    """The places of the previous week no timetable of the new instance can keep, each with
    the first reason found (a place over a row's new per_week, or sharing a period with another
    old lesson of its class or teacher, is not listed: which one moves is the solver's choice;
    :func:`least_moves` counts them)."""
    p = places(instance)
    out: dict[LocalPlace | HubPlace | EndPlace, str] = {}
    for place in p.local:
        reason = local_reason(instance, place)
        if reason:
            out[place] = reason
    pairs = alignments(instance)
    options = {c.course_id: session_options(instance, c, pairs) for c in instance.courses}
    for (course_id, day, h) in p.hub:
        reason = _hub_reason(instance, course_id, day, h, options[course_id])
        if reason:
            out[(course_id, day, h)] = reason
    for (course_id, school, day, r) in p.end:
        reachable = {c.period for (d, _), ends in options[course_id].items() if d == day
                     for c in ends.get(school, ())}
        if r not in reachable:  # no hub period of that day reaches the school at r
            out[(course_id, school, day, r)] = say(
                "changes.no_overlap", course=course_id, school=instance.school_name(school),
                day=day, period=r)
    return out


def local_reason(instance: Instance, place: LocalPlace) -> str:
    """Why a local lesson of the new instance cannot be at this place ('' when it can)."""
    school, label, subject, day, period = place
    row = instance.row_by_key[(school, label, subject)]
    if day not in instance.days:
        return say("changes.no_day", day=day)
    if period > len(instance.periods(school)):
        return say("changes.no_period", period=period, school=instance.school_name(school))
    if not row.teacher_ids:
        return say("changes.now_online", subject=subject, klass=label)
    for teacher_id in row.teacher_ids:
        if instance.is_unavailable(teacher_id, day, period):
            return say("changes.teacher_away", teacher=instance.teacher_name(teacher_id),
                       day=day, period=period)
    if not row.allows(day, period):
        return say("changes.not_allowed", subject=subject, day=day, period=period)
    rooms = instance.rooms_for.get((school, subject), ())
    if rooms and all((day, period) in r.unavailable for r in rooms):
        return say("changes.room_closed", subject=subject, day=day, period=period)
    return ""


def _hub_reason(instance: Instance, course_id: str, day: str, h: int,
                options: dict) -> str:
    course = instance.course_by_id[course_id]
    if day not in instance.days:
        return say("changes.no_day", day=day)
    if h > len(instance.periods(course.hub_school)):
        return say("changes.no_period", period=h,
                   school=instance.school_name(course.hub_school))
    if instance.is_unavailable(course.hub_teacher, day, h):
        return say("changes.teacher_away", teacher=instance.teacher_name(course.hub_teacher),
                   day=day, period=h)
    if (day, h) not in options:
        return say("changes.session_no_overlap", course=course_id, day=day, period=h)
    return ""


def least_moves(instance: Instance) -> int:
    """A lower bound on the places any timetable of the new instance leaves: those forced,
    those gone, each row's old lessons beyond its new per_week, and all but one of old lessons
    sharing a class's period (a hand edit's clash)."""
    p = places(instance)
    impossible = forced(instance)
    least = len(impossible) + len(p.gone)
    kept_by_row: Counter[tuple[str, str, str]] = Counter(
        place[:3] for place in p.local if place not in impossible)
    for key, n in kept_by_row.items():  # beyond the row's local lessons now
        row = instance.row_by_key[key]
        online = sum(c.min_per_week for c in instance.courses_reaching.get(
            (row.school_id, row.class_ids[0], row.subject), ()))
        least += max(0, n - (row.per_week - online))
    by_class_slot: dict[tuple[str, str, str, int], int] = defaultdict(int)
    for place in p.local:
        if place in impossible:
            continue
        row = instance.row_by_key[place[:3]]
        for class_id in row.class_ids:
            by_class_slot[(place[0], class_id, place[3], place[4])] += 1
    least += sum(n - 1 for n in by_class_slot.values() if n > 1)
    return least


# ---- what moved: the rows of changes.csv ------------------------------------------------------

CHANGE_COLUMNS = ("school_id", "class_id", "subject", "teacher_id", "old_day", "old_period",
                  "new_day", "new_period", "reason")


def change_rows(instance: Instance, timetable: Timetable) -> list[dict[str, str]]:
    """Every class lesson of the previous week not at its old (day, period) in ``timetable``,
    and every new one at no old place: per class and subject the old and new places are paired
    in week order; an old place without a new one vanished (new_day blank), a new one without
    an old one appeared (old_day blank). ``reason`` says what forced the move where one did."""
    previous = instance.previous
    if previous is None:
        return []
    impossible = forced(instance)
    gone = {id(item): why for item, why in places(instance).gone}
    order = {d: i for i, d in enumerate(instance.days)}

    def week(slot: tuple[str, int]) -> tuple[int, int]:
        return (order.get(slot[0], 99), slot[1])

    sessions = {s.session_id: s for s in previous.sessions}
    old: dict[tuple[str, str, str], list[tuple[str, int, str, str]]] = defaultdict(list)
    for lesson in previous.lessons:
        old[(lesson.school_id, lesson.class_id, lesson.subject)].append(
            (lesson.day, lesson.period, lesson.teacher_id, _old_reason(
                instance, lesson, sessions.get(lesson.session_id), impossible, gone)))
    new: dict[tuple[str, str, str], list[tuple[str, int, str]]] = defaultdict(list)
    for x in timetable.lessons:
        new[(x.school_id, x.class_id, x.subject)].append((x.day, x.period, x.teacher_id))
    for s in timetable.sessions:
        course = instance.course_by_id[s.course_id]
        if course.hub_class:
            new[(course.hub_school, course.hub_class, course.subject)].append(
                (s.day, s.hub_period, course.hub_teacher))
        for school, period in s.receiving_periods:
            for reception in course.receptions_at(school):
                new[(school, reception.class_id, course.subject)].append(
                    (s.day, period, course.hub_teacher))
    rows = []
    for key in sorted(set(old) | set(new), key=lambda k: (k[0], k[1], k[2])):
        before = Counter((d, p) for d, p, _, _ in old.get(key, []))
        after = Counter((d, p) for d, p, _ in new.get(key, []))
        kept = before & after
        left = sorted((before - kept).elements(), key=week)
        came = sorted((after - kept).elements(), key=week)
        teachers_old = {(d, p): t for d, p, t, _ in old.get(key, [])}
        reasons = {(d, p): r for d, p, _, r in old.get(key, [])}
        teachers_new = {(d, p): t for d, p, t in new.get(key, [])}
        for i in range(max(len(left), len(came))):
            was = left[i] if i < len(left) else None
            now = came[i] if i < len(came) else None
            teacher = teachers_new.get(now, "") if now else teachers_old.get(was, "") if was \
                else ""
            rows.append({
                "school_id": key[0], "class_id": key[1], "subject": key[2],
                "teacher_id": teacher,
                "old_day": was[0] if was else "", "old_period": str(was[1]) if was else "",
                "new_day": now[0] if now else "", "new_period": str(now[1]) if now else "",
                "reason": reasons.get(was, "") if was else "",
            })
    return rows


def _old_reason(instance: Instance, lesson: OldLesson, session: OldSession | None,
                impossible: dict, gone: dict[int, str]) -> str:
    """Why an old class lesson could not stay ('' when it could)."""
    if lesson.local:
        row = instance.curriculum_row.get((lesson.school_id, lesson.class_id, lesson.subject))
        if row is None:
            return gone.get(id(lesson), "")
        return impossible.get((*row.key, lesson.day, lesson.period), "")
    if session is None:
        return ""
    if id(session) in gone:
        return gone[id(session)]
    hub = impossible.get((session.course_id, session.day, session.hub_period), "")
    if lesson.mode == "online-main":
        return hub
    return impossible.get((session.course_id, lesson.school_id, session.day, lesson.period), hub)


def fixed_places(instance: Instance) -> tuple[set[LocalPlace], set[HubPlace]]:
    """Where lessons are fixed, for lessons.csv's ``pinned`` column: the starts of pinned local
    lessons (pinned.csv) and locked ones (``--lock``), and the hub places of pinned and locked
    sessions."""
    local: set[LocalPlace] = set()
    hub: set[HubPlace] = set()
    for pin in instance.pins:
        if pin.course_id is not None:
            hub.add((pin.course_id, pin.day, pin.period))
            continue
        row = instance.curriculum_row.get((pin.school_id, pin.class_id or "", pin.subject or ""))
        if row is not None:
            local.add((*row.key, pin.day, pin.period))
    found = places(instance)
    local |= {place for place, locked in found.local.items() if locked}
    hub |= {place for place, locked in found.hub.items() if locked}
    return local, hub


def place_text(instance: Instance, place: tuple) -> str:
    """A place in words: a local lesson, a session's hub period or a receiving period."""
    if len(place) == 5:
        school, label, subject, day, period = place
        return say("changes.place_local", subject=subject, classes=label,
                   school=instance.school_name(school), day=day, period=period)
    if len(place) == 3:
        course, day, h = place
        return say("changes.place_hub", course=course, day=day, period=h)
    course, school, day, r = place
    return say("changes.place_end", course=course, school=instance.school_name(school),
               day=day, period=r)


def with_previous(instance: Instance, previous: PreviousWeek | None) -> Instance:
    """The instance re-solved from ``previous`` (None: from nothing)."""
    return instance.model_copy(update={"previous": previous})


def other_teachers(instance: Instance) -> list[OldLesson]:
    """Old local lessons whose teacher is not the one curriculum.csv gives their row now (a
    hand edit, or a new teacher): a re-solve follows curriculum.csv, so these change hands."""
    previous = instance.previous
    if previous is None:
        return []
    found = []
    for lesson in previous.lessons:
        row = instance.curriculum_row.get((lesson.school_id, lesson.class_id, lesson.subject))
        if lesson.local and row is not None and lesson.teacher_id and \
                set(lesson.teacher_id.split("+")) != set(row.teacher_ids):
            found.append(lesson)
    return found
