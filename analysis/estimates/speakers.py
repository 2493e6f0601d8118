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

from ..nlp.gazetteer import CARRIER_TYPES, gazetteer, normalise
from ..nlp.sentences import sentence_starts
from ..timex import point_day, resolve
from .lexicon import EstimateLexicon, claimant_group

ACTOR_LABELS = {"PERSON", "ORG", "GPE"}
OFFICIAL_WINDOW = 5  # tokens around an official noun in which his country is named
DATELINE = re.compile(r"^[ \t]*([A-Z][A-Z.'\- ]{2,30}?)\s*(?:,|\(|[-\u2013\u2014])", re.MULTILINE)
DATELINE_LINES = 6  # a dateline opens one of the article's first lines
INVERSION_MARKS = {",", '"', "\u201d", "\u2019", "'"}  # '..., said Kim' / '" said Kim'
INTRODUCTION_WINDOW = 6  # capitalised words before a body's first name in which its nation is named
INTRODUCED = re.compile(r"(?:['\u2019]s)?(?:\s+[A-Z][\w\-]*(?:['\u2019]s)?)*\s*\(?")  # "'s Defense Ministry's Main", " ("
HEADLINE_LEAD = 4  # words before the colon of a headline attribution ("Sumber Intel Korsel:")
ONLY_ATTRIBUTES = 120  # characters: a sentence this short after a figure only attributes it
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
    end = -1
    for _ in range(DATELINE_LINES):  # the first lines, without copying the rest of a long text
        end = text.find("\n", end + 1)
        if end < 0:
            break
    head = text if end < 0 else text[:end]
    for match in DATELINE.finditer(head):
        entity = gazetteer().by_form.get(normalise(match.group(1)))
        group = claimant_group(entity) if entity else "other"
        if group != "other":
            return group
    return ""


def is_carrier(m) -> bool:
    """A news agency, an outlet the text names (``harian X``, ``X News``), the article's own
    outlet or its author (a byline): it reports claims, it does not make them."""
    mention = m._.mention
    entity = gazetteer().entities.get(mention["entity_id"])
    return mention["match"] == "outlet" or bool(mention.get("byline")) \
        or (entity is not None and entity.type in CARRIER_TYPES)


class Speakers:
    """The speakers of one article's sentences, built once in text order."""

    def __init__(self, text: str, docs, lex: EstimateLexicon, published=None):
        self.lex = lex
        self.published = published  # the article's publication date
        self.home = dateline_group(text)  # an unknown person's group when nothing else gives it
        self.text = text
        self.nations: list[tuple[int, str]] = []  # (end offset, group) of every nation named, in text order
        self.bodies: dict[str, str] = {}  # an unknown body -> the group of the nation named with it when introduced
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
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
        # "South Korean officials", "Pentagon officials", "Western officials": a country or a known body
        countries = [m for m in mentions if not is_carrier(m) and (m._.mention["label"] == "GPE" or (
            m._.mention["label"] == "ORG" and m._.mention.get("entity_id") in gazetteer().entities))]
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
        timexes = [t for t in doc.spans.get("timex", []) if t._.timex.is_point]  # no duration, set or "now"
        starts = sentence_starts(doc) + [len(doc)]
        for a, b in zip(starts, starts[1:]):
            sentence = doc[a:b]
            inside = [m for m in mentions if a <= m.start < b]
            speaker = self.attribution(doc, offset, a, b, inside)
            carrier = next((m._.mention["canonical"] for m in inside if is_carrier(m)
                            and not m._.mention.get("own_outlet") and not m._.mention.get("byline")), "")
            start = offset + sentence.start_char
            dated = next((t for t in timexes if a <= t.start < b), None)
            day = point_day(resolve(dated._.timex, self.published).value) if dated is not None else ""
            if speaker is not None:
                speaker = Speaker(*astuple(speaker)[:5], day or speaker.day, speaker.kind)
            self.sentences.append((start, offset + sentence.end_char, self.line(start), speaker, carrier))
            self._remember(offset, doc, inside, day)
            self._introduce(offset, inside)
            if speaker is not None and speaker.how != "pronoun":  # what a later "dia" / "he" refers to, and when
                self._note((speaker.start, speaker.kind, speaker))

    def _introduce(self, offset: int, mentions) -> None:
        """Where the article first names a body the gazetteer does not know, the nation named in
        the capitalised words right before it (``the Ukrainian Defense Ministry's Main
        Directorate``, ``Kepala Staf Gabungan Korea Selatan (JCS)``, where the acronym first
        stands unrecognised) is whom it speaks for. Called in text order."""
        for m in mentions:
            mention = m._.mention
            if m.label_ in {"GPE", "NORP"}:
                group = claimant_group(mention.get("entity_id", ""))
                if group not in {"other", "unattributed"}:
                    self.nations.append((offset + m.end_char, group))
                continue
            name = mention.get("canonical")
            if not name or name in self.bodies or mention.get("label") == "PERSON" \
                    or claimant_group(mention.get("entity_id", ""), mention.get("affiliation", "")) != "other":
                continue
            first = self.text.find(m.text)
            for start in dict.fromkeys([first, offset + m.start_char]):
                group = self._nation_before(start)
                if group:
                    self.bodies[name] = group
                    break

    def _nation_before(self, start: int) -> str:
        """The group of a nation named right before ``start``, only capitalised words (and ``'s``,
        a bracket) between."""
        k = bisect.bisect_right(self.nations, (start, "~")) - 1
        if k < 0 or start < 0:
            return ""
        end, group = self.nations[k]
        between = self.text[end:start]
        if len(between.split()) <= INTRODUCTION_WINDOW and INTRODUCED.fullmatch(between):
            return group
        return ""

    def group_of(self, found: Speaker) -> tuple[str, str]:
        """``(group, why)`` of a speaker: its own; for an unknown body, that of the nation named
        where the article introduced it; for an unknown person, the dateline's country."""
        if found.group == "other" and found.kind == "body" and found.claimant in self.bodies:
            return self.bodies[found.claimant], "group from where the article introduced it"
        if found.group == "other" and found.kind == "person" and self.home:  # "Yoo, a lawmaker," in a SEOUL story
            return self.home, "group from the dateline"
        return found.group, ""

    def usable(self, doc, m) -> bool:
        """A mention that can be a speaker: an actor, not a carrier, not after a preposition
        (``in Russia`` is a place) or a citation cue."""
        if m._.mention["label"] not in ACTOR_LABELS or is_carrier(m) or self.names_troops(doc, m):
            return False
        before = doc[m.start - 1].lower_ if m.start else ""
        pair = f"{doc[m.start - 2].lower_} {before}" if m.start > 1 else ""
        if pair in self.lex.according_to:
            return True
        # "in Russia", "in eastern Russia": a place, not a speaker
        return not any(t.lower_ in self.lex.places for t in doc[max(0, m.start - 2):m.start])

    def names_troops(self, doc, m) -> bool:
        """A nation naming whose troops or people are counted (``tentara Korea Utara``, ``warga
        Korea Utara``, ``North Korean troops``) is the object of the claim, not its speaker."""
        lex = self.lex
        people = lex.troops | lex.person_nouns
        before = [t.lower_ for t in doc[max(0, m.start - 2):m.start]]
        after = doc[m.end].lower_ if m.end < len(doc) else ""
        return m._.mention["label"] == "GPE" and (
            (before and before[-1] in people) or (len(before) == 2 and before[0] in people
                                                  and before[1] in lex.troop_modifiers)
            or after in lex.troops)

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
        if first is None:
            return None
        # "The official, speaking on condition of anonymity, said": the subject opens the sentence;
        # "Kirby mengutip angka ..., dengan mengatakan": so does a named one
        opening = [m for m in inside if m.start == first and m.end <= verb and self.usable(doc, m)
                   and m._.mention["label"] in {"PERSON", "ORG"}]
        if opening:
            return speaker_of_mention(opening[0], offset)
        return self.pronoun_at(doc, first, offset, before=False)

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

    def headline_speaker(self, doc, a: int, b: int, inside):
        """The mention a headline-style attribution names: leading ``Zelensky: ...``, ``Sumber
        Intel Korsel: ...`` (capitalised words, the name last, then a colon) or trailing ``...:
        Zelensky``; None."""
        words = [t for t in doc[a:b] if not t.is_space]
        if not words:
            return None
        colon = next((t.i for t in words[:HEADLINE_LEAD + 1] if t.text == ":"), None)
        if colon is not None and all(t.text[:1].isupper() for t in doc[a:colon] if not t.is_space):
            lead = [m for m in inside if m.end == colon and self.usable(doc, m)]
            if lead:
                return lead[0]
        last = words[-1].i + 1 if not words[-1].is_punct else words[-1].i
        tail = [m for m in inside if m.end == last and m.start > a and doc[m.start - 1].text == ":"
                and self.usable(doc, m)]
        return tail[0] if tail else None

    def agent(self, doc, offset: int, verb: int, hi: int, inside) -> Speaker | None:
        """The agent of a passive attribution verb at ``verb`` (``confirmed by X``,
        ``disampaikan oleh X``), or None."""
        if doc[verb].lower_ not in self.lex.verbs or verb + 1 >= hi or doc[verb + 1].lower_ not in self.lex.agents:
            return None
        return self.after(doc, offset, verb + 1, hi, inside)

    def attribution(self, doc, offset: int, a: int, b: int, inside) -> Speaker | None:
        """The speaker a sentence names anywhere in it (not relative to a figure)."""
        lex = self.lex
        headline = self.headline_speaker(doc, a, b, inside)
        if headline is not None:
            return speaker_of_mention(headline, offset, "headline")
        for t in doc[a:b]:
            pair = f"{t.lower_} {doc[t.i + 1].lower_}" if t.i + 1 < b else ""
            if t.lower_ in lex.according_to or pair in lex.according_to:
                found = self.after(doc, offset, t.i + (1 if pair in lex.according_to else 0), b, inside)
                if found is not None:
                    return found
        for t in doc[a:b]:
            found = self.agent(doc, offset, t.i, b, inside)
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
            group = self.group_of(found)[0]
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
        """The speaker of the next sentence when it only attributes: a short one in the same
        paragraph (``... 11,000 troops. The official said.``) or one that opens by pointing back
        (``This was confirmed by X.``, ``Hal ini disampaikan oleh X``), even in the next paragraph;
        else the last speaker earlier in the paragraph."""
        k = self._index(position)
        if k < 0:
            return None, ""
        line = self.sentences[k][2]
        if k + 1 < len(self.sentences) and self.sentences[k + 1][3] is not None and k + 1 not in figure_sentences:
            start, end, next_line = self.sentences[k + 1][:3]
            opener = re.sub(r"\s+", " ", self.text[start:start + 40].lower())
            refers = any(re.match(re.escape(o) + r"\b", opener) for o in self.lex.back_references)
            # "... 11,000 troops. The official said." / "\n\nThis was confirmed by X."
            words = set(re.findall(r"\w+", self.text[start:end].lower()))
            if refers or (next_line == line and end - start <= ONLY_ATTRIBUTES and not words & self.lex.complementizers):
                return self.sentences[k + 1][3], "next sentence"
        for j in range(k - 1, -1, -1):
            if self.sentences[j][2] != line:
                break
            if self.sentences[j][3] is not None:
                return self.sentences[j][3], "earlier in the paragraph"
        return None, ""
