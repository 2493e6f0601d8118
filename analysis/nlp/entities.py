"""The ``entity_tagger`` component: where people, bodies and places are named.

Two kinds of span go to ``doc.spans["mentions"]``, each with ``span._.mention`` (a dict):

* gazetteer matches (PhraseMatcher over every canonical name, alias and correct alternative
  spelling in ``data/gazetteer.csv``): ``{"source": "gazetteer", "entity_id", "name", "role"}``;
* candidate names not in the gazetteer: runs of capitalised words, hyphenated Korean-style
  names joined (``Kim Yong-hyun``), leading titles stripped and kept as ``role``
  (``Menteri Pertahanan``), function words, months, weekdays and sentence-initial verbs
  (``Mengonfirmasi``) left out: ``{"source": "candidate", "name", "role", "new_label",
  "weak", "tail", "heads"}``. ``new_label`` is the label the name gets if nothing in the gazetteer
  matches (PERSON, ORG or None: too weak); ``tail`` is ``(token, name)`` of the name
  without its first word (``Komentar Nowseda``); ``heads`` the ``(end token, name)`` of its
  shorter beginnings, longest first (``Zelensky`` of a headline's ``Zelensky Ungkap Kondisinya``).

Which entity a candidate is depends on the whole article (a surname refers to a person
introduced earlier), so :mod:`analysis.names.canonical` decides it once every chunk of
the article has been tagged. Reads the language's lexicons; writes nothing outside the Doc.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import resources
from .credits import is_credit, is_outlet
from .gazetteer import gazetteer, normalise
from .proposals import PERSON, SENTENCE_OPENERS, common_opener, joined, merge, model_spans, phrase, plain_words, regnal
from .sentences import doc_text
from .wordlang import common_word, zipf

SPAN_KEY = "mentions"
KOREAN_NAME = re.compile(r"\b[A-Z][a-z]+-[a-z]+\b(?!-)")  # "Yong-hyun", not "Indo-Pasifik" nor "Nasr-e-Basir"
TITLE_CASE_SHARE = 0.6  # a line where most words are capitalised is a headline
SENTENCE_WORDS = 15  # ... unless it is a sentence of this many words ending in a full stop
DATELINE_OUTLET = re.compile(r"^\s*[A-Z][A-Z.'’ -]{2,},\s*$")  # "SEOUL, Warta Nusantara -": the outlet

if not Span.has_extension("mention"):
    Span.set_extension("mention", default=None)


def headline_like(text: str) -> bool:
    """Most words capitalised (title-case headline, promo, related-story line), unless the line
    is a long sentence that ends with a full stop: a headline has no full stop, a body sentence
    heavy with names and titles has one."""
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 4:
        return False
    if len(words) >= SENTENCE_WORDS and text.rstrip().endswith("."):
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE


class EntityLexicon:
    """The words of one language the tagger reads."""

    def __init__(self, lang: str):
        lex = resources.lexicon(lang)
        temporal = lex.table("temporal_words")
        stop = set(lex.column("function_words", "word"))
        stop |= {r["form"].capitalize() for r in lex.table("months")}
        stop |= {r["form"].capitalize() for r in lex.table("weekdays")}
        stop |= {r["form"].capitalize() for r in temporal if " " not in r["form"]}
        self.stop = frozenset(stop)
        self.titles = lex.words("title_words")
        self.lowercase_titles = frozenset(r["word"].lower() for r in lex.table("title_words") if r["lowercase_ok"] == "yes")
        self.org_words = frozenset(lex.column("org_words", "word"))
        self.speech = frozenset(r["verb"] for r in lex.table("attribution_verbs") if r["kind"] in {"speech", "source"})
        self.speaker_before = frozenset(r["verb"] for r in lex.table("attribution_verbs")  # "Budi mengatakan"
                                        if r["kind"] in {"speech", "source"} and r["order"] != "postposed")
        self.foreign = lex.words("english_words") if lex.has("english_words") else frozenset()
        self.person_cues = lex.mapping("person_cues", "cue", "kind")  # cue -> byline | credit
        self.timestamp_cues = lex.words("timestamp_cues", "cue") if lex.has("timestamp_cues") else frozenset()
        self.journalists = lex.words("journalist_nouns") if lex.has("journalist_nouns") else frozenset()
        self.particles = lex.words("name_particles") if lex.has("name_particles") else frozenset()
        self.place_prepositions = lex.words("place_prepositions") if lex.has("place_prepositions") else frozenset()
        self.credit_words = frozenset(cue.split()[0] for cue, kind in self.person_cues.items()  # "Foto :", "Photo /"
                                      if kind == "credit" and len(cue.split()) == 2 and not cue.split()[1].isalpha())
        cues = lex.table("outlet_cues") if lex.has("outlet_cues") else ()
        self.outlet_cues = {where: frozenset(r["cue"].lower() for r in cues if r["where"] == where)
                            for where in ("before", "after", "word")}
        self.place_nouns = lex.words("place_nouns") if lex.has("place_nouns") else frozenset()
        shape = lex.settings.get("verbal_shape", "")
        self.verbal_shape = re.compile(shape) if shape else None
        very = float(lex.settings.get("very_common_zipf", "inf"))
        self.common = common_word(lex.settings, lang)  # a word the language uses as a common word ("Rincian")
        self.very_common = lambda word: zipf(word, lang) >= very
        active = lex.settings.get("active_verb_shape", "")
        self.active_verb = re.compile(active) if active else None

    def is_title(self, token) -> bool:
        return token.lower_ in self.titles and (token.text[:1].isupper() or token.lower_ in self.lowercase_titles)


@Language.factory("entity_tagger")
def make_entity_tagger(nlp: Language, name: str) -> "EntityTagger":
    return EntityTagger(nlp)


class EntityTagger:
    def __init__(self, nlp: Language):
        self.lex = EntityLexicon(nlp.lang)
        self.gaz = gazetteer()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.caseless = PhraseMatcher(nlp.vocab, attr="LOWER")
        forms = self.gaz.phrases()
        self.exact.add("GAZ", [nlp.make_doc(f) for f in forms])
        self.caseless.add("GAZ", [nlp.make_doc(f) for f in forms if len(f.split()) > 1])

    def __call__(self, doc: Doc) -> Doc:
        found = [doc[s:e] for _, s, e in self.exact(doc)] + [doc[s:e] for _, s, e in self.caseless(doc)]
        gaz_spans = filter_spans(found)
        occupied = {i for span in gaz_spans for i in range(span.start, span.end)}
        spans = []
        bodies = {}  # token -> gazetteer id of a country or body (what a role or appositive names)
        for span in gaz_spans:
            entity_id = self.gaz.by_form[normalise(span.text)]
            if self.gaz.entities[entity_id].label in {"GPE", "ORG"}:
                bodies.update(dict.fromkeys(range(span.start, span.end), entity_id))
        agencies = {i for i, e in bodies.items() if self.gaz.entities[e].type}  # news agencies, state media
        places = {i for i, e in bodies.items() if self.gaz.entities[e].label == "GPE"}
        for span in gaz_spans:
            entity_id = self.gaz.by_form[normalise(span.text)]
            span = Span(doc, span.start, span.end, label=self.gaz.entities[entity_id].label)
            role, affiliation = self._described(doc, span.start, span.end, bodies)
            span._.mention = {"source": "gazetteer", "entity_id": entity_id, "name": span.text, "role": role,
                              "affiliation": affiliation}
            spans.append(span)
        headlines: dict[int, bool] = {}  # line start -> headline-like (computed once per line)
        text = doc_text(doc)
        lowercase = {t.lower_ for t in doc if t.is_lower}  # words this text also writes in lower case
        is_name = self._name_words(doc, occupied)
        proposed = plain_words(doc, joined(doc, model_spans(doc, occupied), lambda i: is_name[i] and not
                                           self.lex.is_title(doc[i]) and doc[i].lower_ not in lowercase), self.lex.very_common)
        runs = merge(self._candidates(doc, is_name, occupied), proposed)
        for start, end, model in runs:
            while start < end and (self.lex.is_title(doc[start]) or not is_name[start]):
                start += 1  # "Presiden Joko": the title is the role; "Sejak" is no name
            while end > start and not (is_name[end - 1] or hyphen_tail(doc, start, end)
                                       or (model == PERSON and regnal(doc, start, end))):
                end -= 1  # "Jokowi)": the bracket; "Yong-hyun", "al-Qassam" and "Hamengkubuwono X" stay whole
            while model == PERSON and end + 1 < len(doc) and hyphen_tail(doc, start, end + 2) and doc[end + 1].is_lower:
                end += 2  # the model stopped at the hyphen of a given name: "Yoo Jae[-eun]"
            if start == end or (model == PERSON and self._common_word(doc, start, end, lowercase)):
                continue
            if (model is None and phrase(doc, start, end, self.lex.very_common)) or (model in {PERSON, None} and
                    common_opener(doc, start, end, self.lex.common, self.lex.speaker_before, self.lex.active_verb)):
                continue  # "Menteri Tenaga Kerja": a portfolio; "Fenomena ...": a common word opening the sentence
            if doc[start].lower_ in self.lex.place_nouns or (model == PERSON and start > 0
                                                              and doc[start - 1].lower_ in self.lex.place_nouns):
                continue  # "pelabuhan Chongjin", "Jl Wahid Hasyim", "Kabupaten Sragen": a place noun names a place
            span = Span(doc, start, end, label="CANDIDATE")
            role, affiliation = self._described(doc, start, end, bodies)
            tokens = name_of(span).split()
            tail = (start + 1, name_of(doc[start + 1:end])) if end - start > 1 else None
            heads = [(k, name_of(doc[start:k])) for k in range(end - 1, start, -1) if doc[k - 1].is_alpha]
            cue = self._cued(doc, start) or self._stamped(doc, start, end)
            cued = cue == "byline"
            outlet = bool(DATELINE_OUTLET.match(text[text.rfind("\n", 0, span.start_char) + 1:span.start_char])
                          and re.match(r"\s*(-{1,2}|—|–)", text[span.end_char:span.end_char + 4])) \
                or is_outlet(doc, start, end, self.lex.outlet_cues, places)
            if not outlet and (cue == "credit" or is_credit(doc, start, end, agencies, self.lex.credit_words)):
                continue  # a photo credit names no one in the story
            label = "ORG" if outlet else "PERSON" if cued else self._typed(model, span, tokens, role, lowercase)
            if cued or outlet or label == "PERSON":  # a byline, a dateline outlet or a speech verb outranks the tagger
                model = None if model != PERSON else model
            span._.mention = {"source": "candidate", "name": name_of(span), "role": role, "affiliation": affiliation,
                              "new_label": label, "model": model, "tail": tail, "heads": heads, "outlet": outlet,
                              "byline": cued or self._signed(text, span),
                              "weak": not cued and not outlet and (self._weak(span, text, headlines)
                                                                   or self._unread(model, label, span))}
            spans.append(span)
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: s.start)
        return doc

    # -- candidates ------------------------------------------------------------

    def _name_words(self, doc: Doc, occupied: set[int]) -> list[bool]:
        """Per token: a capitalised word that may be part of a name (not a function word, month
        or weekday, not a sentence-initial verb like ``Mengonfirmasi``, not in a gazetteer match)."""
        lex = self.lex
        is_name = [False] * len(doc)
        for i, t in enumerate(doc):
            word = t.text
            if i in occupied or len(word) < 2 or not word[0].isupper() or not word.replace("'", "").isalpha():
                continue
            if word in lex.stop:
                continue
            if i + 1 < len(doc) and f"{t.lower_} {doc[i + 1].lower_}" in lex.person_cues:
                continue  # "Penulis: X Editor: Y": a credit line's next cue ends the name before it
            if t.lower_ in lex.timestamp_cues:
                continue  # "X Published December 23": the page's timestamp
            previous = doc[i - 1].text if i else ""
            if previous in SENTENCE_OPENERS and word[1:].islower() and lex.verbal_shape is not None \
                    and lex.verbal_shape.match(word.lower()):
                continue
            is_name[i] = True
        return is_name

    def _candidates(self, doc: Doc, is_name: list[bool], occupied: set[int]) -> list[tuple[int, int]]:
        """Token ranges of capitalised runs outside gazetteer matches, titles stripped;
        ``Vladimir) Putin`` (a bracketed editor insertion) is one candidate."""
        lex = self.lex
        runs, i = [], 0
        while i < len(doc):
            if not is_name[i]:
                i += 1
                continue
            j = i + 1
            while j < len(doc):
                if is_name[j] and doc[j - 1].whitespace_:
                    j += 1
                elif (doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_
                      and j + 1 < len(doc) and doc[j + 1].is_alpha and j + 1 not in occupied):
                    j += 2  # Yong-hyun
                elif is_name[j] and doc[j - 1].text != "-":
                    j += 1
                elif (doc[j].text in lex.particles and doc[j - 1].whitespace_ and j + 1 < len(doc)
                      and is_name[j + 1] and doc[j].whitespace_):
                    j += 2  # "Hamish de Bretton-Gordon": a lowercase particle inside a name
                else:
                    break
            while i < j and (lex.is_title(doc[i]) or doc[i].text in {"-", "–"}):
                i += 1  # "Secretary-General Mark Rutte": the title, hyphen and all
            if i < j:
                runs.append([i, j])
            i = j
        merged: list[list[int]] = []
        for run in runs:  # "(Presiden Rusia Vladimir) Putin"
            if merged and run[0] == merged[-1][1] + 1 and doc[merged[-1][1]].text == ")" \
                    and merged[-1][1] - merged[-1][0] == 1 and run[1] - run[0] == 1:
                merged[-1][1] = run[1]
            else:
                merged.append(run)
        return [(a, b) for a, b in merged]

    def _described(self, doc: Doc, start: int, end: int, bodies: dict[int, str]) -> tuple[str, str]:
        """``(role, affiliation)``: the title phrase before the name, else an appositive after it
        (``Daniel Whitcombe, a State Department spokesperson, said``), and the first country or
        body named in it (what an unknown speaker speaks for)."""
        first = self._role_start(doc, start)
        role = doc[first:start].text if first < start else ""
        words = range(first, start)
        if not role:
            appositive = self._appositive(doc, end)
            if appositive is not None:
                role, words = doc[appositive[0]:appositive[1]].text, range(*appositive)
        return role, next((bodies[i] for i in words if i in bodies), "")

    def _appositive(self, doc: Doc, end: int) -> tuple[int, int] | None:
        """Token range of ``, a/an/the ... <title word> ...,`` right after a name."""
        if end >= len(doc) or doc[end].text != ",":
            return None
        for j in range(end + 1, min(end + 12, len(doc))):
            if doc[j].text in {",", ".", ";", "\n"} or doc[j].is_space:
                span = doc[end + 1:j]
                if doc[j].text == "," and any(self.lex.is_title(t) for t in span):
                    return end + 1, j
                return None
        return None

    def _role_start(self, doc: Doc, start: int) -> int:
        """Where the title phrase right before a mention starts (``start`` when there is none):
        title words, joiners and country or body names among them (``Sekretaris Jenderal NATO``,
        ``juru bicara Pentagon``, ``Duta Besar Ukraina untuk PBB``), from the first title word."""
        lex, joiners = self.lex, resources.words_in_any_language("role_joiners")
        k = start
        while k > 0 and start - k < 8:
            t = doc[k - 1]
            if lex.is_title(t) or t.lower_ in joiners or (t.text[:1].isupper() and t.is_alpha):
                k -= 1
            else:
                break
        while k < start and not lex.is_title(doc[k]):
            k += 1
        return k

    def _weak(self, span: Span, text: str, headlines: dict[int, bool]) -> bool:
        """A name too doubtful to report if it is new: alone on its line, in a headline-like line,
        or made of words of the language the copy was translated from (an untranslated fragment)."""
        line_start = text.rfind("\n", 0, span.start_char) + 1
        if line_start not in headlines:
            line_end = text.find("\n", span.end_char)
            headlines[line_start] = headline_like(text[line_start: line_end if line_end >= 0 else len(text)])
        line_end = text.find("\n", span.end_char)
        if len(span) == 1 and text[line_start:line_end if line_end >= 0 else len(text)].strip(" \t.:|") == span.text:
            return True  # a word alone on its line ("Follow", a caption label): nothing says it is a name
        words = [t.lower_ for t in span if t.is_alpha]
        return headlines[line_start] or bool(self.lex.foreign) and all(w in self.lex.foreign for w in words)

    def _cued(self, doc: Doc, start: int) -> str:
        """The kind of the byline or credit cue right before the name: ``byline`` (``Reporting
        by``, ``LAPORAN:``; a one-word cue such as a bare ``by`` or ``oleh`` only at the start of a
        line: mid-sentence it is a passive's agent, ``dirancang oleh BEI``), ``credit`` (``Foto:``,
        ``Photo by``: a picture's credit), or ``""``."""
        words = [t.lower_ for t in doc[max(0, start - 3):start] if not t.is_space]
        for n in (3, 2, 1):
            cue = " ".join(words[-n:]) if len(words) >= n else None
            if cue in self.lex.person_cues and (n > 1 or start < 2 or "\n" in doc[start - 2].text
                                                or doc[start - 2].is_space):
                return self.lex.person_cues[cue]
        return ""

    def _signed(self, text: str, span: Span) -> bool:
        """A name alone on its line with a journalist's role on the next (``Frank Smith`` /
        ``BBC security correspondent``): the article's author."""
        line_start = text.rfind("\n", 0, span.start_char) + 1
        line_end = text.find("\n", span.end_char)
        if line_end < 0 or text[line_start:line_end].strip() != span.text:
            return False
        following = text[line_end + 1:text.find("\n", line_end + 1) if "\n" in text[line_end + 1:] else len(text)]
        return bool(set(re.findall(r"\w+", following.lower())) & self.lex.journalists)

    def _stamped(self, doc: Doc, start: int, end: int) -> str:
        """``byline`` for a name opening its line right before a publication timestamp (``Dana
        Whitfield Published December 23, 2024``): the author line of a news page."""
        opens = start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_
        return "byline" if opens and end < len(doc) and doc[end].lower_ in self.lex.timestamp_cues else ""

    def _typed(self, model: str | None, span: Span, tokens: list[str], role: str, lowercase: set[str]) -> str | None:
        """The label of a new name: the model's type where it gave one (a place is no entity
        here, a body is ORG), else the rules' judgement."""
        if model == PERSON:
            if any(t in self.lex.org_words for t in tokens):  # "Bridge Alliance": a body's head word
                return "ORG" if len(tokens) > 1 else None
            return None if all(self.lex.is_title(t) for t in span) else "PERSON"
        if model == "ORG":
            label = self._new_label(span, tokens, role, lowercase)
            if label == "PERSON" and len(tokens) > 1 and self._speech_or_korean(span):
                return "PERSON"  # "kata Aurelio Quentesa": a speech verb and a full name outrank a foreign name's type
            return "ORG" if label is not None else None
        if model is not None:
            return None
        label = self._new_label(span, tokens, role, lowercase)
        return label

    def _unread(self, model: str | None, label: str | None, span: Span) -> bool:
        """A person the rules see where the trained tagger read no name, without a title before it,
        a speech verb or a Korean-style name beside it: capitals alone are not enough for a new
        person; the name may still be someone the gazetteer knows."""
        return model is None and label == "PERSON" and span.doc.has_annotation("ENT_IOB") \
            and not (self._speech_or_korean(span) or self._role_start(span.doc, span.start) < span.start)

    def _common_word(self, doc: Doc, start: int, end: int, lowercase: set[str]) -> bool:
        """One sentence-initial word the text also writes in lower case (``Awal``): a capital
        that only starts the sentence."""
        previous = doc[start - 1].text if start else ""
        return end - start == 1 and previous.strip() in SENTENCE_OPENERS and doc[start].lower_ in lowercase

    def _speech_or_korean(self, span: Span) -> bool:
        """A speech verb right before or after the name, or a Korean-style given name."""
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        return before in self.lex.speech or after in self.lex.speech or korean_name(span.text)

    def _new_label(self, span: Span, tokens: list[str], role: str, lowercase: set[str]) -> str | None:
        doc = span.doc
        before = doc[span.start - 1].lower_ if span.start else ""
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if any(t in self.lex.org_words for t in tokens):
            return "ORG" if len(tokens) > 1 else None  # a bare "Badan" is not a name
        speech = before in self.lex.speech or after in self.lex.speech
        korean = korean_name(span.text)
        if any(self.lex.is_title(t) for t in span):  # "Asisten Menteri Pertahanan": a title, not a name
            return None
        if len(tokens) == 1 and len(tokens[0]) > 1 and tokens[0].isupper():  # "JCS said": an acronym names a body
            return "ORG" if speech else None
        if len(tokens) == 1:  # one unknown word: only with a speech verb or a Korean-style name
            return "PERSON" if speech or korean else None
        if role or speech or korean:
            return "PERSON"
        if before in self.lex.place_prepositions:
            return None  # "in New York": a place
        # no cue: two to four capitalised words, none of them a word this text also writes in lower
        # case ("Far East", "People Power Party", "Vietnam War" are not people)
        if len(tokens) <= 4 and all(t[:1].isupper() and not t.isupper() and t.lower() not in lowercase for t in tokens):
            return "PERSON"
        return None  # a lone capitalised word or acronym without cues: too weak to be an entity


def korean_name(text: str) -> bool:
    """A Korean-style given name (``Yong-hyun``), not a reduplicated plural (``Pertemuan-pertemuan``)."""
    return any(m.group(0).split("-")[0].lower() != m.group(0).split("-")[1] for m in KOREAN_NAME.finditer(text))


def hyphen_tail(doc: Doc, start: int, end: int) -> bool:
    """The last token of ``doc[start:end]`` ends a hyphenated name (``Yong-hyun``)."""
    return end - start >= 3 and doc[end - 1].is_alpha and doc[end - 2].text == "-" \
        and not doc[end - 2].whitespace_ and not doc[end - 3].whitespace_


def name_of(span: Span) -> str:
    """The name a span spells, without editor brackets: "Vladimir) Putin" -> "Vladimir Putin"."""
    return " ".join(t.text for t in span if t.text not in {"(", ")"}).replace(" - ", "-")
