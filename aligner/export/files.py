"""The five output files, written atomically: every file complete, or the old one left as it was.

CSV files are UTF-8 with a BOM so that Excel on Chinese Windows opens them correctly;
summary.json is plain UTF-8 (JSON forbids a BOM).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from aligner.solve import Result

OUTPUT_FILES = ("lessons.csv", "sessions.csv", "teacher_load.csv", "compliance.csv",
                "summary.json")


def csv_text(frame: pd.DataFrame) -> str:
    """A frame as CSV text; numbers without spurious decimals (16, 16.5), NaN as blank."""
    return str(frame.to_csv(index=False, float_format="%g", lineterminator="\r\n"))


def write_outputs(result: Result, directory: str | Path) -> list[Path]:
    """Write lessons, sessions, teacher_load, compliance and summary into ``directory``.

    All five are first written to temporary files beside their targets and then renamed, so an
    interrupted run never leaves a half-written file and a failed one leaves old files intact.
    """
    directory = Path(directory)
    contents: dict[str, tuple[str, str]] = {
        "lessons.csv": (csv_text(result.lessons()), "utf-8-sig"),
        "sessions.csv": (csv_text(result.sessions()), "utf-8-sig"),
        "teacher_load.csv": (csv_text(result.teacher_load()), "utf-8-sig"),
        "compliance.csv": (csv_text(result.compliance()), "utf-8-sig"),
        "summary.json": (
            json.dumps(result.summary(), ensure_ascii=False, indent=2) + "\n",
            "utf-8",
        ),
    }
    directory.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, (text, encoding) in contents.items():
            handle, staging = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
            with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
                stream.write(text)
            os.chmod(staging, 0o666 & ~umask)  # mkstemp makes 0600; give normal permissions
            staged.append((Path(staging), directory / name))
        for temporary, target in staged:
            os.replace(temporary, target)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return [directory / name for name in contents]
