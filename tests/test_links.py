"""analysis/links.py: the one pattern of a link inside the site (a chart point's link), shared
by the sanitiser, the site checker and the site's script (assets/press.js)."""
from __future__ import annotations

import json
import re

from analysis import links
from analysis.paths import ROOT

PRESS_JS = ROOT / "analysis" / "report" / "assets" / "press.js"


def test_press_js_holds_the_same_site_link_pattern():
    found = re.search(r"var SITE_LINK = /(.+)/;", PRESS_JS.read_text(encoding="utf-8"))
    assert found, "press.js has no SITE_LINK regex literal"
    assert found.group(1).replace("\\/", "/") == links.SITE_LINK.pattern


def test_site_link_takes_article_pages_only():
    assert links.SITE_LINK.match("articles/a.txt.html#q-1-5")
    assert links.SITE_LINK.match("../articles/a.txt.html")
    assert not links.SITE_LINK.match("x.png")
    assert not links.SITE_LINK.match("javascript:alert(1)")
    assert not links.SITE_LINK.match("../../articles/a.txt.html")


def test_the_checker_flags_a_chart_point_press_js_would_not_open(tmp_path):
    from analysis.report.check import read_page, url_problems

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt.html").write_text('<p id="q-1-5">x</p>', encoding="utf-8")
    (tmp_path / "x.png").write_bytes(b"")
    figure = {"data": [{"customdata": [["articles/a.txt.html#q-1-5"], ["x.png"]]}]}
    (tmp_path / "index.html").write_text(
        f"<div class=\"press-chart\" data-figure='{json.dumps(figure)}'></div>", encoding="utf-8")
    site = tmp_path.resolve()
    pages = {p: read_page(p) for p in sorted(site.rglob("*.html"))}
    problems = url_problems(site, site / "index.html", pages[site / "index.html"], pages)
    assert len(problems) == 1 and "'x.png'" in problems[0] and "not an article page" in problems[0]
