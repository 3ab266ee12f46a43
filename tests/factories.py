import datetime as dt
import hashlib

import factory

from actors.models import Actor
from negotiations.models import Article, Event


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
