"""Troop-estimate ledger: every figure, who claimed it, when, how hedged, for what scope.

For each numeral phrase found by the ``quantity_tagger`` (:mod:`analysis.numbers`):

* **troops or something else?** A troop noun right after the number
  (``data/lexicons/troop_nouns.csv``) and no other nationality after it (``tentara
  Rusia`` is another force); a back-reference (``3.000 dari mereka``, ``di
  antaranya``) or a bare number in a sentence about troops (``jumlah yang dikirim
  ... menjadi 11.000``). Everything else goes to ``other_quantities`` with its unit.
* **qualifier** from ``qualifiers.csv`` (``sekitar`` approx, ``lebih dari`` more_than,
  ``hingga`` up_to ...); a range gives a ``range_low`` and a ``range_high`` row.
* **scope** from ``scopes.csv`` in the number's clause: casualties and Kursk anywhere,
  promised before it, then the first cue after it (front, training, batch, total), then
  the nearest before it; default ``total_sent``.
* **claimant**: the estimate noun's owner (``perkiraan awal AS``), ``menurut X``, a
  postposed ``kata X``, a preposed ``X mengatakan/memperkirakan``, or ``X mengumumkan``
  after the number; its group from ``claimant_groups.csv`` (via the gazetteer's
  affiliation). None: ``unattributed``.
* **claim date**: the attribution's own time expression (``kata Singh pada hari
  Selasa``; ``perkiraan ... pada minggu lalu``), else the publication date.
"""
from __future__ import annotations

import bisect
import datetime as dt
from functools import lru_cache

import pandas as pd

from . import dates, entities, lexicons, nlp, numbers
from .corpus import Corpus, register_collector
from .tables import register

QUANTITY_COLUMNS = [
    "table", "file", "start", "end", "text", "value", "qualifier", "low", "high", "scope", "claimant",
    "claimant_group", "claimant_start", "claimant_end", "claim_date", "claim_date_source", "unit", "kind",
    "reason", "sentence_id", "sentence_start", "sentence", "is_boilerplate",
]
TROOP_COLUMNS = ["file", "start", "end", "text", "value", "qualifier", "low", "high", "scope", "claimant",
                 "claimant_group", "claim_date", "claim_date_source", "sentence_id", "sentence", "is_boilerplate",
                 "claimant_start", "claimant_end", "sentence_start"]
OTHER_COLUMNS = ["file", "start", "end", "text", "value", "low", "high", "kind", "unit", "reason", "sentence_id",
                 "sentence", "is_boilerplate", "sentence_start"]
SCOPES = ["total_sent", "front", "kursk", "training", "promised", "batch", "casualties"]
CLAUSE_BREAK = {",", ";", ":", "—", "–", "“", "”", '"', "(", ")"}
POSTPOSED = {"kata", "ujar", "ungkap", "tutur", "jelas", "tambah", "imbuh", "sambung"}
PREPOSITIONS = {"ke", "di", "dari", "untuk", "menuju", "dengan", "yang", "dan", "atau", "pada"}
NEAR_DAYS = 2  # two reports of "the same claim" are at most this far apart


@lru_cache(maxsize=1)
def _lex() -> dict:
    verbs = lexicons.load("attribution_verbs")
    return {
        "troops": frozenset(lexicons.column("troop_nouns", "noun")),
        "backrefs": tuple(r.lower() for r in lexicons.column("troop_backrefs", "phrase")),
        "qualifiers": sorted(((r["phrase"], r["qualifier"], r["position"]) for r in lexicons.load("qualifiers")),
                             key=lambda q: -len(q[0].split())),
        "scopes": [(r["scope"], r["cue"], r["where"]) for r in lexicons.load("scopes")],
        "verbs": frozenset(r["verb"] for r in verbs if r["kind"] in {"speech", "claim", "report", "estimate"}),
        "citations": frozenset(c.lower() for c in lexicons.column("citation_cues", "cue")),
        "estimate_nouns": frozenset(lexicons.column("estimate_nouns", "noun")),
        "groups": {r["key"]: r["group"] for r in lexicons.load("claimant_groups")},
        "force": lexicons.mapping("story", "key", "value")["force_entity"],
    }


def claimant_group(entity_id: str) -> str:
    groups = _lex()["groups"]
    if entity_id in groups:
        return groups[entity_id]
    entity = entities.gazetteer().entities.get(entity_id)
    if entity is not None and entity.affiliation in groups:
        return groups[entity.affiliation]
    return "other"


# --------------------------------------------------------------------------- collector


@register_collector("quantities", QUANTITY_COLUMNS)
def collect(doc, article: dict) -> list[dict]:
    sentences = article["sentences"]
    starts = [s["start"] for s in sentences]
    anchor = article.get("published") or None
    rows = []
    doc.user_data["_mentions"] = list(doc.spans[entities.SPAN_KEY])  # materialised once per document
    doc.user_data["_timexes"] = list(doc.spans[dates.SPAN_KEY])
    try:
        return _collect(doc, article, sentences, starts, anchor, rows)
    finally:  # spans in user_data would tie the doc to itself and keep it alive
        del doc.user_data["_mentions"], doc.user_data["_timexes"]


def _collect(doc, article, sentences, starts, anchor, rows) -> list[dict]:
    for span in doc.spans[numbers.QUANTITY_KEY]:
        q = span._.quantity
        k = max(bisect.bisect_right(starts, span.start_char) - 1, 0)
        sentence = sentences[k] if sentences else {"sentence_id": -1, "text": "", "is_boilerplate": False, "start": 0}
        base = {"file": article["file"], "sentence_id": sentence["sentence_id"], "sentence": sentence["text"],
                "sentence_start": sentence["start"],
                "is_boilerplate": sentence["is_boilerplate"], "unit": q.unit, "kind": q.kind}
        is_troop, reason = _troop(doc, span, q)
        if not is_troop or q.kind == "relative":
            rows.append({**base, "table": "other", "start": span.start_char, "end": span.end_char, "text": span.text,
                         "value": q.value, "low": q.low, "high": q.high, "reason": reason})
            continue
        clause = _clause(doc, span)
        scope = _scope(doc, span, clause)
        claimant, claim_date, claim_source = _claimant(doc, span, anchor)
        shared = {**base, "table": "troops", "scope": scope, "reason": reason, "low": q.low, "high": q.high,
                  "claimant": claimant[0], "claimant_group": claimant[1], "claimant_start": claimant[2],
                  "claimant_end": claimant[3], "claim_date": claim_date, "claim_date_source": claim_source}
        if q.kind == "range":
            parts = [t for t in span if numbers.is_digits(t.text) or numbers.is_number_word(t.text)]
            for label, token, value in (("range_low", parts[0], q.low), ("range_high", parts[-1], q.high)):
                rows.append({**shared, "start": token.idx, "end": token.idx + len(token.text), "text": token.text,
                             "value": value, "qualifier": label})
        else:
            rows.append({**shared, "start": span.start_char, "end": span.end_char, "text": span.text,
                         "value": q.value, "qualifier": "approx" if q.kind == "vague" else _qualifier(doc, span)})
    return rows


def _troop(doc, span, q) -> tuple[bool, str]:
    lex = _lex()
    after = doc.text[span.end_char:span.end_char + 40].lower().lstrip()
    sentence = nlp.sent_of(span)
    words_before = {t.lower_ for t in doc[sentence.start:span.start]}
    if q.unit in lex["troops"]:
        force = _force(doc, span.end)
        if force:
            return False, f"troops of another force ({force})"
        return True, f"troop noun '{q.unit}'"
    if any(after.startswith(b) for b in lex["backrefs"]):
        previous = doc[max(0, sentence.start - 60):span.start]
        if any(t.lower_ in lex["troops"] for t in previous):
            return True, "back-reference to troops named before"
    if not q.unit and (words_before & lex["troops"] or "jumlah" in words_before):
        return True, "bare number in a sentence about troop numbers"
    return False, f"unit '{q.unit}'" if q.unit else "no unit"


def _force(doc, troop_index: int) -> str:
    """'' for troops of the force in question (``data/lexicons/story.csv``) or of an
    unstated nationality, else the other force's name. The
    nationality follows the troop noun directly, or after one adjective
    (``pasukan khusus Korea Utara``); ``tentara ke Rusia`` is a destination."""
    allowed = {troop_index + 1}
    if troop_index + 1 < len(doc) and doc[troop_index + 1].is_lower and doc[troop_index + 1].lower_ not in PREPOSITIONS:
        allowed.add(troop_index + 2)
    for m in doc.user_data["_mentions"]:
        if m.start in allowed and m._.mention["label"] in {"GPE", "NORP"}:
            if m._.mention["entity_id"] == _lex()["force"]:
                return ""
            # "tentara Rusia dan Pyongyang": a combined force is not the North Korean one
            return m._.mention["canonical"]
    return ""


def _clause(doc, span) -> tuple[int, int]:
    sent = nlp.sent_of(span)
    start = span.start
    while start > sent.start and doc[start - 1].text not in CLAUSE_BREAK:
        start -= 1
    end = span.end
    while end < sent.end and doc[end].text not in CLAUSE_BREAK:
        end += 1
    return start, end


def _qualifier(doc, span) -> str:
    before = " ".join(t.lower_ for t in doc[max(nlp.sent_of(span).start, span.start - 3):span.start])
    unit_end = span.end + (1 if span.end < len(doc) and doc[span.end].is_alpha else 0)
    after = " ".join(t.lower_ for t in doc[span.end:min(nlp.sent_of(span).end, span.end + 3)])
    after_unit = " ".join(t.lower_ for t in doc[unit_end:min(nlp.sent_of(span).end, unit_end + 2)])
    for phrase, qualifier, position in _lex()["qualifiers"]:
        if position == "before" and (before == phrase or before.endswith(" " + phrase)):
            return qualifier
        if position == "after" and (after.startswith(phrase + " ") or after == phrase
                                    or after_unit.startswith(phrase)):
            return qualifier
    return "exact"


def _scope(doc, span, clause: tuple[int, int]) -> str:
    before = " " + " ".join(t.lower_ for t in doc[clause[0]:span.start]) + " "
    after = " " + " ".join(t.lower_ for t in doc[span.end:clause[1]]) + " "
    whole = before + after
    cues = _lex()["scopes"]

    def find(text, cue):
        return text.find(" " + cue + " ")

    for scope in ("casualties", "kursk"):
        if any(find(whole, cue) >= 0 for s, cue, _ in cues if s == scope):
            return scope
    if any(find(before, cue) >= 0 for s, cue, where in cues if s == "promised"):
        return "promised"
    later = [(find(after, cue), s) for s, cue, where in cues
             if s in {"front", "training", "batch", "total_sent"} and where in {"after", "any"} and find(after, cue) >= 0]
    if later:
        return min(later)[1]
    earlier = [(find(before, cue), s) for s, cue, where in cues
               if s in {"front", "training", "batch", "total_sent"} and where in {"before", "any"}
               and find(before, cue) >= 0]
    if earlier:
        return max(earlier)[1]
    return "total_sent"


def _claimant(doc, span, anchor: dt.date | None):
    """((claimant, group, start, end), claim_date, claim_date_source)."""
    lex = _lex()
    sent = nlp.sent_of(span)
    mentions = [m for m in doc.user_data["_mentions"] if sent.start <= m.start < sent.end]
    timexes = [t for t in doc.user_data["_timexes"] if sent.start <= t.start < sent.end
               and t._.timex.kind == "date" and t._.timex.rule != "present"]

    def usable(m):
        before = doc[m.start - 1].lower_ if m.start else ""
        return m._.mention["label"] in {"PERSON", "ORG", "GPE"} and before not in lex["citations"]

    def pick(candidates):
        people = [m for m in candidates if m._.mention["label"] == "PERSON"]
        return (people or candidates)[0] if candidates else None

    def date_after(index, window=6, stop=None):
        for t in timexes:
            if index <= t.start <= index + window and (stop is None or t.start < stop):
                return t
        return None

    found, when, source = None, None, "publication"
    clause = _clause(doc, span)
    # 1. the owner of an estimate noun governing the number: "perkiraan awal AS ... 3.000 ... pada minggu lalu"
    for t in doc[clause[0]:span.start]:
        if t.lower_ in lex["estimate_nouns"]:
            owners = [m for m in mentions if t.i < m.start <= t.i + 3 and usable(m)]
            if owners:
                found = owners[0]
                when = date_after(span.end, window=8, stop=clause[1])
                source = "estimate"
    # 2. "menurut X"
    if found is None:
        for t in doc[sent.start:sent.end]:
            if t.lower_ == "menurut":
                after = [m for m in mentions if t.i < m.start <= t.i + 6 and usable(m)]
                if after:
                    found, when, source = pick(after), None, "attribution"
                    break
    # 3. postposed "..., kata X" after the number
    if found is None:
        for t in doc[span.end:sent.end]:
            if t.lower_ in POSTPOSED:
                after = [m for m in mentions if t.i < m.start <= t.i + 8 and usable(m)]
                if after:
                    found = pick(after)
                    when, source = date_after(found.end), "attribution"
                    break
    # 4. preposed "X mengatakan/memperkirakan ... number"
    if found is None:
        verbs = [t for t in doc[sent.start:span.start] if t.lower_ in lex["verbs"] and t.lower_ not in POSTPOSED]
        if verbs:
            verb = verbs[-1]
            subject = [m for m in mentions if m.end <= verb.i and usable(m)]
            if subject:
                found = pick(subject)
                # "NIS, pekan lalu mengklaim" / "NIS mengatakan pada hari Rabu bahwa"
                when = date_after(found.end, window=verb.i - found.end, stop=verb.i) or date_after(verb.i + 1, window=4)
                source = "attribution"
    # 5. "X mengumumkan" after the number
    if found is None:
        for t in doc[span.end:sent.end]:
            if t.lower_ in lex["verbs"]:
                subject = [m for m in mentions if span.end <= m.start and t.i - 3 <= m.end <= t.i and usable(m)]
                if subject:
                    found = subject[-1]
                    when, source = date_after(t.i + 1, window=4), "attribution"
                    break
    # an estimate noun governing the number dates the claim: "perkiraan 3.000 tentara pekan lalu"
    if any(t.lower_ in lex["estimate_nouns"] for t in doc[clause[0]:span.start]):
        dated = date_after(span.end, window=8, stop=clause[1])
        if dated is not None:
            when, source = dated, "estimate"
    if found is None:
        claimant = ("", "unattributed", None, None)
    else:
        m = found._.mention
        claimant = (m["canonical"], claimant_group(m["entity_id"]), found.start_char, found.end_char)
    if when is not None:
        value = dates.resolve(when._.timex, anchor).value
        if value:
            return claimant, value, source
    if anchor is not None:
        return claimant, anchor.isoformat(), "publication"
    return claimant, "", "unknown"


# --------------------------------------------------------------------------- tables


@register("troop_estimates")
def troop_estimates(corpus: Corpus) -> pd.DataFrame:
    q = corpus.layers["quantities"]
    return q[q["table"] == "troops"][TROOP_COLUMNS].astype({"is_boilerplate": bool}).reset_index(drop=True)


@register("other_quantities")
def other_quantities(corpus: Corpus) -> pd.DataFrame:
    q = corpus.layers["quantities"]
    return q[q["table"] == "other"][OTHER_COLUMNS].astype({"is_boilerplate": bool}).reset_index(drop=True)


def claim_day(value: str) -> dt.date | None:
    """A claim date as a day (a week or month counts from its first day)."""
    from .timeline import value_range

    for granularity in ("day", "week", "month", "year"):
        span = value_range(value, granularity)
        if span:
            return span[0]
    return None


FINDING_COLUMNS = ["kind", "file", "start", "end", "text", "sentence", "value", "qualifier", "scope", "claimant_group",
                   "claim_date", "other_file", "other_start", "other_end", "other_text", "other_sentence",
                   "other_value", "other_qualifier", "other_scope", "other_claimant_group", "other_claim_date",
                   "explanation"]


@register("estimate_findings")
def estimate_findings(corpus: Corpus) -> pd.DataFrame:
    """The same claim reported differently by two articles (claims within two days;
    identical claims reprinted in several articles are compared once):

    * ``qualifier_changed``: same value and scope, different hedge (*lebih dari 3.000* / *sekitar 3.000*);
    * ``attribution_changed``: same value and scope, different claimant group (or dropped);
    * ``scope_changed``: same value and claimant group, different scope (a figure for troops
      in Russia rendered as troops someone *will send*);
    * ``value_conflict``: same claimant group and scope, different values.
    """
    t = troop_estimates(corpus)
    t = t[~t["is_boilerplate"].astype(bool) & t["value"].notna()].reset_index(drop=True)
    # one representative per distinct claim (reprinted copies are compared once)
    signature = ["value", "qualifier", "scope", "claimant_group", "claim_date"]
    files = t.groupby(signature)["file"].agg(lambda f: sorted(set(f)))
    claims = t.drop_duplicates(signature).reset_index(drop=True)
    claims["files"] = [files[tuple(r[c] for c in signature)] for _, r in claims.iterrows()]
    claims["day"] = [claim_day(v) for v in claims["claim_date"]]
    claims = claims.dropna(subset=["day"]).sort_values("day").reset_index(drop=True)
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
            same_value, same_scope = a["value"] == b["value"], a["scope"] == b["scope"]
            same_group = a["claimant_group"] == b["claimant_group"]
            kinds = []
            if same_value and same_scope and a["qualifier"] != b["qualifier"]:
                kinds.append(("qualifier_changed", f"'{a['qualifier']}' in one, '{b['qualifier']}' in the other"))
            if same_value and same_scope and not same_group:
                kinds.append(("attribution_changed",
                              f"claimed by {a['claimant_group']} in one, {b['claimant_group']} in the other"))
            if same_value and same_group and not same_scope and a["claimant_group"] != "unattributed":
                kinds.append(("scope_changed", f"scope '{a['scope']}' in one, '{b['scope']}' in the other"))
            if same_group and same_scope and not same_value and a["claimant_group"] != "unattributed" \
                    and a["qualifier"] not in {"range_low", "range_high"}:
                kinds.append(("value_conflict", f"{a['value']:,.0f} in one, {b['value']:,.0f} in the other"))
            if not kinds:
                continue
            ra = t[(t["file"] == pair[0]) & (t[signature] == a[signature]).all(axis=1)].iloc[0]
            rb = t[(t["file"] == pair[1]) & (t[signature] == b[signature]).all(axis=1)].iloc[0]
            for kind, why in kinds:
                rows.append({
                    "kind": kind, **{c: ra[c] for c in ["file", "start", "end", "text", "sentence", "value",
                                                        "qualifier", "scope", "claimant_group", "claim_date"]},
                    **{f"other_{c}": rb[c] for c in ["file", "start", "end", "text", "sentence", "value", "qualifier",
                                                      "scope", "claimant_group", "claim_date"]},
                    "explanation": f"{ra['value']:,.0f} troops ({ra['scope']}): {why}",
                })
    return pd.DataFrame.from_records(rows, columns=FINDING_COLUMNS)


def ledger(corpus: Corpus) -> pd.DataFrame:
    """The troop estimates with a short id per figure (``T01`` ...) and the claim day
    (a week or month counts from its first day), in claim order: what the notebook
    charts and lists."""
    t = troop_estimates(corpus).copy()
    t["day"] = [claim_day(v) for v in t["claim_date"]]
    t = t.sort_values(["day", "file", "start"], na_position="last").reset_index(drop=True)
    t.insert(0, "figure_id", [f"T{i + 1:02d}" for i in range(len(t))])
    return t


def reading(corpus: Corpus) -> list[str]:
    """A short reading of the evolution, generated from the ledger (no typed numbers)."""
    t = troop_estimates(corpus)
    t = t[~t["is_boilerplate"].astype(bool) & t["value"].notna()].copy()
    if not len(t):
        return ["No troop figures were found in this corpus."]
    t["day"] = [claim_day(v) for v in t["claim_date"]]
    t = t.dropna(subset=["day"]).sort_values(["day", "file", "start"])
    lines = [f"{len(t)} troop figures in {t['file'].nunique()} articles, claimed between "
             f"{t['day'].min():%d %B %Y} and {t['day'].max():%d %B %Y}."]
    for scope in SCOPES:
        part = t[t["scope"] == scope]
        if not len(part):
            continue
        first, last = part.iloc[0], part.iloc[-1]
        peak = part.loc[part["value"].idxmax()]
        who = lambda r: r["claimant"] or r["claimant_group"]  # noqa: E731
        text = (f"{scope}: {len(part)} figure{'s' if len(part) != 1 else ''}; first {first['value']:,.0f} ({first['qualifier']}, {who(first)}, "
                f"{first['day']:%d %b}), latest {last['value']:,.0f} ({last['qualifier']}, {who(last)}, {last['day']:%d %b})")
        if peak["value"] not in (first["value"], last["value"]):
            text += f", highest {peak['value']:,.0f} ({who(peak)}, {peak['day']:%d %b})"
        lines.append(text + ".")
    unattributed = (t["claimant_group"] == "unattributed").mean()
    lines.append(f"{unattributed:.0%} of the figures are not attributed to anyone in the text.")
    return lines
