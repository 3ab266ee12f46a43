"""Two editors edit the same record: the second save is refused, shows the change, keeps input."""

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client

from tests.factories import OfferFactory


def offer_form(offer, **overrides) -> dict:
    data = {
        "version": offer.version,
        "kind": offer.kind,
        "terms": offer.terms,
        "conditions": "",
        "status": offer.status,
        "offered_year": "2024",
        "offered_month": "8",
    }
    return data | overrides


def test_the_second_save_is_refused_showing_what_changed_and_keeping_its_input(editor, db):
    second = User.objects.create_user("second")
    second.groups.add(Group.objects.get(name=settings.EDITORS_GROUP))
    offer = OfferFactory(conditions="")
    url = f"/records/offer/{offer.pk}/edit/"
    first_client, second_client = Client(), Client()
    first_client.force_login(editor)
    second_client.force_login(second)
    # Both load version 1.
    loaded = first_client.get(url).context["form"]["version"].value()
    assert second_client.get(url).context["form"]["version"].value() == loaded == 1

    saved = first_client.post(url, offer_form(offer, conditions="Elections within a year"))
    assert saved.status_code == 302
    refused = second_client.post(url, offer_form(offer, terms="Amnesty and safe passage"))

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "someone else changed this offer" in html
    conflict = refused.context["conflict"]
    assert [(c.field, c.before, c.after) for c in conflict.changes if c.field == "conditions"] == [
        ("conditions", "", "Elections within a year")
    ]
    assert "Elections within a year" in html  # what the first editor changed
    assert "Amnesty and safe passage" in html  # the second editor's input is kept
    offer.refresh_from_db()
    assert (offer.terms, offer.conditions, offer.version) == (
        offer.terms,
        "Elections within a year",
        2,
    )
    assert offer.terms != "Amnesty and safe passage"
    # The kept form now carries the current version: saving again applies it deliberately.
    form = refused.context["form"]
    assert form["version"].value() == "2"
    again = second_client.post(url, dict(form.data.items()))
    assert again.status_code == 302
    offer.refresh_from_db()
    assert (offer.terms, offer.version) == ("Amnesty and safe passage", 3)


def test_an_edit_without_the_version_it_loaded_is_refused(editor_client):
    offer = OfferFactory(conditions="")
    data = offer_form(offer, conditions="Elections first")
    del data["version"]
    response = editor_client.post(f"/records/offer/{offer.pk}/edit/", data)
    assert response.status_code == 200
    assert "reload the page" in str(response.context["form"].errors)
    offer.refresh_from_db()
    assert (offer.conditions, offer.version) == ("", 1)
