"""Editors' forms in Chromium at desktop and phone widths: the actor picker types ahead,
the status list follows the record chosen, errors are summed up on top, and the source
stands beside the fields it supports."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import serious_violations
from tests.browser.sign_in import editor_sign_in
from tests.factories import ActorFactory, OfferFactory, TalksChannelFactory

pytestmark = pytest.mark.browser

WIDTHS = [1366, 390]


@pytest.fixture
def editor_page(live_server, page, transactional_db):
    editor_sign_in(page, live_server, "forms-editor", "/developments/add/")
    expect(page.get_by_role("heading", name="Add a development")).to_be_visible()
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_the_actor_picker_types_ahead_and_selects_in_the_list(
    live_server, editor_page, screenshot, width
):
    page = editor_page
    wanted = ActorFactory(name="Delcy Rodríguez-Test")
    ActorFactory(name="Somebody Unrelated")
    page.set_viewport_size({"width": width, "height": 900})
    page.reload()
    search = page.get_by_role("combobox", name="Find Actors by typing")
    search.fill("rodr")
    listbox = page.get_by_role("listbox", name="Matches for Actors")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option")).to_contain_text("Delcy Rodríguez-Test")
    screenshot(f"actor-picker-{width}")
    assert serious_violations(page) == []
    search.press("ArrowDown")
    search.press("Enter")  # chooses; never submits the form
    expect(page.get_by_role("heading", name="Add a development")).to_be_visible()
    selected = page.locator("#id_actors").evaluate("s => [...s.selectedOptions].map(o => o.value)")
    assert selected == [str(wanted.pk)]
    expect(page.locator(".picker-chosen").first).to_contain_text("Delcy Rodríguez-Test")
    page.get_by_role("button", name="Remove Delcy Rodríguez-Test").click()
    selected = page.locator("#id_actors").evaluate("s => [...s.selectedOptions].length")
    assert selected == 0


def test_past_the_picker_limit_the_type_ahead_adds_the_actor_it_finds(
    live_server, editor_page, monkeypatch
):
    monkeypatch.setattr("core.forms.PICKER_MAX", 2)
    wanted = ActorFactory(name="Delcy Rodríguez-Test")
    for n in range(3):
        ActorFactory(name=f"Somebody Unrelated {n}")
    page = editor_page
    page.reload()
    assert page.locator("#id_actors option").count() == 0  # none chosen, none listed
    search = page.get_by_role("combobox", name="Find Actors by typing")
    search.fill("rodr")
    listbox = page.get_by_role("listbox", name="Matches for Actors")
    expect(listbox.get_by_role("option")).to_have_count(1)
    search.press("ArrowDown")
    search.press("Enter")
    selected = page.locator("#id_actors").evaluate("s => [...s.selectedOptions].map(o => o.value)")
    assert selected == [str(wanted.pk)]


@pytest.mark.parametrize("width", WIDTHS)
def test_past_the_picker_limit_the_offer_picker_finds_an_offer_by_a_party(
    live_server, editor_page, monkeypatch, screenshot, width
):
    monkeypatch.setattr("core.forms.PICKER_MAX", 1)
    wanted = OfferFactory(terms="Amnesty", offered_by=ActorFactory(name="Maker Wanted"))
    wanted.recipients.add(ActorFactory(name="Recipient Wanted"))
    OfferFactory(terms="Amnesty", offered_by=ActorFactory(name="Maker Other"))
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.reload()
    assert page.locator("#id_offer option").count() == 1  # "---------" only
    search = page.get_by_role("combobox", name="Find Offer by typing")
    search.fill("recipient want")
    listbox = page.get_by_role("listbox", name="Matches for Offer")
    expect(listbox.get_by_role("option")).to_have_count(1)
    expect(listbox.get_by_role("option")).to_contain_text(
        "Amnesty: Maker Wanted → Recipient Wanted, Aug 2024"
    )
    screenshot(f"offer-picker-{width}")
    assert serious_violations(page) == []
    search.press("Enter")
    assert page.locator("#id_offer").input_value() == str(wanted.pk)
    # The status list follows the offer chosen by typing, as one chosen in the list.
    expect(page.locator("#id_status_to optgroup[label=Offer]")).to_be_enabled()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_status_list_shows_only_the_chosen_records_statuses(
    live_server, editor_page, screenshot, width
):
    page = editor_page
    offer = OfferFactory(terms="Amnesty for an exit")
    TalksChannelFactory(name="Harbour talks")
    page.set_viewport_size({"width": width, "height": 900})
    page.reload()
    status = page.locator("#id_status_to")

    def groups_shown():
        return status.evaluate(
            "s => [...s.querySelectorAll('optgroup')].filter(g => !g.disabled).map(g => g.label)"
        )

    assert groups_shown() == []
    expect(page.locator("#id_status_to-kind")).to_have_text(
        "Choose the offer, channel or indictment first."
    )
    page.locator("#id_offer").select_option(str(offer.pk))
    assert groups_shown() == ["Offer"]
    status.select_option("declined")
    screenshot(f"status-choices-{width}")
    page.locator("#id_offer").select_option("")
    assert groups_shown() == [] and status.input_value() == ""


@pytest.mark.parametrize("width", WIDTHS)
def test_a_refused_form_sums_up_what_to_fix_on_top(live_server, editor_page, screenshot, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.get_by_role("button", name="Add development").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="Title")).to_be_visible()
    screenshot(f"error-summary-{width}")
    assert serious_violations(page) == []
    summary.get_by_role("link", name="Title").click()
    expect(page).to_have_url(f"{live_server.url}/developments/add/#id_title")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_source_stands_beside_the_fields_it_supports(live_server, editor_page, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.reload()
    main = page.locator(".form-main").bounding_box()
    source = page.locator(".form-source").bounding_box()
    if width >= 900:
        # Side by side, the form using the page's width.
        assert source["x"] > main["x"] + main["width"] - 1
        assert abs(source["y"] - main["y"]) < 5
        form = page.locator("form.editing-form").bounding_box()
        assert form["width"] > 0.8 * page.viewport_size["width"] - 60
    else:
        assert source["y"] >= main["y"] + main["height"] - 1
