"""Printable notices of a timetable that changes during the term, as schools post them: 调课通知
(what changed, from ``aligner diff``) and 代课通知 (substitutions, from ``aligner substitute``),
for each class and teacher concerned and for the partner school of each online lesson that moves
or falls back. Written as an Excel workbook (one sheet per school, each notice on its own printed
page) and as web pages (one per notice, with an index), in Chinese (default) or English.

The notices are built from plain records: the rows of ``aligner diff``'s table
(:data:`aligner.living.diff.DIFF_COLUMNS`) and of substitutions.csv, so that a plan edited by
hand prints as it is.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

from aligner.export.html import class_page_name, school_page_name, teacher_page_name
from aligner.export.xlsx import require_openpyxl
from aligner.instance import COMBINE, Instance
from aligner.io.workbook import text_cells_only
from aligner.messages import catalogue, say_in

Record = Mapping[str, str]


@dataclass(frozen=True)
class Notice:
    """One printed notice: to one class, teacher or school."""

    school_id: str
    """The school whose sheet (and index section) it belongs to."""
    page: str
    """Its web page's file name."""
    heading: str
    to: str
    lead: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    signed: str
    dated: str


class _Words:
    """The notices' words in one language (``living.notice.*`` of the catalogue)."""

    def __init__(self, instance: Instance, lang: str):
        self.instance = instance
        self.lang = lang

    def __call__(self, key: str, **values: object) -> str:
        return say_in(self.lang, f"living.notice.{key}", **values)

    def day(self, day: str) -> str:
        key = f"export.day.{day}"
        return say_in(self.lang, key) if key in catalogue() else day

    def date(self, date: dt.date) -> str:
        return say_in(self.lang, "export.label.date", d=date)

    def teacher(self, teacher_id: str) -> str:
        return self("name_sep").join(self.instance.teacher_name(t)
                                     for t in teacher_id.split(COMBINE) if t)

    def klass(self, school_id: str, class_id: str) -> str:
        return self("name_sep").join(self.instance.class_name(school_id, c)
                                     for c in class_id.split(COMBINE) if c)

    def when(self, day: str, period: str, time: str) -> str:
        """'星期一 第3节 10:35-11:15' (— for none)."""
        if not day:
            return "—"
        text = f"{self.day(day)} {say_in(self.lang, 'export.label.period', n=period)}"
        return f"{text} {time}" if time else text

    def signed(self, school_id: str) -> str:
        return self("signed", school=self.instance.school_name(school_id))

    def from_date(self, applies_from: dt.date | None) -> str:
        return self.date(applies_from) if applies_from else ""

    def school_of(self, teacher_id: str) -> str:
        teacher = self.instance.teacher_by_id.get(teacher_id.split(COMBINE)[0])
        return teacher.school_id if teacher else ""


# ---- 调课通知: what changed ------------------------------------------------------------------


def change_notices(records: Iterable[Record], instance: Instance, lang: str = "zh",
                   applies_from: dt.date | None = None) -> list[Notice]:
    """The 调课通知 of ``aligner diff``'s rows: one per class and per teacher with a change, one
    per school taking part in a session that changed."""
    words = _Words(instance, lang)
    by_class: dict[tuple[str, str], list[Record]] = defaultdict(list)
    by_teacher: dict[str, list[Record]] = defaultdict(list)
    by_school: dict[str, list[Record]] = defaultdict(list)
    sessions: list[Record] = []
    for record in records:
        if record["view"] == "class":
            by_class[(record["school_id"], record["class_id"])].append(record)
        elif record["view"] == "teacher":
            by_teacher[record["teacher_id"]].append(record)
        else:
            by_school[record["school_id"]].append(record)
            sessions.append(record)
    dated = words.from_date(applies_from)
    lead = (lambda key: words(f"{key}_from", date=dated)) if dated else words
    heading = words("change_heading")
    notices = []
    for (school, klass), rows in by_class.items():
        notices.append(Notice(
            school, class_page_name(school, klass), heading,
            words("to_class", school=instance.school_name(school),
                  klass=words.klass(school, klass)),
            lead("change_lead_class"),
            tuple(words(k) for k in ("col_change", "col_subject", "col_teacher", "col_before",
                                     "col_after")),
            tuple((words(f"change.{r['change']}"), _subject(words, r),
                   _teachers(words, r), words.when(r["old_day"], r["old_period"], r["old_time"]),
                   words.when(r["new_day"], r["new_period"], r["new_time"])) for r in rows),
            words.signed(school), dated))
    for teacher, rows in by_teacher.items():
        school = words.school_of(teacher) or rows[0]["school_id"]
        notices.append(Notice(
            school, teacher_page_name(teacher), heading,
            words("to_teacher", name=words.teacher(teacher)),
            lead("change_lead_teacher"),
            tuple(words(k) for k in ("col_change", "col_subject", "col_class", "col_role",
                                     "col_before", "col_after")),
            tuple((words(f"change.{r['change']}"), r["subject"],
                   words.klass(r["school_id"], r["class_id"]), words(f"role.{r['role']}"),
                   words.when(r["old_day"], r["old_period"], r["old_time"]),
                   words.when(r["new_day"], r["new_period"], r["new_time"])) for r in rows),
            words.signed(school), dated))
    for school, rows in by_school.items():
        notices.append(Notice(
            school, school_page_name(school), heading,
            words("to_school", school=instance.school_name(school)),
            lead("change_lead_school"),
            tuple(words(k) for k in ("col_change", "col_course", "col_subject", "col_hub_teacher",
                                     "col_classes", "col_role", "col_before", "col_after",
                                     "col_partner")),
            tuple((words(f"change.{r['change']}"), r["course_id"], r["subject"],
                   words.teacher(r["teacher_id"]), words.klass(school, r["class_id"]),
                   words(f"end.{r['role']}"),
                   words.when(r["old_day"], r["old_period"], r["old_time"]),
                   words.when(r["new_day"], r["new_period"], r["new_time"]),
                   _partners(words, r, sessions)) for r in rows),
            words.signed(school), dated))
    return _ordered(notices, instance)


def _subject(words: _Words, record: Record) -> str:
    role = record["role"]
    if role in ("online-main", "online-receiving"):
        return f"{record['subject']} {words('online')}"
    return record["subject"]


def _teachers(words: _Words, record: Record) -> str:
    now = words.teacher(record["teacher_id"])
    if record["change"] == "changed" and record["old_teacher_id"] != record["teacher_id"]:
        return f"{words.teacher(record['old_teacher_id'])} → {now}"
    if record["change"] == "changed" and record.get("old_role"):
        was, role = words("mode." + record["old_role"]), words("mode." + record["role"])
        return f"{now} ({was} → {role})"
    return now


def _partners(words: _Words, record: Record, sessions: list[Record]) -> str:
    """The other ends of a changed session: their schools and their new (else old) times."""
    found = []
    for other in sessions:
        if other["course_id"] != record["course_id"] or other["school_id"] == record["school_id"] \
                or other["change"] != record["change"] or other["old_day"] != record["old_day"] \
                or other["new_day"] != record["new_day"]:
            continue
        if other["new_day"]:
            when = words.when(other["new_day"], other["new_period"], other["new_time"])
        else:
            when = words.when(other["old_day"], other["old_period"], other["old_time"])
        found.append(f"{words.instance.short_name(other['school_id'])} {when}")
    return words("list_sep").join(dict.fromkeys(found))


def _ordered(notices: list[Notice], instance: Instance) -> list[Notice]:
    """By school (the instance's order), then the school's own notice, classes, teachers."""
    schools = {s.school_id: i for i, s in enumerate(instance.schools)}
    kinds = {"school": 0, "class-": 1, "teacher": 2}

    def key(notice: Notice) -> tuple:
        kind = next((v for k, v in kinds.items() if notice.page.startswith(k)), 3)
        return (schools.get(notice.school_id, len(schools)), kind, notice.page)

    return sorted(notices, key=key)


# ---- 代课通知: substitutions -----------------------------------------------------------------


def substitution_notices(records: Iterable[Record], instance: Instance, lang: str = "zh"
                         ) -> list[Notice]:
    """The 代课通知 of substitutions.csv's rows: one per teacher who covers, leads a fallback or
    swaps (an absent teacher who swaps, too), one per class concerned, one per partner school
    of a session whose hub teacher or assistant is absent."""
    words = _Words(instance, lang)
    rows = list(records)
    to_teacher: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    to_class: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    to_school: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for r in rows:
        kind = words(f"kind.{r['kind']}")
        when = (r["date"], words.day(r["day"]), r["period"], _times(r))
        klass = words.klass(r["school_id"], r["class_id"])
        absent = words.teacher(r["absent_teacher"])
        substitute = words.teacher(r["substitute"]) if r["substitute"] else "—"
        to_class[(r["school_id"], r["class_id"])].append(
            (*when, r["subject"], absent, kind, substitute, r["reason"]))
        if r["substitute"]:
            where = klass if words.school_of(r["substitute"]) == r["school_id"] else \
                f"{instance.short_name(r['school_id'])} {klass}"
            subject = r.get("swap_subject") or r["subject"] if r["kind"] == "swap" \
                else r["subject"]
            for teacher in r["substitute"].split(COMBINE):
                to_teacher[teacher].append((*when, where, subject, absent, kind, r["reason"]))
        if r["kind"] == "swap" and r.get("swap_date"):
            swap_day = r.get("swap_day", "")
            to_teacher[r["absent_teacher"]].append((
                r["swap_date"], words.day(swap_day), r.get("swap_period", ""), "", klass,
                r["subject"], absent, kind, r["reason"]))
        for school in _partner_schools(instance, r):
            where = klass if school == r["school_id"] else \
                f"{instance.short_name(r['school_id'])} {klass}"
            to_school[school].append((*when, where, r["subject"], absent, kind, substitute,
                                      r["reason"]))
    heading = words("sub_heading")
    notices = []
    for teacher, lines in to_teacher.items():
        school = words.school_of(teacher)
        notices.append(Notice(
            school, teacher_page_name(teacher), heading,
            words("to_teacher", name=words.teacher(teacher)), words("sub_lead_teacher"),
            tuple(words(k) for k in ("col_date", "col_day", "col_period", "col_time",
                                     "col_class", "col_subject", "col_absent", "col_kind",
                                     "col_reason")),
            tuple(lines), words.signed(school), ""))
    for (school, klass), lines in to_class.items():
        notices.append(Notice(
            school, class_page_name(school, klass), heading,
            words("to_class", school=instance.school_name(school),
                  klass=words.klass(school, klass)),
            words("sub_lead_class"),
            tuple(words(k) for k in ("col_date", "col_day", "col_period", "col_time",
                                     "col_subject", "col_absent", "col_kind", "col_substitute",
                                     "col_reason")),
            tuple(lines), words.signed(school), ""))
    for school, lines in to_school.items():
        notices.append(Notice(
            school, school_page_name(school), heading,
            words("to_school", school=instance.school_name(school)), words("sub_lead_school"),
            tuple(words(k) for k in ("col_date", "col_day", "col_period", "col_time",
                                     "col_class", "col_subject", "col_absent", "col_kind",
                                     "col_substitute", "col_reason")),
            tuple(lines), words.signed(school), ""))
    return _ordered(notices, instance)


def _times(record: Record) -> str:
    return f"{record['start']}-{record['end']}" if record.get("start") and record.get("end") \
        else ""


def _partner_schools(instance: Instance, record: Record) -> list[str]:
    """The schools to tell about a row beside the class's own: the receiving school of a session
    whose hub teacher is absent (the row is at a school not the absent teacher's), the hub
    school of a session whose assistant is absent."""
    absent = instance.teacher_by_id.get(record["absent_teacher"])
    if absent is None:
        return []
    if absent.school_id != record["school_id"]:
        return [record["school_id"]]
    classes = set(record["class_id"].split(COMBINE))
    return list(dict.fromkeys(
        course.hub_school for course in instance.courses if course.subject == record["subject"]
        and any(r.assistant_id == absent.teacher_id and r.school_id == record["school_id"]
                and r.class_id in classes for r in course.receptions)))


# ---- the workbook ---------------------------------------------------------------------------


def notices_workbook(notices: list[Notice], instance: Instance) -> bytes:
    """One sheet per school, its notices one under another, each printing on its own A4 page."""
    require_openpyxl()
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    book = Workbook()
    first: Any = book.active
    book.remove(first)
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    by_school: dict[str, list[Notice]] = defaultdict(list)
    for notice in notices:
        by_school[notice.school_id].append(notice)
    for school_id, mine in by_school.items():
        sheet = book.create_sheet(_sheet_name(instance.short_name(school_id), book))
        width = max(len(n.header) for n in mine)
        row = 1
        for index, notice in enumerate(mine):
            cell = sheet.cell(row=row, column=1, value=notice.heading)
            cell.font = Font(bold=True, size=16)
            cell.alignment = Alignment(horizontal="center")
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
            for text in (notice.to, notice.lead):
                sheet.cell(row=row, column=1, value=text).font = Font(bold=text == notice.to)
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
                row += 1
            for column, text in enumerate(notice.header, start=1):
                cell = sheet.cell(row=row, column=column, value=text)
                cell.font, cell.border, cell.alignment = Font(bold=True), box, wrap
            row += 1
            for line in notice.rows:
                for column, text in enumerate(line, start=1):
                    cell = sheet.cell(row=row, column=column, value=text)
                    cell.border, cell.alignment = box, wrap
                row += 1
            row += 1
            for text in (notice.signed, notice.dated):
                if text:
                    cell = sheet.cell(row=row, column=1, value=text)
                    cell.alignment = Alignment(horizontal="right")
                    sheet.merge_cells(start_row=row, start_column=1, end_row=row,
                                      end_column=width)
                    row += 1
            if index < len(mine) - 1:
                sheet.row_breaks.append(Break(id=row))
            row += 1
        for column in range(1, width + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 16
        sheet.page_setup.orientation = "portrait"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        properties: Any = sheet.sheet_properties
        properties.pageSetUpPr.fitToPage = True
    if not book.worksheets:
        book.create_sheet("-")
    text_cells_only(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(wanted: str, book: Any) -> str:
    """Excel's rules: 31 characters, none of []:*?/\\, unique without regard to case."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in wanted).strip("'")[:31] or "sheet"
    taken = {name.lower() for name in book.sheetnames}
    name, n = base, 2
    while name.lower() in taken:
        suffix = f"~{n}"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    return name


# ---- the web pages ----------------------------------------------------------------------------

STYLE = """
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;
 padding:16px;color:#222;font-size:15px}
nav{margin-bottom:.8em;font-size:.9em}
a{color:#1d5fa8}
section.notice{max-width:60em}
h1{font-size:1.6em;text-align:center;letter-spacing:.3em;margin:.3em 0 .8em}
h2{font-size:1.1em;margin:1em 0 .4em}
p.to{font-weight:600}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #888;padding:4px 6px;text-align:left;vertical-align:top;
 white-space:nowrap}
td:last-child{white-space:normal;min-width:12em}
thead th{background:#eee}
p.signed{text-align:right;margin:1.5em 0 .2em}
p.dated{text-align:right;margin:0}
@page{size:A4 portrait;margin:15mm}
@media print{nav{display:none}body{padding:0;font-size:11pt}
 thead th{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _page(title: str, body: str, lang: str, nav: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"{nav}{body}\n</body>\n</html>\n")


def _notice_html(notice: Notice) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in notice.header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in line) + "</tr>"
                   for line in notice.rows)
    dated = f'<p class="dated">{escape(notice.dated)}</p>' if notice.dated else ""
    return (f'<section class="notice"><h1>{escape(notice.heading)}</h1>'
            f'<p class="to">{escape(notice.to)}</p><p class="lead">{escape(notice.lead)}</p>'
            f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
            f'</table></div><p class="signed">{escape(notice.signed)}</p>{dated}</section>')


def notices_site(notices: list[Notice], instance: Instance, lang: str = "zh",
                 title: str = "") -> dict[str, str]:
    """File name -> HTML of each notice's page and of index.html (the notices by school)."""
    index_word = say_in(lang, "living.notice.index")
    nav = f'<nav><a href="index.html">{escape(index_word)}</a></nav>\n'
    files = {n.page: _page(f"{n.heading} {n.to}", _notice_html(n), lang, nav) for n in notices}
    by_school: dict[str, list[Notice]] = defaultdict(list)
    for notice in notices:
        by_school[notice.school_id].append(notice)
    body = [f"<h1>{escape(title or index_word)}</h1>"]
    if not notices:
        body.append(f"<p>{escape(say_in(lang, 'living.notice.none'))}</p>")
    for school_id, mine in by_school.items():
        body.append(f"<h2>{escape(instance.school_name(school_id))}</h2><ul>")
        body += [f'<li><a href="{escape(n.page)}">{escape(n.to)}</a></li>' for n in mine]
        body.append("</ul>")
    files["index.html"] = _page(title or index_word, "\n".join(body), lang)
    return files
