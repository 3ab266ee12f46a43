"""Who may call the API: anyone reads (unless READ_REQUIRES_LOGIN), editors write."""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.permissions import is_editor


class ReadOpenWriteEditor(BasePermission):
    message = "Only members of the editors group may change records."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return not settings.READ_REQUIRES_LOGIN or request.user.is_authenticated
        return is_editor(request.user)


class SignedIn(BasePermission):
    """Any signed-in user, for their own tokens."""

    def has_permission(self, request, view) -> bool:
        return request.user.is_authenticated
