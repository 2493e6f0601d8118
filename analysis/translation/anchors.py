"""What survives translation: the language-independent anchors of an article's sentences
(per-article stage).

A sentence's anchors are the actors it names (gazetteer ids, or the folded name of someone
the gazetteer does not know: ``E:``), its numbers as values (``11,000``, ``11.000`` and ``11
ribu`` are all ``N:11000``), its resolved dates (``D:2024-10-30``), the concepts of the
bilingual vocabulary it uses (``C:troops``; ``data/lexicons/glossary.csv`` and
``bilingual.csv``) and its capitalised words that are no sentence opener (``W:donbas``: place
and unit names the gazetteer lacks are spelt alike in both languages). An article's anchors
are those of its story sentences. The cross-article stage pairs articles and aligns their
sentences on them (:mod:`analysis.translation.pairs`, :mod:`analysis.translation.align`).
Reads the rows the other per-article analyses made; writes nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import resources
from ..article import ArticleContext
from ..nlp.gazetteer import fold
from ..nlp.glossary import find, read_forms

CAPITAL = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]{2,}")
DATE_GRANULARITIES = {"day", "week", "month"}


@lru_cache(maxsize=None)
def vocabulary(lang: str) -> dict[str, str]:
    """``form -> concept`` of the story glossary and the general bilingual vocabulary."""
    return read_forms(("glossary", "bilingual"), lang)


def concepts(text: str, lang: str, table: dict[str, str] | None = None) -> list[tuple[str, int, int]]:
    """``(concept, start, end)`` of every vocabulary form in ``text`` (longest first, up to
    three words), with character offsets into ``text``; ``table`` (``form -> concept``) another
    vocabulary than the glossary's and the bilingual one (:mod:`.terms`' families)."""
    return find(text, vocabulary(lang) if table is None else table)


@lru_cache(maxsize=None)
def _openers(lang: str) -> frozenset[str]:
    lex = resources.lexicon(lang)
    return frozenset(w.lower() for w in lex.column("function_words", "word"))


def capitalised(text: str, lang: str) -> set[str]:
    """Folded capitalised words that do not open the sentence (names, places, acronyms)."""
    out = set()
    for m in CAPITAL.finditer(text):
        if m.start() == len(text) - len(text.lstrip()) or m.group().lower() in _openers(lang):
            continue
        out.add(fold(m.group()))
    return out


def sentence_anchors(ctx: ArticleContext, mentions: list[dict], timexes: list[dict], figures: list[dict]) -> list[dict]:
    """One row per sentence: ``file, sentence_id, anchors`` (space-separated features)."""
    per: dict[int, set[str]] = {s["sentence_id"]: set() for s in ctx.sentences}
    for m in mentions:
        key = m["entity_id"] or fold(m["canonical"] or m["text"])
        if key and m["sentence_id"] in per:
            per[m["sentence_id"]].add(f"E:{key}")
    for q in figures:
        for value in (q.get("value"), q.get("low"), q.get("high")):
            if value is not None and value == value and q["sentence_id"] in per:
                per[q["sentence_id"]].add(f"N:{value:g}")
    for t in timexes:
        if t["value"] and t["granularity"] in DATE_GRANULARITIES and t["sentence_id"] in per:
            per[t["sentence_id"]].add(f"D:{t['value']}")
    rows = []
    for s in ctx.sentences:
        features = per[s["sentence_id"]]
        features |= {f"C:{c}" for c, _, _ in concepts(s["text"], ctx.lang)}
        features |= {f"W:{w}" for w in capitalised(s["text"], ctx.lang) if w}
        rows.append({"file": ctx.file, "sentence_id": s["sentence_id"], "anchors": " ".join(sorted(features))})
    return rows


def article_anchors(ctx: ArticleContext, sentence_rows: list[dict]) -> dict:
    """The article's row: its story sentences' anchors, with its language and date."""
    story = {s["sentence_id"] for s in ctx.sentences if not s["is_boilerplate"]}
    features = set()
    for row in sentence_rows:
        if row["sentence_id"] in story:
            features.update(row["anchors"].split())
    return {"file": ctx.file, "language": ctx.lang, "published": ctx.published,
            "n_sentences": len(story), "anchors": " ".join(sorted(features))}
