"""Which language a single word belongs to, from how often each language uses it (the
``wordfreq`` word lists, which ship in its wheel: no download). Used to find fragments a
translation left in the language it translates from (``in the coming weeks``, ``missile
program`` in Indonesian copy), where a fixed list of foreign words would miss most of them.
Also spaCy's stop-word lists (function words). Writes nothing.
"""
from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .. import resources

WORD_MIN = 3.0  # Zipf frequency from which a word is a word of the language (about once per 10 million words)
MARGIN = 1.0  # how much more often (in Zipf units, tenfold) the other language uses a word that is clearly its own
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@lru_cache(maxsize=200_000)
def zipf(word: str, lang: str) -> float:
    return _zipf_frequency()(word, lang)


@lru_cache(maxsize=1)
def _zipf_frequency():
    """wordfreq's ``zipf_frequency``, imported on first use. At import wordfreq finds its data
    folder with ``locate.this_dir()``, which calls ``inspect.stack()``: that reads the source
    lines of every frame on the stack and scans every loaded module for each (0.2-0.7 s of CPU
    deep inside the pipeline, more than the rest of the import). For that import only,
    ``this_dir`` is answered from the caller's frame alone, which is the same answer."""
    import locate

    slow = locate.this_dir
    locate.this_dir = _caller_dir
    try:
        from wordfreq import zipf_frequency
    finally:
        locate.this_dir = slow
    return zipf_frequency


def _caller_dir() -> Path:
    """``locate.this_dir()`` without ``inspect.stack()``: the folder of the calling module's
    file (the current directory for code without one), as ``locate`` computes it."""
    caller = sys._getframe(1).f_globals
    if "__file__" in caller:
        return Path(os.path.abspath(caller["__file__"])).parent
    return Path(os.path.abspath(os.getcwd()))


def common_word(settings: dict[str, str], lang: str) -> Callable[[str], bool]:
    """A test for a (lower-case) word the language uses as a common word, from its ``language.csv``
    settings: a Zipf frequency of at least ``common_word_zipf``, or a noun derived by the suffix
    ``derived_noun_suffix`` from a stem of at least ``derived_noun_stem_zipf`` (``rinci`` ->
    ``rincian``: the noun is rarer than its stem, and no name is built that way)."""
    least = float(settings.get("common_word_zipf", "inf"))
    suffix, stem = settings.get("derived_noun_suffix", ""), float(settings.get("derived_noun_stem_zipf", "inf"))

    def common(word: str) -> bool:
        if zipf(word, lang) >= least:
            return True
        return bool(suffix) and word.endswith(suffix) and len(word) > len(suffix) + 3 \
            and zipf(word[:-len(suffix)], lang) >= stem
    return common


def is_word(word: str, lang: str) -> bool:
    return zipf(word, lang) >= WORD_MIN


def clearly(word: str, lang: str, other: str) -> bool:
    """A word of ``lang`` that ``other`` uses at most a tenth as often."""
    return is_word(word, lang) and zipf(word, lang) - zipf(word, other) >= MARGIN




def _phrase(words: list[str], function_words: frozenset[str]) -> bool:
    capitals = sum(not w.islower() for w in words)
    return capitals == 0 or (capitals <= 2 and any(w.lower() in function_words for w in words))


def foreign_runs(text: str, lang: str, origin: str, min_words: int = 2) -> list[tuple[int, int]]:
    """Character ranges of runs of at least ``min_words`` adjacent lower-case words of ``origin``
    in a ``lang`` text, none of them clearly ``lang``'s and at least one clearly ``origin``'s.
    Capitalised words count only in a run with a function word and no more than two of them
    (*More Stories*; not *White House* or *Institute for the Study of War*: names)."""
    out: list[tuple[int, int]] = []
    run: list[re.Match] = []
    function_words = resources.stop_words(origin)

    def close() -> None:
        nonlocal run
        if run and not _phrase([m.group() for m in run], function_words):
            while run and not run[0].group().islower():  # "missile program Pyongyang": the name is no part of it
                run = run[1:]
            while run and not run[-1].group().islower():
                run = run[:-1]
            if any(not m.group().islower() for m in run):  # a name with lower-case words inside it
                run = []
        words = [m.group() for m in run]
        # capitalised words are a name ("White House") unless a function word shows a phrase ("More Stories")
        if len(run) >= min_words and _phrase(words, function_words) and any(clearly(w.lower(), origin, lang) for w in words):
            out.append((run[0].start(), run[-1].end()))

    for m in WORD.finditer(text):
        word = m.group()
        lower = word.lower()
        usable = (word.islower() or word.istitle()) and is_word(lower, origin) and not clearly(lower, lang, origin)
        if usable and run and text[run[-1].end():m.start()].strip() == "":
            run.append(m)
            continue
        close()
        run = [m] if usable else []
    close()
    return out
