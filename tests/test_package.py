"""The package's shape: no import cycle, one name per module, and a command line that starts
without OR-Tools or pandas."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import Counter
from pathlib import Path

import aligner

PACKAGE = Path(aligner.__file__).parent


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The aligner modules ``path`` imports, at module level or inside functions (imports
    under ``if TYPE_CHECKING:`` are for type checkers only and are left out)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for alias in child.names:
                    name = f"{child.module}.{alias.name}"
                    found.add(name if name in modules else child.module)
            elif isinstance(child, ast.Import):
                found.update(alias.name for alias in child.names)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m in modules}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in graph:
        if v not in index:
            strong(v)
    return cycles


def test_no_import_cycle() -> None:
    modules = _modules()
    graph = {name: _imports(path, modules) - {name} for name, path in modules.items()}
    assert sum(len(targets) for targets in graph.values()) > 100  # the walk found the imports
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_two_modules_share_a_name() -> None:
    """Modules and subpackages: one name each (aligner.cli.fet_commands, not a second fet);
    ``__main__`` is Python's name for ``python -m aligner`` and ``python -m aligner.cli``."""
    names = Counter(name.rsplit(".", 1)[-1] for name in _modules()
                    if name != "aligner" and not name.endswith(".__main__"))
    assert len(names) > 50
    assert [name for name, n in names.items() if n > 1] == []


def _loaded_after(code: str) -> list[str]:
    """The heavy libraries loaded once ``code`` has run in a fresh interpreter."""
    probe = (f"{code}\nimport sys\n"
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'ortools', 'pandas', "
             "'numpy', 'pydantic'}))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    return eval(done.stdout.strip().splitlines()[-1])  # a printed list of names


def test_the_command_line_starts_without_ortools_or_pandas() -> None:
    assert _loaded_after("import aligner.cli") == []
    help_text = ("from aligner.cli import main\n"
                 "try:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert _loaded_after(help_text) == []
    # ... and a solve does load them (the probe sees what it should)
    assert "ortools" in _loaded_after("import aligner; aligner.solve")
