"""An editor, made and signed in through the login form, as a reader of the site would."""

from django.conf import settings
from django.contrib.auth.models import Group, User

PASSWORD = "a-long-browser-passphrase"


def editor_sign_in(page, live_server, username: str, next_path: str = "/") -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get_or_create(name=settings.EDITORS_GROUP)[0])
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return user
