"""The events list is built from plain values (negotiations.api.event_json) for speed; it
must say exactly what EventSerializer says of each event, in the same order and shape."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from rest_framework.renderers import JSONRenderer

from actors.models import Actor
from core.models import ReviewState
from negotiations.api.serializers import EventSerializer
from negotiations.selectors import event_list
from sources.choices import Attribution
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    TalksChannelFactory,
)


@pytest.fixture
def varied_events(sample_article):
    """The sample article's events, and one carrying every kind of link and source."""
    event = EventFactory(
        offer=OfferFactory(
            terms="An offer whose terms run well past the eighty characters "
            "a link's name keeps of them, to check the cut"
        ),
        channel=TalksChannelFactory(),
        indictment=IndictmentFactory(),
        summary="With <b>markup</b> & an ampersand",
        bounty_amount=Decimal("25000000.5"),
        bounty_currency="USD",
    )
    # Two actors of one name (ordered by id between them) and one an editor rejected.
    twins = [ActorFactory(name="Same Name"), ActorFactory(name="Same Name")]
    rejected = ActorFactory(name="Aaron Rejected", review_state=ReviewState.REJECTED)
    event.actors.add(*twins, rejected, ActorFactory(name="Zed"))
    untitled = ArticleFactory(title="")
    EvidenceFactory(record=event, article=untitled)
    EvidenceFactory(record=event, article=ArticleFactory(published_on=dt.date(2099, 1, 1)))
    EvidenceFactory(
        record=event,
        article=None,
        start=None,
        end=None,
        quote="We will not negotiate.",
        url="https://example.org/statement",
        attribution=Attribution.NAMED,
        speaker=twins[0],
    )
    EvidenceFactory(
        record=event,
        article=untitled,
        start=5,
        end=15,
        attribution=Attribution.ANONYMOUS,
        speaker_label="three people familiar with the talks",
        source_count=3,
    )
    EvidenceFactory(
        record=event,
        article=None,
        start=None,
        end=None,
        quote="",
        note="Confirmed by phone.",
        attribution=Attribution.EDITOR,
    )
    EventFactory(review_state=ReviewState.REJECTED)
    # An event whose offer, channel, indictment and speaker an editor rejected.
    rejected = {"review_state": ReviewState.REJECTED}
    orphan = EventFactory(
        title="Orphan",
        offer=OfferFactory(**rejected),
        channel=TalksChannelFactory(**rejected),
        indictment=IndictmentFactory(**rejected),
    )
    EvidenceFactory(record=orphan, speaker=ActorFactory(name="Rejected Speaker", **rejected))
    assert Actor.objects.filter(events=event).count() == 4
    return event


def _as_text(data) -> str:
    """JSON text keeping key order, so a field out of place fails too."""
    return json.dumps(json.loads(JSONRenderer().render(data)), ensure_ascii=False)


@pytest.mark.parametrize("zone", ["UTC", "America/Caracas"])
@pytest.mark.parametrize("as_of", [None, "2024-08-11", dt.date.today().isoformat()])
def test_the_events_list_says_what_the_event_serializer_says(
    api, settings, varied_events, zone, as_of
):
    settings.TIME_ZONE = zone
    query = f"&as_of={as_of}" if as_of else ""
    response = api.get(f"/api/v1/events/?page_size=200{query}")
    assert response.status_code == 200, response.content
    listed = response.json()["results"]

    day = dt.date.fromisoformat(as_of) if as_of else None
    events = event_list(as_of=day)
    expected = EventSerializer(events, many=True, context={"request": response.wsgi_request}).data

    assert [event["id"] for event in listed] == [event.pk for event in events]
    assert len(listed) >= 2
    assert _as_text(listed) == _as_text(expected)


def test_the_event_with_every_link_shows_them_all(api, varied_events):
    listed = api.get("/api/v1/events/?page_size=200").json()["results"]
    event = next(row for row in listed if row["id"] == varied_events.pk)

    assert [actor["name"] for actor in event["actors"]] == ["Same Name", "Same Name", "Zed"]
    assert event["actors"][0]["id"] < event["actors"][1]["id"]
    # An offer is named by its label (what, who to whom, when), as the pages name it.
    assert event["offer"]["name"] == "Amnesty: unnamed party → unnamed recipients, Aug 2024"
    assert (event["bounty_amount"], event["bounty_currency"]) == ("25000000.50", "USD")
    assert event["channel"]["url"].endswith(f"/api/v1/channels/{varied_events.channel_id}/")
    assert {e["attribution_text"] for e in event["evidence"]} >= {
        "Same Name",
        "three people familiar with the talks",
        "Editor's knowledge",
    }
    untitled = [e["article"]["name"] for e in event["evidence"] if e["article"]]
    assert any(name.startswith("Article ") and "(2024-08-11)" in name for name in untitled)


def test_offers_of_the_same_terms_are_named_apart(api, db):
    terms = "Amnesty in exchange for leaving office"
    for name in ("First Recipient", "Second Recipient"):
        offer = OfferFactory(terms=terms, offered_by=ActorFactory(name="The Offerer"))
        offer.recipients.add(ActorFactory(name=name))
        EventFactory(offer=offer)

    listed = api.get("/api/v1/events/?page_size=200").json()["results"]

    names = sorted(row["offer"]["name"] for row in listed if row["offer"])
    assert names == [
        "Amnesty: The Offerer → First Recipient, Aug 2024",
        "Amnesty: The Offerer → Second Recipient, Aug 2024",
    ]


def test_links_to_rejected_records_are_empty(api, varied_events):
    listed = api.get("/api/v1/events/?page_size=200").json()["results"]
    orphan = next(row for row in listed if row["title"] == "Orphan")

    assert orphan["offer"] is None and orphan["channel"] is None and orphan["indictment"] is None
    (quote,) = orphan["evidence"]
    assert quote["speaker"] is None
    assert quote["attribution_text"] != "Rejected Speaker"
