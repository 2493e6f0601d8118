"""Cross-article timeline stage: one happening reported by many outlets becomes one event.

Reads the ``event_candidates`` rows of every article (clause, resolved date, the other day it
may mean ``alt_date``, and what it is about: the actors' gazetteer ids ``E:``, the figures
``N:``, glossary concepts ``C:``, the speaker ``S:`` and its claimant group ``G:``, all
language-independent, plus same-language key terms ``T:``) and writes ``events``,
``event_reports`` and the ``event_date_conflict`` rows of ``timeline_findings``.

Two reports are one event when
* their speakers do not differ: two named people, or two claimant groups, are two events even
  on the same day ("two statements by different actors on the same day are two events");
* their times are compatible: the same day, a day inside a week or a weekend that names it
  ("over the weekend" and "Saturday"), or two consecutive days (a time zone, "yesterday", a
  weekday that contradicts its date), the last two only by the same speaker;
* what they are about overlaps: the weighted overlap coefficient of their features, each
  weighted by its rarity among the reports (``log(N / df)``: the story's omnipresent countries
  weigh little, a briefing's figure and speaker a lot), with at least one shared actor, figure
  or speaker, reaches a bar that rises with the time's looseness (day, week, consecutive days)
  and is highest for two clauses of one article.
Pairs are joined surest first, and an event keeps a window of at most two days, so a week
cannot chain two different days. Only reports that share a date window (two staggered two-day
windows, the ISO week, the weekend) and an actor, figure or speaker are compared; a block
larger than ``MAX_BLOCK`` is compared by sorted neighbourhood (a warning says so), so the cost
stays linear however many reports share a day.
"""
from __future__ import annotations

import datetime as dt
import logging
import math
import sys
from dataclasses import dataclass

import numpy
import pandas as pd

from ..schema import TABLES
from ..timex import compatible, iso_week, value_range

MERGE_SIMILARITY = 0.2  # two reports of one day: what they are about overlaps this much
WEEK_SIMILARITY = 0.4  # a week or a weekend joins a day's event only when it is clearly about it, by the same speaker
ADJACENT_SIMILARITY = 0.5  # two outlets a day apart (time zones, "yesterday", a misdated weekday): the same speaker too
SAME_ARTICLE_SIMILARITY = 0.8
TERM_WEIGHT = 0.5  # same-language key terms count, less than actors, figures and concepts
MISDATED_DAYS = 1  # an event's reports may spread over two consecutive days, no more
COMMON = 0.5  # a feature in more than half the reports blocks nothing (compared, never indexed) ...
COMMON_FLOOR = 20  # ... unless the corpus is so small that indexing everything costs nothing
MAX_BLOCK = 64  # a larger block (one day, one actor) is compared by sorted neighbourhood ...
NEIGHBOURS = 16  # ... each report with the next ones in an order that puts like reports together
BLOCKING = ("E:", "N:", "S:")  # actors, figures and speakers find candidates; groups and concepts only score
EVENT_COLUMNS = TABLES["events"].names
REPORT_COLUMNS = TABLES["event_reports"].names
log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Report:
    """What the merge compares, precomputed once per report (compact: a corpus may hold
    hundreds of thousands, so features are sorted tuples of shared strings, not sets)."""

    index: int
    file: str
    date: str
    granularity: str
    range: tuple[dt.date, dt.date] | None  # the days the report may mean (its date, widened by ``alt_date``)
    features: tuple[str, ...]  # sorted, no repeats
    language: str
    speakers: tuple[str, ...] = ()  # ``S:`` keys
    group: str = ""  # the speaker's claimant group


def intern(value):
    """The one copy of a string (the reports of one day or one article share their features,
    file, date...); anything else as it is."""
    return sys.intern(value) if type(value) is str else value


def _features(reports: pd.DataFrame, indices) -> list[_Report]:
    out = []
    spans: dict[tuple[str, str], tuple[dt.date, dt.date] | None] = {}  # one tuple per date (shared by its reports)
    alt = reports["alt_date"] if "alt_date" in reports else [""] * len(reports)
    for index, file, date, granularity, features, terms, lang, other in zip(
            indices, reports["file"], reports["date"], reports["granularity"], reports["features"], reports["terms"],
            reports["language"], alt):
        tokens = set(map(intern, str(features).split())) | {intern(f"T:{lang}:{t}") for t in str(terms).split()}
        if (date, granularity) not in spans:
            spans[date, granularity] = value_range(date, granularity)
        span = spans[date, granularity]
        if span and other and isinstance(other, str):
            day = dt.date.fromisoformat(other)
            span = (min(span[0], day), max(span[1], day))
        tokens = tuple(sorted(tokens))
        group = next((intern(f[2:]) for f in tokens if f.startswith("G:")), "")
        out.append(_Report(index, intern(file), intern(date), intern(granularity), span, tokens, intern(lang),
                           tuple(f for f in tokens if f.startswith("S:")), group))
    return out


class Similarity:
    """Weighted overlap of report features, weights from their rarity among the reports."""

    def __init__(self, reports: list[_Report]):
        df: dict[str, int] = {}
        for r in reports:
            for f in r.features:
                df[f] = df.get(f, 0) + 1
        n = max(len(reports), 1)
        self.df = df
        self.n = n
        self.weight = {f: 0.0 if f.startswith("G:") else math.log((n + 1) / c) * (TERM_WEIGHT if f.startswith("T:") else 1.0)
                       for f, c in df.items()}

    def __call__(self, a: _Report, b: _Report) -> float:
        shared = _shared(a.features, b.features)
        if not any(f[:2] in BLOCKING and self.weight[f] > 0.1 for f in shared):
            return 0.0
        comparable = (lambda f: True) if a.language == b.language else (lambda f: not f.startswith("T:"))
        mass = lambda fs: sum(self.weight[f] for f in fs if comparable(f))  # noqa: E731
        smaller = min(mass(a.features), mass(b.features))
        return mass(shared) / smaller if smaller else 0.0

    def blocking(self, r: _Report) -> list[str]:
        """The actors, figures and speakers a report can be found by (not the omnipresent ones)."""
        return sorted(f for f in r.features if f[:2] in BLOCKING and self.df[f] <= max(COMMON * self.n, COMMON_FLOOR))


def _buckets(features: list[_Report]) -> dict[str, list[_Report]]:
    """Reports by the date windows a report of the same event must share with them: two
    staggered two-day windows (same day and consecutive days), the ISO week and the weekend."""
    buckets: dict[str, list[_Report]] = {}
    for f in features:
        if not f.range:
            continue
        first, last = f.range
        if f.granularity == "day":
            keys = {iso_week(first), iso_week(last)}
            for day in {first, last}:
                keys |= {f"2d:{day.toordinal() // 2}", f"2d':{(day.toordinal() + 1) // 2}"}
                if day.isoweekday() >= 6:
                    keys.add(iso_week(day) + "-WE")
        else:
            keys = {f.date, iso_week(first)}
        for key in sorted(keys):
            buckets.setdefault(key, []).append(f)
    return buckets


def _candidate_pairs(buckets: dict[str, list[_Report]], similarity: Similarity):
    """Pairs that share a bucket and an actor, figure or speaker: only these can be one event.
    A block larger than ``MAX_BLOCK`` (a day on which thousands of reports name one actor) is
    compared by sorted neighbourhood, so the cost stays linear in its size."""
    seen: set[tuple[int, int]] = set()
    capped = 0
    for key in sorted(buckets):
        by_feature: dict[str, list[_Report]] = {}
        for f in buckets[key]:
            for feature in similarity.blocking(f):
                by_feature.setdefault(feature, []).append(f)
        for group in by_feature.values():
            if len(group) > MAX_BLOCK:
                capped += 1
                group = sorted(group, key=lambda r: (r.group, sorted(r.speakers), sorted(r.features), r.index))
                window = NEIGHBOURS
            else:
                window = len(group)
            for x in range(len(group)):
                for y in range(x + 1, min(len(group), x + 1 + window)):
                    a, b = group[x], group[y]
                    if a.index > b.index:
                        a, b = b, a
                    if (a.index, b.index) not in seen:
                        seen.add((a.index, b.index))
                        yield a, b
    if capped:
        log.warning("event merge: %d blocks of more than %d reports compared by sorted neighbourhood", capped, MAX_BLOCK)


def _different_actors(a: _Report, b: _Report) -> bool:
    """Two statements by different speakers are two events: two named people, two bodies the
    gazetteer knows (the Pentagon and the State Department), or two claimant groups (a speaker
    of unknown group, ``other``, conflicts with no group)."""
    for kind in ("S:PERSON:", "S:ORG:"):
        mine, theirs = _known(a.speakers, kind), _known(b.speakers, kind)
        if mine and theirs and not mine & theirs:
            return True
    return bool(a.group and b.group and a.group != b.group and "other" not in {a.group, b.group})


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> set[str]:
    """The features two reports share."""
    return set(a).intersection(b)


def _known(speakers: tuple[str, ...], kind: str) -> set[str]:
    return {s for s in speakers if s.startswith(kind) and not s.startswith(kind + "new:")}


def _same_speaker(a: _Report, b: _Report, strict: bool = False) -> bool:
    """The same speaker, or (unless ``strict``) speakers of the same claimant group."""
    return bool(_shared(a.speakers, b.speakers)) or (not strict and bool(a.group and a.group == b.group and a.group != "other"))


def _pair(a: _Report, b: _Report, similarity: Similarity) -> tuple[int, float] | None:
    """``(rank, score)`` when two reports can be one event (rank 0: same day, 1: a week or
    weekend and a day in it, 2: consecutive days), else None."""
    if not (a.range and b.range) or _different_actors(a, b):
        return None
    if compatible(a.range, b.range):
        rank = 0 if a.granularity == b.granularity == "day" else 1
    elif a.granularity == b.granularity == "day" and _gap(a.range, b.range) <= MISDATED_DAYS:
        rank = 2
    else:
        return None
    if a.file == b.file and rank:
        return None
    score = similarity(a, b)
    needed = SAME_ARTICLE_SIMILARITY if a.file == b.file else (MERGE_SIMILARITY, WEEK_SIMILARITY, ADJACENT_SIMILARITY)[rank]
    if rank == 2 and not (_same_speaker(a, b, strict=True) or (
            _same_speaker(a, b) and any(f.startswith("N:") for f in _shared(a.features, b.features)))):
        return None  # consecutive days: one speaker's statement (or its group's, with its figure) reported twice
    if rank == 1 and not _same_speaker(a, b):
        needed = max(needed, ADJACENT_SIMILARITY)  # a week without a shared speaker: only a close report
    if score < needed:
        return None
    return rank, score


def _gap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> int:
    return max((b[0] - a[1]).days, (a[0] - b[1]).days, 0)


def _first_copies(reports: pd.DataFrame) -> list[int]:
    """For each row, the first row with the same ``summary`` and ``date`` (itself if none before):
    grouped by pandas on the compact string columns, not through a dict of Python strings."""
    if not len(reports):
        return []
    codes = reports.groupby(["summary", "date"], sort=False, dropna=False).ngroup().to_numpy()
    _, first = numpy.unique(codes, return_index=True)  # the first row of each group, by group number
    return first[codes].tolist()


def merge(candidates: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(events, event_reports)`` from the candidate reports of every article; the reports keep
    ``row`` (the candidate's position) so the caller can attach columns it did not load (the
    sentence text)."""
    reports = candidates.reset_index(drop=True)
    reports["row"] = range(len(reports))
    # identical clauses with the same date (reprinted wire copy) are one report group from the start
    parent = _first_copies(reports)
    distinct = sorted(set(parent))
    features = _features(reports.iloc[distinct], distinct)
    del candidates  # the caller passes its only reference: the columns dropped here are freed
    reports = reports.drop(columns=[c for c in ("features", "terms", "language") if c in reports.columns])
    similarity = Similarity(features)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    window = {f.index: f.range for f in features}  # per cluster: the days all its reports may mean
    scored = []
    for a, b in _candidate_pairs(_buckets(features), similarity):
        found = _pair(a, b, similarity)
        if found is not None:
            scored.append((found[0], -found[1], a.index, b.index))
    # the surest pairs first: same day, then a week or weekend and its day, then consecutive days
    for _, _, i, j in sorted(scored):
        ra, rb = find(i), find(j)
        if ra == rb:
            continue
        joint = _joint(window.get(ra), window.get(rb))
        if joint is not None:
            parent[rb] = ra
            window[ra] = joint
    reports["group"] = [find(i) for i in range(len(reports))]
    del features, similarity, scored, window, parent  # freed before the tables are assembled
    return assemble(reports, distinct)


def _joint(wa, wb) -> tuple[dt.date, dt.date] | None:
    """The window of two clusters merged: the narrower when one contains the other, the union
    of two days at most apart by ``MISDATED_DAYS``, else None (they cannot be one event)."""
    if not (wa and wb):
        return None
    if compatible(wa, wb):
        return (max(wa[0], wb[0]), min(wa[1], wb[1]))
    union = (min(wa[0], wb[0]), max(wa[1], wb[1]))
    return union if (union[1] - union[0]).days <= MISDATED_DAYS else None


def assemble(reports: pd.DataFrame, distinct: list[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events and their reports from reports with a ``group`` column. An event's date, summary
    and window are those of its most precise report; its actors, in order of appearance;
    ``distinct`` are the rows that stand for reprinted copies (the only ones that can differ)."""
    if not len(reports):
        return pd.DataFrame(columns=EVENT_COLUMNS), pd.DataFrame(columns=REPORT_COLUMNS + ["row"])
    lead = reports[["group", "date", "granularity", "summary", "row"]].iloc[distinct]  # only what is read: a
    # corpus may hold hundreds of thousands of reports, and every pandas step below copies the columns it is given
    spans = [value_range(d, g) for d, g in zip(lead["date"], lead["granularity"])]
    width = [(s[1] - s[0]).days if s else 9999 for s in spans]
    alt = reports["alt_date"] if "alt_date" in reports else pd.Series([""] * len(reports), index=reports.index)
    files = reports[["group", "file", "date"]].assign(_clean=[not (isinstance(a, str) and a) for a in alt]).drop_duplicates(
        ["group", "file", "date"])
    votes = files.groupby(["group", "date"])["_clean"].agg(["sum", "size"])
    keys = votes.reindex(pd.MultiIndex.from_arrays([lead["group"], lead["date"]]))  # one lookup for all (row by row was quadratic)
    lead = lead.assign(_width=width, _first=[s[0] if s else None for s in spans], _last=[s[1] if s else None for s in spans],
                       _clean=(-keys["sum"]).to_numpy(), _votes=(-keys["size"]).to_numpy())
    # the event's date: the most precise one, the one most outlets give without a contradiction (a date
    # whose weekday names another day, a wire's date) and then at all (a misdated report is outvoted)
    best = lead.sort_values(["group", "_width", "_clean", "_votes", "row"]).drop_duplicates("group").set_index("group")
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
    keep = [c for c in REPORT_COLUMNS if c in reports.columns] + ["row"]
    reports = reports[keep].iloc[numpy.lexsort((numpy.arange(len(reports)), codes))].reset_index(drop=True)  # rows: text order
    return table[EVENT_COLUMNS], reports


def _agreed_day(event: pd.DataFrame, alt) -> str:
    """The day most outlets give an event, counting first the dates nothing contradicts (not a
    date whose weekday names another day)."""
    clean = event.assign(_clean=[not (isinstance(a, str) and a) for a in alt]).drop_duplicates(["file", "date"])
    votes = clean.groupby("date")["_clean"].agg(["sum", "size"])
    return sorted(votes.index, key=lambda d: (-votes.loc[d, "sum"], -votes.loc[d, "size"], d))[0]


def date_conflicts(reports: pd.DataFrame, candidates: pd.DataFrame) -> list[dict]:
    """Reports of one merged event (``event_reports`` rows with ``row`` and their sentence
    ``text``) that date it on different days: each report on another day than the one most
    outlets give is one finding, paired with the first report on that day (linear in the
    reports). A wire's date (``dikutip AFP, Kamis (31/10/2024)``) dates the wire's copy, which
    may follow the happening by a day: no conflict."""
    wire = candidates["dated_by"].to_numpy()[reports["row"].to_numpy(dtype="int64")] == "wire"
    days = reports[(reports["granularity"] == "day") & ~wire]
    days = days[days.groupby("event_id")["date"].transform("nunique") > 1]  # only events dated on two days
    rows = []
    for _, event in days.groupby("event_id", sort=True):
        agreed = _agreed_day(event, candidates["alt_date"].to_numpy()[event["row"].to_numpy(dtype="int64")])
        anchor = event[event["date"] == agreed].iloc[0]
        for _, other in event[(event["date"] != agreed) & (event["file"] != anchor["file"])].drop_duplicates(
                ["file", "date"]).iterrows():
            rows.append({
                "kind": "event_date_conflict", "file": other["file"], "start": other["timex_start"],
                "end": other["timex_end"], "text": other["timex"], "sentence_start": other["start"],
                "sentence": other["text"], "other_file": anchor["file"], "other_start": anchor["timex_start"],
                "other_end": anchor["timex_end"], "other_sentence": anchor["text"],
                "explanation": f"same event dated {other['date']} ('{other['timex']}') and {anchor['date']} "
                               f"('{anchor['timex']}')",
            })
    return rows
