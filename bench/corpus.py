"""Synthetic corpora for the benchmark: real-length articles made by cycling the seeds (or the
real articles of shared corpora, read from there at bench time, never copied into the
repository), each with its own first line (so no two files are the same), and one very long
article."""
from __future__ import annotations

import csv
from pathlib import Path

from analysis.paths import SEEDS, SEEDS_MANIFEST


def seed_texts() -> list[tuple[str, str, dict]]:
    with SEEDS_MANIFEST.open(encoding="utf-8") as handle:
        meta = {row["file"]: row for row in csv.DictReader(handle)}
    return [(p.name, p.read_text(encoding="utf-8"), meta[p.name]) for p in sorted(SEEDS.glob("*.txt"))]


def cycled_corpus(directory: Path, n_articles: int) -> Path:
    """``n_articles`` seed copies, cycled, the first line varied; a manifest with their dates."""
    directory.mkdir(parents=True, exist_ok=True)
    seeds = seed_texts()
    rows = []
    for i in range(n_articles):
        name, text, meta = seeds[i % len(seeds)]
        file = f"{i:06d}_{name}"
        (directory / file).write_text(f"Salinan nomor {i} dari arsip\n{text}", encoding="utf-8")
        rows.append(dict(meta, file=file))
    return write_manifest(directory, rows)


FIRST_LINE = {"id": "Salinan nomor {i} dari arsip", "en": "Copy number {i} from the archive"}
REAL_CORPORA = ("dev2", "dev")


def real_texts(shared: Path, corpora=REAL_CORPORA) -> list[tuple[str, str, dict]]:
    """``(file, text, manifest row)`` of every article of ``shared/corpora/<name>`` for each name."""
    out = []
    for name in corpora:
        folder = shared / "corpora" / name
        with (folder / "manifest.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                out.append((row["file"], (folder / row["file"]).read_text(encoding="utf-8"), row))
    return out


def real_corpus(directory: Path, n_articles: int, shared: Path) -> Path:
    """``n_articles`` copies of the real articles of :data:`REAL_CORPORA`, cycled (each reprinted
    about ``n_articles / 32`` times, as wire copy is), each with its own first line in its
    language; a manifest with their languages and dates (so translation pairs are found)."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = real_texts(shared)
    rows = []
    for i in range(n_articles):
        name, text, meta = texts[i % len(texts)]
        file = f"{i:06d}_{name}"
        line = FIRST_LINE.get(meta.get("language"), FIRST_LINE["en"]).format(i=i)
        (directory / file).write_text(f"{line}\n{text}", encoding="utf-8")
        rows.append(dict(meta, file=file))
    return write_manifest(directory, rows)


def long_article(directory: Path, n_chars: int = 1_200_000) -> Path:
    """One article of at least ``n_chars`` characters: the seeds' story paragraphs repeated."""
    directory.mkdir(parents=True, exist_ok=True)
    body = "\n".join(text for _, text, _ in seed_texts())
    copies = n_chars // len(body) + 1
    (directory / "long.txt").write_text("\n".join([body] * copies), encoding="utf-8")
    (directory / "manifest.csv").write_text("file,published\nlong.txt,2024-10-31\n", encoding="utf-8")
    return directory


def write_manifest(directory: Path, rows: list[dict]) -> Path:
    """``directory/manifest.csv`` of ``rows`` (columns: the first row's keys); returns ``directory``."""
    with (directory / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return directory
