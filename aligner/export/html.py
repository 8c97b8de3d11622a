"""The timetable as a small static web site, to read on a phone or print for classroom doors.

index.html links every school; school-<id>.html holds all its class timetables (each prints on
its own A4 landscape page) and links its teachers; class-<school>-<class>.html and
teacher-<id>.html hold one week each. Online lessons are highlighted by form, with the partner
school's class and times. Every page is self-contained: styles inline, no scripts, fonts or
images from the network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from aligner.export.ics import slug
from aligner.export.labels import Labels
from aligner.export.view import TimetableView, day_rows

STYLE = """
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;
 padding:12px;color:#222;font-size:15px}
h1{font-size:1.3em;margin:.2em 0 .6em}
h1 .meta{font-size:.75em;font-weight:400;margin-left:.8em;white-space:nowrap}
h2{font-size:1.1em;margin:1em 0 .4em}
nav{margin-bottom:.8em;font-size:.9em}
a{color:#1d5fa8}
ul.links{display:flex;flex-wrap:wrap;gap:.3em 1.2em;padding-left:1.2em}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table.week{border-collapse:collapse;width:100%;min-width:640px;table-layout:fixed}
table.week th,table.week td{border:1px solid #888;padding:4px;text-align:center;
 vertical-align:middle;word-break:break-word}
table.week thead th{background:#eee}
table.week th.half{width:2.2em;padding:2px;font-weight:600;background:#f6f6f6}
table.week th.period{width:7.5em;font-weight:600;background:#f6f6f6}
table.week th.period small{display:block;font-weight:400;color:#444}
table.week th.period small.note{font-size:.8em}
table.week td.break{background:#f3f3f3;color:#333;font-size:.9em;padding:1px 4px;
 letter-spacing:.1em}
td .subject{font-weight:600;display:block}
td .who{display:block;font-size:.85em}
td .partner{display:block;font-size:.8em;color:#333}
td.online{outline-offset:-4px;outline-width:2px}
td.sync{background:#ddebf7;outline-style:solid;outline-color:#1d5fa8}
td.delivery{background:#e2efda;outline-style:dashed;outline-color:#2e6b30}
td.famous{background:#fce4d6;outline-style:dotted;outline-color:#a84a0c;outline-width:3px}
td.research{background:#ede7f6;outline-style:double;outline-color:#5e35b1;outline-width:3px}
td.double{border-width:2px}
.legend,.teachers{margin:.4em 0;font-size:.9em}
.legend span{display:inline-block;padding:1px .5em;margin-left:.8em;outline:2px solid #1d5fa8;
 outline-offset:1px}
.legend .sync{background:#ddebf7}
.legend .delivery{background:#e2efda;outline-style:dashed;outline-color:#2e6b30}
.legend .famous{background:#fce4d6;outline-style:dotted;outline-color:#a84a0c;outline-width:3px}
.legend .research{background:#ede7f6;outline-style:double;outline-color:#5e35b1;outline-width:3px}
@media (max-width:700px){body{padding:6px;font-size:14px}
 table.week{min-width:560px}
 table.week th.half{width:1.6em}
 table.week th.period{width:5.5em;position:sticky;left:0;z-index:1}}
@page{size:A4 landscape;margin:10mm}
@media print{nav,.no-print{display:none}body{padding:0;font-size:10.5pt}
 .page{break-after:page;page-break-after:always}
 .page:last-child{break-after:auto;page-break-after:auto}
 table.week{min-width:0}
 table.week th,table.week td{padding:2px 4px}
 td.sync,td.delivery,td.famous,td.research,td.break,.legend span{-webkit-print-color-adjust:exact;
  print-color-adjust:exact}}
"""


def class_page_name(school_id: str, class_id: str) -> str:
    return f"class-{slug(school_id)}-{slug(class_id)}.html"


def teacher_page_name(teacher_id: str) -> str:
    return f"teacher-{slug(teacher_id)}.html"


def school_page_name(school_id: str) -> str:
    return f"school-{slug(school_id)}.html"


def _page(title: str, body: str, lang: str, nav: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"{nav}{body}\n</body>\n</html>\n")


def _lines_html(lines: list[str]) -> str:
    classes = ("subject", "who", "partner")
    return "".join(f'<span class="{classes[min(i, 2)]}">{escape(line)}</span>'
                   for i, line in enumerate(lines) if line)


def _legend(labels: Labels, forms: set[str]) -> str:
    """The key of the forms on the page (none when it has no online lesson)."""
    entries = labels.legend(forms)
    if not entries:
        return ""
    return (f'<p class="legend"><strong>{escape(labels.word("legend"))}</strong> '
            + "".join(f'<span class="{form}">{escape(text)}</span>' for form, text in entries)
            + "</p>")


Cell = tuple[list[str], str | None, int]
"""A cell's lines, its form (online) or None, and its span (2: a double's first period)."""


def _week_table(labels: Labels, school_id: str,
                cell_of: Callable[[str, int], Cell | None]) -> tuple[str, set[str]]:
    """Days across; down the side 上午/下午 and the periods with their times, the named breaks of
    the bell schedule between them (or a 午休 row before the afternoon); doubles span two rows.
    ``cell_of`` gives a cell; returns the table and the forms it shows."""
    solution = labels.solution
    days = solution.instance.days
    rows = day_rows(solution.instance, school_id)
    out = ['<div class="scroll"><table class="week">', "<thead><tr>",
           '<th class="half"></th>',
           f'<th class="period">{escape(labels.word("periods"))}</th>']
    out += [f'<th data-day="{escape(d)}">{escape(labels.day(d))}</th>' for d in days]
    out.append("</tr></thead><tbody>")
    covered: set[tuple[str, int]] = set()
    forms: set[str] = set()
    for index, row in enumerate(rows):
        half = ""
        if row.half != "midday" and (index == 0 or rows[index - 1].half != row.half):
            run = 1
            while index + run < len(rows) and rows[index + run].half == row.half:
                run += 1
            half = (f'<th class="half" rowspan="{run}" data-half="{row.half}">'
                    f"{escape(labels.word(row.half))}</th>")
        if row.kind != "period":
            width = len(days) + (2 if row.half == "midday" else 1)
            text = escape(labels.row_label(row)) if row.kind == "lunch" else (
                f"{escape(row.name)} <small>{escape(' / '.join(t or '-' for t in row.times))}"
                "</small>")
            out.append(f'<tr class="break">{half}<td class="break" colspan="{width}">'
                       f"{text}</td></tr>")
            continue
        number = row.period
        note = f'<small class="note">{escape(row.name)}</small>' if row.name else ""
        out.append(f'<tr data-period="{number}">{half}<th class="period">'
                   f"{escape(labels.period(number))}<small>"
                   f"{escape(labels.times(school_id, number))}</small>{note}</th>")
        joined = (index + 1 < len(rows) and rows[index + 1].kind == "period"
                  and rows[index + 1].half == row.half)
        for day in days:
            if (day, number) in covered:
                continue
            found = cell_of(day, number)
            attributes = f'data-day="{escape(day)}" data-period="{number}"'
            if found is None:
                out.append(f"<td {attributes}></td>")
                continue
            lines, form, span = found
            css = ["online", form] if form else []
            if form:
                forms.add(form)
            rowspan = ""
            if span == 2 and joined:
                rowspan = ' rowspan="2"'
                css.append("double")
                covered.add((day, rows[index + 1].period))
            klass = f' class="{" ".join(css)}"' if css else ""
            out.append(f"<td {attributes}{klass}{rowspan}>{_lines_html(lines)}</td>")
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out), forms


def _title_html(title: str, meta: list[str]) -> str:
    return (f"<h1>{escape(title)}"
            + "".join(f' <span class="meta">{escape(part)}</span>' for part in meta) + "</h1>")


def _class_section(labels: Labels, school_id: str, class_id: str) -> tuple[str, str]:
    solution = labels.solution
    week = solution.class_week(school_id, class_id)

    def cell(day: str, period: int) -> Cell | None:
        lesson = week.get((day, period))
        if lesson is None:
            return None
        session = solution.session_of(lesson)
        return labels.lesson_lines(lesson), session.course.form if session else None, lesson.span

    title, meta = labels.class_title(school_id, class_id), labels.class_meta(school_id, class_id)
    table, forms = _week_table(labels, school_id, cell)
    teachers = labels.teacher_list(school_id, class_id)
    listing = (f'<p class="teachers"><strong>{escape(labels.word("teacher_list"))}</strong> '
               f"{escape(labels.word('list_sep').join(teachers))}</p>") if teachers else ""
    return labels.titled(title, meta), (f'<section class="page">{_title_html(title, meta)}'
                                        f"{table}{listing}{_legend(labels, forms)}</section>")


def _teacher_section(labels: Labels, teacher_id: str) -> tuple[str, str]:
    solution = labels.solution
    school_id = solution.instance.teacher_by_id[teacher_id].school_id
    duties = solution.teacher_week(teacher_id)

    def cell(day: str, period: int) -> Cell | None:
        duty = duties.get((day, period))
        if duty is None:
            return None
        return labels.duty_lines(school_id, duty), duty.form, duty.span

    title, meta = labels.teacher_title(teacher_id), labels.teacher_meta(teacher_id)
    table, forms = _week_table(labels, school_id, cell)
    return labels.titled(title, meta), (f'<section class="page">{_title_html(title, meta)}'
                                        f"{table}{_legend(labels, forms)}</section>")


def _nav(labels: Labels, school_id: str | None = None) -> str:
    links = [f'<a href="index.html">{escape(labels.word("index"))}</a>']
    if school_id:
        links.append(f'<a href="{school_page_name(school_id)}">'
                     f"{escape(labels.school(school_id))}</a>")
    return "<nav>" + " › ".join(links) + "</nav>\n"


def site_files(solution: TimetableView, lang: str = "zh",
               applies_from: dt.date | None = None) -> dict[str, str]:
    """File name -> HTML text of every page; ``applies_from`` (the first day the timetable
    applies) is printed in the titles."""
    labels = Labels(lang, solution, applies_from)
    instance = solution.instance
    files: dict[str, str] = {}
    index = [f"<h1>{escape(instance.name)}</h1>",
             f"<p>{escape(labels.word('seasons'))}: {escape(labels.seasons_title)}</p>",
             f"<h2>{escape(labels.word('schools'))}</h2>", '<ul class="links">']
    for school in instance.schools:
        index.append(f'<li><a href="{school_page_name(school.school_id)}">'
                     f"{escape(school.name)}</a></li>")
        classes = [c for c in instance.classes if c.school_id == school.school_id]
        teachers = [t for t in instance.teachers if t.school_id == school.school_id]
        sections = []
        for klass in classes:
            title, section = _class_section(labels, *klass.key)
            sections.append(section)
            files[class_page_name(*klass.key)] = _page(
                title, section, lang, _nav(labels, school.school_id))
        for teacher in teachers:
            title, section = _teacher_section(labels, teacher.teacher_id)
            files[teacher_page_name(teacher.teacher_id)] = _page(
                title, section, lang, _nav(labels, school.school_id))
        links = ['<div class="no-print">',
                 f"<h1>{escape(school.name)} {escape(labels.seasons_title)}</h1>",
                 f"<h2>{escape(labels.word('classes'))}</h2>", '<ul class="links">']
        links += [f'<li><a href="{class_page_name(*c.key)}">'
                  f"{escape(labels.klass(*c.key))}</a></li>" for c in classes]
        links += ["</ul>", f"<h2>{escape(labels.word('teachers'))}</h2>", '<ul class="links">']
        links += [f'<li><a href="{teacher_page_name(t.teacher_id)}">'
                  f"{escape(labels.teacher(t.teacher_id))}</a></li>" for t in teachers]
        links += ["</ul>", "</div>"]
        files[school_page_name(school.school_id)] = _page(
            f"{school.name} {labels.seasons_title}", "\n".join(links + sections), lang,
            _nav(labels))
    index.append("</ul>")
    files["index.html"] = _page(instance.name, "\n".join(index), lang)
    return files
