"""The charts' one visual language, from data (``data/style/``): a colour per claimant group
(``claimant_groups.csv``) and a marker per qualifier (``qualifiers.csv``, the same shape as a
matplotlib marker and a Plotly symbol), used alike by the PNG figures and the interactive
charts, so a point looks the same in both. A group the file does not list takes the colour of
``other``. Reads the two files once; writes nothing."""
from __future__ import annotations

from functools import lru_cache

from ..paths import DATA
from ..resources import read_table

STYLE = DATA / "style"
OTHER = "other"
MULTI = "#D55E00"  # an event several articles report (timeline charts)
SINGLE = "#0072B2"  # an event one article reports


@lru_cache(maxsize=None)
def group_colours() -> dict[str, str]:
    return {r["group"]: r["colour"] for r in read_table(STYLE / "claimant_groups.csv")}


def colour(group: str) -> str:
    colours = group_colours()
    return colours.get(group, colours[OTHER])


@lru_cache(maxsize=None)
def _qualifiers() -> dict[str, dict[str, str]]:
    return {r["qualifier"]: r for r in read_table(STYLE / "qualifiers.csv")}


def marker(qualifier: str) -> str:
    """The matplotlib marker of a qualifier (``x`` for one the file does not list)."""
    return _qualifiers().get(qualifier, {}).get("matplotlib", "x")


def symbol(qualifier: str) -> str:
    """The Plotly symbol of a qualifier (``x`` for one the file does not list)."""
    return _qualifiers().get(qualifier, {}).get("plotly", "x")


def label(qualifier: str) -> str:
    return _qualifiers().get(qualifier, {}).get("label", str(qualifier))


def legend_order(qualifiers) -> list[str]:
    """The qualifiers present, one per shape, in the file's order."""
    present = set(qualifiers)
    seen, out = set(), []
    for q, row in _qualifiers().items():
        if q in present and row["plotly"] not in seen:
            seen.add(row["plotly"])
            out.append(q)
    return out + sorted(q for q in present if q not in _qualifiers())
