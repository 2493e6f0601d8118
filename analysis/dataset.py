"""Read a dataset: the tables one extraction wrote (see :mod:`analysis.schema`), typed, with
the corpus's texts on demand; and :func:`load`, the one call a notebook makes: given a dataset
it reads it; given a corpus it extracts it once (:mod:`analysis.extract`) and caches it by
fingerprint under ``.cache/datasets/``.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import resources
from .errors import InputError
from .paths import CACHE as DEFAULT_CACHE
from .paths import ROOT
from .schema import FORMULA_START, META, TABLES

CACHE = Path(os.environ.get("PRESS_ANALYSIS_CACHE") or DEFAULT_CACHE)
TABLE_NAME = re.compile(r"[a-z][a-z0-9_]*")  # a table is a file of the dataset folder: never a path


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
        self.meta = _description(self._own(meta))
        self._tables: dict[str, pd.DataFrame] = {}

    def _own(self, path: Path) -> Path:
        """``path``, a file of the dataset, or an InputError when a link takes it out of the dataset
        folder (a received dataset may link anywhere; nothing outside it is read) or it is no
        regular file."""
        if not path.resolve().is_relative_to(self.path):
            raise InputError(f"{path}: a link out of the dataset folder {self.path}; not read")
        if path.exists() and not path.is_file():  # a FIFO would block the reader for ever
            raise InputError(f"{path}: not a regular file; not read")
        return path

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
            path = self._own(self.path / f"{name}.csv")
            try:
                frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
                raise InputError(f"{path}: cannot be read as a table of the dataset "
                                 f"({getattr(exc, 'strerror', None) or str(exc).strip().splitlines()[0]})") from None
            said = self.meta["tables"][name].get("rows")
            if said is not None and said != len(frame):  # tables of two runs: one written over the other, interrupted
                raise InputError(f"{self.path / (name + '.csv')}: {len(frame)} rows, but {META} says {said}; the "
                                 "dataset is a mix of two runs (an interrupted extraction?): extract it again")
            if self.meta.get("options", {}).get("safe_csv"):  # undo the quote before = + - @ (column-wise)
                guarded = "^'+[" + re.escape("".join(FORMULA_START)) + "]"  # see atomic.escape_formula
                for column in frame.columns:
                    mask = frame[column].str.contains(guarded, regex=True)
                    if mask.any():
                        frame.loc[mask, column] = frame.loc[mask, column].str[1:]
            try:
                self._tables[name] = _typed(frame, name)
            except (ValueError, TypeError) as exc:  # "abc" in an offset column: a table edited by hand
                raise InputError(f"{path}: a value does not have its column's type ({exc})") from None
        return self._tables[name].copy()

    def in_context(self, frame: pd.DataFrame, start: str = "start", end: str = "end") -> pd.DataFrame:
        """``frame`` (rows with ``file`` and a span ``start:end``) with ``sentence`` and
        ``sentence_start``: the text of every sentence the span touches (one, or two for a span
        over a sentence boundary), read from the article; rows without a span keep none."""
        sentences = self.sentences.sort_values(["file", "start"])
        bounds = {f: (list(g["start"]), list(g["end"])) for f, g in sentences.groupby("file")}
        texts, starts = [], []
        cache: dict[tuple, tuple[str, int]] = {}
        for file in sorted(set(frame["file"])):
            rows = frame[frame["file"] == file]
            text = self.text(file) if file in bounds and len(rows) else ""
            s_starts, s_ends = bounds.get(file, ([], []))
            for a, b in zip(rows[start], rows[end]):
                if pd.isna(a) or pd.isna(b) or not s_starts:
                    continue
                first = max(bisect.bisect_right(s_starts, int(a)) - 1, 0)
                last = max(bisect.bisect_left(s_starts, int(b)) - 1, first)
                lo, hi = min(s_starts[first], int(a)), max(s_ends[last], int(b))
                cache[(file, int(a), int(b))] = (text[lo:hi], lo)
        for file, a, b in zip(frame["file"], frame[start], frame[end]):
            hit = cache.get((file, int(a), int(b))) if pd.notna(a) and pd.notna(b) else None
            texts.append(hit[0] if hit else None)
            starts.append(hit[1] if hit else None)
        return frame.assign(sentence=texts, sentence_start=pd.array(starts, dtype="Int64"))

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in TABLES:
            raise AttributeError(name)
        return self.table(name)

    @property
    def corpus_root(self) -> Path:
        return Path(self.meta["corpus"]["root"])

    def text(self, file: str) -> str:
        """An article's text, read from the corpus the dataset records: only a file its articles table
        names, inside that root, a regular file of bounded size (nothing checks that the corpus is
        still the one extracted: a received dataset may record any folder, so callers never quote it
        as evidence against the tables)."""
        from .corpus import read_article

        if file not in self._article_files:  # only the dataset's own articles: nothing else is read
            raise KeyError(f"{file!r} is not an article of this dataset")
        if file not in self._texts:
            path = self._inside_corpus(file)
            self._texts.clear()  # keep one text at a time
            self._texts[file] = read_article(path, self.meta["options"].get("clean_control", False))[0]
        return self._texts[file]

    def _inside_corpus(self, file: str) -> Path:
        """The article's path, refused (InputError) when the name is absolute, climbs out with
        ``..`` or leads outside the corpus through a link: a received dataset may name anything."""
        from .errors import InputError

        root = self.corpus_root.resolve()
        name = Path(file)
        path = (root / name).resolve()
        if name.is_absolute() or ".." in name.parts or not path.is_relative_to(root):
            raise InputError(f"{self.path / 'articles.csv'}: article {file!r} is not inside the corpus {root}")
        return path

    @cached_property
    def _texts(self) -> dict:
        return {}

    @cached_property
    def _article_files(self) -> frozenset[str]:
        return frozenset(self.table("articles")["file"])

    def describe(self) -> pd.DataFrame:
        """One row per table: rows, columns and what a row is."""
        return pd.DataFrame([{"table": name, "rows": t["rows"], "row": t.get("row", ""), "columns": ", ".join(t["columns"])}
                             for name, t in self.meta.get("tables", {}).items()])


def _description(path: Path) -> dict:
    """``dataset.json`` read: a JSON object whose ``tables`` maps table names to objects, or a
    one-line InputError (not UTF-8, malformed, nested past Python's stack, another shape)."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: line {exc.lineno}, column {exc.colno}: malformed dataset description") from None
    except (UnicodeDecodeError, RecursionError, OSError):
        meta = None
    tables = meta.get("tables", {}) if isinstance(meta, dict) else None
    if not isinstance(tables, dict) or not all(TABLE_NAME.fullmatch(str(k)) and isinstance(v, dict)
                                               for k, v in tables.items()):
        raise InputError(f"{path}: not a dataset description (expected a JSON object whose 'tables' "
                         "maps table names to their descriptions)")
    return meta


def source_fingerprint() -> str:
    """A hash of the extraction's code and data: a cached dataset is stale when it changes."""
    digest = hashlib.sha256(resources.fingerprint().encode())
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


_LAST: list[Dataset] = []  # the dataset a notebook loaded last (what its tables' links open in JupyterLab)


def last_loaded() -> Dataset | None:
    return _LAST[-1] if _LAST else None


def load(path: str | Path | None = None, manifest: str | Path | None = None, workers: int | None = None,
         quiet: bool = True) -> Dataset:
    """:func:`_load`, remembered for :func:`last_loaded`."""
    ds = _load(path, manifest, workers, quiet)
    _LAST[:] = [ds]
    return ds


def _load(path: str | Path | None = None, manifest: str | Path | None = None, workers: int | None = None,
          quiet: bool = True) -> Dataset:
    """A dataset directory as is; a corpus directory (default: the seeds) extracted once and
    cached under ``.cache/datasets/<fingerprint>/`` (re-extracted when the corpus, the lexicons
    or the code change)."""
    if path not in (None, "") and (Path(path) / META).is_file():
        return Dataset(path)
    from .corpus import open_corpus

    corpus = open_corpus(path, manifest)
    key = hashlib.sha256((corpus.fingerprint() + source_fingerprint()).encode()).hexdigest()[:20]
    target = CACHE / key
    if not (target / META).is_file():
        extract_corpus(corpus, target, workers=workers, quiet=quiet)
    return Dataset(target)


def extract_corpus(corpus, target: Path, **options) -> None:
    from .extract import extract  # the one place reading leads to extracting

    extract(corpus, target, **options)
