"""A saved HTML page (from a WARC or WACZ) as an article: Trafilatura takes the article text
out of the page (menus, related links, footers and comments left behind), the publication date
comes from the page's own markup (``article:published_time`` and its kin, JSON-LD
``datePublished``), else a ``/YYYY/MM/DD/`` URL path, else htmldate's reading of the markup for
the original (not the updated) date, never the capture time; the outlet is ``og:site_name``
(or the JSON-LD publisher), else the host. Reads the page's bytes; writes nothing.
"""
from __future__ import annotations

import json
import logging
import re
from html import unescape
from html.parser import HTMLParser

from ..timex import date_from_url
from .records import Record, Skip, as_text, dated, host, language_code

# <meta> names and properties that carry the first publication date, best first
# (Open Graph article namespace, ogp.me; schema.org datePublished; Dublin Core; common CMS tags)
DATE_META = ["article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
             "dcterms.issued", "dcterms.created", "pubdate", "publishdate", "publish-date", "parsely-pub-date",
             "sailthru.date", "date"]
LANGUAGE_META = ["og:locale", "content-language", "dc.language", "language"]
CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.I)
HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.I)
JSONLD = re.compile(r"<script[^>]*ld\+json[^>]*>(.*?)</script\s*>", re.I | re.S)
TIME_PUBLISHED = re.compile(r"<time\b[^>]*itemprop=[\"']?datePublished[^>]*>", re.I)
DATETIME = re.compile(r"""datetime=["']([^"']+)""", re.I)
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.I | re.S)
TAG = re.compile(r"<[^>]+>")
HEAD_CHARS = 400_000
# a paragraph, list item or text block that is one link and a short label ("Read also: <a>..</a>"
# between the story's paragraphs): related-story furniture inside the article, pruned before
# extraction (by shape, not by words: any language's label)
LINK_BLOCK = ("//*[self::p or self::li or self::div[not(.//p)]][.//a][string-length(normalize-space(.)) < 300]"
              "[string-length(normalize-space(.)) - string-length(normalize-space(.//a[1])) <= 16]")
for _name in ("trafilatura", "htmldate", "courlan"):  # their log lines would break the one-line output
    logging.getLogger(_name).addHandler(logging.NullHandler())


class _Head(HTMLParser):
    """Collects the ``<meta>`` values, ``<title>``, JSON-LD blocks and ``<html lang>`` of a
    page's head (the body is searched by :func:`_head` with a few patterns only)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.lang = ""
        self.jsonld: list[str] = []
        self.title = ""
        self.h1 = ""
        self.canonical = ""
        self._in: str = ""

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in = "jsonld"
            self.jsonld.append("")
        elif tag == "title":
            self._in = "title"
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and not self.canonical:
            self.canonical = a.get("href", "").strip()

    def handle_endtag(self, tag):
        if tag in ("script", "title"):
            self._in = ""

    def handle_data(self, data):
        if self._in == "jsonld":
            self.jsonld[-1] += data
        elif self._in == "title":
            self.title += data


def decode(body: bytes, content_type: str = "") -> str:
    """The page's text: the charset of the HTTP header or the page's ``<meta charset>``,
    else UTF-8, else Windows-1252 (the web's default for undeclared pages)."""
    declared = re.search(r"charset=([A-Za-z0-9_\-]+)", content_type or "", re.I)
    sniffed = CHARSET.search(body[:4096])
    for charset in [m.group(1) if isinstance(m.group(1), str) else m.group(1).decode()
                    for m in (declared, sniffed) if m] + ["utf-8"]:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", errors="replace")


def _head(html: str) -> _Head:
    """The head's metadata, plus the body's JSON-LD blocks, ``<time itemprop=datePublished>``
    and first ``<h1>`` (found by pattern: parsing the whole body would cost more than the
    extraction itself)."""
    end = HEAD_END.search(html, 0, HEAD_CHARS)
    cut = end.start() if end else min(len(html), HEAD_CHARS)
    head = _Head()
    try:
        head.feed(html[:cut])
        head.close()
    except Exception:  # HTMLParser gives up on some broken markup; what it read so far stands
        pass
    body = html[cut:cut + 4 * HEAD_CHARS]
    head.jsonld += [unescape(m.group(1)) for m in JSONLD.finditer(body)]
    stamp = TIME_PUBLISHED.search(body)
    found = DATETIME.search(stamp.group()) if stamp else None
    if found:
        head.meta.setdefault("datepublished", unescape(found.group(1)))
    h1 = H1.search(body)
    head.h1 = as_text(unescape(TAG.sub(" ", h1.group(1)))) if h1 else ""
    return head


def _jsonld(head: _Head) -> list[dict]:
    """The JSON-LD objects of the page (``@graph`` members included)."""
    found = []
    for block in head.jsonld:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):  # broken, or nested past Python's stack by a hostile page
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                found.append(item)
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return found


def _publisher(items: list[dict]) -> str:
    for item in items:
        publisher = item.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and as_text(publisher.get("name")):
            return as_text(publisher["name"])
    return ""


def date_page(record: Record, head: _Head, items: list[dict], html: str, url: str) -> None:
    """The page's first publication date and where it came from (see the module docstring)."""
    for key in DATE_META:
        label = "schema.org datePublished markup" if key == "datepublished" else f"{key} meta"
        if key in head.meta and dated(record, head.meta[key], label):
            return
    for item in items:
        if dated(record, item.get("datePublished"), "JSON-LD datePublished"):
            return
    day = date_from_url(url)
    if day is not None:
        record.published, record.published_evidence = day, "URL path"
        return
    import htmldate

    try:
        found = htmldate.find_date(html, original_date=True, extensive_search=False, url=url or None)
    except Exception:  # htmldate on broken markup: no date rather than no article
        found = None
    dated(record, found, "htmldate (page markup, original date)")


def page_record(body: bytes, content_type: str, url: str, fmt: str, where: str, captured: str = "") -> Record:
    """An HTML page as a Record; a Skip when Trafilatura finds no article text in it."""
    import trafilatura

    html = decode(body, content_type)
    try:
        text = trafilatura.extract(html, url=url or None, include_comments=False, include_tables=False,
                                   deduplicate=False, prune_xpath=LINK_BLOCK)
    except Exception as exc:  # the extractor failing on one page must not stop the import
        raise Skip(f"{where}: the page could not be read ({type(exc).__name__})") from None
    if not text or not text.strip():
        raise Skip(f"{where}: no article text found in the page")
    head = _head(html)
    items = _jsonld(head)
    record = Record(text=text, source_format=fmt, source_record=where, url=url, captured=captured)
    record.title = as_text(head.meta.get("og:title")) or _title(items) or head.h1 or as_text(head.title)
    date_page(record, head, items, html, url)
    record.outlet = as_text(head.meta.get("og:site_name")) or _publisher(items) or host(url)
    record.language = language_code(head.lang) or next(
        (language_code(head.meta[k]) for k in LANGUAGE_META if language_code(head.meta.get(k))), "")
    return record


SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)


def read_saved_page(path, label: str = ""):
    """A web page saved from a browser (``.html``): its address from the page itself (canonical
    link, ``og:url``, or the ``saved from url=`` comment browsers write), then as a WARC page."""
    try:
        body = path.read_bytes()
    except OSError as exc:
        from ..errors import InputError

        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    html = decode(body)
    head = _head(html)
    saved = SAVED_FROM.search(html[:4096])
    url = head.canonical or head.meta.get("og:url", "") or (saved.group(1) if saved else "")
    try:
        yield page_record(body, "", url if url.startswith(("http://", "https://")) else "", "html",
                          label or path.name)
    except Skip as exc:
        yield exc


def _title(items: list[dict]) -> str:
    for item in items:
        if as_text(item.get("headline")):
            return as_text(item["headline"])
    return ""
