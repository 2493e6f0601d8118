"""Figure of notebook 03: which spelling each article uses for each person. Reads
``mentions``; returns a matplotlib figure."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import style  # noqa: F401  (matplotlib settings for untrusted text)
from .style import MAX_ROWS, short

MAX_COLUMNS = 30

KIND_COLORS = {"": "#FFFFFF", "standard": "#D9F0D3", "surname": "#EEF6EA", "transliteration": "#FDD49E",
               "mistranslation": "#FDAE61", "misspelling": "#FC8D59", "substitution": "#D7301F"}


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
    entities = list(order.index)[:MAX_ROWS]
    if len(files) > MAX_COLUMNS:  # the articles with the most variant spellings, in their own order
        variants = m[m["is_variant"].astype(bool)].groupby("file").size()
        keep = set(sorted(files, key=lambda f: (-variants.get(f, 0), f))[:MAX_COLUMNS])
        files = [f for f in files if f in keep]
    m = m[m["canonical"].isin(entities) & m["file"].isin(files)]
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
        surfaces = sorted(set(worst["name"]), key=lambda s: (-len(s), s))  # ties broken by text: deterministic
        texts[i][j] = "\n".join(short(x, 22) for x in surfaces[:3]) + ("\n…" if len(surfaces) > 3 else "")
    lines = max((t.count("\n") + 1 for row in texts for t in row if t), default=1)
    fig, ax = plt.subplots(figsize=(1.6 * max(len(files), 3) + 2.5, (0.25 + 0.14 * lines) * max(len(entities), 2) + 1.8))
    ax.imshow(grid, cmap=ListedColormap(list(KIND_COLORS.values())), vmin=0, vmax=len(kinds) - 1, aspect="auto")
    for i in range(len(entities)):
        for j in range(len(files)):
            if texts[i][j]:
                ax.text(j, i, texts[i][j], ha="center", va="center", fontsize=6.5)
    ax.set_xticks(range(len(files)), [short(f, 18) for f in files], rotation=30, ha="right", fontsize=7)
    ax.set_yticks(range(len(entities)), entities, fontsize=8)
    ax.set_xticks([x - 0.5 for x in range(1, len(files))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(entities))], minor=True)
    ax.grid(which="minor", color="#DDDDDD")
    ax.tick_params(which="minor", length=0)
    ax.legend(handles=[Patch(color=c, label=k) for k, c in KIND_COLORS.items() if k],
              loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False, title="spelling")
    ax.set_title("Which spelling each article uses for each person"
                 + (f" (the {len(entities)} most mentioned people, {len(files)} articles with the most variants)"
                    if len(order) > len(entities) or len(files) == MAX_COLUMNS else ""))
    style.tight(fig)
    return fig
