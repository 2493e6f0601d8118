"""Corpus overview tables for notebook 00."""
from __future__ import annotations

import pandas as pd

from .corpus import Corpus


def article_overview(corpus: Corpus) -> pd.DataFrame:
    """One row per article: metadata, date with evidence, sizes and boilerplate share
    (the share of characters that sit in boilerplate sentences)."""
    sentences = corpus.sentences.assign(n=lambda d: d["end"] - d["start"])
    boiler = sentences[sentences["is_boilerplate"]].groupby("file")["n"].sum()
    content = sentences.groupby("file")["n"].sum()
    frame = corpus.articles.drop(columns=["text"]).copy()
    frame["boilerplate_chars"] = frame["file"].map(boiler).fillna(0).astype(int)
    frame["sentence_chars"] = frame["file"].map(content).fillna(0).astype(int)
    frame["boilerplate_share"] = (frame["boilerplate_chars"] / frame["sentence_chars"]).round(3)
    frame["undated"] = frame["published_source"] == "unknown"
    return frame.sort_values(["published", "file"], na_position="last").reset_index(drop=True)


def boilerplate_sentences(corpus: Corpus) -> pd.DataFrame:
    """Every sentence flagged as boilerplate, with its kind and location."""
    s = corpus.sentences
    return s.loc[s["is_boilerplate"], ["file", "sentence_id", "line", "start", "end", "boilerplate_kind", "text"]]


def boilerplate_by_kind(corpus: Corpus) -> pd.DataFrame:
    """Count of boilerplate sentences per article and kind (articles x kinds)."""
    s = corpus.sentences
    flagged = s[s["is_boilerplate"]]
    table = pd.crosstab(flagged["file"], flagged["boilerplate_kind"])
    table = table.reindex(corpus.articles["file"], fill_value=0)
    table.columns.name = None
    return table
