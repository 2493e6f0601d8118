"""Notebooks stay thin and clean: header, one parameters cell, no stored outputs, no pipeline."""
from __future__ import annotations

from pathlib import Path

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
    for name in ("dataset", "manifest", "output_dir"):
        assert f"{name} = " in tagged[0].source
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "datasets.load(dataset, manifest)" in code  # reads the dataset with one call
    for forbidden in ("get_nlp", "extract(", "open_corpus", "sys.path"):
        assert forbidden not in code, forbidden
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "stored outputs"
    assert nb.metadata["kernelspec"]["name"] == "press-analysis"


def test_a_notebook_run_writes_where_the_site_never_does(tmp_path):
    """Run in JupyterLab with only ``dataset`` changed, a notebook writes under a folder named
    for that dataset, never the site's ``reports/outputs`` (``report`` passes its own)."""
    from analysis import paths

    site_outputs = paths.REPORTS / "outputs"
    one, other = tmp_path / "a" / "Dev 2", tmp_path / "b" / "Dev 2"
    first = paths.notebook_outputs(None, one)
    assert first.parent == paths.OUTPUTS and first.name.startswith("dev-2-")
    assert paths.notebook_outputs("", one) == first  # papermill passes "" as readily as None
    assert paths.notebook_outputs(None, other) != first  # same name, another corpus: another folder
    assert paths.notebook_outputs(None, None).name.startswith("seeds-")
    assert site_outputs not in {first, paths.notebook_outputs(None, None)}
    assert paths.notebook_outputs("../outputs", one) == Path("../outputs")  # report passes the site's own
    for path in notebooks():
        source = "".join("".join(c.source) for c in nbformat.read(path, as_version=4).cells)
        assert "paths.notebook_outputs(output_dir, dataset)" in source, path
