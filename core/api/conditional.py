"""Conditional requests: ETags on reads (304 on a match) and If-Match on writes (412 if stale).

A record's ETag is `"<model>-<pk>-v<version>-<body hash>"`: the body hash makes a 304
exact (new evidence changes it), and the version lets a write check If-Match against
the record as it is in the database, under the same lock record_update takes.
"""

import hashlib
import re

from django.http import HttpResponseNotModified
from django.utils.http import http_date
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.exceptions import ValidationError

from core.api.exceptions import PreconditionFailed

# RFC 9110: `*`, or a comma-separated list of entity tags ("opaque", W/"weak").
_ETAG = r'(W/)?"[\x21\x23-\x7e]*"'
IF_MATCH_PATTERN = rf"^\s*(\*|{_ETAG}(\s*,\s*{_ETAG})*)\s*$"


def record_tag(record) -> str:
    return f"{record._meta.model_name}-{record.pk}-v{record.version}"


def _tags(header: str) -> list[str]:
    return [tag.strip().removeprefix("W/").strip('"') for tag in header.split(",") if tag.strip()]


def if_match_version(request, record) -> int | None:
    """The version the client's If-Match names for `record` (None without If-Match).

    Raises PreconditionFailed when no tag in it names this record at all, and a
    ValidationError (a 400) when it is not a list of ETags.
    """
    header = request.headers.get("If-Match")
    if header is None:
        return None
    if not re.fullmatch(IF_MATCH_PATTERN, header):
        raise ValidationError(
            {"If-Match": ['Send the ETag you read, in quotes as given ("..."), or *.']}
        )
    prefix = f"{record._meta.model_name}-{record.pk}-v"
    for tag in _tags(header):
        if tag == "*":
            return None
        if tag.startswith(prefix):
            version = tag.removeprefix(prefix).split("-", 1)[0]
            if version.isdecimal():
                return int(version)
    raise PreconditionFailed()


class ConditionalMixin:
    """ETag (and Last-Modified for records) on every successful read or write response."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400 and hasattr(response, "accepted_renderer"):
            # Errors are JSON whatever format was asked for: one shape for every error.
            response.accepted_renderer = ORJSONRenderer()
            response.accepted_media_type = ORJSONRenderer.media_type
            return response
        if response.status_code not in (200, 201, 202) or response.has_header("ETag"):
            return response
        if not hasattr(response, "accepted_renderer"):
            return response
        response.render()
        digest = hashlib.blake2b(response.content, digest_size=12).hexdigest()
        record = getattr(response, "record", None)
        response["ETag"] = f'"{record_tag(record)}-{digest}"' if record else f'"{digest}"'
        if record is not None and getattr(record, "updated_at", None):
            response["Last-Modified"] = http_date(record.updated_at.timestamp())
        if request.method in ("GET", "HEAD"):
            sent = request.headers.get("If-None-Match", "")
            if sent and (response["ETag"].strip('"') in _tags(sent) or sent.strip() == "*"):
                not_modified = HttpResponseNotModified()
                for header in ("ETag", "Last-Modified", "Vary", "Cache-Control"):
                    if response.has_header(header):
                        not_modified[header] = response[header]
                return not_modified
        return response
