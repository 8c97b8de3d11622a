"""``python -m aligner.cli``: the ``aligner`` command."""

from aligner.cli.main import run

run()
