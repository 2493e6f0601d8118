"""A term rendered as another term of its family (cross-article stage, one confidently aligned
step at a time).

``data/lexicons/term_families.csv`` groups terms whose members exclude each other in one slot:
what befell a soldier (killed / wounded / captured / missing), how he died (executed / suicide),
a role (overseer / observer / leader), a report's status (confirmed / claimed / estimated),
soldiers / civilians, sanctions / pressure, an idiom and its word-for-word calque. Each member
has its forms in each language. When the source step uses member X of a family and not Y, and
the rendering uses Y and not X, in about the same place of its sentence (``SLOT``), the
rendering says another thing: a row of the member's ``kind`` naming both words. A member on one
side only (*casualties* rendered as *korban*, a word dropped) is no such change.

Matched with :func:`analysis.translation.anchors.concepts` (longest form first). Reads the
lexicon; pure functions of the :class:`~analysis.translation.divergences.Info` rows.
"""
from __future__ import annotations

from functools import lru_cache

from .. import resources
from .anchors import concepts
from .divergences import Info, Span

SLOT = 0.5  # the two terms at most this far apart in their sentences (share of the sentence's length)


@lru_cache(maxsize=None)
def _forms(lang: str) -> dict[str, str]:
    """``form -> 'family/member'`` for one language."""
    out: dict[str, str] = {}
    for row in resources.shared("term_families"):
        for form in (row.get(lang) or "").split(";"):
            if form.strip():
                out.setdefault(" ".join(form.lower().split()), f"{row['family']}/{row['member']}")
    return out


@lru_cache(maxsize=None)
def _kinds() -> dict[str, str]:
    return {f"{r['family']}/{r['member']}": r["kind"] for r in resources.shared("term_families")}


def _terms(infos: list[Info]) -> list[tuple[str, Span, float]]:
    """``(family/member, span, place)`` of every family term of the step (``place``: where in its
    sentence the term stands, 0 to 1)."""
    table = _forms(infos[0].lang)
    return [(key, Span(i.start + a, i.start + b, i.text[a:b]), a / max(len(i.text), 1))
            for i in infos for key, a, b in concepts(i.text, i.lang, table)]


def term_changes(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """One row per family term of the rendering that stands where the source has another member
    of that family (see the module docstring)."""
    here, there = _terms(derived), _terms(source)
    d_keys, s_keys = {k for k, _, _ in here}, {k for k, _, _ in there}
    out, done = [], set()
    for key, span, place in here:
        family = key.split("/")[0]
        gone = [(k, s, p) for k, s, p in there if k.split("/")[0] == family and k not in d_keys]
        if key in s_keys or key in done or not gone:
            continue
        k, other, p = min(gone, key=lambda g: abs(g[2] - place))
        if abs(p - place) > SLOT:
            continue
        done.add(key)
        out.append((_kinds()[key], f"'{other.text}' ({k.split('/')[1]}) in the source, '{span.text}' "
                    f"({key.split('/')[1]}) here", span, other))
    return out
