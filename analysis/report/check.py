"""Checks of a built report site, the ones a researcher relies on before citing it: every link
and every asset reference stays inside the site and resolves (a link's ``#anchor`` exists on
its page); nothing refers outside the site but links marked ``rel="external"`` to a web page
(an article's original, which only the reader's click opens); and every row of the tables a reader follows to
the text (troop figures, time expressions, event reports, findings, divergences) lands on an
anchor whose text is the row's text. Used by the tests and by ``python -m analysis check``
(a user's CI can run it on its own reports). Reads the site; writes nothing.
"""
from __future__ import annotations

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd

from .. import links
from .chunks import read_data_file

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)|@import\s+['\"]([^'\"]+)|image-set\(\s*['\"]([^'\"]+)", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "xlink:href", "cite",
                  "longdesc", "manifest", "ping"}
# table -> (anchor kind, start column, end column, column holding the span's text or None)
ROW_TABLES = {
    "troop_estimates": ("q", "start", "end", "text"),
    "time_expressions": ("t", "start", "end", "text"),
    "event_reports": ("t", "timex_start", "timex_end", "timex"),
    "estimate_findings": ("f", "start", "end", "text"),
    "timeline_findings": ("f", "start", "end", "text"),
    "translation_findings": ("f", "start", "end", "text"),
    "divergences": ("d", "start", "end", None),
}


class Page(HTMLParser):
    """The ids of a page with the text under each (an anchored span's pieces elsewhere, marked
    ``data-part``, are joined to it), and every URL the page refers to."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: dict[str, list[str]] = {}
        self.ids: set[str] = set()  # what a #fragment can land on (a data-part piece is not one)
        self.urls: list[tuple[str, str, int]] = []  # (attribute, url, line)
        self.outbound: list[tuple[str, int]] = []  # (url, line): <a rel="external"> to a web page (an article's original)
        self.active: list[tuple[str, int]] = []  # what would run or embed: (what, line)
        self.open: list[list[str] | None] = []
        self.rows: list[tuple[list[str], list[str], int]] = []  # table rows: (links, highlighted texts, line)
        self.row: tuple[list[str], list[str], int] | None = None
        self.mark: list[str] | None = None
        self.style: list[str] | None = None
        self.script: tuple[int, list[str]] | None = None
        self.charts: list[str] = []  # the figures (JSON) of the page's interactive charts
        self.data_files: list[tuple[str, int]] = []  # (url, line): rows or a figure moved out of the page
        self.undecodable: str | None = None  # what is wrong with the page's bytes (None: UTF-8)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        attrs = {k.lower(): v for k, v in attrs if v is not None}
        for name in ("data-rows", "data-figure-src"):  # a data file of the page (chunks.py): checked with it
            if attrs.get(name):
                self.data_files.append((attrs[name], line))
                self.urls.append((name, attrs[name], line))
        if "press-chart" in (attrs.get("class") or "").split() and attrs.get("data-figure"):
            self.charts.append(attrs["data-figure"])
            for link in chart_links(attrs["data-figure"]):
                self.urls.append(("chart point", link, line))
        if tag == "tr":
            self.row = ([], [], line)
            self.rows.append(self.row)
        elif tag == "a" and self.row is not None and attrs.get("href"):
            self.row[0].append(attrs["href"])
        elif tag == "mark" and self.row is not None:
            self.mark = []
            self.row[1].append(self.mark)
        elif tag == "style":
            self.style = []
        elif tag == "script" and "src" not in attrs:
            self.script = (line, [])
        outbound = tag == "a" and "external" in (attrs.get("rel") or "").lower().split()
        for name, value in attrs.items():
            if name == "href" and outbound and links.WEB_PAGE.match(value):
                self.outbound.append((value, line))  # a link the reader may follow; the site never fetches it
            elif name in URL_ATTRIBUTES:
                self.urls.append((name, value, line))
            elif name == "srcset":
                self.urls += [(name, part.split()[0], line) for part in value.split(",") if part.split()]
            elif name == "style":
                self.urls += [(name, _css_url(m), line) for m in CSS_URL.finditer(value)]
            elif name.startswith("on") or name == "srcdoc":
                self.active.append((f"<{tag} {name}=...>", line))
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.active.append(("<meta http-equiv=refresh>", line))
        if tag in {"iframe", "frame", "embed", "object", "base"}:
            self.active.append((f"<{tag}>", line))
        if attrs.get("id") is not None:
            self.ids.add(attrs["id"])
        key = attrs.get("id") or attrs.get("data-part")
        if tag in VOID:
            return
        if key is not None:
            self.text.setdefault(key, [])
            self.open.append(self.text[key])
        else:
            self.open.append(None)

    def handle_endtag(self, tag):
        if tag == "style" and self.style is not None:
            css = "".join(self.style)
            self.urls += [("style", _css_url(m), self.getpos()[0]) for m in CSS_URL.finditer(css)]
            self.style = None
        elif tag == "script" and self.script is not None:
            if "".join(self.script[1]).strip():
                self.active.append(("an inline <script>", self.script[0]))
            self.script = None
        if tag == "tr":
            self.row = None
        elif tag == "mark":
            self.mark = None
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if self.style is not None:
            self.style.append(data)
        if self.script is not None:
            self.script[1].append(data)
        if self.mark is not None:
            self.mark.append(data)
        for bucket in self.open:
            if bucket is not None:
                bucket.append(data)

    def anchor_text(self, name: str) -> str | None:
        parts = self.text.get(name)
        return None if parts is None else "".join(parts)


def _css_url(match) -> str:
    return next(g for g in match.groups() if g)


def chart_links(figure: str) -> list[str]:
    """The links a chart's points open (``customdata[0]`` of every point)."""
    try:
        data = json.loads(figure).get("data", [])
    except (ValueError, AttributeError):
        return ["(a chart whose figure is not JSON)"]
    return [str(point[0]) for trace in data if isinstance(trace, dict)
            for point in trace.get("customdata") or [] if isinstance(point, list) and point]


def read_page(path: Path, site: Path | None = None) -> Page:
    """A page with what its data files hold (later rows of its tables, a chart's figure),
    read as if they were in it; a data file outside ``site`` or no regular file is not read.
    Bytes that are not UTF-8 are read as U+FFFD and noted in ``page.undecodable``."""
    page = Page()
    text, page.undecodable = _text(path)
    page.feed(text)
    page.close()
    for url, line in page.data_files:
        target = path.parent / unquote(urlsplit(url).path)
        if (site is not None and not target.resolve().is_relative_to(site)) or not target.is_file():
            page.active.append((f"data file {url} that is not a file of the site (not read)", line))
            continue
        try:
            payload = read_data_file(target)
        except (OSError, ValueError, RecursionError) as exc:
            page.active.append((f"data file {url} that is not the site's data ({type(exc).__name__})", line))
            continue
        if isinstance(payload, list) and all(isinstance(r, str) for r in payload):
            rows = Page()
            rows.feed("<table><tbody>" + "".join(payload) + "</tbody></table>")
            rows.close()
            page.urls += rows.urls
            page.rows += rows.rows
            page.active += rows.active
        elif isinstance(payload, dict):
            figure = json.dumps(payload)
            page.charts.append(figure)
            page.urls += [("chart point", link, line) for link in chart_links(figure)]
        else:
            page.active.append((f"data file {url} holds neither rows nor a figure", line))
    return page


def _text(path: Path) -> tuple[str, str | None]:
    """A file of the site as text, and what was wrong with its bytes (None: valid UTF-8)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return data.decode("utf-8", "replace"), f"not UTF-8 (byte {exc.start})"


def site_files(site: Path, pattern: str) -> tuple[list[Path], list[str]]:
    """The files of ``site`` matching ``pattern`` that can be read, and a problem for each one
    that is a link out of the site or no regular file (never read: a FIFO would block)."""
    files, problems = [], []
    for path in sorted(site.rglob(pattern)):
        if not path.resolve().is_relative_to(site):
            problems.append(f"{path.relative_to(site)}: a link out of the site (not read)")
        elif not path.is_file():
            problems.append(f"{path.relative_to(site)}: not a regular file (not read)")
        else:
            files.append(path)
    return files, problems


def check_site(site: str | Path) -> list[str]:
    """Every problem found in the site at ``site`` (an empty list: the site is whole). Only the
    site's own files are read (and the corpus the dataset records, through ``Dataset.text``)."""
    site = Path(site).resolve()
    _is_file.cache_clear()  # the site may have changed since the last check in this process
    _resolve.cache_clear()
    files, problems = site_files(site, "*.html")
    pages = {p: read_page(p, site) for p in files}
    for path, page in pages.items():
        rel = path.relative_to(site)
        if page.undecodable:
            problems.append(f"{rel}: {page.undecodable}")
        problems += url_problems(site, path, page, pages)
        for what, line in page.active:
            problems.append(f"{rel}:{line}: {what} runs or embeds something (the site runs only its assets' scripts)")
    sheets, unread = site_files(site, "*.css")
    problems += unread
    for css in sheets:
        text, undecodable = _text(css)
        if undecodable:
            problems.append(f"{css.relative_to(site)}: {undecodable}")
        for match in CSS_URL.finditer(text):
            url = _css_url(match)
            if url.startswith("data:"):
                continue
            problem = _check_url(site, css, url, pages)
            if problem:
                problems.append(f"{css.relative_to(site)}: url({url!r}): {problem}")
    problems += check_rows(site, pages)
    problems += check_highlights(site, pages)
    return problems


def url_problems(site: Path, path: Path, page: Page, pages: dict[Path, Page]) -> list[str]:
    """The links, sources and chart points of one page that lead nowhere in the site, and the
    chart points ``press.js`` would not open (no article page: ``links.SITE_LINK``)."""
    problems = []
    for attribute, url, line in page.urls:
        problem = _check_url(site, path, url, pages)
        if attribute == "chart point" and not problem and not links.SITE_LINK.match(url):
            problem = "not an article page of the site (press.js does not open it)"
        if problem:
            problems.append(f"{path.relative_to(site)}:{line}: {attribute}={url!r}: {problem}")
    return problems


@functools.lru_cache(maxsize=1 << 16)  # a site's pages share their few folders and many targets
def _resolve(folder: Path, path: str) -> Path:
    return (folder / path).resolve()


@functools.lru_cache(maxsize=1 << 16)
def _is_file(path: Path) -> bool:
    return path.is_file()


def _check_url(site: Path, page: Path, url: str, pages: dict[Path, Page]) -> str | None:
    if url.startswith("data:image/"):
        return None
    if EXTERNAL.match(url):
        return "refers outside the site"
    parts = urlsplit(url)
    target = _resolve(page.parent, unquote(parts.path)) if parts.path else page
    if site not in target.parents and target != site:
        return "leaves the site"
    if not (target in pages or _is_file(target)):
        return "no such file"
    if parts.fragment and target.suffix == ".html":
        found = pages.get(target) or read_page(target, site)  # as a browser does: the fragment as written, then decoded
        if parts.fragment not in found.ids and unquote(parts.fragment) not in found.ids:
            return "no such anchor on its page"
    return None


def check_rows(site: Path, pages: dict[Path, Page] | None = None) -> list[str]:
    """Every row of the traced tables has an anchor on its article page holding its text."""
    from ..dataset import Dataset

    ds = Dataset(site / "data")
    pages = pages if pages is not None else {}
    problems = []
    analysed = set(ds.articles["file"])
    for table, (kind, start, end, text_column) in ROW_TABLES.items():
        frame = ds.table(table)
        for i, r in enumerate(frame.itertuples(index=False)):
            row = r._asdict()
            if row["file"] not in analysed or pd.isna(row[start]) or pd.isna(row[end]):
                continue
            path = site / links.article_href(row["file"])
            page = pages.get(path.resolve()) or (read_page(path, site) if path.is_file() else None)
            where = f"{table} row {i + 1} ({row['file']} {int(row[start])}-{int(row[end])})"
            if page is None:
                problems.append(f"{where}: no article page")
                continue
            name = links.anchor(kind, row[start], row[end])
            shown = page.anchor_text(name) if name in page.ids else None
            text = article_text(ds, row["file"])
            if text is not None:
                expected = text[int(row[start]):int(row[end])]
            elif text_column and isinstance(row.get(text_column), str):
                expected = row[text_column]  # the corpus is elsewhere: the row's own text
            else:
                expected = shown
            if shown is None:
                problems.append(f"{where}: no anchor")
            elif shown != expected:  # the article's text is never quoted: a received site may record any corpus
                problems.append(f"{where}: anchor reads {shown[:60]!r}, not the article's text at these offsets")
            elif text_column and isinstance(row.get(text_column), str) and row[text_column] != expected:
                problems.append(f"{where}: the row reads {row[text_column][:60]!r}, its anchor {expected[:60]!r}")
    return problems


def article_text(ds, file: str) -> str | None:
    """An article's text, or None where the corpus is not where the dataset says (a copied site)."""
    from ..errors import InputError

    try:
        return ds.text(file)
    except (OSError, InputError, KeyError):
        return None


def check_highlights(site: Path, pages: dict[Path, Page]) -> list[str]:
    """A report table's row that highlights a span in its sentence and links to one span
    (troop figures, dates, reports, findings): the anchor it opens holds the highlighted text."""
    problems = []
    for path, page in pages.items():
        if path.parent != site:
            continue
        for hrefs, marks, line in page.rows:
            spans = [h for h in hrefs if links.ARTICLES + "/" in h and "#" in h]
            if len(spans) != 1 or len(marks) != 1:
                continue
            parts = urlsplit(spans[0])
            target = pages.get((path.parent / unquote(parts.path)).resolve())
            shown = target.anchor_text(unquote(parts.fragment)) if target else None
            marked = "".join(marks[0])
            if shown is not None and shown.split() != marked.split():  # as a reader sees them: spaces and line breaks alike
                problems.append(f"{path.relative_to(site)}:{line}: the row highlights {marked[:60]!r}, "
                                f"its link opens {shown[:60]!r}")
    return problems
