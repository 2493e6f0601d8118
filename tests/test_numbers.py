"""Indonesian numerals, on their own and as quantities in text."""
from __future__ import annotations

import pytest

from analysis.nlp import get_nlp
from analysis.nlp.numbers import numerals
from analysis.nlp.quantities import SPAN_KEY

parse_number = numerals("id").parse


@pytest.mark.parametrize("text, value", [
    ("11.000", 11000), ("1.500", 1500), ("10,5 juta", 10_500_000), ("1000", 1000), ("13.000", 13000),
    ("10 ribu", 10000), ("sepuluh ribu", 10000), ("dua ribu", 2000), ("dua puluh", 20), ("dua belas", 12),
    ("sebelas", 11), ("13 ribu", 13000), ("dua puluh ribu", 20000), ("1.234.567", 1234567),
])
def test_values(text, value):
    assert parse_number(text).value == value


@pytest.mark.parametrize("text, magnitude", [("ribuan", 1000), ("puluhan ribu", 10000), ("ratusan", 100)])
def test_orders_of_magnitude_have_no_value(text, magnitude):
    n = parse_number(text)
    assert n.value is None and n.vague and n.magnitude == magnitude


@pytest.mark.parametrize("text", ["tentara", "11.000 12.000", "1.50", "ribuan tentara"])
def test_not_numerals(text):
    with pytest.raises(ValueError):
        parse_number(text)


def quantities(text: str):
    doc = get_nlp()(text)
    return [(s.text, s._.quantity) for s in doc.spans[SPAN_KEY]]


def test_ranges_relative_and_exclusions():
    (text, q), = quantities("antara 10.000 dan 12.000 tentara tiba.")
    assert (q.kind, q.low, q.high, q.unit) == ("range", 10000, 12000, "tentara")
    (text, q), = quantities("Sebanyak 10.000 hingga 11.000 tentara dikirim.")
    assert (q.kind, q.low, q.high) == ("range", 10000, 11000)
    (text, q), = quantities("jumlahnya dua kali lebih banyak dari laporan")
    assert (q.kind, q.value) == ("relative", 2)
    # dates, years, durations, the '2+2' meeting and 'beberapa' are not quantities
    assert quantities("Pada Kamis (31/10/2024) selama dua tahun, pertemuan 2+2 dan beberapa pasukan.") == []
