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

QUALIFIER_SYMBOLS = {"exact": "circle", "approx": "diamond", "at_least": "triangle-up", "more_than": "triangle-up",
                     "up_to": "triangle-down", "less_than": "triangle-down", "range_low": "line-ns-open",
                     "range_high": "line-ns-open"}
GROUP_COLOURS = {"US": "#1f77b4", "South Korea": "#2ca02c", "Ukraine": "#ffbf00", "NATO": "#17becf",
                 "Russia": "#d62728", "North Korea": "#7f3c8d", "other": "#8c8c8c", "unattributed": "#bbbbbb"}
QUOTE_CHARS = 220


def esc(text: str) -> str:
    """Text for a hover label: markup escaped (Plotly decodes &lt; &gt; &amp;, not &quot;)."""
    return html.escape(text, quote=False)


def _quote(text: str) -> str:
    text = " ".join(str(text).split())
    text = text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1] + "…"
    return esc(text)


def estimate_evolution(ledger: pd.DataFrame) -> dict:
    """Troop figures over the claim date, one trace per claimant group (colour), the qualifier
    as the marker, the scope as a facet-like vertical offset in the hover; hover: outlet,
    language, claim date, claimant, qualifier, scope, quote; click: the figure in its article."""
    t = ledger[ledger["value"].notna() & ledger["day"].notna()] if len(ledger) else ledger
    data = []
    for group in sorted(set(t["claimant_group"])) if len(t) else []:
        rows = t[t["claimant_group"] == group].sort_values(["day", "file", "start"])
        custom = [[links.article_href(r.file, "q", r.start, r.end), esc(str(r.outlet or r.file)),
                   esc(str(r.language)), esc(str(r.claim_date)), esc(str(r.claimant or "unattributed")),
                   esc(str(r.qualifier)), esc(str(r.scope)), _quote(r.sentence), esc(str(r.figure_id))]
                  for r in rows.itertuples()]
        data.append({
            "type": "scatter", "mode": "markers", "name": esc(group),
            "x": [str(d)[:10] for d in rows["day"]], "y": [float(v) for v in rows["value"]],
            "marker": {"size": 11, "color": GROUP_COLOURS.get(group, "#444"), "line": {"width": 1, "color": "#333"},
                       "symbol": [QUALIFIER_SYMBOLS.get(q, "circle") for q in rows["qualifier"]]},
            "customdata": custom,
            "hovertemplate": ("<b>%{customdata[8]} %{y:,.0f}</b> (%{customdata[5]}, %{customdata[6]})<br>"
                              "%{customdata[4]} · claimed %{customdata[3]}<br>%{customdata[1]} (%{customdata[2]})"
                              "<br><i>%{customdata[7]}</i><extra>" + esc(group) + "</extra>"),
        })
    layout = {"title": {"text": "Troop figures by claim date (click a point to open its sentence)"},
              "xaxis": {"title": {"text": "claim date"}, "type": "date"},
              "yaxis": {"title": {"text": "North Korean troops"}, "rangemode": "tozero"},
              "hovermode": "closest", "legend": {"title": {"text": "claimant group"}},
              "margin": {"l": 60, "r": 20, "t": 50, "b": 50}, "height": 460}
    return {"data": data, "layout": layout}


def event_timeline(events: pd.DataFrame, reports: pd.DataFrame, articles: pd.DataFrame) -> dict:
    """Events by date, one point per report (an event's reports share a row), outlets in the
    hover; click: the report's time expression in its article."""
    outlet = articles.drop_duplicates("file").set_index("file")["outlet"] if len(articles) else pd.Series(dtype=str)
    order = {e: i for i, e in enumerate(events.sort_values(["start_date", "event_id"])["event_id"])} if len(events) else {}
    data = []
    if len(reports):
        r = reports.assign(row=reports["event_id"].map(order)).dropna(subset=["row"]).sort_values(["row", "file", "start"])
        summary = events.set_index("event_id")["summary"] if len(events) else pd.Series(dtype=str)
        custom = [[links.article_href(x.file, "t", x.timex_start, x.timex_end), esc(str(outlet.get(x.file, x.file))),
                   esc(str(x.event_id)), esc(str(x.date)), esc(str(x.timex)), _quote(x.text),
                   _quote(summary.get(x.event_id, ""))] for x in r.itertuples()]
        data.append({
            "type": "scatter", "mode": "markers", "name": "reports",
            "x": [str(v)[:10] for v in r["date"].map(_first_day)], "y": [int(v) for v in r["row"]],
            "marker": {"size": 9, "color": "#1f77b4", "opacity": 0.8},
            "customdata": custom,
            "hovertemplate": ("<b>%{customdata[2]}</b> %{customdata[3]} ('%{customdata[4]}')<br>%{customdata[1]}<br>"
                              "<i>%{customdata[5]}</i><extra></extra>"),
        })
    layout = {"title": {"text": "Events and their reports (click a point to open the report)"},
              "xaxis": {"title": {"text": "date of the event"}, "type": "date"},
              "yaxis": {"title": {"text": "event (earliest at the bottom)"}, "showticklabels": False},
              "hovermode": "closest", "showlegend": False, "margin": {"l": 40, "r": 20, "t": 50, "b": 50},
              "height": min(900, 260 + 8 * len(order))}
    return {"data": data, "layout": layout}


def _first_day(value) -> str:
    from ..timex import first_day

    day = first_day(str(value))
    return day.isoformat() if day else ""
