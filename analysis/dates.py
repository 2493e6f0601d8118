"""Indonesian temporal tagger (TIMEX3-style) and publication-date inference.

The ``temporal_tagger`` spaCy component finds time expressions with a Matcher built
from the lexicons in ``data/lexicons`` (months, weekdays, temporal_words,
number_words, future_markers, citation_cues, time_zones) and stores them in
``doc.spans["timex"]``; each span carries ``span._.timex``, a :class:`Timex` with what
the text itself says (rule, kind, granularity, mod, explicit day/month/year, weekday,
relative offset, tense of its clause, role). Values that depend on the publication
date are computed afterwards by :func:`resolve` against an anchor date, so the same
document can be resolved once its article is dated.

Expression families (``rule``):

* ``date_numeric`` ``31/10/2024``, ``Kamis (31/10/2024)``; ``date_numeric_dm``
  ``Rabu (23/10)``, ``(30/10)``; ``date_text`` ``31 Oktober 2024``, ``Senin, 28 Oktober``;
* ``month_year`` ``Oktober 2024``, ``sejak Agustus 2023``; ``month`` ``pada bulan Juni``,
  ``awal Oktober`` (year from the anchor and the clause's tense); ``year`` ``tahun 2023``;
* ``weekday`` ``(hari) Rabu``, ``Kamis lalu``: the latest such day on or before the anchor,
  or the next one in a future clause (``akan``, ``dijadwalkan``...);
* ``relative`` ``pekan lalu``, ``awal pekan ini``, ``bulan lalu``, ``tahun depan``;
  ``ago`` ``dua hari lalu``; ``later`` ``dua hari lagi``; ``deictic`` ``kemarin``,
  ``hari ini``, ``saat ini``;
* ``duration`` ``selama dua tahun``, ``lebih dari dua tahun`` (P2Y), ``beberapa hari
  terakhir`` (PXD), ``selama berminggu-minggu``, ``minggu-minggu mendatang`` (PXW);
* ``set`` ``setiap hari`` (P1D), ``setiap hari Senin`` (XXXX-WXX-1).

Times of day (``pagi``, ``dini hari``) are out of scope.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import lexicons, nlp

SPAN_KEY = "timex"
UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y"}
CLAUSE_PUNCT = {",", ";", ":", ".", "?", "!", "—", "–", "“", "”", '"', "(", ")"}
EXPLICIT_DAY_RULES = {"date_numeric", "date_text"}

if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)


@dataclass(frozen=True)
class Timex:
    """What a time expression says, before it is resolved against an anchor."""

    rule: str
    kind: str = "date"  # date | duration | set
    granularity: str = "day"  # day | week | month | year
    mod: str = ""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO weekday named in the text
    offset: int | None = None  # relative offset in units of ``granularity``
    count: str | None = None  # duration/ago amount ("2", "X")
    tense: str = "past"  # past | future (of the clause)
    role: str = "mention"  # timestamp | citation | future | mention (explicit full dates)

    @property
    def date(self) -> dt.date | None:
        """The calendar day, for expressions that spell out day, month and year."""
        if self.rule in EXPLICIT_DAY_RULES and self.year and self.month and self.day:
            return _safe_date(self.year, self.month, self.day)
        return None


@dataclass(frozen=True)
class Resolved:
    value: str  # "" when it cannot be resolved
    granularity: str
    flag: str = ""  # why not resolved, or a consistency problem


# --------------------------------------------------------------------------- lexicons


def months() -> dict[str, int]:
    return {form: int(month) for form, month in lexicons.mapping("months", "form", "month").items()}


def weekdays() -> dict[str, int]:
    return {form: int(day) for form, day in lexicons.mapping("weekdays", "form", "isoweekday").items()}


@lru_cache(maxsize=1)
def temporal_words() -> dict[str, dict[str, str]]:
    """``category -> {form: value}`` from data/lexicons/temporal_words.csv."""
    out: dict[str, dict[str, str]] = {}
    for row in lexicons.load("temporal_words"):
        out.setdefault(row["category"], {})[row["form"].lower()] = row["value"]
    return out


@lru_cache(maxsize=1)
def number_words() -> dict[str, str]:
    return {r["form"].lower(): r["value"] for r in lexicons.load("number_words") if r["kind"] in {"unit", "vague"}}


def _cased(forms: Iterable[str]) -> list[str]:
    out = []
    for form in forms:
        out += [form[:1].upper() + form[1:], form.upper()]
    return sorted(set(out))


def _phrase(form: str) -> list[dict]:
    return [{"LOWER": word} for word in form.lower().split()]


def _opt(token: dict) -> dict:
    return dict(token, OP="?")


def _patterns() -> dict[str, list[list[dict]]]:
    words = temporal_words()
    month_forms = lexicons.load("months")
    full = [r["form"] for r in month_forms if r["kind"] == "name"]
    any_month = {"TEXT": {"IN": _cased(r["form"] for r in month_forms)}}
    full_month = {"TEXT": {"IN": _cased(full)}}
    weekday = {"TEXT": {"IN": _cased(weekdays())}}
    day = {"TEXT": {"REGEX": r"^(0?[1-9]|[12]\d|3[01])$"}}
    month_num = {"TEXT": {"REGEX": r"^(0?[1-9]|1[0-2])$"}}
    year = {"TEXT": {"REGEX": r"^(19|20)\d{2}$"}}
    comma_or_paren = {"ORTH": {"IN": [",", "("]}, "OP": "?"}
    hari = {"LOWER": "hari", "OP": "?"}
    close = {"ORTH": ")", "OP": "?"}
    modifier = {"LOWER": {"IN": sorted(words["modifier"])}}
    since = {"LOWER": {"IN": sorted(words["since"])}, "OP": "?"}
    bulan = {"LOWER": "bulan", "OP": "?"}
    unit = {"LOWER": {"IN": sorted(words["unit"])}}
    vague_unit = {"LOWER": {"IN": sorted(words["vague_unit"])}}
    relative = {"LOWER": {"IN": sorted(words["relative"])}}
    number = [{"LOWER": {"IN": sorted(number_words())}}, {"TEXT": {"REGEX": r"^\d{1,3}$"}}]
    qualifiers = [_phrase(q) for q in sorted(words["duration_qualifier"])]
    p: dict[str, list[list[dict]]] = {
        "date_numeric": [
            [hari, _opt(weekday), comma_or_paren, day, {"ORTH": "/"}, month_num, {"ORTH": "/"}, year, close],
            [hari, _opt(weekday), comma_or_paren, {"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}/(19|20)\d{2}$"}}, close],
        ],
        "date_numeric_dm": [
            [hari, weekday, comma_or_paren, day, {"ORTH": "/"}, month_num, close],
            [{"ORTH": "("}, day, {"ORTH": "/"}, month_num, {"ORTH": ")"}],
        ],
        "date_text": [
            [hari, _opt(weekday), {"ORTH": ",", "OP": "?"}, day, any_month, year],
            [hari, _opt(weekday), {"ORTH": ",", "OP": "?"}, day, full_month],
        ],
        "month_year": [[since, _opt(modifier), bulan, any_month, year]],
        "month": [[since, _opt(modifier), bulan, full_month, _opt(relative)]],
        "year": [[{"LOWER": {"IN": sorted(words["year_cue"] | words["modifier"] | words["since"])}}, year]],
        "weekday": [[{"LOWER": "hari", "OP": "?"}, weekday, _opt(relative)]],
        "relative": [[_opt(modifier), unit, relative]],
        "deictic": [_phrase(form) for form in words["deictic"]],
        "present": [_phrase(form) for form in words["present"]],
        "set": [[{"LOWER": {"IN": sorted(words["set"])}}, unit, _opt(weekday)]],
    }
    p["ago"] = [[n, unit, {"LOWER": "yang", "OP": "?"}, {"LOWER": {"IN": ["lalu", "sebelumnya"]}}] for n in number]
    p["later"] = [[n, unit, {"LOWER": {"IN": sorted(words["later"])}}] for n in number]
    window = {"LOWER": {"IN": sorted(words["window"]) + ["mendatang"]}, "OP": "?"}
    p["duration"] = [q + [n, unit, window] for q in qualifiers + [[]] for n in number]
    p["duration"] += [q + [vague_unit, window] for q in qualifiers + [[]]]
    return p


# --------------------------------------------------------------------------- component


@Language.factory("temporal_tagger")
def make_temporal_tagger(nlp: Language, name: str) -> "TemporalTagger":
    return TemporalTagger(nlp)


class TemporalTagger:
    """Finds time expressions and records what they say (see module docstring)."""

    def __init__(self, nlp: Language):
        self.matcher = Matcher(nlp.vocab)
        for rule, patterns in _patterns().items():
            self.matcher.add(rule, patterns)
        words = temporal_words()
        self.words = words
        self.months = months()
        self.weekdays = weekdays()
        self.numbers = number_words()
        self.zones = set(lexicons.column("time_zones", "zone"))
        self.cues = {cue.lower() for cue in lexicons.column("citation_cues", "cue")}
        self.future = {m.lower() for m in lexicons.column("future_markers", "marker")}
        self.boundaries = set(words.get("clause_boundary", {}))
        self.clock = re.compile(r"^\s*(?:\|\s*)?\d{1,2}[:.]\d{2}\s*(" + "|".join(sorted(self.zones)) + r")\b")

    def __call__(self, doc: Doc) -> Doc:
        candidates = []
        for match_id, start, end in self.matcher(doc):
            rule = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label=rule)
            if self._accept(span):
                candidates.append(span)
        spans = []
        for span in filter_spans(sorted(candidates, key=_priority)):
            if span.label_ == "year" and span[0].lower_ != "tahun" and span[0].lower_ in self.words["year_cue"]:
                span = Span(doc, span.start + 1, span.end, label="year")  # "pada 2023" -> "2023"
            timex = self._describe(span)
            if timex is not None:
                span._.timex = timex
                spans.append(span)
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: s.start)
        return doc

    def _accept(self, span: Span) -> bool:
        rule = span.label_
        if rule == "weekday":
            # "minggu lalu/ini/depan" is a week, not Sunday (unless "hari Minggu ...")
            wd = [t for t in span if t.lower_ in self.weekdays][0]
            if wd.lower_ == "minggu" and span[0].lower_ != "hari" and wd.i + 1 < len(span.doc) \
                    and span.doc[wd.i + 1].lower_ in self.words["relative"]:
                return False
        if rule == "relative" and span[-2].lower_ == "hari" and span[-1].lower_ == "ini":
            return False  # "hari ini" is deictic
        if rule == "month" and span[-1].lower_ in self.words["relative"] and span[-1].lower_ == "ini":
            return False  # "Oktober ini" is rare; avoid "bulan Oktober ini" double reading
        return True

    def _describe(self, span: Span) -> Timex | None:
        rule = span.label_
        tense = self._tense(span)
        if rule in {"date_numeric", "date_numeric_dm", "date_text"}:
            return self._explicit(span, rule, tense)
        if rule in {"month_year", "month"}:
            month = next(self.months[t.lower_] for t in span if t.lower_ in self.months)
            year = next((int(t.text) for t in span if t.like_num and len(t.text) == 4), None)
            rel = span[-1].lower_ if span[-1].lower_ in self.words["relative"] else None
            if rel is not None:
                tense = "future" if int(self.words["relative"][rel]) > 0 else "past"
            return Timex(rule, granularity="month", mod=self._mod(span), month=month, year=year, tense=tense)
        if rule == "year":
            year = int(span[-1].text)
            return Timex(rule, granularity="year", mod=self._mod(span), year=year, tense=tense)
        if rule == "weekday":
            wd = next(self.weekdays[t.lower_] for t in span if t.lower_ in self.weekdays)
            rel = span[-1].lower_ if span[-1].lower_ in self.words["relative"] else None
            offset = int(self.words["relative"][rel]) if rel else None
            return Timex(rule, weekday=wd, offset=offset, tense="future" if offset and offset > 0 else tense)
        if rule == "relative":
            unit = self.words["unit"][span[-2].lower_]
            offset = int(self.words["relative"][span[-1].lower_])
            return Timex(rule, granularity=unit, mod=self._mod(span), offset=offset, tense=tense)
        if rule in {"ago", "later"}:
            count = self._count(span[0])
            unit_token = next(t for t in span if t.lower_ in self.words["unit"])
            unit = self.words["unit"][unit_token.lower_]
            if count == "X":
                return Timex("duration", kind="duration", granularity=unit, count="X", tense=tense)
            sign = -1 if rule == "ago" else 1
            return Timex(rule, granularity=unit, offset=sign * int(count), tense=tense)
        if rule in {"deictic", "present"}:
            form = " ".join(t.lower_ for t in span)
            return Timex(rule, offset=int(self.words[rule][form]), tense=tense)
        if rule == "duration":
            return self._duration(span, tense)
        if rule == "set":
            unit = self.words["unit"][span[1].lower_]
            wd = self.weekdays.get(span[-1].lower_) if len(span) > 2 else None
            return Timex(rule, kind="set", granularity=unit, weekday=wd)
        return None

    def _explicit(self, span: Span, rule: str, tense: str) -> Timex | None:
        digits = []
        for t in span:
            if "/" in t.text and t.text != "/":
                digits += t.text.split("/")
            elif t.like_num and t.text.isdigit():
                digits.append(t.text)
        month_name = next((self.months[t.lower_] for t in span if t.lower_ in self.months), None)
        wd = next((self.weekdays[t.lower_] for t in span if t.lower_ in self.weekdays), None)
        day = int(digits[0])
        if month_name is not None:
            month, year = month_name, (int(digits[1]) if len(digits) > 1 else None)
        else:
            month, year = int(digits[1]), (int(digits[2]) if len(digits) > 2 else None)
        if year is not None and _safe_date(year, month, day) is None:
            return None  # 31/02/2024 is not a date
        timex = Timex("date_text" if month_name else ("date_numeric" if year else "date_numeric_dm"),
                      year=year, month=month, day=day, weekday=wd, tense=tense)
        if rule == "date_text" and year is None:
            timex = replace(timex, rule="date_text_dm")
        return replace(timex, role=self._role(span, tense)) if year else timex

    def _duration(self, span: Span, tense: str) -> Timex:
        words = self.words
        text = " ".join(t.lower_ for t in span)
        mod = ""
        for qualifier, value in words["duration_qualifier"].items():
            if text.startswith(qualifier + " "):
                mod = value
        vague = next((t for t in span if t.lower_ in words["vague_unit"]), None)
        if vague is not None:
            unit, count = words["vague_unit"][vague.lower_], "X"
        else:
            unit_token = next(t for t in span if t.lower_ in words["unit"])
            unit, count = words["unit"][unit_token.lower_], self._count(span[unit_token.i - span.start - 1])
        if span[-1].lower_ == "mendatang":
            tense = "future"
        return Timex("duration", kind="duration", granularity=unit, mod=mod, count=count, tense=tense)

    def _count(self, token) -> str:
        if token.text.isdigit():
            return token.text
        return self.numbers.get(token.lower_, "X")

    def _mod(self, span: Span) -> str:
        for token in span:
            if token.lower_ in self.words["modifier"]:
                return self.words["modifier"][token.lower_]
            if token.lower_ in self.words["since"]:
                return self.words["since"][token.lower_]
        return ""

    def _clause(self, span: Span) -> tuple[int, int]:
        """Token bounds of the clause around ``span`` (within its sentence)."""
        doc = span.doc
        sent = nlp.sent_of(span)
        start = span.start
        while start > sent.start and doc[start - 1].text not in CLAUSE_PUNCT \
                and doc[start - 1].lower_ not in self.boundaries:
            start -= 1
        end = span.end
        while end < sent.end and doc[end].text not in CLAUSE_PUNCT and doc[end].lower_ not in self.boundaries:
            end += 1
        return start, end

    def _tense(self, span: Span) -> str:
        start, end = self._clause(span)
        words = {t.lower_ for t in span.doc[start:end]}
        return "future" if words & self.future else "past"

    def _role(self, span: Span, tense: str) -> str:
        doc = span.doc
        if self.clock.match(doc.text[span.end_char:span.end_char + 40]):
            return "timestamp"
        sent = nlp.sent_of(span)
        before = {t.lower_ for t in doc[sent.start:span.start]}
        if before & self.cues:
            return "citation"
        return "future" if tense == "future" else "mention"


def _priority(span: Span) -> tuple:
    """filter_spans keeps the first of equally long spans: prefer explicit readings."""
    order = ["date_numeric", "date_text", "date_numeric_dm", "month_year", "ago", "later", "duration",
             "relative", "deictic", "present", "set", "month", "weekday", "year"]
    return (-(span.end - span.start), order.index(span.label_) if span.label_ in order else 99, span.start)


# --------------------------------------------------------------------------- resolution


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def resolve(timex: Timex, anchor: dt.date | None) -> Resolved:
    """The TIMEX3 value of ``timex`` against ``anchor`` (the publication date)."""
    g = timex.granularity
    if timex.kind == "duration":
        return Resolved(f"P{timex.count}{UNIT_CODE[g]}", g)
    if timex.kind == "set":
        if timex.weekday:
            return Resolved(f"XXXX-WXX-{timex.weekday}", "day")
        return Resolved(f"P1{UNIT_CODE[g]}", g)
    if timex.rule in EXPLICIT_DAY_RULES:
        value = timex.date
        flag = ""
        if timex.weekday and value.isoweekday() != timex.weekday:
            flag = "weekday_mismatch"
        return Resolved(value.isoformat(), "day", flag)
    if timex.rule == "month_year":
        return Resolved(f"{timex.year:04d}-{timex.month:02d}", "month")
    if timex.rule == "year":
        return Resolved(f"{timex.year:04d}", "year")
    if anchor is None:
        return Resolved("", g, "unanchored: article has no publication date")
    if timex.rule in {"date_numeric_dm", "date_text_dm"}:
        return _resolve_day_month(timex, anchor)
    if timex.rule == "month":
        year = anchor.year
        if timex.tense == "future":
            year += timex.month < anchor.month
        else:
            year -= timex.month > anchor.month
        return Resolved(f"{year:04d}-{timex.month:02d}", "month")
    if timex.rule == "weekday":
        delta = (anchor.isoweekday() - timex.weekday) % 7
        if timex.offset is not None and timex.offset < 0:
            delta = delta or 7  # "Kamis lalu": strictly before
        if timex.tense == "future" and (timex.offset is None or timex.offset > 0):
            ahead = (timex.weekday - anchor.isoweekday()) % 7
            if timex.offset:
                ahead = ahead or 7
            return Resolved((anchor + dt.timedelta(days=ahead)).isoformat(), "day")
        return Resolved((anchor - dt.timedelta(days=delta)).isoformat(), "day")
    if timex.rule in {"relative", "ago", "later", "deictic", "present"}:
        return Resolved(_shift(anchor, g, timex.offset or 0), g)
    return Resolved("", g, f"no resolution rule for {timex.rule}")


def _shift(anchor: dt.date, unit: str, offset: int) -> str:
    if unit == "day":
        return (anchor + dt.timedelta(days=offset)).isoformat()
    if unit == "week":
        return iso_week(anchor + dt.timedelta(weeks=offset))
    if unit == "month":
        year, month = shift_month(anchor.year, anchor.month, offset)
        return f"{year:04d}-{month:02d}"
    return f"{anchor.year + offset:04d}"


def _resolve_day_month(timex: Timex, anchor: dt.date) -> Resolved:
    """A day and month without a year: the weekday, when given, picks the year
    (``Selasa (26/4)`` in a 2024 article is 26 April 2022); otherwise the nearest
    year in the clause's tense direction."""
    if timex.weekday:
        years = range(anchor.year + (1 if timex.tense == "future" else 0), anchor.year - 11, -1)
        for year in years:
            day = _safe_date(year, timex.month, timex.day)
            if day and day.isoweekday() == timex.weekday and (timex.tense == "future" or day <= anchor + dt.timedelta(days=1)):
                flag = "" if abs((day - anchor).days) < 183 else "year_from_weekday"
                return Resolved(day.isoformat(), "day", flag)
    year = anchor.year
    day = _safe_date(year, timex.month, timex.day)
    if day is None:
        return Resolved("", "day", "invalid day and month")
    if timex.tense == "future" and day < anchor - dt.timedelta(days=7):
        day = _safe_date(year + 1, timex.month, timex.day) or day
    elif timex.tense != "future" and day > anchor + dt.timedelta(days=7):
        day = _safe_date(year - 1, timex.month, timex.day) or day
    flag = "weekday_mismatch" if timex.weekday and day.isoweekday() != timex.weekday else ""
    return Resolved(day.isoformat(), "day", flag)


# --------------------------------------------------------------------------- publication date

URL_DATE = re.compile(r"/(20\d{2}|19\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")


def date_from_url(url: str | None) -> dt.date | None:
    """A ``/YYYY/MM/DD/`` date in a URL path, if any (and valid)."""
    match = URL_DATE.search(str(url or ""))
    return _safe_date(int(match[1]), int(match[2]), int(match[3])) if match else None


def infer_publication_date(spans: Iterable[Span], url: str | None = None) -> tuple[dt.date | None, str]:
    """``(date, evidence)`` for an article without a manifest date.

    Order of trust: a publication timestamp in the text (the first one), a dated
    URL path, the latest citation date (``dikutip AFP, Kamis (31/10/2024)``), the
    latest other explicit date that is not in a future-tense clause. Returns
    ``(None, reason)`` when nothing qualifies: the article is kept and flagged.
    """
    dated = [s for s in spans if s._.timex is not None and s._.timex.date is not None]
    stamps = [s for s in dated if s._.timex.role == "timestamp"]
    if stamps:
        s = stamps[0]
        clock = re.match(r"\s*(?:\|\s*)?\d{1,2}[:.]\d{2}\s*[A-Z]+", s.doc.text[s.end_char:s.end_char + 40])
        return s._.timex.date, f"inferred from text: publication timestamp '{s.text}{clock[0] if clock else ''}'"
    from_url = date_from_url(url)
    if from_url is not None:
        return from_url, f"inferred from URL path: {from_url.isoformat()}"
    for role, label in (("citation", "latest citation date"), ("mention", "latest explicit date")):
        found = [s for s in dated if s._.timex.role == role]
        if found:
            s = max(found, key=lambda x: (x._.timex.date, x.start))
            return s._.timex.date, f"inferred from text: {label} '{s.text}'"
    return None, "undated: no manifest date, no dated URL and no explicit past date in the text"
