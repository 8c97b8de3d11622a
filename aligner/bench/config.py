"""Benchmark configuration files (TOML): an instance set, solver configurations, seeds.

```toml
name = "quick"
time_limit = 30              # seconds per run, unless a configuration says otherwise
seeds = [0, 1, 2]

[[instances]]
path = "../../data/lanxi-2022-winter"   # relative to this file
[[instances]]
preset = "pair"                          # aligner generate --preset pair --seed 1
seed = 1
office_rules = false                     # default false: --no-office-rules (true: with them)

[[configs]]
name = "cpsat-w1"
solver = "cpsat"             # cpsat | highs | greedy
workers = 1                  # CP-SAT num_workers, HiGHS threads
params = { linearization_level = 2, search_branching = "FIXED_SEARCH" }
warm_start = false           # cpsat: hint from the greedy heuristic
lp_start = true              # cpsat: LP relaxation bound and guided stage first (false: CP-SAT alone)
epigraph = false             # highs: max(0, x) terms as t >= x, t >= 0 only
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.generate import PRESETS
from aligner.messages import say

SOLVERS = ("cpsat", "highs", "greedy")


class BenchConfigError(ValueError):
    """A benchmark configuration file that cannot be used; ``issues`` name file and key."""

    def __init__(self, issues: list[str]):
        super().__init__("\n".join(issues))
        self.issues = issues


@dataclass(frozen=True)
class InstanceSpec:
    """A shipped or hand-made instance directory, or a generated preset with a fixed seed."""

    path: Path | None = None
    preset: str | None = None
    seed: int = 0
    office_rules: bool = False
    """A generated preset with the office rules (aligner generate --office-rules)."""

    @property
    def label(self) -> str:
        if self.path is not None:
            return self.path.name
        return f"{self.preset}-seed{self.seed}" + ("-office" if self.office_rules else "")


@dataclass(frozen=True)
class SolverConfig:
    name: str
    solver: str
    workers: int = 1
    params: tuple[tuple[str, str], ...] = ()
    """CP-SAT parameters as text, as ``--param NAME=VALUE`` takes them."""
    warm_start: bool = False
    lp_start: bool = True
    """cpsat: start from the LP relaxation (see aligner.solver.search); False: CP-SAT alone."""
    epigraph: bool = False
    """highs: translate the same-day-repeat maxima as t >= e_i only (see aligner.baselines.mip)."""
    time_limit: float | None = None


@dataclass(frozen=True)
class BenchConfig:
    name: str
    source: Path
    instances: tuple[InstanceSpec, ...]
    configs: tuple[SolverConfig, ...]
    seeds: tuple[int, ...] = (0,)
    time_limit: float = 60.0
    extra: dict[str, Any] = field(default_factory=dict)

    def time_limit_of(self, config: SolverConfig) -> float:
        return config.time_limit if config.time_limit is not None else self.time_limit


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(f'"{v}"' if isinstance(v, str) else _text(v) for v in value) + "]"
    return str(value)


def _number(value: Any, where: str, issues: list[str], *, positive: bool = False,
            integer: bool = False) -> Any:
    kind = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind):
        issues.append(_at(where, say("bench.not_an_integer" if integer else "bench.not_a_number",
                                     value=repr(value))))
        return None
    if positive and value <= 0:
        issues.append(_at(where, say("bench.not_positive", value=repr(value))))
        return None
    return value


def _at(where: str, problem: str) -> str:
    """A problem of the configuration with where it is (the file, then the key)."""
    return say("bench.at", where=where, problem=problem)


def _in(source: Path, key: str) -> str:
    """Where a key of the file is: 'configs.toml: configs[0]'."""
    return say("bench.at", where=source, problem=key)


def load_config(path: str | Path) -> BenchConfig:
    """Read and validate a benchmark configuration; BenchConfigError lists every problem."""
    source = Path(path)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BenchConfigError([_at(str(source), say("bench.no_such_file"))]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BenchConfigError([_at(str(source), say("bench.unreadable", reason=exc))]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise BenchConfigError([_at(str(source), say("bench.not_toml", reason=exc))]) from exc
    issues: list[str] = []
    known = {"name", "time_limit", "seeds", "instances", "configs"}
    for key in data:
        if key not in known:
            issues.append(_at(str(source), say("bench.unknown_key", key=key,
                                               known=", ".join(sorted(known)))))
    time_limit = _number(data.get("time_limit", 60.0), _in(source, "time_limit"), issues,
                         positive=True)
    seeds_value = data.get("seeds", [0])
    seeds: list[int] = []
    if not isinstance(seeds_value, list) or not seeds_value:
        issues.append(_at(str(source), say("bench.seeds")))
    else:
        for i, seed in enumerate(seeds_value):
            if _number(seed, _in(source, f"seeds[{i}]"), issues, integer=True) is not None:
                seeds.append(seed)

    instances = []
    entries = data.get("instances")
    if not isinstance(entries, list) or not entries:
        issues.append(_at(str(source), say("bench.no_instances")))
        entries = []
    for i, entry in enumerate(entries):
        where = _in(source, f"instances[{i}]")
        if not isinstance(entry, dict):
            issues.append(_at(where, say("bench.not_a_table")))
            continue
        unknown = set(entry) - {"path", "preset", "seed", "office_rules"}
        if unknown:
            issues.append(_at(where, say("bench.unknown_keys", keys=", ".join(sorted(unknown)))))
        if ("path" in entry) == ("preset" in entry):
            issues.append(_at(where, say("bench.path_or_preset")))
            continue
        if "path" in entry:
            directory = (source.parent / str(entry["path"])).resolve()
            workbook = directory.is_file() and directory.suffix.lower() == ".xlsx"
            if not (directory.is_dir() or workbook):
                issues.append(_at(f"{where}.path", say("bench.no_instance", path=entry["path"],
                                                       directory=source.parent)))
                continue
            instances.append(InstanceSpec(path=directory))
        else:
            if entry["preset"] not in PRESETS:
                issues.append(_at(f"{where}.preset", say("bench.unknown_preset",
                                                         preset=entry["preset"],
                                                         presets=", ".join(PRESETS))))
                continue
            seed = _number(entry.get("seed", 0), f"{where}.seed", issues, integer=True)
            office = entry.get("office_rules", False)
            if not isinstance(office, bool):
                issues.append(_at(f"{where}.office_rules",
                                  say("bench.not_a_boolean", value=repr(office))))
                continue
            if seed is not None:
                instances.append(InstanceSpec(preset=entry["preset"], seed=seed,
                                              office_rules=office))

    configs = []
    entries = data.get("configs")
    if not isinstance(entries, list) or not entries:
        issues.append(_at(str(source), say("bench.no_configs")))
        entries = []
    names: set[str] = set()
    index_of: dict[str, int] = {}
    for i, entry in enumerate(entries):
        where = _in(source, f"configs[{i}]")
        if not isinstance(entry, dict):
            issues.append(_at(where, say("bench.not_a_table")))
            continue
        unknown = set(entry) - {"name", "solver", "workers", "params", "warm_start", "lp_start",
                                "epigraph", "time_limit"}
        if unknown:
            issues.append(_at(where, say("bench.unknown_keys", keys=", ".join(sorted(unknown)))))
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            issues.append(_at(f"{where}.name", say("bench.missing")))
            continue
        where = say("bench.named", where=where, name=name)
        if name in names:
            issues.append(_at(f"{where}.name", say("bench.used_twice")))
        names.add(name)
        index_of[name] = i
        solver = entry.get("solver")
        if solver not in SOLVERS:
            issues.append(_at(f"{where}.solver", say("bench.unknown_solver", solver=repr(solver),
                                                     solvers=", ".join(SOLVERS))))
            continue
        workers = _number(entry.get("workers", 1), f"{where}.workers", issues, positive=True,
                          integer=True)
        params = entry.get("params", {})
        if not isinstance(params, dict):
            issues.append(_at(f"{where}.params", say("bench.params_table")))
            params = {}
        if params and solver != "cpsat":
            issues.append(_at(f"{where}.params", say("bench.params_cpsat_only")))
        warm = _flag(entry, "warm_start", False, "cpsat", solver, where, issues)
        lp_start = _flag(entry, "lp_start", solver == "cpsat", "cpsat", solver, where, issues)
        epigraph = _flag(entry, "epigraph", False, "highs", solver, where, issues)
        limit = entry.get("time_limit")
        if limit is not None:
            limit = _number(limit, f"{where}.time_limit", issues, positive=True)
        configs.append(SolverConfig(
            name=name, solver=solver, workers=workers or 1,
            params=tuple((k, _text(v)) for k, v in params.items()),
            warm_start=warm, lp_start=lp_start, epigraph=epigraph,
            time_limit=float(limit) if limit is not None else None))
    issues += _cpsat_parameter_issues(source, configs, index_of)
    if issues:
        raise BenchConfigError(issues)
    return BenchConfig(name=str(data.get("name", source.stem)), source=source,
                       instances=tuple(instances), configs=tuple(configs), seeds=tuple(seeds),
                       time_limit=float(time_limit or 60.0))


OWN_KEYS = {"num_workers": "workers", "num_search_workers": "workers",
            "max_time_in_seconds": "time_limit", "random_seed": "seeds"}
"""CP-SAT parameters a configuration sets with a key of its own."""


def _flag(entry: dict[str, Any], key: str, default: bool, only_for: str, solver: str,
          where: str, issues: list[str]) -> bool:
    """A true/false key that only one solver takes; False (with an issue) when it is wrong."""
    value = entry.get(key, default)
    if not isinstance(value, bool):
        issues.append(_at(f"{where}.{key}", say("bench.true_or_false")))
        return False
    if value and solver != only_for:
        issues.append(_at(f"{where}.{key}", say("bench.only_for", solver=only_for)))
    return value


def _cpsat_parameter_issues(source: Path, configs: list[SolverConfig],
                            index_of: dict[str, int]) -> list[str]:
    """Every parameter CP-SAT would reject, now, not after hours of other runs (one message
    per parameter)."""
    from aligner.solver.settings import SolverParameterError, SolverSettings, check_parameters

    issues = []
    for config in configs:
        if config.solver != "cpsat":
            continue
        for name, value in config.params:
            where = say("bench.named", where=_in(source, f"configs[{index_of[config.name]}]"),
                        name=config.name) + f".params.{name}"
            if name in OWN_KEYS:
                own = say("bench.seeds_at_top") if OWN_KEYS[name] == "seeds" else OWN_KEYS[name]
                issues.append(_at(where, say("bench.own_key", key=own)))
                continue
            try:
                check_parameters(SolverSettings(workers=config.workers, params=((name, value),)))
            except SolverParameterError as exc:
                issues.append(_at(where, str(exc)))
    return issues
