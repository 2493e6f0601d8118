"""The report site as a whole (without a browser: see test_browser.py): every link and asset
stays inside and resolves, every traced row lands on an anchor holding its text, article text
is escaped on every page, assets are shipped once, and the checker itself catches breakage."""
from __future__ import annotations

import json
import re
import shutil

import pandas as pd

from analysis import links
from analysis.report.articles import Mark, render_text
from analysis.report.check import ROW_TABLES, Page, check_site, read_page


def parse(html_text: str) -> Page:
    page = Page()
    page.feed(html_text)
    page.close()
    return page


def test_the_seed_site_is_whole(seed_run):
    assert seed_run.ok, seed_run.summary()
    assert seed_run.site_problems == []
    assert check_site(seed_run.out_dir) == []


def test_every_traced_row_has_its_anchor_and_text(seed_run):
    from analysis.dataset import Dataset

    site = seed_run.out_dir
    ds = Dataset(site / "data")
    checked = 0
    for table, (kind, start, end, column) in ROW_TABLES.items():
        frame = ds.table(table).dropna(subset=[start, end])
        for file, rows in frame.groupby("file"):
            page = read_page(site / links.article_href(file))
            text = ds.text(file)
            for r in rows.itertuples(index=False):
                row = r._asdict()
                shown = page.anchor_text(links.anchor(kind, row[start], row[end]))
                assert shown == text[int(row[start]):int(row[end])], (table, file, row[start])
                if column:
                    assert shown == row[column], (table, file, row[start])
                checked += 1
    # the seeds have troop figures, dates, event reports and findings: all of them were checked
    assert checked >= len(ds.troop_estimates) + len(ds.time_expressions) + len(ds.event_reports) > 60


def test_report_rows_and_chart_points_open_their_span(seed_run):
    site = seed_run.out_dir
    ledger_page = (site / "02-troop-estimates.html").read_text(encoding="utf-8")
    opened = re.findall(r'href="(articles/[^"#]+#q-\d+-\d+)"', ledger_page)
    from analysis.dataset import Dataset

    figures = Dataset(site / "data").troop_estimates
    assert set(opened) == {links.article_href(r.file, "q", r.start, r.end) for r in figures.itertuples()}
    assert len(figures) >= 18
    # the chart's points carry the same links, and a hover text with the quote
    charts = [c for c in read_page(site / "02-troop-estimates.html").charts]
    assert len(charts) == 1
    data = json.loads(charts[0])
    points = [p for trace in data["data"] for p in trace["customdata"]]
    assert points and all(p[0] in opened for p in points)
    assert all(p[7] for p in points)  # the quoted sentence
    timeline = (site / "01-timeline.html").read_text(encoding="utf-8")
    assert re.search(r'href="articles/[^"#]+#t-\d+-\d+"', timeline)
    assert len(read_page(site / "01-timeline.html").charts) == 1


def test_front_page(seed_run):
    site = seed_run.out_dir
    page = (site / "index.html").read_text(encoding="utf-8")
    for r in seed_run.results:
        assert f'href="{r.html.name}"' in page
    for name in ["troop_estimates.csv", "events.csv", "dataset.json"]:
        assert f'href="data/{name}"' in page
    assert page.count('href="articles/') >= 5  # every article, and the reading's citations
    assert re.search(r'<li>[^<]+<small[^>]*>\[<a href="articles/[^"]+#q-\d+-\d+">T\d+</a>', page)
    assert "How each publication date was established" in page
    assert "pairs/" in page  # the seeds hold two rewrites of the AP copy
    for anchor, heading in (("q-when", "What happened when"), ("q-figures", "How the troop estimates evolved"),
                            ("q-translation", "Where translation or rewriting changed the story")):
        assert f'<h2 id="{anchor}">{heading}</h2>' in page and f'href="#{anchor}"' in page
    # the seeds' AP press conference of Wednesday 30 October 2024 is reported by 000, 001 and 004
    when = page.split('id="q-when"')[1].split('id="q-figures"')[0]
    assert "<strong>Wednesday 30 October 2024</strong>" in when and "3 articles from 3 outlets" in when
    assert re.search(r'href="articles/004_[^"]+#t-\d+-\d+">004_', when)
    assert " 00:00:00" not in page


def test_assets_are_shipped_once(seed_run):
    site = seed_run.out_dir
    assets = sorted(p.name for p in (site / "assets").iterdir())
    assert "plotly.min.js" in assets and "press.js" in assets and "press.css" in assets
    assert len([a for a in assets if a.startswith("notebook-")]) == 1  # one style sheet for every report
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<style" not in text.split("</head>")[0], page
        assert len(text) < 400_000, page  # nothing big inlined
        outside = re.findall(r"""<[^>]*(?:src|href)=["']?(?:https?:)?//[^>]*>""", text)
        # the only link out: an article's original, marked external, never fetched by the page
        assert all(re.match(r'<a class="original" rel="external noopener noreferrer" href="https?://', o)
                   for o in outside), (page, outside)


def test_render_text_nests_crossing_spans_and_keeps_whole_text():
    text = "Alpha beta gamma. Delta epsilon."
    sentences = [(0, 17), (18, 32)]
    marks = [Mark(6, 16, "f", "finding"), Mark(11, 22, "q", "figure <b>"), Mark(0, 5, "t", "date & time")]
    page = parse(render_text(text, sentences, marks))
    assert page.anchor_text("s-0-17") == text[0:17] and page.anchor_text("s-18-32") == text[18:32]
    assert page.anchor_text("f-6-16") == "beta gamma"
    # the figure crosses the finding and the sentence end: four pieces (in the finding, after it, the
    # space between the sentences, the next sentence), one anchor, its whole text
    assert page.anchor_text("q-11-22") == text[11:22] == "gamma. Delt"
    html_text = render_text(text, sentences, marks)
    assert html_text.count('id="q-11-22"') == 1 and html_text.count('data-part="q-11-22"') == 3
    assert 'title="figure &lt;b&gt;"' in html_text and 'title="date &amp; time"' in html_text
    assert re.sub(r"<[^>]+>", "", html_text) == text  # nothing lost, nothing added


def test_render_text_escapes_the_article():
    text = 'Before <script>alert("x")</script> & after.'
    page = render_text(text, [(0, len(text))], [Mark(7, 15, "m", "<img src=x onerror=alert(1)>")])
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page


def test_the_checker_catches_a_broken_site(seed_run, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(seed_run.out_dir, site)
    article = sorted((site / "articles").glob("*.html"))[0]
    page = article.read_text(encoding="utf-8")
    anchor = re.search(r'id="(q-\d+-\d+)"', page).group(1)
    article.write_text(page.replace(f'id="{anchor}"', 'id="elsewhere"'), encoding="utf-8")
    index = site / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "</body>", '<script src="https://cdn.example.org/x.js"></script><a href="../../etc/passwd">x</a></body>'),
        encoding="utf-8")
    problems = check_site(site)
    assert any(anchor in p and "no such anchor" in p for p in problems)  # a report row's link
    assert any("troop_estimates row" in p and "no anchor" in p for p in problems)  # the data check
    assert any("index.html" in p and "refers outside the site" in p for p in problems)
    assert any("index.html" in p and "leaves the site" in p for p in problems)


def test_in_context_covers_spans_over_a_sentence_boundary(seeds):
    s = seeds.sentences
    first = s[s["file"] == s["file"].iloc[0]].sort_values("start").head(2)
    a, b = int(first["end"].iloc[0]) - 3, int(first["start"].iloc[1]) + 3
    frame = pd.DataFrame({"file": [first["file"].iloc[0]] * 2, "start": [a, pd.NA], "end": [b, pd.NA]})
    shown = seeds.in_context(frame)
    text = seeds.text(first["file"].iloc[0])
    assert shown["sentence"].iloc[0] == text[int(first["start"].iloc[0]):int(first["end"].iloc[1])]
    assert shown["sentence_start"].iloc[0] == int(first["start"].iloc[0])
    assert pd.isna(shown["sentence"].iloc[1])


def test_page_names_are_safe_and_distinct():
    assert links.page_name("000_abc.txt") == "000_abc.txt.html"
    names = ["a b.txt", "a_b.txt", "Case.txt", "case.txt", "x" * 300 + ".txt", "x" * 300 + "y.txt", "../é <x>#?%.txt"]
    pages = [links.page_name(n) for n in names]
    assert len({p.lower() for p in pages}) == len(names)  # distinct even on a case-blind disk
    assert all(re.fullmatch(r"[a-z0-9_.-]+\.html", p) and len(p) <= 100 for p in pages)
    pairs = [links.pair_page(a, b) for a, b in [("a__b", "c"), ("a", "b__c"), ("x" * 300, "y" * 300), ("y", "x")]]
    assert len(set(pairs)) == 4 and all(len(p) < 120 for p in pairs)
    assert links.article_href("a.txt", "q", pd.NA, 5) == "articles/a.txt.html"  # no offsets: the page itself


def test_the_sanitiser_keeps_only_charts_that_stay_inside():
    from analysis.report.sanitize import clean_html, safe_figure

    good = {"data": [{"customdata": [["articles/a.txt.html#q-1-5", "&lt;script&gt;"]],
                      "hovertemplate": "<b>%{customdata[1]}</b><br><i>x</i><extra></extra>"}], "layout": {}}
    assert safe_figure(json.dumps(good))
    for bad in [
        {"data": [{"customdata": [["javascript:alert(1)"]]}]},
        {"data": [{"customdata": [["https://example.org/"]]}]},
        {"data": [], "layout": {"images": [{"source": "https://example.org/x.png"}]}},
        {"data": [{"hovertemplate": '<a href="https://example.org">x</a>'}]},
    ]:
        assert not safe_figure(json.dumps(bad)), bad
    from analysis.display import Chart

    kept = clean_html(Chart(good)._repr_mimebundle_()["text/html"])  # as nbconvert hands it over
    assert "data-figure=" in kept and "articles/a.txt.html#q-1-5" in kept
    forged = '<div class="press-chart" data-figure=\'{"data":[{"customdata":[["javascript:alert(1)"]]}]}\'></div>'
    assert "javascript" not in clean_html(forged)
    assert "url(" not in clean_html('<p style="background:u\\rl(https://example.org/x.png)">x</p>')


def test_the_checker_sees_what_would_run_or_reach_out(tmp_path):
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "articles" / "a.html").write_text('<p><span data-part="q-1-2">x</span></p>', encoding="utf-8")
    page = read_page(site / "articles" / "a.html")
    assert "q-1-2" not in page.ids and page.anchor_text("q-1-2") == "x"  # a piece is no anchor to land on
    (site / "index.html").write_text(
        '<html><head><style>@import "https://example.org/a.css";</style></head><body>'
        '<a href="articles/a.html#q-1-2">x</a><script>alert(1)</script><img src="x.png" onerror="alert(1)">'
        '<p style="background:url(https://example.org/p.png)">x</p><a href="articles/">dir</a></body></html>',
        encoding="utf-8")
    (site / "x.png").write_bytes(b"")
    from analysis.report.check import _check_url

    index = read_page(site / "index.html")
    pages = {site.resolve() / "articles" / "a.html": page}
    problems = [p for p in (_check_url(site.resolve(), (site / "index.html").resolve(), u, pages)
                            for _, u, _ in index.urls) if p]
    assert problems.count("refers outside the site") == 2
    assert "no such anchor on its page" in problems and "no such file" in problems
    assert sorted(w for w, _ in index.active) == ["<img onerror=...>", "an inline <script>"]


def test_the_checker_lets_only_marked_links_to_web_pages_out(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<a class="original" rel="external noopener noreferrer" href="https://example.org/story">original</a>'
        '<a href="https://example.org/unmarked">x</a>'
        '<a rel="external" href="javascript:alert(1)">y</a>'
        '<img rel="external" src="https://example.org/p.png">', encoding="utf-8")
    from analysis.report.check import _check_url

    index = read_page(site / "index.html")
    assert [u for u, _ in index.outbound] == ["https://example.org/story"]  # not checked as a site link
    problems = [_check_url(site.resolve(), (site / "index.html").resolve(), u, {}) for _, u, _ in index.urls]
    assert problems == ["refers outside the site"] * 3
