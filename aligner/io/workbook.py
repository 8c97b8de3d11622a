"""An instance as one Excel workbook, as offices keep it: a sheet per table and a sheet of settings.

Sheets ``schools, bells, classes, teachers, curriculum, sync`` (or their Chinese names 学校,
作息时间, 班级, 教师, 课程计划, 网络课程, which the Chinese template writes) hold the CSV tables with
the header in row 1; the header may use Chinese column names (学校编号, 节次, 周课时, ...) and
``form`` may say 同步课堂, 专递课堂 or 名师课堂. Sheet ``instance`` (设置) holds instance.yaml's keys
as key/value rows (``policy.max_shift | 30``), each key also by its Chinese name
(:data:`SETTING_NAMES`). Every cell is turned into the text a CSV file would hold and goes through
the same validation, so a workbook and the equivalent directory give equal instances; errors
name the sheet, row and column (letter and header as written). A workbook with Chinese sheet or
column names makes the messages Chinese (:func:`aligner.messages.note_input_language`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from aligner.io.errors import InputIssue, IssueLog
from aligner.io.formats import (
    BELLS,
    CLASSES,
    COLUMNS,
    CURRICULUM,
    DAYS_APART,
    FORMULA_STARTS,
    OPTIONAL_FILES,
    PINNED,
    ROOMS,
    SCHOOLS,
    SYNC,
    TEACHERS,
    is_optional,
    optional_columns,
    required_columns,
)
from aligner.io.instance_yaml import DEFAULT_DAYS, DatesAsText, settings_from
from aligner.io.instance_yaml import FILE as SETTINGS_FILE
from aligner.io.tabular import Table, table_from_records
from aligner.messages import catalogue, language, listed, note_input_language, say, say_in

SETTINGS_SHEET = "instance"
README_SHEET = {"zh": "说明", "en": "read me"}
SHEETS: dict[str, tuple[str, ...]] = {
    # the sheet of each table: its name, its Chinese name (the Chinese template's), other aliases
    SETTINGS_FILE: (SETTINGS_SHEET, "设置", "基本信息"),
    SCHOOLS: ("schools", "学校"),
    BELLS: ("bells", "作息时间", "作息时间表", "作息"),
    CLASSES: ("classes", "班级"),
    TEACHERS: ("teachers", "教师"),
    CURRICULUM: ("curriculum", "课程计划", "课程"),
    SYNC: ("sync", "网络课程", "同步课程", "三个课堂"),
    ROOMS: ("rooms", "专用教室", "功能教室"),
    PINNED: ("pinned", "固定课程", "固定"),
    DAYS_APART: ("days_apart", "间隔天数", "课程间隔"),
}
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    # Chinese names of each column (the first is what the template writes)
    SCHOOLS: {"school_id": ("学校编号",), "name": ("学校名称", "名称"),
              "sync_rooms": ("同步教室数", "同步教室"), "short_name": ("简称", "学校简称")},
    BELLS: {"school_id": ("学校编号",), "season": ("季节", "作息"), "period": ("节次",),
            "start": ("开始时间", "开始"), "end": ("结束时间", "结束"),
            "kind": ("类型", "类别"), "name": ("名称", "活动名称", "说明")},
    CLASSES: {"school_id": ("学校编号",), "class_id": ("班级编号",), "grade": ("年级",),
              "name": ("班级名称", "名称"), "head_teacher": ("班主任", "班主任编号"),
              "students": ("学生数", "人数", "班级人数")},
    TEACHERS: {"teacher_id": ("教师编号",), "school_id": ("学校编号",), "name": ("姓名",),
               "level": ("骨干级别", "级别"), "min_load": ("最少课时", "课时下限"),
               "max_load": ("最多课时", "课时上限"),
               "unavailable": ("不可排课时间", "不可用时间"),
               "max_per_day": ("每天最多", "每日最多"), "max_consecutive": ("最多连上", "连上上限"),
               "max_days": ("每周最多上课天数", "每周最多天数"),
               "max_gaps_per_day": ("每天最多空堂", "每日最多空堂"),
               "max_gaps_per_week": ("每周最多空堂",),
               "min_per_day": ("每天最少", "每日最少")},
    CURRICULUM: {"school_id": ("学校编号",), "class_id": ("班级编号",), "subject": ("科目",),
                 "teacher_id": ("教师编号",), "per_week": ("周课时",),
                 "max_per_day": ("每日最多", "每天最多"), "doubles": ("连堂", "连堂数"),
                 "allowed": ("可排时间", "允许时间"), "together": ("同时上课", "合堂"),
                 "min_days_apart": ("间隔天数", "最少间隔天数"),
                 "preferred": ("尽量时间", "优先时间")},
    SYNC: {"course_id": ("课程编号",), "form": ("形式", "帮扶形式"),
           "hub_school": ("主讲学校",), "hub_teacher": ("主讲教师",), "hub_class": ("主讲班级",),
           "receiving_school": ("接收学校",), "receiving_class": ("接收班级",),
           "subject": ("科目",), "per_week": ("周课时",),
           "assistant_teacher": ("助教", "助教教师")},
    ROOMS: {"school_id": ("学校编号",), "room_id": ("教室编号",), "name": ("教室名称", "名称"),
            "subjects": ("科目", "用于科目"), "unavailable": ("不可用时间",)},
    PINNED: {"school_id": ("学校编号",), "class_id": ("班级编号",), "subject": ("科目",),
             "day": ("星期",), "period": ("节次",), "course_id": ("课程编号",)},
    DAYS_APART: {"group": ("组", "组别"), "school_id": ("学校编号",), "class_id": ("班级编号",),
                 "subject": ("科目",), "min_days": ("间隔天数", "最少间隔天数"),
                 "weight": ("权重", "尽量权重")},
}
VALUES: dict[tuple[str, str], dict[str, str]] = {
    # Chinese cell values accepted for coded columns
    (SYNC, "form"): {"同步课堂": "sync", "城乡同步课堂": "sync", "同步": "sync",
                     "专递课堂": "delivery", "远程专递课堂": "delivery", "专递": "delivery",
                     "名师课堂": "famous", "名师网络课堂": "famous", "名师": "famous"},
    (BELLS, "kind"): {"上课": "period", "节次": "period", "课": "period",
                      "课间": "break", "休息": "break", "活动": "break", "课间活动": "break",
                      "非上课": "break"},
    (TEACHERS, "level"): {"县级": "county", "县": "county", "市级": "city", "市": "city",
                          "区级": "region", "自治区级": "region", "省级": "region"},
}
SETTING_NAMES: dict[str, tuple[str, ...]] = {
    # the Chinese names of every settings key (the first is what the Chinese template writes)
    "name": ("名称",), "season": ("季节", "作息季节", "作息"), "days": ("上课日", "教学日"),
    "core_subjects": ("核心科目", "主科"),
    "policy.min_sync_lessons_per_pair": ("每对学校每周最少同步课堂节数",),
    "policy.min_online_lessons_per_school": ("每校每周最少在线课节数",),
    "policy.online_credit": ("在线课折算系数", "主讲在线课折算系数"),
    "policy.assistant_credit": ("助教课折算系数",),
    "policy.min_overlap_minutes": ("最少重叠分钟数",),
    "policy.semester_weeks": ("学期周数",),
    "policy.level_min_online_per_semester": ("骨干教师每学期最少在线课节数",),
    "policy.level_min_online_per_semester.region": ("区级骨干每学期最少在线课节数",),
    "policy.level_min_online_per_semester.city": ("市级骨干每学期最少在线课节数",),
    "policy.level_min_online_per_semester.county": ("县级骨干每学期最少在线课节数",),
    "policy.max_shift": ("作息调整每节最多移动分钟数",),
    "policy.max_gap_shrink": ("作息调整课间最多缩短分钟数",),
    "policy.min_break": ("作息调整课间最少分钟数",),
    "policy.max_earlier_start": ("作息调整最多提前开始分钟数",),
    "policy.max_later_end": ("作息调整最多推迟结束分钟数",),
    "policy.bell_grid": ("作息调整时间取整分钟数",),
    "policy.max_double_gap": ("连堂两节最大间隔分钟数",),
    "policy.max_receiving_classes_per_session": ("每节在线课最多接收班级数",),
    "term.start": ("学期开始日期", "开学日期"),
    "term.end": ("学期结束日期", "学期最后教学日"),
    "term.dates": ("节假日与调休", "放假与调休"),
    "term.seasons": ("作息启用日期",),
    "policy.research_per_week": ("每门同步课程每周教师网络研修次数", "每周网络研修次数"),
    "policy.min_forms_per_pair": ("每对学校最少帮扶形式数", "最少帮扶形式数"),
    "weights.misalignment_minute": ("错位分钟权重",),
    "weights.same_day_repeat": ("同日重复权重",),
    "weights.core_in_afternoon": ("主科排在下午权重",),
    "weights.missing_session": ("缺少在线课权重",),
    "weights.teacher_gap": ("教师空堂权重",),
    "weights.days_apart": ("间隔天数权重",),
    "weights.outside_preferred": ("不在尽量时间权重",),
    "weights.change": ("调课权重",),
}
SETTING_KEYS = {alias: key for key, names in SETTING_NAMES.items() for alias in names}
"""A settings key's Chinese name -> the key (dotted as in the settings sheet)."""
LIST_KEYS = ("season", "days", "core_subjects")
TERM_DATES = "term.dates"
"""The settings key whose cell holds one dates file or line of dates per line."""
_SPLIT = re.compile(r"[,，、;；\s]+")


def cell_text(value: Any) -> str:
    """A cell as the text a CSV file would hold: 8 not 8.0, times as HH:MM, dates as
    YYYY/M/D (so that a range Excel turned into a date is recognised as one)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.year < 1901:  # a time of day stored with Excel's zero date
            return f"{value.hour:02d}:{value.minute:02d}"
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return str(value).strip()


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Workbook:
    """An .xlsx workbook as the source of an instance (see :mod:`aligner.io.reader`)."""

    def __init__(self, path: Path):
        self.path = path
        self.label = path.name
        self._sheets: dict[str, Any] | None = None
        self._unreadable = False
        """The workbook could not be opened (said once, not once per sheet)."""
        self._sheet_of: dict[str, str] = {}
        self._columns: dict[str, dict[str, tuple[str, str]]] = {}
        """file -> canonical column -> ('F', '周课时'): where an issue's column is in the sheet."""
        self._keys: dict[str, str] = {}
        """Settings key -> its name as written in the settings sheet, when another (Chinese)."""

    def _book(self, log: IssueLog) -> dict[str, Any] | None:
        if self._sheets is None and not self._unreadable:
            self._unreadable = True
            try:
                from openpyxl import load_workbook
            except ImportError:
                log.add(self.label, say("io.workbook.needs_openpyxl"))
                return None
            try:
                book = load_workbook(self.path, data_only=True)
            except Exception as exc:  # openpyxl raises many kinds on a damaged file
                log.add(self.label, say("io.workbook.unreadable", reason=exc))
                return None
            self._sheets = {name.strip().lower(): book[name] for name in book.sheetnames}
            self._unreadable = False
            note_input_language("zh" if _written_in_chinese(self._sheets) else None)
        return self._sheets

    def _records(self, file: str, log: IssueLog, *, required: bool = True
                 ) -> list[list[str]] | None:
        sheets = self._book(log)
        if sheets is None:
            return None
        names = SHEETS[file]
        found = next((n for n in names if n.lower() in sheets), None)
        if found is None:
            if required:
                first = 1 if language() == "zh" else 0  # the name the template writes
                log.add(self.label, say("io.workbook.no_sheet", name=names[first],
                                        others=listed(names[:first] + names[first + 1:]),
                                        sheets=listed([s.title for s in sheets.values()])))
            return None
        sheet = sheets[found.lower()]
        self._sheet_of[file] = sheet.title
        rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        while rows and not any(rows[-1]):
            rows.pop()
        return rows

    def settings(self, log: IssueLog) -> dict[str, Any] | None:
        records = self._records(SETTINGS_FILE, log)
        if records is None:
            return None
        data: dict[str, Any] = {}
        lines: dict[str, int] = {}
        given: dict[str, int] = {}
        for number, record in enumerate(records, start=1):
            key = (record[0] if record else "").strip()
            if not key or (number == 1 and key.lower() in ("key", "键", "项目", "设置项")):
                continue
            written, key = key, SETTING_KEYS.get(key, key)
            if written != key:
                self._keys[key] = written
            raw = record[1] if len(record) > 1 else ""
            if key in given:
                log.add(SETTINGS_FILE, say("io.workbook.key_twice", key=written, first=given[key],
                                           row=number), number, key)
                continue
            given[key] = number
            parts = key.split(".")
            for i in range(1, len(parts) + 1):
                lines.setdefault(".".join(parts[:i]), number)
            node = data
            for part in parts[:-1]:
                child = node.setdefault(part, {})
                if not isinstance(child, dict):
                    log.add(SETTINGS_FILE, say("io.workbook.value_and_subkeys", key=part),
                            number, key)
                    break
                node = child
            else:
                node[parts[-1]] = self._setting(parts[-1] if len(parts) == 1 else key, raw)
        return settings_from(data, lines, log, self.path.stem, self.path.parent)

    @staticmethod
    def _setting(key: str, raw: str) -> Any:
        """A value cell: lists (season, days, core_subjects) split on commas or 、; other cells
        read as YAML (so 30 is a number and {region: 15} a mapping)."""
        if raw == "":
            return None
        if key == "name":
            return raw
        if key == TERM_DATES:  # a dates file or a line of dates on each line of the cell
            return [line.strip() for line in raw.splitlines() if line.strip()]
        if key in LIST_KEYS and not raw.startswith("["):
            items = [s for s in _SPLIT.split(raw) if s]
            return items if key != "season" or len(items) > 1 else items[0]
        try:
            return yaml.load(raw, Loader=DatesAsText)
        except yaml.YAMLError:
            return raw

    def _table(self, file: str, required: tuple[str, ...], optional: tuple[str, ...],
               log: IssueLog, *, must_exist: bool = True) -> Table | None:
        records = self._records(file, log, required=must_exist)
        if records is None:
            return None
        aliases = {alias.lower(): column for column, names in HEADERS.get(file, {}).items()
                   for alias in names}
        header = records[0] if records else []
        canonical = [aliases.get(h.strip().lower(), h) for h in header]
        self._columns[file] = {c.strip().lower(): (_column_letter(i), h.strip())
                               for i, (c, h) in enumerate(zip(canonical, header, strict=True))
                               if h.strip()}
        rows = [canonical, *records[1:]] if records else []
        for (table, column), values in VALUES.items():
            if table == file and column in (c.strip().lower() for c in canonical):
                at = [c.strip().lower() for c in canonical].index(column)
                for row in rows[1:]:
                    if at < len(row):
                        row[at] = values.get(row[at].strip(), row[at])
        read = table_from_records(file, rows, required, optional, log, "xlsx")
        title = self._sheet_of.get(file)
        return replace(read, label=say("io.sheet_ref", sheet=title)) if read and title \
            else read

    def table(self, file: str, log: IssueLog) -> Table | None:
        return self._table(file, required_columns(file), optional_columns(file), log)

    def optional_table(self, file: str, log: IssueLog) -> Table | None:
        """A table the instance may leave out (no sheet: None, nothing logged)."""
        return self._table(file, required_columns(file), optional_columns(file), log,
                           must_exist=False)

    def lenient(self, file: str, required: tuple[str, ...], log: IssueLog) -> Table | None:
        return self._table(file, required, (), log, must_exist=False)

    def rewrite(self, issue: InputIssue) -> InputIssue:
        """An issue about 'teachers.csv', column max_load, as 'book.xlsx', sheet 教师, column F
        headed 最多课时; one about a settings key names it as written too (在线课折算系数)."""
        if issue.file not in SHEETS:
            return issue
        sheet = self._sheet_of.get(issue.file, SHEETS[issue.file][0])
        column, header = issue.column, None
        if column and issue.file != SETTINGS_FILE:
            column, header = self._columns.get(issue.file, {}).get(column.lower(), (column, None))
        elif column:
            header = self._keys.get(column)
        return InputIssue(self.label, self._in_sheets(issue.message), issue.row, column,
                          sheet=sheet, header=header)

    def _in_sheets(self, message: str) -> str:
        """'(see classes.csv)' -> '(see sheet classes)', '(instance.yaml)' -> '(sheet instance)'."""
        for file, names in SHEETS.items():
            sheet = self._sheet_of.get(file, names[0])
            message = message.replace(file, say("io.sheet_ref", sheet=sheet))
        return message


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _written_in_chinese(sheets: dict[str, Any]) -> bool:
    """Whether a workbook is the Chinese template's (or typed like it): a sheet with one of
    the Chinese names, or a table sheet whose header row, or a settings sheet whose keys, use
    Chinese names."""
    if any(_cjk(name) for names in SHEETS.values() for name in names if name.lower() in sheets):
        return True
    if README_SHEET["zh"] in sheets:
        return True
    headers = {alias.lower() for columns in HEADERS.values() for names in columns.values()
               for alias in names}
    for file, names in SHEETS.items():
        sheet = next((sheets[n.lower()] for n in names if n.lower() in sheets), None)
        if sheet is None:
            continue
        if file == SETTINGS_FILE:
            cells = [row[0] for row in sheet.iter_rows(max_col=1, values_only=True)]
            if any(isinstance(c, str) and c.strip() in SETTING_KEYS for c in cells):
                return True
            continue
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
        if any(isinstance(c, str) and c.strip().lower() in headers for c in first):
            return True
    return False


# ---- writing --------------------------------------------------------------------------------


def text_cells_only(book: Any) -> None:
    """Store every text cell of ``book`` (an openpyxl workbook) that a spreadsheet could run as
    a formula (a teacher named ``=HYPERLINK(...)``: openpyxl makes any text starting with ``=``
    a formula) as text, with Excel's quote prefix so that editing the cell keeps it text.
    aligner writes no formulas; every workbook writer calls this before saving."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in FORMULA_STARTS:
                    cell.data_type = "s"
                    cell.quotePrefix = True



_TEXT_COLUMNS = {"school_id", "class_id", "teacher_id", "per_week", "course_id", "hub_class",
                 "receiving_class", "hub_school", "receiving_school", "hub_teacher",
                 "assistant_teacher", "unavailable", "start", "end", "season", "head_teacher"}


def _settings_rows(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            rows.extend(_settings_rows(value, f"{prefix}{key}."))
        elif isinstance(value, list | tuple):
            rows.append((f"{prefix}{key}", ", ".join(str(v) for v in value)))
        else:
            rows.append((f"{prefix}{key}", value))
    return rows


CHINESE_DAYS = ("周一", "周二", "周三", "周四", "周五")


def default_settings(lang: str = "en") -> dict[str, Any]:
    """instance.yaml's keys with their defaults, for the template; the Chinese template's season
    and days in Chinese (冬令, 周一..周五), as an office writes them in its bells too."""
    from aligner.instance import DEFAULT_CORE_SUBJECTS, Policy, Weights

    policy = Policy().model_dump()
    policy = {k: ("" if v is None else f"{v}" if not isinstance(v, int | dict) else v)
              for k, v in policy.items()}
    zh = lang == "zh"
    return {"name": "", "season": "冬令" if zh else "winter",
            "days": list(CHINESE_DAYS if zh else DEFAULT_DAYS), "policy": policy,
            "weights": Weights().model_dump(), "core_subjects": list(DEFAULT_CORE_SUBJECTS),
            "term": dict.fromkeys(("start", "end", "dates", "seasons"), "")}


_NUMBER_COLUMNS = {"sync_rooms", "period", "grade", "students", "min_load", "max_load",
                   "max_per_day", "max_consecutive", "max_days", "max_gaps_per_day",
                   "max_gaps_per_week", "min_per_day", "doubles", "min_days_apart", "min_days",
                   "weight"}
"""Columns whose cells the template writes as numbers (a spreadsheet flags numbers stored as
text), where the CSV's text reads back the same (:func:`cell_text`): ``8``, ``1.5``; not
``08`` or ``1.50``, which stay text."""


def _cell_value(column: str, text: str) -> str | int | float:
    """A CSV cell as the template writes it: a number in a :data:`_NUMBER_COLUMNS` column when
    it reads back as the same text, else the text."""
    if column not in _NUMBER_COLUMNS:
        return text
    try:
        number: int | float = int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            return text
    if not math.isfinite(number) or cell_text(float(number)) != text:
        return text
    return number


def workbook_from(settings: dict[str, Any], tables: dict[str, list[list[str]]],
                  lang: str = "zh") -> bytes:
    """An instance workbook: a 说明 (read me) sheet, the settings sheet and one sheet per table
    with annotated headers (comments), text-formatted id columns and drop-down lists for
    ``form`` and ``level``. ``tables`` maps each CSV name to its rows (without header, in the
    columns of :data:`~aligner.io.formats.COLUMNS`)."""
    import io

    from openpyxl import Workbook as Book
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    zh = lang == "zh"
    named = 1 if zh else 0  # the Chinese template names its sheets in Chinese
    book = Book()
    readme: Any = book.active
    readme.title = README_SHEET[lang]
    notes = ("io.template.note1", "io.template.note2", "io.template.note3", "io.template.note4")
    for i, note in enumerate(notes, start=1):
        readme.cell(row=i, column=1, value=say_in(lang, note))
    readme.column_dimensions["A"].width = 100

    sheet = book.create_sheet(SHEETS[SETTINGS_FILE][named])
    sheet.append([say_in(lang, "io.template.key"), say_in(lang, "io.template.value")])
    for key, value in _settings_rows(settings):
        sheet.append([SETTING_NAMES.get(key, (key,))[0] if zh else key, value])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 40

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for file, columns in COLUMNS.items():
        sheet = book.create_sheet(SHEETS[file][named])
        names = [HEADERS[file][c][0] if zh and c in HEADERS[file] else c for c in columns]
        sheet.append(names)
        for record in tables.get(file, []):
            sheet.append([_cell_value(c, v) for c, v in zip(columns, record, strict=False)])
        for index, column in enumerate(columns):
            cell = sheet.cell(row=1, column=index + 1)
            cell.font, cell.fill = bold, fill
            optional = say_in(lang, "io.template.optional") if is_optional(file, column) else ""
            specific = f"io.help.{file.removesuffix('.csv')}.{column}"
            note = say_in(lang, specific if specific in catalogue() else "io.help." + (
                "bell_name" if (file, column) == (BELLS, "name") else column))
            cell.comment = Comment(f"{column}: {note}{optional}", "aligner")
            letter = cell.column_letter
            sheet.column_dimensions[letter].width = max(12, 2 * len(names[index]) + 4)
            if column in _TEXT_COLUMNS:
                for row in range(2, max(200, len(tables.get(file, [])) + 50)):
                    sheet.cell(row=row, column=index + 1).number_format = "@"
            choices = {"form": "同步课堂,专递课堂,名师课堂" if zh else "sync,delivery,famous",
                       "level": "县级,市级,区级" if zh else "county,city,region",
                       "kind": "上课,课间" if zh else "period,break"}.get(column)
            if choices:
                check = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
                sheet.add_data_validation(check)
                check.add(f"{letter}2:{letter}1000")
        sheet.freeze_panes = "A2"
    text_cells_only(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def workbook_of_directory(directory: str | Path, lang: str = "zh") -> bytes:
    """The instance in ``directory`` (instance.yaml and the CSV files, as written) as a
    workbook; cells keep the files' text (numbers as numbers where they read back as the same
    text: :func:`_cell_value`), so both load as equal instances."""
    from aligner.io.errors import InputError
    from aligner.io.tabular import read_table, read_text

    directory = Path(directory)
    log = IssueLog()
    decoded = read_text(directory, SETTINGS_FILE, say("io.workbook.settings_what"), log)
    tables: dict[str, list[list[str]]] = {}
    for file, columns in COLUMNS.items():
        if file in OPTIONAL_FILES and not (directory / file).exists():
            continue
        table = read_table(directory, file, (), columns, log)
        if table is not None:
            tables[file] = [[row[c] for c in columns] for row in table.rows]
    if decoded is None or log.issues:
        raise InputError(log.issues)
    settings = yaml.safe_load(decoded[0])
    if not isinstance(settings, dict):
        raise InputError([InputIssue(SETTINGS_FILE, say("io.workbook.settings_mapping"))])
    if isinstance(settings.get("term"), dict):
        settings["term"] = _term_cells(settings["term"], directory)
    return workbook_from(settings, tables, lang)


def _term_cells(term: dict[str, Any], directory: Path) -> dict[str, Any]:
    """instance.yaml's ``term`` as the settings sheet's cells: dates as text, and the lines of
    each dates file written in (the workbook travels without them), one per line of the cell;
    a file that cannot be read stays named, for the reader to report."""
    from aligner.term import dated_lines, is_date_line

    cells = {k: (f"{v}" if isinstance(v, dt.date) else v) for k, v in term.items()}
    dates = term.get("dates")
    if isinstance(dates, list):
        lines: list[str] = []
        for item in (str(i) for i in dates):
            path = directory / item
            if not is_date_line(item) and path.is_file():
                text = path.read_bytes().decode("utf-8-sig", errors="replace")
                lines += [line for _, line in dated_lines(text)]
            else:
                lines.append(item)
        cells["dates"] = "\n".join(lines)
    if isinstance(term.get("seasons"), dict):
        cells["seasons"] = "{" + ", ".join(f"{season}: {date}" for season, date
                                           in term["seasons"].items()) + "}"
    return cells
