"""Translation against its original: pairing, sentence alignment and divergences, scored on the
hand-made fixtures with planted faults (tests/fixtures/translation, data/gold/translation) and,
when present, on the held-out set written independently of the rules
(tests/fixtures/translation_holdout, data/gold/translation_holdout); plus focused cases."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.evaluation import (
    control_violations,
    read_gold,
    score_alignments,
    score_divergences,
    score_pairs,
)
from analysis.paths import FIXTURES, GOLD
from analysis.translation.align import Sentence, align

from .conftest import extract_corpus, write_corpus

SETS = {"translation": FIXTURES / "translation"}
if (FIXTURES / "translation_holdout").is_dir() and (GOLD / "translation_holdout").is_dir():
    SETS["translation_holdout"] = FIXTURES / "translation_holdout"
BARS = {  # (pair recall, pair precision, 1-1 alignment, divergence recall): the bars
    "translation": (1.0, 0.8, 0.9, 0.75),
    "translation_holdout": (1.0, 0.8, 0.9, 0.75),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request, tmp_path_factory):
    name = request.param
    root = SETS[name]
    ds = extract_corpus(root, out=tmp_path_factory.mktemp(name) / "data")
    texts = {p.name: p.read_text(encoding="utf-8") for p in root.glob("*.txt")}
    return name, ds, texts


def test_pairs(scored):
    name, ds, _ = scored
    score = score_pairs(ds.article_pairs, read_gold(name, "pairs.csv"))
    print(name, "pairs", score)
    assert score["recall"] >= BARS[name][0] and score["precision"] >= BARS[name][1]


def test_alignment(scored):
    name, ds, texts = scored
    score = score_alignments(ds.alignments, read_gold(name, "alignments.csv"), texts)
    print(name, "alignments", score)
    assert score["one_to_one"] >= BARS[name][2]


def test_divergences(scored):
    name, ds, texts = scored
    score = score_divergences(ds.divergences, read_gold(name, "divergences.csv"), texts)
    print(name, "divergences", score)
    assert score["recall"] >= BARS[name][3]


def test_reformatted_numbers_are_never_number_changed(scored):
    name, ds, texts = scored
    assert control_violations(ds.divergences, read_gold(name, "controls.csv"), texts) == []


def test_rows_lead_to_their_text(scored):
    """Every divergence and alignment row quotes the article text at its offsets."""
    _, ds, texts = scored
    for table in (ds.divergences, ds.alignments):
        for r in table.itertuples():
            if pd.notna(r.start):
                assert texts[r.file][int(r.start):int(r.end)] == r.text
            if pd.notna(r.source_start) and r.source_text and table is ds.divergences:
                assert texts[r.source_file][int(r.source_start):int(r.source_end)] == r.source_text


def test_distractors_are_not_paired(scored):
    name, ds, _ = scored
    gold = read_gold(name, "pairs.csv")
    paired = set(ds.article_pairs["file"]) | set(ds.article_pairs["source_file"])
    assert paired <= set(gold["file"]) | set(gold["source_file"])


# -- focused cases ---------------------------------------------------------------------------

SOURCE = ("SEOUL (AP) — South Korea's spy agency said on Wednesday that as many as 11,000 North Korean troops "
          "have been sent to Russia.\nLawmaker Park Sun-won said the agency had not confirmed any casualties.\n"
          "The agency said about 1.5 million artillery shells had been shipped since last year.\n"
          "Kremlin spokesman Dmitry Peskov declined to comment on Wednesday.\n")
FAITHFUL = ("SEOUL, Kabar Kini – Badan intelijen Korea Selatan mengatakan pada hari Rabu bahwa hingga 11.000 tentara "
            "Korea Utara telah dikirim ke Rusia.\nAnggota parlemen Park Sun-won mengatakan badan itu belum "
            "mengonfirmasi adanya korban.\nBadan itu mengatakan sekitar 1,5 juta peluru artileri telah dikirim sejak "
            "tahun lalu.\nJuru bicara Kremlin Dmitry Peskov menolak berkomentar pada hari Rabu.\n")


def _pair(tmp_path, derived: str, published="2024-10-31"):
    manifest = [
        {"file": "en.txt", "outlet": "AP", "published": "2024-10-30", "language": "en"},
        {"file": "id.txt", "outlet": "Kabar Kini", "published": published, "language": "id"},
    ]
    return extract_corpus(write_corpus(tmp_path / "c", {"en.txt": SOURCE, "id.txt": derived}, manifest))


def test_a_faithful_translation_has_no_divergence(tmp_path):
    """Numbers only written differently (11,000 / 11.000; 1.5 million / 1,5 juta), a negation
    rendered (had not confirmed / belum mengonfirmasi), the same day resolved from two dates."""
    ds = _pair(tmp_path, FAITHFUL)
    pairs = ds.article_pairs
    assert list(zip(pairs["file"], pairs["source_file"], pairs["relation"])) == [("id.txt", "en.txt", "translation")]
    assert list(ds.alignments["kind"]) == ["1-1"] * 4
    assert ds.divergences.empty, ds.divergences[["kind", "text", "detail"]]


def test_planted_faults_are_found(tmp_path):
    derived = (FAITHFUL.replace("hingga 11.000 tentara Korea Utara", "11.000 tentara Korea Selatan")
               .replace("belum mengonfirmasi", "telah mengonfirmasi")
               .replace("1,5 juta peluru", "1.500 peluru")
               .replace("Juru bicara Kremlin Dmitry Peskov menolak berkomentar pada hari Rabu.\n", ""))
    ds = _pair(tmp_path, derived)
    kinds = set(ds.divergences["kind"])
    assert {"qualifier_changed", "entity_swapped", "meaning_changed", "number_changed", "omitted"} <= kinds
    omitted = ds.divergences[ds.divergences["kind"] == "omitted"]
    assert omitted["source_text"].str.contains("Peskov").all() and len(omitted) == 1


def test_an_article_without_its_source_gets_no_pair(tmp_path):
    other = ("JAKARTA, Kabar Kini – Presiden Rusia Vladimir Putin menandatangani undang-undang ratifikasi "
             "perjanjian kemitraan strategis dengan Pyongyang pada hari Sabtu.\n")
    ds = _pair(tmp_path, other, published="2024-11-10")
    assert ds.article_pairs.empty and ds.alignments.empty and ds.divergences.empty


def test_the_manifest_source_wins(tmp_path):
    manifest = [
        {"file": "en.txt", "outlet": "AP", "published": "2024-10-30", "language": "en", "source_file": ""},
        {"file": "id.txt", "outlet": "Kabar Kini", "published": "2024-10-31", "language": "id",
         "source_file": "en.txt"},
    ]
    ds = extract_corpus(write_corpus(tmp_path / "c", {"en.txt": SOURCE, "id.txt": FAITHFUL}, manifest))
    assert list(ds.article_pairs["method"]) == ["manifest"]


def test_alignment_merges_and_splits():
    """Two source sentences rendered as one (2-1), one rendered as two (1-2), one left out."""
    def s(i, n, *anchors):
        return Sentence(i, n, frozenset(anchors))

    source = [s(0, 100, "N:11000", "E:nis"), s(1, 60, "N:3000", "E:kim"), s(2, 50, "E:austin", "C:promise"),
              s(3, 80, "E:peskov", "C:deny"), s(4, 90, "N:1.5e+06", "C:shells")]
    derived = [s(0, 105, "N:11000", "E:nis"), s(1, 120, "N:3000", "E:kim", "E:austin", "C:promise"),
               s(2, 45, "N:1.5e+06"), s(3, 50, "C:shells")]
    steps = [(st.kind, st.source, st.derived) for st in align(derived, source)]
    assert steps == [("1-1", (0,), (0,)), ("2-1", (1, 2), (1,)), ("omitted", (3,), ()), ("1-2", (4,), (2, 3))]


def test_an_added_restatement_beside_its_source_continues_it():
    """A derived sentence half made of the source sentence rendered just before it restates that
    rendering (no addition); one sharing nothing with its neighbours is an addition."""
    def s(i, n, *anchors):
        return Sentence(i, n, frozenset(anchors))

    source = [s(0, 100, "E:lind", "C:port", "N:400"), s(1, 80, "E:oslo", "C:ships"), s(2, 90, "C:grain", "N:70")]
    derived = [s(0, 100, "E:lind", "C:port", "N:400"), s(1, 300, "E:lind", "C:port", "C:storm"),
               s(2, 80, "E:oslo", "C:ships"), s(3, 90, "C:grain", "N:70"), s(4, 300, "C:farmers", "C:protest")]
    steps = {st.derived: st for st in align(derived, source)}
    assert steps[(1,)].kind == "added" and steps[(1,)].beside
    assert steps[(4,)].kind == "added" and not steps[(4,)].beside


def test_an_omitted_sentence_held_by_the_rendering_beside_it_is_rendered_there():
    """'This was confirmed by the spokesperson' folded into the sentence rendered next to it
    ('According to the spokesperson, ...') is no omission; a source sentence nothing beside it
    holds is one."""
    from analysis.translation.align import Step, _held, _Scorer

    def s(i, n, *anchors):
        return Sentence(i, n, frozenset(anchors))

    source = [s(0, 100, "N:400", "C:port", "C:ships"), s(1, 60, "C:confirm", "C:spokesperson", "E:lind", "W:lind"),
              s(2, 90, "C:grain", "N:70"), s(3, 80, "C:farmers", "C:protest", "E:oslo")]
    derived = [s(0, 100, "N:400", "C:port", "C:ships", "C:spokesperson", "E:lind", "W:lind"),
               s(1, 90, "C:grain", "N:70")]
    steps = [Step("1-1", (0,), (0,), 0.8), Step("omitted", (1,), (), 0.0), Step("1-1", (2,), (1,), 0.8),
             Step("omitted", (3,), (), 0.0)]
    held = _held(steps, _Scorer(derived, source, False), len(source))
    assert held[1].beside and not held[3].beside
