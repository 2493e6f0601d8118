"""The spaCy layer: one rule-based pipeline per language, built from ``data/lexicons/<lang>/``.

``get_nlp(lang)`` returns it; the components live one per module (``sentences``,
``temporal``, ``entities``, ``quantities``) with the tokenizer, the pattern compiler,
numerals, boilerplate rules and the gazetteer beside them.
"""
from .pipeline import build_nlp, get_nlp, release

__all__ = ["build_nlp", "get_nlp", "release"]
