"""Translation pairs and divergences as real renderings make them (issue 18, item 6): dates a
day early or weeks late, sibling renderings, quantity words, hearsay hedges, dropped and added
attributions, quotations made of paraphrases, and the garble ranking charging the derived
article. Short sentences written for these tests; expectations from reading them."""
from __future__ import annotations

from analysis.translation.clauses import attribution, hedge_added, quotation
from analysis.translation.divergences import Info, compare

from .conftest import extract_corpus, write_corpus
from .test_translation_pairs import FAITHFUL, SOURCE


def _corpus(tmp_path, articles: dict[str, tuple[str, str, str]]):
    """``{file: (text, language, published)}`` as a corpus, extracted."""
    manifest = [{"file": f, "outlet": f.split(".")[0], "published": p, "language": lang}
                for f, (_, lang, p) in articles.items()]
    texts = {f: t for f, (t, _, _) in articles.items()}
    return extract_corpus(write_corpus(tmp_path / "c", texts, manifest))


def _pairs(ds) -> set[tuple[str, str]]:
    return set(zip(ds.article_pairs["file"], ds.article_pairs["source_file"]))


def test_a_rendering_dated_a_day_before_its_original_is_paired(tmp_path):
    """Time zones: the Jakarta outlet's date can be the day before the wire's manifest date."""
    ds = _corpus(tmp_path, {"en.txt": (SOURCE, "en", "2024-10-30"), "id.txt": (FAITHFUL, "id", "2024-10-29")})
    assert _pairs(ds) == {("id.txt", "en.txt")}


def test_a_reprint_a_month_later_is_paired(tmp_path):
    ds = _corpus(tmp_path, {"en.txt": (SOURCE, "en", "2024-10-30"), "id.txt": (FAITHFUL, "id", "2024-11-29")})
    assert _pairs(ds) == {("id.txt", "en.txt")}


def test_two_renderings_of_one_original_are_siblings(tmp_path):
    """Each Indonesian rendering pairs with the English original, never with the other."""
    other = ("SEOUL, Warta Lain – Dinas mata-mata Korea Selatan pada Rabu menyebut sebanyak-banyaknya 11.000 "
             "prajurit Korea Utara sudah diberangkatkan ke Rusia.\nMenurut legislator Park Sun-won, dinas tersebut "
             "belum memastikan ada korban.\nSekitar 1,5 juta butir amunisi artileri disebut sudah dipasok sejak tahun "
             "lalu.\nDmitry Peskov, juru bicara Kremlin, enggan memberi komentar pada Rabu.\n")
    ds = _corpus(tmp_path, {"en.txt": (SOURCE, "en", "2024-10-30"), "a.txt": (FAITHFUL, "id", "2024-10-31"),
                            "b.txt": (other, "id", "2024-10-31")})
    assert _pairs(ds) == {("a.txt", "en.txt"), ("b.txt", "en.txt")}


def test_a_quantity_word_for_a_figure_is_no_changed_number(tmp_path):
    """'ribuan tentara' (thousands of troops) for 'as many as 11,000': vaguer, not another number."""
    derived = FAITHFUL.replace("hingga 11.000 tentara", "ribuan tentara")
    ds = _corpus(tmp_path, {"en.txt": (SOURCE, "en", "2024-10-30"), "id.txt": (derived, "id", "2024-10-31")})
    assert _pairs(ds) == {("id.txt", "en.txt")}
    assert "number_changed" not in set(ds.divergences["kind"])


def _info(text: str, lang: str, speaker: str = "", group: str = "") -> Info:
    return Info("x.txt", 0, 0, len(text), text, lang, speaker, group)


def test_a_hearsay_hedge_added_is_a_changed_qualifier():
    source = [_info("Around 300 soldiers have been killed, the lawmaker said.", "en", "Lee", "South Korea")]
    derived = [_info("Sekitar 300 tentara dilaporkan tewas, kata anggota parlemen itu.", "id", "Lee", "South Korea")]
    rows = hedge_added(derived, source)
    assert [(kind, here.text) for kind, _, here, _ in rows] == [("qualifier_changed", "dilaporkan")]


def test_a_plain_modal_is_not_a_hedge_added():
    """'dapat' renders 'can' and 'able to' as often as 'could'."""
    source = [_info("The troops can be replaced quickly.", "en")]
    derived = [_info("Pasukan itu dapat diganti dengan cepat.", "id")]
    assert hedge_added(derived, source) == []


def test_an_attributed_claim_stated_as_fact_is_a_changed_attribution():
    source = [_info("Ukraine captured two soldiers, the president said on Saturday.", "en", "Zelensky", "Ukraine")]
    derived = [_info("Ukraina menangkap dua tentara di wilayah perbatasan.", "id")]
    assert [kind for kind, *_ in attribution(derived, source)] == ["attribution_changed"]


def test_an_attribution_carried_by_the_sentence_before_is_kept():
    source = [_info("Ukraine captured two soldiers, the president said on Saturday.", "en", "Zelensky", "Ukraine")]
    derived = [_info("Ukraina menangkap dua tentara di wilayah perbatasan.", "id")]
    before = _info("Presiden Ukraina mengatakan pada hari Sabtu bahwa pasukannya berhasil.", "id", "Zelensky", "Ukraine")
    assert attribution(derived, source, before) == []


def test_the_outlets_own_statement_put_in_a_speakers_mouth():
    source = [_info("The number far exceeds the earlier figure.", "en")]
    derived = [_info("Kirby mengatakan jumlah itu lebih tinggi dari angka sebelumnya.", "id", "Kirby", "US")]
    assert [kind for kind, *_ in attribution(derived, source)] == ["attribution_changed"]
    back = _info("This was confirmed by the spokesperson.", "en")
    assert attribution(derived, source, None, back) == []  # the next source sentence attributes it


def test_a_paraphrase_made_a_direct_quotation():
    source = [_info("The heavy losses are due to a lack of experience in open terrain.", "en")]
    derived = [_info('"Kerugian besar itu disebabkan kurangnya pengalaman di medan terbuka," papar Lee.', "id")]
    assert [kind for kind, *_ in quotation(derived, source)] == ["meaning_changed"]
    assert quotation([_info('Pasukan itu disebut "umpan meriam" oleh Seoul.', "id")], source) == []  # a term


def test_a_paraphrase_before_a_short_quote_made_one_quotation():
    source = [_info('Farmers cannot sell their grain abroad, she said, and if the port stays shut "prices will '
                    'fall further."', "en")]
    whole = [_info('"Petani tidak bisa menjual gandum ke luar negeri, dan jika pelabuhan tetap ditutup, harga akan '
                   'turun lagi," katanya.', "id")]
    assert [kind for kind, *_ in quotation(whole, source)] == ["meaning_changed"]
    kept = [_info('Petani tidak bisa menjual gandum ke luar negeri, katanya, dan jika pelabuhan tetap ditutup '
                  '"harga akan turun lagi."', "id")]
    assert quotation(kept, source) == []  # the rendering quotes the same end only
    short = [_info('This means "a fall of prices across the whole region," she said.', "en")]
    assert quotation([_info('"Ini berarti harga turun di seluruh wilayah," katanya.', "id")], short) == []


def test_a_kept_negation_is_not_dropped():
    """'mungkin tidak' keeps the source's 'not'."""
    source = [_info("The troops may not have been trained for drone warfare.", "en")]
    derived = [_info("Pasukan itu mungkin tidak dilatih untuk perang pesawat nirawak.", "id")]
    assert not [r for r in compare(derived, source) if "negation" in r[1]]


def test_the_garble_of_a_quote_is_charged_to_the_later_article(seeds):
    """Seeds: 000 (30 Oct) and 001 (31 Oct) quote one statement differently; 002 (29 Oct) and
    001 title one person differently: the later article garbled it, not its predecessor."""
    from analysis.translation.summary import garble_summary

    g = garble_summary(seeds).set_index("file")
    assert g.loc["000_b0b0b3800b0cab0f.txt", "quote_rendering"] == 0
    assert g.loc["001_fa657f70abca039f.txt", "quote_rendering"] >= 1
    assert g.loc["002_75e794566d12b039.txt", "title_inconsistency"] == 0
    assert g.loc["001_fa657f70abca039f.txt", "title_inconsistency"] == 1


def test_a_qualifier_the_reading_missed_is_no_changed_qualifier():
    """'has already exceeded 3,000' read as an exact 3,000 is still 'more than 3,000'."""
    s_text = "The toll has already exceeded 3,000, he wrote."
    d_text = "Jumlah korban lebih dari 3.000, tulisnya."
    source = [_info(s_text, "en")]
    derived = [_info(d_text, "id")]
    at_s, at_d = s_text.index("3,000"), d_text.index("3.000")
    source[0].figures.append({"start": at_s, "end": at_s + 5, "text": "3,000", "value": 3000.0, "qualifier": "exact"})
    derived[0].figures.append({"start": at_d, "end": at_d + 5, "text": "3.000", "value": 3000.0,
                               "qualifier": "more_than"})
    assert not [r for r in compare(derived, source) if r[0] == "qualifier_changed"]
    source[0].figures[0]["start"] = 0  # the same figure with no cue before it: a changed qualifier
    source[0].text = "3,000 soldiers died, he wrote."
    assert [r[0] for r in compare(derived, source) if r[0] == "qualifier_changed"] == ["qualifier_changed"]


def test_a_verbatim_reprint_weeks_later_derives_from_the_first_copy(tmp_path):
    """An aggregator reprints the Indonesian rendering three weeks later, word for word."""
    reprint = FAITHFUL.replace("SEOUL, Kabar Kini –", "SEOUL –")
    ds = _corpus(tmp_path, {"en.txt": (SOURCE, "en", "2024-10-30"), "id.txt": (FAITHFUL, "id", "2024-10-31"),
                            "reprint.txt": (reprint, "id", "2024-11-21")})
    pairs = _pairs(ds)
    assert ("id.txt", "en.txt") in pairs and ("reprint.txt", "id.txt") in pairs
    assert ("id.txt", "reprint.txt") not in pairs


def test_a_modal_of_possibility_added_but_not_a_capability():
    """'dapat meningkatkan' (can increase) for 'leads to' adds a hedge; 'dapat dibuang' renders
    'expendable' and 'tidak bisa' renders 'impossible': no hedge."""
    source = [_info("Growing cooperation leads to a higher risk of destabilization.", "en")]
    assert [r[0] for r in hedge_added([_info("Kerja sama itu dapat meningkatkan risiko destabilisasi.", "id")],
                                      source)] == ["qualifier_changed"]
    source = [_info("They treat these troops as expendable.", "en")]
    assert hedge_added([_info("Mereka memandang pasukan ini dapat dibuang.", "id")], source) == []
    source = [_info("It is impossible for us to capture them.", "en")]
    assert hedge_added([_info("Kami tidak bisa menangkap mereka.", "id")], source) == []


def test_a_reporting_verb_rendered_is_no_hedge_added():
    """'demikian dilaporkan KCNA' renders 'KCNA reported': the word is the source's, not a hedge."""
    source = [_info("Kim called it an appropriate action, state media KCNA reported.", "en")]
    derived = [_info("Kim menyebutnya tindakan yang tepat, demikian dilaporkan kantor berita KCNA.", "id")]
    assert hedge_added(derived, source) == []


def test_no_negation_dropped_when_the_rendering_keeps_one_or_left_its_clause_out():
    """Sentences written for this test: the rendering says 'mungkin tidak' (keeps a negation); a
    source clause 'tanpa menyebut nama' left out whole is an omission, not a negation dropped."""
    from analysis.translation.divergences import Info, Span
    from analysis.translation.roles import speaks, with_its_clause
    src = Info("s.txt", 0, 0, 60, "Pejabat itu berbicara tanpa menyebut nama kepada wartawan.", "id")
    kept = Info("d.txt", 0, 0, 40, "Pejabat itu berbicara kepada wartawan.", "id")
    negation = Span(22, 27, "tanpa")
    assert with_its_clause(negation, [src], [kept])
    assert not with_its_clause(negation, [src], [Info("d.txt", 0, 0, 50, "Ia berbicara tanpa menyebut nama.", "id")])
    said = Info("s.txt", 0, 0, 80, "Amerika Serikat dan Korea Selatan mengatakan pasukan itu menuju perbatasan.", "id")
    assert speaks({"start": 0, "end": 15}, [said]) and speaks({"start": 20, "end": 33}, [said])
    assert not speaks({"start": 0, "end": 15}, [Info("s.txt", 0, 0, 40, "Amerika Serikat mengirim bantuan.", "id")])


def test_a_quotation_names_its_speaker_only_when_credited_outside_the_quote():
    source = [_info("The port must reopen soon, the minister said.", "en")]
    text = '"Norwegia harus membuka pelabuhan itu segera," kata Ana Lind.'
    inside = _info(text, "id", speaker="Norwegia")
    inside.mentions.append({"start": 1, "end": 9, "text": "Norwegia", "canonical": "Norwegia"})
    outside = _info(text, "id", speaker="Ana Lind")
    outside.mentions.append({"start": text.index("Ana"), "end": len(text) - 1, "text": "Ana Lind",
                             "canonical": "Ana Lind"})
    assert "Norwegia" not in quotation([inside], source)[0][1]
    assert "Ana Lind's" in quotation([outside], source)[0][1]


def _country(info: Info, word: str, entity: str, nth: int = 0) -> None:
    at = -1
    for _ in range(nth + 1):
        at = info.text.index(word, at + 1)
    info.mentions.append({"start": at, "end": at + len(word), "text": word, "label": "GPE", "canonical": word,
                          "entity_id": entity, "match": "alias", "is_variant": False, "variant_kind": "standard"})


def test_a_capital_for_its_country_is_no_swap_but_a_repeated_name_is():
    source = _info("Chile's army has been weakened by two years of fighting in Peru.", "en")
    _country(source, "Chile", "chile")
    _country(source, "Peru", "peru")
    metonym = _info("Tentara Chile melemah dan kerugian Santiago besar selama perang.", "id")
    _country(metonym, "Chile", "chile")
    _country(metonym, "Santiago", "chile")
    assert [r for r in compare([metonym], [source]) if r[0] == "entity_swapped"] == []
    repeated = _info("Tentara Chile melemah setelah dua tahun perang di Chile.", "id")
    _country(repeated, "Chile", "chile")
    _country(repeated, "Chile", "chile", nth=1)
    assert [r[0] for r in compare([repeated], [source]) if r[0] == "entity_swapped"] == ["entity_swapped"]


def test_every_dropped_hedge_is_named():
    source = _info("The sailors, reportedly from the northern fleet, appear to have left the port.", "en")
    derived = _info("Para pelaut dari armada utara telah meninggalkan pelabuhan.", "id")
    details = [r[1] for r in compare([derived], [source]) if r[0] == "meaning_changed"]
    assert details == ["hedge 'reportedly', 'appear' of the source dropped"]
