import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings

from actors.models import Actor, Alias, Role
from core.models import Origin, ReviewState
from negotiations.ingestion.pipeline import article_ingest
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel
from sources.models import Article, Evidence
from sources.services import article_submit
from tests.negotiations.test_extraction_gold import SAMPLE, ingest_file

RECORD_MODELS = [Actor, Role, Offer, Indictment, TalksChannel, Event, Position]


def _counts() -> dict[str, int]:
    models = [*RECORD_MODELS, Alias, Evidence]
    return {m.__name__: m.objects.count() for m in models}


def test_every_record_has_evidence_that_quotes_the_article_exactly(db):
    article = ingest_file(SAMPLE)
    for model in RECORD_MODELS:
        records = list(model.objects.all())
        assert records, f"no {model.__name__} extracted"
        content_type = ContentType.objects.get_for_model(model)
        for record in records:
            evidence = Evidence.objects.filter(content_type=content_type, object_id=record.pk)
            assert evidence.exists(), f"{model.__name__} {record} has no evidence"
            for item in evidence:
                assert item.article == article
                assert item.quote == article.text[item.start : item.end]


def test_the_sample_article_records_are_cited_and_attributed(db):
    ingest_file(SAMPLE)
    declined = Offer.objects.get(status="declined")
    assert declined.kind == "amnesty"
    assert declined.channel.venue == "Doha"
    assert declined.offered_on == dt.date(2023, 1, 1) and declined.offered_precision == "year"
    indictment = Indictment.objects.get()
    assert indictment.bounty_amount == 15_000_000 and indictment.bounty_currency == "USD"
    assert indictment.defendants.get().name == "Nicolás Maduro"
    anonymous = Evidence.objects.filter(attribution="anonymous", source_count=3)
    assert anonymous.filter(speaker_label__contains="three people familiar").exists()
    assert Event.objects.get(kind="inauguration").status == "scheduled"
    assert Actor.objects.get(name="Jorge Rodríguez").side == "venezuelan_government"


def _versions() -> dict[str, int]:
    """Versions in the records' histories (each save or relation change writes one)."""
    return {m.__name__: m.history.count() for m in RECORD_MODELS}


def test_ingesting_again_changes_nothing(db):
    article = ingest_file(SAMPLE)
    before, versions = _counts(), _versions()
    assert article_ingest(article_id=article.pk) == "done"
    assert _counts() == before
    # Nothing new is no write: no version saying nothing in any record's history.
    assert _versions() == versions
    again = article_submit(text=article.text, published_on=article.published_on)
    assert again.created is False and again.article == article
    assert Article.objects.count() == 1


def test_a_known_alias_merges_into_the_existing_actor(db):
    known = Actor.objects.create(name="N. Maduro", slug="n-maduro", origin=Origin.EDITOR)
    Alias.objects.create(actor=known, name="Maduro")
    ingest_file(SAMPLE)
    assert not Actor.objects.filter(name="Nicolás Maduro").exists()
    assert Indictment.objects.get().defendants.get() == known
    known.refresh_from_db()
    assert known.name == "N. Maduro"  # an editor's record is not rewritten


def test_editor_decisions_survive_re_ingestion(db, editor):
    article = ingest_file(SAMPLE)
    confirmed = Offer.objects.get(status="declined")
    confirmed.review_state, confirmed.reviewed_by = ReviewState.CONFIRMED, editor
    confirmed.save()
    corrected = Offer.objects.get(kind="pardon")
    corrected.conditions, corrected.review_state = (
        "Leave office by an agreed date",
        ReviewState.CORRECTED,
    )
    corrected.save()
    rejected = Offer.objects.get(kind="guarantees")
    rejected.review_state = ReviewState.REJECTED
    rejected.save()
    offers_before = Offer.objects.count()

    assert article_ingest(article_id=article.pk) == "done"

    assert Offer.objects.count() == offers_before
    corrected.refresh_from_db()
    assert corrected.conditions == "Leave office by an agreed date"
    assert corrected.review_state == ReviewState.CORRECTED
    assert Offer.objects.get(pk=rejected.pk).review_state == ReviewState.REJECTED
    assert Offer.objects.filter(kind="guarantees").count() == 1
    assert Offer.objects.get(pk=confirmed.pk).review_state == ReviewState.CONFIRMED


def test_records_an_improved_extractor_no_longer_finds_are_removed(db):
    article = ingest_file(SAMPLE)
    stale = Event.objects.create(
        title="A misreading", occurred_on=dt.date(2024, 1, 1), fingerprint="stale"
    )
    Evidence.objects.create(
        content_type=ContentType.objects.get_for_model(Event),
        object_id=stale.pk,
        article=article,
        start=0,
        end=10,
        quote=article.text[:10],
    )
    article_ingest(article_id=article.pk)
    assert not Event.objects.filter(pk=stale.pk).exists()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("   ", "empty"),
        ("1234 5678 !!!", "no words"),
    ],
)
def test_a_bad_article_is_marked_failed_with_its_reason(db, text, reason):
    article = Article.objects.create(
        text=text, content_hash=str(hash(text)), published_on=dt.date(2024, 8, 11)
    )
    assert article_ingest(article_id=article.pk) == "failed"
    article.refresh_from_db()
    assert article.status == "failed"
    assert reason in article.error
    assert Actor.objects.count() == 0


def test_text_with_nul_bytes_is_refused_at_the_door(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        article_submit(text="a\x00b text", published_on=dt.date(2024, 8, 11))
    assert "NUL" in error.value.message_dict["text"][0]


@override_settings(ARTICLE_MAX_BYTES=100)
def test_an_oversized_article_is_refused_naming_the_field(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        article_submit(text="word " * 50, published_on=dt.date(2024, 8, 11))
    assert "limit" in error.value.message_dict["text"][0]
    assert Article.objects.count() == 0


def test_submission_enqueues_ingestion_on_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submission = article_submit(
            text=SAMPLE.read_text(encoding="utf-8"), published_on=dt.date(2024, 8, 11)
        )
    submission.article.refresh_from_db()
    assert submission.article.status == "done"
    assert Offer.objects.exists()


def test_a_second_article_corroborates_instead_of_duplicating(db):
    ingest_file(SAMPLE)
    declined = Offer.objects.get(status="declined")
    second = article_submit(
        text=(
            "The United States offered amnesty to Nicolás Maduro during secret talks in Doha "
            "last year, but Maduro declined the offer, two officials said."
        ),
        published_on=dt.date(2024, 9, 2),
    ).article
    assert article_ingest(article_id=second.pk) == "done"
    assert Offer.objects.filter(status="declined", kind="amnesty").count() == 1
    articles = Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(Offer), object_id=declined.pk
    ).values_list("article", flat=True)
    assert set(articles) == {Article.objects.get(published_on="2024-08-11").pk, second.pk}
    assert Actor.objects.filter(aliases__name="Maduro").count() == 1


def test_a_worker_child_loads_the_model_and_the_date_parser_as_it_starts():
    from celery.signals import worker_process_init

    from negotiations.ingestion.dates import _parser
    from negotiations.ingestion.nlp import get_nlp
    from negotiations.tasks import _warm_up

    _parser.cache_clear()
    assert _warm_up in [receiver() for _, receiver in worker_process_init.receivers]
    worker_process_init.send(sender=None)
    assert _parser.cache_info().currsize == 1 and get_nlp.cache_info().currsize == 1
