"""Messages of a timetable that lives through the term: re-solving from a previous timetable
(aligner/changes.py, aligner/io/previous.py), what changed, substitutions."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- why a lesson of the previous timetable had to move ----
    "changes.class_gone": ("class {klass} of {school} is no longer in classes.csv",
                           "{school} 的班级 {klass} 已不在 classes.csv 中"),
    "changes.subject_gone": ("class {klass} no longer has {subject} in curriculum.csv",
                             "班级 {klass} 的课程计划中已没有{subject}"),
    "changes.course_gone": ("course {course} is no longer in sync.csv",
                            "课程 {course} 已不在 sync.csv 中"),
    "changes.no_day": ("{day} is no longer a school day", "{day}已不是上课日"),
    "changes.no_period": ("{school} has no period {period}", "{school}没有第 {period} 节"),
    "changes.now_online": ("every {subject} lesson of {klass} now arrives online",
                           "{klass}的{subject}现在全部是在线课"),
    "changes.teacher_away": ("{teacher} is now unavailable on {day} period {period}",
                             "{teacher}现在{day} 第 {period} 节不能排课"),
    "changes.not_allowed": ("{subject} is no longer allowed on {day} period {period}",
                            "{subject}现在不允许排在{day} 第 {period} 节"),
    "changes.room_closed": ("no room for {subject} is free on {day} period {period}",
                            "{day} 第 {period} 节没有可用的{subject}专用教室"),
    "changes.session_no_overlap": (
        "the bells no longer let course {course} meet on {day} at hub period {period}",
        "作息调整后，课程 {course} 不能再在{day}主讲端第 {period} 节上课"),
    "changes.no_overlap": (
        "the bells no longer let course {course} reach {school} on {day} period {period}",
        "作息调整后，课程 {course} 不能再在{day} 第 {period} 节送达{school}"),

    # ---- reading the previous timetable ----
    "changes.not_a_directory": ("not a directory: --from names the solution directory of the "
                                "previous timetable (its lessons.csv and sessions.csv)",
                                "不是目录：--from 应指向原课表的输出目录（含 lessons.csv 和 sessions.csv）"),
    "changes.no_class_known": (
        "none of its {n} classes is in this instance's classes.csv: is it a timetable of this "
        "instance?",
        "其中 {n} 个班级都不在本实例的 classes.csv 中：这是本实例的课表吗？"),
    "changes.unknown_school": (
        "school '{school}' is not in this instance (its schools: {schools}): is it a timetable "
        "of this instance?",
        "学校“{school}”不在本实例中（本实例的学校：{schools}）：这是本实例的课表吗？"),
    "changes.lock_unknown_school": ("unknown school '{school}' (schools: {schools}){hint}",
                                    "未知的学校“{school}”（学校：{schools}）{hint}"),
    "changes.lock_empty": ("name all, pinned or school ids separated by commas",
                           "请写 all、pinned 或用逗号分隔的学校编号"),
    "changes.bad_period": ("'{value}' is not a period (a whole number 1-{most})",
                           "“{value}”不是节次（1 到 {most} 的整数）"),
    "changes.bad_mode": ("unknown mode '{mode}' (modes: {modes})",
                         "未知的 mode“{mode}”（可用：{modes}）"),
    "changes.blank_cell": ("blank cell", "空单元格"),
    "changes.locked_impossible": ("{place} is locked, but {reason}", "{place}已锁定，但{reason}"),
    "changes.place_local": ("{subject} of class {classes} of {school} on {day} period {period}",
                            "{school} {classes} 班的{subject}（{day} 第 {period} 节）"),
    "changes.place_hub": ("course {course} on {day} at hub period {period}",
                          "课程 {course}（{day} 主讲端第 {period} 节）"),
    "changes.place_end": ("course {course} at {school} on {day} period {period}",
                          "课程 {course} 在{school}（{day} 第 {period} 节）"),
    "changes.lost_class": (
        ("class {klass} of {school} in the previous timetable is no longer in classes.csv: its "
         "{n} lesson vanishes",
         "class {klass} of {school} in the previous timetable is no longer in classes.csv: its "
         "{n} lessons vanish"),
        "原课表中 {school} 的班级 {klass} 已不在 classes.csv 中：其 {n} 节课将取消"),
}
