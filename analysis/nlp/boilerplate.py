"""Flag (never delete) boilerplate sentences: related-story lists, author blurbs,
contributor lines, app/channel promos, editor signatures, a trailing 'Sumber', page
widgets and photo captions.

Rules come from ``data/lexicons/<lang>/boilerplate.csv``; each row has a ``reach`` (how much
of the text a match marks):

* ``tail``: a line matching it and every line after it are boilerplate (the story has
  ended: ``___``, ``More Stories``, ``(luc/luc)``); lines after it take the kind of their
  own line rule if one matches, else the latest tail marker's kind;
* ``line``: the whole line is boilerplate;
* ``sentence``: the sentence and every later sentence of the same line are boilerplate
  (promos trail the paragraph they are glued to).

One rule lives in code because it is a shape, not a phrase: a line that is one quotation
made of three or more very short fragments (``“Penggemar bir. Ninja kopi. ...”``) is an
author blurb. Reads the lexicon; writes nothing.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..errors import InputError

NEWLINE = re.compile("\n")
BLURB_MIN_FRAGMENTS = 3
BLURB_MEAN_WORDS = 4
BLURB_MAX_WORDS = 6
REACHES = {"tail", "line", "sentence"}


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    reach: str
    pattern: re.Pattern


@lru_cache(maxsize=None)
def rules(lang: str) -> tuple[Rule, ...]:
    lex = resources.lexicon(lang)
    out = []
    for row in lex.table("boilerplate"):
        if row["reach"] not in REACHES:
            raise InputError(f"{lex.directory / 'boilerplate.csv'}: rule {row['id']!r} has unknown reach {row['reach']!r}")
        out.append(Rule(row["id"], row["kind"], row["reach"], re.compile(row["pattern"])))
    return tuple(out)


def _first(lang: str, reach: str, text: str) -> Rule | None:
    for rule in rules(lang):
        if rule.reach == reach and rule.pattern.search(text):
            return rule
    return None


def is_author_blurb(line: str) -> bool:
    """A whole line that is one quotation of >= 3 short period-separated fragments
    (at most 6 words each, 4 on average): a generated author bio."""
    line = line.strip()
    if len(line) < 2 or line[0] not in "“\"" or line[-1] not in "”\"":
        return False
    fragments = [f.strip() for f in re.split(r"[.!]", line[1:-1]) if f.strip()]
    words = [len(f.split()) for f in fragments]
    return (len(words) >= BLURB_MIN_FRAGMENTS and max(words) <= BLURB_MAX_WORDS
            and sum(words) / len(words) <= BLURB_MEAN_WORDS)


def flag(text: str, spans: list[tuple[int, int]], lang: str) -> list[str | None]:
    """Boilerplate kind (or None) for each sentence span of ``text`` (linear in its length)."""
    return flag_window(text, spans, lang, 0, len(text), None)[0]


def flag_window(text: str, spans: list[tuple[int, int]], lang: str, lo: int, hi: int,
                tail_kind: str | None) -> tuple[list[str | None], str | None]:
    """:func:`flag` for the spans of one section ``[lo, hi)`` of ``text`` (read a section at a
    time, each line read once), given the tail marker's kind in force before it; returns the
    kinds and the tail marker's kind in force after it."""
    first = text.rfind("\n", 0, lo) + 1
    line_starts = [first] + [m.end() for m in NEWLINE.finditer(text, first, hi)]
    if line_starts[-1] >= hi and len(line_starts) > 1:  # the next section's first line is not read here
        line_starts.pop()
    line_of = [bisect.bisect_right(line_starts, start) - 1 for start, _ in spans]
    line_kind: dict[int, str | None] = {}
    for number, start in enumerate(line_starts):
        end = line_starts[number + 1] - 1 if number + 1 < len(line_starts) else _line_end(text, start)
        stripped = text[start:end].strip()
        if not stripped:
            continue
        tail = _first(lang, "tail", stripped)
        if tail is not None:
            tail_kind = tail.kind
        own = _first(lang, "line", stripped)
        own_kind = "author" if own is None and is_author_blurb(stripped) else (own.kind if own else None)
        if tail is not None:
            own_kind = tail.kind
        line_kind[number] = own_kind or tail_kind
    kinds: list[str | None] = [None] * len(spans)
    promo_line: int | None = None
    promo_kind: str | None = None
    for i, (start, end) in enumerate(spans):
        number = line_of[i]
        kind = line_kind.get(number)
        if kind is None:
            if promo_line == number:
                kind = promo_kind
            else:
                rule = _first(lang, "sentence", text[start:end])
                if rule is not None:
                    kind, promo_line, promo_kind = rule.kind, number, rule.kind
        kinds[i] = kind
    return kinds, tail_kind


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return end if end >= 0 else len(text)
