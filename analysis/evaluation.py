"""Scoring extracted spans against hand annotation in ``data/gold/`` (used by the tests and
``make bench``). Reads gold CSVs; writes nothing."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .paths import GOLD


def load_gold(name: str) -> pd.DataFrame:
    """A gold CSV from data/gold as strings (empty cells stay empty strings)."""
    path = Path(GOLD) / name
    with path.open(encoding="utf-8") as handle:
        frame = pd.DataFrame(list(csv.DictReader(handle)))
    for column in ("start", "end"):
        if column in frame:
            frame[column] = frame[column].astype(int)
    return frame


@dataclass
class SpanScore:
    n_found: int
    n_gold: int
    true_found: int  # found spans that overlap a gold span
    matched_gold: int  # gold spans overlapped by a found span
    correct: int  # matched gold spans whose value (and compared fields) agree
    strict: int  # matched gold spans with identical offsets

    @property
    def precision(self) -> float:
        return self.true_found / self.n_found if self.n_found else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        """Value accuracy over matched gold spans."""
        return self.correct / self.matched_gold if self.matched_gold else 0.0

    @property
    def value_f1(self) -> float:
        """End-to-end normalisation F1: a span counts only if found and correct
        (IndoTimex's 'normalisation F1')."""
        p = self.correct / self.n_found if self.n_found else 0.0
        r = self.correct / self.n_gold if self.n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, label: str) -> str:
        return (f"{label}: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"value-accuracy={self.accuracy:.3f} normalisation-F1={self.value_f1:.3f} "
                f"(found {self.n_found}, gold {self.n_gold}, strict spans {self.strict})")


def score_spans(found: pd.DataFrame, gold: pd.DataFrame, agree) -> SpanScore:
    """Overlap-match ``found`` (file, start, end, ...) against ``gold``;
    ``agree(found_row, gold_row)`` says whether a matched pair has the right value."""
    true_found = 0
    for f in found.itertuples():
        g = gold[(gold["file"] == f.file) & (gold["start"] < f.end) & (gold["end"] > f.start)]
        true_found += len(g) > 0
    matched = correct = strict = 0
    for g in gold.itertuples():
        hits = found[(found["file"] == g.file) & (found["start"] < g.end) & (found["end"] > g.start)]
        if len(hits):
            matched += 1
            hit = hits.iloc[0]
            correct += bool(agree(hit, g))
            strict += hit["start"] == g.start and hit["end"] == g.end
    return SpanScore(len(found), len(gold), true_found, matched, correct, strict)


def timex_agree(found, gold) -> bool:
    return found["value"] == gold.value and (found["mod"] or "") == (gold.mod or "") and found["kind"] == gold.kind
