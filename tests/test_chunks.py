"""Long tables and large charts leave the page for data files that load on demand
(analysis/report/chunks.py), and the checker reads them back as part of the page."""
from __future__ import annotations

import json

from analysis.report.check import read_page
from analysis.report.chunks import FIRST, split_page


def _table(n: int) -> str:
    rows = "".join(f'<tr><td><a href="articles/a.txt.html#q-{i}-{i + 1}">open</a></td><td>row {i}</td></tr>'
                   for i in range(n))
    return f'<table class="press-table"><thead><tr><th>open</th><th>text</th></tr></thead><tbody>{rows}</tbody></table>'


def test_a_long_table_keeps_its_first_page_and_the_checker_still_sees_every_row(tmp_path):
    page = tmp_path / "02-x.html"
    page.write_text(f"<html><body><p>before</p>{_table(80)}<p>between</p>{_table(30)}</body></html>", encoding="utf-8")
    assert split_page(page, tmp_path) == 1  # the 30-row table keeps its rows: only 5 would move
    text = page.read_text(encoding="utf-8")
    assert text.count("<tr><td>") == FIRST + 30 and "row 24<" in text and "row 25<" not in text.split("between")[0]
    assert 'data-rows="rows/02-x-0.js" data-key="02-x-0" data-total="80"' in text
    assert "<p>between</p>" in text and text.endswith("</body></html>")
    seen = read_page(page)
    assert len([r for r in seen.rows if r[0]]) == 80 + 30  # every row with its link, moved or not
    assert sum(1 for _, u, _ in seen.urls if u.startswith("articles/a.txt.html#q-")) == 110
    assert seen.active == []


def test_a_data_file_that_is_not_data_is_caught(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(f"<html><body>{_table(60)}</body></html>", encoding="utf-8")
    split_page(page, tmp_path)
    data = tmp_path / "rows" / "p-0.js"
    data.write_text(data.read_text(encoding="utf-8") + "alert(1);\n", encoding="utf-8")
    assert [w for w, _ in read_page(page).active] == ["data file rows/p-0.js that is not the site's data (ValueError)"]


def test_a_large_chart_figure_moves_out_and_its_links_are_checked(tmp_path):
    figure = {"data": [{"customdata": [[f"articles/a.txt.html#q-{i}-{i + 1}", "x" * 200] for i in range(600)]}],
              "layout": {}}
    import html

    page = tmp_path / "01-t.html"
    page.write_text(f'<html><body><div class="press-chart" data-figure="{html.escape(json.dumps(figure), quote=True)}">'
                    "</div></body></html>", encoding="utf-8")
    assert split_page(page, tmp_path) == 1
    assert 'data-figure-src="rows/01-t-0.js"' in page.read_text(encoding="utf-8")
    assert page.stat().st_size < 1000
    seen = read_page(page)
    assert json.loads(seen.charts[0]) == figure
    assert len([u for w, u, _ in seen.urls if w == "chart point"]) == 600


def test_a_chart_figure_in_single_quotes_moves_too(tmp_path):
    """A serialiser may quote the attribute with ' (the JSON inside holds ")."""
    figure = {"data": [{"customdata": [[f"articles/a.txt.html#q-{i}-{i + 1}", "y" * 200] for i in range(600)]}],
              "layout": {}}
    page = tmp_path / "02-e.html"
    page.write_text(f"<html><body><div class=\"press-chart\" data-figure='{json.dumps(figure)}'></div></body></html>",
                    encoding="utf-8")
    assert split_page(page, tmp_path) == 1
    assert json.loads(read_page(page).charts[0]) == figure
