"""The review queue in Chromium at desktop and phone widths: grouped by sentence, decisions
in place with the keyboard or the mouse, undo, missed sentences, the plain forms without
script, and no serious accessibility violation (axe)."""

import pytest
from playwright.sync_api import expect

from negotiations.ingestion import EXTRACTOR_VERSION
from negotiations.models import Event, Offer
from tests.browser.accessibility import serious_violations
from tests.browser.conftest import ARTIFACTS
from tests.browser.sign_in import editor_sign_in
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    EventFactory,
    EvidenceFactory,
    OfferFactory,
)

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1366, 900), "mobile": (390, 844)}
SHARED = "Norland offered amnesty and a pardon to the general."
TALKS = "Envoys of both sides met in Vantia for talks on Tuesday."
MISSED = "A new election is due before the end of the year."
TEXT = f"{SHARED} {TALKS} The weather was <mild>. {MISSED}"
MACHINE = {"extractor_version": EXTRACTOR_VERSION}


def _quote(record, article, sentence):
    start = article.text.index(sentence)
    EvidenceFactory(record=record, article=article, start=start, end=start + len(sentence))


@pytest.fixture
def queue(transactional_db):
    """Three records in two sentences of one article; one record of an older article."""
    article = ArticleFactory(
        title="Norland talks report", text=TEXT, published_on="2025-02-03", **MACHINE
    )
    by = ActorFactory(name="Norland", side="us_government")
    amnesty = OfferFactory(terms="Amnesty for the general", offered_by=by, **MACHINE)
    amnesty.recipients.add(ActorFactory(name="The general"))
    pardon = OfferFactory(terms="A pardon for the general", kind="pardon", **MACHINE)
    talks = EventFactory(title="Envoys meet in Vantia", kind="talks", **MACHINE)
    for record, sentence in ((amnesty, SHARED), (pardon, SHARED), (talks, TALKS)):
        _quote(record, article, sentence)
    older = ArticleFactory(
        title="Older report", text="Talks stalled again.", published_on="2024-01-01"
    )
    _quote(OfferFactory(terms="An older offer", **MACHINE), older, "Talks stalled again.")
    return {"article": article, "amnesty": amnesty, "pardon": pardon, "talks": talks}


def _sign_in(page, live_server, next_path="/review/"):
    user = editor_sign_in(page, live_server, "queue-editor", next_path)
    expect(page.get_by_role("heading", name="Review what ingestion extracted")).to_be_visible()
    return user


def _policy_violations(page) -> list[str]:
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def _row(page, record, kind):
    return page.locator(f"#review-{kind}-{record.pk}")


def _state(model, record) -> tuple[str, int]:
    fresh = model.objects.get(pk=record.pk)
    return fresh.review_state, fresh.version


@pytest.mark.parametrize("width", WIDTHS)
def test_grouped_by_sentence_decided_in_place_and_undone(
    live_server, page, screenshot, queue, width
):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    violations = _policy_violations(page)
    _sign_in(page, live_server)
    # The sentence once, the records it supports under it, their fields inline.
    article = page.locator("section.review-article").first
    expect(article.locator(".review-sentence")).to_have_count(2)
    expect(article.locator("mark", has_text=SHARED)).to_have_count(1)
    shared = article.locator(".review-sentence").first
    expect(shared.locator("li.review-item")).to_have_count(2)
    amnesty = _row(page, queue["amnesty"], "offer")
    expect(amnesty).to_contain_text("Norland → The general")
    expect(amnesty).to_contain_text("U.S. government")
    screenshot(f"review-queue-{width}")
    page.evaluate("window.stayedOnThePage = true")  # gone if the page reloads

    # The mouse: confirm in place, then undo.
    amnesty.get_by_role("button", name="Confirm").click()
    # An offer is named by its label: what, who to whom and when.
    label = queue["amnesty"].label
    assert label.startswith("Amnesty: Norland → The general")
    expect(page.locator("#review-status")).to_contain_text(f"Confirmed: {label}.")
    expect(amnesty).to_have_class("review-decided")
    assert _state(Offer, queue["amnesty"]) == ("confirmed", 2)
    amnesty.get_by_role("button", name="Undo").click()
    expect(page.locator("#review-status")).to_contain_text("Undone:")
    expect(amnesty).to_have_class("review-item")
    assert _state(Offer, queue["amnesty"]) == ("unreviewed", 3)

    # The keyboard: j/k move, c confirms, r rejects, u undoes the last decision.
    pardon = _row(page, queue["pardon"], "offer")
    expect(amnesty).to_have_attribute("aria-current", "true")  # the undone record is selected
    page.keyboard.press("j")
    expect(pardon).to_have_attribute("aria-current", "true")
    page.keyboard.press("k")
    expect(amnesty).to_have_attribute("aria-current", "true")
    page.keyboard.press("c")  # the version the undo left (3) is the one sent
    expect(page.locator("#review-status")).to_contain_text("Confirmed:")
    assert _state(Offer, queue["amnesty"]) == ("confirmed", 4)
    expect(pardon).to_have_attribute("aria-current", "true")  # on to the next record
    page.keyboard.press("r")
    expect(page.locator("#review-status")).to_contain_text(f"Rejected: {queue['pardon'].label}.")
    assert _state(Offer, queue["pardon"]) == ("rejected", 2)
    expect(amnesty.get_by_role("button", name="Undo")).to_have_count(0)  # only the last one
    screenshot(f"review-queue-decided-{width}")
    page.keyboard.press("u")
    expect(page.locator("#review-status")).to_contain_text("Undone:")
    expect(pardon).to_have_class("review-item")
    assert _state(Offer, queue["pardon"]) == ("unreviewed", 3)
    assert _state(Offer, queue["amnesty"])[0] == "confirmed"
    assert page.evaluate("window.stayedOnThePage") is True

    # e opens the record's form, which comes back to the article.
    page.keyboard.press("j")
    expect(_row(page, queue["talks"], "event")).to_have_attribute("aria-current", "true")
    page.keyboard.press("e")
    page.wait_for_url(f"**/records/event/{queue['talks'].pk}/edit/**")
    assert _state(Event, queue["talks"])[0] == "unreviewed"
    assert violations == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_missed_sentence_opens_a_prefilled_development_form(
    live_server, page, screenshot, queue, width
):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    _sign_in(page, live_server)
    article = page.locator("section.review-article").first
    missed = article.locator("details.review-missed")
    missed.locator("summary").click()
    expect(missed.locator("li")).to_have_count(1)  # the weather holds no word of the domain
    expect(missed).to_contain_text(MISSED)
    screenshot(f"review-missed-{width}")
    missed.get_by_role("link", name="Add a development from this sentence").click()
    page.wait_for_url("**/developments/add/**")
    assert page.locator('textarea[name="quote"]').input_value() == MISSED


def test_the_plain_forms_work_without_script(live_server, browser, queue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _sign_in(page, live_server)
    row = _row(page, queue["talks"], "event")
    row.get_by_role("button", name="Reject").click()
    expect(page.get_by_text(f"Rejected: {queue['talks']}.")).to_be_visible()
    assert page.url.endswith(f"/review/#article-{queue['article'].pk}")  # back at the article
    assert _state(Event, queue["talks"]) == ("rejected", 2)
    expect(_row(page, queue["talks"], "event")).to_have_count(0)
    page.locator("#review-undo").get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Undone:")).to_be_visible()
    assert _state(Event, queue["talks"]) == ("unreviewed", 3)
    expect(_row(page, queue["talks"], "event")).to_have_count(1)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_queue_has_no_serious_accessibility_violation(live_server, page, queue, width):
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    _sign_in(page, live_server)
    page.locator("details.review-missed summary").first.click()
    page.keyboard.press("j")  # the selected row's colours are checked too
    assert serious_violations(page) == []


# The measure: 59 records made a page 24,600 px tall (48,670 px on a phone).
HEIGHT_LIMITS = {"desktop": 7_000, "mobile": 20_000}


@pytest.mark.parametrize("width", WIDTHS)
def test_sixty_records_fit_in_a_few_screens(live_server, page, screenshot, transactional_db, width):
    sentences = [
        f"Officials offered amnesty and relief in round {n} of the talks." for n in range(20)
    ]
    article = ArticleFactory(title="A long report", text=" ".join(sentences), **MACHINE)
    for n, sentence in enumerate(sentences):
        for kind in ("amnesty", "pardon", "sanctions_relief"):
            offer = OfferFactory(
                terms=f"{kind} offer {n}", kind=kind, offered_by=ActorFactory(), **MACHINE
            )
            offer.recipients.add(ActorFactory())
            _quote(offer, article, sentence)
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    _sign_in(page, live_server)
    expect(page.locator("li.review-item")).to_have_count(60)
    height = page.evaluate("document.documentElement.scrollHeight")
    screenshot(f"review-queue-sixty-{width}")
    page.screenshot(path=str(ARTIFACTS / f"review-queue-sixty-{width}-first-screen.png"))
    print(f"60 records at {width}: {height} px, {height / WIDTHS[width][1]:.1f} screens")
    assert height < HEIGHT_LIMITS[width]
