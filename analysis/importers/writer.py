"""Writing an imported corpus: one UTF-8 ``.txt`` per article under a safe name (a running
number and an ASCII slug of the title or URL, bounded, no path separators, unique) and the
``manifest.csv`` the other commands read. Writes only inside the directory it is given.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..corpus.manifest import KNOWN_COLUMNS
from .records import Record

SLUG_CHARS = 60
# the importer's own manifest columns (passed through to articles.csv by extract)
IMPORT_COLUMNS = ["source_format", "source_record", "captured", "language_declared", "copy_of", "copy_kind"]
MANIFEST_COLUMNS = [c for c in KNOWN_COLUMNS if c != "source_file"] + IMPORT_COLUMNS


def slug(text: str) -> str:
    """Lower-case ASCII words joined by ``-``, at most ``SLUG_CHARS`` long ("" when none)."""
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > SLUG_CHARS:
            break
        out = candidate
    return out or (words[0][:SLUG_CHARS] if words else "")


def url_words(url: str) -> str:
    """The last meaningful segment of a URL's path (``/2024/10/19/some-story.html`` -> some-story)."""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return ""
    parts = [p for p in re.split(r"/+", path) if p and not p.isdigit()]
    return re.sub(r"\.[a-z0-9]{2,5}$", "", parts[-1], flags=re.I) if parts else ""


def file_name(number: int, record: Record) -> str:
    """``00042-some-title.txt``: unique through the running number, whatever the title or URL."""
    name = slug(record.title) or slug(url_words(record.url)) or "article"
    return f"{number:05d}-{name}.txt"


class CorpusWriter:
    """Writes article files into ``root`` as records arrive; the manifest at the end."""

    def __init__(self, root: Path):
        self.root = root
        self.rows: list[dict[str, str]] = []

    def add(self, record: Record) -> str:
        name = file_name(len(self.rows) + 1, record)
        with (self.root / name).open("x", encoding="utf-8", newline="") as handle:
            handle.write(record.text)
        self.rows.append({key: " ".join(value.split()) for key, value in {
            "file": name,
            "published": record.published.isoformat() if record.published else "",
            "published_evidence": record.published_evidence,
            "outlet": record.outlet, "url": record.url, "language": record.language, "title": record.title,
            "source_format": record.source_format, "source_record": record.source_record,
            "captured": record.captured, "language_declared": record.language_declared,
            "copy_of": "", "copy_kind": "",
        }.items()})
        return name

    def read(self, index: int) -> str:
        return (self.root / self.rows[index]["file"]).read_text(encoding="utf-8")

    def mark_copies(self, copies: list[tuple[int | None, str]]) -> int:
        """Fill ``copy_of`` / ``copy_kind``; the number of articles marked as copies."""
        marked = 0
        for row, (first, kind) in zip(self.rows, copies):
            if first is not None:
                row["copy_of"], row["copy_kind"] = self.rows[first]["file"], kind
                marked += 1
        return marked

    def write_manifest(self) -> Path:
        path = self.root / "manifest.csv"
        with path.open("x", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows)
        return path
