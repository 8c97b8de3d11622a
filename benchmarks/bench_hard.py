"""The hard-instance library: where solver research on this model starts.

    python benchmarks/bench_hard.py                       # every case, 3 runs, 60 s, 1 worker
    python benchmarks/bench_hard.py --cases county-1-g005 --runs 1 --time-limit 30
    python benchmarks/bench_hard.py --list                # the cases and where they come from
    python benchmarks/bench_hard.py --quick-start         # the same with the quick stage first

Each case is one model that is hard for ``aligner`` today: a generated component with the
office's rules that the LP relaxation does not close, and FET example files that import whole
but take ``aligner`` far longer than ``fet-cl`` (or end without a proof). Each is solved as
``aligner solve`` solves it (the staged search: LP relaxation, guided stage, full search),
with one CP-SAT worker and a fixed seed unless told otherwise, and measured: the LP bound, the
time and objective of the first timetable, the final objective, best bound and gap, the
status, the wall time. Every timetable found goes through the independent checker (not
timed). Rows are *appended* to ``benchmarks/results/hard.csv`` with the commit and the date,
so the file is the history of each case's gap: a change to the model or the search is
measured by re-running this script and comparing the newest rows with the older ones.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import ortools
from machine import commit  # (this directory)

from aligner.check import check_solution
from aligner.export import write_outputs
from aligner.fet import import_fet
from aligner.generate import Generated, generate
from aligner.instance import Instance
from aligner.io import load_instance
from aligner.io.writer import write_instance
from aligner.solver.decompose import components, sub_instance
from aligner.solver.settings import SolverSettings
from aligner.solver.solve import solve_model

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path("/usr/share/doc/fet-data/examples")
FIELDS = ["case", "source", "run", "quick_start", "status", "lp_bound", "first_seconds", "first_objective",
          "objective", "best_bound", "gap", "seconds", "checker_violations", "workers", "seed",
          "time_limit", "commit", "cpus", "ortools", "load_1m", "when"]


@dataclass(frozen=True)
class Case:
    name: str
    source: str
    """Where it comes from, in words a reader can redo."""
    make: Callable[[Path], Instance]


def _component(preset: str, seed: int, school: str) -> Callable[[Path], Instance]:
    """The component of a generated preset (with the office rules) holding ``school``."""
    def make(scratch: Path) -> Instance:
        generate(preset, seed, office_rules=True).write(scratch / f"{preset}-{seed}")
        instance = load_instance(scratch / f"{preset}-{seed}")
        for part in components(instance):
            ids = [s.school_id for s in part.schools]
            if school in ids:
                return sub_instance(instance, ids)
        raise SystemExit(f"{preset} seed {seed} has no school {school}")
    return make


def _tightened(preset: str, seed: int, tighten: Callable[[Generated], Generated],
               name: str) -> Callable[[Path], Instance]:
    """A generated preset (with the office rules) made tighter around its witness by
    ``tighten`` (one of Generated's ``with_..._at_witness``), written to ``name``."""
    def make(scratch: Path) -> Instance:
        return load_instance(tighten(generate(preset, seed, office_rules=True)).write(
            scratch / name))
    return make


def _fet(relative: str) -> Callable[[Path], Instance]:
    """An example file of fet-data, imported (it must import whole)."""
    def make(scratch: Path) -> Instance:
        imported = import_fet(EXAMPLES / relative)
        if imported.losses:
            raise SystemExit(f"{relative} no longer imports whole: {imported.losses[:3]}")
        directory = scratch / Path(relative).stem
        write_instance(directory, imported.settings, imported.tables)
        return load_instance(directory)
    return make


CASES = (
    Case("county-1-g005", "aligner generate --preset county --seed 1 (office rules): the "
         "component of g005-hub (a hub and two receiving schools; teachers' max_days)",
         _component("county", 1, "g005-hub")),
    Case("city-1-g024", "aligner generate --preset city --seed 1 (office rules): the component "
         "of g024-hub (a hub and two receiving schools, 36 classes; teachers' max_days and "
         "max_consecutive)", _component("city", 1, "g024-hub")),
    Case("hubs25-1-g013", "aligner generate --preset hubs25 --seed 1 (office rules): the "
         "component of g013-hub (a hub and three receiving schools; teachers' max_days)",
         _component("hubs25", 1, "g013-hub")),
    Case("pair-1-co-teachers", "aligner generate --preset pair --seed 1 (office rules), its "
         "co-teachers' min_load raised to the load the witness gives them "
         "(Generated.with_min_load_at_witness): the LP bound is below the optimum",
         _tightened("pair", 1, lambda g: g.with_min_load_at_witness(g.co_teachers()),
                    "pair-1")),
    Case("pair-1-day-limits", "aligner generate --preset pair --seed 1 (office rules), every "
         "teacher's max_per_day and max_days at what the witness gives them "
         "(Generated.with_day_limits_at_witness): the LP bound is below the best timetable "
         "found", _tightened("pair", 1, lambda g: g.with_day_limits_at_witness(),
                             "pair-1-day-limits")),
    Case("fet-horario-isj", "fet-data FET-5-official/Argentina/Horario_ISJ.fet (teachers' "
         "max gaps per day)", _fet("FET-5-official/Argentina/Horario_ISJ.fet")),
    Case("fet-brazil", "fet-data FET-5-official/Brazil/1/Brazil.fet (teachers' max gaps per "
         "week)", _fet("FET-5-official/Brazil/1/Brazil.fet")),
    Case("fet-mapsy16t1d", "fet-data FET-5-official/Namibia/by-Bobby/set-6-2016/MAPSY16T1d.fet",
         _fet("FET-5-official/Namibia/by-Bobby/set-6-2016/MAPSY16T1d.fet")),
    Case("fet-jmss", "fet-data FET-5-official/Namibia/by-Bobby/set-2/JMSS.fet",
         _fet("FET-5-official/Namibia/by-Bobby/set-2/JMSS.fet")),
    Case("fet-van-rhyn", "fet-data FET-5-official/Namibia/by-Bobby/set-1/Van_RhynFinal.fet",
         _fet("FET-5-official/Namibia/by-Bobby/set-1/Van_RhynFinal.fet")),
)


class _First:
    """Records when the search found its first timetable."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.seconds: float | None = None
        self.objective: float | None = None

    def on_start(self) -> None:
        pass

    def on_solution(self, objective: float, bound: float | None) -> None:
        if self.seconds is None:
            self.seconds = time.perf_counter() - self.started
            self.objective = objective

    def on_bound(self, bound: float) -> None:
        pass


def measure(case: Case, instance: Instance, run: int, args: argparse.Namespace) -> dict:
    settings = SolverSettings(workers=args.workers, seed=args.seed, time_limit=args.time_limit,
                              quick_start=args.quick_start)
    load = os.getloadavg()[0]
    first = _First()
    result = solve_model(instance, settings, observer=first)
    seconds = time.perf_counter() - first.started
    violations = ""
    if result.found:
        with tempfile.TemporaryDirectory() as tmp:
            write_outputs(result, tmp)
            violations = len([v for v in check_solution(instance, tmp).violations if v.hard])
    bound = result.best_bound
    lp = next((st.get("bound") for st in result.stages if st.get("stage") == "lp"), None)
    gap = ("" if result.objective is None or bound is None
           else round((result.objective - bound) / max(abs(result.objective), 1), 4))
    return {"case": case.name, "source": case.source, "run": run,
            "quick_start": args.quick_start, "status": str(result.status),
            "lp_bound": "" if lp is None else round(lp),
            "first_seconds": "" if first.seconds is None else round(first.seconds, 2),
            "first_objective": "" if first.objective is None else round(first.objective),
            "objective": "" if result.objective is None else round(result.objective),
            "best_bound": "" if bound is None else round(bound), "gap": gap,
            "seconds": round(seconds, 2), "checker_violations": violations,
            "workers": args.workers, "seed": args.seed, "time_limit": args.time_limit,
            "commit": args.commit, "cpus": os.cpu_count(), "ortools": ortools.__version__,
            "load_1m": round(load, 2),
            "when": datetime.now(UTC).isoformat(timespec="seconds")}


def _columns_as_now(path: Path) -> None:
    """An older results file gets today's columns (a column it lacks left blank; quick_start
    false) before rows are appended to it."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames == FIELDS:
            return
        rows = [{"quick_start": False} | row for row in reader]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS, restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def markdown(path: Path, commit: str | None = None) -> str:
    """The docs' table: per case and quick_start, the medians of the rows of one commit (the
    newest in the file unless given)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    commit = commit or rows[-1]["commit"]
    rows = [r for r in rows if r["commit"] == commit]
    lines = [f"Commit {commit}: medians of {{runs}} run(s) each.", "",
             "| case | quick start | statuses | LP bound | first timetable s (objective) | "
             "objective | best bound | whole s |", "|---|---|---|---|---|---|---|---|"]
    runs = 0
    for key in dict.fromkeys((r["case"], r["quick_start"]) for r in rows):
        mine = [r for r in rows if (r["case"], r["quick_start"]) == key]
        runs = max(runs, len(mine))

        def med(column: str, rows_: list[dict] = mine) -> str:
            values = [float(r[column]) for r in rows_ if r[column] != ""]
            return f"{statistics.median(values):g}" if values else "-"

        firsts = [r for r in mine if r["first_seconds"] != ""]
        first = (f"{med('first_seconds')} ({med('first_objective', firsts)})" if firsts
                 else "none")
        lines.append(f"| {key[0]} | {'yes' if key[1] == 'True' else 'no'} | "
                     f"{' '.join(r['status'] for r in mine)} | {med('lp_bound')} | {first} | "
                     f"{med('objective')} | {med('best_bound')} | {med('seconds')} |")
    lines[0] = lines[0].format(runs=runs)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="*", help="names of the cases (default: all)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick-start", action="store_true",
                        help="solve with the quick stage first (aligner solve --quick-start)")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    parser.add_argument("--markdown", nargs="?", const="", metavar="COMMIT",
                        help="only print the docs' table of the results file (the newest "
                             "commit's rows, or COMMIT's)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "hard.csv")
    args = parser.parse_args(argv)
    if args.markdown is not None:
        print(markdown(args.out, args.markdown or None))
        return 0
    if args.list:
        for case in CASES:
            print(f"{case.name}: {case.source}")
        return 0
    chosen = [c for c in CASES if not args.cases or c.name in args.cases]
    unknown = set(args.cases or ()) - {c.name for c in CASES}
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    args.commit = commit()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cpus; "
          f"{args.runs} run(s), {args.workers} worker(s), seed {args.seed}, "
          f"{args.time_limit:g} s; commit {args.commit}")
    _columns_as_now(args.out)
    new = not args.out.exists()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        if new:
            writer.writeheader()
        for case in chosen:
            with tempfile.TemporaryDirectory() as scratch:
                instance = case.make(Path(scratch))
            rows = []
            for run in range(args.runs):
                row = measure(case, instance, run, args)
                writer.writerow(row)
                handle.flush()
                rows.append(row)
            finals = [r["seconds"] for r in rows]
            firsts = [r["first_seconds"] for r in rows if r["first_seconds"] != ""]
            print(f"{case.name}: {', '.join(r['status'] for r in rows)}; objective "
                  f"{rows[-1]['objective']} bound {rows[-1]['best_bound']} (LP "
                  f"{rows[-1]['lp_bound']}); first timetable "
                  f"{statistics.median(firsts) if firsts else '-'} s, whole "
                  f"{statistics.median(finals)} s (medians)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
