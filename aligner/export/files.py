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

from aligner.explain import Explanation
from aligner.solve import Result

OUTPUT_FILES = ("lessons.csv", "sessions.csv", "teacher_load.csv", "compliance.csv",
                "summary.json")
INFEASIBILITY_FILE = "infeasibility.json"


def csv_text(frame: pd.DataFrame) -> str:
    """A frame as CSV text; numbers without spurious decimals (16, 16.5), NaN as blank."""
    return str(frame.to_csv(index=False, float_format="%g", lineterminator="\r\n"))


def write_files(directory: str | Path, contents: dict[str, tuple[str, str]]) -> list[Path]:
    """Write ``name -> (text, encoding)`` into ``directory``, all or nothing: each file is first
    written to a temporary file beside its target, then all are renamed into place."""
    directory = Path(directory)
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


def json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_outputs(result: Result, directory: str | Path) -> list[Path]:
    """Write lessons, sessions, teacher_load, compliance and summary into ``directory``, all or
    nothing (see :func:`write_files`); an infeasibility.json left by an earlier run goes."""
    written = write_files(directory, {
        "lessons.csv": (csv_text(result.lessons()), "utf-8-sig"),
        "sessions.csv": (csv_text(result.sessions()), "utf-8-sig"),
        "teacher_load.csv": (csv_text(result.teacher_load()), "utf-8-sig"),
        "compliance.csv": (csv_text(result.compliance()), "utf-8-sig"),
        "summary.json": (json_text(result.summary()), "utf-8"),
    })
    (Path(directory) / INFEASIBILITY_FILE).unlink(missing_ok=True)
    return written


def write_infeasibility(explanation: Explanation, directory: str | Path) -> Path:
    """Write infeasibility.json (why no timetable exists); other files there stay as they are."""
    return write_files(directory, {INFEASIBILITY_FILE: (json_text(explanation.to_json()),
                                                        "utf-8")})[0]
