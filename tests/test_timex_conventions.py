"""TimeML conventions for the expressions English news uses (issue 20, tbaq value F1): a year
or quarter under discussion, a reported quarter a year back, weeks and days built on a date,
sets with parts of days, durations of a kind of day or written as compounds, names holding
time words, and the tense cues of agreed or planned acts. Sentences written for the test;
values from reading them against the anchor (the publication date)."""
from __future__ import annotations

import pytest

from tests.conftest import extract_corpus, write_corpus
from tests.test_temporal_types import tag


@pytest.mark.parametrize("text, anchor, expected", [
    # sets: a weekday with a plural part of the day recurs, and a weekday joined to it shares the part
    ("Flights leave on Tuesday nights.", "1998-02-13", {"Tuesday nights": ("SET", "XXXX-WXX-2TNI")}),
    ("Flights leave on Monday and Tuesday nights.", "1998-02-13",
     {"Monday": ("SET", "XXXX-WXX-1TNI"), "Tuesday nights": ("SET", "XXXX-WXX-2TNI")}),
    ("Interest is paid every quarter.", "1989-10-30", {"every quarter": ("SET", "P1Q")}),
    # an uncounted number of centuries or decades in TimeML's own units
    ("Monks lived there for centuries.", "1998-02-27", {"for centuries": ("DURATION", "PXC")}),
    ("It ended a decades-long feud.", "2000-01-15", {"decades-long": ("DURATION", "PXE")}),
    # 'the year' framed as a reporting period: the year of the report
    ("For the year, sales were flat.", "1989-10-30", {"the year": ("DATE", "1989")}),
    ("Prices will hold for the rest of the year.", "1989-10-30", {"the year": ("DATE", "1989")}),
    # the reported quarter a year back, however it is phrased
    ("For the quarter a year ago, it earned $5 million.", "1989-10-30",
     {"the quarter a year ago": ("DATE", "1988-Q3")}),
    ("It lost $2 million in the corresponding period last year.", "1989-10-30",
     {"the corresponding period last year": ("DATE", "1988-Q3")}),
    ("This compares with last year's quarter.", "1989-10-30", {"last year's quarter": ("DATE", "1988-Q3")}),
    ("It earned $3 million in the 1988 quarter.", "1989-10-30", {"the 1988 quarter": ("DATE", "1988-Q3")}),
    # a week or a day built on a named date
    ("A hearing is set for the week of March 6.", "2000-02-24", {"the week of March 6": ("DATE", "2000-W10")}),
    ("They met the day before last Tuesday.", "2000-02-24", {"the day before last Tuesday": ("DATE", "2000-02-21")}),
    ("It began a week or so ago.", "1991-02-25", {"a week or so ago": ("DATE", "1991-W08")}),
    ("Talks end in March of 1999.", "1998-11-02", {"March of 1999": ("DATE", "1999-03")}),
    # a century or a decade named by 'this': its leading digits
    ("It was the worst storm this century.", "1999-03-12", {"this century": ("DATE", "19")}),
    # durations of a kind of day, and compounds saying how long
    ("Payment is due within five business days.", "1989-10-30", {"five business days": ("DURATION", "P5D")}),
    ("After a day-long meeting, they left.", "2000-04-03", {"day-long": ("DURATION", "P1D")}),
    # tense: an agreed act named before its month is ahead; one agreed in a month is past
    ("The firm agreed to purchase the line in February.", "1989-10-30", {"February": ("DATE", "1990-02")}),
    ("The firm agreed in June to buy the line.", "1989-10-30", {"June": ("DATE", "1989-06")}),
    ("Officials are planning for the summit in April.", "1998-12-05", {"April": ("DATE", "1999-04")}),
])
def test_timeml_conventions(text, anchor, expected):
    assert tag("en", text, anchor) == expected


@pytest.mark.parametrize("text", [
    "He was named man of the year.",  # a title, no year
    "Sales fell in the year before.",  # counted from another year, not this one
    'Baker said on "This Week," that talks would go on.',  # a programme's name
    "Protesters joined the annual March for Life.",  # an event's name
    "That is vital to the future of our peoples.",  # prospects, no time
])
def test_no_time_in_names_and_prospects(text):
    assert tag("en", text, "1999-01-22") == {}


def test_anchored_on_the_time_named_before(tmp_path):
    """'the previous Friday' counts from the Friday named before it; a year-ago figure compares
    with a reported quarter, not with a forecast one named before it; 'that same day' after a
    month keeps the month and leaves the day unknown (TIMEX3 X placeholders)."""
    corpus = write_corpus(tmp_path / "c", {
        "a.txt": "Stocks rose on Friday. The index was down 4% from the previous Friday.\n",
        "b.txt": "Sales will rise in the third quarter of 1990. In the year-ago period, it earned $5 million.\n",
        "c.txt": "He was shot last October. His name was crossed out that same day.\n"},
        manifest=[{"file": "a.txt", "published": "1989-10-30", "language": "en"},
                  {"file": "b.txt", "published": "1989-10-26", "language": "en"},
                  {"file": "c.txt", "published": "1999-02-06", "language": "en"}])
    rows = extract_corpus(corpus, out=tmp_path / "out").time_expressions
    got = {(r.file, r.text): r.value for r in rows.itertuples()}
    assert got[("a.txt", "Friday")] == "1989-10-27"
    assert got[("a.txt", "previous Friday")] == "1989-10-20"
    assert got[("b.txt", "the year-ago period")] == "1988-Q3"
    assert got[("c.txt", "that same day")] == "1998-10-XX"
