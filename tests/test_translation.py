"""Translation artefacts: the seeds' hand-checked findings and focused cases."""
from __future__ import annotations

from analysis.translation.summary import garble_summary

from .conftest import dataset_of


def test_seed_findings_match_hand_reading(seeds):
    f = seeds.translation_findings
    for r in f.itertuples():
        assert seeds.text(r.file)[int(r.start):int(r.end)] == r.text
    found = {(r.kind, r.file[:3], r.text) for r in f.itertuples() if r.kind not in {"quote_rendering", "title_inconsistency"}}
    assert found == {
        ("glued_word", "000", "UkrainaApa"),
        ("untranslated_fragment", "000", "More Stories"),
        ("untranslated_fragment", "003", "[North Korean]"),
        ("untranslated_fragment", "003", "[soldiers’]"),
        ("nationality_swap", "001", "pasukan Rusia utara"),
    }
    titles = f[f["kind"] == "title_inconsistency"]
    assert len(titles) == 1 and {titles.iloc[0]["file"][:3], titles.iloc[0]["other_file"][:3]} == {"001", "002"}
    assert "Mark Rutte" in titles.iloc[0]["explanation"] and "Gabungan" in titles.iloc[0]["explanation"]
    quotes = f[f["kind"] == "quote_rendering"]
    pairs = {(q.file[:3], q.other_file[:3], q.text[:25]) for q in quotes.itertuples()}
    # Austin's words in the AP copy (000) against the rewrites (001, 004)
    assert ("000", "001", "“Mereka melakukan ini kar") in pairs
    assert ("000", "004", "“Ini adalah sesuatu yang ") in pairs
    assert all(q.file != q.other_file for q in quotes.itertuples())
    assert f.loc[f["text"] == "More Stories", "is_boilerplate"].iloc[0]


def findings_of(tmp_path, articles):
    return dataset_of(tmp_path, articles).translation_findings


def test_glued_words_and_sentences(tmp_path):
    f = findings_of(tmp_path, {"a.txt": "Blinken tiba di Washington.Ia menyebut pasukan tiba di IndonesiaKorea "
                                        "pada Senin. Lewat WhatsApp dan YouTube.\n"})
    glued = set(f[f["kind"] == "glued_word"]["text"])
    assert glued == {"Washington.Ia", "IndonesiaKorea"}


def test_english_runs_and_bracketed_insertions(tmp_path):
    f = findings_of(tmp_path, {"a.txt": "Mereka bisa menjadi \"legitimate target\" bagi AS. "
                                        "Ada [North Korean] tentara di sana. Target serangan itu jelas.\n"})
    fragments = set(f[f["kind"] == "untranslated_fragment"]["text"])
    assert fragments == {"legitimate target", "[North Korean]"}


def test_nationality_swap_in_fixed_phrase(tmp_path):
    f = findings_of(tmp_path, {"a.txt": "Tentara Rusia selatan dikerahkan. Pasukan Korea Selatan berlatih. "
                                        "Pasukan Korea Utara tiba di wilayah Rusia barat.\n"})
    swaps = f[f["kind"] == "nationality_swap"]
    assert list(swaps["text"]) == ["Tentara Rusia selatan"]
    assert "Korea Selatan" in swaps.iloc[0]["explanation"]


def test_garble_summary_counts_per_article(seeds):
    g = garble_summary(seeds).set_index("file")
    assert g.loc["001_fa657f70abca039f.txt", "variant_name_mentions"] == 5  # Nouceda x2, Nausseda, Nowseda, Mark Roth
    assert g.loc["002_75e794566d12b039.txt", "variant_name_mentions"] == 0
    assert g.loc["003_4f183366c38137f2.txt", "untranslated_fragment"] == 2
    assert g.loc["000_b0b0b3800b0cab0f.txt", "untranslated_fragment"] == 0  # "More Stories" is boilerplate
