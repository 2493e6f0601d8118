from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis import load_corpus
from analysis.paths import ROOT

DEV_CORPUS = ROOT.parent / "shared" / "corpora" / "dev"


@pytest.fixture(scope="session")
def seeds():
    return load_corpus()


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
