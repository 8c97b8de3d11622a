"""Writing an instance directory (instance.yaml and the six CSV tables) from plain rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml

from aligner.io.formats import COLUMNS, OPTIONAL_FILES


def instance_texts(settings: dict[str, Any], tables: dict[str, list[dict[str, Any]]]
                   ) -> dict[str, str]:
    """File name -> text: ``settings`` as instance.yaml and each table (named without .csv:
    schools, bells, ...) as CSV with every column of the format; missing cells are left blank,
    keys that are not columns ignored; an optional table (rooms, pinned) only when it has rows."""
    texts = {"instance.yaml": yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)}
    for file, columns in COLUMNS.items():
        if file in OPTIONAL_FILES and not tables.get(file.removesuffix(".csv")):
            continue
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n",
                                restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(tables.get(file.removesuffix(".csv"), []))
        texts[file] = buffer.getvalue()
    return texts


def write_instance(
    directory: str | Path, settings: dict[str, Any], tables: dict[str, list[dict[str, Any]]]
) -> Path:
    """Write ``settings`` as instance.yaml and each table as CSV (see :func:`instance_texts`)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in instance_texts(settings, tables).items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory
