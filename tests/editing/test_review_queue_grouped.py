"""The review queue by sentence: each quoted sentence once, one compact row per record with
what ingestion extracted, and the sentences that read like the domain but hold no record."""

import datetime as dt
from decimal import Decimal

import pytest

from actors.models import Role
from core.dates import DatePrecision
from negotiations.ingestion import EXTRACTOR_VERSION
from negotiations.models import ChannelParticipant, TalksChannel
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    IndictmentFactory,
    OfferFactory,
    PositionFactory,
)

URL = "/review/"
MACHINE = {"extractor_version": EXTRACTOR_VERSION}


def quote(record, article, sentence: str):
    start = article.text.index(sentence)
    return EvidenceFactory(record=record, article=article, start=start, end=start + len(sentence))


def test_records_of_one_sentence_share_it_and_show_their_fields(editor_client):
    sentence = "Norland offered amnesty and a pardon to the general in March."
    article = ArticleFactory(text=f"Intro line. {sentence} The rest.")
    by, to = ActorFactory(name="Norland", side="us_government"), ActorFactory(name="The general")
    amnesty = OfferFactory(
        terms="Amnesty for the general", offered_by=by, offered_on=dt.date(2024, 3, 1),
        offered_precision=DatePrecision.MONTH, **MACHINE,
    )  # fmt: skip
    amnesty.recipients.add(to)
    pardon = OfferFactory(terms="A pardon", kind="pardon", **MACHINE)
    quote(amnesty, article, sentence), quote(pardon, article, sentence)
    html = editor_client.get(URL).content.decode()
    assert html.count(f"<mark>{sentence}</mark>") == 1  # the sentence once
    assert html.count('class="review-item"') == 2
    assert "2 records to review in 1 sentence" in html
    row = html[html.index(f'id="review-offer-{amnesty.pk}"') :]
    row = row[: row.index("</li>")]
    for shown in ("Amnesty", "Mar 2024", "Norland → The general", "Proposed", "U.S. government"):
        assert shown in row, shown
    assert "1 Mar 2024" not in row  # a month-precision date never shows a day


def test_indictment_amount_and_parties(editor_client):
    sentence = "Prosecutors indicted the minister and offered a reward."
    article = ArticleFactory(text=sentence)
    indictment = IndictmentFactory(
        authority=ActorFactory(name="Prosecutors"), bounty_amount=Decimal("15000000"),
        bounty_currency="USD", **MACHINE,
    )  # fmt: skip
    indictment.defendants.add(ActorFactory(name="The minister"))
    quote(indictment, article, sentence)
    html = editor_client.get(URL).content.decode()
    assert "Prosecutors v. The minister" in html
    assert "15,000,000 USD" in html


def test_missed_sentences_link_to_a_prefilled_development_form(editor_client):
    article = ArticleFactory(
        text="The envoy offered amnesty. A new election is due in May. The weather was <fine>. "
        "Talks resumed in secret."
    )
    quote(OfferFactory(**MACHINE), article, "The envoy offered amnesty.")
    html = editor_client.get(URL).content.decode()
    assert "2 sentences with words of the domain and no record" in html
    assert "<q>A new election is due in May.</q>" in html
    assert "<q>Talks resumed in secret.</q>" in html
    assert "weather" not in html.split("review-missed")[1]  # no word of the domain
    assert "&lt;fine&gt;" in html and "<fine>" not in html
    sentence = "A%20new%20election%20is%20due%20in%20May."
    link = f"/developments/add/?article={article.pk}&amp;quote={sentence}"
    assert link in html
    form = editor_client.get(link.replace("&amp;", "&")).content.decode()
    assert "A new election is due in May." in form


def test_a_sentence_quoted_by_a_reviewed_record_is_not_missed(editor_client):
    article = ArticleFactory(text="The envoy offered amnesty. Talks resumed in secret.")
    quote(OfferFactory(**MACHINE), article, "The envoy offered amnesty.")
    quote(EventFactory(review_state="confirmed", **MACHINE), article, "Talks resumed in secret.")
    assert "review-missed" not in editor_client.get(URL).content.decode()


def _every_kind(article) -> None:
    """One machine-made record of each reviewable kind, with parties, cited by `article`."""
    text = article.text
    first = text.split(".")[0] + "."
    offer = OfferFactory(offered_by=ActorFactory(), **MACHINE)
    offer.recipients.add(ActorFactory(), ActorFactory())
    indictment = IndictmentFactory(authority=ActorFactory(), **MACHINE)
    indictment.defendants.add(ActorFactory())
    event = EventFactory(**MACHINE)
    event.actors.add(ActorFactory())
    channel = TalksChannel.objects.create(name="A channel", **MACHINE)
    ChannelParticipant.objects.create(channel=channel, actor=ActorFactory())
    position = PositionFactory(**MACHINE)
    role = Role.objects.create(
        actor=ActorFactory(), organization=ActorFactory(), title="Envoy", **MACHINE
    )
    actor = ActorFactory(**MACHINE)
    for record in (offer, indictment, event, channel, position, role, actor):
        quote(record, article, first)


@pytest.mark.parametrize("articles", [1, 5])
def test_the_queue_of_every_kind_takes_a_constant_number_of_queries(
    editor_client, editor, django_assert_num_queries, articles
):
    for n in range(articles):
        _every_kind(ArticleFactory(text=f"Talks were held. An election is due. Report {n}."))
    last = OfferFactory(**MACHINE)
    quote(last, ArticleFactory(published_on="2000-01-01", text="Old talks."), "Old talks.")
    editor_client.post(f"/review/offer/{last.pk}/", {"decision": "confirmed", "version": 1})
    editor_client.get(URL)  # warm the content-type cache
    # session, user, group check, the last decision (and its recipients, for the offer's
    # label), count, articles, texts, evidence, 7 record types, 4 many-to-many (recipients,
    # defendants, event and channel actors), links
    with django_assert_num_queries(9 + 7 + 4 + 1):
        response = editor_client.get(URL)
    html = response.content.decode()
    assert html.count('class="review-item"') == 7 * articles
    assert "Your last decision: confirmed offer" in html
