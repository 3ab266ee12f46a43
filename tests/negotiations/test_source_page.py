import datetime as dt

import pytest
from django.utils.html import escape

from actors.models import Role
from core.models import ReviewState
from negotiations.ingestion.pipeline import article_ingest
from negotiations.models import Offer
from sources.choices import ArticleStatus
from sources.models import Article
from sources.services import article_submit
from tests.factories import ArticleFactory, EventFactory, EvidenceFactory, OfferFactory
from tests.pages import evidence_make, queries_on

SCRIPT = "<script>alert(1)</script>"


def test_it_highlights_every_evidence_span_and_links_its_records(client, sample_article):
    response = client.get(sample_article.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert escape(sample_article.title) in page
    assert escape(sample_article.publisher) in page
    for item in sample_article.evidence.all():
        assert f'id="evidence-{item.pk}"' in page
        page_of = item.record.actor if isinstance(item.record, Role) else item.record
        assert f'href="{page_of.get_absolute_url()}"' in page
    offer = Offer.objects.filter(evidence__article=sample_article).first()
    assert f'href="{offer.get_absolute_url()}"' in page
    assert "<h3>Offers" in page and "<h3>Events" in page


def test_it_shows_a_failed_ingestion_and_its_error(client, db):
    article = ArticleFactory(status=ArticleStatus.FAILED, error="spaCy could not <parse> it")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Ingestion failed" in page
    assert "spaCy could not &lt;parse&gt; it" in page
    assert '<span class="badge failed">Failed</span>' in page
    assert "No record cites this article" in page


def test_an_unknown_article_is_a_404(client, db):
    assert client.get("/sources/424242/").status_code == 404


def test_it_leaves_out_records_an_editor_rejected(client, db):
    article = ArticleFactory()
    kept, rejected = OfferFactory(terms="Kept offer"), OfferFactory(terms="Rejected offer")
    rejected.review_state = ReviewState.REJECTED
    rejected.save()
    EvidenceFactory(record=kept, article=article)
    EvidenceFactory(record=rejected, article=article, start=5, end=15)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Kept offer" in page
    assert "Rejected offer" not in page


def test_overlapping_spans_all_get_anchors(client, db):
    article = ArticleFactory(text="The envoy met the minister in Doha on Monday.")
    first = EvidenceFactory(record=OfferFactory(), article=article, start=0, end=27)
    second = EvidenceFactory(record=EventFactory(), article=article, start=10, end=44)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<mark id="evidence-{first.pk}"' in page
    assert f'<mark id="evidence-{second.pk}" class="span depth-2"' in page


def test_article_text_is_escaped_on_the_source_and_record_pages(client, db):
    text = (
        f"The U.S. has discussed pardons for Maduro and {SCRIPT} his allies, said three "
        f"people familiar with the deliberations. The U.S. made an amnesty offer to Maduro "
        f"during secret talks {SCRIPT}, people familiar with the matter said."
    )
    article = article_submit(
        text=text, published_on=dt.date(2024, 9, 1), title=f"Talks {SCRIPT}"
    ).article
    assert article_ingest(article_id=article.pk) == ArticleStatus.DONE
    offer = Offer.objects.filter(evidence__article=article).first()
    assert offer is not None, "the test article should yield an offer"
    for url in (article.get_absolute_url(), offer.get_absolute_url()):
        page = client.get(url).content.decode()
        assert SCRIPT not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize("extra", [290])
def test_it_makes_the_same_queries_for_10_or_300_spans(
    db, client, django_assert_num_queries, extra
):
    article = ArticleFactory(text="x" * 400)

    def grow(n):
        for i in range(n):
            record = (OfferFactory if i % 2 else EventFactory)()
            EvidenceFactory(record=record, article=article, start=i, end=i + 20)

    grow(10)
    small = queries_on(client, article.get_absolute_url())
    grow(290)
    evidence_make(OfferFactory(), 3)  # evidence elsewhere changes nothing here
    with django_assert_num_queries(small):
        page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('class="span depth-') >= 300
    assert Article.objects.get(pk=article.pk).evidence.count() == 300
