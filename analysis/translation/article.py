"""Translation and rewriting artefacts inside one article (per-article stage).

* ``untranslated_fragment``: a bracketed editor insertion left in the source language
  (``[North Korean]``, ``[soldiers’]``, from ``data/lexicons/<lang>/english_words.csv``) or
  a run of two or more of its words (``legitimate target``, ``in the coming weeks``: word
  frequencies of both languages, :mod:`analysis.nlp.wordlang`), in languages that translate
  (``translated_from`` in their ``language.csv``);
* ``glued_word``: words or sentences glued together where a link or line break was stripped
  (``UkrainaApa``, ``Washington.Ia``);
* ``nationality_swap``: troops of one country attributed to another in a fixed phrase:
  ``pasukan Rusia utara`` where the compass word belongs to a country name the corpus uses
  for those troops (``pasukan Korea Utara``).

Also the article's quotations (internal table ``quotes``) for the cross-article comparison
of renderings (:mod:`analysis.translation.corpus`).
"""
from __future__ import annotations

import re
from itertools import takewhile
from functools import lru_cache

from .. import resources
from ..article import ArticleContext
from ..nlp import wordlang
from ..nlp.entities import SPAN_KEY as MENTIONS
from ..nlp.gazetteer import gazetteer

BRACKET = re.compile(r"\[([^\]\n]{1,80})\]")
QUOTE = re.compile(r"“([^”\n]{20,600})”|\"([^\"\n]{20,600})\"")
QUOTE_MIN_WORDS = 6


@lru_cache(maxsize=None)
def _words(lang: str) -> tuple[frozenset, frozenset, frozenset]:
    lex = resources.lexicon(lang)
    foreign = lex.words("english_words") if lex.has("english_words") else frozenset()
    return foreign, lex.words("troop_nouns", "noun"), frozenset(lex.column("compass_words", "word"))


@lru_cache(maxsize=None)
def _compound_names(lang: str) -> dict[str, frozenset[str]]:
    """compass word -> gazetteer country names ending with it ("utara" -> "Korea Utara")."""
    compass = _words(lang)[2]
    out: dict[str, set[str]] = {}
    for e in gazetteer().entities.values():
        if e.label == "GPE":
            for form in e.forms:
                parts = form.split()
                if len(parts) == 2 and parts[1].lower() in compass:
                    out.setdefault(parts[1].lower(), set()).add(form)
    return {k: frozenset(v) for k, v in out.items()}


def row(kind, file, start, end, text, explanation, sentence=None, **other) -> dict:
    out = {"kind": kind, "file": file, "start": start, "end": end, "text": text,
           "sentence_id": sentence["sentence_id"] if sentence else -1,
           "is_boilerplate": sentence["is_boilerplate"] if sentence else False,
           "other_file": "", "other_start": None, "other_end": None, "other_text": "", "explanation": explanation}
    out.update(other)
    return out


def finding_rows(ctx: ArticleContext) -> list[dict]:
    foreign, troops, compass = _words(ctx.lang)
    file, text = ctx.file, ctx.text
    rows = []
    bracketed = []
    if foreign:
        lo, hi = ctx.window  # a section of a very long article: the brackets that open in it
        for m in takewhile(lambda m: m.start() < hi, BRACKET.finditer(text, lo)):
            words = re.findall(r"[A-Za-z]+", m.group(1))
            if words and any(w.lower() in foreign for w in words):
                bracketed.append((m.start(), m.end()))
                rows.append(row("untranslated_fragment", file, m.start(), m.end(), m.group(0),
                                f"bracketed editor insertion left in English: {m.group(0)}", ctx.sentence_at(m.start())))
    origin = resources.lexicon(ctx.lang).settings.get("translated_from", "")
    for s in ctx.sentences if origin else []:
        for a, b in wordlang.foreign_runs(s["text"], ctx.lang, origin):
            start, end = s["start"] + a, s["start"] + b
            if not any(x <= start < y for x, y in bracketed):
                rows.append(row("untranslated_fragment", file, start, end, text[start:end],
                                f"words of the source language left untranslated: '{text[start:end]}'", s))
    for offset, doc in ctx.docs:
        for token in doc:
            if token.i == 0 or doc[token.i - 1].whitespace_ or not token.text[:1].isupper():
                continue  # cheap test first: glued tokens follow a token with no space
            if token._.glued:
                prev = doc[token.i - 1]
                start = offset + prev.idx
                rows.append(row("glued_word", file, start, offset + token.idx + len(token.text), prev.text + token.text,
                                f"'{prev.text}' and '{token.text}' glued together (a stripped link or line break)",
                                ctx.sentence_at(start)))
            elif token.i >= 2 and token.is_alpha and token.is_sent_start:
                j = _glued_sentence_start(doc, token.i)
                if j is not None:
                    start, end = offset + doc[j].idx, offset + token.idx + len(token.text)
                    rows.append(row("glued_word", file, start, end, text[start:end],
                                    "two sentences glued without a space (a stripped line break)", ctx.sentence_at(start)))
        rows += _nationality_swaps(ctx, doc, offset, troops)
    return rows


def _glued_sentence_start(doc, i: int) -> int | None:
    """Index of the last word of a sentence glued to token ``i`` with no space:
    ``Washington.Ia``, ``mendatang.”Blinken``."""
    j = i - 1
    while j > 0 and doc[j].text in {"”", '"', "’", ")"} and doc[j].whitespace_ == "":
        j -= 1
    if doc[j].text in {".", "?", "!"} and doc[j].whitespace_ == "" and j > 0 \
            and doc[j - 1].is_alpha and doc[j - 1].whitespace_ == "":
        return j - 1
    return None


def _nationality_swaps(ctx: ArticleContext, doc, offset: int, troops: frozenset) -> list[dict]:
    """``<troop noun> <country> <compass word>`` where compass word + another country's head
    word is a country name (``Rusia utara`` vs ``Korea Utara``)."""
    compound = _compound_names(ctx.lang)
    rows = []
    for span in doc.spans.get(MENTIONS, []):
        m = span._.mention
        if m["label"] != "GPE" or span.start == 0 or span.end >= len(doc):
            continue
        before, after = doc[span.start - 1], doc[span.end]
        if before.lower_ in troops and after.text in compound:
            intended = sorted(compound[after.text])
            if any(form.split()[0] == span.text for form in intended):
                continue
            start, end = offset + before.idx, offset + after.idx + len(after.text)
            rows.append(row("nationality_swap", ctx.file, start, end, ctx.text[start:end],
                            f"'{ctx.text[start:end]}': '{after.text}' belongs to {' / '.join(intended)}; "
                            f"the troops' nationality looks swapped to {m['canonical']} in translation",
                            ctx.sentence_at(start)))
    return rows


def quote_rows(ctx: ArticleContext) -> list[dict]:
    """Quotations of at least six words in story sentences (not boilerplate)."""
    rows = []
    for s in ctx.sentences:
        if s["is_boilerplate"]:
            continue
        for q in QUOTE.finditer(s["text"]):
            body = q.group(1) or q.group(2)
            if len(body.split()) >= QUOTE_MIN_WORDS:
                rows.append({"file": ctx.file, "start": s["start"] + q.start(), "end": s["start"] + q.end(),
                             "text": q.group(0), "body": body, "sentence_id": s["sentence_id"]})
    return rows
