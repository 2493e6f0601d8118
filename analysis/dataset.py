"""A dataset: the tables one extraction wrote, and how to write, read and describe them.

A dataset is a directory holding one CSV per table (``articles.csv`` ... see
:mod:`analysis.schema`), optional Parquet copies (``parquet/<table>.parquet``), and
``dataset.json`` (corpus fingerprint, article count, package versions, creation time, the
tables with their row counts and columns, and how the CSV was written). Every file is
written to a temporary name and renamed into place, so a reader never sees half a table;
``dataset.json`` is written last. :func:`load` is the one call a notebook makes: given a
dataset it reads it; given a corpus it extracts it once and caches it by fingerprint.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import __version__, resources
from .errors import InputError
from .paths import CACHE, ROOT
from .schema import TABLES, dataset_tables

META = "dataset.json"
UMASK = os.umask(0)
os.umask(UMASK)
FORMULA_START = ("=", "+", "-", "@")


# --------------------------------------------------------------------------- writing


def check_output(out: Path) -> Path:
    """Refuse an unusable output directory before any work starts (one-line InputError)."""
    out = Path(out).expanduser().absolute()
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: --out is an existing file, not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the output directory ({exc.strerror})") from None
    try:
        probe = tempfile.NamedTemporaryFile(dir=out, prefix=".write-test-", delete=True)
        probe.close()
    except OSError as exc:
        raise InputError(f"{out}: output directory is not writable ({exc.strerror})") from None
    for name in [*dataset_tables(), "dataset.json", "parquet"]:
        target = out / (name if "." in name or name == "parquet" else f"{name}.csv")
        if target.is_dir() and name != "parquet":
            raise InputError(f"{target}: a directory is in the way of the table {name!r}")
        if name == "parquet" and target.exists() and not target.is_dir():
            raise InputError(f"{target}: a file is in the way of the parquet/ directory")
    return out


def escape_formula(value):
    """Spreadsheet-safe cell: text starting with = + - @ gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame, header: bool, safe: bool = False) -> str:
    if safe and len(frame):
        frame = frame.copy()
        for column in frame.columns:
            if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
                frame[column] = frame[column].map(escape_formula)
    return frame.to_csv(index=False, header=header, date_format="%Y-%m-%d", lineterminator="\n")


def atomic_write(target: Path, write) -> None:
    """Call ``write(handle)`` on a temporary file beside ``target``, then rename it into place."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.chmod(tmp, 0o666 & ~UMASK)  # mkstemp makes 0600; a table is as readable as any file the user writes
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            write(handle)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
            for frame in frames:
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


# --------------------------------------------------------------------------- reading


def _typed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    types = TABLES[name].types() if name in TABLES else {}
    for column in frame.columns:
        kind = types.get(column, "str")
        values = frame[column]
        if kind == "int":
            frame[column] = pd.to_numeric(values.replace("", None)).astype("Int64")
        elif kind == "float":
            frame[column] = pd.to_numeric(values.replace("", None)).astype(float)
        elif kind == "bool":
            frame[column] = values.map({"True": True, "False": False, "true": True, "false": False, "": False})
            frame[column] = frame[column].astype(bool)
        elif kind == "date":
            frame[column] = pd.to_datetime(values.replace("", None), format="%Y-%m-%d")
    return frame


class Dataset:
    """The tables of one extraction, read on first use (see :func:`load`)."""

    def __init__(self, path: str | Path):
        self.path = Path(path).expanduser().resolve()
        meta = self.path / META
        if not meta.is_file():
            raise InputError(f"{self.path}: not a dataset (no {META}); run `python -m analysis extract` first")
        try:
            self.meta = json.loads(meta.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{meta}: line {exc.lineno}, column {exc.colno}: malformed dataset description") from None
        self._tables: dict[str, pd.DataFrame] = {}

    def __repr__(self) -> str:
        return f"Dataset({str(self.path)!r}, {self.meta.get('n_articles')} articles)"

    @property
    def names(self) -> list[str]:
        return list(self.meta.get("tables", {}))

    def table(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame, read from its CSV and typed from :mod:`analysis.schema`
        (a copy is yours to change). Parquet copies are for other tools."""
        if name not in self._tables:
            if name not in self.meta.get("tables", {}):
                raise KeyError(f"{name!r} is not a table of {self.path} (tables: {', '.join(self.names)})")
            frame = pd.read_csv(self.path / f"{name}.csv", dtype=str, keep_default_na=False)
            if self.meta.get("options", {}).get("safe_csv"):
                frame = frame.map(lambda v: v[1:] if isinstance(v, str) and v[:2] in {"'" + c for c in FORMULA_START}
                                  else v)
            self._tables[name] = _typed(frame, name)
        return self._tables[name].copy()

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in TABLES:
            raise AttributeError(name)
        return self.table(name)

    @property
    def corpus_root(self) -> Path:
        return Path(self.meta["corpus"]["root"])

    def text(self, file: str) -> str:
        """An article's text, read from the corpus (checked against the dataset's fingerprint of it)."""
        from .corpus import read_article

        article = self._article_files().get(file)
        if article is None:
            raise KeyError(f"{file!r} is not an article of this dataset")
        if article not in self._texts:
            self._texts.clear()  # keep one text at a time
            self._texts[article] = read_article(self.corpus_root / file, self.meta["options"].get("clean_control", False))[0]
        return self._texts[article]

    @cached_property
    def _texts(self) -> dict:
        return {}

    def _article_files(self) -> dict[str, str]:
        if "_files" not in self._tables:
            self._tables["_files"] = self.table("articles")[["file"]]
        return {f: f for f in self._tables["_files"]["file"]}

    def describe(self) -> pd.DataFrame:
        """One row per table: rows, columns and what a row is."""
        return pd.DataFrame([{"table": name, "rows": t["rows"], "row": t.get("row", ""), "columns": ", ".join(t["columns"])}
                             for name, t in self.meta.get("tables", {}).items()])


def source_fingerprint() -> str:
    """A hash of the extraction's code and data: a cached dataset is stale when it changes."""
    digest = hashlib.sha256(resources.fingerprint().encode())
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load(path: str | Path | None = None, manifest: str | Path | None = None, workers: int | None = None,
         quiet: bool = True) -> Dataset:
    """A dataset directory as is; a corpus directory (default: the seeds) extracted once and
    cached under ``.cache/datasets/<fingerprint>/`` (re-extracted when the corpus, the lexicons
    or the code change)."""
    if path not in (None, "") and (Path(path) / META).is_file():
        return Dataset(path)
    from .corpus import open_corpus
    from .extract import extract

    corpus = open_corpus(path, manifest)
    key = hashlib.sha256((corpus.fingerprint() + source_fingerprint()).encode()).hexdigest()[:20]
    target = CACHE / key
    if not (target / META).is_file():
        extract(corpus, target, workers=workers, quiet=quiet)
    return Dataset(target)


def write_csv(frame: pd.DataFrame, path: str | Path, safe: bool = False) -> Path:
    """One table written atomically (UTF-8, header, dates as YYYY-MM-DD, no index)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda handle: handle.write(csv_text(frame, header=True, safe=safe)))
    return path
