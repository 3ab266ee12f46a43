"""drf-spectacular's AutoSchema, plus the error responses and conditional headers we send."""

from django.conf import settings
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.relations import ManyRelatedField, PrimaryKeyRelatedField

from core.api.conditional import IF_MATCH_PATTERN
from core.text import NO_CONTROL_CHARACTERS, URL_PATTERN

# What the models accept (core.dates.date_range_problem): 1900 to 2100.
DATE_IN_RANGE = r"^(19\d\d|20\d\d|2100)-\d\d-\d\d$"


class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Field name -> messages (400 only; empty otherwise).",
    )


WRITES = ("POST", "PUT", "PATCH", "DELETE")


class AutoSchema(SpectacularAutoSchema):
    def get_auth(self):
        auth = super().get_auth()
        # Reading is open unless READ_REQUIRES_LOGIN (core.api.permissions.ReadOpenWriteEditor).
        if self.method in ("GET", "HEAD") and not settings.READ_REQUIRES_LOGIN and {} not in auth:
            auth.append({})
        return auth

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404", "429"]
        if self.method in WRITES:
            codes.append("412")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
        if self.method == "GET":
            responses["304"] = {"description": "Not modified: the ETag sent in If-None-Match."}
        return dict(sorted(responses.items()))

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # A record's id is 1 or more: 0 is no record, and is refused as such.
        if isinstance(field, PrimaryKeyRelatedField) and schema.get("type") == "integer":
            schema["minimum"] = 1
        elif isinstance(field, ManyRelatedField) and schema.get("items", {}).get("type") == (
            "integer"
        ):
            schema["items"]["minimum"] = 1
        return schema

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            if parameter["schema"].get("type") == "integer":
                parameter["schema"]["minimum"] = 1
        return parameters

    def _get_parameters(self):
        parameters = super()._get_parameters()
        # An empty filter, search, as-of date or verdicts' window is as if absent
        # (core.filtersets.FilterSet, core.api.views.request_as_of, verdicts.window_parse):
        # `?side=` lists everything, `?window=` is the default window.
        empty = {"as_of", "window"}
        empty_is_absent = {p["name"] for p in self._get_filter_parameters()} | empty
        for parameter in parameters:
            if parameter["in"] == "query" and parameter["name"] in empty_is_absent:
                parameter["allowEmptyValue"] = True
        return parameters

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "GET":
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    str,
                    OpenApiParameter.HEADER,
                    description="An ETag from an earlier response: 304 if unchanged.",
                )
            )
        elif self.method in ("PATCH", "PUT", "POST") and self.path_regex.count("(?P<") > 0:
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    {"type": "string", "pattern": IF_MATCH_PATTERN},
                    OpenApiParameter.HEADER,
                    description="The record's ETag as you last read it (or `*`): 412 if it "
                    "changed since; 400 if it is not a list of ETags.",
                )
            )
        return parameters


# Django and DRF refuse text containing NUL ("Null characters are not allowed."), a 400
# the schema must state, or a client (and Schemathesis) may rightly send one.
NO_NUL = "^[^\\u0000]*$"


def _forbid(schema: dict, pattern: str, url_pattern: str | None = None) -> None:
    """Give each free-text string in `schema` the pattern its field is checked against."""
    if schema.get("type") == "string" and "pattern" not in schema and "enum" not in schema:
        if schema.get("format") == "uri" and url_pattern:
            schema["pattern"] = url_pattern
        elif "format" not in schema:
            schema["pattern"] = pattern
    for child in schema.get("properties", {}).values():
        _forbid(child, pattern, url_pattern)
    if isinstance(schema.get("items"), dict):
        _forbid(schema["items"], pattern, url_pattern)
    for child in schema.get("oneOf", []):  # a field that may also be blank
        if child.get("maxLength") != 0:
            _forbid(child, pattern, url_pattern)


# An editor's source (SourceSerializer, Evidence.clean): an article, or a quote (with the
# URL it is at, if any), or a note. Which spans an article holds only the server knows.
SOURCE_GIVEN = [
    {"required": ["article"], "properties": {"article": {"type": "integer", "minimum": 1}}},
    {"required": ["quote"], "properties": {"quote": {"type": "string", "minLength": 1}}},
    {"required": ["note"], "properties": {"note": {"type": "string", "minLength": 1}}},
]


def no_null_characters(result, generator, request, public):
    """Postprocessing hook: every free-text query parameter says no NUL; every text field
    of a request body no control character, every URL field what no URL may hold (core.text:
    the serializers and models refuse them), and every date its range; a source, that it
    names an article, a quote or a note."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                # `ordering` ignores what it cannot sort by, NUL included: no 400 to state.
                if parameter.get("in") == "query" and parameter.get("name") != "ordering":
                    _forbid(parameter.get("schema", {}), NO_NUL)
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            _forbid(component, NO_CONTROL_CHARACTERS, URL_PATTERN)
            _dates_in_range(component)
        if name == "SourceRequest":
            component["anyOf"] = SOURCE_GIVEN
    return result


def _dates_in_range(schema: dict) -> None:
    if schema.get("type") == "string" and schema.get("format") == "date":
        schema.setdefault("pattern", DATE_IN_RANGE)
    for child in schema.get("properties", {}).values():
        _dates_in_range(child)
