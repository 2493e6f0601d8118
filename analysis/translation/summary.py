"""Per-article garble summary for notebook 03, from a dataset's tables."""
from __future__ import annotations

import pandas as pd

from ..dataset import Dataset  # noqa: F401  (type of the argument)


def garble_summary(ds: Dataset) -> pd.DataFrame:
    """Per article: variant name spellings, findings by kind, and findings per 1,000
    characters of story text (boilerplate excluded)."""
    f = ds.translation_findings
    f = f[~f["is_boilerplate"]]
    m = ds.mentions
    m = m[(m["label"] == "PERSON") & ~m["is_boilerplate"]]
    files = ds.articles["file"]
    table = pd.crosstab(f["file"], f["kind"]) if len(f) else pd.DataFrame()
    table = table.reindex(files, fill_value=0)
    table.columns.name = None
    table["variant_name_mentions"] = m[m["is_variant"]].groupby("file").size().reindex(table.index, fill_value=0)
    table["person_mentions"] = m.groupby("file").size().reindex(table.index, fill_value=0)
    story = ds.sentences[~ds.sentences["is_boilerplate"]]
    chars = (story["end"] - story["start"]).groupby(story["file"]).sum().reindex(table.index, fill_value=0)
    problems = table.drop(columns=["person_mentions"]).sum(axis=1)
    table["problems_per_1000_chars"] = (1000 * problems / chars.where(chars > 0)).round(2)
    return table.reset_index().rename(columns={"index": "file"})
