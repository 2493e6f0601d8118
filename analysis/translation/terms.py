"""A term rendered as another term of its family (cross-article stage, one confidently aligned
step at a time).

``data/lexicons/term_families.csv`` groups terms whose members exclude each other in one slot:
what befell a soldier (killed / wounded / captured / missing), how he died (executed / suicide),
a role (overseer / observer / leader), a report's status (confirmed / claimed / estimated),
soldiers / civilians, sanctions / pressure, an idiom and its word-for-word calque. Each member
has its forms in each language. When the source step uses member X of a family and not Y, and
the rendering uses Y and not X, in about the same place of its sentence (``SLOT``), the
rendering says another thing: a row of the member's ``kind`` naming both words. A member on one
side only (*casualties* rendered as *korban*, a word dropped) is no such change, but for the
members of kind ``added`` (a status: *former*, *ruling*, *acting*): one the rendering gives and
the source does not (*Partai Pekerja yang berkuasa* for *the Workers' Party*) is an ``added`` row.
On a weakly aligned step (the caller passes the whole source article), a term the source
article uses in another sentence is no change: the rendering may carry it from there.

The ``relation`` family (ally, aide, envoy, spokesperson, sister ...) names another person
through an owner: *Putin's ally Kim* (``data/lexicons/<lang>/possessive_markers.csv``). A
rendering that names the owner and no word of that relation says of the owner what the source
says of the other person: ``entity_swapped`` (:func:`owner_changes`).

Matched with :func:`analysis.translation.anchors.concepts` (longest form first). Reads the
lexicon; pure functions of the :class:`~analysis.translation.divergences.Info` rows.
"""
from __future__ import annotations

from functools import lru_cache

from .. import resources
from ..nlp.glossary import WORD, read_forms
from .anchors import concepts
from .divergences import Info, Span

OWNED = {"PERSON", "GPE"}  # mentions that own a relation ('Putin's ally', 'Moscow's envoy')
RELATION = "relation"
SWAPPED = "entity_swapped"  # what an owner named for its relation is
OWNER_GAP = 2  # words at most between the marker and the relation noun or the owner ('’s close ally')
ADDED, MEANING = "added", "meaning_changed"  # a member of kind 'added' is a row of its own when only the rendering has it
CASUALTY = "casualty"  # the family whose members casualty_words.csv also lists
SLOT = 0.5  # the two terms at most this far apart in their sentences (share of the sentence's length)
_ARTICLE: dict = {}


@lru_cache(maxsize=None)
def _forms(lang: str) -> dict[str, str]:
    """``form -> 'family/member'`` for one language: ``term_families.csv``, then the words of the
    language's ``casualty_words.csv`` that name a casualty member wherever they stand (one list
    of *tewas*, *terluka* ... for the figures and for this)."""
    out = read_forms(("term_families",), lang, lambda row: f"{row['family']}/{row['member']}")
    members = {key.split("/")[1] for key in out.values() if key.startswith(CASUALTY + "/")}
    if lang in resources.supported_languages() and resources.lexicon(lang).has("casualty_words"):
        for row in resources.lexicon(lang).table("casualty_words"):
            if row["where"] == "any" and row["scope"] in members:
                out.setdefault(row["word"].lower(), f"{CASUALTY}/{row['scope']}")
    return out


@lru_cache(maxsize=None)
def _kinds() -> dict[str, str]:
    return {f"{r['family']}/{r['member']}": r["kind"] for r in resources.shared("term_families")}


def _whole(infos: list[Info]) -> Span:
    return Span(infos[0].start, infos[-1].end, " ".join(i.text for i in infos))


@lru_cache(maxsize=None)
def _prefixes(lang: str) -> tuple[tuple[str, str], ...]:
    """``(prefix, family/member)`` of the forms ending in a hyphen (*ex-*: *ex-minister*)."""
    return tuple((form, key) for form, key in _forms(lang).items() if form.endswith("-"))


def _terms(infos: list[Info]) -> list[tuple[str, Span, float]]:
    """``(family/member, span, place)`` of every family term of the step (``place``: where in its
    sentence the term stands, 0 to 1), prefixed words included."""
    table, prefixes = _forms(infos[0].lang), _prefixes(infos[0].lang)
    out = [(key, Span(i.start + a, i.start + b, i.text[a:b]), a / max(len(i.text), 1))
           for i in infos for key, a, b in concepts(i.text, i.lang, table)]
    for i in infos:
        for m in WORD.finditer(i.text) if prefixes else ():
            hit = next(((p, k) for p, k in prefixes if m.group().lower().startswith(p)), None)
            if hit is not None:
                end = m.start() + len(hit[0])
                out.append((hit[1], Span(i.start + m.start(), i.start + end, i.text[m.start():end]),
                            m.start() / max(len(i.text), 1)))
    return out


def _article_keys(article: list[Info]) -> frozenset[str]:
    """The family members a whole source article uses (kept for its last article: a pair's
    steps all ask about one source)."""
    key = (article[0].file, len(article), article[0].start, article[-1].end) if article else None
    if _ARTICLE.get("key") != key:
        _ARTICLE.update(key=key, terms=frozenset(k for k, _, _ in _terms(article)) if article else frozenset())
    return _ARTICLE["terms"]


def term_changes(derived: list[Info], source: list[Info], article: list[Info] | None = None
                 ) -> list[tuple[str, str, Span, Span]]:
    """One row per family term of the rendering that stands where the source has another member
    of that family, or a status only the rendering gives (see the module docstring); not for a
    term the source article uses anywhere (``article``: it renders another sentence of it)."""
    here, there = _terms(derived), _terms(source)
    elsewhere = _article_keys(article) if article else frozenset()
    here = [(k, s, p) for k, s, p in here if k not in elsewhere]
    d_keys, s_keys = {k for k, _, _ in _terms(derived)}, {k for k, _, _ in there}
    out, done = [], set()
    for key, span, place in here:
        family = key.split("/")[0]
        gone = [(k, s, p) for k, s, p in there if k.split("/")[0] == family and k not in d_keys]
        if key in s_keys or key in done:
            continue
        if not gone and _kinds()[key] == ADDED and not any(k.split("/")[0] == family for k in s_keys):
            done.add(key)
            out.append((ADDED, f"'{span.text}' ({key.split('/')[1]}) added: the source says no such thing here",
                        span, _whole(source)))
            continue
        if not gone:
            continue
        k, other, p = min(gone, key=lambda g: abs(g[2] - place))
        if abs(p - place) > SLOT:
            continue
        done.add(key)
        kind = MEANING if _kinds()[key] == ADDED else _kinds()[key]
        out.append((kind, f"'{other.text}' ({k.split('/')[1]}) in the source, '{span.text}' "
                    f"({key.split('/')[1]}) here", span, other))
    return out


@lru_cache(maxsize=None)
def _markers(lang: str) -> tuple[tuple[str, str], ...]:
    """``(marker, owner side)`` of the language's possessive markers (``possessive_markers.csv``)."""
    if lang not in resources.supported_languages() or not resources.lexicon(lang).has("possessive_markers"):
        return ()
    return tuple((r["marker"].strip(), r["owner"]) for r in resources.lexicon(lang).table("possessive_markers"))


def _owned(gap: str, marker: str) -> bool:
    """Is ``gap`` (the text between the owner and the relation noun, in reading order from the
    marker) the marker and at most ``OWNER_GAP`` words?"""
    gap = gap.strip()
    if not gap.lower().startswith(marker.lower()):
        return False
    rest = gap[len(marker):]
    return (not marker or not rest[:1].isalnum()) and len(rest.split()) <= OWNER_GAP


def _owners(info: Info) -> list[tuple[dict, str, Span]]:
    """``(owner mention, relation member, span of both)`` in one sentence: 'Putin's ally'."""
    out = []
    terms = [(k, s) for k, s, _ in _terms([info]) if k.split("/")[0] == RELATION]
    for m in (m for m in info.mentions if m["label"] in OWNED):
        m_start, m_end = int(m["start"]), int(m["end"])
        for key, span in terms:
            for marker, side in _markers(info.lang):
                if side == "before" and span.start >= m_end:
                    found = _owned(info.text[m_end - info.start:span.start - info.start], marker)
                elif side == "after" and m_start >= span.end:
                    gap = info.text[span.end - info.start:m_start - info.start]
                    found = _owned(gap, marker) and len(gap.split()) <= OWNER_GAP + 1
                else:
                    continue
                if found:
                    a, b = min(m_start, span.start), max(m_end, span.end)
                    out.append((m, key, Span(a, b, info.text[a - info.start:b - info.start])))
                    break
    return out


def _mention_key(m: dict) -> str:
    return str(m["entity_id"] or m["canonical"] or m["text"]).lower()


def owner_changes(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """The owner of a relation named without the relation (see the module docstring)."""
    d_keys = {k for k, _, _ in _terms(derived)}
    named = {_mention_key(m): m for i in derived for m in i.mentions if m["label"] in OWNED}
    whole = _whole(derived)
    out = []
    for owner, key, there in (o for i in source for o in _owners(i)):
        if key in d_keys or _mention_key(owner) not in named or any(r[3] == there for r in out):
            continue
        here = named[_mention_key(owner)]
        out.append((SWAPPED, f"'{there.text}' in the source: here '{here['text']}' with no "
                    f"{key.split('/')[1]}, so what the source says of that {key.split('/')[1]} is said of "
                    f"{here['text']}", whole, there))
    return out
