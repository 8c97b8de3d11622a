"""The reports: do teacher_load.csv, compliance.csv and summary.json tell the truth about the
timetable? Disagreements are violations that are not hard (the timetable may still be valid)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from fractions import Fraction

from aligner.check.counts import loads, minimums, objective_of, objective_terms
from aligner.check.rules import Check
from aligner.check.solution_files import (
    TERM_WEIGHTS,
    TRUE,
    SolutionFiles,
    Violation,
    as_fraction,
    as_int,
    shown,
)
from aligner.messages import say

# ---- the reports: do teacher_load.csv, compliance.csv and summary.json tell the truth? ----


def teacher_load_report(w: SolutionFiles) -> Iterator[Violation]:
    rows = defaultdict(list)
    for row in w.tables["teacher_load.csv"]:
        rows[row["teacher_id"]].append(row)
    if not w.tables["teacher_load.csv"]:
        return
    for tid, (local, taught, assisted, load) in loads(w).items():
        t = w.inst.teacher_by_id[tid]
        if len(rows[tid]) != 1:
            yield Violation("report", say("check.load_rows", count=len(rows[tid]),
                                          teacher=w.teacher(tid)), hard=False)
            continue
        row = rows[tid][0]
        stated = (row["school_id"], as_int(row["local"]), as_int(row["online_main"]),
                  as_int(row["assistant"]), as_fraction(row["credited"]), as_fraction(row["min_load"]),
                  as_fraction(row["max_load"]) if row["max_load"] else None)
        true = (t.school_id, local, taught, assisted, load, Fraction(t.min_load),
                None if t.max_load is None else Fraction(t.max_load))
        if stated != true:
            yield Violation("report", say(
                "check.load_row_wrong", teacher=w.teacher(tid), local=row["local"],
                online=row["online_main"], assisted=row["assistant"], credited=row["credited"],
                true_local=local, true_online=taught, true_assisted=assisted,
                true_credited=shown(load)), hard=False)


def compliance_report(w: SolutionFiles) -> Iterator[Violation]:
    if not w.tables["compliance.csv"]:
        return
    truth, seen = minimums(w), set()
    for i, row in enumerate(w.tables["compliance.csv"], start=2):
        key = (row["rule"], row["scope"])
        if key not in truth or key in seen:
            yield Violation("report", say("check.compliance_unexpected", row=i,
                                          rule=row["rule"], scope=row["scope"]), hard=False)
            continue
        seen.add(key)
        least, got, ok = truth[key]
        stated = (as_fraction(row["required"]), as_fraction(row["achieved"]),
                  TRUE.get(row["ok"].strip().lower()))
        if stated != (least, got, ok):
            yield Violation("report", say(
                "check.compliance_wrong", row=i, rule=row["rule"], scope=row["scope"],
                stated=f"{row['required']}/{row['achieved']}/{row['ok']}",
                true=f"{shown(least)}/{shown(got)}/{ok}"), hard=False)
    for rule, scope in truth.keys() - seen:
        if not (rule == "min_load" and truth[(rule, scope)][0] == 0):
            yield Violation("report", say("check.compliance_missing", rule=rule, scope=scope),
                            hard=False)


def summary_report(w: SolutionFiles) -> Iterator[Violation]:
    if w.summary is None:
        return
    if w.summary.get("status") not in ("OPTIMAL", "FEASIBLE"):
        yield Violation("report", say("check.summary_status", status=repr(w.summary.get("status"))),
                        hard=False)
    stated = w.summary.get("terms", {})
    terms = objective_terms(w)
    for name, value in terms.items():
        weight = getattr(w.inst.weights, TERM_WEIGHTS[name])
        got = stated.get(name, {}) if isinstance(stated, dict) else {}
        if weight == 0 and got.get("weight", 0) == 0:
            continue  # a term counted for information only (teacher_gaps unweighted)
        if (got.get("value"), got.get("weight"), got.get("weighted")) != (value, weight,
                                                                          value * weight):
            yield Violation("report", say("check.summary_term", term=name, stated=got,
                                          value=value, weight=weight), hard=False)
    if w.summary.get("objective") != objective_of(w, terms):
        yield Violation("report", say("check.summary_objective",
                                      stated=w.summary.get("objective"),
                                      true=objective_of(w, terms)), hard=False)


REPORT_CHECKS: tuple[Check, ...] = (teacher_load_report, compliance_report, summary_report)
