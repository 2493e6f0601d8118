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

from ..timex import granularity_of
from .claims import HEDGE_WORDS, RANGE
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
    own: list[str] = field(default_factory=list)  # ledger ids of the figures credited to the claim's group
    when: str = ""  # the claim date as the text gives it: a day, a week, a month


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
    hedge = HEDGE_WORDS.get(qualifier)
    return f"{hedge} {value:,.0f}" if hedge else f"{value:,.0f}"


def claims(ledger: pd.DataFrame) -> list[Claim]:
    """The ledger's figures (story text only, dated) gathered into claims of one claimant group
    each: a figure joins a claim of its group and scope within ``NEAR_DAYS`` whose value it gives
    or misprints, never one holding a figure of the same sentence (``1,500 more joined the 1,500
    already there`` are two batches). A figure credited to another group joins only as the same
    report credited differently (same value, scope and hedge, a claim its own group gives in two
    articles or more). A figure credited to nobody joins the one claim of another group that fits
    it, else makes a claim of its own."""
    t = ledger[~ledger["is_boilerplate"].astype(bool) & ledger["value"].notna() & ledger["day"].notna()
               & ~ledger["qualifier"].isin(RANGE)].copy()
    t["day"] = pd.to_datetime(t["day"])
    t = t.sort_values(["day", "file", "start"])
    groups: list[list] = []
    later = []  # figures credited to nobody: placed once the attributed claims stand
    for row in t.itertuples():
        if row.claimant_group == "unattributed":
            later.append(row)
            continue
        home = next((m for m in groups if _fits(m, row) and m[0].claimant_group == row.claimant_group), None)
        if home is None:
            groups.append([row])
        else:
            home.append(row)
    for row in later:
        fits = [m for m in groups if _fits(m, row) and m[0].claimant_group != "unattributed"]
        if len(fits) == 1:
            fits[0].append(row)
            continue
        own = next((m for m in groups if _fits(m, row) and m[0].claimant_group == "unattributed"), None)
        if own is not None:
            own.append(row)
        else:
            groups.append([row])
    return [_claim(members) for members in _move_misattributed(groups)]


def _fits(members: list, row) -> bool:
    """Whether ``row`` reports the claim ``members`` make: within ``NEAR_DAYS``, not in a sentence
    of the claim already, the same scope and a value given or misprinted, or (credited to the
    claim's own group) the same value with its scope misreported."""
    lead = members[0]
    if abs((row.day - lead.day).days) > NEAR_DAYS:
        return False
    if any(m.file == row.file and m.sentence_id == row.sentence_id for m in members):
        return False  # two figures of one sentence are two things counted
    if lead.scope != row.scope:
        return lead.value == row.value and row.claimant_group == lead.claimant_group != "unattributed"
    return lead.value == row.value or abs(lead.value - row.value) <= MISPRINT * max(lead.value, row.value)


def _move_misattributed(groups: list[list]) -> list[list]:
    """A claim of one article that repeats, hedge for hedge, a claim another group makes in two
    articles or more is that claim credited to the wrong group: a variant of it."""
    kept = []
    for members in groups:
        host = _host(members, groups)
        if host is not None:
            host.extend(members)
        else:
            kept.append(members)
    return kept


def _host(members: list, groups: list[list]):
    lead = members[0]
    files = {m.file for m in members}
    if len(files) > 1 or lead.claimant_group == "unattributed":
        return None
    for g in groups:
        their = {x.file for x in g}
        if g is members or g[0].claimant_group in {lead.claimant_group, "unattributed"} or len(their) < 2:
            continue
        if g[0].scope == lead.scope and abs((g[0].day - lead.day).days) <= NEAR_DAYS and not (files & their) \
                and any(x.value == lead.value and x.qualifier == lead.qualifier for x in g):
            return g
    return None


def _claim(members: list) -> Claim:
    def best(attribute: str):  # what most articles give (an article repeating itself counts once)
        counts = Counter(attr for _, attr in {(m.file, getattr(m, attribute)) for m in members})
        top = max(counts.values())
        tied = [m for m in members if counts[getattr(m, attribute)] == top]
        tied.sort(key=lambda m: (m.claim_date_source != "attribution", m.day, m.file))
        return getattr(tied[0], attribute)

    attributed = [m for m in members if m.claimant_group != "unattributed"] or members
    group = members[0].claimant_group if members[0].claimant_group != "unattributed" else \
        Counter(g for _, g in {(m.file, m.claimant_group) for m in attributed}).most_common(1)[0][0]
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
        elif m.claimant_group == "unattributed" and group != "unattributed":
            variants.add(f"unattributed in {m.file}")
    first = min(members, key=lambda m: (m.day, m.file, m.start))
    return Claim(scope, group, claimant, value, qualifier, first.day,
                 [m.figure_id for m in members], sorted({m.file for m in members}), sorted(variants),
                 [m.figure_id for m in members if m.claimant_group == group], when_label(first.claim_date, first.day))


def _with_year(c: Claim) -> str:
    return c.when if c.when[-4:].isdigit() else f"{c.when} {c.day:%Y}"


def _cited(ledger: pd.DataFrame, findings: pd.DataFrame) -> list[str]:
    """The ledger ids of the figures the findings quote."""
    keys = set(zip(findings["file"], findings["start"])) | set(zip(findings["other_file"], findings["other_start"]))
    return [f for f, k in zip(ledger["figure_id"], zip(ledger["file"], ledger["start"])) if k in keys]


def when_label(value: str, day: pd.Timestamp) -> str:
    """A claim date as precise as the text gives it: ``21 Oct``, ``the week of 21 Oct``, ``October 2024``."""
    granularity = granularity_of(str(value or ""))
    if granularity == "week" and str(value).endswith("-WE"):
        return f"the weekend of {day:%d %b}"
    if granularity == "week":
        return f"the week of {day:%d %b}"
    if granularity == "month":
        return f"{day:%B %Y}"
    if granularity not in {None, "day"}:
        return str(value)
    return f"{day:%d %b}"


def reading(ledger: pd.DataFrame, findings: pd.DataFrame | None = None) -> list[Statement]:
    """The reading, one statement per line (see the module docstring)."""
    found = claims(ledger)
    if not found:
        return [Statement("No troop figures were found in this corpus.", [], "overview")]
    days = sorted(c.day for c in found)
    n_figures = sum(len(c.figures) for c in found)
    n_files = len({f for c in found for f in c.files})
    first, last = min(found, key=lambda c: c.day), max(found, key=lambda c: c.day)
    claims_word = "distinct claim" if len(found) == 1 else "distinct claims"
    out = [Statement(f"{len(found)} {claims_word} about the troops ({n_figures} figures in {n_files} articles), "
                     f"the first dated {_with_year(first)}, the latest {_with_year(last)}.",
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
                                 f"{c.group}, {c.when}{note}{disputed}).", c.figures,
                                 "first" if kind == "only" else kind, scope, c.value, c.group, c.day.date().isoformat()))
    for group in sorted({c.group for c in found} - {"unattributed"}):
        mine = sorted((c for c in found if c.group == group and c.scope in TOTALS), key=lambda c: (c.day, c.value))
        values = [c for i, c in enumerate(mine) if i == 0 or c.value != mine[i - 1].value]
        if len(values) >= 2:
            steps = " → ".join(f"{_fmt(c.value, c.qualifier)} ({c.scope.replace('_', ' ')}, {c.when})" for c in values)
            out.append(Statement(f"{group}'s figures: {steps}.", [f for c in values for f in c.own], "evolution",
                                 group=group))
    sure = findings[findings["confidence"] != "low"] if findings is not None and len(findings) else None
    if sure is not None and len(sure):
        kinds = sure["kind"].value_counts()
        text = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items()))
        cited = _cited(ledger, sure)
        pairs = "pair of articles reports a claim" if len(sure) == 1 else "pairs of articles each report a claim"
        out.append(Statement(f"{len(sure)} {pairs} differently "
                             f"({text}; the findings table quotes both sides; "
                             f"{len(findings) - len(sure)} more of low confidence are listed apart).",
                             cited, "disagreement"))
    unattributed = [c for c in found if c.group == "unattributed"]
    story = ledger[~ledger["is_boilerplate"].astype(bool)]
    bare = story[story["claimant_group"] == "unattributed"]
    out.append(Statement(f"{len(bare)} of {len(story)} figures name no claimant in the text; "
                         f"{len(unattributed)} of {len(found)} claims rest{'s' if len(unattributed) == 1 else ''} on such figures only.",
                         list(bare["figure_id"]), "unattributed"))
    return out
