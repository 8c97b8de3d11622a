"""``python -m aligner``: the same command line as ``aligner``."""

from aligner.cli import run

run()
