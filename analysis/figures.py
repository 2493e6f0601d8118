"""Matplotlib figures used by the notebooks (deterministic: no timestamps)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from .timeline import value_range

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

SOURCE_MARKERS = {"manifest": ("o", "date from manifest"), "inferred": ("D", "date inferred from text/URL")}


def _label(row: pd.Series) -> str:
    outlet = str(row.get("outlet") or "").strip()
    outlet = outlet if len(outlet) <= 40 else outlet[:37] + "..."
    return f"{row['file']}\n{outlet}" if outlet else str(row["file"])


def publication_dates(overview: pd.DataFrame):
    """One row per article on a date axis; marker = how the date was established.
    Undated articles are listed under the axis rather than dropped."""
    dated = overview[overview["published"].notna()].reset_index(drop=True)
    undated = overview[overview["published"].isna()]
    fig, ax = plt.subplots(figsize=(10, 0.55 * max(len(dated), 2) + 1.8))
    for source, (marker, label) in SOURCE_MARKERS.items():
        part = dated[dated["published_source"] == source]
        if len(part):
            ax.scatter(part["published"], part.index, marker=marker, s=60, label=label, zorder=3)
    for i, row in dated.iterrows():
        ax.annotate(row["published"].strftime("%a %d %b"), (row["published"], i), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize=8)
    ax.set_yticks(range(len(dated)), [_label(r) for _, r in dated.iterrows()], fontsize=8)
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
    fig.tight_layout(rect=(0, 0.04 * (names.count("\n") + 1) if len(undated) else 0, 1, 1))
    return fig


def article_lengths(overview: pd.DataFrame):
    """Characters per article, split into story text and boilerplate."""
    frame = overview.reset_index(drop=True)
    story = frame["sentence_chars"] - frame["boilerplate_chars"]
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(frame), 2) + 1.2))
    ax.barh(frame.index, story, label="story text", color="#4C72B0")
    ax.barh(frame.index, frame["boilerplate_chars"], left=story, label="boilerplate", color="#DD8452")
    ax.set_yticks(frame.index, frame["file"].astype(str), fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.set_title("Article length and boilerplate")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def save(fig, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110, metadata={"Software": None})
    return path


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def event_timeline(events: pd.DataFrame, published: pd.Series | None = None, label_chars: int = 70,
                   context_days: int = 60):
    """One row per event in date order (so labels never overlap): a dot for a day,
    a bar for a week or month; marker size = number of outlets reporting it.
    The axis covers the coverage window (``context_days`` before the first
    publication onward); older background events are pinned to the left edge with
    their date written out."""
    frame = events.dropna(subset=["start_date"]).reset_index(drop=True)
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
        color = "#C44E52" if row["n_files"] > 1 else "#4C72B0"
        outlets = f" [{row['n_files']} outlets]" if row["n_files"] > 1 else ""
        label = f"{row['event_id']} {_short(row['summary'], label_chars)}{outlets}"
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
    ax.set_title("Events in the coverage (dot: a day; bar: a week or month; red: reported by several outlets)")
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    fig.tight_layout()
    return fig


def article_freshness(reports: pd.DataFrame, articles: pd.DataFrame, window_days: int = 60):
    """How stale or fresh each article is: the dates of the events it reports, in
    days relative to its own publication date (0 = publication day; negative =
    before). Day events are dots, week/month events bars; anything beyond
    ``window_days`` is pinned to the edge as an arrow. The label gives the median
    lag of the article's day-level events."""
    arts = articles[articles["published"].notna()].sort_values(["published", "file"]).reset_index(drop=True)
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
    fig.tight_layout()
    return fig


KIND_COLORS = {"": "#FFFFFF", "standard": "#D9F0D3", "surname": "#EEF6EA", "transliteration": "#FDD49E",
               "misspelling": "#FC8D59", "substitution": "#D7301F"}


def spelling_matrix(mentions: pd.DataFrame, files: list[str], label: str = "PERSON"):
    """Entity x article: the spelling each article uses for each entity (its
    fullest form there), coloured by variant kind; blank = not mentioned."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    m = mentions[(mentions["label"] == label) & ~mentions["is_boilerplate"].astype(bool)]
    if not len(m):
        fig, ax = plt.subplots(figsize=(6, 1.5))
        ax.text(0.5, 0.5, f"no {label} mentions in this corpus", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    order = m.groupby("canonical")["file"].nunique().sort_values(ascending=False, kind="stable")
    entities = list(order.index)
    kinds = list(KIND_COLORS)
    grid = [[0] * len(files) for _ in entities]
    texts = [[""] * len(files) for _ in entities]
    for (canonical, file), part in m.groupby(["canonical", "file"]):
        if file not in files:
            continue
        worst = part.loc[part["is_variant"].astype(bool)] if part["is_variant"].astype(bool).any() else part
        shown = worst.loc[worst["name"].str.len().idxmax()]
        i, j = entities.index(canonical), files.index(file)
        grid[i][j] = kinds.index(shown["variant_kind"] or "standard")
        surfaces = sorted(set(worst["name"]), key=len, reverse=True)
        texts[i][j] = "\n".join(_short(x, 22) for x in surfaces[:3]) + ("\n…" if len(surfaces) > 3 else "")
    lines = max((t.count("\n") + 1 for row in texts for t in row if t), default=1)
    fig, ax = plt.subplots(figsize=(1.6 * max(len(files), 3) + 2.5, (0.25 + 0.14 * lines) * max(len(entities), 2) + 1.8))
    ax.imshow(grid, cmap=ListedColormap(list(KIND_COLORS.values())), vmin=0, vmax=len(kinds) - 1, aspect="auto")
    for i in range(len(entities)):
        for j in range(len(files)):
            if texts[i][j]:
                ax.text(j, i, texts[i][j], ha="center", va="center", fontsize=6.5)
    ax.set_xticks(range(len(files)), [_short(f, 18) for f in files], rotation=30, ha="right", fontsize=7)
    ax.set_yticks(range(len(entities)), entities, fontsize=8)
    ax.set_xticks([x - 0.5 for x in range(1, len(files))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(entities))], minor=True)
    ax.grid(which="minor", color="#DDDDDD")
    ax.tick_params(which="minor", length=0)
    ax.legend(handles=[Patch(color=c, label=k) for k, c in KIND_COLORS.items() if k],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, title="spelling")
    ax.set_title("Which spelling each article uses for each person")
    fig.tight_layout()
    return fig


GROUP_COLORS = {"US": "#1f77b4", "South Korea": "#d62728", "Ukraine": "#e6b800", "NATO": "#17becf",
                "Russia": "#7f7f7f", "North Korea": "#8c564b", "other": "#9467bd", "unattributed": "#bbbbbb"}
QUALIFIER_MARKERS = {"at_least": ("^", "≥"), "more_than": ("^", "≥"), "up_to": ("v", "≤"), "less_than": ("v", "≤"),
                     "approx": ("o", "≈"), "exact": ("s", "="), "range_low": ("d", "range"), "range_high": ("d", "range")}


def estimate_evolution(ledger: pd.DataFrame, scopes: list[str]):
    """Troop figures over claim date, one panel per scope: colour = claimant group,
    marker = qualifier direction (▲ at least / more than, ▼ up to, ● about,
    ■ exact, ◆ range bound); each point is labelled with its ledger id."""
    from matplotlib.lines import Line2D

    frame = ledger.dropna(subset=["value", "day"])
    present = [s for s in scopes if (frame["scope"] == s).any()]
    if not present:
        fig, ax = plt.subplots(figsize=(6, 1.5))
        ax.text(0.5, 0.5, "no dated troop figures", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    fig, axes = plt.subplots(len(present), 1, figsize=(10, 2.6 * len(present) + 0.8), sharex=True, squeeze=False)
    lo, hi = pd.Timestamp(frame["day"].min()), pd.Timestamp(frame["day"].max())
    for ax, scope in zip(axes[:, 0], present):
        part = frame[frame["scope"] == scope].sort_values(["day", "value"])
        seen: dict[tuple, int] = {}
        for r in part.itertuples():
            key = (r.day, round(r.value / max(part["value"].max(), 1), 1))  # points that would overlap
            offset = seen.get(key, 0)
            seen[key] = offset + 1
            x = pd.Timestamp(r.day) + pd.Timedelta(hours=12 + 5 * offset)
            marker = QUALIFIER_MARKERS.get(r.qualifier, ("x", "?"))[0]
            ax.scatter(x, r.value, marker=marker, s=70, color=GROUP_COLORS.get(r.claimant_group, "#333333"),
                       edgecolor="black", linewidth=0.5, zorder=3)
            ax.annotate(r.figure_id, (x, r.value), xytext=(5, 3 + 9 * offset), textcoords="offset points", fontsize=7)
        ax.set_ylabel(scope.replace("_", " "), fontsize=9)
        ax.grid(alpha=0.3)
        top = part["value"].max()
        ax.set_ylim(0, top * 1.25)
        ax.yaxis.set_major_formatter(matplotlib_ticker_thousands())
    axes[-1, 0].set_xlim(lo - pd.Timedelta(days=2), hi + pd.Timedelta(days=3))
    axes[-1, 0].xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    plt.setp(axes[-1, 0].get_xticklabels(), rotation=30, ha="right")
    groups = [g for g in GROUP_COLORS if (frame["claimant_group"] == g).any()]
    handles = [Line2D([], [], marker="o", linestyle="", color=GROUP_COLORS[g], label=g) for g in groups]
    used = dict.fromkeys(QUALIFIER_MARKERS[q] for q in frame["qualifier"] if q in QUALIFIER_MARKERS)
    handles += [Line2D([], [], marker=m, linestyle="", color="white", markeredgecolor="black", label=label)
                for m, label in used]
    axes[0, 0].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    axes[0, 0].set_title("North Korean troops in Russia: figures by claim date (label = ledger id)")
    fig.tight_layout()
    return fig


def matplotlib_ticker_thousands():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", "."))
