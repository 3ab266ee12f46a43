import pytest

from tests.factories import ActorFactory, ArticleFactory, OfferFactory


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def article(db):
    return ArticleFactory(
        text="Officials offered amnesty to the general on Monday, two people said.",
        published_on="2025-02-03",
    )


@pytest.fixture
def offer(db):
    return OfferFactory(
        offered_by=ActorFactory(name="Government of Norland"), first_reported_on="2024-08-01"
    )


def errors_of(response, field: str) -> list[str]:
    """The messages shown next to `field` in the rendered form."""
    form = response.context["form"]
    return form.errors.get(field, [])
