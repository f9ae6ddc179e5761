"""Errors as RFC 9457 problem details (application/problem+json).

Every 4xx of the API has one shape: `type`, `title`, `status`, `detail`, and
`errors` (field -> messages) when fields were invalid. Problems are plain JSON
responses, never passed to DRF's renderers, so a browser's Accept header or a
406 cannot turn them into HTML.
"""

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.views import exception_handler

PROBLEM_TYPE = "https://portal.invalid/problems/"  # replaced by a docs URL when one exists
PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Invalid request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Content too large",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Server error",
}

# Validation errors made only of these codes mean "that already exists": a conflict
# with the stored state (RFC 9110 409), not a malformed request.
CONFLICT_CODES = frozenset({"unique", "duplicate"})

_KEPT_HEADERS = ("WWW-Authenticate", "Retry-After", "Allow")


class ContentTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "content_too_large"


def problem_response(
    *, status_code: int, detail: str, code: str = "", errors=None, headers=None
) -> JsonResponse:
    body = {
        "type": f"{PROBLEM_TYPE}{code or status_code}",
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": str(detail),
    }
    if errors:
        body["errors"] = errors
    response = JsonResponse(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def problem_exception_handler(exc, context):
    """DRF's handler, then reshaped into a problem; None (a 500) for anything unexpected."""
    exc = _as_api_exception(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(response.data)
        conflict = _codes(exc.get_codes()) <= CONFLICT_CODES
        return problem_response(
            status_code=409 if conflict else 400,
            detail=_first_message(errors),
            code="conflict" if conflict else "validation-error",
            errors=errors,
            headers=headers,
        )
    data = response.data
    detail = data.get("detail", exc) if isinstance(data, dict) else data
    return problem_response(
        status_code=response.status_code,
        detail=str(detail),
        code=(getattr(exc, "default_code", "") or "").replace("_", "-"),
        headers=headers,
    )


def _as_api_exception(exc):
    if isinstance(exc, DjangoValidationError):
        detail = get_error_detail(exc)
        if isinstance(detail, dict) and "__all__" in detail:
            detail["non_field_errors"] = detail.pop("__all__")
        return exceptions.ValidationError(detail)
    if isinstance(exc, RequestDataTooBig):  # Django's own limits, met while parsing a form
        return ContentTooLarge(str(exc))
    if isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        return exceptions.ParseError(str(exc))
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _field_errors(data) -> dict:
    return data if isinstance(data, dict) else {"non_field_errors": data}


def _codes(codes) -> set[str]:
    if isinstance(codes, dict):
        return set().union(*(_codes(value) for value in codes.values()))
    if isinstance(codes, list):
        return set().union(*(_codes(value) for value in codes))
    return {codes}


def _first_message(data) -> str:
    if isinstance(data, dict):
        for key, value in data.items():
            message = _first_message(value)
            return message if key == "non_field_errors" else f"{key}: {message}"
    if isinstance(data, list) and data:
        return _first_message(data[0])
    return str(data) if data else "The request is invalid."


__all__ = ["ContentTooLarge", "problem_exception_handler", "problem_response"]
