"""The notebooks' tables in JupyterLab itself (issue 22, parity with the site): JupyterLab is
started headless on the test's own port, a notebook showing the seeds' troop figures is run,
its table is searched and sorted with the site's own table code, and a row's ``open`` link
shows the figure highlighted in its sentence right below the table.

Skipped, with the reason, where chromium, playwright or anywidget is missing; ``.ci/run``
sets ``PRESS_REQUIRE_BROWSER=1``, which turns the skip into a failure.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .test_browser import REASON, _browser

try:
    import anywidget  # noqa: F401
except ImportError:  # pragma: no cover - the environment installs it
    REASON = REASON or "anywidget is not installed (pip install -e .)"
if REASON and os.environ.get("PRESS_REQUIRE_BROWSER"):
    raise RuntimeError(f"the JupyterLab test is required here (PRESS_REQUIRE_BROWSER) but cannot run: {REASON}")
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"JupyterLab test skipped: {REASON}")
TOKEN = "press-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory, seeds):
    from analysis.report.execute import ensure_kernel

    ensure_kernel()
    root = tmp_path_factory.mktemp("lab")
    cells = [
        f"from analysis import dataset, display\nds = dataset.load({str(seeds.path)!r})",
        'display.table(ds.troop_estimates, link="q", columns=["file", "text", "value", "qualifier", "claimant_group"])',
    ]
    notebook = {"cells": [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [],
                           "source": source} for i, source in enumerate(cells)],
                "metadata": {"kernelspec": {"name": "press-analysis", "display_name": "Python (press-analysis)",
                                          "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    (root / "t.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / ".config"), JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"))
    env.pop("PRESS_REPORT", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--ServerApp.token={TOKEN}", f"--ServerApp.root_dir={root}", "--allow-root",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=root)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"JupyterLab stopped: {server.stderr.read()[-2000:]}")
            time.sleep(0.5)
    else:
        server.kill()
        raise RuntimeError("JupyterLab did not start within 120 s")
    yield url
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def test_a_table_in_jupyterlab_searches_sorts_and_opens_its_span(lab, seeds, tmp_path):
    lab_dir = tmp_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_browser(), headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{lab}/lab/tree/t.ipynb?token={TOKEN}")
        page.wait_for_selector(".jp-Notebook", timeout=90_000)
        choose = page.locator(".jp-Dialog button", has_text="Select")
        try:  # JupyterLab may ask which kernel to start: the notebook's own
            choose.wait_for(timeout=15_000)
            choose.click()
        except Exception:
            pass
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=120_000)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            table = page.wait_for_selector(".press-lab table.press-table[data-enhanced='yes']", timeout=180_000)
        except Exception:
            page.screenshot(path=os.environ.get("PRESS_LAB_SHOT") or str(lab_dir / "failure.png"), full_page=True)
            raise
        assert table is not None
        rows = page.locator(".press-lab table.press-table tbody tr:visible")
        total = len(seeds.troop_estimates)
        assert rows.count() == min(total, 25)
        # search: the site's own table code, running in JupyterLab
        search = page.locator(".press-lab .press-tools input[type='search']")
        search.fill("11.000")
        assert rows.count() >= 1 and all("11.000" in t for t in rows.all_inner_texts())
        search.fill("")
        # sort by value
        headers = page.locator(".press-lab table.press-table thead tr").first.locator("th")
        names = [h.strip() for h in headers.all_inner_texts()]
        column = names.index("value")
        headers.nth(column).click()
        values = [float(t.replace(",", "")) for t in rows.locator(f"td:nth-child({column + 1})").all_inner_texts()]
        assert values == sorted(values) and values[0] == seeds.troop_estimates["value"].min()
        # open: the figure, highlighted in its sentence, below the table
        first = rows.first
        text = first.locator(f"td:nth-child({names.index('text') + 1})").inner_text()
        first.locator("a", has_text="open").click()
        mark = page.wait_for_selector(".press-article-view mark", timeout=30_000)
        assert mark.inner_text() == text
        assert "404" not in page.title()
        if os.environ.get("PRESS_LAB_SHOT"):  # a picture for a closing note
            page.screenshot(path=os.environ["PRESS_LAB_SHOT"], full_page=True)
        browser.close()
