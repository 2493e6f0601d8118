"""When was an article published? The manifest's date, else one inferred from its text.

Order of trust for an article without a manifest date: a publication timestamp in the text
(the first one, e.g. ``19 Oktober 2024 10:15 WIB``), a dateline (``SEOUL, Oct 18 (Reuters)``),
a dated URL path, the latest citation date (``dikutip AFP, Kamis (31/10/2024)``), the latest
other explicit date that is not in a future-tense clause. An undatable article is kept and
flagged (``published_source`` = unknown). Reads the article's time expressions; writes the
``published*`` fields of its record.
"""
from __future__ import annotations

import re

from ..article import ArticleContext
from ..nlp.sentences import doc_text
from ..nlp.temporal import SPAN_KEY
from ..timex import date_from_url

CLOCK = re.compile(r"\s*(?:\|\s*)?\d{1,2}[:.]\d{2}\s*[A-Za-z.]+")


def date_article(ctx: ArticleContext, listed: bool) -> None:
    record = ctx.record
    if record.get("published"):
        record["published_source"] = "manifest"
        record["published_evidence"] = record.get("published_evidence") or "manifest (no evidence given)"
        return
    value, evidence = infer_publication_date(ctx, record.get("url"))
    if not listed:
        evidence = "not listed in the manifest; " + evidence
    record["published"] = value
    record["published_source"] = "inferred" if value else "unknown"
    record["published_evidence"] = evidence


def infer_publication_date(ctx: ArticleContext, url: str | None = None):
    """``(date, evidence)``; ``(None, reason)`` when nothing qualifies."""
    dated = [(offset, s) for offset, s in ctx.spans(SPAN_KEY) if s._.timex is not None and s._.timex.date is not None]
    for role, label in (("timestamp", "publication timestamp"), ("dateline", "dateline")):
        found = [(o, s) for o, s in dated if s._.timex.role == role]
        if found:
            _, s = found[0]
            clock = CLOCK.match(doc_text(s.doc)[s.end_char:s.end_char + 40]) if role == "timestamp" else None
            return s._.timex.date, f"inferred from text: {label} '{s.text}{clock[0] if clock else ''}'"
    from_url = date_from_url(url)
    if from_url is not None:
        return from_url, f"inferred from URL path: {from_url.isoformat()}"
    for role, label in (("citation", "latest citation date"), ("mention", "latest explicit date")):
        found = [(o, s) for o, s in dated if s._.timex.role == role]
        if found:
            _, s = max(found, key=lambda x: (x[1]._.timex.date, x[0] + x[1].start_char))
            return s._.timex.date, f"inferred from text: {label} '{s.text}'"
    return None, "undated: no manifest date, no dated URL and no explicit past date in the text"
