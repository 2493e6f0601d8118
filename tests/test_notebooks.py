"""Notebooks stay thin and clean: header, one parameters cell, no stored outputs."""
from __future__ import annotations

import nbformat
import pytest

from analysis.report import notebooks

NOTEBOOKS = notebooks()


def test_there_are_numbered_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["00-corpus.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_hygiene(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    header = nb.cells[0]
    assert header.cell_type == "markdown" and header.source.startswith("# ")
    for word in ("Inputs", "Outputs", "Parameters"):
        assert f"**{word}" in header.source
    tagged = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    for name in ("corpus_dir", "manifest", "output_dir"):
        assert f"{name} = " in tagged[0].source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "stored outputs"
            assert "sys.path" not in cell.source
    assert nb.metadata["kernelspec"]["name"] == "press-analysis"
