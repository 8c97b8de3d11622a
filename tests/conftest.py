"""Shared fixtures and the hypothesis profiles."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from tests.solving import solve_checked

# Messages in English throughout the tests (those of the language tests choose otherwise): an
# explicit choice, so that a Chinese workbook or a Chinese locale does not change what the
# tests read; subprocesses (the documentation's examples) inherit it.
os.environ["ALIGNER_LANG"] = "en"
os.environ["LANG"] = "C.UTF-8"
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)

# The property-based tests draw the same examples on every run (so CI never fails by chance);
# HYPOTHESIS_PROFILE=explore draws new ones each time, to hunt for bugs.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))


@pytest.fixture
def solve_and_check():
    return solve_checked


@pytest.fixture(autouse=True)
def _language_as_the_environment_says():
    """A command run in process with --lang zh (or a Chinese workbook read) chooses the language
    for what follows in that process, as it should; each test starts from the environment's."""
    from aligner.messages import note_input_language, set_language

    set_language(None)
    note_input_language(None)
    yield
    set_language(None)
    note_input_language(None)
