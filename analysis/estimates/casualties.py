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
CONTENT_WORDS = 2  # other words a casualty predicate may stand after its figure ("deployed to Russia have been killed")
MIXED = {"killed", "wounded"}
STOPS = {",", ";", ":", "\u2014", "\u2013", ".", "?", "!"}  # clause breaks a casualty word is not sought past
LOOK_BACK = 2  # sentences before a casualty figure in which the force may be named


def casualty_scope(view, span, bounds: tuple[int, int]) -> str:
    """The casualty scope of a number, '' when none: the casualty word tied to it (after it, past
    words that only describe the counted soldiers and at most ``CONTENT_WORDS`` others; right
    before it: ``menangkap dua tentara``; anywhere earlier in its clause for a bare number: ``the
    injured are approaching 1,000``) with the words coordinated with it (``killed or wounded``,
    ``tewas, terluka, hilang, atau ditangkap``). Killed and wounded together, or a word for both
    (``casualties``, ``korban``), make ``casualties``; else capture before death. The whole a
    part is taken from (``1.000 prajurit dari 11.000 tentara ... terbunuh``) has none."""
    doc, words = view.doc, view.lex.casualty
    if _is_whole(view, span, bounds):
        return ""
    tied = _first_after(view, span)
    step = 1
    if tied is None:
        tied, step = _right_before(view, span, bounds), -1
    if tied is None:
        return ""
    found, i = set(), tied
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


def _is_whole(view, span, bounds: tuple[int, int]) -> bool:
    """``1,000 of the 11,000 troops``, ``1.000 prajurit dari 11.000 tentara``: a number after a
    partitive (past its articles) that follows another number of the clause is the whole."""
    k = _partitive_before(view, span.start, bounds[0])
    return k is not None and any(t.like_num for t in view.doc[bounds[0]:k])


def after_partitive(view, i: int, lo: int) -> bool:
    """Whether token ``i`` follows a partitive, past articles (``of the 11,000``, ``dari 11.000``)."""
    return _partitive_before(view, i, lo) is not None


def _partitive_before(view, i: int, lo: int) -> int | None:
    """Index of the partitive right before token ``i`` (past up to two articles), or None."""
    doc, lex = view.doc, view.lex
    k = i - 1
    while k >= lo and i - k <= 3 and doc[k].lower_ not in lex.partitives and doc[k].lower_ in lex.stop_words:
        k -= 1
    return k if k >= lo and doc[k].lower_ in lex.partitives else None


def _describes(view, t, named: set) -> bool:
    """A word that only describes the counted soldiers or carries the predicate's grammar."""
    lex, word = view.lex, t.lower_
    return (word in lex.troops or word in lex.troop_modifiers or word in lex.person_nouns or word in lex.stop_words
            or word in lex.hedges or word in lex.verbs or t.i in named or not t.is_alpha)


def _first_after(view, span) -> int | None:
    """Index of the casualty word after the number that is its predicate (``300 soldiers have
    been killed``, ``1.000 tentara Korea Utara (Korut) diyakini tewas``, ``100 tentara ... yang
    dikerahkan ke Rusia telah tewas``); None past a clause break, another number, a modal
    (``may be killed``: a projection), a purpose clause (``sent to replace losses``) or more than
    ``CONTENT_WORDS`` other words."""
    doc, lex = view.doc, view.lex
    sentence_end = span.sent.end  # once: a Span's sentence is looked up afresh on every access
    named = {i for m in view.mentions if span.end <= m.start < sentence_end for i in range(m.start, m.end)}
    content = 0
    for t in doc[span.end:sentence_end]:
        word = t.lower_
        if word in lex.hypothetical or t.text in STOPS:
            return None
        if word in lex.casualty:
            return t.i if word not in lex.casualty_after or content == 0 else None
        if t.like_num and not after_partitive(view, t.i, span.end):
            return None  # another number, unless the whole the figure is part of ("1.000 dari 11.000 tentara")
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if word in lex.purpose and nxt is not None and nxt.is_alpha and nxt.lower_ not in lex.stop_words \
                and nxt.i not in named:
            return None
        if not _describes(view, t, named):
            content += 1
            if content > CONTENT_WORDS:
                return None
    return None


def _right_before(view, span, bounds: tuple[int, int]) -> int | None:
    """The casualty word before the number that governs it: its verb or noun right before it,
    past hedges and articles (``captured two soldiers``, ``menangkap dua tentara``, ``setidaknya
    ada 100 kematian``); for a bare number (no troop noun), the last in its clause (``the injured
    are approaching 1,000``, ``jumlah korban ... melebihi 3.000``)."""
    doc, lex = view.doc, view.lex
    k = span.start - 1
    while k >= bounds[0] and span.start - k <= 4 and doc[k].lower_ not in lex.casualty \
            and (doc[k].lower_ in lex.stop_words or any(doc[k].lower_ in q[0].split() for q in lex.qualifiers)):
        k -= 1
    if k >= bounds[0] and doc[k].lower_ in lex.casualty and doc[k].lower_ not in lex.casualty_after:
        return k
    noun = span.end < len(doc) and doc[span.end].lower_ in lex.troops
    if noun:
        return None
    before = [t.i for t in doc[bounds[0]:span.start] if t.lower_ in lex.casualty and t.lower_ not in lex.casualty_after]
    return before[-1] if before else None


def tied_casualty(view, span, bounds: tuple[int, int], bare: bool) -> str:
    """Why the number counts casualties ('' when it does not): the casualty word tied to it."""
    doc, lex = view.doc, view.lex
    if span.end < len(doc) and doc[span.end].lower_ in lex.non_count_units:
        return ""  # "40% casualties": a share
    named = {i for m in view.mentions if span.end <= m.start < bounds[1] for i in range(m.start, m.end)}
    for j in range(span.end, min(span.end + AFTER_WINDOW, bounds[1])):
        word = doc[j].lower_
        if word in lex.hypothetical:
            break
        if word in lex.casualty:
            return f"casualty word '{doc[j].text}' after the number"
        if not _describes(view, doc[j], named):
            break
    if bare:
        for t in doc[bounds[0]:span.start]:
            if t.lower_ in lex.casualty and t.lower_ not in lex.casualty_after:
                return f"bare number after the casualty word '{t.text}'"
    return ""


def names_force(view, span, sentence) -> bool:
    """Whether the casualties are the force's. Troops named before the number in its sentence
    decide: any of the force or of no stated nation, yes; only other nations' (``pasukan
    Rusia``), no. Else the figure's sentence decides the same way (naming the force: yes); a
    sentence naming another nation or place, not as a speaker, is another event (no); else the
    sentences before it, up to two, nearest first: one naming the force (or troops of no
    nation), yes; one naming only other nations' troops (``tentara Rusia ... . ... 45.000
    korban``), no."""
    doc, force = view.doc, force_entity()
    before = _troop_nations(view, sentence.start, span.start)
    if before:
        return any(n in {force, ""} for n in before)
    own = _sentence_verdict(view, sentence, force)
    if own is not None:
        return own
    if _other_place(view, sentence, force):
        return False  # "A Russian missile strike on Kharkiv left 40 dead": another event
    current = doc[sentence.start - 1].sent if sentence.start > 0 else None
    for step in range(LOOK_BACK):
        if current is None:
            break
        verdict = _sentence_verdict(view, current, force)
        if verdict is not None:
            return verdict
        current = doc[current.start - 1].sent if current.start > 0 else None
    return False


def _other_place(view, sentence, force: str) -> bool:
    """Whether a sentence that names neither the force nor troops names another nation or place
    other than as a speaker (``Ukraine said`` speaks; ``a Russian strike on Kharkiv`` is an event)."""
    doc, lex = view.doc, view.lex
    for m in view.mentions:
        if not (sentence.start <= m.start < sentence.end) or m.label_ not in {"GPE", "NORP", "LOC"}:
            continue
        if m._.mention.get("entity_id") == force:
            continue
        if _speaking_or_naming(view, m, sentence):
            continue
        return True
    return False


def _speaking_or_naming(view, m, sentence) -> bool:
    """A nation that speaks (``Ukraine said``, ``menurut Ukraina``) or names a body
    (``Seoul's National Intelligence Service``, ``Badan Intelijen Nasional Seoul``)."""
    doc, lex = view.doc, view.lex
    near = {t.lower_ for t in doc[m.end:min(m.end + 3, sentence.end)]}
    pair = " ".join(t.lower_ for t in doc[max(sentence.start, m.start - 2):m.start])
    after = doc[m.end].text if m.end < len(doc) else ""
    before = doc[m.start - 1] if m.start > sentence.start else None
    return bool(near & (lex.verbs | lex.preposed | lex.postposed)) or any(pair.endswith(a) for a in lex.according_to) \
        or after in {"'s", "\u2019s"} or (before is not None and before.is_alpha and before.text[:1].isupper())


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
