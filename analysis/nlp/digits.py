"""Digits of every script in one place: the value a run of digit characters writes, whatever
their form (ASCII ``2``, superscript ``²``, circled ``①``, full-width ``２``, Arabic-Indic
``٢``), and the invisible characters that may stand inside a figure (``11\u200b000``). ``str.isdigit()`` is true for all of them but ``int()`` refuses the superscripts and the
circled ones; the taggers read digits through :func:`digit_value` only. Writes nothing."""
from __future__ import annotations

import unicodedata


def digit_value(text: str) -> int:
    """The integer ``text`` writes, each character a digit of any script; ValueError otherwise
    (a sign, a separator, ``⑩``: a number that is no digit)."""
    values = [unicodedata.digit(c, None) for c in text]
    if not text or None in values:
        raise ValueError(f"not a run of digits: {text!r}")
    return int("".join(map(str, values)))


def is_digit_run(text: str) -> bool:
    return bool(text) and all(unicodedata.digit(c, None) is not None for c in text)


INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero-width, word joiner, BOM


def visible(text: str) -> str:
    """``text`` without the invisible characters a scraped page leaves inside words and figures
    (``11\u200b000``); the caller keeps offsets into the original."""
    return text.translate(INVISIBLE)
