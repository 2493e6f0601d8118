"""Exports that are rows of fields: Media Cloud CSV, news-please JSON, Trafilatura JSON, and a
researcher's own CSV / JSONL / Parquet named with ``--map FIELD=COLUMN``.

Each format is a preset (which export column fills which manifest field, in order of
preference) read by one of three readers (CSV, JSON or JSON Lines, Parquet). Reads the source
files; writes nothing. A row that cannot be read is a :class:`Skip`; a file that cannot be read
at all is an :class:`InputError`.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from .records import Record, Skip, as_text, dated, host, language_code

FIELDS = ("title", "text", "published", "outlet", "url", "language")
# field -> export columns, first non-empty wins (documented by each tool: see the README)
PRESETS = {
    "mediacloud": {"title": ["title"], "text": ["text"], "published": ["publish_date"],
                   "outlet": ["media_name", "media_url"], "url": ["url"], "language": ["language"]},
    "newsplease": {"title": ["title"], "text": ["maintext"], "published": ["date_publish"],
                   "outlet": ["source_domain"], "url": ["url"], "language": ["language"]},
    "trafilatura": {"title": ["title"], "text": ["text", "raw_text"], "published": ["date"],
                    "outlet": ["source-hostname", "sitename", "hostname"], "url": ["source", "url"],
                    "language": ["language"]},
    "generic": {field: [field] for field in FIELDS},
}
# fields that identify a format when --format is auto (each tool's own column names)
SIGNATURES = [
    ("newsplease", {"maintext"}),
    ("newsplease", {"date_publish", "source_domain"}),
    ("trafilatura", {"source-hostname"}),
    ("trafilatura", {"raw_text", "fingerprint"}),
    ("mediacloud", {"media_name", "publish_date"}),
    ("mediacloud", {"media_url", "indexed_date"}),
]
# columns a reader never takes as a publication date (a download, crawl or extraction time)
CAPTURE_COLUMNS = {"indexed_date", "date_download", "date_modify", "filedate", "collect_date"}
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def preset_for(columns, fmt: str) -> str:
    """The preset of a file whose first record has ``columns``: ``fmt`` unless it is auto or
    a generic container (csv, jsonl, parquet), then the first matching signature."""
    if fmt in PRESETS:
        return fmt
    keys = set(columns)
    for name, needed in SIGNATURES:
        if needed <= keys:
            return name
    return "generic"


def mapping(preset: str, overrides: dict[str, str]) -> dict[str, list[str]]:
    """The preset's columns per field, with ``--map`` overrides first."""
    columns = {field: list(PRESETS[preset].get(field, [])) for field in FIELDS}
    for field, column in overrides.items():
        columns[field] = [column]
    return columns


def check_columns(columns, fields: dict[str, list[str]], overrides: dict[str, str], where: str) -> None:
    """A one-line error when the file has no text column or lacks a column ``--map`` names."""
    keys = set(columns)
    for field, column in overrides.items():
        if column not in keys:
            raise InputError(f"{where}: --map {field}={column}: no column {column!r} "
                             f"(columns: {', '.join(sorted(keys))[:300]})")
    if not set(fields["text"]) & keys:
        raise InputError(f"{where}: no article text column (looked for {', '.join(fields['text'])}; "
                         f"columns: {', '.join(sorted(keys))[:300]}); name it with --map text=COLUMN")


def to_record(row: dict, fields: dict[str, list[str]], fmt: str, where: str) -> Record:
    """One export row as a :class:`Record`; a Skip when it has no text."""
    def first(field: str) -> tuple[str, object]:
        for column in fields[field]:
            if column in row and as_text(row[column]):
                return column, row[column]
        return "", None

    _, text = first("text")
    if not isinstance(text, str) or not text.strip():
        raise Skip(f"{where}: no article text")
    record = Record(text=text, source_format=fmt, source_record=where)
    record.title = as_text(first("title")[1])
    record.url = as_text(first("url")[1])
    column, value = first("published")
    if column and column not in CAPTURE_COLUMNS:
        dated(record, value, f"export column {column}")
    outlet_column, outlet = first("outlet")
    record.outlet = as_text(outlet)
    if outlet_column.endswith("_url") or re.fullmatch(r"www\.[\w.-]+", record.outlet):
        record.outlet = host(record.outlet)
    record.outlet = record.outlet or host(record.url)
    record.language = language_code(first("language")[1])
    return record


def rows_csv(path: Path) -> Iterator[tuple[int, dict]]:
    """``(record number, row)`` of a CSV with a header (UTF-8, a BOM dropped; ``;`` or tab
    separated files recognised from the header line)."""
    try:
        text = _read(path).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte offset {exc.start}); save the export as UTF-8 CSV") from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [c.strip() for c in next(reader)]
    except StopIteration:
        raise InputError(f"{path}: empty CSV (expected a header row)") from None
    except csv.Error as exc:
        raise InputError(f"{path}: line 1: malformed CSV ({exc})") from None
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"{path}: line {reader.line_num}: malformed CSV ({exc}; an unbalanced quote?)") from None
        if not any(c.strip() for c in cells):
            continue
        number += 1
        if len(cells) != len(header):
            yield number, {"__error__": f"{len(cells)} cells but the header has {len(header)}"}
            continue
        yield number, dict(zip(header, cells))


def rows_json(path: Path) -> Iterator[tuple[int, dict]]:
    """``(record number, object)`` of a JSON file (one object, or an array of objects) or a
    JSON Lines file (one object a line, read a line at a time); an unreadable line is a record
    with an error."""
    try:
        with _open(path) as handle:
            head = handle.read(1 << 16).lstrip(b"\xef\xbb\xbf \t\r\n")
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    if not head:
        raise InputError(f"{path}: empty file")
    whole = _whole_json(path) if head[:1] == b"[" or _suffix(path) == ".json" else None
    if isinstance(whole, dict):
        yield 1, whole
    elif isinstance(whole, list):
        for number, item in enumerate(whole, 1):
            yield number, item if isinstance(item, dict) else {"__error__": "not a JSON object"}
    else:
        yield from _json_lines(path)


def _whole_json(path: Path):
    """The file parsed as one JSON value, or None (then it is read as JSON Lines)."""
    try:
        return json.loads(_read(path).decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte offset {exc.start})") from None
    except json.JSONDecodeError:
        return None
    except RecursionError:  # "[[[[..." nested past Python's stack: no export is
        raise InputError(f"{path}: JSON nested too deeply to be an export of articles") from None


def _json_lines(path: Path) -> Iterator[tuple[int, dict]]:
    number = 0
    with _open(path) as handle:
        for raw in handle:
            try:
                line = raw.decode("utf-8-sig" if number == 0 else "utf-8")
            except UnicodeDecodeError as exc:
                number += 1
                yield number, {"__error__": f"not UTF-8 (byte {exc.start} of the line)"}
                continue
            if not line.strip():
                continue
            number += 1
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                if number == 1 and line.lstrip()[:1] not in ("{", "["):
                    raise InputError(f"{path}: not JSON or JSON Lines ({exc.msg} at line 1)") from None
                yield number, {"__error__": f"not JSON ({exc.msg}, column {exc.colno})"}
                continue
            except RecursionError:
                yield number, {"__error__": "JSON nested too deeply"}
                continue
            yield number, item if isinstance(item, dict) else {"__error__": "not a JSON object"}


def rows_parquet(path: Path) -> Iterator[tuple[int, dict]]:
    """``(record number, row)`` of a Parquet file, one row group at a time."""
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own types for a file that is not Parquet
        raise InputError(f"{path}: not a Parquet file ({str(exc).splitlines()[0][:120]})") from None
    number = 0
    for group in range(handle.num_row_groups):
        for row in handle.read_row_group(group).to_pylist():
            number += 1
            yield number, row


def reader_for(path: Path, fmt: str = "auto"):
    """The row reader for a file: the container ``--format`` names, else from its extension."""
    if fmt in READERS:
        return READERS[fmt]
    suffix = _suffix(path)
    if suffix in (".csv", ".tsv"):
        return rows_csv
    if suffix in (".parquet", ".pq"):
        return rows_parquet
    return rows_json


def read_rows(path: Path, fmt: str, overrides: dict[str, str], label: str = "") -> Iterator[Record | Skip]:
    """Every row of one export file as a Record, or a Skip saying why it was not imported
    (``label``: the file as messages and ``source_record`` name it; default its name)."""
    fields = preset = None
    for number, row in reader_for(path, fmt)(path):
        where = f"{label or path.name}:record {number}"
        if preset is None and "__error__" not in row:
            preset = preset_for(row.keys(), fmt)
            fields = mapping(preset, overrides)
            check_columns(row.keys(), fields, overrides, str(path))
        if "__error__" in row:
            yield Skip(f"{where}: {row['__error__']}")
            continue
        try:
            yield to_record(row, fields, preset if preset != "generic" else _container(path, fmt), where)
        except Skip as exc:
            yield exc


def _container(path: Path, fmt: str) -> str:
    if fmt in READERS:
        return fmt
    suffix = _suffix(path)
    return "csv" if suffix in (".csv", ".tsv") else "parquet" if suffix in (".parquet", ".pq") else "jsonl"


def _suffix(path: Path) -> str:
    """The extension that says the kind (``rows.jsonl.gz`` -> ``.jsonl``)."""
    return Path(path.stem).suffix.lower() if path.suffix.lower() == ".gz" else path.suffix.lower()


def _open(path: Path):
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")


def _read(path: Path) -> bytes:
    try:
        with _open(path) as handle:
            return handle.read()
    except (OSError, EOFError) as exc:  # unreadable, or a gzip that is not one or is cut short
        raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None


READERS = {"csv": rows_csv, "jsonl": rows_json, "parquet": rows_parquet}
