"""Messages of aligner/cli/: errors, progress, the summary, the grids' headings, the check
verdict, the overlap matrix and the bell proposals as the terminal shows them."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- how a command fails or warns (common) ----
    "cli.error": ("error: {message}", "错误：{message}"),
    "cli.error_heading": ("error: {heading}:", "错误：{heading}："),
    "cli.warning": ("warning: {message}", "警告：{message}"),
    "cli.problems": ("({count} problems)", "（共 {count} 个问题）"),
    "cli.one_problem": ("(1 problem)", "（共 1 个问题）"),
    "cli.cannot_read_instance": ("cannot read the instance in {directory}",
                                 "无法读取 {directory} 中的实例"),
    "cli.cannot_write_to": ("cannot write to {target}: {reason} ({file}); files already there were "
                            "left as they were",
                            "无法写入 {target}：{reason}（{file}）；原有文件保持不变"),
    "cli.cannot_write_what": ("cannot write {what}: {reason} ({file}); files already there were "
                              "left as they were",
                              "无法写出{what}：{reason}（{file}）；原有文件保持不变"),
    "cli.cannot_write_file": ("cannot write {file}: {reason}", "无法写入 {file}：{reason}"),
    "cli.file_not_directory": ("cannot write to {target}: {path} is a file, not a directory",
                               "无法写入 {target}：{path} 是文件，不是文件夹"),
    "cli.bad_seasons": ("'{value}' is not a list of distinct seasons such as winter,summer",
                        "“{value}”不是由不同作息季节组成的列表（如 winter,summer）"),
    "cli.bad_param": ("'{value}' is not NAME=VALUE (e.g. linearization_level=2)",
                      "“{value}”不是 名称=值 的形式（如 linearization_level=2）"),
    "cli.wrote": ("Wrote {path}", "已写出 {path}"),
    "cli.wrote_from": ("Wrote {path} (from {source})", "已写出 {path}（来自 {source}）"),
    "cli.wrote_to": ("Wrote {files} to {target}", "已将 {files} 写入 {target}"),
    "cli.wrote_files": ("Wrote {count} files to {directory}", "已将 {count} 个文件写入 {directory}"),

    # ---- aligner solve ----
    "cli.no_dask_scheduler": ("cannot reach the Dask scheduler at {address}: {reason}",
                              "无法连接 {address} 的 Dask 调度器：{reason}"),
    "cli.infeasible_before_solving": ("Status: INFEASIBLE (found before solving)",
                                      "状态：INFEASIBLE（求解前即已查明无解）"),
    "cli.interrupted_before_any": ("Interrupted before any timetable was found; nothing was "
                                   "written.",
                                   "在找到课表之前被中断；没有写出任何文件。"),
    "cli.none_in_time": ("No timetable found within {seconds} s; nothing was written. Try a longer "
                         "--time-limit or more --workers.",
                         "{seconds} 秒内没有找到课表；没有写出任何文件。请加大 --time-limit 或 --workers。"),
    "cli.parameters_rejected": ("CP-SAT rejected the parameters: {info}", "CP-SAT 不接受这些参数：{info}"),
    "cli.model_rejected": ("internal error: CP-SAT rejected the model ({info}); please report this "
                           "with the instance",
                           "内部错误：CP-SAT 不接受这个模型（{info}）；请连同实例一起报告此问题"),
    "cli.no_timetable_for": ("No timetable for {names} ({status}).", "{names} 没有课表（{status}）。"),
    "cli.not_started": (
        "{count} of {total} components were not solved (interrupted before they started); their "
        "schools are not in the files.",
        "{total} 个独立部分中有 {count} 个没有求解（开始前被中断）；文件中没有这些学校。"),
    "cli.cannot_write_results": (
        "cannot write the results to {target}: {reason} ({file}); files already there were left "
        "as they were",
        "无法把结果写入 {target}：{reason}（{file}）；原有文件保持不变"),
    "cli.no_timetable_exists": ("No timetable exists for this instance.", "这个实例排不出课表。"),
    "cli.why": ("Why:", "原因："),
    "cli.conflict_not_found": ("The conflicting rules could not be narrowed down within the time "
                               "budget.",
                               "在限定时间内没能找出相互冲突的规则。"),
    "cli.conflict_minimal": ("These rules cannot all hold together (drop any one and a timetable "
                             "exists):",
                             "以下规则不能同时满足（去掉其中任何一条就能排出课表）："),
    "cli.conflict_not_minimal": (
        "These rules cannot all hold together (the time budget ran out before this set of "
        "{count} was shown to be minimal):",
        "以下规则不能同时满足（限定时间用完时，还没能证明这 {count} 条规则缺一不可）："),
    "cli.conflict_grouped": (
        "These rules cannot all hold together (the time budget ran out before this set of "
        "{count} was shown to be minimal; by family, all of them in infeasibility.json):",
        "以下规则不能同时满足（限定时间用完时，还没能证明这 {count} 条规则缺一不可；按类别汇总，"
        "全部规则见 infeasibility.json）："),
    "cli.wrote_infeasibility": ("Wrote {path} (no timetable; earlier timetable files there were "
                                "left as they were)",
                                "已写出 {path}（没有课表；原有的课表文件保持不变）"),

    # ---- aligner check, align, generate ----
    "cli.not_a_solution": ("{solution} is not a directory holding lessons.csv and sessions.csv",
                           "{solution} 不是存放 lessons.csv 和 sessions.csv 的文件夹"),
    "cli.holds_infeasibility": (" (it holds infeasibility.json: the solve found that no timetable "
                                "exists)",
                                "（其中有 infeasibility.json：排课时已查明排不出课表）"),
    "cli.no_timetable_files": ("{solution} holds no timetable: neither lessons.csv nor "
                               "sessions.csv{why}",
                               "{solution} 中没有课表：既没有 lessons.csv，也没有 sessions.csv{why}"),
    "cli.keep_solved_bells": (
        "{file} holds the moved bells the timetable in {target} was scheduled on (summary.json); "
        "write the proposal elsewhere with --out DIR",
        "{file} 是 {target} 中的课表排课时用的调整后作息时间（见 summary.json）；请用 --out 文件夹 "
        "把建议写到别处"),
    "cli.wrote_proposal": (
        "Wrote bells_proposed.csv to {target} (same columns as bells.csv; a proposal: timetables "
        "keep the bells they were solved on)",
        "已将 bells_proposed.csv 写入 {target}（各列与 bells.csv 相同；这只是建议：已排好的课表仍按"
        "排课时的作息时间）"),
    "cli.not_empty": ("{target} is not empty; choose a new directory",
                      "{target} 不是空的；请换一个新文件夹"),
    "cli.pairs": (("{n} pair", "{n} pairs"), "{n} 对结对学校"),
    "cli.wrote_generated": (
        "Wrote {preset} instance (seed {seed}) to {target}: {schools} schools, {classes} classes, "
        "{teachers} teachers, {courses} courses, {pairs} ({seconds} s)",
        "已将 {preset} 实例（随机种子 {seed}）写入 {target}：{schools} 所学校，{classes} 个班级，"
        "{teachers} 名教师，{courses} 门网络课程，{pairs}（{seconds} 秒）"),
    "cli.generated_office_rules": (
        "Office rules: {pinned} pinned lessons, {rooms} special rooms, {limited} teachers with "
        "day limits, {combined} combined and {co_taught} co-taught curriculum rows",
        "教务规则：{pinned} 节固定课，{rooms} 间专用教室，{limited} 名教师有每日限制，"
        "{combined} 行合班课、{co_taught} 行合作授课"),
    "cli.generated_no_office_rules": ("No office rules (--no-office-rules)",
                                      "不含教务规则（--no-office-rules）"),

    # ---- progress (stderr) ----
    "cli.on_dask": ("on Dask at {address}", "在 {address} 的 Dask 集群上"),
    "cli.in_processes": (("in {n} process", "in {n} processes"), "用 {n} 个进程"),
    "cli.solving_components": ("Solving {count} independent components {where}...",
                               "正在{where}求解 {count} 个独立部分……"),
    "cli.components": ("components", "独立部分"),
    "cli.failed_column": ("{{task.fields[failed]}} failed", "{{task.fields[failed]}} 个失败"),
    "cli.component_line": (
        "[{done}/{total}] {status} {schools} ({seconds} s; {failed} failed; {elapsed} s elapsed)",
        "[{done}/{total}] {status} {schools}（{seconds} 秒；{failed} 个失败；已用 {elapsed} 秒）"),
    "cli.explaining": ("Looking for rules that cannot hold together (up to {seconds} s)...",
                       "正在查找不能同时满足的规则（最多 {seconds} 秒）……"),

    # ---- the grids ----
    "cli.period": ("period", "节次"),
    "cli.class_title": ("{school} {klass} ({school_id}/{class_id}, grade {grade}){head}",
                        "{school} {klass}（{school_id}/{class_id}，{grade} 年级）{head}"),
    "cli.head_teacher": (", head teacher {name}", "，班主任 {name}"),
    "cli.assistant_of": (" (assistant {names})", "（助教 {names}）"),
    "cli.teachers_legend": ("teachers: {teachers}", "任课教师：{teachers}"),
    "cli.assist": (" (assist)", "（助教）"),
    "cli.research": ("research", "研修"),
    "cli.research_meetings": ("Research meetings: {count} a week (research.csv)",
                              "教师网络研修：每周 {count} 次（research.csv）"),
    "cli.teacher_research": (", {n} research meeting(s)", "，教师网络研修 {n} 次"),
    "cli.teacher_title": ("{school} {name} ({id}): {local} local, {taught} taught online, "
                          "{assisted} assisted",
                          "{school} {name}（{id}）：本校课 {local} 节，主讲在线课 {taught} 节，助教 "
                          "{assisted} 节"),
    "cli.school_heading": ("== {name} ({id}) ==", "== {name}（{id}）=="),

    # ---- the summary ----
    "cli.lp_bound": ("LP bound {bound} ({seconds} s)", "LP 下界 {bound}（{seconds} 秒）"),
    "cli.lp_not_used": ("LP relaxation not used", "未使用 LP 松弛"),
    "cli.met_bound": (", met the bound", "，达到下界"),
    "cli.stage": ("{stage}: {status}{found}{met} ({seconds} s)",
                  "{stage}：{status}{found}{met}（{seconds} 秒）"),
    "cli.separator": ("; ", "；"),
    "cli.search": ("Search: {stages}", "搜索：{stages}"),
    "cli.interrupted_best": (" (interrupted by Ctrl-C: the best timetable found so far)",
                             "（被 Ctrl-C 中断：这是目前找到的最好课表）"),
    "cli.interrupted": (" (interrupted by Ctrl-C)", "（被 Ctrl-C 中断）"),
    "cli.instance": ("Instance: {name}", "实例：{name}"),
    "cli.status": ("Status: {status}{interrupted}", "状态：{status}{interrupted}"),
    "cli.status_name.OPTIMAL": ("OPTIMAL", "OPTIMAL（已证明最优）"),
    "cli.status_name.FEASIBLE": ("FEASIBLE", "FEASIBLE（可行，未证明最优）"),
    "cli.status_name.INFEASIBLE": ("INFEASIBLE", "INFEASIBLE（无解）"),
    "cli.status_name.UNKNOWN": ("UNKNOWN", "UNKNOWN（限定时间内没有找到课表）"),
    "cli.status_name.MODEL_INVALID": ("MODEL_INVALID", "MODEL_INVALID（模型无效）"),
    "cli.workers": (("{n} worker", "{n} workers"), "{n} 个线程"),
    "cli.timing": ("built in {built} s, solved in {solved} s ({workers}, seed {seed}, time limit "
                   "{limit} s, OR-Tools {version})",
                   "建模 {built} 秒，求解 {solved} 秒（{workers}，随机种子 {seed}，时间上限 {limit} 秒，"
                   "OR-Tools {version}）"),
    "cli.timing_components": (
        "built in {built} s, solved in {solved} s ({n} components, {jobs} at a time, {workers} "
        "each, seed {seed}, time limit {limit} s per component, OR-Tools {version})",
        "建模 {built} 秒，求解 {solved} 秒（{n} 个部分，同时 {jobs} 个，每个 {workers}，随机种子 {seed}，"
        "每个部分时间上限 {limit} 秒，OR-Tools {version}）"),
    "cli.more_broken": ("... and {count} more [{rule}] (aligner check --all prints them)",
                        "……另有 {count} 处 [{rule}]（aligner check --all 全部列出）"),
    "cli.objective": ("Objective: {objective} (best bound {bound}, gap {gap})",
                      "目标值：{objective}（最好下界 {bound}，差距 {gap}）"),
    "cli.col.term": ("term", "目标项"),
    "cli.col.value": ("value", "数值"),
    "cli.col.weight": ("weight", "权重"),
    "cli.col.weighted": ("weighted", "加权值"),
    "cli.bell_changes": ("Bell changes: {count} periods moved before scheduling; the timetable "
                         "uses the moved bells:",
                         "作息调整：排课前移动了 {count} 节；课表按调整后的作息时间排："),
    "cli.compliance_none": ("Compliance: no programme rule, load bound or level minimum applies",
                            "达标情况：没有适用的项目规则、课时上下限或骨干教师最低要求"),
    "cli.changes_teachers": (
        ("{n} lesson of the old timetable names another teacher than curriculum.csv now does: "
         "the new timetable follows curriculum.csv (e.g. {school} {klass} {subject}: {old} -> "
         "{new})",
         "{n} lessons of the old timetable name another teacher than curriculum.csv now does: "
         "the new timetable follows curriculum.csv (e.g. {school} {klass} {subject}: {old} -> "
         "{new})"),
        "旧课表中有 {n} 节课的教师与现在 curriculum.csv 中的不同：新课表按 curriculum.csv 安排"
        "（例如 {school} {klass} {subject}：{old} -> {new}）"),
    "cli.compliance_partial": (
        ("The compliance below counts the schools with a timetable only: {n} component has none",
         "The compliance below counts the schools with a timetable only: {n} components have "
         "none"),
        "以下达标情况只统计有课表的学校：{n} 个独立部分没有课表"),
    "cli.compliance_all": ("Compliance: all {count} programme rules, load bounds and level "
                           "minimums met",
                           "达标情况：全部 {count} 项项目规则、课时上下限和骨干教师最低要求均已达到"),
    "cli.compliance_broken": ("Compliance: {broken} of {count} rules NOT met:",
                              "达标情况：{count} 项中有 {broken} 项未达到："),
    "cli.compliance_line": ("{rule} {scope}: required {required}, achieved {achieved}",
                            "{rule} {scope}：要求 {required}，实际 {achieved}"),
    "cli.components_head": ("Components: {count} solved apart ({statuses})",
                            "独立部分：{count} 个，分别求解（{statuses}）"),
    "cli.components_slowest": ("; the 10 slowest or failed (summary.json lists all)",
                               "；下面是最慢或失败的 10 个（summary.json 列出全部）"),
    "cli.col.schools": ("schools", "学校"),
    "cli.col.status": ("status", "状态"),
    "cli.col.objective": ("objective", "目标值"),
    "cli.col.bound": ("bound", "下界"),
    "cli.col.gap": ("gap", "差距"),
    "cli.col.seconds": ("seconds", "秒"),
    "cli.sessions_none": ("Sessions: none (no courses)", "在线课：无（没有网络课程）"),
    "cli.sessions_of_form": ("{form} {courses} courses, {sessions} sessions",
                             "{form} {courses} 门课程 {sessions} 节"),
    "cli.sessions_by_form": ("Sessions: {total} a week in {courses} courses ({forms}; sessions.csv "
                             "lists them)",
                             "在线课：每周 {total} 节，共 {courses} 门课程（{forms}；详见 sessions.csv）"),
    "cli.sessions_head": ("Sessions: {total} a week", "在线课：每周 {total} 节"),
    "cli.col.course": ("course", "课程"),
    "cli.col.form": ("form", "形式"),
    "cli.col.subject": ("subject", "科目"),
    "cli.col.hub_receiving": ("hub -> receiving", "主讲 -> 接收"),
    "cli.col.per_week": ("per_week", "周课时"),
    "cli.col.sessions": ("sessions", "已排节数"),

    # ---- aligner check's verdict ----
    "cli.broken": ("broken: {violation}", "违反：{violation}"),
    "cli.report_out_of_date": ("report out of date: {message}", "报告与课表不符：{message}"),
    "cli.programme_finding": ("programme rule not met by the instance: {message}",
                              "实例未满足项目规则：{message}"),
    "cli.violations": ("{count} violation(s) of {rules} rule(s): {names}",
                       "共 {count} 处违反，涉及 {rules} 条规则：{names}"),
    "cli.nothing_broken": ("No hard rule is broken ({lessons} class lessons, {sessions} sessions "
                           "checked).",
                           "没有违反任何硬性规则（已核对 {lessons} 节班级课、{sessions} 节在线课）。"),
    "cli.objective_recomputed": ("Objective recomputed: {objective} = {terms}",
                                 "重算目标值：{objective} = {terms}"),
    "cli.loads_recomputed": ("Credited loads recomputed for {teachers} teachers: {verdict}",
                             "已重算 {teachers} 名教师的折算课时：{verdict}"),
    "cli.out_of_bounds": ("{count} out of bounds", "{count} 名超出上下限"),
    "cli.within_bounds": ("all within bounds", "全部在上下限之内"),
    "cli.col.teacher": ("teacher", "教师编号"),
    "cli.col.name": ("name", "姓名"),
    "cli.col.local": ("local", "本校课"),
    "cli.col.online_main": ("online_main", "主讲在线课"),
    "cli.col.assistant": ("assistant", "助教课"),
    "cli.col.credited": ("credited", "折算课时"),
    "cli.col.min_load": ("min_load", "最少课时"),
    "cli.col.max_load": ("max_load", "最多课时"),

    # ---- aligner align: the overlap matrix and the proposals ----
    "cli.overlap_head": ("Season {seasons}; a session needs at least {minimum} minutes of overlap "
                         "(* marks the pairs of periods that qualify).",
                         "作息季节 {seasons}；一节在线课要求两校节次至少重叠 {minimum} 分钟（* 标出符合"
                         "要求的节次对）。"),
    "cli.overlap_head_seasons": (
        "Seasons {seasons}; a session needs at least {minimum} minutes of overlap in every season "
        "(* marks the pairs of periods that reach it in that season; a pair qualifies only with * "
        "in every season).",
        "作息季节 {seasons}；一节在线课要求两校节次在每个季节都至少重叠 {minimum} 分钟（* 标出在该季节"
        "达到要求的节次对；每个季节都有 * 的节次对才符合要求）。"),
    "cli.nothing_to_align": ("No course links two schools, so there is nothing to align.",
                             "没有网络课程把两所学校联系起来，所以无需对齐。"),
    "cli.pair_heading": ("{hub} ({hub_id}, hub) -> {receiving} ({receiving_id}, receiving)",
                         "{hub}（{hub_id}，主讲）-> {receiving}（{receiving_id}，接收）"),
    "cli.none": ("none", "无"),
    "cli.alignable": ("Hub periods that can carry a session: {periods} ({count} of {of}; {week} a "
                      "week per sync room)",
                      "主讲端能上在线课的节次：{periods}（{of} 节中的 {count} 节；每间同步教室每周 "
                      "{week} 节）"),
    "cli.alignable_seasons": ("Hub periods that can carry a session (in every season): {periods} "
                              "({count} of {of}; {week} a week per sync room)",
                              "主讲端能上在线课的节次（每个季节都能）：{periods}（{of} 节中的 {count} 节；"
                              "每间同步教室每周 {week} 节）"),
    "cli.common_periods": (
        "{hub} periods that align with all of {schools} at once (what a course reaching them all "
        "needs): {periods}",
        "{hub}同时与{schools}对齐的节次（一门同时送到这些学校的课程需要这样的节次）：{periods}"),
    "cli.same_numbered": ("Same-numbered periods overlap: {minutes} minutes",
                          "节次号相同的两节重叠：{minutes} 分钟"),
    "cli.proposed": ("Proposed bells", "建议的作息时间"),
    "cli.proposed_season": ("Proposed bells ({season})", "建议的作息时间（{season}）"),
    "cli.proposal_none": ("{head}: none found ({status})", "{head}：没有找到（{status}）"),
    "cli.proposal": (
        "{head}: hub periods aligned with every receiving school {before} -> {after} of {of} "
        "(fully overlapping {full_before} -> {full_after}); {movement} minutes moved in all, at "
        "most {largest} for one period{proven}",
        "{head}：与每所接收学校都对齐的主讲端节次 {before} -> {after}（共 {of} 节；完全重叠的 "
        "{full_before} -> {full_after}）；共移动 {movement} 分钟，单节最多移动 {largest} 分钟{proven}"),
    "cli.not_proven": (" (not proven best)", "（未证明最优）"),
    "cli.no_move": ("no period needs to move", "不需要移动任何一节"),
    "cli.still_unaligned": ("still unaligned: {reason}", "仍未对齐：{reason}"),

    # ---- aligner export and template ----
    "cli.needs_openpyxl": ("Excel files need openpyxl: pip install 'aligner[xlsx]'",
                           "Excel 文件需要 openpyxl：pip install 'aligner[xlsx]'"),
    "cli.xlsx_is_directory": ("--xlsx {path} is a directory; give a file name such as "
                              "timetable.xlsx",
                              "--xlsx {path} 是文件夹；请给出文件名，如 timetable.xlsx"),
    "cli.xlsx_suffix": ("--xlsx {path}: the file name must end in .xlsx",
                        "--xlsx {path}：文件名必须以 .xlsx 结尾"),
    "cli.bad_season_from": ("'{value}' is not SEASON=DATE (e.g. winter=2022-10-09)",
                            "“{value}”不是 季节=日期 的形式（如 winter=2022-10-09）"),
    "cli.what_to_write": ("say what to write: --xlsx FILE, --html DIR and/or --ics DIR",
                          "请指明要写出什么：--xlsx 文件、--html 文件夹 和/或 --ics 文件夹"),
    "cli.ics_needs_dates": ("--ics needs the term's dates: --from YYYY-MM-DD --to YYYY-MM-DD, "
                            "or a term in instance.yaml (term: start, end)",
                            "--ics 需要学期的起止日期：--from YYYY-MM-DD --to YYYY-MM-DD，"
                            "或在 instance.yaml 中写明学期（term: start, end）"),
    "cli.cannot_export": ("cannot export the timetable in {solution}", "无法导出 {solution} 中的课表"),
    "cli.the_exports": ("the exports", "导出文件"),
    "cli.exists": ("{path} exists; choose a new name or add --force to overwrite it",
                   "{path} 已存在；请换一个文件名，或加 --force 覆盖它"),

    # ---- the FET commands ----
    "cli.fet.file_or_pair": ("give either FET_FILE, or --pair HUB.fet RECEIVING.fet with --courses",
                             "请给出 FET 文件，或者用 --pair 主讲.fet 接收.fet 加 --courses"),
    "cli.fet.bells_with_pair": ("--bells applies to one FET file; a paired import takes the times "
                                "from each file's hour names",
                                "--bells 只用于单个 FET 文件；结对导入时从各文件的课时名称中读取时间"),
    "cli.fet.school_ids_without_pair": ("--school-ids applies to --pair", "--school-ids 只用于 --pair"),
    "cli.fet.not_empty": ("{target} is not an empty directory; choose a new one",
                          "{target} 不是空文件夹；请换一个新文件夹"),
    "cli.fet.two_ids": ("--school-ids takes two ids: hub,receiving",
                        "--school-ids 要写两个编号：主讲学校,接收学校"),
    "cli.fet.cannot_import": ("cannot import", "无法导入"),
    "cli.fet.strict": ("--strict: {count} item(s) above have no counterpart; nothing written",
                       "--strict：上面有 {count} 项在 aligner 中没有对应；没有写出任何文件"),
    "cli.fet.wrote_instance": ("Wrote {target} (instance, fet_mapping.json, fet_import.txt).",
                               "已写出 {target}（实例、fet_mapping.json、fet_import.txt）。"),
    "cli.fet.converted_invalid": ("the converted instance is not valid, so nothing was written",
                                  "转换得到的实例无效，所以没有写出任何文件"),
    "cli.fet.target_is_directory": ("{target} is a directory; give the .fet file to write",
                                    "{target} 是文件夹；请给出要写出的 .fet 文件"),
    "cli.fet.wrote_fet": ("Wrote {target}: {activities} activities{locked}",
                          "已写出 {target}：{activities} 项活动{locked}"),
    "cli.fet.locked": (", {count} locked at their places in {solution}",
                       "，其中 {count} 项锁定在 {solution} 中的位置"),
    "cli.fet.not_expressible": ("Not expressible in FET (also listed in a comment at the top of "
                                "the file):",
                                "FET 无法表达的内容（也列在文件开头的注释中）："),
    "cli.fet.soft_conflicts": ("; FET's soft conflicts: {conflicts} ({broken} broken soft "
                               "constraints)",
                               "；FET 的软冲突：{conflicts}（违反 {broken} 条软约束）"),
    "cli.fet.wrote_timetable": ("Wrote {out}: {lessons} local lessons, {sessions} sessions{soft}. "
                                "Check it with: aligner check {instance} {out}",
                                "已写出 {out}：本校课 {lessons} 节，在线课 {sessions} 节{soft}。"
                                "核对请运行：aligner check {instance} {out}"),

    # ---- aligner bench ----
    "cli.bench.bad_config": ("cannot use the benchmark configuration {file}",
                             "无法使用基准测试配置 {file}"),
    "cli.bench.out_is_directory": ("--out {target} is a directory; give a file name such as "
                                   "results.csv",
                                   "--out {target} 是文件夹；请给出文件名，如 results.csv"),
    "cli.bench.too_many_threads": (
        "--jobs {jobs} x {threads} solver threads (the most a configuration uses) = {total} on "
        "{cores} cores; lower --jobs or add --oversubscribe",
        "--jobs {jobs} × {threads} 个求解线程（各配置中最多的）= {total}，而只有 {cores} 个处理器核心；"
        "请调低 --jobs，或加 --oversubscribe"),
    "cli.bench.needs_highspy": ("the HiGHS configurations need highspy: pip install "
                                "'aligner[baselines]'",
                                "HiGHS 配置需要 highspy：pip install 'aligner[baselines]'"),
    "cli.bench.run_line": ("[{done}/{total}] {instance} {config} seed {seed}: {status} objective "
                           "{objective} in {seconds} s ({elapsed} s elapsed)",
                           "[{done}/{total}] {instance} {config} 随机种子 {seed}：{status}，目标值 "
                           "{objective}，用时 {seconds} 秒（已用 {elapsed} 秒）"),
    "cli.bench.medians": ("Median solve seconds to a proven optimum (- where some seed did not "
                          "prove it):",
                          "证明最优所用求解时间的中位数（秒；有随机种子未能证明最优的记作 -）："),
    "cli.bench.wrote": ("{runs} runs; wrote {files}", "共 {runs} 次运行；已写出 {files}"),
    "cli.bench.interrupted": (
        "Interrupted by Ctrl-C after {done} of {runs} runs (those under way stopped with their "
        "best); the files hold those.",
        "在 {runs} 次运行中完成 {done} 次后被 Ctrl-C 中断（正在进行的运行以当时的最好结果结束）；"
        "文件中保存的就是这些。"),

    # ---- re-solving from a previous timetable ----
    "cli.changes": (
        "Changes: {moved} of the previous timetable's {places} places moved, {least} of them "
        "had to (lock: {lock}); changes.csv lists {rows} class lessons",
        "调整：原课表 {places} 个位置中有 {moved} 个变动，其中 {least} 个必须变动（锁定：{lock}）；"
        "changes.csv 列出 {rows} 节课"),
    "cli.no_lock": ("none", "无"),
    "cli.change_line": ("{school} {klass} {subject}: {old} -> {new}{reason}",
                        "{school} {klass} {subject}：{old} → {new}{reason}"),
    "cli.changes_more": ("... and {n} more in changes.csv", "……另有 {n} 条见 changes.csv"),
    "cli.previous_heading": ("cannot re-solve from the previous timetable in {directory}",
                             "无法从 {directory} 中的原课表调整"),
    "cli.lock_needs_from": ("--lock keeps lessons of the previous timetable: give it with --from",
                            "--lock 用于保留原课表的课：请同时用 --from 指定原课表"),
    "cli.previous_kept": ("The previous timetable is kept in {directory}",
                          "原课表已保存在 {directory}"),

    # ---- breaks the moved bells overlap ----
    "cli.breaks_dropped": (
        ("The moved bells overlap {n} named break; bells_proposed.csv leaves it out, for the "
         "school to time again before adopting the proposal:",
         "The moved bells overlap {n} named breaks; bells_proposed.csv leaves them out, for the "
         "school to time again before adopting the proposal:"),
        "调整后的作息与 {n} 个课间活动重叠；bells_proposed.csv 未包含它们，采用建议前请学校重新安排时间："),
    "cli.break_dropped": ("{school} {name} ({times}, {season})", "{school} {name}（{times}，{season}）"),
}
