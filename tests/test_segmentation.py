"""Sentence splitting on the seeds' real mess, and focused unit cases."""
from __future__ import annotations

import pytest

from analysis.nlp import get_nlp
from analysis.nlp.sentences import sentence_spans


def sentences_of(text: str) -> list[str]:
    doc = get_nlp()(text)
    return [text[s:e] for s, e in sentence_spans(doc)]


def seed_sentences(seeds, prefix: str) -> list[str]:
    s = seeds.sentences
    return list(s[s["file"].str.startswith(prefix)]["text"])


def test_quoted_passage_stays_whole(seeds):
    got = seed_sentences(seeds, "003")
    assert "“Ada bukti bahwa mereka ada [North Korean] tentara di Rusia,” kata Austin." in got
    assert ("“Apa sebenarnya yang mereka lakukan? Masih harus dilihat. "
            "Ini adalah hal-hal yang perlu kita selesaikan.”") in got


def test_quote_keeps_its_attribution(seeds):
    got = seed_sentences(seeds, "004")
    assert any(s.startswith("“Pasukan Korea Utara mengenakan seragam Rusia") and
               s.endswith("seperti dikutip AFP, Kamis (31/10/2024).") for s in got)


def test_glued_word_is_not_a_sentence_break(seeds):
    first = seed_sentences(seeds, "000")[0]
    assert first.startswith("WASHINGTON (AP) — Menteri Pertahanan Lloyd Austin")
    assert "Rusia… Bergerak menuju UkrainaApa yang dia gambarkan" in first
    assert first.endswith("mengganggu stabilitas.")


def test_period_then_capital_splits_mid_line(seeds):
    got = seed_sentences(seeds, "000")
    assert "Hingga 11.000 tentara ke Rusia." in got
    assert "Ini termasuk Korea Utara dan Iran." in got


def test_headings_and_unpunctuated_lines_stand_alone(seeds):
    s = seeds.sentences
    headings = set(s[s["is_heading"]]["text"])
    assert {"Ancaman keamanan", "Tanggapan Sekutu NATO", "‘Berita palsu’"} <= headings
    assert "Di tengah konflik yang sedang berlangsung di Ukraina" in seed_sentences(seeds, "004")


def test_lowercase_after_period_does_not_split(seeds):
    got = seed_sentences(seeds, "004")
    assert ("“Saya mendesak mereka untuk menarik pasukannya dari Rusia,” kata Menteri Pertahanan "
            "Lloyd Austin. kata Kementerian Pertahanan") in got


@pytest.mark.parametrize("text, expected", [
    ("Ia tiba di Washington.Ia menyebut hal itu.", ["Ia tiba di Washington.", "Ia menyebut hal itu."]),
    ("dalam beberapa hari mendatang.”Blinken menyampaikan itu.",
     ["dalam beberapa hari mendatang.”", "Blinken menyampaikan itu."]),
    ("Sebanyak 1.500 tentara tiba. Mereka dilatih.", ["Sebanyak 1.500 tentara tiba.", "Mereka dilatih."]),
    ("Hal itu disampaikan Jend. Ahmad Yani kemarin.", ["Hal itu disampaikan Jend. Ahmad Yani kemarin."]),
    ("Judul tanpa titik\nKalimat pertama. Kalimat kedua.",
     ["Judul tanpa titik", "Kalimat pertama.", "Kalimat kedua."]),
    # an unclosed quote does not swallow the rest of the line
    ("“Satu dua. Tiga empat. Lima", ["“Satu dua.", "Tiga empat.", "Lima"]),
    ("Apa? Tidak tahu! Baiklah.", ["Apa?", "Tidak tahu!", "Baiklah."]),
    ("Windows\r\nbaris dua.", ["Windows", "baris dua."]),
])
def test_unit_cases(text, expected):
    assert sentences_of(text) == expected


def test_glued_words_are_split_into_tokens_and_marked():
    doc = get_nlp()("menuju UkrainaApa yang lewat WhatsApp dan YouTube")
    words = [t.text for t in doc]
    assert words[:3] == ["menuju", "Ukraina", "Apa"]
    assert "WhatsApp" in words and "YouTube" in words
    assert [t.text for t in doc if t._.glued] == ["Apa"]


def test_pipeline_is_built_once():
    assert get_nlp() is get_nlp() is get_nlp("id")
    assert get_nlp().lang == "id"
