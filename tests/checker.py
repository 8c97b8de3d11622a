"""Independent checker of a solved week: every rule re-derived from the Instance and the tables.

It reads an output directory (lessons.csv, sessions.csv, teacher_load.csv, compliance.csv,
summary.json) and never imports the model, the alignment or the table builders: overlaps,
loads, minimums and objective terms are recomputed here from the raw instance fields.
"""

from __future__ import annotations

import contextlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from aligner.instance import Course, Instance

AFTERNOON = 12 * 60
OK = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
COLUMNS = {
    "lessons.csv": ("school_id", "class_id", "day", "period", "start", "end", "subject",
                    "teacher_id", "mode", "session_id", "assistant_id"),
    "sessions.csv": ("session_id", "course_id", "form", "day", "hub_school_id", "hub_teacher_id",
                     "hub_class_id", "hub_period", "hub_start", "hub_end", "receiving_school_id",
                     "receiving_class_id", "receiving_period", "receiving_start", "receiving_end",
                     "overlap_minutes"),
    "teacher_load.csv": ("school_id", "teacher_id", "local", "online_main", "assistant",
                         "credited", "min_load", "max_load"),
    "compliance.csv": ("rule", "scope", "required", "achieved", "ok"),
}
TERM_WEIGHTS = {"misalignment_minutes": "misalignment_minute", "same_day_repeats": "same_day_repeat",
                "core_in_afternoon": "core_in_afternoon", "missing_sessions": "missing_session"}


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str


@dataclass(frozen=True)
class Local:
    school: str
    klass: str
    day: str
    period: int
    subject: str
    teacher: str


@dataclass
class Session:
    sid: str
    course: Course
    day: str
    hub_period: int
    periods: dict[tuple[str, str], int] = field(default_factory=dict)
    """Receiving class (school, class) -> the period of its own school it takes the session in."""


@dataclass
class Week:
    """The instance, the raw tables and the timetable they describe (local lessons, sessions)."""

    inst: Instance
    bells: dict[str, dict[int, tuple[int, int]]]
    tables: dict[str, list[dict[str, str]]]
    summary: dict[str, Any]
    local: list[Local] = field(default_factory=list)
    sessions: dict[str, Session] = field(default_factory=dict)
    issues: list[Violation] = field(default_factory=list)

    def bad(self, message: str) -> None:
        self.issues.append(Violation("table_consistency", message))


# ---- small helpers ------------------------------------------------------------------------


def _parse(kind: Callable[[str], Any], text: str) -> Any:
    """``kind(text)``, or None when the text is not such a value."""
    try:
        return kind(text.strip())
    except (ValueError, ZeroDivisionError):
        return None


def _clock(text: str) -> int | None:
    hours, _, mins = text.partition(":")
    h, m = _parse(int, hours), _parse(int, mins)
    return None if h is None or m is None else h * 60 + m


def _show(values: tuple[Any, ...]) -> str:
    """Values for a message, exact fractions as decimals (16.5)."""
    return ", ".join(f"{float(v):g}" if isinstance(v, Fraction) else str(v) for v in values)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _slot_problem(w: Week, school: str, day: str, period: int | None, start: str, end: str) -> str:
    """Why (school, day, period, start-end) is not a real slot of the instance; '' if it is."""
    if school not in w.bells:
        return f"unknown school '{school}'"
    if day not in w.inst.days:
        return f"day '{day}' is not one of {list(w.inst.days)}"
    if period not in w.bells[school]:
        return f"school {school} has no period {period}"
    if (_clock(start), _clock(end)) != w.bells[school][period]:
        return f"times {start}-{end} are not those of school {school} period {period}"
    return ""


def class_lessons(w: Week) -> list[tuple[str, str, str, int, str]]:
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


def commitments(w: Week) -> list[tuple[str, str, str, int, str]]:
    """Every (teacher, day, school, period, what) a teacher is busy with."""
    out = [(x.teacher, x.day, x.school, x.period, f"local {x.subject} of {x.klass}")
           for x in w.local]
    for s in w.sessions.values():
        c = s.course
        out.append((c.hub_teacher, s.day, c.hub_school, s.hub_period, f"session {s.sid} (hub)"))
        out += [(t, s.day, school, r, f"session {s.sid} (assistant)")
                for t, school, r in assistants(s)]
    return out


def loads(w: Week) -> dict[str, tuple[int, int, int, Fraction]]:
    """Per teacher: local lessons, sessions taught as hub teacher, sessions assisted, and the
    credited load local + online_credit x taught + assistant_credit x assisted (exact)."""
    local = Counter(x.teacher for x in w.local)
    taught = Counter(s.course.hub_teacher for s in w.sessions.values())
    assisted = Counter(t for s in w.sessions.values() for t in {a[0] for a in assistants(s)})
    online, assist = Fraction(w.inst.policy.online_credit), Fraction(w.inst.policy.assistant_credit)
    return {t: (local[t], taught[t], assisted[t], local[t] + online * taught[t] + assist * assisted[t])
            for t in w.inst.teacher_by_id}


def sessions_per_course(w: Week) -> Counter[str]:
    return Counter(s.course.course_id for s in w.sessions.values())


# ---- reading the output directory ---------------------------------------------------------


def read_week(inst: Instance, out_dir: Path) -> Week:
    bells: dict[str, dict[int, tuple[int, int]]] = {s.school_id: {} for s in inst.schools}
    for b in inst.bells:
        if b.season == inst.season:
            bells[b.school_id][b.period] = (b.start, b.end)
    w = Week(inst, bells, {}, {})
    for name, columns in COLUMNS.items():
        w.tables[name] = []
        if not (out_dir / name).is_file():
            w.bad(f"{name} is missing")
            continue
        frame = pd.read_csv(out_dir / name, dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            w.bad(f"{name} lacks columns {missing}")
        else:
            w.tables[name] = frame.to_dict("records")
    with contextlib.suppress(OSError, ValueError):
        w.summary = json.loads((out_dir / "summary.json").read_text("utf-8"))
    if not isinstance(w.summary, dict) or not w.summary:
        w.summary = {}
        w.bad("summary.json is missing, empty or not a JSON object")
    elif w.summary.get("status") not in ("OPTIMAL", "FEASIBLE"):
        w.bad(f"summary status is {w.summary.get('status')!r}, not OPTIMAL or FEASIBLE")
    _read_sessions(w)
    _read_lessons(w)
    return w


def _read_sessions(w: Week) -> None:
    """sessions.csv rows into sessions, checking references, times, overlaps and ids."""
    first_id: dict[tuple[str, str, int], str] = {}
    for i, row in enumerate(w.tables["sessions.csv"], start=2):
        where = f"sessions.csv row {i} (session {row['session_id']})"
        c = w.inst.course_by_id.get(row["course_id"])
        if c is None:
            w.bad(f"{where}: unknown course {row['course_id']}")
            continue
        day, h, r = row["day"], _parse(int, row["hub_period"]), _parse(int, row["receiving_period"])
        key = (row["receiving_school_id"], row["receiving_class_id"])
        problem = (_slot_problem(w, c.hub_school, day, h, row["hub_start"], row["hub_end"])
                   or _slot_problem(w, key[0], day, r, row["receiving_start"], row["receiving_end"])
                   or ("" if key in {x.class_key for x in c.receptions}
                       else f"class {key[1]} of {key[0]} is not a receiving class of the course"))
        if problem:
            w.bad(f"{where}: {problem}")
            continue
        claimed = (row["form"], row["hub_school_id"], row["hub_teacher_id"], row["hub_class_id"])
        if claimed != (c.form, c.hub_school, c.hub_teacher, c.hub_class or ""):
            w.bad(f"{where}: form/hub school/teacher/class {claimed} differ from the course")
        real = overlap(w.bells[c.hub_school][h], w.bells[key[0]][r])
        if _parse(int, row["overlap_minutes"]) != real:
            w.bad(f"{where}: overlap_minutes {row['overlap_minutes']}, the bells overlap {real}")
        s = w.sessions.setdefault(row["session_id"], Session(row["session_id"], c, day, h))
        if (s.course.course_id, s.day, s.hub_period) != (c.course_id, day, h):
            w.bad(f"{where}: rows of one session id differ in course, day or hub period")
        elif key in s.periods:
            w.bad(f"{where}: class {key[1]} of {key[0]} listed twice in one session")
        else:
            s.periods[key] = r
        if first_id.setdefault((c.course_id, day, h), s.sid) != s.sid:
            w.bad(f"{where}: course {c.course_id} on {day} hub period {h} has two session ids")


def _read_lessons(w: Week) -> None:
    """lessons.csv: local rows into lessons; online rows must be exactly those of the sessions."""
    online: Counter[tuple[Any, ...]] = Counter()
    for i, row in enumerate(w.tables["lessons.csv"], start=2):
        school, klass, day = row["school_id"], row["class_id"], row["day"]
        period = _parse(int, row["period"])
        problem = _slot_problem(w, school, day, period, row["start"], row["end"])
        if not problem and (school, klass) not in w.inst.class_by_key:
            problem = f"unknown class {klass} of school {school}"
        if row["mode"] == "local" and (row["teacher_id"] not in w.inst.teacher_by_id
                                       or row["session_id"] or row["assistant_id"]):
            problem = problem or "a local lesson needs a known teacher, no session, no assistant"
        if row["mode"] not in ("local", "online-main", "online-receiving"):
            problem = problem or f"unknown mode '{row['mode']}'"
        if problem:
            w.bad(f"lessons.csv row {i}: {problem}")
        elif row["mode"] == "local":
            w.local.append(Local(school, klass, day, period, row["subject"], row["teacher_id"]))
        else:
            online[(school, klass, day, period, row["subject"], row["teacher_id"], row["mode"],
                    row["session_id"], row["assistant_id"])] += 1
    expected: Counter[tuple[Any, ...]] = Counter()
    for s in w.sessions.values():
        c = s.course
        if c.hub_class:
            expected[(c.hub_school, c.hub_class, s.day, s.hub_period, c.subject, c.hub_teacher,
                      "online-main", s.sid, "")] += 1
        for rec in c.receptions:
            if rec.class_key in s.periods:
                expected[(*rec.class_key, s.day, s.periods[rec.class_key], c.subject,
                          c.hub_teacher, "online-receiving", s.sid, rec.assistant_id or "")] += 1
    for row in (expected - online).elements():
        w.bad(f"lessons.csv lacks the online row {row}")
    for row in (online - expected).elements():
        w.bad(f"lessons.csv online row {row} matches no row of sessions.csv")


# ---- the rules, one family per function ---------------------------------------------------

Check = Callable[[Week], Iterator[Violation]]


def check_tables(w: Week) -> Iterator[Violation]:
    """Files, references, times, overlaps, ids and status, as found while reading."""
    yield from w.issues


def check_session_receptions(w: Week) -> Iterator[Violation]:
    """Every receiving class takes every session; classes of one school share one period."""
    for s in w.sessions.values():
        wanted = {r.class_key for r in s.course.receptions}
        for school, klass in sorted(wanted - set(s.periods)):
            yield Violation("session_reception", f"session {s.sid}: receiving class {klass} of "
                            f"{school} does not take part")
        by_school = defaultdict(set)
        for (school, _), r in s.periods.items():
            by_school[school].add(r)
        for school, periods in sorted(by_school.items()):
            if len(periods) > 1:
                yield Violation("session_reception", f"session {s.sid}: classes of {school} sit "
                                f"in different periods {sorted(periods)} on {s.day}")


def check_overlap(w: Week) -> Iterator[Violation]:
    """overlap(hub period, receiving period) >= min_overlap_minutes for every receiving class."""
    least = w.inst.policy.min_overlap_minutes
    for s in w.sessions.values():
        hub = w.bells[s.course.hub_school][s.hub_period]
        for (school, klass), r in s.periods.items():
            minutes = overlap(hub, w.bells[school][r])
            if minutes < least:
                yield Violation("overlap_too_short", f"session {s.sid} {s.day}: hub period "
                                f"{s.hub_period} and {school} period {r} (class {klass}) "
                                f"overlap {minutes} < {least} minutes")


def check_class_slots(w: Week) -> Iterator[Violation]:
    """A class has at most one lesson per (day, period)."""
    slots = Counter((school, klass, day, p) for school, klass, day, p, _ in class_lessons(w))
    for (school, klass, day, p), n in slots.items():
        if n > 1:
            yield Violation("class_double_booked", f"class {klass} of {school} has {n} lessons "
                            f"on {day} period {p}")


def check_teacher_slots(w: Week) -> Iterator[Violation]:
    """A teacher has at most one commitment per (day, period), never in an unavailable slot."""
    busy = defaultdict(list)
    for teacher, day, school, p, what in commitments(w):
        busy[(teacher, day, school, p)].append(what)
        if (day, p) in w.inst.teacher_by_id[teacher].unavailable:
            yield Violation("teacher_unavailable", f"teacher {teacher} is unavailable on {day} "
                            f"period {p} ({school}) but has {what}")
    for (teacher, day, school, p), what in busy.items():
        if len(what) > 1:
            yield Violation("teacher_double_booked", f"teacher {teacher} on {day} period {p} "
                            f"({school}): {', '.join(what)}")


def check_rooms(w: Week) -> Iterator[Violation]:
    """Sync-room uses per (school, day, period) <= sync_rooms (one per school per session)."""
    used: Counter[tuple[str, str, int]] = Counter()
    for s in w.sessions.values():
        uses = {(s.course.hub_school, s.hub_period)} | {(k[0], r) for k, r in s.periods.items()}
        used.update((school, s.day, p) for school, p in uses)
    for (school, day, p), n in used.items():
        rooms = w.inst.school_by_id[school].sync_rooms
        if n > rooms:
            yield Violation("room_capacity", f"school {school} uses {n} sync rooms on {day} "
                            f"period {p} but has {rooms}")


def check_curriculum(w: Week) -> Iterator[Violation]:
    """Lessons of each (class, subject), online included, == per_week; local ones by its teacher."""
    rows = {(r.school_id, r.class_id, r.subject): r for r in w.inst.curriculum}
    for x in w.local:
        row = rows.get((x.school, x.klass, x.subject))
        if row is None or row.teacher_id != x.teacher:
            yield Violation("local_teacher", f"local {x.subject} of class {x.klass} ({x.school}) "
                            f"on {x.day} period {x.period} by {x.teacher}, but the curriculum "
                            f"teacher is {row.teacher_id if row else 'absent'}")
    got = Counter((school, klass, subject) for school, klass, _, _, subject in class_lessons(w))
    for key in sorted(set(rows) | set(got)):
        want = rows[key].per_week if key in rows else 0
        if got[key] != want:
            yield Violation("curriculum_per_week", f"class {key[1]} of {key[0]} has {got[key]} "
                            f"{key[2]} lessons a week, curriculum says {want}")


def check_max_per_day(w: Week) -> Iterator[Violation]:
    """Lessons of a subject per class per day <= max_per_day, online included."""
    got = Counter((sc, k, subject, day) for sc, k, day, _, subject in class_lessons(w))
    for r in w.inst.curriculum:
        for day in w.inst.days:
            n = got[(r.school_id, r.class_id, r.subject, day)]
            if r.max_per_day is not None and n > r.max_per_day:
                yield Violation("max_per_day", f"class {r.class_id} of {r.school_id} has {n} "
                                f"{r.subject} lessons on {day}, max {r.max_per_day}")


def check_course_per_week(w: Week) -> Iterator[Violation]:
    """min_per_week <= sessions of each course <= max_per_week."""
    n = sessions_per_course(w)
    for c in w.inst.courses:
        if not c.min_per_week <= n[c.course_id] <= c.max_per_week:
            yield Violation("course_per_week", f"course {c.course_id} has {n[c.course_id]} "
                            f"sessions, needs {c.min_per_week}-{c.max_per_week}")


def check_loads(w: Week) -> Iterator[Violation]:
    """min_load <= credited load <= max_load, and teacher_load.csv states the real figures."""
    rows = defaultdict(list)
    for row in w.tables["teacher_load.csv"]:
        rows[row["teacher_id"]].append(row)
    for tid in sorted(set(rows) - set(w.inst.teacher_by_id)):
        yield Violation("table_consistency", f"teacher_load.csv names unknown teacher {tid}")
    for tid, (local, taught, assisted, load) in loads(w).items():
        t = w.inst.teacher_by_id[tid]
        if load < Fraction(t.min_load) or (t.max_load is not None and load > Fraction(t.max_load)):
            yield Violation("credited_load", f"teacher {tid} ({t.school_id}) has credited load "
                            f"{_show((load,))}, bounds [{t.min_load}, {t.max_load}]")
        if len(rows[tid]) != 1:
            yield Violation("credited_load", f"teacher_load.csv has {len(rows[tid])} rows "
                            f"for {tid}")
            continue
        row = rows[tid][0]
        stated = (row["school_id"], *(_parse(int, row[k]) for k in ("local", "online_main",
                                                                     "assistant")),
                  *(_parse(Fraction, row[k]) for k in ("credited", "min_load")),
                  _parse(Fraction, row["max_load"]) if row["max_load"] else None)
        true = (t.school_id, local, taught, assisted, load, Fraction(t.min_load),
                None if t.max_load is None else Fraction(t.max_load))
        if stated != true:
            yield Violation("credited_load", f"teacher_load.csv row of {tid} says "
                            f"({_show(stated)}), recomputed ({_show(true)})")


def minimums(w: Week) -> dict[tuple[str, str], tuple[Fraction, Fraction, bool]]:
    """(rule, scope) -> (required, achieved, ok) for every weekly minimum, load and level bound."""
    p, n = w.inst.policy, sessions_per_course(w)
    pair, delivered, received = Counter(), Counter(), Counter()
    for c in w.inst.courses:
        delivered[c.hub_school] += n[c.course_id]
        for school in dict.fromkeys(r.school_id for r in c.receptions):
            received[school] += n[c.course_id]
            if c.form == "sync":
                pair[f"{c.hub_school}->{school}"] += n[c.course_id]
    out = {}
    for rule, achieved in (("min_sync_lessons_per_pair", pair), ("min_online_lessons_delivered",
                           delivered), ("min_online_lessons_received", received)):
        least = p.min_sync_lessons_per_pair if "pair" in rule else p.min_online_lessons_per_school
        out |= {(rule, k): (Fraction(least), Fraction(n), n >= least) for k, n in achieved.items()}
    for tid, (_, taught, _, load) in loads(w).items():
        t = w.inst.teacher_by_id[tid]
        out[("min_load", tid)] = (Fraction(t.min_load), load, load >= Fraction(t.min_load))
        if t.max_load is not None:
            out[("max_load", tid)] = (Fraction(t.max_load), load, load <= Fraction(t.max_load))
        if t.level is not None:
            per_semester = p.level_min_online_per_semester.get(t.level, 0)
            least = -(-per_semester // p.semester_weeks)
            out[(f"level_min_online ({t.level})", tid)] = (Fraction(least), Fraction(taught),
                                                            taught >= least)
    return out


def check_minimums(w: Week) -> Iterator[Violation]:
    """Weekly per-pair and per-school minimums and the level minimums of teachers."""
    for (rule, scope), (least, got, ok) in minimums(w).items():
        if not ok and rule.startswith("level"):
            yield Violation("level_minimum", f"teacher {scope} teaches {got} sessions as hub "
                            f"teacher, {rule} needs {least}")
        elif not ok and rule.startswith("min_") and rule != "min_load":
            yield Violation("weekly_minimum", f"{rule} {scope}: {got} sessions < {least}")


def check_compliance_table(w: Week) -> Iterator[Violation]:
    """compliance.csv has one true row per minimum and bound (min_load only when above 0)."""
    truth, seen = minimums(w), set()
    for i, row in enumerate(w.tables["compliance.csv"], start=2):
        key = (row["rule"], row["scope"])
        if key not in truth or key in seen:
            yield Violation("compliance_table", f"compliance.csv row {i}: unexpected or repeated "
                            f"{key}")
            continue
        seen.add(key)
        least, got, ok = truth[key]
        stated = (_parse(Fraction, row["required"]), _parse(Fraction, row["achieved"]),
                  OK.get(row["ok"].strip().lower()))
        if stated != (least, got, ok):
            yield Violation("compliance_table", f"compliance.csv row {i} {' '.join(key)}: "
                            f"states ({_show(stated)}), recomputed ({_show((least, got, ok))})")
    for rule, scope in truth.keys() - seen:
        if not (rule == "min_load" and truth[(rule, scope)][0] == 0):
            yield Violation("compliance_table", f"compliance.csv lacks the row {rule} {scope}")


def terms(w: Week) -> dict[str, int]:
    """The four objective terms recomputed from the timetable."""
    days, lessons = w.inst.days, class_lessons(w)
    mis = 0
    for s in w.sessions.values():
        hub = w.bells[s.course.hub_school][s.hub_period]
        mis += sum(hub[1] - hub[0] - overlap(hub, w.bells[k[0]][r]) for k, r in s.periods.items())
    per_day = Counter((sc, k, subject, day) for sc, k, day, _, subject in lessons)
    repeats = sum(max(0, per_day[(r.school_id, r.class_id, r.subject, d)] - 1)
                  for r in w.inst.curriculum if 2 <= r.per_week <= len(days) for d in days)
    core = sum(1 for sc, _, _, p, subject in lessons
               if subject in w.inst.core_subjects and w.bells[sc][p][0] >= AFTERNOON)
    n = sessions_per_course(w)
    missing = sum(c.max_per_week - n[c.course_id] for c in w.inst.courses
                  if c.min_per_week < c.max_per_week)
    return {"misalignment_minutes": mis, "same_day_repeats": repeats,
            "core_in_afternoon": core, "missing_sessions": missing}


def check_objective(w: Week) -> Iterator[Violation]:
    """summary.json's terms, weights and objective equal the recomputed ones."""
    if not w.summary:
        return
    stated, objective = w.summary.get("terms", {}), 0
    for name, value in terms(w).items():
        weight = getattr(w.inst.weights, TERM_WEIGHTS[name])
        objective += value * weight
        got = stated.get(name, {})
        if (got.get("value"), got.get("weight"), got.get("weighted")) != (value, weight,
                                                                          value * weight):
            yield Violation("objective_term", f"summary term {name} states {got}, recomputed "
                            f"value {value} x weight {weight}")
    if w.summary.get("objective") != objective:
        yield Violation("objective_term", f"summary objective {w.summary.get('objective')}, "
                        f"recomputed {objective}")


CHECKS: tuple[Check, ...] = (
    check_tables, check_session_receptions, check_overlap, check_class_slots,
    check_teacher_slots, check_rooms, check_curriculum, check_max_per_day, check_course_per_week,
    check_loads, check_minimums, check_compliance_table, check_objective,
)


def check_solution(instance: Instance, out_dir: str | Path) -> list[Violation]:
    """Every violated rule of the solution in ``out_dir``; empty when everything holds."""
    week = read_week(instance, Path(out_dir))
    return [v for check in CHECKS for v in check(week)]


def assert_valid(instance: Instance, out_dir: str | Path) -> None:
    violations = check_solution(instance, out_dir)
    assert not violations, f"{len(violations)} violation(s):\n" + "\n".join(
        f"  [{v.rule}] {v.message}" for v in violations
    )
