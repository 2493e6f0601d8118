"""The report site: extract once, run every numbered notebook on the dataset, render HTML.

:func:`run_reports` checks its inputs before any kernel starts (the corpus opens, the output
can be written), extracts the corpus once into ``OUT/data/`` (the dataset), runs
``notebooks/NN-*.ipynb`` with papermill (parameter ``dataset`` = that directory; two at a time
where two cores are free, each in its own process), renders each to HTML, then builds the rest of the site (:mod:`.site`: assets once, a page per
article with its extracted spans anchored, pair pages, the front page) and checks it
(:mod:`.check`: a broken link or a row that does not land on its text fails the run). Everything is built in a fresh staging
directory beside ``OUT`` and swapped in only when complete: an interrupted run leaves the
previous site whole, and a failed notebook is named on the new index, never an old "ok".
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ..outdir import check_target, new_staging, swap
from ..paths import KERNEL_NAME, NOTEBOOKS, REPORTS, resolve
from .execute import ensure_kernel, notebook_title, run_notebooks

NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"


@dataclass
class NotebookResult:
    name: str
    title: str
    seconds: float
    html: Path | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ReportRun:
    corpus: Path
    manifest: Path | None
    out_dir: Path
    results: list[NotebookResult] = field(default_factory=list)
    extract_seconds: float = 0.0
    site_problems: list[str] = field(default_factory=list)  # from :func:`.check.check_site`
    failed_articles: list[tuple[str, str]] = field(default_factory=list)  # (file, error): kept, flagged

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results) and not self.site_problems

    @property
    def failures(self) -> list[NotebookResult]:
        return [r for r in self.results if not r.ok]

    def summary(self) -> str:
        lost = f", {len(self.failed_articles)} article(s) could not be analysed" if self.failed_articles else ""
        lines = [f"extract: ok ({self.extract_seconds:.1f} s{lost})"]
        lines += [f"  {file}: {error}" for file, error in self.failed_articles[:20]]
        lines += [f"{r.name}: {'ok' if r.ok else 'FAILED'} ({r.seconds:.1f} s)" for r in self.results]
        lines.append(f"index: {self.index}")
        if self.failures:
            lines.append(f"{len(self.failures)} notebook(s) failed:")
            lines += [f"  {r.name}: {r.error}" for r in self.failures]
        if self.site_problems:
            lines.append(f"{len(self.site_problems)} problem(s) in the site (python -m analysis check lists them all):")
            lines += [f"  {p}" for p in self.site_problems[:20]]
        return "\n".join(lines)


MARKER = ".press-analysis-site"  # in every site the project writes: what --out may replace


def notebooks(directory: Path = NOTEBOOKS) -> list[Path]:
    return sorted(Path(directory).glob(NOTEBOOK_GLOB))


def _check_out(out: Path, corpus: Path | None = None, contents: bool = True) -> None:
    """Refuse an ``--out`` the swap would destroy though the project did not make it (see
    :func:`analysis.outdir.check_target`; a site the project made carries ``MARKER``, one made
    before the marker existed has its ``index.html`` and ``data/dataset.json``)."""
    check_target(out, _ours, "the report", corpus, contents)


def _ours(out: Path) -> bool:
    return (out / MARKER).is_file() or ((out / "index.html").is_file() and (out / "data" / "dataset.json").is_file())


def run_reports(corpus: str | Path | None = None, out_dir: str | Path | None = None, manifest: str | Path | None = None,
                notebooks_dir: str | Path | None = None, timeout: int = 600, show_code: bool = False,
                kernel_name: str = KERNEL_NAME, workers: int | None = None, scheduler: str | None = None,
                clean_control: bool = False, quiet: bool = True, notebook_workers: int | None = None) -> ReportRun:
    """Extract once and render every numbered notebook (``notebook_workers`` at once, by default
    two where there are two cores); never stops at a failed notebook."""
    from ..corpus import open_corpus
    from ..extract import extract

    out = resolve(out_dir, REPORTS)
    _check_out(out, contents=False)
    source = open_corpus(corpus, manifest, clean_control=clean_control)  # bad input: InputError, no kernel started
    _check_out(out, source.root)
    source_dir = resolve(notebooks_dir, NOTEBOOKS)
    pages = notebooks(source_dir)
    ensure_kernel(kernel_name)
    staging = new_staging(out)
    try:
        run = ReportRun(source.root, source.manifest_path, out)
        result = extract(source, staging / "data", workers=workers, scheduler=scheduler, quiet=quiet,
                         formats=("csv", "parquet"),  # downloads: CSV (spreadsheet-safe) and typed Parquet
                         safe_csv=True)
        run.extract_seconds = result.seconds
        run.failed_articles = result.failed
        (staging / "notebooks").mkdir()
        # relative to the executed notebooks' folder: they stay runnable where the site ends up
        parameters = {"dataset": "../data", "output_dir": "../outputs"}
        ran = run_notebooks(pages, staging, parameters, timeout, kernel_name, show_code,
                            notebook_workers or min(2, _cores()))
        for notebook, (seconds, error, page) in zip(pages, ran):
            run.results.append(NotebookResult(notebook.name, notebook_title(notebook), seconds,
                                              out / page if page else None, error))
        one_copy(staging / "outputs", staging / "data")
        from ..dataset import Dataset
        from .site import build_site

        build_site(staging, Dataset(staging / "data"), run)
        from .check import check_site

        run.site_problems = check_site(staging)
        (staging / MARKER).write_text("a site written by `python -m analysis report`; --out may replace this folder\n",
                                      encoding="utf-8")
        _check_out(out, source.root)  # again at the swap: the folder may have changed while notebooks ran
        swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return run


SAME_AS_DATASET = "SAME-AS-DATASET.txt"


def one_copy(outputs: Path, data: Path) -> list[str]:
    """Keep one copy of each table: a notebook's CSV with the very bytes of a dataset table
    (``data/<table>.csv``) is removed from ``outputs`` and named in ``outputs/SAME-AS-DATASET.txt``
    with the table that holds it. Returns the names removed."""
    if not outputs.is_dir():
        return []
    tables: dict[int, list[Path]] = {}
    for table in sorted(data.glob("*.csv")):
        tables.setdefault(table.stat().st_size, []).append(table)
    lines = []
    for copy in sorted(outputs.glob("*.csv")):
        same = next((t for t in tables.get(copy.stat().st_size, []) if t.read_bytes() == copy.read_bytes()), None)
        if same is not None:
            copy.unlink()
            lines.append(f"{copy.name}: the same bytes as ../data/{same.name}, kept there only")
    if lines:
        (outputs / SAME_AS_DATASET).write_text(
            "Tables the notebooks wrote that are a dataset table unchanged; the site keeps them once, in data/:\n"
            + "\n".join(lines) + "\n", encoding="utf-8")
    return [line.split(":", 1)[0] for line in lines]


def _cores() -> int:
    """The cores this process may use (the scheduler's affinity where the platform has it)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
