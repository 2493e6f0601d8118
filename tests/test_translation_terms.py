"""The term-family rule of :mod:`analysis.translation.terms` on sentences written for the test:
a term rendered as another member of its family is a change; the same member, a member on one
side only, or a member far from where the source has it is none."""
from __future__ import annotations

from analysis.translation.divergences import Info
from analysis.translation.terms import owner_changes, term_changes


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


def _named(text: str, lang: str, *names: tuple[str, str]) -> Info:
    info = _info(text, lang)
    for name, entity in names:
        at = text.index(name)
        info.mentions.append({"start": at, "end": at + len(name), "text": name, "label": "PERSON",
                              "canonical": name, "entity_id": entity})
    return info


def test_the_owner_named_for_his_ally():
    src = _named("The governor's ally, Mr Banda, paid for the school.", "en", ("Banda", "banda"))
    src.mentions.append({"start": 4, "end": 12, "text": "governor", "label": "PERSON", "canonical": "Ravi Ola",
                         "entity_id": "ravi_ola"})
    swapped = _named("Sekolah itu dibiayai oleh gubernur Ravi Ola.", "id", ("Ravi Ola", "ravi_ola"))
    kept = _named("Sekolah itu dibiayai oleh Banda, sekutu gubernur Ravi Ola.", "id", ("Ravi Ola", "ravi_ola"),
                  ("Banda", "banda"))
    rows = owner_changes([swapped], [src])
    assert [(r[0], r[3].text) for r in rows] == [("entity_swapped", "governor's ally")]
    assert owner_changes([kept], [src]) == []


def test_an_ally_of_the_owner_and_an_owner_not_named():
    src = _named("An ally of Ravi Ola paid for the school.", "en", ("Ravi Ola", "ravi_ola"))
    swapped = _named("Ravi Ola membiayai sekolah itu.", "id", ("Ravi Ola", "ravi_ola"))
    unnamed = _named("Seorang pengusaha membiayai sekolah itu.", "id")
    assert [r[3].text for r in owner_changes([swapped], [src])] == ["ally of Ravi Ola"]
    assert owner_changes([unnamed], [src]) == []


def test_an_apposition_is_not_ownership():
    # 'Banda, the ally' has no possessive marker: Banda owns nothing
    src = _named("Banda, an old ally, paid for the school.", "en", ("Banda", "banda"))
    assert owner_changes([_named("Banda membiayai sekolah itu.", "id", ("Banda", "banda"))], [src]) == []


def test_a_status_the_rendering_adds():
    src = "He joined the Farmers' Union of the province."
    assert _rows("Dia bergabung dengan Serikat Petani yang berkuasa di provinsi itu.", src) == \
        [("added", "yang berkuasa", src)]
    assert _rows("Dia bergabung dengan Serikat Petani di provinsi itu.", src) == []
    assert _rows("Dia bergabung dengan Serikat Petani yang berkuasa di provinsi itu.",
                 "He joined the ruling Farmers' Union of the province.") == []


def test_another_status_is_a_changed_meaning():
    assert _rows("Mantan menteri itu berbicara.", "The acting minister spoke.") == \
        [("meaning_changed", "Mantan", "acting")]


def test_a_term_the_source_article_has_elsewhere_on_a_weak_step():
    src = _info("The navy said two sailors were captured near the harbour.", "en")
    other = Info("x.txt", 1, 60, 100, "Both were wounded but survived.", "en")
    derived = _info("Kedua pelaut itu terluka, namun selamat.", "id")
    assert [r[0] for r in term_changes([derived], [src])] == ["meaning_changed"]
    assert term_changes([derived], [src], [src, other]) == []  # 'terluka' renders the article's 'wounded'


def test_a_prefix_is_a_status_too():
    assert _rows("Mantan menteri itu berbicara.", "The ex-minister spoke.") == []
    assert _rows("Mantan menteri itu berbicara.", "The minister spoke.") == [("added", "Mantan", "The minister spoke.")]


def test_a_quantity_word_and_a_rank():
    assert _rows("Ratusan pelaut tewas.", "Dozens of sailors were killed.") == [("meaning_changed", "Ratusan", "Dozens")]
    assert _rows("Puluhan pelaut tewas.", "Dozens of sailors were killed.") == []
    assert _rows("Ribuan pelaut tewas.", "Tens of thousands of sailors died.") == \
        [("meaning_changed", "Ribuan", "Tens of thousands")]
    assert _rows("Kolonel Banda memimpin batalion itu.", "Lt. Col. Banda led the battalion.") == \
        [("meaning_changed", "Kolonel", "Lt. Col")]
    assert _rows("Letnan Kolonel Banda memimpin batalion itu.", "Lt. Col. Banda led the battalion.") == []


def test_about_rendered_as_diperkirakan_is_no_estimate():
    # 'diperkirakan' before a figure renders 'about': no claim turned into an estimate
    assert _rows("Ukraina menyebut diperkirakan 400 pelaut tewas.", "Ukraine claimed about 400 sailors were killed.") == []


def test_a_person_named_with_a_title_or_a_surname_is_not_someone_else():
    """name_changed needs two people for sure: no shared name word, and a rendering's name
    that the gazetteer knows or that has more than one name word."""
    from analysis.translation.roles import named_apart

    def person(text, entity_id=""):
        return {"text": text, "entity_id": entity_id}
    en_id = ("id", "en")
    assert not named_apart(person("Gubernur Ingrid Dahl"), person("Ingrid Dahl"), en_id)  # title added
    assert not named_apart(person("Ingrid Dahl"), person("Colonel Ingrid Dahl"), en_id)  # title dropped
    assert not named_apart(person("Dahl"), person("Ingrid Dahl"), en_id)  # surname alone
    assert not named_apart(person("Polisi"), person("Police"), en_id)  # one capitalised word: maybe no name
    assert named_apart(person("Per Olsen"), person("Ingrid Dahl"), en_id)  # two other name words
    assert named_apart(person("Olsen", "Q123"), person("Ingrid Dahl"), en_id)  # one word, known to the gazetteer
