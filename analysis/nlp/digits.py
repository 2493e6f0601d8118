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


# soft hyphen, zero-width space/joiners, word joiner, BOM; the bidirectional marks, embeddings and
# isolates a page in a right-to-left script or a copy from a social network leaves (LRM, RLM, ALM,
# U+202A-202E, U+2066-2069); the invisible operators U+2061-2064
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"
                                  "\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063\u2064"
                                  "\u2066\u2067\u2068\u2069"))
# a no-break, narrow no-break, thin or figure space between digit groups is a thousands separator
# (``11\u202f000``, the SI way; ``11&nbsp;000`` from a page): read out like the invisible ones
GROUP_SPACES = "\u00a0\u202f\u2009\u2007"
GROUP_SPACE = rf"(?<=\d)(?<!\d{{4}})[{GROUP_SPACES}](?=\d{{3}}(?!\d))"


def visible(text: str) -> str:
    """``text`` without the invisible characters a scraped page leaves inside words and figures
    (``11\u200b000``); the caller keeps offsets into the original."""
    return text.translate(INVISIBLE)
