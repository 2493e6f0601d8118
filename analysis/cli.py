"""Command line: ``python -m analysis extract|report|check|import``.

Bad input ends with one ``error:`` line on stderr naming the file (and line/column) and exit
status 2, never a traceback; failed notebooks end with exit status 1 naming each one.
"""
from __future__ import annotations

import argparse
import re
import sys

from .errors import InputError

SCHEDULER = re.compile(r"^(?:(?:tcp|tls|ws|wss|ucx|inproc)://)?[A-Za-z0-9_.\-\[\]:]+:\d{1,5}$|^(?:tcp|tls|inproc)://[^\s/]+$")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Press-coverage analysis: import exports into a corpus, extract a corpus into a dataset of "
                    "tidy tables, or render the reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ext = sub.add_parser("extract", help="extract a corpus into a dataset (CSV tables + dataset.json)")
    ext.add_argument("corpus", nargs="?", default=None, help="corpus directory (default: the seeds)")
    ext.add_argument("--out", required=True, help="dataset directory to write")
    ext.add_argument("--manifest", default=None, help="manifest CSV (default: CORPUS/manifest.csv)")
    _common(ext)
    ext.add_argument("--format", choices=["csv", "parquet"], default="csv",
                     help="parquet: also write Parquet copies of the tables (in OUT/parquet/)")
    ext.add_argument("--safe-csv", action="store_true",
                     help="prefix cells that start with = + - @ with ' (spreadsheet formula injection)")

    rep = sub.add_parser("report", help="extract once, run every notebook on the dataset, render HTML")
    rep.add_argument("--corpus", default=None, help="corpus directory (default: the seeds)")
    rep.add_argument("--manifest", default=None, help="manifest CSV (default: CORPUS/manifest.csv)")
    rep.add_argument("--out", default=None, help="report directory (default: reports/)")
    _common(rep)
    rep.add_argument("--timeout", type=_positive, default=600, help="per-cell execution timeout in seconds")
    rep.add_argument("--show-code", action="store_true", help="include code cells in the HTML")

    chk = sub.add_parser("check", help="check a report site: links and assets stay inside and resolve, "
                                       "every traced row lands on an anchor holding its text")
    chk.add_argument("site", nargs="?", default=None, help="report directory (default: reports/)")

    imp = sub.add_parser("import", help="turn exports (Media Cloud, news-please, Trafilatura, WARC/WACZ, "
                                        "Nexis DOCX, CSV/JSONL/Parquet) into a corpus directory")
    imp.add_argument("sources", nargs="+", metavar="SOURCE", help="export files or directories of them")
    imp.add_argument("--out", required=True, help="corpus directory to write (empty or new)")
    imp.add_argument("--format", default="auto", metavar="FORMAT",
                     help="auto (default), mediacloud, newsplease, trafilatura, warc, wacz, nexis, csv, jsonl or parquet")
    imp.add_argument("--map", action="extend", nargs="+", default=[], metavar="FIELD=COLUMN",
                     help="the export's column for a field (title, text, published, outlet, url, language); repeatable")
    return parser


def _positive(value: str) -> int:
    """A whole number of at least 1 (``--workers 0`` or ``--timeout -5`` is a typing error, refused
    before any work rather than read as something else)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: must be 1 or more")
    return number


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=_positive, default=None,
                        help="local worker processes for the per-article stage (default: the number of cores)")
    parser.add_argument("--scheduler", default=None,
                        help="address of a Dask distributed scheduler (tcp://host:8786) to run the per-article stage on")
    parser.add_argument("--clean-control", action="store_true",
                        help="drop NUL and other control characters from articles (with a warning) instead of refusing them")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    previous = _terminate_as_interrupt()
    try:
        _check_scheduler(getattr(args, "scheduler", None))
        if args.command == "extract":
            return _extract(args)
        if args.command == "check":
            return _check(args)
        if args.command == "import":
            return _import(args)
        return _report(args)
    except InputError as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; the previous output, if any, is unchanged and nothing was left half-written",
              file=sys.stderr)
        return 130
    except OSError as exc:
        from .outdir import full_disk_message

        message = full_disk_message(exc, getattr(args, "out", None) or "the output", "the output")
        if message is None:
            raise
        print(f"error: {_one_line(message)}", file=sys.stderr)
        return 2
    finally:
        _restore(previous)


def _terminate_as_interrupt():
    """SIGTERM unwinds like Ctrl-C (staging directories removed) instead of killing the process
    outright; only in the main thread of the main interpreter, where signals can be set."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


def _restore(previous) -> None:
    import signal

    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def _check_scheduler(address: str | None) -> None:
    """A Dask scheduler address is refused up front when it cannot be one (before any work)."""
    if address is not None and not SCHEDULER.match(address):
        raise InputError(f"--scheduler {address!r}: not a scheduler address (expected tcp://host:port or host:port)")


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _open(args):
    from .corpus import open_corpus

    corpus = open_corpus(args.corpus, manifest=args.manifest, clean_control=args.clean_control)
    for file, count in sorted(corpus.control_dropped.items()):
        print(f"warning: {corpus.root / file}: dropped {count} control character(s)", file=sys.stderr)
    return corpus


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract
    from .extract.writer import check_output

    corpus = _open(args)
    check_output(args.out, corpus.root)
    formats = ("csv", "parquet") if args.format == "parquet" else ("csv",)
    result = extract(corpus, args.out, workers=args.workers, scheduler=args.scheduler, formats=formats,
                     safe_csv=args.safe_csv, quiet=args.quiet)
    _warn(result)
    print(result.summary(), file=sys.stderr)
    return 0


def _warn(result) -> None:
    if result.undated:
        print(f"warning: {len(result.undated)} undated article(s): {', '.join(result.undated)}", file=sys.stderr)
    if result.skipped:
        print(f"warning: {len(result.skipped)} article(s) in a language without resources, kept but not analysed: "
              f"{', '.join(result.skipped)}", file=sys.stderr)
    for file, error in result.failed:
        print(f"warning: {file}: could not be analysed, kept and flagged: {error}", file=sys.stderr)


def _import(args: argparse.Namespace) -> int:
    from .importers import run_import

    result = run_import(args.sources, args.out, fmt=args.format, maps=args.map)
    if result.skipped:
        shown = "; ".join(result.skipped[:3]) + ("; ..." if len(result.skipped) > 3 else "")
        print(f"warning: {len(result.skipped)} record(s) could not be read and were skipped: {shown}", file=sys.stderr)
    if result.unparsed_dates:
        shown = "; ".join(result.unparsed_dates[:3]) + ("; ..." if len(result.unparsed_dates) > 3 else "")
        print(f"warning: {len(result.unparsed_dates)} date(s) could not be read and were left missing: {shown}",
              file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import run_reports

    run = run_reports(args.corpus, out_dir=args.out, manifest=args.manifest, timeout=args.timeout,
                      show_code=args.show_code, workers=args.workers, scheduler=args.scheduler,
                      clean_control=args.clean_control, quiet=args.quiet)
    print(run.summary())
    return 0 if run.ok else 1


def _check(args: argparse.Namespace) -> int:
    from .paths import REPORTS, resolve
    from .report.check import check_site

    site = resolve(args.site, REPORTS)
    if not (site / "index.html").is_file() or not (site / "data" / "dataset.json").is_file():
        raise InputError(f"{site}: not a report site (no index.html and data/dataset.json)")
    from .dataset import Dataset

    corpus = Dataset(site / "data").corpus_root
    if not corpus.is_dir():
        print(f"note: the corpus is not at {corpus}: each row is checked against its own text, not the article's",
              file=sys.stderr)
    problems = check_site(site)
    for problem in problems:
        print(problem)
    print(f"{site}: {len(problems)} problem(s)" if problems else f"{site}: every link resolves inside the site; "
          "every traced row lands on its text", file=sys.stderr)
    return 1 if problems else 0
