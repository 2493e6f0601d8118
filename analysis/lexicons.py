"""Load the curated lexicons in ``data/lexicons`` (one CSV each, with a source column)."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from .errors import CorpusError
from .paths import LEXICONS


@lru_cache(maxsize=None)
def load(name: str, directory: Path = LEXICONS) -> tuple[dict[str, str], ...]:
    """Rows of ``data/lexicons/<name>.csv`` as dicts (cached, read-only tuple)."""
    path = directory / f"{name}.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = []
            for row in reader:
                if None in row or None in row.values():
                    raise CorpusError(
                        f"{path}: line {reader.line_num}: expected {len(reader.fieldnames)} fields "
                        "(quote values that contain commas)"
                    )
                rows.append(dict(row))
            return tuple(rows)
    except FileNotFoundError as exc:
        raise CorpusError(f"{path}: lexicon file not found") from exc


def column(name: str, field: str) -> tuple[str, ...]:
    """One column of a lexicon, in file order."""
    return tuple(row[field] for row in load(name))


def mapping(name: str, key: str, value: str, lower: bool = True) -> dict[str, str]:
    """A ``key -> value`` dict from a lexicon (keys lower-cased by default)."""
    return {(row[key].lower() if lower else row[key]): row[value] for row in load(name)}
