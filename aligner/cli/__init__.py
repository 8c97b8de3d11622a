"""The ``aligner`` command: a thin layer over the library (see :mod:`aligner.cli.main`)."""

from aligner.cli.main import main, run

__all__ = ["main", "run"]
