"""What a rendering changes in the words around a figure or a date it shares with its source
(cross-article stage, one confidently aligned step at a time).

* ``qualifier_changed``: a figure the source gives as just under (*nearly 40%*, *hampir*)
  rendered without that cue, or the other way round (``data/lexicons/<lang>/below_cues.csv``).
  Both sides read as approximate (*nearly* / *diperkirakan*) is no change of the coarse
  qualifier, but *estimated to have reached 40%* no longer says the share stays under 40%;
* ``scope_changed``: the same figure counting another class of people (*3,000 soldiers* /
  *500 warga*: citizens), read from the first counted noun after the figure
  (``counted_classes.csv``);
* ``scope_changed``: a running total up to a time (*killed by mid-January*) rendered as
  happening at that time (*ditutup pada bulan Maret*): the cue before a date both
  sides resolve alike (``time_scopes.csv``);
* ``meaning_changed``: a day dated with a weekday it does not fall on, which the source never
  gives (:func:`weekday_changed`, given the source article's dates);
* ``omitted``: a quotation the source carries on after its closing mark (*"..." with the
  security services, he said*) ended by the rendering without those words (:func:`quote_tail_dropped`);
* a term rendered as another member of its family: :mod:`.terms`; a region placed in its
  country rendered as a part of that region, a destination made the sender: :mod:`.places`.

Pure functions of the :class:`~analysis.translation.divergences.Info` rows.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .. import resources
from ..nlp.gazetteer import fold
from .anchors import capitalised, concepts
from .clauses import QUOTED, QUOTED_WORDS, reporting_pattern
from .divergences import Info, Span, vague
from .places import destination_made_agent, region_part
from .terms import owner_changes, term_changes

WEEKDAY_NEAR_DAYS = 3  # a source day this near a wrongly dated day is named beside it
NAME_STEM = 3  # letters of a capitalised word compared across languages (Rus-sian / Rus-ia)
TAIL_WORDS = 8  # words at most of a quotation's continuation after its closing mark
TAIL = re.compile(r"[ \t]+([^\W\d_A-Z][^,.;:!?\"“”]*?)\s*,")
NOUN_WINDOW = 4  # words after a figure searched for the noun it counts
CUE_WINDOW = 25  # characters before a figure searched for a below cue
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d|[.,;:!?\"“”()]")


def _pattern(words) -> re.Pattern | None:
    words = sorted({w.lower() for w in words if w.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)


def _table(lang: str, name: str) -> tuple[dict[str, str], ...]:
    if lang not in resources.supported_languages() or not resources.lexicon(lang).has(name):
        return ()
    return resources.lexicon(lang).table(name)


@lru_cache(maxsize=None)
def _below(lang: str) -> re.Pattern | None:
    return _pattern(r["phrase"] for r in _table(lang, "below_cues"))


@lru_cache(maxsize=None)
def _classes(lang: str) -> dict[str, str]:
    return {r["word"].lower(): r["class"] for r in _table(lang, "counted_classes")}


@lru_cache(maxsize=None)
def _time_cues(lang: str) -> dict[str, str]:
    return {" ".join(r["cue"].lower().split()): r["scope"] for r in _table(lang, "time_scopes")}


def _info_of(row: dict, infos: list[Info]) -> Info | None:
    at = int(row["start"])
    return next((i for i in infos if i.start <= at < i.end), None)


def _span(row: dict) -> Span:
    return Span(int(row["start"]), int(row["end"]), str(row["text"]))


def _values(row: dict) -> set[float]:
    return {v for v in (row.get("value"), row.get("low"), row.get("high")) if v is not None and v == v}


def shared_figures(derived: list[Info], source: list[Info]) -> list[tuple[dict, dict]]:
    """Pairs of figures (not quantity words, not years) with a value in common, each used once."""
    def figures(infos):
        return [f for i in infos for f in i.figures if not vague(f) and not YEAR.match(str(f["text"]))]

    s, used, out = figures(source), set(), []
    for f in figures(derived):
        k = next((k for k, g in enumerate(s) if k not in used and _values(f) & _values(g)), None)
        if k is not None:
            used.add(k)
            out.append((f, s[k]))
    return out


def _below_cue(figure: dict, infos: list[Info]) -> str:
    """The below cue standing just before the figure ('nearly 40%'), or ''."""
    info, pattern = _info_of(figure, infos), _below(infos[0].lang)
    if info is None or pattern is None:
        return ""
    at = int(figure["start"]) - info.start
    found = list(pattern.finditer(info.text[max(0, at - CUE_WINDOW):at]))
    return found[-1].group() if found else ""


def _anywhere(infos: list[Info]) -> bool:
    pattern = _below(infos[0].lang)
    return pattern is not None and any(pattern.search(i.text) for i in infos)


def below_changed(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """A figure just under (see the module docstring) on one side only, the two qualifiers read alike."""
    out = []
    for f, g in shared_figures(derived, source):
        if (f.get("qualifier") or "exact") != (g.get("qualifier") or "exact"):
            continue  # another qualifier altogether: the figure rules say so
        cue_d, cue_s = _below_cue(f, derived), _below_cue(g, source)
        if cue_s and not _anywhere(derived):
            out.append(("qualifier_changed", f"{g['text']}: '{cue_s}' (just under) in the source, dropped here",
                        _span(f), _span(g)))
        elif cue_d and not _anywhere(source):
            out.append(("qualifier_changed", f"{g['text']}: '{cue_d}' (just under) added here", _span(f), _span(g)))
    return out


def _counted(figure: dict, infos: list[Info]) -> tuple[str, Span] | None:
    """The class of the first counted noun within ``NOUN_WINDOW`` words after the figure (up to
    a punctuation mark or another number), with the span from the figure to that noun."""
    info, classes = _info_of(figure, infos), _classes(infos[0].lang)
    if info is None or not classes:
        return None
    end = int(figure["end"]) - info.start
    for n, m in enumerate(WORD.finditer(info.text[end:])):
        word = m.group().lower()
        if n >= NOUN_WINDOW or not word[0].isalpha():
            return None
        if word in classes:
            stop = info.start + end + m.end()
            return classes[word], Span(int(figure["start"]), stop, info.text[int(figure["start"]) - info.start:
                                                                               stop - info.start])
    return None


def counted_changed(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """The same figure counting another class of people (see the module docstring)."""
    out = []
    for f, g in shared_figures(derived, source):
        here, there = _counted(f, derived), _counted(g, source)
        if here and there and here[0] != there[0]:
            out.append(("scope_changed", f"'{there[1].text}' ({there[0]}) in the source, '{here[1].text}' "
                        f"({here[0]}) here", here[1], there[1]))
    return out


def _cue_before(timex: dict, infos: list[Info]) -> tuple[str, int] | None:
    """``(scope, start)`` of the time-scope cue right before the time expression, if any."""
    info, cues = _info_of(timex, infos), _time_cues(infos[0].lang)
    if info is None or not cues:
        return None
    before = info.text[:int(timex["start"]) - info.start]
    words = list(re.finditer(r"[^\W\d_]+", before))
    if not words or before[words[-1].end():].strip():
        return None  # a bracket or a comma between: no cue of this date
    for n in (3, 2, 1):
        if len(words) >= n:
            cue = " ".join(w.group().lower() for w in words[-n:])
            if cue in cues:
                return cues[cue], info.start + words[-n].start()
    return None


def time_scope_changed(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """A running total up to a date rendered as happening at that date (see the module docstring)."""
    def dated(infos):
        return [t for i in infos for t in i.timexes if t.get("value") and t.get("kind", "date") == "date"]

    out = []
    for g in dated(source):
        cue_s = _cue_before(g, source)
        if not cue_s or cue_s[0] != "cumulative":
            continue
        for f in dated(derived):
            cue_d = _cue_before(f, derived)
            if f["value"] == g["value"] and cue_d and cue_d[0] == "point":
                info = _info_of(f, derived)
                here = Span(cue_d[1], int(f["end"]), info.text[cue_d[1] - info.start:int(f["end"]) - info.start])
                there_info = _info_of(g, source)
                there = Span(cue_s[1], int(g["end"]),
                             there_info.text[cue_s[1] - there_info.start:int(g["end"]) - there_info.start])
                out.append(("scope_changed", f"'{there.text}' (up to then) in the source, '{here.text}' "
                            "(at that time) here", here, there))
                return out
    return out


def weekday_changed(derived: list[Info], source_dates: list[dict]) -> list[tuple[str, str, Span, Span]]:
    """A day the rendering dates with a weekday it does not fall on (the time expression's
    ``weekday_mismatch`` flag: *Kamis, 18 Desember 2024*, a Wednesday) and that no date of the
    whole source article gives: the rendering added a wrong date. The source's day nearest to it
    (*Thursday*, 19 December) is named when there is one within ``WEEKDAY_NEAR_DAYS``."""
    days = [t for t in source_dates if t.get("value") and t.get("granularity") == "day"]
    out = []
    for t in (t for i in derived for t in i.timexes if t.get("flag") == "weekday_mismatch" and t.get("value")):
        if any(d["value"] == t["value"] for d in days):
            continue  # the source dates it so too: not this rendering's change
        near = sorted((abs(_days(d["value"], t["value"])), d["text"], d["value"], _span(d)) for d in days
                      if abs(_days(d["value"], t["value"])) <= WEEKDAY_NEAR_DAYS)
        said = f"; the source has '{near[0][1]}' ({near[0][2]})" if near else ""
        there = near[0][3] if near else _span(t)
        out.append(("meaning_changed", f"'{t['text']}': {t['value']} does not fall on the weekday named, and the "
                    f"source gives no such date{said}", _span(t), there))
    return out


def _days(a: str, b: str) -> int:
    """Days between two ISO dates (a large number when either is no day)."""
    try:
        return (date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days
    except ValueError:
        return 10 ** 6


def _tails(info: Info) -> list[Span]:
    """The words that carry on a quotation of the sentence after its closing mark, up to the next
    comma (*"... and are communicating" with the security services, he said*): lower-case, at most
    ``TAIL_WORDS`` words, no reporting verb (*" he said*) and no one named (*" said Kim*)."""
    verbs, out = reporting_pattern(info.lang), []
    for m in QUOTED.finditer(info.text):
        if len(m.group(1).split()) < QUOTED_WORDS:
            continue
        tail = TAIL.match(info.text, m.end())
        if tail is None or len(tail.group(1).split()) > TAIL_WORDS or (verbs is not None and verbs.search(tail.group(1))):
            continue
        a, b = info.start + tail.start(1), info.start + tail.end(1)
        if not any(a <= int(x["start"]) < b for x in info.mentions if x["label"] == "PERSON"):
            out.append(Span(a, b, tail.group(1)))
    return out


def _features(text: str, lang: str) -> set[str]:
    """What survives translation in a few words: stems of capitalised words (``NAME_STEM``
    letters: *Ukrainian* / *Ukraina*) and vocabulary concepts."""
    return {fold(w)[:NAME_STEM] for w in capitalised(" " + text, lang)} | {c for c, _, _ in concepts(text, lang)}


def quote_tail_dropped(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """The source's quotation carries on after its closing mark (see :func:`_tails`) with names or
    terms the rendering, which quotes too, has nowhere: ``omitted``, on the rendering's last
    quoted clause (after its last comma)."""
    quoted = [(i, m) for i in derived for m in QUOTED.finditer(i.text) if len(m.group(1).split()) >= QUOTED_WORDS]
    if not quoted:
        return []
    rendered = set().union(*(_features(i.text, i.lang) for i in derived))
    out = []
    for tail in (t for i in source for t in _tails(i)):
        wanted = _features(tail.text, source[0].lang)
        if not wanted or wanted & rendered:
            continue
        info, m = quoted[-1]
        inner = m.group(1).rstrip(" ,.;:")
        cut = inner.rfind(",") + 1
        a = info.start + m.start(1) + cut + (len(inner[cut:]) - len(inner[cut:].lstrip()))
        b = info.start + m.start(1) + len(inner)
        out.append(("omitted", f"the source's quotation carries on outside its marks ('{tail.text}'); the rendering "
                    "ends the quotation without it", Span(a, b, info.text[a - info.start:b - info.start]), tail))
    return out


def wording_changes(derived: list[Info], source: list[Info], article: list[Info] | None = None
                    ) -> list[tuple[str, str, Span, Span]]:
    """All the rules of this module on one aligned step (``article``: the whole source article)."""
    return (below_changed(derived, source) + counted_changed(derived, source) + time_scope_changed(derived, source)
            + term_changes(derived, source, article) + owner_changes(derived, source)
            + quote_tail_dropped(derived, source) + region_part(derived, source)
            + destination_made_agent(derived, source))
