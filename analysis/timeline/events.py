"""Cross-article timeline stage: events merged across outlets, and events dated differently.

Reads the ``event_candidates`` rows of every article (clause, resolved date, actors, key
terms) and writes ``events``, ``event_reports`` and the ``event_date_conflict`` rows of
``timeline_findings``. Reports are merged (single link) when their dates are compatible (one
contains the other and the merged event keeps a consistent window), they share an actor that
is not a background actor of the corpus, and their key terms overlap (Jaccard >= 0.2).
Only reports that share a date bucket and an actor token are ever compared (blocking), so the
cost stays near-linear in the number of reports.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import numpy
import pandas as pd

from ..schema import TABLES
from ..timex import compatible, iso_week, value_range

MERGE_SIMILARITY = 0.2
CONFLICT_SIMILARITY = 0.3
EVENT_COLUMNS = TABLES["events"].names
REPORT_COLUMNS = TABLES["event_reports"].names


@dataclass
class _Report:
    """What the merge compares, precomputed once per report."""

    index: int
    file: str
    date: str
    granularity: str
    range: tuple[dt.date, dt.date] | None
    terms: frozenset[str]
    actors: frozenset[str]


def _features(reports: pd.DataFrame) -> list[_Report]:
    out = []
    for i, (file, date, granularity, actors, terms) in enumerate(
            zip(reports["file"], reports["date"], reports["granularity"], reports["actors"], reports["terms"])):
        actor_words = frozenset(w.lower() for name in str(actors).split("; ") if name for w in name.split())
        out.append(_Report(i, file, date, granularity, value_range(date, granularity),
                           frozenset(str(terms).split()), actor_words))
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
    """Reports by every date value that could contain theirs (day, ISO week, month)."""
    buckets: dict[str, list[_Report]] = {}
    for f in features:
        keys = {f.date}
        if f.range:
            first, last = f.range
            if f.granularity == "day":
                keys |= {iso_week(first), first.strftime("%Y-%m")}
            elif f.granularity == "week":
                keys |= {first.strftime("%Y-%m"), last.strftime("%Y-%m")}
        for key in sorted(keys):
            buckets.setdefault(key, []).append(f)
    return buckets


def _candidate_pairs(buckets: dict[str, list[_Report]]) -> list[tuple[_Report, _Report]]:
    """Pairs that share a bucket and a (non-background) actor token."""
    pairs: dict[tuple[int, int], tuple[_Report, _Report]] = {}
    for key in sorted(buckets):
        by_actor: dict[str, list[_Report]] = {}
        for f in buckets[key]:
            for actor in sorted(f.actors):
                by_actor.setdefault(actor, []).append(f)
        for group in by_actor.values():
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    a, b = group[x], group[y]
                    if a.index > b.index:
                        a, b = b, a
                    pairs.setdefault((a.index, b.index), (a, b))
    return [pairs[k] for k in sorted(pairs)]


def merge(candidates: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(events, event_reports)`` from the candidate reports of every article; the reports keep
    ``row`` (the candidate's position) so the caller can attach columns it did not load (the
    sentence text)."""
    reports = candidates.reset_index(drop=True)
    reports["row"] = range(len(reports))
    # identical clauses with the same date (reprinted wire copy) are one report group from the start
    first_of: dict[tuple[str, str], int] = {}
    parent = [first_of.setdefault((summary, date), i) for i, (summary, date) in
              enumerate(zip(reports["summary"], reports["date"]))]
    distinct = sorted(set(parent))
    features = _features(reports.iloc[distinct])
    for f, index in zip(features, distinct):
        f.index = index

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    representatives = _without_background(features)
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
    return assemble(reports, distinct)


def assemble(reports: pd.DataFrame, distinct: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events and their reports from reports with a ``group`` column. An event's date, summary
    and window are those of its most precise report; its actors, in order of appearance;
    ``distinct`` are the rows that stand for reprinted copies (the only ones that can differ)."""
    if not len(reports):
        return pd.DataFrame(columns=EVENT_COLUMNS), pd.DataFrame(columns=REPORT_COLUMNS + ["row"])
    lead = reports.iloc[distinct]
    spans = [value_range(d, g) for d, g in zip(lead["date"], lead["granularity"])]
    width = [(s[1] - s[0]).days if s else 9999 for s in spans]
    lead = lead.assign(_width=width, _first=[s[0] if s else None for s in spans], _last=[s[1] if s else None for s in spans])
    best = lead.sort_values(["group", "_width", "row"]).drop_duplicates("group").set_index("group")
    pairs = reports[["group", "actors"]].drop_duplicates()
    actors = pairs.groupby("group", sort=True)["actors"].agg(
        lambda names: "; ".join(dict.fromkeys(a for n in names for a in str(n).split("; ") if a)))
    files = reports[["group", "file"]].drop_duplicates().groupby("group", sort=True)["file"]
    table = pd.DataFrame({
        "date": best["date"], "granularity": best["granularity"], "start_date": best["_first"],
        "end_date": best["_last"], "summary": best["summary"], "actors": actors,
        "files": files.agg(lambda f: "; ".join(sorted(f))), "n_reports": reports.groupby("group", sort=True).size(),
        "n_files": files.size(),
    })
    table["_group"] = table.index
    table = table.sort_values(["start_date", "end_date", "files", "summary", "_group"]).reset_index(drop=True)
    table.insert(0, "event_id", [f"E{i + 1:03d}" for i in range(len(table))])
    codes = pd.Series(range(len(table)), index=table["_group"]).loc[reports["group"]].to_numpy()
    reports["event_id"] = table["event_id"].to_numpy()[codes]
    reports = reports.iloc[numpy.lexsort((numpy.arange(len(reports)), codes))].reset_index(drop=True)  # rows: text order
    return table[EVENT_COLUMNS], reports[[c for c in REPORT_COLUMNS if c in reports.columns] + ["row"]]


def date_conflicts(candidates: pd.DataFrame, sentence_of) -> list[dict]:
    """The same event (shared actor, strongly overlapping key terms) reported by two outlets
    with day-level dates that disagree by at most a week (compared within ISO-week buckets and
    their neighbours, so the cost stays near-linear). ``sentence_of(row)`` gives a candidate's
    sentence text."""
    candidates = candidates.assign(row=range(len(candidates)))
    reports = candidates[candidates["granularity"] == "day"].reset_index(drop=True)
    first = sorted(reports.drop_duplicates(["summary", "date"]).index)  # reprinted clauses compared once
    features = _features(reports.iloc[first])
    for f, index in zip(features, first):
        f.index = index
    features = _without_background(features)
    weeks: dict[str, list[_Report]] = {}
    for f in features:
        day = dt.date.fromisoformat(f.date)
        weeks.setdefault(iso_week(day), []).append(f)
        weeks.setdefault(iso_week(day + dt.timedelta(days=7)), []).append(f)  # pairs across a week edge
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
            "kind": "event_date_conflict", "file": a["file"], "start": a["timex_start"], "end": a["timex_end"],
            "text": a["timex"], "sentence_start": a["start"], "sentence": sentence_of(int(a["row"])),
            "other_file": b["file"], "other_start": b["timex_start"], "other_end": b["timex_end"],
            "other_sentence": sentence_of(int(b["row"])),
            "explanation": f"same event dated {a['date']} ('{a['timex']}') and {b['date']} ('{b['timex']}')",
        })
    return rows
