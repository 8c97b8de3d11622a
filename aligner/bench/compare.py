"""The side-by-side table of a benchmark: CP-SAT vs HiGHS to a proven optimum, and the greedy
heuristic's week, per instance (docs/benchmarks.md)."""

from __future__ import annotations

import pandas as pd


def _median_to_optimum(runs: pd.DataFrame) -> tuple[float | None, int, int]:
    """Median solve seconds of the runs if every one proved optimality (None otherwise), the
    proven runs and all runs."""
    proven = runs[runs["status"] == "OPTIMAL"]
    if len(runs) == 0 or len(proven) < len(runs):
        return None, len(proven), len(runs)
    return float(proven["solve_seconds"].median()), len(proven), len(runs)


def comparison(results: pd.DataFrame) -> pd.DataFrame:
    """One row per instance: its size; the fastest CP-SAT configuration whose every seed proved
    the optimum and its median solve seconds; the same for HiGHS; their ratio (HiGHS / CP-SAT);
    the optimum; the greedy heuristic's objective and seconds."""
    rows = []
    for instance, runs in results.groupby("instance", sort=False):
        first = runs.iloc[0]
        row = {"instance": instance, "schools": first["schools"], "classes": first["classes"],
               "lessons": first["lessons"], "variables": first["variables"],
               "constraints": first["constraints"]}
        for solver in ("cpsat", "highs"):
            best: tuple[float, str] | None = None
            proven_somewhere = False
            for config, config_runs in runs[runs["solver"] == solver].groupby("config",
                                                                              sort=False):
                seconds, proven, _ = _median_to_optimum(config_runs)
                proven_somewhere |= proven > 0
                if seconds is not None and (best is None or seconds < best[0]):
                    best = (seconds, str(config))
            row[f"{solver}_config"] = best[1] if best else None
            row[f"{solver}_seconds"] = round(best[0], 3) if best else None
        optimal = runs[runs["status"] == "OPTIMAL"]["objective"]
        row["optimum"] = optimal.iloc[0] if len(optimal) else None
        cp, hi = row["cpsat_seconds"], row["highs_seconds"]
        row["highs_over_cpsat"] = round(hi / cp, 2) if cp and hi else None
        heuristic = runs[runs["solver"] == "greedy"]
        complete = heuristic[heuristic["status"] == "FEASIBLE"]
        row["greedy_objective"] = complete["objective"].iloc[0] if len(complete) else None
        row["greedy_seconds"] = (round(float(complete["solve_seconds"].median()), 3)
                                 if len(complete) else None)
        row["greedy_status"] = ",".join(sorted(set(heuristic["status"]))) if len(heuristic) \
            else None
        rows.append(row)
    return pd.DataFrame(rows)


def markdown(table: pd.DataFrame) -> str:
    """The comparison as a Markdown table (docs/benchmarks.md)."""
    head = ("| instance | schools / classes / lessons | CP-SAT vars / constraints | "
            "CP-SAT s to optimum (config) | HiGHS s to optimum (config) | HiGHS / CP-SAT | optimum | "
            "greedy objective (s) |")
    lines = [head, "|---|---|---|---|---|---|---|---|"]

    for r in table.to_dict("records"):
        cpsat = _show(r["cpsat_seconds"]) + (f" ({r['cpsat_config']})"
                                             if not _missing(r["cpsat_config"]) else "")
        both = not _missing(r["cpsat_seconds"]) and not _missing(r["highs_seconds"])
        ratio = _show(r["highs_over_cpsat"], "x") if both else "n/a"
        greedy = (f"{_show(r['greedy_objective'])} ({r['greedy_seconds']} s)"
                  if not _missing(r["greedy_objective"])
                  else str(r["greedy_status"] or "not run"))
        highs = _show(r["highs_seconds"]) + (f" ({r['highs_config']})"
                                             if not _missing(r["highs_config"]) else "")
        lines.append(f"| {r['instance']} | {r['schools']} / {r['classes']} / {r['lessons']} | "
                     f"{r['variables']} / {r['constraints']} | {cpsat} | {highs} | {ratio} | "
                     f"{_show(r['optimum'])} | {greedy} |")
    return "\n".join(lines)


def medians(results: pd.DataFrame) -> pd.DataFrame:
    """Median solve seconds to a proven optimum of every exact configuration on every instance
    (rows: instances, columns: configurations); infinite where some seed did not prove it."""
    exact = results[results["solver"] != "greedy"]
    seconds = exact["solve_seconds"].where(exact["status"] == "OPTIMAL", float("inf"))
    return exact.assign(seconds=seconds).pivot_table(
        index="instance", columns="config", values="seconds", aggfunc="median", sort=False)


def medians_markdown(table: pd.DataFrame) -> str:
    """The medians as a Markdown table; "-" where a configuration did not always prove it."""
    lines = ["| instance | " + " | ".join(table.columns) + " |",
             "|---|" + "---|" * len(table.columns)]
    for instance, row in table.iterrows():
        cells = ["-" if v == float("inf") else f"{v:.2f}" for v in row]
        lines.append(f"| {instance} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _show(value: object, suffix: str = "") -> str:
    if _missing(value):
        return "not proven"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}{suffix}"
