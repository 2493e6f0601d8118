"""Numerals to values, per language: digits with the language's separators
(``11.000`` and ``10,5`` in Indonesian, ``11,000`` and ``1.5`` in English) and number words
(``data/lexicons/<lang>/number_words.csv``: ``sepuluh ribu``, ``eleven thousand``, ``ribuan``
= an order of magnitude). The words inside a numeral that carry no value (``and``, ``of``) and
the plural suffixes of orders of magnitude come from ``quantity_words.csv``. Reads lexicons;
writes nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from .digits import visible


MAX_DIGITS = 15  # digits a count can have (beyond: not a figure, never stored as inf)


@dataclass(frozen=True)
class Number:
    value: float | None  # None for an order of magnitude ("ribuan")
    magnitude: float | None = None  # "ribuan" -> 1000
    vague: bool = False


class Numerals:
    """Parse numeral phrases of one language."""

    def __init__(self, lang: str):
        lex = resources.lexicon(lang)
        self.words = {r["form"].lower(): (r["value"], r["kind"]) for r in lex.table("number_words")}
        kinds: dict[str, list[str]] = {}
        for row in lex.table("quantity_words"):
            kinds.setdefault(row["kind"], []).append(row["form"].lower())
        self.fillers = frozenset(kinds.get("numeral_filler", ()))  # "one hundred and fifty"
        self.vague_links = frozenset(kinds.get("vague_link", ()))  # "tens of thousands"
        self.plural_suffixes = tuple(kinds.get("plural_suffix", ()))  # "ribuan" <- "ribu"
        th = re.escape(lex.settings.get("thousands_separator", ","))
        dec = re.escape(lex.settings.get("decimal_separator", "."))
        self.thousands, self.decimal = lex.settings.get("thousands_separator", ","), lex.settings.get("decimal_separator", ".")
        self.digits = re.compile(rf"^\d{{1,3}}({th}\d{{3}})+$|^\d+$|^\d+{dec}\d+$|^\d{{1,3}}({th}\d{{3}})+{dec}\d+$")

    def is_digits(self, token: str) -> bool:
        return bool(self.digits.match(visible(token)))

    def digits_value(self, token: str) -> float:
        """``11.000`` -> 11000, ``10,5`` -> 10.5 (Indonesian); ``11,000``, ``1.5`` (English)."""
        if not self.is_digits(token):
            raise ValueError(f"not a numeral: {token!r}")
        whole, _, decimal = visible(token).partition(self.decimal)
        digits = whole.replace(self.thousands, "")
        if len(digits) > MAX_DIGITS:  # a 400-digit run is a code or a scrape error, not a count
            raise ValueError(f"numeral beyond {MAX_DIGITS} digits: {token[:20]!r}...")
        value = float(digits)
        return value + float("0." + decimal) if decimal else value

    def is_number_word(self, word: str) -> bool:
        return word.lower() in self.words

    def parse(self, phrase: str) -> Number:
        """Value of a numeral phrase; raises ValueError for anything else."""
        words = [w for w in phrase.lower().replace("-", " ").split() if w not in self.fillers]
        if not words:
            raise ValueError("empty numeral")
        table = self.words
        if words[0] in table and table[words[0]][1] == "vague":
            magnitude = self._magnitude(words[0])
            for word in words[1:]:  # "puluhan ribu" -> 10 x 1000; "tens of thousands"
                if word in self.vague_links:
                    continue
                if word not in table or table[word][1] not in {"multiplier", "vague"}:
                    raise ValueError(f"not a numeral: {phrase!r}")
                magnitude = (magnitude or 1) * (self._magnitude(word) or 1)
            return Number(None, magnitude, vague=True)
        total, current = 0.0, None
        for word in words:
            if self.is_digits(word):
                if current is not None:
                    raise ValueError(f"two numbers in a row: {phrase!r}")
                current = self.digits_value(word)
            elif word in table:
                value, kind = table[word]
                if kind == "unit":
                    if current is not None and current >= 20 and float(value) < 10:
                        current += float(value)  # "twenty one"
                    elif current is not None:
                        raise ValueError(f"two numbers in a row: {phrase!r}")
                    else:
                        current = float(value)
                elif kind == "article" and current is None:
                    current = 1.0  # "a thousand": the quantity tagger takes an article only before a multiplier
                elif kind == "tens":
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
                else:
                    raise ValueError(f"vague amount inside a numeral: {phrase!r}")
            else:
                raise ValueError(f"not a numeral: {phrase!r}")
        return Number(total + (current or 0))

    def _magnitude(self, word: str) -> float | None:
        """The order of magnitude of a vague word (``ribuan`` -> 1000) from its ``value``
        column, or from its base form (``ribu``) when the value is ``X``."""
        value, kind = self.words.get(word, ("X", ""))
        if value not in {"X", ""}:
            return float(value)
        for base in (word.removesuffix(suffix) for suffix in self.plural_suffixes):
            if base in self.words and self.words[base][0] not in {"X", ""}:
                return float(self.words[base][0])
        return None


@lru_cache(maxsize=None)
def numerals(lang: str) -> Numerals:
    return Numerals(lang)
