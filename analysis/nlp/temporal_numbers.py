"""Amounts and years the temporal tagger (:mod:`analysis.nlp.temporal`) reads from words:
counts of periods spelled out or compound (``twenty four hours``, ``almost a hundred years``,
``2 1/2 years``, ``a year and a half``, ``a couple of years``, ``two more weeks``) and years
spoken as words, as broadcast transcripts write them (``nineteen ninety-six``, ``the year two
thousand``).

The words come from the language's lexicons: ``number_words.csv`` (kinds ``unit``, ``tens``,
``multiplier``), ``temporal_words.csv`` (categories ``year_hundreds``: the first word of a
spoken year, ``count_phrase``: ``a couple of``, ``more``: ``additional``, ``half``: ``and a
half``); phrases of number words are read by :mod:`analysis.nlp.numbers`. Reads lexicons,
writes nothing.
"""
from __future__ import annotations

import re

from .digits import is_digit_run
from .numbers import numerals

FRACTION = re.compile(r"^([1-9])/([1-9])$")  # '2 1/2 years': the '1/2'


class NumberWords:
    """The number words of one language, by kind, and the Matcher slots built from them."""

    def __init__(self, rows: list[dict], words: dict[str, dict[str, str]], quantity_words: tuple[dict, ...] = ()):
        self.units = sorted(r["form"].lower() for r in rows if r["kind"] == "unit" and r["value"].isdigit()
                            and 1 <= int(r["value"]) <= 9)
        self.small = sorted(r["form"].lower() for r in rows if r["kind"] == "unit" and r["value"].isdigit()
                            and int(r["value"]) >= 1)
        self.tens = sorted(r["form"].lower() for r in rows if r["kind"] == "tens")
        self.multipliers = sorted(r["form"].lower() for r in rows if r["kind"] == "multiplier"
                                  and r["value"] in {"100", "1000"})
        self.hundreds = words.get("year_hundreds", {})
        self.phrases = words.get("count_phrase", {})
        self.more = set(words.get("more", {})) | set(words.get("day_kind", {}))  # skipped between count and unit
        self.half = words.get("half", {})
        self.articles = sorted(words.get("article_one", {}))
        self.thousand = next((r["form"].lower() for r in rows if r["kind"] == "multiplier" and r["value"] == "1000"), "")
        # 'two thousand and one' (quantity_words numeral_filler); 'two quarters of 1990' (vague_link)
        self.fillers = sorted(r["form"].lower() for r in quantity_words if r["kind"] == "numeral_filler")
        self.links = frozenset(r["form"].lower() for r in quantity_words if r["kind"] == "vague_link")

    def number_slot(self) -> list[list[dict]]:
        """Extra alternatives of the NUMBER slot: 'twenty', 'twenty four', 'twenty-four',
        'a hundred', 'two thousand', '2 1/2'."""
        out = []
        if self.tens:
            out.append([{"LOWER": {"IN": self.tens}}, {"ORTH": "-", "OP": "?"},
                        {"LOWER": {"IN": self.units}, "OP": "?"}])
        if self.multipliers:
            out.append([{"LOWER": {"IN": self.small + self.articles}}, {"LOWER": {"IN": self.multipliers}}])
        out.append([{"IS_DIGIT": True, "LENGTH": {"<=": 3}}, {"TEXT": {"REGEX": FRACTION.pattern}}])
        out += [[{"LOWER": w} for w in phrase.split()] for phrase in self.phrases]
        return out

    def year_slots(self) -> dict[str, list[list[dict]]]:
        """SPOKEN_YEAR ('nineteen ninety-six'), SPOKEN_THOUSAND ('two thousand', 'two thousand
        and one': a year only after 'the year')."""
        never = [[{"LOWER": "\u0000"}]]
        spoken = [[{"LOWER": {"IN": sorted(self.hundreds)}}, {"LOWER": {"IN": self.tens}},
                   {"ORTH": "-", "OP": "?"}, {"LOWER": {"IN": self.units}, "OP": "?"}]] \
            if self.hundreds and self.tens else never
        thousand = [[{"LOWER": {"IN": self.units}}, {"LOWER": self.thousand}, {"LOWER": {"IN": self.fillers}, "OP": "?"},
                     {"LOWER": {"IN": self.small}, "OP": "?"}]] if self.thousand else never
        return {"SPOKEN_YEAR": spoken, "SPOKEN_THOUSAND": thousand}


def spoken_year(numbers: NumberWords, lang: str, tokens) -> int | None:
    """The year a run of words says: 'nineteen ninety-six' -> 1996, 'two thousand' -> 2000."""
    words = [t.lower_ for t in tokens if t.text != "-"]
    for i, word in enumerate(words):
        if word in numbers.hundreds and i + 1 < len(words) and words[i + 1] in numbers.tens:
            rest = _read(lang, words[i + 1:i + 3] if i + 2 < len(words) and words[i + 2] in numbers.units
                         else words[i + 1:i + 2])
            return int(numbers.hundreds[word]) * 100 + int(rest) if rest is not None else None
        if word == numbers.thousand and i > 0:
            run = [w for w in words[i - 1:] if w in numbers.small or w == numbers.thousand or w in numbers.fillers]
            value = _read(lang, run)
            return int(value) if value is not None and 1000 <= value <= 2099 else None
    return None


def count_before(tagger, span, unit_at: int) -> str:
    """The count of periods written before the unit token at span index ``unit_at``: digits
    ('90'), number words ('twenty four', 'a hundred'), a fraction ('2 1/2' -> '2.5'), a phrase
    ('a couple of' -> '2'), skipping 'more' words ('two more weeks'); 'X' when vague or absent."""
    numbers: NumberWords = tagger.numbers
    i = unit_at - 1
    if i >= 0 and span[i].text == "-":  # 'two-year'
        i -= 1
    while i >= 0 and span[i].lower_ in numbers.more:
        i -= 1
    if i < 0:
        return "X"
    last = i
    text = " ".join(t.lower_ for t in span[:i + 1])
    phrase = next((p for p in numbers.phrases if text == p or text.endswith(" " + p)), None)
    if phrase is not None:
        return numbers.phrases[phrase]
    fraction = FRACTION.match(span[i].text)
    if fraction and i > 0 and is_digit_run(span[i - 1].text):
        whole = int(span[i - 1].text) + int(fraction[1]) / int(fraction[2])
        return _format(whole)
    run = []
    while i >= 0 and (span[i].lower_ in tagger.lex.numbers or span[i].lower_ in numbers.tens
                      or span[i].lower_ in numbers.multipliers or span[i].text == "-"
                      or (span[i].lower_ in numbers.articles and run and run[0] in numbers.multipliers)):
        run.insert(0, span[i].lower_)
        i -= 1
    if not run or (len(run) == 1 and run[0] in tagger.lex.numbers):
        return tagger._count(span[last])
    value = _read(tagger.lex.lang, run)
    return _format(value) if value is not None else "X"


def with_half(tagger, span, count: str) -> str:
    """'a year and a half' -> '1.5': a count followed by a half of its unit."""
    numbers: NumberWords = tagger.numbers
    text = " " + " ".join(t.lower_ for t in span) + " "
    if count.replace(".", "").isdigit() and any(f" {h} " in text for h in numbers.half):
        return _format(float(count) + 0.5)
    return count


def _read(lang: str, words: list[str]) -> float | None:
    try:
        return numerals(lang).parse(" ".join(w for w in words if w != "-")).value
    except ValueError:
        return None


def _format(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
