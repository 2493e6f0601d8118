"""Extract a corpus once into a dataset: per-article stage (parallel), then cross-article stage.

:func:`extract` streams the corpus's articles, in batches, through the per-article stage
(:mod:`analysis.extract.article`, run by :mod:`analysis.extract.executors` here, in worker
processes or on a Dask cluster), spools their rows to disk (:mod:`analysis.extract.spool`) in a staging directory,
then runs the cross-article stage (:mod:`analysis.extract.corpus_stage`), writes the
dataset there and swaps it in as a whole (:mod:`analysis.outdir`). Progress goes to stderr (a tqdm bar when stderr is a
terminal), ending in one summary line.
"""
from __future__ import annotations

import os
import sys
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..corpus import CorpusSource
from ..nlp import release
from ..outdir import staged
from .article import ArticleInput
from .corpus_stage import write_tables
from .executors import default_workers, run
from .memlog import MemLog
from .sections import parts_of
from .spool import Spool
from .writer import DatasetWriter, check_output

BATCH_ARTICLES = 16
KEEP_SPOOL = "PRESS_ANALYSIS_KEEP_SPOOL"  # debugging: move the spool there (see analysis.extract.rerun)


@dataclass
class ExtractResult:
    out: Path
    n_articles: int
    tables: dict[str, int]
    seconds: float
    undated: list[str]
    skipped: list[str]
    failed: list[tuple[str, str]]  # (file, error) of the articles whose analysis raised

    def summary(self) -> str:
        rows = ", ".join(f"{name} {count:,}" for name, count in self.tables.items())
        lost = f" ({len(self.failed):,} could not be analysed, kept and flagged)" if self.failed else ""
        return f"extracted {self.n_articles:,} articles{lost} in {self.seconds:.1f} s into {self.out}: {rows}"


def inputs(corpus: CorpusSource) -> Iterator[ArticleInput]:
    """Each article's text and metadata, read one at a time."""
    for article in corpus.articles:
        text = corpus.read(article)
        yield ArticleInput(article.file, text, dict(article.meta), article.meta.get("language") or "",
                           listed=article.in_manifest or corpus.manifest_path is None)


# From this many characters read, the built pipelines (whose vocabularies grow with every new word)
# are dropped before the cross-article stage. Below it they are kept: rebuilding them costs a few
# seconds for every later extraction in the same process (a notebook, the tests).
RELEASE_CHARS = 2_000_000


def _batches(items: Iterator[ArticleInput], size: int) -> Iterator[list[ArticleInput]]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract(corpus: CorpusSource, out: str | Path, workers: int | None = None, scheduler: str | None = None,
            formats: tuple[str, ...] = ("csv",), safe_csv: bool = False, quiet: bool = False,
            batch_size: int = BATCH_ARTICLES) -> ExtractResult:
    """Extract ``corpus`` into the dataset directory ``out``; see the module docstring."""
    out = check_output(Path(out), corpus.root)
    started = time.perf_counter()
    workers = default_workers() if workers is None else max(1, workers)
    progress = _progress(len(corpus), quiet)
    undated, skipped, failed = [], [], []
    chars_read = 0
    with staged(out, "the dataset", recheck=lambda: check_output(out, corpus.root)) as staging:  # the whole dataset swapped in at the end: never a mix of two runs
        spool = Spool(staging / ".spool", {"articles": corpus.extra_columns})
        log = MemLog.from_env()
        with log.step("per-article stage"):
            for results in run(_batches(inputs(corpus), batch_size), workers=workers, scheduler=scheduler):
                for result in results:
                    for table, rows in result.tables.items():
                        for part in parts_of(rows):  # a sectioned article's rows a section at a time
                            spool.add(table, part)
                    record = result.tables["articles"][0]
                    chars_read += int(record.get("n_chars") or 0)
                    if not record.get("published"):
                        undated.append(result.file)
                    if record.get("error"):
                        failed.append((result.file, record["error"]))
                    elif not record.get("analysed"):
                        skipped.append(f"{result.file} ({record['language']})")
                progress.update(len(results))
            progress.close()
            spool.close()
            results = result = None  # the last batch's rows (a long article's packed sections) are spooled
            log.trimming = chars_read >= RELEASE_CHARS
            if log.trimming:
                release()  # the vocabularies grew with every word read; the cross-article stage needs none of it
        writer = DatasetWriter(staging, formats, safe_csv)
        article_columns = list(spool.schema("articles").names)
        write_tables(spool, writer, article_columns, log)
        log.close()
        _drop_spool(staging / ".spool")
        seconds = time.perf_counter() - started
        writer.finish({"root": str(corpus.root), "manifest": str(corpus.manifest_path or ""),
                       "fingerprint": corpus.fingerprint(), "n_files": len(corpus)}, seconds,
                      {"workers": workers, "scheduler": scheduler or "", "clean_control": corpus.clean_control})
    return ExtractResult(out, len(corpus), {k: v["rows"] for k, v in writer.tables.items()}, seconds, undated, skipped, failed)


def _drop_spool(spool: Path) -> None:
    """Remove the spool, or move it to ``$PRESS_ANALYSIS_KEEP_SPOOL`` (a new folder) when that is set."""
    keep = os.environ.get(KEEP_SPOOL, "").strip()
    if keep and not Path(keep).exists():
        shutil.move(str(spool), keep)
    else:
        shutil.rmtree(spool)


def _progress(total: int, quiet: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, disable=quiet or not sys.stderr.isatty(),
                desc="extract", leave=False)


__all__ = ["ExtractResult", "extract"]
