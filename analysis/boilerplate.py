"""Flag (never delete) boilerplate sentences: related-story lists, author blurbs,
contributor lines, app/channel promos, editor signatures, a trailing 'Sumber', page
widgets and photo captions.

Rules come from ``data/lexicons/boilerplate.csv``; each row has a ``scope``:

* ``tail``: a line matching it and every line after it are boilerplate (the story
  has ended: ``___``, ``More Stories``, ``(luc/luc)``); lines after it take the
  kind of their own line rule if one matches, else the latest tail marker's kind;
* ``line``: the whole line is boilerplate;
* ``sentence``: the sentence and every later sentence of the same line are
  boilerplate (promos trail the paragraph they are glued to).

One rule lives in code because it is a shape, not a phrase: a line that is one
quotation made of three or more very short fragments (``“Penggemar bir. Ninja kopi.
...”``) is an author blurb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicons

BLURB_MIN_FRAGMENTS = 3
BLURB_MEAN_WORDS = 4
BLURB_MAX_WORDS = 6


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    scope: str
    pattern: re.Pattern


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    out = []
    for row in lexicons.load("boilerplate"):
        if row["scope"] not in {"tail", "line", "sentence"}:
            raise ValueError(f"data/lexicons/boilerplate.csv: rule {row['id']!r} has unknown scope {row['scope']!r}")
        out.append(Rule(row["id"], row["kind"], row["scope"], re.compile(row["pattern"])))
    return tuple(out)


def _first(scope: str, text: str) -> Rule | None:
    for rule in rules():
        if rule.scope == scope and rule.pattern.search(text):
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


def flag(text: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """Boilerplate kind (or None) for each sentence span of ``text``."""
    kinds: list[str | None] = [None] * len(spans)
    line_of = [text.count("\n", 0, start) for start, _ in spans]
    lines = text.split("\n")
    tail_kind: str | None = None
    line_kind: dict[int, str | None] = {}
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        tail = _first("tail", stripped)
        if tail is not None:
            tail_kind = tail.kind
        own = _first("line", stripped)
        if own is None and is_author_blurb(stripped):
            own_kind: str | None = "author"
        else:
            own_kind = own.kind if own else None
        if tail is not None:
            own_kind = tail.kind
        line_kind[number] = own_kind or tail_kind
    promo_line: int | None = None
    promo_kind: str | None = None
    for i, (start, end) in enumerate(spans):
        number = line_of[i]
        kind = line_kind.get(number)
        if kind is None:
            if promo_line == number:
                kind = promo_kind
            else:
                rule = _first("sentence", text[start:end])
                if rule is not None:
                    kind, promo_line, promo_kind = rule.kind, number, rule.kind
        kinds[i] = kind
    return kinds
