import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from core.permissions import is_editor


def test_it_creates_an_editor_with_a_password_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "a-long-and-unusual-passphrase")
    call_command("createeditor", "ana", "--email", "ana@example.org",
                 "--password-from-env", "EDITOR_PASSWORD")  # fmt: skip
    user = User.objects.get(username="ana")
    assert user.check_password("a-long-and-unusual-passphrase")
    assert user.groups.filter(name=settings.EDITORS_GROUP).exists() and is_editor(user)


def test_it_promotes_an_existing_user(reader):
    call_command("createeditor", "reader")
    assert is_editor(User.objects.get(username="reader"))


def test_it_refuses_a_weak_or_missing_password(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("createeditor", "ana", "--password-from-env", "EDITOR_PASSWORD")
    with pytest.raises(CommandError, match="empty or unset"):
        call_command("createeditor", "ana", "--password-from-env", "NO_SUCH_VARIABLE")
    assert not User.objects.filter(username="ana").exists()
