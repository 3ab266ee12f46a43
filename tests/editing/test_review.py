"""The review queue: unreviewed machine-made records in context; confirm, correct, reject."""

import pytest
from django.contrib.contenttypes.models import ContentType

from negotiations.ingestion import EXTRACTOR_VERSION
from negotiations.models import Offer
from sources.models import Evidence
from tests.factories import ActorFactory, ArticleFactory, OfferFactory

URL = "/review/"


def cited_offers(article, count: int, **evidence) -> list[Offer]:
    """`count` machine-made offers, each cited by a span of `article`."""
    offers = []
    content_type = ContentType.objects.get_for_model(Offer)
    for _n in range(count):
        offer = OfferFactory(extractor_version=EXTRACTOR_VERSION)
        Evidence.objects.create(content_type=content_type, object_id=offer.pk, article=article,
                                start=0, end=8, quote=article.text[:8], **evidence)  # fmt: skip
        offers.append(offer)
    return offers


def test_it_shows_each_record_with_its_sentence_highlighted_and_escaped(editor_client):
    article = ArticleFactory(text="Before <b>bold</b>. Amnesty was offered. After it.")
    offer = OfferFactory(extractor_version="9.9.9")
    Evidence.objects.create(
        content_type=ContentType.objects.get_for_model(Offer), object_id=offer.pk,
        article=article, start=20, end=40, quote="Amnesty was offered.",
    )  # fmt: skip
    html = editor_client.get(URL).content.decode()
    assert "Before &lt;b&gt;bold&lt;/b&gt;. <mark>Amnesty was offered.</mark> After it." in html
    assert "<b>bold</b>" not in html
    assert "extractor 9.9.9" in html


def test_newest_article_first_and_filtered_by_article(editor_client):
    old = ArticleFactory(title="Older report", published_on="2024-01-01")
    new = ArticleFactory(title="Newer report", published_on="2025-01-01")
    cited_offers(old, 1), cited_offers(new, 1)
    html = editor_client.get(URL).content.decode()
    assert html.index("Newer report") < html.index("Older report")
    only = editor_client.get(URL, {"article": old.pk}).content.decode()
    assert "Older report" in only and "Newer report" not in only
    assert editor_client.get(URL, {"article": "x"}).status_code == 200  # a message, not a 500


def test_confirm_and_reject_take_records_out_of_the_queue(editor_client, editor):
    article = ArticleFactory()
    keep, drop = cited_offers(article, 2)
    response = editor_client.post(
        f"/review/offer/{keep.pk}/", {"decision": "confirmed", "version": 1}
    )
    assert response.status_code == 302
    editor_client.post(f"/review/offer/{drop.pk}/", {"decision": "rejected", "version": 1})
    keep.refresh_from_db(), drop.refresh_from_db()
    assert (keep.review_state, keep.reviewed_by, drop.review_state) == (
        "confirmed",
        editor,
        "rejected",
    )
    assert "Nothing to review" in editor_client.get(URL).content.decode()


def test_a_stale_decision_is_refused(editor_client):
    (offer,) = cited_offers(ArticleFactory(), 1)
    response = editor_client.post(
        f"/review/offer/{offer.pk}/", {"decision": "confirmed", "version": 7}, follow=True
    )
    assert "changed by someone else" in response.content.decode()
    offer.refresh_from_db()
    assert offer.review_state == "unreviewed"


def test_a_bad_decision_is_a_message_not_a_500(editor_client):
    (offer,) = cited_offers(ArticleFactory(), 1)
    response = editor_client.post(f"/review/offer/{offer.pk}/", {"decision": "maybe"}, follow=True)
    assert "Choose confirmed or rejected." in response.content.decode()


def test_bulk_confirm_confirms_every_record_of_one_article_only(editor_client):
    one, other = ArticleFactory(), ArticleFactory()
    mine, theirs = cited_offers(one, 3), cited_offers(other, 1)
    response = editor_client.post(f"/review/articles/{one.pk}/confirm/")
    assert response.status_code == 302
    assert {o.review_state for o in Offer.objects.filter(pk__in=[o.pk for o in mine])} == {
        "confirmed"
    }
    theirs[0].refresh_from_db()
    assert theirs[0].review_state == "unreviewed"


def test_correct_opens_the_edit_form_and_saving_marks_it_corrected(editor_client):
    (offer,) = cited_offers(ArticleFactory(), 1)
    html = editor_client.get(URL).content.decode()
    assert f"/records/offer/{offer.pk}/edit/?next=" in html
    data = {"version": 1, "kind": "pardon", "terms": "Pardons", "status": "proposed"}
    response = editor_client.post(f"/records/offer/{offer.pk}/edit/?next=/review/", data)
    assert response["Location"] == "/review/"
    offer.refresh_from_db()
    assert (offer.kind, offer.review_state) == ("pardon", "corrected")


@pytest.mark.parametrize("size", [10, 300])
def test_the_queue_takes_a_constant_number_of_queries(
    editor_client, django_assert_num_queries, size
):
    # Quotes by a named speaker, some as the source labels them: attributions read both.
    for n in range(5):
        label = "a spokeswoman" if n % 2 else ""
        cited_offers(ArticleFactory(), size // 5, speaker=ActorFactory(), speaker_label=label)
    editor_client.get(URL)  # warm the content-type cache
    # session, user, group check, count, articles, texts, evidence (all quotes of the page's
    # articles: the pending ones and the quoted sentences), offers, their recipients, links
    with django_assert_num_queries(10):
        response = editor_client.get(URL)
    assert response.content.decode().count('class="review-item"') == size
