"""TIMEX3 values: what a time expression says (:class:`Timex`), its value against an
anchor date (:func:`resolve`), and the calendar range a value covers.

Pure date logic, no spaCy: the temporal tagger (:mod:`analysis.nlp.temporal`) describes
expressions as :class:`Timex`; the per-article stage resolves them once the article is
dated; the cross-article stages compare the resulting values. Reads and writes nothing.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .timex_calendar import resolve_calendar

UNIT_CODE = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y", "hour": "H", "minute": "M"}
VAGUE_CODE = {"decade": "E", "century": "C"}  # TimeML's own units for some decades / centuries: PXE, PXC (TimeBank)
CLOCK_UNITS = {"hour", "minute"}  # TIMEX3 writes them after a T: PT5H, PT40M
YEARS_IN = {"decade": 10, "century": 100}  # TIMEX3 durations in years: P10Y, P100Y
TIMEX3_TYPE = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET", "reference": "DATE"}
PAST_DAYS_AHEAD = 62  # a day and month without a year up to two months ahead is this (or next) year's ...
PAST_MONTHS_AHEAD = 1  # ... and a month named alone, next month: news names a coming date without its year
POINT_KINDS = {"date", "time"}  # a point on the calendar: the only kinds that can date an event or a claim
EXPLICIT_DAY_RULES = {"date_numeric", "date_text"}
REF_SUFFIX = "_ref"  # a relative rule counted from the time the text named last ("relative_ref", "ago_ref")
QUARTER_VALUE = re.compile(r"(\d{4})-Q([1-4])")
URL_DATE = re.compile(r"/(20\d{2}|19\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)")


@dataclass(frozen=True)
class Timex:
    """What a time expression says, before it is resolved against an anchor."""

    rule: str
    kind: str = "date"  # date | time | duration | set | reference (PRESENT_REF, PAST_REF, FUTURE_REF)
    granularity: str = "day"  # day | week | month | year
    mod: str = ""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO weekday named in the text
    offset: int | None = None  # relative offset in units of ``granularity``
    count: str | None = None  # duration/ago amount ("2", "X")
    tense: str = "past"  # past | future (of the clause)
    role: str = "mention"  # timestamp | dateline | citation | future | mention (explicit full dates)
    part: str = ""  # time of day: MO, AF, EV, NI or a clock time HH:MM (kind time)
    code: str = ""  # a fixed TIMEX3 piece: PAST_REF, a season (SU), a quarter (Q3), a decade (199)
    shift: int = 0  # days after the day named: 'the day before Tuesday' -1

    @property
    def type(self) -> str:
        """The TIMEX3 type: DATE, TIME, DURATION or SET (a vague reference is a DATE)."""
        return TIMEX3_TYPE.get(self.kind, "DATE")

    @property
    def is_point(self) -> bool:
        """A day, week, month or year (or a time of a day) on the calendar: what can date a
        happening. Durations, sets and vague references (PRESENT_REF) never can."""
        return self.kind in POINT_KINDS

    @property
    def date(self) -> dt.date | None:
        """The calendar day, for expressions that spell out day, month and year."""
        if self.rule in EXPLICIT_DAY_RULES and self.year and self.month and self.day:
            return safe_date(self.year, self.month, self.day)
        return None


@dataclass(frozen=True)
class Resolved:
    value: str  # "" when it cannot be resolved
    granularity: str
    flag: str = ""  # why not resolved, or a consistency problem


def safe_date(year: int, month: int, day: int) -> dt.date | None:
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


def resolve(timex: Timex, anchor: dt.date | None, reference: str = "") -> Resolved:
    """The TIMEX3 value of ``timex`` against ``anchor`` (the publication date); an anaphoric
    expression ('that day') takes its value from ``reference``, the point the text named last."""
    g = timex.granularity
    if timex.shift:  # 'the day before last Tuesday': that day, moved
        day = resolve(replace(timex, shift=0), anchor, reference)
        if granularity_of(day.value) != "day":
            return day
        return Resolved((dt.date.fromisoformat(day.value) + dt.timedelta(days=timex.shift)).isoformat(), "day", day.flag)
    if timex.kind == "reference":
        return Resolved(timex.code, "reference")
    if timex.kind == "duration":
        return Resolved(duration_value(timex.count or "X", g), g)
    if timex.kind == "set":
        if timex.weekday:
            return Resolved(f"XXXX-WXX-{timex.weekday}" + (f"T{timex.part}" if timex.part else ""), "day")
        if timex.part:
            return Resolved(f"XXXX-XX-XXT{timex.part}", "day")
        if timex.month:  # 'each July'
            return Resolved(f"XXXX-{timex.month:02d}", "month")
        return Resolved(duration_value("1", g), g)
    if timex.kind == "time":
        if timex.rule == "clock" and granularity_of(reference) == "day":  # "pukul 07.55": on the day last named
            return Resolved(f"{reference}T{timex.part}", "time")
        day = resolve(replace(timex, kind="date", part=""), anchor, reference)
        if granularity_of(day.value) != "day":
            return Resolved("", "time", day.flag or "no day for the time")
        return Resolved(f"{day.value}T{timex.part}", "time", day.flag)
    if timex.rule == "week_of":  # 'the week of March 6': the ISO week of the day
        day = resolve(replace(timex, rule="date_text" if timex.year else "date_text_dm", granularity="day"), anchor)
        return Resolved(iso_week(dt.date.fromisoformat(day.value)) if day.value else "", "week", day.flag)
    calendar = resolve_calendar(timex, anchor, reference)  # seasons, quarters, decades, centuries, anaphora
    if calendar is not None:
        return Resolved(*calendar)
    if timex.rule in EXPLICIT_DAY_RULES:
        value = timex.date
        flag = "weekday_mismatch" if timex.weekday and value.isoweekday() != timex.weekday else ""
        return Resolved(value.isoformat(), "day", flag)
    if timex.rule == "month_year":
        return Resolved(f"{timex.year:04d}-{timex.month:02d}", "month")
    if timex.rule == "year" and timex.year:
        return Resolved(f"{timex.year:04d}", "year")
    if anchor is None:
        return Resolved("", g, "unanchored: article has no publication date")
    if timex.rule in {"date_numeric_dm", "date_text_dm"}:
        return _resolve_day_month(timex, anchor)
    if timex.rule == "month":
        ahead = (timex.month - anchor.month) % 12  # months until its next occurrence (0: this month)
        if timex.tense == "future":  # the next one: 'akan ... Februari' in October is next February
            year = anchor.year + (timex.month < anchor.month)
        else:  # past: this year's if not after the anchor, or just ahead (a schedule, 'September' in August)
            year = anchor.year - (timex.month > anchor.month and ahead > PAST_MONTHS_AHEAD) \
                + (timex.month < anchor.month and ahead <= PAST_MONTHS_AHEAD)
        return Resolved(f"{year:04d}-{timex.month:02d}", "month")
    if timex.rule == "weekday":
        delta = (anchor.isoweekday() - timex.weekday) % 7
        if timex.offset is not None and timex.offset < 0:
            delta = delta or 7  # "Kamis lalu" / "last Thursday": strictly before
        if timex.tense == "future" and (timex.offset is None or timex.offset > 0):
            ahead = (timex.weekday - anchor.isoweekday()) % 7
            if timex.offset:
                ahead = ahead or 7
            return Resolved((anchor + dt.timedelta(days=ahead)).isoformat(), "day")
        return Resolved((anchor - dt.timedelta(days=delta)).isoformat(), "day")
    if timex.rule == "weekend":
        return Resolved(weekend(anchor, timex.offset, timex.tense), "week")
    if timex.rule == "weekday" + REF_SUFFIX:  # 'the previous Friday', 'the following Monday': from the day named last
        day = point_day(reference)
        base = dt.date.fromisoformat(day) if granularity_of(day) == "day" else anchor
        return resolve(replace(timex, rule="weekday", tense="future" if (timex.offset or 0) > 0 else "past"), base)
    if timex.rule.endswith(REF_SUFFIX):  # "hari sebelumnya", "the following week": from the time named last
        if _fine_enough(point_day(reference), g):
            return Resolved(_shift(first_day(point_day(reference)), g, timex.offset or 0), g)
        return resolve(replace(timex, rule=timex.rule.removesuffix(REF_SUFFIX)), anchor)  # else from publication
    quarter = QUARTER_VALUE.fullmatch(reference)
    if quarter and anchor is not None and (int(quarter[1]), int(quarter[2])) > (anchor.year, (anchor.month - 1) // 3 + 1):
        quarter = None  # a forecast quarter ('the third quarter of 1990') is no result a year-ago figure compares with
    if timex.rule == "ago" and g == "year" and quarter:  # "a year ago" after "the third quarter": that quarter then
        return Resolved(f"{int(quarter[1]) + (timex.offset or 0):04d}-Q{quarter[2]}", "quarter")
    if timex.rule == "ago" and g == "year" and timex.code == "Q" and anchor is not None:  # no quarter named before:
        last = (anchor.month - 1) // 3 or 4  # the last completed quarter, a year back
        return Resolved(f"{anchor.year - (last == 4) + (timex.offset or 0):04d}-Q{last}", "quarter")
    if timex.rule == "relative" and g in YEARS_IN:  # 'this century' 19, 'this decade' 198 (TIMEX3 writes their leading digits)
        width = 4 - len(str(YEARS_IN[g])) + 1
        return Resolved(f"{anchor.year // YEARS_IN[g] + (timex.offset or 0):0{width}d}", g)
    if timex.rule in {"relative", "ago", "later", "deictic", "clock", "day_part"}:
        return Resolved(_shift(anchor, g, timex.offset or 0), _point_granularity(g))
    return Resolved("", g, f"no resolution rule for {timex.rule}")


def weekend(anchor: dt.date, offset: int | None, tense: str) -> str:
    """TIMEX3 ``YYYY-Www-WE`` of the weekend a clause means: in the past, the last weekend that
    began on or before ``anchor`` ("over the weekend", "akhir pekan lalu" said on a Monday;
    "last weekend" said during a weekend is the one before); in the future ("this weekend" said
    on a weekday, "next weekend"), the coming one."""
    saturday = anchor - dt.timedelta(days=(anchor.isoweekday() - 6) % 7)
    in_weekend = anchor.isoweekday() >= 6
    if tense == "future" or (offset or 0) > 0:
        if not in_weekend or (offset or 0) > 0:
            saturday += dt.timedelta(days=7)
    elif offset is not None and offset < 0 and in_weekend:
        saturday -= dt.timedelta(days=7)
    return iso_week(saturday) + "-WE"


def _fine_enough(reference: str, unit: str) -> bool:
    """Whether a reference point is at least as precise as the unit counted from it (a day
    before a day, not a day before a year)."""
    order = ["day", "week", "month", "year"]
    granularity = granularity_of(reference)
    return granularity in order and unit in order and order.index(granularity) <= order.index(unit)


HALF_OF = {"year": "6M", "month": "15D", "week": "3DT12H", "day": "T12H", "hour": "30M", "minute": "30S"}


def duration_value(count: str, unit: str) -> str:
    """TIMEX3 duration: P2Y, PXM, PT5H; a decade or a century in years (P10Y, P100Y), an
    uncounted number of them in TimeML's decade and century units ('for decades' PXE,
    'centuries' PXC); a half
    in the next smaller unit ('2 1/2 years' P2Y6M, 'a minute and a half' PT1M30S)."""
    whole, _, fraction = count.partition(".")
    if fraction == "5" and whole.isdigit() and unit in HALF_OF:
        value = duration_value(whole, unit) if whole != "0" else ("PT" if unit in CLOCK_UNITS else "P")
        return value + HALF_OF[unit]
    if unit in YEARS_IN:
        years = str(int(count) * YEARS_IN[unit]) if count.isdigit() else count
        return f"P{years}Y" if count.isdigit() else f"PX{VAGUE_CODE[unit]}"
    return f"P{'T' if unit in CLOCK_UNITS else ''}{count}{UNIT_CODE.get(unit, 'D')}"


def point_day(value: str) -> str:
    """A DATE or TIME point value without its time of day (``2014-12-28TMO`` -> ``2014-12-28``)."""
    value = str(value or "")
    return value.split("T", 1)[0] if re.match(r"\d{4}-\d{2}-\d{2}T", value) else value


def _point_granularity(unit: str) -> str:
    """Hours and minutes shift the day ('two hours ago' is on the anchor day); decades and centuries the year."""
    return "day" if unit in CLOCK_UNITS else ("year" if unit in YEARS_IN else unit)


def _shift(anchor: dt.date, unit: str, offset: int) -> str:
    if unit in CLOCK_UNITS:
        return anchor.isoformat()
    if unit in YEARS_IN:
        return f"{anchor.year + offset * YEARS_IN[unit]:04d}"
    if unit == "day":
        return (anchor + dt.timedelta(days=offset)).isoformat()
    if unit == "week":
        return iso_week(anchor + dt.timedelta(weeks=offset))
    if unit == "quarter":  # 'two quarters ago'
        index = anchor.year * 4 + (anchor.month - 1) // 3 + offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
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
            day = safe_date(year, timex.month, timex.day)
            if day and day.isoweekday() == timex.weekday and (timex.tense == "future" or day <= anchor + dt.timedelta(days=1)):
                flag = "" if abs((day - anchor).days) < 183 else "year_from_weekday"
                return Resolved(day.isoformat(), "day", flag)
    day = safe_date(anchor.year, timex.month, timex.day)
    if day is None:
        return Resolved("", "day", "invalid day and month")
    candidates = [d for d in (safe_date(anchor.year + k, timex.month, timex.day) for k in (-1, 0, 1)) if d]
    if timex.tense == "future":  # the nearest, a week back at most
        day = min((d for d in candidates if d >= anchor - dt.timedelta(days=7)), key=lambda d: abs((d - anchor).days))
    else:  # the last such day, or one just ahead (a schedule: 'Jan. 14' in a story of 6 January)
        day = max(d for d in candidates if d <= anchor + dt.timedelta(days=PAST_DAYS_AHEAD))
    flag = "weekday_mismatch" if timex.weekday and day.isoweekday() != timex.weekday else ""
    return Resolved(day.isoformat(), "day", flag)


def value_range(value: str, granularity: str) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by a TIMEX3 date value (None if not a date)."""
    try:
        if granularity == "day":
            day = dt.date.fromisoformat(value)
            return day, day
        if granularity == "week":
            year, week = value.split("-W", 1)
            if week.endswith("-WE"):  # a weekend: Saturday and Sunday of the ISO week
                saturday = dt.date.fromisocalendar(int(year), int(week[:-3]), 6)
                return saturday, saturday + dt.timedelta(days=1)
            first = dt.date.fromisocalendar(int(year), int(week), 1)
            return first, first + dt.timedelta(days=6)
        if granularity == "month":
            year, month = (int(x) for x in value.split("-"))
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if granularity == "year":
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except (ValueError, TypeError):
        return None
    return None


def granularity_of(value: str) -> str | None:
    """The granularity a TIMEX3 date value is written in (None for durations and sets)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}(?:-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


def first_day(value: str) -> dt.date | None:
    """A date value as a day (a week, month or year counts from its first day)."""
    granularity = granularity_of(str(value or ""))
    span = value_range(value, granularity) if granularity else None
    return span[0] if span else None


def compatible(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    """Two date ranges can denote the same event if one contains the other."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def date_from_url(url: str | None) -> dt.date | None:
    """A ``/YYYY/MM/DD/`` date in a URL path, if any (and valid)."""
    match = URL_DATE.search(str(url or ""))
    return safe_date(int(match[1]), int(match[2]), int(match[3])) if match else None
