"""English originals: language identification, and every analysis on English wire copy,
scored against the hand-made gold of tests/fixtures/en_wire (data/gold/en_wire/)."""
from __future__ import annotations

import shutil

import pytest

from analysis.evaluation import (
    read_gold,
    score_events,
    score_names,
    score_times,
    score_troops,
)
from analysis.paths import FIXTURES, SEEDS

from .conftest import extract_corpus

EN = FIXTURES / "en_wire"
BAR = 0.9


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return extract_corpus(EN, out=tmp_path_factory.mktemp("en") / "data")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Seeds (Indonesian) and English wire copy in one corpus, with no language column."""
    corpus = tmp_path_factory.mktemp("mixed") / "c"
    corpus.mkdir()
    for path in sorted(SEEDS.glob("*.txt")) + sorted(EN.glob("*.txt")):
        shutil.copy(path, corpus / path.name)
    manifest = [line for line in (EN / "manifest.csv").read_text(encoding="utf-8").splitlines()]
    manifest += [f"{p.name},,,," for p in sorted(SEEDS.glob("*.txt"))]
    (corpus / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    return extract_corpus(corpus, out=corpus.parent / "data")


def test_languages_are_detected_without_a_language_column(mixed):
    a = mixed.articles.set_index("file")
    assert "language" not in (EN / "manifest.csv").read_text(encoding="utf-8").splitlines()[0]
    for file, row in a.iterrows():
        assert row["language"] == ("en" if file.startswith("en") else "id"), file
        assert row["language_source"] == "detected" and row["language_confidence"] >= 0.9 and row["analysed"]


def test_troop_figures(english):
    score = score_troops(english.troop_estimates, read_gold("en_wire", "troop_estimates.csv"))
    print("English troop figures", score)
    assert score["f1"] >= BAR and score["qualifier"] >= BAR


def test_time_values(english):
    score = score_times(english.time_expressions, read_gold("en_wire", "times.csv"))
    print("English time expressions", score)
    assert score["value_accuracy"] >= BAR and score["precision"] >= BAR


def test_canonical_names(english):
    score = score_names(english.mentions, read_gold("en_wire", "names.csv"))
    print("English names", score)
    assert score["canonical"] >= BAR and score["person_precision"] >= BAR


def test_inferred_publication_dates(english):
    a = english.articles.set_index("file")
    stamp = a.loc["en03_ap_austin_kim_11000.txt"]
    assert stamp["published"].date().isoformat() == "2024-10-30" and "timestamp" in stamp["published_evidence"]
    dateline = a.loc["en07_yonhap_nis_10900_kursk.txt"]
    assert dateline["published"].date().isoformat() == "2024-11-20"


def test_no_untranslated_findings_in_english(mixed):
    f = mixed.translation_findings
    english_files = set(mixed.articles.loc[mixed.articles["language"] == "en", "file"])
    assert f[f["file"].isin(english_files)].empty
    assert not f[f["kind"] == "untranslated_fragment"].empty  # the Indonesian seeds still have theirs


def test_sentences_carry_their_language(mixed):
    s = mixed.sentences
    assert set(s.loc[s["file"].str.startswith("en"), "language"]) == {"en"}
    seeds = s[~s["file"].str.startswith("en")]
    assert (seeds["language"] == "id").mean() > 0.9


def test_events_across_english_outlets(english):
    score = score_events(english.event_reports, read_gold("en_wire", "events.csv"))
    print("English events", score)
    assert score["precision"] >= 0.9 and score["recall"] >= 0.7


def test_a_language_without_resources_is_kept_flagged_and_skipped(tmp_path):
    from .conftest import run_cli, write_corpus

    d = write_corpus(tmp_path / "c", {
        "fr.txt": "La Corée du Nord a envoyé des milliers de soldats en Russie, selon les services de renseignement "
                  "sud-coréens, qui estiment que les troupes seront déployées sur le front dans les semaines à venir.\n",
        "id.txt": "Pasukan Korea Utara tiba di Rusia pada hari Rabu, kata pejabat itu kepada wartawan.\n"})
    done = run_cli("extract", d, "--out", tmp_path / "o", "--workers", "1")  # in this process
    assert done.returncode == 0, done.stderr
    assert "1 article(s) in a language without resources, kept but not analysed: fr.txt (fr)" in done.stderr
    from analysis.dataset import Dataset

    ds = Dataset(tmp_path / "o")
    a = ds.articles.set_index("file")
    assert a.loc["fr.txt", "language"] == "fr" and not a.loc["fr.txt", "analysed"]
    assert a.loc["id.txt", "language"] == "id" and a.loc["id.txt", "analysed"]
    assert set(ds.sentences["file"]) == {"id.txt"}


def test_reports_run_on_a_mixed_corpus(mixed, tmp_path):
    from analysis.report import run_reports

    run = run_reports(mixed.corpus_root, out_dir=tmp_path / "site", timeout=300, workers=1)
    assert run.ok, run.summary()
    page = (run.out_dir / "02-troop-estimates.html").read_text(encoding="utf-8")
    assert "original" in page and "translation" in page  # the ledger says where each figure comes from
    corpus = (run.out_dir / "00-corpus.html").read_text(encoding="utf-8")
    assert "detected" in corpus and "en01_reuters_nis_1500_first_batch.txt" in corpus
