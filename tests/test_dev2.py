"""The shared dev2 corpus (26 real articles nobody here wrote, full gold) scored by the shared
scorer's own functions (``../shared/eval/score.py``), so the numbers are the ones the closing
notes quote. Each floor is a regression guard a little under what the project reaches, never
above what the gold supports; skipped where ``../shared`` is absent."""
from __future__ import annotations

import csv
import importlib.util
from collections import defaultdict
from pathlib import Path

import pytest

from analysis.paths import ROOT

SHARED = ROOT.parent / "shared"
DEV2 = SHARED / "corpora" / "dev2"
SCORER = SHARED / "eval" / "score.py"

pytestmark = pytest.mark.skipif(not (DEV2.is_dir() and SCORER.is_file()),
                                reason="the shared dev2 corpus or scorer (../shared) is not on this machine")


def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def scores(dev2_data):
    """Every metric of the shared scorer on dev2, all languages, as ``score.py --lang all`` prints
    (the dataset is conftest's dev2_data, shared with test_cli's determinism check)."""
    out = dev2_data
    score = _scorer()
    gold = DEV2 / "gold"
    result, details = {}, defaultdict(list)
    for table, gold_file, fn in [("troop_estimates.csv", "troop_estimates.csv", score.score_troops),
                                 ("time_expressions.csv", "times.csv", score.score_times),
                                 ("mentions.csv", "names.csv", score.score_names),
                                 ("event_reports.csv", "events.csv", score.score_events),
                                 ("estimate_findings.csv", "estimate_findings.csv", score.score_findings),
                                 ("article_pairs.csv", "pairs.csv", score.score_pairs),
                                 ("divergences.csv", "divergences.csv", score.score_divergences)]:
        result.update(fn(_read(out / table), _read(gold / gold_file), details))
    print({k: round(v, 3) for k, v in result.items() if v is not None})
    result["not_analysed"] = [(r["file"], r["error"]) for r in _read(out / "articles.csv") if r["analysed"] != "True"]
    return result


@pytest.mark.parametrize("metric, floor", [
    ("troop_f1", 0.95),
    ("troop_qualifier_acc", 0.95),
    ("troop_claimant_group_acc", 0.88),
    ("time_detect_recall", 0.94),
    ("time_value_acc", 0.90),
    ("person_precision", 0.82),
    ("name_canonical_acc", 0.88),
    ("event_merge_recall", 0.95),
    ("event_merge_precision", 0.90),
    ("finding_precision", 0.90),
    ("finding_recall", 0.85),
    ("pair_recall", 0.95),
    ("pair_precision", 0.95),
    ("divergence_recall", 0.27),
])
def test_dev2_floor(scores, metric, floor):
    assert scores[metric] >= floor, f"{metric} {scores[metric]:.3f} < {floor}"


def test_dev2_no_false_number_change(scores):
    """No number changed in dev2's gold pairs: a number_changed there is a false alarm."""
    assert scores["false_number_divergences"] == 0


def test_dev2_every_article_is_analysed(scores):
    assert scores["not_analysed"] == []
