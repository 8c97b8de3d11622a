"""Reading a previous timetable to re-solve from (``aligner solve --from DIR``): the lessons.csv
and sessions.csv of a solution directory, written by aligner or edited by hand in Excel, read
against the instance that is re-solved (:class:`aligner.instance.PreviousWeek`).

The previous timetable may belong to an older version of the instance: its lessons of classes,
subjects or courses that are gone are kept as such (they vanish, and count as changes); but a
directory whose schools are not this instance's, or none of whose classes it has, is refused.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from aligner.instance import MAX_PERIODS, Instance, OldLesson, OldSession, PreviousWeek
from aligner.io import cells
from aligner.io.errors import InputError, IssueLog
from aligner.io.tabular import Table, read_table
from aligner.messages import listed, say

LESSONS, SESSIONS = "lessons.csv", "sessions.csv"
LESSON_REQUIRED = ("school_id", "class_id", "day", "period", "subject", "teacher_id", "mode")
LESSON_OPTIONAL = ("start", "end", "session_id", "assistant_id", "lesson_id", "room_id",
                   "pinned")
SESSION_REQUIRED = ("session_id", "course_id", "day", "hub_school_id", "hub_period",
                    "receiving_school_id", "receiving_period")
SESSION_OPTIONAL = ("form", "hub_teacher_id", "hub_class_id", "hub_start", "hub_end",
                    "receiving_class_id", "receiving_start", "receiving_end", "overlap_minutes")
MODES = ("local", "online-main", "online-receiving")
LOCKS = ("all", "pinned")
PINNED_WORDS = frozenset({"1", "yes", "y", "true", "x", "是", "锁定", "固定", "✓", "√"})
"""What a ``pinned`` cell may say for a lesson ``--lock pinned`` keeps (blank, 0, no: not)."""


def read_previous(directory: str | Path, instance: Instance, lock: str | None = None
                  ) -> PreviousWeek:
    """The previous timetable in ``directory``, read against ``instance``; ``lock`` (``all``,
    ``pinned`` or comma-separated school ids) says which of its lessons stay put. Raises
    InputError naming file, row and column for a directory that is no timetable of this
    instance, a bad cell or an unknown ``--lock`` school."""
    folder = Path(directory)
    log = IssueLog()
    if not folder.is_dir():
        log.add(str(folder), say("changes.not_a_directory"))
        log.raise_if_any()
    lock = _lock(lock, instance, log)
    lessons_table = read_table(folder, LESSONS, LESSON_REQUIRED, LESSON_OPTIONAL, log)
    sessions_table = read_table(folder, SESSIONS, SESSION_REQUIRED, SESSION_OPTIONAL, log)
    log.raise_if_any()
    assert lessons_table is not None and sessions_table is not None
    lessons = _lessons(lessons_table, instance, log)
    sessions = _sessions(sessions_table, instance, log)
    log.raise_if_any()
    known = [x for x in lessons if (x.school_id, x.class_id) in instance.class_by_key]
    if lessons and not known:
        log.add(LESSONS, say("changes.no_class_known", n=len({(x.school_id, x.class_id)
                                                               for x in lessons})))
        log.raise_if_any()
    return PreviousWeek(source=str(directory), lessons=tuple(lessons), sessions=sessions,
                        lock=lock)


def lost_classes(previous: PreviousWeek, instance: Instance) -> dict[tuple[str, str], int]:
    """Classes of the previous timetable the instance no longer has -> their lessons there."""
    return dict(Counter((x.school_id, x.class_id) for x in previous.lessons
                        if (x.school_id, x.class_id) not in instance.class_by_key))


def _lock(lock: str | None, instance: Instance, log: IssueLog) -> str | None:
    if lock is None or lock in LOCKS:
        return lock
    schools = [s.strip() for s in lock.split(",") if s.strip()]
    for school in schools:
        if school not in instance.school_by_id:
            log.add("--lock", say("changes.lock_unknown_school", school=school,
                                  schools=listed(list(instance.school_by_id)),
                                  hint=cells.did_you_mean(school, instance.school_by_id)))
    if not schools:
        log.add("--lock", say("changes.lock_empty"))
    log.raise_if_any()
    return ",".join(schools)


def _period(table: Table, row_number: int, text: str, column: str, log: IssueLog) -> int | None:
    value = text.strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_PERIODS:
        log.add(table.file, say("changes.bad_period", value=text, most=MAX_PERIODS),
                row_number, column)
        return None
    return int(value)


def _school(table: Table, row_number: int, school: str, column: str, instance: Instance,
            log: IssueLog, named: set[str]) -> bool:
    """A school of the previous timetable is one of the instance's (named once)."""
    if school in instance.school_by_id:
        return True
    if school not in named:
        named.add(school)
        log.add(table.file, say("changes.unknown_school", school=school,
                                schools=listed(list(instance.school_by_id))),
                row_number, column)
    return False


def _lessons(table: Table, instance: Instance, log: IssueLog) -> list[OldLesson]:
    out = []
    named: set[str] = set()
    for row in table.rows:
        if not _school(table, row.number, row["school_id"], "school_id", instance, log, named):
            continue
        period = _period(table, row.number, row["period"], "period", log)
        if row["mode"] not in MODES:
            log.add(table.file, say("changes.bad_mode", mode=row["mode"], modes=listed(
                list(MODES))), row.number, "mode")
            continue
        if period is None or not row["class_id"] or not row["day"]:
            if period is not None:
                log.add(table.file, say("changes.blank_cell"), row.number,
                        "class_id" if not row["class_id"] else "day")
            continue
        out.append(OldLesson(
            school_id=row["school_id"], class_id=row["class_id"], subject=row["subject"],
            teacher_id=row["teacher_id"], day=cells.day_of(row["day"], instance.days)
            or row["day"], period=period, row=row.number,
            pinned=row["pinned"].strip().lower() in PINNED_WORDS, mode=row["mode"],
            session_id=row["session_id"]))
    return out


def _sessions(table: Table, instance: Instance, log: IssueLog) -> tuple[OldSession, ...]:
    found: dict[str, dict] = {}
    named: set[str] = set()
    for row in table.rows:
        ok = _school(table, row.number, row["hub_school_id"], "hub_school_id", instance, log,
                     named)
        ok = _school(table, row.number, row["receiving_school_id"], "receiving_school_id",
                     instance, log, named) and ok
        hub = _period(table, row.number, row["hub_period"], "hub_period", log)
        received = _period(table, row.number, row["receiving_period"], "receiving_period", log)
        if not ok or hub is None or received is None:
            continue
        entry = found.setdefault(row["session_id"], {
            "session_id": row["session_id"], "course_id": row["course_id"],
            "day": cells.day_of(row["day"], instance.days) or row["day"], "hub_period": hub,
            "receiving": {}})
        entry["receiving"][row["receiving_school_id"]] = received
    return tuple(OldSession(session_id=e["session_id"], course_id=e["course_id"], day=e["day"],
                            hub_period=e["hub_period"],
                            receiving=tuple(sorted(e["receiving"].items())))
                 for e in found.values())


def previous_or_raise(directory: str | Path, instance: Instance, lock: str | None
                      ) -> PreviousWeek:
    """:func:`read_previous`, then the locks checked: a locked lesson whose place the
    instance no longer allows is an InputError naming it and why."""
    from aligner.changes import forced, place_text, places, with_previous

    previous = read_previous(directory, instance, lock)
    if previous.lock is None:
        return previous
    again = with_previous(instance, previous)
    impossible = forced(again)
    found = places(again)
    log = IssueLog()
    for place, locked in [*found.local.items(), *found.hub.items(), *found.end.items()]:
        if locked and place in impossible:
            log.add("--lock", say("changes.locked_impossible", place=place_text(again, place),
                                  reason=impossible[place]))
    log.raise_if_any()
    return previous


def from_previous(instance: Instance, directory: str | Path, lock: str | None = None
                  ) -> Instance:
    """The instance to re-solve from the timetable in ``directory`` (``solve --from``): solving
    it keeps that timetable's lessons wherever the instance still allows them (the ``changes``
    term) and its ``lock``ed ones exactly. Raises InputError as :func:`previous_or_raise`."""
    from aligner.changes import with_previous

    return with_previous(instance, previous_or_raise(directory, instance, lock))


__all__ = ["InputError", "from_previous", "lost_classes", "previous_or_raise", "read_previous"]
