"""Editors check ingestion's record links in the review queue: keep them, or unlink."""

import datetime as dt

from negotiations.ingestion.pipeline import article_ingest
from negotiations.models import Offer, RecordLink
from sources.services import article_submit
from tests.negotiations.test_story import OFFER_MADE_THEN_DECLINED


def _story():
    articles = []
    for published, text in OFFER_MADE_THEN_DECLINED:
        article = article_submit(text=text, published_on=dt.date.fromisoformat(published)).article
        assert article_ingest(article_id=article.pk) == "done"
        articles.append(article)
    return articles


def test_the_queue_shows_why_a_report_was_linked(editor_client):
    _, later = _story()
    page = editor_client.get(f"/review/?article={later.pk}").content.decode()
    offer = Offer.objects.get()
    assert f"Linked to the known offer #{offer.pk}" in page
    assert "same kind (amnesty)" in page
    assert "Unlink: a record of its own" in page


def test_unlinking_makes_the_report_a_record_of_its_own(
    editor_client, django_capture_on_commit_callbacks
):
    first, later = _story()
    link = RecordLink.objects.get(article=later)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/review/links/{link.pk}/", {"decision": "unlinked"})
    assert response.status_code == 302

    offers = Offer.objects.order_by("pk")
    assert offers.count() == 2
    known, own = offers
    known.refresh_from_db()
    assert known.status == "proposed"  # the decline it no longer has is undone
    assert own.status == "declined"
    assert own.evidence.filter(article=later).exists()
    assert not known.evidence.filter(article=later).exists()

    # Read again, the editor's word holds: no link back.
    assert article_ingest(article_id=later.pk) == "done"
    assert Offer.objects.count() == 2
    assert RecordLink.objects.get(pk=link.pk).state == "unlinked"


def test_a_kept_link_survives_reading_again(editor_client):
    _, later = _story()
    link = RecordLink.objects.get(article=later)
    editor_client.post(f"/review/links/{link.pk}/", {"decision": "confirmed"})
    assert article_ingest(article_id=later.pk) == "done"
    link.refresh_from_db()
    assert link.state == "confirmed" and link.decided_by is not None
    assert Offer.objects.count() == 1


def test_only_editors_decide(client, reader, db):
    _, later = _story()
    link = RecordLink.objects.get(article=later)
    client.force_login(reader)
    assert client.post(f"/review/links/{link.pk}/", {"decision": "unlinked"}).status_code == 403
    assert RecordLink.objects.get(pk=link.pk).state == "linked"


def test_an_unknown_decision_is_refused(editor_client):
    _, later = _story()
    link = RecordLink.objects.get(article=later)
    response = editor_client.post(f"/review/links/{link.pk}/", {"decision": "maybe"}, follow=True)
    assert "Choose confirmed or unlinked." in response.content.decode()
    assert RecordLink.objects.get(pk=link.pk).state == "linked"


def test_a_report_can_be_linked_to_another_record_instead(
    editor_client, django_capture_on_commit_callbacks
):
    other = article_submit(
        text="Brazil Offers Amnesty\nBrazil offered amnesty to Nicolás Maduro on Monday, "
        "officials said.",
        published_on=dt.date(2024, 6, 4),
    ).article
    assert article_ingest(article_id=other.pk) == "done"
    brazils = Offer.objects.get()
    _, later = _story()
    link = RecordLink.objects.get(article=later)
    assert link.record != brazils

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            f"/review/links/{link.pk}/", {"decision": "moved", "record": str(brazils.pk)}
        )
    brazils.refresh_from_db()
    first = Offer.objects.get(pk=link.object_id)
    assert (brazils.status, first.status) == ("declined", "proposed")
    assert RecordLink.objects.get(article=later, object_id=brazils.pk).state == "confirmed"
    assert RecordLink.objects.get(pk=link.pk).state == "unlinked"
    assert Offer.objects.count() == 2


def test_linking_to_a_record_that_is_not_there_is_refused(editor_client):
    _, later = _story()
    link = RecordLink.objects.get(article=later)
    response = editor_client.post(
        f"/review/links/{link.pk}/", {"decision": "moved", "record": "999"}, follow=True
    )
    assert "There is no offer #999." in response.content.decode()
    assert RecordLink.objects.get(pk=link.pk).state == "linked"
