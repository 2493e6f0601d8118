"""Pages that stay small at any corpus size: a rendered page's long tables keep their first
page of rows (``FIRST`` rows) in the HTML, and the rest go to a data file beside it
(``rows/<page>-<n>.js``) that the site's script loads when a reader pages, searches, sorts or
shows all (a script tag, which works from ``file://``); a chart's figure goes the same way when
it is large. The rows and figures in those files are the page's own, already escaped and
sanitised markup, moved as is; :mod:`.check` reads them back and checks them like the page.
Reads and rewrites the site's HTML pages; writes the data files.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from ..atomic import atomic_write

FIRST = 25  # rows kept in the page: the table's first page (press.js PAGE)
MIN_MOVED = 25  # a table moves its rows only when this many would move
FIGURE_BYTES = 100_000  # a chart's figure larger than this goes to a data file
FOLDER = "rows"
TABLE = re.compile(r'<table class="press-table"(?P<attrs>[^>]*)>(?P<head>.*?)<tbody>(?P<body>.*?)</tbody></table>', re.S)
ROW = re.compile(r"<tr\b.*?</tr>", re.S)
CHART = re.compile(r'<div class="press-chart" data-figure=(?:"(?P<figure>[^"]*)"|\'(?P<single>[^\']*)\')', re.S)
VARIABLE = "pressData"


def _data_file(key: str, payload) -> str:
    """A script that hands ``payload`` to the page's script under ``key`` (JSON, ASCII only)."""
    return (f"window.{VARIABLE} = window.{VARIABLE} || {{}};\n"
            f"window.{VARIABLE}[{json.dumps(key)}] = {json.dumps(payload, ensure_ascii=True)};\n")


def split_page(page: Path, site: Path) -> int:
    """Move the long tables' later rows and the large charts' figures of ``page`` into data
    files under ``site/rows/``; returns how many were moved."""
    text = page.read_text(encoding="utf-8")
    stem = page.relative_to(site).with_suffix("").as_posix().replace("/", "_")
    up = "../" * (len(page.relative_to(site).parts) - 1)
    moved = 0
    out, pos = [], 0
    for match in TABLE.finditer(text):
        rows = ROW.findall(match.group("body"))
        if len(rows) - FIRST < MIN_MOVED:
            continue
        key = f"{stem}-{moved}"
        name = f"{FOLDER}/{key}.js"
        (site / FOLDER).mkdir(parents=True, exist_ok=True)  # only a site with long tables or charts has one
        atomic_write(site / name, lambda h, rows=rows: h.write(_data_file(key, rows[FIRST:])))
        out.append(text[pos:match.start()])
        out.append(f'<table class="press-table" data-rows="{html.escape(up + name)}" data-key="{html.escape(key)}" '
                   f'data-total="{len(rows)}"{match.group("attrs")}>{match.group("head")}<tbody>{"".join(rows[:FIRST])}'
                   f"</tbody></table>")
        pos = match.end()
        moved += 1
    out.append(text[pos:])
    text = "".join(out)
    out, pos = [], 0
    for match in CHART.finditer(text):
        figure = html.unescape(match.group("figure") if match.group("figure") is not None else match.group("single"))
        if len(figure) <= FIGURE_BYTES:
            continue
        key = f"{stem}-{moved}"
        name = f"{FOLDER}/{key}.js"
        (site / FOLDER).mkdir(parents=True, exist_ok=True)
        atomic_write(site / name, lambda h, figure=figure, key=key: h.write(_data_file(key, json.loads(figure))))
        out.append(text[pos:match.start()])
        out.append(f'<div class="press-chart" data-figure-src="{html.escape(up + name)}" data-key="{html.escape(key)}"')
        pos = match.end()
        moved += 1
    out.append(text[pos:])
    if moved:
        atomic_write(page, lambda h: h.write("".join(out)))
    return moved


DATA_FILE = re.compile(r'window\.pressData = window\.pressData \|\| \{\};\nwindow\.pressData\["[A-Za-z0-9_.-]+"\] = '
                       r'(?P<payload>[^\n]*);\n')


def read_data_file(path: Path):
    """The payload of a data file written by :func:`split_page` (for the checker); a file of any
    other form (code, not data) raises ``ValueError``."""
    match = DATA_FILE.fullmatch(path.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{path.name} is not a data file of the site")
    return json.loads(match.group("payload"))
