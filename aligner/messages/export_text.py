"""Messages of aligner/export/: the words of the office exports (in the export's language,
``--lang``), and the errors of reading a solution directory and of the calendars."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- the words of the office exports (workbook, web pages, calendars) ----
    "export.day.Mon": ("Monday", "星期一"),
    "export.day.Tue": ("Tuesday", "星期二"),
    "export.day.Wed": ("Wednesday", "星期三"),
    "export.day.Thu": ("Thursday", "星期四"),
    "export.day.Fri": ("Friday", "星期五"),
    "export.day.Sat": ("Saturday", "星期六"),
    "export.day.Sun": ("Sunday", "星期日"),
    "export.form.sync": ("sync", "同步"),
    "export.form.delivery": ("delivery", "专递"),
    "export.form.famous": ("famous teacher", "名师"),
    "export.form_name.sync": ("synchronous class", "同步课堂"),
    "export.form_name.delivery": ("dedicated delivery", "专递课堂"),
    "export.form_name.famous": ("famous-teacher class", "名师课堂"),
    "export.season.winter": ("winter", "冬令"),
    "export.season.summer": ("summer", "夏令"),
    "export.label.period": ("Period {n}", "第{n}节"),
    "export.label.morning": ("Morning", "上午"),
    "export.label.afternoon": ("Afternoon", "下午"),
    "export.label.lunch": ("Lunch", "午休"),
    "export.label.overview": ("Overview", "总课表"),
    "export.label.class": ("Class", "班级课表"),
    "export.label.teacher": ("Teacher", "教师课表"),
    "export.label.sessions": ("Online sessions", "同步课堂安排"),
    "export.label.workload": ("Workload", "工作量统计"),
    "export.label.hub": ("teacher", "主讲"),
    "export.label.assistant": ("assistant", "助教"),
    "export.label.time": ("Time", "时间"),
    "export.label.periods": ("Period", "节次"),
    "export.label.teaching": ("teaching", "主讲"),
    "export.label.assisting": ("assisting", "助教"),
    "export.label.school": ("School", "学校"),
    "export.label.class_col": ("Class", "班级"),
    "export.label.name": ("Name", "姓名"),
    "export.label.teacher_id": ("Teacher ID", "教师编号"),
    "export.label.seasons": ("Bells", "作息"),
    "export.label.local": ("Local lessons", "本校课"),
    "export.label.online_main": ("Online taught", "主讲在线课"),
    "export.label.assist_col": ("Assisted", "助教课"),
    "export.label.credited": ("Credited load", "折算课时"),
    "export.label.min_load": ("Min load", "课时下限"),
    "export.label.max_load": ("Max load", "课时上限"),
    "export.label.credit_note": (
        "Credited load = local + {online} x online taught + {assistant} x assisted (an online lesson "
        "counts 1:{online})",
        "折算课时 = 本校课 + {online} × 主讲在线课 + {assistant} × 助教课（在线课按 1:{online} 计算工作"
        "量）"),
    "export.label.course": ("Course", "课程"),
    "export.label.form": ("Form", "形式"),
    "export.label.day": ("Day", "星期"),
    "export.label.subject": ("Subject", "科目"),
    "export.label.hub_school": ("Hub school", "主讲学校"),
    "export.label.hub_teacher": ("Hub teacher", "主讲教师"),
    "export.label.hub_class": ("Hub class", "主讲班级"),
    "export.label.hub_period": ("Hub period", "主讲节次"),
    "export.label.hub_time": ("Hub time", "主讲时间"),
    "export.label.receiving_school": ("Receiving school", "接收学校"),
    "export.label.receiving_class": ("Receiving class", "接收班级"),
    "export.label.receiving_period": ("Receiving period", "接收节次"),
    "export.label.receiving_time": ("Receiving time", "接收时间"),
    "export.label.overlap": ("Overlap (min)", "重叠(分钟)"),
    "export.label.index": ("Timetables", "课表"),
    "export.label.schools": ("Schools", "学校"),
    "export.label.classes": ("Classes", "班级"),
    "export.label.teachers": ("Teachers", "教师"),
    "export.label.remote_only": ("(remote)", "(远程)"),
    "export.label.lessons_a_week": ("{n} lessons a week", "每周 {n} 节"),
    "export.label.back": ("Back", "返回"),
    "export.label.head_teacher": ("head teacher {name}", "班主任：{name}"),
    "export.label.head_of": ("head teacher of {classes}", "{classes}班主任"),
    "export.label.applies_from": ("in force from {date}", "{date}起执行"),
    "export.label.date": ("{d:%Y-%m-%d}", "{d.year}年{d.month}月{d.day}日"),
    "export.label.teacher_list": ("Teachers", "任课教师"),
    "export.label.teacher_list_line": ("Teachers: {teachers}", "任课教师：{teachers}"),
    "export.label.subject_teachers": ("{subject}: {names}", "{subject}：{names}"),
    "export.label.as_hub": ("{name} (teaching from {school})", "{name}（主讲·{school}）"),
    "export.label.as_assistant": ("{name} (assistant)", "{name}（助教）"),
    "export.label.list_sep": ("; ", "；"),
    "export.label.name_sep": (", ", "、"),
    "export.label.combined": ("combined: {classes}", "合班：{classes}"),
    "export.label.with": ("with {names}", "合作：{names}"),
    "export.label.meta_sep": ("; ", "　"),
    "export.label.legend": ("Key", "图例"),
    "export.unknown_language": ("unknown language '{lang}'; choose {languages}",
                                "未知的语言“{lang}”；请选择 {languages}"),
    "export.needs_openpyxl": ("Excel files need openpyxl: pip install 'aligner[xlsx]'",
                              "Excel 文件需要 openpyxl：pip install 'aligner[xlsx]'"),

    # ---- reading a solution directory for the exports ----
    "export.no_instance_path": (
        "does not say which instance this timetable belongs to (no instance_path: solved by an "
        "older aligner, or from Python); give the instance with --instance PATH",
        "没有写明这张课表属于哪个实例（没有 instance_path：由旧版 aligner 或在 Python 中排出）；请用 "
        "--instance 路径 指定实例"),
    "export.instance_gone": ("names the instance {instance}, which is not there any more; give the "
                             "instance with --instance PATH",
                             "写的实例是 {instance}，但它已经不在了；请用 --instance 路径 指定实例"),
    "export.not_a_solution": ("is not a directory holding a timetable (lessons.csv, sessions.csv)",
                              "不是存放课表（lessons.csv、sessions.csv）的文件夹"),
    "export.file_missing": ("file is missing from {directory}", "{directory} 中缺少这个文件"),
    "export.no_season_column": ("has no season column, but the instance has the seasons "
                                "{seasons}; give the season the timetable was solved for with "
                                "--season",
                                "没有 season 列，但实例有 {seasons} 几个作息季节；请用 --season 指定"
                                "排课时的季节"),
    "export.no_rows_for_season": ("has no rows for season {season} (it has {found}); give the "
                                  "seasons with --season",
                                  "没有 {season} 作息的行（只有 {found}）；请用 --season 指定作息季节"),
    "export.not_a_period": ("'{value}' is not a period of school {school} (1-{count})",
                            "“{value}”不是学校 {school} 的节次（1-{count}）"),
    "export.unknown_course": ("unknown course '{course}'", "未知的课程“{course}”"),
    "export.unknown_day": ("'{day}' is not one of the days {days}", "“{day}”不是上课日（{days}）之一"),
    "export.not_receiving": ("school '{school}' receives no lessons of course {course}",
                             "学校“{school}”不接收课程 {course}"),
    "export.unknown_class": ("unknown class {klass} of school {school}",
                             "学校 {school} 没有班级 {klass}"),
    "export.unknown_mode": ("'{mode}' is not a mode ({modes})", "“{mode}”不是上课方式（{modes}）"),
    "export.unknown_session": ("session '{session}' is not in sessions.csv",
                               "在线课“{session}”不在 sessions.csv 中"),
    "export.second_lesson": ("class {klass} of school {school} has a second lesson on {day} period "
                             "{period} (first on row {first}); run aligner check",
                             "学校 {school} 的班级 {klass} 在 {day} 第 {period} 节有第二节课（第一节在第 "
                             "{first} 行）；请运行 aligner check"),

    # ---- the calendars (export --ics) ----
    "export.at": ("{where}: {problem}", "{where}：{problem}"),
    "export.line": ("{file}, line {line}: ", "{file}，第 {line} 行："),
    "export.not_a_date": ("'{text}' is not a date such as 2022-10-09",
                          "“{text}”不是日期（应写成 2022-10-09 这样）"),
    "export.no_skip_file": ("no such skip-dates file", "没有这个停课日期文件"),
    "export.unreadable": ("cannot be read ({reason})", "无法读取（{reason}）"),
    "export.not_utf8": ("cannot be read as UTF-8 text ({reason})", "无法按 UTF-8 文本读取（{reason}）"),
    "export.to_before_from": ("--to {end} is before --from {start}", "--to {end} 早于 --from {start}"),
    "export.unknown_season_from": ("--season-from names {unknown}, which the timetable does not "
                                   "have (it has {seasons})",
                                   "--season-from 写的 {unknown} 不是这张课表的作息季节（课表的季节有 "
                                   "{seasons}）"),
    "export.season_from_needed": (
        "the timetable has the seasons {seasons}: say from which date each season's bells apply, "
        "e.g. --season-from {season}={start}{uncovered}",
        "这张课表有 {seasons} 几个作息季节：请写明每个季节的作息时间从哪天起执行，如 --season-from "
        "{season}={start}{uncovered}"),
    "export.uncovered": (" (the earliest given, {season} from {first}, leaves {start} uncovered)",
                         "（给出的最早一个是 {season}，从 {first} 起，{start} 没有覆盖到）"),
    "export.not_a_weekday": ("the day '{day}' of instance.yaml is not a weekday name (Mon..Sun), so "
                             "its dates are unknown",
                             "instance.yaml 中的上课日“{day}”不是星期几的名称（Mon..Sun），所以不知道"
                             "它对应哪些日期"),
}
