"""Figures gathered into claims across articles (cross-article stage, in memory).

A **claim** is one figure for one kind of thing counted, made once: the reports of the same value
for the same family of scopes (troops sent or placed; killed, wounded or their total; captured)
whose claim dates (a week-dated report: the week's first day) lie within ``CLAIM_DAYS`` of the
claim's first report. Reports are the story's figures: not boilerplate,
not a bound of a range, not in the title line (the article's first sentence without closing
punctuation: headlines drop hedges by convention). Blocks of one value
and family are sorted by day and swept once, so the cost is linear in the figures after sorting.
Reads ``troop_estimates`` rows; writes nothing.
"""
from __future__ import annotations

import pandas as pd

from ..timex import first_day
from .casualties import CASUALTY_SCOPES

CLAIM_DAYS = 5  # outlets report a statement up to a few days after it was made
EARLIER_DAYS = 31  # how far back a report of an earlier claim ('sebelumnya') is looked up
RANGE = {"range_low", "range_high"}
# a casualty scope counts casualties, a capture the captured; every other scope troops sent or placed
FAMILIES = {s: "captured" if s == "captured" else "casualties" for s in CASUALTY_SCOPES}
HEDGE_WORDS = {"approx": "about", "at_least": "at least", "more_than": "more than", "up_to": "up to",
               "less_than": "fewer than"}  # a qualifier in words (exact: none)
HEADLINE_END = (".", "!", "?", "\"", "\u201d", "'")


def family(scope: str) -> str:
    return FAMILIES.get(scope, "troops")


def reports(troops: pd.DataFrame) -> pd.DataFrame:
    """The figures that can report a claim, with ``family`` and ``day``."""
    t = troops[~troops["is_boilerplate"].astype(bool) & troops["value"].notna()
               & ~troops["qualifier"].isin(RANGE)].copy()
    if not len(t):
        return t.assign(family=[], day=[])
    headline = (t["sentence_start"].astype(int) == 0) & ~t["sentence"].astype(str).str.rstrip().str.endswith(HEADLINE_END)
    t = t[~headline]
    t["family"] = [family(s) for s in t["scope"]]
    t["day"] = [first_day(v) for v in t["claim_date"]]
    return t.dropna(subset=["day"])


def claim_ids(t: pd.DataFrame) -> pd.Series:
    """A claim number for every report of ``reports()`` (same index), in order of value, family
    and day. A report said to repeat an earlier claim (claim date ``before publication``:
    ``sebelumnya``, ``previously``) joins the latest claim of its value and family opened within
    ``EARLIER_DAYS`` before it that credits its group; any other report joins the open claim when
    it starts at most ``CLAIM_DAYS`` after the claim's first day, else opens the next claim."""
    ids: dict = {}
    n = -1
    ordered = t.sort_values(["value", "family", "day", "file", "start"], kind="stable")
    opened: list[list] = []  # [claim number, first day, groups credited] of the current block
    block = None
    for index, value, kind, day, source, group in zip(ordered.index, ordered["value"], ordered["family"],
                                                      ordered["day"], ordered["claim_date_source"],
                                                      ordered["claimant_group"]):
        if (value, kind) != block:
            block, opened = (value, kind), []
        home = None
        if source == "before publication":
            home = next((c for c in reversed(opened) if (day - c[1]).days <= EARLIER_DAYS and group in c[2]), None)
        if home is None and opened and (day - opened[-1][1]).days <= CLAIM_DAYS:
            home = opened[-1]
        if home is None:
            n += 1
            home = [n, day, set()]
            opened.append(home)
        home[2].add(group)
        ids[index] = home[0]
    return pd.Series(ids, dtype="int64").reindex(t.index)
