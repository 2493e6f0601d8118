"""A small token-pattern language for lexicon files, compiled to spaCy Matcher patterns.

A pattern is a space-separated sequence of items (``data/lexicons/<lang>/temporal_patterns.csv``):

* ``UPPER_CASE``: a slot, filled by the caller from the lexicons (``WEEKDAY``, ``UNIT`` ...);
  a slot may hold several alternatives, some of them several tokens long (``lebih dari``);
* ``word``: that word, any case; ``/`` ``(`` ``,``: that punctuation;
* ``a|B|c``: any of these items; a trailing ``?`` makes the item optional.

Word order therefore lives in data, so a language is a folder of lexicons, not code.
:class:`RunMatcher` runs the compiled patterns over only the stretches of a Doc where a match
can lie. Reads and writes nothing.
"""
from __future__ import annotations

import itertools
import re

from spacy.matcher import Matcher

SLOT = re.compile(r"^[A-Z][A-Z_]*$")

Token = dict
Alternative = list  # a sequence of token dicts


def word_slot(forms) -> list[Alternative]:
    """Alternatives for a slot of words and phrases: one ``LOWER IN`` token for the single
    words, one token sequence per multi-word phrase."""
    single = sorted({f.lower() for f in forms if " " not in f.strip()})
    phrases = sorted({f.lower().strip() for f in forms if " " in f.strip()})
    out: list[Alternative] = [[{"LOWER": {"IN": single}}]] if single else []
    out += [[{"LOWER": w} for w in phrase.split()] for phrase in phrases]
    return out


def _item(part: str, slots: dict[str, list[Alternative]]) -> list[Alternative]:
    if SLOT.match(part):
        if part not in slots:
            raise KeyError(f"unknown slot {part!r} (known: {', '.join(sorted(slots))})")
        return [list(a) for a in slots[part]]
    if part[:1].isalpha():
        return [[{"LOWER": part.lower()}]]
    return [[{"ORTH": part}]]


def _merge(options: list[Alternative]) -> list[Alternative]:
    """Fold single-token ``LOWER``/``ORTH`` options into one ``IN`` token (fewer patterns)."""
    lower, orth, rest = set(), set(), []
    for option in options:
        if len(option) == 1 and set(option[0]) == {"LOWER"}:
            value = option[0]["LOWER"]
            lower |= set(value["IN"]) if isinstance(value, dict) else {value}
        elif len(option) == 1 and set(option[0]) == {"ORTH"}:
            orth.add(option[0]["ORTH"])
        else:
            rest.append(option)
    merged = [[{"LOWER": {"IN": sorted(lower)}}]] if lower else []
    merged += [[{"ORTH": {"IN": sorted(orth)}}]] if orth else []
    return merged + rest


def compile_pattern(source: str, slots: dict[str, list[Alternative]]) -> list[Alternative]:
    """All Matcher patterns a source pattern stands for."""
    sequences: list[Alternative] = [[]]
    for item in source.split():
        optional = item.endswith("?") and len(item) > 1
        body = item[:-1] if optional else item
        options = _merge([alt for part in body.split("|") for alt in _item(part, slots)])
        if optional and len(options) == 1 and len(options[0]) == 1:
            options = [[dict(options[0][0], OP="?")]]
        elif optional:
            options = options + [[]]
        sequences = [seq + option for seq, option in itertools.product(sequences, options)]
    return [seq for seq in sequences if seq]


class _TokenTest:
    """A cheap test that every token satisfying any of the added pattern tokens passes (others
    may pass too): each pattern token reduced to one of its conditions."""

    def __init__(self):
        self.lowers: set[str] = set()
        self.texts: set[str] = set()
        self.shapes: set[str] = set()
        self.regexes: list[re.Pattern] = []
        self.digits = self.like_num = False
        self.everything = False  # a pattern token without such a condition: every token passes

    def add(self, token: Token) -> None:
        if token.get("OP") == "!":
            self.everything = True
            return
        for key, target in (("LOWER", self.lowers), ("ORTH", self.texts), ("TEXT", self.texts), ("SHAPE", self.shapes)):
            value = token.get(key)
            if isinstance(value, str):
                target.add(value)
                return
            if isinstance(value, dict) and set(value) == {"IN"}:
                target.update(value["IN"])
                return
            if key == "TEXT" and isinstance(value, dict) and set(value) == {"REGEX"}:
                self.regexes.append(re.compile(value["REGEX"]))
                return
        if token.get("IS_DIGIT") is True:
            self.digits = True
            return
        if token.get("LIKE_NUM") is True:
            self.like_num = True
            return
        self.everything = True

    def __call__(self, token) -> bool:
        text = token.text
        return (self.everything or token.lower_ in self.lowers or text in self.texts or token.shape_ in self.shapes
                or (self.digits and token.is_digit) or (self.like_num and token.like_num)
                or any(r.search(text) for r in self.regexes))


def _values(token: Token) -> list[str] | None:
    """The words a pattern token accepts, when it names them (``LOWER``/``ORTH``/``TEXT``)."""
    for key in ("LOWER", "ORTH", "TEXT"):
        value = token.get(key)
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return list(value["IN"])
    return None


class RunMatcher:
    """A spaCy ``Matcher`` run only over the stretches of a Doc where a match can lie.

    spaCy's Matcher starts every pattern at every token, so its cost grows with the number of
    patterns times the number of tokens, though most tokens of a text (ordinary words) can be no
    part of any match. Every token of a match satisfies a token of its pattern, so a match lies
    inside a run of tokens each of which satisfies some pattern token, and the run holds a token
    satisfying the pattern's *core* (one of its required tokens, chosen to be rarely a function
    word or punctuation, from ``common``: the language's stop words). The Matcher runs on those
    runs only (each test a superset of the tokens it stands for: see :class:`_TokenTest`), and
    gives the same matches in the same order as over the whole Doc."""

    def __init__(self, vocab, common=frozenset()):
        self.matcher = Matcher(vocab)
        self.common = {w.lower() for w in common}
        self.part, self.core = _TokenTest(), _TokenTest()
        self._seen: dict[str, tuple[bool, bool]] = {}

    def add(self, key: str, patterns: list[Alternative]) -> None:
        self.matcher.add(key, patterns)
        for pattern in patterns:
            for token in pattern:
                self.part.add(token)
            required = [token for token in pattern if token.get("OP") in (None, "+")]
            if required:
                self.core.add(min(required, key=self._commonness))
            else:
                self.core.everything = True
        self._seen.clear()

    def _commonness(self, token: Token) -> float:
        """How many function words or punctuation marks a pattern token accepts (fewest: the core)."""
        values = _values(token)
        if values is None:
            return 0.5  # a digit, a shape, a pattern: rarer than a function word
        return sum(v.lower() in self.common or not any(c.isalnum() for c in v) for v in values)

    def _test(self, token) -> tuple[bool, bool]:
        known = self._seen.get(token.text)
        if known is None:
            if len(self._seen) > 200_000:
                self._seen.clear()
            known = self._seen[token.text] = (self.part(token), self.core(token))
        return known

    def runs(self, doc) -> list[tuple[int, int]]:
        """``(start, end)`` token ranges of the Doc outside which no match can lie."""
        out, start, core = [], None, False
        for token in doc:
            part, is_core = self._test(token)
            if part:
                start, core = (token.i if start is None else start), core or is_core
                continue
            if start is not None and core:
                out.append((start, token.i))
            start, core = None, False
        if start is not None and core:
            out.append((start, len(doc)))
        return out

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` as ``Matcher(doc)`` gives them."""
        out = []
        for start, end in self.runs(doc):
            out += [(key, start + s, start + e) for key, s, e in self.matcher(doc[start:end])]
        return out
