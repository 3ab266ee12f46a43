"""Site-wide access: with READ_REQUIRES_LOGIN on, every page needs a signed-in user."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# Reachable without signing in even when reading is private: signing in itself,
# the health probe and static files. The API checks the same setting itself
# (core.api.permissions), since its users may sign in with a token, not a session.
_OPEN_PREFIXES = ("/accounts/", "/healthz", "/static/", "/admin/login/", "/api/")


class ReadRequiresLoginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.READ_REQUIRES_LOGIN
            and not request.user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
