"""Every project path, derived from the project root (no ``sys.path`` tricks). Reads nothing."""
from __future__ import annotations

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
KERNEL_NAME = "press-analysis"


def resolve(path: str | Path | None, default: Path | None) -> Path | None:
    """Return ``path`` as an absolute path (relative paths are taken from the
    current directory, as a shell user expects), or ``default`` when it is empty."""
    if path is None or str(path) == "":
        return default
    return Path(path).expanduser().resolve()
