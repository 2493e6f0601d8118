"""Cross-article names stage: unknown names clustered across the corpus, and the variant table.

Reads ``mentions`` (every article); writes the corpus-level identity of names the gazetteer
does not know (:func:`cluster_new`: three spellings of one unknown surname in three articles
become one entity whose canonical form is the most frequent, then longest, full spelling) and
``name_variants`` (one row per entity and spelling, with the evidence for its kind:
:mod:`analysis.names.kinds`).
"""
from __future__ import annotations

import re
from typing import Iterable

import pandas as pd
from rapidfuzz import fuzz

from ..nlp.gazetteer import fold, gazetteer, normalise, normalise_spaced
from ..schema import TABLES
from .kinds import VARIANT_KINDS, evidence, foreign_given, kind_of, native_forms

CLUSTER_MIN = 85  # folded similarity that joins two unknown names
VARIANT_COLUMNS = TABLES["name_variants"].names


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise_spaced(name)).strip("_")


def new_names(batches: Iterable[pd.DataFrame]) -> tuple[dict[str, int], set[str]]:
    """``(mentions per name, person names)`` of the ``match == "new"`` mentions, streamed."""
    counts: dict[str, int] = {}
    people: set[str] = set()
    for batch in batches:
        new = batch[batch["match"] == "new"]
        for name, label in zip(new["name"], new["label"]):
            counts[name] = counts.get(name, 0) + 1
            if label == "PERSON":
                people.add(name)
    return counts, people


def cluster_new(counts: dict[str, int], people: set[str]) -> dict[str, dict]:
    """``name -> {canonical, entity_id, is_variant, variant_kind}`` for the names of ``match ==
    "new"`` mentions: person names whose folded forms are similar (>= 85) form one cluster
    (other names only when identical); a one-word name joins the cluster whose first or last
    word it matches; the most frequent (then longest) full spelling is canonical."""
    if not counts:
        return {}
    counts = pd.Series(counts).sort_index()
    full = sorted((n for n in counts.index if len(n.split()) > 1), key=lambda n: (-counts[n], -len(n), n))
    clusters: list[list[str]] = []
    for name in full:
        for cluster in clusters:
            # fuzzy only between person names: "Kementerian Luar Negeri" of two countries differ
            if name in people:
                same = [o for o in cluster if o in people and _similarity(name, o) >= CLUSTER_MIN]
            else:
                same = [o for o in cluster if o not in people and normalise(o) == normalise(name)]
            if same:
                cluster.append(name)
                break
        else:
            clusters.append([name])
    owner: dict[str, int] = {name: i for i, cluster in enumerate(clusters) for name in cluster}
    for name in sorted(counts.index):
        if name in owner:
            continue
        key = fold(name)
        for i, cluster in enumerate(clusters):
            parts = {fold(p) for n in cluster for p in (n.split()[0], n.split()[-1])}
            if key in parts or any(fuzz.ratio(key, p) >= 90 for p in parts if len(key) > 4):
                owner[name] = i
                break
        else:
            owner[name] = len(clusters)
            clusters.append([name])
    canon = {}
    for i, cluster in enumerate(clusters):
        multi = [n for n in cluster if len(n.split()) > 1] or cluster
        # never a mistranslated form while the person's own is there ("Alexander X" beside "Oleksandr X")
        own = [n for n in multi if not any(foreign_given(n, o) for o in multi)] or multi
        canon[i] = max(own, key=lambda n: (counts.get(n, 0), len(n), n))
    out = {}
    for name in counts.index:
        canonical = canon[owner[name]]
        kind = kind_of(name, canonical, [canonical])
        out[name] = {"canonical": canonical, "entity_id": "new:" + _slug(canonical),
                     "is_variant": kind in VARIANT_KINDS, "variant_kind": kind}
    return out


def _similarity(a: str, b: str) -> float:
    """Folded similarity of two person names, each also with its given name in the person's own
    language (``Alexander X`` is ``Oleksandr X``)."""
    keys_a = [fold(n) for n in [a, *native_forms(a)]]
    keys_b = [fold(n) for n in [b, *native_forms(b)]]
    return max(fuzz.ratio(x, y) for x in keys_a for y in keys_b)


def apply_clusters(mentions: pd.DataFrame, clusters: dict[str, dict]) -> pd.DataFrame:
    """``mentions`` with the corpus-level identity of every new name filled in (a copy)."""
    out = mentions.copy()
    new = out["match"] == "new"
    if not new.any():
        return out
    for column in ("canonical", "entity_id", "is_variant", "variant_kind"):
        out.loc[new, column] = [clusters[n][column] for n in out.loc[new, "name"]]
    return out


class VariantTable:
    """``name_variants`` built while the mentions stream past: one row per (entity, spelling)
    with the articles that use it (articles arrive in order, so each file is appended once)."""

    def __init__(self):
        self.rows: dict[tuple[str, str], dict] = {}
        self.files: dict[str, str] = {}  # one string per file name, shared by every row that lists it

    def add(self, mentions: pd.DataFrame) -> None:
        if not len(mentions):
            return
        groups = mentions.groupby(["entity_id", "name"], sort=False)
        first = groups[["canonical", "label", "role"]].first()
        counts = groups.size()
        variant = groups["is_variant"].any()
        files = groups["file"].unique()
        kinds = mentions.groupby(["entity_id", "name", "variant_kind"], sort=False).size()
        matches = groups["match"].unique()
        for key in counts.index:
            row = self.rows.get(key)
            if row is None:
                row = self.rows[key] = {"canonical": first.at[key, "canonical"], "label": first.at[key, "label"],
                                        "role": first.at[key, "role"], "files": [], "n": 0, "variant": False,
                                        "kinds": {}, "matches": set()}
            for file in files[key]:
                if not row["files"] or row["files"][-1] != file:
                    row["files"].append(self.files.setdefault(file, file))
            row["n"] += int(counts[key])
            row["variant"] = row["variant"] or bool(variant[key])
            row["matches"].update(matches[key])
        for (entity_id, name, kind), n in kinds.items():
            found = self.rows[(entity_id, name)]["kinds"]
            found[kind] = found.get(kind, 0) + int(n)

    def table(self) -> pd.DataFrame:
        out = []
        for (entity_id, surface) in sorted(self.rows):
            r = self.rows[(entity_id, surface)]
            files = sorted(set(r["files"]))
            kind = sorted(r["kinds"], key=lambda k: (-r["kinds"][k], k))[0]
            entity = gazetteer().entities.get(entity_id)
            forms = entity.forms if entity is not None else ()
            role = r["role"] if isinstance(r["role"], str) else ""
            out.append({"entity_id": entity_id, "canonical": r["canonical"], "label": r["label"], "surface": surface,
                        "files": "; ".join(files), "n_files": len(files), "n_mentions": r["n"],
                        "is_variant": r["variant"], "variant_kind": kind,
                        "matches": "; ".join(sorted(r["matches"])),
                        "evidence": evidence(surface, str(r["canonical"]), kind or "", forms, role) if kind else ""})
        return pd.DataFrame(out, columns=VARIANT_COLUMNS)
