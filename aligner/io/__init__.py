"""Reading instances and writing results."""

from aligner.io.errors import InputError, InputIssue
from aligner.io.reader import load_instance

__all__ = ["InputError", "InputIssue", "load_instance"]
