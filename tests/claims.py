"""Helpers for claim tests: a source stating a value, and records that disagree in bulk."""

import datetime as dt

from negotiations.claims import claim_record
from tests.factories import (
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
    TalksChannelFactory,
)

SEP_5 = dt.date(2024, 9, 5)


def stated(record, property, value, *, publisher, published_on, holds_on=None, text=""):
    """`publisher` states `value` in an article of its own, quoted whole: the claim."""
    kind = record._meta.model_name
    text = text or f"{publisher} on {kind} {record.pk}: {property} {value}, as of {published_on}."
    article = ArticleFactory(text=text, publisher=publisher, published_on=published_on)
    evidence = EvidenceFactory(record=record, article=article, start=0, end=len(text))
    return claim_record(
        record=record, property=property, value=value, holds_on=holds_on, evidence=evidence
    )


def disagreements_make(n: int) -> None:
    """`n` records of each kind, each with a disagreement of its own."""
    for _ in range(n):
        for record, prop, values in (
            (OfferFactory(), "status", ["declined", "accepted"]),
            (TalksChannelFactory(), "status", ["active", "dormant"]),
            (IndictmentFactory(), "bounty_amount", [("1", "USD"), ("2", "USD")]),
        ):
            for publisher, value in zip(("Harbour Post", "Valley Courier"), values, strict=True):
                stated(record, prop, value, holds_on=SEP_5, publisher=publisher, published_on=SEP_5)
        for record in (EventFactory(), PositionFactory()):
            for publisher, day in (("Harbour Post", 3), ("Valley Courier", 4)):
                stated(
                    record, "date", dt.date(2024, 9, day), publisher=publisher, published_on=SEP_5
                )
