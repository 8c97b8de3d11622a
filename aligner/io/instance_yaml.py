"""Reading ``instance.yaml``: name, season, days, policy, weights and core subjects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from aligner.instance import DEFAULT_CORE_SUBJECTS, LOAD_PLACES, Policy, Weights
from aligner.io.errors import IssueLog
from aligner.io.tabular import read_text
from aligner.io.term_yaml import read_term
from aligner.messages import listed, say
from aligner.weekdays import WEEKDAYS, weekday

FILE = "instance.yaml"
KEYS = ("name", "season", "days", "policy", "weights", "core_subjects", "term")
DEFAULT_DAYS = WEEKDAYS[:5]


class DatesAsText(yaml.SafeLoader):
    """YAML's safe loader that leaves dates as they are written (``2022-10-32`` is then a text
    the term's reader names as no date, not a crash inside YAML)."""


DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _key_lines(node: yaml.Node | None, prefix: str = "") -> dict[str, int]:
    """1-based line of every mapping key, as dotted paths ('policy.online_credit')."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}{key_node.value}"
            lines[path] = key_node.start_mark.line + 1
            lines.update(_key_lines(value_node, path + "."))
    return lines


def duplicate_keys(node: yaml.Node | None, prefix: str = "") -> list[tuple[str, int, int]]:
    """(dotted key, its line, the line it first appeared on) of every key that a mapping gives
    twice: YAML keeps the last one silently."""
    found: list[tuple[str, int, int]] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            path = f"{prefix}{key_node.value}"
            line = key_node.start_mark.line + 1
            if path in first:
                found.append((path, line, first[path]))
            else:
                first[path] = line
            found += duplicate_keys(value_node, path + ".")
    return found


def _as_decimal_text(value: Any) -> Any:
    """YAML reads 1.5 as a float; credits are exact, so go through its text."""
    return str(value) if isinstance(value, float) else value


def _string_list(value: Any, key: str, line: int | None, log: IssueLog) -> tuple[str, ...] | None:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(v, str | int) and not isinstance(v, bool) and str(v).strip()
                   for v in value)
    ):
        log.add(FILE, say("io.yaml.name_list"), line, key)
        return None
    items = tuple(str(v).strip() for v in value)
    twice = sorted({item for item in items if items.count(item) > 1})
    if twice:
        log.add(FILE, say("io.yaml.listed_twice", items=listed([repr(t) for t in twice])),
                line, key)
        return None
    return items


def _validated(
    model: type[BaseModel], value: Any, key: str, lines: dict[str, int], log: IssueLog
) -> Any:
    if value is None:
        return model()
    if not isinstance(value, dict):
        log.add(FILE, say("io.yaml.mapping"), lines.get(key), key)
        return None
    if model is Policy:
        value = {k: _as_decimal_text(v) for k, v in value.items()}
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"][:1])
            path = f"{key}.{field}" if field else key
            message = error["msg"]
            given = error.get("input")
            if error["type"] == "extra_forbidden":
                message = say("io.yaml.unknown_subkey", key=key,
                              keys=listed(list(model.model_fields)))
            elif message.startswith("Value error, "):
                message = message.removeprefix("Value error, ")
            elif error["type"] in ("int_type", "int_parsing", "int_from_float"):
                message = say("io.yaml.whole_number", given=repr(given))
            elif error["type"] == "decimal_max_places":
                message = say("io.yaml.credit_places", given=given, places=LOAD_PLACES)
            elif error["type"] in ("less_than_equal", "greater_than_equal", "greater_than"):
                limits = error.get("ctx", {})
                bound = limits.get("le", limits.get("ge", limits.get("gt")))
                message = say("io.yaml.at_most" if error["type"] == "less_than_equal"
                              else "io.yaml.at_least", given=given, bound=bound)
            elif error["type"] in ("decimal_parsing", "decimal_type", "finite_number"):
                message = say("io.yaml.a_number", given=repr(given))
            elif error["type"] == "dict_type":
                message = say("io.yaml.mapping")
            else:
                message = say("io.yaml.invalid_value", given=repr(given))
            log.add(FILE, message, lines.get(path, lines.get(key)), path)
        return None


def read_settings(directory: Path, log: IssueLog) -> dict[str, Any] | None:
    """The settings as keyword arguments of :class:`aligner.instance.Instance`, or None."""
    decoded = read_text(directory, FILE, say("io.yaml.what"), log)
    if decoded is None:
        return None
    text, _ = decoded
    try:
        node = yaml.compose(text, Loader=DatesAsText)
        data = yaml.load(text, Loader=DatesAsText)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        log.add(FILE, say("io.yaml.tab") if "'\\t'" in problem else
                say("io.yaml.invalid", problem=problem), mark.line + 1 if mark else None)
        return None
    if not isinstance(data, dict):
        log.add(FILE, say("io.yaml.top_mapping", keys=listed(KEYS)))
        return None
    for path, line, first in duplicate_keys(node):
        log.add(FILE, say("io.yaml.key_twice", key=path, first=first, line=line), line, path)
    if log.issues:
        return None
    return settings_from(data, _key_lines(node), log, directory.resolve().name, directory)


def settings_from(
    data: dict[str, Any], lines: dict[str, int], log: IssueLog, default_name: str,
    directory: Path | None = None,
) -> dict[str, Any] | None:
    """Validate the settings ``data`` (instance.yaml's mapping; ``lines`` gives the line of
    each dotted key, for messages); None when an issue was logged. The term's dates files
    are read relative to ``directory``."""
    for key in data:
        if key not in KEYS:
            log.add(FILE, say("io.yaml.unknown_key", keys=listed(KEYS)), lines.get(str(key)),
                    str(key))

    settings: dict[str, Any] = {}
    name = data.get("name")
    if isinstance(name, bool) or not isinstance(name, str | int | float | None):
        log.add(FILE, say("io.yaml.name_as_text", given=repr(name)), lines.get("name"), "name")
    settings["name"] = str(name).strip() if name not in (None, "") else default_name
    season = data.get("season")
    if season in (None, "", []):
        log.add(FILE, say("io.yaml.season_required"), lines.get("season"), "season")
    else:
        seasons = _string_list(season if isinstance(season, list) else [season], "season",
                               lines.get("season"), log)
        if seasons is not None:
            settings["seasons"] = seasons
    days = _string_list(data.get("days", list(DEFAULT_DAYS)), "days", lines.get("days"), log)
    if days is not None:  # 周一 and Mon are one weekday: kept as written, but not twice
        weekdays = [weekday(day) for day in days if weekday(day)]
        if len(set(weekdays)) != len(weekdays):
            log.add(FILE, say("io.yaml.weekday_twice"), lines.get("days"), "days")
            days = None
    core = _string_list(
        data.get("core_subjects", list(DEFAULT_CORE_SUBJECTS)),
        "core_subjects",
        lines.get("core_subjects"),
        log,
    )
    settings["days"] = days
    settings["core_subjects"] = core
    settings["policy"] = _validated(Policy, data.get("policy"), "policy", lines, log)
    settings["weights"] = _validated(Weights, data.get("weights"), "weights", lines, log)
    term_ok, term = read_term(data.get("term"), lines, directory, settings.get("seasons"),
                              days, log)
    if any(v is None for v in settings.values()) or "seasons" not in settings or not term_ok:
        return None
    settings["term"] = term
    return settings

