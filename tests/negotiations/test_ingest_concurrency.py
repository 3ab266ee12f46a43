"""Two workers ingesting the same article at the same moment, on PostgreSQL."""

import threading

from django.db import connection

from actors.models import Actor, Alias
from negotiations.ingestion.pipeline import article_ingest
from negotiations.models import Event, Indictment, Offer
from sources.models import Evidence
from sources.services import article_submit
from tests.negotiations.test_extraction_gold import SAMPLE


def test_two_simultaneous_ingestions_leave_one_copy_of_each_record(postgres, transactional_db):
    import datetime as dt

    article = article_submit(
        text=SAMPLE.read_text(encoding="utf-8"), published_on=dt.date(2024, 8, 11)
    ).article
    barrier = threading.Barrier(2)
    results, errors = [], []

    def work():
        try:
            barrier.wait()
            results.append(article_ingest(article_id=article.pk))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert results == ["done", "done"]
    alone = {m.__name__: m.objects.count() for m in (Actor, Alias, Offer, Indictment, Event)}
    assert alone["Indictment"] == 1
    assert Actor.objects.filter(name="Nicolás Maduro").count() == 1
    spans = Evidence.objects.values_list("content_type", "object_id", "start", "end")
    assert len(spans) == len(set(spans))
    # And a third, later run adds nothing.
    article_ingest(article_id=article.pk)
    assert {
        m.__name__: m.objects.count() for m in (Actor, Alias, Offer, Indictment, Event)
    } == alone
