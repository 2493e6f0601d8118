"""The tables of a dataset: name, columns and their types, what one row is.

Pure data (no imports of the analyses): every stage that writes a table and every
reader that loads one takes its columns from here, so a table is declared once. Types:
``str``, ``int`` (nullable), ``float``, ``bool``, ``date`` (``YYYY-MM-DD`` in CSV).
To add a table, declare it here and return its rows from a stage
(see ARCHITECTURE.md).
"""
from __future__ import annotations

from dataclasses import dataclass

META = "dataset.json"  # a dataset's description, beside its tables
FORMULA_START = ("=", "+", "-", "@")  # cells a spreadsheet would run as formulas (escaped by --safe-csv)


@dataclass(frozen=True)
class Table:
    name: str
    row: str  # what one row is
    columns: tuple[tuple[str, str], ...]  # (name, type)
    internal: bool = False  # spooled between stages, not part of the dataset

    @property
    def names(self) -> list[str]:
        return [c for c, _ in self.columns]

    def types(self) -> dict[str, str]:
        return dict(self.columns)


def _cols(spec: str) -> tuple[tuple[str, str], ...]:
    """``"file start:int end:int"`` -> ((file, str), (start, int), (end, int))."""
    out = []
    for item in spec.split():
        name, _, kind = item.partition(":")
        out.append((name, kind or "str"))
    return tuple(out)


SPAN = "file start:int end:int text"
SENTENCE_REF = "sentence_id:int is_boilerplate:bool"

TABLES: dict[str, Table] = {t.name: t for t in [
    Table("articles", "article (extra manifest columns follow)", _cols(
        "file published:date published_source published_evidence outlet url language language_source "
        "language_confidence:float title source_file "
        "n_chars:int n_sentences:int n_boilerplate:int analysed:bool error")),
    Table("sentences", "sentence", _cols(
        "file sentence_id:int start:int end:int line:int text is_boilerplate:bool boilerplate_kind is_heading:bool "
        "language speaker speaker_group")),
    Table("time_expressions", "time expression", _cols(
        f"{SPAN} value granularity mod kind type anchor rule tense role flag {SENTENCE_REF}")),
    Table("events", "event (merged across outlets)", _cols(
        "event_id date granularity start_date:date end_date:date summary actors files n_reports:int n_files:int")),
    Table("event_reports", "report of an event in one article", _cols(
        "event_id file sentence_id:int start:int end:int text date granularity timex timex_start:int timex_end:int")),
    Table("timeline_findings", "consistency problem in the timeline", _cols(
        "kind file start:int end:int text sentence_start:int sentence other_file other_start:int other_end:int "
        "other_sentence explanation")),
    Table("troop_estimates", "troop figure (a range gives a low and a high row)", _cols(
        f"{SPAN} value:float qualifier low:float high:float scope claimant claimant_group claim_date "
        "claim_date_source sentence_id:int sentence is_boilerplate:bool claimant_start:int claimant_end:int "
        "sentence_start:int reported_by attribution")),
    Table("other_quantities", "number that does not count the troops", _cols(
        f"{SPAN} value:float low:float high:float kind unit reason sentence_id:int sentence is_boilerplate:bool "
        "sentence_start:int qualifier")),
    Table("estimate_findings", "the same claim reported differently by two articles", _cols(
        f"kind {SPAN} sentence value:float qualifier scope claimant_group claim_date other_file other_start:int "
        "other_end:int other_text other_sentence other_value:float other_qualifier other_scope other_claimant_group "
        "other_claim_date explanation confidence why")),
    Table("mentions", "mention of a person, body or place", _cols(
        f"{SPAN} label canonical entity_id match score:float is_variant:bool variant_kind role name {SENTENCE_REF} "
        "affiliation")),
    Table("name_variants", "(entity, spelling)", _cols(
        "entity_id canonical label surface files n_files:int n_mentions:int is_variant:bool variant_kind matches "
        "evidence")),
    Table("translation_findings", "translation or rewriting artefact", _cols(
        f"kind {SPAN} {SENTENCE_REF} other_file other_start:int other_end:int other_text explanation")),
    # internal: written by the per-article stage, read by the cross-article stages
    Table("event_candidates", "clause with a resolved date (before merging)", _cols(
        "file sentence_id:int start:int end:int text date granularity timex timex_start:int timex_end:int "
        "summary actors terms features language alt_date dated_by published:date"), internal=True),
    Table("quotes", "quotation of six or more words", _cols(
        "file start:int end:int text body sentence_id:int"), internal=True),
    Table("sentence_anchors", "sentence's language-independent anchors", _cols(
        "file sentence_id:int anchors"), internal=True),
    Table("article_anchors", "article's language-independent anchors", _cols(
        "file language published:date n_sentences:int anchors"), internal=True),
    # translation against its original (cross-article stage)
    Table("article_pairs", "article and the article in the corpus it derives from", _cols(
        "file source_file relation score:float evidence method language source_language published:date "
        "source_published:date")),
    Table("alignments", "sentence of a derived article and the source sentences it renders", _cols(
        "file sentence_id:int start:int end:int text source_file source_sentence_ids source_start:int "
        "source_end:int source_text kind score:float relation")),
    Table("divergences", "place where a derived article says something else than its source", _cols(
        "file start:int end:int text source_file source_start:int source_end:int source_text kind detail "
        "sentence_id:int sentence source_sentence_ids source_sentence relation")),
]}


def dataset_tables() -> list[str]:
    return [name for name, t in TABLES.items() if not t.internal]
