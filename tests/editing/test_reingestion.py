"""Decisions made in the site survive re-ingestion: never changed, recreated or resurrected.

tests/negotiations/test_article_ingest.py sets review states directly; this goes through the
review queue and the edit form, as an editor would.
"""

from negotiations.ingestion.pipeline import article_ingest
from negotiations.models import Offer
from sources.models import Evidence


def _offer_form(offer, **changes) -> dict:
    data = {"version": offer.version, "kind": offer.kind, "terms": offer.terms,
            "conditions": offer.conditions, "status": offer.status}  # fmt: skip
    return data | changes


def test_confirm_correct_and_reject_in_the_site_survive_re_ingestion(editor_client, sample_article):
    confirmed, corrected, rejected = Offer.objects.order_by("id")[:3]
    editor_client.post(f"/review/offer/{confirmed.pk}/", {"decision": "confirmed"})
    editor_client.post(
        f"/records/offer/{corrected.pk}/edit/",
        _offer_form(corrected, terms="Corrected terms", conditions="Corrected conditions"),
    )
    editor_client.post(f"/review/offer/{rejected.pk}/", {"decision": "rejected"})
    before = {o.pk: (o.terms, o.conditions, o.status, o.version, o.review_state)
              for o in Offer.objects.all()}  # fmt: skip
    assert before[corrected.pk][:2] == ("Corrected terms", "Corrected conditions")
    assert [before[o.pk][4] for o in (confirmed, corrected, rejected)] == [
        "confirmed",
        "corrected",
        "rejected",
    ]

    assert article_ingest(article_id=sample_article.pk) == "done"

    after = {o.pk: (o.terms, o.conditions, o.status, o.version, o.review_state)
             for o in Offer.objects.all()}  # fmt: skip
    assert after == before  # nothing changed, nothing added: no twin of the rejected offer
    assert Evidence.objects.filter(object_id=rejected.pk, content_type__model="offer").exists()


def test_a_rejected_record_stays_out_of_the_queue_after_re_ingestion(editor_client, sample_article):
    offer = Offer.objects.order_by("id").first()
    editor_client.post(f"/review/offer/{offer.pk}/", {"decision": "rejected"})
    article_ingest(article_id=sample_article.pk)
    html = editor_client.get("/review/", {"article": sample_article.pk}).content.decode()
    assert f'id="review-offer-{offer.pk}"' not in html
    assert 'id="review-offer-' in html  # the others are still waiting
