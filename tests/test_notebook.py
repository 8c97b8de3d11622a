"""The notebook's code cells run in order against the shipped example (so it cannot rot)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import LANXI, ROOT, assert_valid

from aligner.export import write_outputs

NOTEBOOK = ROOT / "notebooks" / "lanxi.ipynb"


@pytest.mark.slow
def test_notebook_cells_run(monkeypatch, tmp_path):
    if not LANXI.is_dir():
        pytest.fail("the shipped example data/lanxi-2022-winter is missing")
    monkeypatch.chdir(ROOT)
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    namespace: dict = {"__name__": "__notebook__"}
    for cell in cells:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), str(NOTEBOOK), "exec"), namespace)
    result = namespace["result"]
    assert str(result.status) == "OPTIMAL"
    write_outputs(result, tmp_path)
    assert_valid(result.instance, tmp_path)
    assert namespace["alignment"].alignable_hub_periods == (1, 2, 3)
    assert Path(namespace["root"]) == ROOT
