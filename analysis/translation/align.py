"""Sentence alignment of a derived article with its source (cross-article stage).

Dynamic programming over the two sentence sequences, in the manner of Gale and Church (a
length prior) and Bleualign / Hunalign (lexical anchors): each step takes one source sentence
to one derived sentence (``1-1``), two to one (``2-1``: the derived article merged them), one
to two (``1-2``: it split one), or leaves a source sentence out (``omitted``) or a derived one
unmatched (``added``). After the search: a merge that holds through one of its sentences
only is split (the other added / omitted); a source sentence merged into a ``2-1`` step whose
figure an added sentence has goes to that sentence; an added sentence that clearly renders an
omitted one, or shares a figure with it, was moved and is aligned with it after all; an added
sentence's score is how much of it one source sentence holds (part of a split, not an
addition, from ``RENDERED``; nor is one that much held, from ``NEXT_RENDERED``, by the source
sentence rendered beside it). A step's score is the anchors' weighted Dice overlap (anchors weighted
by rarity within the pair: a sentence's figure and speaker count, the story's omnipresent
country little; within one language, the content words count too) blended with how well the
lengths agree (log-ratio against the pair's overall length ratio); a step pays off only when
its score beats ``SKIP``. Two long articles are searched in a band around the diagonal only,
so the cost grows linearly with their length. Kinds name source sentences first (``2-1``: two source sentences,
one derived). No model, no download: anchors, vocabulary and lengths only. Pure function of
its inputs.
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field

MOVES = (("omitted", 1, 0), ("added", 0, 1), ("1-1", 1, 1), ("2-1", 2, 1), ("1-2", 1, 2))
SKIP = 0.3  # a step aligns only sentences whose score beats this
MERGE_PENALTY = 0.06  # a 2-1 or 1-2 step must beat its 1-1 alternative by this much
BAND_CELLS = 40_000  # above this many sentence pairs, only a band around the diagonal is searched ...
BAND_MIN, BAND_SHARE = 40, 0.1  # ... this wide (sentences), so the cost stays linear in the length
WEAK = 0.2  # a sentence of a merge with less of its anchors' weight in the other side does not belong to it
MOVED = 0.25  # an added and an omitted sentence this far above SKIP: one sentence, moved ...
RENDERED = 0.7  # an added sentence this much held by one source sentence renders part of it
NEXT_RENDERED = 0.5  # ... or this much by a source sentence rendered right before or after it (and the other way round)
MIN_BESIDE_ANCHORS = 3  # an omitted sentence with fewer anchors is too short to tell
MOVED_FIGURE, MIN_FIGURE = 0.25, 10  # ... or scoring this and sharing a figure of at least MIN_FIGURE
LENGTH_WEIGHT = 0.25
LENGTH_SIGMA = 0.35  # spread of log(length ratio) for sentences that render each other
WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass
class Sentence:
    sentence_id: int
    length: int
    anchors: frozenset[str]
    words: frozenset[str] = field(default_factory=frozenset)  # content words (same-language pairs)
    key: str = ""  # the sentence's text (same-language pairs: a sentence copied word for word)


@dataclass(frozen=True)
class Step:
    kind: str  # 1-1 | 2-1 | 1-2 | omitted | added
    source: tuple[int, ...]  # indices into the source sentences
    derived: tuple[int, ...]  # indices into the derived sentences
    score: float
    beside: bool = False  # an added / omitted sentence the step beside it holds (NEXT_RENDERED)


def content_words(text: str, stop: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text.lower()) if w not in stop)


class _Unit:
    """One sentence or two adjacent ones, as a step compares them (features, their mass, length)."""

    __slots__ = ("anchors", "anchor_mass", "words", "word_mass", "length")

    def __init__(self, sentences: list[Sentence], weight: dict[str, float], same_language: bool):
        self.anchors = frozenset().union(*(s.anchors for s in sentences))
        self.anchor_mass = sum(weight[f] for f in self.anchors)
        self.words = frozenset().union(*(s.words for s in sentences)) if same_language else frozenset()
        self.word_mass = sum(weight[f] for f in self.words)
        self.length = sum(s.length for s in sentences)


class _Scorer:
    """Scores of steps; each sentence and each pair of adjacent sentences is prepared once."""

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
        self.derived = self._units(derived)
        self.source = self._units(source)

    def _units(self, sentences: list[Sentence]) -> dict[tuple[int, int], _Unit]:
        units = {}
        for k in range(len(sentences)):
            units[(k, k + 1)] = _Unit(sentences[k:k + 1], self.weight, self.same_language)
            if k + 2 <= len(sentences):
                units[(k, k + 2)] = _Unit(sentences[k:k + 2], self.weight, self.same_language)
        return units

    def _dice(self, a: frozenset[str], mass_a: float, b: frozenset[str], mass_b: float) -> float:
        if not mass_a or not mass_b:
            return 0.0
        w = self.weight
        return 2 * sum(w[f] for f in a & b) / (mass_a + mass_b)

    def contained(self, d: tuple[int, int], s: tuple[int, int], source_in_derived: bool = False) -> float:
        """Share of one side's anchor weight (derived, or source) found in the other side."""
        u, v = self.derived[d], self.source[s]
        if source_in_derived:
            u, v = v, u
        mass = u.anchor_mass + (u.word_mass if self.same_language else 0.0)
        shared = sum(self.weight[f] for f in u.anchors & v.anchors)
        if self.same_language:
            shared += sum(self.weight[f] for f in u.words & v.words)
        return shared / mass if mass else 0.0

    def step(self, d: tuple[int, int], s: tuple[int, int]) -> float:
        u, v = self.derived[d], self.source[s]
        lexical = self._dice(u.anchors, u.anchor_mass, v.anchors, v.anchor_mass)
        if self.same_language:
            lexical = max(lexical, self._dice(u.words, u.word_mass, v.words, v.word_mass))
        log_ratio = math.log(max(u.length, 1) / (self.ratio * max(v.length, 1)))
        length = math.exp(-(log_ratio ** 2) / (2 * LENGTH_SIGMA ** 2))
        if lexical == 0.0:  # length alone never aligns two sentences that share nothing
            return LENGTH_WEIGHT * length * 0.5
        return (1 - LENGTH_WEIGHT) * lexical + LENGTH_WEIGHT * length


def align(derived: list[Sentence], source: list[Sentence], same_language: bool = False) -> list[Step]:
    """The best monotone alignment of ``derived`` with ``source`` (see the module docstring),
    as steps in text order. Within one language, sentences copied word for word anchor the
    alignment first (``difflib``'s matching blocks) and only the stretches between them are
    searched."""
    score = _Scorer(derived, source, same_language)
    steps: list[Step] = []
    blocks = [(0, 0, 0)]
    if same_language and all(x.key for x in derived + source):
        matcher = difflib.SequenceMatcher(None, [x.key for x in source], [x.key for x in derived], autojunk=False)
        blocks = [(i, j, size) for i, j, size in matcher.get_matching_blocks()]
    i0 = j0 = 0
    for i, j, size in blocks + [(len(source), len(derived), 0)]:
        if i < i0 or j < j0:
            continue
        steps += _search(score, i0, i, j0, j)
        steps += [Step("1-1", (i + k,), (j + k,), 1.0) for k in range(size)]
        i0, j0 = i + size, j + size
    steps = _regroup(_split_weak(steps, score), derived, source, score)
    return _held(_moved(steps, derived, source, score), score, len(source))


def _regroup(steps: list[Step], derived: list[Sentence], source: list[Sentence], score: _Scorer) -> list[Step]:
    """A source sentence merged into a ``2-1`` step whose figures its derived sentence lacks, but
    an added sentence has, is that added sentence's (a figure survives translation as nothing
    else does): the step becomes ``1-1`` and the two are aligned ``1-1`` where the added one stands."""
    added = {s.derived[0]: k for k, s in enumerate(steps) if s.kind == "added"}
    moves: dict[int, Step] = {}
    out = []
    for step in steps:
        if step.kind == "2-1" and added:
            d0 = step.derived[0]
            stray = [i for i in step.source if _figures(source[i]) and not _figures(source[i]) & _figures(derived[d0])]
            home = next(((j, i) for i in stray for j in added if j not in moves
                         and _figures(source[i]) & _figures(derived[j])), None)
            if home is not None:
                j, i = home
                kept = next(x for x in step.source if x != i)
                out.append(Step("1-1", (kept,), (d0,), round(score.step((d0, d0 + 1), (kept, kept + 1)), 3)))
                moves[j] = Step("1-1", (i,), (j,), round(score.step((j, j + 1), (i, i + 1)), 3))
                continue
        out.append(step)
    return [moves.get(s.derived[0], s) if s.kind == "added" else s for s in out]


def _held(steps: list[Step], score: _Scorer, n_source: int) -> list[Step]:
    """An ``added`` step's score is the largest share of its sentence's anchor weight that one
    source sentence holds: near 1, the sentence renders part of a source sentence aligned
    elsewhere (a split the search did not make), and is no addition (:data:`RENDERED`). Not
    the other way round: a short source sentence has too few anchors to tell. An added sentence
    of which a source sentence aligned in the step right before or after it holds
    ``NEXT_RENDERED`` continues that rendering (a split the search did not make, a restatement
    of the sentence it stands beside): it is held ``beside``, no addition either. Likewise an
    omitted source sentence of ``MIN_BESIDE_ANCHORS`` anchors or more that a derived sentence of
    the step before or after holds that much: rendered within it (*This was confirmed by the
    spokesperson* in *According to the spokesperson, ...*), not left out."""
    out = []
    for k, step in enumerate(steps):
        near = [other for other in steps[max(0, k - 1):k + 2] if other.derived and other.source]
        if step.kind == "added":
            j = step.derived[0]
            held = max((score.contained((j, j + 1), (i, i + 1)) for i in range(n_source)), default=0.0)
            next_held = max((score.contained((j, j + 1), (i, i + 1)) for o in near for i in o.source), default=0.0)
            step = Step(step.kind, step.source, step.derived, round(held, 3), next_held >= NEXT_RENDERED)
        elif step.kind == "omitted" and len(score.source[(step.source[0], step.source[0] + 1)].anchors) \
                >= MIN_BESIDE_ANCHORS:
            i = step.source[0]
            next_held = max((score.contained((j, j + 1), (i, i + 1), source_in_derived=True) for o in near
                             for j in o.derived), default=0.0)
            step = Step(step.kind, step.source, step.derived, step.score, next_held >= NEXT_RENDERED)
        out.append(step)
    return out


def _split_weak(steps: list[Step], score: _Scorer) -> list[Step]:
    """A merge (``1-2`` / ``2-1``) that holds only through one of its sentences is that sentence
    aligned ``1-1`` and the other ``added`` / ``omitted``: each sentence of the pair's side must
    find ``WEAK`` of its anchors' weight in the other side's sentence (half a split sentence
    does; a sentence the rendering added beside it does not)."""
    out: list[Step] = []
    for step in steps:
        if step.kind not in {"1-2", "2-1"}:
            out.append(step)
            continue
        s0, d0 = step.source[0], step.derived[0]
        if step.kind == "1-2":
            alone = [score.step((d, d + 1), (s0, s0 + 1)) for d in step.derived]
            held = [score.contained((d, d + 1), (s0, s0 + 1)) for d in step.derived]
        else:
            alone = [score.step((d0, d0 + 1), (s, s + 1)) for s in step.source]
            held = [score.contained((d0, d0 + 1), (s, s + 1), source_in_derived=True) for s in step.source]
        if min(held) >= WEAK or max(alone) < SKIP:
            out.append(step)
            continue
        keep = alone.index(max(alone))
        for k, value in enumerate(alone):
            if step.kind == "1-2":
                d = step.derived[k]
                out.append(Step("1-1", (s0,), (d,), round(value, 3)) if k == keep else Step("added", (), (d,), 0.0))
            else:
                s = step.source[k]
                out.append(Step("1-1", (s,), (d0,), round(value, 3)) if k == keep else Step("omitted", (s,), (), 0.0))
    return out


def _search(score: _Scorer, i0: int, n: int, j0: int, m: int) -> list[Step]:
    """Dynamic programming over source sentences ``i0:n`` and derived sentences ``j0:m``."""
    rows, cols = n - i0, m - j0
    best = [[-math.inf] * (cols + 1) for _ in range(rows + 1)]
    back: list[list[tuple | None]] = [[None] * (cols + 1) for _ in range(rows + 1)]
    best[0][0] = 0.0
    band = max(BAND_MIN, int(BAND_SHARE * max(rows, cols))) if rows * cols > BAND_CELLS else rows + cols
    for i in range(rows + 1):
        centre = round(i * cols / rows) if rows else 0
        for j in range(max(0, centre - band), min(cols, centre + band) + 1):
            here = best[i][j]
            if here == -math.inf:
                continue
            for kind, di, dj in MOVES:
                a, b = i + di, j + dj
                if a > rows or b > cols:
                    continue
                if di == 0 or dj == 0:
                    gain, value = 0.0, 0.0
                else:
                    value = score.step((j0 + j, j0 + b), (i0 + i, i0 + a))
                    gain = value - SKIP - (MERGE_PENALTY if kind != "1-1" else 0.0)
                    if gain <= 0:
                        continue
                if here + gain > best[a][b] + 1e-12:
                    best[a][b] = here + gain
                    back[a][b] = (i, j, kind, value)
    steps: list[Step] = []
    i, j = rows, cols
    while (i, j) != (0, 0):
        pi, pj, kind, value = back[i][j]
        steps.append(Step(kind, tuple(range(i0 + pi, i0 + i)), tuple(range(j0 + pj, j0 + j)), round(value, 3)))
        i, j = pi, pj
    return steps[::-1]


def _moved(steps: list[Step], derived: list[Sentence], source: list[Sentence], score: _Scorer) -> list[Step]:
    """A sentence the derived article moved elsewhere is no omission plus an addition: an added
    sentence that clearly renders an omitted one (``MOVED`` above ``SKIP``), or that shares one of
    its figures and scores ``MOVED_FIGURE`` (a figure survives translation as nothing else does),
    is aligned with it; the best-scoring such pairs first."""
    omitted = [s.source[0] for s in steps if s.kind == "omitted"]
    added = [s.derived[0] for s in steps if s.kind == "added"]
    found = []
    for j in added:
        for i in omitted:
            value = score.step((j, j + 1), (i, i + 1))
            if value >= SKIP + MOVED or (value >= MOVED_FIGURE and _figures(derived[j]) & _figures(source[i])):
                found.append((value, j, i))
    pairs, used_d, used_s = {}, set(), set()
    for value, j, i in sorted(found, reverse=True):
        if j not in used_d and i not in used_s:
            used_d.add(j)
            used_s.add(i)
            pairs[j] = Step("1-1", (i,), (j,), round(value, 3))
    out = [pairs.get(s.derived[0], s) if s.kind == "added" else s for s in steps]
    return [s for s in out if not (s.kind == "omitted" and s.source[0] in used_s)]


def _figures(sentence: Sentence) -> set[str]:
    """The sentence's figure anchors of ``MIN_FIGURE`` or more (small counts are everywhere), years aside."""
    out = set()
    for a in sentence.anchors:
        if a.startswith("N:"):
            try:
                value = float(a[2:])
                if value >= MIN_FIGURE and not (value.is_integer() and 1900 <= value <= 2100):  # a year
                    out.add(a)
            except ValueError:
                continue
    return out
