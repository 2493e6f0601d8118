from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import subprocess
import traceback
from pathlib import Path

import pytest

from analysis.corpus import open_corpus
from analysis.dataset import Dataset
from analysis.extract import extract
from analysis.paths import ROOT

DEV_CORPUS = ROOT.parent / "shared" / "corpora" / "dev"
DEV2_CORPUS = ROOT.parent / "shared" / "corpora" / "dev2"

# `make test-fast` (pytest -m "not slow") leaves these out: whole report runs (a test using one of
# SLOW_FIXTURES, or the tests below that run one), browser and JupyterLab checks, real subprocess
# and multi-process runs, the outside TimeML sets. `make test` and CI run everything. CLI calls
# run in process (run_cli) are not slow; test_notebooks only reads the notebooks.
SLOW_MODULES = {"test_browser", "test_lab"}
SLOW_FIXTURES = {"seed_run", "hostile_runs", "dollar_reports"}
SLOW_TESTS = {
    "test_report.py::test_failures_are_collected_and_named",
    "test_hostile.py::test_9_failed_and_interrupted_reruns_leave_no_stale_ok",
    "test_hostile.py::test_24_an_interrupted_or_failed_write_leaves_the_previous_dataset",
    "test_hostile.py::test_24_a_file_size_limit_leaves_the_previous_dataset",
    "test_hostile.py::test_24_a_killed_write_leaves_the_previous_dataset_and_is_swept",
    "test_cli.py::test_extract_is_deterministic",
    "test_english.py::test_reports_run_on_a_mixed_corpus",
    "test_extract.py::test_a_dask_cluster_gives_the_same_tables", "test_extract.py::test_a_million_character_article_extracts",
    "test_extract.py::test_two_workers_give_the_same_tables",
    "test_fault_isolation.py::test_a_failing_stage_in_a_worker_process",
    "test_fault_isolation.py::test_every_timeml_document_runs_through",
    "test_architecture.py::test_each_module_imports_on_its_own",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.path.stem
        name = f"{item.path.name}::{item.originalname}"
        if module in SLOW_MODULES or name in SLOW_TESTS or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


_counter = itertools.count()


def extract_corpus(directory: Path | None = None, manifest=None, out: Path | None = None, **options) -> Dataset:
    """Extract a corpus in this process (one worker) into ``out`` and open the dataset."""
    corpus = open_corpus(directory, manifest)
    if out is None:
        base = Path(directory).parent if directory is not None else Path("/tmp")
        out = base / f"dataset-{next(_counter)}"
    extract(corpus, out, workers=options.pop("workers", 1), quiet=True, **options)
    return Dataset(out)


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """The report site of the seeds, built once for the report, site and browser tests."""
    from analysis.paths import SEEDS
    from analysis.report import run_reports

    return run_reports(SEEDS, out_dir=tmp_path_factory.mktemp("reports") / "site", timeout=300, workers=1)


XSS_SCRIPT = '<script>alert("xss")</script>'
XSS_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_ARTICLES = {
    "evil.txt": (f"Judul {XSS_SCRIPT}\nPasukan tiba {XSS_IMG} di Rusia pada 1 November 2024. "
                 f"Mereka dilatih.\nBaca juga: {XSS_SCRIPT}\n"),
    "plain.txt": "Pasukan tiba di Rusia.\n",
    "a.txt": ("Rusia membayar $2.000 per bulan; sebanyak $x$ dan $y$ tentara Korea Utara tiba di Rusia "
              "pada Rabu (30/10/2024), kata Pentagon.\n=SUM(A1) tertulis di spanduk.\n"),
    "b.txt": "Sekitar 10.000 tentara tiba pada Selasa (29/10/2024), kata juru bicara Pentagon Sabrina Singh.\n",
}
HOSTILE_MANIFEST = [
    {"file": "evil.txt", "outlet": XSS_IMG, "title": XSS_SCRIPT, "published": ""},
    {"file": "plain.txt", "outlet": "ok", "title": "", "published": "2024-11-01"},
    {"file": "a.txt", "outlet": "$x$ Media", "title": "", "published": "2024-10-31"},
    {"file": "b.txt", "outlet": "Harian", "title": "", "published": "2024-10-30"},
]


@pytest.fixture(scope="session")
def hostile_runs(tmp_path_factory):
    """Two whole report runs of one small hostile corpus (script tags, dollar signs, formula
    cells), shared by test_report and test_hostile (4 runs before, 2 now); tests only read them.
    The first runs with extraction counted and a cache directory the notebooks must not create:
    returns (first, second, extract calls of the first, that cache directory)."""
    import analysis.extract
    from analysis.report import run_reports

    tmp = tmp_path_factory.mktemp("hostile")
    corpus = write_corpus(tmp / "c", HOSTILE_ARTICLES, HOSTILE_MANIFEST)
    calls: list = []
    real = analysis.extract.extract
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRESS_ANALYSIS_CACHE", str(tmp / "cache"))  # the kernels inherit it
        patch.setattr(analysis.extract, "extract", lambda *a, **k: calls.append(a) or real(*a, **k))
        first = run_reports(corpus, out_dir=tmp / "one" / "site", timeout=300, workers=1)
    second = run_reports(corpus, out_dir=tmp / "two" / "site", timeout=300, workers=1)
    return first, second, calls, tmp / "cache"


@pytest.fixture(scope="session")
def dev2_data(tmp_path_factory) -> Path:
    """The shared dev2 corpus extracted once in this process (one worker), for test_dev2's
    scores and test_cli's determinism check; tests only read it. Skips where it is absent."""
    if not DEV2_CORPUS.is_dir():
        pytest.skip(f"{DEV2_CORPUS} is absent (the shared corpora sit beside the repository)")
    out = tmp_path_factory.mktemp("dev2") / "data"
    extract_corpus(DEV2_CORPUS, out=out)
    return out


@pytest.fixture(scope="session")
def seeds(tmp_path_factory):
    return extract_corpus(None, out=tmp_path_factory.mktemp("seeds") / "data")


def write_corpus(directory: Path, articles: dict[str, str | bytes], manifest: list[dict] | None = None,
                 columns: list[str] | None = None) -> Path:
    """Write a small corpus (and optionally its manifest.csv) for a test."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    if manifest is not None:
        columns = columns or sorted({k for row in manifest for k in row})
        with (directory / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(manifest)
    return directory


def run_cli(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` run in this process, as click's CliRunner does: the exit status
    and what the command printed, as ``subprocess.run(..., capture_output=True, text=True)``
    would give them, without a new interpreter re-importing spaCy (8-9 s a call). An exception
    escaping ``main`` becomes exit status 1 with its traceback on stderr, as in a real process.
    The real-process behaviour (exit status, no traceback, signals) is still checked by the few
    tests that spawn one (test_errors, test_hostile's interrupted writes)."""
    from analysis.cli import main

    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    try:
        os.chdir(cwd or ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exc:  # argparse's usage errors
                status = exc.code if isinstance(exc.code, int) else 1
            except Exception:  # noqa: BLE001 - a real process would print the traceback and exit 1
                traceback.print_exc(file=err)
                status = 1
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["python", "-m", "analysis", *argv], status, out.getvalue(), err.getvalue())


def dataset_of(tmp_path: Path, articles: dict[str, str], manifest: list[dict] | None = None) -> Dataset:
    return extract_corpus(write_corpus(tmp_path / "c", articles, manifest), out=tmp_path / "d")
