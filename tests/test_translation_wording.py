"""The wording rules of :mod:`analysis.translation.wording` on sentences written for the test:
a figure's 'just under' cue, the class of people it counts, a running total turned into a point."""
from __future__ import annotations

from analysis.translation.divergences import Info
from analysis.translation.wording import below_changed, counted_changed, time_scope_changed, weekday_changed, \
    quote_tail_dropped


def _info(text: str, lang: str, figures=(), timexes=()) -> Info:
    info = Info("x.txt", 0, 0, len(text), text, lang)
    for word, value, qualifier in figures:
        at = text.index(word)
        info.figures.append({"start": at, "end": at + len(word), "text": word, "value": value, "low": value,
                             "high": value, "qualifier": qualifier})
    for word, value in timexes:
        at = text.index(word)
        info.timexes.append({"start": at, "end": at + len(word), "text": word, "value": value,
                             "granularity": "month", "kind": "date"})
    return info


def test_nearly_dropped_is_a_qualifier_change():
    src = _info("Officials say nearly 25% of the fleet was lost.", "en", [("25", 25.0, "approx")])
    hedged = _info("Pejabat memperkirakan 25% armada telah hilang.", "id", [("25", 25.0, "approx")])
    kept = _info("Pejabat menyebut hampir 25% armada telah hilang.", "id", [("25", 25.0, "approx")])
    rows = below_changed([hedged], [src])
    assert [r[0] for r in rows] == ["qualifier_changed"] and rows[0][2].text == "25"
    assert below_changed([kept], [src]) == []


def test_soldiers_become_citizens():
    src = _info("The minister said 700 soldiers were wounded.", "en", [("700", 700.0, "exact")])
    citizens = _info("Menteri itu mengatakan 700 warga terluka.", "id", [("700", 700.0, "exact")])
    troops = _info("Menteri itu mengatakan 700 prajurit terluka.", "id", [("700", 700.0, "exact")])
    rows = counted_changed([citizens], [src])
    assert [(r[0], r[2].text) for r in rows] == [("scope_changed", "700 warga")]
    assert counted_changed([troops], [src]) == []


def test_no_counted_noun_no_scope_change():
    src = _info("The minister said 700 were wounded.", "en", [("700", 700.0, "exact")])
    citizens = _info("Menteri itu mengatakan 700 warga terluka.", "id", [("700", 700.0, "exact")])
    assert counted_changed([citizens], [src]) == []


def test_running_total_rendered_as_a_point():
    src = _info("About 200 sailors had deserted by March.", "en", timexes=[("March", "2023-03")])
    point = _info("Sekitar 200 pelaut membelot pada Maret.", "id", timexes=[("Maret", "2023-03")])
    total = _info("Sekitar 200 pelaut membelot hingga Maret.", "id", timexes=[("Maret", "2023-03")])
    other = _info("Sekitar 200 pelaut membelot pada April.", "id", timexes=[("April", "2023-04")])
    rows = time_scope_changed([point], [src])
    assert [(r[0], r[2].text, r[3].text) for r in rows] == [("scope_changed", "pada Maret", "by March")]
    assert time_scope_changed([total], [src]) == []
    assert time_scope_changed([other], [src]) == []


def test_a_point_in_the_source_is_no_change():
    src = _info("About 200 sailors deserted in March.", "en", timexes=[("March", "2023-03")])
    point = _info("Sekitar 200 pelaut membelot pada Maret.", "id", timexes=[("Maret", "2023-03")])
    assert time_scope_changed([point], [src]) == []


def _dated(text: str, word: str, value: str, flag: str = "") -> Info:
    info = Info("x.txt", 0, 0, len(text), text, "id")
    at = text.index(word)
    info.timexes.append({"start": at, "end": at + len(word), "text": word, "value": value, "granularity": "day",
                         "kind": "date", "flag": flag})
    return info


def test_a_weekday_the_date_does_not_fall_on():
    # 3 March 2021 was a Wednesday: 'Senin' (Monday) does not fit it
    wrong = _dated("Menteri berbicara pada Senin, 3 Maret 2021.", "Senin, 3 Maret 2021", "2021-03-03", "weekday_mismatch")
    source = [{"start": 20, "end": 26, "text": "Monday", "value": "2021-03-01", "granularity": "day"}]
    rows = weekday_changed([wrong], source)
    assert [(r[0], r[2].text, r[3].text) for r in rows] == [("meaning_changed", "Senin, 3 Maret 2021", "Monday")]
    # the source gives that date itself: the error is not the rendering's
    same = [{"start": 0, "end": 12, "text": "March 3", "value": "2021-03-03", "granularity": "day"}]
    assert weekday_changed([wrong], same) == []
    right = _dated("Menteri berbicara pada Rabu, 3 Maret 2021.", "Rabu, 3 Maret 2021", "2021-03-03")
    assert weekday_changed([right], source) == []


def test_a_quotation_carried_on_after_its_marks():
    src = _info("“The two pilots are safe and are talking” with Norwegian rescuers, the captain said.", "en")
    cut = _info("“Kedua pilot selamat dan sedang berbicara,” kata kapten itu.", "id")
    kept = _info("“Kedua pilot selamat dan sedang berbicara” dengan tim penyelamat Norwegia, kata kapten itu.", "id")
    rows = quote_tail_dropped([cut], [src])
    assert [(r[0], r[2].text, r[3].text) for r in rows] == [("omitted", "Kedua pilot selamat dan sedang berbicara",
                                                             "with Norwegian rescuers")]
    assert quote_tail_dropped([kept], [src]) == []


def test_a_speech_tag_after_a_quotation_is_no_continuation():
    src = _info("“The two pilots are safe and are talking” the Norwegian captain said, smiling.", "en")
    cut = _info("“Kedua pilot selamat dan sedang berbicara,” kata kapten itu.", "id")
    assert quote_tail_dropped([cut], [src]) == []


def test_a_capitalised_hedge_word_inside_a_sentence_is_a_name():
    """'May' in a dateline is the month, not the modal; 'May' opening a sentence is still the word."""
    from analysis.translation.divergences import compare, polarity_matches
    dateline = _info("OSLO, May 14 (Wire) - The ferry company cut its timetable.", "en")
    opener = _info("May the ferries run again soon, the mayor said.", "en")
    modal = _info("The ferries may run again soon, the mayor said.", "en")
    assert polarity_matches([dateline], "hedge") == []
    assert [s.text for s in polarity_matches([opener], "hedge")] == ["May"]
    assert [s.text for s in polarity_matches([modal], "hedge")] == ["may"]
    rendered = _info("OSLO, 14 Mei - Perusahaan feri memangkas jadwalnya.", "id")
    assert not [row for row in compare([rendered], [dateline]) if "hedge" in row[1]]
