"""The corroboration and confidence rules (negotiations.confidence), on written cases."""

import pytest

from core.models import ReviewState
from negotiations.confidence import (
    ConfidenceLevel,
    Quote,
    confidence_from_quotes,
    confidence_of,
    examples,
    host_key,
)
from sources.choices import Attribution
from tests.factories import ArticleFactory, EvidenceFactory, OfferFactory

ANONYMOUS, NAMED, OFFICIAL = Attribution.ANONYMOUS, Attribution.NAMED, Attribution.OFFICIAL
PUBLICATION, EDITOR = Attribution.PUBLICATION, Attribution.EDITOR


def article(n: int, publisher: str = "", attribution=PUBLICATION, url: str = "") -> Quote:
    return Quote(
        article_id=n, publisher=publisher, article_url=url, url="", attribution=attribution
    )


def at_url(url: str, attribution=PUBLICATION) -> Quote:
    return Quote(article_id=None, publisher="", article_url="", url=url, attribution=attribution)


def note(attribution=EDITOR) -> Quote:
    return Quote(article_id=None, publisher="", article_url="", url="", attribution=attribution)


def judge(*quotes: Quote, review_state: str = ""):
    return confidence_from_quotes(quotes, review_state=review_state)


# --- levels -------------------------------------------------------------------------
def test_one_anonymous_source_is_low():
    confidence = judge(article(1, "Daily Ledger", ANONYMOUS))
    assert (confidence.sources_count, confidence.level) == (1, ConfidenceLevel.LOW)
    assert confidence.reason == "1 anonymous source: low"


def test_three_publishers_with_one_named_speaker_are_high():
    confidence = judge(
        article(1, "Daily Ledger", ANONYMOUS),
        article(2, "Harbour Times", PUBLICATION),
        article(3, "Evening Courier", NAMED),
    )
    assert (confidence.sources_count, confidence.level) == (3, ConfidenceLevel.HIGH)
    assert confidence.reason == "3 sources, one on the record: high"
    assert confidence.sources == ("Daily Ledger", "Harbour Times", "Evening Courier")


def test_two_sources_none_on_the_record_are_medium():
    mixed = judge(article(1, "Daily Ledger", ANONYMOUS), article(2, "Harbour Times"))
    assert (mixed.level, mixed.reason) == ("medium", "2 sources, none on the record: medium")
    both = judge(article(1, "Daily Ledger", ANONYMOUS), article(2, "Harbour Times", ANONYMOUS))
    assert (both.level, both.reason) == ("medium", "2 anonymous sources: medium")


def test_a_single_source_on_the_record_is_medium():
    named = judge(article(1, "Daily Ledger", NAMED))
    assert (named.level, named.reason) == ("medium", "1 source, on the record: medium")
    official = judge(at_url("https://ministry.example/statement", OFFICIAL))
    assert (official.level, official.on_record) == ("medium", 1)


def test_a_single_report_in_the_publications_own_voice_is_low():
    confidence = judge(article(1, "Daily Ledger"))
    assert confidence.reason == "1 source, none on the record: low"


def test_two_sources_all_on_the_record_say_so():
    confidence = judge(article(1, "Daily Ledger", NAMED), article(2, "Harbour Times", OFFICIAL))
    assert confidence.reason == "2 sources, all on the record: high"


def test_no_evidence_is_low():
    confidence = judge()
    assert (confidence.sources_count, confidence.level) == (0, "low")
    assert confidence.reason == "No source quoted: low"


# --- counting sources ---------------------------------------------------------------
def test_two_quotes_from_one_article_count_once():
    confidence = judge(article(7, "Daily Ledger", ANONYMOUS), article(7, "Daily Ledger", ANONYMOUS))
    assert confidence.sources_count == 1
    assert confidence.reason == "1 anonymous source: low"


def test_articles_of_one_publisher_count_once_whatever_its_name_s_case_or_article():
    confidence = judge(
        article(1, "The Daily Ledger"), article(2, "daily  ledger"), article(3, "DAILY LEDGER")
    )
    assert confidence.sources_count == 1
    assert confidence.sources == ("The Daily Ledger",)


def test_a_named_quote_in_one_of_a_publishers_articles_puts_that_source_on_the_record():
    confidence = judge(article(1, "Daily Ledger", ANONYMOUS), article(2, "Daily Ledger", NAMED))
    assert (confidence.sources_count, confidence.on_record) == (1, 1)
    assert confidence.level == "medium"


def test_a_quote_from_a_publishers_site_is_that_publisher():
    confidence = judge(
        article(1, "Daily Ledger", url="https://www.ledger.example/2024/talks"),
        at_url("https://ledger.example/other-page", NAMED),
    )
    assert confidence.sources_count == 1
    assert confidence.sources == ("Daily Ledger",)


def test_an_article_without_a_publisher_is_its_web_site():
    confidence = judge(
        article(1, url="https://news.example/a"),
        article(2, url="https://NEWS.example:443/b"),
        at_url("https://other.example/c"),
    )
    assert confidence.sources == ("news.example", "other.example")


def test_articles_with_neither_publisher_nor_address_are_one_unnamed_publisher():
    confidence = judge(article(1), article(2), article(3, "Harbour Times"))
    assert confidence.sources == ("an unnamed publisher", "Harbour Times")


def test_web_sites_differ_by_host_not_by_page():
    confidence = judge(at_url("https://a.example/1"), at_url("https://b.example/1"))
    assert confidence.sources_count == 2


def test_editors_notes_are_one_source_never_on_the_record():
    alone = judge(note(), note(NAMED))
    assert (alone.sources_count, alone.on_record) == (1, 0)
    assert alone.reason == "1 source, an editor's note: low"
    with_report = judge(note(), article(1, "Daily Ledger", ANONYMOUS))
    assert (with_report.sources_count, with_report.level) == (2, "medium")
    assert with_report.sources == ("the editors", "Daily Ledger")


def test_an_editors_confirmation_is_said_and_changes_nothing_else():
    for state in (ReviewState.CONFIRMED, ReviewState.CORRECTED):
        confidence = judge(article(1, "Daily Ledger", ANONYMOUS), review_state=state)
        assert confidence.level == "low"
        assert confidence.reason == "1 anonymous source, confirmed by an editor: low"
    assert judge(article(1, "Daily Ledger"), review_state=ReviewState.UNREVIEWED).reason == (
        "1 source, none on the record: low"
    )


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.Ledger.example/x?y=1", "ledger.example"),
        ("http://ledger.example:8080/", "ledger.example"),
        ("not a url", "not a url"),
        ("https://[::1/broken", "https://[::1/broken"),
    ],
)
def test_a_web_site_is_its_host_without_www(url, host):
    assert host_key(url) == host


def test_the_pages_examples_say_what_the_rules_say():
    reasons = [confidence.reason for _, confidence in examples()]
    assert reasons == [
        "1 anonymous source: low",
        "1 anonymous source: low",
        "1 source, none on the record: low",
        "1 source, on the record: medium",
        "2 anonymous sources: medium",
        "3 sources, one on the record: high",
        "2 sources, one on the record: high",
    ]


# --- from stored evidence -----------------------------------------------------------
def test_stored_evidence_is_read_the_same_way(db):
    offer = OfferFactory()
    ledger = ArticleFactory(publisher="Daily Ledger", text="People familiar said an offer.")
    EvidenceFactory(record=offer, article=ledger, start=0, end=6, attribution=ANONYMOUS)
    EvidenceFactory(record=offer, article=ledger, start=7, end=15, attribution=ANONYMOUS)
    EvidenceFactory(record=offer, article=ArticleFactory(publisher="Harbour Times"))
    EvidenceFactory(
        record=offer,
        article=ArticleFactory(publisher="Evening Courier"),
        attribution=NAMED,
    )
    EvidenceFactory(
        record=offer,
        article=None,
        start=None,
        end=None,
        quote="",
        note="Two officials confirmed it to the desk.",
        attribution=EDITOR,
    )
    confidence = confidence_of(offer.evidence.select_related("article"))
    assert confidence.sources_count == 4
    assert confidence.reason == "4 sources, one on the record: high"
    # A record loaded outside the selectors reads its own evidence.
    assert offer.confidence == confidence
