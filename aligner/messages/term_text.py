"""Messages of the term calendar (aligner/term.py; instance.yaml ``term``, read by
aligner/io/instance_yaml.py) and of the term rules counted with it."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- a line of dates (a dates file or term.dates) ----
    "term.not_a_date": (
        "'{text}' is not a date or a range of dates such as 2022-10-01 or "
        "2022-10-01..2022-10-07",
        "“{text}”不是日期或日期范围（应写成 2022-10-01 或 2022-10-01..2022-10-07 这样）"),
    "term.range_backwards": ("the range {spec} ends before it starts",
                             "日期范围 {spec} 的结束日期早于开始日期"),
    "term.not_a_weekday": (
        "'{text}' after = is not a weekday: a make-up day names the weekday whose timetable it "
        "follows, e.g. 2022-10-08=Thu",
        "= 后面的“{text}”不是星期几：调休上课日应写明按星期几的课表上课，如 2022-10-08=Thu"),
    "term.makeup_not_weekend": (
        "{date} is a {weekday}, not a Saturday or Sunday: a make-up working day (=) is a "
        "weekend day taught as a weekday",
        "{date} 是{weekday}，不是周六或周日：调休上课日（=）是按某个工作日课表上课的周末"),
    "term.makeup_not_teaching_day": (
        "{date} follows {follows}, which is not a school day of the instance ({days})",
        "{date} 按{follows}的课表上课，但{follows}不是本实例的上课日（{days}）"),
    # ---- the term key ----
    "term.mapping": (
        "must be a mapping with start, end and optionally dates and seasons, e.g. "
        "{{start: 2022-10-09, end: 2023-01-13}}",
        "必须是含有 start、end（以及可选的 dates、seasons）的映射，如 "
        "{{start: 2022-10-09, end: 2023-01-13}}"),
    "term.unknown_key": ("unknown key; term takes {keys}", "未知的键；term 下可用的键有：{keys}"),
    "term.date_required": ("is required: the term's first and last teaching day, e.g. 2022-10-09",
                           "必须填写：学期的第一个和最后一个教学日，如 2022-10-09"),
    "term.not_a_date_value": ("{given} is not a date written as 2022-10-09",
                              "{given} 不是写成 2022-10-09 这样的日期"),
    "term.ends_before_start": ("the term ends on {end}, before it starts on {start}",
                               "学期结束日期 {end} 早于开始日期 {start}"),
    "term.dates_list": (
        "must be a list of dates files (relative to the instance) and lines of dates such as "
        "'2022-10-01..2022-10-07, 国庆节'",
        "必须是日期文件（相对于实例目录）和日期行（如“2022-10-01..2022-10-07, 国庆节”）的列表"),
    "term.seasons_mapping": ("must map each season to the first date of its bells, e.g. "
                             "{{winter: 2022-10-09}}",
                             "必须写明每个作息季节的启用日期，如 {{winter: 2022-10-09}}"),
    "term.unknown_season": ("'{season}' is not a season of the instance ({seasons})",
                            "“{season}”不是本实例的作息季节（{seasons}）"),
    "term.season_outside": ("{season} starts on {date}, outside the term ({start} to {end})",
                            "{season}的启用日期 {date} 不在学期内（{start} 至 {end}）"),
    "term.days_not_weekdays": (
        "a term needs days named as weekdays (Mon, 周一, ...), not {days}",
        "学期日历要求上课日写成星期几（Mon、周一……），不能是 {days}"),
    "term.no_file": ("no such dates file (a path relative to the instance's directory)",
                     "没有这个日期文件（路径相对于实例所在目录）"),
    "term.unreadable": ("the dates file cannot be read: {reason}", "无法读取日期文件：{reason}"),
    "term.not_utf8": ("the dates file is not UTF-8 text: {reason}",
                      "日期文件不是 UTF-8 文本：{reason}"),
    # ---- which count the term rules used (summary) ----
    "term.basis_dates": (
        "term rules counted over the term's {dates} teaching dates ({start} to {end}, "
        "{weeks} teaching weeks)",
        "学期规则按学期的 {dates} 个教学日计算（{start} 至 {end}，合 {weeks} 个教学周）"),
    "term.basis_weekly": (
        "term rules approximated weekly (no term calendar): a semester minimum is "
        "ceil(minimum / {weeks}) a week, an average is a weekly floor",
        "学期规则按周近似计算（未给出学期日历）：每学期最少节数按每周 ceil(最少节数 / {weeks}) "
        "计，平均数按每周下限计"),
}
