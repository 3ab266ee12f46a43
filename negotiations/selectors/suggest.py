"""The offers, talks channels and indictments an editor may mean by what they type: the
type-ahead of a development form's record pickers (core.forms.picker)."""

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from actors.models import Actor
from actors.normalize import normalize_name
from actors.selectors import SUGGESTIONS_MAX, actor_text_match
from core.models import ReviewState
from negotiations.models import Offer, TalksChannel
from negotiations.selectors.labels import with_offer_labels


def _named(relation: str, text: str, folded: str) -> Exists:
    """Records with an actor through `relation` (from the actor), not rejected, whose name,
    slug or an alias contains the text."""
    parties = Actor.objects.exclude(review_state=ReviewState.REJECTED)
    return Exists(parties.filter(actor_text_match(text, folded), **{relation: OuterRef("pk")}))


def _matching(model, text: str, folded: str) -> QuerySet:
    """`model`'s records whose own words or parties contain `text`."""
    if model is Offer:
        words = Q(terms__icontains=text) | Q(conditions__icontains=text)
        parties = ("offers_made", "offers_received")
    elif model is TalksChannel:
        words = Q(name__icontains=text) | Q(venue__icontains=text)
        parties = ("channels",)
    else:
        words = Q(charges__icontains=text)
        parties = ("indictments",)
    match = words
    for relation in parties:
        match |= _named(relation, text, folded)
    return model.objects.exclude(review_state=ReviewState.REJECTED).filter(match)


def record_suggestions(model, *, text: str, limit: int = SUGGESTIONS_MAX) -> list:
    """Up to `limit` offers, channels or indictments (`model`) whose words or whose parties'
    names contain `text`, newest first, never rejected; offers with what their labels read.
    One query (offers: two, the second their recipients)."""
    text = text.strip()
    folded = normalize_name(text)
    if not text or not folded:
        return []
    newest = F(model.date_field).desc(nulls_last=True)
    records = _matching(model, text, folded).order_by(newest, "-id")
    if model is Offer:
        records = with_offer_labels(records)
    return list(records[:limit])
