"""Which language a text is in: the article (lingua, restricted to the languages in
``data/lexicons/languages.csv``; its models ship in the wheel) and each sentence (a vote of
spaCy's own stop-word lists of the supported languages, so an English quote left in an
Indonesian article is an English sentence). Reads the lexicon; writes nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import resources

SAMPLE_CHARS = 3_000  # enough text to be sure, little enough to be fast
MIN_CONFIDENCE = 0.5  # below this the detector's best guess is not trusted
WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    codes = {row["lingua"]: row["code"] for row in resources.shared("languages")}
    languages = [getattr(Language, name) for name in codes]
    detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
    return detector, {getattr(Language, name): code for name, code in codes.items()}


def detect(text: str) -> tuple[str, float]:
    """``(ISO 639-1 code, confidence)`` of the article; ``("", 0.0)`` when unsure."""
    detector, codes = _detector()
    sample = text[:SAMPLE_CHARS]
    if not WORD.search(sample):
        return "", 0.0
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value < MIN_CONFIDENCE:
        return "", round(values[0].value, 3) if values else 0.0
    return codes[values[0].language], round(values[0].value, 3)


def vote(words: list[str]) -> dict[str, int]:
    """Stop words of each supported language among ``words`` (lower-cased)."""
    return {lang: sum(w in resources.stop_words(lang) for w in words) for lang in resources.supported_languages()}


def sentence_language(words: list[str], default: str) -> str:
    """The supported language whose stop words the sentence uses most: another language than
    ``default`` only with at least two of its stop words and more than ``default`` has (short
    headings, names and numbers stay ``default``)."""
    counts = vote(words)
    best = max(sorted(counts), key=lambda lang: counts[lang])
    if best != default and counts[best] >= 2 and counts[best] > counts.get(default, 0):
        return best
    return default


def guess(text: str) -> tuple[str, float]:
    """The article's language: lingua when it is sure, else the stop-word vote of the whole
    text (confidence = that language's share of the stop words), else ``("", 0.0)``."""
    code, confidence = detect(text)
    if code:
        return code, confidence
    counts = vote(WORD.findall(text.lower()))
    total = sum(counts.values())
    if total >= 3:
        best = max(sorted(counts), key=lambda lang: counts[lang])
        return best, round(counts[best] / total, 3)
    return "", 0.0
