"""environment.yml (conda) and pyproject.toml (pip) describe the same environment."""
from __future__ import annotations

import re

import tomllib
import yaml

from analysis.paths import ROOT


def normalise(spec: str) -> tuple[str, str]:
    name, version = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", spec.strip()).groups()
    return name.lower().replace("_", "-"), version.replace(" ", "")


def test_conda_and_pip_package_lists_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pip_specs = project["dependencies"] + project["optional-dependencies"]["dev"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_specs = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda = dict(normalise(s) for s in conda_specs)
    assert conda.pop("python").startswith(">=") and "pip" in conda
    conda.pop("pip")
    assert conda == dict(normalise(s) for s in pip_specs)
    assert "-e ." in pip_section
    assert project["requires-python"] == ">=" + [s for s in conda_specs if s.startswith("python")][0].split(">=")[1]


def test_every_third_party_import_is_declared():
    """A package the code imports but pyproject.toml does not list breaks a fresh install."""
    import ast
    import sys
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {normalise(s)[0] for s in project["dependencies"]}
    providers = packages_distributions()
    missing = set()
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "analysis":
                    continue
                dists = {d.lower().replace("_", "-") for d in providers.get(top, [top])}
                if not dists & declared:
                    missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert not missing, sorted(missing)
