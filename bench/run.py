"""``make bench``: how extraction scales, written to ``bench/RESULTS.md``.

For each corpus size (real-length articles: the seeds cycled, each with its own first line)
it measures, as whole processes (interpreter start-up and model-free spaCy load included):

* a bare tokenisation pass, ``spacy.blank(lang).pipe`` over the same texts in one process;
* ``python -m analysis extract`` with the default workers (and with 1, 2 and all workers on
  the smaller sizes): wall seconds, articles/s, the ratio to the bare pass, peak memory of the
  largest process and of the whole process tree (sampled from /proc);

then one 1,200,000-character article against its own bare tokenisation, and ``report`` on 400
articles against ``extract`` on them, with the size of that report site. Usage: ``python bench/run.py [--sizes 1000,10000,50000]``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import cycled_corpus, long_article  # noqa: E402

PY = sys.executable
BARE = ("import sys, spacy, pathlib\n"
        "texts = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.txt'))]\n"
        "nlp = spacy.blank(sys.argv[2])\n"
        "nlp.max_length = 10 ** 8  # a tokenizer alone needs no memory limit\n"
        "for doc in nlp.pipe(texts, batch_size=64):\n    pass\n")


def tree_rss(pid: int) -> tuple[int, int]:
    """(largest process RSS, sum of PSS) in KiB of ``pid`` and its descendants, from /proc
    (PSS shares the pages a forked worker has in common with its parent, so the sum is real)."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except OSError:
            continue
    rss, pss = [], []
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as handle:
                rss += [int(line.split()[1]) for line in handle if line.startswith("VmRSS:")]
            with open(f"/proc/{p}/smaps_rollup") as handle:
                pss += [int(line.split()[1]) for line in handle if line.startswith("Pss:")]
        except OSError:
            pass
    return (max(rss) if rss else 0, sum(pss))


def measure(cmd: list[str]) -> dict:
    """Wall seconds and peak memory (largest process, whole tree) of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]

    def sample():
        while proc.poll() is None:
            one, total = tree_rss(proc.pid)
            peak[0], peak[1] = max(peak[0], one), max(peak[1], total)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return {"seconds": seconds, "peak_one_mib": peak[0] / 1024, "peak_tree_mib": peak[1] / 1024}


def site_sizes(site: Path) -> str:
    """The report site's size, in all and by part (what mailing it costs)."""
    def size(path: Path) -> int:
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size

    parts = sorted(site.iterdir(), key=lambda p: p.name)
    pages = sorted(site.glob("*.html"))
    articles = sorted((site / "articles").glob("*.html"))
    return (f"Report site of 400 articles: {size(site) / 2**20:.1f} MiB in all; "
            + ", ".join(f"`{p.name}{'/' if p.is_dir() else ''}` {size(p) / 2**20:.2f} MiB" for p in parts
                        if p.suffix != ".html")
            + f"; {len(pages)} top-level pages {sum(size(p) for p in pages) / 2**20:.2f} MiB (largest "
            + f"{max(size(p) for p in pages) / 2**10:.0f} KiB); {len(articles)} article pages, median "
            + f"{sorted(size(p) for p in articles)[len(articles) // 2] / 2**10:.0f} KiB.")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               platform.processor() or "unknown")
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    import spacy

    return (f"{cpu}; {len(os.sched_getaffinity(0))} cores available; {mem} GiB RAM; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; spaCy {spacy.__version__}")


def extract_cmd(corpus: Path, out: Path, workers: int | None) -> list[str]:
    cmd = [PY, "-m", "analysis", "extract", str(corpus), "--out", str(out), "--quiet"]
    return cmd + (["--workers", str(workers)] if workers else [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--speedup-max", type=int, default=10000, help="largest size timed with 1, 2 and all workers")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args(argv)
    cores = len(os.sched_getaffinity(0))
    lines = ["# Benchmark results\n", f"Generated by `make bench` (`python bench/run.py`) on "
             f"{dt.date.today().isoformat()}.\n", f"Machine: {machine()}.\n",
             "Every figure is one whole process (start-up included). Corpus: the five seeds cycled, each copy with "
             "its own first line (about 3,900 characters an article). *Bare* is `spacy.blank('id').pipe` over "
             "the same texts in one process. Peak memory, sampled every 0.2 s from /proc: the RSS of the largest "
             "single process, and the sum of PSS over the process tree (main process, forkserver, workers; PSS "
             "counts a page shared by forked workers once).\n",
             "| articles | run | workers | seconds | articles/s | × bare | speed-up vs 1 worker | peak RSS MiB (largest process) | peak PSS MiB (tree) |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
            corpus = cycled_corpus(tmp / f"c{n}", n)
            bare = measure([PY, "-c", BARE, str(corpus), "id"])
            lines.append(f"| {n:,} | bare tokenisation | 1 | {bare['seconds']:.1f} | {n / bare['seconds']:.0f} | 1.00 | "
                         f"| {bare['peak_one_mib']:.0f} | {bare['peak_tree_mib']:.0f} |")
            configs = sorted({1, 2, cores}) if n <= args.speedup_max else [None]
            single = None
            for workers in configs + ([None] if None not in configs and cores not in configs else []):
                r = measure(extract_cmd(corpus, tmp / f"o{n}-{workers}", workers))
                single = r["seconds"] if workers == 1 else single
                speedup = f"{single / r['seconds']:.2f}" if single else ""
                label = f"{workers}" if workers else f"default ({cores})"
                lines.append(f"| {n:,} | extract | {label} | {r['seconds']:.1f} | {n / r['seconds']:.0f} | "
                             f"{r['seconds'] / bare['seconds']:.2f} | {speedup} | {r['peak_one_mib']:.0f} | "
                             f"{r['peak_tree_mib']:.0f} |")
                print(lines[-1], flush=True)
        long = long_article(tmp / "long")
        n_chars = len((long / "long.txt").read_text(encoding="utf-8"))
        bare = measure([PY, "-c", BARE, str(long), "id"])
        r = measure(extract_cmd(long, tmp / "olong", None))
        lines += ["", f"One article of {n_chars:,} characters: bare tokenisation {bare['seconds']:.1f} s, extract "
                      f"{r['seconds']:.1f} s ({r['seconds'] / bare['seconds']:.2f} × bare), peak "
                      f"{r['peak_one_mib']:.0f} MiB (largest process).", ""]
        corpus = cycled_corpus(tmp / "c400", 400)
        e = measure(extract_cmd(corpus, tmp / "o400", None))
        rep = measure([PY, "-m", "analysis", "report", "--corpus", str(corpus), "--out", str(tmp / "r400"), "--quiet"])
        lines += [f"`report` on 400 articles: {rep['seconds']:.1f} s; `extract` on them: {e['seconds']:.1f} s "
                  f"(report = extract + {rep['seconds'] - e['seconds']:.1f} s).", "", site_sizes(tmp / "r400"), ""]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
