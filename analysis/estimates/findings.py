"""Cross-article estimate stage: where outlets contradict each other about one claim.

Reads ``troop_estimates`` (every article) and writes ``estimate_findings``. A finding compares
two reports of **the same claim**: the same figure or a figure that can only be its misprint,
the same scope, claim dates at most ``NEAR_DAYS`` apart, by the same claimant group (or with
the claimant dropped in one of them). Different claimants, scopes or dates are different
claims and are never compared (the US's 10,000 is not a contradiction of Seoul's 11,000, nor
8,000 in Kursk of 11,000 in Russia):

* ``qualifier_changed``: same value, different hedge (*sekitar 10.000* / *10.000*; *up to 12,000* / *12.000*);
* ``attribution_changed``: same value, the claim credited to another group, or to nobody;
* ``scope_changed``: same value and group, another scope (11,000 *in Kursk* / *sent to Russia*);
* ``value_conflict``: same group and scope on the same day, a different value close enough to be
  the same figure misprinted (10,900 / 11,900).

Each row has both quotes, a ``confidence`` (high: same group and same day; medium: within
``NEAR_DAYS`` or one side unattributed; low: both) and ``why``. Claims are sorted by day and
only claims within ``NEAR_DAYS`` are compared, so the cost is near-linear; a claim reprinted in
many articles is compared once, with up to ``MAX_PAIRS`` article pairs listed.
"""
from __future__ import annotations

import pandas as pd

from ..schema import TABLES
from ..timex import first_day, granularity_of, value_range
from .casualties import CASUALTY_SCOPES

NEAR_DAYS = 2
MISPRINT = 0.15  # values this close (relative) from one claimant, scope and day: one figure misprinted
MAX_PAIRS = 20
WEEK_DAYS = 6
FINDING_COLUMNS = TABLES["estimate_findings"].names
SIDE = ["file", "start", "end", "text", "sentence", "value", "qualifier", "scope", "claimant_group", "claim_date"]
SIGNATURE = ["value", "qualifier", "scope", "claimant_group", "claim_date"]
RANGE = {"range_low", "range_high"}


def estimate_findings(troops: pd.DataFrame) -> pd.DataFrame:
    t = troops[~troops["is_boilerplate"].astype(bool) & troops["value"].notna()].reset_index(drop=True)
    if not len(t):
        return pd.DataFrame(columns=FINDING_COLUMNS)
    t = t.sort_values(["file", "start"]).reset_index(drop=True)
    first_row = t.drop_duplicates(["file"] + SIGNATURE).set_index(["file"] + SIGNATURE)
    files = t.groupby(SIGNATURE, sort=True)["file"].agg(lambda f: sorted(set(f)))
    claims = t.drop_duplicates(SIGNATURE).reset_index(drop=True)
    claims["files"] = [files[tuple(r)] for r in claims[SIGNATURE].itertuples(index=False)]
    claims["day"] = [first_day(v) for v in claims["claim_date"]]
    # a claim dated by its week ("pekan lalu") covers the week: a day inside it is no gap
    claims["last"] = [last_day(v) for v in claims["claim_date"]]
    claims = claims.dropna(subset=["day"]).sort_values(["day"] + SIGNATURE, kind="stable").reset_index(drop=True)
    rows = []
    for i in range(len(claims)):
        a = claims.iloc[i]
        for j in range(i + 1, len(claims)):
            b = claims.iloc[j]
            if (b["day"] - a["day"]).days > NEAR_DAYS + WEEK_DAYS:
                break
            gap = max(0, (b["day"] - a["last"]).days, (a["day"] - b["last"]).days)
            if gap > NEAR_DAYS:
                continue
            found = difference(a, b, gap)
            if found is None:
                continue
            kind, confidence, why = found
            pairs = [(fa, fb) for fa in a["files"] for fb in b["files"] if fa != fb][:MAX_PAIRS]
            for fa, fb in pairs:
                ra = _row(first_row, fa, a)
                rb = _row(first_row, fb, b)
                rows.append({
                    "kind": kind, **{c: ra[c] if c not in SIGNATURE else a[c] for c in SIDE if c != "file"}, "file": fa,
                    **{f"other_{c}": rb[c] if c not in SIGNATURE else b[c] for c in SIDE if c != "file"},
                    "other_file": fb, "confidence": confidence, "why": why,
                    "explanation": f"{a['value']:,.0f} troops ({a['scope']}, {a['claimant_group']}, {a['claim_date']}): {why}",
                })
    table = pd.DataFrame.from_records(rows, columns=FINDING_COLUMNS)
    if len(table):
        rank = table["confidence"].map({"high": 0, "medium": 1, "low": 2})
        table = table.assign(_rank=rank).sort_values(["_rank", "claim_date", "file", "start", "other_file", "kind"],
                                                     kind="stable").drop(columns="_rank").reset_index(drop=True)
    return table


def last_day(value: str):
    """The last day a claim date covers: a day's own, a week's Sunday (a month or a year: its
    first day, too wide to place a claim)."""
    granularity = granularity_of(str(value or ""))
    span = value_range(value, granularity) if granularity in {"day", "week"} else None
    return span[1] if span else first_day(value)


def _row(first_row: pd.DataFrame, file: str, claim) -> dict:
    """The first row of ``file`` that reports ``claim`` (its offsets and quote)."""
    row = first_row.loc[(file, *[claim[c] for c in SIGNATURE])]
    return (row.iloc[0] if isinstance(row, pd.DataFrame) else row).to_dict()


def difference(a, b, gap: int) -> tuple[str, str, str] | None:
    """``(kind, confidence, why)`` when ``a`` and ``b`` are one claim reported differently, else None."""
    if a["qualifier"] in RANGE or b["qualifier"] in RANGE:
        return None  # a range bound is not a figure on its own
    ga, gb = a["claimant_group"], b["claimant_group"]
    dropped = (ga == "unattributed") != (gb == "unattributed")
    if ga == gb == "unattributed" or a["scope"] in CASUALTY_SCOPES:
        return None  # nobody's claim, or a count of a different thing
    same_group = ga == gb
    weekly = "-W" in f"{a['claim_date']}{b['claim_date']}"
    confidence = "high" if same_group and gap == 0 and not weekly else "low" if dropped and (gap or weekly) \
        else "medium"
    when = ("the same week" if weekly else "the same day") if gap == 0 else f"{gap} day{'s' if gap > 1 else ''} apart"
    if a["value"] == b["value"]:
        if a["scope"] == b["scope"] and a["qualifier"] != b["qualifier"] and (same_group or dropped):
            return ("qualifier_changed", confidence,
                    f"'{a['qualifier']}' in one, '{b['qualifier']}' in the other, {when}")
        if a["scope"] == b["scope"] and not same_group:
            who = f"{ga} in one, {gb} in the other"
            return ("attribution_changed", "medium" if not dropped else "low",
                    f"the same figure and scope claimed by {who}, {when}")
        if same_group and a["scope"] != b["scope"]:
            return ("scope_changed", confidence,
                    f"scope '{a['scope']}' in one, '{b['scope']}' in the other, same claimant group, {when}")
        return None
    close = abs(a["value"] - b["value"]) <= MISPRINT * max(a["value"], b["value"])
    # the same day, or a day apart when one side is only dated by its publication (reported the next day)
    same_day = (gap == 0 and not weekly) or (gap == 1 and "publication" in {a["claim_date_source"], b["claim_date_source"]})
    if same_group and a["scope"] == b["scope"] and same_day and close:
        return ("value_conflict", "high" if gap == 0 else "medium",
                f"{a['value']:,.0f} in one, {b['value']:,.0f} in the other: the same claimant and scope, {when}")
    return None
