"""The troop-estimate ledger against the hand-annotated seeds, and focused cases."""
from __future__ import annotations

import pytest

from analysis.estimates.ledger import ledger as make_ledger
from analysis.estimates.reading import reading
from analysis.evaluation import load_gold

from .conftest import dataset_of

VALUE_BAR, QUALIFIER_BAR, CLAIMANT_BAR = 0.95, 0.9, 0.85


@pytest.fixture(scope="module")
def ledger(seeds):
    return seeds.troop_estimates


def matched(ledger, gold):
    pairs = []
    for g in gold.itertuples():
        hit = ledger[(ledger["file"] == g.file) & (ledger["start"] < g.end) & (ledger["end"] > g.start)]
        pairs.append((g, hit.iloc[0] if len(hit) else None))
    return pairs


def test_gold_offsets_point_at_their_text(seeds):
    for g in load_gold("seeds_troop_figures.csv").itertuples():
        assert seeds.text(g.file)[g.start:g.end] == g.text


def test_value_precision_recall(ledger):
    gold = load_gold("seeds_troop_figures.csv")
    recall = sum(h is not None and h["value"] == float(g.value) for g, h in matched(ledger, gold)) / len(gold)
    correct = [
        any(g.file == r.file and g.start < r.end and g.end > r.start and float(g.value) == r.value
            for g in gold.itertuples())
        for r in ledger.itertuples()
    ]
    precision = sum(correct) / len(ledger)
    print(f"troop values P={precision:.3f} R={recall:.3f} ({len(ledger)} found, {len(gold)} gold)")
    assert precision >= VALUE_BAR and recall >= VALUE_BAR


def test_no_container_kilometre_or_year_counted_as_troops(seeds, ledger):
    other = seeds.other_quantities
    assert {"kontainer", "kilometer", "mil", "rumah", "orang"} <= set(other["unit"])
    for r in other[other["unit"].isin(["kontainer", "kilometer", "mil", "rumah"])].itertuples():
        assert not ((ledger["file"] == r.file) & (ledger["start"] == r.start)).any()
    assert not any(1900 <= v <= 2100 for v in ledger["value"].dropna())


def test_qualifier_and_claimant_accuracy(ledger):
    gold = load_gold("seeds_troop_figures.csv")
    pairs = [(g, h) for g, h in matched(ledger, gold) if h is not None]
    qualifier = sum(h["qualifier"] == g.qualifier for g, h in pairs) / len(gold)
    claimant = sum(h["claimant_group"] == g.claimant_group for g, h in pairs) / len(gold)
    scope = sum(h["scope"] == g.scope for g, h in pairs) / len(gold)
    claim_date = sum(h["claim_date"] == g.claim_date for g, h in pairs) / len(gold)
    print(f"qualifier {qualifier:.3f} claimant group {claimant:.3f} scope {scope:.3f} claim date {claim_date:.3f}")
    assert qualifier >= QUALIFIER_BAR
    assert claimant >= CLAIMANT_BAR


def test_rows_are_traceable(seeds, ledger):
    for r in ledger.itertuples():
        assert seeds.text(r.file)[r.start:r.end] == r.text
        assert r.text in r.sentence
        if r.claimant:
            assert r.claimant_group != "unattributed"


def ledger_of(tmp_path, text, published="2024-10-30"):
    ds = dataset_of(tmp_path, {"a.txt": text}, [{"file": "a.txt", "published": published}])
    return ds.troop_estimates, ds.other_quantities


def test_range_gives_low_and_high_rows(tmp_path):
    t, _ = ledger_of(tmp_path, "Pentagon memperkirakan antara 10.000 dan 12.000 tentara Korea Utara berada di Rusia.\n")
    assert list(t["qualifier"]) == ["range_low", "range_high"]
    assert list(t["value"]) == [10000, 12000] and set(t["low"]) == {10000} and set(t["high"]) == {12000}
    assert set(t["claimant_group"]) == {"US"}


def test_backreference_claimant_and_claim_date(tmp_path):
    t, _ = ledger_of(tmp_path, "Sekitar 10.000 tentara Korea Utara tiba di Rusia, kata juru bicara Pentagon "
                               "Sabrina Singh pada hari Senin. Lebih dari 3.000 dari mereka bergerak menuju zona tempur, "
                               "menurut Badan Intelijen Nasional.\n")
    first, second = t.iloc[0], t.iloc[1]
    assert (first["qualifier"], first["claimant"], first["claimant_group"]) == ("approx", "Sabrina Singh", "US")
    assert (first["claim_date"], first["claim_date_source"]) == ("2024-10-28", "attribution")
    assert (second["value"], second["qualifier"], second["scope"], second["claimant_group"]) == \
        (3000, "more_than", "front", "South Korea")
    assert second["claim_date_source"] == "publication"


def test_other_forces_and_other_units(tmp_path):
    t, other = ledger_of(tmp_path, "Sekitar 50.000 tentara Rusia dan Pyongyang bersiap. Sebanyak 1.500 pasukan khusus "
                                   "Korea Utara dikirim ke Rusia bersama 13 ribu kontainer dan 20 rumah rusak.\n")
    assert list(t["value"]) == [1500]
    reasons = dict(zip(other["text"], other["reason"]))
    assert "another force" in reasons["50.000"]
    assert set(other["unit"]) >= {"kontainer", "rumah"}


def test_findings_compare_outlets(seeds):
    """Against the seeds' hand-made findings (data/gold/seeds/estimate_findings.csv): every pair
    found, nothing else; each row quotes both sides."""
    f = seeds.estimate_findings
    gold = load_gold("seeds/estimate_findings.csv")
    want = {(frozenset((g.file_a[:3], g.file_b[:3])), int(g.values.split("|")[0])) for g in gold.itertuples()}
    got = {(frozenset((r.file[:3], r.other_file[:3])), int(r.value)) for r in f.itertuples()}
    assert want <= got and got <= want, (want - got, got - want)
    kinds = {(r.kind, frozenset((r.file[:3], r.other_file[:3])), int(r.value)) for r in f.itertuples()}
    # 10.000 in Russia (US) rendered as 10.000 the US "will send" (004): a changed scope comes first
    assert ("scope_changed", frozenset(("000", "004")), 10000) in kinds
    for r in f.itertuples():
        assert r.file != r.other_file and r.text in r.sentence and r.other_text in r.other_sentence
        assert r.confidence in {"high", "medium", "low"} and r.why


def test_reading_is_generated_from_the_ledger(seeds):
    statements = reading(make_ledger(seeds.troop_estimates, seeds.articles), seeds.estimate_findings)
    t = make_ledger(seeds.troop_estimates)
    ids = set(t["figure_id"])
    # hand annotation: 18 figures in 5 articles, one of them in a related-video headline (boilerplate)
    assert "(17 figures in 5 articles)" in statements[0].text
    for s in statements:
        assert set(s.figures) <= ids
        if s.value is not None:  # a figure the statement names is a figure of the rows it cites
            assert s.value in set(t[t["figure_id"].isin(s.figures)]["value"]), s.text
    # the US's initial 3.000 'pada minggu lalu' (week of 21 Oct) is the earliest total-sent claim
    first = next(s for s in statements if s.kind == "first" and s.scope == "total_sent")
    assert (first.value, first.group, first.day) == (3000, "US", "2024-10-21")


def test_findings_compare_one_claim_not_two_facts(tmp_path):
    """Sentences written for this test. The same 4,000 'moved to the front' and 'sent as another
    batch' are two facts; 'sent' and 'will send' are one claim misreported; 'at least' and
    'more than' one claim hedged differently."""
    from .conftest import dataset_of
    ds = dataset_of(tmp_path, {
        "a.txt": "Badan Intelijen Nasional mengatakan 4.000 tentara Korea Utara telah bergerak ke garis depan. "
                 "Badan Intelijen Nasional mengatakan setidaknya 700 tentara Korea Utara tewas.\n",
        "b.txt": "Badan Intelijen Nasional mengatakan Korea Utara mengirim 4.000 tentara tambahan sebagai gelombang kedua. "
                 "Badan Intelijen Nasional mengatakan lebih dari 700 tentara Korea Utara tewas.\n"},
        [{"file": "a.txt", "published": "2024-11-20"}, {"file": "b.txt", "published": "2024-11-20"}])
    found = {(r.kind, int(r.value)) for r in ds.estimate_findings.itertuples()}
    assert found == {("qualifier_changed", 700)}, found
