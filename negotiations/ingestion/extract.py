"""One article's text in, its candidate records out (no database access here)."""

import datetime as dt
import re
from functools import cache

from core.dates import PRECISION_RANK, DatePrecision, PartialDate
from negotiations.choices import ChannelStatus, EventKind, OfferStatus
from negotiations.ingestion.actors import ArticleActors
from negotiations.ingestion.attribution import sentence_source
from negotiations.ingestion.candidates import (
    ChannelCandidate,
    EventCandidate,
    Extraction,
    IndictmentCandidate,
    OfferCandidate,
    Source,
)
from negotiations.ingestion.facts import DEFAULT_CURRENCY, SentenceFacts
from negotiations.ingestion.nlp import get_nlp
from negotiations.ingestion.vocabulary import phrase_set
from sources.choices import Attribution

_STOP_WORDS = {"the", "and", "for", "with", "from", "that", "this", "his", "her", "its", "their",
               "was", "were", "has", "had", "have", "been", "will", "would", "into", "over",
               "after", "before", "said", "says"}  # fmt: skip


class NoEnglishText(ValueError):
    """The text has no sentence an English pipeline can read."""


def _is_headline(sent, text: str) -> bool:
    """A line of its own with no closing punctuation: a headline, a byline, a date line.
    `text` is the document's text, read once (Doc.text rebuilds it on every call)."""
    own = sent.text.strip()
    starts_line = (
        sent.start_char == 0 or "\n" in text[max(0, sent.start_char - 2) : sent.start_char]
    )
    ends_line = (
        sent.end_char >= len(text.rstrip()) or "\n" in text[sent.end_char - 2 : sent.end_char + 1]
    )
    closed = own.endswith((".", "!", "?", "”", '"', "’", ":"))
    return bool(own) and "\n" not in own and starts_line and ends_line and not closed


def _overlaps(a: PartialDate | None, b: PartialDate | None) -> bool:
    if a is None or b is None:
        return True
    return a.start <= b.end and b.start <= a.end


def _finer(a: PartialDate | None, b: PartialDate | None) -> PartialDate | None:
    if a is None or b is None:
        return a or b
    return a if PRECISION_RANK[a.precision] >= PRECISION_RANK[b.precision] else b


def _union(first: list, second: list) -> list:
    return first + [item for item in second if item not in first]


def extract(text: str, published: dt.date) -> Extraction:
    doc = get_nlp()(text)
    sentences = list(doc.sents)
    if not any(t.is_alpha and not t.is_oov for t in doc[:2000]) and not any(
        t.pos_ in {"VERB", "AUX"} for t in doc[:2000]
    ):
        raise NoEnglishText("The text has no English sentences.")
    headlines = [s for s in sentences if _is_headline(s, text)]
    actors = ArticleActors(doc, skip={s.start for s in headlines})
    result = Extraction(actors=actors.candidates)

    voice = _voice(sentences, headlines, actors)
    previous = None
    plural = []  # the last list of several actors, for "their"
    for index, sent in enumerate(sentences):
        if sent in headlines:
            # A heading reads no facts but its date: "Talks resumed, 3 May 2031".
            source = Source(sent.start_char, sent.end_char, Attribution.PUBLICATION)
            for key in actors.keys_in(sent):
                actors.add_source(key, source)  # a byline's name
            before = _line_before(sentences, index, text)
            result.events.extend(SentenceFacts(sent, source, actors, published).events(before))
            continue
        source = sentence_source(
            sent, actor_key_at=actors.key_at, actor_kind=actors.kind, previous=previous
        )
        previous = source
        for key in actors.keys_in(sent):
            actors.add_source(key, source)
        for candidate in actors.candidates.values():
            for role in candidate.roles:
                if role.source and role.source.start == sent.start_char:
                    role.source = source
        facts = SentenceFacts(sent, source, actors, published, voice=voice)
        channel = facts.channel()
        offers = facts.offers()
        for offer in offers:
            offer.channel = channel
        if channel:
            result.channels.append(channel)
        result.offers.extend(offers)
        mediation = facts.mediation()
        if mediation:
            result.channels.append(mediation)
        indictment = facts.indictment()
        if indictment:
            result.indictments.append(indictment)
        result.events.extend(facts.events())
        result.positions.extend(facts.positions(plural))
        listed = [t for t in sent if t.dep_ == "conj" and actors.key_at(t.i)]
        if listed:
            plural = [actors.key_at(listed[0].head.i), *(actors.key_at(t.i) for t in listed)]
            plural = [k for k in dict.fromkeys(plural) if k in actors.candidates]

    publication = _publication_event(sentences, headlines, result.events, actors, published)
    if publication:
        result.events.append(publication)
    _mark_secret_from_headline(headlines, result.channels)
    result.offers = _merge_offers(result.offers, published, result.actors)
    result.channels = _merge_channels(result.channels, published)
    result.indictments = _merge_indictments(result.indictments)
    result.events = _offer_events(result.offers, result.events)
    result.events = _merge_events(_bounty_events(result.indictments, result.events, published))
    result.positions = _merge_positions(result.positions)
    return result


def _voice(sentences, headlines, actors: ArticleActors) -> str | None:
    """Who speaks in a release's first person: the issuer a lead names ("The following
    statement was released by X, Y and Z"), else the subject of the headline, else the
    government or institution the text names most."""
    issued = re.compile(r"\b(released|issued|made|delivered|published) by\b|\bstatement (by|of)\b")
    doc = sentences[0].doc if sentences else None
    match = issued.search(doc.text[:1000]) if doc is not None else None
    if match:
        end = doc.text.find("\n\n", match.end())
        end = len(doc.text) if end < 0 else end
        after = [t for t in doc if match.start() <= t.idx < end]
        keys = [k for k in actors.keys_in(after) if k in actors.candidates]
        if keys:
            return keys[0]
    for headline in headlines[:1]:
        # Headlines are not read for actors: find their subject among the article's names,
        # else the first name a title-case headline (which parses badly) gives.
        subject = next((c for c in headline.root.children if c.dep_ == "nsubj"), None)
        span = subject.subtree if subject is not None else headline
        words = " ".join(t.lower_ for t in span if t.pos_ != "DET")
        found = []
        for key, candidate in actors.candidates.items():
            for name in {candidate.name.lower(), *(a.lower() for a in candidate.aliases)}:
                match = re.search(rf"\b{re.escape(name)}\b", words) if len(name) > 2 else None
                if match:
                    found.append((match.start(), -len(name), key))
        if found:
            return min(found)[2]
    mentions = [actors.key_at(t.i) for t in sentences[0].doc] if sentences else []
    counted = [
        (mentions.count(key), key)
        for key, c in actors.candidates.items()
        if c.kind in {"government", "institution"} and key in mentions
    ]
    return max(counted)[1] if counted else None


def _line_before(sentences, index: int, text: str):
    """The sentence before on the same line, for a date standing after a heading (`text`:
    the document's; `Doc.text` joins every token again on each call)."""
    if index == 0:
        return None
    before = sentences[index - 1]
    between = text[before.end_char : sentences[index].start_char]
    return before if "\n" not in before.text + between else None


def _publication_event(sentences, headlines, events, actors, published) -> EventCandidate | None:
    """A release announces what it states: its lead sentence is a development on its day
    when no other is ("We welcome ..."), or when the lead announces one without a date
    ("X announced that Y was sentenced")."""
    lead = next(
        (s for s in sentences if s not in headlines and s.root.pos_ in {"VERB", "AUX"}), None
    )
    if lead is None:
        return None
    day = PartialDate(published, DatePrecision.DAY)
    source = Source(lead.start_char, lead.end_char, Attribution.PUBLICATION)
    facts = SentenceFacts(lead, source, actors, published)
    announced = next((c for c in lead.root.children if c.dep_ == "ccomp"), None)
    announces = lead.root.lemma_ in phrase_set("speech", "speech_verbs") and not facts.dates()
    if facts.events() or (any(e.date == day for e in events) and not announces):
        return None
    title = facts.clause_title(announced if announces and announced is not None else lead.root)
    return facts.event_on(EventKind.STATEMENT, lead.root, day, title) if title else None


def _mark_secret_from_headline(headlines, channels: list[ChannelCandidate]) -> None:
    """A headline about secret talks describes the talks going on now."""
    secret = phrase_set("channels", "secret_words")
    if any(w in h.text.lower() for h in headlines for w in secret):
        for channel in channels:
            if channel.is_current and not channel.mediators:
                channel.is_secret = True


def _same_maker(first: str | None, second: str | None, actors: dict) -> bool:
    """One maker under two names: "Ministry" and "Ministry of Finance"."""
    if first == second:
        return True
    if first not in actors or second not in actors:
        return False
    a, b = (set(actors[k].name.lower().split()) for k in (first, second))
    return actors[first].kind == actors[second].kind and len(a & b) >= 2 and (a <= b or b <= a)


def _same_maker_or_unsaid(first: OfferCandidate, second: OfferCandidate, actors: dict) -> bool:
    return (
        not first.offered_by
        or not second.offered_by
        or _same_maker(first.offered_by, second.offered_by, actors)
    )


def _same_grant(first: OfferCandidate, second: OfferCandidate, actors: dict) -> bool:
    """A release tells one grant twice, naming the agency, then its department."""
    makers = [actors.get(k) for k in (first.offered_by, second.offered_by)]
    return first.status == second.status == OfferStatus.ACCEPTED and all(
        m is not None and m.kind != "person" for m in makers
    )


def _merge_offers(
    offers: list[OfferCandidate], published: dt.date, actors: dict
) -> list[OfferCandidate]:
    # An offer whose maker or recipients go unsaid is, in one article, the main offer's.
    makers = [o.offered_by for o in offers if o.offered_by]
    main_maker = max(set(makers), key=makers.count) if makers else None
    main_recipients = next((o.recipients for o in offers if o.recipients), [])
    for offer in offers:
        if offer.kind != "guarantees":
            offer.offered_by = offer.offered_by or main_maker
            offer.recipients = offer.recipients or list(main_recipients)
    merged: list[OfferCandidate] = []
    for offer in offers:
        offer.dated_in_text = offer.date is not None and offer.date.start <= published
        if offer.date is None or offer.date.start > published:
            offer.date = PartialDate(published, DatePrecision.MONTH)
        same = next(
            (
                m
                for m in merged
                if m.kind == offer.kind
                and (m.status == OfferStatus.DECLINED) == (offer.status == OfferStatus.DECLINED)
                and not _granted_and_promised(m, offer)
                and (_same_grant(m, offer, actors) or _same_maker_or_unsaid(m, offer, actors))
                and m.date.start.year == offer.date.start.year
            ),
            None,
        )
        if same is None:
            merged.append(offer)
            continue
        same.offered_by = same.offered_by or offer.offered_by
        same.recipients = _union(same.recipients, offer.recipients)
        same.conditions = same.conditions or offer.conditions
        same.channel = same.channel or offer.channel
        same.sources = _union(same.sources, offer.sources)
        same.date = _finer(same.date, offer.date)
        same.dated_in_text = same.dated_in_text or offer.dated_in_text
    return merged


def _granted_and_promised(first: OfferCandidate, second: OfferCandidate) -> bool:
    """A relief granted and a further one promised on a condition are two offers."""
    statuses = {first.status, second.status}
    conditional = (first.conditions if first.status != OfferStatus.ACCEPTED else "") or (
        second.conditions if second.status != OfferStatus.ACCEPTED else ""
    )
    return OfferStatus.ACCEPTED in statuses and len(statuses) > 1 and bool(conditional)


def _merge_channels(channels: list[ChannelCandidate], published: dt.date) -> list[ChannelCandidate]:
    """In one article, mentions of talks whose sides agree are one channel: its rounds'
    venues, its mediators and its participants together. Talks no side is named for
    are no channel."""
    merged: list[ChannelCandidate] = []
    for channel in channels:
        same = next((m for m in merged if _same_channel(m, channel)), None)
        if same is None:
            merged.append(channel)
            continue
        same.participants = _union(same.participants, channel.participants)
        same.mediators = _union(same.mediators, channel.mediators)
        same.is_secret = same.is_secret or channel.is_secret
        same.sources = _union(same.sources, channel.sources)
        same.date = _finer(same.date, channel.date)
        if channel.venue and channel.venue not in same.venue:
            venue = "; ".join(v for v in (same.venue, channel.venue) if v)
            same.venue = venue if len(venue) <= 200 else same.venue
        if channel.status != ChannelStatus.ACTIVE:
            same.status = channel.status
        if same.mode in {"unknown", "back_channel"}:
            same.mode = channel.mode
    merged = [c for c in merged if c.participants or c.mediators]
    for channel in merged:
        if channel.date is None:
            channel.date = PartialDate(published, DatePrecision.MONTH)
    return merged


def _same_channel(first: ChannelCandidate, second: ChannelCandidate) -> bool:
    if first.is_secret != second.is_secret or first.is_current != second.is_current:
        return False  # a back channel beside the open talks; past rounds beside current ones
    sides = [set(first.participants), set(second.participants)]
    return not sides[0] or not sides[1] or bool(sides[0] & sides[1])


def _merge_indictments(indictments: list[IndictmentCandidate]) -> list[IndictmentCandidate]:
    merged: list[IndictmentCandidate] = []
    for item in indictments:
        same = next((m for m in merged if set(m.defendants) & set(item.defendants)), None)
        if same is None:
            merged.append(item)
            continue
        same.authority = same.authority or item.authority
        same.charges = same.charges or item.charges
        same.date = _finer(same.date, item.date)
        same.bounty_amount = same.bounty_amount or item.bounty_amount
        same.bounty_currency = same.bounty_currency or item.bounty_currency
        same.sources = _union(same.sources, item.sources)
    return merged


def _offer_events(offers: list[OfferCandidate], events: list[EventCandidate]) -> list:
    """An offer the text dates is a development on the timeline: the development its own
    sentence reports on that date, or a new one."""
    events = list(events)
    for offer in (o for o in offers if o.dated_in_text):
        told = next(
            (
                e
                for e in events
                if e.offer is None and e.date == offer.date and set(e.sources) & set(offer.sources)
            ),
            None,
        )
        if told is not None:
            told.offer = offer
            continue
        actors = [k for k in [offer.offered_by, *offer.recipients] if k]
        title = f"Offer of {offer.terms}"
        events.append(
            EventCandidate(
                kind=EventKind.OFFER,
                title=title,
                date=offer.date,
                actors=actors,
                offer=offer,
                sources=list(offer.sources),
            )
        )
    return events


def _bounty_events(indictments, events: list[EventCandidate], published) -> list:
    """A reward the text states is a bounty development of its indictment, so that the
    reward on any date is the latest stated by then: the development its own sentence
    reports, or a new one dated as the text dates the reward (else the publication day)."""
    events = list(events)
    for indictment in (i for i in indictments if i.bounty_amount):
        told = next(
            (
                e
                for e in events
                if e.indictment is None
                and e.offer is None
                and not e.scheduled
                and set(e.sources) & set(indictment.sources)
            ),
            None,
        )
        if told is not None:
            # The sentence that states a reward reports a bounty, whatever else it says.
            told.kind, told.indictment = EventKind.BOUNTY, indictment
            continue
        currency = indictment.bounty_currency or DEFAULT_CURRENCY
        events.append(
            EventCandidate(
                kind=EventKind.BOUNTY,
                title=f"Reward of {currency} {indictment.bounty_amount:,}",
                date=indictment.date or PartialDate(published, DatePrecision.DAY),
                actors=list(indictment.defendants),
                indictment=indictment,
                sources=list(indictment.sources),
            )
        )
    return events


def _merge_events(events: list[EventCandidate]) -> list[EventCandidate]:
    merged: list[EventCandidate] = []
    for event in events:
        same = next(
            (
                m
                for m in merged
                if _retold(m, event)
                or m.kind == event.kind
                and m.scheduled == event.scheduled
                and _overlaps(m.date, event.date)
                and (m.offer is event.offer)
                and (
                    m.indictment is None
                    or event.indictment is None
                    or m.indictment is event.indictment
                )
                # Developments of no kind are one only when one sentence dates them alike.
                and (
                    event.kind != EventKind.OTHER
                    or (m.date == event.date and set(m.sources) & set(event.sources))
                )
            ),
            None,
        )
        if same is None:
            merged.append(event)
            continue
        if _finer(same.date, event.date) is event.date and event.date != same.date:
            same.date, same.title = event.date, event.title
        same.indictment = same.indictment or event.indictment
        same.actors = _union(same.actors, event.actors)
        same.sources = _union(same.sources, event.sources)
    return merged


@cache
def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP_WORDS)


def _retold(first: EventCandidate, second: EventCandidate) -> bool:
    """The same development told twice on the same day: a heading and its paragraph."""
    if first.date != second.date or first.offer is not second.offer:
        return False
    a, b = _content_words(first.title), _content_words(second.title)
    return bool(a and b) and len(a & b) * 2 >= min(len(a), len(b))


def _merge_positions(positions):
    merged = []
    for position in positions:
        same = next(
            (m for m in merged if m.actor == position.actor and m.stance == position.stance), None
        )
        if same is None:
            merged.append(position)
        else:
            same.sources = _union(same.sources, position.sources)
    return merged
