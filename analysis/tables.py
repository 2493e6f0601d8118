"""The tidy tables ``python -m analysis extract`` writes.

``TABLES`` maps a table name to a function ``corpus -> DataFrame``; later layers
add theirs with :func:`register` so ``extract`` writes them too. Every table that
comes from text carries ``file``, ``start`` and ``end`` (character offsets into the
article text) so each row can be checked against its source.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pandas as pd

from .corpus import Corpus

TableBuilder = Callable[[Corpus], pd.DataFrame]
TABLES: dict[str, TableBuilder] = {}


def register(name: str) -> Callable[[TableBuilder], TableBuilder]:
    def decorator(builder: TableBuilder) -> TableBuilder:
        TABLES[name] = builder
        return builder
    return decorator


@register("articles")
def articles_table(corpus: Corpus) -> pd.DataFrame:
    """One row per article, without its text."""
    return corpus.articles.drop(columns=["text"])


@register("sentences")
def sentences_table(corpus: Corpus) -> pd.DataFrame:
    return corpus.sentences


def extract(corpus: Corpus) -> dict[str, pd.DataFrame]:
    return {name: builder(corpus) for name, builder in TABLES.items()}


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """UTF-8 CSV with a header row; dates as YYYY-MM-DD; no index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8", date_format="%Y-%m-%d", lineterminator="\n")
    return path


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    return [write_csv(frame, Path(out) / f"{name}.csv") for name, frame in tables.items()]
