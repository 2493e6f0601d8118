"""Cross-article estimate stage: where outlets report one claim differently.

Reads ``troop_estimates`` (every article) and writes ``estimate_findings``. Figures are first
gathered into claims (:mod:`analysis.estimates.claims`: one value, one family of scopes, claim
dates a few days apart); only two articles' reports of **one claim** are compared, never two
claims (the US's 10,000 is not a contradiction of Seoul's 11,000). An article's report of a
claim is what its body says of it: the hedges (a figure it also restates without its hedge counts
by the hedge), the claimant groups and the scopes it gives. Two reports differ in:

* ``qualifier_changed``: another set of hedges (*at least 100* in one, *more than 100* in the other);
* ``scope_changed``: no scope in common (*killed or wounded* / *killed*; *in the border region* / *sent*);
* ``attribution_changed``: both attribute it, to no group in common, with the same hedges and
  scopes (the same report credited to another group); or one credits a group and the extraction
  finds no claimant in the other (confidence low: the claimant may be named where the
  extraction does not see it). Reports crediting different groups that
  differ otherwise too are two claims and are not compared; a report crediting nobody is
  compared only within a claim that credits one group.

Each row quotes both sides (the first body figure
of each article with the differing hedge, group or scope), says ``why``, and has a
``confidence``: high when both sides name the same claimant group and the same claim day,
medium otherwise (the reports show high ones first). A claim reprinted by many articles lists
at most ``MAX_PAIRS`` article pairs per pair of differing reports.
"""
from __future__ import annotations

from itertools import combinations, islice, product

import pandas as pd

from ..schema import TABLES
from .claims import HEDGE_WORDS, claim_ids, family, reports

MAX_PAIRS = 50
ESTIMATE = frozenset({"approx"})  # the hedges of a report that is an estimate
FINDING_COLUMNS = TABLES["estimate_findings"].names
SIDE = ["start", "end", "text", "sentence", "value", "qualifier", "scope", "claimant_group", "claim_date"]


def estimate_findings(troops: pd.DataFrame) -> pd.DataFrame:
    t = reports(troops)
    if not len(t):
        return pd.DataFrame(columns=FINDING_COLUMNS)
    t = t.assign(claim=claim_ids(t))
    t = t[t.groupby("claim")["file"].transform("nunique") > 1]  # a claim one article makes is compared with nothing
    t = t.sort_values(["claim", "file", "start"], kind="stable")
    rows = []
    for _, claim in t.groupby("claim", sort=True):
        rows.extend(_claim_findings(claim))
    table = pd.DataFrame.from_records(rows, columns=FINDING_COLUMNS)
    if len(table):
        rank = table["confidence"].map({"high": 0, "medium": 1, "low": 2})
        table = table.assign(_rank=rank).sort_values(["_rank", "claim_date", "file", "start", "other_file", "kind"],
                                                     kind="stable").drop(columns="_rank").reset_index(drop=True)
    return table


def _claim_findings(claim: pd.DataFrame) -> list[dict]:
    """The article pairs whose reports of this claim differ, grouped by report so that a claim
    reprinted by many articles costs one comparison per pair of distinct reports."""
    where = claim.groupby("file", sort=True).indices  # file -> row positions
    if len(where) < 2:
        return []
    hedges, groups, scopes = {}, {}, {}
    for f, q, g, sc in zip(claim["file"], claim["qualifier"], claim["claimant_group"], claim["scope"]):
        hedges.setdefault(f, set()).add(q)
        scopes.setdefault(f, set()).add(sc)
        if g != "unattributed":
            groups.setdefault(f, set()).add(g)
    signatures: dict[tuple, list[str]] = {}
    for f in where:
        signatures.setdefault(_signature(hedges[f], groups.get(f, set()), scopes[f]), []).append(f)
    credited = frozenset().union(*(sig[1] for sig in signatures))
    records = claim.to_dict("records")
    out = []
    for (sa, fa), (sb, fb) in combinations(sorted(signatures.items(), key=lambda kv: sorted(map(sorted, kv[0]))), 2):
        differs = _differences(sa, sb, single_group=len(credited) == 1)
        if not differs:
            continue
        for a, b in islice(product(fa, fb), MAX_PAIRS):  # never the whole product: a reprint may run to thousands
            out.append(_finding([records[k] for k in where[a]], [records[k] for k in where[b]], differs))
    return out


def _signature(hedges: set, groups: set, scopes: set) -> tuple:
    """What an article's body says of a claim: its hedges (a figure it also restates unhedged
    counts by its hedge), the groups it credits, the scopes it gives."""
    if len(hedges) > 1:
        hedges = hedges - {"exact"}
    return frozenset(hedges), frozenset(groups), frozenset(scopes)


def _differences(sa: tuple, sb: tuple, single_group: bool) -> list[tuple[str, str]]:
    """``(column, kind)`` of each aspect two reports of one claim differ in: another set of
    hedges; no scope in common; no credited group in common while the hedges and scopes agree
    (the same report credited to another group). Two reports crediting different groups and
    differing otherwise too are two claims, not one reported differently; a report crediting
    nobody is compared only in a claim that credits one group."""
    (qa, ga, ca), (qb, gb, cb) = sa, sb
    if ga and gb and not (ga & gb):
        return [("claimant_group", "attribution_changed")] if qa == qb and ca == cb else []
    if not (ga and gb) and not single_group:
        return []
    out = []
    if not (ca & cb):
        if not any(_confusable(x, y) for x in ca for y in cb):
            return []  # "3,000 moved to the front" and "3,000 more sent": two facts, not one misreported
        out.append(("scope", "scope_changed"))
    if qa != qb:
        out.append(("qualifier", "qualifier_changed"))
    bare = qa if not ga else qb if not gb else None
    if bare is not None and (out or bare == ESTIMATE):
        # credited in one, to nobody in the other: a finding of its own only for an estimate whose
        # owner vanished ("AS memperkirakan sekitar 10.000" -> "Diperkirakan sekitar 10.000"); a
        # count stated as fact ("Pasukan Ukraina menangkap dua tentara") is no dropped claim
        out.append(("claimant_group", "attribution_changed"))
    return out


def _finding(a: list[dict], b: list[dict], differs: list[tuple[str, str]]) -> dict:
    """One row: each article's quote of the claim (``a``, ``b``: its rows), what differs, how sure."""
    column, kind = differs[0]
    ra, rb = _quote(a, column, {r[column] for r in b}), _quote(b, column, {r[column] for r in a})
    whys = [_aspect(a, b, c) for c, _ in differs]
    gap = abs((ra["day"] - rb["day"]).days)
    when = "the same claim day" if gap == 0 else f"claim dates {gap} day{'s' if gap > 1 else ''} apart"
    same_group = ra["claimant_group"] == rb["claimant_group"] != "unattributed"
    dropped = "unattributed" in {ra["claimant_group"], rb["claimant_group"]}
    # another group, or none, for the same figure: groups echo each other's figures, and a
    # claimant may be named where the extraction does not see it
    confidence = "low" if column == "claimant_group" or dropped else "high" if gap == 0 and same_group else "medium"
    why = f"{'; '.join(whys)} ({when})"
    return {"kind": kind, "file": ra["file"], **{c: ra[c] for c in SIDE}, "other_file": rb["file"],
            **{f"other_{c}": rb[c] for c in SIDE if f"other_{c}" in FINDING_COLUMNS},
            "confidence": confidence, "why": why,
            "explanation": f"{ra['value']:,.0f} ({ra['scope'].replace('_', ' ')}, claimed {ra['claim_date']}): {why}"}


def _aspect(a: list[dict], b: list[dict], column: str) -> str:
    """What each article gives in ``column``, named by file, as compared (a figure an article also
    restates unhedged counts by its hedge)."""
    def values(rows):
        found = {str(r[column]) for r in rows if not (column == "claimant_group" and r[column] == "unattributed")}
        if column == "qualifier" and len(found) > 1:
            found -= {"exact"}
        words = [v if column == "claimant_group" else HEDGE_WORDS.get(v, "no hedge" if v == "exact" else v).replace("_", " ")
                 for v in sorted(found)]
        return " / ".join(words) if words else "no claimant the extraction recognises (read the quote)"
    label = {"qualifier": "hedge", "claimant_group": "credited to", "scope": "what is counted"}[column]
    return f"{label}: {values(a)} in {a[0]['file']}, {values(b)} in {b[0]['file']}"


def _confusable(a: str, b: str) -> bool:
    """Two scopes one report can turn into each other: a deployment said to be promised (or the
    reverse), troops in a named place said to be all those sent, one casualty count for
    another. A figure at the front, in training or in a batch is another fact than the total."""
    if family(a) == family(b) == "casualties" or "promised" in {a, b}:
        return True
    return {a, b} == {"theatre", "total_sent"}


def _quote(rows: list[dict], column: str, others: set) -> dict:
    """The article's first body figure of the claim that shows the difference (a hedge, group or
    scope the other article does not give), preferring an attributed one."""
    rows = [r for r in rows if r[column] not in others] or rows
    return next((r for r in rows if r["claimant_group"] != "unattributed"), rows[0])
