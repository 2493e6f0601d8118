"""The per-article stage: texts in, rows of every per-article table out.

:func:`analyse_batch` is what a worker runs (a local process or a Dask worker): it takes a
batch of :class:`ArticleInput` (plain, picklable), streams their text through the language's
spaCy pipeline with ``nlp.pipe``, and returns one :class:`ArticleRows` per article. Long
articles are cut at line breaks into chunks of at most ``CHUNK_CHARS`` (sentences never cross
a line, so nothing is split), each chunk a Doc, so cost stays linear in the article's length.
No Doc outlives its article.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace

from .. import resources
from ..article import ArticleContext
from ..estimates.article import figure_rows
from ..names.canonical import canonicalise
from ..nlp import boilerplate, get_nlp
from ..nlp.language import WORD, guess, sentence_language
from ..nlp.sentences import sentence_spans
from ..resources import supported_languages
from ..timeline import article as timeline
from ..timeline.dating import date_article
from ..translation import anchors
from ..translation import article as translation
from . import invisible, sections

CHUNK_CHARS = 20_000
HEADING_MAX_WORDS = 15


@dataclass(frozen=True)
class ArticleInput:
    file: str
    text: str
    meta: dict  # manifest row: published (date or ""), outlet, url, language, title, extras
    language: str  # the manifest's, or "" (detected here)
    listed: bool  # listed in the manifest, or no manifest at all


@dataclass
class ArticleRows:
    file: str
    tables: dict[str, list[dict] | sections.Packed] = field(default_factory=dict)  # Packed: a sectioned article's
    restored: bool = False  # offsets already put back into the original text (a sectioned article)


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``(offset, piece)``: the text cut after line breaks into pieces of at most ``limit``
    characters (a single longer line is cut after a sentence end or, failing that, a space)."""
    if len(text) <= limit:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                match = None
                for match in re.finditer(r"[.!?][”\"’)]?\s", text[start:end]):
                    pass
                cut = start + match.end() - 1 if match else text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


def analyse_batch(items: list[ArticleInput], batch_size: int = 32) -> list[ArticleRows]:
    """Rows of every article of the batch, in the batch's order. An article that raises
    anywhere in its analysis is kept and flagged (see :func:`failed`); the others are unaffected."""
    results: dict[int, ArticleRows] = {}
    by_language: dict[str, list[int]] = {}
    originals = [item for item in items]
    hidden = [invisible.strip(item.text) for item in items]  # read without soft hyphens, zero-widths...
    items = [replace(item, text=text) if removed else item for item, (text, removed) in zip(items, hidden)]
    languages = [_guarded_language(item) for item in items]
    for index, (item, (lang, _, _)) in enumerate(zip(items, languages)):
        if isinstance(lang, Exception):
            languages[index] = ("und", "detected", None)
            results[index] = failed(item, languages[index], lang, "language detection")
        elif lang in supported_languages():
            by_language.setdefault(lang, []).append(index)
        else:  # kept and flagged, never read with another language's rules
            results[index] = ArticleRows(item.file, {"articles": [_record(item, languages[index], analysed=False)]})
    for lang, indices in by_language.items():
        try:
            _analyse_together(items, languages, indices, batch_size, results, originals, hidden)
        except Exception:  # the pipeline itself broke on some text: again article by article, to find which
            for index in indices:
                if index not in results:
                    results[index] = _analyse_alone(items[index], languages[index])
    for index, (_, removed) in enumerate(hidden):
        if removed and not results[index].restored:  # ...and every offset put back into the text as it is
            try:
                invisible.restore(results[index].tables, originals[index].text, removed)
            except Exception as exc:
                results[index] = failed(originals[index], languages[index], exc, "offset mapping")
        if removed:
            results[index].tables["articles"][0]["n_chars"] = len(originals[index].text)
    return [results[i] for i in range(len(items))]


def _runs(items, indices, batch_size: int):
    """``(indices, batch size)`` to stream through ``nlp.pipe`` in turn: a very long article
    alone, in small batches (a batch's Docs and the model's activations grow with its
    characters); the articles between them together, as given."""
    run = []
    for index in indices:
        if len(items[index].text) > sections.SECTION_CHUNKS * CHUNK_CHARS:
            if run:
                yield run, batch_size
            run = []
            yield [index], sections.PIPE_BATCH
        else:
            run.append(index)
    if run:
        yield run, batch_size


def _analyse_together(items, languages, indices, batch_size: int, results: dict, originals, hidden) -> None:
    """Stream the articles ``indices`` (one language) through its pipeline and analyse each."""
    nlp = get_nlp(languages[indices[0]][0])
    for run, size in _runs(items, indices, batch_size):
        pieces = ((_make_doc(nlp, piece), (index, offset)) for index in run for offset, piece in chunks(items[index].text))
        current, docs, long = None, [], None
        for doc, (index, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=size):
            if current is not None and index != current:
                results[current] = long.done(docs) if long else _analyse_guarded(items[current], languages[current], docs)
                docs, long = [], None
            current = index
            docs.append((offset, doc))
            if len(docs) >= sections.SECTION_CHUNKS:  # a very long article: this section now, its Docs freed
                long = long or _Sections(items[index], languages[index], originals[index].text, hidden[index][1])
                long.add(docs)
                docs = []
        if current is not None:
            results[current] = long.done(docs) if long else _analyse_guarded(items[current], languages[current], docs)


class _Sections:
    """One very long article analysed a section at a time (see :mod:`analysis.extract.sections`);
    each section's offsets put back into the original text (``removed``: the invisible
    characters read out) before its rows are packed."""

    def __init__(self, item: ArticleInput, language, original: str, removed):
        self.item, self.language, self.original, self.removed = item, language, original, removed
        self.joined = sections.Joiner()
        self.dated: dict | None = None
        self.carry: dict = {}  # the boilerplate tail marker in force at the section's end
        self.error: ArticleRows | None = None

    def add(self, docs) -> None:
        if self.error is not None or not docs:
            return
        stage = Stage()
        try:
            tables = analyse(self.item, self.language, docs, stage, self.dated, self.carry).tables
            if self.removed:
                stage.name = "offset mapping"
                invisible.restore(tables, self.original, self.removed)
        except Exception as exc:
            self.error = failed(self.item, self.language, exc, stage.name)
            return
        if self.dated is None:
            self.dated = dict(tables["articles"][0])
        self.joined.add(tables)

    def done(self, docs) -> ArticleRows:
        self.add(docs)
        return self.error or ArticleRows(self.item.file, self.joined.tables, restored=True)


def _analyse_alone(item: ArticleInput, language) -> ArticleRows:
    """One article through its pipeline component by component, so a failure names its component."""
    stage = "tokenizer"
    try:
        nlp = get_nlp(language[0])
        docs = []
        for offset, piece in chunks(item.text):
            stage = "tokenizer"
            doc = _make_doc(nlp, piece)
            for name, component in nlp.pipeline:
                stage = f"spaCy component {name!r}"
                doc = component(doc)
            docs.append((offset, doc))
    except Exception as exc:
        return failed(item, language, exc, stage)
    return _analyse_guarded(item, language, docs)


def _analyse_guarded(item: ArticleInput, language, docs) -> ArticleRows:
    stage = Stage()
    try:
        return analyse(item, language, docs, stage)
    except Exception as exc:
        return failed(item, language, exc, stage.name)


class Stage:
    """Which step of :func:`analyse` is running (named in the error of an article that fails)."""

    name = "start"


def failed(item: ArticleInput, language, exc: Exception, stage: str) -> ArticleRows:
    """The record of an article whose analysis raised: kept, ``analysed`` false, the error named."""
    record = _record(item, language, analysed=False)
    message = " ".join(str(exc).split())[:300]
    record["error"] = f"{type(exc).__name__}: {message} (stage: {stage})" if message else f"{type(exc).__name__} (stage: {stage})"
    return ArticleRows(item.file, {"articles": [record]})


def _guarded_language(item: ArticleInput):
    try:
        return _language(item)
    except Exception as exc:  # the article is flagged, the batch goes on
        return exc, "", None


def _language(item: ArticleInput) -> tuple[str, str, float | None]:
    """``(language, language_source, confidence)``: the manifest's language wins; otherwise the
    detector's (``und`` when it cannot tell)."""
    if item.language:
        return item.language, "manifest", None
    code, confidence = guess(item.text)
    return (code or "und"), "detected", confidence


def _record(item: ArticleInput, language: tuple[str, str, float | None], analysed: bool) -> dict:
    lang, source, confidence = language
    record = {**item.meta, "file": item.file, "language": lang, "language_source": source,
              "language_confidence": confidence, "n_chars": len(item.text), "analysed": analysed}
    if not isinstance(record.get("published"), dt.date):
        record["published"] = None
    if not analysed:
        record.update(n_sentences=0, n_boilerplate=0, published_source="manifest" if record["published"] else "unknown",
                      published_evidence=record.get("published_evidence") or "")
    return record


def _make_doc(nlp, text: str):
    """Tokenised Doc with its text kept in ``user_data`` (see :func:`analysis.nlp.sentences.doc_text`)."""
    doc = nlp.make_doc(text)
    doc.user_data["text"] = text
    return doc


def analyse(item: ArticleInput, language: tuple[str, str, float | None], docs, stage: Stage | None = None,
            dated: dict | None = None, carry: dict | None = None) -> ArticleRows:
    """Every per-article table of one article from its chunk Docs (``stage`` names the step
    running; ``dated``: the record of the article's first section, for a later section;
    ``carry``: what one section hands the next, read and updated here)."""
    stage = stage or Stage()
    carry = {} if carry is None else carry
    record = dict(dated) if dated is not None else _record(item, language, analysed=True)
    lang = language[0]
    ctx = ArticleContext(item.file, item.text, lang, record, list(docs))
    stage.name = "sentences"
    spans = [(offset + s, offset + e) for offset, doc in ctx.docs for s, e in sentence_spans(doc)]
    kinds, carry["tail"] = boilerplate.flag_window(item.text, spans, lang, *ctx.window, carry.get("tail"))
    ctx.set_sentences(sentence_rows(item.file, item.text, spans, kinds, lang, ctx.window))
    stage.name = "dating"
    if dated is None:
        record.update(date_article(ctx, listed=item.listed))
    stage.name = "names"
    mentions = canonicalise(ctx)
    stage.name = "time expressions"
    timexes = timeline.timex_rows(ctx)
    translates = bool(resources.lexicon(lang).settings.get("translated_from"))  # artefacts only in translated text
    stage.name = "figures"
    troops, other, speakers = figure_rows(ctx)
    for row, (speaker, group) in zip(ctx.sentences, speakers.of_rows(ctx.sentences)):
        row.update(speaker=speaker, speaker_group=group)
    stage.name = "translation anchors"
    sentence_anchor_rows = anchors.sentence_anchors(ctx, mentions, timexes, troops + other)
    record.update(n_sentences=len(spans), n_boilerplate=sum(k is not None for k in kinds))
    tables = {"articles": [record], "sentences": ctx.sentences, "time_expressions": timexes,
              "mentions": mentions, "troop_estimates": troops, "other_quantities": other,
              "sentence_anchors": sentence_anchor_rows}
    for name, make in (("timeline_findings", lambda: timeline.findings(ctx, timexes)),
                       ("event_candidates", lambda: timeline.event_candidates(ctx, timexes, mentions)),
                       ("translation_findings", lambda: translation.finding_rows(ctx) if translates else []),
                       ("quotes", lambda: translation.quote_rows(ctx) if translates else []),
                       ("article_anchors", lambda: [anchors.article_anchors(ctx, sentence_anchor_rows)])):
        stage.name = name.replace("_", " ")
        tables[name] = make()
    ctx.docs.clear()
    return ArticleRows(item.file, tables)


def sentence_rows(file: str, text: str, spans, kinds, lang: str, window: tuple[int, int] | None = None) -> list[dict]:
    """The sentence rows of ``spans``, all inside ``window`` of ``text`` (default: all of it)."""
    lo, hi = window or (0, len(text))
    first = text.rfind("\n", 0, lo) + 1
    before = text.count("\n", 0, first)  # lines above the window
    line_starts = [first] + [m.end() for m in re.finditer("\n", text[first:hi])]
    line_starts[1:] = [first + s for s in line_starts[1:]]
    rows = []
    for i, ((start, end), kind) in enumerate(zip(spans, kinds)):
        local = bisect.bisect_right(line_starts, start)
        line = before + local
        rows.append({
            "file": file, "sentence_id": i, "start": start, "end": end, "line": line, "text": text[start:end],
            "is_boilerplate": kind is not None, "boilerplate_kind": kind or "",
            "is_heading": kind is None and _is_heading(text, line_starts, local, start, end),
            "language": sentence_language(WORD.findall(text[start:end].lower()), lang),
        })
    return rows


def _is_heading(text: str, line_starts: list[int], line: int, start: int, end: int) -> bool:
    """A whole line, short, without final punctuation: a headline or subheading."""
    line_start = line_starts[line - 1]
    line_end = line_starts[line] - 1 if line < len(line_starts) else text.find("\n", line_start)
    line_end = line_end if line_end >= 0 else len(text)
    sentence = text[start:end]
    whole = text[line_start:line_end].strip() == sentence
    return whole and sentence[-1] not in ".!?:,;" and len(sentence.split()) <= HEADING_MAX_WORDS
