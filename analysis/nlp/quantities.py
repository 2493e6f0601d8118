"""The ``quantity_tagger`` component: numeral phrases in ``doc.spans["quantities"]``.

Values (``11.000``, ``10 ribu``, ``sepuluh ribu``), orders of magnitude (``ribuan``), ranges
(``10.000 hingga 11.000``, ``antara 10.000 dan 12.000``) and relative amounts (``dua kali
lebih banyak``); each span carries ``span._.quantity`` (:class:`Quantity`). Numbers inside
time expressions are left to the temporal tagger. Range joiners and relative patterns come
from ``data/lexicons/<lang>/quantity_words.csv``. Writes nothing outside the Doc.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import resources
from .digits import digit_value, is_digit_run
from .numbers import numerals
from .patterns import RunMatcher

SPAN_KEY = "quantities"

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
    def __init__(self, nlp: Language):
        lex = resources.lexicon(nlp.lang)
        self.numerals = numerals(nlp.lang)
        table = self.numerals.words
        words = {}
        for row in lex.table("quantity_words"):
            words.setdefault(row["kind"], set()).add(row["form"].lower())
        self.joiners = words.get("range_joiner", set())
        self.pair_open = words.get("range_open", set())  # "antara" ... "dan"
        self.pair_join = words.get("range_pair_joiner", set())
        self.excluded_before = words.get("not_a_figure_before", set())
        units = sorted(w for w, (_, k) in table.items() if k in {"unit", "teen", "tens"} and len(w) > 2)
        multipliers = sorted(w for w, (_, k) in table.items() if k == "multiplier")
        vague = sorted(w for w, (_, k) in table.items() if k == "vague")
        articles = sorted(w for w, (_, k) in table.items() if k == "article")
        links = sorted(self.numerals.vague_links)  # "tens of thousands"
        number = {"LIKE_NUM": True, "IS_ALPHA": False}
        self.matcher = RunMatcher(nlp.vocab, nlp.Defaults.stop_words)
        self.matcher.add("NUMBER", [
            [number, {"LOWER": {"IN": multipliers}, "OP": "*"}],
            [{"LOWER": {"IN": units}}, {"LOWER": {"IN": units + multipliers}, "OP": "*"}],
            [{"LOWER": {"IN": vague}}, {"LOWER": {"IN": links}, "OP": "?"}, {"LOWER": {"IN": multipliers + vague}, "OP": "*"}],
            [{"LOWER": {"IN": articles}}, {"LOWER": {"IN": multipliers}, "OP": "+"}],  # "a thousand"
        ])
        relative = [[{"LOWER": w} for w in phrase.split()] for phrase in sorted(words.get("relative_tail", ()))]
        self.matcher.add("RELATIVE", [[number] + tail for tail in relative] + [[{"LOWER": {"IN": units}}] + tail for tail in relative])

    def __call__(self, doc: Doc) -> Doc:
        timex = {i for s in doc.spans.get("timex", []) for i in range(s.start, s.end)}
        spans = []
        for match_id, start, end in self.matcher(doc):
            if any(i in timex for i in range(start, end)) or self._excluded(doc, start, end):
                continue
            spans.append(Span(doc, start, end, label=doc.vocab.strings[match_id]))
        spans = filter_spans(spans)
        out, k = [], 0
        while k < len(spans):
            span = spans[k]
            nxt = spans[k + 1] if k + 1 < len(spans) else None
            joiner = doc[span.end].lower_ if span.end < len(doc) else ""
            between = nxt is not None and nxt.start == span.end + 1
            opened = span.start > 0 and doc[span.start - 1].lower_ in self.pair_open
            if between and span.label_ == nxt.label_ == "NUMBER" and (
                    joiner in self.joiners or (joiner in self.pair_join and opened)):
                joined = Span(doc, span.start - (1 if opened else 0), nxt.end, label="RANGE")
                out.append(self._describe(joined, [span, nxt]))
                k += 2
                continue
            out.append(self._describe(span, [span]))
            k += 1
        doc.spans[SPAN_KEY] = [s for s in out if s is not None]
        return doc

    def _excluded(self, doc: Doc, start: int, end: int) -> bool:
        before = doc[start - 1].text if start else ""
        after = doc[end].text if end < len(doc) else ""
        return ("+" in {before, after} or before.lower() in self.excluded_before  # "2+2" meeting, "salah satu"
                or _space_grouped(doc, start) or _zero_led(doc[start].text))

    def _describe(self, span: Span, parts: list[Span]) -> Span | None:
        doc = span.doc
        unit_token = next((t for t in doc[span.end:span.end + 2] if t.is_alpha), None)
        unit = unit_token.lower_ if unit_token is not None and unit_token.i == span.end else ""
        parse = self.numerals.parse
        try:
            if span.label_ == "RELATIVE":
                quantity = Quantity("relative", parse(span[0].text).value, None, None, unit)
            elif span.label_ == "RANGE":
                low, high = (parse(p.text).value for p in parts)
                if low is None or high is None:
                    return None
                quantity = Quantity("range", None, low, high, unit)
            else:
                number = parse(span.text)
                if number.vague and number.magnitude is None:
                    return None  # "beberapa" (some): not a figure
                kind = "vague" if number.vague else "value"
                quantity = Quantity(kind, number.value, number.magnitude if number.vague else number.value,
                                    number.value, unit)
        except ValueError:
            return None
        span._.quantity = quantity
        return span


def _space_grouped(doc: Doc, i: int) -> bool:
    """Token ``i`` is a group of a number written with plain spaces (``11 000``): the head (one to
    three digits before a group of three) or a group. Read as two numbers, ``000`` would be a
    figure of 0 and ``11`` one of 11; neither is stated, so neither is a figure."""
    def group(k: int, sizes: range) -> bool:
        return 0 <= k < len(doc) and len(doc[k].text) in sizes and doc[k].text.isascii() and doc[k].text.isdigit()

    def spaced(k: int) -> bool:  # token k followed by one plain space and token k + 1
        return doc[k].whitespace_ == " "

    head = group(i, range(1, 4)) and group(i + 1, range(3, 4)) and spaced(i)
    tail = group(i, range(3, 4)) and group(i - 1, range(1, 4)) and spaced(i - 1)
    return head or tail


def _zero_led(text: str) -> bool:
    """A run of digits that starts with a zero (``000``, ``007``): the tail of a figure split by a
    separator not read (a tab, another script's comma) or a code, never a count."""
    return len(text) > 1 and is_digit_run(text) and digit_value(text[0]) == 0
