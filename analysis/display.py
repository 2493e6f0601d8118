"""Safe display helpers for notebooks: article text is untrusted, so every cell shown of it is
HTML-escaped here, explicitly (not left to pandas' options). Reads and writes nothing.
"""
from __future__ import annotations

import html

import pandas as pd

NOWRAP_CHARS = 24  # columns whose values are all this short never wrap (dates, ids)
CELL = "text-align:left;vertical-align:top;padding:2px 8px"


def _cell(value) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return html.escape(str(value))


def table_html(frame: pd.DataFrame, max_rows: int | None = None, raw: tuple[str, ...] = ()) -> str:
    """An escaped, left-aligned HTML table; dates as YYYY-MM-DD. Columns named in
    ``raw`` hold HTML this module made (already escaped) and are inserted as is."""
    shown = frame if max_rows is None else frame.head(max_rows)
    cells = {c: (list(shown[c]) if c in raw else [_cell(v) for v in shown[c]]) for c in shown.columns}
    nowrap = {c: all(len(v) <= NOWRAP_CHARS for v in values) for c, values in cells.items()}
    wide = {c: not nowrap[c] and sum(len(v) for v in values) > 60 * max(len(values), 1)
            for c, values in cells.items()}
    style = {c: CELL + (";white-space:nowrap" if nowrap[c] else "") + (";min-width:28em" if wide[c] else "")
             for c in shown.columns}
    head = "".join(f'<th style="{style[c]}">{html.escape(str(c))}</th>' for c in shown.columns)
    rows = [
        "<tr>" + "".join(f'<td style="{style[c]}">{cells[c][i]}</td>' for c in shown.columns) + "</tr>"
        for i in range(len(shown))
    ]
    more = "" if max_rows is None or len(frame) <= max_rows else f"<p>… {len(frame) - max_rows} more rows</p>"
    return f'<table class="press-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'


def table(frame: pd.DataFrame, max_rows: int | None = None):
    """Display ``frame`` as an escaped HTML table in a notebook."""
    from IPython.display import HTML

    return HTML(table_html(frame, max_rows))


def note(text: str):
    """A short escaped paragraph."""
    from IPython.display import HTML

    return HTML(f"<p>{html.escape(text)}</p>")


def excerpt(text: str, start: int, end: int) -> str:
    """``text`` as escaped HTML with ``text[start:end]`` highlighted."""
    return (html.escape(text[:start]) + '<mark style="background:#ffe08a">' + html.escape(text[start:end])
            + "</mark>" + html.escape(text[end:]))


def excerpts(frame: pd.DataFrame, text: str = "sentence", start: str = "start", end: str = "end",
             offset: str | None = None, columns: list[str] | None = None):
    """A table whose ``text`` column is shown with the span ``start:end`` highlighted
    (offsets into the article; ``offset`` names the column holding where the
    sentence starts in the article). Everything is escaped."""
    from IPython.display import HTML

    columns = columns or [c for c in frame.columns if c not in {text, start, end}]
    shown = frame[columns].copy()
    base = frame[offset].astype(int) if offset else 0
    shown[text] = [excerpt(str(t), int(s), int(e)) for t, s, e in
                   zip(frame[text], frame[start] - base, frame[end] - base)]
    order = columns[:2] + [text] + columns[2:]  # the evidence right after what identifies the row
    return HTML(table_html(shown[order], raw=(text,)))


def statements(items):
    """A generated reading as a list: each statement with the ledger ids (``T01`` ...) of the
    rows that support it (anchors ``#T01`` in the ledger table when the report links them)."""
    from IPython.display import HTML

    lines = []
    for s in items:
        ids = ", ".join(f'<a href="#{html.escape(f)}">{html.escape(f)}</a>' for f in s.figures[:12])
        more = f" and {len(s.figures) - 12} more" if len(s.figures) > 12 else ""
        cited = f' <small style="color:#555">[{ids}{more}]</small>' if s.figures else ""
        lines.append(f"<li>{html.escape(s.text)}{cited}</li>")
    return HTML(f'<ul class="press-reading">{"".join(lines)}</ul>')


def heading(text: str):
    """A small escaped heading (one per pair, item ...)."""
    from IPython.display import HTML
    from IPython.display import display as show_now

    show_now(HTML(f"<h4>{html.escape(text)}</h4>"))


def show(obj) -> None:
    """Display ``obj`` now (inside a loop, where only a cell's last value would show)."""
    from IPython.display import display as show_now

    show_now(obj)
