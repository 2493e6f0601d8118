"""``python -m analysis import``: one test per export format on small samples written here in
each format's real layout (invented sentences, no text from the web), then auto detection,
--map, copies, unreadable records, bad input and the corpus boundary."""
from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.corpus import open_corpus

# invented articles (a village harvest, a ferry timetable, a library reopening)
HARVEST = ("Para petani di sebuah desa di lereng gunung memutuskan memanen padi dua minggu lebih awal "
           "dari biasanya karena hujan deras diperkirakan turun pekan depan.\n"
           "Ketua kelompok tani setempat mengatakan keputusan itu diambil setelah musyawarah panjang "
           "dengan seluruh anggota kelompok pada malam sebelumnya.\n"
           "Menurut dia, hasil panen tahun ini sedikit lebih rendah dibandingkan tahun lalu, tetapi "
           "kualitas gabahnya tetap baik dan harga jual di pasar masih stabil.")
FERRY = ("The harbour authority of a small island town announced a new winter timetable for its two "
         "passenger ferries on Monday, cutting the evening crossing because of rough seas.\n"
         "A spokeswoman said the morning boats would keep running every day and that tickets bought "
         "for the cancelled evening trips would be refunded in full at the port office.\n"
         "Local shop owners said they worried the change would keep weekend visitors away until spring.")
LIBRARY = ("Perpustakaan kota dibuka kembali setelah renovasi selama delapan bulan dengan ruang baca "
           "anak yang lebih luas dan koleksi buku yang bertambah hampir dua kali lipat.\n"
           "Kepala perpustakaan mengatakan jam buka kini diperpanjang hingga pukul sembilan malam.")


def run(*args) -> int:
    return main(["import", *map(str, args)])


def manifest(out: Path) -> list[dict]:
    with (out / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def text_of(out: Path, row: dict) -> str:
    return (out / row["file"]).read_text(encoding="utf-8")


def opens(out: Path, n: int) -> None:
    corpus = open_corpus(out)
    assert len(corpus) == n


# ---------------------------------------------------------------- Media Cloud CSV


def test_mediacloud_csv(tmp_path, capsys):
    src = tmp_path / "mc-download-all.csv"
    with src.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["id", "indexed_date", "language", "media_name", "media_url", "publish_date", "text", "title", "url"])
        w.writerow(["101", "2024-11-05 02:00:00", "Indonesian", "Kabar Desa", "kabardesa.example",
                    "2024-10-30 08:15:00", HARVEST, "Petani panen lebih awal", "https://kabardesa.example/panen"])
        w.writerow(["102", "2024-11-05 02:00:00", "en", "", "https://www.harbour.example", "None", FERRY,
                    "Ferry timetable cut", "https://www.harbour.example/news/ferry"])
        w.writerow(["103", "2024-11-05 02:00:00", "en", "Empty Times", "empty.example", "2024-10-30", "",
                    "no text", "https://empty.example/x"])
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    err = capsys.readouterr().err
    assert "warning: 1 record(s) could not be read" in err and "mc-download-all.csv:record 3" in err
    rows = manifest(out)
    assert [r["source_format"] for r in rows] == ["mediacloud", "mediacloud"]
    a, b = rows
    assert (a["published"], a["published_evidence"]) == ("2024-10-30", "export column publish_date")
    assert (a["language"], a["outlet"], a["title"]) == ("id", "Kabar Desa", "Petani panen lebih awal")
    assert text_of(out, a) == HARVEST + "\n"
    # "None" is missing, never the indexed (crawl) date; no media_name: the media_url's host
    assert b["published"] == "" and b["published_evidence"] == ""
    assert (b["outlet"], b["language"]) == ("harbour.example", "en")
    assert a["source_record"] == "mc-download-all.csv:record 1"
    opens(out, 2)


# ---------------------------------------------------------------- news-please


def newsplease(title, text, url, date_publish, language, domain):
    return {"authors": [], "date_download": "2025-01-03 11:00:00", "date_modify": "2025-01-03 11:00:00",
            "date_publish": date_publish, "description": None, "filename": "x.json", "image_url": None,
            "language": language, "localpath": None, "maintext": text, "source_domain": domain,
            "title": title, "title_page": None, "title_rss": None, "url": url}


def test_newsplease_files_and_jsonl(tmp_path):
    tree = tmp_path / "np" / "harbour.example"
    tree.mkdir(parents=True)
    (tree / "a1.json").write_text(json.dumps(newsplease(
        "Ferry timetable cut", FERRY, "https://harbour.example/ferry", "2024-11-04 07:30:00", "en",
        "harbour.example")), encoding="utf-8")
    (tree / "a2.json").write_text(json.dumps(newsplease(
        "Perpustakaan dibuka", LIBRARY, "https://kota.example/pustaka", None, "id", "kota.example")),
        encoding="utf-8")
    out = tmp_path / "corpus"
    assert run(tmp_path / "np", "--out", out) == 0
    a, b = manifest(out)
    assert a["source_format"] == "newsplease" and a["source_record"] == "harbour.example/a1.json:record 1"
    assert (a["published"], a["published_evidence"], a["outlet"]) == ("2024-11-04", "export column date_publish",
                                                                     "harbour.example")
    assert b["published"] == ""  # date_publish null: missing, never date_download
    assert text_of(out, b) == LIBRARY + "\n"
    jsonl = tmp_path / "np.jsonl"
    jsonl.write_text("\n".join(json.dumps(newsplease("T", t, f"https://s.example/{i}", "2024-11-0%d" % (i + 1),
                                                     "id", "s.example")) for i, t in enumerate([HARVEST, LIBRARY])),
                     encoding="utf-8")
    assert run(jsonl, "--out", tmp_path / "c2") == 0
    assert [r["published"] for r in manifest(tmp_path / "c2")] == ["2024-11-01", "2024-11-02"]
    opens(out, 2)


# ---------------------------------------------------------------- Trafilatura JSON


def test_trafilatura_json(tmp_path):
    doc = {"title": "Perpustakaan kota dibuka kembali", "author": None, "hostname": "kota.example",
           "date": "2024-09-12", "fingerprint": "1a2b3c", "id": None, "license": None, "comments": "",
           "raw_text": LIBRARY.replace("\n", " "), "text": LIBRARY, "language": "id", "image": None,
           "pagetype": "article", "filedate": "2025-02-01", "source": "https://kota.example/2024/pustaka",
           "source-hostname": "Berita Kota", "excerpt": None, "categories": "", "tags": ""}
    undated = dict(doc, date=None, source="https://kota.example/lain", title="Lain")
    src = tmp_path / "extracted"
    src.mkdir()
    (src / "one.json").write_text(json.dumps(doc), encoding="utf-8")
    (src / "two.json").write_text(json.dumps(undated), encoding="utf-8")
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    a, b = manifest(out)
    assert a["source_format"] == "trafilatura"
    assert (a["published"], a["outlet"], a["url"], a["language"]) == (
        "2024-09-12", "Berita Kota", "https://kota.example/2024/pustaka", "id")
    assert b["published"] == ""  # never the extraction date (filedate)
    assert b["copy_of"] == a["file"] and b["copy_kind"] == "exact"
    opens(out, 2)


# ---------------------------------------------------------------- generic CSV / JSONL / Parquet with --map


def test_generic_with_map(tmp_path):
    rows = [{"headline": "Ferry timetable cut", "body": FERRY, "date": "2024-11-04T21:30:00-05:00",
             "source": "Harbour Weekly", "link": "https://harbour.example/f", "lang": "eng"},
            {"headline": "Perpustakaan", "body": LIBRARY, "date": "yesterday", "source": "Berita Kota",
             "link": "https://kota.example/p", "lang": "id-ID"}]
    maps = ["--map", "title=headline", "text=body", "published=date", "outlet=source", "url=link", "language=lang"]
    src = tmp_path / "mine.csv"
    with src.open("w", encoding="utf-8", newline="") as handle:
        w = csv.DictWriter(handle, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    (tmp_path / "mine.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    import pandas as pd

    pd.DataFrame(rows).to_parquet(tmp_path / "mine.parquet")
    for name, fmt in (("mine.csv", "csv"), ("mine.jsonl", "jsonl"), ("mine.parquet", "parquet")):
        out = tmp_path / f"out-{fmt}"
        assert run(tmp_path / name, "--out", out, "--format", fmt, *maps) == 0, name
        a, b = manifest(out)
        assert a["source_format"] == fmt
        # the day as the publisher wrote it (no shift to UTC); "yesterday" cannot be read: missing
        assert (a["published"], a["published_evidence"]) == ("2024-11-04", "export column date")
        assert (a["title"], a["outlet"], a["language"], b["language"]) == (
            "Ferry timetable cut", "Harbour Weekly", "en", "id")
        assert b["published"] == ""
        assert text_of(out, a) == FERRY + "\n"
        opens(out, 2)


def test_map_errors(tmp_path, capsys):
    src = tmp_path / "mine.csv"
    src.write_text("headline,body\nA,Some text here.\n", encoding="utf-8")
    assert run(src, "--out", tmp_path / "o", "--map", "text=nobody") == 2
    assert run(src, "--out", tmp_path / "o", "--map", "colour=body") == 2
    assert run(src, "--out", tmp_path / "o") == 2  # no text column and no --map
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("error: ") for line in lines)
    assert "'nobody'" in lines[0] and "'colour'" in lines[1] and "--map text=COLUMN" in lines[2]
    assert not (tmp_path / "o").exists()


# ---------------------------------------------------------------- WARC and WACZ

NAV = ["Beranda", "Politik Nasional", "Olahraga Pilihan", "Gaya Hidup"]
RELATED = ["Harga cabai naik tajam menjelang hari raya", "Festival layang-layang meriah di pantai selatan"]
FOOTER = ["Hak cipta Kabar Desa, semua hak dilindungi", "Tentang kami", "Pedoman media siber"]
INLINE = "Jembatan gantung baru diresmikan di desa tetangga"  # a "read also" link between paragraphs


def page(title, text, head="", lang="id"):
    lines = text.split("\n")
    lines[1:1] = [f'<strong>Baca juga: <a href="/j">{INLINE}</a></strong>']
    lines[-1] = lines[-1].rstrip(".") + ' (<a href="/src">sumber</a>).'  # a link inside a sentence stays
    paras = "".join(f"<p>{p}</p>" for p in lines)
    nav = "".join(f'<li><a href="/{i}">{n}</a></li>' for i, n in enumerate(NAV))
    related = "".join(f'<li><a href="/r{i}">{n}</a></li>' for i, n in enumerate(RELATED))
    footer = "".join(f'<a href="/f{i}">{n}</a> ' for i, n in enumerate(FOOTER))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Kabar Desa</title>'
            f"{head}</head><body><header><nav><ul>{nav}</ul></nav></header><main><article><h1>{title}</h1>"
            f'{paras}</article><aside class="related"><h3>Berita Terkait</h3><ul>{related}</ul></aside></main>'
            f"<footer><p>{footer}</p></footer></body></html>").encode("utf-8")


def write_warc(handle, pages, gzip=True):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    writer = WARCWriter(handle, gzip=gzip)
    for url, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        writer.write_record(writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2025-03-01T10:00:00Z"}))


def warc_pages():
    meta = ('<meta property="og:site_name" content="Kabar Desa">'
            '<meta property="article:published_time" content="2024-10-29T22:10:00+07:00">'
            '<meta property="article:modified_time" content="2024-12-01T08:00:00+07:00">')
    return [
        ("https://kabardesa.example/panen-awal", page("Petani panen lebih awal", HARVEST, meta),
         "text/html; charset=utf-8"),
        ("https://www.harbour.example/2024/11/04/ferry-timetable", page("Ferry timetable cut", FERRY, lang="en-GB"),
         "text/html"),
        ("https://kabardesa.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("https://kota.example/pustaka", page("Perpustakaan dibuka", LIBRARY, lang="ind"), "text/html"),
    ]


def check_warc_corpus(out: Path, fmt: str) -> None:
    a, b, c = manifest(out)
    assert {r["source_format"] for r in (a, b, c)} == {fmt}
    assert (a["published"], a["published_evidence"]) == ("2024-10-29", "article:published_time meta")
    assert (a["outlet"], a["language"], a["title"]) == ("Kabar Desa", "id", "Petani panen lebih awal")
    assert (b["published"], b["published_evidence"], b["outlet"], b["language"]) == (
        "2024-11-04", "URL path", "harbour.example", "en")
    # no date in the page or its URL: missing, never the capture date (kept as `captured`)
    assert c["published"] == "" and c["captured"] == "2025-03-01" and c["language"] == "id"
    for row, article in ((a, HARVEST), (b, FERRY), (c, LIBRARY)):
        text = text_of(out, row)
        for line in article.split("\n")[:-1]:
            assert line in text
        assert article.split("\n")[-1].rstrip(".") + " (sumber)." in text
        for furniture in NAV + RELATED + FOOTER + [INLINE, "Baca juga", "Berita Terkait"]:
            assert furniture not in text, (row["file"], furniture)
    opens(out, 3)


def test_warc(tmp_path, capsys):
    src = tmp_path / "crawl.warc.gz"
    with src.open("wb") as handle:
        write_warc(handle, warc_pages())
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    check_warc_corpus(out, "warc")
    assert manifest(out)[0]["source_record"] == "crawl.warc.gz:record 2"
    assert "not HTML pages passed over" in capsys.readouterr().err


def gzip_members(data: bytes) -> list[int]:
    """The offsets where each gzip member of ``data`` starts."""
    import zlib
    starts, at = [], 0
    while at < len(data):
        starts.append(at)
        decompressor = zlib.decompressobj(wbits=31)
        decompressor.decompress(data[at:])
        at = len(data) - len(decompressor.unused_data)
    return starts


@pytest.mark.parametrize("cut", ["plain, inside the last page", "gzipped, inside the last page",
                                 "gzipped, inside the last record's gzip header"])
def test_a_warc_cut_short_is_imported_up_to_the_cut_with_a_warning(tmp_path, capsys, cut):
    """A download cut short: the pages before the cut are imported; the cut one is neither
    imported half nor lost quietly: one warning names it."""
    gzipped = cut.startswith("gzipped")
    buffer = io.BytesIO()
    write_warc(buffer, warc_pages(), gzip=gzipped)
    whole = buffer.getvalue()
    at = {"plain, inside the last page": lambda: whole.rindex(b"Perpustakaan") + 40,
          "gzipped, inside the last page": lambda: len(whole) - 60,
          "gzipped, inside the last record's gzip header": lambda: gzip_members(whole)[-1] + 6}[cut]()
    src = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    src.write_bytes(whole[:at])
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    rows = manifest(out)
    assert [r["title"] for r in rows] == ["Petani panen lebih awal", "Ferry timetable cut"]
    err = capsys.readouterr().err
    assert "1 record(s) could not be read" in err and "truncated" in err and "cut.warc" in err


def test_wacz(tmp_path):
    buffer = io.BytesIO()
    write_warc(buffer, warc_pages())
    src = tmp_path / "collection.wacz"
    with zipfile.ZipFile(src, "w") as package:
        package.writestr("datapackage.json", json.dumps({"profile": "data-package", "resources": []}))
        package.writestr("archive/data.warc.gz", buffer.getvalue())
        package.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\n')
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    check_warc_corpus(out, "wacz")
    assert manifest(out)[0]["source_record"] == "collection.wacz/archive/data.warc.gz:record 2"


def test_saved_html_pages(tmp_path):
    """Pages saved from a browser: the address from the canonical link or the 'saved from'
    comment (a dated URL path dates the article), the text without the page's furniture."""
    src = tmp_path / "saved"
    src.mkdir()
    canonical = '<link rel="canonical" href="https://www.harbour.example/2024/11/04/ferry-timetable">'
    (src / "ferry.html").write_bytes(page("Ferry timetable cut", FERRY, canonical, lang="en"))
    (src / "ferry_files").mkdir()  # "Save page as, complete": frames and assets, not articles
    (src / "ferry_files" / "ad-frame.html").write_bytes(page("Iklan", HARVEST))
    (src / "library.htm").write_bytes(b"<!-- saved from url=(0028)https://kota.example/pustaka -->\n"
                                      + page("Perpustakaan dibuka", LIBRARY))
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    a, b = manifest(out)
    assert (a["source_format"], a["published"], a["published_evidence"], a["outlet"]) == (
        "html", "2024-11-04", "URL path", "harbour.example")
    assert (b["url"], b["outlet"], b["published"], b["source_record"]) == (
        "https://kota.example/pustaka", "kota.example", "", "library.htm")
    assert NAV[1] not in text_of(out, a) and FOOTER[0] not in text_of(out, b)
    opens(out, 2)


# ---------------------------------------------------------------- Nexis Uni DOCX

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(path: Path, paragraphs: list[str]) -> None:
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'
                                              f"{body}</w:body></w:document>")


def nexis_doc(title, outlet, date_line, text, language):
    return [title, outlet, date_line, "Copyright 2024 Example Media Group", "Section: NEWS; Pg. 3",
            "Length: 120 words", "Byline: A. Reporter", "Body", *text.split("\n"), "Classification",
            f"Language: {language}", "Publication-Type: Newspaper", "Load-Date: November 9, 2024", "End of Document"]


def test_nexis_docx(tmp_path):
    cover = ["User Name: =researcher", "Date and Time: Saturday, December 7, 2024 10:00:00 AM EST",
             "Job Number: 1234", "Documents (2)", "1. Ferry timetable cut", "Client/Matter: -none-"]
    src = tmp_path / "Files (2).docx"
    docx(src, cover + nexis_doc("Ferry timetable cut", "Harbour Weekly", "November 4, 2024 Monday", FERRY, "ENGLISH")
         + nexis_doc("Perpustakaan kota dibuka", "Berita Kota", "Selasa, October 8, 2024", LIBRARY, "INDONESIAN"))
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    a, b = manifest(out)
    assert (a["title"], a["outlet"], a["published"], a["language"]) == (
        "Ferry timetable cut", "Harbour Weekly", "2024-11-04", "en")
    assert (b["title"], b["outlet"], b["published"], b["language"]) == (
        "Perpustakaan kota dibuka", "Berita Kota", "2024-10-08", "id")
    assert a["published_evidence"] == "Nexis date line" and a["source_format"] == "nexis"
    text = text_of(out, a)
    assert "The harbour authority" in text and "Copyright" not in text and "Load-Date" not in text
    assert "Classification" not in text and "Byline" not in text
    opens(out, 2)


def test_rtf_refused(tmp_path, capsys):
    src = tmp_path / "export.rtf"
    src.write_text("{\\rtf1 x}", encoding="ascii")
    assert run(src, "--out", tmp_path / "o") == 2
    assert "export the Nexis Uni results as DOCX" in capsys.readouterr().err


# ---------------------------------------------------------------- auto, copies, bad records, boundary


def test_auto_detects_each_format_in_one_folder(tmp_path, capsys):
    src = tmp_path / "exports"
    src.mkdir()
    with (src / "crawl.warc.gz").open("wb") as handle:
        write_warc(handle, warc_pages()[:1])
    (src / "np.json").write_text(json.dumps(newsplease("F", FERRY, "https://h.example/f", "2024-11-04", "en",
                                                       "h.example")), encoding="utf-8")
    (src / "mc.csv").write_text("id,indexed_date,language,media_name,media_url,publish_date,text,title,url\n"
                                f'1,2024-11-05,id,Kota,kota.example,2024-10-08,"{LIBRARY}",P,https://kota.example/p\n',
                                encoding="utf-8")
    docx(src / "nexis.docx", nexis_doc("Ferry", "Harbour Weekly", "November 4, 2024", FERRY, "ENGLISH"))
    (src / "nexis.rtf").write_text("{\\rtf1 x}", encoding="ascii")
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    assert sorted(r["source_format"] for r in manifest(out)) == ["mediacloud", "newsplease", "nexis", "warc"]
    assert "warning: 1 record(s) could not be read and were skipped: nexis.rtf: RTF is not read" in capsys.readouterr().err
    opens(out, 4)


def test_copies_kept_and_flagged(tmp_path):
    intro = "EDITOR'S NOTE: this story was provided by a news agency.\n"
    rows = [{"title": "Ferry", "text": FERRY, "published": "2024-11-04"},
            {"title": "Ferry (copy)", "text": FERRY.upper().replace(",", " ,"), "published": "2024-11-04"},
            {"title": "Ferry (wire)", "text": intro + FERRY + "\nFollow us for more news.", "published": "2024-11-05"},
            {"title": "Library", "text": LIBRARY, "published": "2024-11-04"},
            {"title": "Ferry much later", "text": FERRY, "published": "2025-06-01"}]
    src = tmp_path / "rows.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    got = manifest(out)
    assert len(got) == 5  # kept, never dropped
    first = got[0]["file"]
    assert [(r["copy_of"], r["copy_kind"]) for r in got] == [
        ("", ""), (first, "exact"), (first, "near"), ("", ""), ("", "")]  # outside the window: not grouped


def test_bad_records_skipped_with_one_warning(tmp_path, capsys):
    src = tmp_path / "rows.jsonl"
    src.write_text(json.dumps({"title": "A", "text": FERRY}) + "\n{not json\n[1, 2]\n"
                   + json.dumps({"title": "B", "text": "  "}) + "\n" + json.dumps({"title": "C", "text": LIBRARY}),
                   encoding="utf-8")
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    warnings = [l for l in capsys.readouterr().err.splitlines() if l.startswith("warning")]
    assert len(warnings) == 1
    assert warnings[0].startswith("warning: 3 record(s) could not be read") and "rows.jsonl:record 2" in warnings[0]
    assert [r["title"] for r in manifest(out)] == ["A", "C"]


def test_bad_input_one_line_and_nothing_written(tmp_path, capsys):
    good = tmp_path / "rows.jsonl"
    good.write_text(json.dumps({"title": "A", "text": FERRY}), encoding="utf-8")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "broken.warc").write_bytes(b"this is not an archive at all")
    assert run(tmp_path / "missing.csv", "--out", tmp_path / "o") == 2
    assert run(good, "--out", busy) == 2
    assert run(good, "--out", tmp_path / "o", "--format", "tiff") == 2
    assert run(tmp_path / "broken.warc", "--out", tmp_path / "o") == 2
    assert run(good, "--out", tmp_path / "o", "--format", "warc") == 2
    (tmp_path / "quote.csv").write_text('title,text\nA,"an unbalanced quote\nB,more\n', encoding="utf-8")
    assert run(tmp_path / "quote.csv", "--out", tmp_path / "o") == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 6 and all(line.startswith("error: ") for line in lines), lines
    assert "quote.csv: line 3: malformed CSV" in lines[-1]
    assert (busy / "keep.txt").read_text(encoding="utf-8") == "mine" and len(list(busy.iterdir())) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.warc", "busy", "quote.csv", "rows.jsonl"]


def test_file_names_are_safe(tmp_path):
    rows = [{"title": "../../etc/passwd", "text": FERRY},
            {"title": "", "url": "https://x.example/%2F..%2Fescape/Ünïcode-ßtory.html?a=1", "text": LIBRARY},
            {"title": "/", "text": HARVEST},
            {"title": "A" * 500, "text": FERRY + " 2"},
            {"title": "Perpustakaan kota dibuka", "text": LIBRARY + " 2"},
            {"title": "Perpustakaan kota dibuka", "text": LIBRARY + " 3"}]
    src = tmp_path / "rows.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    names = [r["file"] for r in manifest(out)]
    assert names[:3] == ["00001-etc-passwd.txt", "00002-unicode-sstory.txt", "00003-article.txt"]
    assert len(set(names)) == 6 and all("/" not in n and len(n) <= 80 and n.isascii() for n in names)
    assert sorted(p.name for p in out.iterdir()) == sorted(names + ["manifest.csv"])
    opens(out, 6)


@pytest.mark.parametrize("given,code", [("Indonesian", "id"), ("ind", "id"), ("id-ID", "id"), ("in", "id"),
                                         ("ENGLISH", "en"), ("en_GB", "en"), ("eng", "en"), ("Bahasa Indonesia", "id"),
                                         ("None", ""), ("", ""), ("Klingon", "")])
def test_language_codes(given, code):
    from analysis.importers.records import language_code

    assert language_code(given) == code


@pytest.mark.parametrize("given,day", [("2024-10-30", "2024-10-30"), ("2024-10-30T23:50:00-04:00", "2024-10-30"),
                                        ("Wed, 30 Oct 2024 08:00:00 GMT", "2024-10-30"), ("20241030", "2024-10-30"),
                                        ("None", None), ("", None), ("30/10/2024", None), ("2024-02-30", None),
                                        ("0001-01-01", None)])
def test_dates(given, day):
    from analysis.importers.records import parse_date

    got = parse_date(given)
    assert (got.isoformat() if got else None) == day


def test_gzipped_exports(tmp_path, capsys):
    """A gzipped JSON Lines or CSV export is read as it is; a gzip that is neither an export nor
    a web archive is refused with one line, not a traceback."""
    (tmp_path / "rows.jsonl.gz").write_bytes(gzip.compress(json.dumps({"title": "F", "text": FERRY}).encode()))
    (tmp_path / "rows.csv.gz").write_bytes(gzip.compress(f'title,text\nL,"{LIBRARY}"\n'.encode()))
    out = tmp_path / "corpus"
    assert run(tmp_path / "rows.jsonl.gz", tmp_path / "rows.csv.gz", "--out", out) == 0
    assert [(r["title"], r["source_format"]) for r in manifest(out)] == [("F", "jsonl"), ("L", "csv")]
    (tmp_path / "pages.gz").write_bytes(gzip.compress(b"just some text"))
    assert run(tmp_path / "pages.gz", "--out", tmp_path / "o") == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith("error: ")


def test_page_jsonld_time_and_charset():
    """JSON-LD in the body names the date and the publisher; an undeclared Windows-1252 page
    decodes; the modified date is never taken; the first <h1> is the title."""
    from analysis.importers.html import page_record

    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", '
          '"dateModified": "2024-12-24T09:00:00Z", "datePublished": "2024-08-17T06:00:00+07:00", '
          '"publisher": {"@type": "Organization", "name": "Suara Contoh"}}]}</script>')
    body = page("Kafe baru dibuka", LIBRARY.replace("kota", "kota café"), head="", lang="").replace(
        b"<footer>", ld.encode() + b"<footer>").replace("café".encode(), "café".encode("cp1252"))
    body = body.replace(b'<meta charset="utf-8">', b"")
    record = page_record(body, "text/html", "https://suara.example/kafe", "warc", "x:record 1")
    assert (record.published.isoformat(), record.published_evidence) == ("2024-08-17", "JSON-LD datePublished")
    assert (record.outlet, record.title, record.language) == ("Suara Contoh", "Kafe baru dibuka", "")
    assert "kota café" in record.text
    stamp = b'<time itemprop="datePublished" datetime="2023-05-02T10:00">2 Mei</time>'
    timed = page("Kafe", LIBRARY).replace(b"<h1>", stamp + b"<h1>")
    record = page_record(timed, "text/html", "https://suara.example/k", "warc", "x:record 2")
    assert (record.published.isoformat(), record.published_evidence) == ("2023-05-02", "schema.org datePublished markup")


def test_declared_language_the_text_contradicts(tmp_path):
    """An English page template (lang="en") around an Indonesian article: the declaration is kept
    in language_declared and the language left to detection; a right declaration stays."""
    src = tmp_path / "rows.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [{"title": "A", "text": HARVEST, "language": "en"},
                                                      {"title": "B", "text": FERRY, "language": "English"},
                                                      {"title": "C", "text": LIBRARY, "language": "ms"}]),
                   encoding="utf-8")
    out = tmp_path / "corpus"
    assert run(src, "--out", out) == 0
    a, b, c = manifest(out)
    assert (a["language"], a["language_declared"]) == ("", "en")
    assert (b["language"], b["language_declared"]) == ("en", "")
    assert (c["language"], c["language_declared"]) == ("ms", "")  # no Malay model to contradict it


@pytest.mark.parametrize("line,day", [("October 19, 2024 Saturday", "2024-10-19"), ("Sat, Oct. 19, 2024", "2024-10-19"),
                                       ("Saturday, October 19, 2024 10:15 AM EST", "2024-10-19"),
                                       ("19 Sept 2024", "2024-09-19"), ("Length: 120 words", None),
                                       ("Date and Time: 7 Dec 2024", None), ("February 30, 2024", None)])
def test_nexis_date_lines(line, day):
    from analysis.importers.nexis import parse_date_line

    got = parse_date_line(line)
    assert (got.isoformat() if got else None) == day
