"""``python -m analysis extract`` on the seeds."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd

from analysis.paths import ROOT, SEEDS


def test_extract_writes_articles_and_sentences(tmp_path):
    out = tmp_path / "x"
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", "--out", str(out)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    articles = pd.read_csv(out / "articles.csv", keep_default_na=False)
    assert len(articles) == 5
    assert "text" not in articles.columns
    assert (articles["published"].str.match(r"^2024-10-\d\d$")).all()
    assert (articles["published_evidence"].str.len() > 10).all()
    assert set(articles["published_source"]) == {"manifest"}
    sentences = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    assert list(sentences.columns[:6]) == ["file", "sentence_id", "start", "end", "line", "text"]
    texts = {f: (SEEDS / f).read_text(encoding="utf-8") for f in articles["file"]}
    for r in sentences.itertuples():
        assert texts[r.file][r.start:r.end] == r.text
    assert sentences.groupby("file").size().to_dict() == articles.set_index("file")["n_sentences"].to_dict()


def test_extract_is_deterministic(tmp_path):
    for name in ("a", "b"):
        subprocess.run([sys.executable, "-m", "analysis", "extract", str(SEEDS), "--out", str(tmp_path / name)],
                       check=True, capture_output=True, cwd=ROOT)
    for table in ("articles.csv", "sentences.csv"):
        assert (tmp_path / "a" / table).read_bytes() == (tmp_path / "b" / table).read_bytes()


def test_extract_warns_about_undated_articles(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Pada hari Rabu pasukan tiba.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert "1 undated article(s): a.txt" in done.stderr
    assert len(pd.read_csv(tmp_path / "o" / "articles.csv")) == 1
