"""One article during the per-article stage: its text, record, chunk Docs and sentences.

The extraction (:mod:`analysis.extract`) fills an :class:`ArticleContext` and hands it to
each analysis's per-article function, which returns rows. Offsets in every row are
character offsets into the whole article text (a Doc may be a chunk of it: ``offset``).
Reads and writes nothing.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .nlp.sentences import doc_text

EMPTY_SENTENCE = {"sentence_id": -1, "start": 0, "end": 0, "text": "", "is_boilerplate": False}


@dataclass
class ArticleContext:
    file: str
    text: str
    lang: str
    record: dict  # the articles row being built (published, outlet ...)
    docs: list[tuple[int, Doc]] = field(default_factory=list)  # (offset of the chunk, Doc)
    sentences: list[dict] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    @property
    def published(self) -> dt.date | None:
        """The publication date (the record's, once dated): what relative times resolve against."""
        published = self.record.get("published")
        return published if isinstance(published, dt.date) else None

    @property
    def window(self) -> tuple[int, int]:
        """``[start, end)`` of the text the chunk Docs cover: the whole text, or the section of a
        very long article read a section at a time (what scans the text scans only this)."""
        if not self.docs:
            return 0, len(self.text)
        offset, last = self.docs[-1]
        return self.docs[0][0], offset + len(doc_text(last))

    def set_sentences(self, rows: list[dict]) -> None:
        self.sentences = rows
        self._starts = [s["start"] for s in rows]

    def sentence_at(self, offset: int) -> dict:
        """The sentence row containing character ``offset`` (the nearest one before it)."""
        k = bisect.bisect_right(self._starts, offset) - 1
        return self.sentences[max(k, 0)] if self.sentences else EMPTY_SENTENCE

    def spans(self, key: str):
        """``(offset, span)`` for every span of ``doc.spans[key]`` in every chunk, in text order."""
        for offset, doc in self.docs:
            for span in doc.spans.get(key, []):
                yield offset, span
