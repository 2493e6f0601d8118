"""A region placed in a country rendered as a part of that region (cross-article stage, one
confidently aligned step at a time).

English wire copy places a region in its country with a compass adjective before the region's
name and an owner before that: *Norway's northern Troms region*, *its southern X province* (the
X region, which lies in the south of the country). A rendering that puts the compass after the
name, *wilayah Troms utara*, says *the northern part of the Troms region*: ``meaning_changed``.

The owners, compass words and region nouns of each language: ``data/lexicons/<lang>/
region_compass.csv`` (``role``: ``owner`` before the compass, ``compass`` with its
``direction``, ``region``). Source patterns are read in a language whose file has owners,
rendering patterns in one whose compass follows the name.

The place a passive verb of sending sends someone to (*troops deployed to X*) made the sender
in the rendering (*pasukan yang dikerahkan X*, a noun right after an Indonesian passive verb is
its agent): ``meaning_changed`` (``data/lexicons/<lang>/send_passives.csv``). Pure functions of the
:class:`~analysis.translation.divergences.Info` rows.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import resources
from ..nlp.gazetteer import fold
from .divergences import Info, Span

NAME = r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"  # one or two capitalised words: the region's name
NAME_STEM = 4  # letters of the name compared across languages (Tromso / Tromsø folded alike)
MEANING = "meaning_changed"


def _alternation(words) -> str:
    """The words as a case-blind alternation (the name beside them stays capitalised)."""
    return "(?i:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@lru_cache(maxsize=None)
def _table(lang: str) -> dict[str, list[tuple[str, str]]]:
    """``role -> [(word, direction)]`` of the language's ``region_compass.csv``."""
    out: dict[str, list[tuple[str, str]]] = {}
    if lang in resources.supported_languages() and resources.lexicon(lang).has("region_compass"):
        for row in resources.lexicon(lang).table("region_compass"):
            out.setdefault(row["role"], []).append((row["word"].lower(), row["direction"]))
    return out


@lru_cache(maxsize=None)
def _placed(lang: str) -> re.Pattern | None:
    """owner + compass + name + region noun: *its northern Troms region*."""
    t = _table(lang)
    if not {"owner", "compass", "region"} <= t.keys():
        return None
    owners = [w for w, _ in t["owner"]]
    return re.compile(r"(?:(?<![\w'’])" + _alternation(w for w in owners if w[0].isalpha()) + r"|[A-Z][\w-]*"
                      + _alternation(w for w in owners if not w[0].isalpha()) + r")\s+(" + _alternation(
                          w for w, _ in t["compass"]) + r")\s+" + NAME + r"\s+(?:" + _alternation(
                          w for w, _ in t["region"]) + r")(?![\w-])")


@lru_cache(maxsize=None)
def _part(lang: str) -> re.Pattern | None:
    """region noun + name + compass: *wilayah Troms utara* (a compass after the name)."""
    t = _table(lang)
    if "owner" in t or not {"compass", "region"} <= t.keys():
        return None
    return re.compile(r"(?<![\w-])(?:" + _alternation(w for w, _ in t["region"]) + r")\s+" + NAME + r"\s+("
                      + _alternation(w for w, _ in t["compass"]) + r")(?![\w-])")


def _direction(word: str, lang: str) -> str:
    return dict(_table(lang).get("compass", [])).get(word.lower(), "")


def _stem(name: str) -> str:
    return fold(name.split()[0])[:NAME_STEM]


def region_part(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """A region the source places in its country (see the module docstring) rendered as a part of it."""
    placed, part = _placed(source[0].lang), _part(derived[0].lang)
    if placed is None or part is None:
        return []
    there = [(m, i) for i in source for m in placed.finditer(i.text)]
    out = []
    for info in derived:
        for m in part.finditer(info.text):
            for s, s_info in there:
                if _stem(s.group(2)) == _stem(m.group(1)) and \
                        _direction(s.group(1), s_info.lang) == _direction(m.group(2), info.lang):
                    here = Span(info.start + m.start(), info.start + m.end(), m.group())
                    where = Span(s_info.start + s.start(), s_info.start + s.end(), s.group())
                    out.append((MEANING, f"'{where.text}' (the {s.group(2)} region, in the "
                                f"{_direction(s.group(1), s_info.lang)} of the country) rendered as '{here.text}' "
                                f"(the {_direction(s.group(1), s_info.lang)} of that region)", here, where))
                    break
    return out


@lru_cache(maxsize=None)
def _send(lang: str) -> dict[str, list[str]]:
    """``role -> words`` of the language's ``send_passives.csv`` (verbs, destination and agent markers)."""
    out: dict[str, list[str]] = {}
    if lang in resources.supported_languages() and resources.lexicon(lang).has("send_passives"):
        for row in resources.lexicon(lang).table("send_passives"):
            out.setdefault(row["role"], []).append(row["word"].strip().lower())
    return out


def _after(info: Info, mention: dict, lead: list[str], markers: list[str]) -> bool:
    """Does the mention follow one of the ``lead`` words, with one of the ``markers`` (or, for an
    empty marker, nothing) between them?"""
    before = info.text[:int(mention["start"]) - info.start].lower().split()
    for marker in markers:
        want = [marker] if marker else []
        if len(before) > len(want) and before[len(before) - len(want):] == want and before[-1 - len(want)] in lead:
            return True
    return False


def destination_made_agent(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """A place the source sends someone *to* (*troops deployed to X*) that the rendering makes the
    sender (*pasukan yang dikerahkan X*: deployed by X): ``meaning_changed``."""
    s_words, d_words = _send(source[0].lang), _send(derived[0].lang)
    if not s_words.get("verb") or not d_words.get("verb") or "agent" not in d_words:
        return []
    where = {m["entity_id"]: (m, i) for i in source for m in i.mentions
             if m.get("entity_id") and _after(i, m, s_words["verb"], s_words.get("destination", []))}
    out = []
    for info in derived:
        for m in info.mentions:
            if m.get("entity_id") in where and _after(info, m, d_words["verb"], d_words["agent"]):
                there, s_info = where[m["entity_id"]]
                at = int(m["start"]) - info.start
                verb = max(info.text.lower().rfind(v, 0, at) for v in d_words["verb"])  # the verb's start
                here = Span(info.start + verb, int(m["end"]), info.text[verb:int(m["end"]) - info.start])
                out.append((MEANING, f"the source sends them to '{there['text']}'; here '{m['text']}' sends them "
                            f"(a noun after the passive verb is its agent)", here,
                            Span(int(there["start"]), int(there["end"]), str(there["text"]))))
    return out
