"""A refused save is merged with what changed meanwhile, and saving the merge loses nothing."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client

from core.editing import record_update
from negotiations.models import Offer
from tests.factories import ActorFactory, OfferFactory, TalksChannelFactory


class _FormInputs(HTMLParser):
    """What a browser submits from the page's editing form (the one posting to `action`)."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.inside = False
        self.select = self.textarea = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = "editing-form" in (attrs.get("class") or "")
        if not self.inside:
            return
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in attrs:
                    self.fields.append((attrs["name"], attrs.get("value", "on")))
            elif kind != "submit":
                self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = attrs["name"], ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            # A browser drops the one newline that follows <textarea>.
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None


def submitted(response) -> dict[str, list[str]]:
    parser = _FormInputs()
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


@pytest.fixture
def second_editor(db) -> Client:
    user = User.objects.create_user("second")
    user.groups.add(Group.objects.get_or_create(name=settings.EDITORS_GROUP)[0])
    client = Client()
    client.force_login(user)
    return client


def edit(client, url: str, form: dict, **changes) -> object:
    return client.post(url, form | {name: [value] for name, value in changes.items()})


def test_saving_the_conflict_page_again_keeps_the_first_editors_conditions(
    editor_client, second_editor
):
    offer = OfferFactory(terms="Amnesty", conditions="")
    url = f"/records/offer/{offer.pk}/edit/"
    first_form, second_form = submitted(editor_client.get(url)), submitted(second_editor.get(url))

    saved = edit(editor_client, url, first_form, conditions="Elections within a year")
    assert saved.status_code == 302
    refused = edit(second_editor, url, second_form, terms="Amnesty and safe passage")
    assert refused.status_code == 200
    assert "someone else changed this offer" in refused.content.decode()

    again = second_editor.post(url, submitted(refused))  # Save, on the conflict page as shown

    assert again.status_code == 302
    offer.refresh_from_db()
    assert (offer.terms, offer.conditions, offer.version) == (
        "Amnesty and safe passage",
        "Elections within a year",
        3,
    )
    history = list(offer.history.order_by("history_date", "history_id"))
    assert [row.conditions for row in history][-2:] == ["Elections within a year"] * 2


def test_fields_only_the_other_editor_changed_take_their_value(editor_client, second_editor):
    maker, other = ActorFactory(name="Norland"), ActorFactory(name="Southland")
    offer = OfferFactory(offered_by=maker, conditions="")
    url = f"/records/offer/{offer.pk}/edit/"
    first_form, second_form = submitted(editor_client.get(url)), submitted(second_editor.get(url))
    edit(editor_client, url, first_form, offered_by=str(other.pk), offered_year="2023")

    refused = edit(second_editor, url, second_form, conditions="A ceasefire")

    assert "<ins>Southland</ins>" in refused.content.decode()  # what they changed, by name
    merge = refused.context["merge"]
    assert set(merge.taken) == {"Offered by", "Offered"} and merge.kept == ["Conditions"]
    assert merge.conflicts == []
    assert second_editor.post(url, submitted(refused)).status_code == 302
    offer.refresh_from_db()
    assert (offer.offered_by, offer.offered_on.year, offer.conditions) == (
        other,
        2023,
        "A ceasefire",
    )


def test_a_field_both_changed_must_be_chosen_and_the_choice_is_saved(editor_client, second_editor):
    offer = OfferFactory(terms="Amnesty", conditions="")
    url = f"/records/offer/{offer.pk}/edit/"
    first_form, second_form = submitted(editor_client.get(url)), submitted(second_editor.get(url))
    edit(editor_client, url, first_form, conditions="Elections within a year")

    refused = edit(second_editor, url, second_form, conditions="Exile", terms="Amnesty for all")

    html = refused.content.decode()
    [conflict] = refused.context["merge"].conflicts
    assert (conflict.name, conflict.base, conflict.theirs, conflict.mine) == (
        "conditions",
        "—",
        "Elections within a year",
        "Exile",
    )
    assert 'name="keep_conditions" value="theirs"' in html
    assert 'name="keep_conditions" value="mine"' in html
    # Save without choosing: refused, nothing written, the choice asked for again.
    unchosen = second_editor.post(url, submitted(refused))
    assert unchosen.status_code == 200
    assert "choose which value to keep" in unchosen.content.decode()
    assert Offer.objects.get(pk=offer.pk).version == 2

    chosen = submitted(unchosen) | {"keep_conditions": ["theirs"]}
    assert second_editor.post(url, chosen).status_code == 302
    offer.refresh_from_db()
    assert (offer.terms, offer.conditions) == ("Amnesty for all", "Elections within a year")


def test_choosing_mine_keeps_the_editors_value(editor_client, second_editor):
    offer = OfferFactory(conditions="")
    url = f"/records/offer/{offer.pk}/edit/"
    first_form, second_form = submitted(editor_client.get(url)), submitted(second_editor.get(url))
    edit(editor_client, url, first_form, conditions="Elections within a year")
    refused = edit(second_editor, url, second_form, conditions="Exile")

    second_editor.post(url, submitted(refused) | {"keep_conditions": ["mine"]})

    offer.refresh_from_db()
    assert (offer.conditions, offer.version) == ("Exile", 3)


def test_a_change_made_while_the_merge_is_open_conflicts_again(
    editor_client, editor, second_editor
):
    offer = OfferFactory(terms="Amnesty", conditions="")
    url = f"/records/offer/{offer.pk}/edit/"
    first_form, second_form = submitted(editor_client.get(url)), submitted(second_editor.get(url))
    edit(editor_client, url, first_form, conditions="Elections within a year")
    refused = edit(second_editor, url, second_form, terms="Amnesty and safe passage")
    assert submitted(refused)["version"] == ["2"]  # the merge's own base
    record_update(record=offer, by=editor, changes={"conditions": "Elections in 2025"})

    again = second_editor.post(url, submitted(refused))

    assert again.status_code == 200
    merge = again.context["merge"]
    assert merge.taken == ["Conditions"] and merge.kept == ["Terms"]
    offer.refresh_from_db()
    assert (offer.terms, offer.conditions, offer.version) == ("Amnesty", "Elections in 2025", 3)
    assert second_editor.post(url, submitted(again)).status_code == 302
    offer.refresh_from_db()
    assert (offer.terms, offer.conditions) == ("Amnesty and safe passage", "Elections in 2025")


def test_recipients_the_other_editor_set_are_kept(editor_client, second_editor):
    norland, southland = ActorFactory(name="Norland"), ActorFactory(name="Southland")
    offer = OfferFactory(conditions="")
    offer.recipients.set([norland])
    url = f"/records/offer/{offer.pk}/edit/"
    first_form, second_form = submitted(editor_client.get(url)), submitted(second_editor.get(url))
    editor_client.post(url, first_form | {"recipients": [str(norland.pk), str(southland.pk)]})
    refused = edit(second_editor, url, second_form, conditions="A ceasefire")

    assert second_editor.post(url, submitted(refused)).status_code == 302
    offer.refresh_from_db()
    assert set(offer.recipients.all()) == {norland, southland}
    assert offer.conditions == "A ceasefire"


def test_a_channels_participants_merge_from_their_history(editor_client, second_editor):
    norland, southland, mediator = (ActorFactory(name=n) for n in ("Norland", "Southland", "Qatar"))
    channel = TalksChannelFactory(venue="")
    url = f"/records/channel/{channel.pk}/edit/"
    editor_client.post(
        url,
        submitted(editor_client.get(url)) | {"participants": [str(norland.pk)]},
    )
    first_form, second_form = submitted(editor_client.get(url)), submitted(second_editor.get(url))
    editor_client.post(url, first_form | {"participants": [str(norland.pk), str(southland.pk)]})

    refused = second_editor.post(url, second_form | {"mediators": [str(mediator.pk)]})

    merge = refused.context["merge"]
    assert (merge.taken, merge.kept, merge.conflicts) == (["Participants"], ["Mediators"], [])
    assert second_editor.post(url, submitted(refused)).status_code == 302
    roles = {p.actor: p.role for p in channel.participants.all()}
    assert roles == {norland: "participant", southland: "participant", mediator: "mediator"}
