"""Realistic generated instances, feasible by construction: ``aligner generate``.

:func:`generate` and :class:`Generated` live in :mod:`aligner.generate.generated` and load on
first use, so that reading the presets (the command line's choices) costs nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aligner.generate.presets import PRESETS

if TYPE_CHECKING:
    from aligner.generate.generated import Generated, generate

__all__ = ["PRESETS", "Generated", "generate"]


def __getattr__(name: str) -> Any:
    if name in ("Generated", "generate"):
        from aligner.generate import generated

        return getattr(generated, name)
    raise AttributeError(f"module 'aligner.generate' has no attribute {name!r}")
