"""A bounty's currency is three capital letters (ISO 4217 style), whichever door sets it."""

from rest_framework.test import APIClient

from negotiations.models import Indictment
from tests.editing.conftest import errors_of
from tests.editing.test_development_add import development
from tests.factories import ActorFactory, IndictmentFactory

MESSAGE = "A currency is three letters, as in ISO 4217 (e.g. USD)."


def test_the_indictment_form_refuses_a_currency_like_dollar_signs(editor_client):
    data = {"defendants": [ActorFactory().pk], "charges": "Narco-terrorism", "status": "in_force",
            "bounty_amount": "15000000", "bounty_currency": "$$", "filed_year": "2020"}  # fmt: skip
    response = editor_client.post("/records/indictment/add/", data)
    assert errors_of(response, "bounty_currency") == [MESSAGE]
    assert not Indictment.objects.exists()


def test_a_new_bounty_in_a_development_refuses_it_next_to_its_field(editor_client):
    indictment = IndictmentFactory()
    response = editor_client.post(
        "/developments/add/",
        development(
            kind="bounty",
            indictment=indictment.pk,
            bounty_amount="5",
            bounty_currency="$$",
        ),
    )
    assert errors_of(response, "bounty_currency") == [MESSAGE]


def test_the_api_refuses_it(editor):
    indictment = IndictmentFactory()
    api = APIClient()
    api.force_authenticate(editor)
    response = api.patch(
        f"/api/v1/indictments/{indictment.pk}/",
        {"bounty_amount": "5.00", "bounty_currency": "$$"},
        format="json",
    )
    assert response.status_code == 400
    assert MESSAGE in str(response.json())


def test_a_negative_bounty_is_refused_by_name_at_both_doors(editor):
    indictment = IndictmentFactory()
    api = APIClient()
    api.force_authenticate(editor)
    patch = {"bounty_amount": "-5.00", "bounty_currency": "USD"}
    response = api.patch(f"/api/v1/indictments/{indictment.pk}/", patch, format="json")
    assert response.status_code == 400
    assert "bounty_amount" in response.json()["errors"]
    event = {"title": "Reward", "occurred_on": "2025-01-10", "indictment": indictment.pk}
    response = api.post("/api/v1/events/", event | patch, format="json")
    assert response.status_code == 400
    assert "bounty_amount" in response.json()["errors"]
