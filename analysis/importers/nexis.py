"""Nexis Uni (LexisNexis) DOCX exports: one or many articles in a Word file, each laid out as
title, publication, date line, then labelled lines (``Copyright``, ``Section:``, ``Length:``,
``Byline:``), ``Body``, the paragraphs, then ``Classification`` / ``Load-Date:`` and
``End of Document``. The DOCX is read with the standard library (``word/document.xml`` in the
zip); RTF exports are not read (export DOCX instead). Reads the DOCX; writes nothing.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree

from ..errors import InputError
from .records import Record, Skip, language_code

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 500_000_000
# Nexis Uni's own labels in its English interface (the export's layout, not article words)
END = "end of document"
BODY = "body"
AFTER_BODY = re.compile(r"^(?:classification|load-date:|graphic$|notes$|link to (?:image|pdf))", re.I)
LABEL = re.compile(r"^(copyright|section|length|byline|dateline|highlight|language|load-date|"
                   r"publication-type|url|journal code)\s*:?", re.I)
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                      "august", "september", "october", "november", "december"], 1)}
DATE_LINE = re.compile(r"^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")
DAY_FIRST = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")


def paragraphs(path: Path) -> list[str]:
    """The document's paragraphs as text (tabs and line breaks kept; a page break ends one)."""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise InputError(f"{path}: word/document.xml is {info.file_size:,} bytes; too large to read")
            data = package.read(info)
    except KeyError:
        raise InputError(f"{path}: not a Word document (no word/document.xml)") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: not a DOCX file ({exc})") from None
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"{path}: word/document.xml is not well-formed XML ({exc})") from None
    out = []
    for para in root.iter(f"{W}p"):
        parts = []
        for node in para.iter():
            if node.tag == f"{W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{W}tab":
                parts.append("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
        out.append("".join(parts).strip())
    return out


def documents(paras: list[str]) -> list[list[str]]:
    """The paragraphs split at each ``End of Document`` line (the closing one dropped)."""
    docs, current = [], []
    for text in paras:
        if text.lower() == END:
            docs.append(current)
            current = []
        else:
            current.append(text)
    if any(current):
        docs.append(current)
    return [d for d in docs if any(d)]


def parse_date_line(text: str) -> dt.date | None:
    """``October 19, 2024 Saturday``, ``Saturday, October 19, 2024 10:15 AM`` or ``19 October 2024``
    -> a date (Nexis Uni's English interface writes month names in English)."""
    match = DATE_LINE.match(text.strip())
    month, day = (match[1], match[2]) if match else (None, None)
    if _month(month) is None:
        match = DAY_FIRST.match(text.strip())
        month, day = (match[2], match[1]) if match else (None, None)
    if _month(month) is None:
        return None
    try:
        return dt.date(int(match[3]), _month(month), int(day))
    except ValueError:
        return None


def _month(word: str | None) -> int | None:
    """A month's number from its English name or a prefix of at least three letters (Oct, Sept)."""
    word = (word or "").lower().rstrip(".")
    if len(word) < 3:
        return None
    return next((number for name, number in MONTHS.items() if name.startswith(word)), None)


def article(doc: list[str], where: str) -> Record:
    """One Nexis document as a Record; a Skip when it has no ``Body``."""
    lines = [p for p in doc if p]
    try:
        start = next(i for i, p in enumerate(lines) if p.lower() == BODY)
    except StopIteration:
        raise Skip(f"{where}: no 'Body' line (not a Nexis Uni document)") from None
    header, rest = lines[:start], lines[start + 1:]
    end = next((i for i, p in enumerate(rest) if AFTER_BODY.match(p)), len(rest))
    body, trailer = rest[:end], rest[end:]
    record = Record(text="\n\n".join(body), source_format="nexis", source_record=where)
    for i in range(len(header) - 1, -1, -1):  # the last date line: a combined export opens with a cover page
        line = header[i]
        day = parse_date_line(line)
        if day is not None and not LABEL.match(line):
            record.published, record.published_evidence = day, "Nexis date line"
            record.outlet = header[i - 1] if i >= 1 else ""
            record.title = header[i - 2] if i >= 2 else ""
            break
    else:
        labelled = [p for p in header if not LABEL.match(p)]
        record.title = labelled[-2] if len(labelled) >= 2 else (labelled[0] if labelled else "")
        record.outlet = labelled[-1] if len(labelled) >= 2 else ""
    for line in header + trailer:
        label = LABEL.match(line)
        if label and label[1].lower() == "language":
            record.language = language_code(line[label.end():])
        elif label and label[1].lower() == "url":
            record.url = line[label.end():].strip()
    return record


def read_nexis(path: Path, label: str = "") -> Iterator[Record | Skip]:
    """Every article of one Nexis Uni DOCX export."""
    docs = documents(paragraphs(path))
    if not docs:
        raise InputError(f"{path}: no documents in this DOCX (expected Nexis Uni's 'End of Document' layout)")
    for number, doc in enumerate(docs, 1):
        try:
            yield article(doc, f"{label or path.name}:record {number}")
        except Skip as exc:
            yield exc
