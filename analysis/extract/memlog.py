"""Memory and CPU per step of an extraction, for finding what grows (a debugging aid), and
:func:`trim`, which gives freed memory back to the system at the end of every step of a large run (see MemLog.trimming).

Logging is off unless the environment variable ``PRESS_ANALYSIS_MEMLOG`` is set (to ``1`` for stderr, or to
a file path to append to). Then each :meth:`MemLog.step` writes one line when it ends: the
step's name, the resident memory at its end, the highest resident memory seen while it ran
(sampled every ``INTERVAL`` seconds by a background thread, plus the process's peak so far from
``getrusage``) and the CPU seconds it took. Reads ``/proc/self/statm`` (Linux); elsewhere the
current resident memory is not known and only the process peak is logged. Writes nothing else.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import sys
import threading
import time
from contextlib import contextmanager
from typing import Iterator

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows
    resource = None

ENV = "PRESS_ANALYSIS_MEMLOG"
INTERVAL = 0.05
MIB = 1024 * 1024


def trim() -> None:
    """Collect garbage and hand the allocator's free pages back to the system (glibc's
    ``malloc_trim``; elsewhere only the collection), so the next step starts from what is held,
    not from what the last one touched."""
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass


def rss_bytes() -> int | None:
    """The process's resident memory now, or None where /proc is absent."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def peak_bytes() -> int | None:
    """The process's peak resident memory so far (``ru_maxrss``: KiB on Linux, bytes on macOS)."""
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


class _Sampler(threading.Thread):
    """Highest resident memory seen since start (or the last :meth:`reset`)."""

    def __init__(self):
        super().__init__(daemon=True, name="memlog")
        self.high = rss_bytes() or 0
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(INTERVAL):
            self.high = max(self.high, rss_bytes() or 0)

    def reset(self) -> int:
        high, self.high = max(self.high, rss_bytes() or 0), rss_bytes() or 0
        return high


class MemLog:
    """Step lines to ``target`` (a writable text handle); a no-op when ``target`` is None."""

    def __init__(self, target=None):
        self.target = target
        self.sampler: _Sampler | None = None
        self.lines: list[str] = []
        self.trimming = True  # off for small runs: a full collection per step costs seconds in a big process

    @classmethod
    def from_env(cls) -> "MemLog":
        value = os.environ.get(ENV, "").strip()
        if not value or value == "0":
            return cls(None)
        if value in {"1", "stderr"}:
            return cls(sys.stderr)
        return cls(open(value, "a", encoding="utf-8"))  # noqa: SIM115 - kept open for the run

    @property
    def on(self) -> bool:
        return self.target is not None

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Run the ``with`` body as one step: freed memory trimmed at its end, a line logged."""
        if not self.on:
            try:
                yield
            finally:
                if self.trimming:
                    trim()
            return
        if self.sampler is None:
            self.sampler = _Sampler()
            self.sampler.start()
        self.sampler.reset()
        cpu = time.process_time()
        try:
            yield
        finally:
            high = self.sampler.reset()
            if self.trimming:
                trim()
            self.log(name, high, time.process_time() - cpu)

    def log(self, name: str, high: int, cpu: float) -> None:
        now, peak = rss_bytes(), peak_bytes()
        line = (f"memlog {name}: rss {_mib(now)} MiB, step high {_mib(high)} MiB, "
                f"process peak {_mib(peak)} MiB, cpu {cpu:.1f} s")
        self.lines.append(line)
        self.target.write(line + "\n")
        self.target.flush()

    def close(self) -> None:
        if self.sampler is not None:
            self.sampler.halt.set()
            self.sampler = None
        if self.target not in (None, sys.stderr, sys.stdout):
            self.target.close()


def _mib(value: int | None) -> str:
    return "?" if value is None else f"{value / MIB:.0f}"
