"""The calendars need the ``ics`` extra (the icalendar package): without it, ``export --ics``
stops with exit 2 and says what to install, and writes nothing; the other exports still work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.office import solved

ROOT = Path(__file__).resolve().parents[2]
WITHOUT_ICALENDAR = """
import sys
sys.modules["icalendar"] = None  # as if the package were not installed: importing it fails
from aligner.cli import main
main()
"""


@pytest.fixture(scope="module")
def lanxi(tmp_path_factory):
    return solved("lanxi", tmp_path_factory.mktemp("extra"))


def _export(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_ICALENDAR, "--lang", "en", "export",
                           *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)


def test_calendars_without_icalendar_name_the_extra(lanxi, tmp_path):
    instance, out = lanxi
    done = _export(out, "--instance", instance, "--ics", tmp_path / "ics", "--from",
                   "2022-10-09", "--to", "2022-11-30")
    assert done.returncode == 2, done.stderr
    assert "pip install 'aligner[ics]'" in done.stderr
    assert not (tmp_path / "ics").exists()
    pages = _export(out, "--instance", instance, "--html", tmp_path / "html")
    assert pages.returncode == 0, pages.stderr
