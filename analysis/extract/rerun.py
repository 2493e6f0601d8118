"""Debugging: run the cross-article stage alone on a spool kept by an earlier extraction.

    PRESS_ANALYSIS_KEEP_SPOOL=/tmp/spool python -m analysis extract CORPUS --out OUT
    PRESS_ANALYSIS_MEMLOG=1 python -m analysis.extract.rerun /tmp/spool OUT2

Reads the spool's Parquet files (left as they are); writes the dataset's tables into ``OUT2``
(a new or empty folder), without ``dataset.json``: a dataset to compare with ``diff``, not to load.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pyarrow.parquet as pq

from ..schema import TABLES
from .corpus_stage import write_tables
from .memlog import MemLog
from .spool import Spool
from .writer import DatasetWriter


def open_spool(directory: Path) -> Spool:
    """The kept spool, with the articles' extra manifest columns read from its Parquet schema."""
    path = Path(directory) / "articles.parquet"
    names = pq.read_schema(path).names if path.exists() else []
    return Spool(Path(directory), {"articles": [n for n in names if n not in TABLES["articles"].names]})


def rerun(directory: Path, out: Path, formats: tuple[str, ...] = ("csv",), log: MemLog | None = None) -> DatasetWriter:
    spool = open_spool(directory)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise SystemExit(f"rerun: {out} is not empty")
    writer = DatasetWriter(out, formats)
    write_tables(spool, writer, list(spool.schema("articles").names), log or MemLog.from_env())
    return writer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m analysis.extract.rerun", description=__doc__.split("\n")[0])
    parser.add_argument("spool", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    writer = rerun(args.spool, args.out)
    print(", ".join(f"{name} {meta['rows']:,}" for name, meta in writer.tables.items()))


if __name__ == "__main__":
    main()
