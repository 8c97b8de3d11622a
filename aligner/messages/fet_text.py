"""Messages of aligner/fet/: the FET import report (what was converted, what was dropped and
why), errors reading FET files and fet-cl's timetables, and the notes of a FET export."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- the import report ----
    "fet.imported": ("Imported {sources} as '{name}': {classes} classes, {teachers} teachers, "
                     "{rows} curriculum rows, {activities} activities imported.",
                     "已将 {sources} 导入为“{name}”：{classes} 个班级，{teachers} 名教师，{rows} 行课程计划，"
                     "导入 {activities} 项活动。"),
    "fet.not_imported": ("Not imported (no counterpart in aligner; FET type: count, weights, "
                         "why):",
                         "未导入（aligner 中没有对应；FET 类型：数量，权重，原因）："),
    "fet.nothing_dropped": ("Nothing was dropped: the instance holds every rule of the file.",
                            "没有丢弃任何内容：实例包含了文件中的全部规则。"),
    "fet.loss": ("{what}: {count} (weight {weights}) - {reason}",
                 "{what}：{count}（权重 {weights}）- {reason}"),
    "fet.converted": ("{tag} x{count}: {how}", "{tag} ×{count}：{how}"),
    "fet.converted.ConstraintBasicCompulsoryTime": (
        "one lesson per class and period, one place per teacher and period: aligner's own hard "
        "rules",
        "每班每节一节课、每位教师每节只在一处：这是 aligner 自身的硬性规则"),
    "fet.converted.ConstraintBasicCompulsorySpace": (
        "rooms are not scheduled by aligner; FET only needs this when rooms are used, and every "
        "room constraint is listed",
        "aligner 不安排教室；只有用到教室时 FET 才需要这条约束，而每条教室约束都已列出"),
    "fet.converted.ConstraintTeacherNotAvailableTimes": ("teachers.csv unavailable",
                                                         "teachers.csv 的 unavailable（不可排课时间）"),
    "fet.converted.ConstraintStudentsSetNotAvailableTimes": (
        "a blocked lesson '(blocked)' for each class at each unavailable slot, taught by a "
        "placeholder teacher available only then",
        "在各班每个不可排课的时段放一节占位课“(blocked)”，由只在那时有空的占位教师上"),
    "fet.converted.ConstraintBreakTimes": (
        "an hour that is a break on every day is left out of bells.csv; other break slots make "
        "every teacher unavailable",
        "每天都是休息的课时不写入 bells.csv；其他休息时段设为所有教师不可排课"),
    "fet.converted.ConstraintActivityPreferredTimeSlots": (
        "curriculum.csv allowed (when it covers every lesson of a class's subject)",
        "curriculum.csv 的 allowed（可排时间；须覆盖一个班该科目的每节课）"),
    "fet.converted.ConstraintActivitiesPreferredTimeSlots": (
        "curriculum.csv allowed (when it covers every lesson of each class subject it selects)",
        "curriculum.csv 的 allowed（可排时间；须覆盖所选各班各科目的每节课）"),
    "fet.converted.ConstraintActivityPreferredStartingTimes": (
        "curriculum.csv allowed (single periods only)", "curriculum.csv 的 allowed（可排时间；仅限单节课）"),
    "fet.converted.ConstraintActivitiesPreferredStartingTimes": (
        "curriculum.csv allowed (single periods only)", "curriculum.csv 的 allowed（可排时间；仅限单节课）"),
    "fet.converted.ConstraintActivityPreferredStartingTime": (
        "curriculum.csv allowed (a locked or fixed time; single periods only)",
        "curriculum.csv 的 allowed（锁定或固定的时间；仅限单节课）"),
    "fet.converted.ConstraintActivitiesSameStartingTime": (
        "curriculum.csv together (when the constraints pair every lesson of the class subjects "
        "involved, one of each, of different classes)",
        "curriculum.csv 的 together（同时上课；须把所涉各班各科目的每节课一一配对，且分属不同班级）"),
    "fet.converted.ConstraintMinDaysBetweenActivities": (
        "min 1 day between all lessons of a class's subject: max_per_day 1 (hard) or the "
        "objective's same_day_repeats term (weight < 100%)",
        "一个班某科目的各节课至少隔 1 天：max_per_day 1（硬性），或目标中的 same_day_repeats 项"
        "（权重低于 100%）"),
    "fet.no_counterpart.rooms": ("aligner does not assign rooms", "aligner 不安排教室"),
    "fet.no_counterpart.buildings": ("aligner does not assign rooms or buildings",
                                     "aligner 不安排教室或教学楼"),
    "fet.no_counterpart.gaps": ("aligner has no rule about gaps (free periods) in a day",
                                "aligner 没有关于一天中空节（空堂）的规则"),
    "fet.no_counterpart.hours_daily": ("aligner has no cap on a teacher's or class's hours a day",
                                       "aligner 不限制教师或班级每天的课时数"),
    "fet.no_counterpart.hours_continuously": ("aligner has no cap on consecutive hours",
                                              "aligner 不限制连续上课的节数"),
    "fet.no_counterpart.days_per_week": ("aligner has no cap on working days",
                                         "aligner 不限制每周上课天数"),
    "fet.no_counterpart.sub_activities": (
        "aligner's allowed periods hold for whole class subjects, not for sub-activities",
        "aligner 的可排时间针对一个班的整个科目，不针对子活动"),
    "fet.no_counterpart.single_lessons_together": (
        "aligner teaches whole class subjects together (curriculum together), not single "
        "lessons",
        "aligner 的同时上课针对一个班的整个科目（课程计划 together），不针对单节课"),
    "fet.no_counterpart.same_hour": ("aligner has no same-hour rule", "aligner 没有“同一节次”规则"),
    "fet.no_counterpart.same_day": ("aligner has no same-day rule", "aligner 没有“同一天”规则"),
    "fet.no_counterpart.not_overlapping": (
        "aligner has no not-overlapping rule for lessons of different classes",
        "aligner 没有不同班级的课互不重叠的规则"),
    "fet.no_counterpart.ordering": ("aligner has no ordering or consecutiveness rule between "
                                    "lessons",
                                    "aligner 没有课与课之间先后或相连的规则"),
    "fet.no_counterpart.ordered": ("aligner has no ordering rule between lessons",
                                   "aligner 没有课与课之间先后顺序的规则"),
    "fet.no_counterpart.day_begins": ("aligner has no rule about when a class's day begins",
                                      "aligner 没有关于班级一天何时开始上课的规则"),
    "fet.no_counterpart.day_ends": ("aligner has no rule about the end of a class's day",
                                    "aligner 没有关于班级一天何时放学的规则"),
    "fet.no_counterpart.max_days_between": ("aligner has no maximum distance between lessons",
                                            "aligner 没有课与课之间最大间隔的规则"),
    "fet.no_counterpart.span": ("aligner has no cap on a day's span", "aligner 不限制一天的跨度"),
    "fet.no_counterpart.resting": ("aligner has no resting-hours rule", "aligner 没有休息时间的规则"),
    "fet.no_counterpart.mornings_afternoons": (
        "aligner has no morning/afternoon rules (FET's mornings-afternoons mode)",
        "aligner 没有上午/下午规则（FET 的上下午模式）"),
    "fet.no_counterpart.terms": ("aligner schedules one week, not terms",
                                 "aligner 排的是一周的课表，不是整个学期"),
    "fet.no_counterpart.simultaneous": ("aligner has no count of simultaneous lessons in selected "
                                        "slots",
                                        "aligner 不统计选定时段中同时上课的节数"),
    "fet.no_counterpart.selected_slots": ("aligner has no count of lessons in selected slots",
                                          "aligner 不统计选定时段中的课时数"),
    "fet.no_counterpart.activity_tags": ("aligner has no activity tags", "aligner 没有活动标签"),
    "fet.no_counterpart.other": ("no counterpart in aligner's model", "aligner 的模型中没有对应"),
    "fet.soft_break": ("a break of weight below 100% has no counterpart (aligner's rules are all "
                       "hard)",
                       "权重低于 100% 的休息时间没有对应（aligner 的规则都是硬性的）"),
    "fet.soft_constraint": ("weight below 100%: every rule of aligner is hard",
                            "权重低于 100%：aligner 的每条规则都是硬性的"),
    "fet.all_day_breaks": ("hours {hours} are breaks on every day: left out of bells.csv "
                           "({periods} periods remain)",
                           "课时 {hours} 每天都是休息：不写入 bells.csv（剩下 {periods} 节）"),
    "fet.bell_times": ("bell times {how}", "作息时间{how}"),
    "fet.times_from_file": ("from {file}", "取自 {file}"),
    "fet.times_from_names": ("read from the hour names", "从课时名称中读取"),
    "fet.times_from_starts": ("from the start times in the hour names (each period ends when the "
                              "next begins)",
                              "取自课时名称中的开始时间（每节在下一节开始时结束）"),
    "fet.times_numbered": (
        "numbered: the hour names carry no times, so periods of {length} minutes every {step} "
        "minutes from {start} are assumed (give --bells for real times)",
        "按序编号：课时名称中没有时间，因此假定从 {start} 起每 {step} 分钟一节、每节 {length} 分钟"
        "（实际时间请用 --bells 给出）"),
    "fet.classes_are_sets": ("classes are the students sets that activities name: {sets}",
                             "班级取活动所指的学生组：{sets}"),
    "fet.activity_kind": ("Activity ({problem})", "Activity（{problem}）"),
    "fet.activity.several_teachers": ("several teachers", "多名教师"),
    "fet.activity.several_teachers.why": ("aligner's lessons have one teacher each",
                                          "aligner 的每节课只有一名教师"),
    "fet.activity.no_students": ("no students", "没有学生"),
    "fet.activity.no_students.why": ("aligner's lessons belong to a class",
                                     "aligner 的每节课都属于一个班级"),
    "fet.activity.several_sets": ("several students sets", "多个学生组"),
    "fet.activity.several_sets.why": ("one teacher with several classes at once has no "
                                      "counterpart inside one school",
                                      "一位教师同时给本校几个班上课，在 aligner 中没有对应"),
    "fet.activity.unknown_set": ("unknown students set", "未知的学生组"),
    "fet.activity.unknown_set.why": ("its students set is not in the file's Students_List",
                                     "它的学生组不在文件的 Students_List 中"),
    "fet.activity.shared_set": ("students set shared with other activities' sets",
                                "学生组与其他活动的学生组有重叠"),
    "fet.activity.shared_set.why": ("one activity for a year and another for its groups: "
                                    "aligner's classes do not share students",
                                    "一项活动针对整个年级，另一项针对其中的分组：aligner 的班级之间"
                                    "没有共同的学生"),
    "fet.activity.long": ("duration above 2", "时长超过 2"),
    "fet.activity.long.why": ("aligner has single and double periods only",
                              "aligner 只有单节课和连堂"),
    "fet.activity.short": ("duration below 1", "时长小于 1"),
    "fet.activity.short.why": ("a lesson lasts at least one period", "一节课至少占一个节次"),
    "fet.renamed": ("{count} curriculum rows renamed 'Subject (Teacher)': one class takes the "
                    "subject from several teachers",
                    "{count} 行课程计划改名为“科目 (教师)”：一个班的这门科目由几位教师上"),
    "fet.no_teacher": ("{count} curriculum rows have activities without a teacher: each has a "
                       "placeholder teacher '{placeholder}' of its own",
                       "{count} 行课程计划的活动没有教师：各有一名自己的占位教师“{placeholder}”"),
    "fet.doubles": ("{count} activities of duration 2 became double periods (doubles)",
                    "{count} 项时长为 2 的活动转为连堂（doubles）"),
    "fet.soft_min_days": (
        "{count} min-days constraints of weight below 100% are kept as the objective's "
        "same_day_repeats term (a penalty per extra lesson of a subject on one day), not as FET's "
        "weights",
        "{count} 条权重低于 100% 的最少间隔天数约束转为目标中的 same_day_repeats 项（同一科目一天多上"
        "一节就扣分），不按 FET 的权重"),
    "fet.inactive": ("{activities} inactive activities and {constraints} inactive constraints "
                     "ignored, as FET does",
                     "与 FET 一样，忽略了 {activities} 项停用的活动和 {constraints} 条停用的约束"),
    "fet.double_next_to_break": ("Activity (duration 2 next to a break)",
                                 "Activity（紧挨休息时间的时长 2 活动）"),
    "fet.double_spans_break": (
        "the bell times leave a break no longer than the {gap} minutes between other hours, so a "
        "double may span it in aligner but not in FET",
        "按作息时间，这段休息不超过其他课时之间的 {gap} 分钟，所以在 aligner 中连堂可以跨过它，在 FET "
        "中却不行"),
    "fet.by_activity_tag": ("selects activities by activity tag (aligner has no activity tags)",
                            "按活动标签选择活动（aligner 没有活动标签）"),
    "fet.unreadable_id": ("unreadable activity id", "活动编号无法读取"),
    "fet.unreadable_ids": ("unreadable activity ids", "活动编号无法读取"),
    "fet.covers_nothing": ("covers no imported activity", "没有涉及任何已导入的活动"),
    "fet.double_starting_times": ("preferred starting times of double periods (aligner's allowed "
                                  "periods hold for each period of a lesson)",
                                  "连堂的首选开始时间（aligner 的可排时间针对一节课的每个节次）"),
    "fet.preferred_partial": (
        "covers only some lessons of {count} class subject(s), gives them different periods, or "
        "leaves them none (aligner's allowed periods hold for all lessons of a class's subject)",
        "只涉及 {count} 个班级科目的部分课、给它们不同的时段，或一个时段也不留（aligner 的可排时间针对一个"
        "班某科目的全部课）"),
    "fet.not_imported_activities": ("refers to activities that were not imported",
                                    "涉及未导入的活动"),
    "fet.same_time_one_class": ("ties lessons of one class, or of different durations (aligner's "
                                "lessons taught together are of different classes)",
                                "把同一个班或时长不同的课绑在一起（aligner 的同时上课是不同班级的课）"),
    "fet.same_time_partial": ("ties only some lessons of the class subjects involved (aligner "
                              "teaches whole class subjects together)",
                              "只绑定了所涉班级科目的部分课（aligner 的同时上课针对整个科目）"),
    "fet.blocked": ("{count} class slots where students are not available hold a '{blocked}' "
                    "lesson with a placeholder teacher available only then",
                    "{count} 个学生不可上课的班级时段放了一节“{blocked}”占位课，由只在那时有空的占位"
                    "教师上"),
    "fet.min_days.unreadable": ("unreadable activity ids or MinDays",
                                "活动编号或 MinDays 无法读取"),
    "fet.min_days.apart": ("more than one day apart has no counterpart (only max_per_day)",
                           "间隔超过一天没有对应（只有 max_per_day）"),
    "fet.min_days.zero": ("MinDays 0 constrains nothing", "MinDays 为 0，不起约束作用"),
    "fet.min_days.spans": ("spans lessons of different classes or subjects (max_per_day is per "
                           "class subject)",
                           "涉及不同班级或科目的课（max_per_day 针对一个班的一个科目）"),
    "fet.min_days.partial": ("covers only some lessons of a class's subject",
                             "只涉及一个班某科目的部分课"),
    "fet.too_many_hours": ("{hours} hours a day cannot be numbered within one day; give --bells",
                           "每天 {hours} 个课时，一天之内排不下；请用 --bells 给出作息时间"),
    "fet.bells_row": ("period must be a whole number and start, end times like 08:00",
                      "period 必须是整数，start、end 必须是 08:00 这样的时间"),
    "fet.bells_periods": ("must give periods 1-{count} (the file's hours less all-day breaks), "
                          "once each",
                          "必须给出第 1-{count} 节（文件中的课时去掉全天休息），每节一次"),
    "fet.bells_order": ("periods must be in order and must not overlap", "各节必须按顺序且不得重叠"),
    "fet.days_differ": ("has {days} days; the hub {hub} has {hub_days}: paired schools need the "
                        "same week",
                        "有 {days} 天；主讲学校的 {hub} 有 {hub_days} 天：结对学校的一周必须相同"),
    "fet.pair_double_gap": ("max_double_gap {gap} (the other school's) lets a double span a "
                            "left-out break here",
                            "max_double_gap {gap}（另一所学校的）会让这里的连堂跨过被略去的休息时间"),
    "fet.hub_note": ("{school} (hub, {file}): {note}", "{school}（主讲学校，{file}）：{note}"),
    "fet.receiving_note": ("{school} (receiving, {file}): {note}",
                           "{school}（接收学校，{file}）：{note}"),
    "fet.courses_from": ("{count} courses from {file}", "{count} 门网络课程，取自 {file}"),
    "fet.not_a_school": ("'{school}' is not one of the schools {schools}",
                         "“{school}”不是学校 {schools} 之一"),
    "fet.not_a_teacher": ("'{value}' is not a teacher of {file}", "“{value}”不是 {file} 中的教师"),
    "fet.not_a_students_set": ("'{value}' is not a students set of {file}",
                               "“{value}”不是 {file} 中的学生组"),

    # ---- reading a FET file ----
    "fet.file.unreadable": ("cannot be read: {reason}", "无法读取：{reason}"),
    "fet.file.not_utf8": ("is not UTF-8 text (byte {byte})", "不是 UTF-8 文本（第 {byte} 字节）"),
    "fet.file.dtd": ("declares a DTD or entities; FET never writes them, and they are refused for "
                     "safety",
                     "声明了 DTD 或实体；FET 从不写这些，出于安全考虑拒绝读取"),
    "fet.file.bad_xml": ("is not well-formed XML (line {line}, column {column}): {reason}",
                         "不是格式正确的 XML（第 {line} 行，第 {column} 列）：{reason}"),
    "fet.file.not_fet": ("is not a FET file: its root element is <{root}>, not <fet>",
                         "不是 FET 文件：根元素是 <{root}>，不是 <fet>"),
    "fet.file.no_days": ("has no days or no hours (Days_List, Hours_List)",
                         "没有天或没有课时（Days_List、Hours_List）"),
    "fet.file.bad_activity": ("activity number {number} has a non-integer Id, Activity_Group_Id "
                              "or Duration",
                              "第 {number} 项活动的 Id、Activity_Group_Id 或 Duration 不是整数"),

    # ---- reading fet-cl's timetable ----
    "fet.out.at": ("{where}: {problem}", "{where}：{problem}"),
    "fet.out.no_timetable": ("no timetables/*/*_activities.xml (did fet-cl find a timetable?)",
                             "没有 timetables/*/*_activities.xml（fet-cl 找到课表了吗？）"),
    "fet.out.dtd": ("declares a DTD or entities; refused", "声明了 DTD 或实体；拒绝读取"),
    "fet.out.bad_xml": ("not well-formed XML ({reason})", "不是格式正确的 XML（{reason}）"),
    "fet.out.no_id": ("an activity without a numeric Id", "有一项活动没有数字 Id"),
    "fet.out.no_comment": ("activity {activity} of {file} has no aligner comment: was the file "
                           "written by aligner export-fet?",
                           "{file} 中的活动 {activity} 没有 aligner 注释：这个文件是 aligner export-fet "
                           "写的吗？"),
    "fet.out.not_placed": ("FET's timetable does not place activity {activity}",
                           "FET 的课表没有安排活动 {activity}"),
    "fet.out.not_a_period": ("activity {activity} is placed at hour '{hour}', which is not a "
                             "period",
                             "活动 {activity} 排在课时“{hour}”，而它不是一个节次"),
    "fet.out.not_a_day": ("activity {activity} is placed on day '{day}', not a day of the "
                          "instance",
                          "活动 {activity} 排在“{day}”，这不是实例的上课日"),
    "fet.out.different_days": ("course {course}: FET put the hub and {school} on different days",
                               "课程 {course}：FET 把主讲学校和 {school} 排在了不同的日子"),
    "fet.out.paired": (
        "this instance was imported from two FET files (--pair), which FET solves apart; export "
        "it with export-fet, solve that file, and read its timetable with --fet",
        "这个实例是从两个 FET 文件导入的（--pair），FET 会分开求解它们；请用 export-fet 导出，求解"
        "导出的文件，再用 --fet 读回课表"),
    "fet.out.no_mapping": ("cannot be read ({reason}); import the FET file with aligner import-fet "
                           "first",
                           "无法读取（{reason}）；请先用 aligner import-fet 导入 FET 文件"),

    # ---- the notes of a FET export ----
    "fet.export.comments": ("Exported by aligner export-fet.", "由 aligner export-fet 导出。"),
    "fet.export.not_expressible": (" Not expressible in FET: {notes}", "FET 无法表达的内容：{notes}"),
    "fet.export.no_common_period": ("course {course}: no period number is aligned at all its "
                                    "schools on one grid; FET cannot place its sessions",
                                    "课程 {course}：在统一的课时表上，没有哪个节次号在它的各校都对齐；"
                                    "FET 无法安排它的在线课"),
    "fet.export.max_per_day": ("max_per_day {most} of {subject} for {name}: FET caps hours a day "
                               "at {cap} (a double counts twice there, once in aligner)",
                               "{name} {subject}的 max_per_day {most}：FET 限制每天 {cap} 个课时（连堂"
                               "在 FET 中算两节，在 aligner 中算一次）"),
    "fet.export.no_sync_room": ("school {school} has no sync room, so FET cannot place its "
                                "sessions",
                                "学校 {school} 没有同步教室，所以 FET 无法安排它的在线课"),
    "fet.export.bell_grids": (
        "different bell grids: FET has one grid of hours for all schools; a session's schools "
        "take it at the same period number, only where those periods overlap by "
        "min_overlap_minutes (aligner may pair different period numbers and counts misaligned "
        "minutes)",
        "作息时间不同：FET 对所有学校只有一张课时表；一节在线课的各校在同一节次号上课，且只在这些节次"
        "重叠达到 min_overlap_minutes 时才行（aligner 可以配对不同的节次号，并统计错位分钟数）"),
    "fet.export.minute_overlaps": ("minute overlaps: FET does not count misaligned minutes "
                                   "(objective term misalignment_minutes)",
                                   "重叠分钟数：FET 不统计错位分钟数（目标项 misalignment_minutes）"),
    "fet.export.credited_loads": ("credited loads: an online lesson counts {credit} for its hub "
                                  "teacher in aligner; FET counts hours",
                                  "折算课时：在 aligner 中一节在线课给主讲教师折算 {credit} 节；FET 只数"
                                  "课时"),
    "fet.export.range_fixed": ("course {course}: per_week {low}-{high} fixed at {fixed} (FET's "
                               "activities are fixed)",
                               "课程 {course}：周课时 {low}-{high} 固定为 {fixed}（FET 的活动数是固定的）"),
    "fet.export.research": (
        "research meetings ({n} a week of each sync course) are not exported: a timetable read "
        "back from FET has no research.csv, which aligner check reports",
        "教师网络研修（每门同步课程每周 {n} 次）未导出：从 FET 读回的课表没有 research.csv，aligner check "
        "会指出"),
    "fet.export.loads": ("teachers' min_load/max_load are not exported (FET's loads follow from "
                         "the activities)",
                         "教师的 min_load/max_load 没有导出（FET 的工作量由活动决定）"),
    "fet.export.same_day_repeats": (
        "objective term same_day_repeats: exported as FET's min 1 day between a class subject's "
        "activities at weight {weight}%, FET's own weighting, not aligner's",
        "目标项 same_day_repeats：导出为 FET 的“一个班某科目的活动至少隔 1 天”，权重 {weight}%，按 "
        "FET 自己的权重计算，不是 aligner 的"),
    "fet.export.core_in_afternoon": (
        "objective term core_in_afternoon: exported as FET's preferred morning slots for core "
        "subjects at weight {weight}%, FET's own weighting",
        "目标项 core_in_afternoon：导出为 FET 中核心科目首选上午时段，权重 {weight}%，按 FET 自己的"
        "权重计算"),
    "fet.export.seasons": ("seasons {seasons}: FET's hours carry no times; sessions are allowed "
                           "only where the periods align in every season",
                           "作息季节 {seasons}：FET 的课时不带时间；在线课只允许排在每个季节都对齐的节次"),
    "fet.export.unreadable_timetable": ("cannot read the timetable: {issues}",
                                        "无法读取课表：{issues}"),
    "fet.export.lessons_differ": (
        "class {klass} of {school} has {singles} single and {doubles} double {subject} lessons; "
        "the instance asks for {want_singles} and {want_doubles}",
        "{school} 的班级 {klass} 有 {singles} 节单节{subject}课和 {doubles} 次连堂；实例要求的是 "
        "{want_singles} 节和 {want_doubles} 次"),
    "fet.export.sessions_differ": ("course {course} has {found} sessions in sessions.csv; the "
                                   "export fixed it at {fixed}",
                                   "课程 {course} 在 sessions.csv 中有 {found} 节在线课；导出时固定为 "
                                   "{fixed} 节"),
    "fet.export.other_period": ("session {session}: a receiving class takes it at another period "
                                "number; locked at the hub's, which FET's grid requires",
                                "在线课 {session}：有接收班级在另一个节次号上课；按 FET 课时表的要求，"
                                "锁定在主讲端的节次"),
}
