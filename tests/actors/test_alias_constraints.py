import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from actors.models import Alias
from actors.normalize import normalize_name
from tests.factories import ActorFactory


def test_spellings_of_one_name_normalise_alike():
    assert normalize_name("the U.S.") == normalize_name("U.S.") == "us"
    assert normalize_name("Nicolás Maduro") == normalize_name("nicolas  MADURO")
    assert normalize_name("Maduro’s") == "maduro"


def test_the_database_refuses_a_second_actor_with_the_same_alias(db):
    Alias.objects.create(actor=ActorFactory(), name="United States")
    with pytest.raises(IntegrityError):
        Alias.objects.create(actor=ActorFactory(), name="the united states")


def test_validation_names_the_actor_that_owns_the_alias(db):
    owner = ActorFactory(name="United States")
    Alias.objects.create(actor=owner, name="U.S.")
    alias = Alias(actor=ActorFactory(), name="the U.S.")
    with pytest.raises(ValidationError) as error:
        alias.full_clean()
    assert "already an alias of United States" in error.value.message_dict["name"][0]


def test_an_alias_without_letters_is_refused(db):
    with pytest.raises(ValidationError) as error:
        Alias(actor=ActorFactory(), name="...").full_clean()
    assert "name" in error.value.message_dict
