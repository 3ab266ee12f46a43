"""The API's endpoints: short viewsets over the selectors, writes through the services."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authentication import BasicAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.filters import SearchFilter
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.conditional import ConditionalMixin, if_match_version
from core.api.filters import StrictFilterBackend
from core.api.pagination import IdPagination, TimelinePagination
from core.api.permissions import SignedIn
from core.api.serializers import change_serializer_for
from core.api.views import AS_OF, RecordViewSet, editable, request_as_of
from core.editing import version_check
from negotiations.api import serializers as s
from negotiations.choices import EventKind, EventStatus, OfferStatus
from negotiations.filtersets import (
    ArticleFilterSet,
    ChannelFilterSet,
    EventFilterSet,
    EvidenceFilterSet,
    IndictmentFilterSet,
    OfferFilterSet,
    PositionFilterSet,
)
from negotiations.models import Event, Indictment, Offer, Position, TalksChannel
from negotiations.selectors import (
    channel_list,
    event_list,
    event_values,
    events_known,
    indictment_list,
    negotiation_state,
    offer_list,
    position_list,
)
from negotiations.services import event_record
from negotiations.verdicts import DEFAULT_WINDOW, MAX_WINDOW, WindowError, window_parse
from sources.selectors import article_list, evidence_list
from sources.services import SourceInput, article_submit

DATED = ["first_reported_on", "updated_at", "id"]


def _source(data: dict | None) -> SourceInput | None:
    return SourceInput(**data) if data else None


@editable
class OfferViewSet(RecordViewSet):
    selector = offer_list
    serializer_class = s.OfferSerializer
    change_serializer = change_serializer_for(Offer)
    filterset_class = OfferFilterSet
    search_fields = ["terms", "conditions"]
    ordering_fields = ["offered_on", "status_since", *DATED]

    @extend_schema(
        request=s.OfferStatusSerializer,
        responses={201: s.OfferStatusResultSerializer},
        description="Record a change of the offer's status as a dated development (editors "
        "only): it appears on the timeline and in the state as of that date.",
    )
    @action(detail=True, methods=["post"], url_path="status")
    def status_change(self, request, pk=None):
        offer = self.get_object()
        version_check(offer, if_match_version(request, offer))
        serializer = s.OfferStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        label = OfferStatus(data["status"]).label.lower()
        event = event_record(
            by=request.user,
            fields={
                "title": data["title"] or f"Offer {label}: {str(offer)[:200]}",
                "summary": data["summary"],
                "kind": EventKind.STATUS_CHANGE,
                "status": EventStatus.OCCURRED,
                "occurred_on": data["occurred_on"],
                "occurred_precision": data["precision"],
                "offer": offer,
                "status_to": data["status"],
            },
            actors=[offer.offered_by] if offer.offered_by_id else [],
            source=_source(data.get("source")),
        )
        body = {
            "event": event_list().get(pk=event.pk),
            "offer": offer_list().get(pk=offer.pk),
        }
        result = s.OfferStatusResultSerializer(body, context=self.get_serializer_context())
        location = result.data["event"]["url"]
        return Response(result.data, status=status.HTTP_201_CREATED, headers={"Location": location})


@editable
class ChannelViewSet(RecordViewSet):
    selector = channel_list
    serializer_class = s.ChannelSerializer
    change_serializer = change_serializer_for(TalksChannel)
    filterset_class = ChannelFilterSet
    search_fields = ["name", "venue"]
    ordering_fields = ["started_on", "last_activity_on", "last_seen_on", *DATED]


@editable
class IndictmentViewSet(RecordViewSet):
    selector = indictment_list
    serializer_class = s.IndictmentSerializer
    change_serializer = change_serializer_for(Indictment)
    filterset_class = IndictmentFilterSet
    search_fields = ["charges"]
    ordering_fields = ["filed_on", "bounty_amount", "bounty_as_of", *DATED]


@editable
class PositionViewSet(RecordViewSet):
    selector = position_list
    serializer_class = s.PositionSerializer
    change_serializer = change_serializer_for(Position)
    filterset_class = PositionFilterSet
    search_fields = ["stance", "condition"]
    ordering_fields = ["stated_on", *DATED]


@editable
class EventViewSet(mixins.CreateModelMixin, RecordViewSet):
    """The timeline: oldest first by default, cursor-paginated for incremental pulls."""

    selector = event_list
    serializer_class = s.EventSerializer
    change_serializer = change_serializer_for(Event)
    filterset_class = EventFilterSet
    pagination_class = TimelinePagination
    filter_backends = [StrictFilterBackend, SearchFilter]
    search_fields = ["title", "summary"]

    def get_queryset(self):
        if self.action == "list":
            return events_known(as_of=request_as_of(self.request))
        return super().get_queryset()

    @extend_schema(parameters=[AS_OF])
    def list(self, request, *args, **kwargs):
        # As RecordViewSet's list, on plain values (see negotiations.api.event_json).
        events = event_values(self.filter_queryset(self.get_queryset()))
        rows = self.paginate_queryset(events)
        return self.get_paginated_response(
            s.EventSerializer.events_json(rows, {"request": request})
        )

    @extend_schema(
        request=s.EventCreateSerializer,
        responses={201: s.EventSerializer},
        description="Add a development to the timeline (editors only), with an optional "
        "source. With `status_to` and one offer, channel or indictment, it changes that "
        "record's status from its date on.",
    )
    def create(self, request, *args, **kwargs):
        serializer = s.EventCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        actors = fields.pop("actors", [])
        source = _source(fields.pop("source", None))
        event = event_record(by=request.user, fields=fields, actors=actors, source=source)
        fresh = event_list().get(pk=event.pk)
        data = self.get_serializer(fresh).data
        response = Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})
        response.record = fresh
        return response


class ArticleViewSet(ConditionalMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Articles and, in detail, their text and every quote taken from it."""

    serializer_class = s.ArticleSerializer
    filterset_class = ArticleFilterSet
    search_fields = ["title", "publisher"]
    ordering_fields = ["published_on", "created_at", "id"]

    def get_queryset(self):
        return article_list(with_text=self.action == "retrieve")

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer

    @extend_schema(
        request=s.ArticleSubmitSerializer,
        responses={
            202: OpenApiResponse(
                s.ArticleSerializer,
                "Accepted: stored, and its ingestion is queued, running, or (with "
                "`waiting_for_queue`) waiting for the queue to be back.",
            ),
            200: OpenApiResponse(
                s.ArticleSerializer,
                "The same text was already submitted (queued again if its ingestion failed "
                "or has not started).",
            ),
        },
        description="Submit an article (editors only). Ingestion runs in the background; "
        "follow its `status` at the URL in `Location`. The same text again answers with the "
        "existing article, queued again if its ingestion failed or has not started.",
    )
    def create(self, request, *args, **kwargs):
        serializer = s.ArticleSubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        submission = article_submit(**serializer.validated_data, submitted_by=request.user)
        article = article_list().get(pk=submission.article.pk)
        data = s.ArticleSerializer(article, context=self.get_serializer_context()).data
        code = status.HTTP_202_ACCEPTED if submission.created else status.HTTP_200_OK
        return Response(data, status=code, headers={"Location": data["url"]})


class EvidenceViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Every quote, oldest first, cursor-paginated; each links the record it supports."""

    serializer_class = s.EvidenceSerializer
    filterset_class = EvidenceFilterSet
    pagination_class = IdPagination
    filter_backends = [StrictFilterBackend, SearchFilter]
    search_fields = ["quote", "speaker_label"]

    def get_queryset(self):
        return evidence_list()


WINDOW = OpenApiParameter(
    "window",
    {"type": "integer", "minimum": 1, "maximum": MAX_WINDOW, "default": DEFAULT_WINDOW},
    description="The verdicts' window: this many days up to the as-of date, that day included.",
)


def request_window(request) -> int:
    """The request's `?window=` in days; a bad one, or two, is a 400 naming it."""
    values = request.query_params.getlist("window")
    try:
        if len(values) > 1:
            raise WindowError("Give one window, a number of days.")
        return window_parse(values[0] if values else None)
    except WindowError as error:
        raise serializers.ValidationError({"window": [str(error)]}) from None


class StateView(ConditionalMixin, APIView):
    """The negotiation state as known on a date: the same computation as the dashboard,
    with each track's verdict over a window of days before it."""

    @extend_schema(parameters=[AS_OF, WINDOW], responses={200: s.StateSerializer})
    def get(self, request):
        state = negotiation_state(as_of=request_as_of(request), window=request_window(request))
        return Response(s.StateSerializer(state, context={"request": request}).data)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(allow_null=True)
    created = serializers.DateTimeField(allow_null=True)


class TokenView(ConditionalMixin, APIView):
    """Your API token: create or rotate it (POST), see whether you have one (GET), revoke it."""

    authentication_classes = [*APIView.authentication_classes, BasicAuthentication]
    permission_classes = [SignedIn]

    @extend_schema(responses={200: TokenSerializer}, description="Whether you have a token.")
    def get(self, request):
        token = Token.objects.filter(user=request.user).first()
        return Response({"token": None, "created": token.created if token else None})

    @extend_schema(
        request=None,
        responses={201: TokenSerializer},
        description="A new token for you (sign in with your session or HTTP Basic); any "
        "previous one stops working. Send it as `Authorization: Token <key>`.",
    )
    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user)
        return Response({"token": token.key, "created": token.created}, status=201)

    @extend_schema(responses={204: None}, description="Revoke your token.")
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=204)
