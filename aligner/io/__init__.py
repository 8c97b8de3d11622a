"""Reading instances and writing results."""

from aligner.io.errors import InputError, InputIssue, InputWarning
from aligner.io.reader import load_instance, load_schedules

__all__ = ["InputError", "InputIssue", "InputWarning", "load_instance", "load_schedules"]
