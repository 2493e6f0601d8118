"""Where a person's name starts and ends on a news page: credit lines, timestamps, particles,
places after a locative preposition, a known name at the head of a headline (sentences and
names written for these tests)."""
from __future__ import annotations

from .conftest import dataset_of


def people(tmp_path, text: str, lang: str) -> dict[str, str]:
    ds = dataset_of(tmp_path, {"a.txt": text}, [{"file": "a.txt", "published": "2024-10-30", "language": lang}])
    m = ds.mentions
    return dict(zip(m[m["label"] == "PERSON"]["text"], m[m["label"] == "PERSON"]["canonical"]))


def test_the_next_credit_cue_ends_a_name(tmp_path):
    found = people(tmp_path, "Pasukan tiba di garis depan, kata pejabat.\n\nPenulis : Budi Santoso Editor : Rina Wulandari\n",
                   "id")
    assert set(found) == {"Budi Santoso", "Rina Wulandari"}


def test_an_author_line_before_the_timestamp(tmp_path):
    found = people(tmp_path, "Troops Arrive In The Region\nDana Whitfield Published December 23, 2024 | 11:39 PM\n"
                             "Troops arrived, officials said.\n", "en")
    assert set(found) == {"Dana Whitfield"}


def test_a_particle_inside_a_name(tmp_path):
    found = people(tmp_path, "The former tank commander, Col Hamish de Vere-Smith, said troops were tired.\n", "en")
    assert set(found) == {"Hamish de Vere-Smith"}


def test_a_name_after_a_locative_preposition_is_a_place(tmp_path):
    found = people(tmp_path, "The mission in Port Harwick did not respond to a request for comment.\n", "en")
    assert found == {}


def test_a_known_name_heading_a_title_case_headline(tmp_path):
    text = ("Ukraina Tangkap Dua Tentara Korea Utara, Zelensky Ungkap Kondisinya\n\n"
            "Presiden Ukraina Volodymyr Zelenskyy mengonfirmasi penangkapan itu.\n")
    found = people(tmp_path, text, "id")
    assert found == {"Zelensky": "Volodymyr Zelenskyy", "Volodymyr Zelenskyy": "Volodymyr Zelenskyy"}
