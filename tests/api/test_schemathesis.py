"""Schemathesis over the whole schema: bad or random input never gives a 500 or an answer
the schema does not describe. Reads run anonymously; writes as an editor (session + CSRF),
so the write paths run too."""

import datetime as dt

import pytest
import schemathesis
from django.contrib.auth.models import Group, User
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from django.utils.crypto import get_random_string
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings

from config.wsgi import application
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
    TalksChannelFactory,
)

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application  # requests go straight to the WSGI app, in the test's transaction


@pytest.fixture
def records(db):
    actor = ActorFactory(slug="someone")
    offer = OfferFactory(offered_by=actor)
    channel = TalksChannelFactory()
    indictment = IndictmentFactory()
    indictment.defendants.add(actor)
    event = EventFactory(offer=offer, occurred_on=dt.date(2024, 8, 1))
    event.actors.add(actor)
    PositionFactory(actor=actor)
    article = ArticleFactory()
    for record in (offer, channel, event):
        EvidenceFactory(record=record, article=article)
    return actor


@pytest.fixture
def connection_kept():
    """Keep the test's connection across raw WSGI calls, as Django's test client does
    (after a request Django closes a connection whose autocommit differs: the test's)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def editor_session(db, settings) -> dict[str, str]:
    """Cookie and CSRF headers of a signed-in editor, for raw WSGI calls."""
    settings.API_THROTTLE_RATES = {"anon": "1000000/min", "user": "1000000/min"}
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    user = User.objects.create_user("fuzz-editor", password="x")
    user.groups.add(Group.objects.get_or_create(name=settings.EDITORS_GROUP)[0])
    client = Client()
    client.force_login(user)
    csrf = get_random_string(32)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}",
        "X-CSRFToken": csrf,
    }


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_honours_its_schema(case, records, editor_session, connection_kept):
    headers = editor_session if case.method.upper() not in ("GET", "HEAD") else {}
    case.call_and_validate(headers=headers)
