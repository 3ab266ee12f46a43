"""Editors' forms: an error summary on top, the actor pickers marked for typing ahead, and
the status list of a development narrowed to the kind of record it concerns."""

from negotiations.choices import ChannelStatus, OfferStatus
from negotiations.forms import DevelopmentForm, EventForm
from tests.factories import EventFactory, OfferFactory, TalksChannelFactory

URL = "/developments/add/"


def _status_values(form) -> set[str]:
    values = set()
    for value, label in form.fields["status_to"].choices:
        values |= {v for v, _ in label} if isinstance(label, list | tuple) else {value}
    return values


def test_a_development_for_one_offer_lists_only_offer_statuses(db):
    offer = OfferFactory()
    form = DevelopmentForm(initial={"offer": str(offer.pk)})
    assert _status_values(form) == {"", *OfferStatus.values}


def test_an_event_of_a_channel_lists_only_channel_statuses(db):
    event = EventFactory(channel=TalksChannelFactory())
    form = EventForm(instance=event)
    assert _status_values(form) == {"", *ChannelStatus.values}


def test_a_development_for_no_record_keeps_every_status_for_the_script_to_narrow(db):
    form = DevelopmentForm()
    assert {*OfferStatus.values, *ChannelStatus.values} <= _status_values(form)
    assert "data-status-by-record" in str(form["status_to"])


def test_the_page_opened_from_an_offer_lists_only_its_statuses(editor_client, db):
    offer = OfferFactory()
    page = editor_client.get(f"{URL}?offer={offer.pk}").content.decode()
    assert '<optgroup label="Offer">' in page and '<optgroup label="Channel">' not in page


def test_actor_selects_carry_the_search_address_and_the_script_loads(editor_client, db):
    page = editor_client.get(URL).content.decode()
    assert 'data-search="/actors/suggest.json"' in page
    assert "js/editing" in page


def test_a_refused_form_lists_what_to_fix_on_top_linking_to_each_field(editor_client, db):
    response = editor_client.post(URL, {"title": "", "status": "occurred", "kind": "other"})
    page = response.content.decode()
    assert response.status_code == 200
    start = page.index('class="error-summary')
    summary = page[start : page.index("</ul>", start)]
    assert 'href="#id_title"' in summary and "Title" in summary
    assert page.index("error-summary") < page.index('name="title"')


def test_the_source_stands_beside_the_fields_it_supports(editor_client, db):
    page = editor_client.get(URL).content.decode()
    assert '<div class="form-columns">' in page
    main, source = page.index('class="form-main"'), page.index('class="form-source"')
    assert main < source < page.index('name="quote"')
