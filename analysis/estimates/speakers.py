"""Who is speaking where in one article: the attribution of every sentence, with pronouns and
definite descriptions resolved (per-article stage).

One pass over the article in text order records what a later *dia*, *he*, *the official*,
*pejabat itu*, *badan intelijen itu*, *it* can refer to: the last person named, the last
body, the last anonymous official (``a senior South Korean presidential official``: speaks for
the country named with him). Each sentence gets its speaker when it attributes what it says:
``menurut X`` / ``according to X``, ``kata X`` / ``said X``, ``X mengatakan`` / ``X said``, a
headline ``X: ...``. News agencies (gazetteer ``type`` news_agency) and the article's own
outlet carry claims and are never speakers; the agency is kept as ``reported_by``. Reads the
chunk Docs' mentions (canonicalised) and the language's lexicons.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import astuple, dataclass

from ..nlp.gazetteer import gazetteer, normalise
from ..nlp.sentences import sentence_starts
from ..timex import resolve
from .lexicon import EstimateLexicon, claimant_group

ACTOR_LABELS = {"PERSON", "ORG", "GPE"}
OFFICIAL_WINDOW = 5  # tokens around an official noun in which his country is named
DATELINE = re.compile(r"^[ \t]*([A-Z][A-Z.'\- ]{2,30}?)\s*(?:,|\(|[-\u2013\u2014])", re.MULTILINE)
DATELINE_LINES = 6  # a dateline opens one of the article's first lines
INVERSION_MARKS = {",", '"', "\u201d", "\u2019", "'"}  # '..., said Kim' / '" said Kim'
SUBJECT_WINDOW = 12  # tokens before a verb in which its subject is named ("X, Senin (28/10/2024), mengatakan")


@dataclass(frozen=True)
class Speaker:
    claimant: str
    group: str
    start: int  # absolute offsets of the words that name the speaker
    end: int
    how: str  # named | pronoun | official | headline
    day: str = ""  # when the attribution says it was said (a resolved date value), if it does
    kind: str = "person"  # person | body | official: what a later pronoun must be to refer to it


def speaker_of_mention(m, offset: int, how: str = "named") -> Speaker:
    mention = m._.mention
    group = claimant_group(mention["entity_id"], mention.get("affiliation", ""))
    kind = "person" if mention["label"] == "PERSON" else "body"
    return Speaker(mention["canonical"], group, offset + m.start_char, offset + m.end_char, how, "", kind)


def dateline_group(text: str) -> str:
    """The group of the place in the article's dateline (``SEOUL (AP) -`` -> South Korea), or ''."""
    head = "\n".join(text.split("\n", DATELINE_LINES)[:DATELINE_LINES])
    for match in DATELINE.finditer(head):
        entity = gazetteer().by_form.get(normalise(match.group(1)))
        group = claimant_group(entity) if entity else "other"
        if group != "other":
            return group
    return ""


def is_carrier(m) -> bool:
    """A news agency or the article's own outlet: it reports claims, it does not make them."""
    mention = m._.mention
    entity = gazetteer().entities.get(mention["entity_id"])
    return mention["match"] == "outlet" or (entity is not None and entity.type == "news_agency")


class Speakers:
    """The speakers of one article's sentences, built once in text order."""

    def __init__(self, text: str, docs, lex: EstimateLexicon, anchor=None):
        self.lex = lex
        self.anchor = anchor
        self.home = dateline_group(text)  # an unknown person's group when nothing else gives it
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.sentences: list[tuple[int, int, int, Speaker | None, str]] = []  # start, end, line, speaker, carrier
        self.history: list[tuple[int, str, Speaker]] = []  # (position, kind, speaker) of what pronouns refer to
        for offset, doc in docs:
            self._read(offset, doc)
        self.starts = [s[0] for s in self.sentences]

    def line(self, position: int) -> int:
        return bisect.bisect_right(self.line_starts, position) - 1

    # -- what a pronoun can refer to -----------------------------------------------------

    def _remember(self, offset: int, doc, mentions, day: str = "") -> None:
        for m in mentions:
            if m._.mention["label"] in {"PERSON", "ORG"} and not is_carrier(m):  # a country is no "it" that speaks
                kind = "person" if m._.mention["label"] == "PERSON" else "body"
                self._note((offset + m.start_char, kind, speaker_of_mention(m, offset)))
        countries = [m for m in mentions if m._.mention["label"] == "GPE" and not is_carrier(m)]
        near = sorted({i for m in countries for i in range(max(0, m.start - OFFICIAL_WINDOW),
                                                           min(len(doc), m.start + OFFICIAL_WINDOW + 1))})
        for t in (doc[i] for i in near):  # only the words a country is near: linear in the article
            if t.lower_ in self.lex.official_nouns:
                country = [m for m in countries if abs(m.start - t.i) <= OFFICIAL_WINDOW]
                m = min(country, key=lambda m: abs(m.start - t.i))
                group = claimant_group(m._.mention["entity_id"])
                noun = doc[min(m.start, t.i):max(m.end, t.i + 1)]
                self._note((offset + t.idx, "official",
                            Speaker(noun.text, group, offset + noun.start_char, offset + noun.end_char,
                                    "official", day, "official")))

    def _note(self, entry: tuple[int, str, Speaker]) -> None:
        """Keep the history in text order (after equal positions, as a stable sort would)."""
        bisect.insort_right(self.history, entry, key=lambda h: h[0])

    def refer(self, kind: str, position: int) -> Speaker | None:
        """The last person, body or anonymous official before ``position`` (an official may also
        be a person the text named: *the official* after *Pentagon spokeswoman Laura Kessler*)."""
        kinds = {"person": {"person"}, "official": {"official", "person"}, "body": {"body"}}[kind]
        for pos, k, speaker in reversed(self.history):
            if pos < position and k in kinds:
                return speaker
        return None

    def pronoun_at(self, doc, index: int, offset: int, before: bool) -> Speaker | None:
        """A pronoun or definite description ending right before token ``index`` (``before``) or
        starting at it, resolved."""
        for n in (3, 2, 1):
            words = doc[index - n:index] if before else doc[index:index + n]
            if len(words) != n:
                continue
            kind = self.lex.pronouns.get(" ".join(t.lower_ for t in words))
            if kind:
                found = self.refer(kind, offset + words.start_char)
                if found is not None:
                    return Speaker(found.claimant, found.group, offset + words.start_char, offset + words.end_char,
                                   "pronoun", found.day, found.kind)
        return None

    # -- sentence attributions --------------------------------------------------------------

    def _read(self, offset: int, doc) -> None:
        mentions = list(doc.spans.get("mentions", []))
        timexes = [t for t in doc.spans.get("timex", []) if t._.timex.kind == "date" and t._.timex.rule != "present"]
        starts = sentence_starts(doc) + [len(doc)]
        for a, b in zip(starts, starts[1:]):
            sentence = doc[a:b]
            inside = [m for m in mentions if a <= m.start < b]
            speaker = self.attribution(doc, offset, a, b, inside)
            carrier = next((m._.mention["canonical"] for m in inside if is_carrier(m)
                            and m._.mention["match"] != "outlet"), "")
            start = offset + sentence.start_char
            dated = next((t for t in timexes if a <= t.start < b), None)
            day = resolve(dated._.timex, self.anchor).value if dated is not None else ""
            if speaker is not None:
                speaker = Speaker(*astuple(speaker)[:5], day or speaker.day, speaker.kind)
            self.sentences.append((start, offset + sentence.end_char, self.line(start), speaker, carrier))
            self._remember(offset, doc, inside, day)
            if speaker is not None and speaker.how != "pronoun":  # what a later "dia" / "he" refers to, and when
                self._note((speaker.start, speaker.kind, speaker))

    def usable(self, doc, m) -> bool:
        """A mention that can be a speaker: an actor, not a carrier, not after a preposition
        (``in Russia`` is a place) or a citation cue."""
        if m._.mention["label"] not in ACTOR_LABELS or is_carrier(m):
            return False
        before = doc[m.start - 1].lower_ if m.start else ""
        pair = f"{doc[m.start - 2].lower_} {before}" if m.start > 1 else ""
        if pair in self.lex.according_to:
            return True
        # "in Russia", "in eastern Russia": a place, not a speaker
        return not any(t.lower_ in self.lex.places for t in doc[max(0, m.start - 2):m.start])

    def subject(self, doc, offset: int, verb: int, lo: int, inside) -> Speaker | None:
        """Who a verb at ``verb`` has as subject: a pronoun right before it, else the nearest
        named actor before it (a person preferred) within a few words, not before ``lo``."""
        if doc[verb].lower_ in self.lex.self_speaking:  # "..., katanya": he, the last person named
            found = self.refer("person", offset + doc[verb].idx)
            if found is not None:
                return Speaker(found.claimant, found.group, offset + doc[verb].idx,
                               offset + doc[verb].idx + len(doc[verb].text), "pronoun", found.day, found.kind)
        pronoun = self.pronoun_at(doc, verb, offset, before=True)
        if pronoun is not None:
            return pronoun
        near = [m for m in inside if lo <= m.start and m.end <= verb and verb - m.end <= SUBJECT_WINDOW
                and self.usable(doc, m)]
        people = [m for m in near if m._.mention["label"] == "PERSON"]
        if near:  # the nearest person before the verb ("X, a State Department spokesperson, said"), else the nearest name
            return speaker_of_mention((people or near)[-1], offset)
        first = next((t.i for t in doc[lo:verb] if not t.is_space and not t.is_punct), None)
        # "The official, speaking on condition of anonymity, said": the subject opens the sentence
        return self.pronoun_at(doc, first, offset, before=False) if first is not None else None

    def after(self, doc, offset: int, verb: int, hi: int, inside, window: int = 8) -> Speaker | None:
        if doc[verb].lower_ in self.lex.preposed:  # "said X" is rarer than "X said": X must follow at once
            window = 4
        """Who follows a verb or ``menurut``: a pronoun right after it, else the first named actor
        (a person preferred) within a few words."""
        pronoun = self.pronoun_at(doc, verb + 1, offset, before=False)
        if pronoun is not None:
            return pronoun
        near = [m for m in inside if verb < m.start <= verb + window and m.start < hi and self.usable(doc, m)]
        people = [m for m in near if m._.mention["label"] == "PERSON"]
        chosen = (people or near)[0] if near else None
        return speaker_of_mention(chosen, offset) if chosen is not None else None

    def attribution(self, doc, offset: int, a: int, b: int, inside) -> Speaker | None:
        """The speaker a sentence names anywhere in it (not relative to a figure)."""
        lex = self.lex
        first = next((t for t in doc[a:b] if not t.is_space), None)
        if first is not None:  # a headline "Zelensky: ..." / "Korsel: ..."
            lead = [m for m in inside if m.start == first.i and self.usable(doc, m)]
            if lead and lead[0].end < b and doc[lead[0].end].text == ":":
                return speaker_of_mention(lead[0], offset, "headline")
        for t in doc[a:b]:
            pair = f"{t.lower_} {doc[t.i + 1].lower_}" if t.i + 1 < b else ""
            if t.lower_ in lex.according_to or pair in lex.according_to:
                found = self.after(doc, offset, t.i + (1 if pair in lex.according_to else 0), b, inside)
                if found is not None:
                    return found
        for t in doc[a:b]:
            if t.lower_ in lex.preposed:
                found = self.subject(doc, offset, t.i, a, inside)
                if found is not None:
                    return found
            # "kata X"; a verb of either order ("said") is inverted only after a comma or a quote
            inverted = t.lower_ not in lex.preposed or (t.i > a and doc[t.i - 1].text in INVERSION_MARKS)
            if t.lower_ in lex.postposed and inverted:
                found = self.after(doc, offset, t.i, b, inside)
                if found is not None:
                    return found
        return None

    # -- across sentences -----------------------------------------------------------------

    def of_rows(self, sentences: list[dict]) -> list[tuple[str, str]]:
        """``(speaker, group)`` of each sentence row (``("", "")`` when it attributes nothing);
        an unknown person takes the dateline's country, as a claimant does."""
        out = []
        for row in sentences:
            found = self.of_sentence(row["start"])
            k = self._index(row["start"])
            if found is None or k < 0 or not (self.sentences[k][0] <= row["start"] < self.sentences[k][1]):
                out.append(("", ""))
                continue
            group = self.home if found.group == "other" and found.kind == "person" and self.home else found.group
            out.append((found.claimant, group))
        return out

    def _index(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position) - 1

    def of_sentence(self, position: int) -> Speaker | None:
        k = self._index(position)
        return self.sentences[k][3] if k >= 0 else None

    def carrier(self, position: int) -> str:
        k = self._index(position)
        return self.sentences[k][4] if k >= 0 else ""

    def nearby(self, position: int, figure_sentences: set[int]) -> tuple[Speaker | None, str]:
        """The speaker of the next sentence of the same paragraph when it only attributes (``...,
        the official said.`` / ``Pejabat itu mengatakan ...``), else the last speaker earlier in
        the paragraph."""
        k = self._index(position)
        if k < 0:
            return None, ""
        line = self.sentences[k][2]
        if k + 1 < len(self.sentences) and self.sentences[k + 1][3] is not None \
                and self.sentences[k + 1][2] == line and k + 1 not in figure_sentences:
            return self.sentences[k + 1][3], "next sentence"
        for j in range(k - 1, -1, -1):
            if self.sentences[j][2] != line:
                break
            if self.sentences[j][3] is not None:
                return self.sentences[j][3], "earlier in the paragraph"
        return None, ""
