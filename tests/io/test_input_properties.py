"""Property-based: hundreds of broken instances never crash `aligner solve` and never write
half a result. Hypothesis corrupts a valid instance in the ways spreadsheets and people do
(missing files and columns, wrong types, unknown references, duplicate ids, bad or 12-hour
times, empty tables, other encodings, broken YAML) and the command must answer with a
documented exit code; exit 2 lists every problem with its file (and row and column where there
is one); exit 0 writes a timetable that passes the checker."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.cli import main
from aligner.export import OUTPUT_FILES
from aligner.io import load_instance
from tests.builders import sync_pair
from tests.solving import assert_valid

FILES = ("instance.yaml", "schools.csv", "bells.csv", "classes.csv", "teachers.csv",
         "curriculum.csv", "sync.csv")
CSV_FILES = FILES[1:]
NASTY = ("", " ", "abc", "INF", "-inf", "nan", "25:00", "8:70", "1:20", "13:5", "-1", "0",
         "3.5", "1e9", "２", "NaN", "None", "null", "😀", "Mon:9", "Sun", "Mon:2-1", "3-1", "2-",
         "1-2-3", "H", "R", "h1", "r1", "th", "tr", "sync", "famous", "delivery", "city",
         "winter", "数学", "3月2日", "08:00:00", "2147483648", "\t", ",", '"', "Mon:1;;Tue",
         "level", "Mon:1-99999999", "99999999", "1-99999999")
ISSUE_LINE = re.compile(r"^  (instance\.yaml|\w+\.csv|\S+?)(, row \d+)?(, column .+?)?: .+")


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@st.composite
def corruptions(draw: st.DrawFn) -> tuple[str, tuple]:
    kind = draw(st.sampled_from([
        "delete file", "drop column", "set cell", "set cell text", "duplicate row", "empty table",
        "header only", "encode", "truncate", "yaml value", "yaml garbage", "afternoon 12h",
        "swap cells", "several cells",
    ]))
    if kind in ("delete file",):
        return kind, (draw(st.sampled_from(FILES)),)
    if kind in ("drop column", "duplicate row", "empty table", "header only", "truncate"):
        return kind, (draw(st.sampled_from(CSV_FILES)), draw(st.integers(0, 20)))
    if kind == "set cell":
        return kind, (draw(st.sampled_from(CSV_FILES)), draw(st.integers(0, 50)),
                      draw(st.sampled_from(NASTY)))
    if kind == "set cell text":
        return kind, (draw(st.sampled_from(CSV_FILES)), draw(st.integers(0, 50)),
                      draw(st.text(max_size=12)))
    if kind == "several cells":
        return kind, tuple((draw(st.sampled_from(CSV_FILES)), draw(st.integers(0, 50)),
                            draw(st.sampled_from(NASTY))) for _ in range(draw(st.integers(2, 4))))
    if kind == "swap cells":
        return kind, (draw(st.sampled_from(CSV_FILES)), draw(st.integers(0, 50)),
                      draw(st.integers(0, 50)))
    if kind == "encode":
        return kind, (draw(st.sampled_from(FILES)),
                      draw(st.sampled_from(["gb18030", "utf-8-sig", "utf-16", "latin-1 noise"])))
    if kind == "yaml value":
        return kind, (draw(st.sampled_from(["name", "season", "days", "policy", "weights",
                                            "core_subjects", "min_overlap_minutes",
                                            "online_credit", "misalignment_minute"])),
                      draw(st.sampled_from(["", "[]", "{}", "-3", "1.2", "abc", "[Mon, Mon]",
                                            "null", "{a: 1}", "0.5", "true", "'1:20'"])))
    if kind == "yaml garbage":
        return kind, (draw(st.sampled_from(["[", "{", ": :", "\t- x", "%%%", "name: [a"])),)
    return kind, ()


def corrupt(directory: Path, kind: str, args: tuple) -> None:
    if kind == "delete file":
        (directory / args[0]).unlink()
    elif kind == "drop column":
        rows = _rows(directory / args[0])
        i = args[1] % len(rows[0])
        _write_rows(directory / args[0], [r[:i] + r[i + 1:] for r in rows])
    elif kind in ("set cell", "set cell text"):
        _set_cell(directory, *args)
    elif kind == "several cells":
        for one in args:
            _set_cell(directory, *one)
    elif kind == "swap cells":
        rows = _rows(directory / args[0])
        cells = [(r, c) for r in range(len(rows)) for c in range(len(rows[r]))]
        (r1, c1), (r2, c2) = cells[args[1] % len(cells)], cells[args[2] % len(cells)]
        rows[r1][c1], rows[r2][c2] = rows[r2][c2], rows[r1][c1]
        _write_rows(directory / args[0], rows)
    elif kind == "duplicate row":
        rows = _rows(directory / args[0])
        if len(rows) > 1:
            rows.append(rows[1 + args[1] % (len(rows) - 1)])
        _write_rows(directory / args[0], rows)
    elif kind == "empty table":
        (directory / args[0]).write_bytes(b"")
    elif kind == "header only":
        _write_rows(directory / args[0], _rows(directory / args[0])[:1])
    elif kind == "truncate":
        data = (directory / args[0]).read_bytes()
        (directory / args[0]).write_bytes(data[: max(1, len(data) * (args[1] + 1) // 22)])
    elif kind == "encode":
        path = directory / args[0]
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xff\x80" + text.encode("utf-8") if args[1] == "latin-1 noise"
                         else text.encode(args[1]))
    elif kind == "yaml value":
        path = directory / "instance.yaml"
        text = path.read_text(encoding="utf-8")
        key, value = args
        if re.search(rf"^(\s*){key}:.*$", text, flags=re.M):
            text = re.sub(rf"^(\s*){key}:.*$", rf"\g<1>{key}: {value}", text, count=1, flags=re.M)
        else:
            text += f"{key}: {value}\n"
        path.write_text(text, encoding="utf-8")
    elif kind == "yaml garbage":
        path = directory / "instance.yaml"
        path.write_text(path.read_text(encoding="utf-8") + args[0] + "\n", encoding="utf-8")
    elif kind == "afternoon 12h":
        rows = _rows(directory / "bells.csv")
        rows[-1][rows[0].index("start")], rows[-1][rows[0].index("end")] = "1:20", "2:00"
        _write_rows(directory / "bells.csv", rows)


def _set_cell(directory: Path, file: str, index: int, value: str) -> None:
    rows = _rows(directory / file)
    cells = [(r, c) for r in range(len(rows)) for c in range(len(rows[r]))]
    r, c = cells[index % len(cells)]
    rows[r][c] = value
    _write_rows(directory / file, rows)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::aligner.io.InputWarning")
@settings(max_examples=int(os.environ.get("ALIGNER_FUZZ_EXAMPLES", "260")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(corruption=corruptions())
def test_broken_input_never_crashes_and_never_half_writes(corruption):
    kind, args = corruption
    with tempfile.TemporaryDirectory() as tmp:
        directory = sync_pair(Path(tmp), per_week="1-2", days=("Mon", "Tue"),
                              hub_bells=("08:00-08:40", "09:00-09:40", "13:00-13:40"),
                              receiving_bells=("08:05-08:45", "09:05-09:45", "13:10-13:50"))
        corrupt(directory, kind, args)
        out = Path(tmp) / "out"
        result = CliRunner().invoke(main, ["solve", str(directory), "--out", str(out),
                                           "--workers", "1", "--time-limit", "10",
                                           "--explain-time", "10"])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            kind, args, result.exception)
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 2, 3, 4), (kind, args, result.output)
        if result.exit_code == 2:
            lines = [line for line in result.stderr.splitlines() if line.startswith("  ")]
            assert lines, result.stderr
            assert all(ISSUE_LINE.match(line) for line in lines), result.stderr
            assert not out.exists()
        elif result.exit_code == 0:
            assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_FILES)
            assert_valid(load_instance(directory), out)
        elif result.exit_code == 3:
            assert [p.name for p in out.iterdir()] == ["infeasibility.json"]
