"""The ledger notebook 02 shows: the troop estimates with short ids, claim days and where each
figure comes from. Reads a dataset's ``troop_estimates`` and ``articles``."""
from __future__ import annotations

import pandas as pd

from .. import resources
from ..timex import first_day


def originates(lang) -> bool:
    """A language the coverage translates from (named by another language's ``translated_from``)."""
    sources = {resources.lexicon(code).settings.get("translated_from") for code in resources.supported_languages()}
    return lang in sources


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
