"""Figures of notebook 00: publication dates with their evidence, article lengths. Read a
dataset's ``articles`` overview; return matplotlib figures."""
from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from . import style
from .style import (  # also applies the matplotlib settings for untrusted text
    MAX_ROWS,
    short_label,
)

SOURCE_MARKERS = {"manifest": ("o", "date from manifest"), "inferred": ("D", "date inferred from text/URL")}


def publication_dates(overview: pd.DataFrame):
    """One row per article on a date axis; marker = how the date was established.
    Undated articles are listed under the axis rather than dropped."""
    dated = overview[overview["published"].notna()].reset_index(drop=True)
    undated = overview[overview["published"].isna()]
    if len(dated) > MAX_ROWS:
        return _articles_per_day(dated, undated)
    fig, ax = plt.subplots(figsize=(10, 0.55 * max(len(dated), 2) + 1.8))
    for source, (marker, label) in SOURCE_MARKERS.items():
        part = dated[dated["published_source"] == source]
        if len(part):
            ax.scatter(part["published"], part.index, marker=marker, s=60, label=label, zorder=3)
    for i, row in dated.iterrows():
        ax.annotate(row["published"].strftime("%a %d %b"), (row["published"], i), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(range(len(dated)), [short_label(r) for _, r in dated.iterrows()], fontsize=8)
    ax.set_ylim(len(dated) - 0.5, -0.5)
    ax.grid(axis="x", alpha=0.3)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=10))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    if len(dated):
        lo, hi = dated["published"].min(), dated["published"].max()
        pad = max((hi - lo) * 0.12, pd.Timedelta(days=1))
        ax.set_xlim(lo - pad, hi + 2 * pad)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    ax.set_title("When each article was published")
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    if len(undated):
        names = textwrap.fill("Undated (kept, flagged): " + ", ".join(undated["file"].astype(str)), 140)
        fig.text(0.01, 0.01, names, fontsize=8, color="firebrick", va="bottom")
    style.tight(fig, rect=(0, 0.04 * (names.count("\n") + 1) if len(undated) else 0, 1, 1))
    return fig


def _articles_per_day(dated: pd.DataFrame, undated: pd.DataFrame):
    """A large corpus: articles per publication day, stacked by how the date was established."""
    counts = dated.groupby([dated["published"].dt.normalize(), "published_source"]).size().unstack(fill_value=0)
    fig, ax = plt.subplots(figsize=(11, 4))
    bottom = None
    for source in sorted(counts.columns):
        label = SOURCE_MARKERS.get(source, (None, source))[1]
        ax.bar(counts.index, counts[source], bottom=bottom, width=0.8, label=label)
        bottom = counts[source] if bottom is None else bottom + counts[source]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    ax.set_ylabel("articles")
    ax.set_title(f"Articles per publication day ({len(dated):,} dated, {len(undated):,} undated, kept and flagged)")
    ax.legend(fontsize=8, frameon=False)
    style.tight(fig)
    return fig


def article_lengths(overview: pd.DataFrame):
    """Characters per article, split into story text and boilerplate (a histogram for a large corpus)."""
    frame = overview.reset_index(drop=True)
    story = frame["sentence_chars"] - frame["boilerplate_chars"]
    if len(frame) > MAX_ROWS:
        fig, ax = plt.subplots(figsize=(9, 3.5))
        ax.hist([story, frame["boilerplate_chars"]], bins=30, label=["story text", "boilerplate"],
                color=["#4C72B0", "#DD8452"])
        ax.set_xlabel("characters per article")
        ax.set_ylabel("articles")
        ax.set_title(f"Article length and boilerplate ({len(frame):,} articles)")
        ax.legend(fontsize=8)
        style.tight(fig)
        return fig
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(frame), 2) + 1.2))
    ax.barh(frame.index, story, label="story text", color="#4C72B0")
    ax.barh(frame.index, frame["boilerplate_chars"], left=story, label="boilerplate", color="#DD8452")
    ax.set_yticks(frame.index, frame["file"].astype(str), fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.set_title("Article length and boilerplate")
    ax.legend(loc="lower right", fontsize=8)
    style.tight(fig)
    return fig
