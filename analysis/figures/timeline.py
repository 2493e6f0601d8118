"""Figures of notebook 01: events in date order, and how fresh each article is. Read the
``events``/``event_reports``/``articles`` tables; return matplotlib figures."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from ..timex import value_range
from . import palette, style  # noqa: F401  (style: matplotlib settings for untrusted text)
from .style import MAX_ROWS, short


def event_timeline(events: pd.DataFrame, published: pd.Series | None = None, label_chars: int = 70,
                   context_days: int = 60):
    """One row per event in date order (so labels never overlap): a dot for a day,
    a bar for a week or month; marker size = number of outlets reporting it.
    The axis covers the coverage window (``context_days`` before the first
    publication onward); older background events are pinned to the left edge with
    their date written out."""
    frame = events.dropna(subset=["start_date"])
    shown_all = len(frame) <= 2 * MAX_ROWS
    if not shown_all:  # the most reported events, still in date order
        frame = frame.sort_values(["n_files", "n_reports", "event_id"], ascending=[False, False, True]).head(2 * MAX_ROWS)
        frame = frame.sort_values(["start_date", "end_date", "event_id"])
    n_events = events["start_date"].notna().sum()
    frame = frame.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(12, 0.32 * max(len(frame), 3) + 1.4))
    if not len(frame):
        ax.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=ax.transAxes)
        return fig
    starts = pd.to_datetime(frame["start_date"])
    ends = pd.to_datetime(frame["end_date"]) + pd.Timedelta(days=1)
    first_pub = published.dropna().min() if published is not None and published.notna().any() else starts.min()
    lo = max(starts.min(), first_pub - pd.Timedelta(days=context_days))
    hi = max(ends.max(), first_pub)
    for i, row in frame.iterrows():
        color = palette.MULTI if row["n_files"] > 1 else palette.SINGLE
        outlets = f" [{row['n_files']} outlets]" if row["n_files"] > 1 else ""
        label = f"{row['event_id']} {short(row['summary'], label_chars)}{outlets}"
        if ends[i] <= lo:  # background event before the window
            ax.annotate(f"◀ {row['date']}  {label}", (lo, i), xytext=(2, 0), textcoords="offset points",
                        va="center", fontsize=7, color="dimgray")
            continue
        left = max(starts[i], lo)
        if row["granularity"] == "day":
            ax.scatter(left + pd.Timedelta(hours=12), i, s=30 + 40 * row["n_files"], color=color, zorder=3)
        else:
            ax.plot([left, ends[i]], [i, i], lw=5, color=color, alpha=0.6, solid_capstyle="butt")
        ax.annotate(label, (ends[i], i), xytext=(6, 0), textcoords="offset points", va="center", fontsize=7)
    ax.set_yticks([])
    ax.set_ylim(len(frame) - 0.5, -0.5)
    ax.set_xlim(lo - pd.Timedelta(days=1), hi + (hi - lo) * 0.9)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=12))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.grid(axis="x", alpha=0.3)
    ax.set_title("Events in the coverage (dot: a day; bar: a week or month; orange-red, larger: reported by several articles)"
                 + ("" if shown_all else f"\nthe {len(frame)} most reported of {n_events:,} dated events"))
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    style.tight(fig)
    return fig


def article_freshness(reports: pd.DataFrame, articles: pd.DataFrame, window_days: int = 60):
    """How stale or fresh each article is: the dates of the events it reports, in
    days relative to its own publication date (0 = publication day; negative =
    before). Day events are dots, week/month events bars; anything beyond
    ``window_days`` is pinned to the edge as an arrow. The label gives the median
    lag of the article's day-level events."""
    arts = articles[articles["published"].notna()].sort_values(["published", "file"]).reset_index(drop=True)
    if len(arts) > MAX_ROWS:
        return _lag_histogram(reports, arts, window_days)
    fig, ax = plt.subplots(figsize=(10, 0.5 * max(len(arts), 2) + 1.6))
    labels = []
    for i, art in arts.iterrows():
        published = art["published"].date()
        lags = []
        for r in reports[reports["file"] == art["file"]].itertuples():
            span = value_range(r.date, r.granularity)
            if span is None:
                continue
            a, b = (span[0] - published).days, (span[1] - published).days + 1
            if b < -window_days or a > window_days:
                edge = -window_days if b < -window_days else window_days
                ax.scatter(edge, i, marker="<" if edge < 0 else ">", s=40, color="dimgray", zorder=3)
                continue
            if r.granularity == "day":
                lags.append(a)
                ax.scatter(a + 0.5, i, s=22, color="#4C72B0", zorder=3)
            else:
                ax.plot([max(a, -window_days), min(b, window_days)], [i, i], lw=5, color="#4C72B0", alpha=0.3)
        median = f" (median {int(pd.Series(lags).median())} d)" if lags else ""
        labels.append(f"{art['file']}{median}")
    ax.axvline(0, color="#C44E52", lw=1.5)
    ax.set_yticks(range(len(arts)), labels, fontsize=8)
    ax.set_ylim(len(arts) - 0.5, -0.5)
    ax.set_xlim(-window_days - 3, window_days + 3)
    ax.set_xlabel("days relative to the article's publication date (red line)")
    ax.grid(axis="x", alpha=0.3)
    ax.scatter([], [], color="#4C72B0", label="reported event (day)")
    ax.plot([], [], lw=5, color="#4C72B0", alpha=0.3, label="reported event (week/month)")
    ax.scatter([], [], marker="<", color="dimgray", label=f"beyond ±{window_days} days")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_title("How fresh is each article? Reported event dates against publication")
    style.tight(fig)
    return fig


def _lag_histogram(reports: pd.DataFrame, arts: pd.DataFrame, window_days: int):
    """A large corpus: how many days before publication the day-level events happened."""
    published = arts.set_index("file")["published"]
    day = reports[(reports["granularity"] == "day") & reports["file"].isin(published.index)]
    lags = (pd.to_datetime(day["date"]) - day["file"].map(published)).dt.days.clip(-window_days, window_days)
    fig, ax = plt.subplots(figsize=(10, 3.5))
    ax.hist(lags, bins=range(-window_days, window_days + 2), color="#4C72B0")
    ax.axvline(0, color="#C44E52", lw=1.5)
    ax.set_xlabel(f"event date minus publication date, days (clipped at ±{window_days})")
    ax.set_ylabel("reports")
    ax.set_title(f"How fresh are the articles? {len(lags):,} day-level reports in {len(arts):,} articles")
    style.tight(fig)
    return fig
