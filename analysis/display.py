"""Safe display helpers for notebooks: article text is untrusted, so everything
shown of it is HTML-escaped."""
from __future__ import annotations

import html

import pandas as pd


def table(frame: pd.DataFrame, max_rows: int | None = None):
    """An escaped HTML table (independent of pandas' display options)."""
    from IPython.display import HTML

    shown = frame if max_rows is None else frame.head(max_rows)
    body = shown.to_html(index=False, escape=True, na_rep="", border=0)
    note = "" if max_rows is None or len(frame) <= max_rows else f"<p>… {len(frame) - max_rows} more rows</p>"
    return HTML(body + note)


def note(text: str):
    """A short escaped paragraph."""
    from IPython.display import HTML

    return HTML(f"<p>{html.escape(text)}</p>")
