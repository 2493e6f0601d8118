"""Writing files so a reader never sees half of one: every file goes to a temporary name
beside its target and is renamed into place. Also the CSV dialect of every table (UTF-8,
header, ``YYYY-MM-DD`` dates, no index) and its spreadsheet-safe variant. Writes files only
where it is told to."""
from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from .schema import FORMULA_START

GUARDED = re.compile("^'*[" + re.escape("".join(FORMULA_START)) + "]")

UMASK = os.umask(0)
os.umask(UMASK)


def escape_formula(value):
    """Spreadsheet-safe cell: text starting with = + - @ gets a leading apostrophe; so does
    text of apostrophes before one of them, so that reading back (one apostrophe off every
    cell of apostrophes before = + - @) is exact."""
    if isinstance(value, str) and GUARDED.match(value):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame, header: bool, safe: bool = False) -> str:
    """The table as CSV text. Python's writer quotes a cell holding the line terminator (``\\n``)
    but not one holding a lone carriage return (a file name or a manifest value may), which
    every reader takes for the end of a row: such a table quotes every text cell."""
    texts = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    if safe and len(frame):
        frame = frame.copy()
        for column in texts:
            frame[column] = frame[column].map(escape_formula)
    carriage = any(frame[c].map(lambda v: isinstance(v, str) and "\r" in v).any() for c in texts)
    return frame.to_csv(index=False, header=header, date_format="%Y-%m-%d", lineterminator="\n",
                        quoting=csv.QUOTE_NONNUMERIC if carriage else csv.QUOTE_MINIMAL)


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


def write_csv(frame: pd.DataFrame, path: str | Path, safe: bool = True) -> Path:
    """One table written atomically (UTF-8, header, dates as YYYY-MM-DD, no index); ``safe``
    (the default: these are a report's downloads) escapes cells a spreadsheet would run."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda handle: handle.write(csv_text(frame, header=True, safe=safe)))
    return path
