"""Write a dataset: the tables (CSV, and Parquet copies on request) and ``dataset.json``.

:func:`check_output` refuses an unusable output directory before any work starts
(:mod:`analysis.outdir`: the dataset is written into a staging directory and swapped in whole);
:class:`DatasetWriter` writes each table atomically from a frame or a stream of frames and
finally the description (``dataset.json``: corpus fingerprint, article count, package
versions, creation time, tables with row counts and columns, options). Read it back with
:mod:`analysis.dataset`.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import __version__, resources
from ..atomic import atomic_write, csv_text
from ..outdir import check_target
from ..schema import META, TABLES, dataset_tables

WRITE_ROWS = 20_000


def check_output(out: Path, corpus: Path | None = None) -> Path:
    """Refuse an unusable output directory before any work starts (one-line InputError): a
    file, the corpus or a folder holding it, a folder of files that are not a dataset."""
    return check_target(out, is_dataset, "the dataset", corpus)


def is_dataset(path: Path) -> bool:
    """A folder the project wrote: ``dataset.json`` and nothing but the tables (those of this
    version and those its ``dataset.json`` lists), their Parquet copies and hidden temporary files."""
    meta = path / META
    if not meta.is_file():
        return False
    try:
        listed = set(json.loads(meta.read_text(encoding="utf-8")).get("tables", {}))
    except (ValueError, OSError, AttributeError):
        return False
    tables = {*dataset_tables(), *listed}
    names = {f"{t}.csv" for t in tables} | {META, "parquet"}
    if not all(p.name in names or _temporary(p.name) for p in path.iterdir()):
        return False
    parquet = path / "parquet"
    return not parquet.is_dir() or all(p.name in {f"{t}.parquet" for t in tables} or _temporary(p.name)
                                       for p in parquet.iterdir())


def _temporary(name: str) -> bool:
    """A temporary file or folder an extraction of this project leaves while it writes."""
    return name.startswith((".spool", ".write-test-")) or (name.startswith(".") and name.endswith(".tmp"))


@dataclass
class DatasetWriter:
    out: Path
    formats: tuple[str, ...] = ("csv",)
    safe_csv: bool = False
    tables: dict[str, dict] = field(default_factory=dict)

    def write(self, name: str, frames: Iterable[pd.DataFrame] | pd.DataFrame, columns: list[str] | None = None) -> int:
        """Write one table from a frame or a stream of frames (same columns); returns the row count."""
        if isinstance(frames, pd.DataFrame):
            frames = [frames]
        columns = columns or TABLES[name].names
        count = 0
        parquet = None
        if "parquet" in self.formats:
            import pyarrow as pa
            import pyarrow.parquet as pq

            (self.out / "parquet").mkdir(exist_ok=True)
            ptarget = self.out / "parquet" / f"{name}.parquet"
            ptmp = ptarget.with_name(f".{ptarget.name}.{os.getpid()}.tmp")

        def write_csv(handle):
            nonlocal count, parquet
            first = True
            for frame in _pieces(frames):
                frame = frame.reindex(columns=columns)
                handle.write(csv_text(frame, header=first, safe=self.safe_csv))
                first = False
                count += len(frame)
                if "parquet" in self.formats and len(frame):
                    table = pa.Table.from_pandas(_for_arrow(frame), preserve_index=False)
                    if parquet is None:
                        parquet = pq.ParquetWriter(ptmp, table.schema)
                    parquet.write_table(table.cast(parquet.schema))
            if first:
                handle.write(csv_text(pd.DataFrame(columns=columns), header=True))

        atomic_write(self.out / f"{name}.csv", write_csv)
        if "parquet" in self.formats:
            if parquet is not None:
                parquet.close()
                os.replace(ptmp, ptarget)
            else:
                empty = pa.Table.from_pandas(_for_arrow(pd.DataFrame(columns=columns)), preserve_index=False)
                pq.write_table(empty, ptarget)
        self.tables[name] = {"rows": count, "columns": list(columns), "row": TABLES[name].row}
        return count

    def finish(self, corpus: dict, seconds: float, options: dict) -> Path:
        meta = {
            "format": 1,
            "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
            "corpus": corpus,
            "n_articles": self.tables.get("articles", {}).get("rows", 0),
            "versions": versions(),
            "resources": resources.fingerprint(),
            "options": dict(options, formats=list(self.formats), safe_csv=self.safe_csv),
            "seconds": round(seconds, 2),
            "tables": self.tables,
        }
        atomic_write(self.out / META, lambda h: h.write(json.dumps(meta, indent=1, ensure_ascii=False) + "\n"))
        return self.out / META


def _pieces(frames: Iterable[pd.DataFrame], rows: int = WRITE_ROWS) -> Iterable[pd.DataFrame]:
    """Frames cut into pieces of at most ``rows`` rows (the CSV text of one piece is in memory at a time)."""
    for frame in frames:
        for start in range(0, max(len(frame), 1), rows):
            yield frame.iloc[start:start + rows]


def _for_arrow(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: None if v is None or (isinstance(v, float) and v != v) else
                                          (v.isoformat() if isinstance(v, (dt.date, pd.Timestamp)) else v))
    return out


def versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {"python": sys.version.split()[0], "analysis": __version__}
    for package in ("spacy", "pandas", "pyarrow", "rapidfuzz", "dask", "distributed"):
        try:
            out[package] = md.version(package)
        except md.PackageNotFoundError:
            pass
    return out
