"""Every project path, derived from the project root (no ``sys.path`` tricks). Reads nothing."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
LEXICONS = DATA / "lexicons"
GAZETTEER = DATA / "gazetteer.csv"
GOLD = DATA / "gold"
SEEDS = ROOT / "seeds"
SEEDS_MANIFEST = DATA / "seeds_manifest.csv"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
FIXTURES = ROOT / "tests" / "fixtures"
CACHE = ROOT / ".cache" / "datasets"  # corpora extracted from a notebook, by fingerprint
OUTPUTS = ROOT / "outputs"  # a notebook run's figures and tables, one folder per dataset (never the site's)
KERNEL_NAME = "press-analysis"


def resolve(path: str | Path | None, default: Path | None) -> Path | None:
    """Return ``path`` as an absolute path (relative paths are taken from the
    current directory, as a shell user expects), or ``default`` when it is empty; a symlink
    loop is a one-line InputError."""
    if path is None or str(path) == "":
        return default
    try:
        return Path(path).expanduser().resolve()
    except (RuntimeError, OSError) as exc:  # a symlink loop (RuntimeError before Python 3.13)
        from .errors import InputError

        raise InputError(f"{path}: the path cannot be resolved ({getattr(exc, 'strerror', None) or 'a symlink loop'})") \
            from None


def notebook_outputs(output_dir: str | Path | None, dataset: str | Path | None) -> Path:
    """Where a notebook writes its figures and tables: ``output_dir`` when given (``report``
    gives the site's ``outputs/``), else ``outputs/<dataset name>-<hash of its path>/``, a
    folder of its own per dataset, so a notebook run in JupyterLab on another corpus never
    overwrites the site's files or another dataset's."""
    if output_dir not in (None, ""):
        return Path(output_dir)
    source = Path(dataset).resolve() if dataset not in (None, "") else SEEDS
    name = re.sub(r"[^a-z0-9_.-]+", "-", source.name.lower()).strip("-.") or "dataset"
    return OUTPUTS / f"{name[:40]}-{hashlib.sha1(str(source).encode('utf-8')).hexdigest()[:6]}"
