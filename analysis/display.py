"""Safe display helpers for notebooks: article text is untrusted, so every cell shown of it is
HTML-escaped here, explicitly (not left to pandas' options). Rows link to their span on their
article page in the report site (:mod:`analysis.links`); charts carry their figure as data
that the site's script draws. Reads and writes nothing.
"""
from __future__ import annotations

import html
import re

import pandas as pd

from . import links

NOWRAP_CHARS = 24  # columns whose values are all this short never wrap (dates, ids)
CELL = "text-align:left;vertical-align:top;padding:2px 8px"  # also press.css's and lab.py's `table.press-table td`
TAG = re.compile(r"<[^>]*>")


def _cell(value) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # a count read as a float (3000.0) shows as the number it is
    return html.escape(str(value))


def table_html(frame: pd.DataFrame, max_rows: int | None = None, raw: tuple[str, ...] = ()) -> str:
    """An escaped, left-aligned HTML table; dates as YYYY-MM-DD, whole numbers without ``.0``.
    Columns named in ``raw`` hold HTML this module made (already escaped) and are inserted as
    is (their width is judged by the text they show, not their markup)."""
    shown = frame if max_rows is None else frame.head(max_rows)
    cells = {c: (list(shown[c]) if c in raw else [_cell(v) for v in shown[c]]) for c in shown.columns}
    visible = {c: ([html.unescape(TAG.sub("", str(v))) for v in values] if c in raw else values)
               for c, values in cells.items()}
    nowrap = {c: all(len(v) <= NOWRAP_CHARS for v in values) for c, values in visible.items()}
    wide = {c: not nowrap[c] and sum(len(v) for v in values) > 60 * max(len(values), 1)
            for c, values in visible.items()}
    style = {c: CELL + (";white-space:nowrap" if nowrap[c] else "") + (";min-width:28em" if wide[c] else "")
             for c in shown.columns}
    # the header cell carries the column's style; a body cell only a short class (press.css and the
    # JupyterLab widget's style sheet say what it means): rows stay small at any corpus size
    kind = {c: ' class="nw"' if nowrap[c] else (' class="wd"' if wide[c] else "") for c in shown.columns}
    head = "".join(f'<th style="{style[c]}">{html.escape(str(c))}</th>' for c in shown.columns)
    rows = [
        "<tr>" + "".join(f"<td{kind[c]}>{cells[c][i]}</td>" for c in shown.columns) + "</tr>"
        for i in range(len(shown))
    ]
    more = "" if max_rows is None or len(frame) <= max_rows else f"<p>… {len(frame) - max_rows} more rows</p>"
    return f'<table class="press-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'


def with_links(frame: pd.DataFrame, link: str | tuple[str, str, str] | None) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """``frame`` with a first column ``open`` linking each row to its span on its article page
    (``link`` = an anchor kind using the ``file``, ``start`` and ``end`` columns, or ``(kind,
    start column, end column)``); the second value names the columns that hold HTML."""
    if link is None or "file" not in frame.columns or not len(frame):
        return frame, ()
    kind, start, end = (link, "start", "end") if isinstance(link, str) else link
    shown = frame.copy()
    shown.insert(0, "open", _open_links(frame, kind, start, end))
    return shown, ("open",)


def _open_links(frame: pd.DataFrame, kind: str, start: str, end: str) -> list[str]:
    """An ``open`` link per row: its span on its article page (no ``kind``: the page itself)."""
    if not kind:
        return [f'<a href="{html.escape(links.article_href(f), quote=True)}">open</a>' for f in frame["file"]]
    return [f'<a href="{html.escape(links.article_href(f, kind, s, e), quote=True)}">open</a>'
            for f, s, e in zip(frame["file"], frame[start], frame[end])]


def with_evidence(frame: pd.DataFrame, key: str | list[str], rows: pd.DataFrame, kind: str, start: str = "start",
                  end: str = "end", label: str = "file", limit: int = 8) -> pd.DataFrame:
    """``frame`` (a summary: events, name variants) with a first column ``open`` linking each row
    to the spans of ``rows`` (its reports, its mentions) that share its ``key``: one link per
    row of evidence, labelled by ``label``, at most ``limit`` (then a count of the rest)."""
    keys = [key] if isinstance(key, str) else list(key)
    found: dict[tuple, list[str]] = {}
    ordered = rows.sort_values(keys + ["file", start]) if len(rows) else rows
    for r in ordered.itertuples(index=False):
        values = r._asdict()
        found.setdefault(tuple(values[k] for k in keys), []).append(
            f'<a href="{html.escape(links.article_href(values["file"], kind, values[start], values[end]), quote=True)}">'
            f"{html.escape(str(values[label]))}</a>")
    cells = []
    for values in frame[keys].itertuples(index=False):
        items = found.get(tuple(values), [])
        more = f" and {len(items) - limit} more" if len(items) > limit else ""
        cells.append(", ".join(items[:limit]) + more)
    shown = frame.copy()
    shown.insert(0, "open", cells)
    return shown


def with_pair_links(frame: pd.DataFrame, aligned: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (translation pairs: ``file``, ``source_file``) with a first column ``open``: the
    pair's side-by-side page where it was aligned (``aligned`` holds those pairs), and both
    articles."""
    done = set(zip(aligned["file"], aligned["source_file"])) if len(aligned) else set()
    cells = []
    for file, source in zip(frame["file"], frame["source_file"]):
        items = [f'<a href="{html.escape(links.pair_page(file, source), quote=True)}">side by side</a>'] \
            if (file, source) in done else []
        items += [f'<a href="{html.escape(links.article_href(file), quote=True)}">derived</a>',
                  f'<a href="{html.escape(links.article_href(source), quote=True)}">source</a>']
        cells.append(" · ".join(items))
    shown = frame.copy()
    shown.insert(0, "open", cells)
    return shown


def table(frame: pd.DataFrame, max_rows: int | None = None, link: str | tuple[str, str, str] | None = None,
          columns: list[str] | None = None, evidence: dict | None = None, pairs: pd.DataFrame | None = None):
    """Display ``frame`` (its ``columns``) as an escaped HTML table in a notebook; with ``link``,
    each row opens its span on its article page (see :func:`with_links`); with ``evidence``
    (the keyword arguments of :func:`with_evidence`), each row links to every span behind it;
    with ``pairs`` (the aligned pairs), each translation pair links to its pages.
    The report makes it sortable, filterable and searchable; every row is there (``max_rows``
    only for previews)."""
    from IPython.display import HTML

    if evidence is not None:
        shown, raw = with_evidence(frame, **evidence), ("open",)
    elif pairs is not None:
        shown, raw = with_pair_links(frame, pairs), ("open",)
    else:
        shown, raw = with_links(frame, link)
    if columns is not None:
        shown = shown[list(raw) + [c for c in columns if c not in raw]]
    return _html_or_widget(table_html(shown, max_rows, raw=raw))


def _html_or_widget(markup: str):
    """The table as plain HTML (the report: the site's script enhances it) or, in JupyterLab,
    as a widget doing the same (:mod:`analysis.lab`)."""
    from IPython.display import HTML

    from . import lab

    return lab.table(markup) if lab.wanted() else HTML(markup)


def note(text: str):
    """A short escaped paragraph."""
    from IPython.display import HTML

    return HTML(f"<p>{html.escape(text)}</p>")


def excerpt(text: str, start: int, end: int) -> str:
    """``text`` as escaped HTML with ``text[start:end]`` highlighted."""
    return (html.escape(text[:start]) + '<mark style="background:#ffe08a">' + html.escape(text[start:end])
            + "</mark>" + html.escape(text[end:]))


def excerpts(frame: pd.DataFrame, text: str = "sentence", start: str = "start", end: str = "end",
             offset: str | None = None, columns: list[str] | None = None, link: str | None = None):
    """A table whose ``text`` column is shown with the span ``start:end`` highlighted
    (offsets into the article; ``offset`` names the column holding where the
    sentence starts in the article). Everything is escaped."""
    from IPython.display import HTML

    columns = columns or [c for c in frame.columns if c not in {text, start, end}]
    shown = frame[columns].copy()
    base = frame[offset].astype(int) if offset else 0
    shown[text] = [excerpt(str(t), int(s), int(e)) if pd.notna(s) and pd.notna(e) else html.escape(str(t))
                   for t, s, e in
                   zip(frame[text], frame[start] - base, frame[end] - base)]
    order = columns[:2] + [text] + columns[2:]  # the evidence right after what identifies the row
    shown = shown[order]
    raw: tuple[str, ...] = (text,)
    if link is not None and "file" in frame.columns:
        shown.insert(0, "open", _open_links(frame, link, start, end))
        raw += ("open",)
    return _html_or_widget(table_html(shown, raw=raw))


def statements_html(items, ledger: pd.DataFrame | None = None, prefix: str = "") -> str:
    """A generated reading as an HTML list: each statement with the ledger ids (``T01`` ...) of
    the rows that support it, each linked to its figure in its article (with ``ledger``)."""
    where = {} if ledger is None or not len(ledger) else {
        r.figure_id: links.article_href(r.file, "q", r.start, r.end, prefix) for r in ledger.itertuples()}

    def cite(f: str) -> str:
        return f'<a href="{html.escape(where[f], quote=True)}">{html.escape(f)}</a>' if f in where else html.escape(f)

    lines = []
    for s in items:
        ids = ", ".join(cite(f) for f in s.figures[:12])
        more = f" and {len(s.figures) - 12} more" if len(s.figures) > 12 else ""
        cited = f' <small style="color:#555">[{ids}{more}]</small>' if s.figures else ""
        lines.append(f"<li>{html.escape(s.text)}{cited}</li>")
    return f'<ul class="press-reading">{"".join(lines)}</ul>'


def statements(items, ledger: pd.DataFrame | None = None):
    """:func:`statements_html` for a notebook."""
    from IPython.display import HTML

    return HTML(statements_html(items, ledger))


def heading(text: str):
    """A small escaped heading (one per pair, item ...)."""
    from IPython.display import HTML
    from IPython.display import display as show_now

    show_now(HTML(f"<h4>{html.escape(text)}</h4>"))


def show(obj) -> None:
    """Display ``obj`` now (inside a loop, where only a cell's last value would show)."""
    from IPython.display import display as show_now

    show_now(obj)


class Chart:
    """An interactive chart: JupyterLab draws it with Plotly's own renderer; the report page
    gets a ``div`` holding the figure as JSON data (no script in the notebook's output), which
    the site's script draws with the Plotly shipped once under ``assets/``."""

    def __init__(self, figure: dict):
        self.figure = figure

    def json(self) -> str:
        import json

        return json.dumps(self.figure, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"application/vnd.plotly.v1+json": self.figure,
                "text/html": f'<div class="press-chart" data-figure="{html.escape(self.json(), quote=True)}"></div>'}


def chart(figure: dict):
    """The chart for the report page (:class:`Chart`) or, in JupyterLab, a widget whose points
    open their span below it (:mod:`analysis.lab`)."""
    from . import lab

    return lab.chart(figure) if lab.wanted() else Chart(figure)
