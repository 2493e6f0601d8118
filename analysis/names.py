"""Mentions and name variants across the corpus (tables ``mentions`` and ``name_variants``).

Per-document mentions come from the ``entity_tagger`` component (:mod:`analysis.entities`);
here names that are not in the gazetteer are clustered across the whole corpus, so
three spellings of one unknown surname in three articles end up as one entity whose
canonical form is the most frequent (then the longest) full spelling.
"""
from __future__ import annotations

import bisect
import re

import pandas as pd
from rapidfuzz import fuzz

from . import entities
from .corpus import Corpus, register_collector
from .tables import register

MENTION_COLUMNS = ["file", "start", "end", "text", "label", "canonical", "entity_id", "match", "score",
                   "is_variant", "variant_kind", "role", "name", "sentence_id", "is_boilerplate"]
VARIANT_COLUMNS = ["entity_id", "canonical", "label", "surface", "files", "n_files", "n_mentions", "is_variant",
                   "variant_kind", "matches"]
CLUSTER_MIN = 85  # folded similarity that joins two unknown names


@register_collector("mentions", MENTION_COLUMNS)
def collect_mentions(doc, article: dict) -> list[dict]:
    sentences = article["sentences"]
    starts = [s["start"] for s in sentences]
    rows = []
    for span in doc.spans[entities.SPAN_KEY]:
        m = span._.mention
        k = max(bisect.bisect_right(starts, span.start_char) - 1, 0)
        sentence = sentences[k] if sentences else {"sentence_id": -1, "is_boilerplate": False}
        rows.append({"file": article["file"], "start": span.start_char, "end": span.end_char, "text": span.text,
                     **{c: m[c] for c in ["label", "canonical", "entity_id", "match", "score", "is_variant",
                                          "variant_kind", "role", "name"]},
                     "sentence_id": sentence["sentence_id"], "is_boilerplate": sentence["is_boilerplate"]})
    return rows


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", entities.normalise_spaced(name)).strip("_")


def cluster_new(mentions: pd.DataFrame) -> pd.DataFrame:
    """Give every ``match == "new"`` mention a corpus-level entity: person names whose
    folded forms are similar (>= 85) form one cluster (other names only when
    identical); a one-word name joins the cluster whose first or last word it
    matches. Returns a copy."""
    out = mentions.copy()
    new = out[out["match"] == "new"]
    if not len(new):
        return out
    counts = new.groupby("name").size()
    people = set(new.loc[new["label"] == "PERSON", "name"])
    full = sorted((n for n in counts.index if len(n.split()) > 1), key=lambda n: (-counts[n], -len(n), n))
    clusters: list[list[str]] = []
    for name in full:
        key = entities.fold(name)
        for cluster in clusters:
            # fuzzy only between person names: "Kementerian Luar Negeri" of two countries differ
            same = (lambda other: fuzz.ratio(key, entities.fold(other)) >= CLUSTER_MIN) if name in people \
                else (lambda other: entities.normalise(other) == entities.normalise(name))
            if any(same(other) for other in cluster if (other in people) == (name in people)):
                cluster.append(name)
                break
        else:
            clusters.append([name])
    owner: dict[str, int] = {name: i for i, cluster in enumerate(clusters) for name in cluster}
    for name in counts.index:
        if name in owner:
            continue
        key = entities.fold(name)
        for i, cluster in enumerate(clusters):
            parts = {entities.fold(p) for n in cluster for p in (n.split()[0], n.split()[-1])}
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
    for idx, row in new.iterrows():
        canonical = canon[owner[row["name"]]]
        standard_parts = {entities.normalise(p) for p in canonical.split()}
        key = entities.normalise(row["name"])
        if key == entities.normalise(canonical):
            kind = "standard"
        elif len(row["name"].split()) == 1 and key in standard_parts:
            kind = "surname"
        elif entities.fold(row["name"], ("romanisation",)) in {entities.fold(p, ("romanisation",))
                                                                for p in [canonical, *canonical.split()]}:
            kind = "transliteration"
        else:
            kind = "misspelling"
        out.loc[idx, ["canonical", "entity_id", "is_variant", "variant_kind"]] = [
            canonical, "new:" + _slug(canonical), kind not in {"standard", "surname"}, kind]
    return out


@register("mentions")
def mentions(corpus: Corpus) -> pd.DataFrame:
    if "mentions" not in corpus.cache:
        corpus.cache["mentions"] = cluster_new(corpus.layers["mentions"])
    return corpus.cache["mentions"]


@register("name_variants")
def name_variants(corpus: Corpus) -> pd.DataFrame:
    """One row per (entity, spelling): where it is used and what kind of variant it is."""
    m = mentions(corpus)
    if not len(m):
        return pd.DataFrame(columns=VARIANT_COLUMNS)
    rows = []
    for (entity_id, surface), part in m.groupby(["entity_id", "name"], sort=True):
        rows.append({
            "entity_id": entity_id, "canonical": part["canonical"].iloc[0], "label": part["label"].iloc[0],
            "surface": surface, "files": "; ".join(sorted(set(part["file"]))), "n_files": part["file"].nunique(),
            "n_mentions": len(part), "is_variant": bool(part["is_variant"].any()),
            "variant_kind": part["variant_kind"].mode().iloc[0],
            "matches": "; ".join(sorted(set(part["match"]))),
        })
    return pd.DataFrame(rows, columns=VARIANT_COLUMNS)
