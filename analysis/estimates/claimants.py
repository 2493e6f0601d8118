"""Who claimed a troop figure, and when (per-article stage).

In order: the owner of an estimate noun governing the number (``perkiraan awal AS``),
``menurut X`` / ``according to X``, a postposed ``..., kata X`` / ``said X``, a preposed ``X
mengatakan ...`` / ``X said ...``, ``X mengumumkan`` / ``X said`` after the number; a pronoun or
a definite description in those places (``kata dia``, ``the official said``, ``badan intelijen
itu``) is resolved to whom it refers (:mod:`analysis.estimates.speakers`). With no attribution
in its own sentence, a figure takes the speaker of the next sentence of its paragraph when
that sentence only attributes (``... 11,000 troops. The official said ...``), else the last
speaker earlier in the paragraph. The group comes from ``claimant_groups.csv`` via the
gazetteer, or, for a speaker the gazetteer does not know, from the country or body named in
their title. A news agency is the figure's ``reported_by``, never its claimant. The claim date
is the attribution's own time expression (``kata Singh pada hari Selasa``), else the
publication date.
"""
from __future__ import annotations

import datetime as dt

from ..nlp.sentences import sent_of
from ..timex import resolve
from .speakers import Speaker, Speakers, speaker_of_mention


def claimant(view, span, bounds: tuple[int, int], anchor: dt.date | None, speakers: Speakers,
             figure_sentences: set[int]) -> dict:
    """``claimant, claimant_group, claimant_start, claimant_end, claim_date, claim_date_source,
    reported_by, attribution``."""
    doc, lex, offset = view.doc, view.lex, view.offset
    sent = sent_of(span)
    inside = [m for m in view.mentions if sent.start <= m.start < sent.end]
    timexes = [t for t in view.timexes if sent.start <= t.start < sent.end
               and t._.timex.kind == "date" and t._.timex.rule != "present"]

    def date_after(index, window=6, stop=None):
        for t in timexes:
            if index <= t.start <= index + window and (stop is None or t.start < stop):
                return t
        return None

    found: Speaker | None = None
    when, source, basis = None, "publication", ""
    governed = [t for t in doc[bounds[0]:span.start] if t.lower_ in lex.estimate_nouns]
    # 1. the owner of an estimate noun governing the number: "perkiraan awal AS ... 3.000 ... pada minggu
    #    lalu" (the owner after the noun), "the U.S. count", "Seoul put the figure at" (before it)
    for t in governed:
        owners = [m for m in inside if (t.i < m.start <= t.i + 3 or t.i - 3 <= m.end - 1 < t.i)
                  and speakers.usable(doc, m)]
        if owners:
            found, basis = speaker_of_mention(owners[0], offset), "owner of the estimate"
            when, source = date_after(span.end, window=8, stop=bounds[1]), "estimate"
    # 2. "menurut X" / "according to X" anywhere in the sentence
    if found is None:
        for t in doc[sent.start:sent.end]:
            pair = f"{t.lower_} {doc[t.i + 1].lower_}" if t.i + 1 < sent.end else ""
            if t.lower_ in lex.according_to or pair in lex.according_to:
                found = speakers.after(doc, offset, t.i + (1 if pair in lex.according_to else 0), sent.end, inside)
                if found is not None:
                    basis, source = t.text.lower() if not pair in lex.according_to else pair, "attribution"
                    break
    # 3. postposed "..., kata X" / "said X" after the number
    if found is None:
        for t in doc[span.end:sent.end]:
            if t.lower_ in lex.postposed:
                found = speakers.after(doc, offset, t.i, sent.end, inside)
                if found is not None:
                    basis, source = f"'{t.text} X'", "attribution"
                    # "kata juru bicara ... Bae Min-seok, Kamis (31/10/2024)": the date after the name
                    named = doc.char_span(found.start - offset, found.end - offset, alignment_mode="expand")
                    last = named.end if named is not None and named.start > t.i else t.i + 1
                    when = date_after(t.i + 1, window=max(last - t.i - 1, 0) + 4)
                    break
    # 4. preposed "X mengatakan/memperkirakan ... number" / "X said ... number"
    if found is None:
        verbs = [t for t in doc[sent.start:span.start] if t.lower_ in lex.preposed]
        if verbs:
            verb = verbs[-1]
            found = speakers.subject(doc, offset, verb.i, sent.start, inside)
            if found is not None:
                basis, source = f"'X {verb.text}'", "attribution"
                # "NIS, pekan lalu mengklaim" / "NIS mengatakan pada hari Rabu bahwa"
                start = doc.char_span(found.start - offset, found.end - offset, alignment_mode="expand")
                first = start.end if start is not None else verb.i
                when = date_after(first, window=max(verb.i - first, 0), stop=verb.i) or date_after(verb.i + 1, window=4) \
                    or date_after(sent.start, window=max(verb.i - sent.start, 0), stop=verb.i)  # "Pekan lalu, X menyatakan"
    # 5. "X said" / "X mengumumkan" after the number ("10,000 troops ..., he said")
    if found is None:
        for t in doc[span.end:sent.end]:
            if t.lower_ in lex.preposed:
                found = speakers.subject(doc, offset, t.i, span.end, inside)
                if found is not None:
                    basis, source = f"'X {t.text}'", "attribution"
                    when = date_after(t.i + 1, window=4)
                    break
    # 6. the sentence's own attribution elsewhere (a headline "Zelensky: 11.000 ...")
    if found is None:
        found = speakers.of_sentence(offset + sent.start_char)
        if found is not None:
            basis, source = found.how if found.how == "headline" else "the sentence's speaker", "attribution"
    # 7. the next sentence of the paragraph, or the last speaker earlier in it
    if found is None:
        found, basis = speakers.nearby(offset + sent.start_char, figure_sentences)
        source = "publication"
    if when is None and found is not None and found.day:  # "Menurut dia, ...": when he said it, in its sentence
        return _with_date(found, basis, speakers, offset, sent, found.day, "attribution")
    # an estimate noun governing the number dates the claim: "perkiraan 3.000 tentara pekan lalu"
    if governed:
        dated = date_after(span.end, window=8, stop=bounds[1])
        if dated is not None:
            when, source = dated, "estimate"
    value = resolve(when._.timex, anchor).value if when is not None else ""
    if value:
        return _with_date(found, basis, speakers, offset, sent, value, source)
    if anchor is not None:
        return _with_date(found, basis, speakers, offset, sent, anchor.isoformat(), "publication")
    return _with_date(found, basis, speakers, offset, sent, "", "unknown")


def _with_date(found: Speaker | None, basis: str, speakers: Speakers, offset: int, sent, day: str, source: str) -> dict:
    who = {"claimant": "", "claimant_group": "unattributed", "claimant_start": None, "claimant_end": None}
    if found is not None:
        group = found.group
        if group == "other" and found.kind == "person" and speakers.home:  # "Yoo, a lawmaker," in a SEOUL story
            group, basis = speakers.home, f"{basis}; group from the dateline"
        who = {"claimant": found.claimant, "claimant_group": group, "claimant_start": found.start,
               "claimant_end": found.end}
        basis = f"{basis} ({found.how})" if found.how not in {"named", "headline"} else basis
    return {**who, "reported_by": speakers.carrier(offset + sent.start_char), "attribution": basis,
            "claim_date": day, "claim_date_source": source}
