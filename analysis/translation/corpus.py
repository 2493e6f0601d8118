"""Cross-article translation stage: one person's contradicting titles, one statement's renderings.

Reads ``mentions``, ``quotes`` (internal) and ``sentences``; writes the cross-article rows
of ``translation_findings``:

* ``title_inconsistency``: one person introduced with titles that contradict each other
  (neither title's words contain the other's), e.g. a secretary general of NATO and of
  'Gabungan'; each distinct title is compared once (its first use stands for all);
* ``quote_rendering``: a quotation that closely matches a quotation or sentence in another
  article without being the same text: one statement, two renderings. Identical texts are
  compared once (syndicated copies), and a quotation is compared only with sentences sharing
  at least two of its less common words, so the cost stays near-linear.
"""
from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz

from .article import QUOTE_MIN_WORDS, row

QUOTE_SIMILAR = 75  # token-set similarity that makes two renderings "the same statement"
QUOTE_IDENTICAL = 95  # above this the renderings agree
ROLE_FILLERS = {"untuk", "for", "of", "the"}


def title_inconsistencies(mentions: pd.DataFrame) -> list[dict]:
    m = mentions[(mentions["label"] == "PERSON") & (mentions["role"] != "") & (mentions["entity_id"] != "")]
    m = m.assign(words=m["role"].map(lambda r: frozenset(w.lower() for w in r.split()) - ROLE_FILLERS))
    rows = []
    for _, part in m.sort_values(["file", "start"]).groupby("entity_id", sort=True):
        seen: list[pd.Series] = []
        for _, r in part.drop_duplicates("words").iterrows():
            other = next((o for o in seen if not (r["words"] <= o["words"] or o["words"] <= r["words"])), None)
            if other is not None:
                rows.append(row(
                    "title_inconsistency", r["file"], r["start"], r["end"], r["role"] + " " + r["text"],
                    f"{r['canonical']} is '{r['role']}' here but '{other['role']}' in {other['file']}",
                    {"sentence_id": r["sentence_id"], "is_boilerplate": r["is_boilerplate"]},
                    other_file=other["file"], other_start=other["start"], other_end=other["end"],
                    other_text=other["role"] + " " + other["text"]))
            else:
                seen.append(r)
    return rows


def _content_words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{5,}", text.lower()))


def quote_renderings(quotes: pd.DataFrame, sentences: pd.DataFrame) -> list[dict]:
    story = sentences[~sentences["is_boilerplate"].astype(bool)]
    texts: dict[str, list[tuple[str, int, int]]] = {}  # text -> occurrences (file, start, end)
    for file, start, end, text in zip(story["file"], story["start"], story["end"], story["text"]):
        texts.setdefault(text, []).append((file, start, end))
    unique = list(texts)
    words = [_content_words(t) for t in unique]
    df: dict[str, int] = {}
    for ws in words:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    common = max(20, 0.05 * len(unique))
    index: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            if df[w] <= common:
                index.setdefault(w, []).append(i)
    places: dict[str, list[tuple[str, int, int, int, str]]] = {}
    for file, start, end, body, sentence_id, text in zip(quotes["file"], quotes["start"], quotes["end"], quotes["body"],
                                                         quotes["sentence_id"], quotes["text"]):
        places.setdefault(body, []).append((file, start, end, sentence_id, text))
    rows, seen = [], set()
    for body in sorted(places):
        key = body.lower()
        hits: dict[int, int] = {}
        for w in _content_words(body):
            for i in index.get(w, ()):
                hits[i] = hits.get(i, 0) + 1
        file, start, end, sentence_id, quoted = places[body][0]
        for i in sorted(hits):
            if hits[i] < 2 or len(unique[i].split()) < QUOTE_MIN_WORDS:
                continue
            other_text = unique[i].lower()
            score = fuzz.token_set_ratio(key, other_text)
            if score < QUOTE_SIMILAR or fuzz.ratio(key, other_text) >= QUOTE_IDENTICAL:
                continue
            other = next((o for o in texts[unique[i]] if o[0] != file), None)
            if other is None:
                continue
            pair = tuple(sorted([(file, start), (other[0], other[1])]))
            if pair in seen:
                continue
            seen.add(pair)
            rows.append(row("quote_rendering", file, start, end, quoted,
                            f"the same statement is rendered differently in {other[0]} (similarity {score:.0f}/100)",
                            {"sentence_id": sentence_id, "is_boilerplate": False},
                            other_file=other[0], other_start=other[1], other_end=other[2], other_text=unique[i]))
    return rows
