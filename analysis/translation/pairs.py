"""Which article derives from which (cross-article stage): candidate pairs from anchors.

Two articles are compared on their anchors (:mod:`analysis.translation.anchors`), each anchor
weighted by its rarity in the corpus (``log((N + 1) / df)``: the story's omnipresent countries
weigh little, a briefing's figures, its speaker and its date a lot). The score is the weighted
overlap coefficient (shared mass over the smaller article's mass), so a short rewrite inside
a long original scores as high as a full translation. A pair needs ``PAIR_MIN`` and
``MIN_SHARED`` shared anchors; of an article's candidate sources, only those within
``RELATIVE`` of its best are kept (its original, and a sibling rendering, not everything on
the topic).

Direction: a source is not published after what derives from it, give or take ``EARLY_DAYS``
(an outlet in another time zone, or a manifest date read from another clock, can date a
rendering a day before its original). Across languages, the
source is in the language the other translates from (``translated_from`` in its
``language.csv``); within one language the later article is tentatively the derived one (the
alignment stage decides rewrite or same wire story from the wording, :mod:`.compare`).
Pairs the manifest gives (``source_file`` column) win and are not searched for.

Only articles published within ``WINDOW_DAYS`` of each other (aggregators reprint a rendering
weeks later) that share at least
``MIN_BLOCK_HITS`` of an article's ``BLOCK_FEATURES`` rarest anchors are compared (the ``POOL``
sharing most), and at most ``MAX_SOURCES`` sources are kept per article, so the cost stays
near-linear in the corpus.
Reads the ``article_anchors`` rows; returns candidate pairs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy
import pandas as pd

from .. import resources

PAIR_MIN = 0.2  # a candidate only: the alignment stage confirms it (:mod:`.compare`)
MIN_SHARED = 6
RELATIVE = 0.5
WINDOW_DAYS = 45
EARLY_DAYS = 1
BLOCK_FEATURES = 12
MIN_BLOCK_HITS = 2  # candidates share at least this many of an article's rarest anchors ...
POOL = 50  # ... and only the articles sharing most are scored
MAX_SOURCES = 5  # candidate sources kept per article (reprints of one story are many)
COMMON = 0.02  # an anchor in more than this share of the articles blocks nothing ...
COMMON_FLOOR = 200  # ... unless the corpus is small
SMALL_CORPUS = 10
EVIDENCE = 8  # shared anchors named in the evidence column


@dataclass(frozen=True)
class Candidate:
    file: str
    source_file: str
    score: float
    evidence: str
    method: str  # anchors | manifest
    cross_language: bool


def translates_from(lang: str) -> str:
    if lang not in resources.supported_languages():
        return ""
    return resources.lexicon(lang).settings.get("translated_from", "")


class _Index:
    """Anchors as integer ids with rarity weights; articles ordered by date for the window."""

    def __init__(self, anchors: pd.DataFrame):
        self.files = list(anchors["file"])
        self.lang = list(anchors["language"])
        self.published = [p if isinstance(p, dt.date) else None for p in anchors["published"]]
        vocab: dict[str, int] = {}
        self.features = [numpy.unique(numpy.array([vocab.setdefault(f, len(vocab)) for f in str(a).split()],
                                                  dtype=numpy.int64)) for a in anchors["anchors"]]
        self.names = numpy.array(sorted(vocab, key=vocab.get), dtype=object)
        df = numpy.zeros(len(vocab), dtype=numpy.int64)
        for f in self.features:
            df[f] += 1
        n = max(len(self.files), SMALL_CORPUS)  # in a handful of articles, rarity says little: weights flatten
        self.weight = numpy.log((n + 1) / numpy.maximum(df, 1))
        self.weight[[i for i, name in enumerate(self.names) if str(name).startswith("C:")]] *= 0.5
        self.mass = numpy.array([self.weight[f].sum() for f in self.features])
        self.df = df
        self.day = [p.toordinal() if p is not None else None for p in self.published]

    def near(self, i: int, j: int) -> bool:
        """Published within the window of each other (or one of them undated)."""
        a, b = self.day[i], self.day[j]
        return a is None or b is None or abs(a - b) <= WINDOW_DAYS

    def score(self, i: int, j: int) -> tuple[float, numpy.ndarray]:
        shared = numpy.intersect1d(self.features[i], self.features[j], assume_unique=True)
        smaller = min(self.mass[i], self.mass[j])
        return (float(self.weight[shared].sum() / smaller) if smaller > 0 else 0.0), shared


def candidates(anchors: pd.DataFrame, manifest_sources: dict[str, str] | None = None) -> list[Candidate]:
    """Candidate (derived, source) pairs, sorted by file then score."""
    manifest_sources = {f: s for f, s in (manifest_sources or {}).items() if s}
    if not len(anchors):
        return []
    index = _Index(anchors.reset_index(drop=True))
    position = {f: i for i, f in enumerate(index.files)}
    out: list[Candidate] = []
    for file, source in sorted(manifest_sources.items()):
        if file in position and source in position:
            out.append(Candidate(file, source, 1.0, "given by the manifest", "manifest",
                                 index.lang[position[file]] != index.lang[position[source]]))
    postings = _postings(index)
    scored: dict[int, list[tuple[float, int, numpy.ndarray]]] = {}
    for i in range(len(index.files)):
        if index.files[i] in manifest_sources:
            continue
        hits: dict[int, int] = {}
        for f in _blocking(index, index.features[i]):
            for j in postings.get(int(f), ()):
                if j != i:
                    hits[j] = hits.get(j, 0) + 1
        # the articles sharing most of its rare anchors (at least two), not every article on the topic
        pool = sorted(j for j, n in hits.items() if n >= MIN_BLOCK_HITS and index.near(i, j))
        pool = sorted(sorted(pool, key=lambda j: (-hits[j], j))[:POOL])
        for j in pool:
            if not _may_derive(index, i, j):
                continue
            score, shared = index.score(i, j)
            if score >= PAIR_MIN and len(shared) >= MIN_SHARED:
                scored.setdefault(i, []).append((score, j, shared))
    for i in sorted(scored):
        found = sorted(scored[i], key=lambda s: (-s[0], index.files[s[1]]))
        best = found[0][0]
        for score, j, shared in found[:MAX_SOURCES]:
            if score < RELATIVE * best:
                break
            top = shared[numpy.argsort(-index.weight[shared], kind="stable")][:EVIDENCE]
            out.append(Candidate(index.files[i], index.files[j], round(score, 3),
                                 "; ".join(str(index.names[f]) for f in top), "anchors",
                                 index.lang[i] != index.lang[j]))
    return sorted(out, key=lambda c: (c.file, -c.score, c.source_file))


def _blocking(index: _Index, features: numpy.ndarray) -> numpy.ndarray:
    """The rarest anchors an article shares with some other article (not the common ones)."""
    cap = max(COMMON * len(index.files), COMMON_FLOOR)
    df = index.df[features]
    usable = features[(df >= 2) & (df <= cap)]
    return usable[numpy.argsort(index.df[usable], kind="stable")][:BLOCK_FEATURES]


def _postings(index: _Index) -> dict[int, list[int]]:
    """Article ids per anchor, for the anchors some article blocks on."""
    wanted: set[int] = set()
    for f in index.features:
        wanted.update(int(x) for x in _blocking(index, f))
    postings: dict[int, list[int]] = {}
    for i, f in enumerate(index.features):
        for x in f:
            if int(x) in wanted:
                postings.setdefault(int(x), []).append(i)
    return postings


def _may_derive(index: _Index, i: int, j: int) -> bool:
    """Can article ``i`` derive from article ``j``? Not if ``j`` was published later (across
    languages: more than ``EARLY_DAYS`` later); across
    languages, only from the language ``i``'s translates from (or, with no such setting, from an
    earlier article); within one language, ``j`` earlier, or the same day and first by name
    (the alignment stage sets the direction of same-day pairs)."""
    pi, pj = index.published[i], index.published[j]
    li, lj = index.lang[i], index.lang[j]
    if pi is not None and pj is not None and (pj - pi).days > (EARLY_DAYS if li != lj else 0):
        return False
    if li != lj:
        origin_i, origin_j = translates_from(li), translates_from(lj)
        if origin_i == lj:
            return True
        if origin_j == li:
            return False
        return pi is not None and pj is not None and pj < pi
    if pi is not None and pj is not None and pi == pj:
        return index.files[j] < index.files[i]
    return True


