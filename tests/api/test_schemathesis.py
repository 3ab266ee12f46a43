"""Schemathesis over the whole schema, every check: bad or random input never gives a 500
or an answer the schema does not describe, what the schema allows is accepted and what it
forbids refused. Reads run anonymously; writes as an editor, with a real token (the schema's
token scheme makes Schemathesis send an Authorization header of its own, which a session
cookie would not outweigh), so the write paths run too."""

import datetime as dt
import os
import re

import pytest
import schemathesis
from django.contrib.auth.models import Group, User
from django.core import signals
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from core.api.conditional import IF_MATCH_PATTERN
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
    """The Authorization header of an editor, for raw WSGI calls."""
    settings.API_THROTTLE_RATES = {"anon": "1000000/min", "user": "1000000/min"}
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    user = User.objects.create_user("fuzz-editor", password="x")
    user.groups.add(Group.objects.get_or_create(name=settings.EDITORS_GROUP)[0])
    return {"Authorization": f"Token {Token.objects.create(user=user).key}"}


@schema.parametrize()
@settings(
    # More in a thorough run: SCHEMATHESIS_EXAMPLES=200 pytest tests/api/test_schemathesis.py
    max_examples=int(os.getenv("SCHEMATHESIS_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        # An article's text (a letter, no control characters) filters many drawn strings.
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_honours_its_schema(case, records, editor_session, connection_kept):
    headers = editor_session if case.method.upper() not in ("GET", "HEAD") else {}
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if positive:
        # A filter naming an actor must name one that exists (else a 400 naming it): the
        # schema cannot list the actors, so schema-valid cases name the one there is.
        for name in ACTOR_FILTERS & set(case.query or {}):
            case.query[name] = records.slug
    response = case.call(headers=headers)
    excluded = []
    if positive and (_answers_the_state(case, response) or _if_match_off_schema(case)):
        excluded.append(positive_data_acceptance)
    case.validate_response(response, headers=headers, excluded_checks=excluded)


ACTOR_FILTERS = {"actor", "speaker"}
# Rules of a write that depend on what is stored, which no schema can state: the records a
# body names must exist (and a span lie within its article's text), a status change needs
# the one record it changes and a status that record has, a bounty its indictment, a date
# after another date of the record, a source's publication date not after today (and given
# with a URL). Schema-valid input that breaks one is a 400 naming these fields; any other
# 400 to schema-valid input still fails the run.
STATE_FIELDS = {
    "actors",
    "offer",
    "channel",
    "indictment",
    "status_to",
    "status",
    "bounty_amount",
    "bounty_currency",
    "last_activity_on",
    "ended_on",
    "quote",
    "end",
    "name",
    "source.article",
    "source.published_on",
    "non_field_errors",
}


def _if_match_off_schema(case) -> bool:
    """Schemathesis's coverage phase may send, in a case it marks positive, an If-Match
    its schema forbids (seen: `If-Match: 0`); the server's 400 to it is right."""
    value = (case.headers or {}).get("If-Match")
    return value is not None and not re.fullmatch(IF_MATCH_PATTERN, value)


def _answers_the_state(case, response) -> bool:
    """A write refused for what is stored: the record changed since the ETag sent (412,
    like 409 a conflict with the state), or a 400 naming only STATE_FIELDS."""
    if case.method.upper() in ("GET", "HEAD") or response.status_code not in (400, 412):
        return False
    if response.status_code == 412:
        return True
    errors = response.json().get("errors", {})
    return bool(errors) and all(
        name in STATE_FIELDS or _finer_url_rule(name, messages) for name, messages in errors.items()
    )


def _finer_url_rule(name: str, messages: list[str]) -> bool:
    """Django's URL grammar (host labels, the host's length, schemes) is finer than the
    `uri` format and the character rule the schema states; its one message is let through."""
    return name.split(".")[-1] == "url" and messages == ["Enter a valid URL."]
