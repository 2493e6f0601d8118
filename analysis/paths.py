"""Every project path, derived from the project root (no ``sys.path`` tricks)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
LEXICONS = DATA / "lexicons"
GOLD = DATA / "gold"
SEEDS = ROOT / "seeds"
SEEDS_MANIFEST = DATA / "seeds_manifest.csv"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
KERNEL_NAME = "press-analysis"


def resolve(path: str | Path | None, default: Path) -> Path:
    """Return ``path`` as an absolute path (relative paths are taken from the
    current directory, as a shell user expects), or ``default`` when it is empty."""
    if path is None or str(path) == "":
        return default
    return Path(path).expanduser().resolve()
