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
on both (``Menteri Israel Ehud Olmert`` runs take the country in).
"""
from __future__ import annotations

from spacy.tokens import Doc

PERSON = "PER"


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

