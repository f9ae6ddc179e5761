"""Errors as RFC 9457 problem details (application/problem+json)."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_TYPE = "https://portal.invalid/problems/"  # replaced by a docs URL when one exists

_TITLES = {
    400: "Invalid request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    429: "Too many requests",
}


def problem_response(
    *, status_code: int, detail: str, code: str = "", errors=None, headers=None
) -> Response:
    body = {
        "type": f"{PROBLEM_TYPE}{code or status_code}",
        "title": _TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = Response(body, status=status_code, headers=headers)
    response.content_type = "application/problem+json"
    return response


def problem_exception_handler(exc, context):
    """DRF's handler, then reshaped: `errors` keeps field errors for forms and scripts."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        detail = _first_message(data)
        errors = data if isinstance(data, dict) else {"non_field_errors": data}
        code = "validation-error"
    else:
        detail = str(data.get("detail", exc)) if isinstance(data, dict) else str(data)
        errors = None
        code = getattr(exc, "default_code", "") or ""
    headers = {
        k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")
    }
    return problem_response(
        status_code=response.status_code,
        detail=detail,
        code=code.replace("_", "-"),
        errors=errors,
        headers=headers,
    )


def _first_message(data) -> str:
    if isinstance(data, dict):
        for key, value in data.items():
            message = _first_message(value)
            return message if key == "non_field_errors" else f"{key}: {message}"
    if isinstance(data, list) and data:
        return _first_message(data[0])
    return str(data) if data else "The request is invalid."


__all__ = ["problem_exception_handler", "problem_response", "status"]
