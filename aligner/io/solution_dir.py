"""What a solution directory says about itself, and the bells its timetable was solved on.

``aligner solve`` records in summary.json the instance it read (``instance_path``), the seasons
and the bells it scheduled on (``bells``: ``source`` and ``fingerprint``): the instance's own,
or the moved ones of ``--align-bells``, which it writes beside the timetable as
bells_proposed.csv. ``aligner check`` and ``aligner export`` read the timetable with exactly
those bells (:func:`load_solved_instance`): a proposal of ``align --optimize`` that lands in the
same directory, or an instance whose bells changed since, is never taken for them.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

from aligner.instance import Instance
from aligner.io.errors import InputError, InputIssue, InputWarning
from aligner.io.formats import BELLS_PROPOSED_FILE, SUMMARY_FILE
from aligner.io.reader import load_instance
from aligner.messages import say


def read_summary(directory: str | Path) -> dict[str, Any]:
    """summary.json of the directory as a mapping; empty when it is missing or unreadable."""
    path = Path(directory) / SUMMARY_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_solved_instance(
    directory: str | Path,
    instance_path: str | Path,
    seasons: tuple[str, ...] | None = None,
    bells: str | Path | None = None,
    *,
    quiet_warnings: bool = False,
) -> tuple[Instance, list[str]]:
    """The instance with the bells the timetable in ``directory`` was solved on, and what the
    user should know about that choice (one sentence each).

    ``bells`` (a bells.csv-like file) is taken as given. Otherwise summary.json decides: moved
    bells (``source: bells_proposed.csv``) are read from the directory and must still have the
    recorded fingerprint (else InputError: they changed since the solve); the instance's own
    bells are read from the instance, with a note when they changed since the solve. A
    bells_proposed.csv that summary.json does not name is a proposal and is left alone (noted).
    Without summary.json (a timetable made by hand) the instance's own bells apply."""
    directory = Path(directory)
    summary = read_summary(directory)
    record = summary.get("bells")
    record = record if isinstance(record, dict) else {}
    fingerprint = record.get("fingerprint")
    proposal = directory / BELLS_PROPOSED_FILE
    notes: list[str] = []

    recorded = summary.get("instance_path")
    other = isinstance(recorded, str) and recorded and \
        Path(recorded).resolve() != Path(instance_path).resolve()

    def load(path: Path | None) -> Instance:
        with warnings.catch_warnings():
            if quiet_warnings:
                warnings.simplefilter("ignore", InputWarning)
            instance = load_instance(instance_path, seasons, path)
        if other:  # said once the instance is read: a Chinese workbook chooses the language
            notes.insert(0, say("io.solved.other_instance", instance=recorded))
        return instance

    if bells is not None:
        return load(Path(bells)), [*notes, say("io.solved.given_bells", bells=bells)]
    if record.get("source") == BELLS_PROPOSED_FILE:
        where = str(directory / SUMMARY_FILE)
        if not proposal.is_file():
            raise InputError([InputIssue(where, say("io.solved.moved_bells_gone",
                                                    file=BELLS_PROPOSED_FILE,
                                                    directory=directory))])
        instance = load(proposal)
        if fingerprint and instance.bells_fingerprint != fingerprint:
            raise InputError([InputIssue(str(proposal), say(
                "io.solved.moved_bells_changed", now=instance.bells_fingerprint,
                recorded=fingerprint))])
        return instance, [*notes, say("io.solved.moved_bells", file=proposal)]
    instance = load(None)
    if fingerprint and instance.bells_fingerprint != fingerprint:
        notes.append(say("io.solved.bells_changed", now=instance.bells_fingerprint,
                         recorded=fingerprint))
    if proposal.is_file():
        notes.append(say("io.solved.proposal_left_alone", file=proposal))
    return instance, notes
