"""Reading a FET (Free Timetabling Software) ``.fet`` file into plain data, safely.

A ``.fet`` file is XML written by FET 5 or 6: days, hours, subjects, teachers, a tree of students
sets (years > groups > subgroups), activities and time/space constraints. The file is untrusted
input: a document type declaration (and with it any entity, the root of "billion laughs" and
external-entity attacks) is refused before the XML parser sees the text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from aligner.io.errors import InputError, InputIssue
from aligner.messages import say

_DTD = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass(frozen=True)
class Activity:
    """One FET activity: ``duration`` consecutive hours, once a week. Activities sharing a
    ``group`` are the parts of one split activity."""

    id: int
    group: int
    teachers: tuple[str, ...]
    subject: str
    students: tuple[str, ...]
    duration: int
    tags: tuple[str, ...] = ()
    """Its activity tags."""
    students_number: int | None = None
    """Its Number_Of_Students when given; None: the sum of its students sets' (FET's default)."""


@dataclass(frozen=True)
class FetRoom:
    """One room of the Rooms_List; a virtual room (FET 6) stands for sets of real rooms."""

    name: str
    capacity: int
    virtual: bool = False


@dataclass(frozen=True)
class Constraint:
    """One active time or space constraint: its XML tag, weight (percent) and element."""

    tag: str
    weight: float
    element: ET.Element = field(compare=False, repr=False)
    space: bool = False

    @property
    def hard(self) -> bool:
        return self.weight >= 100

    def texts(self, child: str) -> list[str]:
        return [(e.text or "").strip() for e in self.element.iter(child)]

    def text(self, child: str, default: str = "") -> str:
        found = self.element.find(child)
        return default if found is None else (found.text or "").strip()

    def slots(self, holder: str) -> list[tuple[str, str]]:
        """(day, hour) names of the ``holder`` children (Not_Available_Time, Break_Time, ...)."""
        return [((e.findtext("Day") or "").strip(), (e.findtext("Hour") or "").strip())
                for e in self.element.iter(holder)]


@dataclass
class FetData:
    """What a ``.fet`` file holds, names as FET writes them (trimmed)."""

    path: Path
    institution: str
    days: list[str]
    hours: list[str]
    subjects: list[str]
    teachers: list[str]
    years: list[str]
    kind: dict[str, str]
    """Students set name -> 'year', 'group' or 'subgroup'."""
    leaves: dict[str, frozenset[str]]
    """Students set name -> its smallest parts (subgroups; a group or year without parts is
    its own part). Two sets with a common leaf share students."""
    year_of: dict[str, str]
    activities: list[Activity]
    constraints: list[Constraint]
    inactive_activities: int = 0
    inactive_constraints: int = 0
    inactive_ids: frozenset[int] = frozenset()
    """Ids of the inactive activities (FET reads constraints on them in its own ways)."""
    rooms: int = 0
    comments: dict[int, str] = field(default_factory=dict)
    """Activity id -> its Comments text."""
    mode: str = "Official"
    """FET's mode (Official, Mornings_Afternoons, Block_Planning, Terms), as FET 6 reads the
    file: an old file of FET 5's custom versions ('-ma', '-morocco', '-algeria' in the
    version) is a mornings-afternoons file, '-mathmake' a terms one, '-bp' block planning."""
    old_custom: str = ""
    """The custom FET 5 version the file comes from ('ma', 'morocco', 'algeria', ...), if any:
    FET 6 renames some of its constraints (FetData.mode)."""
    behaviors: dict[str, str] = field(default_factory=dict)
    """Teacher -> its Mornings_Afternoons_Behavior (mornings-afternoons files)."""
    room_list: list[FetRoom] = field(default_factory=list)
    size: dict[str, int] = field(default_factory=dict)
    """Students set name -> its Number_of_Students."""

    @property
    def all_leaves(self) -> frozenset[str]:
        """Every smallest students set of the file (FET's subgroups), with activities or not."""
        return frozenset().union(*self.leaves.values()) if self.leaves else frozenset()


def _names(root: ET.Element, path: str) -> list[str]:
    return [(e.findtext("Name") or "").strip() for e in root.findall(path)]


def read_fet(path: str | Path) -> FetData:
    """Parse ``path``; raise :class:`InputError` naming the file on anything unreadable."""
    path = Path(path)
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([InputIssue(name, say("fet.file.unreadable",
                                               reason=exc.strerror or exc))]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([InputIssue(name, say("fet.file.not_utf8", byte=exc.start))]) from None
    if _DTD.search(text):
        raise InputError([InputIssue(name, say("fet.file.dtd"))])
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError([InputIssue(name, say("fet.file.bad_xml", line=line,
                                               column=column + 1, reason=exc))]) from None
    if root.tag != "fet":
        raise InputError([InputIssue(name, say("fet.file.not_fet", root=root.tag))])
    return _data(path, root)


def _data(path: Path, root: ET.Element) -> FetData:
    issues: list[InputIssue] = []
    days = _names(root, "./Days_List/Day")
    hours = _names(root, "./Hours_List/Hour")
    if not days or not hours:
        issues.append(InputIssue(str(path), say("fet.file.no_days")))

    kind: dict[str, str] = {}
    year_of: dict[str, str] = {}
    years: list[str] = []
    parts: dict[str, set[str]] = {}
    size: dict[str, int] = {}
    for element in root.iter():
        if element.tag in ("Year", "Group", "Subgroup") and element.find("Name") is not None:
            size.setdefault((element.findtext("Name") or "").strip(),
                            _integer(element.findtext("Number_of_Students")))
    for year in root.findall("./Students_List/Year"):
        y = (year.findtext("Name") or "").strip()
        years.append(y)
        kind[y] = "year"
        year_of[y] = y
        in_year: set[str] = set()
        for group in year.findall("Group"):
            g = (group.findtext("Name") or "").strip()
            kind.setdefault(g, "group")
            year_of.setdefault(g, y)
            subs = {(sub.findtext("Name") or "").strip() for sub in group.findall("Subgroup")}
            for sub in subs:
                kind.setdefault(sub, "subgroup")
                year_of.setdefault(sub, y)
                parts.setdefault(sub, set()).add(sub)
            parts.setdefault(g, set()).update(subs or {g})
            in_year |= subs or {g}
        parts.setdefault(y, set()).update(in_year or {y})
    leaves = {n: frozenset(p) for n, p in parts.items()}

    activities: list[Activity] = []
    comments: dict[int, str] = {}
    inactive = 0
    inactive_ids: set[int] = set()
    for i, element in enumerate(root.findall("./Activities_List/Activity"), start=1):
        if not _active(element):
            inactive += 1
            if (element.findtext("Id") or "").strip().isdigit():
                inactive_ids.add(int((element.findtext("Id") or "").strip()))
            continue
        try:
            aid = int((element.findtext("Id") or "").strip())
            group_id = int((element.findtext("Activity_Group_Id") or "0").strip() or 0)
            duration = int((element.findtext("Duration") or "").strip())
        except ValueError:
            issues.append(InputIssue(str(path), say("fet.file.bad_activity", number=i)))
            continue
        activities.append(Activity(
            id=aid, group=group_id or aid,
            teachers=tuple((t.text or "").strip() for t in element.findall("Teacher")),
            subject=(element.findtext("Subject") or "").strip(),
            students=tuple((s.text or "").strip() for s in element.findall("Students")),
            duration=duration,
            tags=tuple((t.text or "").strip() for t in element.findall("Activity_Tag")),
            students_number=(None if element.find("Number_Of_Students") is None
                             else _integer(element.findtext("Number_Of_Students")))))
        comments[aid] = (element.findtext("Comments") or "").strip()

    constraints: list[Constraint] = []
    inactive_constraints = 0
    for lst, space in (("Time_Constraints_List", False), ("Space_Constraints_List", True)):
        for element in root.findall(f"./{lst}/*"):
            if not _active(element):
                inactive_constraints += 1
                continue
            try:
                weight = float((element.findtext("Weight_Percentage") or "100").strip())
            except ValueError:
                weight = 100.0
            constraints.append(Constraint(element.tag, weight, element, space))
    if issues:
        raise InputError(issues)
    mode, custom = _mode(root)
    behaviors = {(e.findtext("Name") or "").strip(): (e.findtext(
        "Mornings_Afternoons_Behavior") or "").strip() for e in root.findall(
        "./Teachers_List/Teacher")}
    return FetData(path=path, institution=(root.findtext("Institution_Name") or "").strip(),
                   days=days, hours=hours, subjects=_names(root, "./Subjects_List/Subject"),
                   teachers=_names(root, "./Teachers_List/Teacher"), years=years, kind=kind,
                   leaves=leaves, year_of=year_of, activities=activities,
                   constraints=constraints, inactive_activities=inactive,
                   inactive_constraints=inactive_constraints,
                   inactive_ids=frozenset(inactive_ids),
                   rooms=len(root.findall("./Rooms_List/Room")), comments=comments,
                   room_list=[FetRoom((e.findtext("Name") or "").strip(),
                                      _integer(e.findtext("Capacity"), 30000),
                                      (e.findtext("Virtual") or "").strip().lower() == "true")
                              for e in root.findall("./Rooms_List/Room")],
                   size=size, mode=mode, old_custom=custom, behaviors=behaviors)


_CUSTOM = (("-mathmake", "Terms"), ("-morocco", "Mornings_Afternoons"),
           ("-algeria", "Mornings_Afternoons"), ("-ma", "Mornings_Afternoons"),
           ("-bp", "Block_Planning"))
"""Version suffixes of FET 5's custom builds and the mode FET 6 reads them in (its messages:
'FET detected that this file was generated with a custom FET-5-MA version ...')."""


def _mode(root: ET.Element) -> tuple[str, str]:
    """(FET's mode of the file, the custom FET 5 build it comes from or '')."""
    written = (root.findtext("Mode") or "").strip()
    version = root.get("version", "")
    for suffix, mode in _CUSTOM:
        if suffix in version:
            return written or mode, suffix.removeprefix("-")
    return written or "Official", ""


def _integer(text: str | None, default: int = 0) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        return default


def _active(element: ET.Element) -> bool:
    return (element.findtext("Active") or "true").strip().lower() != "false"
