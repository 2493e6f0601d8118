"""The report site's article pages (``articles/<name>.html``) and translation pair pages
(``pairs/<derived>__<source>.html``).

An article page shows the text with every extracted span highlighted by kind and anchored by
its offsets (:mod:`analysis.links`: ``q-120-126`` is the troop figure at characters 120-126),
and beside it what was read from the article: its troop figures, dates, people and bodies,
findings, and the pairs it is part of. Spans nest inside their sentence; where two spans
cross, the one of lower rank (findings, divergences, figures, dates, numbers, mentions, in that
order) is cut at the other's edge, so the spans a table links to keep their whole text under
their anchor. Everything from the text is HTML-escaped. Reads a dataset; writes the pages.
"""
from __future__ import annotations

import bisect
import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import links
from ..atomic import atomic_write
from ..translation.view import CELL, side_by_side

RANK = ["f", "d", "q", "t", "n", "m"]  # who keeps its whole span where two cross
KIND_NAMES = {"f": "finding", "d": "divergence", "q": "troop figure", "t": "time expression", "n": "number",
              "m": "mention"}


@dataclass
class Mark:
    start: int
    end: int
    kind: str
    title: str
    anchored: bool = True  # the first piece of a span carries its anchor; the others name it
    span: str = ""  # the anchor of the whole span this piece is part of


def _pieces(marks: list[Mark]) -> list[Mark]:
    """The marks of one sentence, the lower-ranked of two crossing ones cut at the other's edges
    (every piece names its whole span; only the span's first piece carries the anchor)."""
    accepted: list[Mark] = []
    for m in sorted(marks, key=lambda m: (RANK.index(m.kind), m.start, -m.end)):
        cuts = sorted({edge for p in accepted for edge in (p.start, p.end)
                       if m.start < edge < m.end and (p.start < m.start or p.end > m.end)})
        bounds = [m.start] + cuts + [m.end]
        for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
            accepted.append(Mark(a, b, m.kind, m.title, m.anchored and k == 0, m.span))
    return accepted


def render_text(text: str, sentences: list[tuple[int, int]], marks: list[Mark],
                boiler: dict[tuple[int, int], str] | None = None) -> str:
    """``text`` as HTML: each sentence a ``<span id="s-...">``, each mark a highlighted span (a
    mark over two sentences is cut at their edges, the text between them included; its first
    piece holds the anchor, the others name it in ``data-part``). Sentences in ``boiler``
    (``(start, end)`` -> kind) are marked as boilerplate."""
    boiler = boiler or {}
    segments, pos = [], 0  # sentences and the text between them, covering the whole text
    for start, end in sorted(set(sentences)):
        if end <= pos:  # a repeated or nested sentence row: its text is already there
            continue
        start = max(start, pos)
        if start > pos:
            segments.append((pos, start, False))
        segments.append((start, end, True))
        pos = max(pos, end)
    if pos < len(text):
        segments.append((pos, len(text), False))
    starts = [a for a, _, _ in segments]
    inside: dict[int, list[Mark]] = {}
    for m in marks:
        first = True
        k = max(bisect.bisect_right(starts, m.start) - 1, 0)
        while k < len(segments) and segments[k][0] < m.end:
            a, b = max(m.start, segments[k][0]), min(m.end, segments[k][1])
            if a < b:
                inside.setdefault(k, []).append(Mark(a, b, m.kind, m.title, first, links.anchor(m.kind, m.start, m.end)))
                first = False
            k += 1
    out = []
    for k, (start, end, sentence) in enumerate(segments):
        body = _nested(text, start, end, _pieces(inside.get(k, [])))
        kind = boiler.get((start, end)) if sentence else None
        marked = (f' class="s boiler" title="boilerplate ({html.escape(str(kind or "unspecified"), quote=True)}): '
                  f'not read as content"') if kind is not None else ' class="s"'
        out.append(f'<span{marked} id="{links.anchor("s", start, end)}">{body}</span>' if sentence else body)
    return "".join(out)


def _nested(text: str, start: int, end: int, pieces: list[Mark]) -> str:
    out, pos, stack = [], start, []
    for p in sorted(pieces, key=lambda p: (p.start, -p.end, RANK.index(p.kind))):
        while stack and stack[-1].end <= p.start:
            top = stack.pop()
            out.append(html.escape(text[pos:top.end]) + "</span>")
            pos = top.end
        out.append(html.escape(text[pos:p.start]))
        ident = f' id="{p.span}"' if p.anchored else f' data-part="{p.span}"'
        out.append(f'<span class="k k-{p.kind}"{ident} title="{html.escape(p.title, quote=True)}">')
        stack.append(p)
        pos = p.start
    while stack:
        top = stack.pop()
        out.append(html.escape(text[pos:top.end]) + "</span>")
        pos = top.end
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _marks(rows: dict[str, list[dict]]) -> tuple[list[Mark], list[tuple[str, str, str]]]:
    """The marks of one article and its side panel entries ``(section, anchor, label)``."""
    marks: list[Mark] = []
    panel: list[tuple[str, str, str]] = []
    seen: dict[tuple, Mark] = {}

    def add(kind, start, end, title, section=None, label=None):
        if pd.isna(start) or pd.isna(end) or int(end) <= int(start):
            return
        key = (kind, int(start), int(end))
        if key in seen:  # two rows on one span: one anchor, both titles
            seen[key].title += f" | {title}"
        else:
            seen[key] = Mark(int(start), int(end), kind, title)
            marks.append(seen[key])
        if section:
            panel.append((section, links.anchor(kind, start, end), label or title))

    for r in rows["troop_estimates"]:
        title = (f"{r['value']:,.0f} troops · {r['qualifier']} · {r['scope']} · {r['claimant'] or 'unattributed'} "
                 f"({r['claimant_group']}) · {r['claim_date']}")
        add("q", r["start"], r["end"], title, "Troop figures", f"{r['text']}: {title}")
    for r in rows["time_expressions"]:
        add("t", r["start"], r["end"], f"{r['value'] or 'unresolved'} ({r['granularity']})", "Dates",
            f"{r['text']} → {r['value']}")
    for r in rows["other_quantities"]:
        add("n", r["start"], r["end"], " ".join(x for x in (_number(r["value"]), _text(r["unit"])) if x)
            + (f" ({r['reason']})" if _text(r["reason"]) else ""))
    for r in rows["mentions"]:
        add("m", r["start"], r["end"], f"{r['canonical']} ({r['label']}{', ' + r['match'] if r['match'] else ''})",
            "People and bodies" if r["label"] in {"PERSON", "ORG"} else None, f"{r['text']} = {r['canonical']}")
    for table in ("translation_findings", "timeline_findings", "estimate_findings"):
        for r in rows[table]:
            text = r.get("explanation") or r.get("why") or ""
            add("f", r["start"], r["end"], f"{r['kind']}: {text}", "Findings", f"{r['kind']}: {text}")
    for r in rows["divergences"]:
        add("d", r["start"], r["end"], f"{r['kind']}: {r['detail']}", "Against its source", f"{r['kind']}: {r['detail']}")
    return marks, panel


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _number(value) -> str:
    """A number as a reader writes it: 3,000 or 2.5; nothing for a missing one."""
    if not isinstance(value, (int, float)) or value != value:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


# table -> the columns the page reads of it
TABLES = {
    "sentences": ["start", "end", "is_boilerplate", "boilerplate_kind"],
    "troop_estimates": ["start", "end", "text", "value", "qualifier", "scope", "claimant", "claimant_group", "claim_date"],
    "time_expressions": ["start", "end", "text", "value", "granularity"],
    "other_quantities": ["start", "end", "value", "unit", "reason"],
    "mentions": ["start", "end", "text", "canonical", "label", "match"],
    "translation_findings": ["start", "end", "kind", "explanation"],
    "timeline_findings": ["start", "end", "kind", "explanation"],
    "estimate_findings": ["start", "end", "kind", "explanation", "why"],
    "divergences": ["start", "end", "kind", "detail"],
}


class _Rows:
    """One table's rows by article, read as plain records from column arrays (per article:
    pandas per row would cost more than the page)."""

    def __init__(self, frame: pd.DataFrame, columns: list[str]):
        self.columns = {c: frame[c].to_numpy(dtype=object) for c in columns}
        self.groups = frame.groupby("file").indices if len(frame) else {}

    def of(self, file: str) -> list[dict]:
        return [{c: values[i] for c, values in self.columns.items()} for i in self.groups.get(file, [])]


def write_article_pages(ds, site: Path) -> list[str]:
    """One page per article under ``site/articles/``; returns the files written."""
    tables = {name: _Rows(ds.table(name), columns) for name, columns in TABLES.items()}
    related: dict[str, list[dict]] = {}
    for p in ds.article_pairs[["file", "source_file", "relation"]].to_dict("records"):
        related.setdefault(p["file"], []).append(p)
        related.setdefault(p["source_file"], []).append(p)
    aligned = set(zip(ds.alignments["file"], ds.alignments["source_file"]))
    target = site / links.ARTICLES
    target.mkdir(parents=True, exist_ok=True)
    written = []
    articles = ds.articles.drop_duplicates("file")
    for a in articles.itertuples():  # every article: one not analysed shows its text, and why
        rows = {name: table.of(a.file) for name, table in tables.items()}
        text = ds.text(a.file)
        sentences = sorted((int(s["start"]), int(s["end"])) for s in rows["sentences"])
        boiler = {(int(s["start"]), int(s["end"])): (s["boilerplate_kind"] if isinstance(s["boilerplate_kind"], str) else "")
                  for s in rows["sentences"] if s["is_boilerplate"] is True or s["is_boilerplate"] == 1}
        marks, panel = _marks(rows)
        body = render_text(text, sentences, marks, boiler)
        page = _article_page(a, body, panel, related.get(a.file, []), aligned)
        atomic_write(target / links.page_name(a.file), lambda h, page=page: h.write(page))
        written.append(a.file)
    return written


def _article_page(a, body: str, panel, related: list[dict], aligned: set) -> str:
    e = html.escape
    sections: dict[str, list[str]] = {}
    for section, anchor, label in panel:
        sections.setdefault(section, []).append(f'<li><a href="#{e(anchor)}">{e(label)}</a></li>')
    side = "".join(f"<h3>{e(name)}</h3><ul>{''.join(items)}</ul>" for name, items in sections.items())
    pair_items = []
    for p in related:
        other = p["source_file"] if p["file"] == a.file else p["file"]
        role = "source" if p["file"] == a.file else "derived from this article"
        view = (f' · <a href="../{e(links.pair_page(p["file"], p["source_file"]))}">side by side</a>'
                if (p["file"], p["source_file"]) in aligned else "")
        pair_items.append(f'<li>{e(p["relation"])} ({e(role)}): <a href="{e(links.page_name(other))}">{e(other)}</a>'
                          f"{view}</li>")
    if pair_items:
        side = f"<h3>Translation and rewriting</h3><ul>{''.join(pair_items)}</ul>" + side
    legend = "".join(f'<span class="k k-{k}">{e(name)}</span> ' for k, name in KIND_NAMES.items())
    legend += '<span class="s boiler">boilerplate (not read as content)</span>'
    meta = _meta(a)
    error = getattr(a, "error", None)
    if not a.analysed and isinstance(error, str) and error:
        meta += f" · <strong>not analysed</strong>: the analysis failed ({e(error)}); the article is kept and shown as it is"
    elif not a.analysed:
        meta += (f" · <strong>not analysed</strong>: no resources for language {e(str(a.language))} "
                 "(the article is kept and shown as it is)")
    title = a.title if isinstance(getattr(a, "title", None), str) and a.title.strip() else a.file
    return _page(title, f"""<p class="meta">{meta} · <a href="../index.html">all reports</a></p>
<p class="legend">{legend}</p>
<div class="article"><div class="text">{body}</div><aside>{side}</aside></div>""", depth=1)


def original_link(url) -> str:
    """A link to the page an article was taken from (http and https only; opened by the reader,
    never fetched by the site), or nothing."""
    if not isinstance(url, str) or not links.WEB_PAGE.match(url.strip()):
        return ""
    return (f'<a class="original" rel="external noopener noreferrer" href="{html.escape(url.strip(), quote=True)}">'
            "original</a>")


def _meta(a) -> str:
    """The article's file, outlet, publication date (with how it was established), language
    and original page, as one line."""
    e = html.escape
    day = pd.to_datetime(a.published, errors="coerce")
    source = getattr(a, "published_source", None)
    when = (f"published {day:%Y-%m-%d}" + (f" ({e(str(source))})" if isinstance(source, str) and source else "")
            if pd.notna(day) else "publication date unknown")
    parts = [f"<code>{e(str(a.file))}</code>", e(str(a.outlet)) if isinstance(a.outlet, str) and a.outlet else "",
             when, f"language {e(str(a.language))}", original_link(getattr(a, "url", None))]
    return " · ".join(p for p in parts if p)


def write_pair_pages(ds, site: Path) -> list[str]:
    """The side-by-side page of every aligned pair under ``site/pairs/``."""
    target = site / links.PAIRS
    target.mkdir(parents=True, exist_ok=True)
    written = []
    # plain Python values: the view reads each pair's rows as records, which typed (Arrow, nullable)
    # columns make several times slower to slice and convert, for the same text
    alignments, divergences = ds.alignments.astype(object), ds.divergences.astype(object)
    steps = alignments.groupby(["file", "source_file"], sort=True).indices if len(alignments) else {}
    found = divergences.groupby(["file", "source_file"]).indices if len(divergences) else {}
    for (file, source), rows in steps.items():  # each pair's rows only: linear in the tables
        view = shared_style(side_by_side(alignments.iloc[rows], divergences.iloc[found.get((file, source), [])],
                                         file, source))
        e = html.escape
        body = (f'<p class="meta"><a href="../{links.ARTICLES}/{e(links.page_name(source))}">{e(source)}</a> (source) · '
                f'<a href="../{links.ARTICLES}/{e(links.page_name(file))}">{e(file)}</a> · '
                f'<a href="../index.html">all reports</a></p>{view}')
        page = _page(f"{file} ← {source}", body, depth=1)
        atomic_write(site / links.pair_page(file, source), lambda h, page=page: h.write(page))
        written.append(f"{file} <- {source}")
    return written


# the side-by-side view's inline styles, each repeated on every row, and the class of press.css that
# gives the same look (a pair page is about 40 % smaller)
SHARED_STYLES = {f'style="{CELL};text-align:left"': 'class="sbs"', f'style="{CELL}"': 'class="sbs"',
                 'style="color:#666;font-size:85%"': 'class="sbs-step"',
                 'style="margin:2px 0 4px 16px;font-size:90%"': 'class="sbs-notes"'}


def shared_style(view: str) -> str:
    """A side-by-side view with its repeated inline styles replaced by press.css classes."""
    for style, name in SHARED_STYLES.items():
        view = view.replace(style, name)
    return view


def _page(title: str, body: str, depth: int = 0) -> str:
    up = "../" * depth
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<link rel="stylesheet" href="{up}assets/press.css"></head>
<body class="press-page"><h1>{html.escape(title)}</h1>
{body}
<script src="{up}assets/press.js"></script></body></html>
"""
