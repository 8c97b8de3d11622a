"""What a benchmark row records about where it ran: the commit measured (the processor's name
is :func:`aligner.bench.run.cpu_model`).

Shared by the benchmark scripts of this directory (each imports it as ``machine``: Python puts
a script's own directory first on its path)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commit(checkout: Path = ROOT) -> str:
    """The checkout's short commit, with ``+changes`` when its ``aligner`` package differs from
    that commit (the row then measured code no commit holds); ``unknown`` outside git."""
    try:
        done = subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "-C", str(checkout), "status", "--porcelain", "--",
                                "aligner"], capture_output=True, text=True, check=False)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")

