"""What a word does in its sentence, for the divergence rules (cross-article stage, pure
functions): a country that speaks, a negation whose clause a rendering left out, the name
words of a person mention. Reads the estimate lexicons of the sentence's language
(attribution verbs, conjunctions) and its ``title_words.csv``."""
from __future__ import annotations

import re

from .. import resources
from ..estimates.lexicon import estimate_lexicon
from ..nlp.gazetteer import fold

GOVERNED = 2  # content words after a negation that it governs
WORD = re.compile(r"[^\W\d_][\w.-]*|,")


def _info_at(position: int, infos: list):
    return next((i for i in infos if i.start <= position < i.start + len(i.text)), None)


def speaks(mention: dict, source: list) -> bool:
    """A country the source names as the speaker (``Amerika Serikat dan Korea Selatan
    mengatakan``): its words up to the next lower-case word are names, conjunctions and commas,
    and that word is an attribution verb. Leaving it out drops the attribution, it swaps nothing."""
    info = _info_at(mention["start"], source)
    if info is None:
        return False
    lex = estimate_lexicon(info.lang)
    for word in WORD.findall(info.text[mention["end"] - info.start:][:60]):
        if word == "," or word[:1].isupper() or word.lower() in lex.conjunctions:
            continue
        return word.lower() in lex.preposed
    return False


def with_its_clause(negation, source: list, derived: list) -> bool:
    """Within one language: the ``GOVERNED`` words the negation governs are all missing from the
    rendering, so the clause went with it (``tanpa menyebut nama`` left out): no negation dropped."""
    info = _info_at(negation.start, source) or source[0]
    tail = info.text[negation.end - info.start:negation.end - info.start + 60].lower()
    stop = estimate_lexicon(info.lang).stop_words
    after = [w for w in re.findall(r"[^\W\d_]{3,}", tail) if w not in stop][:GOVERNED]
    rendered = " ".join(i.text for i in derived).lower()
    return bool(after) and not any(w in rendered for w in after)


def name_words(mention: dict, lang: str) -> set[str]:
    """A person mention's words that are no title (*Colonel*, *Gubernur*), folded."""
    titles = resources.lexicon(lang).words("title_words")
    return {fold(w) for w in WORD.findall(mention["text"]) if w != "," and w.lower() not in titles}


def named_apart(derived: dict, source: dict, langs: tuple[str, str]) -> bool:
    """Whether two person mentions name different people for sure: they share no name word
    (*Ivan Fedorov* / *Gubernur Ivan Fedorov*, *Yevlash* / *Illia Yevlash* are one person), and
    the rendering's is known to the gazetteer or is more than one name word (a lone capitalised
    word such as *Polisi* or *Wali* may be no name at all)."""
    mine, theirs = name_words(derived, langs[0]), name_words(source, langs[1])
    return bool(mine) and not mine & theirs and (bool(derived.get("entity_id")) or len(mine) > 1)
