"""Rules that read offers, indictments, talks channels, events and positions from
sentences, on top of spaCy's parse and the article's actors."""

import datetime as dt
import re
from decimal import Decimal
from functools import cached_property

from spacy.tokens import Span, Token

from core.dates import DatePrecision, PartialDate
from negotiations.choices import ChannelMode, ChannelStatus, EventKind, OfferStatus
from negotiations.ingestion.actors import ArticleActors
from negotiations.ingestion.candidates import (
    ChannelCandidate,
    EventCandidate,
    IndictmentCandidate,
    OfferCandidate,
    PositionCandidate,
    Source,
)
from negotiations.ingestion.dates import resolve_date, resolve_offset
from negotiations.ingestion.vocabulary import phrase_set, vocabulary
from sources.choices import Attribution

_CONDITION_MARKERS = re.compile(r"\b(as long as|provided that|on condition that|unless|if)\b")
_STANCE_VERBS = {"favor", "favour", "support", "oppose", "want", "demand", "reject", "insist",
                 "seek", "back", "urge", "call"}  # fmt: skip
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "m": 10**6, "bn": 10**9}
# A reward with no currency said (or "$" alone) is taken to be in US dollars.
DEFAULT_CURRENCY = "USD"
_CURRENCIES = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "dollars": "USD", "dollar": "USD",
               "euros": "EUR", "pounds": "GBP"}  # fmt: skip


def _union_keys(first: list[str], second: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


def _has(sent: Span, words: frozenset[str]) -> list[Token]:
    return [t for t in sent if t.lemma_.lower() in words or t.lower_ in words]


def _has_phrase(sent: Span, phrases) -> bool:
    lower = sent.text.lower().replace("’", "'")
    return any(re.search(rf"\b{re.escape(p)}\b", lower) for p in phrases)


def _text(tokens) -> str:
    tokens = sorted(tokens, key=lambda t: t.i)
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,.;:—-")


def _plain(words) -> str:
    """Words as one line of text, without punctuation at its ends."""
    text = " ".join(t.text for t in words if not t.is_space)
    return re.sub(r"\s+([,.;:])", r"\1", text).strip(" ,.;:—-")


def _dated_word(date: Span) -> Token | None:
    """The verb a date expression dates, else the head noun of its verbless line, else None."""
    node = date.root
    while node.head.i != node.i:
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return None if date.start <= node.i < date.end else node


def _tense(date: Span) -> bool | None:
    """Whether the clause a date stands in speaks of the future (True), the past (False)."""
    verb = _dated_word(date)
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    helpers = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if helpers & {"will", "shall", "'ll"} or verb.lower_ in {"scheduled", "due"}:
        return True
    if verb.tag_ in {"VBD", "VBN"} or helpers & {"has", "have", "had", "was", "were", "did"}:
        return False
    return None


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _in_dateline(date: Span) -> bool:
    """'LIMA, May 3 (Reuters) -': where and when the report was filed, not a development."""
    return date.start in _dateline_tokens(date.sent)


def _dateline_tokens(sent: Span) -> set[int]:
    """The tokens of a dateline opening a sentence, up to its dash."""
    if not (sent[0].is_upper and sent[0].is_alpha):
        return set()
    dash = next((t for t in sent[:12] if t.text in {"-", "–", "—"}), None)
    if dash is None or not any(t.ent_type_ == "DATE" for t in sent[: dash.i - sent.start]):
        return set()
    return set(range(sent.start, dash.i + 1))


def _ends_range(date: Span) -> bool:
    before = date.doc[date.start - 1] if date.start else None
    return before is not None and before.lower_ in {"until", "through", "till", "to"}


def _date_tokens(date: Span) -> set[int]:
    """The tokens a date is written with, its preposition and the days spaCy left out."""
    doc = date.doc
    start, end = date.start, date.end
    while start > date.sent.start and (
        doc[start - 1].like_num or doc[start - 1].text in {"–", "-"}
    ):
        start -= 1
    if start > 0 and doc[start - 1].pos_ == "ADP" and any(t.head.i == start - 1 for t in date):
        start -= 1  # "on 3 May 2031"
    if end < len(doc) and doc[end].tag_ == "POS":
        end += 1  # "today's sentence"
    return set(range(start, end))


def _date_text(date: Span) -> str:
    """The date as written, with a day spaCy left outside: "17 May 2031", and a range
    "2 – 3 june 2031" read from its first day."""
    doc, text = date.doc, date.text
    within = re.match(r"^(\d{1,2})\s*[–-]\s*\d{1,2}\s+(.+)$", text)
    if within:
        return f"{within.group(1)} {within.group(2)}"  # "2 – 4 March 2031": its first day
    i = date.start - 1
    if i >= 1 and doc[i].text in {"–", "-", "to"} and doc[i - 1].like_num:
        i -= 1  # the first day of a range
        text = re.sub(r"^\d{1,2}\b", "", text).strip()
    if i >= 2 and doc[i].like_num and doc[i - 1].text in {"–", "-"} and doc[i - 2].like_num:
        i -= 2  # "2 – 4 March 2031": a range is dated by its first day
    day = doc[i].text if i >= 0 else ""
    if day.isdigit() and 1 <= int(day) <= 31 and re.match(r"[A-Za-z]", text):
        return f"{day} {text}"
    return date.text


class SentenceFacts:
    """Facts of one sentence; `extract.extract` merges them across the article."""

    def __init__(
        self,
        sent: Span,
        source: Source,
        actors: ArticleActors,
        published: dt.date,
        voice: str | None = None,
    ):
        self.sent, self.source, self.actors, self.published = sent, source, actors, published
        self.voice = voice  # who speaks in the document's first person ("we", "our")
        self.lower = sent.text.lower().replace("’", "'").replace("ʼ", "'")

    @cached_property
    def ents(self) -> list[Span]:
        """The sentence's entities, as `Span.ents` gives them, read from its own tokens:
        `Span.ents` walks every entity of the document, which made a long article's
        extraction quadratic (40 copies of a 700-word text: 3.7 s in that alone)."""
        ents, start = [], None
        for token in self.sent:
            if start is not None and token.ent_iob_ != "I":
                ents.append(Span(token.doc, start, token.i, label=token.doc[start].ent_type_))
                start = None
            if token.ent_iob_ == "B":
                start = token.i
        # One still open at the sentence's end is kept only if it ends there too.
        if start is not None and (
            self.sent.end == len(self.sent.doc) or self.sent.doc[self.sent.end].ent_iob_ != "I"
        ):
            ents.append(
                Span(self.sent.doc, start, self.sent.end, label=self.sent.doc[start].ent_type_)
            )
        return ents

    # --- dates ------------------------------------------------------------------------
    @cached_property
    def _dates(self) -> list[tuple[Span, PartialDate]]:
        found = []
        for ent in self.ents:
            if ent.label_ != "DATE":
                continue
            date = resolve_date(_date_text(ent), self.published, future=_tense(ent))
            if date is None and ent.end < self.sent.end and ent.doc[ent.end].lower_ == "before":
                date = resolve_offset(ent.text, self.published)  # "five months before X"
            if date:
                found.append((ent, date))
        return found

    def dates(self) -> list[tuple[Span, PartialDate]]:
        return self._dates

    def date_near(self, token: Token) -> PartialDate | None:
        """The date attached to a word: the date whose parse path to it is shortest."""
        up = {token.i: 0}
        for steps, node in enumerate(token.ancestors, start=1):
            up[node.i] = steps
        best, best_cost = None, 6  # farther than this, the date belongs to something else
        for ent, date in self.dates():
            for steps, node in enumerate([ent.root, *ent.root.ancestors]):
                if node.i in up:
                    cost = steps + up[node.i]
                    if cost < best_cost:
                        best, best_cost = date, cost
                    break
        return best

    def speaker_keys(self) -> set[str]:
        return {self.source.speaker_key} if self.source.speaker_key else set()

    def actor_keys(self, exclude_speaker: bool = True) -> list[str]:
        keys = self.actors.keys_in(self.sent)
        if exclude_speaker and self.source.attribution == Attribution.NAMED:
            # The speaker is an actor of the sentence only if also its subject matter.
            speaker = self.source.speaker_key
            mentions = [t for t in self.sent if self.actors.key_at(t.i) == speaker]
            if len({t.i for t in mentions}) <= len(self._speaker_tokens()):
                keys = [k for k in keys if k != speaker]
        return [k for k in keys if k in self.actors.candidates]

    def _speaker_tokens(self) -> list[Token]:
        return [t for t in self.sent if self.actors.key_at(t.i) == self.source.speaker_key]

    def subject_actor(self, token: Token) -> str | None:
        """The actor acting in the clause of a word: the nearest subject up the tree."""
        for node in (token, *token.ancestors):
            for child in node.children:
                if child.dep_ in {"nsubj", "nsubjpass"}:
                    for sub in child.subtree:
                        key = self.actors.key_at(sub.i)
                        if key in self.actors.candidates:
                            return key
        return None

    # --- offers -----------------------------------------------------------------------
    def offers(self) -> list[OfferCandidate]:
        vocab = vocabulary("offers")
        context = phrase_set("offers", "offer_verbs") | phrase_set("offers", "offer_nouns")
        promises = vocab.get("promises", {})
        promised = {k for k, ps in promises.items() if any(re.search(p, self.lower) for p in ps)}
        if not promised and not _has(self.sent, context):
            return []
        found = []
        for kind, triggers in vocab["kinds"].items():
            words = [t for t in self.sent if t.lower_ in triggers or t.lemma_.lower() in triggers]
            phrase = any(" " in p and p in self.lower for p in triggers) or any(
                re.search(p, self.lower) for p in vocab.get("patterns", {}).get(kind, [])
            )
            if not words and not phrase and kind not in promised:
                continue
            if kind == "extradition_guarantee" and not re.search(
                r"guarantee|not (to )?(pursue|seek)|protect|shield|waive|drop", self.lower
            ):
                continue
            if kind == "guarantees" and "extradition" in self.lower:
                continue  # already the extradition guarantee
            anchor = words[0] if words else self._benefit_word(triggers) or self.sent.root
            if anchor.dep_ == "pobj" and anchor.head.lower_ in {"on", "about", "regarding"}:
                continue  # "a statement on the new licences": the topic, not an offer
            found.append(self._offer(kind, anchor))
        return found

    def _benefit_word(self, triggers) -> Token | None:
        """The word naming the benefit in a phrase: "sanctions", "license"."""
        heads = {w.split()[-1] for w in triggers} | {"sanctions", "license", "licence"}
        return next(
            (t for t in self.sent if t.lower_.rstrip("s") in {h.rstrip("s") for h in heads}), None
        )

    def _condition_start(self) -> int | None:
        """Where the condition clause begins ("if", "only if", "until"), as a token index."""
        markers = phrase_set("offers", "condition_markers")
        for token in self.sent:
            if token.lower_ in markers and token.dep_ in {"mark", "prep", "advmod", "cc"}:
                return token.i
            if token.lower_ in {"provided", "long", "condition"} and any(
                " " in m
                and self.lower[token.idx - self.sent.start_char :].startswith(m.split()[-1])
                for m in markers
            ):
                return token.i
        return None

    def _offer(self, kind: str, anchor: Token) -> OfferCandidate:
        statuses = vocabulary("statuses")
        cut = self._condition_start()
        status = OfferStatus.PROPOSED
        if self._status_verb(statuses["declined"], cut):
            status = OfferStatus.DECLINED
        elif self._status_verb(statuses["accepted"], cut) or self._granted(statuses, cut):
            status = OfferStatus.ACCEPTED
        elif self._status_verb(statuses["withdrawn"], cut):
            status = OfferStatus.WITHDRAWN
        elif re.search(
            r"\b(discuss\w*|consider\w*|weigh\w*|open to|pursu\w*|explor\w*|talks?)\b",
            self.lower[: self.sent[cut - self.sent.start].idx - self.sent.start_char]
            if cut is not None
            else self.lower,
        ):
            status = OfferStatus.UNDER_DISCUSSION
        offered_by = self.subject_actor(anchor) or self._possessor(anchor)
        if offered_by is None and self.source.attribution != Attribution.NAMED:
            offered_by = self.voice  # "We reiterate our willingness ...": the release's issuer
        if (
            offered_by
            and self.actors.kind(offered_by) == "person"
            and status != OfferStatus.PROPOSED
        ):
            offered_by = None  # "X declined ...": the recipient, not the maker
        keys = self.actor_keys()
        conditioned = []
        if cut is not None:
            # "... only if X meets its commitments": X is asked to act, the offer is X's.
            conditioned = [k for k in self.actors.keys_in(self.sent[cut - self.sent.start :])
                           if k in self.actors.candidates and k != offered_by]  # fmt: skip
        recipients = (
            conditioned
            or [k for k in keys if k != offered_by and self.actors.kind(k) == "person"]
            or [k for k in keys if k != offered_by and k.startswith("group:")]
        )
        date = self.date_near(anchor)
        terms = vocabulary("offers")["kinds"][kind][0]
        return OfferCandidate(
            kind=kind,
            offered_by=offered_by,
            recipients=recipients,
            terms=terms,
            conditions=self._conditions(cut),
            status=status,
            date=date,
            sources=[self.source],
        )

    def _possessor(self, anchor: Token) -> str | None:
        """Whose the measure is: "U.S. sanctions", "our sanctions" (the document's voice)."""
        for child in anchor.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                if child.lower_ in {"our", "my"}:
                    return self.voice
                key = self.actors.key_at(child.i)
                if key in self.actors.candidates:
                    return key
        return None

    def _granted(self, statuses: dict, cut: int | None) -> bool:
        """The maker granted it: "issued two licences" (not "will issue")."""
        for token in self.sent:
            if cut is not None and token.i >= cut:
                break
            if token.lemma_.lower() in statuses["granted"] and token.tag_ in {"VBD", "VBN"}:
                helpers = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
                if not helpers & {"will", "would", "could", "may", "might", "be", "shall"}:
                    return True
        return False

    def _status_verb(self, lemmas: list[str], cut: int | None = None) -> bool:
        for token in self.sent:
            if cut is not None and token.i >= cut:
                break  # "until the regime accepts ...": the condition, not the answer
            particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
            lemma = f"{token.lemma_.lower()} {particle}".strip()
            if (lemma in lemmas or token.lemma_.lower() in lemmas) and token.pos_ == "VERB":
                if any(c.lemma_ == "comment" for c in token.subtree):
                    continue  # "declined to comment" is no answer to an offer
                return True
        return False

    def _conditions(self, cut: int | None = None) -> str:
        match = re.search(r"in (exchange|return) for ([^,.;]+)", self.sent.text)
        if not match:
            if cut is None:
                return ""
            words = [t for t in self.sent[cut - self.sent.start :] if t.i > cut]
            while words and words[0].lower_ in {"if", "that", "as", "long", "condition"}:
                words.pop(0)
            return _text(words)
        asked = match.group(2).strip()
        benefits = {w for ws in vocabulary("offers")["kinds"].values() for w in ws}
        if any(b in asked.lower() for b in benefits):
            # "to give up power in exchange for amnesty": what is asked comes before.
            before = self.sent.text[: match.start()].rstrip()
            clause = re.search(r"\bto ((?:\w+ ){0,4}\w+)$", before)
            return clause.group(1) if clause else ""
        return asked

    # --- channels ---------------------------------------------------------------------
    def channel(self) -> ChannelCandidate | None:
        vocab = vocabulary("channels")
        talks = [
            t
            for t in _has(self.sent, phrase_set("channels", "talks_words"))
            if not (t.lemma_ == "meet" and any(  # "meets its commitments": no meeting
                c.dep_ == "dobj" and not self.actors.key_at(c.i) for c in t.children
            ))
        ]  # fmt: skip
        talks += [t for t in self.sent if t.lower_ == "table" and "negotiating table" in self.lower]
        agreed = [
            t
            for t in _has(self.sent, phrase_set("channels", "agreement_words"))
            if any(c.lower_ == "between" for c in t.children)
        ]
        if not talks and not agreed:
            return None
        talks = talks or agreed
        modes = vocab["modes"]
        virtual = _has_phrase(self.sent, modes["virtual"])
        secret = _has_phrase(self.sent, vocab["secret_words"])
        venue_span = self._venue_span(talks)
        venue = venue_span.text if venue_span is not None else ""
        mediators = self.facilitators()
        place = set()
        if venue_span is not None:
            # "in Lima, Peru": the place named with the venue is no side.
            place = set(range(venue_span.start, min(venue_span.end + 3, self.sent.end)))
        elsewhere = {self.actors.key_at(t.i) for t in self.sent if t.i not in place}
        participants = [
            k
            for k in self._between() or self._talk_sides(talks)
            if k not in mediators and k in elsewhere
        ]
        if not (virtual or venue or participants or mediators or (secret and self.dates())):
            return None
        date = self.date_near(talks[0])
        mode = (
            ChannelMode.VIRTUAL
            if virtual
            else ChannelMode.IN_PERSON
            if venue
            else (ChannelMode.BACK_CHANNEL if secret else ChannelMode.UNKNOWN)
        )
        status = ChannelStatus.ACTIVE
        if date and date.end < self.published.replace(day=1) and date.precision != "day":
            status = ChannelStatus.CONCLUDED
        if self._suspended(talks, "channel_dormant"):
            status = ChannelStatus.DORMANT  # "the talks were suspended", "walked out"
        elif self._suspended(talks, "channel_concluded"):
            status = ChannelStatus.CONCLUDED  # "the talks ended without agreement"
        if not participants:
            participants = [
                k
                for k in self.actor_keys()
                if self.actors.kind(k) != "group" and k not in mediators and k in elsewhere
            ]
        people = [k for k in participants if self.actors.kind(k) == "person"]
        participants = people if len(people) > 1 else participants
        return ChannelCandidate(
            mode=mode,
            is_secret=secret,
            venue=venue,
            participants=participants,
            mediators=mediators,
            status=status,
            date=date,
            sources=[self.source],
            offered=self._offers_help(),
        )

    def _offers_help(self) -> bool:
        """ "X stands ready to host a new meeting": an offer to facilitate, not a meeting."""
        words = phrase_set("channels", "readiness_words")
        return any(
            t.lemma_.lower() in words
            and any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in t.children)
            for t in self.sent
        )

    def _suspended(self, talks: list[Token], status: str) -> bool:
        """Whether the talks are the subject (or object) of a verb of `status`."""
        dormant = vocabulary("statuses")[status]
        for token in self.sent:
            particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
            if f"{token.lemma_.lower()} {particle}" in dormant:
                return True  # "the delegation walked out"
            if token.lemma_.lower() in dormant and any(
                t.head == token and t.dep_ in {"nsubj", "nsubjpass", "dobj"} for t in talks
            ):
                return True
        return False

    def _talk_sides(self, talks: list[Token]) -> list[str]:
        """The sides of talks: the subject of the clause that holds them ("X and Y are
        scheduled to meet", "X returned to the negotiating table"), and whom they are with
        ("talks with Y")."""
        keys: list[str] = []
        for token in talks:
            for prep in (c for c in token.children if c.lower_ == "with"):
                keys += self.actors.keys_in(prep.subtree)
            for node in (token, *token.ancestors):
                subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subject is not None:
                    if token not in subject.subtree:
                        keys = self.actors.keys_in(subject.subtree) + keys
                    break
        # A nationality ("Republicans", "Colombians") is no side of talks.
        keys = [
            k
            for k in dict.fromkeys(keys)
            if k in self.actors.candidates and not k.startswith("norp:")
        ]
        # Talks take two sides; one is enough for a meeting ("X will meet in Y").
        meeting = any(t.lemma_ == "meet" for t in talks)
        return keys if len(keys) > 1 or meeting else []

    def facilitators(self) -> list[str]:
        """Who the sentence says facilitates or sponsors the talks."""
        vocab = vocabulary("channels")
        verbs, nouns = set(vocab["facilitation_verbs"]), set(vocab["facilitation_nouns"])
        phrases = set(vocab["facilitation_phrases"])
        found: list[str] = []
        for token in self.sent:
            lemma = token.lemma_.lower()
            spans = []
            if lemma in verbs and token.pos_ == "VERB":
                for child in token.children:
                    by = child.dep_ == "prep" and child.lower_ == "by"
                    if child.dep_ in {"agent", "nsubj"} or by:
                        spans.append(child.subtree)
                role = token.head if token.dep_ == "pcomp" else None
                role = role.head if role is not None and role.dep_ == "prep" else role
                if role is not None and role.lemma_ == "role":
                    spans += [c.subtree for c in role.children if c.dep_ == "poss"]
            elif token.lower_ in nouns:
                verb = token.head.head if token.head.lower_ == "as" else None
                if verb is not None:
                    spans += [c.subtree for c in verb.children if c.dep_ == "nsubj"]
                spans += [c.subtree for c in token.children if c.dep_ == "poss"]
            elif lemma in phrases and token.pos_ == "NOUN":
                spans += [c.subtree for c in token.children if c.lower_ == "of"]
            for span in spans:
                found += [k for k in self.actors.keys_in(span) if k in self.actors.candidates]
        return list(dict.fromkeys(found))

    def _venue_span(self, talks: list[Token]) -> Span | None:
        """Where talks are held: "talks in X", "met on Friday in X", "visited X for talks"."""
        for token in talks:
            verb = next((a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), None)
            holders = [token, token.head, *([verb] if verb is not None else [])]
            for holder in holders:
                for child in holder.children:
                    objects = []
                    if child.lower_ == "in":
                        objects = [o for o in child.children if o.dep_ == "pobj"]
                    elif child.dep_ == "dobj" and holder.lemma_ in {"visit", "host"}:
                        objects = [child]
                    for obj in objects:
                        if obj.ent_type_ in {"GPE", "FAC", "LOC"}:
                            return next(e for e in self.ents if e.start <= obj.i < e.end)
        return None

    def _venue(self, talks: list[Token]) -> str:
        span = self._venue_span(talks)
        return span.text if span is not None else ""

    def _between(self) -> list[str]:
        for token in self.sent:
            if token.lower_ == "between":
                keys = self.actors.keys_in(token.subtree)
                return [k for k in keys if k in self.actors.candidates]
        return []

    def mediation(self) -> ChannelCandidate | None:
        mediation = phrase_set("sides", "mediation")
        if not (
            _has(self.sent, mediation) or _has_phrase(self.sent, [m for m in mediation if " " in m])
        ):
            return None
        mediators = [k for k in self.actor_keys() if self.actors.candidates[k].side == "mediator"]
        mediators = _union_keys(mediators, self.facilitators())
        if not mediators:
            return None
        return ChannelCandidate(
            mode=ChannelMode.MULTILATERAL if len(mediators) > 1 else ChannelMode.UNKNOWN,
            mediators=mediators,
            status=ChannelStatus.ACTIVE,
            sources=[self.source],
            offered=self._offers_help(),
        )

    # --- indictments -------------------------------------------------------------------
    def indictment(self) -> IndictmentCandidate | None:
        triggers = _has(
            self.sent, frozenset({"indict", "indictment", "charge", "bounty", "reward"})
        )
        triggers = [
            t
            for t in triggers
            if not (
                t.lemma_ == "charge"
                and t.pos_ == "VERB"
                and any(c.dep_ == "dobj" for c in t.children)
            )
        ]
        if not triggers:
            return None
        if re.search(r"\b(lift|drop|dismiss|quash)\w* (the )?(indictments?|charges)", self.lower):
            return None  # an offer to lift charges, not charges
        defendants = [
            k
            for k in self.actor_keys()
            if self.actors.kind(k) == "person" and k not in self.speaker_keys()
        ]
        if not defendants:
            return None
        authority = None
        us_words = phrase_set("sides", "us_institutions")
        ranked = sorted(self.actor_keys(), key=lambda k: self.actors.kind(k) != "institution")
        for key in ranked:
            candidate = self.actors.candidates[key]
            if candidate.kind in {"institution", "government"} and (
                candidate.name.lower() in us_words
                or any(t.dep_ == "compound" and self.actors.key_at(t.i) == key for t in self.sent)
            ):
                authority = key
                break
        amount, currency = self._money()
        return IndictmentCandidate(
            defendants=defendants,
            authority=authority,
            charges=self._charges(),
            date=self.date_near(triggers[0]),
            bounty_amount=amount,
            bounty_currency=currency,
            sources=[self.source],
        )

    def _charges(self) -> str:
        match = re.search(
            r"(?:on charges? of|charged with|accused of|charges? (?:of|that)|indicted (?:on|for))"
            r" ([^;]+)",
            self.sent.text.strip(),
        )
        return match.group(1).strip(" ,.") if match else ""

    def _money(self) -> tuple[int | None, str]:
        for ent in self.ents:
            if ent.label_ != "MONEY":
                continue
            text = ent.text.lower().replace(",", "")
            number = re.search(r"(\d+(?:\.\d+)?)\s*(thousand|million|billion|m|bn)?", text)
            if not number:
                continue
            amount = Decimal(number.group(1)) * _SCALES.get(number.group(2) or "", 1)
            currency = next((c for s, c in _CURRENCIES.items() if s in text), DEFAULT_CURRENCY)
            return int(amount), currency
        return None, ""

    # --- events -----------------------------------------------------------------------
    def events(self, line_before: Span | None = None) -> list[EventCandidate]:
        """One development per date the sentence gives, titled from the clause it dates.

        A sentence that is only a date ("2 June 2031" after a heading) dates the
        heading before it on the same line, given as `line_before`.
        """
        found, anchors = [], set()
        for ent, date in self.dates():
            if _ends_range(ent) or _in_dateline(ent):
                continue  # "... until at least September 2015": a range is dated by its start
            anchor = _dated_word(ent)
            if anchor is not None and anchor.i in anchors:
                continue  # "from 3 million in 2002 to 800,000 this year": one development
            if anchor is None:
                if line_before is None:
                    continue
                words = [t for t in line_before if not t.is_punct]
                title, kind = _plain(words), self._kind(words)
            elif anchor.pos_ not in {"VERB", "AUX"}:
                # A heading with no verb: "Statement by the High Representative on ..."
                skip = _date_tokens(ent)
                words = [t for t in self.sent if t.i not in skip]
                title, kind = _plain(words), self._kind(list(self.sent))
            else:
                title = self.clause_title(anchor, ent)
                kind = self._kind(self.clause_words(anchor, ent))
            if len(title.split()) < 2:
                continue  # "The ministry today:" introduces a list; it reports nothing itself
            anchors.add(anchor.i if anchor is not None else -1)
            found.append(self.event_on(kind, anchor, date, title))
        return found

    def _kind(self, words: list[Token]) -> str:
        """The kind of development a clause reports, from the first trigger word in it."""
        kinds = vocabulary("events")["kinds"]
        relief = vocabulary("events")["relief_verbs"]
        lower = " ".join(t.lower_ for t in words)
        # The verb's own word first, then its nearest dependents: the clause's subject matter.
        for token in sorted(words, key=_depth):
            for kind, triggers in kinds.items():
                if token.lemma_.lower() in triggers or token.lower_ in triggers:
                    if token.dep_ == "compound" or (kind == "crackdown" and token.pos_ != "VERB"):
                        continue  # "election year": not the election itself
                    if kind == "sanctions" and token.head.lemma_.lower() in relief:
                        return EventKind.SANCTIONS_RELIEF
                    return kind
        for kind, triggers in kinds.items():
            if any(" " in p and re.search(rf"\b{re.escape(p)}\b", lower) for p in triggers):
                return kind
        return EventKind.OTHER

    def event_on(self, kind: str, anchor: Token | None, date: PartialDate, title: str):
        future = anchor is not None and any(
            c.lower_ in phrase_set("events", "future_markers") for c in anchor.children
        )
        scheduled = date.start > self.published or (
            date.precision != DatePrecision.DAY
            and date.end > self.published
            and kind in {EventKind.INAUGURATION, EventKind.ELECTION}
            and date.start.month != self.published.month
        )
        return EventCandidate(
            kind=kind,
            title=title,
            date=date,
            scheduled=scheduled or (future and date.start > self.published),
            actors=self.actor_keys(exclude_speaker=kind != EventKind.STATEMENT),
            sources=[self.source],
        )

    def clause_title(self, anchor: Token, date: Span | None = None) -> str:
        """Who did what, from the dated clause: its subject, verb and complements."""
        kept = self.clause_words(anchor, date)
        text = re.sub(r"\s+", " ", " ".join(t.text for t in kept[:20]))
        text = re.sub(r"(\s*,)+", ",", text)
        text = re.sub(r" ([,.;:’'”)])", r"\1", text).replace("( ", "(").strip(' ,;:—-“"')
        return (text[:1].upper() + text[1:])[:300]

    def clause_words(self, anchor: Token, date: Span | None = None) -> list[Token]:
        """The dated clause without its date, asides and the report's dateline."""
        skip = _date_tokens(date) if date is not None else set()
        skip |= _dateline_tokens(self.sent)
        words = list(anchor.subtree)
        if anchor.dep_ in {"acl", "relcl"} and anchor.head.pos_ in {"NOUN", "PROPN"}:
            # "elections scheduled for November 2021": the noun the clause describes.
            head = anchor.head
            words = [t for t in head.subtree if t.i <= head.i] + words
        elif not any(c.dep_ in {"nsubj", "nsubjpass"} for c in anchor.children):
            # "..., beginning in 2011": the subject of the clause it hangs from.
            for node in anchor.ancestors:
                subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subject is not None:
                    words = list(subject.subtree) + words
                    break
        for token in list(words):
            if token.dep_ in {"appos", "relcl", "advcl", "parataxis"} and token != anchor:
                skip.update(t.i for t in token.subtree)  # asides: "X, a Colombian citizen,"
        kept = [t for t in words if t.i not in skip and t.lower_ not in {"who", "which", "that"}]
        kept = sorted(set(kept), key=lambda t: t.i)
        while kept and (kept[0].is_punct or kept[0].pos_ in {"ADP", "CCONJ", "SCONJ"}):
            kept.pop(0)
        return kept

    # --- positions ----------------------------------------------------------------------
    def positions(self, plural_before: list[str]) -> list[PositionCandidate]:
        found = []
        named = self.source.attribution == Attribution.NAMED and self.source.speaker_key
        if named:
            stance = self._quote() or self._reported_clause()
            if stance:
                found.append(self._position(self.source.speaker_key, stance))
        for token in self.sent:
            lemma = token.lemma_.lower()
            if lemma == "position" and token.pos_ == "NOUN":
                owner = next((c for c in token.children if c.dep_ == "poss"), None)
                keys = self.actors.keys_in([owner]) if owner is not None else []
                if owner is not None and owner.lower_ == "their":
                    keys = plural_before
                stance = self._position_text(token)
                for key in keys:
                    if key in self.actors.candidates and stance:
                        found.append(self._position(key, stance))
            elif lemma in _STANCE_VERBS and token.pos_ == "VERB":
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is None:
                    continue
                nouns = {"strategy", "position", "policy", "stance", "which"}
                if subject.lower_ == "which" or subject.lemma_ in nouns:
                    target = token.head if subject.lower_ == "which" else subject
                    owner = next((c for c in target.children if c.dep_ == "poss"), None)
                    keys = self.actors.keys_in(owner.subtree) if owner is not None else []
                else:
                    keys = self.actors.keys_in(subject.subtree)
                keys = [k for k in keys if k in self.actors.candidates]
                if keys:
                    skip = {t.i for t in subject.subtree}
                    words = [t for t in token.subtree if t.i not in skip and t.i >= token.i]
                    found.append(self._position(keys[0], _text(words)))
        return found

    def _position(self, key: str, stance: str) -> PositionCandidate:
        stance = re.sub(r"\s+", " ", stance).strip(' ,“”"')
        condition = ""
        marker = _CONDITION_MARKERS.search(stance)
        if marker and marker.start() > 0:
            stance, condition = stance[: marker.start()].strip(" ,"), stance[marker.start() :]
        return PositionCandidate(
            actor=key,
            stance=stance[:1000],
            condition=condition[:1000],
            date=self._statement_date(),
            sources=[self.source],
        )

    def _statement_date(self) -> PartialDate:
        dates = [d for _e, d in self.dates() if d.start <= self.published]
        return dates[0] if dates else PartialDate(self.published, DatePrecision.MONTH)

    def _quote(self) -> str:
        match = re.search(r"[“\"]([^”\"]{12,})[”\"]", self.sent.text)
        if match and self.sent.text.strip().startswith(("“", '"')):
            return match.group(1)
        return ""

    def _reported_clause(self) -> str:
        for token in self.sent:
            if token.dep_ == "ccomp" and token.head.lemma_.lower() in phrase_set(
                "speech", "speech_verbs"
            ):
                words = [t for t in token.subtree if t.lower_ != "that" or t.i != token.left_edge.i]
                return _text(words)
        return ""

    def _position_text(self, token: Token) -> str:
        of = next((c for c in token.children if c.lower_ == "of"), None)
        if of is not None:
            return _text([t for t in of.subtree if t != of])
        verb = token.head
        if verb.pos_ in {"VERB", "AUX"}:
            return _text([t for t in verb.subtree if t.i >= token.i])
        return ""
