"""Timeline rows of one article (per-article stage).

* ``time_expressions``: every expression the temporal tagger found, resolved against the
  article's publication date;
* ``event_candidates`` (internal): a sentence clause with a resolved date (not a citation or
  timestamp date, not boilerplate, not a bare *saat ini*) reports an event; with its summary
  clause, its actors (canonical names the entity layer found in it) and key terms, so the
  cross-article merge (:mod:`analysis.timeline.events`) never needs the text again;
* ``timeline_findings`` of one article: a weekday that contradicts its explicit date, a
  timestamp or citation date that contradicts the manifest's date, a past-tense date after
  publication.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache

import spacy

from .. import resources
from ..article import ArticleContext
from ..nlp.glossary import concepts
from ..nlp.quantities import SPAN_KEY as QUANTITIES
from ..nlp.temporal import SPAN_KEY
from ..timex import EXPLICIT_DAY_RULES, resolve

EVENT_RULES_EXCLUDED = {"present"}  # "saat ini" dates a state to the publication day, not an event
SUMMARY_CHARS = 220


def timex_rows(ctx: ArticleContext) -> list[dict]:
    anchor = ctx.anchor
    rows = []
    for offset, span in ctx.spans(SPAN_KEY):
        timex = span._.timex
        resolved = resolve(timex, anchor)
        start = offset + span.start_char
        sentence = ctx.sentence_at(start)
        rows.append({
            "file": ctx.file, "start": start, "end": offset + span.end_char, "text": span.text,
            "value": resolved.value, "granularity": resolved.granularity, "mod": timex.mod, "kind": timex.kind,
            "anchor": anchor.isoformat() if anchor else "", "rule": timex.rule, "tense": timex.tense,
            "role": timex.role if timex.date or timex.role in {"timestamp", "dateline"} else "", "flag": resolved.flag,
            "sentence_id": sentence["sentence_id"], "is_boilerplate": sentence["is_boilerplate"],
        })
    return rows


@lru_cache(maxsize=None)
def _stop_words(lang: str) -> frozenset[str]:
    """Words two reports may share without being about the same thing."""
    lex = resources.lexicon(lang)
    words = {w.lower() for w in lex.column("function_words", "word")}
    words |= {r["form"].lower() for r in lex.table("months")} | {r["form"].lower() for r in lex.table("weekdays")}
    words |= {r["form"].lower() for r in lex.table("temporal_words")}
    words |= {w.lower() for w in lex.column("attribution_verbs", "verb")}  # "said", "mengatakan": every report says
    words |= set(spacy.util.get_lang_class(lang).Defaults.stop_words)  # spaCy's own list, shipped in the wheel
    return frozenset(words | lex.words("title_words"))


def key_terms(text: str, lang: str) -> set[str]:
    """Lower-cased content words (4+ letters) and numbers: what two reports share."""
    stop = _stop_words(lang)
    return {w for w in re.findall(r"\d[\d.,]*\d|\d|[^\W\d_]{4,}", text.lower()) if w not in stop}


def clause(sentence: str, start: int, end: int, whole_if_short: bool = True) -> tuple[int, int]:
    """Offsets (within ``sentence``) of the clause around ``start:end``, widened to its
    neighbours until it says something (>= 80 chars), trimmed to ~220 chars at word
    boundaries. A short sentence is kept whole unless ``whole_if_short`` is False (a
    sentence that dates two events)."""
    if whole_if_short and len(sentence) <= SUMMARY_CHARS:
        return 0, len(sentence)
    cuts = [0] + [m.end() for m in re.finditer(r"[,;:]\s", sentence)] + [len(sentence)]
    k = max(bisect.bisect_right(cuts, start) - 1, 0)
    lo, hi = cuts[k], cuts[min(k + 1, len(cuts) - 1)]
    left, right = k, k + 1
    while hi - lo < 80 and (left > 0 or right < len(cuts) - 1):
        if left > 0:
            left -= 1
            lo = cuts[left]
        if hi - lo < 80 and right < len(cuts) - 1:
            right += 1
            hi = cuts[right]
    if hi - lo > SUMMARY_CHARS:
        lo = max(lo, min(start, end - SUMMARY_CHARS // 2) - 40)
        hi = min(hi, lo + SUMMARY_CHARS)
        while lo > 0 and not sentence[lo - 1].isspace():
            lo -= 1
        while hi < len(sentence) and not sentence[hi].isspace():
            hi += 1
    return lo, hi


def event_candidates(ctx: ArticleContext, timexes: list[dict], mentions: list[dict]) -> list[dict]:
    """One row per (sentence, resolved date) that reports an event."""
    usable = [t for t in timexes if t["kind"] == "date" and t["value"] and not t["is_boilerplate"]
              and t["role"] not in {"timestamp", "citation", "dateline"} and t["rule"] not in EVENT_RULES_EXCLUDED]
    per_sentence: dict[int, set[str]] = {}
    for t in usable:
        per_sentence.setdefault(t["sentence_id"], set()).add(t["value"])
    actors = [(m["start"], m["end"], m["canonical"], m["entity_id"] or "new:" + "_".join(m["canonical"].lower().split()))
              for m in mentions if m["label"] in {"PERSON", "ORG", "GPE", "LOC"} and m["match"] != "outlet"]
    starts = [a[0] for a in actors]
    numbers = sorted((offset + s.start_char, s._.quantity) for offset, s in ctx.spans(QUANTITIES))
    number_starts = [n[0] for n in numbers]

    def named(a: int, b: int) -> set[str]:
        """Actors and figures between two offsets (what a span of text is about)."""
        inside = [x for x in actors[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)] if x[1] <= b]
        figures = {q.value or q.high for _, q in numbers[bisect.bisect_left(number_starts, a):
                                                         bisect.bisect_left(number_starts, b)]}
        return {f"E:{x[3]}" for x in inside} | {f"N:{v:.0f}" for v in figures if v and v >= 100}
    rows, seen = [], set()
    for t in usable:
        key = (t["sentence_id"], t["value"])
        if key in seen:
            continue
        seen.add(key)
        s = ctx.sentences[t["sentence_id"]]
        lo, hi = clause(s["text"], t["start"] - s["start"], t["end"] - s["start"],
                        whole_if_short=len(per_sentence[t["sentence_id"]]) == 1)
        summary = s["text"][lo:hi].strip(" ,;:")
        a, b = s["start"] + lo, s["start"] + hi
        names = [x[2] for x in actors[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)] if x[1] <= b]
        features = named(a, b) | {f"C:{c}" for c in concepts(summary, ctx.lang)}
        previous = ctx.sentences[t["sentence_id"] - 1] if t["sentence_id"] > 0 else None
        if previous is not None and previous["line"] == s["line"] and len(per_sentence[t["sentence_id"]]) == 1:
            # "Temuan itu disampaikan NIS ... Jumat": what "itu" refers to is in the sentence before
            features |= named(previous["start"], previous["end"])
        rows.append({
            "file": ctx.file, "sentence_id": t["sentence_id"], "start": s["start"], "end": s["end"],
            "text": s["text"], "date": t["value"], "granularity": t["granularity"], "timex": t["text"],
            "timex_start": t["start"], "timex_end": t["end"], "summary": summary,
            "actors": "; ".join(dict.fromkeys(names)), "terms": " ".join(sorted(key_terms(summary, ctx.lang))),
            "features": " ".join(sorted(features)), "language": ctx.lang,
            "published": ctx.anchor,
        })
    return rows


def findings(ctx: ArticleContext, timexes: list[dict]) -> list[dict]:
    """The article's own date problems, each with the quoted sentence."""
    rows = []
    for t in timexes:
        sentence = ctx.sentences[t["sentence_id"]] if t["sentence_id"] >= 0 else None
        if t["flag"] == "weekday_mismatch":
            day = dt.date.fromisoformat(t["value"])
            rows.append(_finding("weekday_mismatch", t, sentence,
                                 f"'{t['text']}': {t['value']} is a {day.strftime('%A')}, not the weekday named"))
        if t["rule"] not in EXPLICIT_DAY_RULES or not t["value"] or ctx.record.get("published_source") != "manifest" \
                or ctx.anchor is None:
            continue
        value, published = dt.date.fromisoformat(t["value"]), ctx.anchor
        if t["role"] in {"timestamp", "citation", "dateline"} and value != published:
            rows.append(_finding("published_date_mismatch", t, sentence,
                                 f"the text dates itself {t['value']} ({t['role']}) but the manifest says "
                                 f"{published.isoformat()}"))
        elif t["role"] == "mention" and value > published:
            rows.append(_finding("date_after_publication", t, sentence,
                                 f"past-tense date {t['value']} is after the publication date {published.isoformat()}"))
    return rows


def _finding(kind: str, t: dict, sentence: dict | None, explanation: str) -> dict:
    return {"kind": kind, "file": t["file"], "start": t["start"], "end": t["end"], "text": t["text"],
            "sentence_start": sentence["start"] if sentence else None, "sentence": sentence["text"] if sentence else "",
            "other_file": "", "other_start": None, "other_end": None, "other_sentence": "", "explanation": explanation}
