"""Ingestion keeps the reward first reported with an indictment: a later article naming
another amount does not rewrite what an earlier date showed (an editor records the raise
as a bounty development)."""

import datetime as dt

from negotiations.ingestion.pipeline import article_ingest
from negotiations.models import Indictment
from sources.services import article_submit

FIRST = (
    "The U.S. in 2020 placed a $15 million bounty for information leading to Nicolás "
    "Maduro’s arrest on charges of drug trafficking."
)
LATER = (
    "The U.S. placed a $25 million bounty for information leading to Nicolás Maduro’s "
    "arrest on charges of drug trafficking."
)


def _ingest(text: str, published_on: dt.date) -> None:
    article = article_submit(text=text, published_on=published_on, title="Reward").article
    assert article_ingest(article_id=article.pk) == "done"


def _reward() -> tuple:
    indictment = Indictment.objects.get()
    return indictment.bounty_amount, indictment.first_reported_on


def test_a_later_article_keeps_the_first_reported_reward(db):
    _ingest(FIRST, dt.date(2024, 8, 11))
    assert _reward() == (15_000_000, dt.date(2024, 8, 11))
    _ingest(LATER, dt.date(2025, 1, 15))
    assert _reward() == (15_000_000, dt.date(2024, 8, 11))


def test_an_earlier_article_read_later_is_the_first_report(db):
    _ingest(LATER, dt.date(2025, 1, 15))
    assert _reward() == (25_000_000, dt.date(2025, 1, 15))
    _ingest(FIRST, dt.date(2024, 8, 11))
    assert _reward() == (15_000_000, dt.date(2024, 8, 11))
