"""Casualty and capture figures of the force (per-article stage): is a number a count of its
killed, wounded, killed-or-wounded, captured or missing soldiers, and which.

Reads the casualty words of ``data/lexicons/<lang>/casualty_words.csv`` (``tewas``, ``2,700
injured``, ``100 kematian``, ``captured``) in the number's clause. A number counts the force's
casualties when a casualty word is tied to it: after it, past words that only describe the
counted people (``3.000 warga Korea Utara telah terbunuh``, ``1.000 lainnya terluka``,
``around 1,000 are believed to have been killed``), or before a bare number (``the injured are
approaching 1,000``, ``jumlah korban ... melebihi 3.000``); and the force is named in its
sentence or the sentence before (troops, or the force's country). Writes nothing.
"""
from __future__ import annotations

from .lexicon import force_entity

CASUALTY_SCOPES = ("killed", "wounded", "casualties", "captured", "missing")
AFTER_WINDOW = 8  # tokens after the number in which a casualty word can govern it
SCOPE_WINDOW = 12  # words after a troop figure in which its clause's casualty word is sought
MIXED = {"killed", "wounded"}
STOPS = {",", ";", ":", "\u2014", "\u2013", ".", "?", "!"}  # clause breaks a casualty word is not sought past
LOOK_BACK = 2  # sentences before a casualty figure in which the force may be named


def casualty_scope(view, span, bounds: tuple[int, int]) -> str:
    """The casualty scope of a number, '' when none: the first casualty word after the number
    (past brackets and quote marks, not past another number or a clause break; else the last in
    its clause before it) with the words coordinated with it (``killed or wounded``, ``tewas,
    terluka, hilang, atau ditangkap``). Killed and wounded together, or a word for both
    (``casualties``, ``korban``), make ``casualties``; else capture before death (``a soldier
    captured ... died of his wounds`` counts the captured). The whole a part is taken from
    (``1.000 prajurit dari 11.000 tentara ... terbunuh``) has none."""
    doc, words = view.doc, view.lex.casualty
    if span.start > 0 and doc[span.start - 1].lower_ in view.lex.partitives \
            and any(t.like_num for t in doc[bounds[0]:span.start - 1]):
        return ""
    after = _first_after(view, span)
    before = [t.i for t in doc[bounds[0]:span.start] if t.lower_ in words]
    if after is None and not before:
        return ""
    step = 1 if after is not None else -1
    found, i = set(), (after if after is not None else before[-1])
    sentence = span.sent  # a list runs past the clause's commas: "tewas, terluka, atau hilang"
    while sentence.start <= i < sentence.end and i not in range(span.start, span.end):
        word = doc[i].lower_
        if word in words:
            found.add(words[word])
        elif word not in view.lex.conjunctions and word != ",":
            break
        i += step
    if "casualties" in found or MIXED <= found:
        return "casualties"
    for scope in ("captured", "killed", "wounded", "missing"):
        if scope in found:
            return scope
    return ""


def _first_after(view, span) -> int | None:
    """Index of the first casualty word in the ``SCOPE_WINDOW`` words after the number, skipping
    brackets and quote marks (``1.000 tentara Korea Utara (Korut) diyakini tewas``, ``3.000
    tentara telah "terbunuh atau terluka"``); None at another number or a clause break first."""
    doc, words = view.doc, view.lex.casualty
    end, seen = span.sent.end, 0
    for t in doc[span.end:end]:
        if t.lower_ in view.lex.hypothetical:
            return None  # "12,000 troops ... may be killed": a projection
        if t.lower_ in words:
            return t.i
        if t.like_num and not (t.i > 0 and doc[t.i - 1].lower_ in view.lex.partitives) or t.text in STOPS:
            return None  # another number, unless the whole the figure is part of ("1.000 dari 11.000 tentara")
        if t.is_alpha:
            seen += 1
            if seen > SCOPE_WINDOW:
                return None
    return None


def tied_casualty(view, span, bounds: tuple[int, int], bare: bool) -> str:
    """Why the number counts casualties ('' when it does not): the casualty word tied to it."""
    doc, lex = view.doc, view.lex
    if span.end < len(doc) and doc[span.end].lower_ in lex.non_count_units:
        return ""  # "40% casualties": a share
    named = {i for m in view.mentions for i in range(m.start, m.end)}
    for j in range(span.end, min(span.end + AFTER_WINDOW, bounds[1])):
        word = doc[j].lower_
        if word in lex.hypothetical:
            break
        if word in lex.casualty:
            return f"casualty word '{doc[j].text}' after the number"
        describes = (word in lex.troops or word in lex.troop_modifiers or word in lex.person_nouns
                     or word in lex.stop_words or word in lex.verbs or word in lex.hedges
                     or j in named or not doc[j].is_alpha)
        if not describes:
            break
    if bare:
        for t in doc[bounds[0]:span.start]:
            if t.lower_ in lex.casualty:
                return f"bare number after the casualty word '{t.text}'"
    return ""


def names_force(view, span, sentence) -> bool:
    """Whether the casualties are the force's. Troops named before the number in its sentence
    decide: any of the force or of no stated nation, yes; only other nations' (``pasukan
    Rusia``), no. Else the force named in the sentence, yes; else the sentences before it, up to
    two, nearest first, decide the same way: one naming the force (or troops of no nation), yes;
    one naming only other nations' troops (``tentara Rusia ... . ... 45.000 korban``), no."""
    doc, force = view.doc, force_entity()
    before = _troop_nations(view, sentence.start, span.start)
    if before:
        return any(n in {force, ""} for n in before)
    current = sentence
    for step in range(LOOK_BACK + 1):
        verdict = _sentence_verdict(view, current, force)
        if verdict is not None:
            return verdict
        if current.start == 0:
            break
        current = doc[current.start - 1].sent
    return False


def _sentence_verdict(view, sentence, force: str) -> bool | None:
    """True when the sentence names the force or troops of no nation, False when it names only
    other nations' troops, None when it names no troops and not the force."""
    nations = _troop_nations(view, sentence.start, sentence.end)
    if any(n in {force, ""} for n in nations):
        return True
    if any(sentence.start <= m.start < sentence.end and m._.mention.get("entity_id") == force for m in view.mentions):
        return True
    return False if nations else None


def _troop_nations(view, lo: int, hi: int) -> list[str]:
    """The nation of each troop noun between ``lo`` and ``hi`` (its gazetteer id, from a nation
    named right before or after it; '' when none is)."""
    doc, lex = view.doc, view.lex
    nations = [m for m in view.mentions if m.label_ in {"GPE", "NORP"}]
    found = []
    for i in range(lo, hi):
        if doc[i].lower_ in lex.troops:
            beside = [m for m in nations if m.start in (i + 1, i + 2) or m.end in (i, i - 1)]
            found.append(beside[0]._.mention.get("entity_id", "?") if beside else "")
    return found
