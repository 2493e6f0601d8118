"""The front page's answers to the three questions a researcher brings, each a few sentences
built only from the dataset's rows and linked to the spans behind them:

1. **What happened when** (:func:`timeline_answer`): the events reported by more than one
   article, in date order, then the first single-article ones; each with its date as precise
   as the texts give it, the outlets that report it, its summary clause quoted from the text
   and a link to every report's time expression.
2. **How the figures evolved**: the generated reading of the troop estimates
   (:mod:`analysis.estimates.reading`, shown by :mod:`.site`).
3. **Where translation or rewriting changed the story** (:func:`garble_answer`): each derived
   article against its source, the one with the most changes in what is said first, with the
   kinds of change counted and the first few quoted; then the artefacts found inside single
   articles (untranslated words, glued words ...).

Nothing is said that a row does not show: counts are counts of rows, quotes are the rows'
text. Reads a dataset; writes nothing.
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .. import links

MULTI_SHOWN = 12  # multi-article events listed (the most reported ones, then shown by date)
SINGLE_SHOWN = 5  # single-article events listed after them
EXAMPLES = 3  # changes quoted per derived article
PAIRS_SHOWN = 8  # derived articles listed
QUOTE_CHARS = 220
# the changes in what a rendering says, the gravest first; omissions and additions are counted apart
CHANGE_ORDER = ["number_changed", "entity_swapped", "name_changed", "attribution_changed", "scope_changed",
                "qualifier_changed", "meaning_changed"]
LEFT_OUT = {"omitted": "source sentence(s) not rendered", "added": "sentence(s) with no source"}


def day_label(date, granularity, start) -> str:
    """An event's date as precise as its texts give it: ``Wednesday 30 October 2024``, ``the
    week of 21 October 2024``, ``October 2024``; anything else as its TIMEX3 value."""
    first = pd.to_datetime(start, errors="coerce")
    if pd.isna(first):
        return str(date)
    if granularity == "day":
        return f"{first:%A} {first.day} {first:%B %Y}"
    if granularity == "week":
        return f"the {'weekend' if str(date).endswith('-WE') else 'week'} of {first.day} {first:%B %Y}"
    if granularity == "month":
        return f"{first:%B %Y}"
    if granularity == "year":
        return f"{first:%Y}"
    return str(date)


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _quote(text, limit: int = QUOTE_CHARS) -> str:
    """The text, whitespace folded, without its own outer quotation marks (the page adds them), cut at ``limit``."""
    text = " ".join(str(text).split()).strip("“”„\"«»")
    return html.escape(text if len(text) <= limit else text[:limit - 1].rstrip() + "…")


def _outlets(files: list[str], outlet: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(outlet.get(f) or f for f in files))


def _event_item(event, reports: pd.DataFrame, outlet: dict[str, str]) -> str:
    e = html.escape
    files = list(dict.fromkeys(reports["file"]))
    names = _outlets(files, outlet)
    holder = reports[[str(event.summary) in str(t) for t in reports["text"]]]
    lead = (holder if len(holder) else reports).iloc[0]
    said = (f'“<a href="{e(links.article_href(lead["file"], "s", *_sentence(lead)))}">{_quote(event.summary)}</a>”'
            f' <small>({e(lead["file"])})</small>')
    cites = ", ".join(
        f'<a href="{e(links.article_href(r.file, "t", r.timex_start, r.timex_end))}">{e(r.file)}</a> '
        f'(“{e(str(r.timex))}”)' for r in reports.drop_duplicates("file").itertuples())
    who = (f"{plural(len(files), 'article')} from {plural(len(names), 'outlet')} ({e('; '.join(names))})"
           if len(files) > 1 else f"1 article ({e(names[0])})")
    return (f"<li><strong>{e(day_label(event.date, event.granularity, event.start_date))}</strong> "
            f"<small>[{e(event.event_id)}]</small> · {who}: {said}. "
            f"<small>Dated by: {cites}</small></li>")


def _sentence(report) -> tuple:
    return report.get("sentence_start", None), report.get("sentence_end", None)


def report_link(site, number: str, label: str) -> str:
    """A link to the site's report page ``NN-*.html`` where the run made one, else its name."""
    pages = sorted(Path(site).glob(f"{number}-*.html")) if site is not None else []
    return f'<a href="{html.escape(pages[0].name)}">{html.escape(label)}</a>' if pages else html.escape(label)


def timeline_answer(ds, site=None) -> str:
    """Question 1 as HTML: the main events in date order (see the module docstring)."""
    events, reports = ds.events, ds.event_reports
    if not len(events):
        return "<p>No event with a date the texts give was found in this corpus.</p>"
    outlet = _outlet_of(ds)
    sentences = ds.sentences[["file", "sentence_id", "start", "end"]].rename(
        columns={"start": "sentence_start", "end": "sentence_end"})
    reports = reports.merge(sentences, on=["file", "sentence_id"], how="left")
    by_event = reports.groupby("event_id").indices if len(reports) else {}
    multi = events[events["n_files"] > 1]
    single = events[events["n_files"] <= 1]
    shown_multi = multi.sort_values(["n_files", "n_reports", "start_date"], ascending=[False, False, True],
                                    kind="stable").head(MULTI_SHOWN).sort_values(["start_date", "event_id"])
    shown_single = single.sort_values(["start_date", "event_id"]).head(SINGLE_SHOWN)
    e = html.escape
    intro = (f"<p>{plural(len(events), 'event')} with a date the texts give (resolved against each article's "
             f"publication date); {plural(len(multi), 'is', 'are')} reported by more than one article"
             f"{', the ' + str(len(shown_multi)) + ' reported by the most articles are listed' if len(multi) > len(shown_multi) else ''}. "
             f"Every event and every report is in {report_link(site, '01', 'the timeline report')}.</p>")

    def items(frame):
        return "".join(_event_item(ev, reports.iloc[by_event.get(ev.event_id, [])], outlet)
                       for ev in frame.itertuples() if len(by_event.get(ev.event_id, [])))

    parts = [intro]
    if len(shown_multi):
        parts.append(f"<h3>Reported by several articles</h3><ul class='narrative'>{items(shown_multi)}</ul>")
    if len(shown_single):
        rest = len(single) - len(shown_single)
        more = f" (the first {len(shown_single)} by date; {rest:,} more in the timeline report)" if rest > 0 else ""
        parts.append(f"<h3>Reported by one article{e(more)}</h3><ul class='narrative'>{items(shown_single)}</ul>")
    return "".join(parts)


def _outlet_of(ds) -> dict[str, str]:
    a = ds.articles.drop_duplicates("file")
    return {f: (o if isinstance(o, str) and o else f) for f, o in zip(a["file"], a["outlet"])}


def _change_counts(kinds: pd.Series) -> str:
    counts = kinds.value_counts()
    ordered = [k for k in CHANGE_ORDER if k in counts] + sorted(k for k in counts.index if k not in CHANGE_ORDER)
    return ", ".join(f"{k.replace('_', ' ')} {counts[k]}" for k in ordered)


def _example(r) -> str:
    e = html.escape
    where = links.article_href(r.file, "d", r.start, r.end)
    here = f'<a href="{e(where)}">“{_quote(r.text, 120)}”</a>' if pd.notna(r.start) else "—"
    return f"<li><em>{e(str(r.kind).replace('_', ' '))}</em>: {here}: {e(str(r.detail))}</li>"


def _severity(kind: str) -> int:
    return CHANGE_ORDER.index(kind) if kind in CHANGE_ORDER else len(CHANGE_ORDER)


def garble_answer(ds, site=None) -> str:
    """Question 3 as HTML: each derived article against its source, then artefacts within
    single articles (see the module docstring)."""
    pairs, divergences, findings = ds.article_pairs, ds.divergences, ds.translation_findings
    outlet = _outlet_of(ds)
    e = html.escape
    parts = []
    if not len(pairs):
        parts.append("<p>No article of this corpus was found to translate or rewrite another article of it, so no "
                     "rendering could be set beside its original.</p>")
    else:
        aligned = set(zip(ds.alignments["file"], ds.alignments["source_file"]))
        rows = []
        # each pair's divergences by position, counted once: frames are built for the pairs shown only
        by_pair = divergences.groupby(["file", "source_file"], sort=False).indices if len(divergences) else {}
        is_change = (~divergences["kind"].isin(list(LEFT_OUT))).to_numpy() if len(divergences) else None
        for p in pairs.itertuples():
            at = by_pair.get((p.file, p.source_file), [])
            rows.append((int(is_change[at].sum()) if len(at) else 0, p, at))
        rows.sort(key=lambda r: (-r[0], r[1].file, r[1].source_file))
        listed = []
        for n, p, at in rows[:PAIRS_SHOWN]:
            own = divergences.iloc[at]
            listed.append((n, p, own, own[~own["kind"].isin(list(LEFT_OUT))]))
        n_changes = sum(r[0] for r in rows)
        parts.append(f"<p>{plural(len(pairs), 'article')} of the corpus {'renders' if len(pairs) == 1 else 'render'} "
                     f"or {'rewrites' if len(pairs) == 1 else 'rewrite'} another article of it. Each was set beside "
                     f"its source sentence by sentence; {plural(n_changes, 'place')} where the rendering says something "
                     f"else {'was' if n_changes == 1 else 'were'} flagged (sentences left out or added are counted "
                     f"apart). Most flagged first:</p>")
        items = []
        for n, p, own, changes in listed:
            side = (f' · <a href="{e(links.pair_page(p.file, p.source_file))}">side by side</a>'
                    if (p.file, p.source_file) in aligned else "")
            left = ", ".join(f"{int((own['kind'] == k).sum())} {what}" for k, what in LEFT_OUT.items()
                             if (own["kind"] == k).any())
            head = (f"<strong>{e(p.file)}</strong> ({e(outlet.get(p.file, ''))}) against "
                    f"<strong>{e(p.source_file)}</strong> ({e(outlet.get(p.source_file, ''))}), "
                    f"{e(str(p.relation).replace('_', ' '))}: {plural(n, 'change')} flagged"
                    f"{' (' + e(_change_counts(changes['kind'])) + ')' if n else ''}"
                    f"{'; ' + e(left) if left else ''}{side}")
            shown = changes.assign(_rank=[_severity(k) for k in changes["kind"]]).sort_values(
                ["_rank", "start"], kind="stable").head(EXAMPLES)
            examples = "".join(_example(r) for r in shown.itertuples())
            items.append(f"<li>{head}{'<ul>' + examples + '</ul>' if examples else ''}</li>")
        parts.append(f"<ul class='garbles'>{''.join(items)}</ul>")
        if len(rows) > PAIRS_SHOWN:
            parts.append(f"<p>{plural(len(rows) - PAIRS_SHOWN, 'more pair')}: "
                         f"{report_link(site, '04', 'the translation report')}.</p>")
    derived_from: dict[str, set[str]] = {}
    for f, source in zip(pairs.get("file", []), pairs.get("source_file", [])):
        derived_from.setdefault(f, set()).add(source)
    parts.append(_within_articles(findings, outlet, derived_from, site))
    return "".join(parts)


def _within_articles(findings: pd.DataFrame, outlet: dict[str, str], derived_from: dict[str, set[str]],
                     site=None) -> str:
    """Artefacts of translation found inside single articles (untranslated or glued words ...),
    by article, most first; then the ones found between two articles (a quotation or a title
    rendered differently), charged to the rendering where one article derives from the other."""
    e = html.escape
    other = findings["other_file"] if "other_file" in findings else pd.Series([None] * len(findings), index=findings.index)
    relational = other.map(lambda f: isinstance(f, str) and bool(f))
    alone, between = findings[~relational], findings[relational]
    parts = []
    if not len(alone):
        parts.append("<p>No translation artefact (untranslated or glued words, a swapped nationality ...) was found "
                     "inside a single article.</p>")
    else:
        counts = alone.groupby("file").size().sort_values(ascending=False, kind="stable")
        items = []
        for file, n in counts.head(PAIRS_SHOWN).items():
            own = alone[alone["file"] == file]
            items.append(f"<li><strong>{e(file)}</strong> ({e(outlet.get(file, ''))}): {plural(int(n), 'artefact')} "
                         f"({e(_change_counts(own['kind']))}), e.g. {_finding(own.iloc[0])}</li>")
        more = (f"<p>{len(counts) - PAIRS_SHOWN:,} more articles: {report_link(site, '03', 'the names and translation report')}"
                f".</p>" if len(counts) > PAIRS_SHOWN else "")
        parts.append(f"<p>Inside single articles (no original needed): {plural(len(alone), 'translation artefact')} in "
                     f"{plural(len(counts), 'article')}, most first:</p><ul class='garbles'>{''.join(items)}</ul>{more}")
    if len(between):
        items = []
        for r in between.head(PAIRS_SHOWN).itertuples():
            if r.other_file in derived_from.get(r.file, set()):
                who = f"{e(r.file)} renders {e(r.other_file)} and differs from it"
            elif r.file in derived_from.get(r.other_file, set()):
                who = f"{e(r.other_file)} renders {e(r.file)} and differs from it"
            else:
                who = f"{e(r.file)} and {e(r.other_file)} differ (neither is known to render the other)"
            items.append(f"<li>{who}: {_finding(r._asdict())}</li>")
        more = f"<p>{len(between) - PAIRS_SHOWN:,} more in the names and translation report.</p>" if len(between) > PAIRS_SHOWN else ""
        parts.append(f"<p>Between two articles: {plural(len(between), 'statement or title', 'statements or titles')} rendered differently:</p>"
                     f"<ul class='garbles'>{''.join(items)}</ul>{more}")
    return "".join(parts)


def _finding(r) -> str:
    e = html.escape
    where = links.article_href(r["file"], "f", r["start"], r["end"])
    return (f'<em>{e(str(r["kind"]).replace("_", " "))}</em> <a href="{e(where)}">“{_quote(r["text"], 80)}”</a>: '
            f'{e(str(r["explanation"]))}')
