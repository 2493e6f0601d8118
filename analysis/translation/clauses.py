"""What a rendering changes about who says a sentence and how surely (cross-article stage, one
confidently aligned step at a time).

* ``attribution_changed``: the source attributes the sentence (a speaker and a reporting verb:
  ``data/lexicons/<lang>/attribution_verbs.csv``) and the rendering states it as fact (no
  reporting verb, no quotation); or the other way round, the rendering puts in someone's mouth
  what the source states in its own voice (no speaker, no reporting verb, no quotation mark);
* ``meaning_changed``: the source's paraphrase becomes a direct quotation of the speaker;
* ``qualifier_changed``: a hearsay hedge (``polarity.csv``: ``hedge_reported``) where the source
  has no hedge, modal or belief word;
* ``meaning_changed``: another day (or week) within ``DATE_NEAR_DAYS`` of the source's
  (*Thursday 18 December* where the source's Thursday is the 19th);
* ``omitted``: figures of the source sentence the rendering leaves out while rendering the rest
  (no other figure in their place: that would be a changed number).

Each rule looks at the whole aligned step, so a speaker named in a split-off sentence still
counts. Pure functions of the :class:`~analysis.translation.divergences.Info` rows.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .. import resources
from ..timex import POINT_KINDS, point_day
from .divergences import HEDGES, Info, Span, numbers, polarity_matches

QUOTES = re.compile("[\"“”„«»]")
QUOTED = re.compile("[\"“„«]([^\"“”„«»]+)[\"”»]")
QUOTED_WORDS = 5
DATELINE_DASH = re.compile(r"\s(?:—|–|--)\s?")
DATELINE_CHARS = 60  # a dateline's dash stands within this many characters of the sentence's start
LEAD_WORD = re.compile(r"[^\W\d_]{2,}")
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")  # a bare year is a date, not a figure
DATE_NEAR_DAYS = 7
MIN_FIGURE = 10
FIGURE_KINDS = {None, "value", "vague"}  # troop rows (no kind) and counted quantities, not years


def _whole(infos: list[Info]) -> Span:
    return Span(infos[0].start, infos[-1].end, " ".join(i.text for i in infos))


@lru_cache(maxsize=None)
def reporting_pattern(lang: str) -> re.Pattern | None:
    """The language's reporting verbs (``attribution_verbs.csv``) as one pattern, or None."""
    lex = resources.lexicon(lang) if lang in resources.supported_languages() else None
    if lex is None or not lex.has("attribution_verbs"):
        return None
    verbs = sorted({v.lower() for v in lex.column("attribution_verbs", "verb") if v.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in verbs) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def reporting_concepts() -> frozenset[str]:
    """Concepts of the bilingual vocabulary that report speech (``statement`` and the rows
    whose source says ``reporting verb``)."""
    rows = list(resources.shared("glossary")) + list(resources.shared("bilingual"))
    return frozenset(r["concept"] for r in rows if r["concept"] == "statement"
                     or (r.get("source") or "").startswith("reporting verb"))


def _reports(infos: list[Info]) -> bool:
    """A reporting verb or a quotation mark somewhere in the step's sentences."""
    return any(QUOTES.search(i.text) for i in infos) or _reporting_verb(infos)


def _speaker(infos: list[Info]) -> Info | None:
    return next((i for i in infos if i.speaker), None)


def attribution(derived: list[Info], source: list[Info], before: Info | None = None,
                after: Info | None = None) -> list[tuple[str, str, Span, Span]]:
    """A claim the source attributes, stated as fact here (unless the sentence ``before`` it
    gives the same speaker's group: the attribution carries over); or the outlet's own
    statement put in someone's mouth (unless the source sentence ``after`` it attributes it
    back, a reporting verb without a quotation: "This was confirmed by the spokesperson."); or a
    speaker of another group, both sentences naming theirs with a reporting verb."""
    said_d, said_s = _speaker(derived), _speaker(source)
    carried = before is not None and said_s is not None and before.speaker_group == said_s.speaker_group
    if said_s is not None and said_d is None and not carried and _reporting_verb(source) and not _reports(derived) \
            and not any(polarity_matches(derived, kind) for kind in HEDGES + ("belief",)):  # "believed": still hearsay
        return [("attribution_changed", f"the source attributes this to {said_s.speaker}; here it is stated as fact",
                 _whole(derived), _whole(source))]
    backed = after is not None and _reporting_verb([after]) and not QUOTES.search(after.text)
    if said_d is not None and said_s is None and not backed and _reporting_verb(derived) and not _reports(source) \
            and not _quoted(derived):  # a quotation made of a paraphrase: :func:`quotation`
        return [("attribution_changed", f"the source states this in its own voice; here it is said by "
                 f"{said_d.speaker}", _whole(derived), _whole(source))]
    if said_d is not None and said_s is not None and said_d.speaker_group and said_s.speaker_group \
            and said_d.speaker_group != said_s.speaker_group and _reporting_verb([said_d]) \
            and _reporting_verb([said_s]) and not _names_both(said_d, said_s, derived, source):
        return [("attribution_changed", f"said by {said_s.speaker} ({said_s.speaker_group}) in the source, by "
                 f"{said_d.speaker} ({said_d.speaker_group}) here", _whole(derived), _whole(source))]
    return []


def _names_both(said_d: Info, said_s: Info, derived: list[Info], source: list[Info]) -> bool:
    """Both speakers are named in the step: the speaker was read differently, not changed."""
    named = {m["canonical"] for i in derived + source for m in i.mentions}
    return said_d.speaker in named and said_s.speaker in named


def _reporting_verb(infos: list[Info]) -> bool:
    pattern = reporting_pattern(infos[0].lang)
    verbs = reporting_concepts()
    return any((pattern is not None and pattern.search(i.text)) or any(c in verbs for c, _, _ in i.concepts())
               for i in infos)


def _quoted(infos: list[Info]) -> list[Info]:
    """Sentences holding a quotation of a clause (``QUOTED_WORDS`` words or more), not a term in quotes."""
    return [i for i in infos if any(len(q.split()) >= QUOTED_WORDS for q in QUOTED.findall(i.text))]


def quotation(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """The source gives a statement in its own words; the rendering quotes it as someone's: the
    source has no quotation at all, or the rendering opens with a quotation where the source
    opens with a paraphrase of ``QUOTED_WORDS`` words or more and quotes only its end
    (*Farmers must not ..., she said, and ... "we need to ..."*)."""
    quoted = _quoted(derived)
    if not quoted:
        return []
    if any(QUOTES.search(i.text) for i in source) and not (_opens_quoted(derived[0].text)
                                                           and _paraphrase_lead(source[0].text)):
        return []
    who = f" {quoted[0].speaker}'s" if _credited(quoted[0]) else ""
    return [("meaning_changed", f"the source's words are no quotation; here they are quoted as{who or ' a'} statement",
             Span(quoted[0].start, quoted[0].end, quoted[0].text), _whole(source))]


def _credited(info: Info) -> bool:
    """The sentence's speaker is named outside its quotations (``," kata Lee``): a speaker read
    from a name inside the quoted words is no credit to name in a detail."""
    if not info.speaker:
        return False
    inside = [(info.start + m.start(), info.start + m.end()) for m in QUOTED.finditer(info.text)]
    return any(m.get("canonical") == info.speaker and not any(a <= int(m["start"]) < b for a, b in inside)
               for m in info.mentions)


def _after_dateline(text: str) -> str:
    """The text after a dateline's dash (``KYIV (AP) —``), if the sentence has one in its first words."""
    m = DATELINE_DASH.search(text[:DATELINE_CHARS])
    return text[m.end():] if m else text


def _opens_quoted(text: str) -> bool:
    """The sentence opens with a quotation mark (after any dateline) and quotes a clause."""
    body = _after_dateline(text).lstrip()
    return bool(body) and bool(QUOTES.match(body)) and bool(_quoted([Info("", 0, 0, len(body), body, "")]))


def _paraphrase_lead(text: str) -> bool:
    """The sentence quotes something, but only after ``QUOTED_WORDS`` or more words of its own."""
    body = _after_dateline(text)
    first = QUOTES.search(body)
    return first is not None and len(LEAD_WORD.findall(body[:first.start()])) >= QUOTED_WORDS


def hedge_added(derived: list[Info], source: list[Info]) -> list[tuple[str, str, Span, Span]]:
    """A hearsay hedge (*reportedly*, *dilaporkan*) or a modal of possibility (*dapat
    meningkatkan* for *leads to*) the source does not have, nor any hedge, modal or belief of its
    own. A modal before a passive verb (``passive_prefix``: *dapat dibuang* = expendable) is a
    capability, not a hedge; possibility words (*kemungkinan*) are left alone."""
    added = [h for h in polarity_matches(derived, "hedge_reported") + _modal_hedges(derived)
             if not _renders(h, derived, source)]
    blocking = HEDGES + ("modal", "belief", "hedge_modifier")
    if not added or any(polarity_matches(source, kind) for kind in blocking):
        return []
    return [("qualifier_changed", f"hedge '{added[0].text}' added: the source states this without one", added[0],
             _whole(source))]


def _renders(word: Span, derived: list[Info], source: list[Info]) -> bool:
    """The hedge word is a vocabulary form whose concept the source sentence has: it renders the
    source's own word (*demikian dilaporkan KCNA* for *KCNA reported*), adding nothing."""
    concepts = {c for i in derived for c, a, b in i.concepts() if i.start + a <= word.start and word.end <= i.start + b}
    return bool(concepts & {c for i in source for c, _, _ in i.concepts()})


def _modal_hedges(infos: list[Info]) -> list[Span]:
    """The step's modals of possibility (``hedge_modal``) not followed by a passive verb nor
    negated (*tidak bisa* = cannot: an impossibility, not a hedge)."""
    prefixes = tuple(w.lower() for w in _polarity_words(infos[0].lang, "passive_prefix"))
    negations = {w.lower() for w in _polarity_words(infos[0].lang, "negation")}
    out = []
    for span in polarity_matches(infos, "hedge_modal"):
        info = next(i for i in infos if i.start <= span.start < i.end)
        following = info.text[span.end - info.start:].split()
        before = info.text[:span.start - info.start].split()
        passive = prefixes and following and following[0].lower().startswith(prefixes)
        if not passive and not (before and before[-1].lower() in negations):
            out.append(span)
    return out


@lru_cache(maxsize=None)
def _polarity_words(lang: str, kind: str) -> tuple[str, ...]:
    lex = resources.lexicon(lang) if lang in resources.supported_languages() else None
    if lex is None or not lex.has("polarity"):
        return ()
    return tuple(r["word"] for r in lex.table("polarity") if r["kind"] == kind)


def _counted(figure: dict) -> bool:
    """A figure worth missing: a count of ``MIN_FIGURE`` or more (small counts are written as words
    that are not read alike in both languages: *three* / *tiga*), not a year."""
    values = [v for v in (figure.get("value"), figure.get("low"), figure.get("high")) if v is not None and v == v]
    return (figure.get("kind") in FIGURE_KINDS and not YEAR.match(str(figure["text"]))
            and any(v >= MIN_FIGURE for v in values))


def figures_left_out(derived: list[Info], source: list[Info], elsewhere: set | frozenset = frozenset(),
                     anchored: bool = False) -> list[tuple[str, str, Span, Span]]:
    """Figures of the source the rendering leaves out, none put in their place, and not given in
    another of its sentences either (``elsewhere``: the values of the whole derived article).
    ``anchored``: the step is aligned too weakly for anything else, so it must share a figure."""
    def values(rows):
        return {v for r in rows for v in (r.get("value"), r.get("low"), r.get("high")) if v is not None and v == v}

    d = [f for i in derived for f in i.figures if _counted(f)]
    s = [f for i in source for f in i.figures if _counted(f)]
    kept = values(d)
    if not d or any(not (values([f]) & values(s)) for f in d):  # a figure of its own: a changed number, not this
        return []
    if anchored and not kept & values(s):
        return []
    gone = [f for f in s if not (values([f]) & (kept | set(elsewhere)))]
    if not gone:
        return []
    listed = ", ".join(f"'{f['text']}'" for f in gone)
    return [("omitted", f"the source's {listed} left out of this sentence", _whole(derived), _whole(source))]


def _span(row: dict) -> Span:
    return Span(int(row["start"]), int(row["end"]), str(row["text"]))


def dates_changed(derived: list[Info], source: list[Info]) -> list:
    """A day or week of the rendering close to, but not, the source's (see the module docstring)."""
    def dated(infos):  # points only ("now", durations, sets are no day); a time of a day by its day
        days = [{**t, "value": point_day(t["value"]), "granularity": "day"} if t.get("kind") == "time" else t
                for i in infos for t in i.timexes]
        return [t for t in days if t["value"] and t["granularity"] in {"day", "week", "month"}
                and t.get("kind", "date") in POINT_KINDS and t.get("role") not in {"timestamp", "dateline"}]

    d, s = dated(derived), dated(source)
    s_values, d_values = {t["value"] for t in s}, {t["value"] for t in d}
    gone = [t for t in s if t["value"] not in d_values and t["granularity"] in {"day", "week"}]
    out = []
    for t in d:  # another day or week close to the source's (18 for 19 December), not another happening
        near = [g for g in gone if t["granularity"] == g["granularity"] and t["value"] not in s_values
                and 0 < _days_apart(t["value"], g["value"]) <= DATE_NEAR_DAYS]
        if near:
            out.append(("meaning_changed", f"date '{t['text']}' ({t['value']}) where the source has "
                        f"'{near[0]['text']}' ({near[0]['value']})", _span(t), _span(near[0])))
    return out[:1]


def _days_apart(a: str, b: str) -> int:
    """Days between two ISO days, or the Mondays of two ISO weeks (``2024-W43``); 0 when unreadable."""
    def day(value: str) -> dt.date:
        if "-W" in value:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week[:2]), 1)
        return dt.date.fromisoformat(value)

    try:
        return abs((day(a) - day(b)).days)
    except ValueError:
        return 0


def figure_changes(derived: list[Info], source: list[Info], elsewhere: set) -> list[tuple[str, str, Span, Span]]:
    """What a weakly aligned step held together by a shared figure may still show: another hedge on
    that figure, and the source's other figures left out."""
    rows = [(kind, detail, here, there) for kind, detail, here, there, _ in numbers(derived, source)
            if kind == "qualifier_changed"]
    return rows + figures_left_out(derived, source, elsewhere, anchored=True)
