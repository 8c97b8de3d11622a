"""``aligner plan`` and ``aligner report``: the programme over the term on the command line,
thin wrappers over :mod:`aligner.programme`; registered on :data:`aligner.cli.main`. Exit codes:
0 done, 2 bad input or usage (no term calendar, a month outside the term; nothing written),
6 an output could not be written."""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import click

from aligner.cli.common import LANG_OPTION, check_writable, fail, show_warnings
from aligner.cli.living_commands import INSTANCE_OPTION, _bad_input, _targets, _write
from aligner.messages import language, say

if TYPE_CHECKING:
    from aligner.instance import Instance
    from aligner.programme.plan import TermPlan
    from aligner.programme.report import MonthReport


def _plan(solution: str, instance_path: str | None) -> TermPlan:
    """The term plan of the timetable in ``solution``; exit 2 when it cannot be made."""
    from aligner.export.view import SolutionError, load_solution
    from aligner.io import InputError, InputWarning
    from aligner.programme.plan import ProgrammeError, plan_of

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        try:
            view = load_solution(solution, instance_path)
        except (SolutionError, InputError) as exc:
            _bad_input(say("programme.cli.cannot_read", solution=solution),
                       exc)  # type: ignore[arg-type]
        finally:
            show_warnings(caught)
    try:
        return plan_of(view)
    except ProgrammeError as exc:
        fail(str(exc))


def _ics_target(ics: str | None) -> None:
    if ics:
        from aligner.export.extras import MissingExtra
        from aligner.export.ics import require_icalendar

        check_writable(Path(ics))
        try:
            require_icalendar()
        except MissingExtra as exc:
            fail(str(exc))


def _xlsx_ready(xlsx: str | None) -> None:
    if xlsx:
        from aligner.export.extras import MissingExtra
        from aligner.export.xlsx import require_openpyxl

        try:
            require_openpyxl()
        except MissingExtra as exc:
            fail(str(exc))


@click.command("plan", short_help="The term's dated lessons, monthly visits and offline days.")
@LANG_OPTION
@click.argument("solution", type=click.Path(file_okay=False))
@INSTANCE_OPTION
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Where plan_sessions.csv, plan_visits.csv and plan_offline.csv go "
                   "[default: SOLUTION].")
@click.option("--xlsx", type=click.Path(dir_okay=False),
              help="Also write a workbook: the term calendar sheet and the three tables.")
@click.option("--ics", type=click.Path(file_okay=False),
              help="Also write an iCalendar file per teacher concerned here.")
def plan_command(solution: str, instance_path: str | None, out_dir: str | None,
                 xlsx: str | None, ics: str | None) -> None:
    """Lay the timetable in SOLUTION over its instance's term calendar: every online lesson
    and research meeting on every teaching date, and for each pair and month a proposed
    face-to-face visit (面授) and three offline-interaction days (线下互动); say where a month
    falls short. The instance needs a `term:` (docs/term.md)."""
    from aligner.programme.outputs import plan_calendars, plan_csv, plan_workbook

    out = Path(out_dir) if out_dir else Path(solution)
    _targets(xlsx, None, out)
    _ics_target(ics)
    _xlsx_ready(xlsx)
    plan = _plan(solution, instance_path)
    lang = language()
    contents: list[tuple[Path, dict[str, str | bytes]]] = [
        (out, {name: text.encode(encoding) for name, (text, encoding) in plan_csv(plan).items()})]
    if xlsx:
        contents.append((Path(xlsx).parent, {Path(xlsx).name: plan_workbook(plan, lang)}))
    if ics:
        contents.append((Path(ics), dict(plan_calendars(plan, lang))))
    _print_plan(plan)
    _write(contents)


def _print_plan(plan: TermPlan) -> None:
    assert plan.view is not None
    term = plan.view.instance.term
    assert term is not None
    dated = plan.sessions.drop_duplicates(["session_id", "date"])
    click.echo(say("programme.cli.planned", sessions=int((dated["form"] != "research").sum()),
                   meetings=int((dated["form"] == "research").sum()), dates=len(plan.dates),
                   start=term.start, end=term.end,
                   visits=int((plan.visits["status"] == "proposed").sum()),
                   months=len(plan.visits),
                   offline=int((plan.offline["status"] == "proposed").sum())))
    if plan.shortfalls:
        click.echo(say("programme.cli.shortfalls"))
        for line in plan.shortfalls:
            click.echo(f"  {line}")


def _month(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value.strip()):
        raise click.BadParameter(say("programme.cli.bad_month", month=value))
    return value.strip()


@click.command("report", short_help="The monthly report (月报) of the programme.")
@LANG_OPTION
@click.argument("solution", type=click.Path(file_okay=False))
@click.option("--month", required=True, callback=_month, metavar="YYYY-MM",
              help="The month reported, a month of the term.")
@INSTANCE_OPTION
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Where report-YYYY-MM.csv, report-YYYY-MM-backbone.csv and "
                   "report-YYYY-MM-rules.csv go [default: SOLUTION].")
@click.option("--xlsx", type=click.Path(dir_okay=False),
              help="Also write the 月报表 workbook (Chinese; county, schools, pairs, backbone "
                   "teachers, rules).")
def report_command(solution: str, month: str, instance_path: str | None, out_dir: str | None,
                   xlsx: str | None) -> None:
    """Report the month of the timetable in SOLUTION: per pair, school and form the activities
    held and the participant person-times (with classes.csv students), the backbone teachers'
    online lessons so far against their term minimum, and every programme rule met or not;
    the month and the term to date. The instance needs a `term:` (docs/term.md)."""
    from aligner.programme.outputs import report_csv, report_workbook
    from aligner.programme.report import month_report

    out = Path(out_dir) if out_dir else Path(solution)
    _targets(xlsx, None, out)
    _xlsx_ready(xlsx)
    plan = _plan(solution, instance_path)
    assert plan.view is not None
    instance = plan.view.instance
    from aligner.programme.plan import ProgrammeError

    try:
        report = month_report(plan, month)
    except ProgrammeError as exc:
        fail(str(exc))
    contents: list[tuple[Path, dict[str, str | bytes]]] = [
        (out, {name: text.encode(encoding)
               for name, (text, encoding) in report_csv(report).items()})]
    if xlsx:
        contents.append((Path(xlsx).parent, {Path(xlsx).name: report_workbook(
            report, instance, "zh")}))
    _print_report(report, instance)
    _write(contents)


def _print_report(report: MonthReport, instance: Instance) -> None:
    from aligner.cli.text import grid as table
    from aligner.programme.outputs import rule_name

    click.echo(say("programme.cli.report_heading", name=instance.name, month=report.month,
                   dates=report.teaching_dates, to_date=report.dates_to_date,
                   term_dates=report.term_dates))
    for note in report.notes:
        click.echo(note)
    county = report.county
    columns = ["form", "activities", "activities_to_date"]
    if report.sized:
        columns = ["form", "activities", "person_times", "activities_to_date",
                   "person_times_to_date"]
    rows = [[say(f"programme.form.{r['form']}") if c == "form" else str(r[c]) for c in columns]
            for r in county.to_dict("records")]
    click.echo(table([say(f"programme.col.{c}") for c in columns], rows))
    rules = report.rules
    met = int(rules["met"].sum())
    click.echo(say("programme.cli.rules_met", met=met, total=len(rules)))
    for row in rules[~rules["met"]].to_dict("records"):
        hub, receiving = row["hub_school_id"], row["receiving_school_id"]
        who = " ".join(v for v in (
            hub and f"{instance.short_name(hub)}->{instance.short_name(receiving)}",
            row["school_id"] and instance.short_name(row["school_id"]),
            row["teacher_id"] and instance.teacher_name(row["teacher_id"])) if v)
        click.echo("  " + say("programme.cli.rule_broken", rule=rule_name(row["rule"],
                                                                        language()), who=who,
                              actual=row["actual"], required=row["required"]))
