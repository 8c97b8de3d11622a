"""The previous timetable of a re-solve, as the checker reads it on its own: summary.json's
``from`` names its directory and lock; its lessons.csv and sessions.csv give the places its
lessons held. From them the checker recomputes the ``changes`` term (places not kept) and checks
that every locked place was kept (rule ``lock``), sharing no code with aligner.changes."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from aligner.check.solution_files import SolutionFiles, Violation
from aligner.io.errors import IssueLog
from aligner.io.tabular import read_text
from aligner.messages import say

MARKED = frozenset({"1", "yes", "y", "true", "x", "是", "锁定", "固定", "✓", "√"})


@dataclass
class PreviousFiles:
    """The previous timetable's places, in the instance's terms."""

    source: str
    lock: str | None
    local: dict[tuple[str, str, str, str, int], bool] = field(default_factory=dict)
    """(school, curriculum class label, subject, day, period) -> locked."""
    hub: dict[tuple[str, str, int], bool] = field(default_factory=dict)
    end: dict[tuple[str, str, str, int], bool] = field(default_factory=dict)
    gone: int = 0
    """Old lessons (rows) and sessions with no row or course in the instance."""


def read_previous(w: SolutionFiles) -> PreviousFiles | None:
    """The previous timetable summary.json names (None when it names none); a directory that
    cannot be read is reported (not a hard rule: the timetable itself may still be right)."""
    recorded = (w.summary or {}).get("from")
    if not isinstance(recorded, dict) or not recorded.get("source"):
        return None
    folder = Path(str(recorded["source"]))
    lock = recorded.get("lock")
    tables = {name: _rows(folder, name) for name in ("lessons.csv", "sessions.csv")}
    if any(rows is None for rows in tables.values()):
        w.bad(say("check.previous_unreadable", directory=folder), hard=False)
        return None
    found = PreviousFiles(str(folder), lock if isinstance(lock, str) else None)
    schools = None if found.lock == "all" else set() if found.lock in (None, "pinned") \
        else {s.strip() for s in str(found.lock).split(",")}

    def locked(involved: set[str], marked: bool) -> bool:
        if found.lock is None:
            return False
        return schools is None or bool(involved & schools) or (found.lock == "pinned"
                                                               and marked)

    for row in tables["lessons.csv"] or []:
        if row.get("mode") != "local" or not row.get("period", "").isdigit():
            continue
        r = w.inst.curriculum_row.get((row["school_id"], row["class_id"], row["subject"]))
        if r is None:
            found.gone += 1
            continue
        place = (row["school_id"], r.class_id, row["subject"], row["day"], int(row["period"]))
        found.local[place] = found.local.get(place, False) or locked(
            {row["school_id"]}, row.get("pinned", "").strip().lower() in MARKED)
    sessions: dict[str, list[dict[str, str]]] = {}
    for row in tables["sessions.csv"] or []:
        sessions.setdefault(row.get("session_id", ""), []).append(row)
    marked_sessions = {row.get("session_id", "") for row in tables["lessons.csv"] or []
                       if row.get("mode") != "local"
                       and row.get("pinned", "").strip().lower() in MARKED}
    for sid, rows in sessions.items():
        first = rows[0]
        course = w.inst.course_by_id.get(first.get("course_id", ""))
        if course is None:
            found.gone += 1
            continue
        if not first.get("hub_period", "").isdigit():
            continue
        involved = {course.hub_school, *(row.get("receiving_school_id", "") for row in rows)}
        lock_it = locked(involved, sid in marked_sessions)
        found.hub[(course.course_id, first["day"], int(first["hub_period"]))] = lock_it
        for row in rows:
            school = row.get("receiving_school_id", "")
            if school in course.receiving_schools and row.get("receiving_period", "").isdigit():
                found.end[(course.course_id, school, row["day"],
                           int(row["receiving_period"]))] = lock_it
    return found


def _rows(folder: Path, name: str) -> list[dict[str, str]] | None:
    if not (folder / name).is_file():
        return None
    decoded = read_text(folder, name, "", IssueLog())
    if decoded is None:
        return None
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(decoded[0], newline=""))]


def kept_places(w: SolutionFiles) -> tuple[set, set, set]:
    """The places the timetable holds: local (school, label, subject, day, period), hub
    (course, day, hub period), receiving end (course, school, day, period)."""
    local = set()
    for x in w.local:
        r = w.inst.curriculum_row.get((x.school, x.klass, x.subject))
        local.add((x.school, r.class_id if r is not None else x.klass, x.subject, x.day,
                   x.period))
    hub = {(s.course.course_id, s.day, s.hub_period) for s in w.sessions.values()}
    end = {(s.course.course_id, school, s.day, r) for s in w.sessions.values()
           for (school, _), r in s.periods.items()}
    return local, hub, end


def changes(w: SolutionFiles, previous: PreviousFiles) -> int:
    """Places of the previous timetable the timetable does not keep (the ``changes`` term)."""
    local, hub, end = kept_places(w)
    return (previous.gone + sum(1 for p in previous.local if p not in local)
            + sum(1 for p in previous.hub if p not in hub)
            + sum(1 for p in previous.end if p not in end))


def locks_hold(w: SolutionFiles, previous: PreviousFiles) -> list[Violation]:
    """Every locked place of the previous timetable is kept."""
    local, hub, end = kept_places(w)
    out = []
    for (school, label, subject, day, period), locked in previous.local.items():
        if locked and (school, label, subject, day, period) not in local:
            out.append(Violation("lock", say("check.lock_local", subject=subject,
                                             classes=label, school=w.school(school), day=day,
                                             period=period, lock=previous.lock)))
    for (course, day, h), locked in previous.hub.items():
        if locked and (course, day, h) not in hub:
            out.append(Violation("lock", say("check.lock_hub", course=course, day=day,
                                             period=h, lock=previous.lock)))
    for (course, school, day, r), locked in previous.end.items():
        if locked and (course, school, day, r) not in end:
            out.append(Violation("lock", say("check.lock_end", course=course,
                                             school=w.school(school), day=day, period=r,
                                             lock=previous.lock)))
    return out
