"""The report site around the notebook pages: shared assets (once, under ``assets/``), the
article and pair pages (:mod:`.articles`) and the front page (``index.html``): the corpus at a
glance, the generated reading with each statement linked to the rows that support it, every
report with its run status, every article, and the dataset's tables for download. Reads the
dataset the report extracted; writes the site's files.
"""
from __future__ import annotations

import datetime as dt
import html
import shutil
from pathlib import Path

import pandas as pd

from .. import links
from ..atomic import atomic_write
from ..display import statements_html, table_html
from ..estimates.ledger import ledger as make_ledger
from ..estimates.reading import reading
from .articles import original_link, write_article_pages, write_pair_pages
from .chunks import split_page
from .front import garble_answer, report_link, timeline_answer

ASSETS = Path(__file__).parent / "assets"


def write_assets(site: Path) -> None:
    """``assets/press.css``, ``press.js`` and Plotly's basic bundle (scatter, bar, pie: all the
    site draws; 1.2 MB against 4.7 MB for the full one), with its licence."""
    target = site / "assets"
    target.mkdir(parents=True, exist_ok=True)
    for source, name in (("press.css", "press.css"), ("press.js", "press.js"),
                         ("vendor/plotly-basic.min.js", "plotly.min.js"), ("vendor/plotly.js-LICENSE", "plotly.js-LICENSE")):
        shutil.copyfile(ASSETS / source, target / name)


def build_site(site: Path, ds, run) -> None:
    write_assets(site)
    write_article_pages(ds, site)
    write_pair_pages(ds, site)
    page = front_page(ds, run, site)
    atomic_write(site / "index.html", lambda h: h.write(page))
    for report in sorted(site.glob("*.html")):  # long tables and large charts: the rest loads on demand
        split_page(report, site)


def _downloads(site: Path) -> str:
    data = site / "data"
    items = []
    for path in sorted(data.glob("*.csv")) + sorted((data / "parquet").glob("*.parquet")) + [data / "dataset.json"]:
        if path.exists():
            rel = path.relative_to(site).as_posix()
            items.append(f'<li><a href="{html.escape(rel)}">{html.escape(rel)}</a> ({path.stat().st_size / 1024:,.0f} KiB)</li>')
    return "<ul class='downloads'>" + "".join(items) + "</ul>"


def _reading(ds) -> str:
    table = make_ledger(ds.troop_estimates, ds.articles)
    return statements_html(reading(table, ds.estimate_findings), table)


def _articles(ds) -> str:
    a = ds.articles.drop_duplicates("file").copy()
    a.insert(0, "page", [f'<a href="{html.escape(links.article_href(f))}">{html.escape(f)}</a>' for f in a["file"]])
    a["original"] = [original_link(u) for u in a["url"]]
    a["published"] = pd.to_datetime(a["published"], errors="coerce").dt.strftime("%Y-%m-%d")
    columns = ["page", "title", "outlet", "language", "published", "published_source", "original", "n_sentences",
               "analysed"]
    return table_html(a[columns], raw=("page", "original"))


def _glance(ds) -> str:
    a = ds.articles.drop_duplicates("file")
    by_outlet = a.groupby(["outlet", "language"], dropna=False).size().rename("articles").reset_index()
    by_source = a.groupby("published_source", dropna=False).size().rename("articles").reset_index()
    dates = pd.to_datetime(a["published"], errors="coerce").dropna()
    span = f"{dates.min():%d %B %Y} – {dates.max():%d %B %Y}" if len(dates) else "no dated article"
    languages = ", ".join(f"{k}: {v}" for k, v in sorted(a["language"].value_counts().items()))
    days = a.assign(day=pd.to_datetime(a["published"], errors="coerce").dt.strftime("%Y-%m-%d").fillna("undated"))
    by_day = days.groupby("day").agg(articles=("file", "size"), outlets=("outlet", lambda o: ", ".join(
        sorted({str(x) for x in o if x == x and x}))[:200])).reset_index().rename(columns={"day": "published"})
    return (f"<p>{len(a)} articles from {a['outlet'].nunique()} outlets, published {span}; languages: "
            f"{html.escape(languages)}.</p><div class='glance'><div>{table_html(by_outlet)}</div>"
            f"<div><p>How each publication date was established:</p>{table_html(by_source)}</div>"
            f"<div><p>By publication date:</p>{table_html(by_day)}</div></div>")


def front_page(ds, run, site: Path) -> str:
    e = html.escape
    rows = [f"<tr><td>dataset</td><td>extract</td><td>ok</td><td>{run.extract_seconds:.1f} s</td></tr>"]
    for r in run.results:
        link = f'<a href="{e(r.html.name)}">{e(r.title)}</a>' if r.html else e(r.title)
        status = "ok" if r.ok else f"<strong>failed</strong>: {e(r.error or '')}"
        rows.append(f"<tr><td>{link}</td><td>{e(r.name)}</td><td>{status}</td><td>{r.seconds:.1f} s</td></tr>")
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    manifest = e(str(run.manifest)) if run.manifest else "none"
    pairs = ds.alignments[["file", "source_file"]].drop_duplicates() if len(ds.alignments) else pd.DataFrame()
    pair_list = "".join(f'<li><a href="{e(links.pair_page(f, s))}">{e(f)} ← {e(s)}</a></li>'
                        for f, s in zip(pairs.get("file", []), pairs.get("source_file", [])))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Press-coverage analysis</title>
<link rel="stylesheet" href="assets/press.css"></head>
<body class="press-page"><h1>Press-coverage analysis</h1>
<p class="meta">Corpus: <code>{e(str(run.corpus))}</code> · manifest: {manifest} · generated {generated}</p>
<nav class="questions"><a href="#q-when">What happened when?</a> · <a href="#q-figures">How did the figures
evolve?</a> · <a href="#q-translation">Where did translation change the story?</a> · <a href="#reports">The reports</a></nav>
<h2 id="q-when">What happened when</h2>
{timeline_answer(ds, site)}
<h2 id="q-figures">How the troop estimates evolved</h2>
<p>Generated from the ledger ({report_link(site, "02", "the troop estimates report")}); each statement cites the
figures that support it: follow an id to its sentence.</p>
{_reading(ds)}
<h2 id="q-translation">Where translation or rewriting changed the story</h2>
{garble_answer(ds, site)}
<h2 id="reports">Reports</h2>
<table class="status"><thead><tr><th>Report</th><th>Notebook</th><th>Status</th><th>Run time</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>
<h2>The corpus at a glance</h2>
{_glance(ds)}
<h2>Articles</h2>
<p>Each article page shows the text with everything read from it highlighted; <em>original</em> opens the page it was taken from (on the web).</p>
{_articles(ds)}
<h2>Translations beside their originals</h2>
{"<ul>" + pair_list + "</ul>" if pair_list else "<p>No article of this corpus derives from another article of it.</p>"}
<h2>Downloads</h2>
<p>The dataset's tables (CSV, spreadsheet-safe; Parquet where written) and its description.</p>
{_downloads(site)}
<script src="assets/press.js"></script>
</body></html>
"""
