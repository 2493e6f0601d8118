"""A corpus on disk: which articles it holds, with their manifest metadata.

:func:`open_corpus` checks the whole input before any work starts (the directory exists and
holds articles, the manifest parses, every listed file is inside the corpus and listed once,
every article is readable UTF-8 text) and returns a :class:`CorpusSource`: the articles in
file order, each an :class:`ArticleSource` (name, resolved path, manifest row). Texts are
read again, one batch at a time, by the extraction. See the README, "Corpus format".
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..paths import SEEDS, SEEDS_MANIFEST
from .files import (checked_name, decode_article, inside, read_article, read_bytes, regular, relative_name,
                    shown_path, walk)
from .manifest import KNOWN_COLUMNS, read_manifest

MANIFEST_NAME = "manifest.csv"


@dataclass(frozen=True)
class ArticleSource:
    file: str  # path relative to the corpus root, "/"-separated
    path: Path  # resolved, inside the root
    meta: dict  # manifest row (every known column present; "" when not given)
    in_manifest: bool


@dataclass
class CorpusSource:
    root: Path
    manifest_path: Path | None
    articles: list[ArticleSource]
    extra_columns: list[str]
    clean_control: bool = False
    control_dropped: dict[str, int] = field(default_factory=dict)
    digests: dict[str, bytes] = field(default_factory=dict)  # file -> sha256 of its bytes, taken by the check

    def __len__(self) -> int:
        return len(self.articles)

    def read(self, article: ArticleSource) -> str:
        return read_article(article.path, self.clean_control)[0]

    def fingerprint(self) -> str:
        """sha256 over every article (name and bytes) and the manifest, in file order. The
        check of :func:`open_corpus` already hashed each file as it read it; only a corpus
        opened without that check reads its files here."""
        digest = hashlib.sha256()
        for article in self.articles:
            digest.update(article.file.encode() + b"\0")
            known = self.digests.get(article.file)
            digest.update(known if known is not None else hashlib.sha256(article.path.read_bytes()).digest())
        if self.manifest_path is not None:
            digest.update(self.manifest_path.read_bytes())
        digest.update(b"clean" if self.clean_control else b"")
        return digest.hexdigest()


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (RuntimeError, OSError) as exc:  # a symlink loop (RuntimeError before Python 3.13)
        raise InputError(f"{shown_path(path)}: the manifest path cannot be resolved "
                         f"({getattr(exc, 'strerror', None) or 'a symlink loop'})") from None


def find_manifest(root: Path, manifest: str | Path | None) -> Path | None:
    if manifest is not None and str(manifest) != "":
        path = _resolved(Path(manifest).expanduser())
        if not path.exists():
            raise InputError(f"{path}: manifest file not found")
        return regular(path, Path(manifest))
    own = root / MANIFEST_NAME
    if own.exists() or own.is_symlink():  # a manifest that cannot be read is never passed over
        path = _resolved(own)
        if not path.is_relative_to(root.resolve()):  # the corpus's own manifest is part of the corpus
            raise InputError(f"{own}: a link out of the corpus; pass a manifest outside "
                             "the corpus explicitly with --manifest")
        return regular(path, own)
    if root == SEEDS.resolve():
        return SEEDS_MANIFEST
    return None


def _spelled_otherwise(candidate: Path, name: str, where: str, root: Path, column: str = "file") -> Path:
    """The file a manifest name means when the disk spells it in another Unicode normal form
    (``café.txt`` typed composed, stored decomposed by macOS); else a one-line InputError, which
    names a file differing only in case (names are case-sensitive) when there is one."""
    try:
        siblings = list(candidate.parent.iterdir()) if candidate.parent.is_dir() else []
    except OSError:
        siblings = []
    wanted = unicodedata.normalize("NFC", candidate.name)
    same = [p for p in siblings if unicodedata.normalize("NFC", p.name) == wanted]
    if len(same) == 1:
        return same[0]
    near = [p.name for p in siblings if unicodedata.normalize("NFC", p.name).casefold() == wanted.casefold()]
    hint = f" (there is {near[0]!r}: names are case-sensitive)" if len(near) == 1 else ""
    raise InputError(f"{where}: {column} {name!r} not found in {root}{hint}")


def _manifest_file(root: Path, value: str, where: str, column: str = "file") -> Path:
    """The resolved file a manifest cell names, or a one-line InputError: an absolute path or a
    ``..`` climb, a missing file (one spelled in another Unicode form is found), a link out of
    the corpus, no file."""
    if Path(value).is_absolute() or ".." in Path(value).parts:
        how = "is an absolute path" if Path(value).is_absolute() else "climbs with '..'"
        raise InputError(f"{where}: {column} {value!r} {how}: it may lead outside the corpus directory "
                         f"{root} (manifest paths are relative to the corpus and stay inside it)")
    candidate = root / value
    if not candidate.exists() and not candidate.is_symlink():
        candidate = _spelled_otherwise(candidate, value, where, root, column)
    try:
        resolved = inside(root, candidate, value)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    if not resolved.is_file():
        raise InputError(f"{where}: {value!r} is not a file")
    return resolved


def _check_sources(root: Path, listed: dict[Path, tuple[str, dict, str]], paths: set[Path]) -> None:
    """Each ``source_file`` names another article of the corpus (written as the tables name it:
    ``./b.txt`` is ``b.txt``), never the article itself, and no chain of sources comes back to
    where it started; else a one-line InputError (a typo made the pair vanish in silence, an
    article was paired with itself, two articles each derived from the other)."""
    source: dict[Path, Path] = {}
    for resolved, (_, row, where) in listed.items():
        value = row.get("source_file", "")
        if not value:
            continue
        found = _manifest_file(root, value, where, "source_file")
        if found not in paths:
            raise InputError(f"{where}: source_file {value!r} is not an article of the corpus")
        if found == resolved:
            raise InputError(f"{where}: source_file {value!r} is the article itself")
        source[resolved] = found
        row["source_file"] = relative_name(root, found)
    for start in source:
        seen, at = {start}, source[start]
        while at in source:
            at = source[at]
            if at in seen:
                raise InputError(f"{listed[start][2]}: source_file {listed[start][1]['source_file']!r} leads back "
                                 "to this article through the sources' own source_file (a cycle)")
            seen.add(at)


def open_corpus(path: str | Path | None = None, manifest: str | Path | None = None,
                clean_control: bool = False, check_texts: bool = True) -> CorpusSource:
    """The corpus at ``path`` (default: the seeds with ``data/seeds_manifest.csv``), checked.

    Raises :class:`InputError` naming the file (and line/column) for bad input."""
    try:
        root = Path(path).expanduser().resolve() if path not in (None, "") else SEEDS.resolve()
    except (RuntimeError, OSError) as exc:
        raise InputError(f"{shown_path(path)}: the corpus path cannot be resolved "
                         f"({getattr(exc, 'strerror', None) or 'a symlink loop'})") from None
    checked_name(root)
    if not root.exists():
        raise InputError(f"{root}: corpus directory not found")
    if not root.is_dir():
        raise InputError(f"{root}: not a directory (a corpus is a directory of .txt files)")
    manifest_path = find_manifest(root, manifest)
    listed: dict[Path, tuple[str, dict]] = {}
    extra: list[str] = []
    if manifest_path is not None:
        rows, extra = read_manifest(manifest_path)
        for line, row in rows:
            where = f"{manifest_path}: line {line}"
            resolved = _manifest_file(root, row["file"], where)
            if resolved in listed:
                raise InputError(f"{where}: file {row['file']!r} is listed twice "
                                 f"(also as {listed[resolved][0]!r})")
            listed[resolved] = (row["file"], row, where)
    paths = set(walk(root)) | set(listed)
    if not paths:
        raise InputError(f"{root}: no .txt articles in corpus directory")
    _check_sources(root, listed, paths)
    articles = []
    for resolved in sorted(paths, key=lambda p: relative_name(root, p)):
        meta = {column: "" for column in KNOWN_COLUMNS + extra}
        in_manifest = resolved in listed
        if in_manifest:
            meta.update(listed[resolved][1])
        name = relative_name(root, resolved)
        meta["file"] = name
        articles.append(ArticleSource(name, resolved, meta, in_manifest))
    corpus = CorpusSource(root, manifest_path, articles, extra, clean_control)
    if check_texts:
        for article in articles:
            data = read_bytes(article.path)
            corpus.digests[article.file] = hashlib.sha256(data).digest()
            _, dropped = decode_article(article.path, data, clean_control)
            if dropped:
                corpus.control_dropped[article.file] = dropped
    return corpus


__all__ = ["ArticleSource", "CorpusSource", "open_corpus", "read_article"]
