"""Interactive charts (Plotly) for the report site: every point says where it comes from
(outlet, language, date, claimant, qualifier, scope, the quoted sentence) and opens its span on
its article page when clicked (``customdata[0]``, a link made by :mod:`analysis.links`).
Figures are returned as plain, deterministic dictionaries (sorted keys, no random ids);
:func:`analysis.display.chart` shows them. Untrusted text is escaped before it reaches a hover
label. Reads the ledger and event tables; writes nothing.
"""
from __future__ import annotations

import html

import pandas as pd

from .. import links
from . import palette

QUOTE_CHARS = 220


def esc(text: str) -> str:
    """Text for a hover label: markup escaped (Plotly decodes &lt; &gt; &amp;, not &quot;)."""
    return html.escape(text, quote=False)


def _quote(text: str, width: int = 70) -> str:
    """The sentence for a hover label: cut at ``QUOTE_CHARS``, escaped, in lines of about
    ``width`` characters (a long line would run past the chart's edge)."""
    text = " ".join(str(text).split())
    text = text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1] + "…"
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "<br>".join(esc(x) for x in lines + [line])


def estimate_evolution(ledger: pd.DataFrame, scopes: list[str] | None = None) -> dict:
    """Troop figures over the claim date, one panel per scope (in ``scopes`` order, each on its
    own scale, one date axis), colour = claimant group and marker = qualifier as in the PNG
    (:mod:`.palette`), with a legend for both; hover: outlet, language, claim date, claimant,
    qualifier, scope, quote; click: the figure in its article."""
    t = ledger[ledger["value"].notna() & ledger["day"].notna()] if len(ledger) else ledger
    present = list(dict.fromkeys([s for s in (scopes or []) if len(t) and (t["scope"] == s).any()]
                                 + (sorted(set(t["scope"])) if len(t) else [])))
    groups = sorted(set(t["claimant_group"])) if len(t) else []
    data, shown = [], set()
    for k, scope in enumerate(present):
        for group in groups:
            rows = t[(t["scope"] == scope) & (t["claimant_group"] == group)].sort_values(["day", "file", "start"])
            if not len(rows):
                continue
            data.append(_figure_trace(rows, group, k, group not in shown) | {"legendrank": 1 + groups.index(group)})
            shown.add(group)
    for q in palette.legend_order(t["qualifier"]) if len(t) else []:  # the shapes' legend: no points
        data.append({"type": "scatter", "mode": "markers", "name": esc(palette.label(q)), "x": [None], "y": [None],
                     "legendgroup": "qualifier", "customdata": [], "hoverinfo": "skip", "legendrank": 1000,
                     "marker": {"size": 10, "color": "#ffffff", "symbol": palette.symbol(q),
                                "line": {"width": 1.5, "color": "#333333"}}})
    layout = {"title": {"text": "Troop figures by claim date, one panel per scope (click a point to open its sentence)"},
              "hovermode": "closest", "legend": {"title": {"text": "claimant group · qualifier"}},
              "margin": {"l": 80, "r": 20, "t": 50, "b": 50}, "height": max(320, 60 + 190 * len(present))}
    gap = 0.06
    height = (1 - gap * max(len(present) - 1, 0)) / max(len(present), 1)
    for k, scope in enumerate(present):
        top = 1 - k * (height + gap)
        layout["yaxis" if k == 0 else f"yaxis{k + 1}"] = {
            "domain": [max(top - height, 0), top], "rangemode": "tozero", "anchor": "x", "tickformat": ",d",
            "title": {"text": esc(scope.replace("_", " ")) + "<br>troops"}}
    days = pd.to_datetime(t["day"]) if len(t) else pd.Series(dtype="datetime64[ns]")
    layout["xaxis"] = {"title": {"text": "claim date"}, "type": "date", "anchor": "y" if len(present) <= 1 else f"y{len(present)}"}
    if len(days):
        layout["xaxis"]["range"] = [str((days.min() - pd.Timedelta(days=2)).date()), str((days.max() + pd.Timedelta(days=3)).date())]
    return {"data": data, "layout": layout}


def _figure_trace(rows: pd.DataFrame, group: str, panel: int, legend: bool) -> dict:
    """One claimant group's figures in one panel; hollow: a figure from an original (as in the PNG)."""
    colour = palette.colour(group)
    original = [o == "original" for o in rows["origin"]] if "origin" in rows else [False] * len(rows)
    custom = [[links.article_href(r.file, "q", r.start, r.end), esc(str(r.outlet or r.file)),
               esc(str(r.language)), esc(str(r.claim_date)), esc(str(r.claimant or "unattributed")),
               esc(str(r.qualifier)), esc(str(r.scope)), _quote(r.sentence), esc(str(r.figure_id))]
              for r in rows.itertuples()]
    return {
        "type": "scatter", "mode": "markers", "name": esc(group), "legendgroup": esc(group), "showlegend": legend,
        "xaxis": "x", "yaxis": "y" if panel == 0 else f"y{panel + 1}",
        "x": [str(d)[:10] for d in rows["day"]], "y": [float(v) for v in rows["value"]],
        "marker": {"size": 11, "color": ["#ffffff" if o else colour for o in original],
                   "line": {"width": [2 if o else 1 for o in original], "color": [colour if o else "#333333" for o in original]},
                   "symbol": [palette.symbol(q) for q in rows["qualifier"]]},
        "customdata": custom,
        "hovertemplate": ("<b>%{customdata[8]} %{y:,.0f}</b> (%{customdata[5]}, %{customdata[6]})<br>"
                          "%{customdata[4]} · claimed %{customdata[3]}<br>%{customdata[1]} (%{customdata[2]})"
                          "<br><i>%{customdata[7]}</i><extra>" + esc(group) + "</extra>"),
    }


def event_timeline(events: pd.DataFrame, reports: pd.DataFrame, articles: pd.DataFrame,
                   context_days: int = 60) -> dict:
    """Events by date, one point per report (an event's reports share a row labelled with its
    id), events several articles report larger and in their own colour (:mod:`.palette`);
    hover: outlet, date, the report's words; click: the report's time expression in its
    article. The date axis opens on the coverage (``context_days`` before the first publication
    onward, as the PNG does); older events are to the left, said in the title."""
    outlet = articles.drop_duplicates("file").set_index("file")["outlet"] if len(articles) else pd.Series(dtype=str)
    ordered = events.sort_values(["start_date", "event_id"]) if len(events) else events
    order = {e: i for i, e in enumerate(ordered["event_id"])} if len(events) else {}
    n_files = events.set_index("event_id")["n_files"] if len(events) else pd.Series(dtype=int)
    data = []
    if len(reports):
        r = reports.assign(row=reports["event_id"].map(order)).dropna(subset=["row"]).sort_values(["row", "file", "start"])
        r = r.assign(multi=r["event_id"].map(n_files).fillna(1) > 1)
        summary = events.set_index("event_id")["summary"] if len(events) else pd.Series(dtype=str)
        for multi, name, colour, size in ((False, "reported by one article", palette.SINGLE, 8),
                                          (True, "reported by several articles", palette.MULTI, 13)):
            part = r[r["multi"] == multi]
            if not len(part):
                continue
            custom = [[links.article_href(x.file, "t", x.timex_start, x.timex_end), esc(str(outlet.get(x.file, x.file))),
                       esc(str(x.event_id)), esc(str(x.date)), esc(str(x.timex)), _quote(x.text),
                       _quote(summary.get(x.event_id, ""))] for x in part.itertuples()]
            data.append({
                "type": "scatter", "mode": "markers", "name": name,
                "x": [str(v)[:10] for v in part["date"].map(_first_day)], "y": [int(v) for v in part["row"]],
                "marker": {"size": size, "color": colour, "opacity": 0.85, "line": {"width": 1, "color": "#333333"}},
                "customdata": custom,
                "hovertemplate": ("<b>%{customdata[2]}</b> %{customdata[3]} ('%{customdata[4]}')<br>%{customdata[1]}<br>"
                                  "<i>%{customdata[5]}</i><extra></extra>"),
            })
    labelled = len(order) <= 80
    layout = {"title": {"text": "Events and their reports (click a point to open the report)"},
              "xaxis": {"title": {"text": "date of the event"}, "type": "date"},
              "yaxis": {"title": {"text": "event, earliest at the bottom"}, "showticklabels": labelled,
                        "tickvals": list(order.values()) if labelled else [],
                        "ticktext": [esc(e) for e in order] if labelled else [], "tickfont": {"size": 9}},
              "hovermode": "closest", "showlegend": bool(data), "legend": {"orientation": "h", "y": -0.15},
              "margin": {"l": 60, "r": 20, "t": 60, "b": 70}, "height": min(900, 300 + 12 * len(order))}
    window = _window(ordered, articles, context_days)
    if window:
        layout["xaxis"]["range"] = window[:2]
        if window[2]:
            layout["title"]["text"] += (f"<br><sub>{window[2]} earlier event{'s' if window[2] != 1 else ''} "
                                        "left of the axis: drag the chart to the right to see them</sub>")
    return {"data": data, "layout": layout}


def _window(events: pd.DataFrame, articles: pd.DataFrame, context_days: int) -> tuple[str, str, int] | None:
    """The date range the chart opens on and how many events start before it."""
    starts = pd.to_datetime(events["start_date"], errors="coerce").dropna() if len(events) else pd.Series(dtype="datetime64[ns]")
    if not len(starts):
        return None
    ends = pd.to_datetime(events["end_date"], errors="coerce").dropna()
    published = pd.to_datetime(articles["published"], errors="coerce").dropna() if len(articles) else starts
    first = published.min() if len(published) else starts.min()
    lo = max(starts.min(), first - pd.Timedelta(days=context_days))
    hi = max(ends.max() if len(ends) else starts.max(), published.max() if len(published) else lo)
    pad = max((hi - lo) * 0.04, pd.Timedelta(days=1))
    return str((lo - pad).date()), str((hi + pad).date()), int((starts < lo).sum())


def _first_day(value) -> str:
    from ..timex import first_day

    day = first_day(str(value))
    return day.isoformat() if day else ""
