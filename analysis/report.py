"""Run every numbered notebook with papermill and render HTML reports.

``run_reports`` executes ``notebooks/NN-*.ipynb`` in order (new notebooks join
automatically) with the project's kernel and an execution timeout, renders each
executed notebook to HTML with nbconvert (code hidden unless asked; the notebooks
HTML-escape all article text they display), and writes
``index.html`` linking every report with its run time and the corpus it ran on.
A failing notebook does not stop the others; the run reports each failure with
its cell.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .paths import KERNEL_NAME, NOTEBOOKS, REPORTS, SEEDS, resolve

NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"


@dataclass
class NotebookResult:
    name: str
    title: str
    seconds: float
    html: Path | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ReportRun:
    corpus: Path
    manifest: Path | None
    out_dir: Path
    index: Path
    results: list[NotebookResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def failures(self) -> list[NotebookResult]:
        return [r for r in self.results if not r.ok]

    def summary(self) -> str:
        lines = [f"{r.name}: {'ok' if r.ok else 'FAILED'} ({r.seconds:.1f} s)" for r in self.results]
        lines.append(f"index: {self.index}")
        if self.failures:
            lines.append(f"{len(self.failures)} notebook(s) failed:")
            lines += [f"  {r.name}: {r.error}" for r in self.failures]
        return "\n".join(lines)


def notebooks(directory: Path = NOTEBOOKS) -> list[Path]:
    return sorted(Path(directory).glob(NOTEBOOK_GLOB))


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


def run_reports(
    corpus: str | Path | None = None,
    out_dir: str | Path | None = None,
    manifest: str | Path | None = None,
    notebooks_dir: str | Path | None = None,
    timeout: int = 600,
    show_code: bool = False,
    kernel_name: str = KERNEL_NAME,
) -> ReportRun:
    """Execute and render every numbered notebook; never stops at a failure."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    corpus_dir = resolve(corpus, SEEDS)
    manifest_path = resolve(manifest, None) if manifest else None
    out = resolve(out_dir, REPORTS)
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    ensure_kernel(kernel_name)
    run = ReportRun(corpus_dir, manifest_path, out, out / "index.html")
    parameters = {
        "corpus_dir": str(corpus_dir),
        "manifest": str(manifest_path) if manifest_path else None,
        "output_dir": str(out / "data"),
    }
    source_dir = resolve(notebooks_dir, NOTEBOOKS)
    for notebook in notebooks(source_dir):
        executed = out / "notebooks" / notebook.name
        started = time.monotonic()
        error = None
        try:
            pm.execute_notebook(
                str(notebook), str(executed), parameters=parameters, kernel_name=kernel_name,
                language="python", execution_timeout=timeout, progress_bar=False, cwd=str(source_dir),
            )
        except PapermillExecutionError as exc:
            error = f"cell {exc.cell_index} (execution count {exc.exec_count}): {exc.ename}: {exc.evalue}"
        except Exception as exc:  # kernel death, timeout, bad notebook: record and go on
            error = f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
        seconds = time.monotonic() - started
        page = _render(executed, out / f"{notebook.stem}.html", show_code) if executed.exists() else None
        run.results.append(NotebookResult(notebook.name, notebook_title(notebook), seconds, page, error))
    _write_index(run)
    return run


def _render(executed: Path, target: Path, show_code: bool) -> Path:
    from nbconvert import HTMLExporter

    # nbconvert's sanitize_html would also escape our own headings and table headers;
    # article text is escaped where it is displayed (analysis.display, pandas' to_html).
    exporter = HTMLExporter(exclude_input=not show_code, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_filename(str(executed))
    target.write_text(body, encoding="utf-8")
    return target


def _write_index(run: ReportRun) -> None:
    e = html.escape
    rows = []
    for r in run.results:
        link = f'<a href="{e(r.html.name)}">{e(r.title)}</a>' if r.html else e(r.title)
        status = "ok" if r.ok else f"<strong>failed</strong>: {e(r.error or '')}"
        rows.append(f"<tr><td>{link}</td><td>{e(r.name)}</td><td>{status}</td><td>{r.seconds:.1f} s</td></tr>")
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    manifest = e(str(run.manifest)) if run.manifest else "default (CORPUS/manifest.csv, or data/seeds_manifest.csv for the seeds)"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Press-coverage analysis: reports</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.3em .6em;text-align:left}}</style></head>
<body><h1>Press-coverage analysis: reports</h1>
<p>Corpus: <code>{e(str(run.corpus))}</code><br>Manifest: {manifest}<br>Generated: {generated}</p>
<table><thead><tr><th>Report</th><th>Notebook</th><th>Status</th><th>Run time</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<p>Executed notebooks are in <code>notebooks/</code>, tables and figures in <code>data/</code>.</p>
</body></html>
"""
    run.index.write_text(page, encoding="utf-8")
