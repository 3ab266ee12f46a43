"""The schema states the rules the server checks on input, so that what it calls valid is
accepted and what it forbids refused (Schemathesis found 400s and 412s to schema-valid
input: empty text, the quote/URL/note rule, id 0, a malformed If-Match)."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.factories import OfferFactory


@pytest.fixture
def schema(db) -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def test_an_articles_text_needs_a_letter_and_no_control_character(schema):
    text = schema["components"]["schemas"]["ArticleSubmitRequest"]["properties"]["text"]
    assert text["minLength"] == 1
    pattern = re.compile(text["pattern"])
    assert pattern.match("Envoys met.\r\n\tAgain.")
    for refused in ("", "   ", "12 34", "Envoys\x1b met"):
        assert not pattern.match(refused), refused


def test_a_source_names_an_article_a_quote_or_a_note(schema):
    source = schema["components"]["schemas"]["SourceRequest"]
    assert [set(option["required"]) for option in source["anyOf"]] == [
        {"article"},
        {"quote"},
        {"note"},
    ]
    assert source["anyOf"][1]["properties"]["quote"]["minLength"] == 1


def test_ids_are_one_or_more_and_dates_in_range(schema):
    from core.api.schema import DATE_IN_RANGE

    event = schema["components"]["schemas"]["EventCreateRequest"]["properties"]
    assert event["offer"]["minimum"] == 1 and event["actors"]["items"]["minimum"] == 1
    assert event["occurred_on"]["pattern"] == DATE_IN_RANGE
    patch = schema["paths"]["/api/v1/offers/{id}/"]["patch"]["parameters"]
    assert next(p for p in patch if p["name"] == "id")["schema"]["minimum"] == 1
    if_match = next(p for p in patch if p["name"] == "If-Match")["schema"]["pattern"]
    assert re.match(if_match, '"offer-1-v2-abc", W/"x"') and re.match(if_match, "*")
    assert not re.match(if_match, "offer-1-v2") and not re.match(if_match, "")


def test_a_malformed_or_empty_if_match_is_a_400_naming_it(editor_api, db):
    offer = OfferFactory()
    for value in ("offer-1-v1", "", "0"):
        response = editor_api.patch(
            f"/api/v1/offers/{offer.pk}/", {"conditions": "x"}, format="json", HTTP_IF_MATCH=value
        )
        assert response.status_code == 400, value
        assert list(response.json()["errors"]) == ["If-Match"], value
    stale = f'"offer-{offer.pk}-v0-abc"'
    response = editor_api.patch(
        f"/api/v1/offers/{offer.pk}/", {"conditions": "x"}, format="json", HTTP_IF_MATCH=stale
    )
    assert response.status_code == 412


def test_a_number_is_not_text_and_a_form_cannot_carry_a_source(editor_api, db):
    response = editor_api.post(
        "/api/v1/events/",
        {"title": "Talks", "occurred_on": "2024-08-01", "source": {"note": 0}},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"source.note": ["Not a valid string."]}
    # A form post dropped the nested source silently: request bodies are JSON only.
    response = editor_api.post(
        "/api/v1/events/", {"title": "Talks", "occurred_on": "2024-08-01", "source": "x"}
    )
    assert response.status_code == 415
