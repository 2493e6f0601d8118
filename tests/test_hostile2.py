"""Hostile and unlucky input, third round (issue 19's "further hostile cases that are not listed
here"): each test is a case the second round did not list, found by probing every command on a
tiny corpus. Refusals are one `error:` line naming the file (exit 2, no traceback); nothing is
skipped in silence; offsets point into the original text."""
from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pandas as pd
import pytest

from analysis.nlp import get_nlp

from .conftest import extract_corpus, run_cli, write_corpus
from .test_hostile import BODY, assert_refused


def cli(*args):
    return run_cli(*args)


def test_manifest_error_lines_count_the_breaks_inside_quoted_cells(tmp_path):
    """A quoted cell spanning lines (a title with a line break) in the last column, or in the
    header, shifted every later line number the error gave (said line 4 for line 6)."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": BODY})
    cases = {'file,title\na.txt,"x\ny\nz"\nb.txt,ok\nc.txt,ok\n': "line 6",
             '"ti\ntle",file\nx,a.txt\nok,b.txt\nok,c.txt\n': "line 5",
             'file,title\r\na.txt,"x\r\ny"\r\n\r\nb.txt,ok\r\nc.txt,ok\r\n': "line 6"}
    for manifest, line in cases.items():
        (d / "manifest.csv").write_text(manifest, encoding="utf-8", newline="")
        assert_refused(cli("extract", d, "--out", tmp_path / "out"), "manifest.csv", f"{line}:", "'c.txt' not found")


def test_a_txt_that_is_no_regular_file_is_refused_not_skipped(tmp_path):
    """A FIFO named like an article, a socket, a link to nothing: skipped in silence before (an
    article gone missing without a word); now refused with one line naming it."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    os.mkfifo(d / "f.txt")
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "f.txt", "not a regular file", "FIFO")
    (d / "f.txt").unlink()
    (d / "gone.txt").symlink_to(d / "moved-away.txt")
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "gone.txt", "a link to nothing")
    (d / "gone.txt").unlink()
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(d / "s.txt"))
        assert_refused(cli("extract", d, "--out", tmp_path / "out"), "s.txt", "not a regular file")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("make", ["fifo", "dangling", "directory", "loop"])
def test_a_manifest_that_cannot_be_read_is_never_passed_over(tmp_path, make):
    """``manifest.csv`` that is a FIFO, a link to nothing or a directory was ignored in silence:
    the run went on without the user's dates and outlets. A symlink loop likewise."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    manifest = d / "manifest.csv"
    {"fifo": lambda: os.mkfifo(manifest), "dangling": lambda: manifest.symlink_to(d / "old.csv"),
     "directory": manifest.mkdir, "loop": lambda: manifest.symlink_to(manifest)}[make]()
    done = cli("extract", d, "--out", tmp_path / "out")
    assert_refused(done, "manifest.csv")
    assert "not a regular file" in done.stderr or "symlink loop" in done.stderr
    assert_refused(cli("extract", d, "--out", tmp_path / "out", "--manifest", "/dev/null"), "/dev/null",
                   "not a regular file")


HEAD = "Pasukan itu tiba di Rusia pada Rabu (30/10/2024). "
FIGURE = "Sebanyak {} tentara Korea Utara dikirim ke Rusia.\n"


def test_bidi_marks_and_digit_group_spaces_never_hide_or_forge_a_figure(tmp_path):
    """A left-to-right or right-to-left mark before or inside a figure hid it; a no-break, narrow
    no-break or thin space between digit groups (``11 000``, the SI way) gave a troop figure of 0
    (``000``) and a quantity of 11. Now read as 11000, the row's text cut from the original."""
    forms = {"lrm.txt": "\u200e11.000", "rlm.txt": "11\u200f000", "nbsp.txt": "11\u00a0000",
             "nnbsp.txt": "11\u202f000", "thin.txt": "11\u2009000", "isolate.txt": "\u206611.000\u2069"}
    texts = {name: HEAD + FIGURE.format(form) for name, form in forms.items()}
    ds = extract_corpus(write_corpus(tmp_path / "c", texts), out=tmp_path / "out")
    troops = ds.troop_estimates
    assert sorted(troops["file"]) == sorted(forms)
    assert set(troops["value"]) == {11000}
    for row in troops.itertuples():
        assert texts[row.file][row.start:row.end] == row.text
        assert row.text.strip("\u200e\u2066\u2069") in forms[row.file]
    assert 0 not in set(ds.other_quantities["value"])


def test_a_number_split_by_a_plain_space_or_a_tab_is_no_figure(tmp_path):
    """``11 000`` with a plain space, ``11<TAB>000``, Devanagari digits grouped with a comma: read
    as two numbers they made a troop figure of 0 (``000``); no zero-led digit run is a count."""
    forms = {"space.txt": "11 000", "tab.txt": "11\t000", "deva.txt": "११,०००", "zeros.txt": "000"}
    texts = {name: HEAD + FIGURE.format(form) for name, form in forms.items()}
    texts["plain.txt"] = HEAD + FIGURE.format("11.000")
    ds = extract_corpus(write_corpus(tmp_path / "c", texts), out=tmp_path / "out")
    troops = ds.troop_estimates
    assert list(troops["file"]) == ["plain.txt"] and list(troops["value"]) == [11000]
    space = ds.other_quantities[ds.other_quantities["file"] == "space.txt"]
    assert space.empty  # neither "11" nor "000" is stated alone


@pytest.mark.parametrize("kind", ["loop", "long"])
def test_an_out_that_is_a_symlink_loop_or_too_long_a_name_is_refused(tmp_path, kind):
    """Both were tracebacks (RuntimeError from pathlib, OSError ENAMETOOLONG)."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    out = tmp_path / ("loop" if kind == "loop" else "x" * 300)
    if kind == "loop":
        out.symlink_to(out)
    assert_refused(cli("extract", d, "--out", out), "--out cannot be used",
                   "symlink loop" if kind == "loop" else "too long")


def test_a_json_export_nested_past_the_stack_is_refused(tmp_path):
    """``[[[[...]]]]`` 100,000 deep: RecursionError traceback from the JSON reader."""
    source = tmp_path / "deep.json"
    source.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert_refused(cli("import", source, "--out", tmp_path / "out"), "deep.json", "nested too deeply")
    lines = tmp_path / "deep.jsonl"
    lines.write_text(json.dumps({"title": "A", "text": BODY}) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n",
                     encoding="utf-8")
    done = cli("import", lines, "--out", tmp_path / "out2", "--format", "jsonl")
    assert done.returncode == 0 and "nested too deeply" in done.stderr, done.stderr


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    base = tmp_path_factory.mktemp("received")
    d = write_corpus(base / "c", {"a.txt": HEAD + FIGURE.format("11.000")},
                     [{"file": "a.txt", "published": "2024-10-31"}])
    assert len(extract_corpus(d, out=base / "ds").troop_estimates) == 1
    return base / "ds"


def _damaged(dataset: Path, tmp_path: Path, damage) -> Path:
    copy = tmp_path / "ds"
    shutil.copytree(dataset, copy)
    damage(copy)
    return copy


def _rewrite_meta(change):
    def damage(d: Path):
        meta = json.loads((d / "dataset.json").read_text(encoding="utf-8"))
        change(meta)
        (d / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    return damage


def _bad_offset(d: Path):
    frame = pd.read_csv(d / "troop_estimates.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "start"] = "abc"
    frame.to_csv(d / "troop_estimates.csv", index=False)


DAMAGES = {
    "a JSON list": (lambda d: (d / "dataset.json").write_text("[1, 2]"), "not a dataset description"),
    "nested past the stack": (lambda d: (d / "dataset.json").write_text("[" * 100_000 + "]" * 100_000),
                              "not a dataset description"),
    "not UTF-8": (lambda d: (d / "dataset.json").write_bytes(b'{"tables": "\xe9"}'), "not a dataset description"),
    "a table named like a path": (_rewrite_meta(lambda m: m["tables"].update({"../../etc/passwd": {}})),
                                  "not a dataset description"),
    "a link out": (lambda d: ((d / "dataset.json").unlink(), (d / "dataset.json").symlink_to("/etc/passwd")),
                   "a link out of the dataset folder"),
    "a table missing": (lambda d: (d / "troop_estimates.csv").unlink(), "No such file"),
    "a table linked out": (lambda d: ((d / "troop_estimates.csv").unlink(),
                                      (d / "troop_estimates.csv").symlink_to("/etc/passwd")),
                           "a link out of the dataset folder"),
    "a table that is a FIFO": (lambda d: ((d / "troop_estimates.csv").unlink(),
                                          os.mkfifo(d / "troop_estimates.csv")), "not a regular file"),
    "an unbalanced quote": (lambda d: (d / "troop_estimates.csv").open("a").write('x,"y\n'), "cannot be read"),
    "a word in an offset column": (_bad_offset, "does not have its column's type"),
}


@pytest.mark.parametrize("case", list(DAMAGES))
def test_a_received_dataset_that_is_damaged_is_refused_with_one_line(dataset, tmp_path, case):
    """``analysis.dataset.load`` on a dataset someone sent or edited: AttributeError, RecursionError,
    UnicodeDecodeError, FileNotFoundError, ParserError or ValueError before; /etc/passwd was
    opened through a link. Now an InputError naming the file; nothing outside is read."""
    from analysis.dataset import load
    from analysis.errors import InputError

    damage, fragment = DAMAGES[case]
    copy = _damaged(dataset, tmp_path, damage)
    with pytest.raises(InputError, match=fragment) as caught:
        ds = load(copy)
        ds.articles, ds.troop_estimates
    assert "root:" not in str(caught.value) and len(str(caught.value).splitlines()) == 1


def test_check_reads_nothing_through_links_and_never_stops_on_a_page(dataset, tmp_path):
    """``analysis check`` on a received site: a page that links out of the site was read (its
    text parsed), a page or style sheet not in UTF-8 ended in a traceback, a FIFO named like a
    page blocked for ever, a page's data file outside the site was opened. Now each is a problem
    line; nothing outside is read or quoted."""
    from .test_hostile import SECRET

    site = tmp_path / "site"
    shutil.copytree(dataset, site / "data")
    (site / "index.html").write_text("<p>index</p>", encoding="utf-8")
    (tmp_path / "outside.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    (tmp_path / "outside.js").write_text(f'window.pressData = window.pressData || {{}};\nwindow.pressData["x"] = '
                                         f'["<tr><td>{SECRET}</td></tr>"];\n', encoding="utf-8")
    (site / "evil.html").symlink_to(tmp_path / "outside.html")
    (site / "latin.html").write_bytes(b"<p>caf\xe9</p>")
    (site / "assets").mkdir()
    (site / "assets" / "latin.css").write_bytes(b"p{}\xe9")
    os.mkfifo(site / "blocks.html")
    (site / "rows.html").write_text('<table data-rows="../outside.js"></table>', encoding="utf-8")
    done = cli("check", site)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    for expected in ("evil.html: a link out of the site (not read)", "latin.html: not UTF-8",
                     "assets/latin.css: not UTF-8", "blocks.html: not a regular file (not read)",
                     "data file ../outside.js that is not a file of the site (not read)"):
        assert expected in done.stdout, (expected, done.stdout)
    assert SECRET not in done.stdout + done.stderr


def test_a_line_without_a_full_stop_is_cut_into_bounded_sentences():
    """10,000 clauses on one line with no sentence end: one 'sentence' of 80,000 tokens made every
    figure's claimant search scan it all (459 s for a 400 kB article). A run past 200 tokens is cut
    after its next comma (and anywhere at 400), so per-sentence work stays linear."""
    from analysis.nlp.sentences import MAX_SENTENCE_TOKENS

    clause = "pasukan itu tiba di kota {} dan bertahan"
    text = ", ".join(clause.format(i) for i in range(300)) + "\n"
    doc = get_nlp()(text)
    sentences = list(doc.sents)
    assert len(sentences) > 1 and max(len(s) for s in sentences) <= MAX_SENTENCE_TOKENS + 10
    assert all(s[-1].text == "," or s.end == len(doc) or s[-1].is_space for s in sentences)
    unbroken = get_nlp()("kata " * (3 * MAX_SENTENCE_TOKENS))
    assert max(len(s) for s in unbroken.sents) <= 2 * MAX_SENTENCE_TOKENS
    prose = "Ia berkata, " + ", ".join("kami datang" for _ in range(20)) + ". Lalu pergi."
    assert len(list(get_nlp()(prose).sents)) == 2  # ordinary sentences are not touched


def test_report_and_check_refuse_a_symlink_loop(tmp_path):
    """``report --out LOOP`` and ``check LOOP``: a RuntimeError traceback from pathlib."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert_refused(cli("report", "--corpus", d, "--out", loop), "loop", "symlink loop")
    assert_refused(cli("check", loop), "loop", "symlink loop")


def test_an_upper_case_txt_extension_is_an_article(tmp_path):
    """``ARTICLE.TXT`` (a Windows tool's export) was passed over in silence by the directory walk."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY, "B.TXT": BODY.replace("Rabu", "Kamis"), "notes.md": "x"})
    ds = extract_corpus(d, out=tmp_path / "out")
    assert sorted(ds.articles["file"]) == ["B.TXT", "a.txt"]


def test_a_manifest_name_in_another_unicode_form_finds_its_file(tmp_path):
    """``café.txt`` typed composed (NFC) in the manifest, stored decomposed (NFD, as macOS writes
    it): "not found" with two names that print alike. Now the file on disk is used (its name in
    the tables); a name differing only in case is still refused, the message naming the file."""
    import unicodedata

    composed, decomposed = (unicodedata.normalize(form, "café.txt") for form in ("NFC", "NFD"))
    d = write_corpus(tmp_path / "c", {decomposed: BODY}, [{"file": composed, "outlet": "Harian"}])
    ds = extract_corpus(d, out=tmp_path / "out")
    assert list(ds.articles["file"]) == [decomposed] and list(ds.articles["outlet"]) == ["Harian"]
    d2 = write_corpus(tmp_path / "c2", {"A.txt": BODY}, [{"file": "a.txt"}])
    assert_refused(cli("extract", d2, "--out", tmp_path / "out2"), "line 2", "'a.txt' not found", "there is 'A.txt'")
    d3 = write_corpus(tmp_path / "c3", {"a.txt": BODY, "sub/b.txt": BODY}, [{"file": "sub/../a.txt"}])
    assert_refused(cli("extract", d3, "--out", tmp_path / "out3"), "line 2", "climbs with '..'")


def test_inline_markup_left_by_a_scrape_never_hides_a_figure(tmp_path):
    """``<b>11.000</b> tentara``: the tag glued to the figure hid it from every table. Inline tags
    are read out like invisible characters (offsets into the text as it is); a <sup> is kept
    (``10<sup>3</sup>`` is no 103)."""
    texts = {"b.txt": HEAD + FIGURE.format("<b>11.000</b>"),
             "span.txt": HEAD + FIGURE.format('<span class="angka">11.000</span>'),
             "plain.txt": HEAD + FIGURE.format("11.000")}
    ds = extract_corpus(write_corpus(tmp_path / "c", texts), out=tmp_path / "out")
    troops = ds.troop_estimates
    assert sorted(troops["file"]) == sorted(texts) and set(troops["value"]) == {11000}
    for row in troops.itertuples():
        assert texts[row.file][row.start:row.end] == row.text == "11.000"
    for row in ds.sentences.itertuples():
        assert texts[row.file][row.start:row.end] == row.text
    from analysis.extract.invisible import strip
    assert strip("10<sup>3</sup> dan <B>x</B>")[0] == "10<sup>3</sup> dan x"


@pytest.mark.parametrize("value, fragments", [
    ("a.txt", ["line 2", "is the article itself"]),
    ("zzz.txt", ["line 2", "source_file 'zzz.txt' not found"]),
    ("../../etc/passwd", ["line 2", "source_file", "climbs with '..'"]),
    ("notes.md", ["line 2", "not an article of the corpus"]),
])
def test_a_manifest_source_file_that_names_no_other_article_is_refused(tmp_path, value, fragments):
    """``source_file`` naming the article itself made a pair of one article ('rewrite' of itself);
    a typo or a path outside was dropped in silence. Now each is the one-line error."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": BODY, "notes.md": "catatan\n"},
                     [{"file": "a.txt", "source_file": value}, {"file": "b.txt", "source_file": ""}])
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "manifest.csv", *fragments)


def test_a_cycle_of_sources_is_refused_and_dot_slash_names_the_article(tmp_path):
    """a from b and b from a: both were paired as translations of each other. ``./b.txt`` gave no
    pair at all (the tables name it ``b.txt``)."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": BODY},
                     [{"file": "a.txt", "source_file": "b.txt"}, {"file": "b.txt", "source_file": "a.txt"}])
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "line 2", "a cycle")
    d2 = write_corpus(tmp_path / "c2", {"a.txt": BODY, "b.txt": BODY}, [{"file": "a.txt", "source_file": "./b.txt"}])
    ds = extract_corpus(d2, out=tmp_path / "out2")
    assert ds.articles.set_index("file").loc["a.txt", "source_file"] == "b.txt"
    assert ("a.txt", "b.txt", "manifest") in set(zip(ds.article_pairs["file"], ds.article_pairs["source_file"],
                                                      ds.article_pairs["method"]))


@pytest.mark.parametrize("option, value", [("--workers", "0"), ("--workers", "-3"), ("--timeout", "0")])
def test_a_count_below_one_is_refused_up_front(tmp_path, option, value):
    """``--workers 0`` and ``--workers -3`` were taken (as some default); ``--timeout 0`` reached
    papermill after the whole extraction."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY})
    command = ["extract", d, "--out", tmp_path / "out"] if option == "--workers" else \
        ["report", "--corpus", d, "--out", tmp_path / "out"]
    done = cli(*command, option, value)
    assert done.returncode == 2 and "must be 1 or more" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_carriage_return_in_a_file_name_or_a_title_keeps_the_tables_readable(tmp_path):
    """A file name ``c<CR>d.txt`` (or a manifest title with a lone CR in its quotes) was written
    unquoted: every reader split the row, and loading the dataset said "a mix of two runs"."""
    from analysis.dataset import load

    d = write_corpus(tmp_path / "c", {"c\rd.txt": BODY, "a\nb.txt": BODY, "plain.txt": BODY})
    (d / "manifest.csv").write_bytes(b'file,title\nplain.txt,"Judul\rdua"\n')
    assert cli("extract", d, "--out", tmp_path / "out", "--workers", "1").returncode == 0
    ds = load(tmp_path / "out")
    assert sorted(ds.articles["file"]) == sorted(["c\rd.txt", "a\nb.txt", "plain.txt"])
    assert ds.articles.set_index("file").loc["plain.txt", "title"] == "Judul\rdua"
    assert len(pd.read_csv(tmp_path / "out" / "articles.csv", dtype=str)) == 3
    assert list(ds.articles["n_chars"]) == [len(BODY)] * 3


def test_utf16_is_named_as_such(tmp_path):
    """A UTF-16 article was "not valid UTF-8 at line 1, column 1" with a BOM and "control character
    U+0000" without one; a UTF-16 manifest (Excel's "Unicode text") "not valid UTF-8 (byte offset 0)"."""
    d = write_corpus(tmp_path / "c", {"a.txt": BODY.encode("utf-16")})
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "a.txt", "UTF-16", "save it as UTF-8")
    (d / "a.txt").write_bytes(BODY.encode("utf-16-le"))
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "a.txt", "looks like UTF-16")
    (d / "a.txt").write_text(BODY, encoding="utf-8")
    (d / "manifest.csv").write_bytes("file\na.txt\n".encode("utf-16"))
    assert_refused(cli("extract", d, "--out", tmp_path / "out"), "manifest.csv", "the manifest is UTF-16")


@pytest.mark.parametrize("target", ["etc/passwd", "dev/zero"])
def test_check_never_quotes_or_exhausts_on_a_corpus_a_received_site_records(dataset, tmp_path, target):
    """A site whose dataset.json records the corpus root ``/`` and whose tables name
    ``etc/passwd`` (with an article page holding a wrong anchor): ``check`` quoted the file's first
    characters in its problem line; ``dev/zero`` would have been read without end. Now the
    article's text is never quoted and only regular files of bounded size are read."""
    from analysis import links

    site = tmp_path / "site"
    shutil.copytree(dataset, site / "data")
    (site / "index.html").write_text("<p>index</p>", encoding="utf-8")
    meta = json.loads((site / "data" / "dataset.json").read_text(encoding="utf-8"))
    meta["corpus"]["root"] = "/"
    (site / "data" / "dataset.json").write_text(json.dumps(meta), encoding="utf-8")
    for table in ("articles", "troop_estimates"):
        frame = pd.read_csv(site / "data" / f"{table}.csv", dtype=str, keep_default_na=False)
        frame.loc[0, "file"] = target
        frame.to_csv(site / "data" / f"{table}.csv", index=False)
    troop = pd.read_csv(site / "data" / "troop_estimates.csv", dtype=str).iloc[0]
    page = site / links.article_href(target)
    page.parent.mkdir(parents=True)
    page.write_text(f'<span id="q-{troop["start"]}-{troop["end"]}">x</span>', encoding="utf-8")
    done = cli("check", site)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "anchor reads 'x', not the article's text" in done.stdout
    assert "root:" not in done.stdout + done.stderr
