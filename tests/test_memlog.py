"""Memory per extraction step: the log behind PRESS_ANALYSIS_MEMLOG, the kept spool and the
cross-article stage rerun from it, and the compact pieces of the event merge."""
from __future__ import annotations

import re
import time

import pandas as pd
import pytest

from analysis.corpus import open_corpus
from analysis.extract import extract
from analysis.extract.memlog import ENV, MemLog, rss_bytes
from analysis.extract.rerun import rerun
from analysis.schema import dataset_tables
from analysis.timeline.events import _first_copies, _shared

from .conftest import write_corpus

LINE = re.compile(r"memlog (?P<name>.+): rss (?P<rss>\d+) MiB, step high (?P<high>\d+) MiB, "
                  r"process peak (?P<peak>\d+) MiB, cpu (?P<cpu>[\d.]+) s")


def test_the_log_is_off_unless_asked(monkeypatch, capsys):
    monkeypatch.delenv(ENV, raising=False)
    log = MemLog.from_env()
    with log.step("quiet"):
        pass
    assert not log.on and log.lines == []
    assert "memlog" not in capsys.readouterr().err


def test_a_step_logs_the_memory_it_held_while_it_ran(monkeypatch, tmp_path):
    if rss_bytes() is None:
        pytest.skip("no /proc/self/statm: the resident memory of a step is not known here")
    target = tmp_path / "mem.log"
    monkeypatch.setenv(ENV, str(target))
    log = MemLog.from_env()
    with log.step("holds 64 MiB"):
        block = bytearray(64 * 1024 * 1024)  # zero-filled pages: touch them so they are resident
        for i in range(0, len(block), 4096):
            block[i] = 1
        time.sleep(0.3)  # the sampler looks every 50 ms
        del block
    log.close()
    found = LINE.match(target.read_text(encoding="utf-8").strip())
    assert found and found["name"] == "holds 64 MiB"
    assert int(found["high"]) - int(found["rss"]) >= 48  # the block was seen, and given back at the end


def test_the_cross_article_stage_reruns_from_a_kept_spool(monkeypatch, tmp_path):
    texts = {
        "a.txt": "Jakarta - Sekitar 1.500 tentara tiba di kota itu pada Senin (28/10/2024), kata pejabat Budi Santoso.\n"
                 "Budi Santoso mengatakan pasukan itu akan tinggal sepekan.\n",
        "b.txt": "Jakarta - Lebih dari 1.500 tentara tiba di kota itu pada Senin (28/10/2024), kata Budi Santoso.\n",
    }
    corpus = write_corpus(tmp_path / "c", texts, [{"file": f, "published": "2024-10-29"} for f in texts])
    monkeypatch.setenv("PRESS_ANALYSIS_KEEP_SPOOL", str(tmp_path / "spool"))
    monkeypatch.setenv(ENV, str(tmp_path / "mem.log"))
    extract(open_corpus(corpus), tmp_path / "d", workers=1, quiet=True)
    assert (tmp_path / "spool" / "event_candidates.parquet").is_file()
    assert not (tmp_path / "d" / ".spool").exists()
    steps = [LINE.match(line)["name"] for line in (tmp_path / "mem.log").read_text(encoding="utf-8").splitlines()]
    assert steps[0] == "per-article stage" and "events and timeline findings" in steps
    rerun(tmp_path / "spool", tmp_path / "again")
    for table in dataset_tables():
        assert (tmp_path / "d" / f"{table}.csv").read_bytes() == (tmp_path / "again" / f"{table}.csv").read_bytes(), table


def test_first_copies_point_to_the_first_row_with_the_same_clause_and_date():
    reports = pd.DataFrame({"summary": ["tiba", "pergi", "tiba", "tiba", "pergi"],
                            "date": ["2024-10-28", "2024-10-28", "2024-10-28", "2024-10-29", "2024-10-28"]})
    assert _first_copies(reports) == [0, 1, 0, 3, 1]
    assert _first_copies(reports.iloc[:0]) == []


def test_shared_features_of_two_reports():
    assert _shared(("E:a", "N:5", "S:x"), ("N:5", "S:y", "E:a")) == {"E:a", "N:5"}
    assert _shared((), ("N:5",)) == set()
