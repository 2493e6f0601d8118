"""Who each name in one article is: the per-article canonicalisation of mentions.

Reads the spans the ``entity_tagger`` put in ``doc.spans["mentions"]`` of every chunk, in text
order, and decides for each candidate name, in order: exact alias (after case, hyphen and
diacritic normalisation) -> surname of a person introduced earlier in the same article ->
fuzzy match (rapidfuzz) after transliteration-aware folding -> role match (a name introduced
with a role the gazetteer gives to someone else is that person, misnamed) -> a new entity (or
nothing, when the name is too weak). The decision is written back into ``span._.mention``
and the chunk's span group keeps only the mentions. Returns the mention rows.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process
from spacy.tokens import Span

from ..article import ArticleContext
from ..nlp.entities import SPAN_KEY, name_of
from ..nlp.gazetteer import Entity, Gazetteer, fold, gazetteer, normalise
from .kinds import VARIANT_KINDS, kind_of, native_forms

FUZZY_MIN = 88  # folded-name similarity for a fuzzy match
SURNAME_FUZZY_MIN = 90
ROLE_MIN = 0.6  # share of the gazetteer role's words found in the mention's role phrase
MENTION_FIELDS = ["label", "canonical", "entity_id", "match", "score", "is_variant", "variant_kind", "role", "name",
                  "affiliation"]
NOT_PEOPLE = {"ORG", "LOC"}  # model types that rule a person out
INTRODUCED = 95  # surname score of a person the article named earlier (same spelling after folding)
SUFFIX_LENGTH = 3  # "co", "com", "net" before a country code: not the site's name
ROLE_NAME_SIMILARITY = 0.5  # a misnamed person still shares something of the name ("Mark Roth" / "Mark Rutte")


class Canonicaliser:
    """Resolves the mentions of one article, remembering who was introduced."""

    def __init__(self, outlet: str = "", url: str = ""):
        self.gaz: Gazetteer = gazetteer()
        self.people: dict[str, tuple[int, str]] = {}  # spelled name -> (last position, entity id)
        self.new_people: dict[str, str] = {}  # full names of people the gazetteer does not know -> affiliation
        self.outlet = outlet_names(outlet, url)

    def resolve(self, span: Span, position: int) -> dict | None:
        m = span._.mention
        if m["source"] == "gazetteer":
            entity = self.gaz.entities[m["entity_id"]]
            return dict(self._make(entity, "alias", 100.0, m["name"], m["role"]), affiliation=m["affiliation"])
        own = normalise(m["name"]) in self.outlet
        if m.get("outlet") or own:
            # "SEOUL, Warta Nusantara -": the outlet that publishes the article; "harian X": an outlet
            # that reports; neither is an actor in the story
            return {"label": "ORG", "canonical": m["name"], "entity_id": "", "match": "outlet", "score": 0.0,
                    "is_variant": False, "variant_kind": "", "role": "", "name": m["name"], "affiliation": "",
                    "own_outlet": own}
        result = self._candidate(m["name"], m["role"], m["new_label"])
        if result is not None and result["label"] == "PERSON" and m.get("model") in NOT_PEOPLE \
                and not (result["match"] == "alias" or result["match"] == "surname" and result["score"] >= INTRODUCED):
            return None  # the trained tagger reads a place or a body here: only a known name or the surname of
            # someone this article named ("Komentar Nowseda" after "Gitanas Nausėda") outranks it
        if result is not None and result["match"] == "new" and m["tail"] is not None:
            # "Komentar Nowseda": a sentence-initial noun glued to a known name
            tail = self._candidate(m["tail"][1], m["role"], None)
            if tail is not None and tail["match"] != "new":
                result = dict(tail, _tail=m["tail"][0])
        if m["weak"] and (result is None or result["match"] == "new"):
            # "Zelensky Ungkap Kondisinya" in a title-case headline: a known name, then headline words
            return self._known_head(m)
        if result is None:
            return None
        affiliation = m["affiliation"] or self._introduced_affiliation(result)
        return dict(result, affiliation=affiliation, byline=bool(m.get("byline")))

    def _known_head(self, m: dict) -> dict | None:
        """The longest beginning of a doubtful run that names someone the gazetteer knows (by an
        alias, or a surname this article introduced or the gazetteer gives one person), or None."""
        for end, name in m.get("heads") or ():
            head = self._candidate(name, m["role"], None)
            if head is not None and head["label"] == "PERSON" and head["match"] in {"alias", "surname"} \
                    and head["score"] >= 90:
                return dict(head, _head=end, affiliation=m["affiliation"])
        return None

    def remember(self, mention: dict, position: int) -> None:
        if mention["label"] == "PERSON" and mention["entity_id"]:
            self.people[mention["name"]] = (position, mention["entity_id"])
        elif mention["label"] == "PERSON" and mention["match"] == "new" and len(mention["name"].split()) > 1:
            self.new_people[mention["name"]] = mention.get("affiliation", "")

    def _candidate(self, name: str, role: str, new_label: str | None) -> dict | None:
        gaz = self.gaz
        key = normalise(name)
        tokens = name.split()
        if key in gaz.by_form:
            return self._make(gaz.entities[gaz.by_form[key]], "alias", 100.0, name, role)
        if len(tokens) == 1:
            hit = self._surname(name)
            if hit is not None:
                return self._make(gaz.entities[hit[0]], "surname", hit[1], name, role)
            if self._new_surname(name):  # "Han" after "Han Seo-jin": the person introduced earlier
                new_label = "PERSON"
        else:
            hit = _fuzzy(name) or next(filter(None, map(_fuzzy, native_forms(name))), None)  # "Alexander X" for "Oleksandr X"
            if hit is not None and self._roles_agree(role, hit[0]):
                return self._make(gaz.entities[hit[0]], "fuzzy", hit[1], name, role)
        hit = self._by_role(name, role)
        if hit is not None:
            return self._make(gaz.entities[hit[0]], "role", hit[1], name, role)
        if new_label is None:
            return None
        return {"label": new_label, "canonical": name, "entity_id": "", "match": "new", "score": 0.0,
                "is_variant": False, "variant_kind": "", "role": role, "name": name}

    def _surname(self, name: str) -> tuple[str, float] | None:
        key = fold(name)
        for spelled, (_, entity_id) in sorted(self.people.items(), key=lambda kv: -kv[1][0]):  # nearest first
            parts = spelled.split()
            canonical = self.gaz.entities[entity_id].canonical.split() if entity_id in self.gaz.entities else []
            forms = list(dict.fromkeys([parts[0], parts[-1], *(canonical[:1] + canonical[-1:])]))  # in a fixed order
            same = [part for part in forms if fold(part) == key]
            if same:  # spelt as in the text (100) or as the text with accents or case folded (95)
                return entity_id, 100.0 if any(normalise(part) == normalise(name) for part in same) else 95.0
            score = max((fuzz.ratio(fold(part), key) for part in forms), default=0)
            if len(key) > 4 and score >= SURNAME_FUZZY_MIN:
                return entity_id, score
        people = self.gaz.surnames.get(key, set())
        if len(people) == 1:
            return next(iter(people)), 90.0
        return None

    def _introduced_affiliation(self, mention: dict) -> str:
        """"Yoo" after "Yoo Jae-hwan, a member of ... committee": what the full introduction said."""
        if mention["match"] != "new" or len(mention["name"].split()) != 1:
            return ""
        key = fold(mention["name"])
        return next((aff for full, aff in self.new_people.items()
                     if key in {fold(full.split()[0]), fold(full.split()[-1])}), "")

    def _new_surname(self, name: str) -> bool:
        key = fold(name)
        return any(key in {fold(full.split()[0]), fold(full.split()[-1])} for full in self.new_people)

    def _roles_agree(self, role: str, entity_id: str) -> bool:
        """A fuzzy spelling match stands unless the mention's own title contradicts the entity's
        (one secretary-general is not another): no shared content word with any of its roles."""
        words = {w.lower() for w in role.split() if len(w) > 2}
        roles = self.gaz.roles.get(entity_id)
        if not words or not roles:
            return True
        return any(words & r for r in roles)

    def _by_role(self, name: str, role: str) -> tuple[str, float] | None:
        words = {w.lower() for w in role.split()} - place_words()
        if len(words) < 2:
            return None
        scored = []
        for entity_id, roles in self.gaz.roles.items():
            share = max(len(words & (r - place_words())) / max(len(r - place_words()), 1) for r in roles)
            if share >= ROLE_MIN:
                canonical = self.gaz.entities[entity_id].canonical
                similarity = fuzz.ratio(fold(name), fold(canonical)) / 100
                if similarity >= ROLE_NAME_SIMILARITY:  # "Laura Kessler" with Austin's title is someone else
                    scored.append((share + similarity, entity_id))
        scored.sort(reverse=True)
        if scored and (len(scored) == 1 or scored[0][0] - scored[1][0] > 0.15):
            return scored[0][1], round(100 * scored[0][0] / 2, 1)
        return None

    def _make(self, entity: Entity, match: str, score: float, name: str, role: str) -> dict:
        kind = "substitution" if match == "role" else kind_of(name, entity.canonical, entity.forms,
                                                                entity.label == "PERSON")
        return {"label": entity.label, "canonical": entity.canonical, "entity_id": entity.entity_id,
                "match": match, "score": score, "is_variant": kind in VARIANT_KINDS,
                "variant_kind": kind, "role": role, "name": name}


def outlet_names(outlet: str, url: str = "") -> frozenset[str]:
    """The article's own outlet as its text may name it, normalised: the manifest's ``outlet``
    and each bracketed or comma-separated part of it (``UrduPoint (APP, AFP copy)``), each without
    a domain suffix (``Suara.com``), and the site name of its ``url`` (``www.rmol.id``: rmol)."""
    parts = [p.strip() for p in re.split(r"[(),;/]", outlet or "") if p.strip()]
    names = {normalise(p) for p in parts} | {normalise(p.split(".")[0]) for p in parts if "." in p}
    labels = (urlsplit(url or "").hostname or "").split(".")[:-1]  # the top-level domain dropped
    if len(labels) > 1 and len(labels[-1]) <= SUFFIX_LENGTH:
        labels = labels[:-1]  # "world.kbs.co.kr", "www.abc.net.au": a second-level suffix
    if labels:
        names.add(normalise(labels[-1]))
    return frozenset(n for n in names if len(n) > 2)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Words of country and place names ("korea", "selatan", "as"): a title's country says where,
    not what the job is, so comparing titles leaves them out."""
    return frozenset(w.lower() for e in gazetteer().entities.values() if e.label in {"GPE", "LOC"}
                     for form in e.forms for w in form.replace(".", " ").split())


@lru_cache(maxsize=50_000)
def _fuzzy(name: str) -> tuple[str, float] | None:
    choices = gazetteer().folded["full"]
    best = process.extractOne(fold(name), [c for c, _ in choices], scorer=fuzz.ratio)
    if best and best[1] >= FUZZY_MIN:
        return choices[best[2]][1], round(float(best[1]), 1)
    return None


def canonicalise(ctx: ArticleContext) -> list[dict]:
    """Resolve every mention of the article (all chunks, in order); return the mention rows
    (``file, start, end, text, label, canonical ... sentence_id, is_boilerplate``)."""
    resolver = Canonicaliser(str(ctx.record.get("outlet") or ""), str(ctx.record.get("url") or ""))
    rows = []
    for offset, doc in ctx.docs:
        kept = []
        for span in doc.spans[SPAN_KEY]:
            position = offset + span.start_char
            mention = resolver.resolve(span, position)
            if mention is None:
                continue
            start_token, end_token = mention.pop("_tail", span.start), mention.pop("_head", span.end)
            if (start_token, end_token) != (span.start, span.end):
                span = Span(doc, start_token, end_token, label=mention["label"])
                mention["name"] = name_of(span)
            else:
                span = Span(doc, span.start, span.end, label=mention["label"])
            span._.mention = mention
            kept.append(span)
            resolver.remember(mention, position)
            start = offset + span.start_char
            sentence = ctx.sentence_at(start)
            rows.append({"file": ctx.file, "start": start, "end": offset + span.end_char, "text": span.text,
                         **{c: mention[c] for c in MENTION_FIELDS},
                         "sentence_id": sentence["sentence_id"], "is_boilerplate": sentence["is_boilerplate"]})
        doc.spans[SPAN_KEY] = kept
    return rows
