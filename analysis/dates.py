"""Explicit calendar dates in article text, and publication-date inference.

The ``explicit_dates`` spaCy component finds full dates written out in the text
(``31/10/2024``, ``Kamis (31/10/2024)``, ``31 Oktober 2024``, ``SELASA, 29 OKTOBER
2024 | 16:56 WIB``) with a Matcher built from ``data/lexicons/months.csv`` and
``weekdays.csv``; each match is a span in ``doc.spans["explicit_dates"]`` with
``span._.date`` (a ``datetime.date``) and ``span._.date_role``:

* ``timestamp``: followed by a clock time and a time zone (a page's publication stamp);
* ``citation``: introduced by a citation verb (``dikutip``, ``dilansir``, ... from
  ``citation_cues.csv``): the day the outlet took the story;
* ``future``: in a sentence with a future marker (``akan``, ``dijadwalkan``...);
* ``mention``: any other explicit date.

:func:`infer_publication_date` turns these (and a dated URL path) into a publication
date with a sentence of evidence.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from . import lexicons

SPAN_KEY = "explicit_dates"
ROLE_PRIORITY = {"timestamp": 0, "citation": 2, "mention": 3}
URL_DATE = re.compile(r"/(20\d{2}|19\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")

if not Span.has_extension("date"):
    Span.set_extension("date", default=None)
if not Span.has_extension("date_role"):
    Span.set_extension("date_role", default=None)


def months() -> dict[str, int]:
    return {form: int(month) for form, month in lexicons.mapping("months", "form", "month").items()}


def weekdays() -> dict[str, int]:
    return {form: int(day) for form, day in lexicons.mapping("weekdays", "form", "isoweekday").items()}


def _patterns() -> list[list[dict]]:
    day = {"TEXT": {"REGEX": r"^\d{1,2}$"}}
    year = {"TEXT": {"REGEX": r"^(19|20)\d{2}$"}}
    month_num = {"TEXT": {"REGEX": r"^\d{1,2}$"}}
    month_name = {"LOWER": {"IN": sorted(months())}}
    numeric = [day, {"ORTH": "/"}, month_num, {"ORTH": "/"}, year]
    numeric_one = [{"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}/(19|20)\d{2}$"}}]
    textual = [day, month_name, year]
    return [numeric, numeric_one, textual]


@Language.factory("explicit_dates")
def make_explicit_dates(nlp: Language, name: str) -> "ExplicitDates":
    return ExplicitDates(nlp)


class ExplicitDates:
    def __init__(self, nlp: Language):
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("DATE", _patterns())
        self.months = months()
        self.zones = set(lexicons.column("time_zones", "zone"))
        self.cues = tuple(cue.lower() for cue in lexicons.column("citation_cues", "cue"))
        self.future = {m.lower() for m in lexicons.column("future_markers", "marker")}
        self.clock = re.compile(r"^\s*(?:\|\s*)?\d{1,2}[:.]\d{2}\s*(" + "|".join(sorted(self.zones)) + r")\b")

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            value = self._value(span)
            if value is None:
                continue  # e.g. 31/02/2024: not a calendar date
            span._.date = value
            span._.date_role = self._role(doc, span)
            spans.append(span)
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: s.start)
        return doc

    def _value(self, span: Span) -> dt.date | None:
        parts = [t.text for t in span if t.text != "/"]
        if len(parts) == 1:
            parts = parts[0].split("/")
        day, month, year = parts
        month_value = int(month) if month.isdigit() else self.months[month.lower()]
        try:
            return dt.date(int(year), month_value, int(day))
        except ValueError:
            return None

    def _role(self, doc: Doc, span: Span) -> str:
        if self.clock.match(doc.text[span.end_char:span.end_char + 40]):
            return "timestamp"
        sentence = span.sent if doc.has_annotation("SENT_START") else doc[:]
        before = doc.text[sentence.start_char:span.start_char].lower()
        words = set(re.findall(r"\w+", before))
        if any(cue in words for cue in self.cues):
            return "citation"
        if words & self.future:
            return "future"
        return "mention"


def date_from_url(url: str | None) -> dt.date | None:
    """A ``/YYYY/MM/DD/`` date in a URL path, if any (and valid)."""
    if not url:
        return None
    match = URL_DATE.search(str(url))
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def infer_publication_date(spans: Iterable[Span], url: str | None = None) -> tuple[dt.date | None, str]:
    """``(date, evidence)`` for an article without a manifest date.

    Order of trust: a publication timestamp in the text (the first one), a dated
    URL path, the latest citation date (``dikutip AFP, Kamis (31/10/2024)``), the
    latest other explicit date that is not in a future-tense sentence. Returns
    ``(None, reason)`` when nothing qualifies: the article is kept and flagged.
    """
    spans = [s for s in spans if s._.date is not None]
    stamps = [s for s in spans if s._.date_role == "timestamp"]
    if stamps:
        s = stamps[0]
        clock = s.doc.text[s.end_char:s.end_char + 40]
        match = re.match(r"\s*(?:\|\s*)?\d{1,2}[:.]\d{2}\s*[A-Z]+", clock)
        return s._.date, f"inferred from text: publication timestamp '{_context(s)}{match[0] if match else ''}'"
    from_url = date_from_url(url)
    if from_url is not None:
        return from_url, f"inferred from URL path: {from_url.isoformat()}"
    for role, label in (("citation", "latest citation date"), ("mention", "latest explicit date")):
        found = [s for s in spans if s._.date_role == role]
        if found:
            s = max(found, key=lambda x: (x._.date, x.start))
            return s._.date, f"inferred from text: {label} '{_context(s)}'"
    return None, "undated: no manifest date, no dated URL and no explicit past date in the text"


def _context(span: Span) -> str:
    """The date with the weekday or cue right before it, e.g. 'Kamis (31/10/2024)'."""
    doc = span.doc
    start = span.start
    k = start - 1
    while k >= 0 and doc[k].text in {"(", ",", ":"}:
        k -= 1
    if k >= 0 and doc[k].lower_ in weekdays():
        start = k
    end = span.end
    if end < len(doc) and doc[end].text == ")":
        end += 1
    return doc[start:end].text
