"""Invisible characters (soft hyphen, zero-width space/joiners, word joiner, a BOM inside the
text, bidirectional marks; a no-break or thin space between digit groups; an inline markup tag)
read out of an article before analysis, offsets put back after.

A scraped page leaves them inside words, names, dates and figures (``Zelen\u00adsky``,
``30\u200b/10/2024``): the analyses read the text without them, then every offset of every
per-article row is mapped back to the original text and each row's ``text`` (and
``sentence``) is re-cut from the original, so offsets always point into the file as it is.
Reads and writes nothing.
"""
from __future__ import annotations

import bisect
import re

from ..nlp.digits import GROUP_SPACE, INVISIBLE
from ..schema import TABLES

# an inline markup tag a scrape left in the text (``<b>11.000</b> tentara``) is read out too: it
# never separates words (block tags such as <br> or <p> do, and <sup>/<sub> join digits: kept)
INLINE_TAG = r"</?(?:a|b|i|u|s|em|strong|span|font|small|mark|abbr|cite|q)(?:\s[^<>\n]{0,300})?/?>"
PATTERN = re.compile("[" + "".join(map(chr, INVISIBLE)) + "]|" + GROUP_SPACE + "|" + INLINE_TAG, re.IGNORECASE)


def strip(text: str) -> tuple[str, list[int] | None]:
    """``(text without invisible characters, removed)``: ``removed`` lists the original offsets
    of the removed characters (None when there were none: nothing to map)."""
    removed = [i for m in PATTERN.finditer(text) for i in range(m.start(), m.end())]
    if not removed:
        return text, None
    return PATTERN.sub("", text), removed


def _start(offset: int, removed: list[int]) -> int:
    """Original offset of the character at ``offset`` of the stripped text."""
    position = offset
    while True:  # each removed character at or before the position shifts it by one
        shifted = offset + bisect.bisect_right(removed, position)
        if shifted == position:
            return position
        position = shifted


def _end(offset: int, removed: list[int]) -> int:
    """Original end (exclusive) of a span ending at ``offset`` of the stripped text."""
    return _start(offset - 1, removed) + 1 if offset > 0 else 0


def _offset_columns(table: str) -> list[tuple[str, str | None]]:
    """``(column, its end column or None)`` of every offset in ``table`` that points into the article."""
    names = [c for c, kind in TABLES[table].columns if kind == "int"]
    out = []
    for column in names:
        if column == "start" or column.endswith("_start"):
            end = column[:-5] + "end"
            out.append((column, end if end in names else None))
    return out


def restore(tables: dict[str, list[dict]], original: str, removed: list[int]) -> None:
    """Map every per-article row's offsets back to ``original``, in place, and re-cut its texts."""
    sentences = {}
    for row in tables.get("sentences", []):
        start, end = _start(row["start"], removed), _end(row["end"], removed)
        sentences[row["start"]] = original[start:end]
    for name, rows in tables.items():
        if name not in TABLES or name == "articles":
            continue
        columns = _offset_columns(name)
        for row in rows:
            if row.get("other_file") not in (None, "", row.get("file")):
                skip = {"other_start", "other_end"}
            else:
                skip = set()
            sentence_start = row.get("sentence_start")
            for start_column, end_column in columns:
                if start_column in skip or row.get(start_column) is None:
                    continue
                cleaned = row[start_column]
                row[start_column] = _start(cleaned, removed)
                if end_column and row.get(end_column) is not None:
                    row[end_column] = _end(row[end_column], removed)
            _recut(row, original, sentences, sentence_start)


def _recut(row: dict, original: str, sentences: dict[int, str], sentence_start) -> None:
    for text, start, end in (("text", "start", "end"), ("other_text", "other_start", "other_end"),
                             ("timex", "timex_start", "timex_end")):
        if isinstance(row.get(text), str) and row.get(start) is not None and row.get(end) is not None:
            row[text] = original[row[start]:row[end]]
    if isinstance(row.get("sentence"), str) and sentence_start in sentences:
        row["sentence"] = sentences[sentence_start]
