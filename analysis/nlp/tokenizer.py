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
        return Tokenizer(
            nlp.vocab, rules=rules,
            prefix_search=spacy.util.compile_prefix_regex(defaults.prefixes).search,
            suffix_search=spacy.util.compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=spacy.util.compile_infix_regex(list(defaults.infixes) + [GLUED_WORD, GLUED_QUOTE, DASHED_RANGE]).finditer,
            token_match=defaults.token_match, url_match=defaults.url_match,
        )
    return create
