"""The input fuzz harness: the two shipped instances, broken in the ways careless offices and
their spreadsheets break them, each variant run through ``aligner solve`` and held to the
contract of docs/input.md:

* a broken input exits 2, names the file and, for a fault in a cell, its row and column (the
  row that holds the bad value), prints no traceback, and leaves the output directory as it was;
* a benign change (CRLF, a BOM, reordered or extra columns, padding, another encoding, ...)
  gives the same timetable as the instance as shipped;
* a change worth a word (a core subject no subject has) solves, with a warning.

Every kind of mutation (:data:`MUTATIONS`) is applied in turn to both instances; where it picks
a row or a value it draws from a random generator seeded by the case number and
``ALIGNER_FUZZ_SEED``. ``tests/io/test_fuzz.py`` runs ``ALIGNER_FUZZ_CASES`` (default 300)
cases; ``python -m tests.io.fuzz --cases 3000`` runs more and prints the outcome table.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import random
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from aligner.cli import main
from aligner.io.formats import BELLS, required_columns

ROOT = Path(__file__).resolve().parents[2]
INSTANCES = {"lanxi": ROOT / "data" / "lanxi-2022-winter",
             "lianyun": ROOT / "data" / "lianyun-xugou"}
SEED = int(os.environ.get("ALIGNER_FUZZ_SEED", "20261206"))
CASES = int(os.environ.get("ALIGNER_FUZZ_CASES", "300"))
SOLVE = ("--time-limit", "10", "--workers", "1", "--quiet", "--no-grids")


@dataclass(frozen=True)
class Expect:
    """What the contract asks of one broken variant."""

    outcome: str
    """``error`` (exit 2), ``same`` (the shipped timetable) or ``warn`` (solves, with a
    warning)."""
    file: str = ""
    row: int | None = None
    column: str | None = None
    phrase: str = ""
    """Words the message must hold (case-insensitive), when it matters."""


def error(file: str, row: int | None = None, column: str | None = None,
          phrase: str = "") -> Expect:
    return Expect("error", file, row, column, phrase)


SAME = Expect("same")

# ---- reading and writing the tables ----------------------------------------------------------


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def write_rows(path: Path, rows: list[list[str]], lineterminator: str = "\n") -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=lineterminator).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def pick(directory: Path, file: str, column: str, rng: random.Random,
         when: Callable[[str], bool] = bool) -> tuple[list[list[str]], int, int]:
    """A random data row whose ``column`` cell satisfies ``when``: (rows, row index, column
    index)."""
    rows = rows_of(directory / file)
    c = rows[0].index(column)
    candidates = [r for r in range(1, len(rows)) if when(rows[r][c])]
    return rows, rng.choice(candidates), c


def set_cell(file: str, column: str, value: str | Callable[[str, random.Random], str],
             when: Callable[[str], bool] = bool, phrase: str = "") -> Callable[..., Expect]:
    """A mutation that puts ``value`` (or value(old, rng)) in a random cell of the column."""

    def mutate(directory: Path, rng: random.Random) -> Expect:
        rows, r, c = pick(directory, file, column, rng, when)
        rows[r][c] = value(rows[r][c], rng) if callable(value) else value
        write_rows(directory / file, rows)
        return error(file, r + 1, column, phrase)

    return mutate


# ---- the mutations ------------------------------------------------------------------------

ZERO_WIDTH = "\u200b"
LOOK_ALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
               "x": "\u0445", "h": "\u04bb", "t": "\u0442"}


def _insert(text: str, rng: random.Random, what: str) -> str:
    at = rng.randrange(1, len(text))
    return text[:at] + what + text[at:]


def _look_alike(text: str, rng: random.Random) -> str:
    places = [i for i, ch in enumerate(text) if ch in LOOK_ALIKES]
    i = rng.choice(places)
    return text[:i] + LOOK_ALIKES[text[i]] + text[i + 1:]


def _typo(text: str, rng: random.Random) -> str:
    """A near miss that names no teacher: a letter doubled."""
    i = rng.randrange(len(text))
    return text[:i] + text[i] + text[i:]


def _course_rows(directory: Path, rng: random.Random) -> tuple[list[list[str]], list[int]]:
    rows = rows_of(directory / "sync.csv")
    course = rng.choice(sorted({row[0] for row in rows[1:]}))
    return rows, [r for r in range(1, len(rows)) if rows[r][0] == course]


def course_with_no_session(directory: Path, rng: random.Random) -> Expect:
    rows, mine = _course_rows(directory, rng)
    c = rows[0].index("per_week")
    for r in mine:
        rows[r][c] = "0"
    write_rows(directory / "sync.csv", rows)
    return error("sync.csv", mine[0] + 1, "per_week", "at least 1 session")


def overflowing_class(directory: Path, rng: random.Random) -> Expect:
    """40 lessons of one subject in a row that is not the class's first."""
    rows = rows_of(directory / "curriculum.csv")
    firsts: dict[tuple[str, str], int] = {}
    later = []
    for r in range(1, len(rows)):
        key = (rows[r][0], rows[r][1])
        if key in firsts:
            later.append(r)
        else:
            firsts[key] = r
    r = rng.choice(later)
    c = rows[0].index("per_week")
    rows[r][c] = "40"
    write_rows(directory / "curriculum.csv", rows)
    return error("curriculum.csv", r + 1, "per_week")


def unbalanced_quote(directory: Path, rng: random.Random) -> Expect:
    """A teacher's name typed with an opening quote that never closes."""
    path = directory / "teachers.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    r = rng.randrange(1, len([line for line in lines if line]) - 1)
    cells = lines[r].split(",")
    cells[2] = '"' + cells[2]
    lines[r] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    return error("teachers.csv", r + 1, "name", "quote")


def oversize_cell(directory: Path, rng: random.Random) -> Expect:
    rows, r, c = pick(directory, "teachers.csv", "name", rng)
    rows[r][c] = "王" * (10 * 1024 * 1024)
    write_rows(directory / "teachers.csv", rows)
    return error("teachers.csv", r + 1, "name", "characters")


def extra_cells(directory: Path, rng: random.Random) -> Expect:
    rows, r, _ = pick(directory, "classes.csv", "class_id", rng)
    rows[r] += ["x", "y"]
    write_rows(directory / "classes.csv", rows)
    return error("classes.csv", r + 1)


def delimiter(separator: str) -> Callable[..., Expect]:
    def mutate(directory: Path, rng: random.Random) -> Expect:
        path = directory / "teachers.csv"
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=separator, lineterminator="\n").writerows(rows_of(path))
        path.write_text(buffer.getvalue(), encoding="utf-8")
        return error("teachers.csv", 1)
    return mutate


def header_twice(directory: Path, rng: random.Random) -> Expect:
    rows = rows_of(directory / "curriculum.csv")
    c = rng.randrange(len(rows[0]))
    name = rows[0][c]
    write_rows(directory / "curriculum.csv", [[*row, row[c]] for row in rows])
    return error("curriculum.csv", 1, name, "twice")


def required_column_gone(directory: Path, rng: random.Random) -> Expect:
    rows = rows_of(directory / "bells.csv")
    c = rng.choice([i for i, column in enumerate(rows[0]) if column in required_columns(BELLS)])
    name = rows[0][c]
    write_rows(directory / "bells.csv", [row[:c] + row[c + 1:] for row in rows])
    return error("bells.csv", 1, name, "missing")


def file_replaced(kind: str) -> Callable[..., Expect]:
    def mutate(directory: Path, rng: random.Random) -> Expect:
        file = rng.choice(["teachers.csv", "classes.csv", "curriculum.csv", "instance.yaml"])
        path = directory / file
        path.unlink()
        if kind == "directory":
            path.mkdir()
            return error(file, phrase="directory")
        if kind == "loop":
            path.symlink_to(path.name)
            return error(file, phrase="link")
        raise ValueError(kind)
    return mutate


def encoded(encoding: str, phrase: str) -> Callable[..., Expect]:
    def mutate(directory: Path, rng: random.Random) -> Expect:
        file = rng.choice(["teachers.csv", "classes.csv", "instance.yaml"])
        path = directory / file
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding, errors="replace"))
        return error(file, phrase=phrase)
    return mutate


def binary(directory: Path, rng: random.Random) -> Expect:
    file = rng.choice(["teachers.csv", "schools.csv", "instance.yaml"])
    (directory / file).write_bytes(bytes(rng.randrange(256) for _ in range(2000)))
    return error(file)


def truncated(directory: Path, rng: random.Random) -> Expect:
    """The file cut in the middle of a row's first cells (as a half-copied file is)."""
    path = directory / "teachers.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    r = rng.randrange(2, len(lines))
    cells = lines[r].split(",")
    path.write_text("\n".join([*lines[:r], ",".join(cells[:2])]), encoding="utf-8")
    return error("teachers.csv", r + 1)


def emptied(directory: Path, rng: random.Random) -> Expect:
    file = rng.choice(["bells.csv", "teachers.csv", "sync.csv"])
    (directory / file).write_bytes(b"")
    return error(file, 1)


def yaml_edit(change: Callable[[str], str], column: str, phrase: str = "") -> Callable[..., Expect]:
    def mutate(directory: Path, rng: random.Random) -> Expect:
        path = directory / "instance.yaml"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        return error("instance.yaml", None, column, phrase)
    return mutate


def policy_key(key: str, value: str) -> Callable[[str], str]:
    """Set policy.<key> to the YAML text ``value`` (adding it when missing)."""
    def change(text: str) -> str:
        if re.search(rf"^  {key}:", text, flags=re.M):
            return re.sub(rf"^  {key}:.*$", f"  {key}: {value}", text, count=1, flags=re.M)
        if re.search(r"^policy:\s*$", text, flags=re.M):
            return re.sub(r"^policy:\s*$", f"policy:\n  {key}: {value}", text, count=1,
                          flags=re.M)
        return text + f"policy:\n  {key}: {value}\n"
    return change


def weights_key(key: str, value: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        return re.sub(r"^weights:.*$", f"weights: {{{key}: {value}}}", text, count=1,
                      flags=re.M)
    return change


def top_key(key: str, value: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        return re.sub(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
    return change


def appended(extra: str) -> Callable[[str], str]:
    return lambda text: text.rstrip("\n") + "\n" + extra


def core_subject_nobody_has(directory: Path, rng: random.Random) -> Expect:
    path = directory / "instance.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^core_subjects:.*$", "core_subjects: [语文, 数学, 英文]", text,
                           count=1, flags=re.M), encoding="utf-8")
    return Expect("warn", "instance.yaml", phrase="英文")


# benign


def crlf(directory: Path, rng: random.Random) -> Expect:
    for path in directory.glob("*.csv"):
        write_rows(path, rows_of(path), lineterminator="\r\n")
    return SAME


def bom(directory: Path, rng: random.Random) -> Expect:
    for path in [*directory.glob("*.csv"), directory / "instance.yaml"]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return SAME


def reordered_columns(directory: Path, rng: random.Random) -> Expect:
    for path in directory.glob("*.csv"):
        rows = rows_of(path)
        order = list(range(len(rows[0])))
        rng.shuffle(order)
        write_rows(path, [[row[i] for i in order] for row in rows])
    return SAME


def extra_column(directory: Path, rng: random.Random) -> Expect:
    for path in directory.glob("*.csv"):
        rows = rows_of(path)
        write_rows(path, [rows[0] + ["备注"]] + [[*row, "手填"] for row in rows[1:]])
    return SAME


def blank_lines(directory: Path, rng: random.Random) -> Expect:
    for path in directory.glob("*.csv"):
        path.write_text(path.read_text(encoding="utf-8") + "\n,,,\n\n", encoding="utf-8")
    return SAME


def padded(directory: Path, rng: random.Random) -> Expect:
    for path in directory.glob("*.csv"):
        rows = rows_of(path)
        write_rows(path, [[f" {cell}  " for cell in row] for row in rows])
    return SAME


def other_encoding(directory: Path, rng: random.Random) -> Expect:
    for path in directory.glob("*.csv"):
        path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    return SAME


def upper_headers(directory: Path, rng: random.Random) -> Expect:
    for path in directory.glob("*.csv"):
        rows = rows_of(path)
        write_rows(path, [[h.upper() for h in rows[0]], *rows[1:]])
    return SAME


def full_width_digits(directory: Path, rng: random.Random) -> Expect:
    rows, r, c = pick(directory, "curriculum.csv", "per_week", rng)
    rows[r][c] = rows[r][c].translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    write_rows(directory / "curriculum.csv", rows)
    return SAME


def no_break_space(directory: Path, rng: random.Random) -> Expect:
    rows, r, c = pick(directory, "curriculum.csv", "teacher_id", rng)
    rows[r][c] += "\u00a0"
    write_rows(directory / "curriculum.csv", rows)
    return SAME


def is_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d+(\.\d+)?", text))


MUTATIONS: dict[str, Callable[[Path, random.Random], Expect]] = {
    # numbers: range and precision (docs/input.md, "Numbers")
    "max_load 1e400": set_cell("teachers.csv", "max_load", "1e400", is_number),
    "max_load 20 digits": set_cell("teachers.csv", "max_load", "99999999999999999999", is_number),
    "max_load 16.000...01": set_cell("teachers.csv", "max_load", "16.00000000000000000001",
                                     is_number),
    "min_load 0.000...01": set_cell("teachers.csv", "min_load", "0.00000000000000000001",
                                    is_number),
    "min_load -1": set_cell("teachers.csv", "min_load", "-1", is_number),
    "max_load lots": set_cell("teachers.csv", "max_load", "lots", is_number),
    "max_load nan": set_cell("teachers.csv", "max_load", "nan", is_number),
    "max_load inf": set_cell("teachers.csv", "max_load", "inf", is_number),
    "max_load 12,5": set_cell("teachers.csv", "max_load", "12,5", is_number),
    "max_load 12.345": set_cell("teachers.csv", "max_load", "12.345", is_number),
    "per_week 4e0": set_cell("curriculum.csv", "per_week", "4e0", is_number),
    "per_week 3.5": set_cell("curriculum.csv", "per_week", "3.5", is_number),
    "per_week -2": set_cell("curriculum.csv", "per_week", "-2", is_number),
    "per_week 20 digits": set_cell("curriculum.csv", "per_week", "99999999999999999999",
                                   is_number),
    "max_per_day 0": set_cell("curriculum.csv", "max_per_day", "0", is_number),
    "sync_rooms 1e3": set_cell("schools.csv", "sync_rooms", "1e3", is_number),
    "sync_rooms 10^20": set_cell("schools.csv", "sync_rooms", "100000000000000000000",
                                 is_number),
    "period 1e9": set_cell("bells.csv", "period", "1000000000"),
    "grade word": set_cell("classes.csv", "grade", "three"),
    "grade 10^20": set_cell("classes.csv", "grade", "100000000000000000000"),
    "course per_week 0": course_with_no_session,
    "course per_week 10^12": set_cell("sync.csv", "per_week", "1000000000000"),
    "class overflows its periods": overflowing_class,
    # ids: invisible and look-alike characters, near misses
    "teacher id with a zero-width space": set_cell(
        "curriculum.csv", "teacher_id", lambda v, rng: _insert(v, rng, ZERO_WIDTH),
        phrase="U+200B"),
    "teacher id with a Cyrillic letter": set_cell(
        "curriculum.csv", "teacher_id", _look_alike,
        lambda v: any(ch in LOOK_ALIKES for ch in v), phrase="U+04"),
    "teacher defined with a zero-width space": set_cell(
        "teachers.csv", "teacher_id", lambda v, rng: _insert(v, rng, ZERO_WIDTH),
        phrase="U+200B"),
    "class id with a zero-width space": set_cell(
        "curriculum.csv", "class_id", lambda v, rng: _insert(v, rng, ZERO_WIDTH),
        phrase="U+200B"),
    "teacher id typo": set_cell("curriculum.csv", "teacher_id", _typo, phrase="did you mean"),
    "hub teacher typo": set_cell("sync.csv", "hub_teacher", _typo, phrase="did you mean"),
    "season Winter": set_cell("bells.csv", "season", "Winter", lambda v: v == "winter",
                              phrase="did you mean"),
    "school id upper case": set_cell("classes.csv", "school_id", lambda v, rng: v.upper(),
                                     phrase="did you mean"),
    "form Sync": set_cell("sync.csv", "form", "Sync", phrase="sync"),
    # times and slots
    "start 25:00": set_cell("bells.csv", "start", "25:00"),
    "start 8:70": set_cell("bells.csv", "start", "8:70"),
    "start 8.30": set_cell("bells.csv", "start", "8.30"),
    "end 2:00 (afternoon)": set_cell("bells.csv", "end", "2:00"),
    "unavailable Mon:": set_cell("teachers.csv", "unavailable", "Mon:", phrase="Mon:"),
    "unavailable Sun": set_cell("teachers.csv", "unavailable", "Sun"),
    "unavailable Mon:99": set_cell("teachers.csv", "unavailable", "Mon:99"),
    "unavailable Mon:3-1": set_cell("teachers.csv", "unavailable", "Mon:3-1"),
    "unavailable Mon:1-": set_cell("teachers.csv", "unavailable", "Mon:1-"),
    # the files as text
    "unbalanced quote in a name": unbalanced_quote,
    "10 MB cell": oversize_cell,
    "extra cells in a row": extra_cells,
    "semicolons between cells": delimiter(";"),
    "tabs between cells": delimiter("\t"),
    "a column twice in the header": header_twice,
    "a required column missing": required_column_gone,
    "a directory where a file belongs": file_replaced("directory"),
    "a link that loops": file_replaced("loop"),
    "UTF-16": encoded("utf-16", "UTF-16"),
    "Big5": encoded("big5", "Big5"),
    "binary noise": binary,
    "cut in the middle of a row": truncated,
    "an empty file": emptied,
    # instance.yaml
    "online_credit twice": yaml_edit(policy_key("online_credit", "1.5\n  online_credit: 2.0"),
                                     "policy.online_credit", "twice"),
    "policy block twice": yaml_edit(appended("policy:\n  min_break: 5\n"), "policy", "twice"),
    "min_overlap_minutes true": yaml_edit(policy_key("min_overlap_minutes", "true"),
                                          "policy.min_overlap_minutes"),
    "min_overlap_minutes 30.5": yaml_edit(policy_key("min_overlap_minutes", "30.5"),
                                          "policy.min_overlap_minutes"),
    "semester_weeks a mapping": yaml_edit(policy_key("semester_weeks", "{a: 1}"),
                                          "policy.semester_weeks"),
    "name a list": yaml_edit(top_key("name", "[a, b]"), "name"),
    "misalignment_minute 10^20": yaml_edit(weights_key("misalignment_minute",
                                                       "100000000000000000000"),
                                           "weights.misalignment_minute"),
    "same_day_repeat -1": yaml_edit(weights_key("same_day_repeat", "-1"),
                                    "weights.same_day_repeat"),
    "online_credit 1.5000...01": yaml_edit(policy_key("online_credit",
                                                      "'1.50000000000000000001'"),
                                           "policy.online_credit"),
    "assistant_credit 0.333": yaml_edit(policy_key("assistant_credit", "0.333"),
                                        "policy.assistant_credit"),
    "online_credit 10^20": yaml_edit(policy_key("online_credit", "100000000000000000000"),
                                     "policy.online_credit"),
    "unknown policy key": yaml_edit(policy_key("min_sync_lesons_per_pair", "4"),
                                    "policy.min_sync_lesons_per_pair"),
    "tab-indented YAML": yaml_edit(appended("policy:\n\tmin_break: 5\n"), None),  # type: ignore[arg-type]
    "days empty": yaml_edit(top_key("days", "[]"), "days"),
    "core subject nobody has": core_subject_nobody_has,
    # benign
    "CRLF line ends": crlf,
    "byte order marks": bom,
    "columns reordered": reordered_columns,
    "an extra column": extra_column,
    "blank lines at the end": blank_lines,
    "cells padded with spaces": padded,
    "GB18030": other_encoding,
    "headers in capitals": upper_headers,
    "full-width digits": full_width_digits,
    "a no-break space after an id": no_break_space,
}


# ---- the cases and the contract ----------------------------------------------------------


@dataclass(frozen=True)
class Case:
    number: int
    kind: str
    instance: str

    @property
    def label(self) -> str:
        return f"{self.number:04d} {self.instance}: {self.kind}"


def cases(count: int = CASES, seed: int = SEED) -> list[Case]:
    """Every kind on both instances in turn, then again (other rows, other values)."""
    kinds = list(MUTATIONS)
    names = list(INSTANCES)
    return [Case(n, kinds[n % len(kinds)], names[(n // len(kinds)) % len(names)])
            for n in range(count)]


@dataclass(frozen=True)
class Outcome:
    case: Case
    expect: Expect
    ok: bool
    why: str
    exit_code: int


def _digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.iterdir())} if directory.exists() else {}


_SHIPPED: dict[str, bytes] = {}


def shipped_lessons(instance: str) -> bytes:
    """lessons.csv of the instance as shipped, solved with the same options."""
    if instance not in _SHIPPED:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out"
            result = CliRunner().invoke(main, ["solve", str(INSTANCES[instance]), "--out",
                                               str(out), *SOLVE])
            assert result.exit_code == 0, result.output
            _SHIPPED[instance] = (out / "lessons.csv").read_bytes()
    return _SHIPPED[instance]


def run_case(case: Case, seed: int = SEED) -> Outcome:
    rng = random.Random(f"{seed}/{case.number}")
    with tempfile.TemporaryDirectory(prefix="aligner-fuzz-") as tmp:
        directory = Path(tmp) / case.instance
        shutil.copytree(INSTANCES[case.instance], directory)
        (directory / "README.md").unlink(missing_ok=True)
        expect = MUTATIONS[case.kind](directory, rng)
        out = Path(tmp) / "out"
        out.mkdir()
        (out / "lessons.csv").write_text("an earlier timetable\n", encoding="utf-8")
        (out / "summary.json").write_text("{}\n", encoding="utf-8")
        before = _digest(out)
        if expect.outcome != "error":
            shutil.rmtree(out)
        result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(out), *SOLVE])
        why = _verdict(case, expect, result, out, before)
    return Outcome(case, expect, not why, why, result.exit_code)


def _verdict(case: Case, expect: Expect, result, out: Path, before: dict[str, str]) -> str:
    """'' when the run keeps the contract, else what broke it."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return f"crashed: {type(result.exception).__name__}: {str(result.exception)[:200]}"
    if "Traceback" in result.output:
        return "printed a traceback"
    stderr = result.stderr
    if expect.outcome == "error":
        if result.exit_code != 2:
            return f"exit {result.exit_code}, not 2: {(stderr or result.stdout)[-300:]}"
        if _digest(out) != before:
            return "the output directory changed"
        lines = [line.strip() for line in stderr.splitlines() if line.startswith("  ")]
        where = [line for line in lines if _names(line, expect)]
        if not where:
            return f"no message names {_place(expect)}: {stderr[-400:]}"
        if expect.phrase and not any(expect.phrase.lower() in line.lower() for line in where):
            return f"the message at {_place(expect)} lacks '{expect.phrase}': {where[0]}"
        return ""
    if result.exit_code != 0:
        return f"exit {result.exit_code}, not 0: {(stderr or result.stdout)[-300:]}"
    if expect.outcome == "same" and (out / "lessons.csv").read_bytes() != \
            shipped_lessons(case.instance):
        return "a different timetable from the instance as shipped"
    if expect.outcome == "warn" and (
            "warning" not in stderr or expect.phrase.lower() not in stderr.lower()):
        return f"no warning naming '{expect.phrase}'"
    return ""


def _names(line: str, expect: Expect) -> bool:
    """The issue line is about the expected file (and row and column)."""
    head = line.split(": ", 1)[0]
    if not (head == expect.file or head.startswith(expect.file + ",")
            or head.endswith("/" + expect.file) or f"/{expect.file}," in head):
        return False
    if expect.row is not None and f", row {expect.row}" not in head \
            and not head.endswith(f"row {expect.row}"):
        return False
    return expect.column is None or head.endswith(f"column {expect.column}")


def _place(expect: Expect) -> str:
    return expect.file + (f", row {expect.row}" if expect.row is not None else "") + (
        f", column {expect.column}" if expect.column else "")


def table(outcomes: list[Outcome]) -> str:
    """The outcome table: per kind, cases and how many kept the contract."""
    total: Counter[str] = Counter()
    good: Counter[str] = Counter()
    expected: dict[str, str] = {}
    for o in outcomes:
        total[o.case.kind] += 1
        good[o.case.kind] += o.ok
        expected[o.case.kind] = o.expect.outcome
    lines = ["| kind | expected | cases | kept the contract |", "|---|---|---|---|"]
    lines += [f"| {kind} | {expected[kind]} | {total[kind]} | {good[kind]} |" for kind in total]
    lines.append(f"| all | | {sum(total.values())} | {sum(good.values())} |")
    return "\n".join(lines)


def main_script(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the input fuzz harness; print the "
                                     "outcome table and every case that broke the contract.")
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    outcomes = [run_case(case, args.seed) for case in cases(args.cases, args.seed)]
    print(table(outcomes))
    for o in outcomes:
        if not o.ok:
            print(f"- {o.case.label}: {o.why}")
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main_script())
