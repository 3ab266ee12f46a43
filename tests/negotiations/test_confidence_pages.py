"""Corroboration and confidence on the pages: record pages, dashboard lines, the timeline
list and the rules' own page, in a constant number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from actors.choices import Side
from core.models import ReviewState
from negotiations.confidence import LEVEL_RULES, SOURCE_RULES
from sources.choices import Attribution
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
    TalksChannelFactory,
)
from tests.pages import queries_on

AUG = dt.date(2024, 8, 1)


def cite(record, publisher: str, attribution=Attribution.PUBLICATION, *, on=AUG, article=None):
    """A quote of `record` from an article by `publisher` (a new article unless given)."""
    article = article or ArticleFactory(publisher=publisher, published_on=on)
    return EvidenceFactory(record=record, article=article, attribution=attribution)


@pytest.fixture
def records(db):
    """One record of each kind, each with its own mix of sources."""
    offer = OfferFactory(terms="Safe passage for the negotiators", first_reported_on=AUG)
    cite(offer, "Daily Ledger", Attribution.ANONYMOUS, on=AUG)
    cite(offer, "Harbour Times", on=dt.date(2024, 8, 5))
    cite(offer, "Evening Courier", Attribution.NAMED, on=dt.date(2024, 8, 10))

    channel = TalksChannelFactory(name="Island channel", first_reported_on=AUG)
    cite(channel, "Daily Ledger", Attribution.ANONYMOUS)

    indictment = IndictmentFactory(charges="Charges of fraud", first_reported_on=AUG)
    ledger = ArticleFactory(publisher="Daily Ledger", published_on=AUG, text="A" * 40)
    EvidenceFactory(record=indictment, article=ledger, start=0, end=5)
    EvidenceFactory(record=indictment, article=ledger, start=10, end=20)

    event = EventFactory(
        title="Talks held on the island",
        occurred_on=AUG,
        first_reported_on=AUG,
        review_state=ReviewState.CONFIRMED,
    )
    cite(event, "Harbour Times", Attribution.OFFICIAL)
    EvidenceFactory(
        record=event, article=None, start=None, end=None, quote="", note="Seen by the desk."
    )

    position = PositionFactory(
        actor=ActorFactory(side=Side.US_GOVERNMENT), stance="Open to talks", first_reported_on=AUG
    )
    cite(position, "Evening Courier", Attribution.NAMED)
    return {
        "offer": offer,
        "channel": channel,
        "indictment": indictment,
        "event": event,
        "position": position,
    }


EXPECTED = {
    "offer": ("3 sources · high confidence", "3 sources, one on the record: high"),
    "channel": ("1 source · low confidence", "1 anonymous source: low"),
    "indictment": ("1 source · low confidence", "1 source, none on the record: low"),
    "event": (
        "2 sources · high confidence",
        "2 sources, one on the record, confirmed by an editor: high",
    ),
    "position": ("1 source · medium confidence", "1 source, on the record: medium"),
}


def badge(level: str, text: str) -> str:
    return f'<a class="badge confidence-{level}" href="/about/confidence/">{text}</a>'


@pytest.mark.parametrize("kind", EXPECTED)
def test_a_record_page_shows_its_sources_count_confidence_and_reason(client, records, kind):
    record = records[kind]
    page = client.get(record.get_absolute_url()).content.decode()
    text, reason = EXPECTED[kind]
    assert badge(reason.rsplit(": ", 1)[1], text) in page
    assert f'<span class="confidence-reason"> {reason}' in page
    assert '<span class="confidence full">' in page


def test_the_record_page_names_the_sources(client, records):
    page = client.get(records["offer"].get_absolute_url()).content.decode()
    assert "(Daily Ledger, Harbour Times, Evening Courier)" in page
    # In the order the evidence lists them, where a note's place differs by database.
    page = client.get(records["event"].get_absolute_url()).content.decode()
    assert "(Harbour Times, the editors)" in page or "(the editors, Harbour Times)" in page


def test_a_record_page_as_of_a_date_counts_the_sources_out_by_then(client, records):
    url = records["offer"].get_absolute_url()
    page = client.get(url, {"as_of": "2024-08-06"}).content.decode()
    assert "Confidence then" in page
    assert badge("medium", "2 sources · medium confidence") in page
    assert "2 sources, none on the record: medium" in page
    page = client.get(url, {"as_of": "2024-08-01"}).content.decode()
    assert "1 anonymous source: low" in page


def test_publisher_names_are_escaped(client, db):
    offer = OfferFactory()
    cite(offer, '<script>alert("x")</script> & Co')
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "(&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co)" in page


def test_every_dashboard_line_shows_its_confidence(client, records):
    page = client.get(reverse("negotiations:dashboard")).content.decode()
    for kind, (text, reason) in EXPECTED.items():
        assert badge(reason.rsplit(": ", 1)[1], text) in page, kind
        assert f'<span class="confidence-reason"> {reason}</span>' in page, kind
    # The event is on the dashboard's latest developments.
    assert page.count("confirmed by an editor: high") == 1


def test_the_dashboard_as_of_a_date_judges_on_the_sources_out_by_then(client, records):
    page = client.get(reverse("negotiations:dashboard"), {"as_of": "2024-08-06"}).content.decode()
    assert "2 sources, none on the record: medium" in page
    assert "3 sources, one on the record: high" not in page


def test_each_timeline_row_shows_its_confidence(client, records):
    other = EventFactory(title="A second development", occurred_on=AUG, first_reported_on=AUG)
    cite(other, "Daily Ledger", Attribution.ANONYMOUS)
    page = client.get(reverse("negotiations:timeline")).content.decode()
    rows = page.split('<ol class="timeline-list plain">', 1)[1].split("</ol>", 1)[0]
    assert "2 sources, one on the record, confirmed by an editor: high" in rows
    assert "1 anonymous source: low" in rows
    assert rows.count('class="confidence"') == 2


def test_related_lists_show_the_confidence_of_each_item(client, records):
    records["offer"].channel = records["channel"]
    records["offer"].save()
    page = client.get(records["channel"].get_absolute_url()).content.decode()
    offers = page.split('id="offers-heading"', 1)[1].split("</section>", 1)[0]
    assert "3 sources, one on the record: high" in offers


def test_the_rules_page_states_the_rules_and_works_the_examples(client, db):
    response = client.get("/about/confidence/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>How confidence is judged — Tablero</title>" in page
    for rule in SOURCE_RULES:
        assert rule.replace("'", "&#x27;") in page
    for level, rule in LEVEL_RULES:
        assert rule in page
        assert (
            f'<span class="badge confidence-{level.value}">{level.label} confidence</span>' in page
        )
    assert "3 sources, one on the record: high" in page
    assert "1 anonymous source: low" in page


# --- queries --------------------------------------------------------------------------
def _grow(n: int) -> None:
    """`n` more records of each kind, each quoted by three publishers and an editor."""
    for i in range(n):
        actor = ActorFactory(side=Side.US_GOVERNMENT)
        for record in (
            OfferFactory(offered_by=actor, first_reported_on=AUG),
            TalksChannelFactory(first_reported_on=AUG),
            IndictmentFactory(first_reported_on=AUG),
            EventFactory(occurred_on=AUG, first_reported_on=AUG),
            PositionFactory(actor=actor, first_reported_on=AUG),
        ):
            for publisher in ("Daily Ledger", "Harbour Times", f"Courier {i}"):
                cite(record, publisher, Attribution.NAMED)
            EvidenceFactory(
                record=record, article=None, start=None, end=None, quote="", note="Known."
            )


@pytest.mark.parametrize(
    ("url", "grown"),
    [
        ("/", "6 sources, one on the record: high"),
        ("/?as_of=2024-08-20", "6 sources, one on the record: high"),
        ("/timeline/", "5 sources, one on the record, confirmed by an editor: high"),
        ("/timeline/?as_of=2024-08-20", "3 sources, all on the record: high"),
        ("channel", "6 sources, one on the record: high"),
        ("offer", "6 sources, one on the record: high"),
    ],
)
def test_pages_showing_confidence_cost_the_same_queries_for_few_or_many_sources(
    client, records, url, grown
):
    if not url.startswith("/"):
        records["offer"].channel = records["channel"]
        records["offer"].save()
        url = records[url].get_absolute_url()
    _grow(1)
    queries_on(client, url)  # warm per-process caches (content types)
    few = queries_on(client, url)
    _grow(12)
    for record in records.values():
        for publisher in ("Northern Post", "Southern Wire", "Western Daily"):
            cite(record, publisher, Attribution.ANONYMOUS)
    assert queries_on(client, url) == few
    assert grown in client.get(url).content.decode()
