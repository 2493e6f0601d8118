"""Per-article rows on disk between the stages: one Parquet file per table, appended batch
by batch, so no stage holds every article's rows in memory; later stages read back only the
columns (or the row groups) they need. Lives in a temporary directory the run removes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..schema import TABLES

# Arrow's own allocators keep freed memory for reuse; the system allocator gives it back, so the
# cross-article stage's peak is what it holds, not what it once touched.
pa.set_memory_pool(pa.system_memory_pool())

ARROW = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "date": pa.date32()}
FLUSH_ROWS = 5_000


def arrow_schema(table: str, extra: list[str] = ()) -> pa.Schema:
    columns = list(TABLES[table].columns) + [(c, "str") for c in extra]
    return pa.schema([(name, ARROW[kind]) for name, kind in columns])


def _clean(rows: list[dict], schema: pa.Schema) -> dict[str, list]:
    """Columns of ``rows`` in schema order, with types the Arrow schema accepts."""
    out = {}
    for field in schema:
        values = [r.get(field.name) for r in rows]
        if field.type == pa.string():
            values = ["" if v is None else str(v) for v in values]
        elif field.type in (pa.int64(), pa.float64()):
            values = [None if v is None or v != v else v for v in values]
            if field.type == pa.int64():
                values = [None if v is None else int(v) for v in values]
        elif field.type == pa.bool_():
            values = [bool(v) for v in values]
        elif field.type == pa.date32():
            values = [v if v not in ("", None) else None for v in values]
        out[field.name] = values
    return out


class Spool:
    def __init__(self, directory: Path, extra_columns: dict[str, list[str]] | None = None):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.extra = extra_columns or {}
        self.buffers: dict[str, list[dict]] = {}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.counts: dict[str, int] = {}
        self._columns: dict[str, frozenset[str]] = {}

    def path(self, table: str) -> Path:
        return self.directory / f"{table}.parquet"

    def schema(self, table: str) -> pa.Schema:
        return arrow_schema(table, self.extra.get(table, []))

    def columns(self, table: str) -> frozenset[str]:
        """The columns a row of ``table`` may carry: its schema's and the run's extra ones."""
        if table not in self._columns:
            if table not in TABLES:
                raise KeyError(f"spool: no table {table!r} in schema.TABLES")
            self._columns[table] = frozenset(self.schema(table).names)
        return self._columns[table]

    def add(self, table: str, rows: list[dict]) -> None:
        """Buffer ``rows`` for ``table``; a key that is no column of it (a misspelt name would
        otherwise leave its column empty) raises a KeyError naming the table and the key."""
        if not rows:
            return
        columns = self.columns(table)
        for row in rows:
            if not columns.issuperset(row):
                unknown = sorted(set(row) - columns)
                raise KeyError(f"spool: table {table!r} has no column {unknown[0]!r} "
                               f"(row keys not in schema.TABLES[{table!r}]: {', '.join(map(repr, unknown))})")
        buffer = self.buffers.setdefault(table, [])
        buffer.extend(rows)
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        if len(buffer) >= FLUSH_ROWS:
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self.buffers.get(table)
        if not rows:
            return
        schema = self.schema(table)
        if table not in self.writers:
            self.writers[table] = pq.ParquetWriter(self.path(table), schema)
        self.writers[table].write_table(pa.table(_clean(rows, schema), schema=schema))
        self.buffers[table] = []

    def close(self) -> None:
        for table in list(self.buffers):
            self._flush(table)
        for writer in self.writers.values():
            writer.close()
        self.writers = {}

    def batches(self, table: str, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
        """The table's rows, one row group at a time, in the order they were added."""
        if not self.path(table).exists():
            yield _empty(self.schema(table), columns)
            return
        handle = pq.ParquetFile(self.path(table))
        for i in range(handle.num_row_groups):
            yield to_pandas(handle.read_row_group(i, columns=columns))

    def arrow(self, table: str, columns: list[str] | None = None) -> pa.Table:
        """The table as Arrow (compact: strings stay in Arrow buffers)."""
        if not self.path(table).exists():
            schema = self.schema(table)
            return schema.empty_table().select(columns) if columns else schema.empty_table()
        return pq.read_table(self.path(table), columns=columns)

    def read(self, table: str, columns: list[str] | None = None) -> pd.DataFrame:
        if not self.path(table).exists():
            return _empty(self.schema(table), columns)
        return to_pandas(pq.read_table(self.path(table), columns=columns))


    def read_files(self, table: str, files, columns: list[str] | None = None) -> pd.DataFrame:
        """The rows of some articles only (a filtered scan: memory holds those rows, not the table)."""
        if not self.path(table).exists() or not files:
            return _empty(self.schema(table), columns)
        return to_pandas(pq.read_table(self.path(table), columns=columns, filters=[("file", "in", sorted(files))]))


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow to pandas with nullable integers and plain Python dates."""
    frame = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get, date_as_object=True)
    return frame


def _empty(schema: pa.Schema, columns: list[str] | None) -> pd.DataFrame:
    return to_pandas(schema.empty_table().select(columns) if columns else schema.empty_table())
