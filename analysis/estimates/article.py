"""Troop figures of one article (per-article stage): ``troop_estimates`` and ``other_quantities`` rows.

For each numeral phrase the ``quantity_tagger`` found:

* **troops or something else?** A troop noun right after the number and no other
  nationality after it (``tentara Rusia`` is another force); a back-reference (``3.000 dari
  mereka``) or a bare number in a sentence about troop numbers. Everything else goes to
  ``other_quantities`` with its unit and the reason.
* **qualifier** from ``qualifiers.csv``; a range gives a ``range_low`` and a ``range_high`` row.
* **scope**: a casualty scope (:mod:`analysis.estimates.casualties`) or, from ``scopes.csv`` in the
  number's clause, the theatre (a named place of the fighting) anywhere,
  promised before it, then the first cue after it (front, training, batch, total), then the
  nearest before it; default ``total_sent``.
* **claimant** and **claim date**: :mod:`analysis.estimates.claimants`.
"""
from __future__ import annotations

from ..article import ArticleContext
from ..nlp.entities import SPAN_KEY as MENTIONS
from ..nlp.numbers import numerals
from ..nlp.quantities import SPAN_KEY as QUANTITIES
from ..nlp.sentences import doc_text, sent_of, sentence_starts
from ..nlp.temporal import SPAN_KEY as TIMEX
from . import claimants
from .casualties import after_partitive, casualty_scope, names_force, tied_casualty
from .lexicon import EstimateLexicon, estimate_lexicon, force_entity
from .speakers import Speakers

GOVERNING_WINDOW = 10  # tokens before a number in which an estimate verb governs it
SMALLEST_CASUALTY_COUNT = 10  # below it a casualty count needs a troop noun ("two soldiers"): "9 orang terluka" is any accident
YEARS = (1900, 2100)  # a bare four-digit number in this range, with no troop noun, is a year
CLAUSE_BREAK = {",", ";", ":", "—", "–", "“", "”", '"', "(", ")"}


class DocView:
    """One chunk Doc with its mentions and time expressions materialised once."""

    def __init__(self, doc, offset: int, lex: EstimateLexicon):
        self.doc, self.offset, self.lex = doc, offset, lex
        self.text = doc_text(doc)
        self.mentions = list(doc.spans.get(MENTIONS, []))
        self.timexes = list(doc.spans.get(TIMEX, []))


def figure_rows(ctx: ArticleContext) -> tuple[list[dict], list[dict], Speakers]:
    """``(troop rows, other-quantity rows, the article's speakers)``."""
    lex = estimate_lexicon(ctx.lang)
    number = numerals(ctx.lang)
    troops, other = [], []
    speakers = Speakers(ctx.text, ctx.docs, lex, ctx.published)
    figure_sentences = {speakers._index(offset + s.start_char) for offset, doc in ctx.docs
                        for s in doc.spans.get(QUANTITIES, []) if (s._.quantity.high or s._.quantity.value or 0) >= 100}
    for offset, doc in ctx.docs:
        view = DocView(doc, offset, lex)
        for span in doc.spans.get(QUANTITIES, []):
            q = span._.quantity
            sentence = ctx.sentence_at(offset + span.start_char)
            base = {"file": ctx.file, "sentence_id": sentence["sentence_id"], "sentence": sentence["text"],
                    "sentence_start": sentence["start"], "is_boilerplate": sentence["is_boilerplate"]}
            noun = _troop_noun(view, span, q)
            is_troop, reason = _troop(view, span, q, noun)
            if not is_troop or q.kind == "relative":
                unit = doc[noun].lower_ if noun is not None else q.unit
                other.append({**base, "start": offset + span.start_char, "end": offset + span.end_char,
                              "text": span.text, "value": q.value, "low": q.low, "high": q.high, "kind": q.kind,
                              "unit": unit, "reason": reason,
                              "qualifier": "approx" if q.kind == "vague" else _qualifier(view, span, clause(doc, span))})
                continue
            claim = claimants.claimant(view, span, clause(doc, span), ctx.published, speakers, figure_sentences)
            shared = {**base, "scope": _scope(view, span, clause(doc, span)), "low": q.low, "high": q.high, **claim}
            if q.kind == "range":
                parts = [t for t in span if number.is_digits(t.text) or number.is_number_word(t.text)]
                for label, token, value in (("range_low", parts[0], q.low), ("range_high", parts[-1], q.high)):
                    troops.append({**shared, "start": offset + token.idx, "end": offset + token.idx + len(token.text),
                                   "text": token.text, "value": value, "qualifier": label})
            else:
                qualifier = "approx" if q.kind == "vague" else _qualifier(view, span, clause(doc, span))
                troops.append({**shared, "start": offset + span.start_char, "end": offset + span.end_char,
                               "text": span.text, "value": q.value, "qualifier": qualifier})
    return same_figure_same_claimant(troops), other, speakers


def same_figure_same_claimant(rows: list[dict]) -> list[dict]:
    """A figure the article repeats without attribution after attributing it (the body after
    its headline ``Korsel: Korut Kirim 1.500 ...``) is that claim: same value, one claimant. A
    figure the article states itself before anyone is quoted on it stays unattributed
    (``Ukraina Tangkap Dua Tentara`` ... later ``kata Zelenskyy``)."""
    known: dict[tuple, dict] = {}
    for r in sorted(rows, key=lambda r: r["start"]):
        key = (r["value"], r["qualifier"])  # "hingga 11.000" is not "menjadi 11.000"
        if r["claimant_group"] != "unattributed" and not r["is_boilerplate"]:
            known.setdefault(key, r)
            continue
        source = known.get(key)
        if r["claimant_group"] == "unattributed" and source is not None:
            r.update({k: source[k] for k in ("claimant", "claimant_group", "claimant_start", "claimant_end",
                                             "reported_by")},
                     attribution="the same figure attributed earlier in the article")
    return rows


def _troop_noun(view: DocView, span, q) -> int | None:
    """Token index of the troop noun the number counts: right after it (``11.000 tentara``), or
    after words that only describe the troops (``11,000 North Korean troops``, ``3,000 of its
    troops``); None when there is none."""
    doc, lex = view.doc, view.lex
    named = {i for m in view.mentions if m.start >= span.end and m.start < span.end + 6 for i in range(m.start, m.end)}
    for j in range(span.end, min(span.end + 5, len(doc))):
        if doc[j].lower_ in lex.troops:
            return j
        if not (doc[j].lower_ in lex.troop_modifiers or j in named):
            return None
    return None


def _troop(view: DocView, span, q, noun: int | None) -> tuple[bool, str]:
    doc, lex = view.doc, view.lex
    after = view.text[span.end_char:span.end_char + 40].lower().lstrip()
    sentence = sent_of(span)
    words_before = {t.lower_ for t in doc[sentence.start:span.start]}
    if noun is not None:
        force = _force(view, span.end, noun)
        if force:
            return False, f"troops of another force ({force})"
        return True, f"troop noun '{doc[noun].text}'"
    if _part_of_troops(view, span):
        return True, "a part of the troops counted right after it ('1,000 of the 11,000 troops')"
    if any(after.startswith(b) for b in lex.backrefs):
        previous = doc[max(0, sentence.start - 60):span.start]
        if any(t.lower_ in lex.troops for t in previous):
            return True, "back-reference to troops named before"
    if q.unit not in lex.non_count_units and (q.value or q.high or 0) >= SMALLEST_CASUALTY_COUNT:
        bare = not q.unit or q.unit in lex.stop_words or q.unit in lex.person_nouns
        tie = tied_casualty(view, span, clause(doc, span), bare)
        if tie and names_force(view, span, sentence):
            return True, tie
    if q.unit in lex.non_count_units or (q.value or q.high or 0) < 100:
        return False, f"unit '{q.unit}'" if q.unit else "too small to count troops without a troop noun"
    bare = not q.unit or q.unit in lex.stop_words  # "menjadi 11.000,", "3,000 had arrived", "11,000 were in"
    if bare and _year_like(span):
        return False, "a bare four-digit year-like number (a date the temporal tagger missed)"
    sentence_words = {t.lower_ for t in sentence}
    if bare and (words_before & lex.troops or sentence_words & lex.count_nouns):
        return True, "bare number in a sentence about troop numbers"
    if bare and _previous_sentence_words(doc, sentence) & lex.troops:
        return True, "bare number right after a sentence about the troops, in the same paragraph"
    return False, f"unit '{q.unit}'" if q.unit else "no unit"


def _part_of_troops(view: DocView, span) -> bool:
    """``1,000 of the 11,000 North Korean troops``, ``1.000 dari 11.000 tentara``: a number, a
    partitive, and a troop figure right after it."""
    doc, lex = view.doc, view.lex
    for j in range(span.end + 1, min(span.end + 4, len(doc))):
        if doc[j].like_num and after_partitive(view, j, span.end):
            return any(t.lower_ in lex.troops for t in doc[j + 1:min(j + 5, len(doc))])
    return False


def _year_like(span) -> bool:
    """``2024`` written without a thousands separator and within the years of the press
    (``Desember 23, 2024``): a troop figure of that size is written ``2.024`` / ``2,024``."""
    return len(span) == 1 and span.text.isascii() and span.text.isdigit() and len(span.text) == 4 \
        and YEARS[0] <= int(span.text) <= YEARS[1]


def _previous_sentence_words(doc, sentence) -> set[str]:
    """Lower-cased words of the sentence before ``sentence`` when it is in the same paragraph."""
    starts = sentence_starts(doc)
    k = starts.index(sentence.start) if sentence.start in starts else 0
    if k == 0:
        return set()
    previous = doc[starts[k - 1]:sentence.start]
    if any("\n" in t.text for t in previous if t.is_space):
        return set()
    return {t.lower_ for t in previous}


def _force(view: DocView, number_end: int, troop_index: int) -> str:
    """'' for troops of the force in question (``data/lexicons/story.csv``) or of an unstated
    nationality, else the other force's name. The nationality stands between the number and the
    troop noun (``11,000 Russian troops``), or follows the noun directly or after one adjective
    (``pasukan khusus Korea Utara``); ``tentara ke Rusia`` is a destination."""
    doc = view.doc
    allowed = set(range(number_end, troop_index)) | {troop_index + 1}
    if troop_index + 1 < len(doc) and doc[troop_index + 1].is_lower and doc[troop_index + 1].lower_ not in view.lex.prepositions:
        allowed.add(troop_index + 2)
    for m in view.mentions:
        if m.start in allowed and m._.mention["label"] in {"GPE", "NORP"}:
            if m._.mention["entity_id"] == force_entity():
                return ""
            # "tentara Rusia dan Pyongyang": a combined force is not the North Korean one
            return m._.mention["canonical"]
    return ""


def clause(doc, span) -> tuple[int, int]:
    """Token bounds of the clause around ``span`` within its sentence."""
    sent = sent_of(span)
    start = span.start
    while start > sent.start and doc[start - 1].text not in CLAUSE_BREAK:
        start -= 1
    end = span.end
    while end < sent.end and doc[end].text not in CLAUSE_BREAK:
        end += 1
    return start, end


def _qualifier(view: DocView, span, bounds: tuple[int, int]) -> str:
    """The hedge right before or after the number (``sekitar``, ``as many as``, ``3.000 lebih``);
    else an estimate word governing it earlier in its clause (``Pentagon memperkirakan 10.000``,
    ``the Pentagon estimated that 10,000``) makes it approximate; else exact."""
    doc = view.doc
    sent = sent_of(span)
    before = " ".join(t.lower_ for t in doc[max(sent.start, span.start - 3):span.start])
    unit_end = span.end + (1 if span.end < len(doc) and doc[span.end].is_alpha else 0)
    after = " ".join(t.lower_ for t in doc[span.end:min(sent.end, span.end + 3)])
    after_unit = " ".join(t.lower_ for t in doc[unit_end:min(sent.end, unit_end + 2)])
    for phrase, qualifier, position in view.lex.qualifiers:
        if position == "before" and (before == phrase or before.endswith(" " + phrase)):
            return qualifier
        if position == "after" and (after.startswith(phrase + " ") or after == phrase or after_unit.startswith(phrase)):
            return qualifier
    governing = " " + " ".join(t.lower_ for t in doc[max(bounds[0], span.start - GOVERNING_WINDOW):span.start]) + " "
    for phrase, qualifier, position in view.lex.qualifiers:
        if position == "clause_before" and f" {phrase} " in governing:
            return qualifier
    return "exact"


def _scope(view: DocView, span, bounds: tuple[int, int]) -> str:
    doc = view.doc
    before = " " + " ".join(t.lower_ for t in doc[bounds[0]:span.start]) + " "
    after = " " + " ".join(t.lower_ for t in doc[span.end:bounds[1]]) + " "
    whole = before + after
    cues = view.lex.scopes

    def find(text, cue):
        return text.find(" " + cue + " ")

    casualty = casualty_scope(view, span, bounds)
    if casualty:
        return casualty
    if any(find(whole, cue) >= 0 for s, cue, _ in cues if s == "theatre"):
        return "theatre"
    if any(find(before, cue) >= 0 for s, cue, where in cues if s == "promised" and where in {"before", "any"}) \
            or any(find(after, cue) >= 0 for s, cue, where in cues if s == "promised" and where in {"after", "any"}):
        return "promised"  # before the other cues: "akan dikirim" holds "dikirim"
    later = [(find(after, cue), s) for s, cue, where in cues
             if s in {"front", "training", "batch", "total_sent"} and where in {"after", "any"} and find(after, cue) >= 0]
    batch = any(find(after if where == "after" else before if where == "before" else whole, cue) >= 0
                for s, cue, where in cues if s == "batch")
    if later:
        first = min(later)[1]
        # "1,500 ... sent to Russia as a first batch", "a first batch of 1,500 ... sent": a batch wherever said
        return "batch" if batch and first == "total_sent" else first
    earlier = [(find(before, cue), s) for s, cue, where in cues
               if s in {"front", "training", "batch", "total_sent"} and where in {"before", "any"}
               and find(before, cue) >= 0]
    if earlier:
        return max(earlier)[1]
    return "total_sent"
