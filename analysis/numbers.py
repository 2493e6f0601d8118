"""Indonesian numerals to values (``analysis.numbers``), tested on their own.

:func:`parse_number` reads one numeral phrase: ``11.000`` (dot = thousands),
``10,5 juta`` (comma = decimal), ``1000``, ``10 ribu``, ``sepuluh ribu``, ``dua
ribu``, ``dua puluh``, ``ribuan`` (an order of magnitude, no value). The quantity
tagger in :mod:`analysis.estimates` finds numeral phrases in text, including
ranges (``10.000 hingga 11.000``, ``antara 10.000 dan 12.000``) and relative
amounts (``dua kali lebih banyak``). Number words live in
``data/lexicons/number_words.csv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicons

DIGITS = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+$|^\d+,\d+$|^\d{1,3}(\.\d{3})+,\d+$")


@dataclass(frozen=True)
class Number:
    value: float | None  # None for an order of magnitude ("ribuan")
    magnitude: float | None = None  # "ribuan" -> 1000
    vague: bool = False


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, str]]:
    return {r["form"].lower(): (r["value"], r["kind"]) for r in lexicons.load("number_words")}


def is_digits(token: str) -> bool:
    return bool(DIGITS.match(token))


def digits_value(token: str) -> float:
    """``11.000`` -> 11000, ``10,5`` -> 10.5, ``1000`` -> 1000 (Indonesian separators)."""
    if not is_digits(token):
        raise ValueError(f"not an Indonesian numeral: {token!r}")
    whole, _, decimal = token.partition(",")
    value = float(whole.replace(".", ""))
    return value + float("0." + decimal) if decimal else value


def is_number_word(word: str) -> bool:
    return word.lower() in _words()


def parse_number(phrase: str) -> Number:
    """Value of a numeral phrase; raises ValueError for anything else."""
    words = phrase.lower().split()
    if not words:
        raise ValueError("empty numeral")
    table = _words()
    if words[0] in table and table[words[0]][1] == "vague":
        base = words[0].removesuffix("an")  # ribuan -> ribu, puluhan -> puluh
        magnitude = float(table[base][0]) if base in table and table[base][0] != "X" else None
        for word in words[1:]:  # "puluhan ribu" -> 10 x 1000
            if word not in table or table[word][1] != "multiplier":
                raise ValueError(f"not a numeral: {phrase!r}")
            magnitude = (magnitude or 1) * float(table[word][0])
        return Number(None, magnitude, vague=True)
    total, current = 0.0, None
    for word in words:
        if is_digits(word):
            if current is not None:
                raise ValueError(f"two numbers in a row: {phrase!r}")
            current = digits_value(word)
        elif word in table:
            value, kind = table[word]
            if kind == "unit":
                if current is not None:
                    raise ValueError(f"two numbers in a row: {phrase!r}")
                current = float(value)
            elif kind == "teen":
                current = (current or 1) + 10
            elif kind == "multiplier":
                amount = (current if current is not None else 1) * float(value)
                if float(value) >= 1000:
                    total, current = (total + amount), None
                else:
                    current = amount
            elif kind == "vague":
                raise ValueError(f"vague amount inside a numeral: {phrase!r}")
        else:
            raise ValueError(f"not a numeral: {phrase!r}")
    return Number(total + (current or 0))


# --------------------------------------------------------------------------- quantity tagger

QUANTITY_KEY = "quantities"
RANGE_JOINERS = {"hingga", "sampai", "-", "–", "s/d"}

from spacy.language import Language  # noqa: E402
from spacy.matcher import Matcher  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.util import filter_spans  # noqa: E402

if not Span.has_extension("quantity"):
    Span.set_extension("quantity", default=None)


@dataclass(frozen=True)
class Quantity:
    """A numeral phrase in text: one value, a range, an order of magnitude, or a
    relative amount ("dua kali lebih banyak": factor 2)."""

    kind: str  # value | range | vague | relative
    value: float | None
    low: float | None
    high: float | None
    unit: str  # the word after the numeral, lower-cased ("tentara", "kontainer", "")


@Language.factory("quantity_tagger")
def make_quantity_tagger(nlp: Language, name: str) -> "QuantityTagger":
    return QuantityTagger(nlp)


class QuantityTagger:
    """Numeral phrases (``11.000``, ``10 ribu``, ``sepuluh ribu``, ``ribuan``), joined
    into ranges (``10.000 hingga 11.000``, ``antara 10.000 dan 12.000``) and relative
    amounts (``dua kali lebih banyak``), in ``doc.spans["quantities"]``. Numbers inside
    time expressions (dates, years, durations) are left to the temporal tagger."""

    def __init__(self, nlp: Language):
        table = _words()
        units = sorted(w for w, (_, k) in table.items() if k in {"unit", "teen"} and w != "se")
        multipliers = sorted(w for w, (_, k) in table.items() if k == "multiplier")
        vague = sorted(w for w, (_, k) in table.items() if k == "vague")
        digits = {"TEXT": {"REGEX": DIGITS.pattern}}
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("NUMBER", [
            [digits, {"LOWER": {"IN": multipliers}, "OP": "*"}],
            [{"LOWER": {"IN": units}}, {"LOWER": {"IN": units + multipliers}, "OP": "*"}],
            [{"LOWER": {"IN": vague}}, {"LOWER": {"IN": multipliers}, "OP": "*"}],
        ])
        self.matcher.add("RELATIVE", [
            [{"TEXT": {"REGEX": DIGITS.pattern}}, {"LOWER": "kali"}, {"LOWER": "lebih"}, {"LOWER": {"IN": ["banyak", "besar"]}}],
            [{"LOWER": {"IN": units}}, {"LOWER": "kali"}, {"LOWER": "lebih"}, {"LOWER": {"IN": ["banyak", "besar"]}}],
        ])

    def __call__(self, doc: Doc) -> Doc:
        timex = {i for s in doc.spans.get("timex", []) for i in range(s.start, s.end)}
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=doc.vocab.strings[match_id])
            if any(i in timex for i in range(start, end)) or self._excluded(doc, start, end):
                continue
            spans.append(span)
        spans = filter_spans(spans)
        out, k = [], 0
        while k < len(spans):
            span = spans[k]
            nxt = spans[k + 1] if k + 1 < len(spans) else None
            joiner = doc[span.end].lower_ if span.end < len(doc) else ""
            between = nxt is not None and nxt.start == span.end + 1
            after_antara = span.start > 0 and doc[span.start - 1].lower_ == "antara"
            if between and span.label_ == nxt.label_ == "NUMBER" and (
                    joiner in RANGE_JOINERS or (joiner == "dan" and after_antara)):
                joined = Span(doc, span.start - (1 if after_antara else 0), nxt.end, label="RANGE")
                out.append(self._describe(joined, [span, nxt]))
                k += 2
                continue
            out.append(self._describe(span, [span]))
            k += 1
        doc.spans[QUANTITY_KEY] = [s for s in out if s is not None]
        return doc

    @staticmethod
    def _excluded(doc: Doc, start: int, end: int) -> bool:
        before = doc[start - 1].text if start else ""
        after = doc[end].text if end < len(doc) else ""
        if "+" in {before, after} or before.lower() == "salah":  # "2+2" meeting, "salah satu"
            return True
        return False

    def _describe(self, span: Span, parts: list[Span]) -> Span | None:
        doc = span.doc
        unit_token = next((t for t in doc[span.end:span.end + 2] if t.is_alpha), None)
        unit = unit_token.lower_ if unit_token is not None and unit_token.i == span.end else ""
        try:
            if span.label_ == "RELATIVE":
                factor = parse_number(span[0].text).value
                quantity = Quantity("relative", factor, None, None, unit)
            elif span.label_ == "RANGE":
                low, high = (parse_number(p.text).value for p in parts)
                quantity = Quantity("range", None, low, high, unit)
            else:
                number = parse_number(span.text)
                if number.vague and number.magnitude is None:
                    return None  # "beberapa" (some): not a figure
                kind = "vague" if number.vague else "value"
                quantity = Quantity(kind, number.value, number.magnitude if number.vague else number.value,
                                    number.value, unit)
        except ValueError:
            return None
        span._.quantity = quantity
        return span
