"""One article that trips an analysis is kept and flagged, never fatal (in this process, in a
worker process, on a Dask worker); and real outside corpora run through end to end."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.paths import ROOT

from .conftest import write_corpus

MARK = "BOOM"
GOOD = "Pasukan itu tiba di Rusia pada Rabu (30/10/2024). Sekitar 3.000 tentara dikirim.\n"
BAD = f"Pasukan {MARK} tiba di Rusia pada Kamis (31/10/2024). Sebanyak 11.000 tentara dikirim.\n"
SHARED = ROOT.parent / "shared"


def corpus(tmp_path: Path, n_good: int = 2) -> Path:
    articles = {f"good{i:02d}.txt": GOOD for i in range(n_good)}
    articles["bad.txt"] = BAD
    manifest = [{"file": name, "published": "2024-11-01", "outlet": "X", "language": "id"} for name in articles]
    return write_corpus(tmp_path / "corpus", articles, manifest)


def _raise_on_mark(module, name: str):
    """``module.name`` that raises on an argument (a context or a text) holding MARK."""
    original = getattr(module, name)

    def patched(first, *args, **kwargs):
        text = first.text if hasattr(first, "text") else str(first)
        if MARK in text:
            raise ValueError("injected failure")
        return original(first, *args, **kwargs)

    return patched


def check_flagged(out: Path, stderr: str, stage: str, n_articles: int) -> None:
    articles = pd.read_csv(out / "articles.csv", keep_default_na=False).set_index("file")
    assert len(articles) == n_articles
    bad = articles.loc["bad.txt"]
    assert str(bad["analysed"]) == "False"
    assert bad["error"] == f"ValueError: injected failure (stage: {stage})"
    good = articles.drop(index="bad.txt")
    assert (good["analysed"].astype(str) == "True").all() and (good["error"] == "").all()
    troops = pd.read_csv(out / "troop_estimates.csv")
    assert set(troops["file"]) == set(good.index)  # the others were analysed in full
    assert "bad.txt" not in set(pd.read_csv(out / "sentences.csv")["file"])
    warnings = [line for line in stderr.splitlines() if "bad.txt" in line]
    assert warnings == [f"warning: bad.txt: could not be analysed, kept and flagged: ValueError: injected failure "
                        f"(stage: {stage})"]
    assert "1 could not be analysed" in stderr
    assert "Traceback" not in stderr


def test_a_failing_stage_flags_its_article_in_process(tmp_path, monkeypatch, capsys):
    from analysis.timeline import article as timeline

    monkeypatch.setattr(timeline, "timex_rows", _raise_on_mark(timeline, "timex_rows"))
    status = main(["extract", str(corpus(tmp_path)), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert status == 0
    check_flagged(tmp_path / "out", capsys.readouterr().err, "time expressions", 3)


def test_a_failing_pipeline_flags_only_its_article(tmp_path, monkeypatch, capsys):
    """The tokenizer or a spaCy component raising inside ``nlp.pipe`` breaks the whole stream:
    the batch is redone article by article and only the culprit is flagged."""
    from analysis.extract import article

    original = article._make_doc

    def make_doc(nlp, text):
        if MARK in text:
            raise ValueError("injected failure")
        return original(nlp, text)

    monkeypatch.setattr(article, "_make_doc", make_doc)
    status = main(["extract", str(corpus(tmp_path)), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert status == 0
    check_flagged(tmp_path / "out", capsys.readouterr().err, "tokenizer", 3)


def test_a_failing_stage_in_a_worker_process(tmp_path):
    """Worker processes import the package afresh: the failure is injected at their start-up."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import analysis.timeline.article as t\n"
        "_orig = t.timex_rows\n"
        "def _boom(ctx):\n"
        f"    if {MARK!r} in ctx.text: raise ValueError('injected failure')\n"
        "    return _orig(ctx)\n"
        "t.timex_rows = _boom\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)])}
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus(tmp_path, n_good=20)),
                           "--out", str(tmp_path / "out"), "--workers", "2"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    check_flagged(tmp_path / "out", done.stderr, "time expressions", 21)


def test_a_failing_stage_on_a_dask_worker(tmp_path, monkeypatch, capsys):
    distributed = pytest.importorskip("distributed")
    from analysis.timeline import article as timeline

    monkeypatch.setattr(timeline, "timex_rows", _raise_on_mark(timeline, "timex_rows"))
    with distributed.LocalCluster(n_workers=1, processes=False, protocol="tcp://", dashboard_address=None) as cluster:
        status = main(["extract", str(corpus(tmp_path)), "--out", str(tmp_path / "out"),
                       "--scheduler", cluster.scheduler_address])
    assert status == 0
    check_flagged(tmp_path / "out", capsys.readouterr().err, "time expressions", 3)


@pytest.mark.parametrize("name, lang", [("tbaq", "en"), ("indotimex-dev", "id")])
def test_every_timeml_document_runs_through(tmp_path, name, lang):
    """Every document of the outside TimeML sets is extracted; none is lost or flagged."""
    source = SHARED / "corpora" / name
    if not source.is_dir():
        pytest.skip(f"{source} is absent (the shared corpora sit beside the repository)")
    convert = SHARED / "eval" / "timeml" / "convert.py"
    subprocess.run([sys.executable, str(convert), str(source), str(tmp_path / "c"), str(tmp_path / "g.csv"), lang],
                   check=True, capture_output=True)
    n_docs = len(list(source.glob("*.tml")))
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", str(tmp_path / "c"), "--out",
                           str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, cwd=ROOT, timeout=1500)
    assert done.returncode == 0, done.stderr[-2000:]
    articles = pd.read_csv(tmp_path / "out" / "articles.csv", keep_default_na=False)
    assert len(articles) == n_docs
    assert articles.loc[articles["error"] != "", ["file", "error"]].values.tolist() == []


def test_every_dev_and_seed_article_is_analysed(tmp_path, seeds):
    """dev2 is checked in test_dev2 (its dataset is built there once)."""
    assert seeds.articles["analysed"].all()
    source = SHARED / "corpora" / "dev"
    if not source.is_dir():
        pytest.skip(f"{source} is absent (the shared corpora sit beside the repository)")
    from .conftest import extract_corpus

    dev = extract_corpus(source, out=tmp_path / "dev")
    assert dev.articles.loc[~dev.articles["analysed"].astype(bool), ["file", "error"]].values.tolist() == []


def test_a_failing_language_detection_flags_only_its_article(tmp_path, monkeypatch):
    """Review: language detection ran outside the guard; one failure lost the whole batch."""
    from analysis.extract import article
    from analysis.extract.article import ArticleInput, analyse_batch

    original = article.guess

    def guess(text):
        if MARK in text:
            raise ValueError("injected failure")
        return original(text)

    monkeypatch.setattr(article, "guess", guess)
    items = [ArticleInput(name, text, {}, "", True) for name, text in (("good.txt", GOOD), ("bad.txt", BAD))]
    good, bad = analyse_batch(items)
    assert good.tables["articles"][0]["analysed"] and good.tables["troop_estimates"]
    assert bad.tables["articles"][0]["error"] == "ValueError: injected failure (stage: language detection)"
