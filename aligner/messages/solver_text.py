"""Messages of aligner/solver/ (settings), aligner/alignment/ (bell proposals) and
aligner/bench/ (the benchmark's configuration)."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
    # ---- solver settings ----
    "solver.warning.forms": (
        "the courses of {hub} and {receiving} offer only {n} form(s) of help ({forms}), fewer "
        "than the {least} the policy asks for (min_forms_per_pair): compliance.csv says false",
        "{hub}与{receiving}的课程只提供 {n} 种帮扶形式（{forms}），少于政策要求的 {least} 种"
        "（min_forms_per_pair）：compliance.csv 记为未达标"),
    "solver.positive_seconds": ("{name} must be > 0 seconds, not {value}",
                                "{name} 必须大于 0 秒，不能是 {value}"),
    "solver.at_least_one": ("{name} must be >= 1, not {value}", "{name} 必须不小于 1，不能是 {value}"),
    "solver.too_many_threads": (
        "--jobs {jobs} x --workers {workers} = {threads} CP-SAT threads on {cores} cores; lower "
        "them or add --oversubscribe",
        "--jobs {jobs} × --workers {workers} = {threads} 个 CP-SAT 线程，而只有 {cores} 个处理器核心；"
        "请调低它们，或加 --oversubscribe"),
    "solver.needs_dask": ("--dask needs the dask extra: pip install 'aligner[dask]'",
                          "--dask 需要 dask 扩展：pip install 'aligner[dask]'"),
    "solver.own_option": ("set {name} with {option}, not --param (so that the summary reports it)",
                          "请用 {option} 设置 {name}，不要用 --param（这样汇总才会记录它）"),
    "solver.unknown_parameter": ("CP-SAT has no parameter '{name}' (see sat_parameters.proto in "
                                 "OR-Tools)",
                                 "CP-SAT 没有参数“{name}”（见 OR-Tools 的 sat_parameters.proto）"),
    "solver.bad_value": ("CP-SAT parameter {name} cannot take the value {value}{reason}",
                         "CP-SAT 参数 {name} 不能取值 {value}{reason}"),
    "solver.reason": (" ({reason})", "（{reason}）"),

    # ---- bell proposals (align --optimize, solve --align-bells) ----
    "solver.movable": ("--movable takes receiving, hub, all or school ids; unknown: {unknown} "
                       "(schools: {schools})",
                       "--movable 可取 receiving（接收学校）、hub（主讲学校）、all（全部）或学校编号；"
                       "未知：{unknown}（学校有：{schools}）"),
    "solver.bell_change": ("{school} 第{period}节 {before} -> {after} ({shift})",
                           "{school} 第{period}节 {before} -> {after}（{shift}）"),
    "solver.unaligned.not_movable": (
        "{hub} period {period} ({times}, {season}) has no period of {school} overlapping it by "
        "{minutes} minutes: {school}'s bells may not move (see --movable)",
        "{hub}第 {period} 节（{times}，{season}）没有与{school}的节次重叠 {minutes} 分钟的：{school}"
        "的作息时间不允许调整（见 --movable）"),
    "solver.unaligned.out_of_reach": (
        "{hub} period {period} ({times}, {season}) has no period of {school} overlapping it by "
        "{minutes} minutes: no movement can help: none of its periods can get that close (each "
        "may move at most {shift} minutes, and its day must run within {first}-{last})",
        "{hub}第 {period} 节（{times}，{season}）没有与{school}的节次重叠 {minutes} 分钟的：怎么调整都"
        "不行，它的任何一节都移不到那么近（每节最多移动 {shift} 分钟，一天须在 {first}-{last} 之内）"),
    "solver.unaligned.would_break": (
        "{hub} period {period} ({times}, {season}) has no period of {school} overlapping it by "
        "{minutes} minutes: moving a period there would break its schedule's order or gaps, or "
        "cost another hub period its partner",
        "{hub}第 {period} 节（{times}，{season}）没有与{school}的节次重叠 {minutes} 分钟的：把某一节移"
        "过去会打乱作息的顺序或课间，或让主讲端另一节失去对应的节次"),

    # ---- the benchmark's configuration (aligner bench) ----
    "bench.at": ("{where}: {problem}", "{where}：{problem}"),
    "bench.named": ("{where} ({name})", "{where}（{name}）"),
    "bench.not_an_integer": ("{value} is not an integer", "{value} 不是整数"),
    "bench.not_a_number": ("{value} is not a number", "{value} 不是数"),
    "bench.not_positive": ("{value} must be > 0", "{value} 必须大于 0"),
    "bench.not_a_boolean": ("{value} is not true or false", "{value} 不是 true 或 false"),
    "bench.no_such_file": ("no such file", "文件不存在"),
    "bench.unreadable": ("cannot read it ({reason})", "无法读取（{reason}）"),
    "bench.not_toml": ("not valid TOML: {reason}", "不是有效的 TOML：{reason}"),
    "bench.unknown_key": ("unknown key '{key}' (known: {known})", "未知的键“{key}”（可用的键：{known}）"),
    "bench.seeds": ("seeds must be a non-empty list of integers", "seeds 必须是非空的整数列表"),
    "bench.no_instances": ("no [[instances]] (each needs path = ... or preset = ...)",
                           "没有 [[instances]]（每个都要有 path = ... 或 preset = ...）"),
    "bench.not_a_table": ("must be a table", "必须是一个表"),
    "bench.unknown_keys": ("unknown key(s) {keys}", "未知的键 {keys}"),
    "bench.path_or_preset": ("give exactly one of path or preset", "path 和 preset 只能给出其中一个"),
    "bench.no_instance": ("{path} is neither an instance directory nor an .xlsx workbook (paths are "
                          "relative to {directory})",
                          "{path} 既不是实例文件夹，也不是 .xlsx 工作簿（路径相对于 {directory}）"),
    "bench.unknown_preset": ("'{preset}' is not one of {presets}", "“{preset}”不是 {presets} 之一"),
    "bench.no_configs": ("no [[configs]] (each needs name and solver)",
                         "没有 [[configs]]（每个都要有 name 和 solver）"),
    "bench.missing": ("missing", "缺失"),
    "bench.used_twice": ("used twice", "用了两次"),
    "bench.unknown_solver": ("{solver} is not one of {solvers}", "{solver} 不是 {solvers} 之一"),
    "bench.params_table": ("must be a table such as {{ linearization_level = 2 }}",
                           "必须是一个表，如 {{ linearization_level = 2 }}"),
    "bench.params_cpsat_only": ('CP-SAT parameters only go with solver = "cpsat"',
                                'CP-SAT 参数只能与 solver = "cpsat" 一起用'),
    "bench.true_or_false": ("must be true or false", "必须是 true 或 false"),
    "bench.only_for": ('only for solver = "{solver}"', '只适用于 solver = "{solver}"'),
    "bench.seeds_at_top": ("seeds (at the top of the file)", "seeds（在文件开头）"),
    "bench.own_key": ("set it with the key {key}, not in params", "请用键 {key} 设置，不要写在 params 中"),
}
