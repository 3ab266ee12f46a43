"""Atom feed of new developments, filterable like the timeline (`?actor=`, `?kind=`).

Entries come newest known first (what a feed reader should see as new), but each is
dated by its development (when it happened, at the start of its month or year when
that is all the source gave), never by when it was ingested; its summary says what
happened, who took part and where it was reported. The feed itself is dated by its
latest stored change, so a scheduled event's future date never dates the feed.

XML cannot carry most control characters (Django raises on one, a 500 for every reader):
the doors refuse them now (core.text), and the feed strips any stored before that.
"""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.core.exceptions import BadRequest
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils.feedgenerator import Atom1Feed

from actors.choices import Side
from core.text import control_characters_strip
from negotiations.filtersets import EventFilterSet
from negotiations.models import Event
from negotiations.selectors import event_list

FEED_SIZE = 50
QUOTE_CHARS = 240
# Sides worth naming beside an actor; "other" and "unknown" say nothing.
_SIDES = {k: v for k, v in Side.choices if k not in {Side.OTHER, Side.UNKNOWN}}


class StoredAtAtom1Feed(Atom1Feed):
    """Atom whose feed-level <updated> is when its newest entry was stored or edited."""

    def latest_post_date(self):
        return self.feed.get("stored_at") or super().latest_post_date()


def development_summary(event: Event) -> str:
    """What happened, who, and the source, in plain text (event_list's prefetches)."""
    what = event.summary.strip() or event.title
    parts = [what if what.endswith((".", "!", "?")) else f"{what}."]
    kind = event.get_kind_display()
    if event.status_to:
        kind += f": status → {event.status_to.replace('_', ' ')}"
    parts.append(f"Kind: {kind}.")
    if event.actor_links:
        who = ", ".join(
            f"{a.name} ({_SIDES[a.side]})" if a.side in _SIDES else a.name
            for a in event.actor_links
        )
        parts.append(f"Who: {who}.")
    if event.evidence_spans:
        first = event.evidence_spans[0]
        if first.article_id:
            where = f"{first.article.publisher or first.article.title or 'an article'}, "
            on = first.article.published_on
            where += f"{on.day} {on:%b %Y}"
        else:
            where = first.url or "an editor's note"
        quote = (first.quote or first.note).strip()
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
        source = f"Source: {first.attribution_text}, in {where}: “{quote}”"
        others = len(event.evidence_spans) - 1
        parts.append(source + (f" (and {others} more)" if others else ""))
    else:
        parts.append("Source: entered by an editor.")
    return " ".join(parts)


def _development_datetime(event: Event) -> dt.datetime:
    return dt.datetime.combine(event.occurred_on, dt.time(), tzinfo=dt.UTC)


class DevelopmentFeed(Feed):
    feed_type = StoredAtAtom1Feed
    title = "Tablero: new developments"
    subtitle = "Developments in the negotiations, newest known first, each dated when it happened."

    def get_object(self, request):
        filterset = EventFilterSet(request.GET, queryset=event_list(claims=False))
        if not filterset.is_valid():
            raise BadRequest("; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items()))
        self.request = request
        return filterset.qs

    def link(self, queryset) -> str:
        try:
            return reverse("negotiations:timeline")
        except NoReverseMatch:  # the timeline page is built separately
            return reverse("api:event-list")

    def feed_extra_kwargs(self, queryset) -> dict:
        stored = queryset.order_by().aggregate(latest=Max("updated_at"))["latest"]
        return {"stored_at": stored}

    def items(self, queryset):
        # Newest known first: what a feed reader should see as new.
        return queryset.order_by("-created_at", "-id")[:FEED_SIZE]

    def item_title(self, event) -> str:
        return control_characters_strip(f"{event.date_display}: {event.title}")

    def item_description(self, event) -> str:
        return control_characters_strip(development_summary(event))

    def item_link(self, event) -> str:
        try:
            return event.get_absolute_url()
        except NoReverseMatch:  # the event page is built separately
            return reverse("api:event-detail", args=[event.pk])

    def item_pubdate(self, event):
        return _development_datetime(event)

    def item_updateddate(self, event):
        # Atom's <updated> is what readers show: the development's own date, too.
        return _development_datetime(event)

    def item_categories(self, event):
        return [event.get_kind_display()]
