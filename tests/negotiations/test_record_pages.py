import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from core.models import ReviewState
from negotiations.choices import EventStatus, OfferStatus, ParticipantRole
from negotiations.models import ChannelParticipant, Event, Indictment, Offer, Position, TalksChannel
from sources.models import Evidence
from tests.factories import (
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
    TalksChannelFactory,
)
from tests.pages import actors_make, evidence_make, queries_on


# --- the sample article's records ---------------------------------------------------
def test_the_offer_page_shows_its_quotes_with_attribution_and_source_links(client, sample_article):
    offer = Offer.objects.filter(evidence__source_count=3).get()
    quote = offer.evidence.get(source_count=3)
    response = client.get(offer.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert quote.speaker_label in page
    assert "(3 sources)" in page
    assert f"/sources/{sample_article.pk}/#evidence-{quote.pk}" in page
    assert f'<span class="badge {offer.status}">' in page
    assert offer.get_kind_display() in page


@pytest.mark.parametrize("model", [TalksChannel, Indictment, Position, Event])
def test_every_sample_record_page_shows_its_evidence(client, sample_article, model):
    for record in model.objects.all():
        page = client.get(record.get_absolute_url()).content.decode()
        for item in record.evidence.all():
            assert f"#evidence-{item.pk}" in page
            assert item.attribution_text in page


def test_an_unknown_record_is_a_404_page(client, db):
    for url in ("/offers/999/", "/indictments/999/", "/channels/999/", "/events/999/"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"Not found" in response.content


def test_a_rejected_record_is_a_404_even_as_of_a_date(client, db):
    offer = OfferFactory(review_state=ReviewState.REJECTED, first_reported_on=dt.date(2024, 8, 1))
    assert client.get(offer.get_absolute_url()).status_code == 404
    assert client.get(f"{offer.get_absolute_url()}?as_of=2024-07-01").status_code == 404


# --- as of a date -------------------------------------------------------------------
@pytest.fixture
def declined_offer(db):
    """Reported 1 Aug as proposed, quoted again on 1 Sep, declined on 20 Aug (reported 21
    Aug). Made directly, so it states what recording the change keeps: its status before."""
    offer = OfferFactory(
        first_reported_on=dt.date(2024, 8, 1),
        status=OfferStatus.DECLINED,
        initial_status=OfferStatus.PROPOSED,
    )
    early = ArticleFactory(published_on=dt.date(2024, 8, 1), text="Early quote about the offer.")
    late = ArticleFactory(published_on=dt.date(2024, 9, 1), text="Late quote about the offer.")
    EvidenceFactory(record=offer, article=early)
    EvidenceFactory(record=offer, article=late)
    EventFactory(
        title="Offer declined",
        offer=offer,
        status_to=OfferStatus.DECLINED,
        occurred_on=dt.date(2024, 8, 20),
        first_reported_on=dt.date(2024, 8, 21),
    )
    return offer


def test_as_of_hides_later_evidence_and_shows_the_status_then(client, declined_offer):
    url = declined_offer.get_absolute_url()
    then = client.get(f"{url}?as_of=2024-08-10").content.decode()
    assert "Early quote" in then and "Late quote" not in then
    assert '<span class="badge proposed">Proposed</span>' in then
    assert "Offer declined" not in then
    now = client.get(url).content.decode()
    assert "Late quote" in now
    assert '<span class="badge declined">Declined</span>' in now
    assert "Offer declined" in now


def test_a_record_not_yet_reported_on_the_date_says_so(client, declined_offer):
    response = client.get(f"{declined_offer.get_absolute_url()}?as_of=2024-07-01")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Not yet reported on 1 Jul 2024" in page
    assert declined_offer.terms not in page


def test_a_malformed_as_of_date_is_ignored_with_a_message(client, declined_offer):
    response = client.get(f"{declined_offer.get_absolute_url()}?as_of=2024-13-45")
    page = response.content.decode()
    assert response.status_code == 200
    assert "is not a date" in page
    assert "Late quote" in page


def test_an_event_page_links_its_subject_and_its_new_status(client, declined_offer):
    event = Event.objects.get(offer=declined_offer)
    page = client.get(event.get_absolute_url()).content.decode()
    assert declined_offer.get_absolute_url() in page
    assert '<span class="badge declined">' in page


def test_a_channel_page_groups_participants_by_side_with_mediators_apart(client, db):
    channel = TalksChannelFactory()
    us, mediator = actors_make(2, prefix="side")
    us.side = "us_government"
    us.save()
    ChannelParticipant.objects.create(channel=channel, actor=us)
    ChannelParticipant.objects.create(
        channel=channel, actor=mediator, role=ParticipantRole.MEDIATOR
    )
    page = client.get(channel.get_absolute_url()).content.decode()
    assert "<dt>U.S. government</dt>" in page and "<dt>Mediators</dt>" in page
    assert mediator.get_absolute_url() in page


# --- a constant number of queries ------------------------------------------------------
REPORTED = dt.date(2024, 8, 1)


def _grow(record, n: int, *, link: str):
    """n quotes, n events about it, n actors on it."""
    evidence_make(record, n, prefix=f"grow{n}")
    actors = actors_make(n, prefix=f"grow{n}-{link}")
    events = Event.objects.bulk_create(
        Event(
            title=f"Development {i}",
            occurred_on=dt.date(2024, 8, 1),
            first_reported_on=REPORTED,
            **{link: record},
        )
        for i in range(n)
    )
    for event in events[:3]:
        evidence_make(event, 2, prefix=f"ev{n}-{event.pk}")
        event.actors.add(*actors[:3])
    return actors


@pytest.mark.parametrize(
    ("factory", "link"),
    [(OfferFactory, "offer"), (IndictmentFactory, "indictment"), (TalksChannelFactory, "channel")],
)
def test_a_record_page_makes_the_same_queries_for_10_or_300_rows(
    db, client, django_assert_num_queries, factory, link
):
    record = factory(first_reported_on=REPORTED)
    urls = [record.get_absolute_url(), f"{record.get_absolute_url()}?as_of=2024-09-01"]
    counts = {}
    for extra in (10, 290):
        actors = _grow(record, extra, link=link)
        if link == "offer":
            record.recipients.add(*actors)
        elif link == "indictment":
            record.defendants.add(*actors)
        else:
            ChannelParticipant.objects.bulk_create(
                ChannelParticipant(channel=record, actor=actor) for actor in actors
            )
            Offer.objects.bulk_create(
                Offer(terms=f"Offer {extra}-{i}", channel=record, first_reported_on=REPORTED)
                for i in range(extra)
            )
        for url in urls:
            if extra == 10:
                counts[url] = queries_on(client, url)
            else:
                with django_assert_num_queries(counts[url]):
                    assert client.get(url).status_code == 200


def test_event_and_position_pages_make_the_same_queries_for_10_or_300_rows(
    db, client, django_assert_num_queries
):
    event = EventFactory(status=EventStatus.SCHEDULED)
    position = PositionFactory()
    counts = {}
    for n in (10, 290):
        event.actors.add(*actors_make(n, prefix=f"ep{n}"))
        evidence_make(event, n, prefix=f"ep{n}")
        evidence_make(position, n, prefix=f"pp{n}")
        for record in (event, position):
            url = record.get_absolute_url()
            if n == 10:
                counts[url] = queries_on(client, url)
            else:
                with django_assert_num_queries(counts[url]):
                    client.get(url)
    assert (
        Evidence.objects.filter(
            content_type=ContentType.objects.get_for_model(Event), object_id=event.pk
        ).count()
        == 300
    )


# --- editors' links ------------------------------------------------------------------
def test_readers_get_no_edit_links_and_editors_pages_render(client, editor, declined_offer):
    assert b"editor-links" not in client.get(declined_offer.get_absolute_url()).content
    client.force_login(editor)
    assert client.get(declined_offer.get_absolute_url()).status_code == 200
