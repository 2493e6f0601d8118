"""A very long article read a section at a time: the rows of its sections joined into one
article's rows.

The per-article stage holds an article's chunk Docs while it analyses them; for an article of
hundreds of thousands of lines that alone would pass a gigabyte. So an article longer than
``SECTION_CHUNKS`` chunks is analysed section by section (each section's Docs freed before the
next is read; the first section dates the article, later ones reuse its record) and the rows
are joined here: sentence ids continue across sections, the article's counts are summed and
its anchors united. What crosses a section boundary (a speaker named in the last sentence of
one section for a figure in the first of the next, "hari itu" for a day named in the section
before) is not linked, and an article without a manifest date is dated from its first section
only (a dateline or time stamp after its first ~200,000 characters is not seen). Reads and
writes nothing.
"""
from __future__ import annotations

from ..schema import TABLES

SECTION_CHUNKS = 10  # chunks of at most 20,000 characters: a section of about 200,000 characters


def _sentence_columns(table: str) -> list[str]:
    return [c for c, kind in TABLES[table].columns if kind == "int" and (c == "sentence_id" or c.endswith("_sentence_id"))]


def join(parts: list[dict[str, list[dict]]]) -> dict[str, list[dict]]:
    """One article's tables from its sections' tables (in text order)."""
    tables = parts[0]
    record = tables["articles"][0]
    base = len(tables.get("sentences", []))
    for part in parts[1:]:
        for name, rows in part.items():
            if name == "articles":
                record["n_sentences"] += rows[0]["n_sentences"]
                record["n_boilerplate"] += rows[0]["n_boilerplate"]
                continue
            if name == "article_anchors":
                _unite(tables.setdefault(name, []), rows)
                continue
            columns = _sentence_columns(name) if name in TABLES else []
            for row in rows:
                for column in columns:
                    if row.get(column) is not None and row[column] >= 0:
                        row[column] += base
            tables.setdefault(name, []).extend(rows)
        base += len(part.get("sentences", []))
    return tables


def _unite(into: list[dict], rows: list[dict]) -> None:
    if not into:
        into.extend(rows)
        return
    for row in rows:
        into[0]["n_sentences"] += row["n_sentences"]
        into[0]["anchors"] = " ".join(sorted(set(into[0]["anchors"].split()) | set(row["anchors"].split())))
