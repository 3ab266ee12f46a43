"""Page numbers for most lists; keyset cursors where consumers sync long, growing lists."""

import base64
import binascii
import json

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.filtersets import BIGINT_MAX, BIGINT_MIN
from core.keyset import keyset_after


def _page_size(request, default: int) -> int:
    if "page_size" not in request.query_params:
        return default
    raw = request.query_params["page_size"]
    if not raw.isdecimal() or int(raw) < 1:
        raise ValidationError({"page_size": ["A positive whole number."]})
    return min(int(raw), settings.API_MAX_PAGE_SIZE)


class PagePagination(PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        return _page_size(request, self.page_size)

    def paginate_queryset(self, queryset, request, view=None):
        if request.query_params.get(self.page_query_param) == "":
            raise ValidationError({self.page_query_param: ["A page number, from 1."]})
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


class KeysetPagination(BasePagination):
    """A cursor over `keys` (the last is unique): stable under inserts, flat cost at any depth.

    The cursor holds the last row's key values, so the next page is an index range
    scan from there (no OFFSET): rows inserted meanwhile never shift or repeat a page.
    """

    keys: tuple[str, ...] = ("id",)
    cursor_query_param = "cursor"
    ordering_param = "ordering"
    page_size = 50

    def paginate_queryset(self, queryset: QuerySet, request, view=None):
        self.request = request
        self.descending = request.query_params.get(self.ordering_param, "") == f"-{self.keys[0]}"
        ordering = self.ordering_param in request.query_params
        if ordering and request.query_params[self.ordering_param].lstrip("-") != self.keys[0]:
            raise ValidationError(
                {self.ordering_param: [f"Use {self.keys[0]} or -{self.keys[0]}."]}
            )
        size = _page_size(request, self.page_size)
        sign = "-" if self.descending else ""
        queryset = queryset.order_by(*(f"{sign}{key}" for key in self.keys))
        position = self._decode(request.query_params.get(self.cursor_query_param), queryset)
        if position is not None:
            queryset = queryset.filter(self._after(position))
        rows = list(queryset[: size + 1])
        self.has_next = len(rows) > size
        self.page = rows[:size]
        return self.page

    def _after(self, position: list) -> Q:
        """Rows strictly after `position` in the ordering, with a range bound on the first key."""
        return keyset_after(self.keys, position, descending=self.descending)

    def _decode(self, cursor: str | None, queryset: QuerySet) -> list | None:
        if not cursor:
            return None
        try:
            raw = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
            # Issued cursors hold one string per key (see _encode); anything else is forged.
            if not isinstance(raw, list) or len(raw) != len(self.keys):
                raise ValueError
            if not all(isinstance(value, str) for value in raw):
                raise ValueError
            fields = [queryset.model._meta.get_field(key) for key in self.keys]
            position = [field.to_python(value) for field, value in zip(fields, raw, strict=True)]
            if any(isinstance(v, int) and not BIGINT_MIN <= v <= BIGINT_MAX for v in position):
                raise ValueError
            return position
        except (ValueError, TypeError, binascii.Error, DjangoValidationError):
            # As DRF's own cursors: a cursor that was never issued names no page.
            raise NotFound("Invalid cursor.") from None

    def _encode(self, row) -> str:
        """The cursor after `row`: a model instance, or a dict from `.values()`."""
        read = row.__getitem__ if isinstance(row, dict) else lambda key: getattr(row, key)
        values = [str(read(key)) for key in self.keys]
        return base64.urlsafe_b64encode(json.dumps(values).encode()).decode("ascii")

    def get_next_link(self) -> str | None:
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self._encode(self.page[-1]))

    def get_first_link(self) -> str:
        return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)

    def get_paginated_response(self, data) -> Response:
        return Response(
            {"next": self.get_next_link(), "first": self.get_first_link(), "results": data}
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "first", "results"],
            "properties": {"next": link, "first": {**link, "nullable": False}, "results": schema},
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "Opaque cursor from a previous page's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": f"Rows per page (at most {settings.API_MAX_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.ordering_param,
                "in": "query",
                "required": False,
                "description": "Oldest first (default) or newest first.",
                "schema": {"type": "string", "enum": [self.keys[0], f"-{self.keys[0]}"]},
            },
        ]


class TimelinePagination(KeysetPagination):
    keys = ("occurred_on", "id")


class IdPagination(KeysetPagination):
    keys = ("id",)
