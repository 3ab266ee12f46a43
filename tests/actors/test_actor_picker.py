"""An editors' actor picker lists every actor up to core.forms.PICKER_MAX of them, and past it
only the chosen ones (the type-ahead finds the rest), while accepting any actor."""

import re

import pytest

from negotiations.forms import OfferForm
from tests.factories import ActorFactory, OfferFactory


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


@pytest.fixture
def actors(db):
    return [ActorFactory(name=f"Actor {n}") for n in range(5)]


def test_up_to_the_limit_every_actor_is_listed(actors, monkeypatch):
    monkeypatch.setattr("core.forms.PICKER_MAX", 5)
    html = str(OfferForm())
    assert sorted(_options(html, "recipients")) == sorted(str(a.pk) for a in actors)


def test_past_the_limit_only_the_chosen_are_listed_and_any_actor_is_taken(
    actors, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("core.forms.PICKER_MAX", 4)
    offer = OfferFactory(offered_by=actors[0])
    offer.recipients.add(actors[1])
    # Per actor picker: the limit, the chosen; the channel picker: the limit and its few
    # channels (tests/negotiations/test_record_picker.py checks it past the limit).
    with django_assert_max_num_queries(7):
        html = str(OfferForm(instance=offer))
    assert _options(html, "offered_by") == ["", str(actors[0].pk)]
    assert _options(html, "recipients") == [str(actors[1].pk)]
    assert "selected" in re.search(r'<select name="recipients".*?</select>', html, re.S).group(0)

    form = OfferForm(
        data={"kind": "amnesty", "offered_by": actors[4].pk, "recipients": [actors[3].pk],
              "terms": "Amnesty", "status": "proposed"},
        instance=offer,
    )  # fmt: skip
    form.is_valid()
    assert "offered_by" not in form.errors and "recipients" not in form.errors
