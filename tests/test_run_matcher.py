"""RunMatcher (analysis.nlp.patterns) finds what spaCy's Matcher over the whole Doc finds, in
the same order, while matching only the stretches where a match can lie."""
from __future__ import annotations

import spacy
from spacy.matcher import Matcher

from analysis.nlp.patterns import RunMatcher

PATTERNS = {
    "date": [[{"LOWER": {"IN": ["monday", "tuesday"]}, "OP": "?"}, {"TEXT": ",", "OP": "?"},
              {"LOWER": "march"}, {"IS_DIGIT": True, "LENGTH": {"<=": 2}}]],
    "ago": [[{"LOWER": {"IN": ["two", "three"]}}, {"LOWER": {"IN": ["days", "weeks"]}}, {"LOWER": "ago"}]],
    "the_year": [[{"LOWER": "the"}, {"LOWER": "year"}, {"SHAPE": "dddd"}]],
    "clock": [[{"TEXT": {"REGEX": r"^\d{1,2}:\d\d$"}}, {"LOWER": "gmt", "OP": "?"}]],
}
TEXT = ("The talks opened on Monday, March 3 and ended two weeks ago. In the year 1999 the "
        "minister spoke at 10:30 GMT, and again at 9:15; two days later nothing, the year after.")


def _matchers(nlp):
    whole, runs = Matcher(nlp.vocab), RunMatcher(nlp.vocab, nlp.Defaults.stop_words)
    for key, patterns in PATTERNS.items():
        whole.add(key, patterns)
        runs.add(key, patterns)
    return whole, runs


def test_same_matches_in_the_same_order():
    nlp = spacy.blank("en")
    whole, runs = _matchers(nlp)
    doc = nlp.make_doc(TEXT)
    found = [doc[s:e].text for _, s, e in runs(doc)]
    assert "Monday, March 3" in found and "two weeks ago" in found and "the year 1999" in found
    assert "10:30 GMT" in found and "9:15" in found
    assert "two days later" not in found and "the year after" not in found
    assert runs(doc) == whole(doc)


def test_ordinary_words_are_never_matched_over():
    nlp = spacy.blank("en")
    _, runs = _matchers(nlp)
    doc = nlp.make_doc("The minister spoke again.")
    assert runs.runs(doc) == []  # 'The' can open a match, but no run here holds a core token


def test_a_pattern_token_without_a_known_condition_matches_everywhere():
    nlp = spacy.blank("en")
    whole, runs = Matcher(nlp.vocab), RunMatcher(nlp.vocab)
    pattern = [[{"LOWER": "after"}, {}, {"LOWER": "talks"}]]  # a wildcard token: any word
    whole.add("any", pattern)
    runs.add("any", pattern)
    doc = nlp.make_doc("They met after long talks.")
    assert runs.runs(doc) == [(0, len(doc))]
    assert runs(doc) == whole(doc) and [doc[s:e].text for _, s, e in runs(doc)] == ["after long talks"]
