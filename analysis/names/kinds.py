"""What kind of spelling a name is, whether that makes it a variant, and the evidence for it.

Reads ``data/lexicons/transliteration.csv`` (through :func:`fold`) and
``data/lexicons/given_names.csv``; writes nothing. The kinds, in the order they are tried:

* ``standard``: the canonical name, an alias or an alternative spelling the gazetteer lists;
* ``surname``: the first or last part of one of those alone (``Austin``);
* ``mistranslation``: the given name in another language's form where the canonical name has
  the person's own (``Alexander`` for Ukrainian ``Oleksandr``, ``given_names.csv``);
* ``transliteration``: the same name under the ``romanisation`` folds alone (y/i, ie/e, kh/k
  ...): an accepted transliteration, *not* a variant;
* ``misspelling``: anything else: a wrong letter or a different syllable (``Jong`` for ``Yong``);
* ``substitution``: another person's name given with this person's role (decided by the
  canonicaliser, which knows the role).

A spelling is a variant (``is_variant``) when it is a misspelling, a mistranslation or a
substitution: what a researcher would call the press getting the name wrong.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from .. import resources
from ..nlp.gazetteer import fold, normalise

VARIANT_KINDS = frozenset({"misspelling", "mistranslation", "substitution"})
ROMANISATION = ("romanisation",)


@lru_cache(maxsize=1)
def given_names() -> dict[str, frozenset[str]]:
    """A given name in another language's form (normalised) -> the person's own forms (normalised)."""
    out: dict[str, set[str]] = {}
    for row in resources.shared("given_names"):
        out.setdefault(normalise(row["form"]), set()).update(normalise(n) for n in row["native"].split(";") if n.strip())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _natives() -> dict[str, str]:
    """A native given name (normalised) -> one spelling of it, for renaming."""
    out = {}
    for row in resources.shared("given_names"):
        for native in row["native"].split(";"):
            out.setdefault(normalise(native), native.strip())
    return out


def words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", name.strip()) if w]


def foreign_given(name: str, canonical: str) -> tuple[str, str] | None:
    """``(surface given name, canonical given name)`` when the name's first word is another
    language's form of the canonical name's first word (``Alexander`` / ``Oleksandr``)."""
    ours, theirs = words(name), words(canonical)
    if len(ours) < 2 or len(theirs) < 2:
        return None
    if normalise(theirs[0]) in given_names().get(normalise(ours[0]), ()):
        return ours[0], theirs[0]
    return None


def native_forms(name: str) -> list[str]:
    """The name with its given name put back in the person's own language(s) (``Alexander
    Sirsky`` -> ``Oleksandr Sirsky``): what identity matching also tries."""
    parts = words(name)
    if len(parts) < 2:
        return []
    natives = sorted(given_names().get(normalise(parts[0]), ()))
    return [" ".join([_natives()[n], *parts[1:]]) for n in natives]


def kind_of(name: str, canonical: str, forms: Iterable[str], person: bool = True) -> str:
    """The kind of ``name`` as a spelling of the entity whose canonical name is ``canonical`` and
    whose listed forms are ``forms`` (canonical included); not ``substitution``."""
    forms = list(dict.fromkeys([canonical, *forms]))
    key = normalise(name)
    if key in {normalise(f) for f in forms}:
        return "standard"
    parts = {normalise(p) for f in forms for p in (words(f)[:1] + words(f)[-1:]) if len(words(f)) > 1 and len(p) > 2}
    if person and key in parts:
        return "surname"
    if foreign_given(name, canonical):
        return "mistranslation"
    rom = fold(name, ROMANISATION)
    targets = forms + [t for f in forms for t in words(f)]
    if any(fold(t, ROMANISATION) == rom for t in targets):
        return "transliteration"
    return "misspelling"


def _closest(name: str, forms: list[str]) -> str:
    """The listed form nearest to ``name`` (the first listed, i.e. the canonical name, on a tie)."""
    return min(forms, key=lambda f: (Levenshtein.distance(normalise(name), normalise(f)), forms.index(f)))


def _differing_words(name: str, target: str) -> list[tuple[str, str]]:
    """Word pairs (hyphenated parts split) that differ between two spellings of the same length in words."""
    a = re.split(r"[\s\-]+", name.strip())
    b = re.split(r"[\s\-]+", target.strip())
    if len(a) != len(b):
        return []
    return [(x, y) for x, y in zip(a, b) if normalise(x) != normalise(y)]


def evidence(name: str, canonical: str, kind: str, forms: Iterable[str] = (), role: str = "") -> str:
    """One sentence a researcher can check: why ``name`` is of ``kind`` for ``canonical``."""
    forms = list(dict.fromkeys([canonical, *forms]))
    if kind == "standard":
        return f"a listed form of {canonical}" if normalise(name) != normalise(canonical) else ""
    if kind == "surname":
        return f"part of {canonical} alone"
    if kind == "substitution":
        said = f" ({role})" if role else ""
        return f"introduced with the role{said} of {canonical}, under another name"
    if kind == "mistranslation":
        given = foreign_given(name, canonical)
        return (f"given name '{given[0]}' is another language's form of '{given[1]}' in {canonical}"
                if given else f"another language's form of {canonical}")
    target = _closest(name, forms + [w for f in forms for w in words(f)] if len(words(name)) == 1 else forms)
    distance = Levenshtein.distance(normalise(name), normalise(target))
    pairs = "; ".join(f"'{x}' vs '{y}'" for x, y in _differing_words(name, target))
    pairs = f", {pairs}" if pairs else ""
    if kind == "transliteration":
        return f"{target} in another accepted romanisation{pairs} (data/lexicons/transliteration.csv): not a variant"
    return f"edit distance {distance} from {target}{pairs}; not a known transliteration"
