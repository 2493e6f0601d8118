"""Extraction at scale: long articles, parallel and distributed runs give the same tables,
a notebook's corpus is extracted once and cached."""
from __future__ import annotations

import time

import pytest

from analysis import dataset as datasets
from analysis.corpus import open_corpus
from analysis.extract import extract
from analysis.extract.article import CHUNK_CHARS, chunks
from analysis.paths import SEEDS
from analysis.schema import dataset_tables

from .conftest import write_corpus


def same_tables(a, b):
    for table in dataset_tables():
        assert (a / f"{table}.csv").read_bytes() == (b / f"{table}.csv").read_bytes(), table


def test_chunks_cut_at_line_breaks_and_cover_the_text():
    text = ("Paragraf satu berisi kalimat. " * 40 + "\n") * 200
    pieces = chunks(text, 5_000)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 5_000 for _, p in pieces) and len(pieces) > 1
    assert all(text[o - 1] == "\n" for o, _ in pieces[1:])
    assert [o for o, _ in pieces] == sorted({o for o, _ in pieces})
    single_line = "Kalimat panjang tanpa baris baru. " * 2_000  # one line longer than a chunk
    assert "".join(p for _, p in chunks(single_line, 5_000)) == single_line


def test_a_million_character_article_extracts(tmp_path):
    body = "\n".join((SEEDS / f).read_text(encoding="utf-8") for f in sorted(p.name for p in SEEDS.glob("*.txt")))
    text = "\n".join([body] * (1_000_000 // len(body) + 1))
    assert len(text) >= 1_000_000 and len(text) > 20 * CHUNK_CHARS
    corpus = write_corpus(tmp_path / "long", {"long.txt": text}, [{"file": "long.txt", "published": "2024-10-31"}])
    started = time.perf_counter()
    ds = datasets.Dataset(extract(open_corpus(corpus), tmp_path / "d", workers=1, quiet=True).out)
    seconds = time.perf_counter() - started
    sentences, troops = ds.sentences, ds.troop_estimates
    assert len(sentences) > 5_000 and len(troops) > 500
    for r in sentences.sample(200, random_state=1).itertuples():
        assert text[r.start:r.end] == r.text
    for r in troops.itertuples():
        assert text[r.start:r.end] == r.text
    assert seconds < 240, seconds


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    out = tmp_path_factory.mktemp("serial") / "d"
    extract(open_corpus(), out, workers=1, quiet=True, batch_size=2)
    return out


def test_two_workers_give_the_same_tables(one_process, tmp_path):
    extract(open_corpus(), tmp_path / "d", workers=2, quiet=True, batch_size=2)
    same_tables(one_process, tmp_path / "d")


def test_a_dask_cluster_gives_the_same_tables(one_process, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        extract(open_corpus(), tmp_path / "d", scheduler=cluster.scheduler_address, quiet=True, batch_size=2)
    same_tables(one_process, tmp_path / "d")


def test_load_extracts_a_corpus_once_and_caches_it(tmp_path, monkeypatch):
    monkeypatch.setattr(datasets, "CACHE", tmp_path / "cache")
    corpus = write_corpus(tmp_path / "c", {"a.txt": "Pasukan itu tiba di Rusia pada 1 November 2024.\n"})
    calls = []
    real = datasets.extract_corpus
    monkeypatch.setattr(datasets, "extract_corpus", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = datasets.load(corpus, workers=1)
    second = datasets.load(corpus, workers=1)
    assert first.path == second.path and len(calls) == 1
    assert len(first.articles) == 1 and first.path.parent == tmp_path / "cache"
    (corpus / "b.txt").write_text("Artikel kedua.\n", encoding="utf-8")
    third = datasets.load(corpus, workers=1)
    assert third.path != first.path and len(third.articles) == 2 and len(calls) == 2
    assert datasets.load(first.path).path == first.path  # a dataset directory is read as is


def test_a_very_long_article_is_read_in_sections_with_the_same_rows(tmp_path, monkeypatch):
    """An article of many chunks is analysed a section at a time (memory stays flat): its rows
    are those of the article read whole, in every table, sentence ids running on across
    sections; a related-stories heading in the second section makes every later line
    boilerplate, in the third section too; a bracket in English is found once, not once per
    section."""
    from analysis.extract import sections

    from .conftest import extract_corpus, write_corpus

    lines = [f"Sekitar {1000 + i} tentara Korea Utara tiba di kota nomor {i} pada Rabu (30/10/2024), "
             f"kata Pentagon.\n" for i in range(800)]
    lines[100] = "Sekitar 1100 tentara [the soldiers] tiba di kota itu, kata Pentagon.\n"
    lines.insert(600, "Baca juga:\n")
    d = write_corpus(tmp_path / "c", {"long.txt": "".join(lines)}, [{"file": "long.txt", "published": "2024-10-31"}])
    whole = extract_corpus(d, out=tmp_path / "whole")
    monkeypatch.setattr(sections, "SECTION_CHUNKS", 2)  # about 90,000 characters: three sections
    parts = extract_corpus(d, out=tmp_path / "parts")
    for table in ("articles", "sentences", "troop_estimates", "other_quantities", "time_expressions", "mentions",
                  "timeline_findings", "event_reports", "translation_findings", "name_variants", "estimate_findings"):
        a, b = whole.table(table), parts.table(table)
        assert a.astype(str).values.tolist() == b.astype(str).values.tolist(), table
    assert list(parts.sentences["sentence_id"]) == list(range(801))
    assert parts.articles.loc[0, "n_sentences"] == 801 and str(parts.articles.loc[0, "published"])[:10] == "2024-10-31"
    assert parts.articles.loc[0, "n_boilerplate"] == 201
    assert list(parts.sentences["is_boilerplate"]) == [False] * 600 + [True] * 201
    assert list(parts.sentences["line"]) == list(range(1, 802))
    fragments = parts.translation_findings
    assert list(fragments.loc[fragments["text"].str.startswith("["), "text"]) == ["[the soldiers]"]
