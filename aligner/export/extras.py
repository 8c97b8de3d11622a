"""Optional dependencies of the exports: a clear error naming the extra to install."""

from __future__ import annotations


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message names the extra."""
