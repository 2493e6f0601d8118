"""Photo credits and news outlets among the candidate names of the ``entity_tagger``.

* A **photo credit** (``Foto: ANTARA/Budi Santoso``, ``(AP Photo/Efrem Lukatsky)``,
  ``REUTERS/Maxim Shemetov``, ``Photo by X / AFP``) names whoever took or sold a picture,
  never a person of the story: such a name is not a mention at all. A credit is a name after a
  credit cue (``person_cues.csv``, kind ``credit``) or joined by a slash to a news agency, an
  acronym or a photo word.
* An **outlet** (``harian Kompas``, ``media Ukraina X``, ``the Korea Herald newspaper``, ``Pakistan
  Point News``) reports claims and never makes them: its mention is an ORG marked ``outlet``
  (a carrier, see :mod:`analysis.estimates.speakers`). An outlet is a name right after or
  before an outlet noun (``outlet_cues.csv``, ``before`` / ``after``; a nation may stand between:
  *media Ukraina Militarnyi*), or a name of several words holding an outlet word (``word``:
  *News*, *Times*, *Pravda* ...).

Reads the language's ``person_cues`` and ``outlet_cues`` (through the tagger's lexicon) and the
gazetteer's carriers; writes nothing.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

SLASH = "/"


def across_slash(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens a slash joins to ``doc[start:end]`` (``AGENCY/Name``, ``Name / AGENCY``)."""
    out = []
    if start >= 2 and doc[start - 1].text == SLASH:
        out.append(doc[start - 2])
    if end + 1 < len(doc) and doc[end].text == SLASH:
        out.append(doc[end + 1])
    return out


def is_credit(doc: Doc, start: int, end: int, agencies: set[int], credit_words: frozenset[str]) -> bool:
    """A name joined by a slash to a news agency (tokens of the gazetteer's outlets, ``agencies``), an acronym (``ANTARA``)
    or a photo word (``Photo/``): the way wire pictures are credited; a person of the story is
    never written so."""
    return any(t.i in agencies or t.lower_ in credit_words or (t.is_alpha and len(t.text) > 1 and t.text.isupper())
               for t in across_slash(doc, start, end))


def _phrase_before(doc: Doc, k: int, cues: frozenset[str]) -> bool:
    one = doc[k - 1].lower_ if k >= 1 else ""
    two = f"{doc[k - 2].lower_} {one}" if k >= 2 else ""
    return one in cues or two in cues


def _phrase_after(doc: Doc, k: int, cues: frozenset[str]) -> bool:
    one = doc[k].lower_ if k < len(doc) else ""
    two = f"{one} {doc[k + 1].lower_}" if k + 1 < len(doc) else ""
    return one in cues or two in cues


def is_outlet(doc: Doc, start: int, end: int, cues: dict[str, frozenset[str]], places: set[int]) -> bool:
    """An outlet noun right before the name (a nation's tokens, ``places``, may stand between) or
    right after it, or an outlet word inside a name of several words."""
    if end - start > 1 and any(t.lower_ in cues.get("word", ()) for t in doc[start:end]):
        return True
    k = start
    while k > 0 and k - 1 in places:
        k -= 1
    return _phrase_before(doc, k, cues.get("before", frozenset())) \
        or _phrase_after(doc, end, cues.get("after", frozenset()))
