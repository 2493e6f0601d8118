"""Manifest rules and publication-date inference."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from .conftest import DEV_CORPUS, extract_corpus, write_corpus

BODY = "Pasukan itu tiba di Rusia. Mereka dilatih di sana.\n"


def row(corpus, file):
    return corpus.articles.set_index("file").loc[file]


def test_manifest_date_wins_and_extra_columns_pass_through(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": "Dikutip AFP, Kamis (31/10/2024). " + BODY},
                     [{"file": "a.txt", "published": "2024-11-02", "published_evidence": "print edition",
                       "outlet": "Koran", "desk": "internasional"}])
    c = extract_corpus(d)
    r = row(c, "a.txt")
    assert r["published"] == pd.Timestamp("2024-11-02")
    assert r["published_source"] == "manifest"
    assert r["published_evidence"] == "print edition"
    assert r["outlet"] == "Koran" and r["desk"] == "internasional"
    assert r["language"] == "id" and r["language_source"] == "detected"  # no language column: detected


def test_manifest_date_without_evidence_says_so(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": BODY}, [{"file": "a.txt", "published": "2024-11-02"}])
    assert row(extract_corpus(d), "a.txt")["published_evidence"] == "manifest (no evidence given)"


@pytest.mark.parametrize("text, url, expected, evidence", [
    ("Judul\n19 Oktober 2024 10:15 WIB\n" + BODY, "", "2024-10-19", "publication timestamp '19 Oktober 2024 10:15 WIB'"),
    ("SELASA, 29 OKTOBER 2024 | 16:56 WIB | LAPORAN: X\n" + BODY, "", "2024-10-29", "publication timestamp"),
    (BODY, "https://example.org/internasional/2024/10/24/judul-berita", "2024-10-24", "URL path"),
    ("Mereka bertemu pada Rabu (30/10/2024). Hal itu dikatakan seperti dikutip AFP, Kamis (31/10/2024).\n",
     "", "2024-10-31", "latest citation date 'Kamis (31/10/2024)'"),
    # a citation date beats a later plain mention; a future date is never the publication date
    ("Pertemuan digelar 1 November 2024. Mereka akan bertemu lagi pada 5 November 2024.\n",
     "", "2024-11-01", "latest explicit date '1 November 2024'"),
    ("Pada 31/02/2024 tidak ada. Rapat 2 Februari 2024 selesai.\n", "", "2024-02-02", "latest explicit date"),
])
def test_inferred_publication_dates(tmp_path, text, url, expected, evidence):
    d = write_corpus(tmp_path / "c", {"a.txt": text}, [{"file": "a.txt", "url": url}])
    r = row(extract_corpus(d), "a.txt")
    assert r["published"] == pd.Timestamp(expected)
    assert r["published_source"] == "inferred"
    assert evidence in r["published_evidence"]


def test_undatable_article_is_kept_and_flagged(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": "Pada hari Rabu pasukan tiba. Kamis (31/10) mereka pergi.\n",
                                      "b.txt": "Rabu (30/10/2024) pasukan tiba.\n"})
    c = extract_corpus(d)
    assert len(c.articles) == 2
    a = row(c, "a.txt")
    assert pd.isna(a["published"]) and a["published_source"] == "unknown"
    assert a["published_evidence"].startswith("undated")
    assert list(c.articles.loc[c.articles["published_source"] == "unknown", "file"]) == ["a.txt"]
    assert (c.sentences["file"] == "a.txt").sum() == 2


def test_manifest_in_directory_and_explicit_manifest(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": BODY},
                     [{"file": "a.txt", "published": "2024-10-01", "outlet": "X"}])
    c = extract_corpus(d)
    assert c.meta["corpus"]["manifest"] == str(d / "manifest.csv")
    b = row(c, "b.txt")  # not listed: kept, flagged in its evidence
    assert b["published_source"] == "unknown"
    assert b["published_evidence"].startswith("not listed in the manifest")
    other = tmp_path / "elsewhere.csv"
    other.write_text("file,published,outlet,language\nb.txt,2024-10-05,Y,en\n", encoding="utf-8")
    c2 = extract_corpus(d, manifest=other)
    assert c2.meta["corpus"]["manifest"] == str(other.resolve())
    assert row(c2, "b.txt")["published"] == pd.Timestamp("2024-10-05")
    assert row(c2, "b.txt")["language"] == "en"
    assert row(c2, "a.txt")["published_source"] == "unknown"


def test_manifest_may_name_files_in_subdirectories(tmp_path):
    d = write_corpus(tmp_path / "c", {"sub/a.txt": BODY}, [{"file": "sub/a.txt", "published": "2024-10-01"}])
    assert list(extract_corpus(d).articles["file"]) == ["sub/a.txt"]


def test_utf8_bom_is_dropped(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": "\ufeff" + BODY})
    c = extract_corpus(d)
    assert c.text("a.txt") == BODY
    assert c.sentences.iloc[0]["start"] == 0


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="shared dev corpus not available")
def test_inference_generalises_to_dev_corpus(tmp_path):
    """Strip the dev manifest's dates; inference must recover them wherever the
    text or URL carries the date (the KBS article says only 'Kamis (31/10)')."""
    with (DEV_CORPUS / "manifest.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    texts = {r["file"]: (DEV_CORPUS / r["file"]).read_text(encoding="utf-8") for r in rows}
    d = write_corpus(tmp_path / "dev", texts, [{"file": r["file"], "url": r["url"]} for r in rows])
    c = extract_corpus(d).articles.set_index("file")
    for r in rows:
        got = c.loc[r["file"]]
        if got["published_source"] == "unknown":
            assert r["file"].startswith("16_kbsworld")
        else:
            assert got["published"] == pd.Timestamp(r["published"]), r["file"]
    assert (c["published_source"] == "inferred").sum() == 5


def test_check_and_fingerprint_read_each_file_once(tmp_path, monkeypatch):
    """The corpus check hashes what it reads; the fingerprint reuses it (issue 23)."""
    import hashlib
    from pathlib import Path

    from analysis.corpus import open_corpus
    write_corpus(tmp_path, {"a.txt": "Satu kalimat.\n", "b.txt": "Another sentence.\n"})
    reads: list[str] = []
    real = Path.read_bytes

    def counting(path):
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    corpus = open_corpus(tmp_path)
    fingerprint = corpus.fingerprint()
    assert sorted(name for name in reads if name.endswith(".txt")) == ["a.txt", "b.txt"]
    # the same value as hashing the files afresh (what an unchecked corpus does)
    expected = hashlib.sha256()
    for name in ("a.txt", "b.txt"):
        expected.update(name.encode() + b"\0" + hashlib.sha256(real(tmp_path / name)).digest())
    assert corpus.manifest_path is None
    assert fingerprint == expected.hexdigest()
