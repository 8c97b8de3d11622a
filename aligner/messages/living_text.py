"""Messages of a timetable that lives through the term (aligner/living/, aligner/check/
substitutions.py, aligner/export/notices.py, aligner/cli/living_commands.py): what changed
between two timetables, substitutions (代课) and swaps (调课), their checker and their printed
notices."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- absences and dates ----
    "living.bad_term": ("'{value}' is not a term FIRST..LAST such as 2022-09-01..2023-01-15",
                        "“{value}”不是 首日..末日 形式的学期（如 2022-09-01..2023-01-15）"),
    "living.term_reversed": ("the term ends ({last}) before it begins ({first})",
                             "学期的末日（{last}）早于首日（{first}）"),
    "living.reversed": ("the absence ends ({last}) before it begins ({first})",
                        "请假的结束日期（{last}）早于开始日期（{first}）"),
    "living.too_long": ("the absence from {first} to {last} spans more than {most} days",
                        "从 {first} 到 {last} 的请假超过 {most} 天"),
    "living.before_term": ("{date} is before the term ({first} to {last})",
                           "{date} 早于学期（{first} 至 {last}）"),
    "living.after_term": ("{date} is after the term ({first} to {last})",
                          "{date} 晚于学期（{first} 至 {last}）"),
    "living.unknown_teacher": ("no teacher '{teacher}' in teachers.csv{hint}",
                               "teachers.csv 中没有教师“{teacher}”{hint}"),
    "living.blank_teacher": ("blank teacher id", "教师编号为空"),
    "living.not_a_date": ("'{text}' is not a date such as 2022-10-17",
                          "“{text}”不是日期（应写成 2022-10-17 这样）"),
    "living.blank_date": ("blank date", "日期为空"),
    "living.no_absences": ("the file lists no absence", "文件中没有请假记录"),
    "living.not_a_weekday": ("'{day}' is not a weekday name (Mon..Sun), so its dates are unknown",
                             "“{day}”不是星期几的名称（Mon..Sun），所以不知道它对应哪些日期"),

    # ---- reading a timetable for the diff ----
    "living.not_a_timetable": ("is not a directory holding a timetable (lessons.csv, sessions.csv)",
                               "不是存放课表（lessons.csv、sessions.csv）的文件夹"),
    "living.bad_period": ("'{value}' is not a period (a whole number from 1)",
                          "“{value}”不是节次（从 1 起的整数）"),

    # ---- why a cover was chosen, or why there is none (substitutions.csv's reason) ----
    "living.why.same_lesson": ("covers the other period of this double lesson too",
                               "同时代这节连堂课的另一节"),
    "living.why.same_subject": ("teaches {subject} too", "同样任教{subject}"),
    "living.why.class_teacher": ("teaches this class", "是本班的任课教师"),
    "living.why.free": (("free then, {n} cover this week so far",
                         "free then, {n} covers this week so far"),
                        "该节空闲，本周已代课 {n} 节"),
    "living.why.nobody_else": ("{school} has no other teacher", "{school}没有其他教师"),
    "living.why.nobody_else_subject": ("{school} has no other teacher of {subject}",
                                       "{school}没有其他{subject}教师"),
    "living.why.none": ("no teacher of {school} can cover: {why}",
                        "{school}没有教师能代课：{why}"),
    "living.why.none_subject": ("no other teacher of {subject} at {school} can take it: {why}",
                                "{school}没有其他{subject}教师能上这节课：{why}"),
    "living.why.n_absent": (("{n} is absent", "{n} are absent"), "{n} 人请假"),
    "living.why.n_unavailable": (("{n} is unavailable then", "{n} are unavailable then"),
                                 "{n} 人该节不能排课"),
    "living.why.n_busy": (("{n} teaches then", "{n} teach then"), "{n} 人该节有课"),
    "living.why.n_covering": (("{n} already covers then", "{n} already cover then"),
                              "{n} 人该节已在代课"),
    "living.why.n_max_per_day": ("{n} would exceed max_per_day",
                                 "{n} 人将超过每天最多课时（max_per_day）"),
    "living.why.n_max_load": ("{n} would exceed max_load", "{n} 人将超过课时上限（max_load）"),
    "living.why.co_teachers": (("co-taught: {names} carries on alone",
                                "co-taught: {names} carry on alone"),
                               "合作授课：由{names}继续上课"),
    "living.why.teaches_session": ("teaches the session from {hub} ({why})",
                                   "在{hub}主讲这节在线课（{why}）"),
    "living.why.hub_class_local": (
        "the session falls back at the receiving schools; the hub class has a local lesson "
        "({why})",
        "在线课改为各接收端本地上课；主讲班级改上本校课（{why}）"),
    "living.why.fallback_assistant": (
        "no lesson from {hub} ({why}): a local lesson led by the assistant {name}",
        "{hub}的在线课停开（{why}）：改为由助教{name}带领的本地课"),
    "living.why.fallback_other": (
        "no lesson from {hub} ({why}), no assistant there: a local lesson with a cover "
        "({chosen})",
        "{hub}的在线课停开（{why}），助教也不在：改上本地课，由代课教师带领（{chosen}）"),
    "living.why.fallback_none": (
        "no lesson from {hub} ({why}), and no one to lead a local lesson: {none}",
        "{hub}的在线课停开（{why}），也没有教师带领本地课：{none}"),
    "living.why.assist_fallback": (
        "the hub teacher is absent too: no lesson from {hub}, {name} leads a local lesson",
        "主讲教师也请假：{hub}的在线课停开，由{name}带领本地课"),
    "living.why.assist_fallback_none": (
        "the hub teacher is absent too: no lesson from {hub}, and no one to lead a local lesson",
        "主讲教师也请假：{hub}的在线课停开，也没有教师带领本地课"),
    "living.why.assists": ("assists in the room ({why})", "在接收端教室担任助教（{why}）"),
    "living.why.no_assistant": ("the class follows the session without an assistant: {why}",
                                "该班没有助教跟班上在线课：{why}"),
    "living.why.swap": (
        "swapped: {name} teaches {subject} here; {absent} teaches {own} on {date} ({day}) "
        "period {period} instead",
        "调课：本节改上{name}的{subject}；{absent}的{own}改到 {date}（{day}）第 {period} 节"),

    # ---- the checker of a substitution plan (aligner/check/substitutions.py) ----
    "living.check.absences_not_plan": (
        "this is an absences file (teacher_id, from, to), not a plan: give {plan}, or the "
        "directory holding it",
        "这是缺勤文件（teacher_id、from、to），不是代课安排：请给出 {plan} 或它所在的目录"),
    "living.check.no_plan": ("no substitutions.csv here", "这里没有 substitutions.csv"),
    "living.check.bad_absence": ("'{first}' to '{last}' are not the dates of an absence",
                                 "“{first}”至“{last}”不是请假的日期"),
    "living.check.no_absences": (
        "no {file} beside the plan: only the days the plan names are checked for commitments "
        "left out",
        "计划旁没有 {file}：只检查计划中出现的日期是否漏了课"),
    "living.check.row": ("substitutions.csv row {row}: {problem}",
                         "substitutions.csv 第 {row} 行：{problem}"),
    "living.check.cell": ("'{value}' in column {column} cannot be read",
                          "{column} 列的“{value}”无法识别"),
    "living.check.cell_kind": ("'{value}' is not a kind ({kinds})",
                               "“{value}”不是代课方式（{kinds}）"),
    "living.check.swap_cells": ("a swap needs its swap_date and swap_period",
                                "调课需要填写 swap_date 和 swap_period"),
    "living.check.wrong_day": ("substitutions.csv row {row}: {date} is a {real}, not {day}",
                               "substitutions.csv 第 {row} 行：{date} 是 {real}，不是 {day}"),
    "living.check.not_absent": (
        "substitutions.csv row {row}: {teacher} is not absent on {date} (absences.csv)",
        "substitutions.csv 第 {row} 行：{teacher} 在 {date} 没有请假（见 absences.csv）"),
    "living.check.unknown": (
        "substitutions.csv row {row}: {teacher} has no commitment with {klass} on {date} ({day}) "
        "period {period}",
        "substitutions.csv 第 {row} 行：{teacher} 在 {date}（{day}）第 {period} 节没有{klass}的课"),
    "living.check.twice": (
        "substitutions.csv row {row}: {klass} on {date} period {period} is already planned in "
        "row {first}",
        "substitutions.csv 第 {row} 行：{klass} {date} 第 {period} 节已在第 {first} 行安排过"),
    "living.check.missing": (
        "{teacher} is absent on {date} ({day}) but the plan says nothing of period {period} "
        "with {klass}",
        "{teacher} 在 {date}（{day}）请假，但计划中没有第 {period} 节{klass}的安排"),
    "living.check.none_with_substitute": ("kind none names a substitute ({name})",
                                          "方式为 none，却写了代课教师（{name}）"),
    "living.check.no_substitute": ("kind {kind} names no substitute",
                                   "方式为 {kind}，却没有写代课教师"),
    "living.check.unknown_teacher": ("no teacher '{name}' in teachers.csv",
                                     "teachers.csv 中没有教师“{name}”"),
    "living.check.one_substitute": (
        "'{name}' names several teachers, but only the co-teachers of a co-taught lesson may "
        "carry on together",
        "“{name}”写了几位教师，但只有合作授课的其他教师才能一起继续上课"),
    "living.check.absent": ("{teacher} is absent on {date}", "{teacher} 在 {date} 请假"),
    "living.check.other_school": ("{teacher} is not a teacher of {school}",
                                  "{teacher} 不是{school}的教师"),
    "living.check.hub_cover": (
        "{teacher} covers a receiving end of a session, but only a teacher of the hub {hub} "
        "teaching the session (kind cover) or a fallback at this school can",
        "{teacher} 代的是在线课的接收端，但只能由主讲学校{hub}的教师主讲（cover），或在本校改上本地课"
        "（fallback）"),
    "living.check.fallback_only": (
        "a fallback is for a receiving school of a session taught from the hub",
        "fallback 只用于主讲端在线课的接收学校"),
    "living.check.swap_only": (
        "a swap is for a single local lesson of one class, not co-taught",
        "调课只用于一个班、非合作授课的本校课"),
    "living.check.swap_week": (
        "the swap's other lesson ({date}) is not on another school day of the same week",
        "调课的另一节课（{date}）不在同一周的另一个上课日"),
    "living.check.swap_lesson": (
        "{klass} has no single local lesson of {teacher} on {date} ({day}) period {period} to "
        "swap with",
        "{klass}在 {date}（{day}）第 {period} 节没有{teacher}的可调换的本校课"),
    "living.check.swap_absent": ("{teacher} is absent on {date} too, the day of the swapped "
                                 "lesson",
                                 "{teacher} 在 {date}（调过去的那一天）也请假"),
    "living.check.unavailable": (
        "substitutions.csv row {row}: {teacher} is unavailable on {day} period {period} "
        "({date})",
        "substitutions.csv 第 {row} 行：{teacher} {day} 第 {period} 节不能排课（{date}）"),
    "living.check.double_booked": (
        "{teacher} is in {count} places on {date} ({day}) period {period} (the timetable and "
        "rows {rows} of substitutions.csv)",
        "{teacher} 在 {date}（{day}）第 {period} 节同时在 {count} 处（课表及 substitutions.csv "
        "第 {rows} 行）"),
    "living.check.max_per_day": (
        "{teacher} has {count} commitments on {date} ({day}) with the covers, above "
        "max_per_day {most}",
        "{teacher} 在 {date}（{day}）加上代课共 {count} 节，超过每天最多 {most} 节"),
    "living.check.max_load": (
        "{teacher}'s credited load in week {week} of {year} is {load} with the covers, above "
        "max_load {most}",
        "{teacher} 在 {year} 年第 {week} 周加上代课的折算课时为 {load}，超过上限 {most}"),

    # ---- the printed notices (aligner/export/notices.py), in the notices' language ----
    "living.notice.change_heading": ("Timetable change notice", "调课通知"),
    "living.notice.sub_heading": ("Substitution notice", "代课通知"),
    "living.notice.to_class": ("To class {klass} of {school}:", "{school} {klass}："),
    "living.notice.to_teacher": ("To {name}:", "{name}老师："),
    "living.notice.to_school": ("To {school}:", "{school}："),
    "living.notice.change_lead_class": ("The class's timetable changes as follows:",
                                        "本班课表调整如下："),
    "living.notice.change_lead_class_from": ("From {date} the class's timetable changes as "
                                             "follows:", "自{date}起，本班课表调整如下："),
    "living.notice.change_lead_teacher": ("Your timetable changes as follows:",
                                          "您的课表调整如下："),
    "living.notice.change_lead_teacher_from": ("From {date} your timetable changes as follows:",
                                               "自{date}起，您的课表调整如下："),
    "living.notice.change_lead_school": ("The online lessons your school takes part in change "
                                         "as follows:", "本校参与的在线课调整如下："),
    "living.notice.change_lead_school_from": ("From {date} the online lessons your school takes "
                                              "part in change as follows:",
                                              "自{date}起，本校参与的在线课调整如下："),
    "living.notice.sub_lead_teacher": ("While colleagues are absent, please take these lessons:",
                                       "因有教师请假，请您按下表代课或调课："),
    "living.notice.sub_lead_class": ("While teachers are absent, the class's lessons are taken "
                                     "as follows:", "因教师请假，本班以下课程安排如下："),
    "living.notice.sub_lead_school": ("While a teacher of an online lesson is absent, these "
                                      "lessons are taken as follows:",
                                      "因在线课教师请假，以下课程安排如下："),
    "living.notice.col_change": ("Change", "变动"),
    "living.notice.col_subject": ("Subject", "科目"),
    "living.notice.col_teacher": ("Teacher", "任课教师"),
    "living.notice.col_before": ("Before", "原安排"),
    "living.notice.col_after": ("Now", "新安排"),
    "living.notice.col_class": ("Class", "班级"),
    "living.notice.col_role": ("As", "方式"),
    "living.notice.col_course": ("Course", "课程"),
    "living.notice.col_hub_teacher": ("Hub teacher", "主讲教师"),
    "living.notice.col_classes": ("Our classes", "本校班级"),
    "living.notice.col_partner": ("Partner school", "对方学校"),
    "living.notice.col_date": ("Date", "日期"),
    "living.notice.col_day": ("Day", "星期"),
    "living.notice.col_period": ("Period", "节次"),
    "living.notice.col_time": ("Time", "时间"),
    "living.notice.col_absent": ("Absent teacher", "请假教师"),
    "living.notice.col_kind": ("Arrangement", "安排"),
    "living.notice.col_substitute": ("Substitute", "代课教师"),
    "living.notice.col_reason": ("Note", "说明"),
    "living.notice.change.moved": ("moved", "调动"),
    "living.notice.change.appeared": ("added", "新增"),
    "living.notice.change.vanished": ("cancelled", "取消"),
    "living.notice.change.changed": ("changed", "变更"),
    "living.notice.role.local": ("local lesson", "本校课"),
    "living.notice.role.hub": ("teaching online", "主讲"),
    "living.notice.role.assist": ("assisting", "助教"),
    "living.notice.end.hub": ("hub end", "主讲端"),
    "living.notice.end.receiving": ("receiving end", "接收端"),
    "living.notice.mode.local": ("local", "本校课"),
    "living.notice.mode.online-main": ("online, hub class", "在线课（主讲班）"),
    "living.notice.mode.online-receiving": ("online, received", "在线课（接收）"),
    "living.notice.online": ("[online]", "[在线]"),
    "living.notice.kind.cover": ("cover", "代课"),
    "living.notice.kind.swap": ("swap", "调课"),
    "living.notice.kind.fallback": ("local lesson instead", "改上本地课"),
    "living.notice.kind.none": ("no cover", "无人代课"),
    "living.notice.signed": ("Academic affairs office, {school}", "{school}教务处"),
    "living.notice.name_sep": (", ", "、"),
    "living.notice.list_sep": ("; ", "；"),
    "living.notice.index": ("Notices", "通知"),
    "living.notice.none": ("No notice: nothing changed.", "没有通知：没有变动。"),

    # ---- the commands (aligner/cli/living_commands.py) ----
    "living.cli.notices_undated": (
        "note: the notices say from when the new timetable applies only with --from-date "
        "YYYY-MM-DD",
        "注意：只有给出 --from-date YYYY-MM-DD，调课通知才会写明新课表从哪天起执行"),
    "living.cli.cannot_read": ("cannot read the timetable in {solution}",
                               "无法读取 {solution} 中的课表"),
    "living.cli.cannot_diff": ("cannot compare the timetables", "无法比较两张课表"),
    "living.cli.cannot_check": ("cannot check the plan {plan}", "无法检查代课计划 {plan}"),
    "living.cli.bad_absences": ("cannot plan the substitutions", "无法安排代课"),
    "living.cli.the_outputs": ("the outputs", "输出文件"),
    "living.cli.which_absences": ("give the absence with --teacher T --from DATE --to DATE, or "
                                  "several with --absences FILE.csv (not both)",
                                  "请用 --teacher 教师 --from 日期 --to 日期 写一次请假，或用 "
                                  "--absences 文件.csv 写多次请假（二者选一）"),
    "living.cli.teacher_needs_dates": ("--teacher, --from and --to go together",
                                       "--teacher、--from 和 --to 须一起给出"),
    "living.cli.no_school_day": ("the absences take no school day (weekends and skipped dates "
                                 "only): there is nothing to cover",
                                 "请假日期中没有上课日（只有周末和停课日）：没有需要代的课"),
    "living.cli.change_title": ("{name}: timetable change notices", "{name} 调课通知"),
    "living.cli.sub_title": ("{name}: substitution notices", "{name} 代课通知"),
    "living.cli.diff_heading": ("Changes from {old} to {new}:", "从 {old} 到 {new} 的变动："),
    "living.cli.nothing_changed": ("Nothing changed: no lesson moved, appeared or vanished.",
                                   "没有变动：没有课调动、新增或取消。"),
    "living.cli.section.class": ("Classes:", "班级："),
    "living.cli.section.teacher": ("Teachers:", "教师："),
    "living.cli.section.session": ("Online sessions (each school end):",
                                   "在线课（各校一端）："),
    "living.cli.diff_summary": (
        "{classes} class lesson(s), {teachers} teacher commitment(s) and {sessions} session "
        "end(s) changed",
        "变动的班级课 {classes} 节、教师课务 {teachers} 节、在线课端 {sessions} 个"),
    "living.cli.change.moved": ("moved", "调动"),
    "living.cli.change.appeared": ("appeared", "新增"),
    "living.cli.change.vanished": ("vanished", "取消"),
    "living.cli.change.changed": ("changed", "变更"),
    "living.cli.role.local": ("local", "本校课"),
    "living.cli.role.hub": ("teaching", "主讲"),
    "living.cli.role.assist": ("assisting", "助教"),
    "living.cli.role.receiving": ("receiving", "接收端"),
    "living.cli.role.online-main": ("online, hub class", "在线课（主讲班）"),
    "living.cli.role.online-receiving": ("online, received", "在线课（接收）"),
    "living.cli.end.hub": ("hub end", "主讲端"),
    "living.cli.end.receiving": ("receiving end", "接收端"),
    "living.cli.col.school": ("school", "学校"),
    "living.cli.col.class": ("class", "班级"),
    "living.cli.col.classes": ("classes", "班级"),
    "living.cli.col.subject": ("subject", "科目"),
    "living.cli.col.change": ("change", "变动"),
    "living.cli.col.before": ("before", "原安排"),
    "living.cli.col.now": ("now", "新安排"),
    "living.cli.col.teacher": ("teacher", "教师"),
    "living.cli.col.role": ("as", "方式"),
    "living.cli.col.course": ("course", "课程"),
    "living.cli.col.end": ("end", "端"),
    "living.cli.col.date": ("date", "日期"),
    "living.cli.col.day": ("day", "星期"),
    "living.cli.col.period": ("period", "节次"),
    "living.cli.col.absent": ("absent", "请假教师"),
    "living.cli.col.substitute": ("substitute", "代课教师"),
    "living.cli.col.kind": ("kind", "方式"),
    "living.cli.col.reason": ("reason", "说明"),
    "living.cli.kind.cover": ("cover", "代课"),
    "living.cli.kind.swap": ("swap", "调课"),
    "living.cli.kind.fallback": ("fallback", "改上本地课"),
    "living.cli.kind.none": ("none", "无人代课"),
    "living.cli.sub_summary": (
        ("{n} commitment: {cover} covered, {fallback} fallback, {swap} swap, {none} none "
         "({seconds} s)",
         "{n} commitments: {cover} covered, {fallback} fallback, {swap} swap, {none} none "
         "({seconds} s)"),
        "共 {n} 节课务：代课 {cover}，改上本地课 {fallback}，调课 {swap}，无人代课 {none}（{seconds} 秒）"),
    "living.cli.plan_ok": (
        "The substitution plan keeps every rule ({rows} rows, {commitments} commitments "
        "checked).",
        "代课计划符合全部规则（检查了 {rows} 行、{commitments} 节课务）。"),
}
