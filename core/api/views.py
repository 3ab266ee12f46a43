"""The base of record endpoints: a selector's queryset, as-of dates, ETags, editors' changes."""

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from core.api.conditional import ConditionalMixin, if_match_version
from core.asof import AsOfError, as_of_parse
from core.editing import record_update
from core.filtersets import BIGINT_MAX, BIGINT_MIN
from core.models import Fact

AS_OF = OpenApiParameter(
    "as_of",
    # The pattern states the 1900 floor as_of_parse enforces.
    {"type": "string", "format": "date", "pattern": r"^(19|2\d)\d\d-\d\d-\d\d$"},
    description="Show what was known on this date (YYYY-MM-DD, 1900 or later); today if "
    "absent or empty.",
)


def request_as_of(request) -> dt.date | None:
    """The request's `?as_of=` (empty or absent: today); a malformed one, or two, raise
    AsOfError, answered as a 400."""
    values = request.query_params.getlist("as_of")
    if len(values) > 1:
        raise AsOfError("Give one as_of date (YYYY-MM-DD), or none for today.")
    return as_of_parse(values[0] if values else None)


class RecordViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """List and detail from a selector (which owns joins, prefetches and the as-of logic).

    Subclasses set `selector` (a function taking `as_of`), and `change_serializer` to
    let editors correct a record with PATCH (through core.editing.record_update).
    """

    selector = None
    change_serializer = None

    def get_queryset(self):
        return type(self).selector(as_of=request_as_of(self.request))

    @extend_schema(parameters=[AS_OF])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[AS_OF])
    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response.record = self._record
        return response

    def get_object(self):
        key = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if key.lstrip("-").isdecimal() and not BIGINT_MIN <= int(key) <= BIGINT_MAX:
            raise NotFound()  # no row has it, and the database would refuse the number
        self._record = super().get_object()
        return self._record

    def record_save(self, *, record: Fact, by, changes: dict, expected_version: int | None):
        """The service a PATCH goes through: the one the site's edit form uses."""
        return record_update(
            record=record, by=by, changes=changes, expected_version=expected_version
        )

    def record_changed(self, request, record: Fact) -> Response:
        """Apply a PATCH through record_update: If-Match guards it, the history names the editor."""
        expected = if_match_version(request, record)
        serializer = self.change_serializer(instance=record, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = self.record_save(
            record=record,
            by=request.user,
            changes=serializer.validated_data,
            expected_version=expected,
        )
        fresh = type(self).selector().get(pk=updated.pk)
        response = Response(self.get_serializer(fresh).data)
        response.record = fresh
        return response


def editable(viewset: type[RecordViewSet]) -> type[RecordViewSet]:
    """Give a RecordViewSet a documented PATCH for editors."""

    @extend_schema(
        request=viewset.change_serializer,
        responses={200: viewset.serializer_class},
        description="Correct the record (editors only). Send If-Match with its ETag to "
        "refuse the change with 412 if someone changed it since you read it.",
    )
    def partial_update(self, request, *args, **kwargs):
        return self.record_changed(request, self.get_object())

    viewset.partial_update = partial_update
    viewset.http_method_names = ["get", "head", "options", "patch", "post"]
    return viewset
