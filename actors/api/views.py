from django.db.models import Q
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.reverse import reverse

from actors.api.serializers import ActorSerializer
from actors.filtersets import ActorFilterSet
from actors.models import Actor
from actors.selectors import actor_list, actor_merged_into
from actors.services import actor_update
from core.api.serializers import change_serializer_for
from core.api.views import AS_OF, RecordViewSet, editable
from core.filtersets import BIGINT_MAX

KEY = OpenApiParameter("key", str, OpenApiParameter.PATH, description="The actor's id or slug.")


@extend_schema_view(
    retrieve=extend_schema(parameters=[KEY, AS_OF]),
    partial_update=extend_schema(parameters=[KEY]),
)
@editable
class ActorViewSet(RecordViewSet):
    selector = actor_list
    serializer_class = ActorSerializer
    change_serializer = change_serializer_for(Actor)
    filterset_class = ActorFilterSet
    search_fields = ["name", "aliases__name"]
    ordering_fields = ["name", "first_reported_on", "updated_at", "id"]
    lookup_url_kwarg = "key"
    lookup_value_regex = r"[-\w]+"

    def record_save(self, *, record, by, changes: dict, expected_version: int | None):
        # As on the site: a new name must not be another actor's alias, and becomes one.
        return actor_update(actor=record, by=by, changes=changes, expected_version=expected_version)

    def retrieve(self, request, *args, **kwargs):
        try:
            return super().retrieve(request, *args, **kwargs)
        except (Http404, NotFound):
            key = self.kwargs["key"]
            old_id = int(key) if key.isdecimal() and int(key) <= BIGINT_MAX else None
            merged_into = actor_merged_into(slug=key, old_id=old_id)
            if merged_into is None:
                raise
        # A merged actor's address: the actor it was merged into, as on the site.
        url = reverse("api:actor-detail", kwargs={"key": merged_into.slug}, request=request)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    def get_object(self):
        key = self.kwargs["key"]
        numeric = key.isdecimal() and int(key) <= BIGINT_MAX
        match = Q(slug=key) | Q(pk=int(key)) if numeric else Q(slug=key)
        self._record = get_object_or_404(self.filter_queryset(self.get_queryset()), match)
        self.check_object_permissions(self.request, self._record)
        return self._record
