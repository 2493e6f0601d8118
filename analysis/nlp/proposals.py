"""Where the trained tagger and the capitalised-run rules agree on a name.

Reads ``doc.ents`` (the spans the trained ``ner`` component of a language proposes: PER, ORG,
LOC; empty where a language has no model) and the rule runs of the ``entity_tagger``;
returns the token ranges to treat as candidate names, each with the model's type. Writes
nothing. The gazetteer still decides who a name is; the model only says where a name is and
what kind of thing it names:

* a PER span of the model is a candidate with the model's boundaries (rule runs it overlaps
  are replaced by it), leading titles stripped by the caller;
* a rule run that overlaps an ORG or LOC span carries that type: a place or a body is never
  made a person;
* a rule run the model says nothing about is a person only with a speech verb beside it or a
  Korean-style given name: capitals, or a title before them (``Menteri Tenaga Kerja``: a
  portfolio), are not enough once a trained tagger has read the text (see ``entity_tagger``).

Measured on idner-news-2k dev (PERSON exact F1) and the story's dev2 (person precision):
widening a model span to the capitalised run it overlaps, or trusting a title alone, lost
on both (``Menteri Israel Ehud Olmert`` runs take the country in). What is kept instead is
narrower (:func:`joined`): two person spans with only a space between them are one name
(``Muhammad Atabika | Farma Nanda``), and a span that starts one word late takes in the one
capitalised word before it when that word is no title, no sentence opener, no part of another
entity and no word the text also writes in lower case (``Wayne [Bvudzijena]``). A single
sentence-initial word the language uses as a common word is no name without a cue
(:func:`common_opener`: ``Fenomena``, ``Sidang``), nor is a span of very common words only
(:func:`plain_words`: ``Menteri [Tenaga Kerja]``).
"""
from __future__ import annotations

import re
from typing import Callable

from spacy.tokens import Doc

PERSON = "PER"
ROMAN = re.compile(r"[IVX]{1,4}")  # a regnal number: "Hamengkubuwono X", "Benediktus XVI"
SENTENCE_OPENERS = {"", ".", "“", '"', "…", "—", "–", "‘", "?", "!", "(", ":"}


def opens_sentence(doc: Doc, i: int) -> bool:
    """Token ``i`` starts a sentence, a quote or a bracket (what comes before it is a sentence opener)."""
    return i == 0 or doc[i - 1].text.strip() in SENTENCE_OPENERS


def joined(doc: Doc, proposed: list[tuple[int, int, str]], name_word: Callable[[int], bool]) -> list[tuple[int, int, str]]:
    """The model's spans with person spans mended at their edges: two person spans with only a
    space between them joined; a person span taking in the one word before it where
    ``name_word`` says that word may be a name, it opens no sentence and no capitalised word
    comes before it (``Presiden Sudan [Omar Beshir]``: a run of capitals before a name is a
    title or a country more often than a given name)."""
    taken = {i for s, e, label in proposed if label != PERSON for i in range(s, e)}
    out: list[list] = []
    for start, end, label in sorted(proposed):
        if label == PERSON and out and out[-1][2] == PERSON and out[-1][1] == start and doc[start - 1].whitespace_ \
                and doc[start - 1].is_alpha and doc[start].is_alpha:
            out[-1][1] = end  # "Muhammad Atabika | Farma Nanda": one name the model cut in two
            continue
        if label == PERSON and start > 1 and doc[start - 1].whitespace_ and start - 1 not in taken \
                and not (out and out[-1][1] == start) and not opens_sentence(doc, start - 1) and name_word(start - 1) \
                and not doc[start - 2].is_title and not doc[start - 2].is_upper:
            start -= 1  # "Wayne [Bvudzijena]": the given name before the surname
        out.append([start, end, label])
    return [(s, e, label) for s, e, label in out]


def common_opener(doc: Doc, start: int, end: int, common: Callable[[str], bool], cues_after: frozenset[str],
                  verb: re.Pattern | None) -> bool:
    """One sentence-initial word that ``common`` says the language uses as a common word
    (``Fenomena``, ``Sidang``), with no speech verb after it that makes it a speaker
    (``Budi mengatakan``) nor an active verb it is the subject of (``verb``: ``Jokowi
    mengusulkan``), and not written with its capital elsewhere in the text where no
    sentence starts (a name the text repeats)."""
    if end - start != 1 or not opens_sentence(doc, start) or not doc[start].is_title or not common(doc[start].lower_):
        return False
    if end < len(doc) and (doc[end].lower_ in cues_after or (verb is not None and verb.match(doc[end].lower_))):
        return False
    word = doc[start].text
    return not any(t.text == word and not opens_sentence(doc, t.i) for t in doc if t.i != start)


def model_spans(doc: Doc, occupied: set[int]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the model's spans outside gazetteer matches."""
    return [(e.start, e.end, e.label_) for e in doc.ents
            if not any(i in occupied for i in range(e.start, e.end))]


def merge(runs: list[tuple[int, int]], proposed: list[tuple[int, int, str]]) -> list[tuple[int, int, str | None]]:
    """Rule runs and model spans as ``(start, end, model label or None)``, in text order."""
    people = [(s, e) for s, e, label in proposed if label == PERSON]
    others = [(s, e, label) for s, e, label in proposed if label != PERSON]
    out: list[tuple[int, int, str | None]] = [(s, e, PERSON) for s, e in people]
    for start, end in runs:
        if any(start < e and s < end for s, e in people):
            continue  # the model's person span stands for it
        label = next((lab for s, e, lab in others if start < e and s < end), None)
        out.append((start, end, label))
    return sorted(out)



def plain_words(doc: Doc, proposed: list[tuple[int, int, str]], very_common: Callable[[str], bool]) -> list[tuple[int, int, str]]:
    """Person spans checked against very common words: a span of two or more words all very
    common is a phrase, not a name (``Menteri [Tenaga Kerja]``: a portfolio; labelled ``MISC``
    so that no rule run makes it a person again); a very common word opening the sentence before
    a name is no part of it (``[Gaya] Jokowi``)."""
    out = []
    for start, end, label in proposed:
        if label == PERSON and phrase(doc, start, end, very_common):
            label = "MISC"
        elif label == PERSON and end - start > 1 and opens_sentence(doc, start) and doc[start].is_title \
                and very_common(doc[start].lower_):
            start += 1
        out.append((start, end, label))
    return out


def phrase(doc: Doc, start: int, end: int, very_common: Callable[[str], bool]) -> bool:
    """Two or more words, every one very common: a phrase, not a name (``Tenaga Kerja``)."""
    return end - start > 1 and all(t.is_alpha and very_common(t.lower_) for t in doc[start:end])


def regnal(doc: Doc, start: int, end: int) -> bool:
    """The last token of ``doc[start:end]`` is a regnal number after a name (``Hamengkubuwono X``,
    ``Abdullah II``): a Roman numeral written right after a capitalised word."""
    return end - start >= 2 and ROMAN.fullmatch(doc[end - 1].text) is not None and doc[end - 2].is_title
