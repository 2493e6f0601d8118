"""How long ``python -m analysis import`` takes on N records of a JSON Lines file and of a WARC,
and its peak memory (``/usr/bin/time -v``). Articles are made up: 12-30 sentences of common
words drawn at random (``wordfreq``), one in twenty an exact or edited copy of an earlier one,
each WARC page wrapped in a menu, related links and a footer. Writes into a temporary folder
only and prints one line per format. Usage: ``python bench/import_bench.py [--n 10000]``.
"""
from __future__ import annotations

import argparse
import io
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles(n: int, seed: int = 7) -> list[tuple[str, str, str]]:
    from wordfreq import top_n_list

    rng = random.Random(seed)
    vocab = [w for w in top_n_list("en", 5000) if w.isalpha()]
    out = []
    for i in range(n):
        if i > 20 and i % 20 == 0:
            title, text, day = out[rng.randrange(i)]
            text = text if i % 40 == 0 else "From our partners.\n" + text
        else:
            sentences = [" ".join(rng.choice(vocab) for _ in range(rng.randint(8, 24))).capitalize() + "."
                         for _ in range(rng.randint(12, 30))]
            title = " ".join(rng.choice(vocab) for _ in range(6)).capitalize()
            text = "\n".join(sentences)
            day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append((title, text, day))
    return out


def write_jsonl(path: Path, items) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i, (title, text, day) in enumerate(items):
            handle.write(json.dumps({"title": title, "text": text, "published": day,
                                     "url": f"https://news{i % 50}.example/story/{i}"}) + "\n")


def write_warc(path: Path, items) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i, (title, text, day) in enumerate(items):
            paras = "".join(f"<p>{p}</p>" for p in text.split("\n"))
            html = (f'<html lang="en"><head><title>{title}</title><meta property="og:site_name" content="News {i % 50}">'
                    f'<meta property="article:published_time" content="{day}T08:00:00Z"></head><body><nav><ul>{nav}'
                    f"</ul></nav><article><h1>{title}</h1>{paras}</article><aside><h3>Related</h3><ul>"
                    f'<li><a href="/r">Another story</a></li></ul></aside><footer>Copyright News</footer></body></html>')
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news{i % 50}.example/story/{i}", "response", payload=io.BytesIO(html.encode()),
                http_headers=headers, warc_headers_dict={"WARC-Date": "2025-03-01T10:00:00Z"}))


def measure(source: Path, out: Path) -> tuple[float, int, float, str]:
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "analysis", "import", str(source),
                           "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    cpu = sum(float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", done.stderr))
    summary = next((l for l in done.stderr.splitlines() if l.startswith("imported")), done.stderr[-300:])
    return seconds, int(peak.group(1)) if peak else -1, cpu, summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    items = articles(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        for name, write in (("records.jsonl", write_jsonl), ("records.warc.gz", write_warc)):
            source = Path(tmp) / name
            write(source, items)
            seconds, peak, cpu, summary = measure(source, Path(tmp) / f"out-{name}")
            print(f"{name}: {args.n} records, {source.stat().st_size / 1e6:.1f} MB, {seconds:.1f} s wall, {cpu:.1f} s CPU, "
                  f"peak RSS {peak / 1024:.0f} MiB; {summary}")


if __name__ == "__main__":
    main()
