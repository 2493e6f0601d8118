"""Scoring extracted spans against hand annotation in ``data/gold/`` (used by the tests and
``make bench``). Reads gold CSVs; writes nothing."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .nlp.gazetteer import normalise
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


# --------------------------------------------------------------------------- corpus-level gold (data/gold/<corpus>/)
# The same matching rules as the project's scoring script: figures by file and value (the
# qualifier breaking ties), times by overlapping text, names by exact surface, events by
# (file, date) pairs across articles.


def read_gold(corpus: str, name: str) -> pd.DataFrame:
    path = Path(GOLD) / corpus / name
    with path.open(encoding="utf-8", newline="") as handle:
        return pd.DataFrame(list(csv.DictReader(handle)))


def _optional(frame: pd.DataFrame) -> pd.Series:
    return frame.get("optional", pd.Series("false", index=frame.index)).fillna("false").eq("true")


def score_troops(found: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Precision, recall, F1 of troop figures; qualifier and claimant-group accuracy on the matched."""
    found = found[found["value"].notna()]
    used: set[int] = set()
    matched = qualifier = group = 0
    gold = gold.assign(is_optional=_optional(gold)).sort_values("is_optional", kind="stable")
    for g in gold.itertuples():
        candidates = [i for i, f in found[found["file"] == g.file].iterrows()
                      if i not in used and int(f["value"]) == int(float(g.value))]
        if not candidates:
            continue
        candidates.sort(key=lambda i: found.at[i, "qualifier"] != g.qualifier)
        used.add(candidates[0])
        if g.is_optional:
            continue
        matched += 1
        qualifier += found.at[candidates[0], "qualifier"] == g.qualifier
        if "claimant_group" in gold.columns:
            group += found.at[candidates[0], "claimant_group"] == g.claimant_group
    required = int((~gold["is_optional"]).sum())
    extra = len(found[found["file"].isin(set(gold["file"]))]) - len(used)
    precision = matched / (matched + extra) if matched + extra else 0.0
    recall = matched / required if required else 0.0
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "qualifier": qualifier / matched if matched else 0.0, "claimant_group": group / matched if matched else 0.0}


def _overlaps(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return bool(a) and bool(b) and (a in b or b in a)


def score_times(found: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Detection recall and precision of date expressions, and value accuracy over the gold."""
    found = found[found["kind"] == "date"]  # "now" is TIMEX3 PRESENT_REF (kind reference): not scored
    optional = gold[_optional(gold)]
    gold = gold[~_optional(gold)]
    detected = correct = 0
    for g in gold.itertuples():
        hits = found[(found["file"] == g.file) & found["text"].map(lambda t: _overlaps(t, g.text))]
        detected += len(hits) > 0
        correct += bool((hits["value"] == g.value).any())
    in_files = found[found["file"].isin(set(gold["file"]))]
    def known(r):
        return any(_overlaps(r.text, g.text) for g in pd.concat([gold, optional]).itertuples() if g.file == r.file)
    true = sum(known(r) for r in in_files.itertuples())
    return {"recall": detected / len(gold) if len(gold) else 0.0,
            "precision": true / len(in_files) if len(in_files) else 0.0,
            "value_accuracy": correct / len(gold) if len(gold) else 0.0}


def score_names(found: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Share of gold person surfaces found with an accepted canonical name; precision of people."""
    people = found[found["label"] == "PERSON"]
    keys = {(f, " ".join(t.split())) for f, t in zip(people["file"], people["text"])}
    found_ok = canonical = 0
    for g in gold.itertuples():
        rows = found[(found["file"] == g.file) & (found["text"].map(lambda t: " ".join(t.split())) == g.surface)]
        if not len(rows):
            continue
        found_ok += 1
        accepted = {normalise(c) for c in g.canonical.split("|")}
        canonical += normalise(rows["canonical"].mode().iloc[0]) in accepted
    gold_keys = {(g.file, g.surface) for g in gold.itertuples()}
    in_files = {k for k in keys if k[0] in {g.file for g in gold.itertuples()}}
    return {"found": found_ok / len(gold), "canonical": canonical / len(gold),
            "person_precision": len(in_files & gold_keys) / len(in_files) if in_files else 0.0}


def score_events(reports: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Gold same-event pairs of reports in different articles that share an event id (recall),
    and predicted cross-article pairs that are gold pairs (precision)."""
    from itertools import combinations

    event_of: dict[tuple, set] = {}
    members: dict[str, set] = {}
    for file, date, event in zip(reports["file"], reports["date"], reports["event_id"]):
        event_of.setdefault((file, date), set()).add(event)
        members.setdefault(event, set()).add((file, date))
    group_of = {(g.file, g.value): g.group for g in gold.itertuples()}
    groups: dict[str, list] = {}
    for key, group in group_of.items():
        groups.setdefault(group, []).append(key)
    gold_pairs = [(a, b) for keys in groups.values() for a, b in combinations(sorted(keys), 2) if a[0] != b[0]]
    hit = sum(bool(event_of.get(a, set()) & event_of.get(b, set())) for a, b in gold_pairs)
    predicted = {(a, b) for keys in members.values() for a, b in combinations(sorted(keys), 2) if a[0] != b[0]}
    good = sum(1 for a, b in predicted if group_of.get(a) and group_of.get(a) == group_of.get(b))
    return {"recall": hit / len(gold_pairs) if gold_pairs else 0.0,
            "precision": good / len(predicted) if predicted else 0.0, "gold_pairs": len(gold_pairs),
            "predicted_pairs": len(predicted)}


# -- translation against its original ---------------------------------------------------------

def _where(texts: dict[str, str], file: str, needle: str) -> tuple[int, int] | None:
    """Character range of a gold substring in an article (its first occurrence)."""
    at = texts.get(file, "").find(needle) if needle else -1
    return (at, at + len(needle)) if at >= 0 else None


def score_pairs(pairs: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Recall over the required gold pairs (relation too); precision over every predicted pair
    (a pair gold allows, in either order for ``same_wire``, counts as right)."""
    allowed = {(g.file, g.source_file): g.relation for g in gold.itertuples()}
    allowed.update({(s, f): r for (f, s), r in list(allowed.items()) if r == "same_wire"})
    found = {(p.file, p.source_file): p.relation for p in pairs.itertuples()}
    required = gold[gold["required"].str.lower() == "true"]
    hit = sum(found.get((g.file, g.source_file)) == g.relation for g in required.itertuples())
    right = sum(allowed.get(key) == relation for key, relation in found.items())
    return {"recall": hit / max(len(required), 1), "precision": right / max(len(found), 1),
            "required": len(required), "predicted": len(found)}


def score_alignments(alignments: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str]) -> dict:
    """Share of gold alignments reproduced: the derived sentence holding the gold text is aligned
    with the source sentences holding the gold source text (``omitted``: the source sentence is
    aligned with nothing; ``added``: the derived one with nothing). ``one_to_one`` over 1-1 rows."""
    right: dict[str, list[bool]] = {}
    for g in gold.itertuples():
        here = _where(texts, g.file, g.text)
        there = _where(texts, g.source_file, g.source_text)
        rows = alignments[(alignments["file"] == g.file) & (alignments["source_file"] == g.source_file)]
        if g.kind == "omitted":
            ok = there is not None and bool(((rows["kind"] == "omitted") & (rows["source_start"] <= there[0])
                                             & (rows["source_end"] > there[0])).any())
        elif g.kind == "added":
            ok = here is not None and bool(((rows["kind"] == "added") & (rows["start"] <= here[0])
                                            & (rows["end"] > here[0])).any())
        else:
            ok = here is not None and there is not None and bool(
                ((rows["start"] <= here[0]) & (rows["end"] > here[0]) & (rows["source_start"] <= there[0])
                 & (rows["source_end"] > there[0])).any())
        right.setdefault(g.kind, []).append(ok)
    every = [x for v in right.values() for x in v]
    return {"one_to_one": sum(right.get("1-1", [])) / max(len(right.get("1-1", [])), 1),
            "all": sum(every) / max(len(every), 1), "by_kind": {k: f"{sum(v)}/{len(v)}" for k, v in right.items()}}


def score_divergences(divergences: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str]) -> dict:
    """Recall over the gold divergences: a predicted row of an accepted kind at the gold text
    (``omitted``: at the gold source text). Precision: predicted rows at some gold divergence
    (rows at differences nobody annotated count as wrong, so this is a lower bound)."""
    matched_rows: set[int] = set()
    hits = []
    for g in gold.itertuples():
        kinds = set(g.kinds.split("|"))
        rows = divergences[(divergences["file"] == g.file) & divergences["kind"].isin(kinds)]
        if g.text:
            here = _where(texts, g.file, g.text)
            found = rows[(rows["start"] < here[1]) & (rows["end"] > here[0])] if here else rows.iloc[0:0]
        else:
            found = rows[[_where(texts, s, g.source_text) is not None and a <= _where(texts, s, g.source_text)[0] < b
                          for s, a, b in zip(rows["source_file"], rows["source_start"].fillna(-1),
                                             rows["source_end"].fillna(-1))]]
        hits.append(len(found) > 0)
        matched_rows.update(found.index)
    return {"recall": sum(hits) / max(len(hits), 1), "precision": len(matched_rows) / max(len(divergences), 1),
            "gold": len(hits), "found": sum(hits), "predicted": len(divergences)}


def control_violations(divergences: pd.DataFrame, controls: pd.DataFrame, texts: dict[str, str]) -> list[str]:
    """Numbers that are only written differently but were reported as ``number_changed``."""
    bad = []
    changed = divergences[divergences["kind"] == "number_changed"]
    for c in controls.itertuples():
        here = _where(texts, c.file, c.text)
        rows = changed[changed["file"] == c.file]
        if here and ((rows["start"] < here[1]) & (rows["end"] > here[0])).any():
            bad.append(f"{c.file}: {c.text}")
    return bad
