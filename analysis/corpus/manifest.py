"""Read a corpus manifest strictly: one CSV row per article, every problem a one-line
:class:`InputError` naming the file, line and problem (unbalanced quotes, duplicate or
empty headers, rows with extra or missing cells, bad dates or languages, files listed twice
or outside the corpus). Reads the manifest; writes nothing.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from ..errors import InputError
from .files import utf16_hint

KNOWN_COLUMNS = ["file", "published", "published_evidence", "outlet", "url", "language", "title", "source_file"]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANGUAGE = re.compile(r"^[a-z]{2}$")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
YEARS = (1800, 2200)  # publication dates outside are typing errors (0001-01-01, 9999-12-31)


def parse_iso_date(value: str, where: str, column: str = "published") -> dt.date:
    """A ``YYYY-MM-DD`` date, or an InputError saying where the bad value is."""
    if ISO_DATE.match(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if not YEARS[0] <= day.year <= YEARS[1]:
                raise InputError(f"{where}, column '{column}': date {value!r} outside the years "
                                 f"{YEARS[0]}-{YEARS[1]} (a publication date of news)")
            return day
    raise InputError(f"{where}, column '{column}': malformed date {value!r} (expected YYYY-MM-DD)")


def _computed_columns() -> set[str]:
    """The articles table's columns the project computes (a manifest column may not take their name)."""
    from ..schema import TABLES

    return set(TABLES["articles"].names) - set(KNOWN_COLUMNS)


def read_manifest(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """``([(line, row)], extra_columns)``: the rows with their line numbers, values stripped,
    dates and languages validated. File names are checked by the caller (they are paths)."""
    try:
        data = path.read_bytes()
        hint = utf16_hint(data)
        if hint:
            raise InputError(f"{path}: {hint.replace('the text', 'the manifest')}")
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: manifest is not valid UTF-8 (byte offset {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read manifest ({exc.strerror})") from None
    if "\x00" in text:
        raise InputError(f"{path}: manifest contains a NUL byte (not a text CSV)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines = [], []  # each row and the line it starts on (a quoted cell may span lines)
    try:
        for cells in reader:  # line_num is the row's last line: less the breaks inside its cells
            rows.append(cells)
            lines.append(reader.line_num - sum(len(LINE_BREAK.findall(c)) for c in cells))
    except csv.Error as exc:
        raise InputError(f"{path}: line {reader.line_num}: malformed CSV ({exc}; an unbalanced quote?)") from None
    if not rows:
        raise InputError(f"{path}: manifest is empty (expected a header row with a 'file' column)")
    header = [c.strip() for c in rows[0]]
    if "file" not in header:
        raise InputError(f"{path}: line 1: manifest has no 'file' column (columns: {', '.join(header) or 'none'})")
    seen = set()
    computed = _computed_columns()
    for number, name in enumerate(header, 1):
        if not name:
            raise InputError(f"{path}: line 1, column {number}: empty column name")
        if name in computed:
            raise InputError(f"{path}: line 1, column {number}: {name!r} is a column the project computes; "
                             "rename it (it would be overwritten)")
        if name in seen:
            raise InputError(f"{path}: line 1: column {name!r} appears twice")
        seen.add(name)
    out = []
    for line, cells in zip(lines[1:], rows[1:]):
        where = f"{path}: line {line}"
        if not any(c.strip() for c in cells):
            continue  # a blank line
        if len(cells) != len(header):
            raise InputError(f"{where}: {len(cells)} cells but the header has {len(header)} "
                             "(quote values that contain commas)")
        row = {k: v.strip() for k, v in zip(header, cells)}
        if not row["file"]:
            raise InputError(f"{where}: empty 'file' value")
        if row.get("published"):
            row["published"] = parse_iso_date(row["published"], where)
        language = row.get("language", "")
        if language and not LANGUAGE.match(language):
            raise InputError(f"{where}, column 'language': {language!r} is not an ISO 639-1 code")
        out.append((line, row))
    return out, [c for c in header if c not in KNOWN_COLUMNS]
