"""Entity mentions and canonicalisation against the hand-annotated seeds; unknown names."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.evaluation import load_gold
from analysis.nlp.gazetteer import fold, normalise

from .conftest import dataset_of

CANON_BAR = 0.95
VARIANT_BAR = 0.9


def overlapping(frame: pd.DataFrame, file: str, start: int, end: int) -> pd.DataFrame:
    return frame[(frame["file"] == file) & (frame["start"] < end) & (frame["end"] > start)]


@pytest.fixture(scope="module")
def person_mentions(seeds):
    m = seeds.mentions
    return m[m["label"] == "PERSON"]


def test_gold_offsets_point_at_their_text(seeds):
    for g in load_gold("seeds_person_mentions.csv").itertuples():
        assert seeds.text(g.file)[g.start:g.end] == g.text


def test_canonicalisation_accuracy(person_mentions):
    gold = load_gold("seeds_person_mentions.csv")
    correct = sum(
        any(overlapping(person_mentions, g.file, g.start, g.end)["canonical"] == g.canonical) for g in gold.itertuples()
    )
    accuracy = correct / len(gold)
    print(f"canonicalisation accuracy {accuracy:.3f} ({correct}/{len(gold)})")
    assert accuracy >= CANON_BAR


def test_variant_detection_precision_recall(person_mentions):
    gold = load_gold("seeds_person_mentions.csv")
    gold_variants = gold[gold["is_variant"] == "true"]
    predicted = person_mentions[person_mentions["is_variant"].astype(bool)]
    true_positive = sum(len(overlapping(gold_variants, p.file, p.start, p.end)) > 0 for p in predicted.itertuples())
    found = sum(len(overlapping(predicted, g.file, g.start, g.end)) > 0 for g in gold_variants.itertuples())
    precision, recall = true_positive / len(predicted), found / len(gold_variants)
    print(f"variant detection P={precision:.3f} R={recall:.3f} (gold variants {len(gold_variants)})")
    assert precision >= VARIANT_BAR and recall >= VARIANT_BAR


def test_variant_kinds_match_gold(person_mentions):
    gold = load_gold("seeds_person_mentions.csv")
    agree = sum(any(overlapping(person_mentions, g.file, g.start, g.end)["variant_kind"] == g.variant_kind)
                for g in gold.itertuples())
    assert agree / len(gold) >= CANON_BAR


def test_no_spurious_people_in_seeds(person_mentions):
    gold = load_gold("seeds_person_mentions.csv")
    spurious = [p.text for p in person_mentions.itertuples() if not len(overlapping(gold, p.file, p.start, p.end))]
    assert len(spurious) / len(person_mentions) <= 1 - CANON_BAR, spurious


def test_mentions_are_traceable(seeds):
    m = seeds.mentions
    for r in m.itertuples():
        assert seeds.text(r.file)[r.start:r.end] == r.text


@pytest.mark.parametrize("a, b", [
    ("Kim Jong-hyun", "Kim Yong-hyun"), ("Kim Young-hyun", "Kim Yong-hyun"), ("Nouceda", "Nausėda"),
    ("Nowseda", "Nausėda"), ("Nausseda", "Nausėda"), ("Sergei Kislitsya", "Sergiy Kyslytsya"),
    ("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"), ("Yoon Seok-youl", "Yoon Suk-yeol"),
])
def test_transliteration_aware_folding(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [("Mark Roth", "Mark Rutte"), ("Kim Jong Un", "Kim Yong-hyun"), ("Lavrov", "Lee")])
def test_folding_keeps_different_names_apart(a, b):
    assert fold(a) != fold(b)


def test_normalise_ignores_case_hyphens_and_diacritics():
    assert normalise("Gitanas Nausėda") == normalise("gitanas nauseda") == "gitanasnauseda"
    assert normalise("Kim Yong Hyun") == normalise("Kim Yong-hyun")


def tag(tmp_path, articles: dict[str, str]):
    return dataset_of(tmp_path, articles).mentions


def test_surname_resolves_to_the_name_introduced_in_the_same_article(tmp_path):
    m = tag(tmp_path, {"a.txt": "Menteri Luar Negeri Antony Blinken tiba. Blinken mengatakan pasukan siap.\n",
                       "b.txt": "Presiden Korea Selatan Yoon Suk-yeol berbicara. Presiden Yoon menolak.\n"})
    blinken = m[m["text"] == "Blinken"].iloc[0]
    assert (blinken["canonical"], blinken["match"], blinken["is_variant"]) == ("Antony Blinken", "surname", False)
    yoon = m[m["text"] == "Yoon"].iloc[0]
    assert yoon["canonical"] == "Yoon Suk-yeol" and yoon["match"] == "surname"


def test_role_match_names_the_substituted_person(tmp_path):
    m = tag(tmp_path, {"a.txt": "Sekretaris Jenderal NATO Mark Roth mengatakan penempatan pasukan berbahaya.\n"})
    roth = m[m["text"] == "Mark Roth"].iloc[0]
    assert (roth["canonical"], roth["match"], roth["variant_kind"]) == ("Mark Rutte", "role", "substitution")
    assert roth["is_variant"]


def test_editor_bracket_inside_a_name(seeds):
    m = seeds.mentions
    putin = m[m["text"] == "Vladimir) Putin"]
    assert len(putin) == 1 and putin.iloc[0]["canonical"] == "Vladimir Putin" and not putin.iloc[0]["is_variant"]


def test_unknown_names_spelled_several_ways_form_one_cluster(tmp_path):
    """A made-up corpus whose people are not in the gazetteer."""
    m = tag(tmp_path, {
        "a.txt": "Menteri Pertahanan Bogdan Wrzesniewski mengatakan pasukan tiba. "
                 "Wrzesniewski menambahkan bahwa latihan berlanjut.\n",
        "b.txt": "Menurut Bogdan Wrzesniewski, latihan berlanjut. Juru bicara Aurelio Quenteza menolak berkomentar.\n",
        "c.txt": "Bogdan Wrzesnievski mengatakan latihan berlanjut, kata Aurelio Quentesa kepada wartawan.\n",
        "d.txt": "Menteri Bogdan Wrzesniewsky tiba di ibu kota.\n",
    })
    people = m[m["label"] == "PERSON"]
    bogdan = people[people["text"].str.contains("Wrzesn")]
    assert set(bogdan["canonical"]) == {"Bogdan Wrzesniewski"}  # the most frequent full spelling
    assert bogdan["entity_id"].nunique() == 1 and bogdan["entity_id"].iloc[0].startswith("new:")
    kinds = dict(zip(bogdan["text"], bogdan["variant_kind"]))
    assert kinds["Bogdan Wrzesniewski"] == "standard" and kinds["Wrzesniewski"] == "surname"
    assert kinds["Bogdan Wrzesnievski"] == "transliteration"  # w/v
    assert kinds["Bogdan Wrzesniewsky"] == "transliteration"  # y/i
    aurelio = people[people["text"].str.startswith("Aurelio")]
    assert aurelio["entity_id"].nunique() == 1
    from analysis.dataset import Dataset

    variants = Dataset(tmp_path / "d").name_variants
    row = variants[variants["surface"] == "Bogdan Wrzesnievski"].iloc[0]
    # w/v is an accepted transliteration (data/lexicons/transliteration.csv): not a variant, and the row says why
    assert not row["is_variant"] and row["files"] == "c.txt"
    assert "Wrzesnievski" in row["evidence"] and "not a variant" in row["evidence"]
