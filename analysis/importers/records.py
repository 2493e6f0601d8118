"""One imported article and the normalisation every format shares: dates (the publisher's own
calendar day; "None", empty or unparseable is missing, never replaced by a capture or download
time), languages (ISO 639-1 from ``data/iso639.csv``: "Indonesian", "ind", "id-ID" -> ``id``),
outlets (a host when nothing names the outlet) and article text (control characters out, line
breaks kept). Reads ``data/iso639.csv``; writes nothing.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..corpus.files import MAX_ARTICLE_CHARS
from ..corpus.manifest import YEARS
from ..paths import DATA
from ..resources import read_table

ISO639 = DATA / "iso639.csv"
MISSING = {"", "none", "null", "nan", "nat", "n/a", "-", "unknown", "undefined"}
ISO_PREFIX = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])")
COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|[T\s]?\d{2}:?\d{2})")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")
BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


class Skip(Exception):
    """A record that cannot be imported (the message says why); counted and named in one warning."""


@dataclass
class Record:
    """An article as the importers read it, before it gets a file name."""
    text: str
    source_format: str
    source_record: str  # "file:record N" (N from 1) or "file" for one article a file
    title: str = ""
    url: str = ""
    published: dt.date | None = None
    published_evidence: str = ""  # where the date came from ("" when there is none)
    outlet: str = ""
    language: str = ""
    captured: str = ""  # when a crawler saved the page (WARC-Date); never a publication date
    language_declared: str = ""  # a declared language the text contradicts (then `language` is left to detection)
    unparsed_date: str = ""  # a date value that was given but could not be read


def missing(value) -> bool:
    """True for None, NaN and the strings exports write for nothing ("None", "null", "")."""
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and value.strip().lower() in MISSING


def as_text(value) -> str:
    """A cell as one stripped string ("" when missing); lists are joined with "; "."""
    if isinstance(value, (list, tuple)):
        return "; ".join(as_text(v) for v in value if not missing(v))
    return "" if missing(value) else " ".join(str(value).split())


def parse_date(value) -> dt.date | None:
    """The calendar day of a date or timestamp as written (no time-zone shift: the day the
    publisher printed), or None. Reads ISO 8601 (``2024-10-19``, ``2024-10-19T23:10:00+07:00``,
    ``2024/10/19``), ``20241019``, RFC 2822 (``Sat, 19 Oct 2024 10:15:00 GMT``), a datetime or
    date object; anything else (``19/10/2024`` is ambiguous) is None."""
    if missing(value):
        return None
    if isinstance(value, dt.datetime):
        return _checked(value.date())
    if isinstance(value, dt.date):
        return _checked(value)
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return _checked(value.to_pydatetime().date())
    text = str(value).strip()
    match = ISO_PREFIX.match(text) or COMPACT.match(text)
    if match:
        try:
            return _checked(dt.date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            return None
    try:
        stamp = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return _checked(stamp.date()) if stamp else None


def _checked(day: dt.date) -> dt.date | None:
    return day if YEARS[0] <= day.year <= YEARS[1] else None


@lru_cache(maxsize=1)
def _languages() -> dict[str, str]:
    """Every code and name in ``data/iso639.csv`` (lower case) -> its ISO 639-1 code."""
    table = {}
    for row in read_table(ISO639):
        code = row["iso639_1"]
        table[code] = code
        for other in (row["codes"] + ";" + row["names"]).split(";"):
            if other.strip():
                table[other.strip().lower()] = code
    return table


def language_code(value) -> str:
    """The ISO 639-1 code of a language as exports write it ("id", "ind", "Indonesian",
    "id-ID", "id_ID", "in"), or "" when it is missing or unknown (then it is detected)."""
    text = re.split(r"[;,/|]", as_text(value).lower())[0].strip()  # "ENGLISH; ENGLISH", "id,en": the first
    if not text:
        return ""
    table = _languages()
    if text in table:
        return table[text]
    head = re.split(r"[-_@.]", text, maxsplit=1)[0]
    if head in table:
        return table[head]
    return head if re.fullmatch(r"[a-z]{2}", head) else ""


def host(url: str) -> str:
    """The host of a URL (or of a bare ``www.site.example``) without ``www.`` ("" when none)."""
    url = url.strip()
    try:
        name = urlsplit(url if "//" in url or not url else "//" + url).hostname or ""
    except ValueError:
        return ""
    if "." not in name or not re.fullmatch(r"[\w.-]+", name):
        return ""
    return name[4:] if name.startswith("www.") else name


def clean_text(text: str, where: str) -> str:
    """Article text as the corpus takes it: line breaks unified, control characters dropped,
    runs of blank lines shortened; a Skip when nothing is left or it is too long."""
    text = LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", text or ""))
    text = CONTROL.sub("", text).replace("\ufeff", "")
    text = BLANK_LINES.sub("\n\n", text).strip()
    if not text:
        raise Skip(f"{where}: no article text")
    if len(text) > MAX_ARTICLE_CHARS:
        raise Skip(f"{where}: {len(text):,} characters, over the corpus limit")
    return text + "\n"


def dated(record: Record, value, evidence: str) -> bool:
    """Set the record's date from ``value`` when it parses (``evidence`` says where it came
    from); a given but unreadable value is kept in ``unparsed_date``. True when set."""
    day = parse_date(value)
    if day is not None:
        record.published, record.published_evidence = day, evidence
        return True
    if not missing(value):
        record.unparsed_date = as_text(value)[:40]
    return False
