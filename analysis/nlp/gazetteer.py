"""The story's actors (``data/gazetteer.csv``) and name normalisation.

:func:`normalise` (case, diacritics, hyphens, spaces) and :func:`fold` (transliteration-aware
key from ``data/lexicons/transliteration.csv``: J/Y and Yong/Young in Korean names, ou/au/ow,
c/s, doubled letters ...) make spellings comparable; :class:`Gazetteer` indexes every
canonical name, alias and correct alternative spelling. Reads data/, writes nothing.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from ..errors import InputError
from ..paths import GAZETTEER


@lru_cache(maxsize=200_000)
def normalise(name: str) -> str:
    """Lower case, diacritics, hyphens, spaces and punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).lower()


def normalise_spaced(name: str) -> str:
    """Like :func:`normalise` but word breaks kept as single spaces."""
    return " ".join(normalise(word) for word in re.split(r"[\s\-]+", name) if normalise(word))


@lru_cache(maxsize=1)
def _folds() -> tuple[tuple[str, str, str], ...]:
    """(tier, pattern, replacement) in file order: the order they are applied in."""
    return tuple((row["tier"], row["pattern"], row["replacement"]) for row in resources.shared("transliteration"))


@lru_cache(maxsize=200_000)
def fold(name: str, tiers: tuple[str, ...] = ("spelling", "syllable", "romanisation")) -> str:
    """Transliteration-aware key: ``normalise`` then the fold rules of ``tiers`` (in file
    order); the spelling tier also collapses doubled letters. ``Nouceda``, ``Nowseda``,
    ``Nausseda`` and ``Nausėda`` share one key; so do ``Kim Jong-hyun`` and ``Kim Yong-hyun``
    (syllable tier: one person, spelt wrong). The ``romanisation`` tier alone is what an
    accepted transliteration may differ by (``Zelenskiy`` / ``Zelenskyy``)."""
    key = normalise(name)
    if "spelling" in tiers:
        key = re.sub(r"(.)\1+", r"\1", key)
    for tier, pattern, replacement in _folds():
        if tier in tiers:
            key = key.replace(pattern, replacement)
    return re.sub(r"(.)\1+", r"\1", key) if "spelling" in tiers else key


ROMAN_NUMERAL = re.compile(r"[IVX]+")  # a generational suffix ("Lloyd J. Austin III"), never a surname
CARRIER_TYPES = frozenset({"news_agency"})  # outlets: they report claims, they never make them


@dataclass(frozen=True)
class Entity:
    entity_id: str
    canonical: str
    label: str
    role: str  # roles as the press writes them, in any language, ';'-separated
    affiliation: str
    type: str  # news_agency | state_media | ""
    forms: tuple[str, ...]  # canonical, aliases and correct alternative spellings
    wikidata: str

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(r.strip() for r in self.role.split(";") if r.strip())


class Gazetteer:
    def __init__(self, rows: list[dict[str, str]]):
        self.entities: dict[str, Entity] = {}
        self.by_form: dict[str, str] = {}
        self.standard: dict[str, set[str]] = {}
        self.surnames: dict[str, set[str]] = {}  # folded surname/family-name token -> person ids
        self.folded: dict[str, list[tuple[str, str]]] = {"full": [], "romanisation": []}
        self.roles: dict[str, list[set[str]]] = {}
        for row in rows:
            forms = [row["canonical"]] + [f.strip() for f in (row["aliases"] + ";" + row["variants"]).split(";")
                                          if f.strip()]
            entity = Entity(row["entity_id"], row["canonical"], row["label"], row["role"], row["affiliation"],
                            row.get("type", ""), tuple(dict.fromkeys(forms)), row["wikidata"])
            self.entities[entity.entity_id] = entity
            standard = set()
            for form in entity.forms:
                self.by_form.setdefault(normalise(form), entity.entity_id)
                standard.add(normalise(form))
                if entity.label == "PERSON":
                    self.folded["full"].append((fold(form), entity.entity_id))
                    self.folded["romanisation"].append((fold(form, ("romanisation",)), entity.entity_id))
                    tokens = [t for t in re.split(r"\s+", form) if not ROMAN_NUMERAL.fullmatch(t)]  # "Austin III"
                    for token in {tokens[0], tokens[-1]} if len(tokens) > 1 else set():
                        if len(token) > 2:
                            standard.add(normalise(token))
                            self.surnames.setdefault(fold(token), set()).add(entity.entity_id)
            self.standard[entity.entity_id] = standard
            if entity.roles and entity.label == "PERSON":
                self.roles[entity.entity_id] = [{w.lower() for w in role.split()} for role in entity.roles]

    def phrases(self) -> list[str]:
        return [form for e in self.entities.values() for form in e.forms]

    def affiliation_of(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.affiliation if entity else ""


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    try:
        with GAZETTEER.open(encoding="utf-8", newline="") as handle:
            return Gazetteer(list(csv.DictReader(handle, strict=True)))
    except (csv.Error, KeyError) as exc:
        raise InputError(f"{GAZETTEER}: malformed gazetteer: {exc}") from None
