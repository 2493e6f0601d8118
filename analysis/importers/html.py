"""A saved HTML page (from a WARC or WACZ) as an article: Trafilatura takes the article text
out of the page (menus, related links, footers and comments left behind), the publication date
comes from the page's own markup (``article:published_time`` and its kin, JSON-LD
``datePublished``), else a ``/YYYY/MM/DD/`` URL path, else htmldate's reading of the markup for
the original (not the updated) date, never the capture time; the outlet is ``og:site_name``
(or the JSON-LD publisher), else the host. Reads the page's bytes; writes nothing.
"""
from __future__ import annotations

import json
import re
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


class _Head(HTMLParser):
    """Collects ``<meta>`` values, ``<time itemprop=datePublished>``, JSON-LD blocks and the
    ``<html lang>`` of a page (stops caring after the first 400 KB)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.lang = ""
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "time" and a.get("itemprop", "").lower() == "datepublished" and a.get("datetime"):
            self.meta.setdefault("datepublished", a["datetime"])
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


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
    head = _Head()
    try:
        head.feed(html[:400_000])
        head.close()
    except Exception:  # HTMLParser gives up on some broken markup; what it read so far stands
        pass
    return head


def _jsonld(head: _Head) -> list[dict]:
    """The JSON-LD objects of the page (``@graph`` members included)."""
    found = []
    for block in head.jsonld:
        try:
            data = json.loads(block)
        except ValueError:
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
        if key in head.meta and dated(record, head.meta[key], f"{key} meta"):
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
                                   deduplicate=False)
    except Exception as exc:  # the extractor failing on one page must not stop the import
        raise Skip(f"{where}: the page could not be read ({type(exc).__name__})") from None
    if not text or not text.strip():
        raise Skip(f"{where}: no article text found in the page")
    head = _head(html)
    items = _jsonld(head)
    record = Record(text=text, source_format=fmt, source_record=where, url=url, captured=captured)
    record.title = as_text(head.meta.get("og:title")) or _title(items)
    date_page(record, head, items, html, url)
    record.outlet = as_text(head.meta.get("og:site_name")) or _publisher(items) or host(url)
    record.language = language_code(head.lang) or next(
        (language_code(head.meta[k]) for k in LANGUAGE_META if language_code(head.meta.get(k))), "")
    if not record.title:
        import trafilatura.metadata as meta

        try:
            record.title = as_text(meta.extract_metadata(html, default_url=url or None).title)
        except Exception:
            record.title = ""
    return record


def _title(items: list[dict]) -> str:
    for item in items:
        if as_text(item.get("headline")):
            return as_text(item["headline"])
    return ""
