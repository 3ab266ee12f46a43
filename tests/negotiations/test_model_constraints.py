import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from negotiations.models import Offer
from sources.models import Evidence
from tests.factories import ArticleFactory, EventFactory


def _evidence(article, start, end, quote):
    event = EventFactory()
    return Evidence(
        content_type=ContentType.objects.get_for_model(event),
        object_id=event.pk,
        article=article,
        start=start,
        end=end,
        quote=quote,
    )


def test_evidence_whose_quote_is_the_span_is_accepted(db):
    article = ArticleFactory(text="The talks resumed on Monday.")
    evidence = _evidence(article, 4, 9, "talks")
    evidence.full_clean()
    evidence.save()


def test_a_span_outside_the_text_is_refused_with_a_clear_message(db):
    article = ArticleFactory(text="Short text.")
    with pytest.raises(ValidationError) as error:
        _evidence(article, 5, 500, "x" * 495).full_clean()
    assert "within the article" in error.value.message_dict["end"][0]


def test_a_quote_that_is_not_the_span_is_refused(db):
    article = ArticleFactory(text="The talks resumed on Monday.")
    with pytest.raises(ValidationError) as error:
        _evidence(article, 4, 9, "tolks").full_clean()
    assert "quote" in error.value.message_dict


def test_the_database_refuses_a_quote_whose_length_is_not_the_span(db):
    article = ArticleFactory(text="The talks resumed on Monday.")
    with pytest.raises(IntegrityError):
        _evidence(article, 4, 9, "talks resumed").save()


def test_the_database_refuses_an_invalid_offer_status(db):
    with pytest.raises(IntegrityError):
        Offer.objects.create(terms="Amnesty", status="maybe")


def test_validation_refuses_an_invalid_offer_status_naming_the_field(db):
    with pytest.raises(ValidationError) as error:
        Offer(terms="Amnesty", status="maybe").full_clean()
    assert "status" in error.value.message_dict
