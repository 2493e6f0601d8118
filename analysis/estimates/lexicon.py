"""The words the estimate ledger reads, per language, and the claimant groups.

From ``data/lexicons/<lang>/``: troop nouns, back-references (``dari mereka``), qualifiers,
scope cues, attribution verbs (with their order: postposed ``kata X`` or preposed ``X
mengatakan``), citation cues, estimate nouns (``perkiraan``), prepositions; from
``data/lexicons/``: claimant groups and the story's force (``story.csv``). Reads, writes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import spacy

from .. import resources
from ..nlp.gazetteer import gazetteer

SCOPES = ["total_sent", "front", "kursk", "training", "promised", "batch", "casualties"]


@dataclass(frozen=True)
class EstimateLexicon:
    troops: frozenset
    troop_modifiers: frozenset  # words between a number and its troop noun ("11,000 North Korean troops")
    backrefs: tuple
    qualifiers: list  # (phrase, qualifier, position), longest first
    scopes: list  # (scope, cue, where)
    verbs: frozenset  # speech, claim, report and estimate verbs
    postposed: frozenset  # "kata X", "said X": the verb before its speaker
    preposed: frozenset  # "X mengatakan", "X said": the speaker before the verb
    according_to: frozenset  # "menurut X"
    citations: frozenset
    estimate_nouns: frozenset
    prepositions: frozenset  # prepositions, conjunctions and relative words: after them a country is no nationality
    places: frozenset  # prepositions only: after them a name is a place or an object, not a speaker
    count_nouns: frozenset
    stop_words: frozenset  # the language's function words: after a number they are not its unit


@lru_cache(maxsize=None)
def estimate_lexicon(lang: str) -> EstimateLexicon:
    lex = resources.lexicon(lang)
    verbs = lex.table("attribution_verbs")
    quantity_words = lex.table("quantity_words")
    return EstimateLexicon(
        troops=lex.words("troop_nouns", "noun"),
        troop_modifiers=lex.words("troop_modifiers"),
        backrefs=tuple(p.lower() for p in lex.column("troop_backrefs", "phrase")),
        qualifiers=sorted(((r["phrase"], r["qualifier"], r["position"]) for r in lex.table("qualifiers")),
                          key=lambda q: -len(q[0].split())),
        scopes=[(r["scope"], r["cue"], r["where"]) for r in lex.table("scopes")],
        verbs=frozenset(r["verb"] for r in verbs if r["kind"] in {"speech", "claim", "report", "estimate"}),
        postposed=frozenset(r["verb"] for r in verbs if r["order"] in {"postposed", "any"}),
        preposed=frozenset(r["verb"] for r in verbs if r["order"] in {"preposed", "any"}),
        according_to=frozenset(r["verb"] for r in verbs if r["kind"] == "source" and r["verb"] not in
                               lex.words("citation_cues", "cue")),
        citations=lex.words("citation_cues", "cue"),
        estimate_nouns=lex.words("estimate_nouns", "noun"),
        prepositions=lex.words("prepositions"),
        places=frozenset(r["word"] for r in lex.table("prepositions") if r["kind"] == "preposition"),
        count_nouns=frozenset(r["form"].lower() for r in quantity_words if r["kind"] == "count_noun"),
        stop_words=frozenset(spacy.util.get_lang_class(lang).Defaults.stop_words),
    )


@lru_cache(maxsize=1)
def groups() -> dict[str, str]:
    return {r["key"]: r["group"] for r in resources.shared("claimant_groups")}


@lru_cache(maxsize=1)
def force_entity() -> str:
    """The gazetteer id of the force whose troops the ledger counts."""
    return {r["key"]: r["value"] for r in resources.shared("story")}["force_entity"]


def claimant_group(entity_id: str) -> str:
    table = groups()
    if entity_id in table:
        return table[entity_id]
    affiliation = gazetteer().affiliation_of(entity_id)
    return table.get(affiliation, "other")
