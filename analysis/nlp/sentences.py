"""Sentence boundaries for scraped, machine-translated news copy, and sentence helpers.

Components: ``article_sentencizer`` (sets ``SENT_START``) and ``mark_glued``
(``token._.glued``). Helpers: :func:`sentence_spans` (stripped character spans),
:func:`sent_of` (the sentence of a span in O(log n)). Reads
``data/lexicons/<lang>/abbreviations.csv``; writes nothing.
"""
from __future__ import annotations

import bisect
import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import resources

SENTENCE_END = {".", "?", "!"}
CLOSERS = set("”’\"')]»")
OPENERS = set("“‘\"'([«")
MAX_QUOTE_CHARS = 600
# a run this long without a sentence end (a table or list scraped without full stops) is cut at its
# next clause mark, and anywhere at twice the length: no sentence of prose is that long, and every
# per-sentence step (claimants, scopes) stays linear in the text
MAX_SENTENCE_TOKENS = 200
CLAUSE_MARKS = {",", ";", ":"}
SINGLE_CLOSE = re.compile(r"’(?![A-Za-z])")  # a closing ’ that is not an apostrophe

if not Token.has_extension("glued"):
    Token.set_extension("glued", default=False)


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data`` once built (``doc.text`` joins every token
    each time it is read; the extraction stores the text there before the pipeline runs)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(open, close)`` of quotations that open and close on the
    same line and are at most ``MAX_QUOTE_CHARS`` long, in text order."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        i = 0
        while i < len(line):
            ch = line[i]
            close = -1
            if ch == "“":
                close = line.find("”", i + 1, i + 1 + MAX_QUOTE_CHARS)
            elif ch == '"':
                close = line.find('"', i + 1, i + 1 + MAX_QUOTE_CHARS)
            elif ch == "«":
                close = line.find("»", i + 1, i + 1 + MAX_QUOTE_CHARS)
            elif ch == "‘":
                match = SINGLE_CLOSE.search(line, i + 1, i + 1 + MAX_QUOTE_CHARS)
                close = match.start() if match else -1
            if close > i:
                spans.append((line_start + i, line_start + close))
                i = close + 1
            else:
                i += 1
        line_start += len(line) + 1
    return spans


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] < pos <= spans[k][1]


@Language.factory("article_sentencizer")
def make_article_sentencizer(nlp: Language, name: str) -> "ArticleSentencizer":
    return ArticleSentencizer(resources.lexicon(nlp.lang).column("abbreviations", "abbreviation"))


class ArticleSentencizer:
    """* a line break always ends a sentence (headings, captions and lines without final
      punctuation stand alone);
    * ``.``, ``?`` or ``!`` (optionally followed by closing quotes/brackets) end a sentence
      when the next token starts with a capital, a digit or an opening quote, even with no
      space between (``Washington.Ia``, ``mendatang.”Blinken``);
    * not after a title abbreviation (``Dr.``, ``Jend.``, ``Sen.``) or inside a token with
      inner dots (``U.S.``, ``1.500``);
    * not inside a quotation that opens and closes on the same line, so a quoted passage
      stays with its attribution (``“... Masih harus dilihat. ...,” kata Austin.``);
    * an ellipsis ``…`` is not a boundary (wire copy uses it for elision);
    * a run of ``MAX_SENTENCE_TOKENS`` without an end is cut at its next clause mark."""

    def __init__(self, abbreviations):
        self.abbreviations = frozenset(abbreviations)

    def __call__(self, doc: Doc) -> Doc:
        spans = quote_spans(doc_text(doc))
        starts = [s for s, _ in spans]
        flags = numpy.full((len(doc), 1), -1, dtype="int32")  # -1: not a start, 1: start
        if len(doc):
            flags[0, 0] = 1
        since = 0  # tokens since the last sentence start
        for i in range(1, len(doc)):
            since += 1
            if self._starts_sentence(doc, i, spans, starts) or self._runaway(doc, i, since):
                flags[i, 0] = 1
                since = 0
        doc.from_array([SENT_START], flags.astype("uint64"))  # -1 wraps, as spaCy expects
        return doc

    @staticmethod
    def _runaway(doc: Doc, i: int, since: int) -> bool:
        """A sentence past ``MAX_SENTENCE_TOKENS`` ends after its next clause mark (at twice as
        many tokens, anywhere but on a space)."""
        if since < MAX_SENTENCE_TOKENS or doc[i].is_space:
            return False
        return doc[i - 1].text in CLAUSE_MARKS or since >= 2 * MAX_SENTENCE_TOKENS

    def _starts_sentence(self, doc: Doc, i: int, spans, starts) -> bool:
        token, prev = doc[i], doc[i - 1]
        if token.is_space:
            return False
        if prev.is_space and "\n" in prev.text:
            return True
        if prev.whitespace_ == "" and prev.text not in SENTENCE_END and prev.text not in CLOSERS:
            return False
        j = i - 1  # walk back over closing quotes/brackets to the punctuation mark
        while j >= 0 and doc[j].text in CLOSERS:
            j -= 1
        if j < 0 or doc[j].text not in SENTENCE_END:
            return False
        if doc[j].text == "." and j > 0 and doc[j - 1].whitespace_ == "" and doc[j - 1].text in self.abbreviations:
            return False
        first = token.text[0]
        if not (first.isupper() or first.isdigit() or first in OPENERS):
            return False
        return not _inside(spans, starts, token.idx)


@Language.component("mark_glued")
def mark_glued(doc: Doc) -> Doc:
    """``token._.glued`` is True for a token split off the word before it by the
    glued-word rule (``Apa`` in ``UkrainaApa``)."""
    for i in range(1, len(doc)):
        prev, token = doc[i - 1], doc[i]
        if (prev.whitespace_ == "" and prev.text[-1:].islower() and token.text[:1].isupper()
                and prev.text[-3:].isalpha() and token.is_alpha):
            token._.glued = True
    return doc


def sentence_starts(doc: Doc) -> list[int]:
    """Token indices where sentences start (computed once per document)."""
    starts = doc.user_data.get("_sent_starts")
    if starts is None:
        starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        doc.user_data["_sent_starts"] = starts
    return starts


def sent_of(span) -> Span:
    """The sentence containing ``span`` (or token), like ``span.sent`` but with the
    boundaries computed once per document (``span.sent`` rescans the whole doc)."""
    doc = span.doc
    starts = sentence_starts(doc)
    index = span.i if hasattr(span, "i") else span.start
    k = bisect.bisect_right(starts, index) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(doc)
    return doc[starts[k]:end]


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the non-empty sentences of ``doc``, stripped of
    surrounding whitespace, so ``doc.text[start:end]`` is the sentence."""
    text = doc_text(doc)
    spans = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
