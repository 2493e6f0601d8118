"""Timeline rows of one article (per-article stage).

* ``time_expressions``: every expression the temporal tagger found, resolved against the
  article's publication date (an anaphoric one, ``that day``, against the point named last), with
  its TIMEX3 ``type`` (DATE, TIME, DURATION, SET) beside the project's ``kind`` (date, time,
  duration, set, reference); only a date or a time (``kind``) is a point that can date a report;
* ``event_candidates`` (internal): a sentence with a date that can date a reported happening
  (a day, a week or a weekend; not a month or a year, which is background; not "since ...",
  a timestamp, a dateline, boilerplate, a bare *saat ini*, or a "today" inside a quote) is a
  report, with its summary clause, its actors, figures (not the year of a date), glossary
  concepts and the speaker the sentence is attributed to (``speaker`` on the sentence rows;
  a person also speaks for the body his gazetteer role names). A sentence that refers back
  (``event_anaphora.csv``: *klaim tersebut*, *the claim*) takes in the sentence before; a
  wire's date (*dikutip AFP, Kamis (31/10/2024)*, *according to AFP on Monday*) with no speaker
  of its own dates the story of the article's lede, whose content it takes in. A date whose
  weekday names another day, and a wire's date (the day before), give an ``alt_date``. A
  report about nothing (a byline) is dropped. The cross-article merge
  (:mod:`analysis.timeline.events`) never needs the text again;
* ``timeline_findings`` of one article: a weekday that contradicts its explicit date, a
  timestamp or citation date that contradicts the manifest's date, a past-tense date after
  publication.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import lru_cache

from .. import resources
from ..article import ArticleContext
from ..nlp.gazetteer import gazetteer
from ..nlp.glossary import concepts
from ..nlp.quantities import SPAN_KEY as QUANTITIES
from ..nlp.temporal import SPAN_KEY
from ..timex import EXPLICIT_DAY_RULES, POINT_KINDS, point_day, resolve

# "that day", "the previous day" count from a date the text gave: the sentence's report is dated there
EVENT_RULES_EXCLUDED = {"anaphoric", "relative_ref", "ago_ref"}
SUMMARY_CHARS = 220


def timex_rows(ctx: ArticleContext) -> list[dict]:
    anchor = ctx.published
    rows, last = [], ""
    for offset, span in ctx.spans(SPAN_KEY):
        timex = span._.timex
        resolved = resolve(timex, anchor, last)
        if timex.is_point and resolved.value[:4].isdigit() and not (timex.rule == "ago" and resolved.granularity == "quarter"):
            last = point_day(resolved.value)  # what a later "that day", "a year earlier" refers to
        start = offset + span.start_char
        sentence = ctx.sentence_at(start)
        rows.append({
            "file": ctx.file, "start": start, "end": offset + span.end_char, "text": span.text,
            "value": resolved.value, "granularity": resolved.granularity, "mod": timex.mod, "kind": timex.kind, "type": timex.type,
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
    words |= resources.stop_words(lang)  # spaCy's own list, shipped in the wheel
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


EVENT_GRANULARITIES = {"day", "week"}  # a month or a year is background ("in August"), not a reported happening
SINCE = "ON_OR_AFTER"  # "since mid-January" starts a state; it does not date a happening
UNQUOTED_RULES = {"deictic", "relative", "ago", "later", "weekend"}  # inside a quote, "today" is the speaker's day
QUOTE_OPEN, QUOTE_CLOSE = "\u201c", "\u201d"


def _inside_quote(sentence: str, position: int) -> bool:
    """Whether ``position`` of a sentence lies inside a direct quotation."""
    before = sentence[:position]
    return before.count(QUOTE_OPEN) > before.count(QUOTE_CLOSE) or before.count('"') % 2 == 1


def _usable(t: dict, ctx: ArticleContext) -> bool:
    """A time expression that can date a reported happening."""
    if t["kind"] not in POINT_KINDS or not t["value"] or t["is_boilerplate"] or t["granularity"] not in EVENT_GRANULARITIES \
            or t["role"] in {"timestamp", "dateline"} or t["rule"] in EVENT_RULES_EXCLUDED or t["mod"] == SINCE:
        return False
    s = ctx.sentences[t["sentence_id"]]
    return not (t["rule"] in UNQUOTED_RULES and _inside_quote(s["text"], t["start"] - s["start"]))


def _as_day(t: dict) -> dict:
    """A time of a day ('Sunday night', TIMEX3 2000-04-16TNI) dates a report by its day."""
    if t["kind"] != "time" or not t["value"]:
        return t
    return {**t, "value": point_day(t["value"]), "granularity": "day"}


def _alt_date(t: dict) -> str:
    """The other day a report may mean: the day its weekday names when it contradicts its date
    (``Kamis, 18 Desember`` where the 18th is a Wednesday), the day before a carrier's citation
    date (``dikutip AFP, Kamis (31/10/2024)``: the wire reports what happened that day or the day
    before); '' otherwise."""
    if t["granularity"] != "day":
        return ""
    day = dt.date.fromisoformat(t["value"])
    if t["flag"] == "weekday_mismatch":
        for delta in (-1, 1):  # a day off (a typo, a time zone); a wider gap says nothing about which is right
            other = day + dt.timedelta(days=delta)
            if other.strftime("%A") in _weekday_names(t["text"]):
                return other.isoformat()
    if t["role"] == "citation":
        return (day - dt.timedelta(days=1)).isoformat()
    return ""


def _weekday_names(text: str) -> set[str]:
    """English names of the weekdays an expression names (in any supported language)."""
    names = set()
    for lang in resources.supported_languages():
        for row in resources.lexicon(lang).table("weekdays"):
            if re.search(rf"(?<!\w){re.escape(row['form'])}(?!\w)", text, re.IGNORECASE):
                names.add(dt.date(2024, 1, int(row["isoweekday"])).strftime("%A"))  # 2024-01-01 was a Monday
    return names


@lru_cache(maxsize=None)
def _anaphora(lang: str) -> re.Pattern | None:
    cues = resources.lexicon(lang).words("event_anaphora", "cue") if resources.lexicon(lang).has("event_anaphora") else ()
    if not cues:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")(?!\w)")


@lru_cache(maxsize=None)
def _bodies_of(person_id: str) -> tuple[str, ...]:
    """The bodies a person speaks for, as the gazetteer's roles name them (a spokesman whose role
    reads "White House national security communications adviser" speaks for the White House)."""
    g = gazetteer()
    person = g.entities.get(person_id)
    if person is None or not person.role:
        return ()
    role = person.role.lower()
    return tuple(sorted(e.entity_id for e in g.entities.values() if e.label == "ORG" and e.type != "news_agency"
                        and any(re.search(rf"(?<!\w){re.escape(f.lower())}(?!\w)", role) for f in e.forms)))


def _is_carrier(entity_id: str) -> bool:
    entity = gazetteer().entities.get(entity_id)
    return entity is not None and entity.type == "news_agency"


def _within(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` lies in one of ``spans`` (sorted, not overlapping: time expressions)."""
    k = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= position < spans[k][1]


class _Reader:
    """What the clauses of one article are about: actors, figures, concepts, speakers."""

    def __init__(self, ctx: ArticleContext, mentions: list[dict], timexes: list[dict]):
        self.ctx = ctx
        self.actors = [(m["start"], m["end"], m["canonical"], m["entity_id"] or "new:" + "_".join(m["canonical"].lower().split()),
                        m["label"]) for m in mentions if m["label"] in {"PERSON", "ORG", "GPE", "LOC"} and m["match"] != "outlet"]
        self.starts = [a[0] for a in self.actors]
        dated = sorted((t["start"], t["end"]) for t in timexes)
        self.numbers = sorted((offset + s.start_char, s._.quantity) for offset, s in ctx.spans(QUANTITIES)
                              if not _within(dated, offset + s.start_char))  # "2024" in a date is no figure
        self.number_starts = [n[0] for n in self.numbers]
        words = [r["form"] for r in resources.lexicon(ctx.lang).table("temporal_words") if r["category"] == "subordinator"]
        self.subordinate = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)") if words else None

    def inside(self, a: int, b: int) -> list[tuple]:
        return [x for x in self.actors[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)] if x[1] <= b]

    def named(self, a: int, b: int) -> set[str]:
        """Actors and figures between two offsets (what a span of text is about)."""
        figures = {q.value or q.high for _, q in self.numbers[bisect.bisect_left(self.number_starts, a):
                                                              bisect.bisect_left(self.number_starts, b)]}
        return {f"E:{x[3]}" for x in self.inside(a, b)} | {f"N:{v:.0f}" for v in figures if v and v >= 100}

    def about(self, s: dict) -> set[str]:
        """Everything a whole sentence is about, its speaker included."""
        return self.named(s["start"], s["end"]) | {f"C:{c}" for c in concepts(s["text"], self.ctx.lang)} | self.speaker(s)

    def speaker(self, s: dict, within: tuple[int, int] | None = None, date: int | None = None) -> set[str]:
        """``S:<label>:<key>`` and ``G:<group>`` of the sentence's speaker; with ``within``, only if
        the speaker is named inside those offsets or not named in the sentence at all (a pronoun);
        with ``date`` (an offset), not if it is named only after the date, in a clause that a
        subordinator opens ("..., the spy agency said on Tuesday, after Ukraine claimed ...")."""
        name, group = s.get("speaker") or "", s.get("speaker_group") or ""
        if not name:
            return set()
        named = [x for x in self.inside(s["start"], s["end"]) if x[2] == name]
        if within is not None and named and not any(within[0] <= x[0] < within[1] for x in named):
            return set()
        if date is not None and named and all(x[0] > date for x in named) and self.subordinate is not None \
                and self.subordinate.search(self.ctx.text[date:named[0][0]].lower()):
            return set()
        key = f"{named[0][4]}:{named[0][3]}" if named else "NAME:" + "_".join(name.lower().split())
        bodies = {f"S:ORG:{b}" for b in _bodies_of(named[0][3])} if named and named[0][4] == "PERSON" else set()
        return {f"S:{key}"} | bodies | ({f"G:{group}"} if group else set())

    def lead(self) -> dict | None:
        """The article's lede: its first body sentence that names an actor or a figure."""
        for s in self.ctx.sentences:
            if not s["is_boilerplate"] and not s.get("is_heading") and any(
                    f.startswith("N:") or not _is_carrier(f[2:]) for f in self.named(s["start"], s["end"])):
                return s
        return None


def event_candidates(ctx: ArticleContext, timexes: list[dict], mentions: list[dict]) -> list[dict]:
    """One row per (sentence, resolved date) that reports a happening (see the module docstring)."""
    usable = [t for t in map(_as_day, timexes) if _usable(t, ctx)]
    per_sentence: dict[int, set[str]] = {}
    for t in usable:
        per_sentence.setdefault(t["sentence_id"], set()).add(t["value"])
    reader = _Reader(ctx, mentions, timexes)
    anaphora = _anaphora(ctx.lang)
    lead = reader.lead()
    rows, seen = [], set()
    for t in usable:
        key = (t["sentence_id"], t["value"])
        if key in seen:
            continue
        seen.add(key)
        s = ctx.sentences[t["sentence_id"]]
        alone = len(per_sentence[t["sentence_id"]]) == 1
        lo, hi = clause(s["text"], t["start"] - s["start"], t["end"] - s["start"], whole_if_short=alone)
        summary = s["text"][lo:hi].strip(" ,;:")
        a, b = (s["start"], s["end"]) if alone else (s["start"] + lo, s["start"] + hi)
        features = reader.named(a, b) | {f"C:{c}" for c in concepts(s["text"][a - s["start"]:b - s["start"]], ctx.lang)}
        features |= reader.speaker(s, None if alone else (a, b), t["end"])
        previous = ctx.sentences[t["sentence_id"] - 1] if t["sentence_id"] > 0 else None
        if previous is not None and alone and (previous["line"] == s["line"] or (
                anaphora is not None and anaphora.search(s["text"].lower()))):
            # "Temuan itu disampaikan NIS ... Jumat", "Zelensky made the claim on Monday": the sentence before
            features |= reader.named(previous["start"], previous["end"])
        if lead is not None and lead is not s and not any(f.startswith("S:") for f in features) \
                and (t["role"] == "citation" or any(_is_carrier(x[3]) for x in reader.inside(a, b))):
            # "menurut laporan AFP pada Senin (23/12)": a wire's date dates the story its lede tells
            features |= reader.about(lead)
        if not any(f[:2] in {"E:", "N:", "C:"} for f in features):
            continue  # a byline or a bare date: nothing a happening is made of
        names = [x[2] for x in reader.inside(a, b)]
        rows.append({
            "file": ctx.file, "sentence_id": t["sentence_id"], "start": s["start"], "end": s["end"],
            "text": s["text"], "date": t["value"], "granularity": t["granularity"], "timex": t["text"],
            "timex_start": t["start"], "timex_end": t["end"], "summary": summary,
            "actors": "; ".join(dict.fromkeys(names)), "terms": " ".join(sorted(key_terms(summary, ctx.lang))),
            "features": " ".join(sorted(features)), "language": ctx.lang, "alt_date": _alt_date(t),
            "dated_by": "wire" if t["role"] == "citation" else "",
            "published": ctx.published,
        })
    return rows


def findings(ctx: ArticleContext, timexes: list[dict]) -> list[dict]:
    """The article's own date problems, each with the quoted sentence."""
    rows = []
    for t in timexes:
        sentence = ctx.sentences[t["sentence_id"]] if t["sentence_id"] >= 0 else None
        if t["flag"] == "weekday_mismatch":
            day = dt.date.fromisoformat(point_day(t["value"]))
            rows.append(_finding("weekday_mismatch", t, sentence,
                                 f"'{t['text']}': {t['value']} is a {day.strftime('%A')}, not the weekday named"))
        if t["rule"] not in EXPLICIT_DAY_RULES or not t["value"] or ctx.record.get("published_source") != "manifest" \
                or ctx.published is None:
            continue
        value, published = dt.date.fromisoformat(point_day(t["value"])), ctx.published
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
