"""Corpus overview for notebook 00, from a dataset's ``articles`` and ``sentences`` tables."""
from __future__ import annotations

import pandas as pd

from .dataset import Dataset


def article_overview(ds: Dataset) -> pd.DataFrame:
    """One row per article: metadata, date with evidence, sizes and boilerplate share
    (the share of characters that sit in boilerplate sentences)."""
    sentences = ds.sentences.assign(n=lambda d: d["end"] - d["start"])
    boiler = sentences[sentences["is_boilerplate"]].groupby("file")["n"].sum()
    content = sentences.groupby("file")["n"].sum()
    frame = ds.articles
    frame["boilerplate_chars"] = frame["file"].map(boiler).fillna(0).astype(int)
    frame["sentence_chars"] = frame["file"].map(content).fillna(0).astype(int)
    frame["boilerplate_share"] = (frame["boilerplate_chars"] / frame["sentence_chars"].where(frame["sentence_chars"] > 0)).round(3)
    frame["undated"] = frame["published_source"] == "unknown"
    return frame.sort_values(["published", "file"], na_position="last").reset_index(drop=True)


def boilerplate_sentences(ds: Dataset) -> pd.DataFrame:
    """Every sentence flagged as boilerplate, with its kind and location."""
    s = ds.sentences
    return s.loc[s["is_boilerplate"], ["file", "sentence_id", "line", "start", "end", "boilerplate_kind", "text"]]


def boilerplate_by_kind(ds: Dataset) -> pd.DataFrame:
    """Count of boilerplate sentences per article and kind (articles x kinds)."""
    s = ds.sentences
    flagged = s[s["is_boilerplate"]]
    table = pd.crosstab(flagged["file"], flagged["boilerplate_kind"])
    table = table.reindex(ds.articles["file"], fill_value=0)
    table.columns.name = None
    return table
