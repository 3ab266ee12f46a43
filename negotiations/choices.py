from django.db import models


class OfferKind(models.TextChoices):
    AMNESTY = "amnesty", "Amnesty"
    PARDON = "pardon", "Pardons"
    EXTRADITION_GUARANTEE = "extradition_guarantee", "Guarantee against extradition"
    INDICTMENT_RELIEF = "indictment_relief", "Lifting indictments"
    SANCTIONS_RELIEF = "sanctions_relief", "Sanctions relief"
    SAFE_PASSAGE = "safe_passage", "Safe passage or exile"
    GUARANTEES = "guarantees", "Guarantees"
    OTHER = "other", "Other"


class OfferStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    UNDER_DISCUSSION = "under_discussion", "Under discussion"
    DECLINED = "declined", "Declined"
    ACCEPTED = "accepted", "Accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPIRED = "expired", "Expired"


class ChannelMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"
    BACK_CHANNEL = "back_channel", "Back channel"
    MULTILATERAL = "multilateral", "Multilateral"
    UNKNOWN = "unknown", "Unknown"


class ChannelStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"
    CONCLUDED = "concluded", "Concluded"


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    MEDIATOR = "mediator", "Mediator"


class IndictmentStatus(models.TextChoices):
    IN_FORCE = "in_force", "In force"
    DISMISSED = "dismissed", "Dismissed"
    LIFTED = "lifted", "Lifted"


class EventKind(models.TextChoices):
    ELECTION = "election", "Election"
    INAUGURATION = "inauguration", "Inauguration"
    CRACKDOWN = "crackdown", "Crackdown"
    INDICTMENT = "indictment", "Indictment"
    BOUNTY = "bounty", "Bounty"
    SANCTIONS = "sanctions", "Sanctions imposed"
    SANCTIONS_RELIEF = "sanctions_relief", "Sanctions lifted"
    OFFER = "offer", "Offer"
    TALKS = "talks", "Talks"
    STATUS_CHANGE = "status_change", "Status change"
    STATEMENT = "statement", "Statement"
    DEADLINE = "deadline", "Deadline"
    OTHER = "other", "Other"


class EventStatus(models.TextChoices):
    OCCURRED = "occurred", "Occurred"
    SCHEDULED = "scheduled", "Scheduled"


class ClaimProperty(models.TextChoices):
    """What a claim states about a record (negotiations.claims has the rules)."""

    STATUS = "status", "Status"
    BOUNTY_AMOUNT = "bounty_amount", "Reward"
    DATE = "date", "Date"
    PARTICIPANT = "participant", "Role in the talks"


class ClaimState(models.TextChoices):
    """Where a claim stands against the other claims for the same record, property and time."""

    STATED = "stated", "Stated"  # no other value is claimed for its time
    CONFLICTING = "conflicting", "Sources disagree"  # another value is, and no editor chose
    CHOSEN = "chosen", "Chosen by an editor"
    DISPUTED = "disputed", "Disputed"  # an editor chose another value for its time


class LinkState(models.TextChoices):
    """Whether an article's report is about a record already known (see RecordLink)."""

    LINKED = "linked", "Linked by ingestion"
    CONFIRMED = "confirmed", "Link confirmed by an editor"
    UNLINKED = "unlinked", "Unlinked by an editor"
