"""Shared by the FET tests: where Debian's fet-data examples and fet-cl are, and running fet-cl.

Without the packages the FET tests fail, saying what to install (.ci/run installs them first);
ALIGNER_SKIP_FET=1 turns that into a skip that pytest -ra lists. They never pass silently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

EXAMPLES = Path("/usr/share/doc/fet-data/examples")
INSTALL = "apt-get install fet fet-data (Debian/Ubuntu)"


def _missing(what: str) -> None:
    message = f"{what} is not installed: {INSTALL}"
    if os.environ.get("ALIGNER_SKIP_FET") == "1":
        pytest.skip(message)
    pytest.fail(message)


def example(relative: str) -> Path:
    """A file of the fet-data examples."""
    path = EXAMPLES / relative
    if not path.is_file():
        _missing(f"fet-data ({path})")
    return path


def fet_cl() -> str:
    found = shutil.which("fet-cl")
    if found is None:
        _missing("fet-cl (package fet)")
    assert found is not None
    return found


def run_fet(fet_file: Path, out: Path, seconds: int = 60) -> subprocess.CompletedProcess[str]:
    """fet-cl on ``fet_file`` with its output under ``out``; fails the test if FET does."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [fet_cl(), f"--inputfile={fet_file}", f"--outputdir={out}",
         f"--timelimitseconds={seconds}", "--htmllevel=0", "--language=en_US"],
        capture_output=True, text=True, timeout=seconds + 60, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, f"fet-cl failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


def fet_xml(*, days=("Mon", "Tue"), hours=("08:00-08:40", "08:50-09:30", "09:40-10:20"),
            teachers=("Ann",), years: dict[str, list[str]] | None = None,
            activities: list[dict] | None = None, constraints: str = "") -> str:
    """A small FET file. ``years``: year -> its groups; ``activities``: dicts with id, teacher
    (str or list), subject, students (str or list), duration, group (split activity id)."""
    years = years if years is not None else {"7A": []}
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<fet version="6.8.5">',
             "<Institution_Name>Test school</Institution_Name>",
             f"<Days_List><Number_of_Days>{len(days)}</Number_of_Days>"]
    parts += [f"<Day><Name>{d}</Name></Day>" for d in days]
    parts += [f"</Days_List><Hours_List><Number_of_Hours>{len(hours)}</Number_of_Hours>"]
    parts += [f"<Hour><Name>{h}</Name></Hour>" for h in hours]
    subjects = sorted({a["subject"] for a in activities or []})
    parts += ["</Hours_List><Subjects_List>"]
    parts += [f"<Subject><Name>{s}</Name></Subject>" for s in subjects]
    parts += ["</Subjects_List><Teachers_List>"]
    parts += [f"<Teacher><Name>{t}</Name></Teacher>" for t in teachers]
    parts += ["</Teachers_List><Students_List>"]
    for year, groups in years.items():
        parts.append(f"<Year><Name>{year}</Name>")
        parts += [f"<Group><Name>{g}</Name></Group>" for g in groups]
        parts.append("</Year>")
    parts += ["</Students_List><Activities_List>"]
    for a in activities or []:
        teachers_of = a.get("teacher", [])
        students_of = a.get("students", [])
        parts.append("<Activity>")
        parts += [f"<Teacher>{t}</Teacher>" for t in ([teachers_of] if isinstance(
            teachers_of, str) else teachers_of)]
        parts.append(f"<Subject>{a['subject']}</Subject>")
        parts += [f"<Students>{s}</Students>" for s in ([students_of] if isinstance(
            students_of, str) else students_of)]
        parts.append(f"<Duration>{a.get('duration', 1)}</Duration>"
                     f"<Id>{a['id']}</Id><Activity_Group_Id>{a.get('group', 0)}"
                     f"</Activity_Group_Id><Active>{str(a.get('active', True)).lower()}"
                     "</Active></Activity>")
    parts += ["</Activities_List><Time_Constraints_List>",
              "<ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage>"
              "</ConstraintBasicCompulsoryTime>", constraints, "</Time_Constraints_List>",
              "<Space_Constraints_List><ConstraintBasicCompulsorySpace><Weight_Percentage>100"
              "</Weight_Percentage></ConstraintBasicCompulsorySpace></Space_Constraints_List>",
              "</fet>"]
    return "\n".join(parts)


def lessons(subject: str, teacher: str | list[str], students: str | list[str], first_id: int,
            durations: list[int]) -> list[dict]:
    """The parts of one split activity."""
    return [{"id": first_id + k, "group": first_id if len(durations) > 1 else 0,
             "teacher": teacher, "subject": subject, "students": students, "duration": d}
            for k, d in enumerate(durations)]


def not_available(tag: str, holder: str, who: str, slots: list[tuple[str, str]],
                  weight: int = 100) -> str:
    times = "".join(f"<Not_Available_Time><Day>{d}</Day><Hour>{h}</Hour></Not_Available_Time>"
                    for d, h in slots)
    return (f"<{tag}><Weight_Percentage>{weight}</Weight_Percentage><{holder}>{who}</{holder}>"
            f"<Number_of_Not_Available_Times>{len(slots)}</Number_of_Not_Available_Times>"
            f"{times}<Active>true</Active></{tag}>")


def min_days(ids: list[int], days: int = 1, weight: int = 100) -> str:
    acts = "".join(f"<Activity_Id>{i}</Activity_Id>" for i in ids)
    return (f"<ConstraintMinDaysBetweenActivities><Weight_Percentage>{weight}</Weight_Percentage>"
            f"<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day><Number_of_Activities>"
            f"{len(ids)}</Number_of_Activities>{acts}<MinDays>{days}</MinDays><Active>true"
            "</Active></ConstraintMinDaysBetweenActivities>")
