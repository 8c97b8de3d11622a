"""Every sentence a user reads, in English and in Chinese: one catalogue, one entry per message.

:func:`say` gives a message in the current language, :func:`say_in` in a given one. The entries
live in one module per area of the package (:mod:`aligner.messages.io_text`, ``diagnose_text``,
``check_text``, ``cli_text``, ``solver_text``, ``fet_text``, ``export_text``), each a mapping of
key -> (English, Chinese); the placeholders (``{file}``, ``{n}``) of both texts are the same (a
test checks it). An English text may be a pair (singular, plural), chosen by the field ``n``.

The language (docs/languages.md), first that applies:

1. chosen: ``aligner --lang zh|en`` or :func:`set_language`;
2. the environment variable ``ALIGNER_LANG`` (``zh`` or ``en``);
3. the instance's: a workbook with the Chinese template's sheet or column names
   (:func:`note_input_language`, as soon as the workbook is opened);
4. the locale: ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` (the first one set) starting with ``zh``;
5. English.

This package imports nothing else of aligner (the checker may use it; see aligner.check).
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import import_module
from typing import Any

LANGUAGES = ("en", "zh")
AREAS = ("io", "diagnose", "check", "cli", "solver", "fet", "export", "changes", "living",
         "term", "programme")
"""The areas of the package; the entries of each are in the module ``<area>_text``."""

Text = str | tuple[str, str]
"""An English text, or (singular, plural) chosen by the field ``n``."""
Entry = tuple[Text, str]
"""(English, Chinese)."""

_chosen: str | None = None
_from_input: str | None = None
_catalogue: dict[str, Entry] | None = None


def normal(lang: str | None) -> str | None:
    """'zh', 'en' or None for a language name such as ``zh_CN.UTF-8``, ``EN``, ``C``."""
    value = (lang or "").strip().lower()
    if value.startswith("zh"):
        return "zh"
    if value.startswith("en"):
        return "en"
    return None


def set_language(lang: str | None) -> None:
    """Choose the language of every message from now on (None: back to the environment's and
    the input's); ``aligner --lang`` calls it."""
    global _chosen
    if lang is not None and normal(lang) is None:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _chosen = normal(lang)


def note_input_language(lang: str | None) -> None:
    """The language the input is written in (a Chinese workbook: 'zh'), used when none was
    chosen; None forgets it."""
    global _from_input
    _from_input = normal(lang)


def environment_language() -> str | None:
    """The language the environment asks for: ALIGNER_LANG, else the locale's when Chinese."""
    chosen = normal(os.environ.get("ALIGNER_LANG"))
    if chosen:
        return chosen
    return None


def _locale_language() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if normal(value) == "zh" else "en"
    return "en"


def language() -> str:
    """The current language, 'en' or 'zh' (see the module's doc for the order)."""
    return _chosen or environment_language() or _from_input or _locale_language()


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Messages in ``lang`` inside the block (None: as they are)."""
    global _chosen
    before = _chosen
    if lang is not None:
        set_language(lang)
    try:
        yield
    finally:
        _chosen = before


def catalogue() -> dict[str, Entry]:
    """Every entry of every area, by key."""
    global _catalogue
    if _catalogue is None:
        merged: dict[str, Entry] = {}
        for area in AREAS:
            entries: Mapping[str, Entry] = import_module(f"aligner.messages.{area}_text").MESSAGES
            twice = set(merged) & set(entries)
            if twice:
                raise RuntimeError(f"message keys given twice: {sorted(twice)}")
            merged.update(entries)
        _catalogue = merged
    return _catalogue


def template(key: str, lang: str, n: Any = None) -> str:
    """The text of ``key`` in ``lang`` (the singular or plural English text for ``n``)."""
    english, chinese = catalogue()[key]
    if lang == "zh":
        return chinese
    if isinstance(english, tuple):
        return english[0] if n == 1 else english[1]
    return english


def say_in(lang: str, key: str, /, **fields: Any) -> str:
    """The message ``key`` in ``lang`` with its fields filled in."""
    return template(key, lang, fields.get("n")).format(**fields)


def say(key: str, /, **fields: Any) -> str:
    """The message ``key`` in the current language with its fields filled in."""
    return say_in(language(), key, **fields)


def fields_of(text: str) -> set[str]:
    """The names of a text's placeholders ('{d.year}' and '{d:%Y}' both name 'd')."""
    names = set()
    for _, field, _, _ in string.Formatter().parse(text):
        if field is not None:
            names.add(field.split(".")[0].split("[")[0])
    return names


def listed(items: list[str] | tuple[str, ...], lang: str | None = None) -> str:
    """Items joined as a list is written in the language: 'a, b' or 'a、b'."""
    return ("、" if (lang or language()) == "zh" else ", ").join(items)
