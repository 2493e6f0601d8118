"""Cross-article names stage: unknown names clustered across the corpus, and the variant table.

Reads ``mentions`` (every article); writes the corpus-level identity of names the gazetteer
does not know (:func:`cluster_new`: three spellings of one unknown surname in three articles
become one entity whose canonical form is the most frequent, then longest, full spelling) and
``name_variants`` (one row per entity and spelling).
"""
from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz

from ..nlp.gazetteer import fold, normalise, normalise_spaced
from ..schema import TABLES

CLUSTER_MIN = 85  # folded similarity that joins two unknown names
VARIANT_COLUMNS = TABLES["name_variants"].names


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", normalise_spaced(name)).strip("_")


def cluster_new(new: pd.DataFrame) -> dict[str, dict]:
    """``name -> {canonical, entity_id, is_variant, variant_kind}`` for the names of
    ``match == "new"`` mentions (columns ``name``, ``label``): person names whose folded forms
    are similar (>= 85) form one cluster (other names only when identical); a one-word name
    joins the cluster whose first or last word it matches."""
    if not len(new):
        return {}
    counts = new.groupby("name").size()
    people = set(new.loc[new["label"] == "PERSON", "name"])
    full = sorted((n for n in counts.index if len(n.split()) > 1), key=lambda n: (-counts[n], -len(n), n))
    clusters: list[list[str]] = []
    for name in full:
        key = fold(name)
        for cluster in clusters:
            # fuzzy only between person names: "Kementerian Luar Negeri" of two countries differ
            if name in people:
                same = [o for o in cluster if o in people and fuzz.ratio(key, fold(o)) >= CLUSTER_MIN]
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
        canon[i] = max(multi, key=lambda n: (counts.get(n, 0), len(n), n))
    out = {}
    for name in counts.index:
        canonical = canon[owner[name]]
        key = normalise(name)
        if key == normalise(canonical):
            kind = "standard"
        elif len(name.split()) == 1 and key in {normalise(p) for p in canonical.split()}:
            kind = "surname"
        elif fold(name, ("romanisation",)) in {fold(p, ("romanisation",)) for p in [canonical, *canonical.split()]}:
            kind = "transliteration"
        else:
            kind = "misspelling"
        out[name] = {"canonical": canonical, "entity_id": "new:" + _slug(canonical),
                     "is_variant": kind not in {"standard", "surname"}, "variant_kind": kind}
    return out


def apply_clusters(mentions: pd.DataFrame, clusters: dict[str, dict]) -> pd.DataFrame:
    """``mentions`` with the corpus-level identity of every new name filled in (a copy)."""
    out = mentions.copy()
    new = out["match"] == "new"
    if not new.any():
        return out
    for column in ("canonical", "entity_id", "is_variant", "variant_kind"):
        out.loc[new, column] = [clusters[n][column] for n in out.loc[new, "name"]]
    return out


def name_variants(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per (entity, spelling): where it is used and what kind of variant it is."""
    if not len(mentions):
        return pd.DataFrame(columns=VARIANT_COLUMNS)
    rows = []
    for (entity_id, surface), part in mentions.groupby(["entity_id", "name"], sort=True):
        kinds = part["variant_kind"].value_counts()
        rows.append({
            "entity_id": entity_id, "canonical": part["canonical"].iloc[0], "label": part["label"].iloc[0],
            "surface": surface, "files": "; ".join(sorted(set(part["file"]))), "n_files": part["file"].nunique(),
            "n_mentions": len(part), "is_variant": bool(part["is_variant"].astype(bool).any()),
            "variant_kind": sorted(kinds.index, key=lambda k: (-kinds[k], k))[0],
            "matches": "; ".join(sorted(set(part["match"]))),
        })
    return pd.DataFrame(rows, columns=VARIANT_COLUMNS)
