"""Exact duplicates and near-copies (the same wire story on many sites, or saved twice) grouped
for the manifest's ``copy_of`` column: kept and flagged, never dropped.

Exact: the same text once case, punctuation and spacing are set aside. Near: the shorter
article's word 5-grams lie at least ``NEAR`` inside the longer one's. Candidates come from an
index of a fixed sample of each article's 5-grams (those whose hash is 0 modulo ``SAMPLE``;
5-grams shared by more than ``MAX_POSTING`` articles, i.e. boilerplate, are not used), and only
articles published within ``WINDOW_DAYS`` of each other (or undated) are compared, so the work
stays near linear. Each group points at its earliest article (by date, then import order).
Reads the texts it is given; writes nothing.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass

WORD = re.compile(r"\w+")
SHINGLE = 5
SAMPLE = 8
NEAR = 0.8  # share of the shorter article's 5-grams found in the longer one
MIN_WORDS = 30  # shorter texts are compared for exact copies only
MAX_POSTING = 200
WINDOW_DAYS = 14


@dataclass
class Signature:
    exact: str
    sample: frozenset
    n_words: int
    published: dt.date | None


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def shingles(tokens: list[str]) -> set[int]:
    return {zlib.crc32(" ".join(tokens[i:i + SHINGLE]).encode()) for i in range(len(tokens) - SHINGLE + 1)}


def signature(text: str, published: dt.date | None) -> Signature:
    tokens = words(text)
    exact = hashlib.sha1(" ".join(tokens).encode()).hexdigest()
    sample = frozenset(h for h in shingles(tokens) if h % SAMPLE == 0) if len(tokens) >= MIN_WORDS else frozenset()
    return Signature(exact, sample, len(tokens), published)


def _close(a: Signature, b: Signature) -> bool:
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= WINDOW_DAYS


def group(signatures: list[Signature], read_text) -> list[tuple[int | None, str]]:
    """Per article, ``(index of the article it copies, "exact" | "near")`` or ``(None, "")``.
    ``read_text(i)`` gives article i's text again (only candidates are read back)."""
    parent = list(range(len(signatures)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_hash: dict[str, int] = {}
    for i, sig in enumerate(signatures):
        if sig.exact in by_hash and _close(signatures[by_hash[sig.exact]], sig):
            union(by_hash[sig.exact], i)
        by_hash.setdefault(sig.exact, i)
    _near(signatures, read_text, find, union)
    members = defaultdict(list)
    for i in range(len(signatures)):
        members[find(i)].append(i)
    out: list[tuple[int | None, str]] = [(None, "")] * len(signatures)
    for group_members in members.values():
        if len(group_members) < 2:
            continue
        first = min(group_members, key=lambda i: (signatures[i].published or dt.date.max, i))
        for i in group_members:
            if i != first:
                kind = "exact" if signatures[i].exact == signatures[first].exact else "near"
                out[i] = (first, kind)
    return out


def _near(signatures: list[Signature], read_text, find, union) -> None:
    index: dict[int, list[int]] = defaultdict(list)
    for i, sig in enumerate(signatures):
        for h in sig.sample:
            index[h].append(i)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for posting in index.values():
        if len(posting) > MAX_POSTING:
            continue
        for x, i in enumerate(posting):
            for j in posting[x + 1:]:
                counts[(i, j)] += 1
    cache: dict[int, set[int]] = {}

    def full(i: int) -> set[int]:
        if i not in cache:
            if len(cache) > 2000:
                cache.clear()
            cache[i] = shingles(words(read_text(i)))
        return cache[i]

    for (i, j), shared in sorted(counts.items()):
        a, b = signatures[i], signatures[j]
        if find(i) == find(j) or not _close(a, b):
            continue
        if shared < max(2, 0.5 * min(len(a.sample), len(b.sample))):
            continue
        sa, sb = full(i), full(j)
        if sa and sb and len(sa & sb) / min(len(sa), len(sb)) >= NEAR:
            union(i, j)
