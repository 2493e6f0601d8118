"""TIMEX3 values of the calendar units the day-month-year logic of :mod:`analysis.timex`
does not cover: seasons (``2024-FA``), quarters (``1989-Q3``), decades (``199``), centuries
(``19``), holidays (``holidays.csv``: ``12-25``, ``11-4-4`` the fourth Thursday of November) and anaphoric expressions (``that day``, ``hari itu``) that take the time the text
last named. Pure date logic on the fields of a :class:`analysis.timex.Timex`; reads and
writes nothing.
"""
from __future__ import annotations

import datetime as dt
import re

SEASONS = ["SP", "SU", "FA", "WI"]  # in the order of a year that starts in spring
SEASON_OF_MONTH = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA",
                   12: "WI", 1: "WI", 2: "WI"}
FIXED_RULES = {"decade", "century"}
Value = tuple[str, str, str]  # value, granularity, flag
DEFINITE = "DEFINITE"  # Timex.code of 'the year' alone: the period under discussion, else the publication's


def resolve_calendar(timex, anchor: dt.date | None, reference: str = "") -> Value | None:
    """The value of a season, quarter, decade, century or anaphoric expression (None for
    any other rule)."""
    rule = timex.rule
    if rule in FIXED_RULES:
        return timex.code, rule, ""
    if rule == "anaphoric":  # 'for the year' with no year named before it: the year of the report (TimeML: the DCT's)
        fallback = anchor.isoformat() if timex.code == DEFINITE and anchor is not None else ""
        return _anaphoric(timex.granularity, reference or fallback)
    if rule == "holiday":
        return _holiday(timex, anchor)
    if rule == "month_of_year" and anchor is not None:  # "June last year"
        return f"{anchor.year + (timex.offset or 0):04d}-{timex.month:02d}", "month", ""
    if rule == "half" and (timex.year or anchor):  # 'the first half of 1990': 1990-H1
        return f"{timex.year or anchor.year + (timex.offset or 0):04d}-{timex.code}", "half", ""
    if rule not in {"season", "quarter"}:
        return None
    if timex.year is None and anchor is None:
        return "", rule, "unanchored: article has no publication date"
    if rule == "season":
        return f"{timex.year or _season_year(timex, anchor):04d}-{timex.code}", "season", ""
    return _quarter(timex, anchor), "quarter", ""


def _season_year(timex, anchor: dt.date) -> int:
    """The year of the season a text means: 'this summer' the anchor's, 'last fall' the last
    one that began before the anchor's season, 'next winter' the first after it. A winter
    belongs to the year it begins in (December)."""
    current = SEASON_OF_MONTH[anchor.month]
    year = anchor.year - (anchor.month <= 2)  # January's winter began the December before
    here, there = SEASONS.index(current), SEASONS.index(timex.code)
    offset = timex.offset or 0
    if offset < 0:
        return year if there < here else year - 1
    if offset > 0:
        return year if there > here else year + 1
    return year if timex.code == "WI" else anchor.year  # 'this summer' said in February: the coming one


def _quarter(timex, anchor: dt.date | None) -> str:
    """``1989-Q3``: a named quarter falls in the text's year or the anchor's; an unnamed one
    ('the latest quarter', 'the quarter' of an earnings report) is the anchor's shifted by the offset."""
    if timex.code:  # a named quarter; an offset counts years ("next year's first quarter")
        later = timex.year is None and timex.offset is None and timex.tense == "past" \
            and int(timex.code[1:]) > (anchor.month - 1) // 3 + 1  # 'profits fell in the fourth quarter' said in January
        return f"{timex.year or anchor.year + (timex.offset or 0) - later:04d}-{timex.code}"
    index = anchor.year * 4 + (anchor.month - 1) // 3 + (timex.offset or 0)
    return f"{timex.year or index // 4:04d}-Q{index % 4 + 1}"  # 'the 1988 quarter': the reported quarter, in 1988


def _anaphoric(unit: str, reference: str) -> Value:
    """'that day', 'later that year': the part of the time last named that the unit asks for."""
    if not reference:
        return "", unit, "anaphoric: no earlier time in the text"
    if unit == "year" and reference[:4].isdigit():
        return reference[:4], "year", ""
    if unit == "month" and len(reference) >= 7 and reference[5:7].isdigit():
        return reference[:7], "month", ""
    if unit == "day" and len(reference) >= 10 and reference[8:10].isdigit():
        return reference[:10], "day", ""
    if unit == "week" and len(reference) >= 10 and reference[8:10].isdigit():
        year, week, _ = dt.date.fromisoformat(reference[:10]).isocalendar()
        return f"{year}-W{week:02d}", "week", ""
    if unit == "day" and re.fullmatch(r"\d{4}(-\d{2})?", reference):  # 'last October ... that same day': 1998-10-XX
        return reference + "-XX" * (3 - len(reference.split("-"))), "month" if "-" in reference else "year", ""
    return "", unit, "anaphoric: the time last named is not that precise"


def holiday_day(code: str, year: int) -> dt.date | None:
    """The day of a holiday in a year: ``12-25``; ``11-4-4`` (the 4th ISO weekday 4 of November);
    ``05-L-1`` (the last Monday of May); ``11-E`` (the Tuesday after the first Monday of November)."""
    parts = code.split("-")
    month = int(parts[0])
    if len(parts) == 2 and parts[1] == "E":
        first_monday = dt.date(year, month, 1) + dt.timedelta(days=(1 - dt.date(year, month, 1).isoweekday()) % 7)
        return first_monday + dt.timedelta(days=1)
    if len(parts) == 2:
        try:
            return dt.date(year, month, int(parts[1]))
        except ValueError:
            return None
    weekday = int(parts[2])
    if parts[1] == "L":
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (int(parts[1]) - 1))


def _holiday(timex, anchor: dt.date | None) -> Value:
    """A holiday's day: the last one on or before the anchor in a past clause (or one just
    ahead, up to two months), the nearest one from a week back in a future clause; 'last' and
    'next' step once more."""
    if anchor is None:
        return "", "day", "unanchored: article has no publication date"
    days = [d for d in (holiday_day(timex.code, anchor.year + k) for k in (-1, 0, 1)) if d]
    offset = timex.offset or 0
    if offset < 0:
        day = max(d for d in days if d < anchor)
    elif offset > 0 or timex.tense == "future":
        day = min(d for d in days if d >= anchor - dt.timedelta(days=7 if not offset else -1))
    else:
        day = max(d for d in days if d <= anchor + dt.timedelta(days=62))
    return day.isoformat(), "day", ""
