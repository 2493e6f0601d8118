"""A small token-pattern language for lexicon files, compiled to spaCy Matcher patterns.

A pattern is a space-separated sequence of items (``data/lexicons/<lang>/temporal_patterns.csv``):

* ``UPPER_CASE``: a slot, filled by the caller from the lexicons (``WEEKDAY``, ``UNIT`` ...);
  a slot may hold several alternatives, some of them several tokens long (``lebih dari``);
* ``word``: that word, any case; ``/`` ``(`` ``,``: that punctuation;
* ``a|B|c``: any of these items; a trailing ``?`` makes the item optional.

Word order therefore lives in data, so a language is a folder of lexicons, not code.
Reads and writes nothing.
"""
from __future__ import annotations

import itertools
import re

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
