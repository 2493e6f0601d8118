"""What a derived sentence says differently from the source sentences it renders
(cross-article stage, one aligned step at a time).

Compared on what each side's own analysis found (numbers as values, people and places as
gazetteer ids, dates resolved against each article's own publication date, speakers), so that
``11,000`` / ``11.000`` / ``11 ribu`` are one number and *Lloyd Austin* / *Lloyd Austin* one
person in any language:

* ``number_changed``: a number of one side has no equal on the other, and the other side has
  an unmatched number too (1.5 million shells -> 1.500 shells);
* ``qualifier_changed``: the same number with another hedge (*more than* -> *sekitar*);
* ``scope_changed``: the same troop figure with another scope, or another scope cue
  (*in the border region* -> *di garis depan*);
* ``name_changed``: a person whom the source does not name where it names someone else, or a
  person spelt differently beyond transliteration;
* ``entity_swapped``: a country the source does not name where it names another (*North
  Korean* -> *Korea Selatan*), or a nationality swap the within-text check found;
* ``attribution_changed``: the figure's speaker belongs to another group (not when either
  sentence names both speakers: the speaker was only read differently); a sentence's speaker
  added or dropped is :mod:`.clauses`;
* ``meaning_changed``: a negation dropped (not one added: languages say "reckless" and "tidak
  bertanggung jawab"; not when the rendering keeps any negation, nor when its clause went
  with it), possibility made certainty, a word turned into its opposite (``antonyms.csv``);
* ``untranslated``: a fragment left in the source's language (the within-text check, or a run
  of its words: ``combat operations``). ``omitted`` and ``added`` come from the alignment.

Polarity words: ``data/lexicons/<lang>/polarity.csv``; scope cues ``scopes.csv``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .. import resources
from ..nlp import wordlang
from ..nlp.gazetteer import fold
from .anchors import concepts
from .roles import named_apart, speaks, with_its_clause

COUNTRY_LABELS = {"GPE"}
PERSON = "PERSON"
SPELLING_KINDS = {"misspelling", "mistranslation", "spelling", "fuzzy"}  # variant kinds beyond transliteration
UNTRANSLATED = {"untranslated_fragment"}
SWAPPED = {"nationality_swap"}
UNCERTAIN_SCOPE = "casualties"
CUE_WINDOW = 25  # characters before a figure searched for a qualifier cue the reading missed
HEDGES = ("hedge", "hedge_reported", "hedge_modal")  # polarity.csv kinds: possibility, hearsay, a modal


@dataclass
class Info:
    """One sentence and what the per-article analyses found in it."""

    file: str
    sentence_id: int
    start: int
    end: int
    text: str
    lang: str
    speaker: str = ""
    speaker_group: str = ""
    mentions: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)  # troop rows and other quantities
    timexes: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)  # within-text translation findings
    _concepts: list | None = field(default=None, repr=False)

    def concepts(self) -> list[tuple[str, int, int]]:
        """The vocabulary concepts of the sentence (computed once: a sentence is compared often)."""
        if self._concepts is None:
            self._concepts = concepts(self.text, self.lang)
        return self._concepts


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def _span(row: dict) -> Span:
    return Span(int(row["start"]), int(row["end"]), str(row["text"]))


def _whole(infos: list[Info]) -> Span:
    return Span(infos[0].start, infos[-1].end, " ".join(i.text for i in infos))


@lru_cache(maxsize=None)
def _polarity(lang: str) -> dict[str, re.Pattern]:
    lex = resources.lexicon(lang)
    if not lex.has("polarity"):
        return {}
    words: dict[str, list[str]] = {}
    for row in lex.table("polarity"):
        words.setdefault(row["kind"], []).append(row["word"].lower())
    return {kind: re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))
                             + r")(?![\w-])", re.IGNORECASE) for kind, ws in words.items()}


@lru_cache(maxsize=None)
def _scope_cues(lang: str) -> tuple[dict[str, str], re.Pattern | None]:
    """``cue -> scope`` for the scopes a place or activity names (a region, the front, training)."""
    cues = {row["cue"].lower(): row["scope"] for row in resources.lexicon(lang).table("scopes")
            if row["scope"] in {"theatre", "front", "training"}}
    if not cues:
        return cues, None
    return cues, re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
                            + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def antonyms() -> frozenset[tuple[str, str]]:
    pairs = set()
    for row in resources.shared("antonyms"):
        pairs.add((row["concept_a"], row["concept_b"]))
        pairs.add((row["concept_b"], row["concept_a"]))
    return frozenset(pairs)


def _matches(infos: list[Info], pattern: re.Pattern | None) -> list[Span]:
    if pattern is None:
        return []
    return [Span(i.start + m.start(), i.start + m.end(), m.group()) for i in infos
            for m in pattern.finditer(i.text.replace("\u2019", "'"))]


def polarity_matches(infos: list[Info], kind: str) -> list[Span]:
    """The step's polarity words of one kind (``polarity.csv``), vocabulary forms excepted."""
    pattern = _polarity(infos[0].lang).get(kind)
    if pattern is None:
        return []
    words = [(c, Span(i.start + a, i.start + b, i.text[a:b])) for i in infos for c, a, b in i.concepts()]
    return [s for s in _outside(_matches(infos, pattern), words) if not _proper(s, infos)]


def _proper(span: Span, infos: list[Info]) -> bool:
    """A polarity word capitalised inside its sentence is a name: a dateline's month (*May 14*)."""
    return span.text[:1].isupper() and any(i.start <= span.start < i.start + len(i.text) and any(
        c.isalnum() for c in i.text[:span.start - i.start]) for i in infos)


def _outside(spans: list[Span], words: list[tuple[str, Span]]) -> list[Span]:
    """Polarity words that are not part of a longer vocabulary form (*tidak sah* = illegal, not a
    negation; *dilaporkan* alone is still a hedge)."""
    return [s for s in spans if not any(w.start <= s.start and s.end <= w.end and w.end - w.start > s.end - s.start
                                        for _, w in words)]


def compare(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """``(kind, detail, derived span, source span)`` for every divergence of one aligned step."""
    out: list[tuple[str, str, Span, Span]] = []
    whole_d, whole_s = _whole(derived), _whole(source)
    for kind, detail, here, there, names in numbers(derived, source):
        if kind == "attribution_changed" and (_named_alike(names, whole_d, whole_s) or _mentioned(names[0], source)
                                              or _mentioned(names[1], derived)):
            continue
        if kind in {"scope_changed", "attribution_changed"}:  # said of the whole clause, not the number
            here, there = whole_d, whole_s
        out.append((kind, detail, here, there))
    out += _people(derived, source)
    out += _countries(derived, source, whole_d, whole_s)
    out += _meaning(derived, source, whole_s)
    out += _scope_words(derived, source)
    for info in derived:
        for f in info.findings:
            if f["kind"] in UNTRANSLATED:
                out.append(("untranslated", f"'{f['text']}' left in the source language", _span(f), whole_s))
    known = [r[2] for r in out if r[0] == "untranslated"]
    for span in _untranslated(derived, whole_s):
        if not any(k.start < span.end and span.start < k.end for k in known):
            out.append(("untranslated", f"'{span.text}' is in the language the text translates from", span, whole_s))
    seen, unique = set(), []
    for row in out:
        key = (row[0], row[2].start, row[2].end, row[3].start)
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def _untranslated(derived: list[Info], whole_s: Span) -> list[Span]:
    """Runs of words of the language the text translates from (:func:`foreign_runs`), or one
    such hyphenated word the aligned source sentence has too (``non-lethal``)."""
    lang = derived[0].lang
    origin = resources.lexicon(lang).settings.get("translated_from", "") if lang in resources.supported_languages() else ""
    if not origin:
        return []
    source_words = set(wordlang.WORD.findall(whole_s.text.lower()))
    out = []
    for info in derived:
        for a, b in wordlang.foreign_runs(info.text, lang, origin):
            out.append(Span(info.start + a, info.start + b, info.text[a:b]))
        for m in wordlang.WORD.finditer(info.text):
            word = m.group()
            if "-" in word and word.islower() and word in source_words and wordlang.clearly(word, origin, lang) \
                    and not any(s.start <= info.start + m.start() < s.end for s in out):
                out.append(Span(info.start + m.start(), info.start + m.end(), word))
    return out


def _values(row: dict) -> set[float]:
    return {v for v in (row.get("value"), row.get("low"), row.get("high")) if v is not None and v == v}


def vague(row: dict) -> bool:
    """A quantity word (*thousands*, *ribuan*), not a figure: a lower bound and no value."""
    value, high = row.get("value"), row.get("high")
    return row.get("qualifier") == "vague" or ((value is None or value != value) and (high is None or high != high))


@lru_cache(maxsize=None)
def _qualifier_cues(lang: str) -> re.Pattern | None:
    """Qualifier cues before a figure: ``qualifiers.csv`` (position ``before``) and ``figure_cues.csv``
    (verbs and adverbs that qualify a figure: *exceeded*, *melampaui*)."""
    lex = resources.lexicon(lang)
    cues = [r["phrase"].lower() for r in lex.table("qualifiers") if r.get("position") == "before"] \
        if lex.has("qualifiers") else []
    cues += [r["phrase"].lower() for r in lex.table("figure_cues")] if lex.has("figure_cues") else []
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
                      + r")(?![\w-])", re.IGNORECASE) if cues else None


def _cued(figure: dict, infos: list[Info]) -> bool:
    """A figure read as exact that a qualifier cue stands just before, a word or two away ('setidaknya
    ada 100'): the reading missed the qualifier, the text did not drop it."""
    at = int(figure["start"])
    info = next((i for i in infos if i.start <= at < i.end), None)
    pattern = _qualifier_cues(info.lang) if info is not None else None
    if pattern is None:
        return False
    return bool(pattern.search(info.text[max(0, at - info.start - CUE_WINDOW):at - info.start]))


def numbers(derived: list[Info], source: list[Info]) -> list:
    """Figures compared with figures, quantity words with quantity words: *ribuan* for *3,000*
    is a vaguer wording, not another number."""
    d = [f for i in derived for f in i.figures]
    s = [f for i in source for f in i.figures]
    out, unmatched_d, used = [], [], set()
    for f in d:
        partner = next((k for k, g in enumerate(s) if k not in used and vague(f) == vague(g)
                        and _values(f) & _values(g)), None)
        if partner is None:
            unmatched_d.append(f)
            continue
        used.add(partner)
        g = s[partner]
        qd, qs = f.get("qualifier") or "exact", g.get("qualifier") or "exact"
        names = (f.get("claimant") or "", g.get("claimant") or "")
        unread = (qd == "exact" and _cued(f, derived)) or (qs == "exact" and _cued(g, source))
        if qd != qs and "range" not in qd + qs and not unread:
            out.append(("qualifier_changed", f"{g['text']}: '{qs}' in the source, '{qd}' here", _span(f), _span(g),
                        names))
        # a casualty scope is read from cue words (killed, captured, ditangkap) the two languages' lexicons
        # do not cover alike: a casualty count against a deployed count is an extraction difference
        if f.get("scope") and g.get("scope") and f["scope"] != g["scope"] \
                and UNCERTAIN_SCOPE not in {f["scope"], g["scope"]}:
            out.append(("scope_changed", f"{g['text']}: scope '{g['scope']}' in the source, '{f['scope']}' here",
                        _span(f), _span(g), names))
        cd, cs = f.get("claimant_group") or "", g.get("claimant_group") or ""
        if cd and cs and not {cd, cs} & {"unattributed", "other"} and cd != cs:  # "other": nobody resolved
            out.append(("attribution_changed", f"{g['text']}: claimed by {cs} in the source, by {cd} here",
                        _span(f), _span(g), names))
    unmatched_s = [g for k, g in enumerate(s) if k not in used and not vague(g)]
    for f, g in zip([f for f in unmatched_d if not vague(f)], unmatched_s):
        out.append(("number_changed", f"{g['text']} in the source, {f['text']} here", _span(f), _span(g), ("", "")))
    return out


def _key(m: dict) -> str:
    return m["entity_id"] or fold(m["canonical"] or m["text"])


def _people(derived: list[Info], source: list[Info]) -> list:
    d = [m for i in derived for m in i.mentions if m["label"] == PERSON]
    s = [m for i in source for m in i.mentions if m["label"] == PERSON]
    s_keys, d_keys = {_key(m) for m in s}, {_key(m) for m in d}
    out = []
    missing = [m for m in s if _key(m) not in d_keys]
    for m in d:
        if _key(m) not in s_keys:
            if missing and named_apart(m, missing[0], (derived[0].lang, source[0].lang)):
                other = missing[0]
                out.append(("name_changed", f"'{m['text']}' where the source names '{other['text']}'", _span(m),
                            _span(other)))
            continue
        if m.get("match") == "fuzzy" or (m.get("is_variant") and m.get("variant_kind") in SPELLING_KINDS):
            same = next((x for x in s if _key(x) == _key(m)), None)
            if same is not None and fold(same["text"]) != fold(m["text"]):
                out.append(("name_changed", f"'{m['text']}' spelt '{same['text']}' in the source", _span(m),
                            _span(same)))
    return out


def _countries(derived: list[Info], source: list[Info], whole_d: Span, whole_s: Span) -> list:
    d = [m for i in derived for m in i.mentions if m["label"] in COUNTRY_LABELS and m["entity_id"]]
    s = [m for i in source for m in i.mentions if m["label"] in COUNTRY_LABELS and m["entity_id"]]
    # a country the rendering never names where the source does (its dateline aside: SEOUL--), and one
    # it names more often than the source: "Korea Selatan ... tentara Korea Selatan" for "South Korea's
    # ... North Korean troops"
    extra = set(Counter(m["entity_id"] for m in d) - Counter(m["entity_id"] for m in s))
    # named more often only by another form of its name (Rusia ... Moskow): a metonym, not a swap
    extra -= {e for e in extra & {m["entity_id"] for m in s}
              if len({fold(m["text"]) for m in d if m["entity_id"] == e and not _dateline(m)}) > 1}
    missing = {m["entity_id"] for m in s if not _dateline(m) and not speaks(m, source)} - {m["entity_id"] for m in d}
    out = []
    if extra and missing:
        gone = [m for m in s if m["entity_id"] in missing]
        for entity in sorted(extra):
            here = _nearest([m for m in d if m["entity_id"] == entity], gone[0], whole_d, whole_s)
            out.append(("entity_swapped", f"'{here['text']}' where the source has '{gone[0]['text']}'", _span(here),
                        _span(gone[0])))
    for info in derived:
        for f in info.findings:
            if f["kind"] in SWAPPED:
                out.append(("entity_swapped", str(f.get("explanation") or f["text"]), _span(f), whole_s))
    return out


def _dateline(mention: dict) -> bool:
    """A place in capitals (KYIV, SEOUL): the dateline, not what the sentence says."""
    text = str(mention["text"])
    return len(text) > 3 and text.isupper()


def _folded_words(text: str) -> set[str]:
    return {fold(w) for w in re.findall(r"[^\W\d_]{3,}", text)}


def _named_alike(names: tuple[str, str], whole_d: Span, whole_s: Span) -> bool:
    """The two speakers share a name both sentences use ("Kim said" / "Kim mengatakan", resolved
    to two Kims because of an earlier misnaming): one name, not a changed attribution."""
    return bool(_folded_words(names[0]) & _folded_words(names[1]) & _folded_words(whole_s.text)
                & _folded_words(whole_d.text))


def _nearest(candidates: list[dict], target: dict, whole_d: Span, whole_s: Span) -> dict:
    """The candidate mention at about the same relative place in its sentence as ``target``."""
    def where(m, whole):
        return (int(m["start"]) - whole.start) / max(whole.end - whole.start, 1)

    goal = where(target, whole_s)
    return min(candidates, key=lambda m: (abs(where(m, whole_d) - goal), int(m["start"])))


def _mentioned(name: str, infos: list[Info]) -> bool:
    return any(name and m["canonical"] == name for i in infos for m in i.mentions)


def _meaning(derived: list[Info], source: list[Info], whole_s: Span) -> list:
    lang_d, lang_s = derived[0].lang, source[0].lang
    pd_, ps = _polarity(lang_d), _polarity(lang_s)
    d_concepts = [(c, Span(i.start + a, i.start + b, i.text[a:b])) for i in derived for c, a, b in i.concepts()]
    s_concepts = [(c, Span(i.start + a, i.start + b, i.text[a:b])) for i in source for c, a, b in i.concepts()]
    out = []
    neg_d = _outside(_matches(derived, pd_.get("negation")), d_concepts)
    neg_s = _outside(_matches(source, ps.get("negation")), s_concepts)
    # only a dropped negation: the other way round is mostly a faithful rendering of a word that is
    # negative in itself ("reckless" / "tidak bertanggung jawab", "lacked" / "tidak memiliki")
    kept = _matches(derived, pd_.get("negation"))  # any negation word, even in a longer form ("mungkin tidak langsung")
    if neg_s and not neg_d and not kept and not (lang_d == lang_s and with_its_clause(neg_s[0], source, derived)):
        out.append(("meaning_changed", f"negation '{neg_s[0].text}' of the source dropped", _whole(derived), neg_s[0]))
    hedge_d = [m for kind in HEDGES + ("belief",) for m in polarity_matches(derived, kind)]
    hedge_s = [m for kind in HEDGES for m in polarity_matches(source, kind)]
    sure_d = _outside(_matches(derived, pd_.get("certainty")), d_concepts)
    sure_s = _outside(_matches(source, ps.get("certainty")), s_concepts)
    if hedge_s and not hedge_d:
        where = sure_d[0] if sure_d else _whole(derived)
        became = f", '{sure_d[0].text}' instead" if sure_d else ""
        gone = "', '".join(dict.fromkeys(h.text for h in sorted(hedge_s, key=lambda h: h.start)))  # every one
        out.append(("meaning_changed", f"hedge '{gone}' of the source dropped{became}", where, hedge_s[0]))
    elif sure_d and not sure_s and not hedge_d:
        out.append(("meaning_changed", f"certainty '{sure_d[0].text}' added", sure_d[0], whole_s))
    opposites = antonyms()
    s_names, d_names = {c for c, _ in s_concepts}, {c for c, _ in d_concepts}
    for c, span in d_concepts:
        for o, other in s_concepts:
            if (c, o) in opposites and c not in s_names and o not in d_names:
                out.append(("meaning_changed", f"'{other.text}' in the source became its opposite '{span.text}'",
                            span, other))
    return out


def _scope_words(derived: list[Info], source: list[Info]) -> list:
    (d_table, d_pattern), (s_table, s_pattern) = _scope_cues(derived[0].lang), _scope_cues(source[0].lang)
    d, s = _matches(derived, d_pattern), _matches(source, s_pattern)
    if not d or not s:
        return []
    d_scopes = {d_table[m.text.lower()]: m for m in reversed(d)}
    s_scopes = {s_table[m.text.lower()]: m for m in reversed(s)}
    new = [k for k in d_scopes if k not in s_scopes]
    gone = [k for k in s_scopes if k not in d_scopes]
    if new and gone:
        return [("scope_changed", f"'{s_scopes[gone[0]].text}' ({gone[0]}) in the source, '{d_scopes[new[0]].text}' "
                 f"({new[0]}) here", d_scopes[new[0]], s_scopes[gone[0]])]
    return []
