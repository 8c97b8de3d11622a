"""The documentation cannot drift from the code: every example in README.md and docs/*.md runs,
every output it shows is what the command prints, and every relative link resolves.

Fenced blocks, by language (every fence must name one):

- ``python``: executed; the blocks of one page in order, sharing one namespace (``__name__`` is
  ``"__main__"``), their stdout captured.
- ``bash`` / ``console``: each command line is run by bash; continuation lines ending in a
  backslash are joined, blank lines and lines starting with ``#`` are skipped (in a console block
  with ``$ `` prompts, only the prompt lines are commands). A command must exit 0 unless the line
  ends with a comment ``# exit N``.
- anything else (``text``, ``yaml``, ``toml``, ``csv``, ...): shown, not run.

Both kinds run in one temporary directory per page that holds copies of the repository's
``data/`` and ``benchmarks/``, so the relative paths the docs use work and no example can write
into the repository; a page's blocks see the files its earlier blocks wrote. Commands get the
repository first on PYTHONPATH, so ``aligner`` is this checkout's. Pages run side by side (as
many as there are cores, up to 4), except that Python blocks run in the test process itself.

An HTML comment on the line(s) right before a fence says more about the block:

- ``<!-- not run: REASON -->``: the block is not run (a cluster of several machines, minutes of
  solving, pip install); each one is a skipped test naming its reason (``pytest -ra``).
- ``<!-- output -->`` before a ``text`` block: every line of it except ``...`` must appear in the
  stdout of the run block before it (the nearest fenced block above), within one printed line;
  ``...`` inside a line stands for anything (timings and the like).
- ``<!-- file: NAME -->``: the block's text is written to NAME in the page's directory, in order
  (a table an example then reads).

Pages whose examples use ``fet-cl`` or Debian's fet-data fail without them, saying what to
install, unless ALIGNER_SKIP_FET=1, which skips them (as the FET tests do).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
COPIED = ("data", "benchmarks")
"""Repository directories each page's working directory gets a copy of."""

SHELL = {"bash", "console"}
RUN = SHELL | {"python"}
COMMAND_TIMEOUT = 120
"""Seconds one command or one Python block may take."""
PARALLEL = max(1, min(4, os.cpu_count() or 1))
"""Pages run at once."""
FET_EXAMPLES = Path("/usr/share/doc/fet-data/examples")
FET_INSTALL = "apt-get install fet fet-data (Debian/Ubuntu)"

FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
COMMENT = re.compile(r"^\s*<!--\s*(?P<body>.*?)\s*-->\s*$")
MARKER = re.compile(r"^(not run|output|file)\b", re.IGNORECASE)
EXIT = re.compile(r"#\s*exit\s+(?P<code>\d+)\s*$")


@dataclass(frozen=True)
class Block:
    page: Path
    line: int
    """1-based line of the opening fence."""
    lang: str
    text: str
    marker: str | None
    """The HTML comment right before the fence (its text), if any."""

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"

    @property
    def not_run(self) -> str | None:
        """The reason given in ``<!-- not run: REASON -->`` ('' when the reason is missing)."""
        if self.marker is None or not self.marker.lower().startswith("not run"):
            return None
        return self.marker[len("not run"):].lstrip(" :").strip()

    @property
    def is_output(self) -> bool:
        return self.marker is not None and self.marker.lower() == "output"

    @property
    def file(self) -> str | None:
        match = re.fullmatch(r"file:\s*(\S+)", self.marker or "")
        return match.group(1) if match else None

    @property
    def runs(self) -> bool:
        return self.lang in RUN and self.not_run is None


def parse(page: Path) -> list[Block]:
    """The fenced blocks of a Markdown page, with the comment before each."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, indent = opening.group("fence"), len(opening.group("indent"))
        lang = opening.group("info").split()[0].lower() if opening.group("info").strip() else ""
        j = i + 1
        body: list[str] = []
        while j < len(lines):
            closing = FENCE.match(lines[j])
            if (closing and closing.group("fence")[0] == fence[0]
                    and len(closing.group("fence")) >= len(fence) and not closing.group("info").strip()):
                break
            body.append(lines[j][indent:] if lines[j][:indent].isspace() else lines[j])
            j += 1
        k = i - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        comment = COMMENT.match(lines[k]) if k >= 0 else None
        blocks.append(Block(page, i + 1, lang, "\n".join(body) + "\n",
                            comment.group("body") if comment else None))
        i = j + 1
    return blocks


def commands(block: Block) -> list[tuple[str, int]]:
    """(command, expected exit code) of each command line of a shell block."""
    raw = block.text.splitlines()
    if block.lang == "console" and any(line.startswith("$ ") for line in raw):
        kept, prompt = [], False
        for line in raw:
            if line.startswith("$ "):
                kept.append(line[2:])
                prompt = line.rstrip().endswith("\\")
            elif prompt:
                kept.append(line)
                prompt = line.rstrip().endswith("\\")
        raw = kept
    found: list[tuple[str, int]] = []
    pending = ""
    for line in raw:
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        command = (pending + line).strip()
        pending = ""
        code = EXIT.search(command)
        found.append((command, int(code.group("code")) if code else 0))
    if pending.strip():
        found.append((pending.strip(), 0))
    return found


def needs_fet(blocks: list[Block]) -> bool:
    return any(b.runs and ("fet-cl" in b.text or str(FET_EXAMPLES.parent) in b.text) for b in blocks)


def fet_missing() -> str | None:
    if shutil.which("fet-cl") is None:
        return f"fet-cl (package fet) is not installed: {FET_INSTALL}"
    if not FET_EXAMPLES.is_dir():
        return f"fet-data ({FET_EXAMPLES}) is not installed: {FET_INSTALL}"
    return None


# ---------------------------------------------------------------------------------------------
# Running a page


@dataclass
class Outcome:
    ok: bool
    message: str = ""
    stdout: str = ""
    seconds: float = 0.0
    skipped: bool = False


class _Timeout(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: int):
    """Interrupt a Python block that runs longer than ``seconds`` (main thread, POSIX)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise _Timeout(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class PageRun:
    """One page's examples, run in order on demand in the page's own directory."""

    blocks: list[Block]
    directory: Path
    namespace: dict[str, Any] = field(default_factory=lambda: {"__name__": "__main__"})
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    unavailable: str | None = None

    def __post_init__(self) -> None:
        for name in COPIED:
            shutil.copytree(ROOT / name, self.directory / name,
                            ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        path = os.environ.get("PYTHONPATH")
        # as a reader runs them: an English locale and no language chosen (the tests' own
        # ALIGNER_LANG left out), so a Chinese workbook answers in Chinese, as it would
        self.env = {**{k: v for k, v in os.environ.items()
                       if k not in ("ALIGNER_LANG", "LC_ALL", "LC_MESSAGES")},
                    "LANG": "C.UTF-8",
                    "PYTHONPATH": str(ROOT) + (os.pathsep + path if path else ""),
                    "PYTHONIOENCODING": "utf-8"}
        self.unavailable = fet_missing() if needs_fet(self.blocks) else None

    def through(self, index: int) -> Outcome:
        for i in range(index + 1):
            if i not in self.outcomes:
                self.outcomes[i] = self._run(i)
        return self.outcomes[index]

    def _run(self, i: int) -> Outcome:
        block = self.blocks[i]
        if block.not_run is not None:
            return Outcome(True, f"{block.name}: not run: {block.not_run}", skipped=True)
        if self.unavailable and (block.runs or block.is_output):
            return Outcome(False, self.unavailable, skipped=os.environ.get("ALIGNER_SKIP_FET") == "1")
        if block.file:
            target = self.directory / block.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
            return Outcome(True)
        if block.is_output:
            return self._compare(i)
        if block.lang == "python":
            return self._python(block)
        if block.lang in SHELL:
            return self._shell(block)
        return Outcome(True)

    def _python(self, block: Block) -> Outcome:
        captured = io.StringIO()
        started = time.perf_counter()
        try:
            code = compile(block.text, block.name, "exec")
            with (contextlib.chdir(self.directory), contextlib.redirect_stdout(captured),
                  _time_limit(COMMAND_TIMEOUT)):
                exec(code, self.namespace)
        except (Exception, SystemExit) as error:  # any failure of the example is reported
            trace = "".join(traceback.format_exception(error)[-6:])
            return Outcome(False, f"{block.name} (python) raised:\n{trace}", captured.getvalue(),
                           time.perf_counter() - started)
        return Outcome(True, stdout=captured.getvalue(), seconds=time.perf_counter() - started)

    def _shell(self, block: Block) -> Outcome:
        stdout: list[str] = []
        started = time.perf_counter()
        for command, expected in commands(block):
            try:
                done = subprocess.run(["bash", "-c", command], cwd=self.directory, env=self.env,
                                      stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                      encoding="utf-8", errors="replace", timeout=COMMAND_TIMEOUT,
                                      check=False)
            except subprocess.TimeoutExpired:
                return Outcome(False, f"{block.name}: `{command}` still running after "
                                      f"{COMMAND_TIMEOUT} s", "".join(stdout))
            stdout.append(done.stdout)
            if done.returncode != expected:
                return Outcome(False, f"{block.name}: `{command}` exited {done.returncode}, expected "
                                      f"{expected}\n--- stdout (end)\n{done.stdout[-3000:]}\n"
                                      f"--- stderr (end)\n{done.stderr[-3000:]}", "".join(stdout),
                               time.perf_counter() - started)
        return Outcome(True, stdout="".join(stdout), seconds=time.perf_counter() - started)

    def _compare(self, i: int) -> Outcome:
        block = self.blocks[i]
        before = self.blocks[i - 1] if i > 0 else None
        if before is None or not before.runs:
            return Outcome(False, f"{block.name}: an output block must follow a block that runs")
        ran = self.outcomes[i - 1]
        if not ran.ok:
            return Outcome(False, f"{block.name}: the block it shows the output of failed",
                           skipped=ran.skipped)
        printed = ran.stdout.splitlines()
        missing = [line for line in block.text.splitlines()
                   if line.strip() and line.strip() != "..." and not any(shows(line, p) for p in printed)]
        if missing:
            return Outcome(False, f"{block.name}: shown output not printed by {before.name}:\n  "
                           + "\n  ".join(missing) + f"\n--- actual stdout\n{ran.stdout[-4000:]}")
        return Outcome(True)


def shows(expected: str, printed: str) -> bool:
    """Whether a printed line is the shown one; ``...`` in the shown line stands for anything."""
    position = 0
    for part in expected.rstrip().split("..."):
        found = printed.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


BLOCKS = {page: parse(page) for page in PAGES}


def _python_free(blocks: list[Block]) -> bool:
    return not any(block.lang == "python" and block.runs for block in blocks)


# The pages whose examples take longest (half a minute each on 2 cores: they solve the examples
# again and again): their examples are marked slow, run by `pytest -m slow` and by .ci/run.
SLOW_PAGES = {ROOT / "docs" / "living.md", ROOT / "docs" / "python.md"}

# Pages with Python examples first: they run in this process while the others run alongside.
CASES = [pytest.param(page, i, id=block.name,
                      marks=[pytest.mark.slow] if page in SLOW_PAGES else [])
         for page, blocks in sorted(BLOCKS.items(), key=lambda item: _python_free(item[1]))
         for i, block in enumerate(blocks)
         if block.lang in RUN or block.is_output or block.file]


@pytest.fixture(scope="module")
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """The page runs. Pages without Python examples run in the background, PARALLEL at a time
    (their commands are subprocesses with their own directories); Python examples run in this
    process, in the main thread, when their tests come."""
    selected = [item.callspec.params["page"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_example" and hasattr(item, "callspec")]
    made = {page: PageRun(BLOCKS[page], tmp_path_factory.mktemp(page.stem))
            for page in dict.fromkeys(selected)}  # in the order the tests come
    pool = ThreadPoolExecutor(max_workers=PARALLEL)
    background = {page: pool.submit(run.through, len(run.blocks) - 1)
                  for page, run in made.items() if _python_free(run.blocks)}

    def run_of(page: Path) -> PageRun:
        if page in background:
            background[page].result()
        return made[page]

    yield run_of
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize(("page", "index"), CASES)
def test_example(runs, page: Path, index: int):
    """The example runs as the page says (or prints what the page shows)."""
    outcome = runs(page).through(index)
    if outcome.skipped:
        pytest.skip(outcome.message)
    assert outcome.ok, outcome.message


# ---------------------------------------------------------------------------------------------
# The pages' structure


ALL = [block for blocks in BLOCKS.values() for block in blocks]


def test_every_fence_names_its_language():
    unnamed = [block.name for block in ALL if not block.lang]
    assert not unnamed, f"fences without a language (text, bash, python, ...): {unnamed}"


def test_not_run_blocks_give_a_reason_and_are_few():
    listed = [(block.name, block.not_run) for block in ALL if block.not_run is not None]
    missing = [name for name, reason in listed if not reason]
    assert not missing, f"<!-- not run: REASON --> without a reason: {missing}"
    wrong = [block.name for block in ALL if block.not_run is not None and block.lang not in RUN]
    assert not wrong, f"'not run' marks a block that would not run anyway: {wrong}"
    ran = sum(1 for block in ALL if block.runs)
    assert len(listed) < ran / 2, f"{len(listed)} blocks not run against {ran} run: {listed}"


def test_markers_are_known_and_placed_before_a_fence():
    problems = []
    for page, blocks in BLOCKS.items():
        marked = {block.line for block in blocks}
        lines = page.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines, start=1):
            comment = COMMENT.match(line)
            if not comment or not MARKER.match(comment.group("body")):
                continue
            after = n
            while after < len(lines) and not lines[after].strip():
                after += 1
            if after + 1 not in marked:
                problems.append(f"{page.relative_to(ROOT)}:{n}: {line.strip()} is not right before a fence")
        for i, block in enumerate(blocks):
            if block.marker is None or not MARKER.match(block.marker):
                continue
            if block.is_output and (block.lang != "text" or i == 0 or not blocks[i - 1].runs):
                problems.append(f"{block.name}: <!-- output --> belongs on a text block right after a "
                                "block that runs")
            elif not (block.is_output or block.not_run is not None or block.file):
                problems.append(f"{block.name}: unknown marker <!-- {block.marker} -->")
    assert not problems, "\n".join(problems)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lowercase, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    text = "".join(c for c in text if c.isalnum() or c in "-_ ")
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for _, line in _headings(page):
        base = slug(line)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def _headings(page: Path) -> list[tuple[int, str]]:
    inside: set[int] = set()
    for block in parse(page):
        inside.update(range(block.line, block.line + block.text.count("\n") + 2))
    result = []
    for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match and n not in inside:
            result.append((n, match.group(1)))
    return result


LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def links(page: Path) -> list[tuple[int, str]]:
    """(line, target) of every Markdown link on the page outside code (link texts may span lines)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    for block in parse(page):
        for n in range(block.line - 1, min(len(lines), block.line + block.text.count("\n") + 1)):
            lines[n] = ""
    # code spans may hold brackets; links whose text is a code span keep their target
    text = re.sub(r"`[^`\n]*`", "code", "\n".join(lines))
    return [(text.count("\n", 0, match.start()) + 1, match.group("target"))
            for match in LINK.finditer(text)]


def test_every_relative_link_and_anchor_resolves():
    broken = []
    for page in PAGES:
        for n, target in links(page):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
                continue
            path_part, _, anchor = target.partition("#")
            resolved = (page.parent / path_part).resolve() if path_part else page
            where = f"{page.relative_to(ROOT)}:{n}: {target}"
            if not resolved.exists():
                broken.append(f"{where}: no such file")
            elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
                broken.append(f"{where}: no heading with anchor #{anchor} in "
                              f"{resolved.relative_to(ROOT)}")
    assert not broken, "\n".join(broken)


def test_readme_links_every_docs_page():
    linked = {(ROOT / target.partition("#")[0]).resolve() for _, target in links(ROOT / "README.md")}
    unlinked = [page.name for page in PAGES[1:] if page.resolve() not in linked]
    assert not unlinked, f"README.md does not link {unlinked}"


def test_readme_keeps_the_commands_ci_runs():
    """.ci/run runs the README's install, example and test commands: they stay literally."""
    shell = [block.text.strip() for block in BLOCKS[ROOT / "README.md"] if block.lang in SHELL]
    assert "pip install -e '.[dev]'\naligner solve data/lanxi-2022-winter" in shell
    assert "pytest" in shell


def test_headings_have_distinct_anchors():
    """A link to a repeated heading would silently land on the first one."""
    repeated = []
    for page in PAGES:
        slugs = [slug(line) for _, line in _headings(page)]
        repeated += [f"{page.relative_to(ROOT)}: #{s}" for s in set(slugs) if slugs.count(s) > 1]
    assert not repeated, repeated
