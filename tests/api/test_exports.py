"""CSV of any list, the Atom feed of developments, throttling, and the documented schema."""

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache

from tests.factories import ActorFactory, EventFactory, OfferFactory


def test_any_list_exports_as_csv(api, db):
    actor = ActorFactory(name="=HYPERLINK(1)")
    offer = OfferFactory(offered_by=actor, terms="Safe passage")
    offer.recipients.add(actor)
    response = api.get("/api/v1/offers/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["terms"] for row in rows] == ["Safe passage"]
    # A cell a spreadsheet would run as a formula is defused.
    assert rows[0]["recipients"] == "'=HYPERLINK(1)"
    assert rows[0]["offered_by"] == "'=HYPERLINK(1)"


def test_errors_stay_json_when_csv_was_asked_for(api, db):
    response = api.get("/api/v1/events/?format=csv&occurred_after=never")
    assert response.status_code == 400
    assert response.json()["errors"]["occurred_after"]


def test_the_feed_lists_developments_filtered_by_actor_and_kind(client, db):
    actor = ActorFactory(slug="envoy")
    theirs = EventFactory(title="Envoy visits", kind="talks", occurred_on=dt.date(2024, 8, 1))
    theirs.actors.add(actor)
    EventFactory(title="Unrelated election", kind="election")

    everything = client.get("/feeds/developments/").content.decode()
    assert "Envoy visits" in everything and "Unrelated election" in everything
    assert 'xmlns="http://www.w3.org/2005/Atom"' in everything

    by_actor = client.get("/feeds/developments/?actor=envoy").content.decode()
    assert "Envoy visits" in by_actor and "Unrelated election" not in by_actor
    by_kind = client.get("/feeds/developments/?kind=election").content.decode()
    assert "Unrelated election" in by_kind and "Envoy visits" not in by_kind


def test_a_bad_feed_filter_is_a_400(client, db):
    assert client.get("/feeds/developments/?kind=nonsense").status_code == 400


def test_too_many_requests_get_429_with_retry_after(api, db, settings):
    settings.API_THROTTLE_RATES = {"anon": "3/min", "user": "3/min"}
    cache.clear()
    codes = [api.get("/api/v1/actors/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = api.get("/api/v1/actors/")
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["code"] == "throttled"


def test_an_unknown_record_is_a_json_404(api, db):
    for path in ("/api/v1/offers/999999/", "/api/v1/actors/nobody/", "/api/v1/offers/abc/"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["status"] == 404


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_the_schema_and_its_docs_are_served(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    if path.endswith("docs/"):
        page = response.content.decode()
        assert "/static/drf_spectacular_sidecar/" in page
        assert "cdn" not in page.lower() and "https://" not in page


def test_the_schema_documents_every_endpoint_and_the_error_shape(client, db):
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)
    for path in ("/api/v1/events/", "/api/v1/state/", "/api/v1/articles/", "/api/v1/auth/token/"):
        assert path in schema["paths"], path
    patch = schema["paths"]["/api/v1/actors/{key}/"]["patch"]["responses"]
    assert {"400", "401", "403", "404", "412", "429"} <= set(patch)
    error = schema["components"]["schemas"]["Error"]["properties"]
    assert set(error) == {"status", "code", "message", "errors"}
    events = {p["name"] for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert {"actor", "side", "kind", "occurred_after", "updated_since", "cursor", "q"} <= events


def test_updated_since_returns_only_what_changed_and_takes_any_offset(api, db):
    from django.utils import timezone

    old = ActorFactory()
    cut = timezone.now()
    new = ActorFactory()
    since = api.get("/api/v1/actors/", {"updated_since": cut.isoformat()}).json()["results"]
    assert [row["id"] for row in since] == [new.pk]
    assert old.pk not in [row["id"] for row in since]
    # An offset PostgreSQL would refuse is converted, not a 500.
    odd = api.get("/api/v1/actors/", {"updated_since": "2000-04-15T20:12:32+17:41"})
    assert odd.status_code == 200 and odd.json()["count"] == 2
