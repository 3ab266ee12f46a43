"""What extraction finds in one article, before it is matched against the database.

Each candidate carries the character spans of the sentences that support it and
how they are attributed; `store.py` turns them into records with Evidence.
"""

from dataclasses import dataclass, field

from core.dates import PartialDate


@dataclass(frozen=True)
class Source:
    """A supporting sentence: its span in the article and who is speaking in it."""

    start: int
    end: int
    attribution: str
    speaker_label: str = ""
    speaker_key: str | None = None
    source_count: int | None = None


@dataclass
class RoleCandidate:
    title: str
    organization_key: str | None = None
    source: Source | None = None


@dataclass
class ActorCandidate:
    key: str
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    side: str | None = None
    roles: list[RoleCandidate] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # The actor whose side this one shares ("a confidant of X"), resolved after clustering.
    loyal_to: str | None = None


@dataclass
class IndictmentCandidate:
    defendants: list[str]
    authority: str | None = None
    charges: str = ""
    date: PartialDate | None = None
    bounty_amount: int | None = None
    bounty_currency: str = ""
    sources: list[Source] = field(default_factory=list)


@dataclass
class ChannelCandidate:
    mode: str
    is_secret: bool = False
    venue: str = ""
    participants: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    status: str = "active"
    date: PartialDate | None = None
    sources: list[Source] = field(default_factory=list)
    # A mediator's offer to help ("stands ready to host a new round"), not talks held.
    offered: bool = False

    @property
    def is_current(self) -> bool:
        return self.status == "active"


@dataclass
class OfferCandidate:
    kind: str
    offered_by: str | None
    recipients: list[str]
    terms: str
    conditions: str = ""
    status: str = "proposed"
    date: PartialDate | None = None
    channel: ChannelCandidate | None = None
    sources: list[Source] = field(default_factory=list)
    # Dated by the text itself, not defaulted to the publication month.
    dated_in_text: bool = False


@dataclass
class EventCandidate:
    kind: str
    title: str
    date: PartialDate
    scheduled: bool = False
    actors: list[str] = field(default_factory=list)
    offer: OfferCandidate | None = None
    channel: ChannelCandidate | None = None
    indictment: IndictmentCandidate | None = None
    status_to: str = ""
    sources: list[Source] = field(default_factory=list)


@dataclass
class PositionCandidate:
    actor: str
    stance: str
    condition: str = ""
    date: PartialDate | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass
class Extraction:
    actors: dict[str, ActorCandidate] = field(default_factory=dict)
    indictments: list[IndictmentCandidate] = field(default_factory=list)
    offers: list[OfferCandidate] = field(default_factory=list)
    channels: list[ChannelCandidate] = field(default_factory=list)
    events: list[EventCandidate] = field(default_factory=list)
    positions: list[PositionCandidate] = field(default_factory=list)
