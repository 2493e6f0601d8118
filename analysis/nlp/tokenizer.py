"""The news tokenizer: the language's own spaCy rules plus three infixes for scraped copy.

* a word glued to the next where a hyperlink was stripped is split (``UkrainaApa`` ->
  ``Ukraina`` ``Apa``); camel-case brand names (``data/lexicons/camelcase_words.csv``)
  stay whole;
* a closing quote glued to the next sentence is split (``mendatang.”Blinken``);
* an en or em dash between digits is split (``10.000–12.000``: a range).

Registered as ``press_analysis.news_tokenizer.v1``; reads the shared lexicon, writes nothing.
"""
from __future__ import annotations

from typing import Callable

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import registry

from .. import resources

GLUED_WORD = r"(?<=[a-z]{3})(?=[A-Z][a-z])"
GLUED_QUOTE = r"(?<=[.!?])[”\"’](?=[A-Za-z])"
DASHED_RANGE = r"(?<=[0-9])[–—](?=[0-9])"


@registry.tokenizers("press_analysis.news_tokenizer.v1")
def news_tokenizer() -> Callable[[Language], Tokenizer]:
    def create(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        rules = dict(defaults.tokenizer_exceptions)
        rules.update({row["word"]: [{ORTH: row["word"]}] for row in resources.shared("camelcase_words")})
        whole = WholeWords(rules, defaults.token_match)
        return Tokenizer(
            nlp.vocab, rules={k: v for k, v in rules.items() if k not in whole.words},
            prefix_search=spacy.util.compile_prefix_regex(defaults.prefixes).search,
            suffix_search=spacy.util.compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=spacy.util.compile_infix_regex(list(defaults.infixes) + [GLUED_WORD, GLUED_QUOTE, DASHED_RANGE]).finditer,
            token_match=whole, url_match=defaults.url_match,
        )
    return create


class WholeWords:
    """``token_match`` for the exceptions that only keep a hyphenated word whole (``anak-anak``,
    ``e-commerce``: 15,600 of spaCy's ~16,000 Indonesian exceptions). As special cases each costs
    spaCy an affix pass and a phrase-matcher entry when the tokenizer is built (about 3 s of every
    process's start); as a set lookup it costs nothing, and tokens come out the same (checked on
    every line of the shared corpora, the seeds and the fixtures)."""

    def __init__(self, rules: dict, fallback=None):
        self.words = frozenset(word for word, pieces in rules.items() if "-" in word and len(pieces) == 1
                               and set(pieces[0]) == {ORTH} and pieces[0][ORTH] == word)
        self.fallback = fallback

    def __call__(self, text: str) -> bool:
        return text in self.words or bool(self.fallback and self.fallback(text))
