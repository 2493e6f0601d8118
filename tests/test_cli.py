"""``python -m analysis extract`` on the seeds: the dataset it writes (in this process through
conftest.run_cli, but for the determinism check, which needs two processes' string hashing)."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd

from analysis.paths import ROOT, SEEDS
from analysis.schema import dataset_tables

from .conftest import run_cli


def test_extract_writes_the_dataset(tmp_path):
    out = tmp_path / "x"
    done = run_cli("extract", "--out", out, "--workers", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("extracted 5 articles in ")
    meta = json.loads((out / "dataset.json").read_text(encoding="utf-8"))
    assert meta["n_articles"] == 5 and set(meta["tables"]) == set(dataset_tables())
    for name, table in meta["tables"].items():
        frame = pd.read_csv(out / f"{name}.csv", keep_default_na=False)
        assert len(frame) == table["rows"] and list(frame.columns) == table["columns"], name
    assert meta["versions"]["spacy"] and meta["corpus"]["fingerprint"] and meta["resources"]
    articles = pd.read_csv(out / "articles.csv", keep_default_na=False)
    assert len(articles) == 5 and "text" not in articles.columns
    assert (articles["published"].str.match(r"^2024-10-\d\d$")).all()
    assert (articles["published_evidence"].str.len() > 10).all()
    assert set(articles["published_source"]) == {"manifest"}
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    assert list(sentences.columns[:6]) == ["file", "sentence_id", "start", "end", "line", "text"]
    texts = {f: (SEEDS / f).read_text(encoding="utf-8") for f in articles["file"]}
    for r in sentences.itertuples():
        assert texts[r.file][r.start:r.end] == r.text
    assert sentences.groupby("file").size().to_dict() == articles.set_index("file")["n_sentences"].to_dict()
    assert not list(out.glob(".*")), "temporary files left behind"


def test_extract_is_deterministic(request, tmp_path):
    """Byte-identical tables from two processes with different string hashing (set order):
    the shared dev2 corpus where it is here (a surname matched against a set of forms once
    scored 95 or 100 by hash order), else the seeds. One side is this test process's own
    extraction of dev2 (conftest's dev2_data, shared with test_dev2; its hash seed is random or
    PYTHONHASHSEED), the other a CLI process under a fixed, different seed."""
    import os

    dev2 = ROOT.parent / "shared" / "corpora" / "dev2"
    if dev2.is_dir():
        here = request.getfixturevalue("dev2_data")
        corpus, seeds = dev2, [None, "3" if os.environ.get("PYTHONHASHSEED") == "1" else "1"]
    else:
        here, corpus, seeds = None, SEEDS, ["1", "3"]
    outs = []
    for name, seed in zip("ab", seeds):
        if seed is None:
            outs.append(here)
            continue
        subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(tmp_path / name),
                        "--workers", "1"], check=True, capture_output=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONHASHSEED=seed))
        outs.append(tmp_path / name)
    for table in dataset_tables():
        assert (outs[0] / f"{table}.csv").read_bytes() == (outs[1] / f"{table}.csv").read_bytes(), table


def test_parquet_copies(tmp_path):
    done = run_cli("extract", "--out", tmp_path / "p", "--workers", "1", "--format", "parquet")
    assert done.returncode == 0, done.stderr
    for table in dataset_tables():
        csv = pd.read_csv(tmp_path / "p" / f"{table}.csv", keep_default_na=False)
        parquet = pd.read_parquet(tmp_path / "p" / "parquet" / f"{table}.parquet")
        assert len(csv) == len(parquet) and list(csv.columns) == list(parquet.columns), table


def test_extract_warns_about_undated_articles(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Pada hari Rabu pasukan tiba.\n", encoding="utf-8")
    done = run_cli("extract", corpus, "--out", tmp_path / "o", "--workers", "1", cwd=tmp_path)
    assert done.returncode == 0
    assert "1 undated article(s): a.txt" in done.stderr
    assert len(pd.read_csv(tmp_path / "o" / "articles.csv")) == 1
