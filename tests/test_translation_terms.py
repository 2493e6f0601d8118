"""The term-family rule of :mod:`analysis.translation.terms` on sentences written for the test:
a term rendered as another member of its family is a change; the same member, a member on one
side only, or a member far from where the source has it is none."""
from __future__ import annotations

from analysis.translation.divergences import Info
from analysis.translation.terms import term_changes


def _info(text: str, lang: str) -> Info:
    return Info("x.txt", 0, 0, len(text), text, lang)


def _rows(derived: str, source: str) -> list[tuple[str, str, str]]:
    return [(kind, here.text, there.text) for kind, _, here, there in term_changes([_info(derived, "id")],
                                                                                    [_info(source, "en")])]


def test_captured_rendered_as_killed():
    src = "The navy said two sailors were captured near the harbour."
    assert _rows("Angkatan laut menyebut dua pelaut tewas di dekat pelabuhan.", src) == \
        [("meaning_changed", "tewas", "captured")]
    assert _rows("Angkatan laut menyebut dua pelaut ditangkap di dekat pelabuhan.", src) == []


def test_executed_rendered_as_suicide():
    src = "Some deserters were executed by their own unit."
    assert _rows("Beberapa desertir bunuh diri di unit mereka.", src) == [("meaning_changed", "bunuh diri", "executed")]
    assert _rows("Beberapa desertir dieksekusi oleh unit mereka sendiri.", src) == []


def test_role_overseer_rendered_as_observer():
    src = "The workers and their overseers left the mine."
    assert _rows("Para pekerja dan pengamat mereka meninggalkan tambang.", src) == \
        [("meaning_changed", "pengamat", "overseers")]
    assert _rows("Para pekerja dan pengawas mereka meninggalkan tambang.", src) == []


def test_claim_made_a_confirmation():
    src = "The rebels claimed the bridge was destroyed."
    assert _rows("Pemberontak mengonfirmasi jembatan itu hancur.", src) == \
        [("qualifier_changed", "mengonfirmasi", "claimed")]
    assert _rows("Pemberontak mengklaim jembatan itu hancur.", src) == []


def test_one_side_only_is_no_swap():
    # 'casualties' is no member (it covers killed and wounded); a dropped word is no other word
    assert _rows("Kapal itu mengalami banyak korban.", "The ship suffered many wounded.") == []
    assert _rows("Dua pelaut terluka dan satu hilang.", "Two sailors were wounded.") == []


def test_both_members_in_the_source_is_no_swap():
    src = "Five were killed and nine wounded."
    assert _rows("Sembilan orang terluka.", src) == []


def test_a_member_far_from_the_source_term_is_another_slot():
    src = "Captured ships are worth little, the admiral said after the long talks in the capital yesterday."
    far = "Laksamana itu mengatakan hal itu setelah perundingan panjang di ibu kota kemarin, lalu tewas."
    assert _rows(far, src) == []


def test_an_idiom_rendered_word_for_word():
    src = "Critics called the recruits cannon fodder."
    assert _rows("Para pengkritik menyebut rekrutan itu bahan bakar meriam.", src) == \
        [("meaning_changed", "bahan bakar", "cannon fodder")]
    assert _rows("Para pengkritik menyebut rekrutan itu umpan meriam.", src) == []
