"""Entity layer: who is who, and which spellings the coverage uses.

The ``entity_tagger`` spaCy component finds mentions in two ways:

* gazetteer matches (PhraseMatcher over every canonical name, alias and correct
  alternative spelling in ``data/gazetteer.csv``);
* candidate proper names not in the gazetteer: runs of capitalised words, with
  hyphenated Korean-style names joined (``Kim Yong-hyun``), leading titles stripped
  and kept as the mention's role (``Menteri Pertahanan``), and function words,
  months, weekdays and sentence-initial verbs (``Mengonfirmasi``) left out.

Each candidate is canonicalised, in order: exact alias (after case, hyphen and
diacritic normalisation) -> surname of a person introduced earlier in the same
article -> fuzzy match (rapidfuzz) after transliteration-aware folding
(``data/lexicons/transliteration.csv``: J/Y and Yong/Young in Korean names, ou/au/ow,
c/s, doubled letters, y/i ...) -> role match (a name introduced with a role the
gazetteer gives to someone else is that person, misnamed) -> a new entity. New
entities are clustered across the corpus by :func:`cluster_new` so that a corpus
whose people are not in the gazetteer still gets its variant table.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import dates, lexicons
from .paths import DATA

SPAN_KEY = "mentions"
FUZZY_MIN = 88  # folded-name similarity for a fuzzy match
SURNAME_FUZZY_MIN = 90
ROLE_MIN = 0.6  # share of the gazetteer role's words found in the mention's role phrase
# Indonesian verbal/nominal morphology of a capitalised sentence-initial word
# (meN- verbs, ber-/ter-/di- ...-kan/-i/-nya, ber+consonant verbs, -ngan nouns):
# "Mengonfirmasi", "Diperkirakan", "Bergerak", "Dukungan". Names rarely take these shapes.
VERBAL_SHAPE = re.compile(
    r"^me(ng|ny|m|n)[a-z]{3,}$|^(ber|ter|di)[a-z]{3,}(kan|i|nya)$|^ber[gjklptsbdc][a-z]{3,}$|^[a-z]{3,}ngan$"
    r"|^[a-z]{3,}kan$"  # sentence-initial imperatives: "Pastikan", "Bayangkan"
)
KOREAN_NAME = re.compile(r"\b[A-Z][a-z]+-[a-z]+\b")  # "Yong-hyun", not "Indo-Pasifik"
TITLE_CASE_SHARE = 0.6  # a line where most words are capitalised is a headline
SENTENCE_OPENERS = {"", ".", "“", '"', "…", "—", "–", "‘", "?", "!", "(", ":"}

if not Span.has_extension("mention"):
    Span.set_extension("mention", default=None)


# --------------------------------------------------------------------------- normalisation


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
    return tuple((row["tier"], row["pattern"], row["replacement"]) for row in lexicons.load("transliteration"))


@lru_cache(maxsize=200_000)
def fold(name: str, tiers: tuple[str, ...] = ("spelling", "romanisation")) -> str:
    """Transliteration-aware key: ``normalise`` then the fold rules of ``tiers``
    (applied in file order); the spelling tier also collapses doubled letters. ``Nouceda``,
    ``Nowseda``, ``Nausseda`` and ``Nausėda`` share one key; so do ``Kim Jong-hyun``
    and ``Kim Yong-hyun`` (romanisation tier alone)."""
    key = normalise(name)
    if "spelling" in tiers:
        key = re.sub(r"(.)\1+", r"\1", key)
    for tier, pattern, replacement in _folds():
        if tier in tiers:
            key = key.replace(pattern, replacement)
    return re.sub(r"(.)\1+", r"\1", key) if "spelling" in tiers else key


# --------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class Entity:
    entity_id: str
    canonical: str
    label: str
    role: str
    affiliation: str
    forms: tuple[str, ...]  # canonical, aliases and correct alternative spellings
    wikidata: str


class Gazetteer:
    def __init__(self, rows: list[dict[str, str]]):
        self.entities: dict[str, Entity] = {}
        self.by_form: dict[str, str] = {}
        self.standard: dict[str, set[str]] = {}
        self.surnames: dict[str, set[str]] = {}  # folded surname/family-name token -> person ids
        self.folded: dict[str, list[tuple[str, str]]] = {"full": [], "romanisation": []}
        self.roles: dict[str, set[str]] = {}
        for row in rows:
            forms = [row["canonical"]] + [f.strip() for f in (row["aliases"] + ";" + row["variants"]).split(";")
                                          if f.strip()]
            entity = Entity(row["entity_id"], row["canonical"], row["label"], row["role"], row["affiliation"],
                            tuple(dict.fromkeys(forms)), row["wikidata"])
            self.entities[entity.entity_id] = entity
            standard = set()
            for form in entity.forms:
                self.by_form.setdefault(normalise(form), entity.entity_id)
                standard.add(normalise(form))
                if entity.label == "PERSON":
                    self.folded["full"].append((fold(form), entity.entity_id))
                    self.folded["romanisation"].append((fold(form, ("romanisation",)), entity.entity_id))
                    tokens = re.split(r"\s+", form)
                    for token in {tokens[0], tokens[-1]} if len(tokens) > 1 else set():
                        if len(token) > 2:
                            standard.add(normalise(token))
                            self.surnames.setdefault(fold(token), set()).add(entity.entity_id)
            self.standard[entity.entity_id] = standard
            if row["role"] and entity.label == "PERSON":
                self.roles[entity.entity_id] = {w.lower() for w in row["role"].split()}

    def phrases(self) -> list[str]:
        return [form for e in self.entities.values() for form in e.forms]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    import csv

    with (DATA / "gazetteer.csv").open(encoding="utf-8", newline="") as handle:
        return Gazetteer(list(csv.DictReader(handle)))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Capitalised words that never start or join a name on their own."""
    words = set(lexicons.column("function_words", "word"))
    words |= {w.capitalize() for w in dates.months()} | {w.capitalize() for w in dates.weekdays()}
    words |= {w.capitalize() for forms in dates.temporal_words().values() for w in forms if " " not in w}
    return frozenset(words)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicons.column("title_words", "word"))


@lru_cache(maxsize=1)
def _lowercase_titles() -> frozenset[str]:
    """Title words that are titles even in lower case ("juru bicara", "anggota")."""
    return frozenset(r["word"].lower() for r in lexicons.load("title_words") if r["lowercase_ok"] == "yes")


def _is_title(token) -> bool:
    return token.lower_ in _titles() and (token.text[:1].isupper() or token.lower_ in _lowercase_titles())


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    return frozenset(lexicons.column("org_words", "word"))


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicons.column("english_words", "word"))


def headline_like(text: str) -> bool:
    """Most words capitalised (title-case headline, promo, related-story line)."""
    words = [w for w in re.findall(r"[^\W\d_]+", text)]
    if len(words) < 4:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(r["verb"] for r in lexicons.load("attribution_verbs") if r["kind"] == "speech")


# --------------------------------------------------------------------------- component


@Language.factory("entity_tagger")
def make_entity_tagger(nlp: Language, name: str) -> "EntityTagger":
    return EntityTagger(nlp)


class EntityTagger:
    def __init__(self, nlp: Language):
        self.gaz = gazetteer()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.caseless = PhraseMatcher(nlp.vocab, attr="LOWER")
        forms = self.gaz.phrases()
        self.exact.add("GAZ", [nlp.make_doc(f) for f in forms])
        self.caseless.add("GAZ", [nlp.make_doc(f) for f in forms if len(f.split()) > 1])
        self.form_entity = {normalise(f): e.entity_id for e in self.gaz.entities.values() for f in e.forms}

    def __call__(self, doc: Doc) -> Doc:
        found = [doc[s:e] for _, s, e in self.exact(doc)] + [doc[s:e] for _, s, e in self.caseless(doc)]
        gaz_spans = filter_spans(found)
        occupied = {i for span in gaz_spans for i in range(span.start, span.end)}
        mentions: list[Span] = []
        for span in gaz_spans:
            entity = self.gaz.entities[self.form_entity[normalise(span.text)]]
            mentions.append(self._make(span, entity, "alias", 100.0, span.text, self._role(doc, span.start)))
        resolved_people: list[tuple[Span, str]] = [(m, m._.mention["entity_id"]) for m in mentions
                                                    if m._.mention["label"] == "PERSON"]
        for start, end in self._candidates(doc, occupied):
            span = doc[start:end]
            role = self._role(doc, start)
            earlier = [(m, eid) for m, eid in resolved_people if m.start < start]
            mention = self._resolve(span, _name(span), role, earlier)
            if mention is not None and mention._.mention["match"] == "new" and end - start > 1:
                # "Komentar Nowseda": a sentence-initial noun glued to a known name
                rest = self._resolve(doc[start + 1:end], _name(doc[start + 1:end]), role, earlier)
                if rest is not None and rest._.mention["match"] != "new":
                    mention = rest
            if mention is not None and mention._.mention["match"] == "new" and self._weak(mention):
                mention = None
            if mention is not None:
                mentions.append(mention)
                if mention._.mention["label"] == "PERSON" and mention._.mention["entity_id"]:
                    resolved_people.append((mention, mention._.mention["entity_id"]))
        doc.spans[SPAN_KEY] = sorted(mentions, key=lambda s: s.start)
        return doc

    # -- candidates ------------------------------------------------------------

    def _candidates(self, doc: Doc, occupied: set[int]) -> list[tuple[int, int]]:
        """Token ranges of capitalised runs outside gazetteer matches, titles stripped;
        ``Vladimir) Putin`` (a bracketed editor insertion) is one candidate."""
        stop = _stop_words()
        is_name = [False] * len(doc)
        for i, t in enumerate(doc):
            word = t.text
            if i in occupied or len(word) < 2 or not word[0].isupper() or not word.replace("'", "").isalpha():
                continue
            if word in stop:
                continue
            previous = doc[i - 1].text if i else ""
            if previous in SENTENCE_OPENERS and word[1:].islower() and VERBAL_SHAPE.match(word.lower()):
                continue
            is_name[i] = True
        runs, i = [], 0
        while i < len(doc):
            if not is_name[i]:
                i += 1
                continue
            j = i + 1
            while j < len(doc):
                if is_name[j] and doc[j - 1].whitespace_:
                    j += 1
                elif (doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_
                      and j + 1 < len(doc) and doc[j + 1].is_alpha and j + 1 not in occupied):
                    j += 2  # Yong-hyun
                elif is_name[j] and doc[j - 1].text != "-":
                    j += 1
                else:
                    break
            while i < j and _is_title(doc[i]):
                i += 1
            if i < j:
                runs.append([i, j])
            i = j
        merged: list[list[int]] = []
        for run in runs:  # "(Presiden Rusia Vladimir) Putin"
            if merged and run[0] == merged[-1][1] + 1 and doc[merged[-1][1]].text == ")" \
                    and merged[-1][1] - merged[-1][0] == 1 and run[1] - run[0] == 1:
                merged[-1][1] = run[1]
            else:
                merged.append(run)
        return [(a, b) for a, b in merged]

    def _role(self, doc: Doc, start: int) -> str:
        """Title phrase right before a mention: title words, 'untuk', and country or
        body names among them (``Sekretaris Jenderal NATO``, ``juru bicara Pentagon``,
        ``Duta Besar Ukraina untuk PBB``), starting at the first title word."""
        k = start
        while k > 0 and start - k < 8:
            t = doc[k - 1]
            if _is_title(t) or t.lower_ == "untuk" or (t.text[:1].isupper() and t.is_alpha):
                k -= 1
            else:
                break
        while k < start and not _is_title(doc[k]):
            k += 1
        return doc[k:start].text if k < start else ""

    # -- canonicalisation ------------------------------------------------------

    def _resolve(self, span: Span, name: str, role: str, earlier) -> Span | None:
        gaz = self.gaz
        key = normalise(name)
        tokens = name.split()
        if key in gaz.by_form:
            return self._make(span, gaz.entities[gaz.by_form[key]], "alias", 100.0, name, role)
        if len(tokens) == 1:
            hit = self._surname(name, earlier)
            if hit is not None:
                entity_id, score = hit
                return self._make(span, gaz.entities[entity_id], "surname", score, name, role)
        else:
            hit = self._fuzzy(name)
            if hit is not None:
                entity_id, score = hit
                return self._make(span, gaz.entities[entity_id], "fuzzy", score, name, role)
        hit = self._by_role(name, role)
        if hit is not None:
            entity_id, score = hit
            return self._make(span, gaz.entities[entity_id], "role", score, name, role)
        label = self._new_label(span, tokens, role)
        if label is None:
            return None
        span = Span(span.doc, span.start, span.end, label=label)
        span._.mention = {"label": label, "canonical": name, "entity_id": "", "match": "new", "score": 0.0,
                          "is_variant": False, "variant_kind": "", "role": role, "name": name}
        return span

    def _surname(self, name: str, earlier) -> tuple[str, float] | None:
        key = fold(name)
        for mention, entity_id in reversed(earlier):  # the nearest introduction wins
            parts = mention._.mention["name"].split()
            canonical = self.gaz.entities[entity_id].canonical.split() if entity_id in self.gaz.entities else []
            for part in {parts[0], parts[-1], *(canonical[:1] + canonical[-1:])}:
                if fold(part) == key:
                    return entity_id, 100.0 if normalise(part) == normalise(name) else 95.0
                score = fuzz.ratio(fold(part), key)
                if len(key) > 4 and score >= SURNAME_FUZZY_MIN:
                    return entity_id, score
        people = self.gaz.surnames.get(key, set())
        if len(people) == 1:
            return next(iter(people)), 90.0
        return None

    def _fuzzy(self, name: str) -> tuple[str, float] | None:
        choices = self.gaz.folded["full"]
        best = process.extractOne(fold(name), [c for c, _ in choices], scorer=fuzz.ratio)
        if best and best[1] >= FUZZY_MIN:
            return choices[best[2]][1], round(float(best[1]), 1)
        return None

    def _by_role(self, name: str, role: str) -> tuple[str, float] | None:
        words = {w.lower() for w in role.split()}
        if len(words) < 2:
            return None
        scored = []
        for entity_id, role_words in self.gaz.roles.items():
            share = len(words & role_words) / len(role_words)
            if share >= ROLE_MIN:
                canonical = self.gaz.entities[entity_id].canonical
                similarity = fuzz.token_set_ratio(fold(name), fold(canonical)) / 100
                scored.append((share + similarity, entity_id))
        scored.sort(reverse=True)
        if scored and (len(scored) == 1 or scored[0][0] - scored[1][0] > 0.15):
            return scored[0][1], round(100 * scored[0][0] / 2, 1)
        return None

    def _weak(self, span: Span) -> bool:
        """A new name too doubtful to report: in a headline-like line, or made of
        English words (an untranslated fragment, reported by analysis.translation)."""
        line_start = span.doc.text.rfind("\n", 0, span.start_char) + 1
        line_end = span.doc.text.find("\n", span.end_char)
        line = span.doc.text[line_start: line_end if line_end >= 0 else len(span.doc.text)]
        words = [t.lower_ for t in span if t.is_alpha]
        return headline_like(line) or all(w in _english() for w in words)

    def _new_label(self, span: Span, tokens: list[str], role: str) -> str | None:
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if any(t in _org_words() for t in tokens):
            return "ORG" if len(tokens) > 1 else None  # a bare "Badan" is not a name
        speech = before in _speech_verbs() or after in _speech_verbs()
        korean = bool(KOREAN_NAME.search(span.text))
        if len(tokens) == 1:  # one unknown word: only with a speech verb or a Korean-style name
            return "PERSON" if speech or korean else None
        if role or speech or korean or (len(tokens) <= 4 and all(t[:1].isupper() and not t.isupper() for t in tokens)):
            return "PERSON"
        return None  # a lone capitalised word or acronym without cues: too weak to be an entity

    def _make(self, span: Span, entity: Entity, match: str, score: float, name: str, role: str) -> Span:
        span = Span(span.doc, span.start, span.end, label=entity.label)
        standard = normalise(name) in self.gaz.standard[entity.entity_id]
        span._.mention = {
            "label": entity.label, "canonical": entity.canonical, "entity_id": entity.entity_id,
            "match": match, "score": score, "is_variant": match == "role" or not standard,
            "variant_kind": variant_kind(name, entity, match, self.gaz), "role": role, "name": name,
        }
        return span


def _name(span: Span) -> str:
    """The name a span spells, without editor brackets: "Vladimir) Putin" -> "Vladimir Putin"."""
    return " ".join(t.text for t in span if t.text not in {"(", ")"}).replace(" - ", "-")


def variant_kind(name: str, entity: Entity, match: str, gaz: Gazetteer) -> str:
    """standard | surname | transliteration | misspelling | substitution."""
    if match == "role":
        return "substitution"
    key = normalise(name)
    if key in {normalise(f) for f in entity.forms}:
        return "standard"
    if key in gaz.standard[entity.entity_id]:
        return "surname"
    rom = fold(name, ("romanisation",))
    targets = [f for f in entity.forms] + [t for f in entity.forms for t in f.split()]
    if any(fold(t, ("romanisation",)) == rom for t in targets):
        return "transliteration"
    return "misspelling"
