"""The region rule of :mod:`analysis.translation.places` on sentences written for the test: a
region the source places in its country ('Norway's northern Troms region') rendered with the
compass after the region's name ('wilayah Troms utara': the north of Troms) is a change."""
from __future__ import annotations

from analysis.translation.divergences import Info
from analysis.translation.places import region_part


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
