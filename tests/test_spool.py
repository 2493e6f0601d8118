"""analysis/extract/spool.py: rows between the stages keep their columns; a key that is no
column of its table is an error, not a silently empty column."""
from __future__ import annotations

import pytest

from analysis.extract.spool import Spool


def test_rows_round_trip(tmp_path):
    spool = Spool(tmp_path)
    spool.add("sentences", [{"file": "a.txt", "sentence_id": 0, "start": 0, "end": 12, "text": "Dua tentara."}])
    spool.close()
    frame = spool.read("sentences", ["file", "end", "text"])
    assert frame.to_dict("records") == [{"file": "a.txt", "end": 12, "text": "Dua tentara."}]


def test_a_misspelt_key_names_its_table_and_key(tmp_path):
    spool = Spool(tmp_path)
    with pytest.raises(KeyError, match=r"'sentences'.*'sentnce_id'"):
        spool.add("sentences", [{"file": "a.txt", "sentnce_id": 0}])
    assert "sentences" not in spool.counts  # nothing of the bad batch was kept


def test_a_run_extra_column_is_accepted(tmp_path):
    spool = Spool(tmp_path, {"articles": ["desk"]})
    spool.add("articles", [{"file": "a.txt", "desk": "world"}])
    with pytest.raises(KeyError, match=r"'articles'.*'section'"):
        spool.add("articles", [{"file": "b.txt", "section": "world"}])


def test_an_unknown_table_is_an_error(tmp_path):
    with pytest.raises(KeyError, match="'sentense'"):
        Spool(tmp_path).add("sentense", [{"file": "a.txt"}])
