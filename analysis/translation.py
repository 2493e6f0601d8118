"""Translation and rewriting artefacts (table ``translation_findings``).

Per article (collected during the single ``nlp.pipe`` pass):

* ``untranslated_fragment``: a bracketed editor insertion left in English
  (``[North Korean]``, ``[soldiers’]``) or a run of two or more English words
  (``legitimate target``), from ``data/lexicons/english_words.csv``;
* ``glued_word``: words or sentences glued together where a link or line break was
  stripped (``UkrainaApa``, ``Washington.Ia``);
* ``nationality_swap``: troops of one country attributed to another in a fixed
  phrase: ``pasukan Rusia utara`` where the compass word belongs to a country
  name the corpus uses for those troops (``pasukan Korea Utara``).

Across the corpus (from the mentions and sentences tables):

* ``title_inconsistency``: one person introduced with titles that contradict each
  other (``Sekretaris Jenderal NATO`` / ``Sekretaris Jenderal Gabungan``);
* ``quote_rendering``: the same quoted statement rendered differently in another
  article (a quotation that closely matches a quotation or sentence elsewhere
  without being the same text).
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
from rapidfuzz import fuzz

from . import entities, lexicons, names
from .corpus import Corpus, register_collector
from .tables import register

FINDING_COLUMNS = ["kind", "file", "start", "end", "text", "sentence_id", "is_boilerplate", "other_file",
                   "other_start", "other_end", "other_text", "explanation"]
QUOTE = re.compile(r"“([^”\n]{20,600})”|\"([^\"\n]{20,600})\"")
BRACKET = re.compile(r"\[([^\]\n]{1,80})\]")
QUOTE_MIN_WORDS = 6
QUOTE_SIMILAR = 75  # token-set similarity that makes two renderings "the same statement"
QUOTE_IDENTICAL = 95  # above this the renderings agree


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicons.column("english_words", "word"))


@lru_cache(maxsize=1)
def _troop_nouns() -> frozenset[str]:
    return frozenset(lexicons.column("troop_nouns", "noun"))


@lru_cache(maxsize=1)
def _compass() -> frozenset[str]:
    return frozenset(lexicons.column("compass_words", "word"))


def _row(kind, file, start, end, text, explanation, sentence=None, **other) -> dict:
    row = {"kind": kind, "file": file, "start": start, "end": end, "text": text,
           "sentence_id": sentence["sentence_id"] if sentence else -1,
           "is_boilerplate": sentence["is_boilerplate"] if sentence else False,
           "other_file": "", "other_start": None, "other_end": None, "other_text": "", "explanation": explanation}
    row.update(other)
    return row


def _sentence_at(sentences: list[dict], offset: int) -> dict | None:
    for s in sentences:
        if s["start"] <= offset < s["end"]:
            return s
    return None


@register_collector("translation_findings", FINDING_COLUMNS)
def collect(doc, article: dict) -> list[dict]:
    text, file, sentences = doc.text, article["file"], article["sentences"]
    rows = []
    english = _english()
    bracketed = []
    for m in BRACKET.finditer(text):
        words = re.findall(r"[A-Za-z]+", m.group(1))
        if words and any(w.lower() in english for w in words):
            bracketed.append((m.start(), m.end()))
            rows.append(_row("untranslated_fragment", file, m.start(), m.end(), m.group(0),
                             f"bracketed editor insertion left in English: {m.group(0)}",
                             _sentence_at(sentences, m.start())))
    run: list = []
    for token in list(doc) + [None]:
        if token is not None and token.is_alpha and token.lower_ in english:
            run.append(token)
            continue
        if len(run) >= 2 and not any(a <= run[0].idx < b for a, b in bracketed):
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            rows.append(_row("untranslated_fragment", file, start, end, text[start:end],
                             f"English words left untranslated: '{text[start:end]}'", _sentence_at(sentences, start)))
        run = []
    for token in doc:
        if token.i == 0 or doc[token.i - 1].whitespace_ or not token.text[:1].isupper():
            continue  # cheap test first: glued tokens follow a token with no space
        if token._.glued:
            prev = doc[token.i - 1]
            rows.append(_row("glued_word", file, prev.idx, token.idx + len(token.text), prev.text + token.text,
                             f"'{prev.text}' and '{token.text}' glued together (a stripped link or line break)",
                             _sentence_at(sentences, prev.idx)))
        elif token.i >= 2 and token.text[:1].isupper() and token.is_alpha and token.is_sent_start \
                and _glued_sentence_start(doc, token.i) is not None:
            a = doc[_glued_sentence_start(doc, token.i)]
            rows.append(_row("glued_word", file, a.idx, token.idx + len(token.text), text[a.idx:token.idx + len(token.text)],
                             "two sentences glued without a space (a stripped line break)",
                             _sentence_at(sentences, a.idx)))
    rows += _nationality_swaps(doc, file, sentences)
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


@lru_cache(maxsize=1)
def _compound_names() -> dict[str, frozenset[str]]:
    """compass word -> gazetteer country names ending with it ("utara" -> "Korea Utara")."""
    out: dict[str, set[str]] = {}
    for e in entities.gazetteer().entities.values():
        if e.label == "GPE":
            for form in e.forms:
                parts = form.split()
                if len(parts) == 2 and parts[1].lower() in _compass():
                    out.setdefault(parts[1].lower(), set()).add(form)
    return {k: frozenset(v) for k, v in out.items()}


def _nationality_swaps(doc, file: str, sentences: list[dict]) -> list[dict]:
    """``<troop noun> <country> <compass word>`` where compass word + another
    country's head word is a country name (``Rusia utara`` vs ``Korea Utara``)."""
    compound = _compound_names()
    rows = []
    for span in doc.spans[entities.SPAN_KEY]:
        m = span._.mention
        if m["label"] != "GPE" or span.start == 0 or span.end >= len(doc):
            continue
        before, after = doc[span.start - 1], doc[span.end]
        if before.lower_ in _troop_nouns() and after.text in _compass() and after.text in compound:
            intended = sorted(compound[after.text])
            if any(form.split()[0] == span.text for form in intended):
                continue
            start, end = before.idx, after.idx + len(after.text)
            rows.append(_row("nationality_swap", file, start, end, doc.text[start:end],
                             f"'{doc.text[start:end]}': '{after.text}' belongs to {' / '.join(intended)}; "
                             f"the troops' nationality looks swapped to {m['canonical']} in translation",
                             _sentence_at(sentences, start)))
    return rows


def title_inconsistencies(corpus: Corpus) -> list[dict]:
    """People introduced with titles that contradict each other (neither title's
    words contain the other's), e.g. a secretary general of NATO and of 'Gabungan'.
    Each distinct title is compared once (its first use stands for all)."""
    m = names.mentions(corpus)
    m = m[(m["label"] == "PERSON") & (m["role"] != "") & (m["entity_id"] != "")]
    m = m.assign(words=m["role"].map(lambda r: frozenset(w.lower() for w in r.split()) - {"untuk"}))
    rows = []
    for _, part in m.sort_values(["file", "start"]).groupby("entity_id"):
        firsts = part.drop_duplicates("words")
        seen: list[pd.Series] = []
        for _, row in firsts.iterrows():
            other = next((o for o in seen if not (row["words"] <= o["words"] or o["words"] <= row["words"])), None)
            if other is not None:
                rows.append(_row(
                    "title_inconsistency", row["file"], row["start"], row["end"], row["role"] + " " + row["text"],
                    f"{row['canonical']} is '{row['role']}' here but '{other['role']}' in {other['file']}",
                    {"sentence_id": row["sentence_id"], "is_boilerplate": row["is_boilerplate"]},
                    other_file=other["file"], other_start=other["start"], other_end=other["end"],
                    other_text=other["role"] + " " + other["text"]))
            else:
                seen.append(row)
    return rows


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{5,}", text.lower())}


def quote_renderings(corpus: Corpus) -> list[dict]:
    """Quotations that closely match a quotation or sentence in another article
    without being the same text: one statement, two renderings.

    Identical texts are compared once (syndicated copies), and a quotation is only
    compared with sentences sharing at least two of its less common words, so the
    cost stays near-linear in the corpus size."""
    sentences = corpus.sentences[~corpus.sentences["is_boilerplate"].astype(bool)]
    texts: dict[str, list[tuple[str, int, int]]] = {}  # text -> occurrences (file, start, end)
    for s in sentences.itertuples():
        texts.setdefault(s.text, []).append((s.file, s.start, s.end))
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
    quotes: dict[str, list[tuple[str, int, int, int]]] = {}  # body -> (file, start, end, sentence_id)
    for s in sentences.itertuples():
        for q in QUOTE.finditer(s.text):
            body = q.group(1) or q.group(2)
            if len(body.split()) >= QUOTE_MIN_WORDS:
                quotes.setdefault(body, []).append((s.file, s.start + q.start(), s.start + q.end(), s.sentence_id))
    rows, seen = [], set()
    for body, places in quotes.items():
        key = body.lower()
        hits: dict[int, int] = {}
        for w in _content_words(body):
            for i in index.get(w, ()):
                hits[i] = hits.get(i, 0) + 1
        for i, shared in hits.items():
            if shared < 2 or len(unique[i].split()) < QUOTE_MIN_WORDS:
                continue
            other_text = unique[i].lower()
            score = fuzz.token_set_ratio(key, other_text)
            if score < QUOTE_SIMILAR or fuzz.ratio(key, other_text) >= QUOTE_IDENTICAL:
                continue
            file, start, end, sentence_id = places[0]
            other = next((o for o in texts[unique[i]] if o[0] != file), None)
            if other is None:
                continue
            pair = tuple(sorted([(file, start), (other[0], other[1])]))
            if pair in seen:
                continue
            seen.add(pair)
            rows.append(_row("quote_rendering", file, start, end, corpus.text(file)[start:end],
                             f"the same statement is rendered differently in {other[0]} (similarity {score:.0f}/100)",
                             {"sentence_id": sentence_id, "is_boilerplate": False},
                             other_file=other[0], other_start=other[1], other_end=other[2], other_text=unique[i]))
    return rows


@register("translation_findings")
def findings(corpus: Corpus) -> pd.DataFrame:
    if "translation_findings" not in corpus.cache:
        rows = corpus.layers["translation_findings"].to_dict("records")
        rows += title_inconsistencies(corpus) + quote_renderings(corpus)
        table = pd.DataFrame.from_records(rows, columns=FINDING_COLUMNS)
        corpus.cache["translation_findings"] = table.sort_values(["file", "start", "kind"]).reset_index(drop=True)
    return corpus.cache["translation_findings"]


def garble_summary(corpus: Corpus) -> pd.DataFrame:
    """Per article: variant name spellings, findings by kind, and findings per
    1,000 characters of story text (boilerplate excluded)."""
    f = findings(corpus)
    f = f[~f["is_boilerplate"].astype(bool)]
    m = names.mentions(corpus)
    m = m[(m["label"] == "PERSON") & ~m["is_boilerplate"].astype(bool)]
    table = pd.crosstab(f["file"], f["kind"]) if len(f) else pd.DataFrame()
    table = table.reindex(corpus.articles["file"], fill_value=0)
    table.columns.name = None
    table["variant_name_mentions"] = m[m["is_variant"].astype(bool)].groupby("file").size().reindex(table.index, fill_value=0)
    table["person_mentions"] = m.groupby("file").size().reindex(table.index, fill_value=0)
    story = corpus.sentences[~corpus.sentences["is_boilerplate"]]
    chars = (story["end"] - story["start"]).groupby(story["file"]).sum().reindex(table.index, fill_value=0)
    problems = table.drop(columns=["person_mentions"]).sum(axis=1)
    table["problems_per_1000_chars"] = (1000 * problems / chars.where(chars > 0)).round(2)
    return table.reset_index().rename(columns={"index": "file"})
