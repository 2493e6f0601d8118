"""The one exception type for bad input; its message always names the file."""
from __future__ import annotations


class CorpusError(ValueError):
    """Bad input: the message names the file (and line/column where it applies)."""
