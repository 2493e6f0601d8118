"""The corpus directory as a boundary: which files are articles, and reading them safely.

Every path (from the manifest or the directory walk) is resolved and must stay inside the
corpus root; a symlink that leaves it is refused; duplicates are compared by resolved path;
subdirectories are walked. Articles must be UTF-8 text without NUL or other C0 control
characters (tab, newline and carriage return excepted) unless the caller asks to drop them.
Reads article files; writes nothing.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import InputError

MAX_ARTICLE_CHARS = 20_000_000  # longer is refused (documented in the README); long articles are chunked
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# old Mac CR (not of a CRLF), NEL, LINE and PARAGRAPH SEPARATOR end lines as LF does
LINE_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
SKIP_DIRS = {".git", "__pycache__", ".ipynb_checkpoints"}
PATH_MAX = os.pathconf("/", "PC_PATH_MAX") if hasattr(os, "pathconf") else 4096


def inside(root: Path, path: Path, shown: str) -> Path:
    """``path`` resolved; an InputError if it (or a symlink on the way) leaves ``root``, loops,
    or is too long for the system."""
    try:
        resolved = path.resolve()
    except (RuntimeError, OSError) as exc:  # 3.11: RuntimeError("Symlink loop ..."); later Pythons: OSError
        reason = getattr(exc, "strerror", None) or "a symlink loop"
        raise InputError(f"{shown_path(root / shown)}: cannot be resolved ({reason}); remove or fix the link") from None
    if resolved != root and root not in resolved.parents:
        raise InputError(f"{shown_path(root / shown)}: outside the corpus directory {root} "
                         f"(resolves to {shown_path(resolved)}); only files inside the corpus are read")
    return resolved


def shown_path(path: Path | str) -> str:
    """A path printable in a message even when its bytes are not UTF-8 (shown as \\x.. escapes)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def checked_name(path: Path, utf8: bool = True) -> Path:
    """``path`` as is, or a one-line InputError when its name is not UTF-8 (the tables name every
    article in UTF-8; renaming is the user's call) or the path is longer than the system allows."""
    raw = os.fsencode(path)
    try:
        raw.decode("utf-8") if utf8 else None
    except UnicodeDecodeError:
        raise InputError(f"{shown_path(path)}: the file name is not valid UTF-8; rename it "
                         "(e.g. `convmv -f latin1 -t utf8`) and run again") from None
    if len(raw) >= PATH_MAX:
        raise InputError(f"{shown_path(path)[:120]}...: the path is {len(raw)} bytes long, more than the system's "
                         f"limit ({PATH_MAX}); move the file nearer the corpus root")
    return path


def walk(root: Path) -> list[Path]:
    """Every ``.txt`` file under ``root`` (subdirectories included, hidden ones skipped),
    as resolved paths inside the root; a symlink pointing out of the root, a link loop, a
    file name that is not UTF-8, a path too long to open, an unreadable directory or a ``.txt``
    that is no regular file is an error (never skipped in silence)."""
    found = []

    def unreadable(exc: OSError):
        raise InputError(f"{shown_path(exc.filename or root)}: cannot read this directory of the corpus "
                         f"({exc.strerror})")

    for directory, dirs, files in os.walk(root, followlinks=False, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        here = Path(directory)
        for d in list(dirs):
            checked_name(here / d, utf8=False)
            if (here / d).is_symlink():
                inside(root, here / d, str((here / d).relative_to(root)))
                dirs.remove(d)  # a symlinked directory inside the corpus: its files are reached directly
        for name in sorted(files):
            if not name.lower().endswith(".txt") or name.startswith("."):  # A.TXT from a Windows tool too
                continue
            path = checked_name(here / name)
            resolved = inside(root, path, str(path.relative_to(root)))
            found.append(regular(resolved, path))
    return found


def regular(resolved: Path, path: Path) -> Path:
    """``resolved``, or an InputError when it is no regular file (a FIFO would block the run, a
    socket or device is no article, a link to nothing is an article gone missing)."""
    if resolved.is_file():
        return resolved
    what = "a link to nothing" if not resolved.exists() else "a directory" if resolved.is_dir() else \
        "a FIFO, socket or device"
    raise InputError(f"{shown_path(path)}: not a regular file ({what}); remove it or replace it by the text")


def relative_name(root: Path, resolved: Path) -> str:
    """The article's name in the tables: its path relative to the corpus, with ``/``."""
    return resolved.relative_to(root).as_posix()


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def utf16_hint(data: bytes) -> str | None:
    """What to say of bytes that are UTF-16 (a byte-order mark, or a NUL beside every ASCII
    letter): "not UTF-8 at byte 0" or "control character U+0000" would send the user looking
    for a bad byte. None for anything else."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "the text is UTF-16 (it starts with a byte-order mark), not UTF-8; save it as UTF-8"
    head = data[:200]
    if len(head) >= 4 and (head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2])):
        return "the text looks like UTF-16 (a NUL byte beside every character), not UTF-8; save it as UTF-8"
    return None


def read_article(path: Path, clean_control: bool = False) -> tuple[str, int]:
    """``(text, n_control_dropped)``: UTF-8 (a leading BOM is dropped), not empty, no NUL
    or C0 control characters (dropped and counted when ``clean_control``); a lone CR, NEL,
    U+2028 and U+2029 read as a line feed, character for character."""
    return decode_article(path, read_bytes(path), clean_control)


def read_bytes(path: Path) -> bytes:
    """The article file's bytes; an unreadable file is an :class:`InputError` naming it."""
    try:
        if not path.is_file():  # a device (/dev/zero) or a FIFO would never end
            raise InputError(f"{path}: not a regular file; not read")
        if path.stat().st_size > 4 * MAX_ARTICLE_CHARS:  # refused before it is read (UTF-8: at most 4 bytes a character)
            raise InputError(f"{path}: {path.stat().st_size:,} bytes; articles longer than "
                             f"{MAX_ARTICLE_CHARS:,} characters are refused (split the file)")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read article ({exc.strerror})") from None


def decode_article(path: Path, data: bytes, clean_control: bool = False) -> tuple[str, int]:
    """:func:`read_article` for bytes already read from ``path`` (named in errors)."""
    utf16 = utf16_hint(data)
    if utf16:
        raise InputError(f"{path}: {utf16}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"{path}: not valid UTF-8 at line {line}, column {column} "
                         f"(byte 0x{data[exc.start]:02x})") from None
    text = text.removeprefix("\ufeff")
    dropped = 0
    bad = CONTROL.search(text)
    if bad is not None:
        if not clean_control:
            line, column = line_column(text, bad.start())
            raise InputError(f"{path}: line {line}, column {column}: control character "
                             f"U+{ord(bad.group()):04X} (use --clean-control to drop them)")
        text, dropped = CONTROL.subn("", text)
    text = LINE_BREAKS.sub("\n", text)  # one character for one: every offset stays where it was
    if not text.strip():
        raise InputError(f"{path}: empty article (no text)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"{path}: {len(text):,} characters; articles longer than "
                         f"{MAX_ARTICLE_CHARS:,} are refused (split the file)")
    return text, dropped
