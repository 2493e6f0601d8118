"""Where a row of a table leads: the page of its article in the report site and the anchor of
its span there. One scheme, used by the notebooks' tables and charts (links) and by the site
builder (anchors), so a link always finds its anchor. Pure functions; reads and writes nothing.

Anchors are ``<kind>-<start>-<end>`` with character offsets into the article: ``s`` sentence,
``t`` time expression, ``q`` troop figure, ``n`` other number, ``m`` mention, ``f`` finding,
``d`` divergence.
"""
from __future__ import annotations

import hashlib
import re

ARTICLES = "articles"
PAIRS = "pairs"
UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def page_name(file: str) -> str:
    """The article page's file name: the article's name made safe for a URL (a short hash keeps
    two names apart that differ only in unsafe characters)."""
    safe = UNSAFE.sub("_", str(file))
    if safe != file:
        safe = f"{safe}-{hashlib.sha1(str(file).encode('utf-8')).hexdigest()[:6]}"
    return f"{safe}.html"


def anchor(kind: str, start, end) -> str:
    return f"{kind}-{int(start)}-{int(end)}"


def article_href(file: str, kind: str | None = None, start=None, end=None, prefix: str = "") -> str:
    """``articles/<page>#<anchor>`` relative to the site's top (``prefix`` for pages below it)."""
    href = f"{prefix}{ARTICLES}/{page_name(file)}"
    if kind is not None and start is not None and end is not None and start == start and end == end:
        href += f"#{anchor(kind, start, end)}"
    return href


def pair_page(file: str, source_file: str) -> str:
    return f"{PAIRS}/{page_name(file)[:-5]}__{page_name(source_file)}"
