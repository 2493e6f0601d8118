"""The words the estimate ledger reads, per language, and the claimant groups.

From ``data/lexicons/<lang>/``: troop nouns, back-references (``dari mereka``), qualifiers,
scope cues, attribution verbs (with their order: postposed ``kata X`` or preposed ``X
mengatakan``), citation cues, estimate nouns (``perkiraan``), prepositions; from
``data/lexicons/``: claimant groups and the story's force (``story.csv``). Reads, writes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..nlp.gazetteer import gazetteer

SCOPES = ["total_sent", "front", "theatre", "training", "promised", "batch",
          "killed", "wounded", "casualties", "captured", "missing"]


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
    self_speaking: frozenset  # "katanya", "ujarnya": the verb's suffix is its speaker (a person named before)
    according_to: frozenset  # "menurut X"
    citations: frozenset
    estimate_nouns: frozenset
    prepositions: frozenset  # prepositions, conjunctions and relative words: after them a country is no nationality
    conjunctions: frozenset  # "dan", "or": join coordinated words ("tewas atau terluka")
    agents: frozenset  # "by", "oleh": the agent of a passive verb ("confirmed by X")
    places: frozenset  # prepositions only: after them a name is a place or an object, not a speaker
    count_nouns: frozenset
    casualty_after: frozenset  # casualty nouns that count only right after the number ("3.000 nyawa")
    purpose: frozenset  # "to", "untuk" before a verb: a purpose clause, another predicate
    back_references: tuple  # sentence openers that point to the sentence before ("This was confirmed by X")
    complementizers: frozenset  # "that", "bahwa": what follows is said, not only attributed
    hypothetical: frozenset  # "may", "mungkin": a casualty word after them is a projection
    earlier: frozenset  # "sebelumnya", "previously": a claim made on an earlier, unstated day
    partitives: frozenset  # "dari", "of": before the whole a part is taken from ("1.000 dari 11.000 tentara")
    person_nouns: frozenset  # "orang", "people": count persons, troops when a casualty word governs them
    hedges: frozenset  # "believed", "diyakini": between a figure and its casualty word
    casualty: dict  # casualty word -> killed | wounded | casualties | captured | missing
    non_count_units: frozenset  # "percent", "persen": a share, never a head count
    pronouns: dict  # "dia", "the official", "badan itu" -> person | official | body
    official_nouns: frozenset  # "pejabat", "official": an anonymous speaker for the country named with him
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
        preposed=frozenset(r["verb"] for r in verbs if r["order"] in {"preposed", "any", "self"}),
        self_speaking=frozenset(r["verb"] for r in verbs if r["order"] == "self"),
        according_to=frozenset(r["verb"] for r in verbs if r["kind"] == "source"),
        citations=lex.words("citation_cues", "cue"),
        estimate_nouns=lex.words("estimate_nouns", "noun"),
        prepositions=lex.words("prepositions"),
        conjunctions=frozenset(r["word"] for r in lex.table("prepositions") if r["kind"] == "conjunction"),
        agents=frozenset(r["word"] for r in lex.table("prepositions") if r["kind"] == "agent"),
        places=frozenset(r["word"] for r in lex.table("prepositions") if r["kind"] == "preposition"),
        count_nouns=frozenset(r["form"].lower() for r in quantity_words if r["kind"] == "count_noun"),
        casualty_after=frozenset(r["word"] for r in lex.table("casualty_words") if r["where"] == "after"),
        purpose=lex.words("purpose_markers"),
        back_references=tuple(sorted(lex.words("back_references", "opener"), key=len, reverse=True)),
        complementizers=lex.words("complementizers"),
        hypothetical=lex.words("hypothetical_cues"),
        earlier=lex.words("earlier_cues", "cue"),
        partitives=frozenset(r["form"].lower() for r in quantity_words if r["kind"] == "partitive"),
        person_nouns=frozenset(r["form"].lower() for r in quantity_words if r["kind"] == "person_noun"),
        hedges=lex.words("hedge_verbs"),
        casualty=lex.mapping("casualty_words", "word", "scope"),
        non_count_units=frozenset(r["form"].lower() for r in quantity_words if r["kind"] == "non_count_unit"),
        stop_words=resources.stop_words(lang),
        pronouns=lex.mapping("pronouns", "form", "kind"),
        official_nouns=lex.words("official_nouns", "noun"),
    )


@lru_cache(maxsize=1)
def groups() -> dict[str, str]:
    return {r["key"]: r["group"] for r in resources.shared("claimant_groups")}


@lru_cache(maxsize=1)
def force_entity() -> str:
    """The gazetteer id of the force whose troops the ledger counts."""
    return {r["key"]: r["value"] for r in resources.shared("story")}["force_entity"]


def claimant_group(entity_id: str, affiliation: str = "") -> str:
    """The group an entity speaks for: its own (a country, an alliance), its gazetteer
    affiliation's, or, for a speaker the gazetteer does not know, that of the country or body
    its title or appositive names (``juru bicara Kementerian Pertahanan Korea Selatan X``)."""
    table = groups()
    if entity_id in table:
        return table[entity_id]
    own = gazetteer().affiliation_of(entity_id)
    if own in table:
        return table[own]
    if affiliation and affiliation != entity_id:
        return claimant_group(affiliation)
    return "other"
