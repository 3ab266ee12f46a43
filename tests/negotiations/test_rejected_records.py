"""A record an editor rejected leaves no trace for readers: pages, sources, API, evidence."""

import csv

import pytest
from django.core.cache import cache

from actors.models import Actor
from core.editing import record_review
from core.models import ReviewState
from negotiations.models import ChannelParticipant, Event, Offer
from sources.models import Evidence
from tests.factories import EventFactory, OfferFactory, TalksChannelFactory


@pytest.fixture
def rejected(sample_article, editor):
    """A channel participant and offer recipient from the sample, rejected by an editor."""
    cache.clear()
    participant = ChannelParticipant.objects.select_related("actor").first()
    actor = participant.actor
    Offer.objects.first().recipients.add(actor)
    return record_review(record=actor, by=editor, decision=ReviewState.REJECTED)


def test_the_dashboard_and_record_pages_no_longer_name_it(client, rejected, sample_article):
    channel = rejected.channel_roles.first().channel
    offer = Offer.objects.filter(recipients=rejected).first()
    for url in ("/", channel.get_absolute_url(), offer.get_absolute_url()):
        page = client.get(url).content.decode()
        assert f"/actors/{rejected.slug}/" not in page, url


def test_the_source_page_does_not_link_it_or_its_roles(client, rejected, sample_article):
    page = client.get(sample_article.get_absolute_url()).content.decode()
    assert f"/actors/{rejected.slug}/" not in page


def test_the_api_leaves_it_out_of_links_and_evidence(client, rejected, sample_article):
    channel = rejected.channel_roles.first().channel
    channel_json = client.get(f"/api/v1/channels/{channel.pk}/").json()
    assert channel_json["participants"]
    assert rejected.pk not in {p["actor"]["id"] for p in channel_json["participants"]}
    cited = Evidence.objects.filter(object_id=rejected.pk, content_type__model="actor")
    assert cited.exists()
    listed = {row["id"] for row in _all(client, "/api/v1/evidence/?page_size=200")}
    assert not listed & set(cited.values_list("pk", flat=True))
    article = client.get(f"/api/v1/articles/{sample_article.pk}/").json()
    quoted = {span["id"] for span in article["evidence"]}
    assert not quoted & set(cited.values_list("pk", flat=True))
    assert Actor.objects.filter(pk=rejected.pk).exists()  # kept, only hidden


def _all(client, url):
    rows = []
    while url:
        page = client.get(url).json()
        rows += page["results"]
        url = page.get("next")
    return rows


def test_the_timeline_csv_does_not_name_it(client, sample_article, editor):
    event = Event.objects.filter(actors__isnull=False).first()
    actor = event.actors.order_by("name").first()
    assert actor.name in _actor_names(client, event)
    record_review(record=actor, by=editor, decision=ReviewState.REJECTED)
    names = _actor_names(client, event)
    assert actor.name not in names
    assert names  # the event's other actors are still named


def _actor_names(client, event) -> str:
    return _csv_row(client, event)["actors"]


def _csv_row(client, event) -> dict:
    lines = b"".join(client.get("/timeline/csv/").streaming_content).decode().splitlines()
    return next(row for row in csv.DictReader(lines) if row["id"] == str(event.pk))


def test_what_an_event_concerns_is_not_linked_once_rejected(client, sample_article, editor):
    event = Event.objects.filter(offer__isnull=False).select_related("offer").first()
    offer_url = f'href="{event.offer.get_absolute_url()}"'
    assert offer_url in client.get(event.get_absolute_url()).content.decode()
    assert _csv_row(client, event)["offer_id"] == str(event.offer_id)
    record_review(record=event.offer, by=editor, decision=ReviewState.REJECTED)

    for url in (event.get_absolute_url(), "/timeline/"):
        assert offer_url not in client.get(url).content.decode(), url
    assert client.get(f"/api/v1/events/{event.pk}/").json()["offer"] is None
    assert _csv_row(client, event)["offer_id"] == ""


def test_an_event_still_concerns_its_other_records_when_one_is_rejected(client, db):
    channel = TalksChannelFactory(name="Visible Channel")
    event = EventFactory(offer=OfferFactory(review_state=ReviewState.REJECTED), channel=channel)
    for url in (event.get_absolute_url(), "/timeline/"):
        assert f'href="{channel.get_absolute_url()}' in client.get(url).content.decode(), url
