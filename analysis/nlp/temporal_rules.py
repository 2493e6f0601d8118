"""What the temporal tagger's newer rule families say (:mod:`analysis.nlp.temporal` finds
the spans): vague references (``now``, ``dulu``: PRESENT_REF, PAST_REF, FUTURE_REF), times of
day (``10:35 a.m.``, ``pukul 07.00 WIB``, ``tonight``, ``Sunday night``), sets (``daily``,
``every morning``, ``setiap hari``), seasons, quarters, decades, centuries and anaphoric days
(``that day``, ``hari itu``). Each word comes from the language's ``temporal_words.csv``;
the functions only read a span's tokens into a :class:`analysis.timex.Timex`. Writes nothing.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from ..timex import Timex
from ..timex_calendar import DEFINITE
from .digits import digit_value, is_digit_run
from .sentences import sent_of

MORE_RULES = {"half", "reference", "clock", "day_part", "set", "season", "quarter", "decade", "century", "anaphoric", "holiday"}
PART_OF_DAY_AFTER = {"weekday", "date_numeric", "date_numeric_dm", "date_text", "deictic"}  # 'Sunday night'
PRIORITY = ["date_numeric", "date_text", "date_numeric_dm", "month_year", "clock", "quarter", "ago",
            "duration", "later", "weekend", "relative", "anaphoric", "day_part", "deictic", "reference", "season", "set",
            "month_deadline", "month", "holiday", "decade", "century", "weekday", "year"]
CLOCK_BEFORE = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{2,4}\s*[,|]?\s*$", re.IGNORECASE)
DATELINE_BEFORE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{2,}(?:,\s*[A-Z][A-Za-z.'’ -]+)?,\s*$")  # "SEOUL, " "KYIV, Ukraine, "
DATELINE_AFTER = re.compile(r"^\s*(?:\([^)\n]{1,30}\)\s*)?(?:-{1,2}|—|–)")  # " (Reuters) -", " --"
CLOCK_TEXT = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")


def describe_more(tagger, span: Span, tense: str) -> Timex | None:
    """The Timex of a span of one of :data:`MORE_RULES`."""
    rule, lex = span.label_, tagger.lex
    words = [t.lower_ for t in span]
    text = " ".join(words)
    if rule == "reference":
        return Timex(rule, kind="reference", granularity="", code=lex.category("reference")[text], tense=tense)
    if rule == "set":
        return _set(tagger, span)
    if rule in {"clock", "day_part"}:
        return _time(tagger, span, tense)
    offset = next((int(tagger.relative[w]) for w in words if w in tagger.relative), None)
    offset = next((int(lex.category("latest")[w]) for w in words if w in lex.category("latest")), offset)
    year = tagger.year_of(span)
    if rule == "season":
        season = _phrase_value(words, lex.category("season"))
        return Timex(rule, granularity="season", mod=tagger._mod(span), year=year, offset=offset, code=season, tense=tense)
    if rule == "quarter":
        number = next((lex.category("ordinal")[w] for w in words if w in lex.category("ordinal")), "")
        if any(w in lex.category("ago") for w in words):
            offset = -1  # 'the year-ago third quarter'
        if not number and offset is None:
            offset = int(next(iter(lex.category("latest").values()), "-1"))  # 'the quarter': the last completed one
        if number and not any(tagger.units.get(w) == "year" for w in words):
            offset = None  # "the third quarter": of the anchor's year; "next year's first quarter": of the next
        return Timex(rule, granularity="quarter", year=year, offset=offset, code=f"Q{number}" if number else "", tense=tense)
    if rule == "half":  # 'the first half of 1990', 'the second half of next year'
        return Timex(rule, granularity="half", year=year, offset=offset, code=_phrase_value(words, lex.category("half_part")))
    if rule == "decade":
        spoken = _phrase_value(words, {**lex.category("decade_word"), **lex.category("decade_short")})  # 'the nineties', "the '80s"
        if spoken:
            return Timex(rule, granularity="decade", mod=tagger._mod(span), code=spoken)
        digits = next(m[0] for t in span if (m := re.search(r"\d{3}0", t.text)))  # '1990s', 'mid-1990s', '1990-an'
        prefix = span[-1].lower_.split("-")[0] if span[-1].text[:1].isalpha() else ""
        mod = lex.category("modifier").get(prefix) or tagger._mod(span)
        return Timex(rule, granularity="decade", mod=mod, code=digits[:3])
    if rule == "century":
        number = next(digit_value(re.sub(r"\D", "", t.text)) for t in span if t.text[:1].isdigit())
        return Timex(rule, granularity="century", code=f"{number - 1:02d}") if 1 <= number <= 21 else None
    if rule == "holiday":  # "Christmas", "last Thanksgiving", "Hari Kemerdekaan": its day in the year the tense points to
        date = _phrase_value(words, lex.holidays)
        return Timex(rule, code=date, offset=offset, tense=tense) if date else None
    if rule == "anaphoric":
        unit = next((tagger.units[w] for w in words if w in tagger.units), None)
        definite = DEFINITE if words[0] in lex.category("definite_article") else ""  # 'for the year'
        return Timex(rule, granularity=unit, mod=tagger._mod(span), tense=tense, code=definite) if unit else None
    return None


def _phrase_value(words: list[str], forms: dict[str, str]) -> str:
    """The value of the longest form of a category found in the words."""
    text = " " + " ".join(words) + " "
    found = [f for f in forms if f" {f} " in text]
    return forms[max(found, key=len)] if found else ""


def _set(tagger, span: Span) -> Timex:
    """'every day', 'each Thursday', 'every morning', 'daily', 'setiap hari Senin'."""
    lex, words = tagger.lex, [t.lower_ for t in span]
    periodic = _phrase_value(words, lex.category("periodic"))
    if periodic and periodic.isupper():  # 'nightly': a part of the day
        return Timex("set", kind="set", granularity="day", part=periodic)
    wd = next((lex.weekdays[t.lower_] for t in span[1:] if t.lower_ in lex.weekdays), None)
    month = next((lex.months[t.lower_] for t in span[1:] if t.lower_ in lex.months), None)
    if month is not None:  # 'each July': XXXX-07
        return Timex("set", kind="set", granularity="month", month=month)
    unit = periodic or next((tagger.units[w] for w in words[1:] if w in tagger.units), None) or next(
        ("quarter" for w in words[1:] if w in lex.category("quarter")), None)  # 'every quarter': P1Q
    part = next((lex.category("part_of_day")[w] for w in words if w in lex.category("part_of_day")), "")
    return Timex("set", kind="set", granularity=unit or ("week" if wd else "day"), weekday=wd, part=part)


def _time(tagger, span: Span, tense: str) -> Timex | None:
    """A clock time or a part of a day, on the anchor day, a weekday or a deictic day."""
    lex, words = tagger.lex, [t.lower_ for t in span]
    deictic = _phrase_value(words, lex.category("day_part_deictic"))
    if deictic:  # 'tonight' -> "0 NI"
        offset, part = deictic.split()
        return Timex("day_part", kind="time", offset=int(offset), part=part, tense=tense)
    part = _clock(span, lex) or next((lex.category("part_of_day")[w] for w in words
                                      if w in lex.category("part_of_day")), "")
    if not part:
        return None
    wd = next((lex.weekdays[w] for w in words if w in lex.weekdays), None)
    if wd is not None:
        return Timex("weekday", kind="time", weekday=wd, part=part, tense=tense)
    month = next((i for i, w in enumerate(words) if w in lex.months), None)
    if month is not None and month + 1 < len(span) and span[month + 1].is_digit:  # '5 p.m. EST Nov. 9'
        day = digit_value(span[month + 1].text)
        return Timex("date_text_dm", kind="time", month=lex.months[words[month]], day=day, part=part,
                     tense=tense) if 1 <= day <= 31 else None
    day = next((w for w in words if w in lex.category("deictic")), None)
    rel = next((w for w in words if w in tagger.relative), None)
    offset = int(lex.category("deictic")[day]) if day else 0
    if rel is not None and int(tagger.relative[rel]) != 0:
        return None  # 'last morning' is no day we can name
    return Timex("day_part" if day or rel else "clock", kind="time", offset=offset, part=part, tense=tense)


def _clock(span: Span, lex) -> str:
    """'10:35 a.m.' -> '10:35', '8 PM' -> '20:00', 'pukul 07.00' -> '07:00', 'noon' -> '12:00'."""
    words = [t.lower_ for t in span]
    fixed = _phrase_value(words, lex.category("clock_word"))
    if fixed:
        return fixed
    meridiem = next((lex.category("meridiem")[w] for w in words if w in lex.category("meridiem")), "")
    for token in span:
        match = CLOCK_TEXT.match(token.text)
        if match is None:
            continue
        hour, minute = int(match[1]), int(match[2] or 0)
        if meridiem == "pm" and hour < 12:
            hour += 12
        elif meridiem == "am" and hour == 12:
            hour = 0
        part_words = [lex.category("part_of_day")[w] for w in words if w in lex.category("part_of_day")]
        if not meridiem and part_words and part_words[-1] in {"AF", "EV", "NI"} and hour < 12:
            hour += 12  # 'pukul 7 malam'
        if hour > 24 or minute > 59:
            return ""
        return f"{hour:02d}:{minute:02d}"
    return ""


def part_of_day_after(tagger, span: Span) -> Span:
    """A date, weekday or deictic day followed by a part of the day ('Sunday night',
    'Minggu (28/12/2014) pagi', 'yesterday morning') takes it into its span."""
    doc = span.doc
    if span.label_ not in PART_OF_DAY_AFTER or span.end >= len(doc):
        return span
    if doc[span.end].lower_ not in tagger.lex.category("part_of_day"):
        return span
    return Span(doc, span.start, span.end + 1, label=span.label_)


def definite_period(tagger, span: Span) -> bool:
    """'For the year, sales rose', 'the first nine months of the year.': 'the year' after a
    preposition that frames a reporting period and before a pause or 'of' is the year the text
    is about (TimeML resolves it like 'this year'); 'the year before', 'the year 2000' are not."""
    doc, words = span.doc, tagger.lex.category
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end] if span.end < len(doc) else None
    if before in words("period_part_of"):  # 'months of the year', 'the rest of the year'; not 'man of the year'
        owner = doc[span.start - 2].lower_ if span.start > 1 else ""
        before = before if owner in tagger.units or owner in words("period_part") else ""
    return before in words("period_frame") and (after is None or after.is_punct or after.lower_ in words("period_frame_after"))


QUOTES = {'"', "''", "``", "`", "“", "”", "'"}


def in_proper_name(tagger, span: Span) -> bool:
    """A time word inside a name, which TimeML does not annotate (its guidelines' non-markable
    proper names): a title-cased phrase standing alone in quotation marks ('ABC's "This Week,"',
    "''60 Minutes''") or a month word heading a titled event ('the March for Life', 'the March of
    the Mothers')."""
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = [t.text for t in doc[span.end:span.end + 2]]
    words = [t for t in span if t.is_alpha]
    titled = bool(words) and all(t.text[:1].isupper() for t in words) and any(not t.is_sent_start for t in words)
    if titled and before in QUOTES and after and (after[0] in QUOTES or (len(after) > 1 and after[1] in QUOTES)):
        return True
    link = doc[span.end] if span.end < len(doc) else None
    opener = before in QUOTES or before.lower() in tagger.lex.category("name_opener")  # 'the annual March for Life'
    if opener and len(words) == 1 and words[0].lower_ in tagger.lex.months and link is not None \
            and link.lower_ in tagger.lex.category("name_link") and link.i + 1 < len(doc):
        head = doc[link.i + 2] if doc[link.i + 1].lower_ in tagger.lex.category("definite_article") and link.i + 2 < len(doc) \
            else doc[link.i + 1]
        return head.text[:1].isupper() and head.is_alpha
    return False


def not_a_time(tagger, span: Span) -> bool:
    """Readings the context rules out: a time word inside a name ('This Week', 'the March for
    Life'), 'the year' outside a reporting frame ('the year before'), a count with a
    demonstrative ('6 tahun itu'), a vague word with another sense ('terlebih dulu' = first,
    'the future of our peoples' = their prospects)."""
    rule, doc, words = span.label_, span.doc, tagger.lex.category
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if in_proper_name(tagger, span):
        return True
    if rule == "anaphoric" and (span[0].lower_ in words("definite_article") and not definite_period(tagger, span)
                                or before is not None and (is_digit_run(before.text) or before.lower_ in tagger.lex.numbers)):
        return True
    return rule == "reference" and (before is not None and before.lower_ in words("not_reference_after")
                                    or after in words("not_reference_before"))


def counts_something(tagger, span: Span) -> bool:
    """A bare four-digit number followed by a word a figure counts ('2000 troops',
    '1945 tentara') or preceded by a currency sign is a number, not a year."""
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 1].text if span.start > 0 else ""
    return after in tagger.lex.counted or before in {"$", "€", "£", "Rp", "US$"} or (before[-1:].isdigit())


def is_age(tagger, span: Span) -> bool:
    """'a 6-year-old', 'berusia 6 tahun': an age, which TimeML does not annotate."""
    doc, words = span.doc, tagger.lex.category
    after = [t.lower_ for t in doc[span.end:span.end + 2] if t.text != "-"]
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return bool(after) and after[0] in words("age") or before in words("age_before")


def is_rate(tagger, span: Span) -> bool:
    """'700 seats a week', '$1.76 a year', '24 hours a day': 'a' + a period after an amount is a
    rate (per week), not a time expression."""
    if span[0].lower_ not in tagger.lex.category("article_one"):
        return False
    before = span.doc[max(span.start - 3, 0):span.start]
    for token in reversed(before):
        if token.is_punct:
            return False
        if token.like_num:
            return True
    return False


def one_period(tagger, span: Span) -> bool:
    """'the following year', 'the previous day': one period counted from another time, a point
    (rule relative), not a duration ('the past two years', 'the coming weeks' are)."""
    lex, words = tagger.lex, [t.lower_ for t in span]
    anaphoric = set(lex.category("relative_anaphoric")) | set(lex.category("relative_anaphoric_after_the"))
    counted = any(w.isdigit() or w in lex.numbers or w in lex.numbers_one for w in words)
    unit = tagger.units.get(words[-1])
    this = any(tagger.relative.get(w) == "0" for w in words)  # 'the current year'
    return not counted and (bool(anaphoric & set(words)) or this) and unit == words[-1]


def with_clock_times(tagger, spans: list[Span]) -> list[Span]:
    """A day followed by a clock time ('Minggu (28/12/2014) pukul 06.18 WIB') is one TIMEX3
    TIME: the day's Timex with the clock time as its part of the day."""
    out: list[Span] = []
    for span in spans:
        previous = out[-1] if out else None
        if previous is not None and span.label_ == "clock" and span._.timex.rule == "clock" \
                and previous.label_ in PART_OF_DAY_AFTER and previous.end == span.start and not previous._.timex.part \
                and not opens_line(tagger, previous):  # "Kamis, 31/10/2024 14:05 WIB" heading a page is its time stamp: a date
            merged = Span(span.doc, previous.start, span.end, label=previous.label_)
            merged._.timex = replace(previous._.timex, kind="time", part=span._.timex.part)
            out[-1] = merged
            continue
        out.append(span)
    return out


def shared_set_part(tagger, spans: list[Span]) -> list[Span]:
    """'on Monday and Tuesday nights': a weekday joined to a weekday set with a part of the day
    shares it (TIMEX3 SET XXXX-WXX-1TNI as well as XXXX-WXX-2TNI)."""
    joiners = tagger.lex.category("name_joiner")
    for left, right in zip(spans, spans[1:]):
        a, b = left._.timex, right._.timex
        between = left.doc[left.end:right.start]
        if a.rule == "weekday" and a.kind == "date" and b.kind == "set" and b.weekday and b.part \
                and 0 < len(between) <= 2 and all(t.lower_ in joiners or t.text == "," for t in between):
            left._.timex = replace(a, kind="set", part=b.part)
    return spans


def opens_line(tagger, span: Span) -> bool:
    """Whether nothing but a time-stamp cue ('Published', 'Diperbarui') stands before the span on its line."""
    text = span.doc.text
    before = re.findall(r"[^\W\d_]+", text[text.rfind("\n", 0, span.start_char) + 1:span.start_char])
    return all(w.lower() in tagger.lex.stamps for w in before)


def _priority(span: Span) -> tuple:
    """Longer spans first; of equally long ones, the more explicit reading (``PRIORITY``)."""
    return (-(span.end - span.start), PRIORITY.index(span.label_) if span.label_ in PRIORITY else 99, span.start)


def keep_spans(candidates: list[Span]) -> list[Span]:
    """Non-overlapping spans, taken in ``_priority`` order ('four years ago' over 'nearly four
    years', 'March 6' over 'until March'), in text order."""
    kept, taken = [], set()
    for span in sorted(candidates, key=_priority):
        if not taken & set(range(span.start, span.end)):
            kept.append(span)
            taken |= set(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


def in_compound(token) -> bool:
    """A word joined by hyphens to its neighbours ('lower-than-expected')."""
    doc, i = token.doc, token.i
    return (i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_) or \
        (i + 1 < len(doc) and doc[i + 1].text == "-" and not token.whitespace_)


def role_of(tagger, span: Span, tense: str, text: str) -> str:
    """timestamp (a clock time beside it, or a 'Published'/'Diperbarui' cue before it on its
    line), dateline (``SEOUL, Oct 18 (Reuters) -``), citation (``dikutip AFP, Kamis
    (31/10/2024)``), future, or mention."""
    doc = span.doc
    line_start = text.rfind("\n", 0, span.start_char) + 1
    before = text[line_start:span.start_char]
    if tagger.clock.match(text[span.end_char:span.end_char + 40]) or CLOCK_BEFORE.search(before) \
            or any(w.lower() in tagger.lex.stamps for w in re.findall(r"[^\W\d_]+", before)[:2]):
        return "timestamp"
    if DATELINE_BEFORE.match(before) and DATELINE_AFTER.match(text[span.end_char:span.end_char + 30]):
        return "dateline"
    sent = sent_of(span)
    if any(t.lower_ in tagger.lex.cues for t in doc[sent.start:span.start]):
        return "citation"
    return "future" if tense == "future" else "mention"
