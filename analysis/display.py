"""Safe display helpers for notebooks: article text is untrusted, so every cell
shown of it is HTML-escaped here, explicitly (not left to pandas' options)."""
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


def table_html(frame: pd.DataFrame, max_rows: int | None = None) -> str:
    """An escaped, left-aligned HTML table; dates as YYYY-MM-DD."""
    shown = frame if max_rows is None else frame.head(max_rows)
    cells = {c: [_cell(v) for v in shown[c]] for c in shown.columns}
    nowrap = {c: all(len(v) <= NOWRAP_CHARS for v in values) for c, values in cells.items()}
    style = {c: CELL + (";white-space:nowrap" if nowrap[c] else "") for c in shown.columns}
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
