"""``python -m aligner``: the same command line as ``aligner``."""

from aligner.cli import main

main(prog_name="aligner")
