"""The front page's answers (analysis/report/front.py) on small datasets written here: what
happened when, and where translation changed the story; every sentence counted from rows and
linked to its span. (The figures' reading has its own tests: test_reading.py.)"""
from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd

from analysis.report.articles import Mark, original_link, render_text
from analysis.report.front import day_label, garble_answer, timeline_answer


def _articles(*rows):
    return pd.DataFrame(rows, columns=["file", "outlet"])


def _dataset(**tables):
    empty = {
        "events": ["event_id", "date", "granularity", "start_date", "end_date", "summary", "actors", "files",
                   "n_reports", "n_files"],
        "event_reports": ["event_id", "file", "sentence_id", "start", "end", "text", "date", "granularity", "timex",
                          "timex_start", "timex_end"],
        "sentences": ["file", "sentence_id", "start", "end"],
        "articles": ["file", "outlet"],
        "article_pairs": ["file", "source_file", "relation"],
        "alignments": ["file", "source_file"],
        "divergences": ["file", "start", "end", "text", "source_file", "kind", "detail"],
        "translation_findings": ["kind", "file", "start", "end", "text", "other_file", "explanation"],
    }
    frames = {name: tables.get(name, pd.DataFrame(columns=columns)) for name, columns in empty.items()}
    return SimpleNamespace(**frames)


def test_day_label_is_as_precise_as_the_text():
    assert day_label("2024-10-30", "day", "2024-10-30") == "Wednesday 30 October 2024"
    assert day_label("2024-W43", "week", "2024-10-21") == "the week of 21 October 2024"
    assert day_label("2024-W43-WE", "week", "2024-10-26") == "the weekend of 26 October 2024"
    assert day_label("2024-10", "month", "2024-10-01") == "October 2024"
    assert day_label("2024-SU", None, None) == "2024-SU"


def _events():
    events = pd.DataFrame([
        ["E001", "2024-10-23", "day", "2024-10-23", "2024-10-23", "Agency <b>said</b> on Wednesday", "", "b.txt", 1, 1],
        ["E002", "2024-10-30", "day", "2024-10-30", "2024-10-30", "the minister met on Wednesday", "", "a.txt; c.txt",
         2, 2],
    ], columns=["event_id", "date", "granularity", "start_date", "end_date", "summary", "actors", "files",
                "n_reports", "n_files"])
    reports = pd.DataFrame([
        ["E001", "b.txt", 0, 0, 31, "Agency <b>said</b> on Wednesday", "2024-10-23", "day", "Wednesday", 22, 31],
        ["E002", "a.txt", 2, 40, 80, "Then the minister met on Wednesday in Rome", "2024-10-30", "day", "Wednesday", 69, 78],
        ["E002", "c.txt", 0, 0, 30, "They met on 30 October", "2024-10-30", "day", "30 October", 12, 22],
    ], columns=["event_id", "file", "sentence_id", "start", "end", "text", "date", "granularity", "timex",
                "timex_start", "timex_end"])
    sentences = pd.DataFrame([["a.txt", 2, 35, 90], ["b.txt", 0, 0, 31], ["c.txt", 0, 0, 30]],
                             columns=["file", "sentence_id", "start", "end"])
    articles = _articles(["a.txt", "Wire A"], ["b.txt", "Paper B"], ["c.txt", "Site C"])
    return _dataset(events=events, event_reports=reports, sentences=sentences, articles=articles)


def test_the_timeline_answer_lists_multi_article_events_first_with_every_report():
    page = timeline_answer(_events())
    several, single = page.split("Reported by one article")
    assert "2 events with a date the texts give" in page and "1 is reported by more than one article" in page
    assert "<strong>Wednesday 30 October 2024</strong>" in several and "2 articles from 2 outlets (Wire A; Site C)" in several
    # the summary is quoted from the report holding it (a.txt), linked to its sentence
    assert re.search(r'“<a href="articles/a\.txt\.html#s-35-90">the minister met on Wednesday</a>”', several)
    assert 'href="articles/a.txt.html#t-69-78"' in several and 'href="articles/c.txt.html#t-12-22"' in several
    assert "<strong>Wednesday 23 October 2024</strong>" in single and "1 article (Paper B)" in single
    assert "<b>said</b>" not in page and "&lt;b&gt;said&lt;/b&gt;" in page  # article text is escaped


def test_no_event_is_said_plainly():
    assert "No event" in timeline_answer(_dataset())


def _pair(divergence_rows, findings=None):
    divergences = pd.DataFrame(divergence_rows, columns=["file", "start", "end", "text", "source_file", "kind", "detail"])
    return _dataset(
        article_pairs=pd.DataFrame([["d.txt", "s.txt", "translation"]], columns=["file", "source_file", "relation"]),
        alignments=pd.DataFrame([["d.txt", "s.txt"]], columns=["file", "source_file"]),
        divergences=divergences,
        translation_findings=findings if findings is not None else pd.DataFrame(
            columns=["kind", "file", "start", "end", "text", "other_file", "explanation"]),
        articles=_articles(["d.txt", "Rewriter"], ["s.txt", "Wire"]))


def test_the_garble_answer_counts_changes_apart_from_omissions_and_quotes_the_gravest_first():
    ds = _pair([
        ["d.txt", 50, 60, "hedge gone", "s.txt", "meaning_changed", "hedge 'likely' of the source dropped"],
        ["d.txt", None, None, None, "s.txt", "omitted", "the source's sentence is not rendered"],
        ["d.txt", 10, 16, "12,000", "s.txt", "number_changed", "11,000 in the source, 12,000 here"],
    ])
    page = garble_answer(ds)
    assert "2 places where the rendering says something else were flagged" in page
    assert "2 changes flagged (number changed 1, meaning changed 1); 1 source sentence(s) not rendered" in page
    assert page.index("number changed</em>") < page.index("meaning changed</em>")
    assert 'href="articles/d.txt.html#d-10-16"' in page and "side by side" in page


def test_a_finding_between_two_articles_is_charged_to_the_rendering():
    findings = pd.DataFrame([
        ["quote_rendering", "s.txt", 5, 20, "“we will act”", "d.txt", "rendered differently in d.txt"],
        ["untranslated_fragment", "d.txt", 30, 40, "More Stories", None, "left in English"],
    ], columns=["kind", "file", "start", "end", "text", "other_file", "explanation"])
    page = garble_answer(_pair([], findings))
    assert "d.txt renders s.txt and differs from it" in page
    assert "<strong>d.txt</strong> (Rewriter): 1 artefact (untranslated fragment 1)" in page
    assert "““" not in page  # the text's own quotation marks are not doubled


def test_without_pairs_the_answer_says_so():
    assert "No article of this corpus was found to translate or rewrite another" in garble_answer(_dataset())


def test_an_original_link_is_only_made_for_a_web_address():
    assert original_link("https://example.org/a?b=1&c=2") == (
        '<a class="original" rel="external noopener noreferrer" href="https://example.org/a?b=1&amp;c=2">original</a>')
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "//example.org/a", "https://a b", None, float("nan")):
        assert original_link(bad) == ""


def test_boilerplate_sentences_are_marked():
    html = render_text("Read more here. The news.", [(0, 15), (16, 25)], [Mark(20, 24, "m", "x")], {(0, 15): "related"})
    assert '<span class="s boiler" title="boilerplate (related): not read as content" id="s-0-15">' in html
    assert '<span class="s" id="s-16-25">' in html


def test_a_report_is_linked_only_where_the_run_made_its_page(tmp_path):
    from analysis.report.front import report_link

    (tmp_path / "01-timeline.html").write_text("x", encoding="utf-8")
    assert report_link(tmp_path, "01", "the timeline report") == '<a href="01-timeline.html">the timeline report</a>'
    assert report_link(tmp_path, "02", "the troop estimates report") == "the troop estimates report"
