"""``aligner diff``, ``aligner substitute`` and ``aligner check-substitutions``: a timetable
through the term on the command line, thin wrappers over :mod:`aligner.living`,
:mod:`aligner.export.notices` and :mod:`aligner.check.substitutions`; registered on
:data:`aligner.cli.main`. Exit codes: 0 done (check-substitutions: the plan keeps every rule),
1 (check-substitutions) a rule is broken, 2 bad input or usage (nothing written), 6 an output
could not be written."""

from __future__ import annotations

import datetime as dt
import sys
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from aligner.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN,
    EXIT_CANNOT_WRITE,
    EXIT_OK,
    check_writable,
    fail,
    show_warnings,
)
from aligner.cli.common import LANG_OPTION as MESSAGES_LANG_OPTION
from aligner.cli.office_commands import _date, check_xlsx_target
from aligner.messages import say

if TYPE_CHECKING:
    from aligner.export.notices import Notice
    from aligner.instance import Instance
    from aligner.io import InputError


def _bad_input(heading: str, exc: InputError) -> NoReturn:
    """Every problem of the input (file, row, column) under ``heading``; exit 2."""
    click.echo(say("cli.error_heading", heading=heading), err=True)
    for issue in exc.issues:
        click.echo(f"  {issue}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _instance(solution: str, instance_path: str | None) -> Instance:
    """The instance of the timetable in ``solution`` (summary.json's instance_path, or
    ``--instance``) with the bells it was solved on; exit 2 when it cannot be read."""
    from aligner.export.view import SolutionError, instance_of
    from aligner.io import InputError, InputWarning
    from aligner.io.solution_dir import load_solved_instance

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            path = instance_of(solution, instance_path)
            instance, _ = load_solved_instance(solution, path, quiet_warnings=True)
            return instance
        except (SolutionError, InputError) as exc:
            _bad_input(say("living.cli.cannot_read", solution=solution), exc)  # type: ignore[arg-type]
        finally:
            show_warnings(caught)


def _targets(xlsx: str | None, html: str | None, out: Path | None = None) -> None:
    """Refuse, before any work, outputs that cannot be written."""
    if xlsx:
        check_xlsx_target(Path(xlsx))
        check_writable(Path(xlsx).parent)
    if html:
        check_writable(Path(html))
    if out is not None:
        check_writable(out)


def _write(contents: list[tuple[Path, dict[str, str | bytes]]]) -> None:
    from aligner.export.targets import write_exports

    try:
        write_exports(contents)
    except OSError as exc:
        fail(say("cli.cannot_write_what", what=say("living.cli.the_outputs"),
                 reason=exc.strerror or exc, file=exc.filename or ""), EXIT_CANNOT_WRITE)
    for directory, files in contents:
        if len(files) == 1:
            click.echo(say("cli.wrote", path=directory / next(iter(files))))
        else:
            click.echo(say("cli.wrote_files", count=len(files), directory=directory))


def _notice_targets(notices: list[Notice], instance: Instance, lang: str, title: str,
                    xlsx: str | None, html: str | None
                    ) -> list[tuple[Path, dict[str, str | bytes]]]:
    from aligner.export.notices import notices_site, notices_workbook

    targets: list[tuple[Path, dict[str, str | bytes]]] = []
    if xlsx:
        path = Path(xlsx)
        targets.append((path.parent, {path.name: notices_workbook(notices, instance)}))
    if html:
        targets.append((Path(html), dict(notices_site(notices, instance, lang, title))))
    return targets


LANG_OPTION = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh",
                           show_default=True, help="Language of the printed notices.")
INSTANCE_OPTION = click.option(
    "--instance", "instance_path", type=click.Path(),
    help="The instance (directory or .xlsx) [default: summary.json's instance_path].")


# ---- aligner diff ------------------------------------------------------------------------------


@click.command("diff", short_help="What changed between two timetables, with notices.")
@click.argument("old_dir", type=click.Path(file_okay=False))
@click.argument("new_dir", type=click.Path(file_okay=False))
@INSTANCE_OPTION
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False),
              help="Also write the table of changes as a CSV file.")
@click.option("--xlsx", type=click.Path(dir_okay=False),
              help="Write the notices (调课通知) as an Excel workbook, a sheet per school.")
@click.option("--html", type=click.Path(file_okay=False),
              help="Write the notices as web pages here, one per class, teacher and school.")
@click.option("--from-date", "applies_from", callback=_date, metavar="YYYY-MM-DD",
              help="The day the new timetable applies from, printed in the notices.")
@LANG_OPTION
def diff_command(old_dir: str, new_dir: str, instance_path: str | None, csv_file: str | None,
                 xlsx: str | None, html: str | None, applies_from: dt.date | None,
                 lang: str) -> None:
    """Print every lesson of a class, a teacher or an online session that moved, appeared,
    vanished or changed hands from the timetable in OLD_DIR to the one in NEW_DIR; write the
    notices (调课通知) for each class, teacher and partner school concerned. The names come from
    NEW_DIR's instance (summary.json's instance_path, or --instance)."""
    from aligner.cli.text import grid
    from aligner.export.files import csv_text
    from aligner.export.notices import change_notices
    from aligner.io import InputError
    from aligner.living.diff import changes, diff_frame, read_week

    _targets(xlsx, html, Path(csv_file).parent if csv_file else None)
    instance = _instance(new_dir, instance_path)
    try:
        old = read_week(old_dir, instance)
        new = read_week(new_dir, instance)
    except InputError as exc:
        _bad_input(say("living.cli.cannot_diff"), exc)
    rows = changes(old, new, instance)
    frame = diff_frame(rows)
    if (xlsx or html) and rows and applies_from is None:
        click.echo(say("living.cli.notices_undated"), err=True)
    records = [r.record() for r in rows]
    targets = _notice_targets(change_notices(records, instance, lang, applies_from), instance,
                              lang, say("living.cli.change_title", name=instance.name),
                              xlsx, html)
    if csv_file:
        path = Path(csv_file)
        targets.insert(0, (path.parent, {path.name: csv_text(frame)}))
    click.echo(say("living.cli.diff_heading", old=old_dir, new=new_dir))
    if rows:
        for view in ("class", "teacher", "session"):
            mine = [r for r in records if r["view"] == view]
            if mine:
                click.echo(say(f"living.cli.section.{view}"))
                click.echo(grid([say(f"living.cli.col.{c}") for c in _COLUMNS[view]],
                                [_cells(instance, view, r) for r in mine]))
        counts = {view: sum(1 for r in records if r["view"] == view)
                  for view in ("class", "teacher", "session")}
        click.echo(say("living.cli.diff_summary", classes=counts["class"],
                       teachers=counts["teacher"], sessions=counts["session"]))
    else:
        click.echo(say("living.cli.nothing_changed"))
    if targets:
        _write(targets)


_COLUMNS = {
    "class": ("school", "class", "subject", "change", "before", "now", "teacher"),
    "teacher": ("school", "teacher", "subject", "classes", "role", "change", "before", "now"),
    "session": ("school", "course", "subject", "end", "classes", "change", "before", "now"),
}


def _when(day: str, period: str, time: str) -> str:
    return " ".join(x for x in (day, period, time) if x) or "-"


def _cells(instance: Instance, view: str, r: dict[str, str]) -> list[str]:
    before = _when(r["old_day"], r["old_period"], r["old_time"])
    now = _when(r["new_day"], r["new_period"], r["new_time"])
    change = say(f"living.cli.change.{r['change']}")
    role = say(f"living.cli.role.{r['role']}")
    if view == "class":
        teacher = instance.teacher_name(r["teacher_id"]) if r["teacher_id"] else ""
        if r["change"] == "changed" and r["old_teacher_id"] != r["teacher_id"]:
            teacher = f"{instance.teacher_name(r['old_teacher_id'])} -> {teacher}"
        elif r["change"] == "changed":
            was = say(f"living.cli.role.{r['old_role']}")
            teacher += f" ({was} -> {role})"
        return [r["school_id"], f"{instance.class_name(r['school_id'], r['class_id'])}",
                r["subject"], change, before, now, teacher]
    classes = "+".join(instance.class_name(r["school_id"], c) for c in r["class_id"].split("+")
                       if c)
    if view == "teacher":
        return [r["school_id"], f"{instance.teacher_name(r['teacher_id'])} ({r['teacher_id']})",
                r["subject"], classes, role, change, before, now]
    return [r["school_id"], r["course_id"], r["subject"], say(f"living.cli.end.{r['role']}"),
            classes, change, before, now]


# ---- aligner substitute ------------------------------------------------------------------------


@click.command("substitute", short_help="Cover the lessons of absent teachers, with notices.")
@click.argument("solution", type=click.Path(file_okay=False))
@click.option("--teacher", "teacher_id",
              help="The absent teacher: an id, or a name no other teacher has (with --from and "
                   "--to).")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First day of the absence.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last day of the absence.")
@click.option("--reason", default="", help="Why the teacher is away (printed in absences.csv).")
@click.option("--absences", "absences_file", type=click.Path(dir_okay=False),
              help="A CSV file of absences (columns teacher_id, from, to, optional reason) "
                   "instead of --teacher/--from/--to.")
@INSTANCE_OPTION
@click.option("--skip-dates", multiple=True, type=click.Path(dir_okay=False),
              help="File of holidays and other dates without lessons (repeatable; the format "
                   "of aligner export), besides those of the instance's term calendar.")
@click.option("--term", metavar="FIRST..LAST",
              help="The term's first and last day: absences outside it are refused [default: "
                   "the instance's term calendar, if it has one].")
@click.option("--swaps", is_flag=True,
              help="Where no one can cover a lesson, propose a swap (调课) with another lesson "
                   "of the class in the same week.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Where to write substitutions.csv and absences.csv [default: "
                   "SOLUTION/substitutions].")
@click.option("--force", is_flag=True,
              help="Replace a plan already in that directory (without it, an earlier plan is "
                   "never overwritten).")
@click.option("--xlsx", type=click.Path(dir_okay=False),
              help="Write the notices (代课通知) as an Excel workbook, a sheet per school.")
@click.option("--html", type=click.Path(file_okay=False),
              help="Write the notices as web pages here, one per teacher, class and school.")
@LANG_OPTION
def substitute_command(solution: str, teacher_id: str | None, date_from: str | None,
                       date_to: str | None, reason: str, absences_file: str | None,
                       instance_path: str | None, skip_dates: tuple[str, ...], term: str | None,
                       swaps: bool, out_dir: str | None, force: bool, xlsx: str | None,
                       html: str | None, lang: str) -> None:
    """For every lesson, online session taught and session assisted of the absent teachers on
    the school days of their absence, propose a cover by a free teacher of the same school, a
    fallback to a local lesson at the receiving schools, a swap (--swaps) or say why there is
    none; write substitutions.csv, absences.csv and the notices (代课通知)."""
    from aligner.cli.text import grid
    from aligner.export.notices import substitution_notices
    from aligner.export.view import SolutionError, load_solution
    from aligner.io import InputError
    from aligner.living.schooldays import (
        absence_of,
        parse_term,
        read_absences,
        read_skipped,
        term_of,
    )
    from aligner.living.substitute import Planner

    one = teacher_id is not None or date_from is not None or date_to is not None
    if one == (absences_file is not None):
        fail(say("living.cli.which_absences"))
    if one and (teacher_id is None or date_from is None or date_to is None):
        fail(say("living.cli.teacher_needs_dates"))
    target = Path(out_dir) if out_dir else Path(solution) / "substitutions"
    _targets(xlsx, html, target)
    try:
        view = load_solution(solution, instance_path)
    except (SolutionError, InputError) as exc:
        _bad_input(say("living.cli.cannot_read", solution=solution), exc)  # type: ignore[arg-type]
    instance = view.instance
    try:
        chosen_term = term_of(instance, parse_term(term) if term else None)
        if one:
            assert teacher_id is not None and date_from is not None and date_to is not None
            absences: tuple = (absence_of(teacher_id, date_from, date_to, instance, chosen_term,
                                          reason),)
        else:
            assert absences_file is not None
            absences = read_absences(absences_file, instance, chosen_term)
        skipped = read_skipped(skip_dates)
        plan = Planner(view, absences, skipped, swaps).plan()
    except InputError as exc:
        _bad_input(say("living.cli.bad_absences"), exc)
    if (target / "substitutions.csv").exists() and not force:  # the input's errors first
        fail(say("cli.exists", path=target / "substitutions.csv"))
    if not plan.days:
        click.echo(say("living.cli.no_school_day"), err=True)
    rows = []
    for r in plan.rows:
        rows.append([r.date.isoformat(), r.day, str(r.period),
                     instance.short_name(r.school_id),
                     "+".join(instance.class_name(r.school_id, c) for c in r.class_id.split("+")),
                     r.subject, instance.teacher_name(r.absent_teacher),
                     "+".join(instance.teacher_name(t) for t in r.substitute.split("+"))
                     if r.substitute else "-", say(f"living.cli.kind.{r.kind}"),
                     r.reason.text()])
    if rows:
        click.echo(grid([say(f"living.cli.col.{c}") for c in (
            "date", "day", "period", "school", "class", "subject", "absent", "substitute",
            "kind", "reason")], rows))
    counts = plan.counts()
    click.echo(say("living.cli.sub_summary", n=len(plan.rows), cover=counts["cover"],
                   fallback=counts["fallback"], swap=counts["swap"], none=counts["none"],
                   seconds=f"{plan.seconds:.2f}"))
    targets: list[tuple[Path, dict[str, str | bytes]]] = [
        (target, {name: text.encode(encoding) for name, (text, encoding) in
                  plan.files().items()})]
    notices = substitution_notices(plan.records(lang), instance, lang)
    targets += _notice_targets(notices, instance, lang,
                               say("living.cli.sub_title", name=instance.name), xlsx, html)
    _write(targets)


# ---- aligner check-substitutions ---------------------------------------------------------------


@click.command("check-substitutions", short_help="Re-verify a substitution plan.")
@MESSAGES_LANG_OPTION
@click.argument("solution", type=click.Path(file_okay=False))
@click.argument("plan", type=click.Path())
@INSTANCE_OPTION
@click.option("--absences", "absences_file", type=click.Path(dir_okay=False),
              help="The absent days (absences.csv's columns) [default: absences.csv beside the "
                   "plan].")
def check_substitutions_command(solution: str, plan: str, instance_path: str | None,
                                absences_file: str | None) -> None:
    """Re-verify the substitution plan PLAN (substitutions.csv, or the directory holding it and
    absences.csv) against the timetable in SOLUTION and the rules: every commitment of the
    absent teachers is in the plan, no one is in two places at once, absent or unavailable,
    max_per_day and max_load hold with the covers. Exit 0 when every rule holds, 1 otherwise."""
    from aligner.check.substitutions import check_substitutions
    from aligner.io import InputError

    instance = _instance(solution, instance_path)
    try:
        report = check_substitutions(instance, solution, plan, absences_file)
    except InputError as exc:
        _bad_input(say("living.cli.cannot_check", plan=plan), exc)
    for note in report.notes:
        click.echo(note, err=True)
    for violation in report.violations:
        click.echo(say("cli.broken", violation=violation))
    if report.violations:
        rules = sorted({v.rule for v in report.violations})
        click.echo(say("cli.violations", count=len(report.violations), rules=len(rules),
                       names=", ".join(rules)))
        sys.exit(EXIT_BROKEN)
    click.echo(say("living.cli.plan_ok", rows=report.rows, commitments=report.commitments))
    sys.exit(EXIT_OK)
