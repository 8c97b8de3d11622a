"""Plain-text views for the terminal: class timetable grids, the alignment matrix, the summary.

Everything is rendered from the result frames (the same tables that are written to CSV), with
widths measured in terminal cells so that Chinese text lines up.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, namedtuple
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from aligner.alignment.overlap import PairAlignment, alignments
from aligner.alignment.proposal import BellProposal
from aligner.export.labels import known_word
from aligner.export.view import DayRow, day_rows
from aligner.instance import Instance, hhmm
from aligner.messages import language, listed, say
from aligner.solver.result import Result, programme_warnings, term_rules

if TYPE_CHECKING:  # (the checker's modules load for aligner check only)
    from aligner.check import CheckReport


@lru_cache(maxsize=8192)
def cells(text: str) -> int:
    """Terminal width of ``text``: wide (CJK) characters take two cells. (Cached: a city's grids
    measure the same subjects, names and period labels tens of thousands of times.)"""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def grid(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table with a rule under the header, columns padded to their widest cell."""
    widths = [max(cells(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(pad(str(h), w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("-+-".join("-" * w for w in widths))
    for row in rows:
        lines.append(" | ".join(pad(str(c), w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _rows(frame: pd.DataFrame) -> list[Any]:
    """The frame's rows as named tuples, as ``itertuples(index=False)`` gives them, each column
    turned into Python values at once (``itertuples`` reads pandas' string columns value by
    value: 0.029 s against 0.011 s for the county's 7,988 lessons)."""
    row = namedtuple("Row", [str(c) for c in frame.columns], rename=True)  # type: ignore[misc]
    return [row(*values) for values in zip(*(frame[c].tolist() for c in frame.columns),
                                           strict=True)]


def _one_season(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the first season (frames of several seasons repeat each lesson per season)."""
    if "season" in frame.columns and len(frame):
        return frame[frame["season"] == frame["season"].iloc[0]]
    return frame


def season_name(season: str) -> str:
    """A season id in the words of the messages' language (winter: 冬令 in Chinese), or the id
    itself when it is not one the catalogue knows."""
    return known_word(language(), f"export.season.{season}", season)


def period_label(instance: Instance, school_id: str, period: int) -> str:
    """'4 13:20-14:00', or with several seasons '4 13:20-14:00 / 14:00-14:40' (season order)."""
    times = dict.fromkeys(instance.bell(school_id, period, s).times for s in instance.seasons)
    return f"{period} " + " / ".join(times)


def _break_label(row: DayRow) -> str:
    """'大课间 10:05-10:35', or with several seasons '大课间 10:05-10:35 / -' ('-': none then)."""
    return f"{row.name} " + " / ".join(dict.fromkeys(t or "-" for t in row.times))


def _partners(instance: Instance, sessions: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """session_id -> (hub short name, receiving short names) for marking online cells."""
    marks: dict[str, tuple[str, str]] = {}
    for session_id, rows in sessions.groupby("session_id", sort=False):
        hub = instance.short_name(str(rows["hub_school_id"].iloc[0]))
        receiving = "、".join(
            instance.short_name(s) for s in dict.fromkeys(rows["receiving_school_id"])
        )
        marks[str(session_id)] = (hub, receiving)
    return marks


def _room_name(instance: Instance, school_id: str, room_id: str) -> str:
    room = instance.room_by_key.get((school_id, room_id))
    return room.name if room is not None else room_id


def class_grid(
    instance: Instance,
    lessons: pd.DataFrame,
    sessions: pd.DataFrame,
    school_id: str,
    class_id: str,
    *,
    marks: dict[str, tuple[str, str]] | None = None,
) -> str:
    """One class's week: days across, periods (with times) down; online lessons marked
    ``->厚仁`` (taught from here to the partner) or ``<-巫溪`` (received from the hub); ASCII
    arrows, because terminals disagree on the width of → and ←. ``marks``: the sessions'
    partners, when already computed (:func:`timetable_text` does it once for every grid)."""
    marks = _partners(instance, sessions) if marks is None else marks
    lessons = _one_season(lessons)
    mine = lessons[(lessons["school_id"] == school_id) & (lessons["class_id"] == class_id)]
    return _class_week(instance, _rows(mine), school_id, class_id, marks,
                       _PeriodLabels(instance))


class _PeriodLabels:
    """Each school's day rows and period labels, worked out once for all its grids."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self._of_school: dict[str, list[tuple[DayRow, str]]] = {}

    def __call__(self, school_id: str) -> list[tuple[DayRow, str]]:
        """(row, its first cell) of every period and break row of the school's day."""
        known = self._of_school.get(school_id)
        if known is None:
            known = []
            for line in day_rows(self.instance, school_id):
                if line.kind == "break":
                    known.append((line, _break_label(line)))
                elif line.kind == "period":
                    known.append((line, period_label(self.instance, school_id, line.period)
                                  + (f" {line.name}" if line.name else "")))
            self._of_school[school_id] = known
        return known


def _class_week(instance: Instance, mine: list, school_id: str, class_id: str,
                marks: dict[str, tuple[str, str]], labels: _PeriodLabels) -> str:
    """:func:`class_grid` of the class's lesson rows (lessons.csv rows of one season)."""
    by_slot = {(str(row.day), int(str(row.period))): row for row in mine}
    rows = []
    for line, label in labels(school_id):
        if line.kind == "break":
            rows.append([label, *([""] * len(instance.days))])
            continue
        cells_of_row = [label]
        for day in instance.days:
            lesson = by_slot.get((day, line.period))
            if lesson is None:
                cells_of_row.append("")
            elif lesson.mode == "online-main":
                cells_of_row.append(f"{lesson.subject}->{marks[str(lesson.session_id)][1]}")
            elif lesson.mode == "online-receiving":
                cells_of_row.append(f"{lesson.subject}<-{marks[str(lesson.session_id)][0]}")
            else:
                room = str(getattr(lesson, "room_id", "") or "")
                cells_of_row.append(str(lesson.subject) + (f"@{_room_name(instance, school_id, room)}"
                                                           if room else ""))
        rows.append(cells_of_row)
    klass = instance.class_by_key[(school_id, class_id)]
    title = say("cli.class_title", school=instance.school_name(school_id), klass=klass.name,
                school_id=school_id, class_id=class_id, grade=klass.grade,
                head=say("cli.head_teacher", name=instance.teacher_name(klass.head_teacher))
                if klass.head_teacher else "")
    teachers = []
    of_subject: dict[str, tuple[list[str], list[str]]] = {}
    for lesson in by_slot.values():  # (one pass: a class's lessons by subject)
        ids, helpers = of_subject.setdefault(str(lesson.subject), ([], []))
        ids.append(str(lesson.teacher_id))
        helpers.append(str(lesson.assistant_id))
    for row in instance.curriculum_of_class.get((school_id, class_id), ()):
        ids, helpers = of_subject.get(row.subject, ([], []))
        names = "/".join(dict.fromkeys("+".join(instance.teacher_name(t) for t in ts.split("+"))
                                       for ts in ids))
        assistants = "/".join(dict.fromkeys(instance.teacher_name(t) for t in helpers if t))
        if names:
            teachers.append(f"{row.subject} {names}"
                            + (say("cli.assistant_of", names=assistants) if assistants else ""))
    legend = say("cli.teachers_legend", teachers=listed(teachers))
    return "\n".join([title, grid([say("cli.period"), *instance.days], rows), legend])


def teacher_grid(
    instance: Instance, lessons: pd.DataFrame, sessions: pd.DataFrame, teacher_id: str,
    *, marks: dict[str, tuple[str, str]] | None = None, research: pd.DataFrame | None = None,
) -> str:
    """One teacher's week at the teacher's school: local lessons (subject and class), sessions
    taught (``->`` receiving schools) and sessions assisted (``<-`` hub), research meetings
    (research.csv rows, ``研修->`` / ``研修<-``), with the credited load."""
    marks = _partners(instance, sessions) if marks is None else marks
    lessons, sessions = _one_season(lessons), _one_season(sessions)
    meetings = _one_season(research) if research is not None else pd.DataFrame()
    return _teacher_week(instance, _rows(lessons), _rows(sessions), teacher_id, marks,
                         _rows(meetings), _PeriodLabels(instance))


def _first_of_each_session(rows: list) -> list:
    """The rows of distinct session ids, the first of each (pandas' ``drop_duplicates``)."""
    first: dict[str, Any] = {}
    for row in rows:
        first.setdefault(str(row.session_id), row)
    return list(first.values())


def _teacher_week(instance: Instance, lessons: list, sessions: list, teacher_id: str,
                  marks: dict[str, tuple[str, str]], research: list,
                  labels: _PeriodLabels) -> str:
    """:func:`teacher_grid` of lessons.csv, sessions.csv and research.csv rows of one season
    (any rows: those of others are passed over)."""
    teacher = instance.teacher_by_id[teacher_id]
    cell: dict[tuple[str, int], str] = {}
    classes: dict[tuple[str, int], list[str]] = {}
    for row in lessons:  # a combined lesson: its classes in one cell
        if row.mode != "local" or teacher_id not in str(row.teacher_id).split("+"):
            continue
        slot = (str(row.day), int(str(row.period)))
        classes.setdefault(slot, []).append(instance.class_name(str(row.school_id),
                                                                str(row.class_id)))
        room = str(getattr(row, "room_id", "") or "")
        where = f"@{_room_name(instance, str(row.school_id), room)}" if room else ""
        cell[slot] = f"{row.subject} {'+'.join(classes[slot])}{where}"
    taught = _first_of_each_session([row for row in sessions
                                     if str(row.hub_teacher_id) == teacher_id])
    for row in taught:
        course = instance.course_by_id[str(row.course_id)]
        here = f" {instance.class_name(course.hub_school, course.hub_class)}" if course.hub_class else ""
        cell[(str(row.day), int(str(row.hub_period)))] = (
            f"{course.subject}{here}->{marks[str(row.session_id)][1]}")
    assisted = _first_of_each_session([row for row in lessons
                                       if str(row.assistant_id) == teacher_id])
    for row in assisted:
        cell[(str(row.day), int(str(row.period)))] = (
            f"{row.subject}<-{marks[str(row.session_id)][0]}{say('cli.assist')}")
    meetings = 0
    for row in research:
        if str(row.hub_teacher_id) == teacher_id:
            slot = (str(row.day), int(str(row.hub_period)))
            other = instance.short_name(str(row.receiving_school_id))
            arrow = "->"
        elif teacher_id in str(row.assistant_teacher_ids).split("+"):
            slot = (str(row.day), int(str(row.receiving_period)))
            other = instance.short_name(str(row.hub_school_id))
            arrow = "<-"
        else:
            continue
        if slot in cell and cell[slot].startswith(say("cli.research")):  # several schools
            cell[slot] += f"、{other}"
            continue
        meetings += 1
        cell[slot] = f"{say('cli.research')}{arrow}{other}"
    rows = [[label, *("" if line.kind == "break" else cell.get((day, line.period), "")
                      for day in instance.days)]
            for line, label in labels(teacher.school_id)]
    title = say("cli.teacher_title", school=instance.school_name(teacher.school_id),
                name=teacher.name, id=teacher_id, local=len(classes), taught=len(taught),
                assisted=len(assisted))
    if meetings:
        title += say("cli.teacher_research", n=meetings)
    return "\n".join([title, grid([say("cli.period"), *instance.days], rows)])


def timetable_text(
    instance: Instance,
    lessons: pd.DataFrame,
    sessions: pd.DataFrame,
    *,
    classes: bool = True,
    teachers: bool = False,
    research: pd.DataFrame | None = None,
) -> str:
    """Every class's grid and/or every teacher's grid, school by school (``research``: the
    research meetings, shown in the teachers' grids). The frames are split by class and by
    teacher once, so that a city's grids take seconds, not minutes."""
    marks = _partners(instance, sessions)
    lessons, sessions = _one_season(lessons), _one_season(sessions)
    rows_of_class = lessons.groupby(["school_id", "class_id"], sort=False).indices
    rows_of_teacher: dict[str, list[int]] = {}
    for column in ("teacher_id", "assistant_id"):
        for teacher_ids, positions in lessons.groupby(column, sort=False).indices.items():
            for teacher_id in str(teacher_ids).split("+"):  # co-teachers each
                rows_of_teacher.setdefault(teacher_id, []).extend(positions)
    sessions_of_teacher = sessions.groupby("hub_teacher_id", sort=False).indices
    no_rows: list[int] = []
    records = _rows(lessons)
    session_records = _rows(sessions) if teachers else []
    meetings_of_teacher: dict[str, list] = {}
    if teachers and research is not None:
        for row in _rows(_one_season(research)):
            for t in dict.fromkeys([str(row.hub_teacher_id),
                                    *str(row.assistant_teacher_ids).split("+")]):
                meetings_of_teacher.setdefault(t, []).append(row)
    labels = _PeriodLabels(instance)
    blocks = []
    for school in instance.schools:
        blocks.append(say("cli.school_heading", name=school.name, id=school.school_id))
        if classes:
            for klass in instance.classes:
                if klass.school_id == school.school_id:
                    mine = [records[i] for i in rows_of_class.get(klass.key, no_rows)]
                    blocks.append(_class_week(instance, mine, *klass.key, marks, labels))
                    blocks.append("")
        if teachers:
            for teacher in instance.teachers:
                if teacher.school_id == school.school_id:
                    t = teacher.teacher_id
                    blocks.append(_teacher_week(
                        instance, [records[i] for i in sorted(set(rows_of_teacher.get(t, no_rows)))],
                        [session_records[i] for i in sessions_of_teacher.get(t, no_rows)], t,
                        marks, meetings_of_teacher.get(t, []), labels))
                    blocks.append("")
    return "\n".join(blocks).rstrip() + "\n"


def stages_text(stages: tuple[dict, ...]) -> str:
    """One line on the search's stages, e.g. 'Search: LP bound 65 (0.32 s); guided: OPTIMAL 65,
    met the bound (0.16 s)'."""
    parts = []
    for stage in stages:
        if stage["stage"] == "lp":
            parts.append(say("cli.lp_bound", bound=stage["bound"],
                             seconds=f"{stage['seconds']:.2f}")
                         if stage["bound"] is not None else say("cli.lp_not_used"))
            continue
        found = "" if stage["objective"] is None else f" {stage['objective']:g}"
        met = say("cli.met_bound") if stage.get("met_bound") else ""
        name = stage["stage"]
        if name == "raise":  # the objective it held: 'raise 73: INFEASIBLE' raised the bound
            name = f"{name} {stage['bound']}"
        parts.append(say("cli.stage", stage=name, status=stage["status"], found=found,
                         met=met, seconds=f"{stage['seconds']:.2f}"))
    return say("cli.search", stages=say("cli.separator").join(parts))


STATUSES = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "MODEL_INVALID")


def status_word(status: str) -> str:
    """A status as the summary shows it: OPTIMAL, or in Chinese OPTIMAL（已证明最优）."""
    return say(f"cli.status_name.{status}") if status in STATUSES else status


def changes_text(result: Result) -> str:
    """What moved since the previous timetable: the places moved against those that had to,
    and the first lines of changes.csv."""
    summary = result.previous_summary()
    rows = result.changes()
    lines = [say("cli.changes", moved=summary["changes"], places=summary["places"],
                 least=summary["least_moves"], rows=len(rows),
                 lock=summary["lock"] or say("cli.no_lock"))]
    for row in rows.head(CHANGES_SHOWN).to_dict("records"):
        old = f"{row['old_day']} {row['old_period']}" if row["old_day"] else "-"
        new = f"{row['new_day']} {row['new_period']}" if row["new_day"] else "-"
        lines.append("  " + say("cli.change_line", school=row["school_id"],
                                klass=row["class_id"], subject=row["subject"], old=old, new=new,
                                reason=f" ({row['reason']})" if row["reason"] else ""))
    if len(rows) > CHANGES_SHOWN:
        lines.append("  " + say("cli.changes_more", n=len(rows) - CHANGES_SHOWN))
    from aligner.changes import other_teachers

    handed = other_teachers(result.instance)
    if handed:
        first = handed[0]
        now = result.instance.curriculum_row[(first.school_id, first.class_id, first.subject)]
        lines.append(say("cli.changes_teachers", n=len(handed), school=first.school_id,
                         klass=first.class_id, subject=first.subject, old=first.teacher_id,
                         new="+".join(now.teacher_ids)))
    return "\n".join(lines)


CHANGES_SHOWN = 12
"""Lines of changes.csv the summary prints."""


def summary_text(result: Result) -> str:
    """Status, objective by term, timing, sessions per course and compliance, for the terminal."""
    interrupted = say("cli.interrupted_best") \
        if result.interrupted and result.found else say("cli.interrupted") \
        if result.interrupted else ""
    lines = [say("cli.instance", name=result.instance.name),
             say("cli.status", status=status_word(str(result.status)), interrupted=interrupted)]
    settings = result.settings
    # in components the limit holds for each component, not for the whole run
    key = "cli.timing_components" if result.in_components else "cli.timing"
    timing = say(key, built=f"{result.build_seconds:.2f}", solved=f"{result.solve_seconds:.2f}",
                 n=len(result.components), jobs=settings.jobs,
                 workers=say("cli.workers", n=settings.workers), seed=settings.seed,
                 limit=f"{settings.time_limit:g}", version=result.ortools_version)
    if result.objective is None:
        lines.append(timing)
        return "\n".join(lines) + "\n"
    gap = result.gap or 0.0
    lines.append(say("cli.objective", objective=result.objective,
                     bound=f"{result.best_bound:g}", gap=f"{gap:.2%}"))
    lines.append(grid(
        [say("cli.col.term"), say("cli.col.value"), say("cli.col.weight"),
         say("cli.col.weighted")],
        [[name, str(value), str(result.weights[name]), str(value * result.weights[name])]
         for name, value in result.terms.items()],
    ))
    lines.append(timing)
    if result.stages:
        lines.append(stages_text(result.stages))
    if result.components:
        lines.append(components_text(result))
    lines.append(sessions_text(result))
    if result.instance.previous is not None and result.found:
        lines.append(changes_text(result))
    if result.bell_changes:
        lines.append(say("cli.bell_changes", count=len(result.bell_changes)))
        lines.extend("  " + say("solver.bell_change", school=instance_name(result, c),
                                period=c["period"], before=c["before"], after=c["after"],
                                shift=f"{c['shift_minutes']:+d}")
                     + (f" [{season_name(c['season'])}]" if len(result.instance.seasons) > 1
                        else "")
                     for c in result.bell_changes)
    compliance = result.compliance()
    broken = compliance[~compliance["ok"]]
    unsolved = [c for c in result.components if c["status"] not in ("OPTIMAL", "FEASIBLE")]
    if unsolved:
        lines.append(say("cli.compliance_partial", n=len(unsolved)))
    if compliance.empty:
        lines.append(say("cli.compliance_none"))
    elif broken.empty:
        lines.append(say("cli.compliance_all", count=len(compliance)))
    else:
        lines.append(say("cli.compliance_broken", broken=len(broken), count=len(compliance)))
        lines.extend("  " + say("cli.compliance_line", rule=r.rule, scope=r.scope,
                                required=f"{r.required:g}", achieved=f"{r.achieved:g}")
                     for r in broken.itertuples(index=False))
    lines.append(term_basis_text(result.instance))
    lines.extend(say("cli.programme_finding", message=m)
                 for m in programme_warnings(result.instance))
    if result.instance.policy.research_per_week and result.timetable is not None:
        lines.append(say("cli.research_meetings", count=len(result.timetable.meetings)))
    return "\n".join(lines) + "\n"


def term_basis_text(instance: Instance) -> str:
    """Which count the term rules used: the term's dates, or the weekly approximation."""
    basis = term_rules(instance)
    if basis["basis"] == "weekly":
        return say("term.basis_weekly", weeks=basis["semester_weeks"])
    return say("term.basis_dates", dates=basis["teaching_dates"], start=basis["start"],
               end=basis["end"], weeks=f"{basis['teaching_weeks']:g}")


def components_text(result: Result) -> str:
    """The independent components: how each solve went."""
    rows = []
    for c in result.components:
        gap = "" if c["gap"] is None else f"{c['gap']:.2%}"
        rows.append([", ".join(c["schools"]), c["status"],
                     "" if c["objective"] is None else str(c["objective"]),
                     "" if c["best_bound"] is None else f"{c['best_bound']:g}", gap,
                     f"{c['seconds']:.1f}"])
    statuses = Counter(c["status"] for c in result.components)
    head = say("cli.components_head", count=len(result.components),
               statuses=", ".join(f"{n} {s}" for s, n in statuses.items()))
    if len(rows) > 12:  # a city or a province: the slowest and the failed ones
        shown = sorted(range(len(rows)), key=lambda i: (rows[i][1] == "OPTIMAL",
                                                        -float(rows[i][5])))[:10]
        rows = [rows[i] for i in shown]
        head += say("cli.components_slowest")
    return head + "\n" + grid([say(f"cli.col.{c}") for c in
                               ("schools", "status", "objective", "bound", "gap", "seconds")],
                              rows)


def instance_name(result: Result, change: dict) -> str:
    return result.instance.school_name(change["school_id"])


def sessions_text(result: Result) -> str:
    """Sessions a week per course, in the order of sync.csv, against each course's range."""
    instance = result.instance
    held = result.sessions().drop_duplicates("session_id")["course_id"].value_counts()
    rows = []
    for course in instance.courses:
        wanted = (str(course.min_per_week) if not course.is_range
                  else f"{course.min_per_week}-{course.max_per_week}")
        receiving = "、".join(instance.short_name(s) for s in course.receiving_schools)
        rows.append([course.course_id, say(f"io.form.{course.form}"), course.subject,
                     f"{instance.short_name(course.hub_school)} -> {receiving}", wanted,
                     str(int(held.get(course.course_id, 0)))])
    total = int(held.sum())
    if not rows:
        return say("cli.sessions_none")
    if len(rows) > 20:  # many pairs: per form, not per course
        per_form: dict[str, list[int]] = {}
        for row in rows:
            per_form.setdefault(row[1], [0, 0])
            per_form[row[1]][0] += 1
            per_form[row[1]][1] += int(row[5])
        return say("cli.sessions_by_form", total=total, courses=len(rows),
                   forms=", ".join(say("cli.sessions_of_form", form=form, courses=n, sessions=s)
                                   for form, (n, s) in per_form.items()))
    table = grid([say(f"cli.col.{c}") for c in
                  ("course", "form", "subject", "hub_receiving", "per_week", "sessions")], rows)
    return say("cli.sessions_head", total=total) + f"\n{table}"


BROKEN_SHOWN = 20
"""Violations of one rule that aligner check prints unless ``--all``."""


def check_text(instance: Instance, report: CheckReport, *, show_loads: bool = False,
               show_all: bool = False) -> str:
    """The verdict of aligner check: broken rules (the first :data:`BROKEN_SHOWN` of each rule
    unless ``show_all``), stale reports, recomputed objective and loads."""
    hard = [v for v in report.violations if v.hard]
    soft = [v for v in report.violations if not v.hard]
    lines: list[str] = []
    for group, key in ((hard, "cli.broken"), (soft, "cli.report_out_of_date")):
        shown: dict[str, int] = {}
        for v in group:
            shown[v.rule] = shown.get(v.rule, 0) + 1
            if show_all or shown[v.rule] <= BROKEN_SHOWN:
                lines.append(say(key, violation=v, message=v.message))
        lines += [say("cli.more_broken", count=n - BROKEN_SHOWN, rule=rule)
                  for rule, n in shown.items() if not show_all and n > BROKEN_SHOWN]
    lines += [say("cli.programme_finding", message=f.message) for f in report.findings]
    if hard:
        rules = sorted({v.rule for v in hard})
        lines.append(say("cli.violations", count=len(hard), rules=len(rules),
                         names=", ".join(rules)))
    else:
        lines.append(say("cli.nothing_broken", lessons=report.lessons,
                         sessions=report.sessions))
    weights = instance.weights.by_term()
    lines.append(say("cli.objective_recomputed", objective=report.objective, terms=" + ".join(
        f"{name} {value} x {weights[name]}" for name, value in report.terms.items())))
    out_of_bounds = [t for t in instance.teachers
                     if report.loads[t.teacher_id][3] < t.min_load
                     or (t.max_load is not None and report.loads[t.teacher_id][3] > t.max_load)]
    lines.append(say("cli.loads_recomputed", teachers=len(instance.teachers),
                     verdict=say("cli.out_of_bounds", count=len(out_of_bounds))
                     if out_of_bounds else say("cli.within_bounds")))
    if show_loads:
        rows = []
        for t in instance.teachers:
            local, taught, assisted, load = report.loads[t.teacher_id]
            cap = "-" if t.max_load is None else f"{t.max_load}"
            rows.append([t.teacher_id, t.name, str(local), str(taught), str(assisted),
                         f"{float(load):g}", f"{t.min_load}", cap])
        lines.append(grid([say(f"cli.col.{c}") for c in
                           ("teacher", "name", "local", "online_main", "assistant", "credited",
                            "min_load", "max_load")], rows))
    return "\n".join(lines) + "\n"


def alignment_text(instance: Instance, pairs: tuple[tuple[str, str], ...] | None = None) -> str:
    """The overlap matrix (minutes) of every (hub, receiving) pair (those given, or those linked
    by a course) in each season; '*' marks the cells that qualify."""
    minimum = instance.policy.min_overlap_minutes
    several = len(instance.seasons) > 1
    blocks = [say("cli.overlap_head_seasons" if several else "cli.overlap_head",
                  seasons=", ".join(map(season_name, instance.seasons)), minimum=minimum)]
    tables = alignments(instance, pairs)
    if not tables:
        blocks.append(say("cli.nothing_to_align"))
    for (hub, receiving), pair in tables.items():
        blocks.append("")
        blocks.append(say("cli.pair_heading", hub=instance.school_name(hub), hub_id=hub,
                          receiving=instance.school_name(receiving), receiving_id=receiving))
        for season in instance.seasons:
            blocks.extend(_overlap_matrix(instance, pair, season, minimum))
        alignable = pair.alignable_hub_periods
        blocks.append(say("cli.alignable_seasons" if several else "cli.alignable",
                          periods=", ".join(map(str, alignable)) or say("cli.none"),
                          count=len(alignable), of=len(pair.hub_periods[instance.season]),
                          week=len(alignable) * len(instance.days)))
    receivers: dict[str, list[str]] = {}
    for hub, receiving in tables:
        receivers.setdefault(hub, []).append(receiving)
    for hub, schools in receivers.items():
        if len(schools) > 1:
            common = set.intersection(*(set(tables[(hub, s)].alignable_hub_periods)
                                        for s in schools))
            blocks.append("")
            blocks.append(say("cli.common_periods", hub=instance.school_name(hub),
                              schools="、".join(instance.school_name(s) for s in schools),
                              periods=", ".join(map(str, sorted(common))) or say("cli.none")))
    return "\n".join(blocks) + "\n"


def _overlap_matrix(instance: Instance, pair: PairAlignment, season: str, minimum: int) -> list[str]:
    hub_periods, receiving_periods = pair.hub_periods[season], pair.receiving_periods[season]
    overlap = pair.overlaps[season]
    header = [f"{instance.short_name(pair.hub_school)} \\ "
              f"{instance.short_name(pair.receiving_school)}"]
    header += [f"{r.period} {r.times}" for r in receiving_periods]
    rows = []
    for i, h in enumerate(hub_periods):
        row = [f"{h.period} {h.times}"]
        for j in range(len(receiving_periods)):
            minutes = int(overlap[i, j])
            row.append(f"{minutes}*" if minutes >= minimum else str(minutes) if minutes else "")
        rows.append(row)
    same_number = [int(overlap[i, i]) for i in range(min(overlap.shape))]
    lines = [f"[{season_name(season)}]"] if len(instance.seasons) > 1 else []
    lines.append(grid(header, rows))
    lines.append(say("cli.same_numbered", minutes=", ".join(map(str, same_number))))
    return lines


def dropped_breaks_text(moved: Instance) -> str:
    """The named breaks the moved bells overlap, which bells_proposed.csv leaves out ('' when
    none): the school times them again before adopting the proposal."""
    from aligner.export.files import overlapped_breaks

    dropped = overlapped_breaks(moved.bells, moved.breaks)
    if not dropped:
        return ""
    lines = [say("cli.breaks_dropped", n=len(dropped))]
    lines += ["  " + say("cli.break_dropped", school=moved.school_name(b.school_id),
                         name=b.name, times=f"{hhmm(b.start)}-{hhmm(b.end)}",
                         season=season_name(b.season)) for b in dropped]
    return "\n".join(lines) + "\n"


def proposals_text(instance: Instance, proposals: list[BellProposal]) -> str:
    """The proposed bells: what moves, per school, and what it achieves, per season."""
    lines = []
    several = len(proposals) > 1
    for proposal in proposals:
        head = say("cli.proposed_season", season=season_name(proposal.season)) if several \
            else say("cli.proposed")
        if proposal.status not in ("OPTIMAL", "FEASIBLE"):
            lines.append(say("cli.proposal_none", head=head, status=proposal.status))
            continue
        lines.append(say("cli.proposal", head=head, before=proposal.aligned_before,
                         after=proposal.aligned_after, of=proposal.hub_periods,
                         full_before=proposal.full_before, full_after=proposal.full_after,
                         movement=proposal.movement, largest=proposal.largest_shift,
                         proven="" if proposal.status == "OPTIMAL" else say("cli.not_proven")))
        if not proposal.changes:
            lines.append("  " + say("cli.no_move"))
        lines.extend(f"  {change.describe(instance)}" for change in proposal.changes)
        lines.extend("  " + say("cli.still_unaligned", reason=reason)
                     for reason in proposal.unaligned)
    return "\n".join(lines) + "\n"
