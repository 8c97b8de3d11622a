"""Messages of the programme over a term (aligner/programme/: the term plan and the monthly
report, 月报) and of ``aligner plan`` and ``aligner report``."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- the plan ----
    "programme.no_term": (
        "the instance '{name}' has no term calendar: add `term:` (start, end, dates) to its "
        "instance.yaml (docs/term.md)",
        "实例“{name}”没有学期校历：请在 instance.yaml 中加入 `term:`（start、end、dates），见 "
        "docs/term.md"),
    "programme.no_teaching_date": ("{month} has no teaching date in the term",
                                   "{month} 在本学期内没有教学日"),
    "programme.visit.no_sync_course": (
        "no face-to-face visit: the pair {hub} -> {school} has no synchronous course, whose hub "
        "teacher would visit",
        "无法安排面授：结对 {hub} -> {school} 没有同步课堂课程（面授由同步课堂的主讲教师承担）"),
    "programme.visit.no_possible_date": (
        "no face-to-face visit: on no teaching date of {month} does a receiving class of "
        "{courses} have a lesson of the subject in a half-day when the hub teacher is free at "
        "the hub",
        "无法安排面授：{month} 没有哪个教学日，接收班级在主讲教师于本校空闲的半天里有该学科的课"
        "（{courses}）"),
    "programme.offline.too_few_dates": (
        ("{month} has {n} teaching date in the term, fewer than the {needed} offline-interaction "
         "working days a month",
         "{month} has {n} teaching dates in the term, fewer than the {needed} offline-interaction "
         "working days a month"),
        "{month} 在本学期内只有 {n} 个教学日，不足每月 {needed} 个线下互动工作日"),
    "programme.shortfall": ("{month} {hub} -> {school}: {reason}",
                            "{month} {hub} -> {school}：{reason}"),
    "programme.month_outside_term": (
        "--month {month} is not a month of the term ({start} to {end}); choose one of {months}",
        "--month {month} 不是本学期的月份（{start} 至 {end}）；可选 {months}"),
    "programme.no_sizes": (
        ("{n} class of the programme's courses has no size (classes.csv students): activities "
         "only, no person-times",
         "{n} classes of the programme's courses have no size (classes.csv students): "
         "activities only, no person-times"),
        "{n} 个参与帮扶课程的班级没有学生数（classes.csv 的 students 列）：只统计活动次数，不统计"
        "参与人次"),
    # ---- the command line ----
    "programme.cli.cannot_read": ("cannot plan the timetable in {solution}:",
                                  "无法为 {solution} 中的课表生成学期计划："),
    "programme.cli.planned": (
        "{sessions} dated online lessons and {meetings} research meetings over the term's "
        "{dates} teaching dates ({start} to {end}); {visits} of {months} monthly face-to-face "
        "visits and {offline} offline-interaction days proposed",
        "本学期 {dates} 个教学日（{start} 至 {end}）共 {sessions} 节在线课、{meetings} 次网络研修；"
        "建议面授 {visits} 次（共需 {months} 次），线下互动 {offline} 天"),
    "programme.cli.shortfalls": ("where a month falls short:", "未达要求的月份："),
    "programme.cli.report_heading": (
        "{name}: monthly report {month} ({dates} teaching dates; term to date {to_date} of "
        "{term_dates})",
        "{name}：{month} 月报（本月 {dates} 个教学日；学期至今 {to_date}/{term_dates} 个教学日）"),
    "programme.cli.rules_met": ("programme rules this month: {met} of {total} met",
                                "本月帮扶规则：{total} 条中达成 {met} 条"),
    "programme.cli.rule_broken": ("not met: {rule} {who}: {actual} of {required}",
                                  "未达成：{rule} {who}：{actual}/{required}"),
    "programme.cli.bad_month": (
        "{month} is not a month written as YYYY-MM, e.g. 2022-11",
        "{month} 不是 YYYY-MM 形式的月份，如 2022-11"),
    # ---- column names (CSV in English; the workbook in Chinese) ----
    "programme.col.level": ("level", "层级"),
    "programme.col.hub_school_id": ("hub school", "主讲学校"),
    "programme.col.receiving_school_id": ("receiving school", "接收学校"),
    "programme.col.school_id": ("school", "学校"),
    "programme.col.form": ("form", "帮扶形式"),
    "programme.col.activities": ("activities", "本月活动次数"),
    "programme.col.person_times": ("person-times", "本月参与师生人次"),
    "programme.col.activities_to_date": ("activities to date", "学期累计活动次数"),
    "programme.col.person_times_to_date": ("person-times to date", "学期累计参与人次"),
    "programme.col.teacher_id": ("teacher", "教师"),
    "programme.col.month_lessons": ("online lessons this month", "本月线上授课"),
    "programme.col.lessons_to_date": ("online lessons to date", "学期累计线上授课"),
    "programme.col.due_to_date": ("due to date", "至今应完成"),
    "programme.col.term_minimum": ("term minimum", "学期最低课时"),
    "programme.col.planned_term": ("planned over the term", "全学期计划"),
    "programme.col.on_track": ("on track", "是否达标"),
    "programme.col.rule": ("rule", "规则"),
    "programme.col.required": ("required", "要求"),
    "programme.col.actual": ("actual", "实际"),
    "programme.col.met": ("met", "是否达成"),
    "programme.col.date": ("date", "日期"),
    "programme.col.day": ("timetable of", "按课表"),
    "programme.col.season": ("bells", "作息"),
    "programme.col.note": ("note", "说明"),
    "programme.col.sessions": ("online lessons", "在线课"),
    "programme.col.meetings": ("research meetings", "网络研修"),
    "programme.col.visits": ("face-to-face visits", "面授"),
    "programme.col.offline": ("offline interaction", "线下互动"),
    "programme.yes": ("yes", "是"),
    "programme.no": ("no", "否"),
    "programme.made_up": ("make-up day (调休)", "调休上课"),
    "programme.level.pair": ("pair", "结对"),
    "programme.level.school": ("school", "学校"),
    "programme.level.county": ("county", "全县（区）"),
    "programme.form.sync": ("synchronous class", "同步课堂"),
    "programme.form.delivery": ("dedicated delivery", "远程专递课堂"),
    "programme.form.famous": ("famous-teacher class", "名师网络课堂"),
    "programme.form.research": ("teacher online research", "教师网络研修"),
    "programme.form.visit": ("face-to-face visit", "送教面授"),
    "programme.form.offline": ("offline interaction day", "线下互动"),
    "programme.teacher_level.county": ("county", "县级骨干"),
    "programme.teacher_level.city": ("city", "市级骨干"),
    "programme.teacher_level.region": ("region", "自治区级骨干"),
    # ---- the rules (English: their ids in report-YYYY-MM-rules.csv) ----
    "programme.rule.sync_course": ("sync_course", "开展同步课堂"),
    "programme.rule.min_sync_lessons_per_pair": ("min_sync_lessons_per_pair",
                                                 "同步课堂每周不少于规定课时"),
    "programme.rule.min_forms_per_pair": ("min_forms_per_pair", "帮扶形式不少于规定种数"),
    "programme.rule.face_to_face_visit": ("face_to_face_visit", "每月送教面授一次"),
    "programme.rule.offline_days": ("offline_days", "线下互动每月不少于三个工作日"),
    "programme.rule.min_online_lessons_delivered": ("min_online_lessons_delivered",
                                                    "主讲端平均开课不少于规定课时/周"),
    "programme.rule.min_online_lessons_received": ("min_online_lessons_received",
                                                   "接收端平均开课不少于规定课时/周"),
    "programme.rule.level_min_online_over_term": ("level_min_online_over_term",
                                                  "骨干教师学期线上教学不少于规定课时"),
    # ---- workbook sheets and titles ----
    "programme.sheet.calendar": ("term calendar", "学期日历"),
    "programme.sheet.sessions": ("dated sessions", "在线课日程"),
    "programme.sheet.visits": ("visits", "面授安排"),
    "programme.sheet.offline": ("offline days", "线下互动"),
    "programme.sheet.county": ("county", "县区汇总"),
    "programme.sheet.schools": ("schools", "学校汇总"),
    "programme.sheet.pairs": ("pairs", "结对明细"),
    "programme.sheet.backbone": ("backbone teachers", "骨干教师"),
    "programme.sheet.rules": ("rules", "规则达成"),
    "programme.title.calendar": ("{name}: term calendar {start} to {end}",
                                 "{name} 学期日历（{start} 至 {end}）"),
    "programme.title.report": ("{name}: monthly report {month}",
                               "{name} “互联网+义务教育”结对帮扶 {month} 月报表"),
    "programme.title.due": ("due by {due} (seed 000 八(二)3: by the 22nd)",
                            "报送截止：{due}（每月22日前）"),
    # ---- calendar events ----
    "programme.event.session": ("{form} {subject} ({course})", "{form} {subject}（{course}）"),
    "programme.event.visit": ("face-to-face lesson {subject} at {school}, class {klass}",
                              "送教面授 {subject}：{school} {klass}"),
    "programme.event.offline": ("offline interaction with {school}", "与 {school} 线下互动"),
    "programme.event.calendar": ("{teacher}: term plan", "{teacher} 学期帮扶日程"),
}
