"""Messages of aligner/solver/."""

from __future__ import annotations

from aligner.messages import Entry

MESSAGES: dict[str, Entry] = {
}
