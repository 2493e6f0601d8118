"""Command line: ``python -m analysis extract|report``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import CorpusError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Press-coverage analysis: extract tidy tables from a corpus, or render the reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="write the tidy tables of a corpus as CSV")
    ext.add_argument("corpus", nargs="?", default=None, help="corpus directory (default: the seeds)")
    ext.add_argument("--out", required=True, help="output directory for the CSV tables")
    ext.add_argument("--manifest", default=None, help="manifest CSV (default: CORPUS/manifest.csv)")

    rep = sub.add_parser("report", help="run every notebook on a corpus and render HTML reports")
    rep.add_argument("--corpus", default=None, help="corpus directory (default: the seeds)")
    rep.add_argument("--manifest", default=None, help="manifest CSV (default: CORPUS/manifest.csv)")
    rep.add_argument("--out", default=None, help="report directory (default: reports/)")
    rep.add_argument("--timeout", type=int, default=600, help="per-cell execution timeout in seconds")
    rep.add_argument("--show-code", action="store_true", help="include code cells in the HTML")

    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        return _report(args)
    except CorpusError as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return 2


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _extract(args: argparse.Namespace) -> int:
    from .corpus import load_corpus
    from .tables import extract, write_tables

    corpus = load_corpus(args.corpus, manifest=args.manifest)
    paths = write_tables(extract(corpus), Path(args.out))
    undated = corpus.undated
    for path in paths:
        print(path)
    if len(undated):
        print(f"warning: {len(undated)} undated article(s): {', '.join(undated['file'])}", file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import run_reports

    result = run_reports(args.corpus, out_dir=args.out, manifest=args.manifest,
                         timeout=args.timeout, show_code=args.show_code)
    print(result.summary())
    return 0 if result.ok else 1
