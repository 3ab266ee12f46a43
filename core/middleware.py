"""Site-wide access: with READ_REQUIRES_LOGIN on, every page needs a signed-in user."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse

# Reachable without signing in even when reading is private: signing in itself,
# the health probe and static files.
_OPEN_PREFIXES = ("/accounts/", "/healthz", "/static/", "/admin/login/")


class ReadRequiresLoginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.READ_REQUIRES_LOGIN
            and not request.user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Authentication required."}, status=401)
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)
