"""``python -m analysis import SOURCE ... --out CORPUS``: turn the exports researchers have (Media
Cloud CSV, news-please and Trafilatura JSON, WARC / WACZ web archives, pages saved from a browser
(``.html``, with ``--format auto``), Nexis Uni DOCX, or their own CSV / JSONL / Parquet named with
``--map``) into a corpus the other commands read.

Reads the sources (files, or directories walked for files of a known kind); writes only the
corpus, built in a staging directory beside ``--out`` and swapped in whole (``outdir.staged``).
A source the importer cannot read is a one-line :class:`InputError` before anything is kept; a
record that cannot be read is skipped and counted (:class:`ImportResult`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..outdir import check_target, staged
from .copies import group, signature
from .records import Record, Skip
from .tabular import FIELDS, read_rows
from .writer import CorpusWriter

FORMATS = ["auto", "mediacloud", "newsplease", "trafilatura", "warc", "wacz", "nexis", "csv", "jsonl", "parquet"]
TABULAR = {".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".parquet", ".pq"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass
class ImportResult:
    out: Path
    articles: int = 0
    skipped: list[str] = field(default_factory=list)  # "file:record N: why"
    not_articles: int = 0  # archive records that are not HTML pages
    copies: int = 0
    undated: int = 0
    unparsed_dates: list[str] = field(default_factory=list)
    formats: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        formats = ", ".join(f"{n} {name}" for name, n in sorted(self.formats.items()))
        parts = [f"imported {self.articles} article(s) ({formats}) into {self.out}"]
        if self.copies:
            parts.append(f"{self.copies} flagged as copies (copy_of)")
        if self.undated:
            parts.append(f"{self.undated} without a publication date (inferred from the text at extract)")
        if self.not_articles:
            parts.append(f"{self.not_articles} archive record(s) that are not HTML pages passed over")
        return "; ".join(parts)


def parse_maps(items: list[str] | None) -> dict[str, str]:
    """``["title=headline", ...]`` -> ``{"title": "headline"}``; a one-line error for a bad one."""
    out = {}
    for item in items or []:
        key, sep, column = item.partition("=")
        key, column = key.strip().lower(), column.strip()
        if not sep or not column:
            raise InputError(f"--map {item!r}: expected FIELD=COLUMN (e.g. --map text=body)")
        if key not in FIELDS:
            raise InputError(f"--map {item!r}: unknown field {key!r} (fields: {', '.join(FIELDS)})")
        out[key] = column
    return out


def kind_of(path: Path, fmt: str) -> str:
    """Which reader a file needs: warc, wacz, nexis or tabular (a one-line error for RTF or an
    unknown kind)."""
    name = path.name.lower()
    if fmt in ("warc", "wacz", "nexis"):
        return fmt
    if fmt != "auto":
        return "tabular"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(".wacz"):
        return "wacz"
    if name.endswith(".docx"):
        return "nexis"
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith(".rtf"):
        raise InputError(f"{path}: RTF is not read; export the Nexis Uni results as DOCX (Microsoft Word)")
    if _tabular(path):
        return "tabular"
    return _sniff(path)


def _sniff(path: Path) -> str:
    from .warc import is_wacz

    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if head.startswith(b"WARC/") or head.startswith(b"\x1f\x8b"):
        return "warc"
    if head.startswith(b"PK") and is_wacz(path):
        return "wacz"
    if head.lstrip()[:1] in (b"{", b"["):
        return "tabular"
    raise InputError(f"{path}: format not recognised from its name or content; give --format "
                     f"({', '.join(FORMATS[1:])})")


def expand(sources: list[str], fmt: str) -> list[tuple[Path, str, str]]:
    """Every source file with its reader and label (a directory's files are named by their path
    inside it); a directory gives its files of a known kind (sorted, hidden ones skipped); a
    missing source is a one-line error."""
    files = []
    for source in sources:
        path = Path(source).expanduser()
        if not path.exists():
            raise InputError(f"{path}: source not found")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _known(p, fmt) and not _hidden(p, path))
            if not found:
                raise InputError(f"{path}: no files to import in this directory (RTF is not read: export DOCX)"
                                 if any(path.rglob("*.rtf")) else f"{path}: no files to import in this directory")
            files.extend((p, p.relative_to(path).as_posix()) for p in found)
        elif not path.is_file():
            raise InputError(f"{path}: not a file or directory")
        else:
            files.append((path, path.name))
    return [(path, kind_of(path, fmt), label) for path, label in files]


def _hidden(path: Path, root: Path) -> bool:
    """Hidden files and folders, and a saved page's ``NAME_files/`` folder (its frames and assets)."""
    parts = path.relative_to(root).parts
    return any(part.startswith(".") for part in parts) or any(part.endswith("_files") for part in parts[:-1])


def _known(path: Path, fmt: str) -> bool:
    name = path.name.lower()
    if fmt == "auto":
        return name.endswith(WARC_SUFFIXES + (".wacz", ".docx", ".html", ".htm")) or _tabular(path)
    json_like = (".json", ".jsonl", ".ndjson")
    suffixes = {"warc": WARC_SUFFIXES, "wacz": (".wacz",), "nexis": (".docx",), "csv": (".csv", ".tsv"),
                "parquet": (".parquet", ".pq"), "jsonl": json_like, "newsplease": json_like,
                "trafilatura": json_like}.get(fmt, json_like + (".csv", ".tsv", ".parquet", ".pq"))
    return name.removesuffix(".gz").endswith(tuple(suffixes))


def _tabular(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return any(name.endswith(suffix) for suffix in TABULAR)


def _rtf_in(sources: list[str]) -> list[str]:
    """RTF files inside source directories (passed over; an RTF named on its own is an error)."""
    found = []
    for source in sources:
        path = Path(source).expanduser()
        if path.is_dir():
            found += sorted(p.relative_to(path).as_posix() for p in path.rglob("*") if p.suffix.lower() == ".rtf")
    return found


def records(path: Path, kind: str, fmt: str, maps: dict[str, str], label: str) -> Iterator:
    """The Records, Skips and passed-over archive records of one file."""
    if kind in ("warc", "wacz", "nexis", "html") and maps:
        raise InputError(f"{path}: --map applies to CSV, JSON Lines and Parquet exports, not to {kind}")
    if kind == "warc":
        from .warc import read_warc
        return read_warc(path, label)
    if kind == "wacz":
        from .warc import read_wacz
        return read_wacz(path, label)
    if kind == "nexis":
        from .nexis import read_nexis
        return read_nexis(path, label)
    if kind == "html":
        from .html import read_saved_page
        return read_saved_page(path, label)
    return read_rows(path, fmt, maps, label)


def run_import(sources: list[str], out: str | Path, fmt: str = "auto", maps: list[str] | None = None) -> ImportResult:
    """Import ``sources`` into the corpus directory ``out`` (empty or new)."""
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: not one of {', '.join(FORMATS)}")
    mapping = parse_maps(maps)
    files = expand(sources, fmt)
    target = check_target(Path(out), lambda p: False, "the imported corpus")
    result = ImportResult(target)
    result.skipped += [f"{rtf}: RTF is not read (export DOCX)" for rtf in _rtf_in(sources)]
    with staged(target, "the imported corpus") as root:
        writer = CorpusWriter(root)
        signatures = []
        for path, kind, label in files:
            for item in records(path, kind, fmt, mapping, label):
                if isinstance(item, Skip):
                    result.skipped.append(str(item))
                elif isinstance(item, Record):
                    _add(item, writer, signatures, result)
                else:
                    result.not_articles += 1
        if not writer.rows:
            first = f" (first: {result.skipped[0]})" if result.skipped else ""
            raise InputError(f"{', '.join(sources)[:200]}: no article could be imported{first}")
        result.copies = writer.mark_copies(group(signatures, writer.read))
        writer.write_manifest()
    return result


CONTRADICTED = 0.9  # the detector's confidence above which it overrules a declared language
DETECT_CHARS = 1_500


def checked_language(record: Record) -> None:
    """A declared language the text plainly contradicts (an English template's ``lang="en"``
    on an Indonesian page) is moved to ``language_declared`` and left to detection at extract;
    only languages the detector knows are checked (Malay declared on a text the detector,
    which has no Malay, calls Indonesian stays Malay)."""
    from .. import resources

    if not record.language or record.language not in {r["code"] for r in resources.shared("languages")}:
        return
    from ..nlp.language import detect  # spaCy and lingua load only when a language is declared

    code, confidence = detect(record.text[:DETECT_CHARS])
    if code and code != record.language and confidence >= CONTRADICTED:
        record.language_declared, record.language = record.language, ""


def _add(record: Record, writer: CorpusWriter, signatures: list, result: ImportResult) -> None:
    from .records import clean_text

    try:
        record.text = clean_text(record.text, record.source_record)
    except Skip as exc:
        result.skipped.append(str(exc))
        return
    checked_language(record)
    writer.add(record)
    signatures.append(signature(record.text, record.published))
    result.articles += 1
    result.formats[record.source_format] += 1
    if record.published is None:
        result.undated += 1
        if record.unparsed_date:
            result.unparsed_dates.append(f"{record.source_record}: {record.unparsed_date!r}")


__all__ = ["FORMATS", "ImportResult", "run_import"]
