"""Every kind of bad input gives one clear error naming the file (and line)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.corpus import open_corpus
from analysis.errors import InputError
from analysis.paths import ROOT

from .conftest import write_corpus

BODY = "Pasukan itu tiba di Rusia.\n"


def bad_corpora(tmp: Path):
    """(name, corpus dir, manifest or None, expected fragments of the message)."""
    cases = []
    cases.append(("missing directory", tmp / "nope", None, ["nope", "corpus directory not found"]))
    empty_dir = tmp / "empty"
    empty_dir.mkdir()
    (empty_dir / "notes.md").write_text("x", encoding="utf-8")
    cases.append(("no txt files", empty_dir, None, ["empty", "no .txt articles"]))
    d = write_corpus(tmp / "latin1", {"ok.txt": BODY, "bad.txt": "Baris satu.\nKata caf\xe9 di sini.\n".encode("latin-1")})
    cases.append(("not utf-8", d, None, ["bad.txt", "not valid UTF-8", "line 2, column 9", "0xe9"]))
    d = write_corpus(tmp / "emptyfile", {"ok.txt": BODY, "blank.txt": "  \n\n"})
    cases.append(("empty file", d, None, ["blank.txt", "empty article"]))
    d = write_corpus(tmp / "missingrow", {"a.txt": BODY},
                     [{"file": "a.txt", "published": ""}, {"file": "gone.txt", "published": ""}])
    cases.append(("manifest row pointing at nothing", d, None, ["manifest.csv", "line 3", "gone.txt", "not found"]))
    d = write_corpus(tmp / "baddate", {"a.txt": BODY, "b.txt": BODY},
                     [{"file": "a.txt", "published": "2024-10-30"}, {"file": "b.txt", "published": "31/10/2024"}])
    cases.append(("malformed date", d, None, ["manifest.csv", "line 3", "published", "'31/10/2024'", "YYYY-MM-DD"]))
    d = write_corpus(tmp / "impossible", {"a.txt": BODY}, [{"file": "a.txt", "published": "2024-02-30"}])
    cases.append(("impossible date", d, None, ["manifest.csv", "line 2", "'2024-02-30'"]))
    d = write_corpus(tmp / "nofile", {"a.txt": BODY}, [{"name": "a.txt", "published": "2024-10-30"}])
    cases.append(("manifest without file column", d, None, ["manifest.csv", "line 1", "no 'file' column", "name, published"]))
    d = write_corpus(tmp / "dup", {"a.txt": BODY}, [{"file": "a.txt"}, {"file": "a.txt"}])
    cases.append(("file listed twice", d, None, ["manifest.csv", "line 3", "listed twice"]))
    d = write_corpus(tmp / "lang", {"a.txt": BODY}, [{"file": "a.txt", "language": "Indonesian"}])
    cases.append(("bad language", d, None, ["manifest.csv", "line 2", "language", "ISO 639-1"]))
    d = write_corpus(tmp / "explicit", {"a.txt": BODY})
    cases.append(("missing --manifest", d, tmp / "absent.csv", ["absent.csv", "manifest file not found"]))
    return cases


def test_each_bad_input_raises_a_clear_error(tmp_path):
    for name, corpus, manifest, fragments in bad_corpora(tmp_path):
        with pytest.raises(InputError) as info:
            open_corpus(corpus, manifest=manifest)
        message = str(info.value)
        for fragment in fragments:
            assert fragment in message, f"{name}: {fragment!r} not in {message!r}"


def test_cli_prints_one_line_and_exits_non_zero(tmp_path, capsys):
    """In process, as Datasette's CliRunner does (one subprocess below shows the same holds for
    a real process: exit status 2, one line, no traceback)."""
    from analysis.cli import main

    for name, corpus, manifest, fragments in bad_corpora(tmp_path):
        argv = ["extract", str(corpus), "--out", str(tmp_path / "out")] + (["--manifest", str(manifest)] if manifest else [])
        assert main(argv) == 2, name
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (name, lines)
        assert all(fragment in lines[0] for fragment in fragments), (name, lines[0])
    (tmp_path / "again").mkdir()
    name, corpus, _, fragments = bad_corpora(tmp_path / "again")[2]
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", str(corpus), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and fragments[1] in lines[0] and "Traceback" not in done.stderr
