"""The API says where sources disagree: `sources_disagree` and `disagreements` on every record,
each claim with its source and quote; lists stay at a fixed number of queries."""

import datetime as dt
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer

from core.dates import PartialDate
from negotiations.api.serializers import EventSerializer
from negotiations.choices import ClaimState
from negotiations.claim_choice import claim_choose
from negotiations.models import Claim
from negotiations.selectors import event_list
from tests.claims import SEP_5, disagreements_make
from tests.claims import stated as state
from tests.factories import EventFactory, IndictmentFactory, OfferFactory


def rewards_disagree(indictment) -> tuple:
    high = state(
        indictment,
        "bounty_amount",
        ("25000000", "USD"),
        holds_on=SEP_5,
        publisher="Harbour Post",
        published_on=dt.date(2024, 9, 6),
    )
    low = state(
        indictment,
        "bounty_amount",
        ("20000000", "USD"),
        holds_on=SEP_5,
        publisher="Valley Courier",
        published_on=dt.date(2024, 9, 12),
    )
    return high, low


def test_a_record_says_its_sources_disagree_and_shows_each_claim_with_its_source(api, db):
    indictment = IndictmentFactory()
    high, low = rewards_disagree(indictment)
    body = api.get(f"/api/v1/indictments/{indictment.pk}/").json()

    assert body["sources_disagree"] is True
    (disagreement,) = body["disagreements"]
    assert {key: disagreement[key] for key in disagreement if key != "values"} == {
        "property": "bounty_amount",
        "label": "Reward",
        "holds_on": "2024-09-05",
        "holds_precision": "day",
        "holds_display": "5 Sep 2024",
        "state": "open",
        "value_shown": {"amount": "20000000.00", "currency": "USD"},
        "value_shown_display": "USD 20,000,000",
    }
    first, second = disagreement["values"]
    assert (first["value_display"], first["sources"], first["chosen"]) == (
        "USD 20,000,000",
        1,
        False,
    )
    assert second["value"] == {"amount": "25000000.00", "currency": "USD"}
    (claim,) = second["claims"]
    assert claim["id"] == high.pk
    assert claim["source"] == "Harbour Post"
    assert claim["state"] == "conflicting"
    assert (claim["first_stated_on"], claim["last_stated_on"]) == ("2024-09-06", "2024-09-06")
    assert claim["chosen_at"] is None
    assert claim["evidence"]["id"] == high.evidence_id
    assert claim["evidence"]["quote"] == high.evidence.quote
    assert claim["evidence"]["article"]["url"].endswith(
        f"/api/v1/articles/{high.evidence.article_id}/"
    )


def test_records_whose_sources_agree_say_so(api, db):
    offer = OfferFactory()
    state(offer, "status", "declined", holds_on=SEP_5, publisher="Harbour Post", published_on=SEP_5)
    body = api.get(f"/api/v1/offers/{offer.pk}/").json()
    assert (body["sources_disagree"], body["disagreements"]) == (False, [])


def test_as_of_a_date_before_the_second_source_they_did_not_disagree_yet(api, db):
    indictment = IndictmentFactory(first_reported_on=dt.date(2024, 8, 1))
    rewards_disagree(indictment)
    url = f"/api/v1/indictments/{indictment.pk}/"
    assert api.get(f"{url}?as_of=2024-09-10").json()["sources_disagree"] is False
    assert api.get(f"{url}?as_of=2024-09-12").json()["sources_disagree"] is True


def test_a_choice_is_shown_settled_with_the_other_claim_disputed(api, editor, db):
    indictment = IndictmentFactory(first_reported_on=dt.date(2024, 8, 1))
    high, low = rewards_disagree(indictment)
    claim_choose(claim=high, by=editor)
    (disagreement,) = api.get(f"/api/v1/indictments/{indictment.pk}/").json()["disagreements"]
    assert disagreement["state"] == "resolved"
    assert disagreement["value_shown_display"] == "USD 25,000,000"
    states = {v["value_display"]: [c["state"] for c in v["claims"]] for v in disagreement["values"]}
    assert states == {"USD 25,000,000": ["chosen"], "USD 20,000,000": ["disputed"]}
    # Before the choice was made, the disagreement was open.
    earlier = api.get(f"/api/v1/indictments/{indictment.pk}/?as_of=2024-09-20").json()
    assert earlier["disagreements"][0]["state"] == "open"


def test_the_state_shows_the_disagreement_on_the_dashboard_lines(api, db):
    indictment = IndictmentFactory()
    rewards_disagree(indictment)
    body = api.get("/api/v1/state/").json()
    (line,) = body["indictments"]
    assert line["sources_disagree"] is True
    assert len(line["disagreements"][0]["values"]) == 2


def test_the_events_list_says_what_the_event_serializer_says_of_a_disputed_date(api, db):
    event = EventFactory(title="Talks suspended", occurred_on=dt.date(2024, 9, 3))
    state(event, "date", dt.date(2024, 9, 3), publisher="Harbour Post", published_on=SEP_5)
    state(event, "date", dt.date(2024, 9, 4), publisher="Valley Courier", published_on=SEP_5)
    EventFactory(title="Undisputed")
    response = api.get("/api/v1/events/?page_size=50")
    listed = response.json()["results"]
    expected = EventSerializer(
        event_list(), many=True, context={"request": response.wsgi_request}
    ).data
    as_text = lambda data: json.dumps(json.loads(JSONRenderer().render(data)))  # noqa: E731
    assert as_text(listed) == as_text(expected)
    disputed = next(row for row in listed if row["id"] == event.pk)
    assert disputed["sources_disagree"] is True
    assert disputed["disagreements"][0]["holds_on"] is None


def test_an_editors_status_meets_a_reports_other_status_in_a_disagreement(editor_api, editor, db):
    offer = OfferFactory(first_reported_on=dt.date(2025, 1, 1))
    state(
        offer,
        "status",
        "accepted",
        holds_on=PartialDate(dt.date(2025, 2, 3)),
        publisher="Harbour Post",
        published_on=dt.date(2025, 2, 4),
    )
    response = editor_api.post(
        f"/api/v1/offers/{offer.pk}/status/",
        {
            "status": "declined",
            "occurred_on": "2025-02-03",
            "source": {"note": "The ministry confirmed it declined.", "published_on": "2025-02-05"},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert set(Claim.objects.values_list("state", flat=True)) == {ClaimState.CONFLICTING}
    body = editor_api.get(f"/api/v1/offers/{offer.pk}/").json()
    assert body["sources_disagree"] is True
    sources = {c["source"] for v in body["disagreements"][0]["values"] for c in v["claims"]}
    assert sources == {"Harbour Post", "the editors"}


# --- a fixed number of queries, with claims --------------------------------------------
def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(queries)


def test_lists_with_disagreements_cost_the_same_queries_at_three_and_thirty_rows(
    api, db, django_assert_num_queries
):
    names = ["offers", "channels", "indictments", "positions", "events", "state"]
    paths = [f"/api/v1/{name}/?page_size=200" for name in names]
    disagreements_make(3)
    for path in paths:
        api.get(path)
    small = {path: _count(api, path) for path in paths}
    disagreements_make(27)
    for path in paths:
        with django_assert_num_queries(small[path]):
            body = api.get(path).json()
        rows = body["offers"] if "/state/" in path else body["results"]
        assert rows and all(row["sources_disagree"] for row in rows), path
    # The state loads every line's claims in one query.
    assert small["/api/v1/state/?page_size=200"] <= 21
