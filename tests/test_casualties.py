"""Casualty and capture figures: killed, wounded, killed-or-wounded, captured counts of the
force are ledger rows with their own scope; other forces' casualties and accidents are not.
Sentences written for these tests."""
from __future__ import annotations

from .test_estimates import ledger_of


def rows(tmp_path, text):
    t, _ = ledger_of(tmp_path, text)
    return [(r.value, r.qualifier, r.scope) for r in t.itertuples()]


def test_casualty_nouns_after_the_number(tmp_path):
    text = ("Pejabat Korea Selatan mengatakan pasukan Korea Utara di Rusia sudah menderita kerugian. "
            "Menurut dia, setidaknya ada 200 kematian dan 1.500 lainnya terluka.\n")
    assert rows(tmp_path, text) == [(200, "at_least", "killed"), (1500, "exact", "wounded")]


def test_bare_number_after_a_casualty_word_and_hedged_verbs(tmp_path):
    text = ("North Korean soldiers fighting in Russia have taken heavy losses, officials said. "
            "Casualties among them have surpassed 2,000, and the wounded are approaching 1,500. "
            "Around 600 are believed to have been killed.\n")
    assert rows(tmp_path, text) == [(2000, "more_than", "casualties"), (1500, "approx", "wounded"),
                                    (600, "approx", "killed")]


def test_killed_or_wounded_is_casualties_and_capture_is_captured(tmp_path):
    text = ("Lebih dari 2.500 warga Korea Utara telah tewas atau terluka. "
            "Ukraina menangkap dua tentara Korea Utara.\n")
    assert rows(tmp_path, text) == [(2500, "more_than", "casualties"), (2, "exact", "captured")]


def test_other_forces_casualties_and_accidents_are_not_counted(tmp_path):
    text = ("Pasukan Korea Utara tiba di garis depan bulan lalu. "
            "Sementara itu, lebih dari 900 tentara Rusia terluka setiap hari. "
            "Kementerian memperkirakan ada lebih dari 30.000 korban pada bulan itu. "
            "Serangan drone di ibu kota melukai warga, 7 orang terluka.\n")
    assert rows(tmp_path, text) == []


def test_a_share_and_a_year_are_not_figures(tmp_path):
    text = ("North Korean troops have suffered nearly 40% casualties, officials said on Dec. 23, 2024. "
            "Korea Utara mengirim pasukan ke Rusia pada Desember 23, 2024.\n")
    assert rows(tmp_path, text) == []


def test_a_thousand_and_a_dashed_range(tmp_path):
    t, _ = ledger_of(tmp_path, "North Korea has lost a thousand of its troops killed or wounded in a week. "
                               "It sent 10,000–12,000 troops to Russia.\n")
    assert [(r.value, r.qualifier) for r in t.itertuples()] == [(1000, "exact"), (10000, "range_low"),
                                                                (12000, "range_high")]
    assert list(t["scope"])[0] == "casualties"


def test_a_list_of_casualty_words_is_casualties(tmp_path):
    text = ("Pasukan Korea Utara sudah tiga bulan bertempur. Dari 5.000 tentara itu, 1.200 di antaranya telah "
            "tewas, terluka, hilang, atau ditangkap.\n")
    assert [r for r in rows(tmp_path, text) if r[0] != 5000] == [(1200, "exact", "casualties")]


def test_two_coordinated_figures_keep_their_own_words(tmp_path):
    text = "North Korean troops fought on. At least 150 of the troops were killed and another 900 injured.\n"
    assert rows(tmp_path, text) == [(150, "at_least", "killed"), (900, "exact", "wounded")]


def test_a_projection_is_not_a_casualty_count(tmp_path):
    t, _ = ledger_of(tmp_path, "The whole contingent of about 9,000 North Korean troops in Russia may be killed or "
                               "wounded by spring, analysts said.\n")
    assert [(r.value, r.scope) for r in t.itertuples()] == [(9000, "total_sent")]


def test_troops_sent_are_not_casualties_for_a_casualty_word_elsewhere(tmp_path):
    """A casualty word that belongs to another predicate (a purpose clause, the losses the troops
    replace, a risk they take) does not make the figure a casualty count."""
    text = ("Pyongyang sent about 9,000 North Korean troops to help Russia capture the region. "
            "Another 2,000 North Korean soldiers were sent to Russia to replace Russian losses. "
            "Despite heavy losses North Korea has sent another 1,500 troops.\n")
    assert [(r.value, r.scope) for r in ledger_of(tmp_path, text)[0].itertuples()] == [
        (9000, "total_sent"), (2000, "batch"), (1500, "batch")]


def test_civilians_near_the_force_are_not_its_casualties(tmp_path):
    text = ("North Korean troops have been deployed to the border, Zelensky said. "
            "A Russian missile strike on Kharkiv on Monday left 40 dead and 120 wounded.\n")
    assert rows(tmp_path, text) == []


def test_a_part_of_the_whole(tmp_path):
    text = "Zelensky said 1,000 of the 11,000 North Korean troops in the region have been killed.\n"
    got = rows(tmp_path, text)
    assert (1000, "exact", "killed") in got and all(scope != "killed" for value, _, scope in got if value == 11000)
