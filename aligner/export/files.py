"""The files of a solve, written atomically: every file complete, or the old one left as it was.

The five output files (and bells_proposed.csv when the bells were moved first), or
infeasibility.json when there is no timetable: what ``aligner solve`` writes, from a
:class:`~aligner.solver.result.Result`, so the library writes the same files. CSV files are
UTF-8 with a BOM so that Excel on Chinese Windows opens them correctly; JSON is plain UTF-8
(JSON forbids a BOM).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aligner.instance import BellBreak, BellPeriod, hhmm
from aligner.io.formats import BELLS_PROPOSED_FILE, spreadsheet_text
from aligner.messages import say

if TYPE_CHECKING:
    import pandas as pd

    from aligner.solver.result import Result

OUTPUT_FILES = ("lessons.csv", "sessions.csv", "teacher_load.csv", "compliance.csv",
                "summary.json")
INFEASIBILITY_FILE = "infeasibility.json"
RESEARCH_FILE = "research.csv"
"""The research meetings (教师网络研修), written when ``policy.research_per_week`` > 0."""


def csv_text(frame: pd.DataFrame) -> str:
    """A frame as CSV text; numbers without spurious decimals (16, 16.5) and without losing
    digits (2147483648, not 2.14748e+09), NaN as blank; a text cell that a spreadsheet could
    run as a formula (a teacher id ``=HYPERLINK(...)``, say) is written with a leading ``'``
    (:func:`~aligner.io.formats.spreadsheet_text`), numbers stay numbers."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if values.dtype.kind not in "OSU":  # text (object or str); numbers stay numbers
            continue
        # each distinct text once (a column repeats its ids, days and subjects row after row)
        quoted = {value: text for value in values.unique()
                  if isinstance(value, str) and (text := spreadsheet_text(value)) != value}
        if quoted:
            safe[column] = values.map(lambda value, quoted=quoted: quoted.get(value, value)
                                      if isinstance(value, str) else value)
    return str(safe.to_csv(index=False, float_format="%.15g", lineterminator="\r\n"))


def write_files(directory: str | Path, contents: Mapping[str, tuple[str, str] | bytes]
                ) -> list[Path]:
    """Write ``name -> (text, encoding)`` (or ``name -> bytes``) into ``directory``, all or
    nothing.

    Every file is first written in full to a temporary file beside its target; only then are
    they renamed into place, each earlier file being moved aside first and moved back if any
    rename fails (a file open in Excel on Windows, say). An interruption therefore never leaves
    a half-written file, and a failure leaves the earlier files as they were.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    staged: list[tuple[Path, Path]] = []
    moved_aside: list[tuple[Path, Path]] = []
    for name in contents:
        if (directory / name).is_dir():
            raise IsADirectoryError(errno.EISDIR, say("io.directory_not_file"),
                                    str(directory / name))
    try:
        for name, content in contents.items():
            handle, staging = tempfile.mkstemp(prefix=f".{name}.", dir=directory)
            if isinstance(content, bytes):
                with os.fdopen(handle, "wb") as binary:
                    binary.write(content)
            else:
                with os.fdopen(handle, "w", encoding=content[1], newline="") as stream:
                    stream.write(content[0])
            os.chmod(staging, 0o666 & ~umask)  # mkstemp makes 0600; give normal permissions
            staged.append((Path(staging), directory / name))
        try:
            for temporary, target in staged:
                if target.exists() or target.is_symlink():
                    aside = temporary.with_name(temporary.name + ".old")
                    os.replace(target, aside)
                    moved_aside.append((aside, target))
                os.replace(temporary, target)
        except OSError:
            for aside, target in reversed(moved_aside):
                os.replace(aside, target)
            moved_aside.clear()
            raise
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for aside, _ in moved_aside:
            aside.unlink(missing_ok=True)
    return [directory / name for name in contents]


def json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


CHANGES_FILE = "changes.csv"
"""What a re-solve moved since the previous timetable (``solve --from``)."""


def write_outputs(result: Result, directory: str | Path, instance_path: str | None = None
                  ) -> list[Path]:
    """Write lessons, sessions, teacher_load, compliance and summary (and bells_proposed.csv
    when the solve moved the bells first, research.csv with research meetings) into
    ``directory``, all or nothing (see :func:`write_files`); an infeasibility.json left by an
    earlier run goes (and a research.csv, without meetings). ``instance_path`` is recorded in
    summary.json, so that aligner export finds the instance's names and bells."""
    summary = result.summary()
    if instance_path is not None:
        summary["instance_path"] = instance_path
    contents = {
        "lessons.csv": (csv_text(result.lessons()), "utf-8-sig"),
        "sessions.csv": (csv_text(result.sessions()), "utf-8-sig"),
        "teacher_load.csv": (csv_text(result.teacher_load()), "utf-8-sig"),
        "compliance.csv": (csv_text(result.compliance()), "utf-8-sig"),
        "summary.json": (json_text(summary), "utf-8"),
    }
    if result.instance.previous is not None:
        contents[CHANGES_FILE] = (csv_text(result.changes()), "utf-8-sig")
    research = result.instance.policy.research_per_week > 0
    if research:
        contents[RESEARCH_FILE] = (csv_text(result.research()), "utf-8-sig")
    stale = _earlier_moved_bells(Path(directory)) and not result.proposals
    if result.proposals:
        contents[BELLS_PROPOSED_FILE] = (bells_csv(result.proposed_bells,
                                                   result.instance.breaks), "utf-8-sig")
    written = write_files(directory, contents)
    (Path(directory) / INFEASIBILITY_FILE).unlink(missing_ok=True)
    if not research:  # the meetings of an earlier timetable there
        (Path(directory) / RESEARCH_FILE).unlink(missing_ok=True)
    if stale:  # the moved bells of the timetable this one replaces
        (Path(directory) / BELLS_PROPOSED_FILE).unlink(missing_ok=True)
    return written


def _earlier_moved_bells(directory: Path) -> bool:
    """The timetable already in ``directory`` was scheduled on its bells_proposed.csv."""
    from aligner.io.solution_dir import read_summary

    recorded = read_summary(directory).get("bells")
    return isinstance(recorded, dict) and recorded.get("source") == BELLS_PROPOSED_FILE


def overlapped_breaks(bells: tuple[BellPeriod, ...], breaks: tuple[BellBreak, ...]
                      ) -> list[BellBreak]:
    """The named breaks that a (moved) period now overlaps: bells_proposed.csv leaves them out,
    for the school to time again."""
    return [b for b in breaks
            if any(p.school_id == b.school_id and p.season == b.season
                   and p.start < b.end and b.start < p.end for p in bells)]


def bells_csv(bells: tuple[BellPeriod, ...], breaks: tuple[BellBreak, ...] = ()) -> str:
    """Bell rows (every season) with the columns of bells.csv, as bells_proposed.csv holds them:
    the periods, and the named ``breaks`` that still lie between them (a break that a moved
    period now overlaps is left out: its times are the office's to set again); columns kind and
    name only when there is a break or a named period."""
    dropped = set(overlapped_breaks(bells, breaks))
    fitting = [b for b in breaks if b not in dropped]
    named = bool(fitting) or any(b.name for b in bells)
    order = {key: i for i, key in enumerate(dict.fromkeys((b.school_id, b.season) for b in bells))}
    rows: list[tuple[tuple[int, int], list[object]]] = []
    for bell in bells:
        rows.append(((order[(bell.school_id, bell.season)], bell.start),
                     [bell.school_id, bell.season, bell.period, hhmm(bell.start), hhmm(bell.end),
                      *(["", bell.name] if named else [])]))
    for item in fitting:
        rows.append(((order.get((item.school_id, item.season), len(order)), item.start),
                     [item.school_id, item.season, "", hhmm(item.start), hhmm(item.end), "break",
                      item.name]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["school_id", "season", "period", "start", "end",
                     *(["kind", "name"] if named else [])])
    writer.writerows([spreadsheet_text(v) if isinstance(v, str) else v for v in row]
                     for _, row in sorted(rows, key=lambda r: r[0]))
    return buffer.getvalue()


def infeasibility_report(result: Result) -> dict[str, Any]:
    """What infeasibility.json holds: the explanation of the instance, or of each infeasible
    component (when solved in parts)."""
    if result.in_components:
        return {"status": "INFEASIBLE", "components": [e.to_json() for e in result.explanations]}
    return result.explanations[0].to_json()


def infeasibility_text(result: Result) -> str:
    return json_text(infeasibility_report(result))


def write_infeasibility(result: Result, directory: str | Path) -> Path:
    """Write infeasibility.json (why no timetable exists); other files there stay as they are."""
    return write_files(directory, {INFEASIBILITY_FILE: (infeasibility_text(result),
                                                        "utf-8")})[0]
