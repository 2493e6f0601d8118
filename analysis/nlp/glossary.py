"""The story's vocabulary across languages (``data/lexicons/glossary.csv``: one concept a row,
its forms in each language's column): what two texts share when they are not in the same
language (*pasukan* / *troops*, *pengarahan* / *briefing*). Used to tell whether two reports
are one event and to pair a translation with its original. Reads the lexicon; writes nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import resources

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
MAX_WORDS = 3


@lru_cache(maxsize=None)
def forms(lang: str) -> dict[str, str]:
    """``form -> concept`` for one language (forms lower-cased, multi-word forms joined by a space)."""
    return read_forms(("glossary",), lang)


def read_forms(names: tuple[str, ...], lang: str, value=lambda row: row["concept"]) -> dict[str, str]:
    """``form -> value(row)`` over the shared lexicons ``names`` (``data/lexicons/<name>.csv``,
    a column per language holding ``;``-separated forms); the first row naming a form wins."""
    out: dict[str, str] = {}
    for name in names:
        for row in resources.shared(name):
            for form in (row.get(lang) or "").split(";"):
                if form.strip():
                    out.setdefault(" ".join(form.lower().split()), value(row))
    return out


def concepts(text: str, lang: str) -> set[str]:
    """The glossary concepts a text names (longest forms first, up to three words)."""
    return {concept for concept, _, _ in find(text, forms(lang))}


def find(text: str, table: dict[str, str]) -> list[tuple[str, int, int]]:
    """``(concept, start, end)`` of every form of ``table`` (``form -> concept``, as
    :func:`forms` makes) in ``text``: longest form first, up to three words, character
    offsets into ``text``. The one concept matcher of the package."""
    words = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(text)]
    found, i = [], 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            concept = table.get(" ".join(w for w, _, _ in words[i:i + n]))
            if concept is not None:
                found.append((concept, words[i][1], words[i + n - 1][2]))
                i += n
                break
        else:
            i += 1
    return found
