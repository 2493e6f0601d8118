"""Name variants a researcher would call variants: a misspelling, a wrong syllable or a
mistranslated given name is one; an accepted transliteration, a surname alone or a listed form is
not. Each variant row says why (sentences and names written for these tests)."""
from __future__ import annotations

import pytest

from analysis.dataset import Dataset
from analysis.names.kinds import VARIANT_KINDS, evidence, kind_of
from analysis.nlp.gazetteer import fold

from .conftest import dataset_of


@pytest.mark.parametrize("name, canonical, kind", [
    ("Park Jong-min", "Park Yong-min", "misspelling"),  # one syllable different: Jong is not Yong
    ("Park Young-min", "Park Yong-min", "misspelling"),
    ("Park Yong Min", "Park Yong-min", "standard"),  # hyphen and case only
    ("Park", "Park Yong-min", "surname"),
    ("Taras Hrytsenkiy", "Taras Hrytsenky", "transliteration"),  # -iy / -y: accepted romanisation
    ("Taras Sierhienko", "Taras Serhenko", "transliteration"),  # Ukrainian ie / e
    ("Taras Hrytsenko", "Taras Hrytsenky", "misspelling"),  # a different ending, not a romanisation rule
    ("Alexander Bondar", "Oleksandr Bondar", "mistranslation"),  # the Russian form of the given name
    ("Mykola Bondarenko", "Mykola Bondar", "misspelling"),
])
def test_kind_of_a_spelling(name, canonical, kind):
    assert kind_of(name, canonical, [canonical]) == kind


def test_a_listed_form_is_standard_whatever_it_looks_like():
    assert kind_of("Vasyl Petrenkov", "Vasyl Petrenko", ["Vasyl Petrenko", "Vasyl Petrenkov"]) == "standard"


def test_only_wrong_names_are_variants():
    assert VARIANT_KINDS == {"misspelling", "mistranslation", "substitution"}


def test_a_syllable_confusion_still_finds_the_person():
    """Jong/Yong is a misspelling, but the same person: identity folds it, the kind does not."""
    assert fold("Park Jong-min") == fold("Park Yong-min")
    assert fold("Park Jong-min", ("romanisation",)) != fold("Park Yong-min", ("romanisation",))


def test_evidence_names_the_difference():
    text = evidence("Park Jong-min", "Park Yong-min", "misspelling")
    assert "edit distance 1" in text and "'Jong' vs 'Yong'" in text and "not a known transliteration" in text
    assert "not a variant" in evidence("Taras Hrytsenkiy", "Taras Hrytsenky", "transliteration")
    assert "'Alexander'" in evidence("Alexander Bondar", "Oleksandr Bondar", "mistranslation")


def test_gazetteer_person_misspelt_and_transliterated(tmp_path):
    """Kim Yong-hyun and Rustem Umerov are in the gazetteer."""
    ds = dataset_of(tmp_path, {
        "a.txt": "Menteri Pertahanan Korea Selatan Kim Jong-hyun mengatakan pasukan tiba.\n",
        "b.txt": "Menteri Pertahanan Ukraina Rustem Umierov mengatakan pasukan tiba.\n",
    })
    m = ds.mentions.set_index("text")
    assert (m.at["Kim Jong-hyun", "canonical"], m.at["Kim Jong-hyun", "variant_kind"]) == ("Kim Yong-hyun", "misspelling")
    assert bool(m.at["Kim Jong-hyun", "is_variant"])
    assert (m.at["Rustem Umierov", "canonical"], m.at["Rustem Umierov", "variant_kind"]) == ("Rustem Umerov",
                                                                                         "transliteration")
    assert not bool(m.at["Rustem Umierov", "is_variant"])
    variants = Dataset(tmp_path / "d").name_variants.set_index("surface")
    assert "'Jong' vs 'Yong'" in variants.at["Kim Jong-hyun", "evidence"]


def test_a_russified_given_name_joins_the_unknown_person_and_is_a_variant(tmp_path):
    ds = dataset_of(tmp_path, {
        "a.txt": "Komandan Ukraina Jenderal Oleksandr Tarasenko mengatakan pasukan bertahan.\n",
        "b.txt": "Jenderal Oleksandr Tarasenko tiba di garis depan, kata juru bicara.\n",
        "c.txt": "Jenderal Alexander Tarasenko mengatakan pasukan bertahan.\n",
    })
    people = ds.mentions[ds.mentions["label"] == "PERSON"].set_index("text")
    assert people.at["Alexander Tarasenko", "canonical"] == "Oleksandr Tarasenko"
    assert people.at["Alexander Tarasenko", "variant_kind"] == "mistranslation"
    assert bool(people.at["Alexander Tarasenko", "is_variant"])
