"""Load a corpus directory into tidy frames.

A corpus is a directory of UTF-8 ``.txt`` articles plus an optional ``manifest.csv``
(or a manifest given explicitly). See the README section "Corpus format".
"""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
from spacy.tokens import Doc

from . import boilerplate, dates, nlp
from .errors import CorpusError
from .paths import SEEDS, SEEDS_MANIFEST, resolve

MANIFEST_NAME = "manifest.csv"
KNOWN_COLUMNS = ["file", "published", "published_evidence", "outlet", "url", "language", "title"]
ARTICLE_COLUMNS = [
    "file", "published", "published_source", "published_evidence", "outlet", "url",
    "language", "title", "text", "n_chars", "n_sentences", "n_boilerplate",
]
SENTENCE_COLUMNS = [
    "file", "sentence_id", "start", "end", "line", "text", "is_boilerplate",
    "boilerplate_kind", "is_heading",
]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANGUAGE = re.compile(r"^[a-z]{2}$")
HEADING_MAX_WORDS = 15


# name -> (columns, collect(doc, article) -> rows): per-document layers filled in the
# same nlp.pipe pass that segments the corpus (see register_collector).
Collector = Callable[[Doc, dict], list[dict]]
COLLECTORS: dict[str, tuple[list[str], Collector]] = {}


def register_collector(name: str, columns: list[str]) -> Callable[[Collector], Collector]:
    """Register ``collect(doc, article) -> list of row dicts`` as layer ``name``.

    ``article`` is the article's record after dating (``file``, ``published`` as a
    ``datetime.date`` or None, ``text`` ...); the rows become ``corpus.layers[name]``.
    """
    def decorator(collect: Collector) -> Collector:
        COLLECTORS[name] = (columns, collect)
        return collect
    return decorator


@dataclass
class Corpus:
    """A loaded corpus: ``articles`` (one row per file), ``sentences``, and the
    per-document ``layers`` registered by later modules (e.g. time expressions)."""

    root: Path
    manifest_path: Path | None
    articles: pd.DataFrame
    sentences: pd.DataFrame
    layers: dict[str, pd.DataFrame] = field(default_factory=dict)
    cache: dict = field(default_factory=dict, repr=False, compare=False)  # derived tables, computed once

    def __len__(self) -> int:
        return len(self.articles)

    def text(self, file: str) -> str:
        return self.articles.loc[self.articles["file"] == file, "text"].iloc[0]

    @property
    def undated(self) -> pd.DataFrame:
        """Articles whose publication date could not be established."""
        return self.articles[self.articles["published_source"] == "unknown"]


def load_corpus(path: str | Path | None = None, manifest: str | Path | None = None) -> Corpus:
    """Load the corpus at ``path`` (default: the seeds, with ``data/seeds_manifest.csv``).

    Raises :class:`CorpusError` naming the file (and line/column) for bad input.
    """
    root = resolve(path, SEEDS)
    if not root.is_dir():
        raise CorpusError(f"{root}: corpus directory not found")
    manifest_path = _find_manifest(root, manifest)
    rows, extra_columns = _read_manifest(manifest_path, root) if manifest_path else ({}, [])
    files = {p.name for p in root.glob("*.txt") if p.is_file()} | set(rows)
    if not files:
        raise CorpusError(f"{root}: no .txt articles in corpus directory")
    records = []
    for name in sorted(files):
        record = {column: "" for column in KNOWN_COLUMNS + extra_columns}
        record.update(rows.get(name, {}))
        record["file"] = name
        record["text"] = read_article(root / name)
        record["in_manifest"] = name in rows
        records.append(record)
    return _analyse(root, manifest_path, records, extra_columns)


def read_article(path: Path) -> str:
    """The text of one article: UTF-8 (a leading BOM is dropped), not empty."""
    if not path.is_file():
        raise CorpusError(f"{path}: article file not found")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start)
        raise CorpusError(
            f"{path}: not valid UTF-8 at line {line}, column {column} (byte 0x{data[exc.start]:02x})"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CorpusError(f"{path}: empty article (no text)")
    return text


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def _find_manifest(root: Path, manifest: str | Path | None) -> Path | None:
    if manifest is not None and str(manifest) != "":
        path = Path(manifest).expanduser().resolve()
        if not path.is_file():
            raise CorpusError(f"{path}: manifest file not found")
        return path
    if (root / MANIFEST_NAME).is_file():
        return root / MANIFEST_NAME
    if root == SEEDS.resolve():
        return SEEDS_MANIFEST
    return None


def _read_manifest(path: Path, root: Path) -> tuple[dict[str, dict], list[str]]:
    """Manifest rows keyed by file; validates every row (errors name path and line)."""
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: manifest is not valid UTF-8 (byte offset {exc.start})") from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    if "file" not in columns:
        raise CorpusError(f"{path}: manifest has no 'file' column (columns: {', '.join(columns) or 'none'})")
    reader.fieldnames = columns
    extra = [c for c in columns if c not in KNOWN_COLUMNS and c]
    rows: dict[str, dict] = {}
    for row in reader:
        where = f"{path}: line {reader.line_num}"
        row = {k: (v or "").strip() for k, v in row.items() if k}
        name = row.get("file", "")
        if not name:
            raise CorpusError(f"{where}: empty 'file' value")
        if name in rows:
            raise CorpusError(f"{where}: file {name!r} is listed twice")
        if not (root / name).is_file():
            raise CorpusError(f"{where}: file {name!r} not found in {root}")
        published = row.get("published", "")
        if published:
            row["published"] = parse_iso_date(published, where)
        language = row.get("language", "")
        if language and not LANGUAGE.match(language):
            raise CorpusError(f"{where}, column 'language': {language!r} is not an ISO 639-1 code")
        rows[name] = row
    return rows, extra


def parse_iso_date(value: str, where: str) -> dt.date:
    """A ``YYYY-MM-DD`` date, or a CorpusError saying where the bad value is."""
    if ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise CorpusError(f"{where}, column 'published': malformed date {value!r} (expected YYYY-MM-DD)")


def _analyse(root: Path, manifest_path: Path | None, records: list[dict], extra: list[str]) -> Corpus:
    sentence_rows = []
    layer_rows: dict[str, list[dict]] = {name: [] for name in COLLECTORS}
    texts = [r["text"] for r in records]
    for record, doc in zip(records, nlp.pipe(texts)):
        spans = nlp.sentence_spans(doc)
        kinds = boilerplate.flag(record["text"], spans)
        rows = _sentence_rows(record["file"], record["text"], spans, kinds)
        sentence_rows.extend(rows)
        record["n_sentences"] = len(spans)
        record["n_boilerplate"] = sum(k is not None for k in kinds)
        _date_article(record, doc, listed=record["in_manifest"] or manifest_path is None)
        context = dict(record, sentences=rows)
        for name, (_, collect) in COLLECTORS.items():
            layer_rows[name].extend(collect(doc, context))
    for record in records:
        record["n_chars"] = len(record["text"])
        record["language"] = record["language"] or "id"
        del record["in_manifest"]
    articles = pd.DataFrame.from_records(records, columns=ARTICLE_COLUMNS + extra)
    articles["published"] = pd.to_datetime(articles["published"])
    sentences = pd.DataFrame.from_records(sentence_rows, columns=SENTENCE_COLUMNS)
    layers = {name: pd.DataFrame.from_records(layer_rows[name], columns=columns)
              for name, (columns, _) in COLLECTORS.items()}
    return Corpus(root, manifest_path, articles, sentences, layers)


def _date_article(record: dict, doc, listed: bool) -> None:
    if record.get("published"):
        record["published_source"] = "manifest"
        record["published_evidence"] = record.get("published_evidence") or "manifest (no evidence given)"
        return
    value, evidence = dates.infer_publication_date(doc.spans[dates.SPAN_KEY], record.get("url"))
    if not listed:
        evidence = "not listed in the manifest; " + evidence
    record["published"] = value
    record["published_source"] = "inferred" if value else "unknown"
    record["published_evidence"] = evidence


def _sentence_rows(file: str, text: str, spans, kinds) -> list[dict]:
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    rows = []
    for i, ((start, end), kind) in enumerate(zip(spans, kinds)):
        line = bisect.bisect_right(line_starts, start)
        sentence = text[start:end]
        rows.append({
            "file": file,
            "sentence_id": i,
            "start": start,
            "end": end,
            "line": line,
            "text": sentence,
            "is_boilerplate": kind is not None,
            "boilerplate_kind": kind or "",
            "is_heading": kind is None and _is_heading(text, line_starts, line, start, end),
        })
    return rows


def _is_heading(text: str, line_starts: list[int], line: int, start: int, end: int) -> bool:
    """A whole line, short, without final punctuation: a headline or subheading."""
    line_start = line_starts[line - 1]
    line_end = line_starts[line] - 1 if line < len(line_starts) else len(text)
    whole = text[line_start:line_end].strip() == text[start:end]
    sentence = text[start:end]
    return whole and sentence[-1] not in ".!?:,;" and len(sentence.split()) <= HEADING_MAX_WORDS
