"""Per-article garble summary for notebook 03, from a dataset's tables.

Reads ``translation_findings``, ``divergences``, ``article_pairs``, ``mentions``, ``sentences``
and ``articles``; returns one row per article. A finding that compares two articles (one
statement rendered two ways, one person titled two ways) is charged to the article that
garbled it: the one that derives from the other (``article_pairs``), else the later published
of the two (a rendering never precedes what it renders), never the source. Divergences
count against the derived article they are found in (``rendering_changes``: what it changed,
not what it left out or added).
"""
from __future__ import annotations

import pandas as pd

from ..dataset import Dataset  # noqa: F401  (type of the argument)

NOT_GARBLES = {"omitted", "added"}  # a rewrite cuts and adds by design: not a garble


def garble_summary(ds: Dataset) -> pd.DataFrame:
    """Per article: variant name spellings, findings by kind, rendering changes, and problems
    per 1,000 characters of story text (boilerplate excluded)."""
    f = ds.translation_findings
    f = _charged(f[~f["is_boilerplate"]], ds)
    m = ds.mentions
    m = m[(m["label"] == "PERSON") & ~m["is_boilerplate"]]
    files = ds.articles["file"]
    table = pd.crosstab(f["file"], f["kind"]) if len(f) else pd.DataFrame()
    table = table.reindex(files, fill_value=0)
    table.columns.name = None
    table["variant_name_mentions"] = m[m["is_variant"]].groupby("file").size().reindex(table.index, fill_value=0)
    d = getattr(ds, "divergences", None)
    changes = d[~d["kind"].isin(NOT_GARBLES)] if d is not None and len(d) else pd.DataFrame(columns=["file"])
    table["rendering_changes"] = changes.groupby("file").size().reindex(table.index, fill_value=0)
    table["person_mentions"] = m.groupby("file").size().reindex(table.index, fill_value=0)
    story = ds.sentences[~ds.sentences["is_boilerplate"]]
    chars = (story["end"] - story["start"]).groupby(story["file"]).sum().reindex(table.index, fill_value=0)
    problems = table.drop(columns=["person_mentions"]).sum(axis=1)
    table["problems_per_1000_chars"] = (1000 * problems / chars.where(chars > 0)).round(2)
    return table.reset_index().rename(columns={"index": "file"})


def _charged(findings: pd.DataFrame, ds: Dataset) -> pd.DataFrame:
    """The findings with ``file`` set to the article each is charged to (see the module docstring)."""
    if not len(findings) or "other_file" not in findings:
        return findings
    pairs = getattr(ds, "article_pairs", None)
    derives = set(zip(pairs["file"], pairs["source_file"])) if pairs is not None and len(pairs) else set()
    published = dict(zip(ds.articles["file"], ds.articles["published"]))

    def charged(file, other):
        if not isinstance(other, str) or not other or other == file:
            return file
        if (other, file) in derives:
            return other
        if (file, other) in derives:
            return file
        a, b = published.get(file), published.get(other)
        if a is not None and b is not None and a == a and b == b and str(b) > str(a):
            return other
        return file

    return findings.assign(file=[charged(f, o) for f, o in zip(findings["file"], findings["other_file"])])
