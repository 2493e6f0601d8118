"""``make bench``: time ``extract`` on the seeds and on a synthetic corpus of
~5,000 articles made by repeating the seeds (not a test; prints numbers).

Each run is a separate ``python -m analysis extract`` process, so the peak
memory reported is that process's maximum resident set size.
"""
from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .paths import SEEDS, SEEDS_MANIFEST


def synthetic_corpus(directory: Path, n_articles: int) -> Path:
    """``n_articles`` copies of the seeds (cycled), with a manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    with SEEDS_MANIFEST.open(encoding="utf-8") as handle:
        meta = {row["file"]: row for row in csv.DictReader(handle)}
    rows = []
    for i in range(n_articles):
        seed = seeds[i % len(seeds)]
        name = f"{i:05d}_{seed.name}"
        (directory / name).write_bytes(seed.read_bytes())
        row = dict(meta[seed.name], file=name)
        rows.append(row)
    with (directory / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return directory


def time_extract(corpus: Path, out: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one ``extract`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=5000, help="size of the synthetic corpus")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        runs = [("seeds", SEEDS, len(list(SEEDS.glob("*.txt"))))]
        runs.append((f"synthetic x{args.articles}", synthetic_corpus(tmp / "synthetic", args.articles), args.articles))
        print(f"{'corpus':<18} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'peak MiB':>9}")
        for label, corpus, n in runs:
            seconds, peak = time_extract(corpus, tmp / f"out-{label.split()[0]}")
            print(f"{label:<18} {n:>8} {seconds:>8.1f} {n / seconds:>10.1f} {peak:>9.0f}")
    print("(seconds include interpreter start-up and loading spaCy, about 2 s; peak = max RSS of the run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
