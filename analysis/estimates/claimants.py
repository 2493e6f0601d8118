"""Who claimed a troop figure, and when (per-article stage).

An ordered list of strategies (:data:`STRATEGIES`); the first that finds a speaker wins:

1. the owner of an estimate noun governing the number (``perkiraan awal AS``);
2. ``menurut X`` / ``according to X`` anywhere in the sentence;
3. a postposed ``..., kata X`` / ``said X`` after the number;
   then the agent of a passive attribution verb after it (``diperkirakan oleh X``, ``confirmed by X``);
4. a preposed ``X mengatakan ...`` / ``X said ...`` before it (the last such verb with a subject);
5. ``X said`` / ``X mengumumkan`` after the number (``10,000 troops ..., he said``);
6. the sentence's own attribution elsewhere (a headline ``Zelensky: 11.000 ...``);
7. the next sentence of the paragraph when it only attributes (``... 11,000 troops. The official
   said ...``), else the last speaker earlier in the paragraph.

A pronoun or definite description in those places (``kata dia``, ``the official said``, ``badan
intelijen itu``) is resolved to whom it refers (:mod:`analysis.estimates.speakers`). The group
comes from ``claimant_groups.csv`` via the gazetteer, or, for a speaker the gazetteer does not
know, from the country or body named with it. A news agency is the figure's ``reported_by``,
never its claimant. The claim date is the attribution's own time expression (``kata Singh pada
hari Selasa``), else the publication date (``before publication`` when the sentence says the
claim was made earlier: ``sebelumnya``, ``previously``). No strategy finding a speaker leaves the figure
unattributed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..nlp.sentences import sent_of
from ..timex import point_day, resolve
from .speakers import Speaker, Speakers, speaker_of_mention


@dataclass
class Found:
    """What a strategy found: the speaker, how (``basis``), and the time expression dating the claim."""

    speaker: Speaker
    basis: str
    when: object = None  # a timex Span, or None
    source: str = "attribution"


@dataclass
class Figure:
    """One number and what the strategies read around it."""

    view: object
    span: object
    bounds: tuple[int, int]
    speakers: Speakers
    figure_sentences: set[int]
    sent: object = field(init=False)
    inside: list = field(init=False)
    timexes: list = field(init=False)

    def __post_init__(self):
        self.sent = sent_of(self.span)
        self.inside = [m for m in self.view.mentions if self.sent.start <= m.start < self.sent.end]
        self.timexes = [t for t in self.view.timexes if self.sent.start <= t.start < self.sent.end
                        and t._.timex.is_point]  # no duration, set or "now" dates a claim

    def date_after(self, index: int, window: int = 6, stop: int | None = None):
        for t in self.timexes:
            if index <= t.start <= index + window and (stop is None or t.start < stop):
                return t
        return None

    def governing_nouns(self) -> list:
        doc, lex = self.view.doc, self.view.lex
        return [t for t in doc[self.bounds[0]:self.span.start] if t.lower_ in lex.estimate_nouns]


def estimate_owner(f: Figure) -> Found | None:
    """``perkiraan awal AS ... 3.000 ... pada minggu lalu`` (the owner after the noun), ``the U.S.
    count``, ``Seoul put the figure at`` (before it)."""
    doc, found = f.view.doc, None
    for t in f.governing_nouns():
        owners = [m for m in f.inside if (t.i < m.start <= t.i + 3 or t.i - 3 <= m.end - 1 < t.i)
                  and f.speakers.usable(doc, m)]
        if owners:
            found = Found(speaker_of_mention(owners[0], f.view.offset), "owner of the estimate",
                          f.date_after(f.span.end, window=8, stop=f.bounds[1]), "estimate")
    return found


def according_to(f: Figure) -> Found | None:
    doc, lex, sent = f.view.doc, f.view.lex, f.sent
    for t in doc[sent.start:sent.end]:
        pair = f"{t.lower_} {doc[t.i + 1].lower_}" if t.i + 1 < sent.end else ""
        if t.lower_ in lex.according_to or pair in lex.according_to:
            two = pair in lex.according_to
            speaker = f.speakers.after(doc, f.view.offset, t.i + (1 if two else 0), sent.end, f.inside)
            if speaker is not None:
                return Found(speaker, pair if two else t.text.lower())
    return None


def postposed(f: Figure) -> Found | None:
    """``..., kata X`` / ``said X`` after the number; the date may follow the name (``kata juru
    bicara ... Bae Min-seok, Kamis (31/10/2024)``)."""
    doc, offset = f.view.doc, f.view.offset
    for t in doc[f.span.end:f.sent.end]:
        if t.lower_ in f.view.lex.postposed:
            speaker = f.speakers.after(doc, offset, t.i, f.sent.end, f.inside)
            if speaker is not None:
                named = doc.char_span(speaker.start - offset, speaker.end - offset, alignment_mode="expand")
                last = named.end if named is not None and named.start > t.i else t.i + 1
                return Found(speaker, f"'{t.text} X'", f.date_after(t.i + 1, window=max(last - t.i - 1, 0) + 4))
    return None


def passive_agent(f: Figure) -> Found | None:
    """``1.100 ... diperkirakan oleh X``, ``... was confirmed by X``: the agent after the number."""
    doc = f.view.doc
    for t in doc[f.span.end:f.sent.end]:
        speaker = f.speakers.agent(doc, f.view.offset, t.i, f.sent.end, f.inside)
        if speaker is not None:
            return Found(speaker, f"'{t.text} {doc[t.i + 1].text} X'", f.date_after(t.i + 2, window=10))
    return None


def preposed(f: Figure) -> Found | None:
    """``X mengatakan/memperkirakan ... number`` / ``X said ... number``: the last such verb
    before the number that has a subject (``Kirby mengutip ..., dengan mengatakan 1.000``)."""
    doc, offset, sent = f.view.doc, f.view.offset, f.sent
    verbs = [t for t in doc[sent.start:f.span.start] if t.lower_ in f.view.lex.preposed]
    for verb in reversed(verbs):
        speaker = f.speakers.subject(doc, offset, verb.i, sent.start, f.inside)
        if speaker is None:
            continue
        # "NIS, pekan lalu mengklaim" / "NIS mengatakan pada hari Rabu bahwa" / "Pekan lalu, X menyatakan"
        named = doc.char_span(speaker.start - offset, speaker.end - offset, alignment_mode="expand")
        first = named.end if named is not None else verb.i
        when = f.date_after(first, window=max(verb.i - first, 0), stop=verb.i) or f.date_after(verb.i + 1, window=4) \
            or f.date_after(sent.start, window=max(verb.i - sent.start, 0), stop=verb.i)
        return Found(speaker, f"'X {verb.text}'", when)
    return None


def speaker_after(f: Figure) -> Found | None:
    """``10,000 troops ..., he said``: a preposed verb after the number with its subject there."""
    doc = f.view.doc
    for t in doc[f.span.end:f.sent.end]:
        if t.lower_ in f.view.lex.preposed:
            speaker = f.speakers.subject(doc, f.view.offset, t.i, f.span.end, f.inside)
            if speaker is not None:
                return Found(speaker, f"'X {t.text}'", f.date_after(t.i + 1, window=4))
    return None


def sentence_speaker(f: Figure) -> Found | None:
    speaker = f.speakers.of_sentence(f.view.offset + f.sent.start_char)
    if speaker is None:
        return None
    return Found(speaker, speaker.how if speaker.how == "headline" else "the sentence's speaker")


def paragraph_speaker(f: Figure) -> Found | None:
    speaker, basis = f.speakers.nearby(f.view.offset + f.sent.start_char, f.figure_sentences)
    return Found(speaker, basis, None, "publication") if speaker is not None else None


STRATEGIES = (estimate_owner, according_to, postposed, passive_agent, preposed, speaker_after, sentence_speaker,
              paragraph_speaker)


def claimant(view, span, bounds: tuple[int, int], anchor: dt.date | None, speakers: Speakers,
             figure_sentences: set[int]) -> dict:
    """``claimant, claimant_group, claimant_start, claimant_end, claim_date, claim_date_source,
    reported_by, attribution``."""
    f = Figure(view, span, bounds, speakers, figure_sentences)
    found = next((hit for hit in (strategy(f) for strategy in STRATEGIES) if hit is not None), None)
    speaker, basis = (found.speaker, found.basis) if found is not None else (None, "")
    when, source = (found.when, found.source) if found is not None else (None, "publication")
    offset, sent = view.offset, f.sent
    if when is None and speaker is not None and speaker.day:  # "Menurut dia, ...": when he said it, in its sentence
        return _with_date(speaker, basis, speakers, offset, sent, speaker.day, "attribution")
    if f.governing_nouns():  # an estimate noun dates the claim: "perkiraan 3.000 tentara pekan lalu"
        dated = f.date_after(span.end, window=8, stop=bounds[1])
        if dated is not None:
            when, source = dated, "estimate"
    value = point_day(resolve(when._.timex, anchor).value) if when is not None else ""
    if value:
        return _with_date(speaker, basis, speakers, offset, sent, value, source)
    if anchor is not None:  # "X sebelumnya menyebutkan": said before the article, on a day it does not give
        earlier = any(t.lower_ in view.lex.earlier for t in sent)
        return _with_date(speaker, basis, speakers, offset, sent, anchor.isoformat(),
                          "before publication" if earlier else "publication")
    return _with_date(speaker, basis, speakers, offset, sent, "", "unknown")


def _with_date(found: Speaker | None, basis: str, speakers: Speakers, offset: int, sent, day: str, source: str) -> dict:
    who = {"claimant": "", "claimant_group": "unattributed", "claimant_start": None, "claimant_end": None}
    if found is not None:
        group, why = speakers.group_of(found)
        basis = f"{basis}; {why}" if why else basis
        who = {"claimant": found.claimant, "claimant_group": group, "claimant_start": found.start,
               "claimant_end": found.end}
        basis = f"{basis} ({found.how})" if found.how not in {"named", "headline"} else basis
    return {**who, "reported_by": speakers.carrier(offset + sent.start_char), "attribution": basis,
            "claim_date": day, "claim_date_source": source}
