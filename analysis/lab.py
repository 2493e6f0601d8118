"""The notebooks' tables and charts in JupyterLab, as they are in the report site: a table is
a widget (anywidget) that runs the site's own table code (``press.js``: sort, search, filter,
pages), and a chart is Plotly's ``FigureWidget``; a click on a row's ``open`` link or on a chart
point shows the span in its article right below (the sentence before, the sentence with the
span highlighted, the sentence after), since JupyterLab has no article pages. During
``report`` (``PRESS_REPORT=1`` in the kernel's environment) and where anywidget is missing,
the notebooks show plain HTML instead, which the site's script enhances. Reads the dataset the
notebook loaded last (:func:`analysis.dataset.last_loaded`); writes nothing.
"""
from __future__ import annotations

import html
import os
from functools import lru_cache
from pathlib import Path

from . import links

REPORT_ENV = "PRESS_REPORT"
ASSETS = Path(__file__).parent / "report" / "assets"
WIDGET_JS = """
export default {
  render({ model, el }) {
    const box = document.createElement("div");
    box.className = "press-lab";
    box.innerHTML = model.get("html");  // escaped by analysis/display.py
    const view = document.createElement("div");
    view.className = "press-article-view";
    el.appendChild(box);
    el.appendChild(view);
    box.querySelectorAll("table.press-table").forEach((t) => window.PressSite.enhance(t));
    box.addEventListener("click", (event) => {
      const link = event.target.closest("a");
      const href = link ? link.getAttribute("href") || "" : "";
      if (/^(\\.\\.\\/)?(articles|pairs)\\//.test(href)) {
        event.preventDefault();
        model.send({ open: href });
      }
    });
    model.on("change:article", () => {
      view.innerHTML = model.get("article");  // escaped by analysis/lab.py
      view.scrollIntoView({ block: "nearest" });
    });
  }
};
"""
WIDGET_CSS = """
.press-lab table.press-table th { background: #f3f3f3; cursor: pointer; }
.press-lab table.press-table td { text-align: left; vertical-align: top; padding: 2px 8px; }
.press-lab table.press-table td.nw { white-space: nowrap; }
.press-lab table.press-table td.wd { min-width: 28em; }
.press-lab table.press-table th.sorted-asc::after { content: " ▲"; }
.press-lab table.press-table th.sorted-desc::after { content: " ▼"; }
.press-lab .press-tools { margin: .4em 0; }
.press-lab .press-tools input { margin-right: 1em; }
.press-article-view { margin-top: .5em; }
.press-article-view .press-article { border-left: 3px solid #e4572e; padding: .3em .8em; background: #fafafa; }
.press-article-view mark { background: #fff3a0; outline: 2px solid #e4572e; }
"""


def wanted() -> bool:
    """Widgets in an interactive session, plain HTML in a report run or without anywidget."""
    if os.environ.get(REPORT_ENV) == "1":
        return False
    try:
        import anywidget  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=None)
def _table_class():
    import anywidget
    import traitlets

    class PressTable(anywidget.AnyWidget):
        _esm = (ASSETS / "press.js").read_text(encoding="utf-8") + "\n" + WIDGET_JS
        _css = WIDGET_CSS
        html = traitlets.Unicode("").tag(sync=True)
        article = traitlets.Unicode("").tag(sync=True)

        def __init__(self, markup: str):
            super().__init__(html=markup)
            self.on_msg(self._open)

        def _open(self, _widget, content, _buffers):
            if isinstance(content, dict) and isinstance(content.get("open"), str):
                self.article = article_view(content["open"])

    return PressTable


def table(markup: str):
    """A table's HTML (from :func:`analysis.display.table_html`) as a JupyterLab widget."""
    return _table_class()(markup)


def chart(figure: dict):
    """A chart as Plotly's FigureWidget; a click on a point shows its span below."""
    import ipywidgets
    import plotly.graph_objects as go

    widget = go.FigureWidget(figure)
    view = ipywidgets.HTML()

    def clicked(trace, points, _state):
        if points.point_inds and trace.customdata is not None:
            view.value = article_view(str(trace.customdata[points.point_inds[0]][0]))

    for trace in widget.data:
        trace.on_click(clicked)
    return ipywidgets.VBox([widget, view])


def article_view(href: str) -> str:
    """The span a site link points at, in its article: title line, the sentence before, the
    sentence with the span highlighted, the sentence after (all escaped)."""
    from .dataset import last_loaded

    e = html.escape
    ds = last_loaded()
    if not links.SITE_LINK.match(href) or ds is None:
        return f"<p>{e(href)}: only article links open here (a pair page is in the report site).</p>"
    page, _, anchor = href.split(f"{links.ARTICLES}/", 1)[1].partition("#")
    files = {links.page_name(f): f for f in ds.articles["file"]}
    file = files.get(page)
    if file is None:
        return f"<p>{e(href)}: no such article in the dataset loaded last.</p>"
    text = ds.text(file)
    article = ds.articles[ds.articles["file"] == file].iloc[0]
    head = " · ".join(e(str(x)) for x in (file, article.get("outlet"), str(article.get("published"))[:10])
                      if isinstance(x, str) and x and x != "nan")
    if not anchor:
        return f'<div class="press-article"><p><strong>{head}</strong></p><p>{e(text[:600])}…</p></div>'
    start, end = (int(x) for x in anchor.split("-")[1:3])
    sentences = ds.sentences[ds.sentences["file"] == file].sort_values("start")
    inside = sentences[(sentences["start"] <= start) & (sentences["end"] >= min(end, start + 1))]
    if len(inside):
        k = sentences.index.get_loc(inside.index[0])
        lo = int(sentences.iloc[max(k - 1, 0)]["start"])
        hi = int(sentences.iloc[min(k + 1, len(sentences) - 1)]["end"])
    else:
        lo, hi = max(start - 300, 0), min(end + 300, len(text))
    lo, hi = min(lo, start), max(hi, end)
    body = (e(text[lo:start]) + "<mark>" + e(text[start:end]) + "</mark>" + e(text[end:hi])).replace("\n", "<br>")
    return (f'<div class="press-article"><p><strong>{head}</strong> (characters {start}–{end})</p>'
            f"<p>{body}</p></div>")
