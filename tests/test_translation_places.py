"""The region rule of :mod:`analysis.translation.places` on sentences written for the test: a
region the source places in its country ('Norway's northern Troms region') rendered with the
compass after the region's name ('wilayah Troms utara': the north of Troms) is a change."""
from __future__ import annotations

from analysis.translation.divergences import Info
from analysis.translation.places import destination_made_agent, region_part


def _rows(derived: str, source: str) -> list[tuple[str, str, str]]:
    d, s = Info("d.txt", 0, 0, len(derived), derived, "id"), Info("s.txt", 0, 0, len(source), source, "en")
    return [(kind, here.text, there.text) for kind, _, here, there in region_part([d], [s])]


def test_a_region_in_the_north_of_its_country_made_the_north_of_the_region():
    src = "Storms hit Norway's northern Troms region on Monday."
    assert _rows("Badai melanda wilayah Troms utara pada Senin.", src) == \
        [("meaning_changed", "wilayah Troms utara", "Norway's northern Troms region")]
    assert _rows("Badai melanda Wilayah Troms Utara pada Senin.", src)[0][1] == "Wilayah Troms Utara"


def test_a_faithful_rendering_or_another_region_is_no_change():
    src = "Storms hit its northern Troms region on Monday."
    assert _rows("Badai melanda wilayah Troms di Norwegia utara pada Senin.", src) == []
    assert _rows("Badai melanda wilayah Finnmark utara pada Senin.", src) == []
    assert _rows("Badai melanda wilayah Troms selatan pada Senin.", src) == []


def test_no_owner_no_placing():
    # 'the northern Troms region' may well mean the north of Troms: no owner, no claim about the country
    assert _rows("Badai melanda wilayah Troms utara pada Senin.", "Storms hit the northern Troms region.") == []


def _with(text: str, lang: str, *names: tuple[str, str]) -> Info:
    info = Info("x.txt", 0, 0, len(text), text, lang)
    for name, entity in names:
        at = text.index(name)
        info.mentions.append({"start": at, "end": at + len(name), "text": name, "label": "GPE", "entity_id": entity})
    return info


def test_a_destination_made_the_sender():
    src = _with("Hundreds of engineers deployed to Norway were injured.", "en", ("Norway", "norway"))
    wrong = _with("Ratusan insinyur yang dikerahkan Norwegia terluka.", "id", ("Norwegia", "norway"))
    right = _with("Ratusan insinyur yang dikerahkan ke Norwegia terluka.", "id", ("Norwegia", "norway"))
    rows = destination_made_agent([wrong], [src])
    assert [(r[0], r[2].text, r[3].text) for r in rows] == [("meaning_changed", "dikerahkan Norwegia", "Norway")]
    assert destination_made_agent([right], [src]) == []


def test_a_sender_kept_is_no_change():
    src = _with("Engineers sent by Norway were injured.", "en", ("Norway", "norway"))
    agent = _with("Insinyur yang dikirim Norwegia terluka.", "id", ("Norwegia", "norway"))
    assert destination_made_agent([agent], [src]) == []
