"""Who gives each figure: focused cases of the attribution strategies (sentences written for
these tests; the real-text measure is tests/test_dev2.py)."""
from __future__ import annotations

from analysis.estimates.claimants import STRATEGIES

from .test_estimates import ledger_of


def claims(tmp_path, text):
    t, _ = ledger_of(tmp_path, text)
    return [(int(r.value), r.claimant_group) for r in t.itertuples()]


def test_an_estimate_owner_comes_before_a_later_speaker(tmp_path):
    """The strategies are tried in order: the owner of "perkiraan AS" wins over "kata Zelensky"."""
    text = "Menurut perkiraan AS, sekitar 9.000 tentara Korea Utara berada di Rusia, kata Zelensky.\n"
    assert claims(tmp_path, text) == [(9000, "US")]
    assert [s.__name__ for s in STRATEGIES][0] == "estimate_owner"


def test_the_nation_whose_troops_are_counted_is_not_the_speaker(tmp_path):
    text = ("Dari sekitar 9.000 tentara Korea Utara di wilayah itu, Badan Intelijen Nasional mengatakan "
            "beberapa sudah bertempur.\n")
    assert claims(tmp_path, text) == [(9000, "South Korea")]
    text = "“Menurut data awal, jumlah tentara Korea Utara yang tewas telah melebihi 2.000,” kata Zelensky.\n"
    assert claims(tmp_path, text) == [(2000, "Ukraine")]


def test_an_unknown_body_speaks_for_the_nation_it_was_introduced_with(tmp_path):
    text = ("Angka itu lebih kecil daripada perkiraan Kepala Staf Gabungan Korea Selatan (KSG).\n\n"
            "Sebelumnya KSG mengatakan bahwa 900 pasukan Korea Utara telah menjadi korban.\n")
    assert claims(tmp_path, text) == [(900, "South Korea")]


def test_headline_attributions_lead_or_trail(tmp_path):
    assert claims(tmp_path, "Over 2,000 North Korean Soldiers Killed In Battle: Zelensky\n\nMore fighting.\n") == \
        [(2000, "Ukraine")]
    assert claims(tmp_path, "Sumber Intel Korsel: 200 Pasukan Korut Tewas\n\nPertempuran berlanjut.\n") == \
        [(200, "South Korea")]


def test_a_figure_stated_before_anyone_is_quoted_stays_unattributed(tmp_path):
    text = ("Ukraina Tangkap Dua Tentara Korea Utara\n\n"
            "Pasukan Ukraina menangkap dua tentara Korea Utara di garis depan.\n\n"
            "“Mereka adalah dua tentara yang selamat,” kata Zelensky.\n")
    assert claims(tmp_path, text) == [(2, "unattributed"), (2, "unattributed"), (2, "Ukraine")]


def test_the_agent_of_a_passive_attribution(tmp_path):
    text = "Sekitar 1.100 tentara Korea Utara tewas atau terluka, seperti disampaikan oleh Badan Intelijen Nasional.\n"
    assert claims(tmp_path, text) == [(1100, "South Korea")]


def test_the_next_sentence_only_when_it_only_attributes(tmp_path):
    text = ("North Korean forces suffer mass casualties, with 900 of their troops killed or wounded last week.\n\n"
            "This was confirmed by White House spokesperson John Kirby.\n")
    assert claims(tmp_path, text) == [(900, "US")]
    text = "North Korea has sent 9,000 troops to Russia. Zelensky said on Monday that the troops were in the region.\n"
    assert claims(tmp_path, text) == [(9000, "unattributed")]
