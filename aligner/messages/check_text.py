"""Messages of aligner/check/: the independent checker's violations of hard rules, problems in
the solution files, and reports that disagree with the timetable."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- names ----
    "check.school": ("{name} ({id})", "{name}（{id}）"),
    "check.class": ("class {name} ({school_id}/{class_id}) of {school}",
                    "{school} {name}（{school_id}/{class_id}）"),
    "check.teacher_named": ("teacher {name} ({id})", "教师 {name}（{id}）"),
    "check.teacher": ("teacher {id}", "教师 {id}"),
    "check.level.county": ("county", "县级"),
    "check.level.city": ("city", "市级"),
    "check.level.region": ("region", "区级"),
    "check.in_season": (" in {season}", "（{season} 作息）"),
    "check.on_day": (" on {day}", "（{day}）"),
    "check.day_period": ("{day} period {period}", "{day} 第 {period} 节"),
    "check.separator": ("; ", "；"),
    "check.nobody": ("nobody", "无人"),
    "check.nothing": ("none", "无"),
    "check.research_row": ("research.csv row {row} (meeting {meeting})",
                           "research.csv 第 {row} 行（研修 {meeting}）"),
    "check.research_not_receiving": ("{school} is no receiving school of course {course}",
                                     "{school}不是课程 {course} 的接收学校"),
    "check.research_teachers": (
        "the teachers of course {course}'s meetings are hub teacher {hub} and assistant(s) "
        "{assistants} there",
        "课程 {course} 的研修教师应为主讲教师 {hub} 和该校辅助教师 {assistants}"),
    "check.research_id_differs": ("this research_id names another meeting (course, day or hub "
                                  "period) in an earlier row",
                                  "这个 research_id 在前面的行中对应另一次研修"
                                  "（课程、星期或主讲端节次不同）"),
    "check.research_school_twice": ("{school} is listed twice for this meeting",
                                    "这次研修中{school}出现了两次"),
    "check.research_missing": (
        "{file} is missing: policy.research_per_week asks for {n} research meeting(s) a week "
        "of every sync course",
        "缺少 {file}：policy.research_per_week 要求每门同步课程每周开展 {n} 次教师网络研修"),
    "check.research_count": ("course {course} ({form}) has {got} research meeting(s) a week in "
                             "research.csv, {wanted} wanted",
                             "课程 {course}（{form}）在 research.csv 中每周有 {got} 次教师网络研修，应为 "
                             "{wanted} 次"),
    "check.research_school_missing": ("research meeting {meeting} does not reach {school}",
                                      "研修 {meeting} 没有{school}参加"),
    "check.research_overlap": (
        "research meeting {meeting} on {day}{where}: {hub} period {hub_period} and {school} "
        "period {period} overlap by {minutes} minutes, at least {least} needed",
        "研修 {meeting}（{day}{where}）：{hub}第 {hub_period} 节与{school}第 {period} 节只重叠 "
        "{minutes} 分钟，至少需要 {least} 分钟"),
    "check.research_unavailable": ("research meeting {meeting} takes {teacher} on {day} period "
                                   "{period}, when the teacher is unavailable",
                                   "研修 {meeting} 安排{teacher}在{day}第 {period} 节，而该教师此时不可排课"),
    "check.research_busy": ("research meeting {meeting} takes {teacher} on {day} period "
                            "{period}, who is busy then: {what}",
                            "研修 {meeting} 安排{teacher}在{day}第 {period} 节，"
                            "而该教师此时有其他安排：{what}"),
    "check.research_twice": ("{teacher} is in several research meetings on {day} period {period}: "
                             "{meetings}",
                             "{teacher}在{day}第 {period} 节同时参加多次研修：{meetings}"),
    "check.forms_per_pair": (
        "{hub} and {receiving} use {got} form(s) of help ({used}), at least {least} needed; "
        "their data offer {offered}",
        "{hub}与{receiving}采用了 {got} 种帮扶形式（{used}），至少需要 {least} 种；其数据提供{offered}"),
    "check.no_cap": ("no cap", "不限"),
    "check.hint": ("; {hint}", "；{hint}"),

    # ---- the hard rules ----
    "check.not_taking_part": (
        "session {session} on {day}: {klass} does not take part, but every receiving class of "
        "the course must",
        "在线课 {session}（{day}）：{klass}没有参加，但课程的每个接收班级都必须参加"),
    "check.different_periods": (
        "session {session} on {day}: classes of {school} sit in different periods {periods}, but "
        "they share one sync room",
        "在线课 {session}（{day}）：{school}的各班分在不同节次 {periods}，但它们共用一间同步教室"),
    "check.overlap_too_short": (
        "session {session} on {day}{where}: {hub} period {hub_period} and {klass} in period "
        "{period} share only {minutes} minutes, less than {least}",
        "在线课 {session}（{day}）{where}：{hub}第 {hub_period} 节与{klass}第 {period} 节只重叠 "
        "{minutes} 分钟，少于 {least} 分钟"),
    "check.class_double_booked": ("{klass} has {count} lessons on {day} period {period}: {what}",
                                  "{klass}在 {day} 第 {period} 节有 {count} 节课：{what}"),
    "check.teacher_unavailable": ("{teacher} is unavailable on {day} period {period} but has "
                                  "{what}",
                                  "{teacher}在 {day} 第 {period} 节没空，却排了{what}"),
    "check.teacher_double_booked": ("{teacher} is in {count} places on {day} period {period}: "
                                    "{places}",
                                    "{teacher}在 {day} 第 {period} 节同时排了 {count} 处：{places}"),
    "check.room_capacity": ("{school} needs {needed} sync rooms on {day} period {period} "
                            "({sessions}) but has {rooms}",
                            "{school}在 {day} 第 {period} 节需要 {needed} 间同步教室（{sessions}），"
                            "但只有 {rooms} 间"),
    "check.local_teacher": (
        "{subject} with {klass} on {day} period {period} is taught by {teacher}, but the "
        "curriculum gives it to {expected}",
        "{klass} {day} 第 {period} 节的{subject}由{teacher}上，但课程计划中的任课教师是{expected}"),
    "check.curriculum_per_week": ("{klass} has {got} {subject} lessons a week, the curriculum says "
                                  "{want}",
                                  "{klass}每周有 {got} 节{subject}，课程计划规定 {want} 节"),
    "check.allowed_periods": (
        "{subject} with {klass} is on {day} period {period}, outside the periods the curriculum "
        "allows it",
        "{klass}的{subject}排在 {day} 第 {period} 节，不在课程计划允许的节次内"),
    "check.together": (
        "{subject} of {klass} and {other_subject} of {other} are taught together ('{label}') but "
        "not at the same periods: {apart}",
        "{klass}的{subject}和{other}的{other_subject}应同时上课（“{label}”），但节次不同：{apart}"),
    "check.not_a_double": ("lesson {lesson} of {klass}{day} is not a double lesson: {problem}",
                           "{klass}的课 {lesson}{day}不是连堂：{problem}"),
    "check.doubles_per_week": (
        "{klass} has {got} double {subject} lessons a week, the curriculum says {doubles} (the "
        "two rows of a double share a lesson_id in lessons.csv)",
        "{klass}每周有 {got} 次{subject}连堂，课程计划规定 {doubles} 次（lessons.csv 中一次连堂的两行"
        " lesson_id 相同）"),
    "check.max_per_day": ("{klass} has {count} {subject} lessons on {day}, at most {most} allowed",
                          "{klass}在 {day} 有 {count} 节{subject}，每天最多只能 {most} 节"),
    "check.min_days_apart": ("{klass} has {subject} on {first} and on {second}: its lessons must "
                             "be at least {days} days apart",
                             "{klass}的{subject}在 {first} 和 {second} 都有课，两节之间至少应隔 {days} 天"),
    "check.days_apart": ("group {group} ({rows}) has lessons on {first} and on {second}: its "
                         "lessons must be at least {days} days apart",
                         "组 {group}（{rows}）在 {first} 和 {second} 都有课，两节之间至少应隔 {days} 天"),
    "check.course_per_week": ("course {course} ({subject}, {school}) has {got} sessions a week, it "
                              "needs {wanted}",
                              "课程 {course}（{subject}，{school}）每周有 {got} 节在线课，应为 {wanted} 节"),
    "check.credited_load": (
        "{teacher} of {school} has a credited load of {load} ({local} local + {online_credit} x "
        "{taught} taught online + {assistant_credit} x {assisted} assisted), outside [{low}, "
        "{high}]",
        "{school}的{teacher}折算课时为 {load}（本校课 {local} + {online_credit} × 主讲在线课 {taught}"
        " + {assistant_credit} × 助教 {assisted}），不在 [{low}, {high}] 之内"),
    "check.level_minimum": (
        "{teacher} teaches {got} online lessons a week; as a {level}-level backbone teacher at "
        "least {least}",
        "{teacher}每周上 {got} 节在线课；作为{level}骨干教师，至少应上 {least} 节"),
    "check.pair_minimum": ("{hub} gives {receiving} {got} sync lessons a week, at least {least} "
                           "needed",
                           "{hub}每周给{receiving}上 {got} 节同步课堂，至少需要 {least} 节"),
    "check.delivered": ("{school} delivers {got} online lessons a week, at least {least} needed",
                        "{school}每周主讲 {got} 节在线课，至少需要 {least} 节"),
    "check.received": ("{school} takes part in {got} online lessons a week, at least {least} "
                       "needed",
                       "{school}每周接收 {got} 节在线课，至少需要 {least} 节"),
    "check.term_level_minimum": (
        "{teacher} teaches {got} online lessons over the term's {dates} teaching dates; as a "
        "{level}-level backbone teacher at least {least} a semester",
        "{teacher}在学期的 {dates} 个教学日共上 {got} 节在线课；作为{level}骨干教师，每学期至少应上 "
        "{least} 节"),
    "check.term_delivered": (
        "{school} delivers {got} online lessons over the term's {dates} teaching dates, at least "
        "{least} needed to average {minimum} a teaching week",
        "{school}在学期的 {dates} 个教学日共主讲 {got} 节在线课，平均每个教学周 {minimum} 节至少需要 "
        "{least} 节"),
    "check.term_received": (
        "{school} takes part in {got} online lessons over the term's {dates} teaching dates, at "
        "least {least} needed to average {minimum} a teaching week",
        "{school}在学期的 {dates} 个教学日共接收 {got} 节在线课，平均每个教学周 {minimum} 节至少需要 "
        "{least} 节"),
    "check.radiation_range": (
        "session {session} ({day}) reaches {got} receiving classes, at most {most} allowed "
        "(max_receiving_classes_per_session)",
        "在线课 {session}（{day}）送达 {got} 个接收班级，最多允许 {most} 个"
        "（max_receiving_classes_per_session）"),
    "check.no_sync_course": (
        "{hub} and {receiving} are linked by a course but by no synchronous course: the "
        "synchronous class is compulsory for every pair (seed 000 §四(二))",
        "{hub}与{receiving}之间有网络课程，却没有同步课堂课程：每对结对学校都必须开设城乡同步课堂"
        "（种子文件 000 §四(二)）"),

    # ---- what a teacher is busy with; double lessons after a hand edit ----
    "check.lesson_with": ("{subject} with {klass}", "{klass}的{subject}"),
    "check.as_hub": ("session {session} as hub teacher", "主讲在线课 {session}"),
    "check.as_assistant": ("session {session} as assistant", "在线课 {session} 的助教"),
    "check.place": ("{day} period {period} (row {row})", "{day} 第 {period} 节（第 {row} 行）"),
    "check.double.many_rows": ("{count} rows share it ({places}); a double lesson is two periods",
                               "有 {count} 行共用它（{places}）；一次连堂只有两节"),
    "check.double.fix": (
        "put it back beside the other, or give it a lesson_id of its own (a single lesson) and "
        "make the curriculum's doubles agree",
        "请把它移回另一节旁边，或给它一个单独的 lesson_id（作为单节课），并相应修改课程计划的连堂数"
        "（doubles）"),
    "check.double.different_days": (
        "its rows are on {first} and {second}, different days: one row of the double lesson "
        "seems moved; {fix}",
        "它的两行在 {first} 和 {second}，不在同一天：连堂的一行似乎被挪动了；{fix}"),
    "check.double.not_consecutive": (
        "its rows are on {first} and {second}, periods that are not consecutive: one row of the "
        "double lesson seems moved; {fix}",
        "它的两行在 {first} 和 {second}，两节不相邻：连堂的一行似乎被挪动了；{fix}"),
    "check.double.different_subjects": (
        "its rows are of different subjects ({first} on row {first_row}, {second} on row "
        "{second_row})",
        "它的两行科目不同（第 {first_row} 行是{first}，第 {second_row} 行是{second}）"),
    "check.double.different_teachers": (
        "its rows have different teachers ({first} on row {first_row}, {second} on row "
        "{second_row})",
        "它的两行教师不同（第 {first_row} 行是{first}，第 {second_row} 行是{second}）"),
    "check.double.break_too_long": (
        "the break between periods {first} and {second} is {minutes} minutes{season}, more than "
        "max_double_gap {gap}",
        "第 {first} 节和第 {second} 节之间的课间有 {minutes} 分钟{season}，超过连堂最大间隔 "
        "max_double_gap（{gap} 分钟）"),
    "check.no_lesson_id": ("(none)", "（无）"),
    "check.hint.consecutive_singles": (
        "{subject} on {day} periods {first} and {second} (rows {first_row} and {second_row}) are "
        "consecutive single lessons with lesson_ids {first_id} and {second_id}: if they are a "
        "double lesson, give both rows the same lesson_id",
        "{day} 第 {first} 节和第 {second} 节的{subject}（第 {first_row} 行和第 {second_row} 行）是相邻的"
        "两节单节课，lesson_id 分别为 {first_id} 和 {second_id}：如果它们是一次连堂，请给两行相同的 "
        "lesson_id"),
    "check.hint.lone_lesson_id": (
        "row {row} ({day} period {period}) carries lesson_id {lesson} alone, an id that names "
        "{named_day} period {named_period}: is it the rest of a double lesson whose other row "
        "was moved or given another lesson_id?",
        "第 {row} 行（{day} 第 {period} 节）单独使用 lesson_id {lesson}，而这个编号指的是 {named_day} 第 "
        "{named_period} 节：它是否是一次连堂剩下的一行，另一行被挪动了或改了 lesson_id？"),
    "check.rows": (("row {rows}", "rows {rows}"), "第 {rows} 行"),
    "check.row_at": ("{row} ({day} period {period})", "{row}（{day} 第 {period} 节）"),
    "check.hint.shared_lesson_id": (
        "its lesson_id {lesson} ({mine}) is also on {klass}, {theirs}: a lesson belongs to one "
        "class; was a row moved to another class, or copied from one?",
        "它的 lesson_id {lesson}（{mine}）也出现在{klass}的{theirs}：一节课只属于一个班；是不是有一行被"
        "挪到了别的班，或是从别的班复制来的？"),

    # ---- the solution files ----
    "check.unknown_school": ("unknown school '{school}'", "未知的学校“{school}”"),
    "check.unknown_day": ("day '{day}' is not one of {days}", "“{day}”不是上课日（{days}）之一"),
    "check.no_such_period": ("{school} has no period {period}", "{school}没有第 {period} 节"),
    "check.wrong_times": ("times {start}-{end} are not those of {school} period {period}{season}",
                          "时间 {start}-{end} 与{school}第 {period} 节的时间不符{season}"),
    "check.file_missing": ("{file} is missing", "缺少 {file}"),
    "check.file_undecodable": ("{file} cannot be decoded as UTF-8 or GB18030",
                               "{file} 无法按 UTF-8 或 GB18030 解码"),
    "check.columns_missing": ("{file} lacks the columns {columns}", "{file} 缺少这些列：{columns}"),
    "check.summary_not_an_object": ("summary.json is not a JSON object",
                                    "summary.json 不是 JSON 对象"),
    "check.other_seasons": (
        "{file} holds a timetable for the seasons {found}, but the instance is checked for "
        "{season} only: run aligner check with --season {option}",
        "{file} 是 {found} 作息的课表，但这次只按 {season} 作息核对：请加 --season {option} 运行 "
        "aligner check"),
    "check.one_season": (
        "{file} holds a timetable for one season (it has no season column), but the instance is "
        "checked for {seasons}: run aligner check with --season and the season it was solved for "
        "(summary.json lists it)",
        "{file} 是只适用于一个作息季节的课表（没有 season 列），但这次按 {seasons} 核对：请用 --season "
        "指定排课时的季节运行 aligner check（见 summary.json）"),
    "check.unknown_season": ("{file} row {row}: season '{season}' is not one of {seasons}",
                             "{file} 第 {row} 行：作息季节“{season}”不是 {seasons} 之一"),
    "check.seasons_differ": (
        "{file}: the rows of season {season} do not list the same lessons as those of {first} "
        "(one weekly timetable serves every season)",
        "{file}：{season} 作息各行列出的课与 {first} 作息的不同（一张周课表适用于所有作息季节）"),
    "check.season_overlap": ("overlap_minutes says {stated}, the {season} bells overlap by {real}",
                             "overlap_minutes 写的是 {stated}，按 {season} 作息实际重叠 {real} 分钟"),
    "check.row_in_season": ("{file} row {row} ({season}): {problem}",
                            "{file} 第 {row} 行（{season}）：{problem}"),
    "check.session_row": ("sessions.csv row {row} (session {session})",
                          "sessions.csv 第 {row} 行（在线课 {session}）"),
    "check.at": ("{where}: {problem}", "{where}：{problem}"),
    "check.unknown_course": ("unknown course '{course}'", "未知的课程“{course}”"),
    "check.not_receiving": ("{klass} is not a receiving class of course {course}",
                            "{klass}不是课程 {course} 的接收班级"),
    "check.session_differs": ("form, hub school, teacher or class differ from course {course}",
                              "形式、主讲学校、主讲教师或主讲班级与课程 {course} 不符"),
    "check.overlap_stated": ("overlap_minutes says {stated}, the bells overlap by {real}",
                             "overlap_minutes 写的是 {stated}，按作息时间实际重叠 {real} 分钟"),
    "check.session_id_differs": ("rows of one session id differ in course, day or hub period",
                                 "同一在线课编号的各行课程、日期或主讲节次不一致"),
    "check.listed_twice": ("{klass} is listed twice in one session", "{klass}在同一节在线课中列了两次"),
    "check.two_session_ids": ("course {course} on {day} hub period {period} has two session ids",
                              "课程 {course} 在 {day} 主讲第 {period} 节有两个在线课编号"),
    "check.unknown_class": ("unknown class '{klass}' of {school}", "{school}没有班级“{klass}”"),
    "check.bad_local_lesson": ("a local lesson needs a known teacher and no session or assistant",
                               "本校课必须有已知的任课教师，且不能有在线课编号或助教"),
    "check.unknown_mode": ("unknown mode '{mode}'", "未知的上课方式“{mode}”"),
    "check.lessons_row": ("lessons.csv row {row}: {problem}", "lessons.csv 第 {row} 行：{problem}"),
    "check.online_row_missing": (
        "lessons.csv has no {mode} row for session {session} of {klass} on {day} period {period}, "
        "which sessions.csv lists",
        "lessons.csv 中没有{klass} {day} 第 {period} 节在线课 {session} 的 {mode} 行，而 sessions.csv "
        "列有这节课"),
    "check.online_row_unmatched": (
        "online lesson of {klass} on {day} period {period} (session {session}) matches no row of "
        "sessions.csv",
        "{klass} {day} 第 {period} 节的在线课（在线课 {session}）在 sessions.csv 中找不到对应的行"),

    # ---- the reports ----
    "check.load_rows": ("teacher_load.csv has {count} rows for {teacher}",
                        "teacher_load.csv 中{teacher}有 {count} 行"),
    "check.load_row_wrong": (
        "teacher_load.csv row of {teacher} says local {local}, online {online}, assisted "
        "{assisted}, credited {credited}; the timetable gives {true_local}, {true_online}, "
        "{true_assisted}, {true_credited}",
        "teacher_load.csv 中{teacher}这一行写的是本校课 {local}、主讲在线课 {online}、助教 {assisted}、"
        "折算课时 {credited}；按课表应为 {true_local}、{true_online}、{true_assisted}、{true_credited}"),
    "check.compliance_unexpected": ("compliance.csv row {row}: unexpected or repeated {rule} "
                                    "{scope}",
                                    "compliance.csv 第 {row} 行：多余或重复的 {rule} {scope}"),
    "check.compliance_wrong": ("compliance.csv row {row} ({rule} {scope}) says {stated}; the "
                               "timetable gives {true}",
                               "compliance.csv 第 {row} 行（{rule} {scope}）写的是 {stated}；按课表应为 "
                               "{true}"),
    "check.compliance_missing": ("compliance.csv lacks the row {rule} {scope}",
                                 "compliance.csv 缺少 {rule} {scope} 这一行"),
    "check.summary_status": ("summary.json status is {status}, not OPTIMAL or FEASIBLE",
                             "summary.json 的状态是 {status}，不是 OPTIMAL 或 FEASIBLE"),
    "check.summary_term": ("summary.json term {term} says {stated}; the timetable gives {value} x "
                           "weight {weight}",
                           "summary.json 中目标项 {term} 写的是 {stated}；按课表应为 {value} × 权重 "
                           "{weight}"),
    "check.summary_objective": ("summary.json objective {stated}, the timetable gives {true}",
                                "summary.json 的目标值是 {stated}，按课表应为 {true}"),

    # ---- the office's rules ----
    "check.combined_apart": (
        "{subject} of classes {classes} of {school} is one combined lesson, but {klass} and "
        "{other} differ at {apart}",
        "{school} {classes} 班的{subject}是合班课，但{klass}与{other}在 {apart} 不一致"),
    "check.combined_rooms": (
        "{subject} of classes {classes} on {day} period {period} is one combined lesson, but "
        "{klass} is in {room} and {other} in {other_room}",
        "{classes} 班的{subject}（{day} 第 {period} 节）是合班课，但{klass}在{room}，"
        "{other}在{other_room}"),
    "check.combined_ids": (
        "{subject} of classes {classes} on {day} period {period} is one combined lesson, but "
        "its rows carry different lesson_ids ({lesson_id} and {other_id})",
        "{classes} 班的{subject}（{day} 第 {period} 节）是合班课，但各行的 lesson_id 不同"
        "（{lesson_id} 与 {other_id}）"),
    "check.own_room": ("its own room", "本班教室"),
    "check.teacher_day": (
        ("{teacher} teaches {n} period on {day} ({periods}), at most {most} a day allowed",
         "{teacher} teaches {n} periods on {day} ({periods}), at most {most} a day allowed"),
        "{teacher}{day}上 {n} 节课（第 {periods} 节），每天最多 {most} 节"),
    "check.teacher_consecutive": (
        "{teacher} teaches {n} periods in a row on {day} (periods {first}-{last}), at most "
        "{most} allowed",
        "{teacher}{day}连上 {n} 节（第 {first}-{last} 节），最多连上 {most} 节"),
    "check.teacher_days": (
        "{teacher} teaches on {n} days ({days}), at most {most} a week allowed",
        "{teacher}每周有 {n} 天上课（{days}），最多 {most} 天"),
    "check.teacher_min_day": (
        ("{teacher} has {n} commitment on {day} (period {periods}), at least {least} on a day "
         "with any required",
         "{teacher} has {n} commitments on {day} (periods {periods}), at least {least} on a day "
         "with any required"),
        "{teacher}{day}只有 {n} 节课（第 {periods} 节），有课的日子每天最少 {least} 节"),
    "check.teacher_day_gaps": (
        ("{teacher} has {n} gap on {day} (period {periods}), at most {most} a day allowed",
         "{teacher} has {n} gaps on {day} (periods {periods}), at most {most} a day allowed"),
        "{teacher}{day}有 {n} 节空堂（第 {periods} 节），每天最多 {most} 节"),
    "check.teacher_week_gaps": (
        ("{teacher} has {n} gap a week ({slots}), at most {most} a week allowed",
         "{teacher} has {n} gaps a week ({slots}), at most {most} a week allowed"),
        "{teacher}每周有 {n} 节空堂（{slots}），每周最多 {most} 节"),
    "check.room_lesson": ("{subject} with {klass} on {day} period {period}",
                          "{klass}的{subject}（{day} 第 {period} 节）"),
    "check.room_missing": (("{what} has no room, but it needs {rooms}",
                            "{what} has no room, but it needs one of {rooms}"),
                           "{what}没有安排专用教室，应在{rooms}上"),
    "check.room_unknown": ("{what} is in room {room}, which {school} does not have{hint}",
                           "{what}安排在教室 {room}，但{school}没有这间教室{hint}"),
    "check.room_meant": ("; did you mean {room}?", "；是不是{room}？"),
    "check.room_named": ("{name} ({id})", "{name}（{id}）"),
    "check.room_wrong": ("{what} is in {name} ({room}), a room not for {subject}",
                         "{what}安排在{name}（{room}），该教室不用于{subject}"),
    "check.room_closed": ("{what} is in {name} ({room}), which is unavailable then",
                          "{what}安排在{name}（{room}），该教室此时不可用"),
    "check.room_shared": (
        "{name} ({room}) of {school} holds {n} lessons on {day} period {period}: {lessons}",
        "{school}的{name}（{room}）在{day} 第 {period} 节同时有 {n} 节课：{lessons}"),
    "check.subject_of": ("{subject} of {classes}", "{classes} 班的{subject}"),
    "check.room_double": (
        "double lesson {lesson_id} of {klass} on {day} changes room between its periods "
        "({room}, {other_room})",
        "{klass}的连堂课 {lesson_id}（{day}）两节不在同一教室（{room}，{other_room}）"),
    "check.pin_row": (" ({source} row {row})", "（{source} 第 {row} 行）"),
    "check.pin_session": (
        "course {course} is pinned to {day} period {period} of {school}{row}, but has no "
        "session there",
        "课程 {course} 固定在{school}{day} 第 {period} 节{row}，但那里没有这门课的在线课"),
    "check.pin_lesson": (
        "{subject} with {klass} is pinned to {day} period {period}{row}, but no lesson of it "
        "starts there",
        "{klass}的{subject}固定在{day} 第 {period} 节{row}，但那里没有这门课开始"),
    "check.teachers_joined": (" and ", "、"),
    "check.with_classes": ("classes {classes} of {school}", "{school} {classes} 班"),

    # ---- a re-solve from a previous timetable ----
    "check.previous_unreadable": (
        "summary.json says the timetable was re-solved from {directory}, but its lessons.csv "
        "and sessions.csv cannot be read there: the changes and locks are not checked",
        "summary.json 记载本课表由 {directory} 中的原课表调整而来，但那里的 lessons.csv 和 "
        "sessions.csv 无法读取：未检查调整与锁定"),
    "check.lock_local": (
        "{subject} of class {classes} of {school} was locked ({lock}) on {day} period {period} "
        "but is not there",
        "{school} {classes} 班的{subject}已锁定（{lock}）在{day} 第 {period} 节，但现在不在那里"),
    "check.lock_hub": (
        "course {course} was locked ({lock}) on {day} at hub period {period} but has no session "
        "there",
        "课程 {course} 已锁定（{lock}）在{day}主讲端第 {period} 节，但那里没有这节在线课"),
    "check.lock_end": (
        "course {course} was locked ({lock}) at {school} on {day} period {period} but does not "
        "reach it there",
        "课程 {course} 已锁定（{lock}）在{school}{day} 第 {period} 节，但现在不在那里"),
}
