"""Atom feed of new developments, filterable like the timeline (`?actor=`, `?kind=`).

XML cannot carry most control characters (Django raises on one, a 500 for every reader):
the doors refuse them now (core.text), and the feed strips any stored before that.
"""

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed

from core.text import control_characters_strip
from negotiations.filtersets import EventFilterSet
from negotiations.selectors import event_list

FEED_SIZE = 50


class DevelopmentFeed(Feed):
    feed_type = Atom1Feed
    title = "Tablero: new developments"
    subtitle = "Developments in the negotiations, newest first."

    def get_object(self, request):
        filterset = EventFilterSet(request.GET, queryset=event_list())
        if not filterset.is_valid():
            raise BadRequest("; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items()))
        self.request = request
        return filterset.qs

    def link(self, queryset) -> str:
        try:
            return reverse("negotiations:timeline")
        except NoReverseMatch:  # the timeline page is built separately
            return reverse("api:event-list")

    def items(self, queryset):
        # Newest known first: what a feed reader should see as new.
        return queryset.order_by("-created_at", "-id")[:FEED_SIZE]

    def item_title(self, event) -> str:
        return control_characters_strip(f"{event.date_display}: {event.title}")

    def item_description(self, event) -> str:
        return control_characters_strip(event.summary)

    def item_link(self, event) -> str:
        try:
            return event.get_absolute_url()
        except NoReverseMatch:  # the event page is built separately
            return reverse("api:event-detail", args=[event.pk])

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [event.get_kind_display()]
