"""The cross-article stage: from the spooled per-article rows to the dataset's tables.

Works on compact columns of the per-article tables, never on texts or Docs, and never over
all pairs of articles (each analysis blocks its comparisons): event merging and date
conflicts (:mod:`analysis.timeline.events`), contradictions between outlets
(:mod:`analysis.estimates.findings`), corpus-level name clusters and variants
(:mod:`analysis.names.variants`), titles and quotation renderings
(:mod:`analysis.translation.corpus`). Large per-article tables are streamed from the spool
to the writer one row group at a time.
"""
from __future__ import annotations

import pandas as pd

from ..dataset import DatasetWriter
from ..estimates.findings import estimate_findings
from ..names.variants import apply_clusters, cluster_new, name_variants
from ..schema import TABLES
from ..timeline.events import date_conflicts, merge
from ..translation.corpus import quote_renderings, title_inconsistencies
from .spool import Spool

STREAMED = ["sentences", "time_expressions", "other_quantities"]


def _sorted(rows: list[dict] | pd.DataFrame, table: str, keys: list[str]) -> pd.DataFrame:
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame.from_records(rows, columns=TABLES[table].names)
    frame = frame.reindex(columns=TABLES[table].names)
    if len(frame):
        order = keys + [c for c in TABLES[table].names if c not in keys]
        frame = frame.sort_values(order, kind="stable", na_position="first").reset_index(drop=True)
    return frame


def write_tables(spool: Spool, writer: DatasetWriter, article_columns: list[str]) -> None:
    writer.write("articles", spool.batches("articles"), columns=article_columns)
    for table in STREAMED:
        writer.write(table, spool.batches(table))

    new = spool.read("mentions", ["name", "label", "match"])
    clusters = cluster_new(new[new["match"] == "new"])
    writer.write("mentions", (apply_clusters(b, clusters) for b in spool.batches("mentions")))
    person_columns = ["file", "start", "end", "text", "label", "canonical", "entity_id", "role", "name", "match",
                      "is_variant", "variant_kind", "sentence_id", "is_boilerplate"]
    mentions = apply_clusters(spool.read("mentions", person_columns), clusters)
    writer.write("name_variants", name_variants(mentions))

    candidates = spool.read("event_candidates")
    events, reports = merge(candidates)
    writer.write("events", events)
    writer.write("event_reports", reports)
    timeline_findings = pd.concat([spool.read("timeline_findings"),
                                   pd.DataFrame.from_records(date_conflicts(candidates),
                                                             columns=TABLES["timeline_findings"].names)])
    writer.write("timeline_findings", _sorted(timeline_findings, "timeline_findings", ["kind", "file", "start"]))
    del candidates, events, reports

    troops = spool.read("troop_estimates")
    writer.write("troop_estimates", troops)
    writer.write("estimate_findings", estimate_findings(troops))
    del troops

    people = mentions[mentions["label"] == "PERSON"]
    rows = title_inconsistencies(people)
    rows += quote_renderings(spool.read("quotes"), spool.read("sentences", ["file", "start", "end", "text",
                                                                           "is_boilerplate"]))
    findings = pd.concat([spool.read("translation_findings"),
                          pd.DataFrame.from_records(rows, columns=TABLES["translation_findings"].names)])
    writer.write("translation_findings", _sorted(findings, "translation_findings", ["file", "start", "kind"]))
