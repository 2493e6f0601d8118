from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

from analysis.corpus import open_corpus
from analysis.dataset import Dataset
from analysis.extract import extract
from analysis.paths import ROOT

DEV_CORPUS = ROOT.parent / "shared" / "corpora" / "dev"

# `make test-fast` (pytest -m "not slow") leaves these out: whole report runs, browser checks,
# subprocess and multi-process runs, the outside TimeML sets. `make test` and CI run everything.
SLOW_MODULES = {"test_browser", "test_lab", "test_report", "test_site", "test_notebooks", "test_hostile"}
SLOW_TESTS = {
    "test_cli.py::test_extract_is_deterministic", "test_cli.py::test_parquet_copies",
    "test_cli.py::test_extract_warns_about_undated_articles", "test_cli.py::test_extract_writes_the_dataset",
    "test_english.py::test_reports_run_on_a_mixed_corpus",
    "test_english.py::test_a_language_without_resources_is_kept_flagged_and_skipped",
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
        if module in SLOW_MODULES or name in SLOW_TESTS:
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


def dataset_of(tmp_path: Path, articles: dict[str, str], manifest: list[dict] | None = None) -> Dataset:
    return extract_corpus(write_corpus(tmp_path / "c", articles, manifest), out=tmp_path / "d")
