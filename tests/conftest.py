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
