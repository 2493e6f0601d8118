"""When was an article published? The manifest's date, else one inferred from its text.

Order of trust for an article without a manifest date: a publication timestamp in the text
(the first one, e.g. ``19 Oktober 2024 10:15 WIB``, ``Published 10:35 AM EDT, Oct 30, 2024``), a
dateline (``SEOUL, Oct 18 (Reuters) -``; without a year, the URL's or the text's latest year),
a dated URL path, the latest citation date (``dikutip AFP, Kamis (31/10/2024)``), the latest
other explicit date that is not in a future-tense clause. An undatable article is kept and
flagged (``published_source`` = unknown). Reads the article's time expressions; returns the
``published*`` fields for its record.
"""
from __future__ import annotations

import re

from ..article import ArticleContext
from ..nlp.sentences import doc_text
from ..nlp.temporal import SPAN_KEY
from ..timex import date_from_url, safe_date

CLOCK = re.compile(r"\s*(?:\|\s*)?\d{1,2}[:.]\d{2}\s*[A-Za-z.]+")


def date_article(ctx: ArticleContext, listed: bool) -> dict:
    """The ``published``, ``published_source`` and ``published_evidence`` fields of the
    article's record (the record itself is left to the stage that builds it)."""
    record = ctx.record
    if record.get("published"):
        return {"published": record["published"], "published_source": "manifest",
                "published_evidence": record.get("published_evidence") or "manifest (no evidence given)"}
    value, evidence = infer_publication_date(ctx, record.get("url"))
    if not listed:
        evidence = "not listed in the manifest; " + evidence
    return {"published": value, "published_source": "inferred" if value else "unknown",
            "published_evidence": evidence}


def infer_publication_date(ctx: ArticleContext, url: str | None = None):
    """``(date, evidence)``; ``(None, reason)`` when nothing qualifies."""
    spans = [(offset, s) for offset, s in ctx.spans(SPAN_KEY) if s._.timex is not None]
    dated = [(offset, s) for offset, s in spans if s._.timex.date is not None]
    years = sorted({s._.timex.date.year for _, s in dated})
    url_date = date_from_url(url)
    for role, label in (("timestamp", "publication timestamp"), ("dateline", "dateline")):
        for _, s in (x for x in spans if x[1]._.timex.role == role):
            day, how = s._.timex.date, ""
            if day is None and (url_date or years):  # "SEOUL, Nov. 20 (Yonhap)": the year from the URL or the text
                year = url_date.year if url_date else years[-1]
                day = safe_date(year, s._.timex.month, s._.timex.day)
                how = f", year {year} from the {'URL' if url_date else 'latest explicit date'}"
            if day is None:
                continue
            clock = CLOCK.match(doc_text(s.doc)[s.end_char:s.end_char + 40]) if role == "timestamp" else None
            return day, f"inferred from text: {label} '{s.text}{clock[0] if clock else ''}'{how}"
    if url_date is not None:
        return url_date, f"inferred from URL path: {url_date.isoformat()}"
    for role, label in (("citation", "latest citation date"), ("mention", "latest explicit date")):
        found = [(o, s) for o, s in dated if s._.timex.role == role]
        if found:
            _, s = max(found, key=lambda x: (x[1]._.timex.date, x[0] + x[1].start_char))
            return s._.timex.date, f"inferred from text: {label} '{s.text}'"
    return None, "undated: no manifest date, no dated URL and no explicit past date in the text"
