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

import pandas as pd

ARTICLES = "articles"
PAIRS = "pairs"
UNSAFE = re.compile(r"[^a-z0-9_.-]")  # lower case only: pages never collide on a case-blind disk
WEB_PAGE = re.compile(r"^https?://[^\s\"'<>]+$", re.I)  # an article's original: a link out the reader may follow
MAX_NAME = 80  # characters of the article's name kept in its page's name
# a link a chart point may open: an article page of the site, from its top or one folder below,
# with or without a span's anchor (assets/press.js holds the same pattern: tests/test_links.py)
SITE_LINK = re.compile(r"^(\.\./)?articles/[a-z0-9_.-]+\.html(#[a-z]-\d+-\d+)?$")


def _digest(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:8]


def _stem(file: str) -> str:
    """The article's name made safe for a URL and a file system: kept as is where it is short,
    lower case and plain; otherwise cut, folded, and told apart by a short hash of the name."""
    file = str(file)
    safe = UNSAFE.sub("_", file.lower())[:MAX_NAME]
    return safe if safe == file else f"{safe}-{_digest(file)}"


def page_name(file: str) -> str:
    """The article page's file name."""
    return f"{_stem(file)}.html"


def anchor(kind: str, start, end) -> str:
    return f"{kind}-{int(start)}-{int(end)}"


def article_href(file: str, kind: str | None = None, start=None, end=None, prefix: str = "") -> str:
    """``articles/<page>#<anchor>`` relative to the site's top (``prefix`` for pages below it);
    without offsets (missing ones included), the page itself."""
    href = f"{prefix}{ARTICLES}/{page_name(file)}"
    if kind and start is not None and end is not None and not pd.isna(start) and not pd.isna(end):
        href += f"#{anchor(kind, start, end)}"
    return href


def pair_page(file: str, source_file: str) -> str:
    """The side-by-side page of a derived article and its source (names cut; the hash of both
    keeps every pair apart)."""
    return f"{PAIRS}/{_stem(file)[:40]}__{_stem(source_file)[:40]}-{_digest(file, source_file)}.html"
