"""Timeline layer: time expressions, events lined up across outlets, findings.

* ``time_expressions`` (a corpus layer filled during the single ``nlp.pipe`` pass):
  every expression found by :mod:`analysis.dates`, resolved against its article's
  publication date.
* :func:`event_reports` / :func:`events`: a sentence clause with a resolved date
  is a report of an event; reports from any article are merged into one event when
  their dates are compatible and their actors/key terms overlap.
* :func:`findings`: a weekday that contradicts its explicit date, an explicit
  publication-like date that contradicts the article's publication date, and one
  event dated differently by different outlets, each with the quoted sentences.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

import pandas as pd

from . import dates, entities
from .corpus import Corpus, register_collector
from .tables import register

TIMEX_COLUMNS = [
    "file", "start", "end", "text", "value", "granularity", "mod", "kind", "anchor", "rule",
    "tense", "role", "flag", "sentence_id", "is_boilerplate",
]
EVENT_COLUMNS = ["event_id", "date", "granularity", "start_date", "end_date", "summary", "actors", "files",
                 "n_reports", "n_files"]
REPORT_COLUMNS = ["event_id", "file", "sentence_id", "start", "end", "text", "date", "granularity",
                  "timex", "timex_start", "timex_end", "summary", "actors", "published"]
FINDING_COLUMNS = ["kind", "file", "start", "end", "text", "sentence_start", "sentence", "other_file",
                   "other_start", "other_end", "other_sentence", "explanation"]
EVENT_RULES_EXCLUDED = {"present"}  # "saat ini" dates a state to the publication day, not an event
SUMMARY_CHARS = 220
MERGE_SIMILARITY = 0.2
CONFLICT_SIMILARITY = 0.3


# --------------------------------------------------------------------------- time expressions


@register_collector("time_expressions", TIMEX_COLUMNS)
def collect_time_expressions(doc, article: dict) -> list[dict]:
    anchor = article.get("published") or None
    sentences = article["sentences"]
    starts = [s["start"] for s in sentences]
    rows = []
    for span in doc.spans[dates.SPAN_KEY]:
        timex = span._.timex
        resolved = dates.resolve(timex, anchor)
        k = max(bisect.bisect_right(starts, span.start_char) - 1, 0)
        sentence = sentences[k] if sentences else {"sentence_id": -1, "is_boilerplate": False}
        rows.append({
            "file": article["file"], "start": span.start_char, "end": span.end_char, "text": span.text,
            "value": resolved.value, "granularity": resolved.granularity, "mod": timex.mod, "kind": timex.kind,
            "anchor": anchor.isoformat() if anchor else "", "rule": timex.rule, "tense": timex.tense,
            "role": timex.role if timex.date else "", "flag": resolved.flag,
            "sentence_id": sentence["sentence_id"], "is_boilerplate": sentence["is_boilerplate"],
        })
    return rows


@register("time_expressions")
def time_expressions(corpus: Corpus) -> pd.DataFrame:
    return corpus.layers["time_expressions"]


# --------------------------------------------------------------------------- date arithmetic


def value_range(value: str, granularity: str) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a TIMEX3 date value (None if not a date)."""
    try:
        if granularity == "day":
            day = dt.date.fromisoformat(value)
            return day, day
        if granularity == "week":
            year, week = value.split("-W")
            first = dt.date.fromisocalendar(int(year), int(week), 1)
            return first, first + dt.timedelta(days=6)
        if granularity == "month":
            year, month = (int(x) for x in value.split("-"))
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if granularity == "year":
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except (ValueError, TypeError):
        return None
    return None


def compatible(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    """Two date ranges can denote the same event if one contains the other."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


# --------------------------------------------------------------------------- actors and terms


def key_terms(text: str) -> set[str]:
    """Lower-cased content words (4+ letters) and numbers: what two reports share."""
    stop = {w.lower() for w in entities._stop_words()} | entities._titles()
    words = re.findall(r"\d[\d.,]*\d|\d|[^\W\d_]{4,}", text.lower())
    return {w for w in words if w not in stop}


def _actor_index(corpus: Corpus) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, canonical) of the people, bodies and countries in each article."""
    m = corpus.layers["mentions"]
    m = m[m["label"].isin(["PERSON", "ORG", "GPE"])]
    index: dict[str, list[tuple[int, int, str]]] = {}
    for file, start, end, canonical in zip(m["file"], m["start"], m["end"], m["canonical"]):
        index.setdefault(file, []).append((start, end, canonical))
    return index


def _actors(index: dict, file: str, start: int, end: int) -> list[str]:
    """Actors of a clause: canonical names the entity layer found in it."""
    return list(dict.fromkeys(c for s, e, c in index.get(file, ()) if s >= start and e <= end))


def clause(sentence: str, start: int, end: int, whole_if_short: bool = True) -> tuple[int, int]:
    """Offsets (within ``sentence``) of the clause around ``start:end``, widened to
    its neighbours until it says something (>= 80 chars), trimmed to ~220 chars at
    word boundaries. A short sentence is kept whole unless ``whole_if_short`` is
    False (a sentence that dates two events)."""
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


# --------------------------------------------------------------------------- events


def event_reports(corpus: Corpus) -> pd.DataFrame:
    """One row per (sentence, resolved date): the clause that reports an event."""
    tx = corpus.layers["time_expressions"]
    tx = tx[(tx["kind"] == "date") & (tx["value"] != "") & ~tx["is_boilerplate"]
            & ~tx["role"].isin(["timestamp", "citation"]) & ~tx["rule"].isin(EVENT_RULES_EXCLUDED)]
    sentences = corpus.sentences.set_index(["file", "sentence_id"])
    published = corpus.articles.set_index("file")["published"]
    rows = []
    seen = set()
    dates_per_sentence = tx.groupby(["file", "sentence_id"])["value"].nunique()
    actor_index = _actor_index(corpus)
    for t in tx.itertuples():
        key = (t.file, t.sentence_id, t.value)
        if key in seen:
            continue
        seen.add(key)
        s = sentences.loc[(t.file, t.sentence_id)]
        lo, hi = clause(s["text"], t.start - s["start"], t.end - s["start"],
                        whole_if_short=dates_per_sentence[(t.file, t.sentence_id)] == 1)
        summary = s["text"][lo:hi].strip(" ,;:")
        rows.append({
            "file": t.file, "sentence_id": t.sentence_id, "start": s["start"], "end": s["end"],
            "text": s["text"], "date": t.value, "granularity": t.granularity, "timex": t.text,
            "timex_start": t.start, "timex_end": t.end, "summary": summary,
            "actors": "; ".join(_actors(actor_index, t.file, s["start"] + lo, s["start"] + hi)),
            "published": published.get(t.file),
        })
    return pd.DataFrame.from_records(rows, columns=[c for c in REPORT_COLUMNS if c != "event_id"])


@dataclass
class _Report:
    """What the merge compares, precomputed once per report."""

    index: int
    file: str
    sentence_id: int
    date: str
    granularity: str
    range: tuple[dt.date, dt.date] | None
    terms: frozenset[str]
    actors: frozenset[str]


def _features(reports: pd.DataFrame) -> list[_Report]:
    out = []
    for i, r in enumerate(reports.itertuples()):
        actors = frozenset(w.lower() for name in r.actors.split("; ") if name for w in name.split())
        out.append(_Report(i, r.file, r.sentence_id, r.date, r.granularity,
                           value_range(r.date, r.granularity), frozenset(key_terms(r.summary)), actors))
    return out


def _similar(a: _Report, b: _Report, threshold: float) -> bool:
    if not (a.actors & b.actors) or not a.terms or not b.terms:
        return False
    return len(a.terms & b.terms) / len(a.terms | b.terms) >= threshold


def _without_background(features: list[_Report]) -> list[_Report]:
    """Drop actors and terms that occur in many reports (the story's main countries,
    'tentara'...): sharing them says nothing about being the same event."""
    if not features:
        return features
    limit = max(3, 0.2 * len(features))
    actor_df: dict[str, int] = {}
    term_df: dict[str, int] = {}
    for f in features:
        for a in f.actors:
            actor_df[a] = actor_df.get(a, 0) + 1
        for t in f.terms:
            term_df[t] = term_df.get(t, 0) + 1
    return [replace(f, actors=frozenset(a for a in f.actors if actor_df[a] <= limit),
                    terms=frozenset(t for t in f.terms if term_df[t] <= limit)) for f in features]


def _buckets(features: list[_Report]) -> dict[str, list[_Report]]:
    """Reports by every date value that could contain theirs (day, ISO week, month):
    only reports sharing a bucket can have compatible dates."""
    buckets: dict[str, list[_Report]] = {}
    for f in features:
        keys = {f.date}
        if f.range:
            first, last = f.range
            if f.granularity == "day":
                keys |= {dates.iso_week(first), first.strftime("%Y-%m")}
            elif f.granularity == "week":
                keys |= {first.strftime("%Y-%m"), last.strftime("%Y-%m")}
        for key in keys:
            buckets.setdefault(key, []).append(f)
    return buckets


def _candidate_pairs(buckets: dict[str, list[_Report]]) -> list[tuple[_Report, _Report]]:
    """Pairs that share a date bucket and a (non-background) actor token: only
    these can pass ``_similar``, so nothing else is compared."""
    pairs: dict[tuple[int, int], tuple[_Report, _Report]] = {}
    for key, members in buckets.items():
        by_actor: dict[str, list[_Report]] = {}
        for f in members:
            for actor in f.actors:
                by_actor.setdefault(actor, []).append(f)
        for group in by_actor.values():
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    a, b = group[x], group[y]
                    if a.index > b.index:
                        a, b = b, a
                    pairs.setdefault((a.index, b.index), (a, b))
    return [pairs[k] for k in sorted(pairs)]


def _cached_reports(corpus: Corpus) -> pd.DataFrame:
    if "event_reports" not in corpus.cache:
        corpus.cache["event_reports"] = event_reports(corpus)
    return corpus.cache["event_reports"]


def events(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(events, reports)``: reports merged (single link) when their dates are
    compatible (one contains the other), they share an actor and their key terms
    overlap (Jaccard >= 0.2). Identical clauses with the same date merge directly."""
    if "events" in corpus.cache:
        return corpus.cache["events"]
    reports = _cached_reports(corpus).reset_index(drop=True)
    features = _features(reports)
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[tuple[str, str], int] = {}
    for f, summary in zip(features, reports["summary"]):
        k = first_of.setdefault((summary, f.date), f.index)
        parent[find(f.index)] = find(k)
    representatives = _without_background([f for f in features if find(f.index) == f.index])
    window = {f.index: f.range for f in representatives}  # per cluster: intersection of its dates
    for a, b in _candidate_pairs(_buckets(representatives)):
        ra, rb = find(a.index), find(b.index)
        if ra == rb or not (a.range and b.range and compatible(a.range, b.range)):
            continue
        wa, wb = window.get(ra), window.get(rb)
        joint = (max(wa[0], wb[0]), min(wa[1], wb[1])) if wa and wb else None
        if joint and joint[0] <= joint[1] and _similar(a, b, MERGE_SIMILARITY):
            parent[rb] = ra
            window[ra] = joint
    reports["group"] = [find(i) for i in range(len(reports))]
    rows, ids = [], {}
    for group, part in reports.groupby("group", sort=False):
        spans = [value_range(d, g) for d, g in zip(part["date"], part["granularity"])]
        narrow = min(range(len(part)), key=lambda k: (spans[k][1] - spans[k][0]) if spans[k] else dt.timedelta(9999))
        best = part.iloc[narrow]
        actors = list(dict.fromkeys(a for names in part["actors"] for a in names.split("; ") if a))
        rows.append({
            "date": best["date"], "granularity": best["granularity"],
            "start_date": spans[narrow][0] if spans[narrow] else None,
            "end_date": spans[narrow][1] if spans[narrow] else None,
            "summary": best["summary"], "actors": "; ".join(actors),
            "files": "; ".join(sorted(set(part["file"]))), "n_reports": len(part),
            "n_files": part["file"].nunique(), "_group": group,
        })
    table = pd.DataFrame.from_records(rows)
    if len(table):
        table = table.sort_values(["start_date", "end_date", "files", "summary"]).reset_index(drop=True)
        table.insert(0, "event_id", [f"E{i + 1:03d}" for i in range(len(table))])
        ids = dict(zip(table["_group"], table["event_id"]))
        table = table.drop(columns="_group")
    else:
        table = pd.DataFrame(columns=EVENT_COLUMNS)
    reports["event_id"] = reports["group"].map(ids)
    reports = reports.drop(columns="group")[REPORT_COLUMNS].sort_values(["event_id", "file", "start"])
    corpus.cache["events"] = (table[EVENT_COLUMNS], reports.reset_index(drop=True))
    return corpus.cache["events"]


@register("events")
def events_table(corpus: Corpus) -> pd.DataFrame:
    return events(corpus)[0]


@register("event_reports")
def event_reports_table(corpus: Corpus) -> pd.DataFrame:
    return events(corpus)[1][["event_id", "file", "sentence_id", "start", "end", "text", "date", "timex",
                              "timex_start", "timex_end"]]


# --------------------------------------------------------------------------- findings


def findings(corpus: Corpus) -> pd.DataFrame:
    """Consistency problems in the timeline, each with the quoted sentences."""
    tx = corpus.layers["time_expressions"]
    sentences = corpus.sentences.set_index(["file", "sentence_id"])
    articles = corpus.articles.set_index("file")
    rows = []

    def quote(file, sentence_id):
        return sentences.loc[(file, sentence_id)]

    for t in tx[tx["flag"] == "weekday_mismatch"].itertuples():
        day = dt.date.fromisoformat(t.value)
        rows.append(_finding("weekday_mismatch", t, quote(t.file, t.sentence_id),
                             f"'{t.text}': {t.value} is a {day.strftime('%A')}, not the weekday named"))
    for t in tx[(tx["rule"].isin(dates.EXPLICIT_DAY_RULES)) & (tx["value"] != "")].itertuples():
        article = articles.loc[t.file]
        if article["published_source"] != "manifest" or pd.isna(article["published"]):
            continue
        published = article["published"].date()
        value = dt.date.fromisoformat(t.value)
        if t.role in {"timestamp", "citation"} and value != published:
            rows.append(_finding("published_date_mismatch", t, quote(t.file, t.sentence_id),
                                 f"the text dates itself {t.value} ({t.role}) but the manifest says "
                                 f"{published.isoformat()}"))
        elif t.role == "mention" and value > published:
            rows.append(_finding("date_after_publication", t, quote(t.file, t.sentence_id),
                                 f"past-tense date {t.value} is after the publication date {published.isoformat()}"))
    rows += _event_conflicts(corpus)
    table = pd.DataFrame.from_records(rows, columns=FINDING_COLUMNS)
    return table.sort_values(["kind", "file", "start"]).reset_index(drop=True)


def _finding(kind: str, t, sentence: pd.Series, explanation: str) -> dict:
    return {"kind": kind, "file": t.file, "start": t.start, "end": t.end, "text": t.text,
            "sentence_start": sentence["start"], "sentence": sentence["text"],
            "other_file": "", "other_start": None, "other_end": None, "other_sentence": "",
            "explanation": explanation}


def _event_conflicts(corpus: Corpus) -> list[dict]:
    """The same event (shared actor, strongly overlapping key terms) reported by two
    outlets with day-level dates that disagree by at most a week (compared within
    ISO-week buckets and their neighbours, so the cost stays near-linear)."""
    reports = _cached_reports(corpus)
    reports = reports[reports["granularity"] == "day"].reset_index(drop=True)
    # identical clauses with the same date (wire copy reprinted) are compared once
    first = set(reports.drop_duplicates(["summary", "date"]).index)
    features = _without_background([f for f in _features(reports) if f.index in first])
    weeks: dict[str, list[_Report]] = {}
    for f in features:
        day = dt.date.fromisoformat(f.date)
        weeks.setdefault(dates.iso_week(day), []).append(f)
        weeks.setdefault(dates.iso_week(day + dt.timedelta(days=7)), []).append(f)  # pairs across a week edge
    pairs = set()
    for a, b in _candidate_pairs(weeks):
        if a.file == b.file or a.date == b.date:
            continue
        if abs((dt.date.fromisoformat(b.date) - dt.date.fromisoformat(a.date)).days) <= 7 \
                and _similar(a, b, CONFLICT_SIMILARITY):
            pairs.add((a.index, b.index))
    rows = []
    for i, j in sorted(pairs):
        a, b = reports.iloc[i], reports.iloc[j]
        rows.append({
            "kind": "event_date_conflict", "file": a["file"], "start": a["timex_start"],
            "end": a["timex_end"], "text": a["timex"], "sentence": a["text"],
            "other_file": b["file"], "other_start": b["timex_start"], "other_end": b["timex_end"],
            "other_sentence": b["text"],
            "explanation": f"same event dated {a['date']} ('{a['timex']}') and {b['date']} ('{b['timex']}')",
        })
    return rows


@register("timeline_findings")
def findings_table(corpus: Corpus) -> pd.DataFrame:
    return findings(corpus)
