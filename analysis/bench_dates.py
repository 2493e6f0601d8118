"""Compare the temporal tagger with dateparser on the hand-annotated seeds
(a benchmark, not a test): ``python -m analysis.bench_dates`` (part of ``make bench``).

dateparser is what a user would reach for:
``dateparser.search.search_dates(text, languages=["id"], settings={"RELATIVE_BASE": published})``.
Both are scored with the same overlap matching against
``data/gold/seeds_time_expressions.csv``. dateparser returns a datetime, not a TIMEX3
value, so its value counts as correct when the datetime falls on the gold day, in
the gold ISO week, month or year (durations cannot be expressed and count as wrong).
"""
from __future__ import annotations

import datetime as dt
import time

import pandas as pd

from . import load_corpus
from .evaluation import load_gold, score_spans, timex_agree
from .timeline import value_range

REPEATS = 5  # per-article time = best of REPEATS runs


def dateparser_rows(corpus) -> tuple[pd.DataFrame, dict[str, float]]:
    from dateparser.search import search_dates

    rows, seconds = [], {}
    search_dates("Rabu (30/10/2024) pekan lalu", languages=["id"])  # warm-up: load its language data
    for article in corpus.articles.itertuples():
        base = dt.datetime.combine(article.published.date(), dt.time(12))
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            found = search_dates(article.text, languages=["id"], settings={"RELATIVE_BASE": base}) or []
            times.append(time.perf_counter() - started)
        seconds[article.file] = min(times)
        cursor = 0
        for surface, when in found:
            start = article.text.find(surface, cursor)
            if start < 0:
                start = article.text.find(surface)
            if start < 0:
                continue
            cursor = start + len(surface)
            rows.append({"file": article.file, "start": start, "end": start + len(surface), "text": surface,
                         "when": when.date()})
    return pd.DataFrame(rows, columns=["file", "start", "end", "text", "when"]), seconds


def dateparser_agree(found, gold) -> bool:
    if gold.kind != "date":
        return False
    span = value_range(gold.value, {10: "day", 8: "week", 7: "month", 4: "year"}.get(len(gold.value), ""))
    return span is not None and span[0] <= found["when"] <= span[1]


def ours_timed(corpus_dir=None) -> dict[str, float]:
    """Per-article time of our tagger: the pipeline over each text plus resolution."""
    from . import dates, nlp

    corpus = load_corpus(corpus_dir)  # also builds (warms up) the pipeline
    pipeline = nlp.get_nlp()
    seconds = {}
    for article in corpus.articles.itertuples():
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            doc = pipeline(article.text)
            for span in doc.spans[dates.SPAN_KEY]:
                dates.resolve(span._.timex, article.published.date())
            times.append(time.perf_counter() - started)
        seconds[article.file] = min(times)
    return seconds


def main() -> int:
    corpus = load_corpus()
    gold = load_gold("seeds_time_expressions.csv")
    ours = score_spans(corpus.layers["time_expressions"], gold, timex_agree)
    ours_seconds = ours_timed()
    try:
        theirs_rows, theirs_seconds = dateparser_rows(corpus)
    except ImportError:
        print("dateparser is not installed (pip install dateparser); scoring ours only")
        print(ours.line("analysis.dates"))
        return 0
    theirs = score_spans(theirs_rows, gold, dateparser_agree)
    print(ours.line("analysis.dates        "))
    print(theirs.line("dateparser.search_dates"))
    print(f"per article, best of {REPEATS} runs (ours: the whole spaCy pipeline, i.e. tokenizer, sentences,"
          " tagger, plus resolution)")
    print(f"{'file':<28} {'ours ms':>8} {'dateparser ms':>14}")
    for file in corpus.articles["file"]:
        print(f"{file:<28} {1000 * ours_seconds[file]:>8.1f} {1000 * theirs_seconds[file]:>14.1f}")
    print(f"{'total':<28} {1000 * sum(ours_seconds.values()):>8.1f} {1000 * sum(theirs_seconds.values()):>14.1f}")
    print("\ndateparser's matches (surface -> date):")
    for r in theirs_rows.itertuples():
        print(f"  {r.file[:3]} {r.text!r} -> {r.when}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
