"""TIMEX3 in full (issue 20): types, durations without a preposition, years, seasons, quarters,
decades, centuries, sets, times of day, vague references, anaphoric days, in English and
Indonesian. Short sentences written for the test; values from reading them."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.nlp import get_nlp
from analysis.nlp.temporal import SPAN_KEY
from analysis.timex import resolve
from tests.conftest import extract_corpus, write_corpus


def tag(lang: str, text: str, anchor: str) -> dict[str, tuple[str, str]]:
    """{span text: (TIMEX3 type, value)} for the expressions of a sentence."""
    doc = get_nlp(lang)(text)
    day = dt.date.fromisoformat(anchor)
    return {s.text: (s._.timex.type, resolve(s._.timex, day).value) for s in doc.spans[SPAN_KEY]}


@pytest.mark.parametrize("lang, text, anchor, expected", [
    # durations without "for" / "selama"
    ("en", "The move comes barely a month after the cuts.", "1998-02-13", {"a month": ("DURATION", "P1M")}),
    ("en", "The talks lasted 90 days.", "1998-02-13", {"90 days": ("DURATION", "P90D")}),
    ("en", "They signed a 10-year deal.", "1998-02-13", {"10-year": ("DURATION", "P10Y")}),
    ("en", "The flight took five hours.", "1998-02-13", {"five hours": ("DURATION", "PT5H")}),
    ("id", "Perang sudah berlangsung setahun.", "2024-10-29", {"setahun": ("DURATION", "P1Y")}),
    ("id", "Mereka dilatih tiga bulan di sana.", "2024-10-29", {"tiga bulan": ("DURATION", "P3M")}),
    ("id", "Pemadaman berlangsung 15 menit.", "2024-10-29", {"15 menit": ("DURATION", "PT15M")}),
    # bare years, decades, centuries, fiscal years
    ("en", "It was a 2010 raid.", "2024-10-29", {"2010": ("DATE", "2010")}),
    ("en", "Prices rose in the late 1970s.", "1998-02-13", {"the late 1970s": ("DATE", "197")}),
    ("en", "The 20th century ended.", "2001-01-01", {"The 20th century": ("DATE", "19")}),
    ("en", "Sales grew in fiscal 1989.", "1989-11-02", {"fiscal 1989": ("DATE", "1989")}),
    ("en", "Sales slowed in mid-1996.", "1998-02-13", {"mid-1996": ("DATE", "1996")}),
    ("id", "Konflik itu bermula pada tahun 1990-an.", "2024-10-29", {"tahun 1990-an": ("DATE", "199")}),
    ("id", "Bangunan itu dari abad ke-19.", "2024-10-29", {"abad ke-19": ("DATE", "18")}),
    # seasons and quarters
    ("en", "The offensive stalled last fall.", "1998-02-13", {"last fall": ("DATE", "1997-FA")}),
    ("en", "They will return this summer.", "1998-02-13", {"this summer": ("DATE", "1998-SU")}),
    ("id", "Serangan dimulai musim gugur lalu.", "2025-01-10", {"musim gugur lalu": ("DATE", "2024-FA")}),
    ("en", "Third-quarter profit fell.", "1989-10-27", {"Third-quarter": ("DATE", "1989-Q3")}),
    ("en", "Profit fell in the latest quarter.", "1989-10-27", {"the latest quarter": ("DATE", "1989-Q3")}),
    ("id", "Laba kuartal ketiga naik.", "2024-10-29", {"kuartal ketiga": ("DATE", "2024-Q3")}),
    # sets
    ("en", "Patrols leave every morning.", "1998-02-13", {"every morning": ("SET", "XXXX-XX-XXTMO")}),
    ("en", "The report is published annually.", "1998-02-13", {"annually": ("SET", "P1Y")}),
    ("en", "There are two flights daily.", "1998-02-13", {"daily": ("SET", "P1D")}),
    ("id", "Drone menyerang setiap hari.", "2024-10-29", {"setiap hari": ("SET", "P1D")}),
    # times of day
    ("en", "The vote starts at 8 PM.", "2013-03-22", {"8 PM": ("TIME", "2013-03-22T20:00")}),
    ("en", "The plane landed at 10:35 a.m.", "2013-03-22", {"10:35 a.m.": ("TIME", "2013-03-22T10:35")}),
    ("en", "He spoke on Sunday night.", "2013-03-22", {"Sunday night": ("TIME", "2013-03-17TNI")}),
    ("en", "He spoke this morning.", "2013-03-22", {"this morning": ("TIME", "2013-03-22TMO")}),
    ("id", "Kapal berangkat pukul 07.00 WIB.", "2014-12-30", {"pukul 07.00 WIB": ("TIME", "2014-12-30T07:00")}),
    ("id", "Ia tiba Selasa siang.", "2014-12-31", {"Selasa siang": ("TIME", "2014-12-30TAF")}),
    ("id", "Hujan turun tadi malam.", "2014-12-31", {"tadi malam": ("TIME", "2014-12-30TNI")}),
    ("id", "Kapal hilang Minggu (28/12/2014) pukul 06.18 WIB.", "2014-12-29",
     {"Minggu (28/12/2014) pukul 06.18 WIB": ("TIME", "2014-12-28T06:18")}),
    # vague references
    ("en", "He is now in Kyiv.", "2024-10-29", {"now": ("DATE", "PRESENT_REF")}),
    ("en", "It was currently the plan.", "2024-10-29", {"currently": ("DATE", "PRESENT_REF")}),
    ("en", "This happened in the past.", "2024-10-29", {"the past": ("DATE", "PAST_REF")}),
    ("id", "Saat ini pasukan masih di sana.", "2024-10-29", {"Saat ini": ("DATE", "PRESENT_REF")}),
    ("id", "Kota itu dulu ramai.", "2024-10-29", {"dulu": ("DATE", "PAST_REF")}),
    ("id", "Nanti mereka kembali.", "2024-10-29", {"Nanti": ("DATE", "FUTURE_REF")}),
    ("en", "It began several years ago.", "1998-02-13", {"several years ago": ("DATE", "PAST_REF")}),
    ("id", "Hal itu terjadi beberapa tahun lalu.", "2024-10-29", {"beberapa tahun lalu": ("DATE", "PAST_REF")}),
    ("en", "They returned the following year.", "1998-02-13", {"following year": ("DATE", "1999")}),  # not a duration
    # a month of the year a relative word names; quarters of a named or relative year
    ("en", "The war began in June last year.", "1998-02-19", {"June last year": ("DATE", "1997-06")}),
    ("id", "Serangan terjadi Oktober tahun lalu.", "2024-12-19", {"Oktober tahun lalu": ("DATE", "2023-10")}),
    ("en", "Sales will grow in next year's first quarter.", "1989-10-27",
     {"next year's first quarter": ("DATE", "1990-Q1")}),
    ("en", "A charge was taken in the 1988 second quarter.", "1989-10-27",
     {"the 1988 second quarter": ("DATE", "1988-Q2")}),
    # the tense of the clause picks the year of a month or a day named without one
    ("en", "The election is this September.", "1998-06-26", {"this September": ("DATE", "1998-09")}),
    ("en", "Gains were lost partly due to the arrival of troops in October.", "2025-01-22",
     {"October": ("DATE", "2024-10")}),  # 'due to the' = because of: no future
    ("en", "Collins will command a mission in December.", "1998-03-04", {"December": ("DATE", "1998-12")}),
    ("en", "The new pact is effective Feb. 1.", "1989-10-26", {"Feb. 1": ("DATE", "1990-02-01")}),
    ("en", "The envoy said on Tuesday that Iraq would retaliate.", "1990-08-15", {"Tuesday": ("DATE", "1990-08-14")}),
    ("en", "The offer had been due to expire Friday.", "1989-10-30", {"Friday": ("DATE", "1989-10-27")}),
    ("en", "Officials postponed the vote until Tuesday.", "2000-04-13", {"Tuesday": ("DATE", "2000-04-18")}),
    # holidays (holidays.csv): Thanksgiving 1999 fell on Thursday 25 November
    ("en", "They met on Thanksgiving Day.", "1999-11-20", {"Thanksgiving Day": ("DATE", "1999-11-25")}),
    ("en", "It snowed last Christmas.", "1999-11-20", {"last Christmas": ("DATE", "1998-12-25")}),
    ("id", "Mereka akan merayakan Tahun Baru di pos.", "2024-12-20", {"Tahun Baru": ("DATE", "2025-01-01")}),
    # a month named a little ahead of publication is the coming one
    ("en", "The program will run through June.", "2013-03-22", {"June": ("DATE", "2013-06")}),
    ("en", "The plan runs through January.", "2013-11-22", {"January": ("DATE", "2014-01")}),
    ("id", "Hingga November 2014, pesawat itu terbang.", "2014-12-30", {"November 2014": ("DATE", "2014-11")}),
    # counts spelled out, compound, with a fraction or 'more'; years spoken in words (transcripts)
    ("en", "Shares fell over the last twenty four hours.", "1998-01-08",
     {"the last twenty four hours": ("DURATION", "PT24H")}),
    ("en", "The strike lasted 2 1/2 years.", "1998-02-27", {"2 1/2 years": ("DURATION", "P2Y6M")}),
    ("en", "The climb took a minute and a half.", "1998-01-14", {"a minute and a half": ("DURATION", "PT1M30S")}),
    ("en", "The tribe has lived there almost a hundred years.", "1998-02-13",
     {"almost a hundred years": ("DURATION", "P100Y")}),
    ("en", "The inspectors need two more weeks.", "2000-06-01", {"two more weeks": ("DURATION", "P2W")}),
    ("en", "Prices may stay low a couple of years.", "1998-01-08", {"a couple of years": ("DURATION", "P2Y")}),
    ("en", "Atlanta hosted the games in nineteen ninety-six.", "1998-02-27", {"nineteen ninety-six": ("DATE", "1996")}),
    ("en", "They met in January nineteen ninety-seven.", "1998-02-27",
     {"January nineteen ninety-seven": ("DATE", "1997-01")}),
    ("en", "The genocide began nearly four years ago.", "1998-02-27", {"nearly four years ago": ("DATE", "1994")}),
    # a clock time with its day; the tense of a parenthesis, a compound, a past perfect, a relative clause
    ("en", "The offer expires at 5 p.m. EST Nov. 9.", "1989-11-02",
     {"5 p.m. EST Nov. 9": ("TIME", "1989-11-09T17:00")}),
    ("en", "The father will leave early (4 a.m. EDT Thursday).", "2000-04-05",
     {"4 a.m. EDT Thursday": ("TIME", "2000-04-06T04:00")}),
    ("en", "Shares fell after lower-than-expected earnings were reported Wednesday.", "1989-10-27",
     {"Wednesday": ("DATE", "1989-10-25")}),
    ("en", "Until Thursday, police had not named a suspect.", "1999-05-07", {"Thursday": ("DATE", "1999-05-06")}),
    ("en", "The father will take the boy from relatives who have kept him since he was rescued in late November.",
     "2000-04-05", {"late November": ("DATE", "1999-11")}),
    # a quarter a year back, the end of the year, a month every year, decades in words, parts of days
    ("en", "In the year-ago quarter, the company earned $5 million.", "1989-11-01",
     {"the year-ago quarter": ("DATE", "1988-Q3")}),
    ("en", "Sales will rise by year-end.", "1989-10-26", {"year-end": ("DATE", "1989")}),
    ("en", "Orangemen march each July.", "1998-03-22", {"each July": ("SET", "XXXX-07")}),
    ("en", "Rock music changed in the nineties.", "1998-03-03", {"the nineties": ("DATE", "199")}),
    ("en", "Stocks fell at mid-afternoon yesterday.", "1989-11-02", {"mid-afternoon yesterday": ("TIME", "1989-11-01TAF")}),
    ("en", "The Fed may cut rates in coming weeks.", "1989-10-27", {"coming weeks": ("DURATION", "PXW")}),
    # a year closing on a date is a year-long period; vague references; decades and years in one word
    ("en", "For the year ended June 30, the firm lost money.", "1989-10-30",
     {"the year": ("DURATION", "P1Y"), "June 30": ("DATE", "1989-06-30")}),
    ("en", "Profit will grow for the full year.", "1989-10-30", {"the full year": ("DATE", "1989")}),
    ("en", "Prices may fall in the near term.", "1989-10-30", {"the near term": ("DATE", "FUTURE_REF")}),
    ("en", "Funds may sell in the weeks ahead.", "1989-10-27", {"the weeks ahead": ("DURATION", "PXW")}),
    ("en", "It aims for half the market by the mid-1990s.", "1989-10-26", {"the mid-1990s": ("DATE", "199")}),
    ("en", "Cuba fought Spain in 1898.", "2000-01-28", {"1898": ("DATE", "1898")}),
    ("en", "It lost money during the past two quarters.", "1989-10-27", {"the past two quarters": ("DURATION", "P2Q")}),
    ("en", "Troops will arrive within weeks.", "1990-08-15", {"within weeks": ("DURATION", "PXW")}),
    ("en", "AT&T reported a drop in profits for the fourth quarter.", "1998-01-26",
     {"the fourth quarter": ("DATE", "1997-Q4")}),
    ("en", "AT&T expects a rise in the fourth quarter.", "1998-01-26", {"the fourth quarter": ("DATE", "1998-Q4")}),
    ("en", "Sales will grow in the current fiscal year.", "1989-11-02", {"the current fiscal year": ("DATE", "1989")}),
    ("en", "Earnings will fall in the last half of 1989.", "1989-10-26", {"the last half of 1989": ("DATE", "1989-H2")}),
    ("en", "In the year-ago third quarter, it earned $2 million.", "1989-10-30",
     {"the year-ago third quarter": ("DATE", "1988-Q3")}),
])
def test_timex3_values(lang, text, anchor, expected):
    assert tag(lang, text, anchor) == expected


@pytest.mark.parametrize("lang, text", [
    ("en", "He sent 2000 troops."),  # a count, not a year
    ("en", "A 6-year-old boy was hurt."),  # an age
    ("en", "The shares fell 2.50 to 17.50."),  # prices, not clock times
    ("id", "Anak berusia 6 tahun itu selamat."),  # an age
    ("id", "Kita makan terlebih dulu."),  # 'terlebih dulu' = first, beforehand
    ("en", "The route adds 700 seats a week."),  # a rate, not a duration
    ("en", "Temperatures were in the 80s."),  # degrees, not a decade (that needs "the '80s")
    ("en", "At the end of the day, he agreed."),  # an idiom, no day
    ("en", "Rebels hold three-quarters of the land."),  # a fraction, not three quarters of a year
])
def test_not_time_expressions(lang, text):
    assert tag(lang, text, "2024-10-29") == {}


def test_anaphoric_day_takes_the_day_named_last(tmp_path):
    """'hari itu' / 'that day' is the day the text named before it (timeline rows)."""
    corpus = write_corpus(tmp_path / "c", {"a.txt": "Pasukan tiba pada Senin (23/12/2024). Hari itu juga mereka bergerak. "
                                                    "Pada hari sebelumnya mereka berkumpul.\n",
                                           "b.txt": "Troops arrived on Dec. 23, 2024. Later that day they moved.\n"},
                          manifest=[{"file": "a.txt", "published": "2024-12-27", "language": "id"},
                                    {"file": "b.txt", "published": "2024-12-27", "language": "en"}])
    rows = extract_corpus(corpus, out=tmp_path / "out").time_expressions
    got = {(r.file, r.text): (r.type, r.value) for r in rows.itertuples()}
    assert got[("a.txt", "Hari itu")] == ("DATE", "2024-12-23")
    assert got[("b.txt", "Later that day")] == ("DATE", "2024-12-23")
    assert got[("a.txt", "hari sebelumnya")] == ("DATE", "2024-12-22")  # the day before the one last named


def test_only_points_date_events(tmp_path):
    """A duration, a set or a vague reference never becomes an event date; a time of day dates
    its report by its day."""
    text = ("Korea Utara mengirim 3.000 tentara ke Rusia selama tiga bulan, kata NIS saat ini.\n"
            "NIS melapor setiap hari bahwa 1.000 tentara tewas.\n"
            "NIS mengatakan pada Selasa (24/12/2024) malam bahwa 2.000 tentara tiba di Kursk.\n")
    corpus = write_corpus(tmp_path / "c", {"a.txt": text},
                          manifest=[{"file": "a.txt", "published": "2024-12-27", "language": "id"}])
    ds = extract_corpus(corpus, out=tmp_path / "out")
    assert set(ds.event_reports["date"]) <= {"2024-12-24"}
    kinds = {r.text: (r.kind, r.type) for r in ds.time_expressions.itertuples()}
    assert kinds["selama tiga bulan"] == ("duration", "DURATION")
    assert kinds["setiap hari"] == ("set", "SET")
    assert kinds["saat ini"] == ("reference", "DATE")
    assert kinds["Selasa (24/12/2024) malam"] == ("time", "TIME")
    claims = dict(zip(ds.troop_estimates["text"], ds.troop_estimates["claim_date"]))
    assert claims["2.000"] == "2024-12-24"  # dated by its time of day, by the day
    assert not set(claims.values()) & {"P3M", "P1D", "PRESENT_REF"}
