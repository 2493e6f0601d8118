"""The ``temporal_tagger`` component: TIMEX3-style time expressions.

A Matcher compiled from ``data/lexicons/<lang>/temporal_patterns.csv`` (see
:mod:`analysis.nlp.patterns`) with slots filled from the language's lexicons (months,
weekdays, temporal_words, number_words, future_markers, citation_cues, time_zones) finds the
expressions; each kept span goes to ``doc.spans["timex"]`` with ``span._.timex``, a
:class:`analysis.timex.Timex` with what the text itself says (rule, kind, granularity, mod,
explicit day/month/year, weekday, relative offset, tense of its clause, role). Values that
depend on the publication date are computed later by :func:`analysis.timex.resolve`.

Rule families (the ``rule`` column): ``date_numeric`` (``Kamis (31/10/2024)``),
``date_numeric_dm`` (``Rabu (23/10)``), ``date_text`` (``31 Oktober 2024``),
``month_year``, ``month``, ``year``, ``weekday``, ``relative`` (``pekan lalu``), ``ago``,
``later``, ``weekend`` (``akhir pekan lalu``, ``over the weekend``), ``deictic`` (``kemarin``),
``duration`` (``a month``, ``tiga bulan``), ``set``; and those :mod:`analysis.nlp.temporal_rules`
reads: ``reference`` (``now``, ``dulu``), ``clock``, ``day_part``, ``season``, ``quarter``,
``decade``, ``century``, ``anaphoric``. Writes nothing outside the Doc.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import resources
from ..timex import EXPLICIT_DAY_RULES, REF_SUFFIX, Timex, safe_date
from .digits import digit_value, is_digit_run
from .patterns import RunMatcher, compile_pattern, word_slot
from .sentences import doc_text, sent_of
from .temporal_numbers import NumberWords, count_before, spoken_year, with_half
from .temporal_rules import (MORE_RULES, counts_something, describe_more, in_compound, not_a_time, is_age, is_rate, keep_spans,
                             one_period, opens_line, part_of_day_after, role_of, shared_set_part, with_clock_times)

SPAN_KEY = "timex"
PAST_REF = "PAST_REF"  # TIMEX3 value of a vague past ("several years ago")
CLAUSE_PUNCT = {",", ";", ":", ".", "?", "!", "—", "–", "“", "”", '"', "(", ")"}
DMY_SHAPES = ["d/d/dddd", "dd/d/dddd", "d/dd/dddd", "dd/dd/dddd"]
CLOCK_SHAPES = ["d:dd", "dd:dd"]  # 10:35
ORDINAL_DAY = re.compile(r"^\d{1,2}(?:st|nd|rd|th)$")  # "23rd Dec, 2024"
CLOCK_DOT_SHAPES = ["d.dd", "dd.dd"]  # 'pukul 07.00' (only after a clock word: '2.50' alone is a price)

if not Span.has_extension("timex"):
    Span.set_extension("timex", default=None)


def _cased(forms) -> list[str]:
    out = set()
    for form in forms:
        out |= {form[:1].upper() + form[1:], form.upper()}
    return sorted(out)


class TemporalLexicon:
    """The words of one language the tagger reads, by category."""

    def __init__(self, lang: str):
        lex = resources.lexicon(lang)
        self.lang = lang
        self.words: dict[str, dict[str, str]] = {}
        for row in lex.table("temporal_words"):
            self.words.setdefault(row["category"], {})[row["form"].lower()] = row["value"]
        self.month_rows = lex.table("months")
        self.months = {r["form"].lower(): int(r["month"]) for r in self.month_rows}
        self.weekdays = {k: int(v) for k, v in lex.mapping("weekdays", "form", "isoweekday").items()}
        self.numbers = {r["form"].lower(): r["value"] for r in lex.table("number_words") if r["kind"] in {"unit", "vague"}}
        self.numbers_one = {**self.words.get("article_one", {}), **{w: "1" for w in self.words.get("one_unit", {})}}
        self.counted = {w.lower() for w in lex.column("troop_nouns", "noun")} | {
            w.lower() for w in lex.column("casualty_words", "word")}  # '2000 troops' counts, it is no year
        self.zones = set(lex.column("time_zones", "zone"))
        self.cues = lex.words("citation_cues", "cue")
        self.stamps = lex.words("timestamp_cues", "cue")
        self.future = lex.words("future_markers", "marker")
        # a speech verb opens the reported clause: "X pada hari Selasa mengatakan Seoul ... akan" is past
        self.boundaries = set(self.words.get("clause_boundary", {}))
        self.speech = {r["verb"].lower() for r in lex.table("attribution_verbs") if r["kind"] == "speech"
                       and " " not in r["verb"]}
        self.patterns = [(r["rule"], r["pattern"]) for r in lex.table("temporal_patterns")]
        self.holidays = {r["form"].lower(): r["date"] for r in lex.table("holidays")} if lex.has("holidays") else {}
        self.spelled = NumberWords(lex.table("number_words"), self.words, lex.table("quantity_words"))

    def category(self, name: str) -> dict[str, str]:
        return self.words.get(name, {})

    def slots(self) -> dict[str, list[list[dict]]]:
        digits = lambda n: [[{"IS_DIGIT": True, "LENGTH": {"<=": n}}]]  # noqa: E731
        full = [r["form"] for r in self.month_rows if r["kind"] == "name"]
        slots = {
            "WEEKDAY": [[{"TEXT": {"IN": _cased(self.weekdays)}}]],
            "MONTH": [[{"TEXT": {"IN": _cased(self.months)}}]],
            "MONTH_NAME": [[{"TEXT": {"IN": _cased(full)}}]],
            "DAY": digits(2), "MONTHNUM": digits(2), "YEAR": [[{"IS_DIGIT": True, "LENGTH": 4}]],
            "MODIFIED_YEAR": [[{"TEXT": {"REGEX": "(?i)^(?:" + "|".join(map(re.escape, self.words.get("modifier", {})
                                                                          or ["mid"])) + r")-(?:19|20)\d\d$"}}]],
            "DMY": [[{"SHAPE": {"IN": DMY_SHAPES}}]],
            "NUMBER": word_slot(self.numbers) + digits(3) + self.spelled.number_slot(), **self.spelled.year_slots(),
            "CLOCK": [[{"SHAPE": {"IN": CLOCK_SHAPES}}]], "CLOCK_DOT": [[{"SHAPE": {"IN": CLOCK_DOT_SHAPES}}]], "DECADE": [[{"SHAPE": "ddddx"}]],
            "DECADE_YEAR": [[{"IS_DIGIT": True, "LENGTH": 4}]], "MODIFIED_DECADE": [[{"TEXT": {"REGEX": "(?i)^(?:"
                + "|".join(map(re.escape, self.words.get("modifier", {}) or ["mid"])) + r")-(?:19|20)\d0s$"}}]], "CENTURY_ORDINAL": [[{"SHAPE": {"IN": ["ddxx", "dxx"]}}]],
            "ZONE": [[{"TEXT": {"IN": sorted(self.zones)}}]], "DAY_ORDINAL": [[{"TEXT": {"REGEX": ORDINAL_DAY.pattern}}]],
        }
        slots["HOLIDAY"] = word_slot(self.holidays) or [[{"LOWER": "\u0000"}]]  # never matches without a list
        for category, forms in self.words.items():
            slots[category.upper()] = word_slot(forms)
        return slots


@Language.factory("temporal_tagger")
def make_temporal_tagger(nlp: Language, name: str) -> "TemporalTagger":
    return TemporalTagger(nlp)


class TemporalTagger:
    """Finds time expressions and records what they say (see the module docstring)."""

    def __init__(self, nlp: Language):
        self.lex = TemporalLexicon(nlp.lang)
        self.matcher = RunMatcher(nlp.vocab, nlp.Defaults.stop_words)
        slots = self.lex.slots()
        for rule, source in self.lex.patterns:
            self.matcher.add(rule, compile_pattern(source, slots))
        words = self.lex.words
        self.numbers = self.lex.spelled
        self.units = words.get("unit", {})
        self.relative = words.get("relative", {})
        cues = "|".join(rf"{re.escape(w)}\s+" for w in sorted(self.lex.category("clock_cue")))
        self.clock = re.compile(r"^\s*(?:\|\s*)?(?:" + cues + r")?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?("
                                + "|".join(sorted(self.lex.zones) or ["UTC"]) + r")\b", re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        candidates = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=doc.vocab.strings[match_id])
            if self._accept(span):
                candidates.append(span)
        spans = []
        text = doc_text(doc)
        for span in keep_spans(candidates):
            if span.label_ == "year" and span[0].lower_ in self.lex.category("year_cue") \
                    and span[0].lower_ not in self.units:
                span = Span(doc, span.start + 1, span.end, label="year")  # "pada 2023" -> "2023"
            if span.label_ == "month_deadline":
                span = Span(doc, span.start + 1, span.end, label="month_deadline")  # "by December" -> "December"
            if span.label_ == "period_ended":  # 'the year ended March 31': a year-long period (P1Y), 'ended' out of the span
                span = Span(doc, span.start, span.end - 1, label="duration")
            timed = part_of_day_after(self, span)
            try:
                timex = self._describe(span, text)
            except (ValueError, StopIteration):  # digits no calendar has ("⑩"), a word the rule cannot read
                timex = None
            if timex is not None and timed is not span:  # "Sunday night": TIMEX3 TIME
                part = timed[-1].lower_
                kind = "set" if part in self.lex.category("part_of_day_set") and timex.weekday else "time"
                span, timex = timed, replace(timex, kind=kind, part=self.lex.category("part_of_day")[part])  # 'Tuesday nights': SET
            if timex is not None:
                span._.timex = timex
                spans.append(span)
        doc.spans[SPAN_KEY] = shared_set_part(self, with_clock_times(self, sorted(spans, key=lambda s: s.start)))
        return doc

    def _accept(self, span: Span) -> bool:
        rule, doc = span.label_, span.doc
        if not_a_time(self, span):  # names, prospects, counts with a demonstrative, 'the year before'
            return False
        if rule == "weekday":
            # "minggu lalu/ini/depan" is a week, not Sunday (unless "hari Minggu ...")
            wd = next(t for t in span if t.lower_ in self.lex.weekdays)
            if wd.lower_ in self.units and wd.i == span.start and wd.i + 1 < len(doc) \
                    and doc[wd.i + 1].lower_ in self.relative:
                return False
        if rule == "relative":
            unit = next((t for t in span if t.lower_ in self.units), None)
            rel = next((t for t in span if t.lower_ in self.relative), None)
            if unit is not None and rel is not None and self.units[unit.lower_] == "day" \
                    and self.relative[rel.lower_] == "0":
                return False  # "hari ini" is deictic
        if rule == "month" and span[-1].lower_ in self.relative and self.relative[span[-1].lower_] == "0" \
                and len(span) > 1 and span[-2].lower_ in self.lex.months:
            return False  # "Oktober ini" is rare; avoid a double reading of "bulan Oktober ini"
        if rule == "year" and len(span) == 1 and counts_something(self, span):
            return False
        if rule == "duration" and (is_age(self, span) or is_rate(self, span) or one_period(self, span)):
            return False
        if rule == "duration" and self.units.get(span[-1].lower_) == "quarter" and len(span) > 1 and (
                span[-2].text == "-" or self._counted_of(span)):
            return False  # 'three-quarters of the oil', 'two quarters of 1990': fractions and parts, no duration
        if rule == "month_deadline" and span.end < len(doc) and doc[span.end].lower_ in self.relative \
                and int(self.relative[doc[span.end].lower_]) < 0:
            return False  # "hingga Juni lalu": until last June
        if rule == "month_deadline" and span.end < len(doc) and doc[span.end].is_digit and len(doc[span.end]) == 4:
            return False  # "hingga November 2014": the month and its year
        if rule == "clock" and any(t.lower_ in self.lex.months for t in span) and (opens_line(self, span) or any(
                t.is_digit and len(t) == 4 for t in doc[span.end:span.end + 2])):
            return False  # 'Published 3:52 PM EDT, Oct 30, 2024': a time stamp and a full date, read as such
        return True

    def _describe(self, span: Span, text: str) -> Timex | None:
        rule = span.label_
        lex = self.lex
        tense = self._tense(span)
        if rule in {"date_numeric", "date_numeric_dm", "date_text"}:
            return self._explicit(span, rule, tense, text)
        if rule == "week_of":  # 'the week of March 6': the ISO week of that day (TIMEX3 2000-W10)
            return replace(day, rule="week_of", granularity="week", role="mention") if (day := self._explicit(span, "date_text", tense, text)) else None
        if rule in MORE_RULES:
            return describe_more(self, span, tense)
        rel = next((t.lower_ for t in span if t.lower_ in self.relative), None)
        offset = int(self.relative[rel]) if rel is not None else None
        if rule == "month_deadline":  # "by December": forward from the anchor, the month alone in the span
            month = next(lex.months[t.lower_] for t in span if t.lower_ in lex.months)
            return Timex("month", granularity="month", month=month, tense="future")
        if rule in {"month_year", "month"}:
            month = next(lex.months[t.lower_] for t in span if t.lower_ in lex.months)
            year = self.year_of(span)
            if offset is not None and any(self.units.get(t.lower_) == "year" for t in span):  # "June last year"
                return Timex("month_of_year", granularity="month", mod=self._mod(span), month=month, offset=offset,
                             tense=tense)
            if offset:
                tense = "future" if offset > 0 else "past"
            elif offset == 0 and year is None:  # "this September": the anchor's year
                return Timex("month_of_year", granularity="month", mod=self._mod(span), month=month, offset=0, tense=tense)
            return Timex(rule, granularity="month", mod=self._mod(span), month=month, year=year, tense=tense)
        if rule == "year":
            year = self.year_of(span)
            cued = span.start > 0 and span.doc[span.start - 1].lower_ in lex.category("year_cue")
            if year is None or not (1800 if cued else 1900) <= year <= 2099:  # 'in 1898'; a bare 1850 is a count
                return None
            prefix = span[-1].lower_[:-5] if "-" in span[-1].text else ""  # "mid-1996"
            mod = self.lex.category("modifier").get(prefix) or self._mod(span)
            return Timex(rule, granularity="year", mod=mod, year=year, tense=tense)
        if rule == "weekday":
            wd = next(lex.weekdays[t.lower_] for t in span if t.lower_ in lex.weekdays)
            if rel in lex.category("relative_anaphoric"):  # 'the previous Friday': before the day the text named last
                rule = f"{rule}{REF_SUFFIX}"
            shift = next((int(lex.category("day_shift")[t.lower_]) for t in span if t.lower_ in lex.category("day_shift")), 0)
            return Timex(rule, weekday=wd, offset=offset, tense="future" if offset and offset > 0 else tense, shift=shift)
        if rule == "weekend":  # "over the weekend", "akhir pekan lalu": Saturday and Sunday
            return Timex(rule, granularity="week", offset=offset, tense=tense)
        if rule == "relative":
            unit = next(self.units[t.lower_] for t in span if t.lower_ in self.units)
            if span[-1].lower_ == unit + "s":  # 'in coming weeks': some weeks (TIMEX3 PXW), not next week
                return Timex("duration", kind="duration", granularity=unit, count="X", tense=tense)
            the = span.start > 0 and span.doc[span.start - 1].lower_ in lex.category("definite_article")
            anaphoric = rel in lex.category("relative_anaphoric") or (
                the and rel in lex.category("relative_anaphoric_after_the"))
            return Timex(f"{rule}{REF_SUFFIX}" if anaphoric else rule, granularity=unit, mod=self._mod(span),
                         offset=offset, tense=tense)
        if rule in {"ago", "later"}:  # "two days ago"; "the year-ago quarter" counts one year
            unit_at = next((i for i, t in enumerate(span) if t.lower_ in self.units), 0)
            count = count_before(self, span, unit_at) if unit_at else "1"
            if count == "X" and not any(t.lower_ in lex.numbers for t in span[:unit_at]):
                count = "1"  # 'the year-ago quarter'
            unit = next((self.units[t.lower_] for t in span if t.lower_ in self.units), None) \
                or lex.category("one_unit").get(span[0].lower_)
            if count == "X" and rule == "ago":  # "several years ago": some time in the past (TIMEX3 PAST_REF)
                return Timex("reference", kind="reference", granularity="", code=PAST_REF, tense=tense)
            if count == "X":
                return Timex("duration", kind="duration", granularity=unit, count="X", tense=tense)
            sign = -1 if rule == "ago" else 1
            anaphoric = any(t.lower_ in lex.category("relative_anaphoric") for t in span)  # "dua hari sebelumnya"
            quarter = "Q" if any(t.lower_ in lex.category("quarter") or t.lower_ in lex.category("period_noun")
                                 for t in span) else ""  # 'the year-ago quarter', 'the period a year ago': the reported one
            return Timex(f"{rule}{REF_SUFFIX}" if anaphoric else rule, granularity=unit,
                         offset=sign * digit_value(count), tense=tense, code=quarter)
        if rule == "deictic":
            form = " ".join(t.lower_ for t in span)
            return Timex(rule, offset=int(lex.category(rule)[form]), tense=tense)
        if rule == "duration":
            return self._duration(span, tense)
        return None

    def _explicit(self, span: Span, rule: str, tense: str, text: str) -> Timex | None:
        lex = self.lex
        digits = []
        for t in span:
            if "/" in t.text and t.text != "/":
                digits += t.text.split("/")
            elif t.is_digit:
                digits.append(t.text)
            elif ORDINAL_DAY.match(t.text):  # "23rd"
                digits.append(t.text[:-2])
        month_name = next((lex.months[t.lower_] for t in span if t.lower_ in lex.months), None)
        wd = next((lex.weekdays[t.lower_] for t in span if t.lower_ in lex.weekdays), None)
        day = digit_value(digits[0])
        if month_name is not None:
            month, year = month_name, (digit_value(digits[1]) if len(digits) > 1 else None)
        else:
            month, year = digit_value(digits[1]), (digit_value(digits[2]) if len(digits) > 2 else None)
        if not (1 <= day <= 31 and 1 <= month <= 12) or (year is not None and not 1900 <= year <= 2099):
            return None
        if year is not None and safe_date(year, month, day) is None:
            return None  # 31/02/2024 is not a date
        timex = Timex("date_text" if month_name else ("date_numeric" if year else "date_numeric_dm"),
                      year=year, month=month, day=day, weekday=wd, tense=tense)
        if rule == "date_text" and year is None:
            timex = replace(timex, rule="date_text_dm")
        role = role_of(self, span, tense, text)
        if year is None and role not in {"timestamp", "dateline"}:
            return timex  # a day and month alone dates an event, not the article
        return replace(timex, role=role)

    def _duration(self, span: Span, tense: str) -> Timex:
        words = self.lex.words
        text = " ".join(t.lower_ for t in span)
        mod = ""
        for qualifier, value in words.get("duration_qualifier", {}).items():
            if text.startswith(qualifier + " "):
                mod = value
        vague = next((t for t in span if t.lower_ in words.get("vague_unit", {})), None)
        one = next((t for t in span if t.lower_ in words.get("one_unit", {})), None)
        if vague is not None:
            unit, count = words["vague_unit"][vague.lower_], "X"
        elif one is not None:  # "setahun"
            unit, count = words["one_unit"][one.lower_], "1"
        else:
            unit_token = next(t for t in span if t.lower_ in self.units)
            ahead = span[:unit_token.i - span.start]
            unit, count = self.units[unit_token.lower_], with_half(self, span, count_before(self, span, len(ahead)))
            if count == "X" and unit_token.lower_ == unit and not any(t.lower_ in self.lex.numbers for t in ahead):
                count = "1"  # "the past year": one year (a plural, "the past years", is PXY)
        if any(t.lower_ in self.relative and int(self.relative[t.lower_]) > 0 for t in span):
            tense = "future"
        return Timex("duration", kind="duration", granularity=unit, mod=mod, count=count, tense=tense)

    def year_of(self, span: Span) -> int | None:
        """A year in the span: four digits ('2024', 'mid-1996') or words ('nineteen ninety-six')."""
        year = next((digit_value(t.text[-4:]) for t in span if t.text[-4:].isdigit()
                     and (len(t.text) == 4 or t.text[-5:-4] == "-")), None)
        return year if year is not None else spoken_year(self.numbers, self.lex.lang, span)

    def _counted_of(self, span: Span) -> bool:
        """A counted span followed by 'of' ('two quarters of 1990'), not a vague one ('several quarters of losses')."""
        doc = span.doc
        return (span.end < len(doc) and doc[span.end].lower_ in self.numbers.links
                and self.lex.numbers.get(span[-2].lower_) != "X")

    def _count(self, token) -> str:
        if is_digit_run(token.text):
            return token.text
        return self.lex.numbers.get(token.lower_) or self.lex.numbers_one.get(token.lower_, "X")

    def _mod(self, span: Span) -> str:
        for token in span:
            if token.lower_ in self.lex.category("modifier"):
                return self.lex.category("modifier")[token.lower_]
            if token.lower_ in self.lex.category("since"):
                return self.lex.category("since")[token.lower_]
        return ""

    def _clause(self, span: Span) -> tuple[int, int]:
        """Token bounds of the clause around ``span`` (within its sentence)."""
        doc = span.doc
        sent = sent_of(span)
        boundaries = self.lex.boundaries
        def stops(i: int) -> bool:
            if doc[i].text in CLAUSE_PUNCT:
                return True
            if doc[i].lower_ in self.lex.speech:
                return True
            # a conjunction between two names joins them, not two clauses ("Blinken and South Korean ...")
            names = 0 < i < len(doc) - 1 and doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper() \
                and doc[i].lower_ in self.lex.category("name_joiner")
            return doc[i].lower_ in boundaries and not names

        start = span.start
        while start > sent.start and not stops(start - 1):
            start -= 1
        end = span.end
        while end < sent.end and not stops(end):
            end += 1
        return start, end

    def _tense(self, span: Span) -> str:
        start, end = self._clause(span)
        fronted = [t for t in span.doc[start:end] if t.i < span.start or t.i >= span.end]
        if start == sent_of(span).start and end < sent_of(span).end - 1 and span.doc[end].text == "," and len(fronted) <= 1:
            main = span.doc[end + 1:self._clause(span.doc[end + 1:end + 2])[1]]  # 'Until Thursday, they had not ...'
            if any(t.lower_ in self.lex.category("pluperfect") for t in main):
                return "past"
        if start > 1 and span.doc[start - 1].text == "(":  # '... will leave (4 a.m. EDT Thursday)': the clause it glosses
            start = self._clause(span.doc[start - 2:start - 1])[0]
        words = [t.lower_ for t in span.doc[start:end] if not in_compound(t)]  # 'lower-than-expected' is no future
        if any(w in self.lex.category("pluperfect") for w in words):
            return "past"  # 'had been scheduled to expire Friday', 'until Thursday, they had not ...'
        before = " ".join(t.lower_ for t in span.doc[start:span.start])
        if any(f" {m} " in f" {before} " for m in self.lex.category("intent_before")):
            return "future"  # 'agreed to buy the line in February': the agreed act, named after the marker
        exceptions = self.lex.category("future_exception")  # "next to the embassy", "due to the arrival"
        for i in range(len(words)):
            if any(" ".join(words[max(i - 1, 0):i + n]) in exceptions for n in (1, 2, 3)) \
                    or any(" ".join(words[i:i + n]) in exceptions for n in (2, 3)):
                continue  # "next to the", "due to the"; "had been due to"
            if words[i] in self.lex.future or " ".join(words[i:i + 2]) in self.lex.future:
                return "future"
        return "past"


__all__ = ["SPAN_KEY", "TemporalTagger", "EXPLICIT_DAY_RULES"]
