"""Curated knowledge in ``data/``: lexicons per language and the shared ones.

Reads ``data/lexicons/<lang>/<name>.csv`` (one folder per supported language: adding a
language adds a folder) and ``data/lexicons/<name>.csv`` (language-independent: name
folds, claimant groups, story settings). Writes nothing. Every lexicon is a UTF-8 CSV with
a header and a ``source`` column; a malformed row is a one-line :class:`InputError`.
"""
from __future__ import annotations


import csv
import hashlib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .errors import InputError
from .paths import DATA, LEXICONS

SETTINGS = "language"  # data/lexicons/<lang>/language.csv: key,value,source


@lru_cache(maxsize=None)
def read_table(path: Path) -> tuple[dict[str, str], ...]:
    """Rows of one lexicon CSV as dicts (cached, read-only tuple)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, strict=True)
            rows = []
            for row in reader:
                if None in row or None in row.values():
                    raise InputError(f"{path}: line {reader.line_num}: expected {len(reader.fieldnames)} fields "
                                     "(quote values that contain commas)")
                rows.append(dict(row))
            return tuple(rows)
    except FileNotFoundError:
        raise InputError(f"{path}: lexicon file not found") from None
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV: {exc}") from None


def shared(name: str) -> tuple[dict[str, str], ...]:
    """A language-independent lexicon, ``data/lexicons/<name>.csv``."""
    return read_table(LEXICONS / f"{name}.csv")


@lru_cache(maxsize=None)
def supported_languages() -> tuple[str, ...]:
    """Languages with resources: the folders of data/lexicons that hold a language.csv."""
    return tuple(sorted(p.parent.name for p in LEXICONS.glob(f"*/{SETTINGS}.csv")))


@dataclass(frozen=True)
class Lexicon:
    """The lexicons of one language (``data/lexicons/<lang>/``), read on first use."""

    lang: str

    @property
    def directory(self) -> Path:
        return LEXICONS / self.lang

    def table(self, name: str) -> tuple[dict[str, str], ...]:
        return read_table(self.directory / f"{name}.csv")

    def has(self, name: str) -> bool:
        return (self.directory / f"{name}.csv").is_file()

    def column(self, name: str, field: str) -> tuple[str, ...]:
        return tuple(row[field] for row in self.table(name))

    def words(self, name: str, field: str = "word", lower: bool = True) -> frozenset[str]:
        return frozenset(v.lower() if lower else v for v in self.column(name, field))

    def mapping(self, name: str, key: str, value: str, lower: bool = True) -> dict[str, str]:
        return {(row[key].lower() if lower else row[key]): row[value] for row in self.table(name)}

    @cached_property
    def settings(self) -> dict[str, str]:
        return {row["key"]: row["value"] for row in self.table(SETTINGS)}


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    if lang not in supported_languages():
        raise InputError(f"{LEXICONS / lang}: no resources for language {lang!r} "
                         f"(supported: {', '.join(supported_languages())})")
    return Lexicon(lang)


@lru_cache(maxsize=None)
def words_in_any_language(name: str, field: str = "word") -> frozenset[str]:
    """One lexicon's words (lower-cased) over every supported language, for text that mixes
    them (a title quoted in the other language: ``Duta Besar Ukraina for PBB``)."""
    return frozenset().union(*(lexicon(lang).words(name, field) for lang in supported_languages()
                               if lexicon(lang).has(name)))


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop-word list of ``lang`` (shipped in the spaCy wheel; lower-case function words),
    empty for a language spaCy has no class for."""
    import spacy  # spaCy loads only where a stop list is asked for

    try:
        return frozenset(spacy.util.get_lang_class(lang).Defaults.stop_words)
    except ImportError:
        return frozenset()


def fingerprint() -> str:
    """A hash of everything in ``data/`` the extraction reads (lexicons and gazetteer):
    a cached dataset is stale when it changes."""
    digest = hashlib.sha256()
    for path in sorted([*LEXICONS.rglob("*.csv"), DATA / "gazetteer.csv"]):
        digest.update(str(path.relative_to(DATA)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
