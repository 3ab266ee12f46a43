"""Helpers for page tests: bulk data to grow a page, and counting a page's queries."""

import datetime as dt
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import Actor
from sources.models import Article, Evidence


def articles_make(n: int, *, published_on=dt.date(2024, 8, 11), prefix="bulk") -> list[Article]:
    texts = [f"{prefix} article {i}: officials met to discuss the talks." for i in range(n)]
    return Article.objects.bulk_create(
        Article(
            title=f"{prefix} {i}",
            text=text,
            published_on=published_on,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        for i, text in enumerate(texts)
    )


def evidence_make(record, n: int, *, prefix="bulk") -> list[Evidence]:
    """`n` quotes for `record`, each from its own article."""
    kind = ContentType.objects.get_for_model(record)
    return Evidence.objects.bulk_create(
        Evidence(
            content_type=kind,
            object_id=record.pk,
            article=article,
            start=0,
            end=20,
            quote=article.text[:20],
            speaker_label=f"official {i}",
        )
        for i, article in enumerate(articles_make(n, prefix=f"{prefix}-{record.pk}"))
    )


def actors_make(n: int, *, prefix="bulk") -> list[Actor]:
    return Actor.objects.bulk_create(
        Actor(name=f"{prefix} actor {i}", slug=f"{prefix}-actor-{i}") for i in range(n)
    )


def queries_on(client, url: str) -> int:
    """The number of queries one GET of `url` makes (asserting it renders)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert b"Not yet reported" not in response.content, "the page must show the record"
    return len(context)
