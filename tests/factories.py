import datetime as dt
import hashlib

import factory
from django.contrib.contenttypes.models import ContentType

from actors.models import Actor
from core.dates import DatePrecision
from negotiations.choices import OfferKind
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel
from sources.models import Article, Evidence


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.Sequence(lambda n: f"actor-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    published_on = dt.date(2024, 8, 11)
    text = factory.Sequence(lambda n: f"Officials met on Monday to discuss talks, number {n}.")
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Development {n}")
    occurred_on = dt.date(2024, 7, 28)


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    kind = OfferKind.AMNESTY
    terms = factory.Sequence(lambda n: f"Amnesty offer {n}")
    offered_on = dt.date(2024, 8, 1)
    offered_precision = DatePrecision.MONTH


class TalksChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalksChannel

    name = factory.Sequence(lambda n: f"Channel {n}")
    started_on = dt.date(2024, 7, 1)
    last_activity_on = dt.date(2024, 8, 1)


class IndictmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indictment

    charges = factory.Sequence(lambda n: f"Charges {n}")
    filed_on = dt.date(2020, 3, 26)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    actor = factory.SubFactory(ActorFactory)
    stance = factory.Sequence(lambda n: f"Stance {n}")
    stated_on = dt.date(2024, 8, 9)


class EvidenceFactory(factory.django.DjangoModelFactory):
    """A span of an article citing `record` (pass record=...)."""

    class Meta:
        model = Evidence
        exclude = ["record"]

    record = None
    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda o: min(len(o.article.text), 20))
    quote = factory.LazyAttribute(lambda o: o.article.text[o.start : o.end])
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_id = factory.LazyAttribute(lambda o: o.record.pk)
