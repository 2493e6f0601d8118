"""Where the per-article stage runs: in this process, in local worker processes, or on a
Dask distributed cluster. Whichever, batches come back in the order they were given (a
bounded number in flight, so memory stays flat), so the tables are the same byte for byte.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from typing import Iterable, Iterator

from .article import ArticleInput, ArticleRows, analyse_batch

IN_FLIGHT_PER_WORKER = 3


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def run(batches: Iterable[list[ArticleInput]], workers: int = 1, scheduler: str | None = None) -> Iterator[list[ArticleRows]]:
    batches = iter(batches)
    head = list(itertools.islice(batches, 2))
    batches = itertools.chain(head, batches)
    if scheduler:
        yield from _dask(batches, scheduler)
    elif workers <= 1 or len(head) < 2:  # one batch: starting processes would only cost time
        for batch in batches:
            yield analyse_batch(batch)
    else:
        yield from _processes(batches, workers)


def _windowed(submit, batches, window: int):
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


def _processes(batches, workers: int):
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["analysis.extract.article"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            for future in _windowed(lambda b: pool.submit(analyse_batch, b), batches, IN_FLIGHT_PER_WORKER * workers):
                try:
                    yield future.result()
                except BrokenProcessPool:
                    raise RuntimeError("a worker process died (out of memory, or a script that starts the extraction "
                                       "without `if __name__ == '__main__':`); run with workers=1 to find out") from None
        except BaseException:  # Ctrl-C, SIGTERM, an error: stop the workers now, not after their batches
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _dask(batches, address: str):
    from distributed import Client

    from ..errors import InputError

    try:
        client = Client(address, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise InputError(f"{address}: cannot reach the Dask scheduler ({exc})") from None
    with client:
        workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        submit = lambda b: client.submit(analyse_batch, b, pure=False)  # noqa: E731
        for future in _windowed(submit, batches, IN_FLIGHT_PER_WORKER * workers):
            yield future.result()
