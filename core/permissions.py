"""Who may write: members of the editors group (settings.EDITORS_GROUP) and superusers."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def is_editor(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object so a page asking several times costs one query.
    if not hasattr(user, "_is_editor"):
        user._is_editor = user.groups.filter(name=settings.EDITORS_GROUP).exists()
    return user._is_editor


def editor_required(view):
    """Editors only: anonymous visitors are sent to sign in, other users get a 403 page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            raise PermissionDenied("Only editors may change records.")
        return view(request, *args, **kwargs)

    return wrapped
