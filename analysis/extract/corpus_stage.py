"""The cross-article stage: from the spooled per-article rows to the dataset's tables.

Works on compact columns of the per-article tables, never on texts or Docs, and never over
all pairs of articles (each analysis blocks its comparisons): event merging and date
conflicts (:mod:`analysis.timeline.events`), contradictions between outlets
(:mod:`analysis.estimates.findings`), corpus-level name clusters and variants
(:mod:`analysis.names.variants`), titles and quotation renderings
(:mod:`analysis.translation.corpus`), translations against their originals
(:mod:`analysis.translation.compare`). Large per-article tables are streamed from the spool
to the writer one row group at a time.
"""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

from .. import resources
from ..estimates.findings import estimate_findings
from ..names.variants import VariantTable, apply_clusters, cluster_new, new_names
from ..resources import supported_languages
from ..schema import TABLES
from ..timeline.events import date_conflicts, merge
from ..translation.compare import translation_tables
from ..translation.corpus import first_titles, quote_renderings, title_inconsistencies
from .memlog import MemLog
from .spool import Spool
from .writer import DatasetWriter

STREAMED = ["sentences", "time_expressions", "other_quantities"]


def _sorted(rows: list[dict] | pd.DataFrame, table: str, keys: list[str]) -> pd.DataFrame:
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame.from_records(rows, columns=TABLES[table].names)
    frame = frame.reindex(columns=TABLES[table].names)
    if len(frame):
        order = keys + [c for c in TABLES[table].names if c not in keys]
        frame = frame.sort_values(order, kind="stable", na_position="first").reset_index(drop=True)
    return frame


def translated_files(articles: pd.DataFrame) -> set[str]:
    """Articles in a language that translates wire copy (``translated_from`` in its language.csv):
    translation artefacts are looked for in these only, never in the originals."""
    translating = {lang for lang in set(articles["language"]) if lang in supported_languages()
                   and resources.lexicon(lang).settings.get("translated_from")}
    return set(articles.loc[articles["language"].isin(translating), "file"])


def write_tables(spool: Spool, writer: DatasetWriter, article_columns: list[str], log: MemLog | None = None) -> None:
    """Every table of the dataset from the spool, written one after another (each step's memory
    and CPU time logged when ``log`` is on: see :mod:`analysis.extract.memlog`)."""
    log = log or MemLog()
    with log.step("articles and streamed tables"):
        writer.write("articles", spool.batches("articles"), columns=article_columns)
        translated = translated_files(spool.read("articles", ["file", "language"]))
        for table in STREAMED:
            writer.write(table, spool.batches(table))
    with log.step("mentions and name variants"):
        titled = _names(spool, writer, translated)
    with log.step("events and timeline findings"):
        _events(spool, writer)
    with log.step("troop estimates and findings"):
        troops = spool.read("troop_estimates")
        writer.write("troop_estimates", troops)
        writer.write("estimate_findings", estimate_findings(troops))
        del troops
    with log.step("translation findings"):
        _translation_findings(spool, writer, translated, titled)
    with log.step("translation pairs"):
        articles = spool.read("articles", ["file", "language", "published", "source_file"])
        pairs, alignments, divergences = translation_tables(
            articles, spool.read("article_anchors"), lambda table, files, columns: spool.read_files(table, files, columns))
        writer.write("article_pairs", pairs)
        writer.write("alignments", alignments)
        writer.write("divergences", divergences)


def _names(spool: Spool, writer: DatasetWriter, translated: set[str]) -> list[pd.DataFrame]:
    """Mentions with their corpus clusters, and the name variants; returns the first titles of
    people in translated articles (for the title findings)."""
    clusters = cluster_new(*new_names(spool.batches("mentions", ["name", "label", "match"])))
    variants, titled = VariantTable(), []

    def mentions():
        for batch in spool.batches("mentions"):
            batch = apply_clusters(batch, clusters)
            variants.add(batch)
            people = batch[(batch["label"] == "PERSON") & (batch["role"] != "") & (batch["entity_id"] != "")
                           & batch["file"].isin(translated)]
            titled.append(first_titles(people))
            yield batch

    writer.write("mentions", mentions())
    writer.write("name_variants", variants.table())
    return titled


def _events(spool: Spool, writer: DatasetWriter) -> None:
    """Events, their reports and the timeline findings (the articles' own and the date conflicts)."""
    features = [c for c in TABLES["event_candidates"].names if c not in {"text", "published"}]
    dating = spool.read("event_candidates", ["dated_by", "alt_date"])  # what the date conflicts need
    texts = spool.arrow("event_candidates", ["text"]).column("text")  # the sentences stay Arrow until needed
    events, reports = merge(spool.read("event_candidates", features))  # merge holds the only reference
    writer.write("events", events)
    del events
    reports["text"] = texts.take(pa.array(reports["row"].to_numpy(dtype="int64"))).to_pandas()
    writer.write("event_reports", reports.drop(columns="row"))
    conflicts = date_conflicts(reports, dating)  # one event dated on two days by two outlets
    del reports
    timeline_findings = pd.concat([spool.read("timeline_findings"),
                                   pd.DataFrame.from_records(conflicts, columns=TABLES["timeline_findings"].names)])
    writer.write("timeline_findings", _sorted(timeline_findings, "timeline_findings", ["kind", "file", "start"]))


def _translation_findings(spool: Spool, writer: DatasetWriter, translated: set[str], titled: list[pd.DataFrame]) -> None:
    rows = title_inconsistencies(first_titles(pd.concat(titled)))
    sentences = lambda: spool.batches("sentences", ["file", "start", "end", "text", "is_boilerplate"])  # noqa: E731
    quotes = spool.read("quotes")
    rows += quote_renderings(quotes[quotes["file"].isin(translated)], sentences)
    findings = pd.concat([spool.read("translation_findings"),
                          pd.DataFrame.from_records(rows, columns=TABLES["translation_findings"].names)])
    writer.write("translation_findings", _sorted(findings, "translation_findings", ["file", "start", "kind"]))
