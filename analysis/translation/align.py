"""Sentence alignment of a derived article with its source (cross-article stage).

Dynamic programming over the two sentence sequences, in the manner of Gale and Church (a
length prior) and Bleualign / Hunalign (lexical anchors): each step takes one source sentence
to one derived sentence (``1-1``), two to one (``2-1``: the derived article merged them), one
to two (``1-2``: it split one), or leaves a source sentence out (``omitted``) or a derived one
unmatched (``added``); an added sentence that clearly renders an omitted one was moved, and
is aligned with it after all. A step's score is the anchors' weighted Dice overlap (anchors weighted
by rarity within the pair: a sentence's figure and speaker count, the story's omnipresent
country little; within one language, the content words count too) blended with how well the
lengths agree (log-ratio against the pair's overall length ratio); a step pays off only when
its score beats ``SKIP``. Kinds name source sentences first (``2-1``: two source sentences,
one derived). No model, no download: anchors, vocabulary and lengths only. Pure function of
its inputs.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

SKIP = 0.3  # a step aligns only sentences whose score beats this
MERGE_PENALTY = 0.06  # a 2-1 or 1-2 step must beat its 1-1 alternative by this much
MOVED = 0.25  # an added and an omitted sentence this far above SKIP: one sentence, moved
LENGTH_WEIGHT = 0.25
LENGTH_SIGMA = 0.35  # spread of log(length ratio) for sentences that render each other
WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass
class Sentence:
    sentence_id: int
    length: int
    anchors: frozenset[str]
    words: frozenset[str] = field(default_factory=frozenset)  # content words (same-language pairs)


@dataclass(frozen=True)
class Step:
    kind: str  # 1-1 | 2-1 | 1-2 | omitted | added
    source: tuple[int, ...]  # indices into the source sentences
    derived: tuple[int, ...]  # indices into the derived sentences
    score: float


def content_words(text: str, stop: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text.lower()) if w not in stop)


class _Scorer:
    def __init__(self, derived: list[Sentence], source: list[Sentence], same_language: bool):
        counts: dict[str, int] = {}
        for s in derived + source:
            for f in s.anchors | (s.words if same_language else frozenset()):
                counts[f] = counts.get(f, 0) + 1
        n = len(derived) + len(source)
        self.weight = {f: math.log(1 + n / c) for f, c in counts.items()}
        total_d = sum(s.length for s in derived) or 1
        total_s = sum(s.length for s in source) or 1
        self.ratio = min(max(total_d / total_s, 0.6), 1.7)
        self.same_language = same_language

    def _dice(self, a: frozenset[str], b: frozenset[str]) -> float:
        if not a or not b:
            return 0.0
        w = self.weight
        shared = sum(w.get(f, 0.0) for f in a & b)
        return 2 * shared / (sum(w.get(f, 0.0) for f in a) + sum(w.get(f, 0.0) for f in b))

    def __call__(self, derived: list[Sentence], source: list[Sentence]) -> float:
        d_anchors = frozenset().union(*(s.anchors for s in derived))
        s_anchors = frozenset().union(*(s.anchors for s in source))
        lexical = self._dice(d_anchors, s_anchors)
        if self.same_language:
            words = self._dice(frozenset().union(*(s.words for s in derived)), frozenset().union(*(s.words for s in source)))
            lexical = max(lexical, words)
        d_len = sum(s.length for s in derived)
        s_len = sum(s.length for s in source)
        log_ratio = math.log(max(d_len, 1) / (self.ratio * max(s_len, 1)))
        length = math.exp(-(log_ratio ** 2) / (2 * LENGTH_SIGMA ** 2))
        if lexical == 0.0:  # length alone never aligns two sentences that share nothing
            return LENGTH_WEIGHT * length * 0.5
        return (1 - LENGTH_WEIGHT) * lexical + LENGTH_WEIGHT * length


def align(derived: list[Sentence], source: list[Sentence], same_language: bool = False) -> list[Step]:
    """The best monotone alignment of ``derived`` with ``source`` (see the module docstring),
    as steps in text order."""
    score = _Scorer(derived, source, same_language)
    n, m = len(source), len(derived)
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == -math.inf:
                continue
            moves = [("omitted", 1, 0), ("added", 0, 1), ("1-1", 1, 1), ("2-1", 2, 1), ("1-2", 1, 2)]
            for kind, di, dj in moves:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if kind in {"omitted", "added"}:
                    gain, value = 0.0, 0.0
                else:
                    value = score(derived[j:b], source[i:a])
                    gain = value - SKIP - (MERGE_PENALTY if kind != "1-1" else 0.0)
                    if gain <= 0:
                        continue
                if here + gain > best[a][b] + 1e-12:
                    best[a][b] = here + gain
                    back[a][b] = (i, j, kind, value)
    steps: list[Step] = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj, kind, value = back[i][j]
        steps.append(Step(kind, tuple(range(pi, i)), tuple(range(pj, j)), round(value, 3)))
        i, j = pi, pj
    return _moved(steps[::-1], derived, source, score)


def _moved(steps: list[Step], derived: list[Sentence], source: list[Sentence], score: _Scorer) -> list[Step]:
    """A sentence the derived article moved elsewhere is no omission plus an addition: an added
    sentence that clearly renders an omitted one (``MOVED`` above ``SKIP``) is aligned with it."""
    omitted = {s.source[0]: k for k, s in enumerate(steps) if s.kind == "omitted"}
    out, taken = [], set()
    for step in steps:
        if step.kind == "added" and omitted:
            j = step.derived[0]
            scored = sorted(((score([derived[j]], [source[i]]), i) for i in omitted if i not in taken), reverse=True)
            if scored and scored[0][0] >= SKIP + MOVED:
                value, i = scored[0]
                taken.add(i)
                out.append(Step("1-1", (i,), (j,), round(value, 3)))
                continue
        out.append(step)
    return [s for s in out if not (s.kind == "omitted" and s.source[0] in taken)]
