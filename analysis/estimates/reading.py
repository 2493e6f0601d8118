"""A reading of the estimate evolution generated from the ledger, every sentence backed by rows.

The ledger's figures are first gathered into **claims**: the figures of one claimant group for
one scope within a day of each other whose values agree or are one figure misprinted
(``MISPRINT``), or, when outlets credit one figure to different groups, the figure with the
scope and day it shares. A claim's value, qualifier and group are the ones most articles give
(ties: a figure dated by its own attribution over one dated by publication, then the earlier
article); the others are kept as the claim's variants, so a misprint or a dropped hedge never
becomes the story. Each :class:`Statement` of the reading says one thing (the first, latest
and highest claim of a scope; how a group's figures moved; what the outlets disagree on) and
lists the ledger ids (``T01`` ...) that support it. Reads the ledger and the findings; writes
nothing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from .lexicon import SCOPES

MISPRINT = 0.15
NEAR_DAYS = 1
TOTALS = {"total_sent", "training"}  # scopes that count every soldier sent: a group's figures over time


@dataclass
class Claim:
    scope: str
    group: str
    claimant: str
    value: float
    qualifier: str
    day: pd.Timestamp
    figures: list[str]  # ledger ids
    files: list[str]
    variants: list[str] = field(default_factory=list)  # how some outlets report it differently


@dataclass
class Statement:
    text: str
    figures: list[str]  # ledger ids of the rows that support it
    kind: str  # overview | first | latest | highest | evolution | disagreement | unattributed
    scope: str = ""
    value: float | None = None
    group: str = ""
    day: str = ""


def _fmt(value: float, qualifier: str) -> str:
    hedge = {"approx": "about ", "at_least": "at least ", "more_than": "more than ", "up_to": "up to ",
             "less_than": "fewer than "}.get(qualifier, "")
    return f"{hedge}{value:,.0f}"


def claims(ledger: pd.DataFrame) -> list[Claim]:
    """The ledger's figures (story text only, dated) gathered into claims."""
    t = ledger[~ledger["is_boilerplate"].astype(bool) & ledger["value"].notna() & ledger["day"].notna()
               & ~ledger["qualifier"].isin(["range_low", "range_high"])].copy()
    t["day"] = pd.to_datetime(t["day"])
    t = t.sort_values(["day", "file", "start"])
    groups: list[list] = []
    for row in t.itertuples():
        home = None
        for members in groups:
            lead = members[0]
            if abs((row.day - lead.day).days) > NEAR_DAYS:
                continue
            same_value = lead.value == row.value
            misprint = abs(lead.value - row.value) <= MISPRINT * max(lead.value, row.value)
            same_group = lead.claimant_group == row.claimant_group or "unattributed" in {lead.claimant_group,
                                                                                           row.claimant_group}
            if lead.scope == row.scope and ((same_group and misprint) or same_value) \
                    or (same_group and same_value and lead.claimant_group != "unattributed"):  # a scope misreported
                home = members
                break
        if home is None:
            groups.append([row])
        else:
            home.append(row)
    return [_claim(members) for members in groups]


def _claim(members: list) -> Claim:
    def best(attribute: str):
        counts = Counter(getattr(m, attribute) for m in members)
        top = max(counts.values())
        tied = [m for m in members if counts[getattr(m, attribute)] == top]
        tied.sort(key=lambda m: (m.claim_date_source != "attribution", m.day, m.file))
        return getattr(tied[0], attribute)

    attributed = [m for m in members if m.claimant_group != "unattributed"] or members
    group = Counter(m.claimant_group for m in attributed).most_common(1)[0][0]
    value, qualifier, scope = best("value"), best("qualifier"), best("scope")
    claimant = next((m.claimant for m in attributed if m.claimant_group == group and m.claimant), group)
    variants = set()
    for m in members:
        if m.value != value or m.qualifier != qualifier:
            variants.add(f"{_fmt(m.value, m.qualifier)} in {m.file}")
        elif m.scope != scope:
            variants.add(f"{m.scope.replace('_', ' ')} in {m.file}")
        elif m.claimant_group not in {group, "unattributed"}:
            variants.add(f"credited to {m.claimant_group} in {m.file}")
    return Claim(scope, group, claimant, value, qualifier, min(m.day for m in members),
                 [m.figure_id for m in members], sorted({m.file for m in members}), sorted(variants))


def reading(ledger: pd.DataFrame, findings: pd.DataFrame | None = None) -> list[Statement]:
    """The reading, one statement per line (see the module docstring)."""
    found = claims(ledger)
    if not found:
        return [Statement("No troop figures were found in this corpus.", [], "overview")]
    days = sorted(c.day for c in found)
    n_figures = sum(len(c.figures) for c in found)
    n_files = len({f for c in found for f in c.files})
    out = [Statement(f"{len(found)} distinct claims about the troops ({n_figures} figures in {n_files} articles), "
                     f"made between {days[0]:%d %B %Y} and {days[-1]:%d %B %Y}.",
                     [f for c in found for f in c.figures], "overview")]
    for scope in SCOPES:
        part = sorted((c for c in found if c.scope == scope), key=lambda c: (c.day, -len(c.files), c.value))
        if not part:
            continue
        first, last = part[0], max(part, key=lambda c: (c.day, len(c.files), -c.value))
        high = max(part, key=lambda c: (c.value, len(c.files)))
        picks = [("first", first)] + ([("latest", last)] if last is not first else []) + \
            ([("highest", high)] if high not in (first, last) else [])
        if len(part) == 1:
            picks = [("only", first)]
        for kind, c in picks:
            note = f"; {len(c.files)} articles" if len(c.files) > 1 else ""
            disputed = f"; reported differently: {', '.join(c.variants)}" if c.variants else ""
            label = {"only": "the only claim", "first": "first", "latest": "latest", "highest": "highest"}[kind]
            out.append(Statement(f"{scope.replace('_', ' ')}: {label} {_fmt(c.value, c.qualifier)} ({c.claimant}, "
                                 f"{c.group}, {c.day:%d %b}{note}{disputed}).", c.figures,
                                 "first" if kind == "only" else kind, scope, c.value, c.group, c.day.date().isoformat()))
    for group in sorted({c.group for c in found} - {"unattributed"}):
        mine = sorted((c for c in found if c.group == group and c.scope in TOTALS), key=lambda c: (c.day, c.value))
        values = [c for i, c in enumerate(mine) if i == 0 or c.value != mine[i - 1].value]
        if len(values) >= 2:
            steps = " → ".join(f"{_fmt(c.value, c.qualifier)} ({c.scope.replace('_', ' ')}, {c.day:%d %b})" for c in values)
            out.append(Statement(f"{group}'s figures: {steps}.", [f for c in values for f in c.figures], "evolution",
                                 group=group))
    if findings is not None and len(findings):
        kinds = findings["kind"].value_counts()
        text = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items()))
        out.append(Statement(f"Outlets disagree on {len(findings)} points: {text} (the findings table quotes both).",
                             [], "disagreement"))
    unattributed = [c for c in found if c.group == "unattributed"]
    out.append(Statement(f"{len(unattributed)} of {len(found)} claims are attributed to nobody in the text.",
                         [f for c in unattributed for f in c.figures], "unattributed"))
    return out
