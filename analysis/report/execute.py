"""Run one notebook with papermill on a dataset, and render it to HTML with nbconvert.

The kernel is the project's (``press-analysis``, registered if missing); each cell has a
timeout; a failure is returned (notebook, cell, error), never raised. HTML comes from the
``press`` template (the lab template without require.js, MathJax or mermaid from a CDN),
code hidden unless asked, its style sheets shared under ``assets/``. Writes the executed
notebook, its HTML page and the shared style sheet.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from ..atomic import atomic_write
from ..paths import KERNEL_NAME, ROOT
from .sanitize import clean_html

TEMPLATES = Path(__file__).parent / "templates"
HEAD_STYLE = re.compile(r"\s*<style[^>]*>(.*?)</style>", re.S)


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook (its report title)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return Path(path).stem


def run_notebook(notebook: Path, staging: Path, parameters: dict, timeout: int, kernel_name: str,
                 show_code: bool) -> tuple[float, str | None, str | None]:
    """Execute ``notebook`` into ``staging/notebooks/`` and render its page into ``staging``:
    ``(seconds, error or None, the page's file name or None)``. A page rendered from a notebook
    that ran whole ships the notebook without outputs (the page holds them); a failed one keeps
    them, so its error shows. Runs in a worker process of :func:`run_notebooks`, or in this one."""
    executed = staging / "notebooks" / notebook.name
    seconds, error = execute(notebook, executed, parameters, timeout, kernel_name, cwd=staging / "notebooks")
    page = render(executed, staging / f"{notebook.stem}.html", show_code) if executed.exists() else None
    if page is not None and error is None:
        strip_outputs(executed)
    return seconds, error, page.name if page else None


def run_notebooks(pages: list[Path], staging: Path, parameters: dict, timeout: int, kernel_name: str,
                  show_code: bool, workers: int) -> list[tuple[float, str | None, str | None]]:
    """:func:`run_notebook` for each of ``pages``, in their order; with ``workers`` > 1 that many
    run at once, each in its own process (the notebooks read the dataset and write only their own
    files, so none waits for another; a process of its own because papermill changes the working
    directory of the process it runs in)."""
    args = (staging, parameters, timeout, kernel_name, show_code)
    if workers <= 1 or len(pages) <= 1:
        return [run_notebook(page, *args) for page in pages]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: a fresh interpreter, never a fork of this one with its threads and the extraction's memory
    with ProcessPoolExecutor(min(workers, len(pages)), mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(run_notebook, page, *args) for page in pages]
        return [future.result() for future in futures]


def ensure_kernel(name: str = KERNEL_NAME) -> None:
    """Register this environment's Python as Jupyter kernel ``name`` if missing."""
    from jupyter_client.kernelspec import KernelSpecManager

    if name in KernelSpecManager().find_kernel_specs():
        return
    from ipykernel.kernelspec import install

    install(kernel_name=name, display_name=f"Python ({name})", prefix=sys.prefix)


def execute(notebook: Path, executed: Path, parameters: dict, timeout: int, kernel_name: str = KERNEL_NAME,
            cwd: Path | None = None) -> tuple[float, str | None]:
    """``(seconds, error or None)``."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    started = time.monotonic()
    error = None
    try:
        with tempfile.TemporaryDirectory(prefix="press-kernel-") as sockets, _report_kernel():
            pm.execute_notebook(str(notebook), str(executed), parameters=parameters, kernel_name=kernel_name,
                                language="python", execution_timeout=timeout, progress_bar=False,
                                cwd=str(cwd or notebook.parent), **_local_kernel(Path(sockets)))
    except PapermillExecutionError as exc:
        error = f"cell {exc.cell_index} (execution count {exc.exec_count}): {exc.ename}: {' '.join(str(exc.evalue).split())[:300]}"
    except Exception as exc:  # kernel death, timeout, bad notebook: record and go on
        error = f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
    if executed.exists():
        stable_ids(executed)
    return time.monotonic() - started, error


@contextlib.contextmanager
def _report_kernel():
    """The kernel's environment says it runs for ``report`` (``PRESS_REPORT=1``): the notebooks
    show plain HTML, which the site's script enhances, not JupyterLab widgets. Its ``PYTHONPATH``
    starts with this project's folder, so the notebooks import the very ``analysis`` that runs the
    report (not whichever copy the environment has installed, e.g. another checkout's)."""
    from ..lab import REPORT_ENV

    path = os.environ.get("PYTHONPATH")
    changes = {REPORT_ENV: "1", "PYTHONPATH": os.pathsep.join([str(ROOT)] + ([path] if path else []))}
    before = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _local_kernel(sockets: Path) -> dict:
    """Where the platform has them, the kernel talks over local sockets in ``sockets`` (a
    folder only this run uses), not TCP: nothing listens on a port, and the kernel has no
    reason to warn about unencrypted TCP in the report's log."""
    if os.name != "posix":
        return {}
    from jupyter_client.manager import AsyncKernelManager

    class LocalKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = str(sockets / "kernel")

    return {"kernel_manager_class": LocalKernelManager}


def stable_ids(path: Path) -> None:
    """Give the cell papermill injects a fixed id (it draws a random one), so the same input
    renders the same page."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for cell in nb.get("cells", []):
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []) and cell.get("id") != "injected-parameters":
            cell["id"] = "injected-parameters"
            changed = True
    if changed:
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def strip_outputs(path: Path) -> None:
    """The executed notebook without its outputs (the HTML page holds them): the site ships each
    table once, and the notebook still re-runs where it is (its parameters are kept)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


FOCUSABLE = re.compile(r'<div class="(jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"(?![^>]*\btabindex=)([^>]*)>')
NO_ALT = re.compile(r"<img\b(?![^>]*\balt=)")


def _exporter_class():
    """nbconvert's HTML exporter without its last step, a BeautifulSoup parse and re-serialisation
    of the whole page (most of the rendering time of a long report: seconds per page at 400
    articles) that only gives images without alt text a placeholder and makes the cells'
    input and output focusable; both are done here on the template's own markup."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PressExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return focusable(page), resources

    return PressExporter


def focusable(page: str) -> str:
    """What nbconvert's own pass adds: ``tabindex="0"`` on each cell's input wrapper and output,
    and a placeholder ``alt`` on an image without one."""
    page = FOCUSABLE.sub(lambda m: f'<div class="{m.group(1)}"{m.group(2)} tabindex="0">', page)
    return NO_ALT.sub('<img alt="No description has been provided for this image"', page)


def render(executed: Path, target: Path, show_code: bool) -> Path:
    exporter = _exporter_class()(template_name="press", extra_template_basedirs=[str(TEMPLATES)], sanitize_html=True,
                            exclude_input=not show_code, exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_filter("clean_html", clean_html)  # our allowlist, not nbconvert's minimal one
    body, _ = exporter.from_filename(str(executed))
    target.write_text(shared_styles(body, target.parent / "assets"), encoding="utf-8")
    return target


def shared_styles(page: str, assets: Path) -> str:
    """``page`` with the style sheets nbconvert inlines in its head (240 kB of JupyterLab's CSS
    per page) moved to one file under ``assets/``, named by its content so every page that shares
    them loads it once; the site's own ``press.css`` follows them."""
    head, sep, rest = page.partition("</head>")
    css = "\n".join(m.group(1).strip() for m in HEAD_STYLE.finditer(head))
    name = f"notebook-{hashlib.sha1(css.encode('utf-8')).hexdigest()[:10]}.css"
    assets.mkdir(parents=True, exist_ok=True)
    if not (assets / name).exists():  # two notebooks may render at once: each writes it whole or not at all
        atomic_write(assets / name, lambda h: h.write(css + "\n"))
    links = f'<link rel="stylesheet" href="assets/{name}">\n<link rel="stylesheet" href="assets/press.css">\n'
    return HEAD_STYLE.sub("", head) + links + sep + rest
