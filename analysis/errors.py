"""The one exception type for bad input; its message always names the file (and line/column)."""
from __future__ import annotations


class InputError(ValueError):
    """Bad input: the message names the file (and line/column where it applies). The command
    line prints it as one ``error:`` line and exits with status 2."""


CorpusError = InputError  # the name earlier versions used
