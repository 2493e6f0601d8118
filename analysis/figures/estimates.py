"""Figure of notebook 02: troop figures over claim date, one panel per scope. Reads the
ledger; returns a matplotlib figure."""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import MaxNLocator

from . import palette, style  # noqa: F401  (style: matplotlib settings for untrusted text)

def estimate_evolution(ledger: pd.DataFrame, scopes: list[str]):
    """Troop figures over claim date, one panel per scope: colour = claimant group,
    marker = qualifier direction (▲ at least / more than, ▼ up to, ● about,
    ■ exact, ◆ range bound; :mod:`.palette`, as in the interactive chart); a hollow marker is a figure from an original (a language the
    coverage translates from), a filled one from a translation or rewrite; each point is
    labelled with its ledger id."""
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
        _draw_points(ax, part)
        ax.set_ylabel(scope.replace("_", " "), fontsize=9)
        ax.grid(alpha=0.3)
        top = part["value"].max()
        ax.set_ylim(0, top * 1.25)
        ax.yaxis.set_major_formatter(matplotlib_ticker_thousands())
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # soldiers are counted whole
    axes[-1, 0].set_xlim(lo - pd.Timedelta(days=2), hi + pd.Timedelta(days=3))
    axes[-1, 0].xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    plt.setp(axes[-1, 0].get_xticklabels(), rotation=30, ha="right")
    groups = sorted(set(frame["claimant_group"]))  # the interactive chart's order
    handles = [Line2D([], [], marker="o", linestyle="", color=palette.colour(g), label=g) for g in groups]
    handles += [Line2D([], [], marker=palette.marker(q), linestyle="", color="white", markeredgecolor="black",
                       label=palette.label(q)) for q in palette.legend_order(frame["qualifier"])]
    if "origin" in frame and (frame["origin"] == "original").any():
        handles += [Line2D([], [], marker="o", linestyle="", color="#888888", label="translation / rewrite"),
                    Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#888888",
                           markeredgewidth=1.6, label="original (hollow)")]
    axes[0, 0].legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    axes[0, 0].set_title("North Korean troops in Russia: figures by claim date (label = ledger id)")
    style.tight(fig)
    return fig


def _draw_points(ax, part: pd.DataFrame) -> None:
    """The panel's points, each labelled with its ledger id; points that would overlap are
    shifted right and their labels up. One scatter call per look (marker, colour, hollow or
    filled), not one per point: a call per point cost seconds per thousand figures."""
    seen: dict[tuple, int] = {}
    looks: dict[tuple, tuple[list, list]] = {}
    top = max(part["value"].max(), 1)
    for r in part.itertuples():
        key = (r.day, round(r.value / top, 1))  # points that would overlap
        offset = seen.get(key, 0)
        seen[key] = offset + 1
        x = pd.Timestamp(r.day) + pd.Timedelta(hours=12 + 5 * offset)
        look = (palette.marker(r.qualifier), palette.colour(r.claimant_group), getattr(r, "origin", "") == "original")
        xs, ys = looks.setdefault(look, ([], []))
        xs.append(x)
        ys.append(r.value)
        ax.annotate(r.figure_id, (x, r.value), xytext=(5, 3 + 9 * offset), textcoords="offset points", fontsize=7)
    for (marker, color, original), (xs, ys) in looks.items():
        ax.scatter(xs, ys, marker=marker, s=70, facecolor="white" if original else color,
                   edgecolor=color if original else "black", linewidth=1.6 if original else 0.5, zorder=3)


def matplotlib_ticker_thousands():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _: f"{v:,.0f}")  # as the interactive chart writes it
