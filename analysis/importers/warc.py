"""Web archives: WARC files (``.warc``, ``.warc.gz``, read with warcio) and WACZ packages (a zip
holding WARCs under ``archive/``). Every HTTP ``response`` record of an HTML page is an article
candidate, read by :mod:`analysis.importers.html`; requests, metadata, revisits, redirects,
errors and non-HTML responses (images, scripts) are not articles and are counted, not warned
about. ``WARC-Date`` is kept as ``captured``, never as the publication date. Reads the archives;
writes nothing.
"""
from __future__ import annotations

import contextlib
import io
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import InputError
from .html import page_record
from .records import Record, Skip

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_PAGE_BYTES = 50_000_000  # a larger "page" is not an article
TRUNCATED = "truncated"


class NotArticle(Exception):
    """A record that is not a saved HTML page (counted in the summary, not warned about)."""


def _records(stream: BinaryIO, shown: str, fmt: str) -> Iterator[Record | Skip | NotArticle]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    records = iter(ArchiveIterator(stream))
    try:
        while True:
            with contextlib.redirect_stderr(io.StringIO()):  # warcio prints its length warnings itself
                rec = next(records, None)
            if rec is None:
                break
            number += 1
            where = f"{shown}:record {number}"
            try:
                yield _article(rec, where, fmt)
            except (Skip, NotArticle) as exc:
                yield exc
    except ArchiveLoadFailed as exc:
        if number == 0:
            raise InputError(f"{shown}: not a WARC file ({str(exc).splitlines()[0][:120]})") from None
        yield Skip(f"{shown}:record {number + 1}: unreadable, the rest of the file was not read "
                   f"({str(exc).splitlines()[0][:80]})")
    except Exception as exc:  # a truncated gzip member, a header warcio cannot parse, and the like
        yield Skip(f"{shown}:record {number + 1}: unreadable, the rest of the file was not read "
                   f"({type(exc).__name__})")


def _article(rec, where: str, fmt: str) -> Record:
    if rec.rec_type != "response" or rec.http_headers is None:
        raise NotArticle(where)
    status = rec.http_headers.get_statuscode() or ""
    content_type = rec.http_headers.get_header("Content-Type") or ""
    if status != "200" or not content_type.split(";")[0].strip().lower() in HTML_TYPES:
        raise NotArticle(where)
    url = rec.rec_headers.get_header("WARC-Target-URI") or ""
    captured = (rec.rec_headers.get_header("WARC-Date") or "")[:10]
    try:
        body = rec.content_stream().read(MAX_PAGE_BYTES + 1)
    except Exception as exc:  # a body whose declared encoding (gzip, chunked) does not decode
        raise Skip(f"{where}: the page body cannot be decoded ({type(exc).__name__})") from None
    if len(body) > MAX_PAGE_BYTES:
        raise Skip(f"{where}: a page over {MAX_PAGE_BYTES:,} bytes")
    if getattr(rec.raw_stream, "limit", 0) > 0:  # the file ended before the record's Content-Length
        raise Skip(f"{where}: {TRUNCATED} (the file ends {rec.raw_stream.limit:,} bytes before the record does)")
    return page_record(body, content_type, url.strip("<>"), fmt, where, captured)


def read_warc(path: Path, label: str = "") -> Iterator[Record | Skip | NotArticle]:
    """Every record of one WARC file (gzipped or not)."""
    try:
        with path.open("rb") as handle:
            cut = yield from _flag_cut(_records(handle, label or path.name, "warc"))
        if not cut:
            with path.open("rb") as handle:
                yield from _truncated_gzip(handle, label or path.name)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def _flag_cut(records: Iterator[Record | Skip | NotArticle]):
    """Yield ``records``; return whether one was reported truncated."""
    cut = False
    for item in records:
        cut = cut or (isinstance(item, Skip) and TRUNCATED in str(item))
        yield item
    return cut


def _truncated_gzip(stream: BinaryIO, shown: str) -> Iterator[Skip]:
    """A warning when a gzipped WARC ends inside a gzip member (a download or copy cut short):
    warcio ends such a file quietly, losing the record that was cut."""
    head = stream.read(2)
    if head != b"\x1f\x8b":
        return
    try:
        complete = _members_end(stream, head)
    except zlib.error:  # not gzip past this point: warcio's own reading has said what it could not read
        return
    if not complete:
        yield Skip(f"{shown}: the file ends inside a record ({TRUNCATED}); that record was not read")


def _members_end(stream: BinaryIO, pending: bytes) -> bool:
    """Whether every gzip member from ``pending`` on (then the stream) ends as gzip says."""
    while True:
        decompressor = zlib.decompressobj(wbits=31)
        while pending and not decompressor.eof:
            decompressor.decompress(pending, 0)
            pending = decompressor.unconsumed_tail or (b"" if decompressor.eof else stream.read(1 << 20))
        if not decompressor.eof:
            return False
        pending = decompressor.unused_data or stream.read(1 << 20)
        if not pending:
            return True


def read_wacz(path: Path, label: str = "") -> Iterator[Record | Skip | NotArticle]:
    """Every record of the WARCs inside one WACZ package (``archive/*.warc[.gz]``)."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: not a WACZ package (not a zip file: {exc})") from None
    with package:
        members = sorted(n for n in package.namelist()
                         if n.startswith("archive/") and n.lower().endswith((".warc", ".warc.gz")))
        if not members:
            raise InputError(f"{path}: no WARC files under archive/ in this WACZ package")
        for member in members:
            with package.open(member) as handle:
                cut = yield from _flag_cut(_records(handle, f"{label or path.name}/{member}", "wacz"))
            if not cut:
                with package.open(member) as handle:
                    yield from _truncated_gzip(handle, f"{label or path.name}/{member}")


def is_wacz(path: Path) -> bool:
    """A zip holding WARCs under ``archive/`` (whatever its extension)."""
    try:
        with zipfile.ZipFile(path) as package:
            return any(n.startswith("archive/") and n.lower().endswith((".warc", ".warc.gz"))
                       for n in package.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
