"""Build the spaCy pipeline of a language: ``spacy.blank(lang)`` + the news tokenizer +
rule components, all configured from ``data/lexicons/<lang>/``.

Components, in order: ``article_sentencizer``, ``mark_glued``, ``temporal_tagger``,
``entity_tagger``, ``quantity_tagger``. No trained pipeline and nothing downloaded.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.attrs import LIKE_NUM
from spacy.language import Language

from .. import resources
from . import entities, quantities, sentences, temporal, tokenizer  # noqa: F401  (register the factories)
from .digits import visible

COMPONENTS = ("article_sentencizer", "mark_glued", "temporal_tagger", "entity_tagger", "quantity_tagger")


def build_nlp(lang: str) -> Language:
    """A fresh pipeline for ``lang`` (a folder of data/lexicons)."""
    resources.lexicon(lang)  # refuses a language without resources, naming the folder
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "press_analysis.news_tokenizer.v1"}}})
    like_num = nlp.vocab.lex_attr_getters.get(LIKE_NUM)
    if like_num is not None:  # "11\u200b000" is a number: an invisible character never hides a figure
        nlp.vocab.lex_attr_getters[LIKE_NUM] = lambda text: like_num(visible(text))
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def get_nlp(lang: str = "id") -> Language:
    """The process-wide pipeline of ``lang`` (built on first use)."""
    return _pipeline(lang)


@lru_cache(maxsize=None)
def _pipeline(lang: str) -> Language:
    return build_nlp(lang)
