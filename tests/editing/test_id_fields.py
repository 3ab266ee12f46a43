"""Multi-selects of records refuse ids no 64-bit key can hold, in place, before any query."""

import pytest
from django.core.exceptions import ValidationError

from actors.models import Actor
from core.forms import IdsField
from negotiations.forms import DevelopmentForm
from negotiations.views.editing import FORMS
from tests.editing.conftest import errors_of
from tests.editing.test_development_add import development
from tests.factories import ActorFactory

HUGE = "9999999999999999999999999"


def test_a_huge_id_is_refused_without_a_query(db, django_assert_num_queries):
    field = IdsField(queryset=Actor.objects.all())
    with django_assert_num_queries(0), pytest.raises(ValidationError) as refused:
        field.clean([HUGE])
    assert "is not a valid value" in refused.value.messages[0]


def test_an_offers_recipients_with_a_huge_id_are_refused_in_place(editor_client):
    response = editor_client.post(
        "/records/offer/add/",
        {"kind": "amnesty", "terms": "Amnesty", "status": "proposed", "recipients": [HUGE]},
    )
    assert response.status_code == 200
    assert any("is not a valid value" in e for e in errors_of(response, "recipients"))


def test_a_developments_actors_with_a_huge_id_are_refused_in_place(editor_client):
    response = editor_client.post("/developments/add/", development(actors=[HUGE]))
    assert response.status_code == 200
    assert any("is not a valid value" in e for e in errors_of(response, "actors"))


def test_a_channels_participants_with_a_huge_id_are_refused_in_place(editor_client):
    response = editor_client.post(
        "/records/channel/add/",
        {"name": "Oslo", "mode": "unknown", "status": "active", "participants": [HUGE]},
    )
    assert response.status_code == 200
    assert any("is not a valid value" in e for e in errors_of(response, "participants"))


def test_ordinary_ids_still_work(db):
    actor = ActorFactory()
    assert list(IdsField(queryset=Actor.objects.all()).clean([str(actor.pk)])) == [actor]


def test_every_editing_forms_multi_select_checks_the_range():
    for form in [*FORMS.values(), DevelopmentForm]:
        for name, field in form.base_fields.items():
            if hasattr(field, "queryset") and hasattr(field, "_check_values"):
                assert isinstance(field, IdsField), f"{form.__name__}.{name}"
