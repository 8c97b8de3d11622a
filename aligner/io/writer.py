"""Writing an instance directory (instance.yaml and the six CSV tables) from plain rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from aligner.io.reader import COLUMNS


def write_instance(
    directory: str | Path, settings: dict[str, Any], tables: dict[str, list[dict[str, Any]]]
) -> Path:
    """Write ``settings`` as instance.yaml and each table (named without .csv: schools, bells,
    ...) as CSV with every column of the format; missing cells are left blank."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "instance.yaml").write_text(
        yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for file, columns in COLUMNS.items():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n",
                                restval="")
        writer.writeheader()
        writer.writerows(tables.get(file.removesuffix(".csv"), []))
        (directory / file).write_text(buffer.getvalue(), encoding="utf-8")
    return directory
