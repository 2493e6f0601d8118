"""Hostile and broken input: refused with one line naming the file, nothing read from outside
the corpus, no half-written or stale output (one test per case of the hardening issue)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.paths import ROOT
from analysis.schema import dataset_tables

from .conftest import run_cli, write_corpus

BODY = "Pasukan itu tiba di Rusia pada Rabu (30/10/2024).\n"
SECRET = "RAHASIA-DI-LUAR-KORPUS"


def cli(*args):
    """The CLI in this process (conftest.run_cli): the refusals below are decided before any
    process matters; the interrupted writes (_hooked_cli) still run in a real one."""
    return run_cli(*args)


def assert_refused(done, *fragments):
    """Exit 2, exactly one stderr line starting with 'error:' holding every fragment, no traceback."""
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert "Traceback" not in done.stderr
    for fragment in fragments:
        assert str(fragment) in lines[0], (fragment, lines[0])


def no_secret(out: Path):
    for path in out.rglob("*") if out.exists() else []:
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


@pytest.fixture
def outside(tmp_path):
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    return tmp_path / "secret.txt"


def test_1_manifest_paths_outside_the_corpus(tmp_path, outside):
    for value in ["../secret.txt", str(outside), "/etc/passwd"]:
        d = write_corpus(tmp_path / f"c{len(value)}", {"a.txt": BODY}, [{"file": "a.txt"}, {"file": value}])
        done = cli("extract", d, "--out", tmp_path / "out")
        assert_refused(done, "manifest.csv", "line 3", "outside the corpus")
        no_secret(tmp_path / "out")


def test_2_symlinks_out_of_the_corpus(tmp_path, outside):
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    (d / "link.txt").symlink_to(outside)
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "link.txt", "outside the corpus")
    d2 = write_corpus(tmp_path / "c2", {"a.txt": BODY})
    (d2 / "sub").symlink_to(outside.parent)
    assert_refused(cli("extract", d2, "--out", tmp_path / "out2"), "sub", "outside the corpus")
    no_secret(tmp_path / "out")
    no_secret(tmp_path / "out2")
    inside = write_corpus(tmp_path / "c3", {"a.txt": BODY})  # a symlink that stays inside is fine
    (inside / "alias.txt").symlink_to(inside / "a.txt")
    assert cli("extract", inside, "--out", tmp_path / "out3", "--workers", "1").returncode == 0


def test_3_one_file_under_two_spellings(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": BODY}, [{"file": "./a.txt"}, {"file": "a.txt"}])
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "manifest.csv", "line 3", "listed twice")


@pytest.mark.parametrize("manifest, fragments", [
    ('file,published\n"a.txt,2024-10-30\n', ["line 2", "unbalanced quote"]),
    ("file,published,file\na.txt,2024-10-30,a.txt\n", ["line 1", "'file' appears twice"]),
    ("file,published\na.txt,2024-10-30,extra\n", ["line 2", "3 cells but the header has 2"]),
    ("file,published\na.txt\n", ["line 2", "1 cells but the header has 2"]),
])
def test_4_manifest_is_parsed_strictly(tmp_path, manifest, fragments):
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    (d / "manifest.csv").write_text(manifest, encoding="utf-8")
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "manifest.csv", *fragments)


def test_5_control_characters(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": "Baris satu.\nPasukan\x00 tiba\x07 di Rusia.\n"})
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "a.txt", "line 2, column 8", "U+0000",
                   "--clean-control")
    done = cli("extract", d, "--out", tmp_path / "out", "--clean-control", "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "warning: " in done.stderr and "dropped 2 control character(s)" in done.stderr
    for table in dataset_tables():
        text = (tmp_path / "out" / f"{table}.csv").read_text(encoding="utf-8")
        assert "\x00" not in text and "\x07" not in text


def test_6_oversized_article_is_refused(tmp_path):
    d = write_corpus(tmp_path / "c", {"big.txt": "Pasukan tiba. " * 1_500_000})
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "big.txt", "characters", "refused")


def test_7_unusable_out(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert_refused(cli("extract", d, "--out", tmp_path / "file"), "file", "not a directory")
    assert_refused(cli("extract", d, "--out", "/proc/no-such/out"), "/proc/no-such/out", "cannot create")
    assert_refused(cli("extract", d, "--out", "/sys/new-dataset"), "/sys", "not writable")
    (tmp_path / "taken" / "mentions.csv").mkdir(parents=True)  # not a dataset the project wrote
    started = time.perf_counter()
    assert_refused(cli("extract", d, "--out", tmp_path / "taken"), "taken", "holds files the project did not write")
    assert time.perf_counter() - started < 20  # refused before any work
    assert not [p for p in (tmp_path / "taken").iterdir() if p.is_file()]  # nothing half-written


def test_10_report_checks_inputs_before_starting(tmp_path):
    started = time.perf_counter()
    assert_refused(cli("report", "--corpus", tmp_path / "nonexistent", "--out", tmp_path / "r"),
                   "nonexistent", "corpus directory not found")
    assert time.perf_counter() - started < 10
    assert not (tmp_path / "r").exists()


def test_11_subdirectories_are_read(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": BODY, "2024/10/b.txt": BODY, ".hidden/c.txt": BODY})
    assert cli("extract", d, "--out", tmp_path / "out", "--workers", "1").returncode == 0
    assert list(pd.read_csv(tmp_path / "out" / "articles.csv")["file"]) == ["2024/10/b.txt", "a.txt"]


def test_13_formula_cells_are_escaped_with_safe_csv(tmp_path):
    from analysis.dataset import Dataset

    d = write_corpus(tmp_path / "c", {"a.txt": "=HYPERLINK(\"http://x\")\n+62 812\n-50 tentara\n@admin tiba.\n"},
                     [{"file": "a.txt", "language": "id"}])
    assert cli("extract", d, "--out", tmp_path / "plain", "--workers", "1").returncode == 0
    assert cli("extract", d, "--out", tmp_path / "safe", "--workers", "1", "--safe-csv").returncode == 0
    plain = pd.read_csv(tmp_path / "plain" / "sentences.csv", dtype=str, keep_default_na=False)["text"]
    safe = pd.read_csv(tmp_path / "safe" / "sentences.csv", dtype=str, keep_default_na=False)["text"]
    assert plain.str[0].tolist() == ["=", "+", "-", "@"]
    assert safe.str[:2].tolist() == ["'=", "'+", "'-", "'@"]
    assert json.loads((tmp_path / "safe" / "dataset.json").read_text())["options"]["safe_csv"] is True
    assert Dataset(tmp_path / "safe").sentences["text"].tolist() == plain.tolist()  # read back as written


def test_errors_never_leave_temporary_files(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": "caf\xe9".encode("latin-1")})
    (tmp_path / "out").mkdir()
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "b.txt", "not valid UTF-8")
    assert os.listdir(tmp_path / "out") == []


@pytest.fixture(scope="module")
def dollar_reports(hostile_runs):
    """Two report runs of one corpus holding dollar signs and a formula cell (conftest's
    HOSTILE_ARTICLES a.txt and b.txt, outlet "$x$ Media"), shared with test_report."""
    return list(hostile_runs[:2])


def test_8_dollar_signs_are_text(dollar_reports):
    run = dollar_reports[0]
    assert run.ok, run.summary()
    page = (run.out_dir / "01-timeline.html").read_text(encoding="utf-8")
    assert "$2.000 per bulan" in page and "$x$" in page


def test_12_reports_load_nothing_from_the_network(dollar_reports):
    import re

    for page in dollar_reports[0].out_dir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", tag), (page.name, tag)
        assert "mathjax" not in html.lower() and "require.js" not in html.lower(), page.name


def test_13_report_tables_are_spreadsheet_safe(dollar_reports):
    data = dollar_reports[0].out_dir / "data"
    assert json.loads((data / "dataset.json").read_text())["options"]["safe_csv"] is True
    text = (data / "sentences.csv").read_text(encoding="utf-8")
    assert "'=SUM(A1)" in text and "\n=SUM" not in text and ",=SUM" not in text


def test_14_two_runs_give_the_same_tables_and_figures(dollar_reports):
    one, two = (r.out_dir for r in dollar_reports)
    compared = 0
    for path in sorted((one / "data").glob("*.csv")) + sorted((one / "outputs").glob("*")):
        assert path.read_bytes() == (two / path.relative_to(one)).read_bytes(), path.name
        compared += 1
    assert compared >= 25 and any(p.suffix == ".png" for p in (one / "outputs").iterdir())


def test_9_failed_and_interrupted_reruns_leave_no_stale_ok(tmp_path, monkeypatch):
    import nbformat

    from analysis import report

    nbs = tmp_path / "nbs"
    nbs.mkdir()
    for name, code in {"00-good.ipynb": "x = 1", "01-flaky.ipynb": "import os\nassert not os.environ.get('BREAK')"}.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"),
                    nbformat.v4.new_code_cell("dataset = None", metadata={"tags": ["parameters"]}),
                    nbformat.v4.new_code_cell(code)]
        nbformat.write(nb, nbs / name)
    out = tmp_path / "site"
    corpus = write_corpus(tmp_path / "c", {"a.txt": BODY})  # one article: only the reruns matter here
    first = report.run_reports(corpus, out_dir=out, notebooks_dir=nbs, timeout=60, workers=1)
    assert first.ok and "01-flaky.ipynb</td><td>ok" in first.index.read_text(encoding="utf-8")
    monkeypatch.setenv("BREAK", "1")
    second = report.run_reports(corpus, out_dir=out, notebooks_dir=nbs, timeout=60, workers=1)
    index = second.index.read_text(encoding="utf-8")
    assert not second.ok and "01-flaky.ipynb</td><td><strong>failed</strong>" in index
    stamp = index
    real = report.run_notebooks

    def interrupted(pages, *args, **kwargs):
        real(pages[:1], *args, **kwargs)  # the first notebook runs, then Ctrl-C: killed half way
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "run_notebooks", interrupted)
    with pytest.raises(KeyboardInterrupt):
        report.run_reports(corpus, out_dir=out, notebooks_dir=nbs, timeout=60, workers=1)
    assert (out / "index.html").read_text(encoding="utf-8") == stamp  # the last complete site, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "nbs", "site"]  # no staging left behind


def test_15_report_out_never_replaces_what_the_project_did_not_write(tmp_path):
    """Issue 19: ``report --out`` at the corpus, at a folder holding it, or at a folder of other
    files is refused before any work; every file stays."""
    project = tmp_path / "thesis"
    d = write_corpus(project / "corpus", {"a.txt": BODY})
    (project / "notes.docx").write_text("mine", encoding="utf-8")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    started = time.perf_counter()
    assert_refused(cli("report", "--corpus", d, "--out", d), "the corpus or holds it")
    assert_refused(cli("report", "--corpus", d, "--out", project), "the corpus or holds it")
    other = tmp_path / "other"
    other.mkdir()
    (other / "draft.tex").write_text("mine", encoding="utf-8")
    assert_refused(cli("report", "--corpus", d, "--out", other), "did not write")
    assert time.perf_counter() - started < 30
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == sorted(
        before + [Path("other"), Path("other/draft.tex")])


def test_15_a_site_the_project_made_may_be_replaced(tmp_path):
    from analysis.report import MARKER, _check_out

    site = tmp_path / "site"
    site.mkdir()
    (site / MARKER).write_text("x", encoding="utf-8")
    (site / "index.html").write_text("x", encoding="utf-8")
    _check_out(site, tmp_path / "corpus")  # no error: the project's own site
    legacy = tmp_path / "legacy"
    (legacy / "data").mkdir(parents=True)
    (legacy / "index.html").write_text("x", encoding="utf-8")
    (legacy / "data" / "dataset.json").write_text("{}", encoding="utf-8")
    _check_out(legacy, tmp_path / "corpus")  # a site from before the marker


def test_16_digits_of_every_script_never_stop_a_run(tmp_path):
    """Issue 19: superscript, circled and full-width digits where a number stands are read or
    left alone, never a traceback (``str.isdigit()`` is true for them, ``int()`` refuses some)."""
    from analysis.nlp.digits import digit_value

    assert (digit_value("²"), digit_value("³⁰"), digit_value("３０００"), digit_value("①")) == (2, 30, 3000, 1)
    with pytest.raises(ValueError):
        digit_value("⑩")
    text = ("Pasukan tiba \u00b2 hari yang lalu, kata Pentagon.\n"
            "Rabu (\u00b3\u2070/\u00b9\u2070/\u00b2\u2070\u00b2\u2074) ada \u2460 laporan dan \u2469 kabar, "
            "\uff13\uff10\uff10\uff10 tentara Korea Utara tiba.\n")
    d = write_corpus(tmp_path / "c", {"a.txt": text}, [{"file": "a.txt", "published": "2024-10-31"}])
    done = cli("extract", d, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    times = pd.read_csv(tmp_path / "out" / "time_expressions.csv", keep_default_na=False)
    assert "2024-10-30" in set(times["value"])  # "Rabu (³⁰/¹⁰/²⁰²⁴)"
    troops = pd.read_csv(tmp_path / "out" / "troop_estimates.csv")
    assert list(troops["value"]) == [3000]


def test_17_dates_columns_and_numerals_out_of_range(tmp_path):
    """Issue 19: publication dates 0001-01-01 / 9999-12-31 and a manifest column named like a
    computed one are refused with one line; a 400-digit numeral is no figure (never inf)."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY}, [{"file": "a.txt", "published": "9999-12-31"}])
    assert_refused(cli("extract", d, "--out", tmp_path / "o1"), "manifest.csv", "line 2", "9999-12-31", "outside")
    (d / "manifest.csv").write_text("file,published,n_chars\na.txt,2024-10-31,5\n", encoding="utf-8")
    assert_refused(cli("extract", d, "--out", tmp_path / "o2"), "manifest.csv", "'n_chars'", "computes")
    (d / "manifest.csv").write_text("file,published\na.txt,2024-10-31\n", encoding="utf-8")
    (d / "a.txt").write_text("Sebanyak " + "9" * 400 + " tentara Korea Utara dan 1.500 tentara tiba di Rusia.\n",
                             encoding="utf-8")
    done = cli("extract", d, "--out", tmp_path / "o3")
    assert done.returncode == 0, done.stderr
    troops = pd.read_csv(tmp_path / "o3" / "troop_estimates.csv")
    assert list(troops["value"]) == [1500]


def test_18_every_line_break_ends_a_line(tmp_path):
    """Issue 19: CR-only, NEL and U+2028 line endings split sentences as LF does, and offsets
    still point at the text (one character for one)."""
    from analysis.dataset import load

    text = ("Pasukan itu tiba.\rSekitar 11.000 tentara Korea Utara tiba di Rusia, kata Pentagon.\r"
            "Ia menambahkan.\u2028Lainnya menunggu.\x85Selesai.\r")
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_bytes(text.encode("utf-8"))
    (d / "manifest.csv").write_text("file,published\na.txt,2024-10-31\n", encoding="utf-8")
    done = cli("extract", d, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    ds = load(tmp_path / "out")
    sentences = pd.read_csv(tmp_path / "out" / "sentences.csv")
    assert len(sentences) == 5
    troop = ds.troop_estimates.iloc[0]
    assert text[int(troop["start"]):int(troop["end"])] == "11.000" == troop["text"]


def test_19_a_received_dataset_reads_nothing_outside_its_corpus(tmp_path):
    """Issue 19: a dataset whose tables name /etc/passwd or ../ climbs is refused, never read."""
    from analysis.dataset import load
    from analysis.errors import InputError

    d = write_corpus(tmp_path / "c", {"a.txt": BODY}, [{"file": "a.txt", "published": "2024-10-31"}])
    assert cli("extract", d, "--out", tmp_path / "out").returncode == 0
    ds = load(tmp_path / "out")
    ds.__dict__["_article_files"] = frozenset({"a.txt", "/etc/passwd", "../outside.txt"})  # as a tampered table would
    for name in ("/etc/passwd", "../outside.txt"):
        with pytest.raises(InputError, match="not inside the corpus") as caught:
            ds.text(name)
        assert "root:" not in str(caught.value)
    (tmp_path / "outside.txt").write_text(SECRET, encoding="utf-8")
    (d / "link.txt").symlink_to(tmp_path / "outside.txt")
    with pytest.raises(InputError):
        ds._inside_corpus("link.txt")
    assert ds.text("a.txt") == BODY


def test_20_a_manifest_linked_out_of_the_corpus_is_refused(tmp_path):
    """Issue 19: the corpus's manifest.csv that is a link to a file outside is refused, unread."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    (d / "manifest.csv").unlink(missing_ok=True)
    (tmp_path / "elsewhere.csv").write_text(f"file,published\n{SECRET},2024-10-31\n", encoding="utf-8")
    (d / "manifest.csv").symlink_to(tmp_path / "elsewhere.csv")
    done = cli("extract", d, "--out", tmp_path / "out")
    assert_refused(done, "manifest.csv", "a link out of the corpus")
    assert SECRET not in done.stderr


def test_21_an_invisible_character_never_hides_a_figure(tmp_path):
    """Issue 19: a zero-width space or word joiner inside a figure ("11\\u200b000 tentara")."""
    text = "Sekitar 11\u200b000 tentara Korea Utara tiba di Rusia, kata Pentagon. Lalu 2\u2060500 tentara tiba.\n"
    d = write_corpus(tmp_path / "c", {"a.txt": text}, [{"file": "a.txt", "published": "2024-10-31"}])
    assert cli("extract", d, "--out", tmp_path / "out").returncode == 0
    troops = pd.read_csv(tmp_path / "out" / "troop_estimates.csv")
    assert list(troops["value"]) == [11000, 2500]
    assert [text[s:e] for s, e in zip(troops["start"], troops["end"])] == list(troops["text"])


def test_22_a_bad_scheduler_address_is_refused_up_front(tmp_path):
    """Issue 19: --scheduler "not a url" failed after 43 s; now refused before any work."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    started = time.perf_counter()
    assert_refused(cli("extract", d, "--out", tmp_path / "out", "--scheduler", "not a url"), "not a url",
                   "not a scheduler address")
    assert time.perf_counter() - started < 15 and not (tmp_path / "out").exists()


def test_23_a_dataset_mixed_from_two_runs_is_refused(tmp_path):
    """Issue 19: tables that disagree with dataset.json (a run written over another, cut off)
    are refused with one line, never read as one dataset."""
    from analysis.dataset import load
    from analysis.errors import InputError

    d = write_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": BODY}, [{"file": "a.txt", "published": "2024-10-31"},
                                                                     {"file": "b.txt", "published": "2024-10-31"}])
    assert cli("extract", d, "--out", tmp_path / "out").returncode == 0
    articles = tmp_path / "out" / "articles.csv"
    lines = articles.read_text(encoding="utf-8").splitlines(keepends=True)
    articles.write_text("".join(lines[:-1]), encoding="utf-8")  # as an older, shorter run's table
    with pytest.raises(InputError, match="1 rows, but dataset.json says 2"):
        load(tmp_path / "out").articles


def _hooked_cli(tmp_path, hook_body: str, *args, preexec=None):
    """The CLI in a subprocess whose start-up runs ``hook_body`` (a sitecustomize), to fail on cue."""
    hook = tmp_path / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(hook_body, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook), str(ROOT)])}
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, preexec_fn=preexec, timeout=600)


ON_THIRD_TABLE = """import analysis.extract.writer as w
_write, _n = w.DatasetWriter.write, [0]
def write(self, *a, **k):
    _n[0] += 1
    if _n[0] == 3:
        {action}
    return _write(self, *a, **k)
w.DatasetWriter.write = write
"""


@pytest.fixture
def previous(tmp_path):
    """A dataset of two articles, and a corpus of three to write over it."""
    old = write_corpus(tmp_path / "old", {"a.txt": BODY, "b.txt": BODY})
    new = write_corpus(tmp_path / "new", {"a.txt": BODY, "b.txt": BODY, "c.txt": BODY})
    assert cli("extract", old, "--out", tmp_path / "out", "--workers", "1").returncode == 0
    return new, tmp_path / "out"


def _unchanged(out: Path) -> None:
    from analysis.dataset import Dataset

    assert len(Dataset(out).articles) == 2 and len(pd.read_csv(out / "articles.csv")) == 2
    assert not [p.name for p in out.parent.iterdir() if "press-staging-" in p.name or "press-old-" in p.name]
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("action, status, fragments", [
    ("import os, signal; os.kill(os.getpid(), signal.SIGTERM)", 130, ["interrupted", "unchanged"]),
    ("raise KeyboardInterrupt", 130, ["interrupted", "unchanged"]),
    ("import errno; raise OSError(errno.ENOSPC, 'No space left on device')", 2,
     ["out: cannot write the dataset (No space left on device)", "unchanged"]),
])
def test_24_an_interrupted_or_failed_write_leaves_the_previous_dataset(tmp_path, previous, action, status, fragments):
    """Issue 19: tables are staged and swapped in as a whole; SIGTERM, Ctrl-C and a full disk
    remove the staging and leave the previous dataset as it was."""
    new, out = previous
    done = _hooked_cli(tmp_path, ON_THIRD_TABLE.format(action=action), "extract", new, "--out", out, "--workers", "1")
    lines = done.stderr.strip().splitlines()
    assert done.returncode == status and len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert all(f in lines[0] for f in fragments), lines[0]
    _unchanged(out)


def test_24_a_file_size_limit_leaves_the_previous_dataset(tmp_path, previous):
    import resource

    new, out = previous
    limit = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (1_000, 1_000))  # noqa: E731
    done = _hooked_cli(tmp_path, "", "extract", new, "--out", out, "--workers", "1", preexec=limit)
    assert_refused(done, "cannot write the dataset (File too large)")
    _unchanged(out)


def test_24_a_killed_write_leaves_the_previous_dataset_and_is_swept(tmp_path, previous):
    """``kill -9`` cannot clean up: the previous dataset stays whole, and the next run removes
    the dead run's staging."""
    new, out = previous
    done = _hooked_cli(tmp_path, ON_THIRD_TABLE.format(action="import os, signal; os.kill(os.getpid(), signal.SIGKILL)"),
                       "extract", new, "--out", out, "--workers", "1")
    assert done.returncode == -9
    from analysis.dataset import Dataset

    assert len(Dataset(out).articles) == 2
    assert [p for p in out.parent.iterdir() if "press-staging-" in p.name]  # left by the killed run
    assert cli("extract", new, "--out", out, "--workers", "1").returncode == 0
    assert len(Dataset(out).articles) == 3
    assert not [p for p in out.parent.iterdir() if "press-staging-" in p.name]


def test_24_extract_out_never_replaces_what_the_project_did_not_write(tmp_path):
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("x", encoding="utf-8")
    assert_refused(cli("extract", d, "--out", tmp_path / "mine"), "holds files the project did not write")
    assert (tmp_path / "mine" / "thesis.tex").read_text(encoding="utf-8") == "x"
    assert_refused(cli("extract", d, "--out", d), "is the corpus or holds it")
    assert_refused(cli("extract", d, "--out", tmp_path), "is the corpus or holds it")
    assert sorted(p.name for p in d.iterdir()) == ["a.txt"]


INVISIBLE_BODY = ("Presiden Ukraina Volodymyr Zelensky mengatakan pada Rabu (30/10/2024) bahwa sekitar 11.000 "
                  "tentara Korea Utara telah tiba di Rusia.\n")


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff"])
def test_25_invisible_characters_never_hide_a_name_a_date_or_a_figure(tmp_path, char):
    """Issue 19: an invisible character inside a name, a date or a figure; the article reads as
    without it and every offset points into the text as it is."""
    from .conftest import extract_corpus

    hidden = (INVISIBLE_BODY.replace("Zelensky", f"Zelen{char}sky").replace("30/10", f"30{char}/10")
              .replace("11.000", f"11{char}.000"))
    d = write_corpus(tmp_path / "c", {"clean.txt": INVISIBLE_BODY, "hidden.txt": hidden},
                     [{"file": n, "published": "2024-10-31", "language": "id"} for n in ("clean.txt", "hidden.txt")])
    ds = extract_corpus(d, out=tmp_path / "out")
    texts = {"clean.txt": INVISIBLE_BODY, "hidden.txt": hidden}

    def values(table, columns):
        frame = ds.table(table)
        return {f: sorted(map(tuple, frame[frame["file"] == f][columns].astype(str).values.tolist())) for f in texts}

    times = values("time_expressions", ["value"])
    assert times["clean.txt"] == times["hidden.txt"] and ("2024-10-30",) in times["hidden.txt"]
    troops = values("troop_estimates", ["value"])
    assert troops["hidden.txt"] == troops["clean.txt"] == [("11000.0",)]
    people = values("mentions", ["canonical"])
    assert people["hidden.txt"] == people["clean.txt"] and ("Volodymyr Zelenskyy",) in people["hidden.txt"]
    for table in ("sentences", "time_expressions", "mentions", "troop_estimates"):
        for row in ds.table(table).itertuples():
            assert texts[row.file][row.start:row.end] == row.text, (table, row.text)
    for row in ds.table("event_reports").itertuples():
        assert texts[row.file][row.timex_start:row.timex_end] == row.timex
    assert ds.articles.set_index("file").loc["hidden.txt", "n_chars"] == len(hidden)


def test_26_file_names_links_and_paths_the_tables_cannot_hold_are_refused_up_front(tmp_path):
    """Issue 19: a file name that is not UTF-8 (pyarrow failed after the whole per-article stage),
    a symlink loop, a path beyond PATH_MAX: each refused with one line before any work."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    bad = os.path.join(os.fsencode(d), b"caf\xe9.txt")
    with open(bad, "wb") as handle:
        handle.write(BODY.encode())
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "caf\\xe9.txt", "not valid UTF-8")
    os.remove(bad)
    (d / "loop.txt").symlink_to("loop.txt")
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "loop.txt", "symlink loop")
    (d / "loop.txt").unlink()
    here = os.getcwd()
    try:
        os.chdir(d)
        for _ in range(22):  # 22 x 201 bytes: beyond PATH_MAX (4096) from the corpus root
            os.makedirs("d" * 200, exist_ok=True)
            os.chdir("d" * 200)
        Path("deep.txt").write_text(BODY, encoding="utf-8")
    finally:
        os.chdir(here)
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "more than the system's limit")
    assert not (tmp_path / "out").exists()


def test_27_extract_out_keeps_what_a_dataset_folder_holds_besides_the_dataset(tmp_path, previous):
    """Review: a dataset folder where the user keeps notes, a .git or a file in parquet/ is not
    the project's to replace: refused, nothing deleted."""
    new, out = previous
    for extra in (out / ".git" / "HEAD", out / ".my-notes.md", out / "parquet" / "thesis.tex"):
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_text("mine", encoding="utf-8")
        assert_refused(cli("extract", new, "--out", out, "--workers", "1"), "holds files the project did not write")
        assert extra.read_text(encoding="utf-8") == "mine"
        extra.unlink()


def test_27_a_symlinked_out_replaces_the_folder_it_points_to(tmp_path, previous):
    from analysis.dataset import Dataset

    new, out = previous
    link = tmp_path / "link"
    link.symlink_to(out)
    assert cli("extract", new, "--out", link, "--workers", "1").returncode == 0
    assert link.is_symlink() and len(Dataset(link).articles) == 3
    assert not [p.name for p in tmp_path.iterdir() if "press-" in p.name]


def test_27_sweep_touches_only_its_own_leftovers(tmp_path):
    from analysis.outdir import sweep

    out = tmp_path / "out"
    out.mkdir()
    mine = [tmp_path / ".out.old-2024", tmp_path / ".out.staging-7"]  # a user's backups, not ours
    for path in mine:
        path.mkdir()
    dead = tmp_path / ".out.press-staging-999999999-abc"
    dead.mkdir()
    assert sweep(out) == [dead] and all(p.is_dir() for p in mine)
    out.rmdir()
    moved = tmp_path / ".out.press-old-999999999"  # killed between the renames of the fallback swap
    moved.mkdir()
    (moved / "dataset.json").write_text("{}", encoding="utf-8")
    sweep(out)
    assert (out / "dataset.json").is_file() and not moved.exists()
