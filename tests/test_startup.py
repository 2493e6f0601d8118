"""Start-up shortcuts give the same answers as the slow paths they replace."""
from __future__ import annotations

from pathlib import Path

import locate

from analysis.nlp import wordlang


def _via_locate() -> Path:
    return locate.this_dir()


def _via_frame() -> Path:
    return wordlang._caller_dir()


def test_caller_dir_is_locates_answer():
    assert _via_frame() == _via_locate() == Path(__file__).resolve().parent


def test_wordfreq_reads_its_own_data_folder():
    assert wordlang.zipf("rumah", "id") > wordlang.zipf("rumah", "en")  # Indonesian "house"
    import wordfreq

    assert (wordfreq.DATA_PATH / "..").resolve() == Path(wordfreq.__file__).resolve().parent
    assert locate.this_dir is not wordlang._caller_dir  # put back after the import
