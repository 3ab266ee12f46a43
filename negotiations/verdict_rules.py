"""The verdicts' rules (negotiations.verdicts): what each kind of development does to its
track, as data, and the SQL expressions built from them.

Apart from the verdicts so that the Event model can store each event's rule and track
in columns the database computes on every write (Event.verdict_rule, verdict_track):
the dashboard then reads them instead of compiling and evaluating the rules for every
row of the window on every request. Those columns are generated from `rule_case` and
`track_case`: a change to RULES changes their expression, which PostgreSQL cannot alter
in place; its migration removes the two fields and adds them again.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When

from negotiations.choices import (
    ChannelStatus,
    EventKind,
    EventStatus,
    IndictmentStatus,
    OfferStatus,
)

IMPROVES, DETERIORATES, NOTED = 1, -1, 0
PASSED = "passed"  # a rule's `status`: scheduled, and its date went by with no report


@dataclass(frozen=True)
class Track:
    key: str
    label: str


TRACKS = (
    Track("offers", "Offers"),
    Track("channels", "Talks channels"),
    Track("indictments", "Indictments and bounties"),
    Track("calendar", "Elections and deadlines"),
)
_STATUS_LABELS = {
    value: label
    for choices in (OfferStatus, ChannelStatus, IndictmentStatus)
    for value, label in choices.choices
}


# What a rule looks at: a development (an Event), or a record first dated in the window.
SUBJECT_DATES = {
    "event": ("occurred_on", "occurred_precision"),
    "offer": ("offered_on", "offered_precision"),
    "channel": ("started_on", "started_precision"),
    "indictment": ("filed_on", "filed_precision"),
}
_SUBJECT_LABELS = {"offer": "an offer", "channel": "a talks channel", "indictment": "an indictment"}


@dataclass(frozen=True)
class Rule:
    """One kind of development and what it does to its track.

    `subject` "event": a development, every condition given must hold: the record it
    concerns (`link`), the status it gives that record (`status_to`), its kinds, a new
    reward, and its status. Another subject ("offer", "channel", "indictment"): a record
    of that kind whose own date (made, started, filed) falls in the window."""

    track: str
    effect: int
    text: str
    subject: str = "event"
    link: str = ""  # "offer", "channel" or "indictment"
    status_to: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    bounty: bool = False
    status: str = EventStatus.OCCURRED  # or PASSED

    def conditions(self) -> list[str]:
        """The rule's conditions in words, for the rules page."""
        if self.subject != "event":
            return [f"{_SUBJECT_LABELS[self.subject]} first dated in the window"]
        words = []
        if self.link:
            words.append(f"concerns {_SUBJECT_LABELS[self.link]}")
        if self.status_to:
            words.append(
                "gives it the status " + _either(_STATUS_LABELS[s] for s in self.status_to)
            )
        if self.kinds:
            words.append("is of the kind " + _either(EventKind(k).label for k in self.kinds))
        if self.bounty:
            words.append("sets a reward for an arrest")
        if self.status == PASSED:
            words.append("was scheduled and its date went by before the as-of date, with no report")
        else:
            words.append("occurred in the window")
        return words

    def condition(self) -> Q:
        """The rule as a filter on its subject's rows, those in the window (window_filter)."""
        if self.subject != "event":
            return Q(pk__isnull=False)  # any such record in the window
        q = Q(status=EventStatus.SCHEDULED if self.status == PASSED else EventStatus.OCCURRED)
        if self.link:
            q &= Q(**{f"{self.link}__isnull": False})
        if self.status_to:
            q &= Q(status_to__in=self.status_to)
        if self.kinds:
            q &= Q(kind__in=self.kinds)
        if self.bounty:
            q &= Q(bounty_amount__isnull=False)
        return q


def _either(labels) -> str:
    labels = [f"“{label}”" for label in labels]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


_DEADLINES = (EventKind.ELECTION, EventKind.INAUGURATION, EventKind.DEADLINE)
_OFFER_ENDED = (OfferStatus.DECLINED, OfferStatus.WITHDRAWN, OfferStatus.EXPIRED)
_OFFER_STANDING = (OfferStatus.PROPOSED, OfferStatus.UNDER_DISCUSSION)
_CHANNEL_ENDED = (ChannelStatus.DORMANT, ChannelStatus.CONCLUDED)
_INDICTMENT_ENDED = (IndictmentStatus.DISMISSED, IndictmentStatus.LIFTED)

# In order: the first rule that fits a development decides its effect.
RULES = (
    # Offers
    Rule("offers", IMPROVES, "An offer made", subject="offer"),
    Rule("offers", IMPROVES, "An offer accepted", link="offer", status_to=(OfferStatus.ACCEPTED,)),
    Rule("offers", IMPROVES, "An offer back on the table", link="offer", status_to=_OFFER_STANDING),
    Rule(
        "offers",
        DETERIORATES,
        "An offer declined, withdrawn or expired",
        link="offer",
        status_to=_OFFER_ENDED,
    ),
    # Talks channels
    Rule("channels", IMPROVES, "A new talks channel", subject="channel"),
    Rule(
        "channels",
        IMPROVES,
        "A channel active again",
        link="channel",
        status_to=(ChannelStatus.ACTIVE,),
    ),
    Rule(
        "channels",
        DETERIORATES,
        "A channel gone dormant or concluded",
        link="channel",
        status_to=_CHANNEL_ENDED,
    ),
    Rule("channels", IMPROVES, "Talks held", kinds=(EventKind.TALKS,)),
    Rule(
        "channels",
        DETERIORATES,
        "Talks scheduled, with no report that they were held",
        kinds=(EventKind.TALKS,),
        status=PASSED,
    ),
    # Indictments and bounties
    Rule("indictments", DETERIORATES, "A new indictment", subject="indictment"),
    Rule(
        "indictments",
        IMPROVES,
        "An indictment dismissed or lifted",
        link="indictment",
        status_to=_INDICTMENT_ENDED,
    ),
    Rule(
        "indictments",
        DETERIORATES,
        "An indictment back in force",
        link="indictment",
        status_to=(IndictmentStatus.IN_FORCE,),
    ),
    Rule("indictments", DETERIORATES, "A bounty set or raised", bounty=True),
    Rule(
        "indictments",
        DETERIORATES,
        "An indictment or bounty reported as a development",
        kinds=(EventKind.INDICTMENT, EventKind.BOUNTY),
    ),
    # Elections and deadlines
    Rule("calendar", IMPROVES, "An election held", kinds=(EventKind.ELECTION,)),
    Rule("calendar", DETERIORATES, "A deadline passed", kinds=(EventKind.DEADLINE,)),
    Rule(
        "calendar",
        DETERIORATES,
        "An election, inauguration or deadline that went by with no report",
        kinds=_DEADLINES,
        status=PASSED,
    ),
    Rule(
        "calendar",
        NOTED,
        "An inauguration held (who took office is in its sources; it moves no arrow)",
        kinds=(EventKind.INAUGURATION,),
    ),
)


def _first_fit(subject: str, value) -> Case:
    """`value(n, rule)` of the first of `subject`'s rules that fits a row, NULL if none."""
    return Case(
        *(
            When(rule.condition(), then=Value(value(n, rule)))
            for n, rule in enumerate(RULES)
            if rule.subject == subject
        ),
        default=Value(None),
        output_field=IntegerField(),
    )


def rule_case(subject: str) -> Case:
    """Each row's rule (its index in RULES) among `subject`'s rules, or NULL when none fits;
    for rows in the window (verdicts.window_filter): the dates stay out of the CASE."""
    return _first_fit(subject, lambda n, rule: n)


TRACK_INDEX = {track.key: i for i, track in enumerate(TRACKS)}


def track_case(subject: str) -> Case:
    """Each row's track (its index in TRACKS), from the same first fitting rule."""
    return _first_fit(subject, lambda n, rule: TRACK_INDEX[rule.track])
