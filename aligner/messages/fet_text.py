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
        "one activity per room at a time, rooms big enough: aligner's special rooms "
        "(rooms.csv) and the rooms each row may take",
        "每间教室同一时间只上一项活动、教室容量足够：即 aligner 的专用教室（rooms.csv）"
        "和每行课程可用的教室"),
    "fet.converted.ConstraintTeacherNotAvailableTimes": ("teachers.csv unavailable",
                                                         "teachers.csv 的 unavailable（不可排课时间）"),
    "fet.converted.ConstraintStudentsSetNotAvailableTimes": (
        "a blocked lesson '(blocked)' of the classes concerned at each unavailable slot, "
        "taught by a placeholder teacher available only then",
        "在每个不可排课的时段给相关班级放一节占位课“(blocked)”，由只在那时有空的占位教师上"),
    "fet.converted.ConstraintBreakTimes": (
        "an hour that is a break on every day is left out of bells.csv; other break slots make "
        "every teacher unavailable",
        "每天都是休息的课时不写入 bells.csv；其他休息时段设为所有教师不可排课"),
    "fet.converted.ConstraintActivityPreferredTimeSlots": (
        "curriculum.csv allowed (hard), preferred (soft: a wish)",
        "curriculum.csv 的 allowed（可排时间，硬性），preferred（尽量时间，软性）"),
    "fet.converted.ConstraintActivitiesPreferredTimeSlots": (
        "curriculum.csv allowed (hard), preferred (soft: a wish)",
        "curriculum.csv 的 allowed（可排时间，硬性），preferred（尽量时间，软性）"),
    "fet.converted.ConstraintActivityPreferredStartingTimes": (
        "curriculum.csv allowed (hard), preferred (soft: a wish)",
        "curriculum.csv 的 allowed（可排时间，硬性），preferred（尽量时间，软性）"),
    "fet.converted.ConstraintActivitiesPreferredStartingTimes": (
        "curriculum.csv allowed (hard), preferred (soft: a wish)",
        "curriculum.csv 的 allowed（可排时间，硬性），preferred（尽量时间，软性）"),
    "fet.converted.ConstraintActivityPreferredStartingTime": (
        "pinned.csv (a day and an hour), or curriculum.csv allowed (a day or an hour only); "
        "soft: curriculum.csv preferred",
        "pinned.csv（固定课：给定某天的某一节），或 curriculum.csv 的 allowed（可排时间："
        "只给定某天或某一节）；软性：curriculum.csv 的 preferred（尽量时间）"),
    "fet.converted.ConstraintActivitiesSameStartingTime": (
        "curriculum.csv together (when the constraints pair every lesson of the rows "
        "involved, one of each, of different classes)",
        "curriculum.csv 的 together（同时上课；须把所涉各行课程的每节课一一配对，且分属不同班级）"),
    "fet.converted.ConstraintMinDaysBetweenActivities": (
        "min days between the lessons of a curriculum row: max_per_day 1 or min_days_apart "
        "(hard); over the lessons of several rows (hard), or soft: a days_apart.csv group (soft: "
        "a wish with FET's weight in tenths)",
        "一行课程各节课之间的最少间隔天数：max_per_day 1 或 min_days_apart（硬性）；跨几行课程"
        "（硬性）或软约束：days_apart.csv 的一组（软约束：尽量满足，权重为 FET 权重的十分之一）"),
    "fet.converted.ConstraintTeacherMaxHoursDaily": (
        "teachers.csv max_per_day",
        "teachers.csv 的 max_per_day（每日最多节数）"),
    "fet.converted.ConstraintTeachersMaxHoursDaily": (
        "teachers.csv max_per_day of every teacher",
        "每位教师在 teachers.csv 中的 max_per_day（每日最多节数）"),
    "fet.converted.ConstraintTeacherMaxDaysPerWeek": (
        "teachers.csv max_days",
        "teachers.csv 的 max_days（每周最多上课天数）"),
    "fet.converted.ConstraintTeachersMaxDaysPerWeek": (
        "teachers.csv max_days of every teacher",
        "每位教师在 teachers.csv 中的 max_days（每周最多上课天数）"),
    "fet.converted.ConstraintTeacherMaxHoursContinuously": (
        "teachers.csv max_consecutive (FET's breaks and aligner's halves of the day cut the "
        "same runs)",
        "teachers.csv 的 max_consecutive（最多连上节数；FET 的休息时间与 aligner "
        "的上下午划分切出的连续节次相同）"),
    "fet.converted.ConstraintTeachersMaxHoursContinuously": (
        "teachers.csv max_consecutive of every teacher",
        "每位教师在 teachers.csv 中的 max_consecutive（最多连上节数）"),
    "fet.converted.ConstraintTeacherMaxGapsPerDay": (
        "teachers.csv max_gaps_per_day (gaps counted as FET counts them: breaks and "
        "not-available hours are no gaps)",
        "teachers.csv 的 max_gaps_per_day（每天最多空堂；与 FET 一样，休息时间和不可排课时间不算空堂）"),
    "fet.converted.ConstraintTeachersMaxGapsPerDay": (
        "teachers.csv max_gaps_per_day of every teacher",
        "每位教师在 teachers.csv 中的 max_gaps_per_day（每天最多空堂）"),
    "fet.converted.ConstraintTeacherMaxGapsPerWeek": (
        "teachers.csv max_gaps_per_week (gaps counted as FET counts them: breaks and "
        "not-available hours are no gaps)",
        "teachers.csv 的 max_gaps_per_week（每周最多空堂；与 FET 一样，休息时间和不可排课时间不算空堂）"),
    "fet.converted.ConstraintTeachersMaxGapsPerWeek": (
        "teachers.csv max_gaps_per_week of every teacher",
        "每位教师在 teachers.csv 中的 max_gaps_per_week（每周最多空堂）"),
    "fet.converted.ConstraintTeacherMinHoursDaily": (
        "teachers.csv min_per_day (empty days allowed: a day without any hour is fine; "
        "several on one teacher: the largest)",
        "teachers.csv 的 min_per_day（每天最少；允许空的日子：没课的日子不限；同一教师有多条时取最大值）"),
    "fet.converted.ConstraintTeachersMinHoursDaily": (
        "teachers.csv min_per_day of every teacher",
        "每位教师在 teachers.csv 中的 min_per_day（每天最少）"),
    "fet.converted.ConstraintTeacherMaxHoursDailyHalfDays": (
        "teachers.csv max_per_day (an old mornings-afternoons file: FET 6 reads it as max "
        "hours daily, a half-day being a day, as in the instance)",
        "teachers.csv 的 max_per_day（旧版上下午模式的文件：FET 6 把它当作每日最多节数，半天算一天，"
        "与实例相同）"),
    "fet.converted.ConstraintTeachersMaxHoursDailyHalfDays": (
        "teachers.csv max_per_day of every teacher (an old mornings-afternoons file: FET 6 "
        "reads it as max hours daily, a half-day being a day, as in the instance)",
        "每位教师在 teachers.csv 中的 max_per_day（旧版上下午模式的文件：FET 6 把它当作每日最多节数，"
        "半天算一天，与实例相同）"),
    "fet.converted.ConstraintSubjectPreferredRoom": (
        "rooms.csv",
        "rooms.csv（专用教室）"),
    "fet.converted.ConstraintSubjectPreferredRooms": (
        "rooms.csv",
        "rooms.csv（专用教室）"),
    "fet.converted.ConstraintSubjectActivityTagPreferredRoom": (
        "rooms.csv",
        "rooms.csv（专用教室）"),
    "fet.converted.ConstraintSubjectActivityTagPreferredRooms": (
        "rooms.csv",
        "rooms.csv（专用教室）"),
    "fet.converted.ConstraintActivityTagPreferredRoom": (
        "rooms.csv",
        "rooms.csv（专用教室）"),
    "fet.converted.ConstraintActivityTagPreferredRooms": (
        "rooms.csv",
        "rooms.csv（专用教室）"),
    "fet.converted.ConstraintActivityPreferredRoom": (
        "rooms.csv",
        "rooms.csv（专用教室）"),
    "fet.converted.ConstraintActivityPreferredRooms": (
        "rooms.csv",
        "rooms.csv（专用教室）"),
    "fet.converted.ConstraintStudentsSetHomeRoom": (
        "rooms.csv (for the activities FET gives the home room)",
        "rooms.csv（用于 FET 安排在这间固定教室的活动）"),
    "fet.converted.ConstraintTeacherHomeRoom": (
        "rooms.csv (for the activities FET gives the home room)",
        "rooms.csv（用于 FET 安排在这间固定教室的活动）"),
    "fet.converted.ConstraintStudentsSetHomeRooms": (
        "rooms.csv (for the activities FET gives the home rooms)",
        "rooms.csv（用于 FET 安排在这几间固定教室的活动）"),
    "fet.converted.ConstraintTeacherHomeRooms": (
        "rooms.csv (for the activities FET gives the home rooms)",
        "rooms.csv（用于 FET 安排在这几间固定教室的活动）"),
    "fet.converted.ConstraintRoomNotAvailableTimes": (
        "rooms.csv unavailable",
        "rooms.csv 的 unavailable（教室不可用时间）"),
    "fet.implied": (
        "holds in every timetable of the instance: the lessons leave no room to break it "
        "(for instance, the students' week is full)",
        "在实例的每张课表中都成立：课的安排没有留下违反它的余地（例如学生一周的课已排满）"),
    "fet.no_counterpart.rooms": (
        "aligner's special rooms hold for all lessons of a subject name; this room rule has "
        "no counterpart",
        "aligner 的专用教室针对同一科目名称的全部课；这条教室规则没有对应"),
    "fet.no_counterpart.buildings": (
        "aligner has no buildings",
        "aligner 没有教学楼"),
    "fet.no_counterpart.room_changes": (
        "aligner has no rule about room changes",
        "aligner 没有关于更换教室的规则"),
    "fet.no_counterpart.different_rooms": (
        "aligner has no cap on the rooms a set of lessons uses",
        "aligner 不限制一组课所用的教室数"),
    "fet.no_counterpart.same_room": (
        "aligner has no same-room rule for consecutive lessons",
        "aligner 没有相连的课须在同一教室的规则"),
    "fet.no_counterpart.gaps": (
        "aligner's only hard rules about gaps (free periods) are a teacher's max gaps per day "
        "and per week (teachers.csv max_gaps_per_day, max_gaps_per_week); none for students, "
        "for real days or for mornings and afternoons",
        "aligner 关于空节（空堂）的硬性规则只有教师的每天最多空堂和每周最多空堂（teachers.csv 的 "
        "max_gaps_per_day、max_gaps_per_week）；学生的、按实际一天或按上下午计的空节都没有"),
    "fet.no_counterpart.hours_daily": (
        "aligner has no cap on a class's hours a day and no minimum hours a day for students "
        "(a teacher's minimum is teachers.csv min_per_day)",
        "aligner 不限制班级每天的课时数，也没有学生每天最少课时数（教师的每天最少见 teachers.csv 的 "
        "min_per_day）"),
    "fet.no_counterpart.hours_continuously": (
        "aligner has no cap on a class's consecutive hours",
        "aligner 不限制班级连续上课的节数"),
    "fet.no_counterpart.days_per_week": (
        "aligner has no minimum of working days and no cap on a class's",
        "aligner 没有最少上课天数，也不限制班级的上课天数"),
    "fet.no_counterpart.sub_activities": (
        "aligner's allowed periods hold for whole curriculum rows, not for sub-activities",
        "aligner 的可排时间针对整行课程，不针对子活动"),
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
    "fet.no_counterpart.min_gaps_between": (
        "aligner has no minimum gap between lessons",
        "aligner 没有课与课之间最小间隔的规则"),
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
    "fet.no_counterpart.preferred_day": (
        "aligner has no preferred-day rule",
        "aligner 没有“首选日期”规则"),
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
    "fet.unfit": (
        "cannot be written as an instance: {example}",
        "无法写成实例：{example}"),
    "fet.too_many_periods": (
        "has {hours} hours a day that are not breaks; aligner's day has at most {most} periods",
        "每天有 {hours} 个不是休息的课时；aligner 一天最多 {most} 节"),
    "fet.short_teacher_ids": (
        "teacher ids are t1, t2, ... (FET's names, in teachers.csv name, do not fit the "
        "instance's cells as ids)",
        "教师编号改为 t1、t2……（FET 中的名称放在 teachers.csv 的 name 列；"
        "它们不适合作为实例单元格中的编号）"),
    "fet.short_class_ids": (
        "class ids are c1, c2, ... (FET's names, in classes.csv name, do not fit the "
        "instance's cells as ids)",
        "班级编号改为 c1、c2……（FET 中的名称放在 classes.csv 的 name 列；"
        "它们不适合作为实例单元格中的编号）"),
    "fet.classes_grouped": (
        "{count} classes: FET's subgroups grouped so that every students set an activity "
        "names is one class or several (then its activities are combined lessons)",
        "{count} 个班级：把 FET 的小组归并，使活动所指的每个学生组都是一个班级或几个班级（几个班级时，"
        "它的活动是合班课）"),
    "fet.no_students": (
        "{count} activities without students (of a teacher alone) have a placeholder class "
        "'{placeholder}' each",
        "{count} 项没有学生的活动（只有教师）各有一个占位班级“{placeholder}”"),
    "fet.activity_kind": ("Activity ({problem})", "Activity（{problem}）"),
    "fet.activity.unknown_set": ("unknown students set", "未知的学生组"),
    "fet.activity.unknown_set.why": ("its students set is not in the file's Students_List",
                                     "它的学生组不在文件的 Students_List 中"),
    "fet.activity.long": ("duration above 2", "时长超过 2"),
    "fet.activity.long.why": ("aligner has single and double periods only",
                              "aligner 只有单节课和连堂"),
    "fet.activity.short": ("duration below 1", "时长小于 1"),
    "fet.activity.short.why": ("a lesson lasts at least one period", "一节课至少占一个节次"),
    "fet.activity.teacher_twice": (
        "a teacher twice",
        "同一位教师出现两次"),
    "fet.activity.teacher_twice.why": (
        "FET refuses it",
        "FET 不接受这样的活动"),
    "fet.activity.too_many_classes": (
        "too many classes",
        "班级过多"),
    "fet.activity.too_many_classes.why": (
        "it combines {count} classes, more than a cell of curriculum.csv holds ({cell} "
        "characters)",
        "它是 {count} 个班的合班课，超出 curriculum.csv 一个单元格的容量（{cell} 个字符）"),
    "fet.activity.too_many_teachers": (
        "too many teachers",
        "教师过多"),
    "fet.activity.too_many_teachers.why": (
        "it has {count} teachers, more than a cell of curriculum.csv holds ({cell} characters)",
        "它有 {count} 位教师，超出 curriculum.csv 一个单元格的容量（{cell} 个字符）"),
    "fet.renamed": (
        "{count} curriculum rows renamed 'Subject (Teacher)' (with the students sets, or "
        "numbered, where that is not enough): a class takes the subject in several rows, or "
        "the rows need different rooms",
        "{count} 行课程计划改名为“科目 (教师)”（仍不足以区分时再加上学生组或编号）："
        "一个班的这门科目分在几行，或这些行需要不同的教室"),
    "fet.split_rows": (
        "{count} class subjects are several curriculum rows (their activities have different "
        "preferred times or rooms, or a min-days constraint covers some of them): numbered "
        "[1], [2]",
        "{count} 个班级科目分成了几行课程（其活动的首选时间或教室不同，"
        "或有最少间隔天数约束只涉及其中一部分）：编号为 [1]、[2]"),
    "fet.no_teacher": ("{count} curriculum rows have activities without a teacher: each has a "
                       "placeholder teacher '{placeholder}' of its own",
                       "{count} 行课程计划的活动没有教师：各有一名自己的占位教师“{placeholder}”"),
    "fet.soft_min_days": (
        "{count} min-days constraints of weight below 100% are wishes (尽量): days_apart.csv "
        "groups with a weight, FET's weight in tenths, counted as FET counts them (the objective "
        "has no same-day repeats of its own)",
        "{count} 条权重低于 100% 的最少间隔天数约束作为尽量满足的愿望：days_apart.csv 中带权重的组"
        "（权重为 FET 权重的十分之一），计数方式与 FET 相同（目标中不另计同日重复）"),
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
    "fet.unreadable_id": ("unreadable activity id", "活动编号无法读取"),
    "fet.unreadable_ids": ("unreadable activity ids", "活动编号无法读取"),
    "fet.covers_nothing": ("covers no imported activity", "没有涉及任何已导入的活动"),
    "fet.no_time": (
        "leaves an activity no time at all (FET cannot place it either)",
        "使一项活动没有任何可排时间（FET 也排不了）"),
    "fet.double_starts": (
        "gives a double lesson starting times that aligner's allowed periods (which hold for "
        "every period of a lesson) cannot express",
        "给连堂规定的开始时间无法用 aligner 的可排时间表达（可排时间针对一节课的每个节次）"),
    "fet.room_too_many_subjects": (
        "a room would list more subjects than a cell of rooms.csv holds ({cell} characters)",
        "一间教室要列出的科目会超出 rooms.csv 一个单元格的容量（{cell} 个字符）"),
    "fet.rooms.virtual": (
        "a virtual room (FET 6's sets of real rooms) has no counterpart",
        "虚拟教室（FET 6 中由几间实际教室组成的集合）没有对应"),
    "fet.rooms.none_left": (
        "no allowed room is left (too small, or the constraints exclude each other): FET "
        "cannot place it either",
        "没有剩下可用的教室（容量太小，或几条约束相互排斥）：FET 也排不了"),
    "fet.rooms_note": (
        "{count} rooms that FET's room constraints give activities: rooms.csv (each lists "
        "the subjects whose lessons take it)",
        "FET 的教室约束分配给活动的 {count} 间教室：写入 rooms.csv（每间列出在此上课的科目）"),
    "fet.pins_note": (
        "{count} activities at a fixed time: pinned.csv",
        "{count} 项固定时间的活动：写入 pinned.csv（固定课）"),
    "fet.pin.break": (
        "fixes the activity at a break hour (FET cannot place it either)",
        "把活动固定在休息时间（FET 也排不了）"),
    "fet.pin.mixed": (
        "fixes some lessons of a class subject that mixes single and double lessons (an "
        "aligner pin fixes where a lesson starts, not which)",
        "固定了一个单节课和连堂兼有的班级科目中的部分课（aligner 的固定课只固定一节课从哪里开始，"
        "不固定是哪一节）"),
    "fet.pin.unavailable": (
        "fixes the activity where its teacher is not available or outside its preferred "
        "times (FET cannot place it either)",
        "把活动固定在教师不可排课的时间，或首选时间之外（FET 也排不了）"),
    "fet.pin.clash": (
        "fixes two activities of one class or teacher at one time (FET cannot place them "
        "either)",
        "把同一班级或同一教师的两项活动固定在同一时间（FET 也排不了）"),
    "fet.teacher_behavior": (
        "Teacher (mornings-afternoons behavior)",
        "Teacher（上下午模式的行为）"),
    "fet.teacher_behavior.why": (
        "FET's mornings-afternoons mode keeps the teacher to the morning or the afternoon of "
        "a real day (behavior '{behavior}'), which aligner has no rule for",
        "FET 的上下午模式把教师限制在实际一天的上午或下午（行为“{behavior}”），aligner 没有这样的规则"),
    "fet.real_days": (
        "in an old mornings-afternoons file FET reads it per real day (a morning and an "
        "afternoon), which aligner has no rule for",
        "在旧版上下午模式的文件中，FET 按实际的一天（一个上午加一个下午）理解它，aligner 没有这样的规则"),
    "fet.limit.unreadable": (
        "unreadable {child}",
        "{child} 无法读取"),
    "fet.limit.none": (
        "{child} {value}: a teacher who may not teach at all",
        "{child} {value}：这样的教师根本不能上课"),
    "fet.min_hours.no_empty_days": (
        "Allow_Empty_Days false: FET refuses to generate a timetable with it (it asks for min "
        "days per week instead), so such a file has no timetable",
        "Allow_Empty_Days 为 false：FET 拒绝用它生成课表（FET 建议改用每周最少天数），这样的文件没有课表"),
    "fet.min_hours.refused": (
        "Minimum_Hours_Daily {value}: FET refuses to generate a timetable with a minimum below "
        "2 or above the {hours} hours of its day",
        "Minimum_Hours_Daily {value}：最少课时小于 2 或大于每天的 {hours} 个课时，FET 拒绝生成课表"),
    "fet.min_hours.above_max": (
        "teacher {teacher}: min hours daily {least} above max hours daily {most} (she could "
        "not teach at all); aligner refuses min_per_day above max_per_day",
        "教师 {teacher}：每天最少 {least} 大于每天最多 {most}（她根本不能上课）；aligner 不接受 "
        "min_per_day 大于 max_per_day"),
    "fet.limit.max_gaps": (
        "{child} {value}: aligner's max_gaps_per_week is at most {most}",
        "{child} {value}：aligner 的 max_gaps_per_week 最多为 {most}"),
    "fet.limit.max_days": (
        "{child} {value}: aligner's max_days is at most 7",
        "{child} {value}：aligner 的 max_days 最多为 7"),
    "fet.runs_differ": (
        "FET's runs of hours (ended only by breaks) and aligner's (within the morning or the "
        "afternoon, split at 12:00) differ on these bells: windows of {length} periods "
        "starting at {starts}",
        "按这套作息时间，FET 的连上课时（只被休息时间打断）与 aligner 的（在上午或下午之内，以 12:00 "
        "为界）不同：从第 {starts} 节起的连续 {length} 节"),
    "fet.not_imported_activities": ("refers to activities that were not imported",
                                    "涉及未导入的活动"),
    "fet.same_time_one_class": ("ties lessons of one class, or of different durations (aligner's "
                                "lessons taught together are of different classes)",
                                "把同一个班或时长不同的课绑在一起（aligner 的同时上课是不同班级的课）"),
    "fet.same_time_partial": ("ties only some lessons of the class subjects involved (aligner "
                              "teaches whole class subjects together)",
                              "只绑定了所涉班级科目的部分课（aligner 的同时上课针对整个科目）"),
    "fet.blocked": (
        "{count} slots where some students are not available hold a '{blocked}' lesson of "
        "those classes, with a placeholder teacher available only then",
        "{count} 个有学生不可上课的时段给这些班级放了一节“{blocked}”占位课，由只在那时有空的占位教师上"),
    "fet.wishes": ("{count} activities with soft preferred times: their rows' preferred periods "
                   "(尽量), each lesson elsewhere costing outside_preferred, not FET's weights",
                   "{count} 个活动有软性首选时间：作为所在行课程的尽量时间，排在别处按 outside_preferred "
                   "扣分（不用 FET 的权重）"),
    "fet.wishes_overlap": ("several soft preferred times on one activity: aligner's preferred "
                           "periods are one wish a row",
                           "同一活动有多个软性首选时间：aligner 每行课程只有一组尽量时间"),
    "fet.nobody": ("{count} activities of no students and no teacher (they occupy nobody, so FET "
                   "may place them anywhere): each a row of its own, '<subject> #<id>', with a "
                   "placeholder class and teacher",
                   "{count} 个活动既无学生也无教师（不占用任何人，FET 可任意安排）：各自成一行课程"
                   "“<科目> #<编号>”，配占位班级和占位教师"),
    "fet.weightless": ("{count} constraints of weight 0% constrain nothing in FET, and are left out",
                       "{count} 个权重为 0% 的约束在 FET 中不起作用，导入时略去"),
    "fet.min_days.inactive": (
        "{count} min-days constraints hold fewer than two active activities: FET ignores them, "
        "and so does the import (over two or more, they hold over the active ones, as in FET)",
        "{count} 个最少间隔天数约束涉及的有效活动不足两个：FET 忽略它们，导入也忽略（涉及两个及以上时，"
        "与 FET 一样只对有效活动生效）"),
    "fet.min_days.unreadable": ("unreadable activity ids or MinDays",
                                "活动编号或 MinDays 无法读取"),
    "fet.min_days.partial": (
        "covers only some lessons of a class's subject (its activities have different "
        "preferred times, rooms or min-days constraints)",
        "只涉及一个班某科目的部分课（其活动的首选时间、教室或最少间隔天数约束各不相同）"),
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
    "fet.course_names": (
        "the rows this course reaches are named {names}, and no common name is free",
        "这门课程涉及的几行课程分别名为 {names}，而且没有可共用的空闲名称"),

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
    "fet.out.unplaced": (
        "FET's timetable leaves activity {activity} unplaced (an incomplete timetable: did "
        "fet-cl stop at its time limit?)",
        "FET 的课表没有安排活动 {activity}（课表不完整：fet-cl 是否因达到时间限制而停止了？）"),
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
    "fet.export.soft_left_out": (
        "{count} soft constraints (aligner's wishes) left out: every activity is locked, so "
        "they can change nothing, and FET's heuristic would still try to keep them",
        "略去 {count} 个软约束（aligner 的尽量项）：所有活动都已锁定，它们改变不了什么，而 FET "
        "的启发式仍会设法满足它们"),
    "fet.export.max_per_day": ("max_per_day {most} of {subject} for {name}: FET caps hours a day "
                               "at {cap} (a double counts twice there, once in aligner)",
                               "{name} {subject}的 max_per_day {most}：FET 限制每天 {cap} 个课时（连堂"
                               "在 FET 中算两节，在 aligner 中算一次）"),
    "fet.export.no_noon_break": (
        "max_consecutive: FET counts a teacher's hours in a row across the middle of the day "
        "unless a break ends the run; the schools' mornings end at different periods (or a "
        "double spans the end of a morning), so no break hour is added and FET counts runs "
        "over noon (stricter)",
        "max_consecutive：除非有休息时间隔断，FET 会跨过中午连续计算教师的连上课时；"
        "各校上午结束的节次不同（或有连堂跨过上午的最后一节），所以没有加入午休课时，FET "
        "跨中午计算连上节数（更严格）"),
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
    "fet.export.teacher_gaps": (
        "objective term teacher_gaps: not exported (FET's max gaps are caps, not a weighted "
        "count)",
        "目标项 teacher_gaps：没有导出（FET 的最多空节数是上限，不是加权计数）"),
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
