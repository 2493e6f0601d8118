"""The package's shape: every module imports on its own, no import circle, modules stay
small and say what they read and write."""
from __future__ import annotations

import ast
import subprocess
import sys

from analysis.paths import ROOT

PACKAGE = ROOT / "analysis"
MAX_LINES = 400


def modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"))
    return out


def imports(name: str, tree: ast.Module, known: set[str]) -> set[str]:
    """The package modules ``name`` imports at module level (relative imports resolved)."""
    is_package = (PACKAGE / "/".join(name.split(".")[1:]) / "__init__.py").exists() or name == "analysis"
    base = name.split(".") if is_package else name.split(".")[:-1]
    found = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            anchor = base[: len(base) - node.level + 1] if node.level else []
            target = ".".join(anchor + (node.module.split(".") if node.module else []))
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m in known and m != name}


def test_no_import_circle():
    trees = modules()
    graph = {name: imports(name, tree, set(trees)) for name, tree in trees.items()}
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(path + [node, nxt]))
            if not state.get(nxt):
                visit(nxt, path + [node])
        state[node] = 2

    for name in sorted(graph):
        if not state.get(name):
            visit(name, [])


def test_each_module_imports_on_its_own():
    names = sorted(m for m in modules() if m != "analysis.__main__")  # __main__ runs the CLI
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'analysis' or m.startswith('analysis.')]:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_modules_are_small_and_documented():
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= MAX_LINES, f"{path.relative_to(ROOT)} has over {MAX_LINES} lines"
        if path.name != "__main__.py":
            assert ast.get_docstring(ast.parse(text)), f"{path.relative_to(ROOT)} has no module docstring"


def test_an_article_record_is_finished_by_the_stage_that_builds_it():
    """Only ``analysis.extract`` (which builds the articles row) writes into ``ctx.record``:
    other rooms return the fields (``timeline.dating.date_article`` returns them)."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "extract":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
            for target in targets:
                if isinstance(target, ast.Subscript) and "record" in ast.unparse(target.value):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in {"update", "setdefault", "pop"} and "record" in ast.unparse(node.func.value):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"rows written outside the stage that builds them: {offenders}"


def test_a_language_is_a_folder():
    """Language resources live in data/lexicons/<lang>/, each with its settings file."""
    from analysis.resources import supported_languages

    assert "id" in supported_languages()
    for lang in supported_languages():
        folder = ROOT / "data" / "lexicons" / lang
        for name in ("language", "temporal_patterns", "months", "weekdays", "number_words", "qualifiers", "scopes"):
            assert (folder / f"{name}.csv").is_file(), f"{lang}: {name}.csv missing"


def test_the_readme_lists_every_table_with_its_columns():
    """The README's table of tables says what `analysis/schema.py` declares (docs tested against the code)."""
    import re

    from analysis.schema import TABLES, dataset_tables

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)\.csv` \| [^|]+ \| `([^`]+)`", readme, flags=re.M))
    assert set(rows) == set(dataset_tables())
    for name, columns in rows.items():
        assert [c.strip() for c in columns.split(",")] == TABLES[name].names, name
