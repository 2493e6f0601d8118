"""What notebook 04 shows of a translation against its original: the side-by-side view of one
pair (source left, derived article right, divergences highlighted and labelled) and, per
outlet, how faithfully it rendered its sources. Everything from the text is HTML-escaped here.
Reads the ``alignments``, ``divergences`` and ``article_pairs`` tables; writes nothing.
"""
from __future__ import annotations

import html

import pandas as pd

KIND_COLOURS = {
    "number_changed": "#f4a6a6", "qualifier_changed": "#f7c98b", "scope_changed": "#f7e08b",
    "name_changed": "#c9b6f2", "entity_swapped": "#e7a6e0", "attribution_changed": "#a6c8f4",
    "date_changed": "#a6e3f4", "meaning_changed": "#f4a6c8", "untranslated": "#c8e6a6",
    "omitted": "#dddddd", "added": "#dddddd",
}
CELL = "text-align:left;vertical-align:top;padding:3px 8px;border-top:1px solid #ddd;width:50%"


def _marked(text: str, base: int | None, spans: list[tuple[int, int, str]]) -> str:
    """``text`` (starting at article offset ``base``) escaped, with the spans highlighted (not
    those that cover the whole text: a sentence-level divergence is listed, not painted)."""
    if base is None or pd.isna(base):
        return html.escape(text)
    base = int(base)
    out, at = [], 0
    spans = [(int(s) - base, int(e) - base, k) for s, e, k in spans if s is not None and e is not None]
    for start, end, kind in sorted(x for x in spans if x[1] - x[0] < 0.9 * len(text)):
        if start < at or start < 0 or end > len(text):
            continue
        out.append(html.escape(text[at:start]))
        out.append(f'<mark style="background:{KIND_COLOURS.get(kind, "#ffe08a")}" title="{html.escape(kind)}">'
                   f"{html.escape(text[start:end])}</mark>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def side_by_side(alignments: pd.DataFrame, divergences: pd.DataFrame, file: str, source_file: str) -> str:
    """An HTML table: one row per alignment step, the source sentences left and the derived
    ones right, each divergence highlighted on both sides and listed under the row. (Rows are
    read as plain records: a pair's steps are few, and pandas per step would cost more.)"""
    rows = alignments[(alignments["file"] == file) & (alignments["source_file"] == source_file)].to_dict("records")
    found = divergences[(divergences["file"] == file)
                        & (divergences["source_file"] == source_file)].to_dict("records")
    body, done = [], set()
    for r in rows:
        kind = r["kind"]
        key = (r["source_sentence_ids"], kind if kind in {"omitted", "added"} else "",
               r["sentence_id"] if kind in {"added", "1-1", "2-1"} else None)
        if key in done:
            continue
        done.add(key)
        if kind == "1-2":  # one source sentence, two derived: one row with both derived sentences
            parts = [p for p in rows if p["source_sentence_ids"] == r["source_sentence_ids"] and p["kind"] == kind]
        elif kind == "2-1":
            parts = [p for p in rows if p["sentence_id"] == r["sentence_id"] and p["kind"] == kind][:1]
        else:
            parts = [r]
        mine = _of_step(found, parts, r)
        derived_html = " ".join(_marked(str(p["text"]), p["start"], [(d["start"], d["end"], d["kind"]) for d in mine
                                                                    if pd.notna(d["start"])]) for p in parts)
        source_html = _marked(str(r["source_text"]), r["source_start"],
                              [(d["source_start"], d["source_end"], d["kind"]) for d in mine
                               if pd.notna(d["source_start"]) and d["kind"] not in {"omitted"}])
        notes = "".join(f"<li><b>{html.escape(d['kind'])}</b>: {html.escape(str(d['detail']))}</li>" for d in mine)
        label = html.escape(f"{kind} · {r['score']:.2f}" if kind not in {"omitted", "added"} else kind)
        anchor = f' id="{html.escape(file)}-s{int(r["sentence_id"])}"' if pd.notna(r["sentence_id"]) else ""
        body.append(f'<tr{anchor}><td style="{CELL}">{source_html}</td><td style="{CELL}">{derived_html}'
                    f'<div style="color:#666;font-size:85%">{label}</div>'
                    + (f'<ul style="margin:2px 0 4px 16px;font-size:90%">{notes}</ul>' if notes else "") + "</td></tr>")
    head = (f'<tr><th style="{CELL};text-align:left">{html.escape(source_file)} (source)</th>'
            f'<th style="{CELL};text-align:left">{html.escape(file)}</th></tr>')
    return f'<table class="press-side-by-side" style="border-collapse:collapse;width:100%">{head}{"".join(body)}</table>'


def _of_step(found: list[dict], parts: list[dict], r: dict) -> list[dict]:
    """The divergences of one alignment step."""
    if r["kind"] == "omitted":
        return [d for d in found if d["kind"] == "omitted" and d["source_sentence_ids"] == r["source_sentence_ids"]]
    ids = {int(p["sentence_id"]) for p in parts if pd.notna(p["sentence_id"])}
    return [d for d in found if d["kind"] != "omitted" and pd.notna(d["sentence_id"]) and int(d["sentence_id"]) in ids]


def faithfulness(pairs: pd.DataFrame, alignments: pd.DataFrame, divergences: pd.DataFrame,
                 articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: articles compared with their source, source sentences rendered, and
    divergences per 10 rendered sentences, by kind."""
    if not len(alignments):
        return pd.DataFrame(columns=["outlet", "articles", "source_sentences", "rendered_share", "divergences",
                                     "per_10_sentences"])
    outlet = articles.drop_duplicates("file").set_index("file")["outlet"]
    a = alignments.assign(outlet=alignments["file"].map(outlet).fillna(""))
    sources = a.drop_duplicates(["file", "source_sentence_ids", "kind"])
    per_file = sources.groupby(["outlet", "file"]).agg(
        source_sentences=("kind", lambda k: int((k != "added").sum())),
        omitted=("kind", lambda k: int((k == "omitted").sum())))
    d = divergences.assign(outlet=divergences["file"].map(outlet).fillna(""))
    counts = d.pivot_table(index="outlet", columns="kind", values="file", aggfunc="count", fill_value=0)
    table = per_file.groupby("outlet").agg(articles=("omitted", "size"), source_sentences=("source_sentences", "sum"),
                                           omitted=("omitted", "sum"))
    table["rendered_share"] = ((table["source_sentences"] - table["omitted"]) / table["source_sentences"]).round(2)
    table["divergences"] = d.groupby("outlet").size().reindex(table.index, fill_value=0)
    table["per_10_sentences"] = (10 * table["divergences"] / table["source_sentences"].clip(lower=1)).round(1)
    table = table.drop(columns="omitted").join(counts, how="left").fillna(0)
    for kind in counts.columns:
        table[kind] = table[kind].astype(int)
    return table.reset_index().sort_values(["per_10_sentences", "outlet"], ascending=[False, True]).reset_index(drop=True)
