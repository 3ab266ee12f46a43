"""Who may write: members of the editors group (settings.EDITORS_GROUP) and superusers."""

from django.conf import settings


def is_editor(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object so a page asking several times costs one query.
    if not hasattr(user, "_is_editor"):
        user._is_editor = user.groups.filter(name=settings.EDITORS_GROUP).exists()
    return user._is_editor
