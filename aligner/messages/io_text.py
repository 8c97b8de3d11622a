"""Messages of reading an instance (aligner/io/, the checks of aligner/instance.py): where a
problem is (file, sheet, row, column) and what it is."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- where: file, sheet, row, column (InputIssue) ----
    "io.where.sheet": ("{where}, sheet {sheet}", "{where}，工作表 {sheet}"),
    "io.where.row": ("{where}, row {row}", "{where}，第 {row} 行"),
    "io.where.column": ("{where}, column {column}", "{where}，{column} 列"),
    "io.where.column_header": ("{where}, column {column} ({header})",
                               "{where}，{column} 列（{header}）"),
    "io.where.message": ("{where}: {message}", "{where}：{message}"),
    "io.sheet_ref": ("sheet {sheet}", "工作表 {sheet}"),

    # ---- cells ----
    "io.range_date_hint": (
        "; Excel may have turned a range such as 2-3 into a date: format the column as Text and "
        "type it again",
        "；Excel 可能把 2-3 这样的范围变成了日期：请把该列设为“文本”格式后重新输入"),
    "io.id_date_hint": (
        "; it looks like a date: Excel may have turned an id such as 1-1 into one (format the "
        "column as Text and type it again)",
        "；它像是日期：Excel 可能把 1-1 这样的编号变成了日期（请把该列设为“文本”格式后重新输入）"),
    "io.value_hint": ("'{value}'{hint}", "“{value}”{hint}"),
    "io.empty_value": ("is empty; a value is required", "为空；此处必须填写"),
    "io.after_text": ("after '{text}'", "位于“{text}”之后"),
    "io.at_the_start": ("at the start", "位于开头"),
    "io.invisible_character": (
        "holds an invisible character U+{code} ({name}) {where}; delete it and type the id again",
        "含有不可见字符 U+{code}（{name}），{where}；请删除它并重新输入编号"),
    "io.look_alike": (
        "'{value}' mixes Latin letters with U+{code} ({name}), which only looks like Latin "
        "'{latin}'; type it again in Latin letters ('{fixed}')",
        "“{value}”的拉丁字母中混有外文字母 U+{code}（{name}），它只是看起来像拉丁字母“{latin}”；"
        "请全部用拉丁字母重新输入（“{fixed}”）"),
    "io.look_alike_letter": (
        "'{value}' mixes Latin letters with U+{code} ({name}), which only looks like a Latin "
        "letter; type it again in Latin letters",
        "“{value}”的拉丁字母中混有外文字母 U+{code}（{name}），它只是看起来像拉丁字母；请全部用拉丁"
        "字母重新输入"),
    "io.did_you_mean": ("; did you mean '{id}'?", "；是不是“{id}”？"),
    "io.empty_integer": ("is empty; an integer is required", "为空；必须填写整数"),
    "io.below_minimum": ("{value} is below the minimum {minimum}", "{value} 小于最小值 {minimum}"),
    "io.above_maximum": ("{value} is above the maximum {maximum}", "{value} 超过最大值 {maximum}"),
    "io.not_whole": ("'{value}' is not a whole number{hint}", "“{value}”不是整数{hint}"),
    "io.whole_in_digits": ("'{value}' is not a whole number written in digits; write {number}",
                           "“{value}”不是用数字写的整数；请写 {number}"),
    "io.whole_not_negative": ("'{value}' must be a whole number >= 0",
                              "“{value}”必须是不小于 0 的整数"),
    "io.empty_number": ("is empty; a number is required", "为空；必须填写数字"),
    "io.decimal_comma": ("'{value}' has a decimal comma; write a point: {fixed}",
                         "“{value}”用逗号作了小数点；请改用小数点：{fixed}"),
    "io.not_a_number": ("'{value}' is not a number written in digits such as 12 or 13.5",
                        "“{value}”不是用数字写的数（应写成 12 或 13.5 这样）"),
    "io.number_not_negative": ("'{value}' must be a number >= 0", "“{value}”必须是不小于 0 的数"),
    "io.too_many_places": (
        "'{value}' has more than {places} decimal places (loads are counted exactly in hundredths "
        "of a lesson: 12.5 or 12.25)",
        "“{value}”的小数超过 {places} 位（课时按百分之一节精确计算，如 12.5 或 12.25）"),
    "io.not_a_time": ("'{value}' is not a time; write 24-hour HH:MM such as 08:30 or 13:20",
                      "“{value}”不是时间；请按 24 小时制写成 HH:MM，如 08:30 或 13:20"),
    "io.invalid_time": ("'{value}' is not a valid time (hours 0-23, minutes 0-59)",
                        "“{value}”不是有效的时间（小时 0-23，分钟 0-59）"),
    "io.not_a_count": ("'{value}' is not a count such as 3 or a range such as 2-4{hint}",
                       "“{value}”既不是节数（如 3），也不是范围（如 2-4）{hint}"),
    "io.range_backwards": ("range '{value}' runs backwards", "范围“{value}”前大后小"),
    "io.above_weekly_maximum": ("{value} is above the maximum {maximum} a week",
                                "{value} 超过每周最多 {maximum} 节"),
    "io.course_needs_a_session": (
        "a course needs at least 1 session a week (a range may start at 0: 0-2); to drop the "
        "course, delete its rows",
        "一门网络课程每周至少上 1 节（范围可以从 0 开始，如 0-2）；不开这门课程，请删除它的各行"),
    "io.slot_unknown_day": ("'{part}': '{token}' is not one of the days {days}{hint}",
                            "“{part}”：“{token}”不是上课日（{days}）之一{hint}"),
    "io.slot_unknown_day_alone": (
        "'{token}' is not one of the days {days}{hint} (write e.g. Thu, 周四, 周四下午, 周四第5-6节)",
        "“{token}”不是上课日（{days}）之一{hint}（可写 周四、周四下午、周四第5-6节、周一至周三）"),
    "io.slot_nothing_after_colon": (
        "'{part}' has nothing after ':'; write '{token}' for the whole day or '{token}:1-3' for "
        "some periods",
        "“{part}”的冒号后没有内容；整天写“{token}”，部分节次写“{token}:1-3”"),
    "io.slot_not_a_period": (
        "'{part}': '{chunk}' is not a period, a range of periods such as 5-6, or a half-day "
        "(上午, 下午)",
        "“{part}”：“{chunk}”不是节次、节次范围（如 5-6）或半天（上午、下午）"),
    "io.slot_range_backwards": ("'{part}': the range {chunk} runs backwards; write {fixed}",
                                "“{part}”：范围 {chunk} 前大后小；应写 {fixed}"),
    "io.slot_out_of_range": ("'{part}': periods must lie in 1-{periods} of the school's bell "
                             "schedule",
                             "“{part}”：节次必须在本校作息时间表的 1-{periods} 节之内"),
    # ---- files and tables (tabular) ----
    "io.file_too_large": ("is {size} bytes; a table holds at most {maximum}",
                          "有 {size} 字节；一个表最多 {maximum} 字节"),
    "io.utf16": ("is UTF-16 text (as Excel's 'Unicode Text' saves it); save it as 'CSV UTF-8' "
                 "(or UTF-8 text for instance.yaml)",
                 "是 UTF-16 文本（Excel 另存为“Unicode 文本”时的格式）；请另存为“CSV UTF-8”"
                 "（instance.yaml 则存为 UTF-8 文本）"),
    "io.binary": ("is not a text file (it holds binary data); give the CSV (or YAML) file itself, "
                  "saved as UTF-8",
                  "不是文本文件（含有二进制数据）；请提供以 UTF-8 保存的 CSV（或 YAML）文件本身"),
    "io.big5": ("looks like Big5 (traditional Chinese, as Excel saves CSV in Taiwan or Hong Kong), "
                "not GB18030: its characters would be read wrong; save it as 'CSV UTF-8'",
                "看起来是 Big5 编码（繁体中文，台湾、香港的 Excel 保存 CSV 时使用），不是 GB18030："
                "其中的汉字会被读错；请另存为“CSV UTF-8”"),
    "io.undecodable": ("cannot be decoded as UTF-8 or GB18030; save it as 'CSV UTF-8'",
                       "无法按 UTF-8 或 GB18030 解码；请另存为“CSV UTF-8”"),
    "io.link_loops": ("is a link that loops back on itself; put the file itself here",
                      "是一个指向自身的循环链接；请在此处放文件本身"),
    "io.link_to_nothing": ("is a link to {target}, which does not exist",
                           "是指向 {target} 的链接，而该文件不存在"),
    "io.link_to_no_file": ("is a link to {target}, which is not a file",
                           "是指向 {target} 的链接，而它不是文件"),
    "io.directory_not_file_what": ("is a directory, not a file ({what})",
                                   "是文件夹，不是文件（{what}）"),
    "io.directory_not_file": ("is a directory, not a file", "是文件夹，不是文件"),
    "io.file_missing_what": ("file is missing ({what})", "文件缺失（{what}）"),
    "io.file_missing": ("file is missing", "文件缺失"),
    "io.expected_csv": ("expected a CSV with columns {columns}", "应为含有 {columns} 各列的 CSV 文件"),
    "io.expected_csv_optional": ("expected a CSV with columns {columns}; optional: {optional}",
                                 "应为含有 {columns} 各列的 CSV 文件；可选列：{optional}"),
    "io.expected_csv_only_optional": ("expected a CSV with any of the columns {optional}",
                                      "应为含有 {optional} 中若干列的 CSV 文件"),
    "io.read_as_encoding": ("read as {encoding} (not UTF-8); saving as 'CSV UTF-8' avoids "
                            "surprises",
                            "按 {encoding}（不是 UTF-8）读取；另存为“CSV UTF-8”可避免意外"),
    "io.invalid_csv": ("is not a valid CSV file ({reason})", "不是有效的 CSV 文件（{reason}）"),
    "io.empty_table": ("is empty: a header row is required (columns {columns})",
                       "是空的：必须有表头行（列：{columns}）"),
    "io.column_twice": ("column appears twice in the header", "该列在表头中出现了两次"),
    "io.semicolons": ("semicolons", "分号"),
    "io.tabs": ("tabs", "制表符"),
    "io.wrong_separator": ("the columns seem to be separated by {separator}; save the file as CSV "
                           "(comma-separated)",
                           "各列似乎是用{separator}分隔的；请另存为 CSV（逗号分隔）"),
    "io.column_missing": ("required column is missing from the header", "表头中缺少这一必需列"),
    "io.misspelt_column": (
        "unknown column '{name}': did you mean '{close}'? (extra columns are ignored, but this one "
        "looks like a misspelling)",
        "未知列“{name}”：是不是“{close}”？（多余的列会被忽略，但这一列看起来是拼错了）"),
    "io.column_ignored": ("column '{name}' is ignored (the table has '{close}')",
                          "列“{name}”被忽略（表中已有“{close}”）"),
    "io.too_many_cells": ("row has {cells} cells but the header has {header}",
                          "这一行有 {cells} 个单元格，而表头只有 {header} 个"),
    "io.cut_short": ("the file ends in the middle of this row ({cells} of the header's {header} "
                     "cells): was it cut short? Save the whole table again",
                     "文件在这一行中间结束（只有表头 {header} 个单元格中的 {cells} 个）：是否被截断了？"
                     "请重新保存整个表"),
    "io.line_break_in_cell": ("holds a line break (Alt+Enter); write it on one line",
                              "含有换行（Alt+Enter）；请写在一行内"),
    "io.unclosed_quote": (
        "holds a line break: a quote (\") that opens in this cell is not closed where the cell "
        "ends, so the rows below were read into it; remove the quote or close it",
        "含有换行：这个单元格里的引号（\"）没有在单元格结束处闭合，下面各行都被读进了这个单元格；"
        "请删掉这个引号或把它闭合"),
    "io.cell_too_long": ("holds {length} characters; a cell holds at most {maximum}",
                         "有 {length} 个字符；一个单元格最多 {maximum} 个字符"),
    # ---- instance.yaml (and the workbook's settings sheet) ----
    "io.yaml.what": ("it names the instance, its season and days",
                     "它写明实例的名称、作息季节和上课日"),
    "io.yaml.name_list": ("must be a name or a non-empty list of names, e.g. [Mon, Tue, Wed]",
                          "必须是一个名称或非空的名称列表，如 [Mon, Tue, Wed]"),
    "io.yaml.listed_twice": ("lists {items} twice", "把 {items} 列了两次"),
    "io.yaml.mapping": ("must be a mapping of key: value", "必须是“键: 值”的映射"),
    "io.yaml.unknown_subkey": ("unknown key; {key} takes {keys}",
                               "未知的键；{key} 下可用的键有：{keys}"),
    "io.yaml.whole_number": ("must be a whole number such as 30, not {given}",
                             "必须是整数（如 30），不能是 {given}"),
    "io.yaml.credit_places": (
        "{given} has more than {places} decimal places; the model counts credits exactly in "
        "hundredths (e.g. 1.5, 1.25)",
        "{given} 的小数超过 {places} 位；模型按百分之一精确计算折算系数（如 1.5、1.25）"),
    "io.yaml.at_most": ("{given} is out of range: it must be at most {bound}",
                        "{given} 超出范围：最大为 {bound}"),
    "io.yaml.at_least": ("{given} is out of range: it must be at least {bound}",
                         "{given} 超出范围：最小为 {bound}"),
    "io.yaml.a_number": ("must be a number such as 1.5, not {given}",
                         "必须是数（如 1.5），不能是 {given}"),
    "io.yaml.invalid_value": ("{given} is not a valid value here", "{given} 不是这里的有效取值"),
    "io.yaml.invalid": ("is not valid YAML: {problem}", "不是有效的 YAML：{problem}"),
    "io.yaml.tab": ("is not valid YAML: found character '\\t' that cannot start any token (a "
                    "tab: indent with spaces)",
                    "不是有效的 YAML：这一行用了制表符（Tab）；YAML 只能用空格缩进"),
    "io.yaml.top_mapping": ("must be a mapping with keys {keys}", "必须是含有 {keys} 等键的映射"),
    "io.yaml.key_twice": ("'{key}' is given twice (lines {first} and {line}); YAML would keep the "
                          "second silently: keep one",
                          "“{key}”写了两次（第 {first} 行和第 {line} 行）；YAML 会不加提示地只保留"
                          "后一个：请只保留一个"),
    "io.yaml.unknown_key": ("unknown key; the keys are {keys}", "未知的键；可用的键有：{keys}"),
    "io.yaml.name_as_text": ("must be the instance's name as text, not {given}",
                             "必须是以文字写出的实例名称，不能是 {given}"),
    "io.yaml.season_required": (
        "is required: which season's rows of bells.csv to use, e.g. winter, or [winter, summer] "
        "for one timetable valid with both",
        "必须填写：使用 bells.csv 中哪个作息季节的行，如 winter；一张课表同时适用冬令和夏令时写 "
        "[winter, summer]"),
    "io.yaml.weekday_twice": ("names one weekday twice (written two ways)",
                              "同一个星期几写了两次（两种写法）"),
    # the checks of instance.yaml's policy (aligner/instance.py)
    "io.policy.credit_not_a_number": ("must be a number such as 1.5, not {given}",
                                      "必须是数（如 1.5），不能是 {given}"),
    "io.policy.credit_in_digits": ("write {given} in digits, such as 1.5",
                                   "请把 {given} 用数字写出，如 1.5"),
    "io.policy.online_credit_minimum": (
        "must be at least 1.5: the programme credits an online lesson at no less than 1.5 "
        "ordinary lessons (1:1.5)",
        "不能小于 1.5：按规定，一节在线课折算不低于 1.5 节普通课（1:1.5）"),
    "io.policy.not_negative": ("must be >= 0", "不能小于 0"),
    "io.policy.form_credit_minimum": (
        "{form} must be at least {least}: the programme credits a {form} lesson at no less than "
        "{least} ordinary lessons",
        "{form} 不能小于 {least}：按规定，一节{form}课折算不低于 {least} 节普通课"),
    "io.policy.credit_unknown_form": ("unknown form(s) {unknown}; the forms are {forms}",
                                      "未知的形式 {unknown}；形式有 {forms}"),
    "io.policy.credit_range": (
        "'{given}' is no credit: at most {maximum}, with at most {places} decimal places",
        "“{given}”不是有效的折算系数：最大 {maximum}，最多 {places} 位小数"),
    "io.policy.unknown_levels": ("unknown level(s) {unknown}; levels are {levels}",
                                 "未知的骨干级别 {unknown}；可用的级别有：{levels}"),
    "io.policy.level_range": ("minimums must lie in 0-{maximum}", "最低要求必须在 0-{maximum} 之间"),
    # ---- the tables and their references (reader) ----
    "io.old_xls": ("is an old-style .xls workbook; save it in Excel as .xlsx (Excel Workbook) and "
                   "give that file",
                   "是旧式的 .xls 工作簿；请在 Excel 中另存为 .xlsx（Excel 工作簿），再使用那个文件"),
    "io.no_such_path": ("does not exist (give an instance directory or an .xlsx workbook)",
                        "不存在（请给出实例目录或 .xlsx 工作簿）"),
    "io.not_an_instance": ("is not a directory holding an instance (nor an .xlsx workbook)",
                           "不是存放实例的文件夹（也不是 .xlsx 工作簿）"),
    "io.none": ("none", "无"),
    "io.key.id": ("{column} '{id}'", "{column}“{id}”"),
    "io.key.period": ("period {c} of school {a} in season {b}", "学校 {a} {b} 作息的第 {c} 节"),
    "io.key.class": ("class {b} of school {a}", "学校 {a} 的班级 {b}"),
    "io.key.room": ("room {b} of school {a}", "学校 {a} 的教室 {b}"),
    "io.key.subject": ("subject {c} for class {b} of school {a}", "学校 {a} 班级 {b} 的科目 {c}"),
    "io.key.receiving_class": ("receiving class {c} of school {b} in course {a}",
                               "课程 {a} 中学校 {b} 的接收班级 {c}"),
    "io.duplicate": ("duplicate {what} (first on row {first})", "重复的{what}（首次出现在第 {first} 行）"),
    "io.no_schools": ("has no schools", "没有任何学校"),
    "io.unknown_school": ("unknown school '{id}'{hint}", "未知的学校“{id}”{hint}"),
    "io.unknown_teacher": ("unknown teacher '{id}'{hint}", "未知的教师“{id}”{hint}"),
    "io.unknown_class": ("unknown class '{id}' of school '{school}'{hint}",
                         "学校“{school}”没有班级“{id}”{hint}"),
    "io.unknown_class_see": ("unknown class '{id}' of school '{school}' (see classes.csv){hint}",
                             "学校“{school}”没有班级“{id}”（见 classes.csv）{hint}"),
    "io.season_spelt_two_ways": ("season '{season}' is written '{usual}' elsewhere; did you mean "
                                 "'{usual}'?",
                                 "作息季节“{season}”在别处写作“{usual}”；是不是“{usual}”？"),
    "io.bell_kind": ("'{kind}' is not a kind of bell row; use blank or period (a lesson period) or "
                     "break (a named break such as 大课间)",
                     "“{kind}”不是作息行的类型；请留空或写 period（上课的节次），或写 break（有名称的课间"
                     "活动，如大课间）"),
    "io.period_number_missing": ("is empty; a lesson period needs its number (a break such as 大课间 "
                                 "has kind break and no number)",
                                 "为空；上课的节次必须有节次号（大课间这样的课间活动类型为 break，"
                                 "不填节次）"),
    "io.period_gaps": ("school {school}, season {season}: periods must run 1..n without gaps; "
                       "missing {missing}",
                       "学校 {school}，{season} 作息：节次必须从 1 起连续编号，缺少 {missing}"),
    "io.afternoon_hint": (" (afternoon times must be 24-hour: write 13:20, not 1:20)",
                          "（下午的时间必须用 24 小时制：写 13:20，不要写 1:20）"),
    "io.periods_overlap": (
        "school {school}, season {season}: period {period} starts at {start}, before period "
        "{before} ends at {end}; periods must be in order and must not overlap{hint}",
        "学校 {school}，{season} 作息：第 {period} 节 {start} 开始，早于第 {before} 节的结束时间 {end}；"
        "各节必须按顺序排列且不得重叠{hint}"),
    "io.no_bells_for_season": (
        "school {school} has no bell schedule for season '{season}' (asked by {asked}); "
        "bells.csv has {others} for it{hint}",
        "学校 {school} 没有“{season}”的作息时间表（{asked} 要求的）；bells.csv 中"
        "该校只有：{others}{hint}"),
    "io.seasons_of_settings": ("instance.yaml's seasons", "instance.yaml 的 seasons"),
    "io.periods_differ_by_season": (
        "school {school} has a different number of periods in the seasons {counts}; one weekly "
        "timetable for several seasons needs the same periods in each",
        "学校 {school} 各作息季节的节数不同：{counts}；一张周课表要适用于几个季节，各季节的节数必须相同"),
    "io.break_with_number": ("a break has no period number, but this row gives '{period}'; leave "
                             "period blank (or make the row kind period)",
                             "课间活动没有节次号，但这一行写了“{period}”；请把节次留空（或把这一行的类型"
                             "改为 period）"),
    "io.break_without_name": ("a break needs a name (such as 晨间活动, 大课间 or 午间阅读): it is "
                              "printed between the periods",
                              "课间活动必须有名称（如晨间活动、大课间、午间阅读）：它印在两节课之间"),
    "io.break_ends_before_start": ("break ends ({end}) before it starts ({start})",
                                   "课间活动的结束时间（{end}）早于开始时间（{start}）"),
    "io.period_ends_before_start": ("period ends ({end}) before it starts ({start})",
                                    "这一节的结束时间（{end}）早于开始时间（{start}）"),
    "io.break_where": ("school {school}, season {season}: break {name} ({times})",
                       "学校 {school}，{season} 作息：课间活动“{name}”（{times}）"),
    "io.break_overlaps_period": ("{where} overlaps period {period} ({times}); a break lies "
                                 "between periods",
                                 "{where}与第 {period} 节（{times}）重叠；课间活动应在两节课之间"),
    "io.break_overlaps_break": ("{where} overlaps break {name} ({times}, row {row})",
                                "{where}与课间活动“{name}”（{times}，第 {row} 行）重叠"),
    "io.head_teacher_school": (
        "head teacher '{teacher}' belongs to school '{school}', not '{own}': a class's head "
        "teacher (班主任) is a teacher of its own school",
        "班主任“{teacher}”属于学校“{school}”，不属于“{own}”：班主任必须是本校教师"),
    "io.not_a_level": ("'{level}' is not a level; use blank, {levels}",
                       "“{level}”不是骨干级别；请留空，或写 {levels}（县级、市级、区级）"),
    "io.min_per_day_above_max": (
        "min_per_day {low} exceeds max_per_day {high}: no day could hold a commitment",
        "min_per_day（每天最少）{low} 大于 max_per_day（每天最多）{high}：哪一天都不能上课"),
    "io.min_above_max": ("min_load {low} exceeds max_load {high}",
                         "min_load（最少课时）{low} 大于 max_load（最多课时）{high}"),
    "io.doubles_need_a_teacher": (
        ("{n} double lesson need a teacher, but teacher_id is blank (every lesson arrives online)",
         "{n} double lessons need a teacher, but teacher_id is blank (every lesson arrives "
         "online)"),
        "{n} 次连堂需要任课教师，但 teacher_id 为空（表示每节课都是在线课）"),
    "io.teacher_school": ("teacher '{teacher}' belongs to school '{school}', not '{own}'",
                          "教师“{teacher}”属于学校“{school}”，不属于“{own}”"),
    "io.not_a_form": ("'{form}' is not a form; use {forms}",
                      "“{form}”不是帮扶形式；请写 {forms}（同步课堂、专递课堂、名师课堂）"),
    "io.hub_teacher_school": ("hub teacher '{teacher}' belongs to school '{school}', not the hub "
                              "'{hub}'",
                              "主讲教师“{teacher}”属于学校“{school}”，不属于主讲学校“{hub}”"),
    "io.receiving_is_hub": ("the receiving school must differ from the hub school",
                            "接收学校不能是主讲学校本身"),
    "io.sync_needs_hub_class": ("a sync course needs the hub class its teacher teaches at the same "
                                "time",
                                "同步课堂必须填写主讲班级：主讲教师同时给这个班上课"),
    "io.no_hub_class": ("a {form} course has no hub class (its teacher teaches remote classes "
                        "only); leave it blank",
                        "{form}没有主讲班级（主讲教师只给远端班级上课）；请留空"),
    "io.form.sync": ("sync", "同步课堂"),
    "io.form.delivery": ("delivery", "专递课堂"),
    "io.form.famous": ("famous", "名师课堂"),
    "io.assistant_school": ("assistant '{teacher}' belongs to school '{school}', not the receiving "
                            "school '{receiving}'",
                            "助教“{teacher}”属于学校“{school}”，不属于接收学校“{receiving}”"),
    "io.course_rows_disagree": (
        "course '{course}' has {column} '{here}' here but '{there}' on row {row}; rows of one "
        "course must agree on everything but the receiving class",
        "课程“{course}”在这里的 {column} 是“{here}”，第 {row} 行却是“{there}”；同一课程的各行除接收班级"
        "外必须完全一致"),
    "io.too_many_lessons": (
        "class {klass} of school {school} needs {lessons} lessons a week but has only {slots} "
        "periods ({days} days x {periods}); its largest row is {subject} with {largest}",
        "学校 {school} 的班级 {klass} 每周需要 {lessons} 节课，但只有 {slots} 个节次（{days} 天 × "
        "{periods} 节）；课时最多的一行是{subject}，{largest} 节"),
    "io.core_subject_unknown": ("core subject '{subject}' is no subject of curriculum.csv{hint}; it "
                                "counts for nothing",
                                "核心科目“{subject}”不是 curriculum.csv 中的科目{hint}；它不起作用"),
    "io.hub_class_no_row": ("hub class {klass} has no curriculum row for {subject}",
                            "主讲班级 {klass} 的课程计划中没有{subject}"),
    "io.hub_teacher_not_curriculum": (
        "hub teacher '{teacher}' is not the curriculum teacher of class {klass} for {subject} "
        "('{curriculum_teacher}', curriculum.csv row {row})",
        "主讲教师“{teacher}”不是班级 {klass} {subject}课的任课教师（课程计划中是“{curriculum_teacher}”，"
        "curriculum.csv 第 {row} 行）"),
    "io.receiving_class_no_row": ("receiving class {klass} of school {school} has no curriculum row "
                                  "for {subject}",
                                  "学校 {school} 的接收班级 {klass} 的课程计划中没有{subject}"),
    "io.online_above_per_week": (
        "class {klass} of school {school} has {per_week} {subject} lessons a week, but its online "
        "courses ({courses}) bring at least {fewest}",
        "学校 {school} 的班级 {klass} 每周有 {per_week} 节{subject}，但它的网络课程（{courses}）至少"
        "就有 {fewest} 节"),
    "io.online_bring": (" (online courses {courses} bring at least {fewest})",
                        "（网络课程 {courses} 至少占 {fewest} 节）"),
    "io.doubles_above_local": (
        ("class {klass} of school {school} has {n} double {subject} lesson ({periods} periods), "
         "but only {local} of its {per_week} lessons are local{online}",
         "class {klass} of school {school} has {n} double {subject} lessons ({periods} periods), "
         "but only {local} of its {per_week} lessons are local{online}"),
        "学校 {school} 的班级 {klass} 有 {n} 次{subject}连堂（{periods} 节），但它每周 {per_week} 节"
        "中只有 {local} 节是本校课{online}"),
    "io.together_and_online": (
        "{subject} of class {klass} (school {school}) is taught together with other classes "
        "('{label}') but online courses ({courses}) also reach it; lessons taught together are "
        "local only",
        "学校 {school} 班级 {klass} 的{subject}与其他班同时上课（“{label}”），但网络课程（{courses}）"
        "也送到这门课；同时上课只适用于本校课"),
    "io.courses_in_brackets": (" ({courses})", "（{courses}）"),
    "io.no_teacher_too_few_online": (
        "no teacher is given for {subject} of class {klass} (school {school}), so all {per_week} "
        "lessons must arrive online, but its courses bring at most {most}{courses}",
        "学校 {school} 班级 {klass} 的{subject}没有任课教师，所以每周 {per_week} 节都必须是在线课，"
        "但它的网络课程最多只有 {most} 节{courses}"),
    "io.together_alone": ("'{label}' is the together label of {subject} of class {klass} only; "
                          "give it to the rows taught at the same time",
                          "同时上课标签“{label}”只用在了班级 {klass} 的{subject}上；请把它填到所有"
                          "同时上课的行"),
    "io.together_same_class": ("rows taught together ('{label}') must be of different classes (a "
                               "class cannot have two lessons at once): {classes}",
                               "同时上课的各行（“{label}”）必须属于不同班级（一个班不能同时上两节课）："
                               "{classes}"),
    "io.together_differ": ("rows taught together ('{label}', school {school}) need a teacher and "
                           "the same per_week and doubles: {rows}",
                           "同时上课的各行（“{label}”，学校 {school}）都要有任课教师，且周课时（per_week）"
                           "和连堂数（doubles）相同：{rows}"),
    # ---- the template: its notes and the comments of its header cells ----
    "io.template.note1": (
        "aligner instance workbook: fill in the sheets, then run aligner solve this.xlsx",
        "aligner 实例工作簿：填写各表后运行 aligner solve 本文件.xlsx"),
    "io.template.note2": (
        "Row 1 is the header; each header cell's comment says what the column means; id columns are "
        "formatted as text.",
        "第 1 行是表头，不要改动；每个单元格的批注说明该列的含义。编号列已设为文本格式。"),
    "io.template.note3": (
        "Sheet instance: one setting per row (key | value), as in instance.yaml; season may be 'winter, "
        "summer'.",
        "设置表：每行一个设置项（设置项 | 值），与 instance.yaml 相同；设置项可写中文名，也可写英文键（"
        "如 policy.max_shift）；季节可写 winter, summer。"),
    "io.template.note4": ("Errors name the sheet, row and column.", "出错时，提示会指明工作表、行号和列。"),
    "io.template.optional": (" (optional column)", " （可不填此列）"),
    "io.template.key": ("key", "设置项"),
    "io.template.value": ("value", "值"),
    "io.help.school_id": (
        "school id (letters or digits); the tables refer to schools by it",
        "学校编号：英文字母或数字，各表以此互相引用"),
    "io.help.name": ("name", "名称"),
    "io.help.sync_rooms": (
        "rooms equipped for live online lessons (blank = 1)",
        "可上同步课的教室数（空=1）"),
    "io.help.short_name": ("how grids name the school (blank = name)", "课表上显示的简称（空=学校名称）"),
    "io.help.season": (
        "season of the bells, e.g. winter or summer (as in sheet instance)",
        "作息季节，如 冬令、夏令（也可写 winter、summer）；须与设置表的季节一致"),
    "io.help.period": (
        "period number, 1..n without gaps (blank on a break row)",
        "第几节，从 1 起连续编号（课间活动行留空）"),
    "io.help.start": ("start time, 24-hour HH:MM", "开始时间，24 小时制，如 08:30、13:20"),
    "io.help.end": ("end time, 24-hour HH:MM", "结束时间，24 小时制"),
    "io.help.kind": (
        "period (blank = a lesson period) or break (晨间活动, 大课间, 午间阅读...: a name, start and "
        "end, no period number, not overlapping a period; printed in the timetables, not scheduled)",
        "上课（空=上课，一节课）或 课间（晨间活动、大课间、午间阅读等不上课的时段：写名称和起止时间，节"
        "次留空，不得与课时重叠；只印在课表上，排课不用）"),
    "io.help.bell_name": (
        "the break's name, e.g. 大课间; on a period row a note printed with it, e.g. 眼保健操",
        "课间活动的名称，如 大课间；上课行可写备注，如 眼保健操（印在节次旁）"),
    "io.help.head_teacher": (
        "teacher id of the class's head teacher (班主任, a teacher of its school; blank = none), "
        "printed in its timetable's title",
        "班主任的教师编号（本校教师，可空），印在班级课表标题中"),
    "io.help.students": (
        "pupils in the class, a whole number (blank = not given); the monthly report counts "
        "participant person-times with it",
        "班级学生人数，整数（可空）；月报表据此统计参与师生人次"),
    "io.students_negative": (
        "{value} pupils: a class's students is a whole number of 0 or more (blank = not given)",
        "学生数 {value}：班级人数应为 0 或正整数（可空）"),
    "io.help.class_id": (
        "class id, unique within its school (format as Text)",
        "班级编号，本校内唯一，如 1-1（请设为文本格式）"),
    "io.help.grade": ("grade 1-12", "年级 1-12（小学 1-6，初中 7-9，高中 10-12）"),
    "io.help.teacher_id": ("teacher id, unique", "教师编号，全表唯一"),
    "io.help.level": ("county, city or region (blank = none)", "骨干级别：县级、市级、区级（可空）"),
    "io.help.min_load": ("credited lessons a week at least (blank = 0)", "每周最少折算课时（空=0）"),
    "io.help.max_load": ("credited lessons a week at most (blank = no cap)", "每周最多折算课时（空=不限）"),
    "io.help.unavailable": (
        "e.g. Mon:1;Fri:5-6;Wed;Thu:pm (a bare day is the whole day; 周四, 周四下午, 周四第5-6节, "
        "周一至周三 work too)",
        "不能排课的时间，如 周四下午；周五第5-6节；周三（只写星期=全天）；周一至周三；也可写 "
        "Mon:1;Fri:5-6"),
    "io.help.subject": ("subject", "科目，如 语文、数学"),
    "io.help.per_week": (
        "lessons a week, online ones included; a course may give a range 2-4",
        "每周课时（含在线课）；网络课程可写范围 2-4"),
    "io.help.max_per_day": ("at most this many a day (blank = no cap)", "每天最多几节（空=不限）"),
    "io.help.doubles": ("how many of them are double periods (blank = 0)", "其中连堂几次（空=0）"),
    "io.help.allowed": (
        "the only periods its local lessons may take, e.g. Mon:1-4;Tue (blank = any)",
        "本科目本班课只能排在这些时间，如 Mon:1-4;Tue（空=不限）"),
    "io.help.preferred": (
        "where its local lessons should go if they can (尽量), e.g. Mon:1-4;Tue:1-4; a lesson "
        "elsewhere costs weights.outside_preferred (blank = no wish)",
        "本科目本班课尽量排在这些时间，如 Mon:1-4;Tue:1-4；排在别处按“不在尽量时间权重”扣分（空=不限）"),
    "io.help.together": (
        "rows of one school with the same label are taught at the same periods (blank = none)",
        "同一标签的各行（同校不同班）必须同时上课，如分组课（空=无）"),
    "io.help.course_id": (
        "course id; rows sharing it are one course reaching all its classes at once",
        "课程编号；同一编号的多行是同一门课程，每次同时送达各接收班级"),
    "io.help.form": ("sync, delivery or famous", "同步课堂、专递课堂或名师课堂"),
    "io.help.hub_school": ("hub school id", "主讲学校编号"),
    "io.help.hub_teacher": ("hub teacher id", "主讲教师编号"),
    "io.help.hub_class": (
        "hub class id (sync only; blank otherwise)",
        "主讲班级编号（同步课堂必填，专递/名师课堂留空）"),
    "io.help.receiving_school": ("receiving school id", "接收学校编号"),
    "io.help.receiving_class": ("one row per receiving class", "接收班级编号（每个接收班级一行）"),
    "io.help.assistant_teacher": (
        "assisting teacher at the receiving end (blank = none)",
        "接收端助教教师编号（可空）"),
    # ---- the workbook ----
    "io.workbook.needs_openpyxl": ("reading an .xlsx workbook needs openpyxl: pip install "
                                   "'aligner[xlsx]'",
                                   "读取 .xlsx 工作簿需要 openpyxl：pip install 'aligner[xlsx]'"),
    "io.workbook.unreadable": ("cannot be read as an .xlsx workbook ({reason})",
                               "无法作为 .xlsx 工作簿读取（{reason}）"),
    "io.workbook.no_sheet": ("has no sheet '{name}' (or {others}); sheets: {sheets}",
                             "没有工作表“{name}”（也可叫 {others}）；现有工作表：{sheets}"),
    "io.workbook.key_twice": ("'{key}' is given twice (rows {first} and {row}); keep one",
                              "“{key}”写了两次（第 {first} 行和第 {row} 行）；请只保留一个"),
    "io.workbook.value_and_subkeys": ("'{key}' is given a value and sub-keys",
                                      "“{key}”既有值又有下级设置项"),
    "io.workbook.settings_what": ("the instance's settings", "实例的设置"),
    "io.workbook.settings_mapping": ("must be a mapping", "必须是映射（键: 值）"),
    # ---- a solution directory and the bells it was solved on ----
    "io.solved.other_instance": (
        "note: this timetable was solved for the instance {instance} (summary.json), not for the "
        "one given",
        "注意：这张课表是为实例 {instance} 排的（见 summary.json），不是为这里给出的实例排的"),
    "io.solved.given_bells": ("Checking against the bells in {bells} (--bells).",
                              "按 {bells} 中的作息时间核对（--bells）。"),
    "io.solved.moved_bells_gone": (
        "this timetable was scheduled on moved bells ({file}), which are no longer in "
        "{directory}; give them with --bells FILE",
        "这张课表是按调整后的作息时间（{file}）排的，但 {directory} 中已经没有这个文件；请用 --bells "
        "文件 指定它"),
    "io.solved.moved_bells_changed": (
        "is not the bells this timetable was scheduled on (its times changed since the solve, "
        "fingerprint {now} instead of {recorded}: a later aligner align --optimize into this "
        "directory?); give the bells it was scheduled on with --bells FILE",
        "不是这张课表排课时用的作息时间（排课后时间改过了，指纹是 {now} 而不是 {recorded}：是不是后来又"
        "在这个文件夹里运行了 aligner align --optimize？）；请用 --bells 文件 指定排课时用的作息时间"),
    "io.solved.moved_bells": ("Checking against the moved bells in {file} (solve --align-bells).",
                              "按 {file} 中调整后的作息时间核对（solve --align-bells）。"),
    "io.solved.bells_changed": (
        "note: the instance's bells changed since this timetable was solved (fingerprint {now}, "
        "summary.json says {recorded}); the instance's bells as they are now apply",
        "注意：排出这张课表后，实例的作息时间改过了（指纹是 {now}，summary.json 记录的是 {recorded}）；"
        "按实例现在的作息时间处理"),
    "io.solved.proposal_left_alone": (
        "note: {file} is not the bells this timetable was solved on (a proposal, or left by an "
        "earlier solve); it is left alone (--bells {file} uses it)",
        "注意：{file} 不是这张课表排课时用的作息时间（是一份建议，或是以前排课留下的）；不使用它"
        "（要用它请加 --bells {file}）"),

    # ---- the office's rules in the template ----
    "io.help.teachers.max_per_day": (
        "commitments a day at most: local lessons, sessions taught and assisted; a double "
        "lesson counts 2 (blank = no limit)",
        "每天最多上几节（本校课、主讲、助教都算，连堂算 2 节；空=不限）"),
    "io.help.max_consecutive": (
        "commitments in a row at most, within a morning or an afternoon (blank = no limit)",
        "上午或下午内最多连上几节（空=不限）"),
    "io.help.max_days": ("days with a commitment a week at most (blank = no limit)",
                         "每周最多几天有课（空=不限）"),
    "io.help.min_per_day": (
        "commitments at least on a day with any, a double counting 2; days without any are "
        "allowed (blank = no limit)",
        "有课的那天最少上几节（连堂算 2 节；没课的日子不限；空=不限）"),
    "io.help.max_gaps_per_day": (
        "free periods a day at most between two commitments, unavailable periods not counted "
        "(0 = none; blank = no limit)",
        "每天最多几节空堂（两节课之间的空节，不可排课时间不算；0=不许有；空=不限）"),
    "io.help.max_gaps_per_week": (
        "free periods a week at most between two commitments of a day, unavailable periods "
        "not counted (0 = none; blank = no limit)",
        "每周最多几节空堂（同一天两节课之间的空节，不可排课时间不算；0=不许有；空=不限）"),
    "io.help.curriculum.class_id": (
        "class id; classes of one school taught together (合班): 1-1+1-2",
        "班级编号；合班上课写 1-1+1-2（同校几个班一起上，一位老师）"),
    "io.help.curriculum.teacher_id": (
        "teacher id; two teachers of every lesson: t1+t2; blank when every lesson arrives "
        "online",
        "教师编号；两位老师同堂写 t1+t2；全部为网络课时留空"),
    "io.help.room_id": ("special room id, unique within its school",
                        "专用教室编号，本校内唯一，如 音乐室"),
    "io.help.rooms.name": ("room name", "教室名称"),
    "io.help.subjects": (
        "subjects taught in this room, separated by ;: every local lesson of them takes one "
        "room listing it",
        "在此上课的科目，用分号分隔，如 音乐;舞蹈：这些科目的本校课都在此类教室上"),
    "io.help.rooms.unavailable": (
        "when the room cannot be used, as teachers' unavailable (blank = always free)",
        "教室不能用的时间，写法同教师的不可排课时间（可空）"),
    "io.help.day": ("day, e.g. Mon or 周一", "星期，如 周一、Mon"),
    "io.help.pinned.period": ("period (of the school; for a course, of the hub school)",
                              "第几节（本校节次；课程固定写主讲学校的节次）"),
    "io.help.pinned.class_id": (
        "class of the pinned lesson (for a combined one, any of its classes); blank for a "
        "course",
        "固定课的班级（合班时写其中任一班）；固定网络课程时留空"),
    "io.help.pinned.subject": ("subject of the pinned lesson; blank for a course",
                               "固定课的科目；固定网络课程时留空"),
    "io.help.pinned.course_id": (
        "the course one of whose sessions is pinned (class and subject blank)",
        "固定一次网络课程时写课程编号（班级、科目留空）"),
    "io.help.min_days_apart": (
        "any two lessons of the subject at least this many days apart (2: a day without it "
        "between them; blank = none)",
        "同一科目任意两节课至少相隔几天（2：中间至少空一天；空=不限）"),
    "io.help.group": ("a name for the group: its rows' lessons are spread together",
                      "组名：同一组各行科目的课一起错开"),
    "io.help.days_apart.class_id": ("class (for a combined row, any of its classes)",
                                    "班级（合班时写其中任一班）"),
    "io.help.min_days": ("any two lessons of the group at least this many days apart (the same "
                         "in every row of the group)",
                         "组内任意两节课至少相隔几天（同组各行相同）"),

    # ---- the office's rules ----
    "io.plus_in_class_id": (
        "'{id}': '{sign}' joins the classes of a combined lesson in curriculum.csv, so a class "
        "id cannot hold it",
        "“{id}”：“{sign}”在 curriculum.csv 中用来连接合班的各班，班级编号中不能含有它"),
    "io.plus_in_teacher_id": (
        "'{id}': '{sign}' joins the teachers of a co-taught lesson in curriculum.csv, so a "
        "teacher id cannot hold it",
        "“{id}”：“{sign}”在 curriculum.csv 中用来连接同堂授课的教师，教师编号中不能含有它"),
    "io.class_subject_twice": (
        "class {klass} of school {school} has {subject} on row {row} already; a class takes a "
        "subject in one row (alone or combined)",
        "学校 {school} 的班级 {klass} 在第 {row} 行已有{subject}；一个班的一门科目只写一行（单独或合班）"),
    "io.combined_empty_class": (
        "'{label}' has an empty class between '{sign}' signs; write the classes taught "
        "together as 1-1+1-2",
        "“{label}”在“{sign}”之间缺少班级；合班请写成 1-1+1-2"),
    "io.combined_class_twice": ("'{label}' names a class twice", "“{label}”把一个班写了两次"),
    "io.combined_one_school": ("; combined classes are of one school, and {klass} is a class of "
                               "{schools}",
                               "；合班的各班须属同一学校，而 {klass} 是 {schools} 的班级"),
    "io.co_teachers_bad": (
        "'{label}' names an empty teacher or one twice; write the teachers of every lesson as "
        "t1+t2",
        "“{label}”中有空的教师编号或重复的教师；同堂授课的教师请写成 t1+t2"),
    "io.room_no_subject": (
        "lists no subject; write the subjects taught in the room, separated by ; (音乐;舞蹈)",
        "没有写科目；请写在此教室上课的科目，用分号分隔（音乐;舞蹈）"),
    "io.room_unknown_subject": ("'{subject}' is no subject of school {school}'s curriculum{hint}",
                                "“{subject}”不是学校 {school} 课程计划中的科目{hint}"),
    "io.pin_unknown_day": ("'{day}' is not one of the days {days}{hint}",
                           "“{day}”不是上课日 {days} 之一{hint}"),
    "io.pin_both": ("a pin names either a course (course_id) or a class and subject, not both",
                    "固定课要么写课程（course_id），要么写班级和科目，不能都写"),
    "io.pin_unknown_course": ("unknown course '{id}'{hint}", "未知的课程“{id}”{hint}"),
    "io.pin_hub": ("course {course} is taught from {hub}; pin it at a period of {hub}",
                   "课程 {course} 由 {hub} 主讲；请固定在 {hub} 的节次上"),
    "io.pin_no_period": ("school {school} has no period {period} (its bells have {n})",
                         "学校 {school} 没有第 {period} 节（其作息共 {n} 节）"),
    "io.pin_hub_teacher_away": (
        "the pin breaks a rule: hub teacher {teacher} is unavailable on {day} period {period} "
        "(teachers.csv)",
        "固定课违反规则：主讲教师 {teacher} 在{day} 第 {period} 节不能排课（teachers.csv）"),
    "io.pin_too_many_sessions": (
        ("course {course} has {n} session a week at most, and more pins",
         "course {course} has {n} sessions a week at most, and more pins"),
        "课程 {course} 每周最多 {n} 节，但固定的节数更多"),
    "io.pin_its_hub_teacher": ("its hub teacher", "其主讲教师"),
    "io.pin_needs": ("a pin needs class_id and subject (a local lesson) or course_id (a session)",
                     "固定课需要写班级和科目（本校课）或课程编号（在线课）"),
    "io.pin_no_row": ("class {klass} of school {school} has no curriculum row for {subject}",
                      "学校 {school} 的班级 {klass} 在课程计划中没有{subject}"),
    "io.apart_school": ("group {group} is of school {school} (row {row}); a group's rows are "
                        "of one school",
                        "组 {group} 属于学校 {school}（第 {row} 行）；一组只能是同一所学校的课"),
    "io.apart_min_days": ("group {group} has min_days {days} (row {row}); every row of a group "
                          "has the same",
                          "组 {group} 的间隔天数是 {days}（第 {row} 行）；同一组各行应相同"),
    "io.apart_weight": ("group {group} has weight {weight} (row {row}); every row of a group has "
                        "the same",
                        "组 {group} 的权重是 {weight}（第 {row} 行）；同一组各行应相同"),
    "io.apart_hard": ("blank (a hard rule)", "空（硬性规则）"),
    "io.help.weight": ("blank: a hard rule; a number: a wish (尽量), each lesson too close costing "
                       "this much in the objective",
                       "空：必须满足；填数字：尽量满足，每有一节课间隔不够，目标中扣这么多分"),
    "io.apart_twice": ("{subject} of class {klass} is in group {group} already (row {row})",
                       "班级 {klass} 的{subject}已在组 {group} 中（第 {row} 行）"),
    "io.pin_online_only": (
        "every {subject} lesson of class {klass} arrives online; pin its course instead "
        "(course_id)",
        "班级 {klass} 的{subject}全部是在线课；请改为固定其课程（course_id）"),
    "io.pin_teacher_away": (
        "the pin breaks a rule: teacher {teacher} is unavailable on {day} period {period} "
        "(teachers.csv)",
        "固定课违反规则：教师 {teacher} 在{day} 第 {period} 节不能排课（teachers.csv）"),
    "io.pin_not_allowed": (
        "the pin breaks a rule: the {subject} lessons of class {klass} may only go in their "
        "allowed periods (curriculum.csv)",
        "固定课违反规则：班级 {klass} 的{subject}只能排在允许的节次（curriculum.csv）"),
    "io.pin_too_many_lessons": (
        ("class {klass} has {n} {subject} lesson a week, and more pins",
         "class {klass} has {n} {subject} lessons a week, and more pins"),
        "班级 {klass} 每周只有 {n} 节{subject}，但固定的节数更多"),
    "io.pin_class": ("class {klass}", "班级 {klass}"),
    "io.pin_teacher": ("teacher {teacher}", "教师 {teacher}"),
    "io.pin_clash": (
        "the pin breaks a rule: {who} is pinned on {day} period {period} already (row {row}); "
        "one lesson at a time",
        "固定课违反规则：{who}在{day} 第 {period} 节已有固定课（第 {row} 行）；同一时间只能上一节课"),
    "io.combined_online": (
        "{subject} of class {klass} (school {school}) is combined but online courses ({courses}) "
        "also reach it; combined and co-taught lessons are local only",
        "学校 {school} 班级 {klass} 的{subject}是合班课，但在线课程（{courses}）也送达它；"
        "合班和同堂授课只用于本校课"),
    "io.co_taught_online": (
        "{subject} of class {klass} (school {school}) is co-taught but online courses "
        "({courses}) also reach it; combined and co-taught lessons are local only",
        "学校 {school} 班级 {klass} 的{subject}是同堂授课，但在线课程（{courses}）也送达它；"
        "合班和同堂授课只用于本校课"),
}
