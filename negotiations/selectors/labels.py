"""What records' labels read, loaded for a whole list at once.

Offer.label names the maker and the recipients ("Amnesty: United States → Nicolás Maduro,
Aug 2024"); read one offer at a time that is two queries per offer.
"""

from django.db.models import Prefetch, QuerySet

from actors.selectors import actors_shown


def with_offer_labels(queryset: QuerySet, *, via: str = "") -> QuerySet:
    """`queryset` with what Offer.label reads: the maker joined (label leaves out one an
    editor rejected), the recipients an editor has not rejected in one more query. `via`
    reaches the offers of another model's rows ("offer__" for events)."""
    return queryset.select_related(f"{via}offered_by").prefetch_related(
        Prefetch(f"{via}recipients", queryset=actors_shown())
    )
