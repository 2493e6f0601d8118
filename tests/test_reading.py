"""The generated reading of the estimate evolution, checked claim by claim against the story
fixture's known truth (data/gold/story/story.md) and against the ledger rows it cites."""
from __future__ import annotations

import re

import pytest

from analysis.estimates.ledger import ledger as make_ledger
from analysis.estimates.reading import claims, reading
from analysis.paths import FIXTURES

from .conftest import extract_corpus

# (kind, scope) -> (value, claimant group, claim day): "First, last and highest per scope" in story.md.
# The White House figure is dated "Pekan lalu" (the week of 21 October): its day is the week's first.
TRUTH = {
    ("first", "total_sent"): (3000, "US", "2024-10-21"),
    ("highest", "total_sent"): (11000, "South Korea", "2024-10-30"),
    ("latest", "total_sent"): (10000, "US", "2024-10-31"),
    ("first", "theatre"): (8000, "US", "2024-10-31"),
    ("highest", "theatre"): (11000, "Ukraine", "2024-11-05"),
    ("latest", "theatre"): (10900, "South Korea", "2024-11-20"),
    ("first", "front"): (2500, "Ukraine", "2024-11-05"),
    ("latest", "front"): (2000, "South Korea", "2024-11-20"),
    ("first", "training"): (10000, "US", "2024-10-28"),
    ("first", "promised"): (12000, "South Korea", "2024-10-18"),
    ("first", "batch"): (1500, "South Korea", "2024-10-18"),
}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    ds = extract_corpus(FIXTURES / "story", out=tmp_path_factory.mktemp("story") / "data")
    table = make_ledger(ds.troop_estimates, ds.articles)
    return table, reading(table, ds.estimate_findings)


def test_every_scope_statement_is_true(story):
    _, statements = story
    said = {(s.kind, s.scope): (s.value, s.group, s.day) for s in statements if s.scope}
    wrong = {k: (said.get(k), v) for k, v in TRUTH.items() if said.get(k) != v}
    assert not wrong, wrong
    extra = set(said) - set(TRUTH)
    assert not extra, f"statements the story does not support: {extra}"


def test_statements_cite_rows_that_say_it(story):
    table, statements = story
    rows = table.set_index("figure_id")
    for s in statements:
        assert set(s.figures) <= set(rows.index), s.text
        if s.value is None:
            continue
        cited = rows.loc[s.figures]
        # the claim's value is the one most of its rows give (at least half); every row is the claim or a variant the text names
        assert (cited["value"] == s.value).sum() * 2 >= len(cited), s.text  # ties: the attributed, earlier row
        for _, row in cited[cited["value"] != s.value].iterrows():
            assert row["file"] in s.text, f"{row['value']} in {row['file']} not disclosed in: {s.text}"


def test_planted_errors_are_variants_not_the_story(story):
    """01 drops the 'up to', 06 the 'about', 10 misprints 10,900 as 11,900 and 06 credits 8,000 to
    Seoul: the reading gives the claim as most outlets do and names each deviation."""
    _, statements = story
    text = {(s.kind, s.scope): s.text for s in statements}
    assert "12,000 in 01_" in text[("first", "promised")] and "up to 12,000" in text[("first", "promised")]
    assert "10,000 in 06_" in text[("first", "training")] and "about 10,000" in text[("first", "training")]
    assert "11,900 in 10_" in text[("latest", "theatre")]
    assert "credited to South Korea in 06_" in text[("first", "theatre")]


def test_evolution_of_the_us_figure(story):
    _, statements = story
    us = [s for s in statements if s.kind == "evolution" and s.group == "US"]
    assert len(us) == 1
    assert re.search(r"at least 3,000 .*→ about 10,000", us[0].text), us[0].text


def test_claims_are_distinct(story):
    table, _ = story
    found = claims(table)
    # F1..F11 of story.md; F7 ("some 10,000 in total", 31 Oct) and F4 (10,000 training, 28 Oct) stay apart
    assert len(found) == 11
    assert sorted((c.scope, int(c.value)) for c in found) == sorted([
        ("batch", 1500), ("promised", 12000), ("total_sent", 3000), ("training", 10000), ("total_sent", 11000),
        ("theatre", 8000), ("total_sent", 10000), ("theatre", 11000), ("front", 2500), ("theatre", 10900),
        ("front", 2000)])


def test_seeds_reading_states_only_what_its_rows_say(seeds):
    """The defects a new user found on the seeds' reading (issue 18), by hand from the texts: 000's
    "Hingga 11.000" and 001's passive "Diperkirakan ... 10.000 ... dan 3.000" name no claimant;
    003's "1,500 more joined the 1,500 already there" are two batches; 002's "pekan lalu" dates
    a claim by its week."""
    table = make_ledger(seeds.troop_estimates, seeds.articles)
    statements = reading(table, seeds.estimate_findings)
    rows = table.set_index("figure_id")
    for s in statements:
        if s.kind in {"first", "latest", "highest", "evolution"}:
            groups = set(rows.loc[s.figures, "claimant_group"]) - {"unattributed"}
            others = groups - {s.group} if s.group else set()
            assert len(groups) <= 1 or all(f"credited to {g}" in s.text for g in others), s.text
        if s.kind == "evolution":
            assert set(rows.loc[s.figures, "claimant_group"]) == {s.group}, s.text
    bare = next(s for s in statements if s.kind == "unattributed")
    assert bare.text.startswith("3 of 17 figures name no claimant"), bare.text
    assert {rows.loc[f, "file"][:3] for f in bare.figures} == {"000", "001"}
    batches = [c for c in claims(table) if c.scope == "batch" and c.value == 1500]
    assert len(batches) == 2
    weekly = [s for s in statements if "the week of 21 Oct" in s.text]
    assert weekly and not any("(Amerika Serikat, US, 21 Oct" in s.text for s in statements)
