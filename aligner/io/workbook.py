"""An instance as one Excel workbook, as offices keep it: a sheet per table and a sheet of settings.

Sheets ``schools, bells, classes, teachers, curriculum, sync`` (or their Chinese names 学校,
作息时间, 班级, 教师, 课程计划, 网络课程) hold the CSV tables with the header in row 1; the header may
use Chinese column names (学校编号, 节次, 周课时, ...) and ``form`` may say 同步课堂, 专递课堂 or 名师课堂.
Sheet ``instance`` (设置) holds instance.yaml's keys as key/value rows (``policy.max_shift | 30``).
Every cell is turned into the text a CSV file would hold and goes through the same validation,
so a workbook and the equivalent directory give equal instances; errors name the sheet, row
and column (letter and header as written).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from aligner.io.errors import InputIssue, IssueLog
from aligner.io.formats import (
    BELLS,
    CLASSES,
    COLUMNS,
    CURRICULUM,
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
from aligner.io.instance_yaml import DEFAULT_DAYS, settings_from
from aligner.io.instance_yaml import FILE as SETTINGS_FILE
from aligner.io.tabular import Table, table_from_records

SETTINGS_SHEET = "instance"
SHEETS: dict[str, tuple[str, ...]] = {
    # the sheet of each table: its name first, then accepted aliases
    SETTINGS_FILE: (SETTINGS_SHEET, "设置", "基本信息"),
    SCHOOLS: ("schools", "学校"),
    BELLS: ("bells", "作息时间", "作息时间表", "作息"),
    CLASSES: ("classes", "班级"),
    TEACHERS: ("teachers", "教师"),
    CURRICULUM: ("curriculum", "课程计划", "课程"),
    SYNC: ("sync", "网络课程", "同步课程", "三个课堂"),
    ROOMS: ("rooms", "专用教室", "功能教室"),
    PINNED: ("pinned", "固定课程", "固定"),
}
HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    # Chinese names of each column (the first is what the template writes)
    SCHOOLS: {"school_id": ("学校编号",), "name": ("学校名称", "名称"),
              "sync_rooms": ("同步教室数", "同步教室"), "short_name": ("简称", "学校简称")},
    BELLS: {"school_id": ("学校编号",), "season": ("季节", "作息"), "period": ("节次",),
            "start": ("开始时间", "开始"), "end": ("结束时间", "结束"),
            "kind": ("类型", "类别"), "name": ("名称", "活动名称", "说明")},
    CLASSES: {"school_id": ("学校编号",), "class_id": ("班级编号",), "grade": ("年级",),
              "name": ("班级名称", "名称"), "head_teacher": ("班主任", "班主任编号")},
    TEACHERS: {"teacher_id": ("教师编号",), "school_id": ("学校编号",), "name": ("姓名",),
               "level": ("骨干级别", "级别"), "min_load": ("最少课时", "课时下限"),
               "max_load": ("最多课时", "课时上限"),
               "unavailable": ("不可排课时间", "不可用时间"),
               "max_per_day": ("每天最多", "每日最多"), "max_consecutive": ("最多连上", "连上上限"),
               "max_days": ("每周最多上课天数", "每周最多天数")},
    CURRICULUM: {"school_id": ("学校编号",), "class_id": ("班级编号",), "subject": ("科目",),
                 "teacher_id": ("教师编号",), "per_week": ("周课时",),
                 "max_per_day": ("每日最多", "每天最多"), "doubles": ("连堂", "连堂数"),
                 "allowed": ("可排时间", "允许时间"), "together": ("同时上课", "合堂")},
    SYNC: {"course_id": ("课程编号",), "form": ("形式", "帮扶形式"),
           "hub_school": ("主讲学校",), "hub_teacher": ("主讲教师",), "hub_class": ("主讲班级",),
           "receiving_school": ("接收学校",), "receiving_class": ("接收班级",),
           "subject": ("科目",), "per_week": ("周课时",),
           "assistant_teacher": ("助教", "助教教师")},
    ROOMS: {"school_id": ("学校编号",), "room_id": ("教室编号",), "name": ("教室名称", "名称"),
            "subjects": ("科目", "用于科目"), "unavailable": ("不可用时间",)},
    PINNED: {"school_id": ("学校编号",), "class_id": ("班级编号",), "subject": ("科目",),
             "day": ("星期",), "period": ("节次",), "course_id": ("课程编号",)},
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
SETTING_KEYS = {"名称": "name", "季节": "season", "作息": "season", "上课日": "days",
                "教学日": "days", "核心科目": "core_subjects", "主科": "core_subjects"}
LIST_KEYS = ("season", "days", "core_subjects")
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
        self._columns: dict[str, dict[str, str]] = {}
        """file -> canonical column -> 'F (周课时)': where an issue's column is in the sheet."""

    def _book(self, log: IssueLog) -> dict[str, Any] | None:
        if self._sheets is None and not self._unreadable:
            self._unreadable = True
            try:
                from openpyxl import load_workbook
            except ImportError:
                log.add(self.label, "reading an .xlsx workbook needs openpyxl: "
                        "pip install 'aligner[xlsx]'")
                return None
            try:
                book = load_workbook(self.path, data_only=True)
            except Exception as exc:  # openpyxl raises many kinds on a damaged file
                log.add(self.label, f"cannot be read as an .xlsx workbook ({exc})")
                return None
            self._sheets = {name.strip().lower(): book[name] for name in book.sheetnames}
            self._unreadable = False
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
                log.add(self.label, f"has no sheet '{names[0]}' (or {', '.join(names[1:])}); "
                        f"sheets: {', '.join(s.title for s in sheets.values())}")
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
            key = SETTING_KEYS.get(key, key)
            raw = record[1] if len(record) > 1 else ""
            if key in given:
                log.add(SETTINGS_FILE, f"'{key}' is given twice (rows {given[key]} and {number}); "
                        "keep one", number, key)
                continue
            given[key] = number
            parts = key.split(".")
            for i in range(1, len(parts) + 1):
                lines.setdefault(".".join(parts[:i]), number)
            node = data
            for part in parts[:-1]:
                child = node.setdefault(part, {})
                if not isinstance(child, dict):
                    log.add(SETTINGS_FILE, f"'{part}' is given a value and sub-keys", number, key)
                    break
                node = child
            else:
                node[parts[-1]] = self._setting(parts[-1] if len(parts) == 1 else key, raw)
        return settings_from(data, lines, log, self.path.stem)

    @staticmethod
    def _setting(key: str, raw: str) -> Any:
        """A value cell: lists (season, days, core_subjects) split on commas or 、; other cells
        read as YAML (so 30 is a number and {region: 15} a mapping)."""
        if raw == "":
            return None
        if key == "name":
            return raw
        if key in LIST_KEYS and not raw.startswith("["):
            items = [s for s in _SPLIT.split(raw) if s]
            return items if key != "season" or len(items) > 1 else items[0]
        try:
            return yaml.safe_load(raw)
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
        self._columns[file] = {c.strip().lower(): f"{_column_letter(i)} ({h.strip()})"
                               for i, (c, h) in enumerate(zip(canonical, header, strict=True))
                               if h.strip()}
        rows = [canonical, *records[1:]] if records else []
        for (table, column), values in VALUES.items():
            if table == file and column in (c.strip().lower() for c in canonical):
                at = [c.strip().lower() for c in canonical].index(column)
                for row in rows[1:]:
                    if at < len(row):
                        row[at] = values.get(row[at].strip(), row[at])
        return table_from_records(file, rows, required, optional, log, "xlsx")

    def table(self, file: str, log: IssueLog) -> Table | None:
        return self._table(file, required_columns(file), optional_columns(file), log)

    def optional_table(self, file: str, log: IssueLog) -> Table | None:
        """A table the instance may leave out (no sheet: None, nothing logged)."""
        return self._table(file, required_columns(file), optional_columns(file), log,
                           must_exist=False)

    def lenient(self, file: str, required: tuple[str, ...], log: IssueLog) -> Table | None:
        return self._table(file, required, (), log, must_exist=False)

    def rewrite(self, issue: InputIssue) -> InputIssue:
        """An issue about 'teachers.csv', column max_load, as 'book.xlsx, sheet 教师' and
        'F (最多课时)'."""
        if issue.file not in SHEETS:
            return issue
        sheet = self._sheet_of.get(issue.file, SHEETS[issue.file][0])
        column = issue.column
        if column and issue.file != SETTINGS_FILE:
            column = self._columns.get(issue.file, {}).get(column.lower(), column)
        return InputIssue(f"{self.label}, sheet {sheet}", self._in_sheets(issue.message),
                          issue.row, column)

    def _in_sheets(self, message: str) -> str:
        """'(see classes.csv)' -> '(see sheet classes)', '(instance.yaml)' -> '(sheet instance)'."""
        for file, names in SHEETS.items():
            sheet = self._sheet_of.get(file, names[0])
            message = message.replace(file, f"sheet {sheet}")
        return message


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


_HELP = {
    "zh": {
        "school_id": "学校编号：英文字母或数字，各表以此互相引用", "name": "名称",
        "sync_rooms": "可上同步课的教室数（空=1）", "short_name": "课表上显示的简称（空=学校名称）",
        "season": "作息季节，如 winter（冬令）、summer（夏令）；须与设置表 season 一致",
        "period": "第几节，从 1 起连续编号（课间活动行留空）",
        "start": "开始时间，24 小时制，如 08:30、13:20", "end": "结束时间，24 小时制",
        "kind": "上课（空=上课，一节课）或 课间（晨间活动、大课间、午间阅读等不上课的时段：写名称和起止时间，"
                "节次留空，不得与课时重叠；只印在课表上，排课不用）",
        "bell_name": "课间活动的名称，如 大课间；上课行可写备注，如 眼保健操（印在节次旁）",
        "head_teacher": "班主任的教师编号（本校教师，可空），印在班级课表标题中",
        "class_id": "班级编号，本校内唯一，如 1-1（请设为文本格式）",
        "grade": "年级 1-9", "teacher_id": "教师编号，全表唯一",
        "level": "骨干级别：县级、市级、区级（可空）", "min_load": "每周最少折算课时（空=0）",
        "max_load": "每周最多折算课时（空=不限）",
        "unavailable": "不能排课的时间，如 Mon:1;Fri:5-6;Wed（只写星期=全天）",
        "subject": "科目，如 语文、数学", "per_week": "每周课时（含在线课）；网络课程可写范围 2-4",
        "max_per_day": "每天最多几节（空=不限）", "doubles": "其中连堂几次（空=0）",
        "allowed": "本科目本班课只能排在这些时间，如 Mon:1-4;Tue（空=不限）",
        "together": "同一标签的各行（同校不同班）必须同时上课，如分组课（空=无）",
        "course_id": "课程编号；同一编号的多行是同一门课程，每次同时送达各接收班级",
        "form": "同步课堂、专递课堂或名师课堂", "hub_school": "主讲学校编号",
        "hub_teacher": "主讲教师编号", "hub_class": "主讲班级编号（同步课堂必填，专递/名师课堂留空）",
        "receiving_school": "接收学校编号", "receiving_class": "接收班级编号（每个接收班级一行）",
        "assistant_teacher": "接收端助教教师编号（可空）",
        "teachers.max_per_day": "每天最多上几节（本校课、主讲、助教都算，连堂算 2 节；空=不限）",
        "max_consecutive": "上午或下午内最多连上几节（空=不限）",
        "max_days": "每周最多几天有课（空=不限）",
        "curriculum.class_id": "班级编号；合班上课写 1-1+1-2（同校几个班一起上，一位老师）",
        "curriculum.teacher_id": "教师编号；两位老师同堂写 t1+t2；全部为网络课时留空",
        "room_id": "专用教室编号，本校内唯一，如 音乐室", "rooms.name": "教室名称",
        "subjects": "在此上课的科目，用分号分隔，如 音乐;舞蹈：这些科目的本校课都在此类教室上",
        "rooms.unavailable": "教室不能用的时间，写法同教师的不可排课时间（可空）",
        "day": "星期，如 周一、Mon", "pinned.period": "第几节（本校节次；课程固定写主讲学校的节次）",
        "pinned.class_id": "固定课的班级（合班时写其中任一班）；固定网络课程时留空",
        "pinned.subject": "固定课的科目；固定网络课程时留空",
        "pinned.course_id": "固定一次网络课程时写课程编号（班级、科目留空）",
    },
    "en": {
        "school_id": "school id (letters or digits); the tables refer to schools by it",
        "name": "name", "sync_rooms": "rooms equipped for live online lessons (blank = 1)",
        "short_name": "how grids name the school (blank = name)",
        "season": "season of the bells, e.g. winter or summer (as in sheet instance)",
        "period": "period number, 1..n without gaps (blank on a break row)",
        "start": "start time, 24-hour HH:MM", "end": "end time, 24-hour HH:MM",
        "kind": "period (blank = a lesson period) or break (晨间活动, 大课间, 午间阅读...: a name, "
                "start and end, no period number, not overlapping a period; printed in the "
                "timetables, not scheduled)",
        "bell_name": "the break's name, e.g. 大课间; on a period row a note printed with it, e.g. "
                     "眼保健操",
        "head_teacher": "teacher id of the class's head teacher (班主任, a teacher of its school; "
                        "blank = none), printed in its timetable's title",
        "class_id": "class id, unique within its school "
        "(format as Text)", "grade": "grade 1-9", "teacher_id": "teacher id, unique",
        "level": "county, city or region (blank = none)",
        "teachers.max_per_day": "commitments a day at most: local lessons, sessions taught and "
                                "assisted; a double lesson counts 2 (blank = no limit)",
        "max_consecutive": "commitments in a row at most, within a morning or an afternoon "
                           "(blank = no limit)",
        "max_days": "days with a commitment a week at most (blank = no limit)",
        "curriculum.class_id": "class id; classes of one school taught together (合班): "
                               "1-1+1-2",
        "curriculum.teacher_id": "teacher id; two teachers of every lesson: t1+t2; blank when "
                                 "every lesson arrives online",
        "room_id": "special room id, unique within its school",
        "rooms.name": "room name",
        "subjects": "subjects taught in this room, separated by ;: every local lesson of them "
                    "takes one room listing it",
        "rooms.unavailable": "when the room cannot be used, as teachers' unavailable (blank = "
                             "always)",
        "day": "day, e.g. Mon or 周一",
        "pinned.period": "period (of the school; for a course, of the hub school)",
        "pinned.class_id": "class of the pinned lesson (for a combined one, any of its "
                           "classes); blank for a course",
        "pinned.subject": "subject of the pinned lesson; blank for a course",
        "pinned.course_id": "the course one of whose sessions is pinned (class and subject "
                            "blank)",
        "min_load": "credited lessons a week at least (blank = 0)",
        "max_load": "credited lessons a week at most (blank = no cap)",
        "unavailable": "e.g. Mon:1;Fri:5-6;Wed (a bare day is the whole day)",
        "subject": "subject", "per_week": "lessons a week, online ones included; a course may "
        "give a range 2-4", "max_per_day": "at most this many a day (blank = no cap)",
        "doubles": "how many of them are double periods (blank = 0)",
        "allowed": "the only periods its local lessons may take, e.g. Mon:1-4;Tue (blank = any)",
        "together": "rows of one school with the same label are taught at the same periods "
        "(blank = none)",
        "course_id": "course id; rows sharing it are one course reaching all its classes at once",
        "form": "sync, delivery or famous", "hub_school": "hub school id",
        "hub_teacher": "hub teacher id", "hub_class": "hub class id (sync only; blank otherwise)",
        "receiving_school": "receiving school id", "receiving_class": "one row per receiving "
        "class", "assistant_teacher": "assisting teacher at the receiving end (blank = none)",
    },
}
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


def default_settings() -> dict[str, Any]:
    """instance.yaml's keys with their defaults, for the template."""
    from aligner.instance import DEFAULT_CORE_SUBJECTS, Policy, Weights

    policy = Policy().model_dump()
    policy = {k: (f"{v}" if not isinstance(v, int | dict) else v) for k, v in policy.items()}
    return {"name": "", "season": "winter", "days": list(DEFAULT_DAYS), "policy": policy,
            "weights": Weights().model_dump(), "core_subjects": list(DEFAULT_CORE_SUBJECTS)}


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
    book = Book()
    readme: Any = book.active
    readme.title = "说明" if zh else "read me"
    notes = (
        ["aligner 实例工作簿：填写各表后运行 aligner solve 本文件.xlsx",
         "第 1 行是表头，不要改动；每个单元格的批注说明该列的含义。编号列已设为文本格式。",
         "instance 表：每行一个设置项（键 | 值），与 instance.yaml 相同；season 可写 winter, summer。",
         "出错时提示会指明工作表、行号和列。"] if zh else
        ["aligner instance workbook: fill in the sheets, then run aligner solve this.xlsx",
         "Row 1 is the header; each header cell's comment says what the column means; id "
         "columns are formatted as text.",
         "Sheet instance: one setting per row (key | value), as in instance.yaml; season may be "
         "'winter, summer'.",
         "Errors name the sheet, row and column."])
    for i, line in enumerate(notes, start=1):
        readme.cell(row=i, column=1, value=line)
    readme.column_dimensions["A"].width = 100

    sheet = book.create_sheet(SETTINGS_SHEET)
    sheet.append(["key", "value"])
    for key, value in _settings_rows(settings):
        sheet.append([key, value])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 40

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for file, columns in COLUMNS.items():
        sheet = book.create_sheet(SHEETS[file][0])
        names = [HEADERS[file][c][0] if zh and c in HEADERS[file] else c for c in columns]
        sheet.append(names)
        for record in tables.get(file, []):
            sheet.append(list(record))
        for index, column in enumerate(columns):
            cell = sheet.cell(row=1, column=index + 1)
            cell.font, cell.fill = bold, fill
            optional = (" （可不填此列）" if zh else " (optional column)") \
                if is_optional(file, column) else ""
            specific = f"{file.removesuffix('.csv')}.{column}"
            note = _HELP[lang].get("bell_name" if (file, column) == (BELLS, "name") else specific,
                                   _HELP[lang].get(column, column))
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
    workbook; cells keep the files' text, so both load as equal instances."""
    from aligner.io.errors import InputError
    from aligner.io.tabular import read_table, read_text

    directory = Path(directory)
    log = IssueLog()
    decoded = read_text(directory, SETTINGS_FILE, "the instance's settings", log)
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
        raise InputError([InputIssue(SETTINGS_FILE, "must be a mapping")])
    return workbook_from(settings, tables, lang)
