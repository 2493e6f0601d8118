"""Knowledge lives in ``data/lexicons/``, not in ``analysis/``: the words of chosen lexicons
never stand in the package's code.

Two checks, over every ``analysis/**/*.py``:

* story and place words (the ``theatre`` cues of ``scopes.csv``: place names; the values of
  ``story.csv``) appear nowhere in a module's text, docstrings and comments included;
* small function words the code used to spell out (``role_joiners.csv``, the numeral fillers
  and links of ``quantity_words.csv``, the ``clock_cue`` words of ``temporal_words.csv``)
  are never a string literal of their own (``"of"``, ``{"untuk", "for"}``), and a longer one
  (``pukul``) is never a word inside a literal (a regex like ``(?:pukul\\s+)?``). Docstrings
  may quote them as examples.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from analysis import resources
from analysis.paths import ROOT

PACKAGE = ROOT / "analysis"
LONG_WORD = 5  # a function word this long is distinctive enough to look for inside a literal


def story_words() -> set[str]:
    """Place names (``theatre`` scopes) and the story settings' values, lower-cased."""
    words = {row["value"].lower() for row in resources.shared("story")}
    for lang in resources.supported_languages():
        words |= {row["cue"].lower() for row in resources.lexicon(lang).table("scopes") if row["scope"] == "theatre"}
    return words


def function_words() -> set[str]:
    """Role joiners, numeral fillers and links, clock cues of every language, lower-cased."""
    words = set(resources.words_in_any_language("role_joiners"))
    for lang in resources.supported_languages():
        lex = resources.lexicon(lang)
        words |= {r["form"].lower() for r in lex.table("quantity_words") if r["kind"] in {"numeral_filler", "vague_link"}}
        words |= {r["form"].lower() for r in lex.table("temporal_words") if r["category"] == "clock_cue"}
    return words


def docstrings(tree: ast.Module) -> set[int]:
    """ids of the string constants that are docstrings (module, class, function)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                out.add(id(body[0].value))
    return out


def literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal that is not a docstring."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip]


def whole_word(word: str) -> re.Pattern:
    return re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", re.IGNORECASE)


def story_offences(path: Path, source: str, words: set[str]) -> list[str]:
    return [f"{path.relative_to(ROOT)}:{source.count(chr(10), 0, m.start()) + 1}: {m.group()!r}"
            for word in sorted(words) for m in whole_word(word).finditer(source)]


def literal_offences(path: Path, source: str, words: set[str]) -> list[str]:
    found = []
    for line, text in literals(source):
        for word in sorted(words):  # prose the report writes (" of ", "the ") is no word list
            if text.lower() == word or (len(word) >= LONG_WORD and whole_word(word).search(text)):
                found.append(f"{path.relative_to(ROOT)}:{line}: {word!r} in {text[:60]!r}")
    return found


def sources() -> list[tuple[Path, str]]:
    return [(p, p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))]


def test_the_chosen_lexicons_are_not_empty():
    """The checks below check something: each set has words (from hand reading the CSVs)."""
    assert "kursk" in story_words()
    assert {"of", "untuk", "pukul", "and"} <= function_words()


def test_no_story_or_place_word_in_the_package():
    words = story_words()
    offences = [o for path, source in sources() for o in story_offences(path, source, words)]
    assert not offences, "story words belong in data/lexicons, not in analysis/:\n" + "\n".join(offences)


def test_no_function_word_of_a_lexicon_as_a_literal():
    words = function_words()
    offences = [o for path, source in sources() for o in literal_offences(path, source, words)]
    assert not offences, "lexicon words belong in data/lexicons, not in analysis/:\n" + "\n".join(offences)


@pytest.mark.parametrize("code, word, expected", [
    ('SCOPE = "Kursk"\n', "kursk", True),
    ('# the Kursk region\nx = 1\n', "kursk", True),
    ('x = "Kurskaya"\n', "kursk", False),
])
def test_story_check_finds_a_place_name(code, word, expected):
    assert bool(story_offences(ROOT / "x.py", code, {word})) is expected


@pytest.mark.parametrize("code, expected", [
    ('JOINERS = {"untuk", "of"}\n', True),
    ('CLOCK = r"(?:pukul\\s+)?\\d"\n', True),
    ('def f():\n    """\'pukul 07.00\' is a clock time."""\n', False),
    ('MESSAGE = "a list of words"\n', False),
])
def test_literal_check_finds_a_spelt_out_word(code, expected):
    assert bool(literal_offences(ROOT / "x.py", code, {"of", "untuk", "pukul"})) is expected
