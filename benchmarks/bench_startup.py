"""Whole-process time of the ``aligner`` command: start-up and the shipped example, end to end.

    python benchmarks/bench_startup.py --label after         # 7 runs of each command
    python benchmarks/bench_startup.py --runs 11 --out benchmarks/results/startup.csv
    git worktree add /tmp/before 7512a7a
    python benchmarks/bench_startup.py --checkout /tmp/before --label before  # another commit

Each command runs as a fresh process (what a user waits for: Python start-up, imports, the
work, exit), timed by wall clock around ``subprocess.run``; ``aligner`` is pip's console script
beside the Python that runs this (see :func:`console_script`). The commands are ``aligner --help``,
a bad-usage error (``aligner solve`` without an instance), ``aligner solve`` of the Lanxi example
with one CP-SAT worker and seed 0, and the floor a solve cannot go below, a bare
``python -c "import ortools.sat.python.cp_model"``. Rows are appended to the CSV (one per run,
with the label, commit and machine), so before and after sit in one file; the medians are
printed. Timings are never asserted in tests.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

from machine import commit  # (this directory)

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ["label", "commit", "command", "run", "seconds", "exit_code", "cpus", "python", "when"]


def console_script(checkout: Path | None, scratch: Path) -> str:
    """The ``aligner`` script: pip's, installed beside this Python (as in a virtual environment),
    else the one on PATH (a version manager's shim on PATH, pyenv's, adds 0.05 s of bash that
    an office's venv does not have). For a ``checkout``, a script written as pip writes one, for
    the entry point of that checkout's pyproject.toml (the installed script may name a function
    the other commit does not have)."""
    if checkout is None:
        beside = Path(sys.executable).parent / "aligner"
        return str(beside) if beside.is_file() else shutil.which("aligner") or "aligner"
    with (checkout / "pyproject.toml").open("rb") as file:
        module, function = tomllib.load(file)["project"]["scripts"]["aligner"].split(":")
    script = scratch / "aligner"
    script.write_text(f"#!{sys.executable}\n# -*- coding: utf-8 -*-\nimport re\nimport sys\n"
                      f"from {module} import {function}\nif __name__ == '__main__':\n"
                      "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                      f"    sys.exit({function}())\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def commands(aligner: str, out: Path) -> dict[str, list[str]]:
    return {
        "aligner --help": [aligner, "--help"],
        "aligner solve (no instance: usage error)": [aligner, "solve"],
        "aligner solve data/lanxi-2022-winter --workers 1": [
            aligner, "solve", str(ROOT / "data" / "lanxi-2022-winter"), "--workers", "1",
            "--seed", "0", "--out", str(out)],
        "python -c 'import ortools.sat.python.cp_model' (floor)": [
            sys.executable, "-c", "import ortools.sat.python.cp_model"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--label", default="")
    parser.add_argument("--checkout", type=Path, default=None,
                        help="run the aligner of this checkout (a git worktree of another "
                             "commit) instead of the installed one, through PYTHONPATH")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks" / "results" / "startup.csv")
    args = parser.parse_args(argv)
    rows = []
    env = dict(os.environ)
    # as on an office's machine: Python keeps each module compiled after its first import (a
    # PYTHONDONTWRITEBYTECODE environment would recompile aligner's modules at every start,
    # while the floor's site-packages are compiled at install)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.checkout is not None:
        env["PYTHONPATH"] = str(args.checkout.resolve())
    revision = commit(args.checkout or ROOT)
    with tempfile.TemporaryDirectory(prefix="aligner-startup-") as scratch:
        script = console_script(args.checkout, Path(scratch))
        for name, command in commands(script, Path(scratch) / "out").items():
            subprocess.run(command, capture_output=True, env=env)  # warm the file cache once
            for run in range(args.runs):
                started = time.perf_counter()
                done = subprocess.run(command, capture_output=True, env=env)
                seconds = time.perf_counter() - started
                rows.append({"label": args.label, "commit": revision, "command": name,
                             "run": run, "seconds": round(seconds, 4),
                             "exit_code": done.returncode, "cpus": os.cpu_count(),
                             "python": platform.python_version(),
                             "when": datetime.now(UTC).isoformat(timespec="seconds")})
    new = not args.out.exists()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=FIELDS)
        if new:
            writer.writeheader()
        writer.writerows(rows)
    for name in dict.fromkeys(r["command"] for r in rows):
        times = [r["seconds"] for r in rows if r["command"] == name]
        print(f"{name}: median {statistics.median(times):.3f} s over {len(times)} runs "
              f"(min {min(times):.3f}, max {max(times):.3f})")
    print(f"appended {len(rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
