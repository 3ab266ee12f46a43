"""Pages showing where sources disagree make the same number of queries with 3 or 30 of them."""

import datetime as dt

from negotiations.models import Indictment, Offer
from tests.claims import SEP_5, disagreements_make, stated
from tests.pages import queries_on


def test_the_dashboard_the_record_pages_and_the_list_cost_the_same_queries(
    client, db, django_assert_num_queries
):
    disagreements_make(3)
    indictment, offer = Indictment.objects.first(), Offer.objects.first()
    paths = [
        "/",
        "/disagreements/",
        indictment.get_absolute_url(),
        offer.get_absolute_url(),
        f"/actors/{offer.offered_by.slug}/" if offer.offered_by else None,
    ]
    paths = [path for path in paths if path]
    for path in paths:
        client.get(path)  # warm per-process caches (content types)
    small = {path: queries_on(client, path) for path in paths}
    disagreements_make(27)
    for extra in range(3):  # more claims on the same records: no more queries either
        stated(
            indictment,
            "bounty_amount",
            (f"{extra + 3}", "USD"),
            holds_on=SEP_5,
            publisher=f"Coast Gazette {extra}",
            published_on=dt.date(2024, 9, 6),
        )
    for path in paths:
        with django_assert_num_queries(small[path]):
            page = client.get(path).content.decode()
        assert "Sources disagree" in page or path == "/disagreements/", path
    assert (
        client.get("/disagreements/").content.decode().count('class="card disagreement-item"') == 20
    )
