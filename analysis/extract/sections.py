"""A very long article read a section at a time: the rows of its sections joined into one
article's rows, packed as they come so memory stays flat however long the article.

The per-article stage holds an article's chunk Docs while it analyses them; for an article of
hundreds of thousands of lines that alone would pass a gigabyte, and so would its rows kept as
Python dicts until the article ends. So an article longer than ``SECTION_CHUNKS`` chunks is
analysed section by section (each section's Docs freed before the next is read; the first
section dates the article, later ones reuse its record) and :class:`Joiner` joins the rows:
sentence ids continue across sections, the article's counts are summed and its anchors united,
and every other table's rows are packed section by section as compressed Parquet bytes
(:class:`Packed`, picklable: it travels back from a worker process or a Dask worker as it is),
unpacked one section at a time when they are spooled. What crosses a section boundary (a
speaker named in the last sentence of one section for a figure in the first of the next, "hari
itu" for a day named in the section before) is not linked, and an article without a manifest
date is dated from its first section only (a dateline or time stamp after its first ~200,000
characters is not seen). Reads and writes nothing.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from ..schema import TABLES
from .spool import _clean, arrow_schema

SECTION_CHUNKS = 10  # chunks of at most 20,000 characters: a section of about 200,000 characters
PIPE_BATCH = 2  # chunks of a sectioned article per nlp.pipe batch (a batch's activations grow with its characters)


def _sentence_columns(table: str) -> list[str]:
    return [c for c, kind in TABLES[table].columns if kind == "int" and (c == "sentence_id" or c.endswith("_sentence_id"))]


class Packed:
    """One table's rows of a sectioned article: a section's rows as one compressed Parquet
    buffer (typed as the spool types them), read back a section at a time."""

    def __init__(self, table: str):
        self.table = table
        self.parts: list[bytes] = []
        self.rows = 0

    def add(self, rows: list[dict]) -> None:
        if not rows:
            return
        schema = arrow_schema(self.table)
        sink = pa.BufferOutputStream()
        pq.write_table(pa.table(_clean(rows, schema), schema=schema), sink, compression="zstd")
        self.parts.append(sink.getvalue().to_pybytes())
        self.rows += len(rows)

    def __len__(self) -> int:
        return self.rows

    def sections(self) -> Iterator[list[dict]]:
        for part in self.parts:
            yield pq.read_table(pa.BufferReader(part)).to_pylist()

    def __iter__(self) -> Iterator[dict]:
        for rows in self.sections():
            yield from rows


def parts_of(rows: list[dict] | Packed) -> Iterable[list[dict]]:
    """A table's rows of one article in pieces a section long at most (one piece if not packed)."""
    return rows.sections() if isinstance(rows, Packed) else [rows]


class Joiner:
    """One article's tables from its sections' tables, added in text order."""

    def __init__(self):
        self.tables: dict[str, list[dict] | Packed] = {}
        self.base = 0  # sentences of the sections before

    def add(self, part: dict[str, list[dict]]) -> None:
        if "articles" not in self.tables:
            self.tables["articles"] = part["articles"]
        else:
            record = self.tables["articles"][0]
            record["n_sentences"] += part["articles"][0]["n_sentences"]
            record["n_boilerplate"] += part["articles"][0]["n_boilerplate"]
        for name, rows in part.items():
            if name == "articles":
                continue
            if name == "article_anchors":
                _unite(self.tables.setdefault(name, []), rows)
                continue
            columns = _sentence_columns(name) if name in TABLES else []
            for row in rows:
                for column in columns:
                    if row.get(column) is not None and row[column] >= 0:
                        row[column] += self.base
            self.tables.setdefault(name, Packed(name)).add(rows)
        self.base += len(part.get("sentences", []))


def _unite(into: list[dict], rows: list[dict]) -> None:
    if not into:
        into.extend(rows)
        return
    for row in rows:
        into[0]["n_sentences"] += row["n_sentences"]
        into[0]["anchors"] = " ".join(sorted(set(into[0]["anchors"].split()) | set(row["anchors"].split())))
