"""Build the spaCy pipeline of a language: ``spacy.blank(lang)`` + the news tokenizer +
rule components, all configured from ``data/lexicons/<lang>/``, and the language's trained
named-entity component where the project ships one (``data/models/<lang>_ner/``, made by
``make model``; read from disk when the pipeline is first built, nothing downloaded).

Components, in order: ``article_sentencizer``, ``mark_glued``, ``temporal_tagger``,
[``ner``], ``entity_tagger``, ``quantity_tagger``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import LIKE_NUM
from spacy.language import Language
from spacy.util import load_config

from .. import resources
from ..paths import DATA
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
    model = DATA / "models" / f"{lang}_ner"
    if (model / "ner").is_dir():  # the trained tagger proposes names for the entity_tagger to judge
        add_model(nlp, model)
    return nlp


def add_model(nlp: Language, model: Path) -> None:
    """Add the trained ``ner`` component saved in ``model`` (its ``config.cfg`` and ``ner/``
    weights) before the ``entity_tagger``: only the component is read (not the training
    pipeline's tokenizer or vocabulary), which keeps start-up short."""
    settings = dict(load_config(model / "config.cfg")["components"]["ner"])
    settings.pop("factory", None)
    ner = nlp.add_pipe("ner", config=settings, before="entity_tagger")
    ner.from_disk(model / "ner", exclude=["vocab"])


def get_nlp(lang: str = "id") -> Language:
    """The process-wide pipeline of ``lang`` (built on first use)."""
    return _pipeline(lang)


@lru_cache(maxsize=None)
def _pipeline(lang: str) -> Language:
    return build_nlp(lang)


def release() -> None:
    """Forget the built pipelines, their vocabularies (which grow with every new word read) and
    the language detector: an extraction's cross-article stage needs none of them."""
    from .language import _detector

    _pipeline.cache_clear()
    _detector.cache_clear()
