"""Cross-article estimate stage: the same claim reported differently by two articles.

Reads ``troop_estimates`` (every article) and writes ``estimate_findings``. Claims at most
``NEAR_DAYS`` apart are compared (sorted by claim day, so the cost is near-linear);
identical claims reprinted in several articles are compared once:

* ``qualifier_changed``: same value and scope, different hedge (*lebih dari 3.000* / *sekitar 3.000*);
* ``attribution_changed``: same value and scope, different claimant group (or dropped);
* ``scope_changed``: same value and claimant group, different scope;
* ``value_conflict``: same claimant group and scope, different values.
"""
from __future__ import annotations

import pandas as pd

from ..schema import TABLES
from ..timex import first_day

NEAR_DAYS = 2
FINDING_COLUMNS = TABLES["estimate_findings"].names
SIDE = ["file", "start", "end", "text", "sentence", "value", "qualifier", "scope", "claimant_group", "claim_date"]
SIGNATURE = ["value", "qualifier", "scope", "claimant_group", "claim_date"]


def estimate_findings(troops: pd.DataFrame) -> pd.DataFrame:
    t = troops[~troops["is_boilerplate"].astype(bool) & troops["value"].notna()].reset_index(drop=True)
    if not len(t):
        return pd.DataFrame(columns=FINDING_COLUMNS)
    t = t.sort_values(["file", "start"]).reset_index(drop=True)
    first_row = t.drop_duplicates(["file"] + SIGNATURE).set_index(["file"] + SIGNATURE)
    files = t.groupby(SIGNATURE, sort=True)["file"].agg(lambda f: sorted(set(f))[:2])  # a pair needs two at most
    claims = t.drop_duplicates(SIGNATURE).reset_index(drop=True)
    claims["files"] = [files[tuple(r)] for r in claims[SIGNATURE].itertuples(index=False)]
    claims["day"] = [first_day(v) for v in claims["claim_date"]]
    claims = claims.dropna(subset=["day"]).sort_values(["day"] + SIGNATURE, kind="stable").reset_index(drop=True)
    rows = []
    for i in range(len(claims)):
        a = claims.iloc[i]
        for j in range(i + 1, len(claims)):
            b = claims.iloc[j]
            if (b["day"] - a["day"]).days > NEAR_DAYS:
                break
            pair = next(((fa, fb) for fa in a["files"] for fb in b["files"] if fa != fb), None)
            if pair is None:
                continue
            kinds = _differences(a, b)
            if not kinds:
                continue
            ra = first_row.loc[(pair[0], *[a[c] for c in SIGNATURE])]
            rb = first_row.loc[(pair[1], *[b[c] for c in SIGNATURE])]
            ra = ra.iloc[0] if isinstance(ra, pd.DataFrame) else ra
            rb = rb.iloc[0] if isinstance(rb, pd.DataFrame) else rb
            for kind, why in kinds:
                rows.append({
                    "kind": kind,
                    **{c: (pair[0] if c == "file" else a[c] if c in SIGNATURE else ra[c]) for c in SIDE},
                    **{f"other_{c}": (pair[1] if c == "file" else b[c] if c in SIGNATURE else rb[c]) for c in SIDE},
                    "explanation": f"{a['value']:,.0f} troops ({a['scope']}): {why}",
                })
    return pd.DataFrame.from_records(rows, columns=FINDING_COLUMNS)


def _differences(a, b) -> list[tuple[str, str]]:
    same_value, same_scope = a["value"] == b["value"], a["scope"] == b["scope"]
    same_group = a["claimant_group"] == b["claimant_group"]
    kinds = []
    if same_value and same_scope and a["qualifier"] != b["qualifier"]:
        kinds.append(("qualifier_changed", f"'{a['qualifier']}' in one, '{b['qualifier']}' in the other"))
    if same_value and same_scope and not same_group:
        kinds.append(("attribution_changed", f"claimed by {a['claimant_group']} in one, {b['claimant_group']} in the other"))
    if same_value and same_group and not same_scope and a["claimant_group"] != "unattributed":
        kinds.append(("scope_changed", f"scope '{a['scope']}' in one, '{b['scope']}' in the other"))
    if same_group and same_scope and not same_value and a["claimant_group"] != "unattributed" \
            and a["qualifier"] not in {"range_low", "range_high"}:
        kinds.append(("value_conflict", f"{a['value']:,.0f} in one, {b['value']:,.0f} in the other"))
    return kinds
