"""The notebooks run top to bottom in a Jupyter kernel (nbclient), so they cannot rot; they are
committed without outputs. benchmarks.ipynb runs the small configuration ALIGNER_BENCH_CONFIG
names (default benchmarks/configs/tiny.toml), so the test stays fast."""

from __future__ import annotations

import json
import os

import pytest

from aligner.bench.config import load_config
from tests.solving import ROOT

NOTEBOOKS = ROOT / "notebooks"
nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[notebooks]'")
nbclient = pytest.importorskip("nbclient", reason="pip install -e '.[notebooks]'")


def _run(name: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Execute the notebook from the repository root; every code cell's text output."""
    monkeypatch.chdir(ROOT)
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbclient.NotebookClient(book, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT)}}).execute()
    texts = []
    for cell in book.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                texts.append(output["text"])
            elif "data" in output:
                texts.append(output["data"].get("text/plain", ""))
                if "image/png" in output["data"]:
                    texts.append("<a plot>")
    return texts


@pytest.mark.slow
def test_tour_solves_checks_and_plots_the_example(monkeypatch):
    texts = "\n".join(_run("tour.ipynb", monkeypatch))
    assert "hub periods that can carry a session: (1, 2, 3)" in texts
    assert "OPTIMAL objective 65" in texts
    assert "checked: 0 hard rule(s) broken; objective 65" in texts
    assert "<a plot>" in texts  # the week plot was drawn


@pytest.mark.slow
def test_benchmarks_notebook_runs_the_small_configuration(monkeypatch):
    name = os.environ.get("ALIGNER_BENCH_CONFIG", "benchmarks/configs/tiny.toml")
    monkeypatch.setenv("ALIGNER_BENCH_CONFIG", name)
    config = load_config(ROOT / name)
    texts = "\n".join(_run("benchmarks.ipynb", monkeypatch))
    runs = len(config.instances) * len(config.configs) * len(config.seeds)
    assert (f"{runs} runs from results.csv: {len(config.instances)} instances, "
            f"{len(config.configs)} configurations") in texts
    assert config.instances[0].label in texts
    assert texts.count("<a plot>") >= 6  # profile, cactus, gap, side by side, scaling, hard
    # the hard-instance library over time, from the committed results/hard.csv
    assert "hard cases over" in texts and "pair-1-co-teachers" in texts


def test_notebooks_are_committed_without_outputs():
    for path in NOTEBOOKS.glob("*.ipynb"):
        book = json.loads(path.read_text(encoding="utf-8"))
        for cell in book["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path.name
    assert {p.name for p in NOTEBOOKS.glob("*.ipynb")} == {"tour.ipynb", "benchmarks.ipynb"}
