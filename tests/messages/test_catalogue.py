"""The message catalogue: every entry in both languages with the same placeholders, every key
the code names is there, and no sentence a user reads bypasses it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from aligner.messages import catalogue, fields_of, say, say_in, speaking

PACKAGE = Path(__file__).resolve().parents[2] / "aligner"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _texts(entry):
    english, chinese = entry
    return [*(english if isinstance(english, tuple) else (english,)), chinese]


def test_every_entry_has_both_languages_and_the_same_placeholders():
    for key, entry in catalogue().items():
        english, chinese = entry
        texts = _texts(entry)
        assert all(isinstance(t, str) and t for t in texts), key
        assert len({frozenset(fields_of(t)) for t in texts}) == 1, (key, texts)
        if isinstance(english, tuple):  # (singular, plural), chosen by the field n
            assert len(english) == 2, key
        # the Chinese text is Chinese, or at least written the Chinese way (full-width
        # punctuation), unless it is the same in both languages by design
        assert chinese != english or key in SAME_IN_BOTH, key


SAME_IN_BOTH = {
    # identifiers, units or formats that read the same in both languages
    "cli.status_name.OPTIMAL", "cli.status_name.FEASIBLE", "cli.status_name.INFEASIBLE",
    "cli.status_name.UNKNOWN", "cli.status_name.MODEL_INVALID",
}


def test_every_entry_formats_in_both_languages():
    class Anything:
        year = month = day = 1

        def __format__(self, spec: str) -> str:
            return "x"

    for key, entry in catalogue().items():
        names = set().union(*(fields_of(t) for t in _texts(entry)))
        for lang in ("en", "zh"):
            for n in (1, 2):
                values = {name: Anything() for name in names} | {"n": n}
                assert say_in(lang, key, **values), key


def test_plural_entries_choose_by_n():
    assert say_in("en", "diagnose.n.session", n=1) == "1 session"
    assert say_in("en", "diagnose.n.session", n=3) == "3 sessions"
    assert say_in("zh", "diagnose.n.session", n=3) == "3 节"


def test_the_language_of_a_block():
    with speaking("zh"):
        assert say("cli.why") == "原因："
        with speaking("en"):
            assert say("cli.why") == "Why:"
        assert say("cli.why") == "原因："
    assert say("cli.why") == "Why:"  # the tests' language (tests/conftest.py)


# ---- the code names only keys that exist, and every entry is used ------------------------------


def _source_files():
    return [p for p in sorted(PACKAGE.rglob("*.py")) if "messages" not in p.relative_to(PACKAGE).parts]


def _key_arguments():
    """(file, line, key or key prefix, is a prefix) of every say/say_in call in the package."""
    found = []
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("say", "say_in", "known_word")):
                continue
            args = node.args if node.func.id == "say" else node.args[1:]
            keys = [args[0]] if args else []
            while keys:
                key = keys.pop()
                if isinstance(key, ast.IfExp):
                    keys += [key.body, key.orelse]
                elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                    found.append((path.name, node.lineno, key.value, False))
                elif isinstance(key, ast.JoinedStr) and isinstance(key.values[0], ast.Constant):
                    found.append((path.name, node.lineno, str(key.values[0].value), True))
                elif isinstance(key, ast.BinOp) and isinstance(key.left, ast.Constant):
                    found.append((path.name, node.lineno, str(key.left.value), True))
                else:
                    found.append((path.name, node.lineno, None, True))
    return found


def test_every_key_the_code_names_is_in_the_catalogue():
    keys = catalogue()
    for file, line, key, prefix in _key_arguments():
        if key is None:
            continue  # a key from a table of keys (reader._KEY_WORDS, conversions._REASONS)
        if prefix:
            assert any(k.startswith(key) for k in keys), (file, line, key)
        else:
            assert key in keys, (file, line, key)


KEY_TABLES = (
    # modules that hold keys (or the last part of keys) in tables, not in say() calls
    "io/reader.py", "fet/conversions.py",
)


@pytest.mark.slow
def test_every_entry_is_used():
    """Each entry is named by the code: as a string (in a call or a table), or under a key
    prefix such as f"export.day.{day}" (two dots at least: a family of entries)."""
    prefixes = tuple(key for _, _, key, prefix in _key_arguments()
                     if key and prefix and key.count(".") >= 2)
    strings = {node.value for path in _source_files()
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    tables = "".join((PACKAGE / f).read_text(encoding="utf-8") for f in KEY_TABLES)
    unused = [k for k in catalogue() if k not in strings and not k.startswith(prefixes)
              and f'"{k.rsplit(".", 1)[-1]}"' not in tables]
    assert not unused, unused


# ---- nothing a user reads bypasses the catalogue ----------------------------------------------

WORD = re.compile(r"^[(\"'`]*[A-Za-z][a-z']+[)\"'`,.;:!?]*$")
"""An English word as it stands in a sentence (identifiers such as max_load are not words)."""

UNTRANSLATED = {
    # whole modules whose text is not a message to a user
    "baselines/": "the benchmark's heuristic and MIP baselines: problems recorded in the "
                  "benchmark's results CSV, a research record kept in English",
    "bench/run.py": "the benchmark's results CSV (its note column)",
    "bench/compare.py": "the benchmark's comparison tables (benchmarks/README.md)",
    "model/": "internal errors of the model (a programming error, never the input's)",
    "generate/": "generated data and internal errors (presets' descriptions are documentation)",
}
"""Where English text is legitimately left untranslated, and why."""

UNTRANSLATED_TEXTS = {
    ("__init__.py", "module 'aligner' has no attribute"): "Python's own AttributeError",
    ("diagnose/explain.py", "before solving, by the capacity checks"):
        "infeasibility.json's found: a value programs compare, like a key",
    ("diagnose/explain.py", "by the solver"): "infeasibility.json's found, as above",
    ("export/html.py", "\n*{box-sizing"): "the web pages' style sheet",
    ("export/notices.py", "\n*{box-sizing"): "the printed notices' style sheet",
    ("export/targets.py", "iCalendar files need the term's dates"):
        "a misuse of the Python API (the command line asks for the dates first)",
    ("fet/exporter.py", "<!-- aligner export-fet: not expressible in FET"):
        "the fixed heading of the .fet file's comment, for tools that look for it (the notes "
        "under it follow the language)",
    ("fet/output.py", "Number of broken soft constraints"): "a pattern of fet-cl's own report",
    ("instance.py", "the forms' credits differ"):
        "a misuse of the Python API (a count of sessions where counts by form are needed)",
    ("solver/result.py", "no timetable: the solve ended"):
        "a misuse of the Python API (asking a Result without a timetable for its tables)",
    ("solver/search.py", "LP relaxation: optimum"): "a line of the solver log (--log), English "
                                                    "like CP-SAT's own log",
}
"""Single texts left in English, and why."""


def _sentences(path: Path):
    """(line, text) of every string literal and f-string of ``path`` with 3+ English words,
    docstrings and click's help texts left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) \
                and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # an attribute's docstring
        if isinstance(node, ast.keyword) and node.arg in ("help", "short_help"):
            skip.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(n) for n in ast.walk(node) if n is not node)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = " ".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        else:
            continue
        if sum(1 for word in text.split() if WORD.match(word)) >= 3:
            yield node.lineno, text


def test_no_sentence_bypasses_the_catalogue():
    """Every string of 3+ English words in aligner/ outside the catalogue (aligner/messages/)
    is in the short list above, with its reason: a message a user reads goes through say()."""
    found = []
    for path in _source_files():
        name = path.relative_to(PACKAGE).as_posix()
        if any(name.startswith(prefix) for prefix in UNTRANSLATED):
            continue
        for line, text in _sentences(path):
            if not any(name == file and text.startswith(start.replace("{}", ""))
                       for file, start in UNTRANSLATED_TEXTS):
                found.append(f"{name}:{line}: {text!r}")
    assert not found, "\n".join(found)


def test_the_allowlists_are_not_stale():
    for prefix in UNTRANSLATED:
        assert any(p.relative_to(PACKAGE).as_posix().startswith(prefix) for p in _source_files())
    for file, start in UNTRANSLATED_TEXTS:
        texts = [text for _, text in _sentences(PACKAGE / file)]
        assert any(text.startswith(start) for text in texts), (file, start)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_catalogue_is_counted(lang):
    """The size the issue's closing note reports (printed with -s)."""
    entries = catalogue()
    characters = sum(len("".join(t for t in _texts(e)[:-1])) if lang == "en" else len(e[1])
                     for e in entries.values())
    assert len(entries) > 500 and characters > 10_000
    print(f"\ncatalogue: {len(entries)} entries, {characters:,} characters of {lang} text")


def test_fields_of_reads_format_fields():
    assert fields_of("{d.year}年{d.month}月") == {"d"}
    assert fields_of("{{literal}} {a} {b:>3}") == {"a", "b"}
    assert fields_of("plain") == set()
