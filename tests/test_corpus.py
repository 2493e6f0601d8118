"""The seed corpus in the dataset: counts, offsets, boilerplate against hand annotation."""
from __future__ import annotations

import csv

import pandas as pd

from analysis.paths import GOLD, SEEDS, SEEDS_MANIFEST

SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


def test_seeds_are_the_five_articles(seeds):
    assert SEED_FILES == [
        "000_b0b0b3800b0cab0f.txt", "001_fa657f70abca039f.txt", "002_75e794566d12b039.txt",
        "003_4f183366c38137f2.txt", "004_9f482f53677f4bd6.txt",
    ]
    assert list(seeds.articles["file"]) == SEED_FILES
    assert seeds.meta["corpus"]["manifest"] == str(SEEDS_MANIFEST)


def test_articles_columns_and_sizes(seeds):
    a = seeds.articles
    for column in ["file", "published", "published_source", "published_evidence", "outlet", "url",
                   "language", "title", "n_chars", "n_sentences"]:
        assert column in a.columns
    for _, row in a.iterrows():
        raw = (SEEDS / row["file"]).read_text(encoding="utf-8")
        assert seeds.text(row["file"]) == raw
        assert row["n_chars"] == len(raw)
        assert row["n_sentences"] == (seeds.sentences["file"] == row["file"]).sum()
    assert set(a["language"]) == {"id"}


def test_seed_publication_dates_from_manifest(seeds):
    a = seeds.articles.set_index("file")
    # established by hand from the texts and the events they report (data/seeds_manifest.csv)
    expected = {
        "000_b0b0b3800b0cab0f.txt": "2024-10-30",
        "001_fa657f70abca039f.txt": "2024-10-31",
        "002_75e794566d12b039.txt": "2024-10-29",
        "003_4f183366c38137f2.txt": "2024-10-23",
        "004_9f482f53677f4bd6.txt": "2024-10-31",
    }
    for file, date in expected.items():
        assert a.loc[file, "published"] == pd.Timestamp(date)
        assert a.loc[file, "published_source"] == "manifest"
        assert a.loc[file, "published_evidence"].split(":")[0] in {"text", "event"}


def test_offsets_round_trip_and_cover_all_text(seeds):
    for file, group in seeds.sentences.groupby("file"):
        text = seeds.text(file)
        previous_end = 0
        for _, s in group.sort_values("sentence_id").iterrows():
            assert text[s["start"]:s["end"]] == s["text"]
            assert s["start"] >= previous_end, "sentences overlap or are out of order"
            assert text[previous_end:s["start"]].strip() == "", "text between sentences was lost"
            assert s["line"] == text.count("\n", 0, s["start"]) + 1
            previous_end = s["end"]
        assert text[previous_end:].strip() == ""
        assert list(group["sentence_id"]) == list(range(len(group)))


def test_boilerplate_matches_hand_annotation(seeds):
    with (GOLD / "seeds_boilerplate.csv").open(encoding="utf-8") as handle:
        gold = {(r["file"], r["text"]): r["kind"] for r in csv.DictReader(handle)}
    s = seeds.sentences
    flagged = {(r.file, r.text): r.boilerplate_kind for r in s[s["is_boilerplate"]].itertuples()}
    assert set(flagged) - set(gold) == set(), "false positives"
    assert set(gold) - set(flagged) == set(), "missed boilerplate"
    assert flagged == gold


def test_boilerplate_is_flagged_not_deleted(seeds):
    s = seeds.sentences
    promo = s[s["text"].str.contains("8.000 tentara")]
    assert len(promo) == 1 and promo.iloc[0]["is_boilerplate"]
    assert (seeds.articles["n_boilerplate"] == seeds.articles["file"].map(
        s.groupby("file")["is_boilerplate"].sum())).all()


def test_story_sentences_are_not_boilerplate(seeds):
    s = seeds.sentences.set_index("text")
    for sentence in [
        "Amerika Serikat memperkirakan saat ini terdapat sekitar 10.000 tentara Korea Utara di Rusia.",
        "Dia tetap pada pendiriannya meskipun ada seruan dari Washington dan Kiev untuk mempertimbangkan kembali.",
        "Austin dan Kim juga meminta Korea Utara untuk menarik pasukannya.",
    ]:
        assert not s.loc[sentence, "is_boilerplate"]
