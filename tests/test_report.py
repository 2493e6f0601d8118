"""The report runner end to end: real notebooks, real kernel, real HTML."""
from __future__ import annotations

import json
import re

import nbformat

from analysis.paths import SEEDS
from analysis.report import notebooks, run_reports

from .conftest import XSS_IMG, XSS_SCRIPT, write_corpus



def errored_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_every_notebook_runs_and_renders(seed_run):
    expected = [p.name for p in notebooks()]
    assert expected and expected[0] == "00-corpus.ipynb"
    assert [r.name for r in seed_run.results] == expected
    assert seed_run.ok, seed_run.summary()
    for r in seed_run.results:
        assert r.html is not None and r.html.is_file() and r.html.stat().st_size > 10_000
        executed = json.loads((seed_run.out_dir / "notebooks" / r.name).read_text(encoding="utf-8"))
        # shipped without outputs (the page holds them: every table once in the site)
        assert [c["outputs"] for c in executed["cells"] if c["cell_type"] == "code"] == [[]] * len(
            [c for c in executed["cells"] if c["cell_type"] == "code"])
    index = seed_run.index.read_text(encoding="utf-8")
    for r in seed_run.results:
        assert f'href="{r.html.name}"' in index
        assert re.search(re.escape(r.name) + r"</td><td>ok</td><td>\d+\.\d s", index)
    assert str(SEEDS) in index
    assert (seed_run.out_dir / "data" / "dataset.json").is_file()
    assert not [p for p in seed_run.out_dir.parent.iterdir() if p.name.startswith(".")], "staging left behind"


def test_code_is_hidden_and_outputs_written(seed_run):
    page = (seed_run.out_dir / "00-corpus.html").read_text(encoding="utf-8")
    assert "datasets.load(dataset" not in page  # code cells hidden by default
    assert "000_b0b0b3800b0cab0f.txt" in page and "data:image/png;base64" in page
    for name in ["00-corpus_articles.csv", "00-corpus_boilerplate.csv",
                 "00-corpus_publication-dates.png", "00-corpus_lengths.png"]:
        assert (seed_run.out_dir / "outputs" / name).is_file()


def test_failures_are_collected_and_named(tmp_path):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    for name, sources in {"00-good.ipynb": ["# Good", "x = 1"],
                          "01-bad.ipynb": ["# Bad", "y = 2", "raise ValueError('boom')"],
                          "02-after.ipynb": ["# After", "z = 3"]}.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(sources[0])] + [nbformat.v4.new_code_cell(s) for s in sources[1:]]
        nb.cells.insert(1, nbformat.v4.new_code_cell("dataset = None", metadata={"tags": ["parameters"]}))
        nbformat.write(nb, nbs / name)
    corpus = write_corpus(tmp_path / "c", {"a.txt": "Pasukan itu tiba di Rusia.\n"})  # one article: the notebooks fail or not
    run = run_reports(corpus, out_dir=tmp_path / "out", notebooks_dir=nbs, timeout=60, workers=1)
    assert not run.ok
    assert [r.name for r in run.failures] == ["01-bad.ipynb"]
    assert "ValueError: boom" in run.failures[0].error and "cell" in run.failures[0].error
    assert all(r.html and r.html.is_file() for r in run.results)  # the failed one is rendered too
    assert errored_cells(run.out_dir / "notebooks" / "01-bad.ipynb")  # and keeps its outputs: the error shows
    assert "01-bad.ipynb: ValueError" not in run.summary()
    assert "1 notebook(s) failed" in run.summary() and "01-bad.ipynb: cell" in run.summary()


def test_article_text_is_escaped_in_every_report(hostile_runs):
    """evil.txt (conftest.HOSTILE_ARTICLES) holds script and img tags in its text, its outlet
    and its title."""
    run = hostile_runs[0]
    assert run.ok, run.summary()
    pages = sorted(run.out_dir.rglob("*.html"))  # reports, article pages, the front page
    assert {p.parent.name for p in pages} >= {run.out_dir.name, "articles"} and len(pages) >= len(run.results) + 3
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert XSS_SCRIPT not in page and XSS_IMG not in page, path
    article = (run.out_dir / "articles" / "evil.txt.html").read_text(encoding="utf-8")
    assert "Pasukan tiba &lt;img src=x onerror=alert(1)&gt; di Rusia" in re.sub(r"<[^>]+>", "", article)
    page = run.results[0].html.read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the outlet, shown as text
    assert "Baca juga: &lt;script&gt;alert(" in page  # a boilerplate sentence, shown as text


def test_display_table_escapes_on_its_own(monkeypatch):
    import pandas as pd

    from analysis import display

    monkeypatch.setenv("PRESS_REPORT", "1")  # as in a report's kernel: plain HTML
    page = display.table(pd.DataFrame({"text": [XSS_SCRIPT, XSS_IMG]})).data
    assert XSS_SCRIPT not in page and XSS_IMG not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    monkeypatch.delenv("PRESS_REPORT")  # in JupyterLab: a widget holding the same escaped table
    page = display.table(pd.DataFrame({"text": [XSS_SCRIPT, XSS_IMG]})).html
    assert XSS_SCRIPT not in page and XSS_IMG not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_report_extracts_once_and_notebooks_never_run_the_pipeline(hostile_runs):
    """The first hostile run counted analysis.extract.extract and gave the kernels a cache
    directory (PRESS_ANALYSIS_CACHE) that only a notebook extracting on its own would create."""
    run, _, calls, cache = hostile_runs
    assert run.ok, run.summary()
    assert len(calls) == 1  # one extraction for the whole report
    assert not cache.exists()  # no notebook extracted anything itself
    for r in run.results:
        executed = json.loads((run.out_dir / "notebooks" / r.name).read_text(encoding="utf-8"))
        params = next(c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", []))
        source = "".join(params["source"])  # relative: the executed notebooks run again where they are
        assert 'dataset = "../data"' in source and 'output_dir = "../outputs"' in source


def test_no_section_of_a_report_is_a_heading_without_output(seed_run):
    """A section whose code runs shows something (a table, a chart, a figure or a note saying
    there is nothing): a value left inside an ``if`` block is never silently lost."""
    empty = []
    for r in seed_run.results:
        page = r.html.read_text(encoding="utf-8")
        for section in page.split("<h2 ")[1:]:
            title = re.sub(r"<[^>]+>", "", section.split("</h2>")[0].split(">", 1)[1]).strip("¶ ")
            if "jp-CodeCell" in section and "jp-OutputArea-output" not in section:
                empty.append(f"{r.name}: {title}")
    assert empty == []
