"""Cross-article stages under pressure: N one-line articles that report one event on one date,
N with distinct figures, N unrelated (the baseline), and one article of 200,000 lines; each
extracted in its own process under ``/usr/bin/time -v`` (seconds, peak RSS). Writes
``bench/HOSTILE.md``.

    python bench/hostile.py [--n 20000] [--lines 200000] [--workers 2]
"""
from __future__ import annotations

import argparse
import csv
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("pemerintah kota warga sekolah jalan pasar hujan banjir harga beras listrik kereta bandara "
         "rumah sakit dokter guru petani nelayan festival musik buku").split()

LINES = {
    "unrelated": lambda i, rng: " ".join(rng.choice(WORDS) for _ in range(8)).capitalize() + f" di kota nomor {i}.",
    "one event, one date": lambda i, rng: "Pasukan Korea Utara tiba di Rusia pada Rabu (30/10/2024), kata Pentagon.",
    "distinct figures": lambda i, rng: (f"Sekitar {1000 + i} tentara Korea Utara dikirim ke Rusia, kata Pentagon "
                                        "pada Rabu (30/10/2024)."),
}


def one_liners(directory: Path, n: int, line, dated_apart: bool) -> Path:
    rng = random.Random(1)
    directory.mkdir(parents=True)
    with (directory / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "published", "outlet", "language"])
        for i in range(n):
            name = f"a{i:06d}.txt"
            (directory / name).write_text(line(i, rng) + "\n", encoding="utf-8")
            published = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}" if dated_apart else "2024-10-31"
            writer.writerow([name, published, f"outlet{i % 50}", "id"])
    return directory


DAYS = "Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split()
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()
GIVEN = "Budi Siti Agus Dewi Rudi Ani Joko Sri Hadi Rina Eko Wati Bambang Lestari Dedi Yanti".split()
FAMILY = "Santoso Wijaya Saputra Hidayat Kurniawan Pratama Setiawan Nugroho Halim Susanto".split()


def long_line(i: int, rng: random.Random) -> str:
    """One short news line: a figure, a weekday or a date, a place number and a named official, all varying."""
    figure = f"{rng.randint(1, 99)}.{rng.randint(0, 999):03d}"
    when = rng.choice([f"Pada {rng.choice(DAYS)}", f"Pada {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2025)}"])
    name = f"{rng.choice(GIVEN)} {rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    return f"{when}, {figure} tentara tiba di kota itu kata pejabat {name}."


def long_article(directory: Path, lines: int) -> Path:
    """One article of ``lines`` short lines (see :func:`long_line`), dated in the manifest."""
    directory.mkdir(parents=True)
    rng = random.Random(2)
    body = "".join(long_line(i, rng) + "\n" for i in range(lines))
    (directory / "long.txt").write_text(body, encoding="utf-8")
    (directory / "manifest.csv").write_text("file,published,language\nlong.txt,2024-10-31,id\n", encoding="utf-8")
    return directory


def measure(corpus: Path, out: Path, workers: int) -> tuple[float, float, str]:
    """(seconds, peak RSS MiB, summary line) of one extraction under /usr/bin/time -v."""
    done = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "analysis", "extract", str(corpus),
                           "--out", str(out), "--quiet", "--workers", str(workers)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"extract failed on {corpus}:\n{done.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1)) / 1024
    summary = next(line for line in done.stderr.splitlines() if line.startswith("extracted"))
    return seconds, rss, summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--lines", type=int, default=200_000, help="0: no long article")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write-long", metavar="DIR", help="only write the long-article corpus into DIR (for a "
                        "measurement by hand) and stop")
    args = parser.parse_args()
    if args.write_long:
        print(long_article(Path(args.write_long), args.lines))
        return
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for label, line in LINES.items():
            corpus = one_liners(tmp / f"c{len(rows)}", args.n, line, dated_apart=label == "unrelated")
            rows.append((f"{args.n:,} one-liners: {label}", *measure(corpus, tmp / f"o{len(rows)}", args.workers)))
            shutil.rmtree(corpus)
        if args.lines > 0:  # --lines 0: the one-liners only
            corpus = long_article(tmp / "long", args.lines)
            rows.append((f"one article of {args.lines:,} lines", *measure(corpus, tmp / "olong", args.workers)))
    base = rows[0][1]
    lines = ["# Cross-article stages under pressure", "",
             f"Generated by `python bench/hostile.py --n {args.n} --lines {args.lines} --workers {args.workers}` "
             f"at commit {commit} on {platform.machine()}, {platform.python_version()}; each row one "
             "`python -m analysis extract` under `/usr/bin/time -v` (wall seconds; peak RSS of the largest process).",
             "", "| corpus | seconds | × unrelated | peak RSS MiB | tables |", "|---|---:|---:|---:|---|"]
    for label, seconds, rss, summary in rows:
        tables = summary.split(": ", 1)[1] if ": " in summary else ""
        lines.append(f"| {label} | {seconds:.1f} | {seconds / base:.2f} | {rss:.0f} | {tables} |")
    (ROOT / "bench" / "HOSTILE.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
