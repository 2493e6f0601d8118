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
    out: dict[str, str] = {}
    for row in resources.shared("glossary"):
        for form in (row.get(lang) or "").split(";"):
            if form.strip():
                out.setdefault(" ".join(form.lower().split()), row["concept"])
    return out


def concepts(text: str, lang: str) -> set[str]:
    """The glossary concepts a text names (longest forms first, up to three words)."""
    table = forms(lang)
    words = WORD.findall(text.lower())
    found, i = set(), 0
    while i < len(words):
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            concept = table.get(" ".join(words[i:i + n]))
            if concept is not None:
                found.add(concept)
                i += n
                break
        else:
            i += 1
    return found
