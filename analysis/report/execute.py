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

from ..paths import KERNEL_NAME
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
    show plain HTML, which the site's script enhances, not JupyterLab widgets."""
    from ..lab import REPORT_ENV

    before = os.environ.get(REPORT_ENV)
    os.environ[REPORT_ENV] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(REPORT_ENV, None)
        else:
            os.environ[REPORT_ENV] = before


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


def render(executed: Path, target: Path, show_code: bool) -> Path:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="press", extra_template_basedirs=[str(TEMPLATES)], sanitize_html=True,
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
    if not (assets / name).exists():
        (assets / name).write_text(css + "\n", encoding="utf-8")
    links = f'<link rel="stylesheet" href="assets/{name}">\n<link rel="stylesheet" href="assets/press.css">\n'
    return HEAD_STYLE.sub("", head) + links + sep + rest
