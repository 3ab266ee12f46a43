"""One JSON shape for every API error: {"status", "code", "message", "errors"}."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views.defaults import page_not_found
from django.views.defaults import server_error as page_server_error
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.asof import AsOfError
from core.editing import VersionConflict


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed since the ETag you sent (If-Match); fetch it again."
    default_code = "precondition_failed"


def django_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """A model's ValidationError as field -> messages ("non_field_errors" for the rest)."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if name == "__all__" else name): list(messages)
            for name, messages in error.message_dict.items()
        }
    return {"non_field_errors": list(error.messages)}


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        errors = {}
        for name, value in detail.items():
            if isinstance(value, dict):
                for sub, messages in _flatten(value).items():
                    errors[f"{name}.{sub}"] = messages
            else:
                values = value if isinstance(value, list) else [value]
                errors[name] = [str(v) for v in values]
        return errors
    values = detail if isinstance(detail, list) else [detail]
    return {"non_field_errors": [str(v) for v in values]}


def error_body(status_code: int, code: str, message: str, errors: dict | None = None) -> dict:
    return {"status": status_code, "code": code, "message": message, "errors": errors or {}}


def exception_handler(exc, context):
    if isinstance(exc, VersionConflict):
        exc = PreconditionFailed(str(exc))
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_errors(exc))
    elif isinstance(exc, AsOfError):
        exc = exceptions.ValidationError({"as_of": [str(exc)]})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real bug: Django logs it, then server_error answers
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        body = error_body(400, "invalid", _first_message(errors), errors)
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        code = codes if isinstance(codes, str) else "error"
        body = error_body(response.status_code, code, str(exc.detail))
    return Response(body, status=response.status_code, headers=dict(response.items()))


def _first_message(errors: dict[str, list[str]]) -> str:
    for name, messages in errors.items():
        if messages:
            return messages[0] if name == "non_field_errors" else f"{name}: {messages[0]}"
    return "Invalid input."


def not_found(request, exception=None):
    """A JSON 404 under /api/ (an id that is not one, a path that does not exist)."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(404, "not_found", "Not found."), status=404)
    return page_not_found(request, exception)


def server_error(request):
    """A JSON 500 under /api/, the designed page elsewhere; Django has logged the error."""
    if request.path.startswith("/api/"):
        message = "Server error: it has been logged; please try again later."
        return JsonResponse(error_body(500, "server_error", message), status=500)
    return page_server_error(request)
