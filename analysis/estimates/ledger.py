"""What notebook 02 shows of the troop estimates: the ledger with short ids, and a reading
generated from it. Reads a dataset's ``troop_estimates``."""
from __future__ import annotations

import pandas as pd

from .. import resources
from ..timex import first_day


def originates(lang) -> bool:
    """A language the coverage translates from (named by another language's ``translated_from``)."""
    sources = {resources.lexicon(code).settings.get("translated_from") for code in resources.supported_languages()}
    return lang in sources
from .lexicon import SCOPES


def ledger(troops: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The troop estimates with a short id per figure (``T01`` ...), the claim day (a week or
    month counts from its first day), in claim order; with ``articles``, each figure's outlet,
    language and ``origin`` (original: in a language the coverage translates from; else
    translation)."""
    t = troops.copy()
    if articles is not None:
        meta = articles[["file", "outlet", "language"]].drop_duplicates("file")
        t = t.merge(meta, on="file", how="left")
        t["origin"] = ["original" if originates(lang) else "translation" for lang in t["language"]]
    t["day"] = [first_day(v) for v in t["claim_date"]]
    t = t.sort_values(["day", "file", "start"], na_position="last").reset_index(drop=True)
    t.insert(0, "figure_id", [f"T{i + 1:02d}" for i in range(len(t))])
    return t


def reading(troops: pd.DataFrame) -> list[str]:
    """A short reading of the evolution, generated from the ledger (no typed numbers)."""
    t = troops[~troops["is_boilerplate"].astype(bool) & troops["value"].notna()].copy()
    if not len(t):
        return ["No troop figures were found in this corpus."]
    t["day"] = [first_day(v) for v in t["claim_date"]]
    t = t.dropna(subset=["day"]).sort_values(["day", "file", "start"])
    lines = [f"{len(t)} troop figures in {t['file'].nunique()} articles, claimed between "
             f"{t['day'].min():%d %B %Y} and {t['day'].max():%d %B %Y}."]
    for scope in SCOPES:
        part = t[t["scope"] == scope]
        if not len(part):
            continue
        first, last = part.iloc[0], part.iloc[-1]
        peak = part.loc[part["value"].idxmax()]
        who = lambda r: r["claimant"] or r["claimant_group"]  # noqa: E731
        text = (f"{scope}: {len(part)} figure{'s' if len(part) != 1 else ''}; first {first['value']:,.0f} "
                f"({first['qualifier']}, {who(first)}, {first['day']:%d %b}), latest {last['value']:,.0f} "
                f"({last['qualifier']}, {who(last)}, {last['day']:%d %b})")
        if peak["value"] not in (first["value"], last["value"]):
            text += f", highest {peak['value']:,.0f} ({who(peak)}, {peak['day']:%d %b})"
        lines.append(text + ".")
    unattributed = (t["claimant_group"] == "unattributed").mean()
    lines.append(f"{unattributed:.0%} of the figures are not attributed to anyone in the text.")
    return lines
