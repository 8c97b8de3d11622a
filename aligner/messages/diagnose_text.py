"""Messages of aligner/diagnose/: the capacity findings (each a proof that no timetable exists)
and the rules of a conflict, in words."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- counts and phrases ----
    "diagnose.n.session": (("{n} session", "{n} sessions"), "{n} 节"),
    "diagnose.n.period": (("{n} period", "{n} periods"), "{n} 个节次"),
    "diagnose.n.sync_room": (("{n} sync room", "{n} sync rooms"), "{n} 间同步教室"),
    "diagnose.n.day": (("{n} day", "{n} days"), "{n} 天"),
    "diagnose.n.rule": (("{n} rule", "{n} rules"), "{n} 条规则"),
    "diagnose.teacher_named": ("teacher {name} ({id})", "教师 {name}（{id}）"),
    "diagnose.teacher": ("teacher {name}", "教师 {name}"),
    "diagnose.class": ("class {klass} of {school}", "{school} {klass}"),
    "diagnose.level.county": ("county", "县级"),
    "diagnose.level.city": ("city", "市级"),
    "diagnose.level.region": ("region", "区级"),
    "diagnose.day_periods": ("{day} {periods}", "{day} 第 {periods} 节"),
    "diagnose.day_period": ("{day} {period}", "{day} 第 {period} 节"),
    "diagnose.no_period": ("no period", "没有节次"),
    "diagnose.in_brackets": (" ({text})", "（{text}）"),
    "diagnose.and": (" and ", "、"),
    "diagnose.no_cap": ("no cap", "不限"),
    "diagnose.session_range": ("{low}-{high} sessions", "{low}-{high} 节"),
    "diagnose.subject_of": ("{subject} of {klass}", "{klass}的{subject}"),

    # ---- the capacity findings ----
    "diagnose.while_available": ((" while {names} is available", " while {names} are available"),
                                 "，且须在{names}有空时"),
    "diagnose.research_slots": (
        "course {course} needs {sessions} and {n} research meeting(s) a week, each at its own "
        "period of the hub teacher, but only {periods} of {hub} overlap {receiving}'s periods "
        "by at least {minutes} minutes while its teachers are available",
        "课程 {course} 每周需要上 {sessions}并开展 {n} 次教师网络研修，各占主讲教师的一个节次，但{hub}只有 "
        "{periods}与{receiving}的节次重叠至少 {minutes} 分钟且教师都有空"),
    "diagnose.course_slots_but": (
        "course {course} needs {sessions} a week, but only {periods} of {hub}{where} overlap "
        "{receiving}'s periods by at least {minutes} minutes{who}",
        "课程 {course} 每周需要上 {sessions}，但{hub}只有 {periods}{where}与{receiving}的节次重叠至少 "
        "{minutes} 分钟{who}"),
    "diagnose.course_slots_and": (
        "course {course} needs {sessions} a week, and only {periods} of {hub}{where} overlap "
        "{receiving}'s periods by at least {minutes} minutes{who}",
        "课程 {course} 每周需要上 {sessions}，而{hub}只有 {periods}{where}与{receiving}的节次重叠至少 "
        "{minutes} 分钟{who}"),
    "diagnose.sync_rooms": (
        "{school} needs at least {needed} online sessions a week ({courses}) but has {rooms} and "
        "only {periods} a week in which a session can take place{where}: room for at most "
        "{sessions}",
        "{school}每周至少要上 {needed} 节在线课（{courses}），但只有 {rooms}，每周能上在线课的只有 "
        "{periods}{where}：最多只能上 {sessions}"),
    "diagnose.which_periods": (("period {periods}", "periods {periods}"), "第 {periods} 节"),
    "diagnose.on_all_days": (" ({which} on all {days} days)", "（全部 {days} 天的{which}）"),
    "diagnose.on_one_day": (" ({which} on {day})", "（{day} 的{which}）"),
    "diagnose.class_periods": (
        "{klass} has {lessons} lessons a week, but in {periods} ({shown}) none of its teachers is "
        "available and no online session can reach it, leaving only {possible}",
        "{klass}每周有 {lessons} 节课，但在 {periods}（{shown}）中任课教师都没空，也没有在线课能送到，"
        "只剩 {possible} 个节次可用"),
    "diagnose.of_them_double": (" ({doubles} of them double)", "（其中 {doubles} 次连堂）"),
    "diagnose.max_per_day": (
        "{who} has {per_week} {subject} lessons a week{doubles} but at most {most} a day on "
        "{days}",
        "{who}每周有 {per_week} 节{subject}{doubles}，但每天最多 {most} 节，一周只有 {days}"),
    "diagnose.min_days_apart": (
        "{who} has {lessons} {subject} lessons a week{doubles} at least {apart} days apart, but "
        "the week has {days}: they need {needed}",
        "{who}每周有 {lessons} 节{subject}{doubles}，两节至少隔 {apart} 天，"
        "需要 {needed} 天，一周只有 {days}"),
    "diagnose.days_apart": (
        "group {group} of days_apart.csv ({rows}) has {lessons} lessons a week at least "
        "{apart} days apart, but the week has {days}: they need {needed}",
        "间隔天数组 {group}（{rows}）每周共 {lessons} 节，两节至少隔 {apart} 天，"
        "需要 {needed} 天，一周只有 {days}"),
    "diagnose.at_most_a_day": (", at most {most} a day", "，每天最多 {most} 节"),
    "diagnose.within_allowed": (" within its allowed periods ({slots})",
                                "在允许的节次（{slots}）中"),
    "diagnose.teacher_availability": (
        ("{who} needs {local} local {subject} lessons a week{capped}, but {teacher} is "
         "available{allowed} on only {days} ({periods} periods), room for {room}",
         "{who} needs {local} local {subject} lessons a week{capped}, but {teacher} are all "
         "available{allowed} on only {days} ({periods} periods), room for {room}"),
        "{who}每周需要 {local} 节本校{subject}课{capped}，但{teacher}{allowed}只有 {days}有空"
        "（{periods} 个节次），最多排得下 {room} 节"),
    "diagnose.double_slots": (
        "{klass} needs {doubles} double {subject} lesson(s) a week, but there is room for only "
        "{room}: pairs of consecutive periods at most {gap} minutes apart{who}",
        "{klass}每周需要 {doubles} 次{subject}连堂，但只排得下 {room} 次：连堂要占相邻两节、间隔不超过 "
        "{gap} 分钟{who}"),
    "diagnose.teacher_periods": (
        "{teacher} has at least {total} lessons and sessions a week but is available in only "
        "{free} of {periods} periods",
        "{teacher}每周至少有 {total} 节课（含在线课），但 {periods} 个节次中只有 {free} 个有空"),
    "diagnose.load_above_max": (
        "{who} has a credited load of at least {lowest} (an online lesson counts {credit}), "
        "above max_load {most}",
        "{who}的折算课时至少为 {lowest}（一节在线课折算 {credit} 节），超过最多课时 max_load {most}"),
    "diagnose.load_below_min": (
        "{who} can reach a credited load of at most {highest}, below min_load {least}",
        "{who}的折算课时最多只能达到 {highest}，低于最少课时 min_load {least}"),
    "diagnose.pair_minimum": (
        "{hub} -> {receiving} needs at least {least} sync lessons a week, but its sync courses "
        "can hold at most {most}",
        "{hub}每周至少要给{receiving}上 {least} 节同步课堂，但两校之间的同步课堂课程最多只能上 {most} 节"),
    "diagnose.hub_minimum": (
        "{school} must deliver at least {least} online lessons a week, but the courses it can use "
        "hold at most {most}",
        "{school}每周至少要主讲 {least} 节在线课，但它能用的课程最多只能上 {most} 节"),
    "diagnose.receiving_minimum": (
        "{school} must take part in at least {least} online lessons a week, but the courses it "
        "can use hold at most {most}",
        "{school}每周至少要接收 {least} 节在线课，但它能用的课程最多只能上 {most} 节"),
    "diagnose.term_level_minimum": (
        "{teacher} is a {level}-level backbone teacher and must teach at least {least} online "
        "lessons over the term's {dates} teaching dates, but their courses can hold at most {most}",
        "{teacher}是{level}骨干教师，在学期的 {dates} 个教学日至少要上 {least} 节在线课，但其课程最多"
        "只能上 {most} 节"),
    "diagnose.term_school_minimum": (
        "{school} needs at least {least} online lessons over the term's {dates} teaching dates "
        "(an average of {minimum} a teaching week), but the courses it can use hold at most {most}",
        "{school}在学期的 {dates} 个教学日至少需要 {least} 节在线课（平均每个教学周 {minimum} 节），"
        "但它能用的课程最多只能上 {most} 节"),
    "diagnose.radiation": (
        "course {course} needs {least} session(s) a week but reaches {classes} receiving classes, "
        "more than the {most} one session may serve (max_receiving_classes_per_session)",
        "课程 {course} 每周需要 {least} 节，但有 {classes} 个接收班级，超过每节在线课最多可接收的 "
        "{most} 个（max_receiving_classes_per_session）"),
    "diagnose.level_minimum": (
        "{teacher} is a {level}-level backbone teacher and must teach at least {least} online "
        "lesson(s) a week, but their courses can hold at most {most}",
        "{teacher}是{level}骨干教师，每周至少要上 {least} 节在线课，但其课程最多只能上 {most} 节"),

    # ---- a conflict grouped by rule family ----
    "diagnose.family.course": ("courses' sessions a week", "课程每周的在线课节数"),
    "diagnose.family.alignment": ("sessions at overlapping periods", "在线课须在重叠的节次上"),
    "diagnose.family.availability": ("teachers' unavailable periods", "教师不可排课的时间"),
    "diagnose.family.allowed": ("allowed periods of lessons", "课程允许排的节次"),
    "diagnose.family.room": ("sync rooms", "同步教室"),
    "diagnose.family.curriculum": ("lessons a week of a class's subject", "各班各科的周课时"),
    "diagnose.family.doubles": ("double lessons", "连堂"),
    "diagnose.family.together": ("lessons taught together", "同时上课"),
    "diagnose.family.max_per_day": ("lessons a day of a subject", "各科每天的节数"),
    "diagnose.family.min_days_apart": ("days between lessons of a subject", "同一科目两节课的间隔天数"),
    "diagnose.family.days_apart": ("days between lessons of several subjects",
                                   "几门课之间的间隔天数"),
    "diagnose.family.class": ("one lesson at a time per class", "每班同一节次只上一节课"),
    "diagnose.family.teacher": ("one commitment at a time per teacher", "每位教师同一节次只做一件事"),
    "diagnose.family.load": ("teachers' credited loads", "教师的折算课时"),
    "diagnose.family.pair_minimum": ("sync lessons a week per pair", "每对学校每周的同步课堂节数"),
    "diagnose.family.hub_minimum": ("online lessons delivered", "主讲的在线课节数"),
    "diagnose.family.receiving_minimum": ("online lessons taken part in", "接收的在线课节数"),
    "diagnose.family.level": ("backbone teachers' online lessons", "骨干教师的在线课节数"),
    "diagnose.family.radiation": ("receiving classes a session may serve",
                                  "每节在线课最多接收的班级数"),
    "diagnose.family.teacher_day": ("teachers' lessons a day", "教师每天的节数"),
    "diagnose.family.teacher_consecutive": ("teachers' lessons in a row", "教师连上的节数"),
    "diagnose.family.teacher_days": ("teachers' days a week", "教师每周上课的天数"),
    "diagnose.family.teacher_min_day": ("teachers' fewest lessons on a day they teach",
                                        "教师有课日子的最少节数"),
    "diagnose.family.teacher_day_gaps": ("teachers' gaps a day", "教师每天的空堂"),
    "diagnose.family.teacher_week_gaps": ("teachers' gaps a week", "教师每周的空堂"),
    "diagnose.family.room_choice": ("special rooms of a subject", "科目的专用教室"),
    "diagnose.family.special_room": ("one lesson at a time per special room",
                                     "每间专用教室同一节次只上一节课"),
    "diagnose.family.pin": ("pinned lessons", "固定的课"),
    "diagnose.family.research": ("research meetings of sync courses", "同步课程的教师网络研修"),
    "diagnose.family.forms": ("forms of help per pair", "每对学校的帮扶形式数"),
    "diagnose.family_line": ("{family}: {rules} ({shown})", "{family}：{rules}（{shown}）"),
    "diagnose.and_more": (" and {more} more", " 等，另有 {more} 条"),

    # ---- the rules of a conflict ----
    "diagnose.rule.class_full": (
        "{klass} has a lesson in every period (its {lessons} lessons fill its {periods} periods), "
        "one at a time",
        "{klass}每个节次都有课（{lessons} 节课排满全部 {periods} 个节次），每节只上一节课"),
    "diagnose.rule.class": ("{klass} has at most one lesson per period",
                            "{klass}每个节次最多上一节课"),
    "diagnose.rule.teacher": ("{teacher} has at most one commitment per period",
                              "{teacher}每个节次最多只做一件事（上课、主讲或助教）"),
    "diagnose.rule.together": ("lessons taught together ('{label}'): {rows} at the same periods",
                               "同时上课（“{label}”）：{rows}排在相同的节次"),
    "diagnose.rule.allowed": ("{klass} has its local {subject} lessons only in {slots}",
                              "{klass}的本校{subject}课只能排在 {slots}"),
    "diagnose.rule.availability": ("{teacher} is unavailable in {slots}", "{teacher}在 {slots} 没空"),
    "diagnose.rule.room": ("{school} has {rooms}", "{school}有 {rooms}"),
    "diagnose.rule.course": ("course {course} ({form}, {subject}, {hub} -> {receiving}) has "
                             "{wanted} a week",
                             "课程 {course}（{form}，{subject}，{hub} → {receiving}）每周上 {wanted}"),
    "diagnose.rule.alignment": (
        "every session of course {course} reaches each receiving school at a period overlapping "
        "the hub's by at least {minutes} minutes",
        "课程 {course} 的每节在线课都要在与主讲端节次重叠至少 {minutes} 分钟的节次送到各接收学校"),
    "diagnose.rule.curriculum": ("{klass} has {per_week} {subject} lessons a week",
                                 "{klass}每周有 {per_week} 节{subject}"),
    "diagnose.rule.doubles": (
        "{klass} has {doubles} double {subject} lesson(s) a week (two consecutive periods at most "
        "{gap} minutes apart)",
        "{klass}每周有 {doubles} 次{subject}连堂（相邻两节，间隔不超过 {gap} 分钟）"),
    "diagnose.rule.max_per_day": ("{klass} has at most {most} {subject} lesson(s) a day",
                                  "{klass}每天最多上 {most} 节{subject}"),
    "diagnose.rule.min_days_apart": ("{klass}'s {subject} lessons are at least {apart} days apart",
                                     "{klass}的{subject}两节之间至少隔 {apart} 天"),
    "diagnose.rule.days_apart": ("the lessons of group {group} ({rows}) are at least {apart} days "
                                 "apart{where}",
                                 "组 {group}（{rows}）的课两节之间至少隔 {apart} 天{where}"),
    "diagnose.rule.load": ("{teacher}'s credited load lies in [{least}, {most}] (an online lesson "
                           "counts {credit})",
                           "{teacher}的折算课时在 [{least}, {most}] 之间（一节在线课折算 {credit} 节）"),
    "diagnose.rule.research": (
        "course {course} holds {n} research meeting(s) a week, its hub teacher and assistants "
        "all free at periods overlapping by at least {minutes} minutes",
        "课程 {course} 每周开展 {n} 次教师网络研修，主讲教师和辅助教师都空闲，且两校节次至少重叠 "
        "{minutes} 分钟"),
    "diagnose.rule.forms": ("{hub} and {receiving} use at least {least} of the forms of help "
                            "(sync, delivery, famous, research)",
                            "{hub}与{receiving}至少采用 {least} 种帮扶形式（同步课堂、专递课堂、"
                            "名师课堂、教师网络研修）"),
    "diagnose.rule.pair_minimum": ("{hub} gives {receiving} at least {least} sync lessons a week",
                                   "{hub}每周至少给{receiving}上 {least} 节同步课堂"),
    "diagnose.rule.hub_minimum": ("{school} delivers at least {least} online lessons a week",
                                  "{school}每周至少主讲 {least} 节在线课"),
    "diagnose.rule.receiving_minimum": ("{school} takes part in at least {least} online lessons a "
                                        "week",
                                        "{school}每周至少接收 {least} 节在线课"),
    "diagnose.rule.term_hub_minimum": (
        "{school} delivers at least {least} online lessons over the term's {dates} teaching "
        "dates (an average of {minimum} a teaching week)",
        "{school}在学期的 {dates} 个教学日至少主讲 {least} 节在线课（平均每个教学周 {minimum} 节）"),
    "diagnose.rule.term_receiving_minimum": (
        "{school} takes part in at least {least} online lessons over the term's {dates} teaching "
        "dates (an average of {minimum} a teaching week)",
        "{school}在学期的 {dates} 个教学日至少接收 {least} 节在线课（平均每个教学周 {minimum} 节）"),
    "diagnose.rule.term_level": (
        "{teacher} ({level}-level backbone teacher) teaches at least {least} online lessons over "
        "the term's {dates} teaching dates",
        "{teacher}（{level}骨干教师）在学期的 {dates} 个教学日至少上 {least} 节在线课"),
    "diagnose.rule.radiation": (
        "course {course} reaches {classes} receiving classes, more than the {most} one session "
        "may serve (max_receiving_classes_per_session), so it can hold no session",
        "课程 {course} 有 {classes} 个接收班级，超过每节在线课最多可接收的 {most} 个"
        "（max_receiving_classes_per_session），因此不能排任何一节"),
    "diagnose.rule.level": ("{teacher} ({level}-level backbone teacher) teaches at least {least} "
                            "online lesson(s) a week",
                            "{teacher}（{level}骨干教师）每周至少上 {least} 节在线课"),

    # ---- the office's rules ----
    "diagnose.combined": ("combined classes {classes} of {school}", "{school} {classes} 合班"),
    "diagnose.room": ("{name} ({id})", "{name}（{id}）"),
    "diagnose.pin_row": (" ({source} row {row})", "（{source} 第 {row} 行）"),
    "diagnose.list_sep": (", ", "，"),
    "diagnose.limit_day": ("at most {most} a day", "每天最多 {most} 节"),
    "diagnose.limit_in_a_row": ("at most {most} in a row", "最多连上 {most} 节"),
    "diagnose.limit_days": ("on at most {days} a week", "每周最多 {days}"),
    "diagnose.teacher_day_capacity": (
        "{teacher} has at least {least} lessons and sessions a week, but teaches {limits}: "
        "room for at most {room}",
        "{teacher}每周至少有 {least} 节课和在线课，但{limits}：最多排得下 {room} 节"),
    "diagnose.teacher_min_day_capacity": (
        "{teacher} has {least} to {most} lessons and sessions a week and teaches at least {n} "
        "on a day with any, but they cannot be split that way over the {days} that can hold "
        "{n} (given her day limits and unavailable periods)",
        "{teacher}每周有 {least} 到 {most} 节课和在线课，有课的日子每天最少 {n} 节，但能排下 "
        "{n} 节的 {days}无法这样分配（考虑每天的限制和不可排课时间）"),
    "diagnose.special_room_capacity": (
        ("{school} has {n} local lesson of {subjects} a week, each in one of {rooms}, but "
         "those rooms are free for only {periods} a week",
         "{school} has {n} local lessons of {subjects} a week, each in one of {rooms}, but "
         "those rooms are free for only {periods} a week"),
        "{school}每周有 {n} 节{subjects}本校课，每节都要在{rooms}之一上，但这些教室每周只有 "
        "{periods}可用"),
    "diagnose.pinned_session": (
        "course {course} is pinned to {day} period {period} of {hub}{row}, but that period does "
        "not overlap a free period of {receiving} by at least {minutes} minutes",
        "课程 {course} 固定在{hub}{day} 第 {period} 节{row}，但这一节与{receiving}的空闲节次重叠"
        "都不足 {minutes} 分钟"),

    "diagnose.taught_by": (" (taught by {teachers})", "（由{teachers}上）"),
    "diagnose.rule.teacher_day": ("{teacher} teaches at most {most} lessons and sessions a day",
                                  "{teacher}每天最多上 {most} 节（本校课、主讲和助教）"),
    "diagnose.rule.teacher_consecutive": (
        "{teacher} teaches at most {most} lessons and sessions in a row (within a morning or an "
        "afternoon)",
        "{teacher}最多连上 {most} 节（上午、下午分别计算）"),
    "diagnose.rule.teacher_days": ("{teacher} teaches on at most {days} a week",
                                   "{teacher}每周最多上课 {days}"),
    "diagnose.rule.teacher_min_day": (
        "{teacher} has at least {most} commitments on a day with any (a double counting 2)",
        "{teacher}有课的日子每天最少 {most} 节（连堂算 2 节）"),
    "diagnose.rule.teacher_day_gaps": (
        ("{teacher} has at most {most} gap a day (a free period between two commitments)",
         "{teacher} has at most {most} gaps a day (free periods between two commitments)"),
        "{teacher}每天最多 {most} 节空堂（两节课之间的空节）"),
    "diagnose.rule.teacher_week_gaps": (
        ("{teacher} has at most {most} gap a week (a free period between two commitments of "
         "a day)",
         "{teacher} has at most {most} gaps a week (free periods between two commitments of "
         "a day)"),
        "{teacher}每周最多 {most} 节空堂（同一天两节课之间的空节）"),
    "diagnose.rule.room_choice": (
        ("every local {subject} lesson of {school} takes its {rooms}",
         "every local {subject} lesson of {school} takes one of its {rooms}"),
        "{school}的每节本校{subject}课都要在{rooms}上"),
    "diagnose.room_closed": (", and it is unavailable in {slots}", "，且在 {slots} 不可用"),
    "diagnose.rule.special_room": ("{name} ({id}) of {school} holds one lesson at a time{closed}",
                                   "{school}的{name}（{id}）同一节次只上一节课{closed}"),
    "diagnose.rule.pin_session": (
        "a session of course {course} is pinned to {day} period {period} of {school}{row}",
        "课程 {course} 的一节在线课固定在{school}{day} 第 {period} 节{row}"),
    "diagnose.rule.pin_lesson": (
        "a {subject} lesson of {klass} is pinned to {day} period {period}{row}",
        "{klass}的一节{subject}课固定在{day} 第 {period} 节{row}"),
}
