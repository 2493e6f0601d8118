"""Who claimed a troop figure, and when (per-article stage).

In order: the owner of an estimate noun governing the number (``perkiraan awal AS``),
``menurut X``, a postposed ``..., kata X``, a preposed ``X mengatakan/memperkirakan ...``, or
``X mengumumkan`` after the number. The claimant's group comes from ``claimant_groups.csv``
(via the gazetteer's affiliation); none found: ``unattributed``. The claim date is the
attribution's own time expression (``kata Singh pada hari Selasa``; ``perkiraan ... pada minggu
lalu``), else the publication date. Reads the chunk's mention and time-expression spans.
"""
from __future__ import annotations

import datetime as dt

from ..nlp.sentences import sent_of
from ..timex import resolve
from .lexicon import claimant_group


def claimant(view, span, bounds: tuple[int, int], anchor: dt.date | None) -> dict:
    """``claimant, claimant_group, claimant_start, claimant_end, claim_date, claim_date_source``."""
    doc, lex, offset = view.doc, view.lex, view.offset
    sent = sent_of(span)
    mentions = [m for m in view.mentions if sent.start <= m.start < sent.end]
    timexes = [t for t in view.timexes if sent.start <= t.start < sent.end
               and t._.timex.kind == "date" and t._.timex.rule != "present"]

    def usable(m):
        before = doc[m.start - 1].lower_ if m.start else ""
        pair = f"{doc[m.start - 2].lower_} {before}" if m.start > 1 else ""
        placed = before in lex.places and pair not in lex.according_to  # "in Russia": a place, not a speaker
        return m._.mention["label"] in {"PERSON", "ORG", "GPE"} and before not in lex.citations and not placed

    def pick(candidates):
        people = [m for m in candidates if m._.mention["label"] == "PERSON"]
        return (people or candidates)[0] if candidates else None

    def date_after(index, window=6, stop=None):
        for t in timexes:
            if index <= t.start <= index + window and (stop is None or t.start < stop):
                return t
        return None

    found, when, source = None, None, "publication"
    governed = any(t.lower_ in lex.estimate_nouns for t in doc[bounds[0]:span.start])
    # 1. the owner of an estimate noun governing the number: "perkiraan awal AS ... 3.000 ... pada minggu lalu"
    for t in doc[bounds[0]:span.start]:
        if t.lower_ in lex.estimate_nouns:
            owners = [m for m in mentions if t.i < m.start <= t.i + 3 and usable(m)]
            if owners:
                found = owners[0]
                when = date_after(span.end, window=8, stop=bounds[1])
                source = "estimate"
    # 2. "menurut X"
    if found is None:
        for t in doc[sent.start:sent.end]:
            if t.lower_ in lex.according_to or (t.i + 1 < sent.end and f"{t.lower_} {doc[t.i + 1].lower_}" in lex.according_to):
                after = [m for m in mentions if t.i < m.start <= t.i + 6 and usable(m)]
                if after:
                    found, when, source = pick(after), None, "attribution"
                    break
    # 3. postposed "..., kata X" after the number
    if found is None:
        for t in doc[span.end:sent.end]:
            if t.lower_ in lex.postposed:
                after = [m for m in mentions if t.i < m.start <= t.i + 8 and usable(m)]
                if after:
                    found = pick(after)
                    when, source = date_after(found.end), "attribution"
                    break
    # 4. preposed "X mengatakan/memperkirakan ... number"
    if found is None:
        verbs = [t for t in doc[sent.start:span.start] if t.lower_ in lex.preposed]
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
            if t.lower_ in lex.verbs:
                subject = [m for m in mentions if span.end <= m.start and t.i - 3 <= m.end <= t.i and usable(m)]
                if subject:
                    found = subject[-1]
                    when, source = date_after(t.i + 1, window=4), "attribution"
                    break
    # an estimate noun governing the number dates the claim: "perkiraan 3.000 tentara pekan lalu"
    if governed:
        dated = date_after(span.end, window=8, stop=bounds[1])
        if dated is not None:
            when, source = dated, "estimate"
    if found is None:
        who = {"claimant": "", "claimant_group": "unattributed", "claimant_start": None, "claimant_end": None}
    else:
        m = found._.mention
        who = {"claimant": m["canonical"], "claimant_group": claimant_group(m["entity_id"]),
               "claimant_start": offset + found.start_char, "claimant_end": offset + found.end_char}
    if when is not None:
        value = resolve(when._.timex, anchor).value
        if value:
            return {**who, "claim_date": value, "claim_date_source": source}
    if anchor is not None:
        return {**who, "claim_date": anchor.isoformat(), "claim_date_source": "publication"}
    return {**who, "claim_date": "", "claim_date_source": "unknown"}
