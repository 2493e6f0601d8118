"""The report site in a real browser (Debian's chromium driven by playwright), opened from
``file://`` with every request outside the site blocked: each page loads with no console
error and no blocked request; a table sorts; a chart point's hover reads its quote and a click
opens its sentence; a table row's link lands on its highlighted span.

``make test`` skips this module, with a message saying why, only where no chromium (or no
playwright) is installed; ``.ci/run`` installs chromium and sets ``PRESS_REQUIRE_BROWSER=1``,
which turns the skip into a failure, so CI always runs it.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _browser() -> str | None:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def _unavailable() -> str | None:
    if _browser() is None:
        return "no chromium on this machine (apt-get install -y chromium; .ci/run does)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    return None


REASON = _unavailable()
if REASON and os.environ.get("PRESS_REQUIRE_BROWSER"):
    raise RuntimeError(f"the browser test is required here (PRESS_REQUIRE_BROWSER) but cannot run: {REASON}")
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"browser test skipped: {REASON}")


class Visit:
    """Every console error, page error and blocked request of a browser context."""

    def __init__(self, context, site: Path):
        self.site = site.resolve().as_uri() + "/"
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.requests: list[str] = []
        context.route("**/*", self._route)
        context.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        context.on("weberror", lambda e: self.errors.append(f"page error: {e.error}"))
        context.on("request", lambda r: self.requests.append(r.url))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.site) or url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def outside(self) -> list[str]:
        return self.blocked + [u for u in self.requests if not (u.startswith(self.site) or u.startswith("data:"))]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=_browser(), headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--proxy-server=127.0.0.1:9",
                                           "--allow-file-access-from-files"])
        yield chromium
        chromium.close()


@pytest.fixture()
def visit(browser, seed_run):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    watcher = Visit(context, seed_run.out_dir)
    page = context.new_page()
    yield page, watcher
    context.close()


def _open(page, path: Path):
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")


@pytest.fixture(scope="module", params=["seeds", "dev"])
def any_run(request, seed_run, tmp_path_factory):
    """The seeds' site, and the shared dev corpus's where this machine has it."""
    if request.param == "seeds":
        return seed_run
    from analysis.report import run_reports

    from .conftest import DEV_CORPUS

    if not DEV_CORPUS.is_dir():
        pytest.skip(f"no dev corpus at {DEV_CORPUS}")
    run = run_reports(DEV_CORPUS, out_dir=tmp_path_factory.mktemp("dev-report") / "site", timeout=300, workers=1)
    assert run.ok, run.summary()
    return run


def test_every_page_opens_offline_without_errors(browser, any_run):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    watcher = Visit(context, any_run.out_dir)
    page = context.new_page()
    site = any_run.out_dir
    pages = sorted(site.rglob("*.html"))
    from analysis.dataset import Dataset

    analysed = int(Dataset(site / "data").articles["analysed"].sum())
    assert len(pages) >= 1 + len(any_run.results) + analysed
    opened = []
    for path in pages:
        _open(page, path)
        if page.locator("div.press-chart").count():
            page.wait_for_selector("div.press-chart[data-drawn='yes']", timeout=15000)
        tables = page.locator("table.press-table").count()
        assert page.locator("table.press-table[data-enhanced='yes']").count() == tables, path
        opened.append(path.relative_to(site).as_posix())
    context.close()
    assert watcher.errors == [], watcher.errors
    assert watcher.outside() == [], watcher.outside()
    print(f"\n{any_run.corpus.name}: opened {len(opened)} pages offline ({len(watcher.requests)} requests, all inside "
          f"the site): no console error, no request outside the site")


def test_a_table_sorts_searches_and_pages(visit, seed_run):
    page, watcher = visit
    _open(page, seed_run.out_dir / "02-troop-estimates.html")
    table = page.locator("table.press-table").filter(has=page.locator("th", has_text="qualifier")).first
    headers = [h.strip() for h in table.locator("thead tr").first.locator("th").all_inner_texts()]
    column = headers.index("value")

    def values():
        rows = table.locator("tbody tr:visible")
        return [float(t.replace(",", "")) for t in rows.locator(f"td:nth-child({column + 1})").all_inner_texts()]

    before = values()
    table.locator("thead tr").first.locator("th").nth(column).click()
    ascending = values()
    assert ascending == sorted(ascending) and len(ascending) == min(25, len(before))
    table.locator("thead tr").first.locator("th").nth(column).click()
    descending = values()
    assert descending == sorted(descending, reverse=True) and descending[0] == max(before + ascending)
    search = table.locator("xpath=preceding-sibling::div[contains(@class,'press-tools')][1]//input[@type='search']")
    search.fill("11.000")
    shown = table.locator("tbody tr:visible")
    assert shown.count() >= 1 and all("11.000" in t for t in shown.all_inner_texts())
    assert watcher.errors == [] and watcher.outside() == []


def test_a_chart_point_shows_its_quote_and_opens_its_sentence(visit, seed_run):
    page, watcher = visit
    _open(page, seed_run.out_dir / "02-troop-estimates.html")
    chart = page.locator("div.press-chart").first
    page.wait_for_selector("div.press-chart[data-drawn='yes']", timeout=15000)
    figure = json.loads(chart.get_attribute("data-figure"))
    point = chart.locator(".scatterlayer .trace").first.locator("path.point").first
    point.hover(force=True)
    label = page.wait_for_selector(".hoverlayer .hovertext", timeout=5000).text_content()
    # the point under the pointer (markers of one value and day overlap: the one drawn on top answers)
    shown = re.search(r"(T\d+) [\d,.]+ \(", label).group(1)
    first = next(p for trace in figure["data"] for p in trace["customdata"] if p[8] == shown)
    quote = re.sub(r"\W+", "", html.unescape(first[7].replace("<br>", " ")))[:40]  # the hover breaks its lines
    assert quote and quote in re.sub(r"\W+", "", label), (quote, label)
    for part in (first[1], first[4], first[5], first[6]):  # outlet, claimant, qualifier, scope
        assert html.unescape(part)[:20] in label, (part, label)
    point.click(force=True)
    page.wait_for_url(re.compile(r".*/articles/.*#q-\d+-\d+$"), timeout=5000)
    assert page.url.endswith(first[0])
    anchor = first[0].split("#")[1]
    assert page.locator(f"#{anchor}").is_visible()
    assert watcher.errors == [] and watcher.outside() == []


def test_a_row_link_lands_on_its_highlighted_span(visit, seed_run):
    page, watcher = visit
    _open(page, seed_run.out_dir / "02-troop-estimates.html")
    table = page.locator("table.press-table").filter(has=page.locator("th", has_text="qualifier")).first
    row = table.locator("tbody tr:visible").nth(3)
    highlighted = row.locator("mark").inner_text()
    link = row.locator("a", has_text="open")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(r".*#q-\d+-\d+$"), timeout=5000)
    anchor = href.split("#")[1]
    target = page.locator(f"#{anchor}")
    assert target.inner_text() == highlighted
    box, height = target.bounding_box(), page.viewport_size["height"]
    assert box is not None and height / 4 <= box["y"] <= 3 * height / 4  # scrolled to the middle
    style = target.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).backgroundColor")
    assert style.startswith("solid") and "255, 243, 160" in style  # the :target highlight
    # the side panel lists it too, with what was read from it
    assert page.locator(f"aside a[href='#{anchor}']").count() == 1
    assert watcher.errors == [] and watcher.outside() == []


def test_the_watch_sees_a_request_outside_the_site(browser, tmp_path):
    """The test above would notice a page reaching out: here one does."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<!DOCTYPE html><html><head><script src="https://cdn.example.org/x.js"></script>'
                                     '</head><body><img src="../outside.png"></body></html>', encoding="utf-8")
    context = browser.new_context(offline=True)
    watcher = Visit(context, site)
    page = context.new_page()
    _open(page, site / "index.html")
    context.close()
    assert any("cdn.example.org" in u for u in watcher.outside())
    assert any(u.endswith("/outside.png") for u in watcher.outside())


def test_numbers_sort_as_numbers_in_either_grouping(browser, tmp_path):
    """English (2,500) and Indonesian (13.000; 1.500,5) groupings in one column sort by value;
    a column that also holds a plain decimal reads its dots as decimals; small tables sort
    without search or pages."""
    from analysis.report.site import ASSETS

    shutil.copyfile(ASSETS / "press.js", tmp_path / "press.js")
    cells = ["13.000", "100", "2,500", "1.500,5", ""]
    decimals = ["2.125", "0.5", "10"]
    body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in zip(cells, decimals + ["", ""]))
    (tmp_path / "t.html").write_text(
        '<!DOCTYPE html><html><body><table class="press-table"><thead><tr><th>text</th><th>score</th></tr></thead>'
        f'<tbody>{body}</tbody></table><script src="press.js"></script></body></html>', encoding="utf-8")
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto((tmp_path / "t.html").as_uri())
    page.wait_for_selector("table.press-table[data-enhanced='yes']")
    assert page.locator(".press-tools").count() == 0 and page.locator("input.col-filter").count() == 0
    header = page.locator("thead tr").first.locator("th")
    header.nth(0).click()
    assert page.locator("tbody tr td:nth-child(1)").all_inner_texts() == ["100", "1.500,5", "2,500", "13.000", ""]
    header.nth(1).click()
    assert page.locator("tbody tr td:nth-child(2)").all_inner_texts()[:3] == ["0.5", "2.125", "10"]
    context.close()


def test_counts_filter_and_the_kept_rows_download_as_csv(browser, tmp_path):
    """A table's counts by claimant group (a facet) filter it when clicked, and the rows the
    filters keep download as CSV, a formula-like cell made inert."""
    from analysis.report.site import ASSETS

    shutil.copyfile(ASSETS / "press.js", tmp_path / "press.js")
    rows = [("US", str(i), "=1+1" if i == 3 else f"text {i}") for i in range(20)]
    rows += [("Russia", str(100 + i), f"kata, \"dia\" {i}") for i in range(10)]
    body = "".join(f"<tr><td>{g}</td><td>{v}</td><td>{html.escape(t)}</td></tr>" for g, v, t in rows)
    (tmp_path / "t.html").write_text(
        '<!DOCTYPE html><html><head><title>t</title></head><body><table class="press-table"><thead><tr>'
        f'<th>claimant_group</th><th>value</th><th>text</th></tr></thead><tbody>{body}</tbody></table>'
        '<script src="press.js"></script></body></html>', encoding="utf-8")
    context = browser.new_context(offline=True, accept_downloads=True)
    page = context.new_page()
    page.goto((tmp_path / "t.html").as_uri())
    page.wait_for_selector("table.press-table[data-enhanced='yes']")
    page.locator(".press-facets button", has_text="counts by claimant_group").click()
    assert page.locator("button.facet").all_inner_texts() == ["US (20)", "Russia (10)"]
    page.locator("button.facet", has_text="Russia (10)").click()
    assert page.locator("tbody tr:visible").count() == 10
    with page.expect_download() as download:
        page.locator(".press-tools button", has_text="CSV").click()
    lines = open(download.value.path(), encoding="utf-8", newline="").read().split("\r\n")
    assert lines[0] == "claimant_group,value,text" and len([x for x in lines if x]) == 11
    assert lines[1] == 'Russia,100,"kata, ""dia"" 0"'
    page.locator("input.col-filter").first.fill("=us")  # the whole cell: not rUSsia
    with page.expect_download() as download:
        page.locator(".press-tools button", has_text="CSV").click()
    text = open(download.value.path(), encoding="utf-8", newline="").read()
    assert "US,3,'=1+1" in text and "Russia" not in text
    context.close()
