"""The developments-per-period summary stays equal to a recount of the events, whatever
writes them (ingestion, editors' services, review, pruning), and honours the as-of date."""

import datetime as dt
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.functions import TruncMonth

from core.editing import record_review, record_update
from core.models import ReviewState
from negotiations.choices import EventKind, EventStatus
from negotiations.development_counts import development_counts_compact, development_counts_install
from negotiations.ingestion.pipeline import article_ingest
from negotiations.models import DevelopmentCount, Event
from negotiations.selectors import development_period_counts, event_period_counts, events_known
from negotiations.services import event_record
from sources.models import Evidence
from sources.services import SourceInput
from tests.factories import ActorFactory, EventFactory
from tests.negotiations.test_extraction_gold import SAMPLE, ingest_file

AS_OF_DATES = [None, dt.date(2020, 1, 1), dt.date(2024, 8, 10), dt.date(2024, 8, 11)]
SINCE_DATES = [dt.date(2024, 7, 1), dt.date(2024, 8, 5), dt.date(2019, 12, 31)]


def _summary() -> Counter:
    """The summary's rows summed per key, as the triggers left them."""
    rows = Counter()
    for row in DevelopmentCount.objects.values():
        key = (row["month"], row["kind"], row["precision"], row["status"], row["known_month"])
        rows[key] += row["n"]
    return +rows  # keys that sum to nothing are no rows


def _recount() -> Counter:
    """The same, counted from the events themselves."""
    counted = (
        Event.objects.exclude(review_state=ReviewState.REJECTED)
        .filter(first_reported_on__isnull=False)
        .annotate(month=TruncMonth("occurred_on"), known=TruncMonth("first_reported_on"))
        .values_list("month", "kind", "occurred_precision", "status", "known")
    )
    return Counter(counted)


def assert_summary_is_a_recount() -> None:
    assert _summary() == _recount()
    for as_of in AS_OF_DATES:
        expected = event_period_counts(events_known(as_of=as_of))
        assert development_period_counts(as_of=as_of) == expected, as_of
        for kind in (EventKind.TALKS, EventKind.OFFER):
            of_kind = events_known(as_of=as_of).filter(kind=kind, status=EventStatus.OCCURRED)
            counts = development_period_counts(
                as_of=as_of, kinds=[kind], status=EventStatus.OCCURRED
            )
            assert counts == event_period_counts(of_kind), (as_of, kind)
        for since in SINCE_DATES:  # a zoomed timeline's span: whole months and a part of one
            dated = events_known(as_of=as_of).filter(occurred_on__gte=since)
            counts = development_period_counts(as_of=as_of, since=since)
            assert counts == event_period_counts(dated), (as_of, since)


def test_ingestion_keeps_the_summary_a_recount(db):
    ingest_file(SAMPLE)
    assert Event.objects.count() > 3
    assert_summary_is_a_recount()


def test_editors_creating_editing_and_rejecting_keep_it_a_recount(editor):
    source = SourceInput(note="Seen at the press conference", published_on=dt.date(2024, 8, 2))
    event = event_record(
        by=editor,
        fields={
            "title": "Envoys meet",
            "kind": EventKind.TALKS,
            "occurred_on": dt.date(2024, 8, 1),
        },
        actors=[ActorFactory()],
        source=source,
    )
    EventFactory(kind=EventKind.OFFER, first_reported_on=dt.date(2024, 7, 30))
    assert_summary_is_a_recount()
    assert sum(r["n"] for r in development_period_counts(as_of=None)) == 2

    event = record_update(record=event, by=editor, changes={"occurred_on": dt.date(2023, 3, 9)})
    assert_summary_is_a_recount()
    event = record_update(record=event, by=editor, changes={"kind": EventKind.OFFER})
    assert_summary_is_a_recount()
    event = record_update(
        record=event, by=editor, changes={"status": EventStatus.SCHEDULED, "title": "Renamed"}
    )
    assert_summary_is_a_recount()
    record_review(record=event, by=editor, decision=ReviewState.REJECTED)
    assert_summary_is_a_recount()
    assert sum(r["n"] for r in development_period_counts(as_of=None)) == 1


def test_an_event_pruned_by_a_new_ingestion_leaves_the_summary(db):
    article = ingest_file(SAMPLE)
    stale = EventFactory(fingerprint="stale", first_reported_on=article.published_on)
    Evidence.objects.create(
        content_type=ContentType.objects.get_for_model(Event),
        object_id=stale.pk,
        article=article,
        start=0,
        end=10,
        quote=article.text[:10],
    )
    assert_summary_is_a_recount()
    article_ingest(article_id=article.pk)
    assert not Event.objects.filter(pk=stale.pk).exists()
    assert_summary_is_a_recount()


def test_the_as_of_date_counts_what_was_known_by_then_within_its_month(db):
    EventFactory(occurred_on=dt.date(2024, 7, 1), first_reported_on=dt.date(2024, 8, 3))
    EventFactory(occurred_on=dt.date(2024, 7, 1), first_reported_on=dt.date(2024, 8, 20))
    EventFactory(occurred_on=dt.date(2024, 6, 1), first_reported_on=dt.date(2024, 5, 20))
    undated = EventFactory(occurred_on=dt.date(2024, 6, 1), first_reported_on=None)

    def total(as_of):
        return sum(row["n"] for row in development_period_counts(as_of=as_of))

    created = undated.created_at.date()
    assert total(dt.date(2024, 8, 10)) == 2 + (created <= dt.date(2024, 8, 10))
    assert total(dt.date(2024, 8, 31)) == 3 + (created <= dt.date(2024, 8, 31))
    assert total(dt.date(2024, 5, 31)) == 1 + (created <= dt.date(2024, 5, 31))
    assert total(None) == 4
    assert_summary_is_a_recount()


def test_a_bulk_update_and_a_bulk_delete_are_counted_too(db):
    EventFactory.create_batch(5, kind=EventKind.TALKS, first_reported_on=dt.date(2024, 8, 1))
    Event.objects.filter(pk__in=Event.objects.values("pk")[:2]).update(kind=EventKind.OFFER)
    assert_summary_is_a_recount()
    Event.objects.filter(kind=EventKind.OFFER).delete()
    assert_summary_is_a_recount()
    assert _recount() == Counter(
        {(dt.date(2024, 7, 1), "talks", "day", "occurred", dt.date(2024, 8, 1)): 3}
    )


def test_compacting_folds_the_rows_and_keeps_the_counts(db):
    events = EventFactory.create_batch(4, first_reported_on=dt.date(2024, 8, 1))
    for event in events[:3]:
        event.occurred_on = dt.date(2022, 1, 5)
        event.save()
    before = _summary()
    assert DevelopmentCount.objects.count() > 2
    assert development_counts_compact(connection) == 2
    assert _summary() == before == _recount()


def test_installing_again_restores_lost_triggers_and_recounts(db):
    """What runs after every migrate: SQLite loses a table's triggers when a migration
    rebuilds the table."""
    EventFactory(first_reported_on=dt.date(2024, 8, 1))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "DROP TRIGGER negotiations_developmentcount_insert ON negotiations_event"
            )
        else:
            cursor.execute("DROP TRIGGER negotiations_developmentcount_insert")
    EventFactory(first_reported_on=dt.date(2024, 8, 1))
    assert _summary() != _recount()
    development_counts_install(connection)
    assert _summary() == _recount()
    EventFactory(first_reported_on=dt.date(2024, 8, 1))
    assert _summary() == _recount()
