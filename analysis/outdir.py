"""Output directories written as a whole: a dataset (``extract --out``) and a site (``report
--out``) are built in a staging directory beside their target and swapped in as one, so an
interruption (Ctrl-C, SIGTERM, a full disk, a file-size limit, a crash) leaves the previous
output or the new one, never a mix; the staging is removed on every failure.

:func:`check_target` refuses, before any work, a target the swap would destroy though the
project did not make it (the corpus itself, a folder holding the corpus, a folder of other
files). Writes only beside the target it is given.
"""
from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .atomic import UMASK
from .errors import InputError

RENAME_EXCHANGE = 2  # renameat2(2) flag: swap two paths atomically (Linux)
AT_FDCWD = -100
FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
PREFIX = "press"  # beside ``out``: ``.OUT.press-staging-PID-xxxx`` while building, ``.OUT.press-old-PID`` while swapping
STAGING, OLD = "press-staging", "press-old"  # the disk or a quota or a file-size limit is full


def check_target(out: Path, ours: Callable[[Path], bool], what: str, corpus: Path | None = None,
                 contents: bool = True) -> Path:
    """``out`` as an absolute path, or a one-line :class:`InputError` when it is a file, the
    corpus or a folder holding it, a non-empty folder ``ours`` does not recognise, a symlink loop,
    a name too long for the file system, or its parent cannot take a staging directory. ``what``
    names the output in messages ("the dataset")."""
    try:
        return _check_target(Path(out).expanduser().absolute(), ours, what, corpus, contents)
    except (RuntimeError, OSError) as exc:  # RuntimeError: pathlib's symlink loop before Python 3.13
        shown = os.fsencode(out).decode("utf-8", "backslashreplace")
        raise InputError(f"{shown[:200]}: --out cannot be used ({getattr(exc, 'strerror', None) or 'a symlink loop'})") \
            from None


def _check_target(out: Path, ours: Callable[[Path], bool], what: str, corpus: Path | None, contents: bool) -> Path:
    try:
        os.fsencode(out).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{os.fsencode(out).decode('utf-8', 'backslashreplace')}: the --out path is not valid "
                         "UTF-8 (the dataset records it); choose another") from None
    if out.is_symlink():  # the folder it points to is replaced, not the link
        out = out.resolve()
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: --out is an existing file, not a directory")
    if out.is_dir() and (os.path.ismount(out) or out.stat().st_dev != out.parent.stat().st_dev):
        raise InputError(f"{out}: --out is a mount point; {what} is built beside it and swapped in, "
                         "so choose a folder inside it")
    if corpus is not None:
        where, inside = out.resolve(), Path(corpus).resolve()
        if where == inside or where in inside.parents:
            raise InputError(f"{out}: --out is the corpus or holds it; {what} replaces --out, choose another folder")
    if contents and out.is_dir() and any(out.iterdir()) and not ours(out):
        raise InputError(f"{out}: --out holds files the project did not write; {what} replaces --out, "
                         "choose an empty or new folder")
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create its parent directory {parent} ({exc.strerror})") from None
    try:
        os.rmdir(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.write-test-"))
    except OSError as exc:
        raise InputError(f"{parent}: not writable ({what} is built beside {out.name} and swapped in; "
                         f"{exc.strerror})") from None
    return out


def new_staging(out: Path) -> Path:
    """An empty directory beside ``out`` (same file system, so the swap is a rename); staging
    left by a run that was killed outright (``kill -9``: nothing could clean up) is removed first."""
    sweep(out)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.{STAGING}-{os.getpid()}-"))
    staging.chmod(0o777 & ~UMASK)  # mkdtemp makes 0700; the output is as readable as any folder the user makes
    return staging


@contextmanager
def staged(out: Path, what: str, recheck: Callable[[], object] | None = None) -> Iterator[Path]:
    """A staging directory to fill; swapped in as ``out`` when the block ends normally (after
    ``recheck``, which may refuse: ``out`` may have changed during a long run), removed when it
    raises or is interrupted (a full disk or file-size limit: a one-line InputError)."""
    staging = new_staging(out)
    try:
        yield staging
        if recheck is not None:
            recheck()
        swap(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        message = full_disk_message(exc, out, what)
        if message is None:
            raise
        raise InputError(message) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def sweep(out: Path) -> list[Path]:
    """Clean up after runs killed outright (``kill -9``): their staging is removed; an old output
    they had moved aside is put back when ``out`` is missing (killed between the two renames of
    the fallback swap), else removed. Only names this module makes, of processes that are gone."""
    removed = []
    ours = re.compile(rf"\.{re.escape(out.name)}\.({STAGING}|{OLD})-(\d+)(?:-[^/]*)?")
    for path in sorted(out.parent.glob(f".{out.name}.{PREFIX}-*")):
        match = ours.fullmatch(path.name)
        if match is None or not path.is_dir() or path.is_symlink() or _alive(int(match.group(2))):
            continue
        kind = match.group(1)
        if kind == OLD and not out.exists():
            os.rename(path, out)
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap(staging: Path, out: Path) -> None:
    """Put the complete ``staging`` in place of ``out`` and remove the old one. Atomic where the
    system can exchange two directories (Linux renameat2); otherwise two renames a moment apart."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now the old output
        return
    old = out.with_name(f".{out.name}.{OLD}-{os.getpid()}")
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})  # no gap between the renames
    try:
        os.rename(out, old)
        os.rename(staging, out)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return done == 0


def full_disk_message(exc: OSError, out: Path | str, what: str) -> str | None:
    """The one-line error for a write that ran out of room (disk, quota, file-size limit), else None."""
    number = exc.errno
    if number is None:  # pyarrow's errors carry the number in their text: "... [errno 28] ..."
        found = re.search(r"\[errno (\d+)\]", str(exc))
        number = int(found.group(1)) if found else None
    if number not in FULL:
        return None
    return f"{out}: cannot write {what} ({os.strerror(number)}); the previous one, if any, is unchanged"
