"""Events lined up across outlets, and the consistency findings."""
from __future__ import annotations

import pandas as pd

from .conftest import dataset_of, extract_corpus, write_corpus


def corpus_of(tmp_path, articles: dict[str, tuple[str, str]]):
    """articles: file -> (published, text)."""
    return dataset_of(tmp_path, {f: text for f, (_, text) in articles.items()},
                      [{"file": f, "published": p} for f, (p, _) in articles.items()])


def test_time_expression_rows_are_traceable(seeds):
    tx = seeds.time_expressions
    assert len(tx) and list(tx.columns[:4]) == ["file", "start", "end", "text"]
    sentences = seeds.sentences.set_index(["file", "sentence_id"])
    for t in tx.itertuples():
        assert seeds.text(t.file)[t.start:t.end] == t.text
        s = sentences.loc[(t.file, t.sentence_id)]
        assert s["start"] <= t.start and t.end <= s["end"]
        assert t.anchor == seeds.articles.set_index("file").loc[t.file, "published"].date().isoformat()


def test_same_event_from_two_outlets_is_one_event(tmp_path):
    c = corpus_of(tmp_path, {
        "a.txt": ("2024-10-31", "Menteri Pertahanan Lloyd Austin bertemu Menteri Kim Yong-hyun di Pentagon pada hari Rabu "
                                "untuk membahas pengerahan pasukan Korea Utara.\n"),
        "b.txt": ("2024-11-01", "Austin dan Kim Yong-hyun bertemu di Pentagon pada Rabu (30/10/2024) membahas "
                                "pengerahan pasukan Korea Utara ke Rusia.\n"),
        "c.txt": ("2024-10-31", "Harga beras naik di Jakarta pada hari Rabu menurut Badan Pusat Statistik.\n"),
    })
    events, reports = c.events, c.event_reports
    met = events[events["files"] == "a.txt; b.txt"]
    assert len(met) == 1 and met.iloc[0]["date"] == "2024-10-30" and met.iloc[0]["n_files"] == 2
    assert len(events) == 2  # the rice-price story stays apart
    for r in reports.itertuples():
        assert c.text(r.file)[r.start:r.end] == r.text
        assert c.text(r.file)[r.timex_start:r.timex_end] == r.timex


def test_week_level_report_does_not_chain_two_different_days(tmp_path):
    c = corpus_of(tmp_path, {
        "a.txt": ("2024-10-30", "Austin dan Blinken bertemu Cho Tae-yul di Washington pada hari Rabu.\n"),
        "b.txt": ("2024-10-29", "Austin dan Blinken akan bertemu Cho Tae-yul di Washington akhir pekan ini.\n"),
        "c.txt": ("2024-10-31", "Austin dan Blinken bertemu Cho Tae-yul di Washington pada hari Kamis.\n"),
    })
    events = c.events
    days = events[events["granularity"] == "day"]
    assert sorted(days["date"]) == ["2024-10-30", "2024-10-31"]
    assert all("; " not in f or f.count(";") == 1 for f in events["files"])
    assert not any({"a.txt", "c.txt"} <= set(f.split("; ")) for f in events["files"])


def test_findings_weekday_published_and_conflict(tmp_path):
    c = corpus_of(tmp_path, {
        # Rabu is not 31/10/2024 (a Thursday); the citation date disagrees with the manifest
        "a.txt": ("2024-11-01", "Pasukan tiba pada Rabu (31/10/2024). Hal itu dikutip AFP, Kamis (31/10/2024).\n"
                                "Juru bicara Pentagon Sabrina Singh mengumumkan perkiraan baru 10.000 tentara "
                                "pada hari Senin di Washington.\n"),
        "b.txt": ("2024-10-29", "Juru bicara Pentagon Sabrina Singh mengumumkan perkiraan baru 10.000 tentara "
                                "pada hari Selasa di Washington.\n"),
    })
    f = c.timeline_findings
    kinds = list(f["kind"])
    assert "weekday_mismatch" in kinds
    w = f[f["kind"] == "weekday_mismatch"].iloc[0]
    assert w["text"] == "Rabu (31/10/2024)" and "Thursday" in w["explanation"]
    p = f[f["kind"] == "published_date_mismatch"].iloc[0]
    assert p["text"] == "Kamis (31/10/2024)" and "2024-11-01" in p["explanation"]
    conflict = f[f["kind"] == "event_date_conflict"]
    assert len(conflict) == 1
    row = conflict.iloc[0]
    assert {row["file"], row["other_file"]} == {"a.txt", "b.txt"}
    assert "2024-10-28" in row["explanation"] and "2024-10-29" in row["explanation"]
    assert "Sabrina Singh" in row["sentence"] and "Sabrina Singh" in row["other_sentence"]
    for r in f.itertuples():
        assert c.text(r.file)[int(r.start):int(r.end)] == r.text


def test_seeds_have_no_false_findings(seeds):
    # checked by hand: every weekday in the seeds matches its date, the citation dates
    # match the manifest, and no event is dated differently by two seed outlets
    assert len(seeds.timeline_findings) == 0


def test_extract_writes_the_timeline_tables(seeds):
    for name in ["time_expressions", "events", "event_reports", "timeline_findings"]:
        assert name in seeds.names
    events = seeds.events
    assert events["event_id"].is_unique and (events["n_reports"] >= 1).all()
    assert set(seeds.event_reports["event_id"]) == set(events["event_id"])
    # 002 'akan bertemu ... akhir pekan ini' says "this weekend" (Sat 2 - Sun 3 Nov), although its
    # English source said "later this week": read as written, it is not 000's Thursday 31 Oct
    reports = seeds.event_reports
    weekend = reports[reports["file"].str.startswith("002_") & (reports["timex"] == "akhir pekan ini")]
    assert list(weekend["date"]) == ["2024-W44-WE"]
    # the 30 Oct Austin-Kim press conference: 000 'pada Rabu', 004 'Rabu (30/10/2024)', 001 only through
    # 'Associated Press melaporkan Kamis (31/10/2024)' after a lede on Austin's remarks
    assert _files_together(events, "000_", "001_", "004_")


def test_undated_article_keeps_relative_expressions_unresolved(tmp_path):
    # a future-tense date cannot date the article, so it stays undated
    d = write_corpus(tmp_path / "u", {"u.txt": "Pasukan tiba pekan lalu. Rapat akan digelar 5 November 2024.\n"})
    c = extract_corpus(d)
    assert c.articles.iloc[0]["published_source"] == "unknown"
    tx = c.time_expressions.set_index("text")
    assert tx.loc["pekan lalu", "value"] == "" and tx.loc["pekan lalu", "flag"].startswith("unanchored")
    assert tx.loc["5 November 2024", "value"] == "2024-11-05"
    assert tx.loc["pekan lalu", "anchor"] == "" and pd.notna(tx.loc["pekan lalu", "start"])


def test_one_outlet_a_day_off_joins_the_event_two_others_date(tmp_path):
    """Two outlets date Rutte's statement Monday 28 Oct, a third Tuesday 29 Oct: one event, dated
    as the two agree, and the disagreement is a timeline finding. (With one outlet per day, as in
    the test above, two consecutive days stay two events.)"""
    said = "Sekretaris Jenderal NATO Mark Rutte mengonfirmasi unit militer Korea Utara telah dikerahkan ke wilayah Kursk"
    c = corpus_of(tmp_path, {
        "a.txt": ("2024-10-29", f"{said} pada hari Senin.\n"),
        "b.txt": ("2024-10-29", f"{said}, Senin (28/10/2024).\n"),
        "c.txt": ("2024-10-30", f"{said}, Selasa (29/10/2024).\n"),
    })
    reports = c.event_reports
    assert reports["event_id"].nunique() == 1, reports[["file", "date", "event_id"]]
    assert list(c.events["date"]) == ["2024-10-28"]
    conflicts = c.timeline_findings[c.timeline_findings["kind"] == "event_date_conflict"]
    assert {"c.txt"} <= set(conflicts["file"]) | set(conflicts["other_file"])


def _files_together(events, *prefixes) -> bool:
    return any(all(any(f.startswith(p) for f in r.files.split("; ")) for p in prefixes) for r in events.itertuples())


def test_weekend_and_day_are_one_event_and_another_speaker_that_day_is_another(tmp_path):
    c = corpus_of(tmp_path, {
        "a.txt": ("2025-01-13", "Over the weekend, Ukrainian President Volodymyr Zelenskyy said his forces had captured "
                                "two North Korean soldiers in the Kursk region.\n"),
        "b.txt": ("2025-01-12", "Presiden Ukraina Volodymyr Zelenskyy mengumumkan penangkapan dua tentara Korea Utara "
                                "di wilayah Kursk pada Sabtu (11/1/2025).\n"),
        "c.txt": ("2025-01-12", "Badan Intelijen Nasional Korea Selatan pada Sabtu (11/1/2025) mengatakan sekitar 300 "
                                "tentara Korea Utara tewas di wilayah Kursk.\n"),
        # two bodies, one day, one figure: two statements
        "j.txt": ("2025-01-14", "The Pentagon said on Monday that 10,000 North Korean troops were training in Russia.\n"),
        "k.txt": ("2025-01-14", "The State Department said on Monday that 10,000 North Korean troops were training "
                                "in Russia.\n"),
    })
    reports = c.event_reports.set_index("file")
    assert reports.loc["j.txt", "date"] == reports.loc["k.txt", "date"] == "2025-01-13"
    assert reports.loc["j.txt", "event_id"] != reports.loc["k.txt", "event_id"]
    assert reports.loc["a.txt", "date"] == "2025-W02-WE" and reports.loc["b.txt", "date"] == "2025-01-11"
    assert reports.loc["a.txt", "event_id"] == reports.loc["b.txt", "event_id"]
    assert reports.loc["c.txt", "event_id"] != reports.loc["b.txt", "event_id"]  # South Korea's spy agency, not Zelenskyy


def test_one_statement_dated_a_day_apart_by_two_outlets_is_one_event(tmp_path):
    # 18 December 2024 was a Wednesday: 'Kamis, 18 Desember 2024' may mean Thursday the 19th
    c = corpus_of(tmp_path, {
        "d.txt": ("2024-12-20", "Anggota parlemen Lee Seong-kweun mengatakan pada Kamis, 18 Desember 2024, bahwa 100 "
                                "tentara Korea Utara tewas dan 1.000 lainnya terluka.\n"),
        "e.txt": ("2024-12-19", "South Korean lawmaker Lee Seong-kweun said on Thursday that 100 North Korean soldiers "
                                "had been killed and 1,000 wounded.\n"),
        # Seoul's Thursday is still Wednesday in an American newsroom
        "m.txt": ("2024-10-24", "South Korea's spy agency said on Wednesday that 1,500 North Korean special forces had "
                                "arrived in Russia.\n"),
        "n.txt": ("2024-10-25", "Badan Intelijen Nasional Korea Selatan pada Kamis (24/10/2024) mengatakan 1.500 pasukan "
                                "khusus Korea Utara telah tiba di Rusia.\n"),
    })
    reports = c.event_reports.set_index("file")
    assert reports.loc["m.txt", "date"] == "2024-10-23" and reports.loc["n.txt", "date"] == "2024-10-24"
    assert reports.loc["m.txt", "event_id"] == reports.loc["n.txt", "event_id"]
    assert reports.loc["m.txt", "event_id"] != reports.loc["d.txt", "event_id"]
    assert reports.loc["d.txt", "date"] == "2024-12-18" and reports.loc["e.txt", "date"] == "2024-12-19"
    assert reports.loc["d.txt", "event_id"] == reports.loc["e.txt", "event_id"]


def test_month_level_background_makes_no_event(tmp_path):
    c = corpus_of(tmp_path, {
        "f.txt": ("2025-01-13", "Ukraina melancarkan serangan ke wilayah Kursk pada bulan Agustus.\n"),
        "g.txt": ("2025-01-14", "Ukraine launched its incursion into the Kursk region in August.\n"),
    })
    assert len(c.event_reports) == 0 and len(c.events) == 0


def test_a_wire_date_dates_the_story_of_the_lede(tmp_path):
    c = corpus_of(tmp_path, {
        "h.txt": ("2024-10-31", "Menteri Pertahanan AS Lloyd Austin mengatakan pasukan Korea Utara berseragam Rusia "
                                "bergerak menuju Ukraina.\nHal itu diberitakan Associated Press, Kamis (31/10/2024).\n"),
        "i.txt": ("2024-10-31", "Menteri Pertahanan Lloyd Austin mengatakan pada hari Rabu bahwa pasukan Korea Utara "
                                "berseragam Rusia bergerak menuju Ukraina.\n"),
    })
    reports = c.event_reports.set_index("file")
    assert reports.loc["h.txt", "date"] == "2024-10-31" and reports.loc["i.txt", "date"] == "2024-10-30"
    assert reports.loc["h.txt", "event_id"] == reports.loc["i.txt", "event_id"]


def test_blocking_stays_linear_when_thousands_of_reports_share_a_day_and_figures():
    from analysis.timeline import events as ev

    n = 3000
    rows = [{"file": f"a{i}.txt", "date": "2025-01-13", "granularity": "day", "language": "en", "alt_date": "",
             "terms": "", "features": f"C:statement E:north_korea E:new:spokes_{i} N:{[1000, 3000, 11000][i % 3]}"}
            for i in range(n)]
    reports = ev._features(pd.DataFrame(rows), list(range(n)))
    similarity = ev.Similarity(reports)
    pairs = sum(1 for _ in ev._candidate_pairs(ev._buckets(reports), similarity))
    # each report meets its sorted neighbours in each of its few blocks, never all n - 1 others
    assert pairs <= n * ev.NEIGHBOURS * 4
