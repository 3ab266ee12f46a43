"""PATCH on an actor: the alias rules of the site's actor form, and no slug or first-report date."""

from actors.models import Actor, Alias
from actors.services import actor_create
from tests.factories import OfferFactory


def test_a_name_that_is_another_actors_alias_is_refused(editor_api, editor):
    actor = actor_create(by=editor, fields={"name": "Arturo Pinzon"})
    other = actor_create(by=editor, fields={"name": "Government of Norland"})
    Alias.objects.create(actor=other, name="Norland")
    response = editor_api.patch(f"/api/v1/actors/{actor.pk}/", {"name": "Norland"}, format="json")
    assert response.status_code == 400
    assert "already an alias of Government of Norland" in str(response.json())
    actor.refresh_from_db()
    assert actor.name == "Arturo Pinzon"


def test_a_new_name_becomes_an_alias(editor_api, editor):
    actor = actor_create(by=editor, fields={"name": "Arturo Pinzon"})
    response = editor_api.patch(
        f"/api/v1/actors/{actor.pk}/", {"name": "General Arturo Pinzon"}, format="json"
    )
    assert response.status_code == 200
    assert set(actor.aliases.values_list("name", flat=True)) == {
        "Arturo Pinzon",
        "General Arturo Pinzon",
    }


def test_the_slug_and_first_reported_date_are_not_editable(editor_api, editor):
    actor = actor_create(by=editor, fields={"name": "Arturo Pinzon"})
    for change in ({"slug": "someone-else"}, {"first_reported_on": "1999-01-01"}):
        response = editor_api.patch(f"/api/v1/actors/{actor.pk}/", change, format="json")
        assert response.status_code == 400
        assert response.json()  # names the field
    fresh = Actor.objects.get(pk=actor.pk)
    assert (fresh.slug, fresh.version) == (actor.slug, actor.version)


def test_no_record_takes_a_first_reported_date_through_the_api(editor_api):
    offer = OfferFactory(first_reported_on="2024-08-01")
    response = editor_api.patch(
        f"/api/v1/offers/{offer.pk}/", {"first_reported_on": "1999-01-01"}, format="json"
    )
    assert response.status_code == 400
    offer.refresh_from_db()
    assert str(offer.first_reported_on) == "2024-08-01"


def test_no_editing_form_offers_the_slug_or_first_reported_date():
    from core.editing import NOT_EDITABLE
    from negotiations.forms import DevelopmentForm
    from negotiations.views.editing import FORMS

    for form in [*FORMS.values(), DevelopmentForm]:
        assert not set(form.base_fields) & NOT_EDITABLE - {"version"}, form
