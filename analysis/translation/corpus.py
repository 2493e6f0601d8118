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
from typing import Callable, Iterable

import pandas as pd
from rapidfuzz import fuzz

from .. import resources
from .article import QUOTE_MIN_WORDS, row

QUOTE_SIMILAR = 75  # token-set similarity that makes two renderings "the same statement"
QUOTE_IDENTICAL = 95  # above this the renderings agree


def _role_words(role: str) -> frozenset[str]:
    return frozenset(w.lower() for w in role.split()) - resources.words_in_any_language("role_joiners")


def first_titles(people: pd.DataFrame) -> pd.DataFrame:
    """The first mention of each (person, title): all the comparison needs (mentions in text order)."""
    words = people["role"].map(lambda r: " ".join(sorted(_role_words(r))))
    return people.assign(_words=words).drop_duplicates(["entity_id", "_words"]).drop(columns="_words")


def title_inconsistencies(mentions: pd.DataFrame) -> list[dict]:
    m = mentions[(mentions["label"] == "PERSON") & (mentions["role"] != "") & (mentions["entity_id"] != "")]
    m = m.assign(words=m["role"].map(_role_words))
    rows = []
    for _, part in m.sort_values(["file", "start"]).groupby("entity_id", sort=True):
        seen: list[pd.Series] = []
        for _, r in part.drop_duplicates("words").iterrows():
            other = next((o for o in seen if not (r["words"] <= o["words"] or o["words"] <= r["words"])), None)
            if other is not None:
                rows.append(row(
                    "title_inconsistency", r["file"], r["start"], r["end"], r["text"],  # the name: what start:end hold
                    f"{r['canonical']} is '{r['role']}' here but '{other['role']}' in {other['file']}",
                    {"sentence_id": r["sentence_id"], "is_boilerplate": r["is_boilerplate"]},
                    other_file=other["file"], other_start=other["start"], other_end=other["end"],
                    other_text=other["text"]))
            else:
                seen.append(r)
    return rows


def _content_words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{5,}", text.lower()))


def quote_renderings(quotes: pd.DataFrame, sentence_batches: Callable[[], Iterable[pd.DataFrame]]) -> list[dict]:
    """``sentence_batches()`` yields the sentences (``file, start, end, text, is_boilerplate``)
    in batches; it is read twice (word frequencies, then candidates), so memory holds the
    quotes, the vocabulary and the candidate sentences, never every sentence."""
    places: dict[str, list[tuple[str, int, int, int, str]]] = {}
    for file, start, end, body, sentence_id, text in zip(quotes["file"], quotes["start"], quotes["end"], quotes["body"],
                                                         quotes["sentence_id"], quotes["text"]):
        places.setdefault(body, []).append((file, start, end, sentence_id, text))
    if not places:
        return []
    quote_words = {body: _content_words(body) for body in places}
    wanted = set().union(*quote_words.values())
    df: dict[str, int] = {}
    seen: set[int] = set()
    for batch in sentence_batches():
        for text, boiler in zip(batch["text"], batch["is_boilerplate"]):
            key = hash(text)
            if boiler or key in seen:
                continue
            seen.add(key)
            for w in _content_words(text) & wanted:
                df[w] = df.get(w, 0) + 1
    common = max(20, 0.05 * len(seen))
    rare = {w for w in wanted if df.get(w, 0) <= common}
    by_word: dict[str, list[str]] = {}
    for body, words in quote_words.items():
        for w in words & rare:
            by_word.setdefault(w, []).append(body)
    seen.clear()
    candidates: dict[str, list[tuple[str, int, int]]] = {}  # text -> first occurrences in two files
    links: dict[str, set[str]] = {}  # quote body -> candidate texts sharing two of its rare words
    for batch in sentence_batches():
        for file, start, end, text, boiler in zip(batch["file"], batch["start"], batch["end"], batch["text"],
                                                  batch["is_boilerplate"]):
            if boiler:
                continue
            if text in candidates:
                places_of = candidates[text]
                if len(places_of) < 2 and places_of[0][0] != file:
                    places_of.append((file, int(start), int(end)))
                continue
            key = hash(text)
            if key in seen:
                continue
            seen.add(key)
            shared: dict[str, int] = {}
            for w in _content_words(text) & rare:
                for body in by_word.get(w, ()):
                    shared[body] = shared.get(body, 0) + 1
            bodies = [b for b, n in shared.items() if n >= 2]
            if bodies and len(text.split()) >= QUOTE_MIN_WORDS:
                candidates[text] = [(file, int(start), int(end))]
                for body in bodies:
                    links.setdefault(body, set()).add(text)
    rows, pairs = [], set()
    for body in sorted(links):
        key = body.lower()
        file, start, end, sentence_id, quoted = places[body][0]
        for text in sorted(links[body]):
            other_text = text.lower()
            score = fuzz.token_set_ratio(key, other_text)
            if score < QUOTE_SIMILAR or fuzz.ratio(key, other_text) >= QUOTE_IDENTICAL:
                continue
            other = next((o for o in candidates[text] if o[0] != file), None)
            if other is None:
                continue
            pair = tuple(sorted([(file, start), (other[0], other[1])]))
            if pair in pairs:
                continue
            pairs.add(pair)
            rows.append(row("quote_rendering", file, start, end, quoted,
                            f"the same statement is rendered differently in {other[0]} (similarity {score:.0f}/100)",
                            {"sentence_id": sentence_id, "is_boilerplate": False},
                            other_file=other[0], other_start=other[1], other_end=other[2], other_text=text))
    return rows
