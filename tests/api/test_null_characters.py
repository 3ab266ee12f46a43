"""Text with a NUL character is refused with a 400, and the schema says so (request bodies
refuse every control character, NUL among them: core.text)."""

from drf_spectacular.generators import SchemaGenerator

from core.api.schema import NO_NUL
from core.text import NO_CONTROL_CHARACTERS


def test_the_schema_forbids_nul_in_free_text_parameters_and_fields(db):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    search = next(
        p for p in schema["paths"]["/api/v1/events/"]["get"]["parameters"] if p["name"] == "q"
    )
    assert search["schema"]["pattern"] == NO_NUL
    title = schema["components"]["schemas"]["EventCreateRequest"]["properties"]["title"]
    assert title["pattern"] == NO_CONTROL_CHARACTERS


def test_a_filter_with_a_nul_character_is_a_400_naming_it(api, db):
    response = api.get("/api/v1/offers/", {"actor": "x\x00"})
    assert response.status_code == 400
    assert "actor" in response.json()["errors"]
