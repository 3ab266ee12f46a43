from core.permissions import is_editor


def site(request) -> dict:
    """What the base template needs on every page: whether to show editors' links."""
    return {"user_is_editor": is_editor(request.user)}
