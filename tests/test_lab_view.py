"""What a table row's ``open`` link or a chart point shows in JupyterLab (analysis/lab.py):
the span highlighted in its sentence, escaped; a link it cannot follow says so."""
from __future__ import annotations

import html

from analysis import dataset, lab, links


def test_an_open_link_shows_its_span_in_its_sentence(seeds):
    ds = dataset.load(seeds.path)
    row = ds.troop_estimates.iloc[0]
    view = lab.article_view(links.article_href(row.file, "q", row.start, row.end))
    text = ds.text(row.file)
    assert f"<mark>{text[int(row.start):int(row.end)]}</mark>" in view
    assert row.file in view and f"(characters {int(row.start)}–{int(row.end)})" in view
    sentence = ds.sentences[(ds.sentences["file"] == row.file) & (ds.sentences["sentence_id"] == row.sentence_id)].iloc[0]
    before = text[int(sentence["start"]):int(row.start)]
    assert html.escape(before).replace("\n", "<br>") in view  # the sentence around the span is there


def test_links_it_cannot_follow_are_said_plainly(seeds):
    dataset.load(seeds.path)
    assert "only article links open here" in lab.article_view("pairs/a__b-123.html")
    assert "no such article" in lab.article_view("articles/nothing.html#q-1-2")
    assert "&lt;script&gt;" in lab.article_view("<script>")


def test_a_report_kernel_gets_plain_html(monkeypatch):
    monkeypatch.setenv(lab.REPORT_ENV, "1")
    assert not lab.wanted()
    monkeypatch.delenv(lab.REPORT_ENV)
    assert lab.wanted()
