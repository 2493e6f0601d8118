"""Translation against its original (cross-article stage): ``article_pairs``, ``alignments``
and ``divergences``.

1. Candidate pairs from the articles' anchors (:mod:`.pairs`).
2. Pairs are handled a chunk at a time (``CHUNK_PAIRS``): only the rows of the chunk's
   articles are read (``load(table, files, columns)``), so memory holds a chunk, not the
   corpus. A pair in one language is a ``rewrite`` when the wording shows one copied and cut
   the other (``REWRITE_MIN`` of one article's word trigrams are in the other, and the
   containment is lopsided by ``ASYMMETRY``: the more contained article is the derived one
   when both appeared on one day); a ``rewrite`` too when each holds ``REPRINT`` of the other
   (an aggregator's reprint, the later article deriving); two renderings of one wire story
   (``SIBLING_MIN`` of their wording shared, the alignment confirming) are ``same_wire``
   siblings, a stand-in pair kept only when neither has its own original or source in the corpus
   (then each is paired with that, never with its sibling); two original reports of one event
   are no derivation. Across languages it is a
   ``translation`` when the sentence alignment confirms it: at least ``CONFIRM_STEPS`` aligned
   steps score ``STRONG`` or more, and they cover ``CONFIRM_SHARE`` of the shorter article's
   sentences (two articles on one topic share names and figures, but only a rendering follows
   its original sentence by sentence).
3. The story sentences of each pair are aligned (:mod:`.align`) and every aligned step that
   scores ``CONFIDENT`` or more is compared (:mod:`.divergences`, :mod:`.clauses`); unaligned
   sentences are ``omitted`` / ``added``.

Returns the three tables as DataFrames sorted by file and offsets.
"""
from __future__ import annotations

import itertools
import re
from typing import Callable

import pandas as pd

from .. import resources
from ..schema import TABLES
from .align import RENDERED, Sentence, align, content_words
from .clauses import attribution, dates_changed, figure_changes, figures_left_out, hedge_added, quotation
from .divergences import Info, Span, compare
from .pairs import Candidate, candidates, translates_from
from .wording import weekday_changed, wording_changes

CHUNK_PAIRS = 200
NAME_STEM = 4  # letters of a capitalised word the alignment compares
MIN_WORDS = 4  # an unaligned sentence shorter than this is no omission or addition
WORDS = re.compile(r"[^\W\d_]{2,}")
ENDINGS = (".", "!", "?", '"', "”", "’", "'")
CONFIDENT = 0.4  # an aligned step below this is shown, but not compared
CONFIDENT_SIBLING = 0.55  # the same for a stand-in pair of two renderings (neither is the other's source)
STRONG = 0.5  # an aligned step this good renders its source sentence(s) ...
CONFIRM_STEPS = 2  # ... and a translation has at least this many such steps ...
CONFIRM_SHARE = 0.2  # ... covering this share of the shorter article's sentences
REWRITE_MIN = 0.3
SIBLING_MIN = 0.1  # share of word trigrams two renderings of one wire story have in common at least
REPRINT = 0.8  # this much of each article's word trigrams in the other: one text, reprinted
ASYMMETRY = 1.08
MAX_SENTENCES = 1500  # longer articles are aligned on their first sentences only (said in the detail)
TRIGRAM = re.compile(r"[^\W_]+")
PAIR_COLUMNS = TABLES["article_pairs"].names
ALIGN_COLUMNS = TABLES["alignments"].names
DIVERGENCE_COLUMNS = TABLES["divergences"].names
Loader = Callable[[str, set, list], pd.DataFrame]

SENTENCE_COLS = ["file", "sentence_id", "start", "end", "text", "is_boilerplate", "speaker", "speaker_group"]
MENTION_COLS = ["file", "sentence_id", "start", "end", "text", "label", "canonical", "entity_id", "match",
                "is_variant", "variant_kind"]
TROOP_COLS = ["file", "sentence_id", "start", "end", "text", "value", "low", "high", "qualifier", "scope",
              "claimant", "claimant_group"]
OTHER_COLS = ["file", "sentence_id", "start", "end", "text", "value", "low", "high", "qualifier", "kind"]
TIMEX_COLS = ["file", "sentence_id", "start", "end", "text", "value", "granularity", "kind", "role", "rule", "flag"]
FINDING_COLS = ["file", "sentence_id", "start", "end", "text", "kind", "explanation"]




def translation_tables(articles: pd.DataFrame, anchors: pd.DataFrame, load: Loader
                       ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(article_pairs, alignments, divergences)``; see the module docstring."""
    meta = _Meta(articles.drop_duplicates("file").set_index("file"))
    given = {f: s for f, s in zip(articles["file"], articles.get("source_file", pd.Series(dtype=str))) if s}
    found = candidates(anchors, given)
    pairs, aligned, diverged = [], [], []
    rows = None
    for chunk in _chunks(found):
        files = {c.file for c in chunk} | {c.source_file for c in chunk}
        rows = _Rows(load, files, meta, rows)
        decided = [(c, _decide(c, rows, meta)) for c in chunk]
        decided = [(c, d) for c, d in decided if d is not None]
        derived = {d[0] for _, d in decided if d[2] != "same_wire"}  # articles whose own source is here
        decided = [(c, d) for c, d in decided if d[2] != "same_wire" or d[0] not in derived and d[1] not in derived]
        for c, (file, source, relation, _) in decided:
            pairs.append({"file": file, "source_file": source, "relation": relation, "score": c.score,
                          "evidence": c.evidence, "method": c.method, "language": meta.at[file, "language"],
                          "source_language": meta.at[source, "language"], "published": meta.at[file, "published"],
                          "source_published": meta.at[source, "published"]})
        for file, source, relation, steps in _primary(decided):
            a, d = _pair_rows(file, source, relation, rows, steps)
            aligned += a
            diverged += d
    pairs_table = _frame(pairs, PAIR_COLUMNS, ["file", "source_file"]).drop_duplicates(["file", "source_file"])
    return (pairs_table, _frame(aligned, ALIGN_COLUMNS, ["file", "source_file", "_order"]),
            _frame(diverged, DIVERGENCE_COLUMNS, ["file", "source_file", "_order", "start", "kind"]))


def _chunks(found: list[Candidate]):
    """The candidates in chunks of about ``CHUNK_PAIRS``, an article's candidates never split."""
    chunk: list[Candidate] = []
    for _, group in itertools.groupby(found, key=lambda c: c.file):
        chunk.extend(group)
        if len(chunk) >= CHUNK_PAIRS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _primary(decided: list[tuple[Candidate, tuple]]) -> list[tuple]:
    """Each derived article beside its nearest source only (a rewrite beside the translation it
    rewrote, not also beside the original: each step's changes are its own)."""
    best: dict[str, tuple] = {}
    for c, (file, source, relation, steps) in decided:
        rank = (c.method != "manifest", -c.score, source)
        if file not in best or rank < best[file][0]:
            best[file] = (rank, (file, source, relation, steps))
    return [best[f][1] for f in sorted(best)]


def _frame(rows: list[dict], columns: list[str], order: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(dict.fromkeys(columns + [c for c in order if c not in columns])))
    if len(frame):
        frame = frame.sort_values(order, kind="stable", na_position="first")
    return frame[columns].reset_index(drop=True)


class _Meta:
    """The articles' manifest columns by file, read as ``meta.at[file, column]`` like a
    DataFrame's, but a dict lookup (pandas' ``.at`` costs microseconds, and it is asked for every pair)."""

    def __init__(self, frame: pd.DataFrame):
        self.at = {(file, column): value for column in frame.columns for file, value in frame[column].items()}


class _Rows:
    """The chunk's articles: their story sentences with what the per-article analyses found.
    The articles the previous chunk's rows (``kept``) already hold are taken from them, not read
    and prepared again (an original that many renderings and reprints derive from is in most
    chunks); the rest are loaded. An article's rows do not depend on the other articles loaded
    with it, and nothing changes them once made."""

    def __init__(self, load: Loader, files: set, meta: _Meta, kept: "_Rows | None" = None):
        reused = files & kept.files if kept is not None else set()
        self.files = set(files)
        self._trigrams: dict[str, set] = {f: kept._trigrams[f] for f in reused if f in kept._trigrams}
        self.infos: dict[str, list[Info]] = {f: kept.infos[f] for f in reused if f in kept.infos}
        self.sentences: dict[str, list[Sentence]] = {f: kept.sentences[f] for f in reused if f in kept.sentences}
        files = files - reused
        if files:
            self._load(load, files, meta)

    def _load(self, load: Loader, files: set, meta: _Meta) -> None:
        sentences = load("sentences", files, SENTENCE_COLS)
        sentences = sentences[~sentences["is_boilerplate"].astype(bool)]
        anchors = load("sentence_anchors", files, ["file", "sentence_id", "anchors"])
        anchor_of = {(f, int(i)): a for f, i, a in zip(anchors["file"], anchors["sentence_id"], anchors["anchors"])}
        sentences = sentences.sort_values(["file", "sentence_id"])
        columns = [_plain(sentences[c]) for c in ["file", "sentence_id", "start", "end", "text", "speaker", "speaker_group"]]
        language = {f: str(meta.at[f, "language"]) for f in set(columns[0])}
        for file, sid, start, end, text, speaker, group in zip(*columns):
            infos = self.infos.setdefault(file, [])
            if len(infos) >= MAX_SENTENCES:
                continue
            lang = language[file]
            infos.append(Info(file, sid, start, end, text, lang, speaker or "", group or ""))
            self.sentences.setdefault(file, []).append(
                Sentence(sid, len(text), _stems(str(anchor_of.get((file, sid), "")).split()),
                         content_words(text, resources.stop_words(lang)), " ".join(text.split())))
        where = {(i.file, i.sentence_id): i for file in files for i in self.infos.get(file, [])}
        for table, cols, attr in (("mentions", MENTION_COLS, "mentions"), ("troop_estimates", TROOP_COLS, "figures"),
                                  ("other_quantities", OTHER_COLS, "figures"), ("time_expressions", TIMEX_COLS, "timexes"),
                                  ("translation_findings", FINDING_COLS, "findings")):
            frame = load(table, files, cols)
            values = [_plain(frame[c]) for c in cols]
            for row in zip(*values):
                info = where.get((row[0], row[1]))
                if info is not None:
                    getattr(info, attr).append(dict(zip(cols, row)))

    def trigrams(self, file: str) -> set[tuple[str, str, str]]:
        if file not in self._trigrams:
            words = [w for i in self.infos.get(file, []) for w in TRIGRAM.findall(i.text.lower())]
            self._trigrams[file] = set(zip(words, words[1:], words[2:]))
        return self._trigrams[file]


def _stems(anchors: list[str]) -> frozenset[str]:
    """A sentence's anchors for the alignment, capitalised words cut to ``NAME_STEM`` letters: a
    name's forms differ by their ending across languages (*Korea* / *Korean*, *Ukraina* /
    *Ukraine*, *Rusia* / *Russian* folded alike) more than by their start."""
    return frozenset(a[:2 + NAME_STEM] if a.startswith("W:") else a for a in anchors)


def _plain(column: pd.Series) -> list:
    """A column as Python values, missing ones as None (integers stay integers)."""
    mask = column.isna().tolist()
    values = column.astype(object).tolist()
    return [None if m else (int(v) if isinstance(v, float) and column.dtype.kind in "iu" else v)
            for v, m in zip(values, mask)]


def _decide(c: Candidate, rows: _Rows, meta: _Meta) -> tuple | None:
    """``(file, source_file, relation, steps)`` of a candidate (``steps``: its sentence alignment
    when already made), or None when it is no derivation."""
    if c.cross_language:
        steps = align(rows.sentences.get(c.file, []), rows.sentences.get(c.source_file, []))
        if c.method != "manifest" and not _confirmed(steps, rows, c.file, c.source_file):
            return None
        return c.file, c.source_file, "translation", steps
    if c.method == "manifest":
        return c.file, c.source_file, "rewrite", None
    a, b = rows.trigrams(c.file), rows.trigrams(c.source_file)
    if not a or not b:
        return None
    shared = len(a & b)
    in_source, in_derived = shared / len(a), shared / len(b)  # share of each article found in the other
    # a rewrite copies and cuts: much of it is in its source, less of the source in it (two full
    # renderings of one original contain each other about equally: siblings, not a derivation)
    copied = max(in_source, in_derived) >= REWRITE_MIN
    if min(in_source, in_derived) >= REPRINT:  # the same text twice: a reprint of the earlier one
        return c.file, c.source_file, "rewrite", None
    if copied and max(in_source, in_derived) >= ASYMMETRY * min(in_source, in_derived):
        same_day = meta.at[c.file, "published"] == meta.at[c.source_file, "published"]
        if same_day and in_derived > in_source:  # the source is the more contained one: it derives
            return c.source_file, c.file, "rewrite", None
        return c.file, c.source_file, "rewrite", None
    return _same_wire(c, rows, meta, min(in_source, in_derived))


def _same_wire(c: Candidate, rows: _Rows, meta: _Meta, shared: float) -> tuple | None:
    """Two renderings of one wire story in a language that translates (both sharing
    ``SIBLING_MIN`` of their wording, their sentences following each other): a stand-in pair,
    kept only for an article whose original is not in the corpus (see ``translation_tables``)."""
    if shared < SIBLING_MIN or not (translates_from(str(meta.at[c.file, "language"]))
                                     and translates_from(str(meta.at[c.source_file, "language"]))):
        return None
    steps = align(rows.sentences.get(c.file, []), rows.sentences.get(c.source_file, []), same_language=True)
    return (c.file, c.source_file, "same_wire", steps) if _confirmed(steps, rows, c.file, c.source_file) else None


def _confirmed(steps: list, rows: _Rows, file: str, source: str) -> bool:
    """Does the alignment show a rendering (see the module docstring)?"""
    shorter = min(len(rows.sentences.get(file, [])), len(rows.sentences.get(source, [])))
    strong = sum(len(s.derived) for s in steps if s.source and s.derived and s.score >= STRONG)
    return strong >= CONFIRM_STEPS and strong >= CONFIRM_SHARE * shorter


def _pair_rows(file: str, source: str, relation: str, rows: _Rows, steps: list | None = None
               ) -> tuple[list[dict], list[dict]]:
    d_infos, s_infos = rows.infos.get(file, []), rows.infos.get(source, [])
    if steps is None:
        steps = align(rows.sentences.get(file, []), rows.sentences.get(source, []),
                      same_language=relation != "translation")
    aligned, diverged = [], []
    for order, step in enumerate(steps):
        first = len(diverged)
        _step_rows(file, source, relation, step, order, d_infos, s_infos, aligned, diverged)
        for row in diverged[first:]:
            row["_order"] = order
    return aligned, diverged


def _step_rows(file, source, relation, step, order, d_infos, s_infos, aligned, diverged) -> None:
    """The alignment rows and divergences of one aligned step, appended to the lists."""
    d = [d_infos[k] for k in step.derived]
    s = [s_infos[k] for k in step.source]
    ids = ";".join(str(i.sentence_id) for i in s)
    s_span = Span(s[0].start, s[-1].end, " ".join(i.text for i in s)) if s else Span(None, None, "")
    base = {"file": file, "source_file": source, "source_sentence_ids": ids, "source_start": s_span.start,
            "source_end": s_span.end, "source_text": s_span.text, "kind": step.kind, "score": step.score,
            "relation": relation, "_order": order}
    if not d:
        aligned.append({**base, "sentence_id": None, "start": None, "end": None, "text": ""})
        if not _matter(s[0]) or step.beside:
            return  # a scrap, or a sentence the rendering beside it holds
        diverged.append(_divergence(file, source, relation, "omitted", "the source's sentence is not rendered",
                                    Span(None, None, ""), s_span, None, "", ids, s_span.text))
        return
    for info in d:
        aligned.append({**base, "sentence_id": info.sentence_id, "start": info.start, "end": info.end,
                        "text": info.text})
    whole = " ".join(i.text for i in d)
    if not s:
        repeated = sum(i.text == d[0].text for i in d_infos) > 1
        if not _matter(d[0]) or step.score >= RENDERED or step.beside or repeated:
            return  # a title, a part of a split sentence or its restatement, a sentence the article repeats (a lede twice)
        diverged.append(_divergence(file, source, relation, "added", "no sentence of the source says this",
                                    Span(d[0].start, d[-1].end, whole), Span(None, None, ""), d[0].sentence_id,
                                    whole, "", ""))
        return
    if [i.text for i in d] == [i.text for i in s]:
        return  # copied word for word: nothing differs
    values = {v for i in d_infos for f in i.figures for v in (f.get("value"), f.get("low"), f.get("high"))
              if v is not None and v == v}
    if step.score < (CONFIDENT_SIBLING if relation == "same_wire" else CONFIDENT):
        # aligned, but not surely enough to say what the rendering changed ...
        for kind, detail, here, there in figure_changes(d, s, values):  # ... but for the figures they share
            diverged.append(_divergence(file, source, relation, kind, detail, here, there, d[0].sentence_id, whole,
                                        ids, s_span.text))
        return
    before = d_infos[step.derived[0] - 1] if step.derived[0] > 0 else None
    after = s_infos[step.source[-1] + 1] if step.source[-1] + 1 < len(s_infos) else None
    changes = clause_changes(d, s, before, after, values, s_infos, step.score >= STRONG)
    for kind, detail, here, there in compare(d, s) + changes:
        diverged.append(_divergence(file, source, relation, kind, detail, here, there, d[0].sentence_id, whole,
                                    ids, s_span.text))


def clause_changes(d: list[Info], s: list[Info], before: Info | None, after: Info | None, values: set,
                   article: list[Info] | None = None, strong: bool = True) -> list:
    """:mod:`.clauses`' and :mod:`.wording`'s rules on one step (``before``: the derived sentence before it; ``after``:
    the source sentence after the step's; ``values``: the figures of the whole derived article,
    which are not left out; ``article``: the whole source article, the step's sentences when not given;
    ``strong``: the step scores ``STRONG`` or more, else a term the article has elsewhere is no change)."""
    return (attribution(d, s, before, after) + quotation(d, s) + hedge_added(d, s) + dates_changed(d, s)
            + figures_left_out(d, s, values) + wording_changes(d, s, None if strong else article)
            + weekday_changed(d, [t for i in article or s for t in i.timexes]))


def _matter(info: Info) -> bool:
    """Is a sentence left unaligned worth a row? Not without a closing stop (a title sums up and
    renders nothing; a byline, a timestamp, an excerpt cut off mid-word are no statements), nor a
    scrap of fewer than ``MIN_WORDS`` words (a dateline, an outlet's initials)."""
    return len(WORDS.findall(info.text)) >= MIN_WORDS and info.text.rstrip().endswith(ENDINGS)


def _divergence(file, source, relation, kind, detail, here: Span, there: Span, sentence_id, sentence, ids,
                source_sentence) -> dict:
    return {"file": file, "start": here.start, "end": here.end, "text": here.text, "source_file": source,
            "source_start": there.start, "source_end": there.end, "source_text": there.text, "kind": kind,
            "detail": detail, "sentence_id": sentence_id, "sentence": sentence, "source_sentence_ids": ids,
            "source_sentence": source_sentence, "relation": relation}
