"""Shared figure helpers: saving deterministically, short labels, and untrusted text made safe
for matplotlib (no mathtext: a ``$`` in an article is a dollar sign)."""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.rcParams["text.parse_math"] = False  # article text is untrusted: "$2,000" is not math
matplotlib.rcParams["svg.hashsalt"] = "press-analysis"  # deterministic SVG ids
matplotlib.rcParams["svg.fonttype"] = "none"

import pandas as pd  # noqa: E402

MAX_ROWS = 40  # a figure with one row per item draws at most this many; larger corpora get a summary


def short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def short_label(row: pd.Series) -> str:
    outlet = str(row.get("outlet") or "").strip()
    outlet = outlet if len(outlet) <= 40 else outlet[:37] + "..."
    return f"{row['file']}\n{outlet}" if outlet else str(row["file"])


def save(fig, path: str | Path) -> Path:
    """PNG (and SVG beside it when the name ends in .svg) with no timestamp or software tag,
    so the same data give the same bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    metadata = {"Software": None} if path.suffix == ".png" else {"Date": None, "Creator": None}
    fig.savefig(path, dpi=110, metadata=metadata)
    return path


def tight(fig, **kwargs) -> None:
    """``fig.tight_layout`` without matplotlib's warning when a crowded figure cannot be tightened
    further (the figure is still drawn whole; the warning would land on the report page)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Tight layout not applied", category=UserWarning)
        fig.tight_layout(**kwargs)
