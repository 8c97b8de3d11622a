"""FET's students sets as aligner's classes.

FET's students are a tree: years hold groups, groups hold subgroups, and a subgroup may belong to
several groups (FET's divisions). Every activity names one or more students sets; a set takes
part through its smallest parts (:attr:`FetData.leaves`), and two activities clash when their
sets share one. aligner's classes do not share students, so the classes of an import are the
coarsest partition of those smallest parts in which every named set is a union of classes: two
parts are in one class when exactly the same named sets hold them. A set named alone (a year
without named groups) stays one class; a year whose groups also have activities becomes its
groups (or the parts of them that the named sets tell apart), and each activity of the year is
a combined lesson (合班) of those classes. FET's rule (one activity at a time for every
subgroup) and aligner's (one lesson per class and period, a combined lesson taking each of its
classes) are then the same rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from aligner.fet.fetfile import FetData
from aligner.io.cells import id_date_hint, strange_characters

_UNSAFE = re.compile(r"[:;,+：；，、]")


def safe_id(name: str) -> str:
    """``name`` without the characters that separate ids and slots in the instance's cells
    (``:``, ``;``, ``,``, ``+`` and their full-width forms)."""
    return _UNSAFE.sub("_", name).strip() or "_"


def readable(value: str) -> bool:
    """Whether the instance's reader takes ``value`` as an id: no invisible character, no
    letter of a script that looks like Latin among Latin letters, nothing Excel makes a date
    of (aligner.io.cells)."""
    return not strange_characters(value) and not id_date_hint(value)


def unique_ids(names: list[str], taken: set[str] | None = None, fallback: str = ""
               ) -> dict[str, str]:
    """name -> a safe id, made unique by a ``_2``, ``_3`` suffix; with ``fallback``, a name the
    reader would not take as an id (:func:`readable`) becomes ``<fallback> <k>``."""
    ids: dict[str, str] = {}
    used = set(taken or ())
    for k, n in enumerate(names, start=1):
        base = safe_id(n)
        if fallback and not readable(base):
            base = f"{fallback} {k}"
        candidate, k = base, 2
        while candidate in used:
            candidate, k = f"{base}_{k}", k + 1
        ids[n] = candidate
        used.add(candidate)
    return ids


@dataclass(frozen=True)
class FetClass:
    """One class of the import: the smallest FET students sets it holds."""

    class_id: str
    name: str
    leaves: frozenset[str]
    year: str


@dataclass
class Classes:
    """The classes of one FET file and how its students sets map onto them."""

    classes: list[FetClass]
    of_leaf: dict[str, str]
    """Smallest students set -> its class id (only sets some activity names)."""

    def of_set(self, data: FetData, name: str) -> tuple[str, ...]:
        """The classes that make up students set ``name`` (none for a set no activity names)."""
        return tuple(dict.fromkeys(self.of_leaf[leaf] for leaf in sorted(data.leaves.get(
            name, frozenset())) if leaf in self.of_leaf))

    def by_id(self) -> dict[str, FetClass]:
        return {c.class_id: c for c in self.classes}


def classes_of(data: FetData, named: set[str], short: bool = False) -> Classes:
    """The coarsest partition of the smallest parts of the ``named`` students sets in which
    every named set is a union of classes. Ids are the FET names made safe, or with ``short``
    ``c1``, ``c2``, ... (the names stay FET's)."""
    holders: dict[str, set[str]] = defaultdict(set)
    for name in named:
        for leaf in data.leaves.get(name, frozenset()):
            holders[leaf].add(name)
    by_signature: dict[frozenset[str], set[str]] = defaultdict(set)
    for leaf, sets in holders.items():
        by_signature[frozenset(sets)].add(leaf)
    # a FET name for each class: the set (named first, then any) whose parts are exactly its own
    exact: dict[frozenset[str], str] = {}
    order = {name: k for k, name in enumerate(data.kind)}
    for name in sorted(data.leaves, key=lambda n: (n not in named, order.get(n, 0))):
        exact.setdefault(data.leaves[name], name)
    groups = sorted(by_signature.values(), key=lambda leaves: min(
        order.get(leaf, 0) for leaf in leaves))
    names: list[str] = []
    for leaves in groups:
        frozen = frozenset(leaves)
        if frozen in exact:
            names.append(exact[frozen])
            continue
        parts = sorted(leaves, key=lambda leaf: order.get(leaf, 0))
        if len(parts) <= 3:
            names.append(" & ".join(parts))
        else:
            smallest = min((n for n in named if frozen <= data.leaves[n]),
                           key=lambda n: (len(data.leaves[n]), n))
            names.append(f"{smallest} ({parts[0]} and {len(parts) - 1} more)")
    ids = ({n: f"c{k}" for k, n in enumerate(names, start=1)} if short
           else unique_ids(names, fallback="class"))
    classes: list[FetClass] = []
    of_leaf: dict[str, str] = {}
    for leaves, name in zip(groups, names, strict=True):
        first = min(leaves, key=lambda leaf: order.get(leaf, 0))
        klass = FetClass(ids[name], name, frozenset(leaves), data.year_of.get(first, first))
        classes.append(klass)
        for leaf in leaves:
            of_leaf[leaf] = klass.class_id
    return Classes(classes, of_leaf)
