"""``make bench``: how extraction scales, written to ``bench/RESULTS.md``.

For each corpus size (real-length articles: the seeds cycled, each with its own first line)
it measures, as whole processes (interpreter start-up and model-free spaCy load included):

* a bare tokenisation pass, ``spacy.blank(lang).pipe`` over the same texts in one process;
* ``python -m analysis extract`` with the default workers (and with 1, 2 and all workers on
  the smaller sizes): wall seconds, articles/s, the ratio to the bare pass, peak memory of the
  largest process and of the whole process tree (sampled from /proc);

then one 1,200,000-character article against its own bare tokenisation, and ``report`` on 400
and 1,000 articles against ``extract`` on them, with the size of the site (``bench/site_bench.py``). Usage: ``python bench/run.py [--sizes 1000,10000,50000]``.

``python bench/run.py --real 2000 [--shared ../shared]`` measures only real articles instead: the
articles of the shared dev2 and dev corpora (read from there at bench time) cycled to 2,000, each
copy with its own first line and the manifest's language and date (so reprints and translation
pairs are found as in a real corpus), ``extract`` with the default workers against a bare
tokenisation pass of each text with ``spacy.blank`` of its manifest language.
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
from corpus import cycled_corpus, long_article, real_corpus  # noqa: E402

PY = sys.executable
BARE = ("import sys, spacy, pathlib\n"
        "texts = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.txt'))]\n"
        "nlp = spacy.blank(sys.argv[2])\n"
        "nlp.max_length = 10 ** 8  # a tokenizer alone needs no memory limit\n"
        "for doc in nlp.pipe(texts, batch_size=64):\n    pass\n")
BARE_BY_LANGUAGE = ("import sys, csv, spacy, pathlib\n"
                    "root = pathlib.Path(sys.argv[1])\n"
                    "texts = {}\n"
                    "for row in csv.DictReader(open(root / 'manifest.csv', encoding='utf-8')):\n"
                    "    texts.setdefault(row['language'], []).append((root / row['file']).read_text(encoding='utf-8'))\n"
                    "for lang in sorted(texts):\n"
                    "    nlp = spacy.blank(lang)\n"
                    "    nlp.max_length = 10 ** 8\n"
                    "    for doc in nlp.pipe(texts[lang], batch_size=64):\n        pass\n")


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


def commit() -> str:
    """The short hash of the checked-out commit (what a result measured), or ``unknown``."""
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def real(n: int, shared: Path, out: Path) -> int:
    """``extract`` (default workers) on ``n`` cycled real articles against the bare pass: one line,
    printed and written to ``out`` (``bench/REAL.md``)."""
    with tempfile.TemporaryDirectory(prefix="bench-real-") as tmp:
        corpus = real_corpus(Path(tmp) / "corpus", n, shared)
        bare = measure([PY, "-c", BARE_BY_LANGUAGE, str(corpus)])
        r = measure(extract_cmd(corpus, Path(tmp) / "out", None))
    line = (f"{n:,} real articles (dev2 + dev cycled): bare tokenisation {bare['seconds']:.1f} s, extract "
            f"(default workers, {len(os.sched_getaffinity(0))} cores) {r['seconds']:.1f} s = "
            f"{r['seconds'] / bare['seconds']:.2f} x bare; peak {r['peak_one_mib']:.0f} MiB (largest process), "
            f"{r['peak_tree_mib']:.0f} MiB PSS (tree)")
    print(line)
    out.write_text(f"# Extraction on cycled real articles\n\nGenerated by `python bench/run.py --real {n}` on "
                   f"{dt.date.today().isoformat()} at commit {commit()}.\n\nMachine: {machine()}.\n\n{line}\n",
                   encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--real", type=int, default=None, help="only: this many cycled real articles (see above)")
    parser.add_argument("--shared", default=str(HERE.parent.parent / "shared"), help="the shared folder (corpora/)")
    parser.add_argument("--speedup-max", type=int, default=10000, help="largest size timed with 1, 2 and all workers")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--no-site", action="store_true", help="leave out the report site (`make bench-site` measures it)")
    args = parser.parse_args(argv)
    if args.real:
        return real(args.real, Path(args.shared), HERE / "REAL.md")
    cores = len(os.sched_getaffinity(0))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=HERE).stdout.strip() or "unknown"
    lines = ["# Benchmark results\n", f"Generated by `make bench` (`python bench/run.py --sizes {args.sizes}`) on "
             f"{dt.date.today().isoformat()} at commit {commit}: every row below measured that commit.\n",
             f"Machine: {machine()}.\n",
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
        if not args.no_site:
            from site_bench import site_lines  # noqa: E402

            lines += ["The report site (`bench/site_bench.py`):", ""] + site_lines([400, 1000], tmp) + [""]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
