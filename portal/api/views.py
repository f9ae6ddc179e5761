"""What every API view shares: problem responses, write throttling, a body size limit."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.template import loader
from django.template.defaultfilters import filesizeformat
from django.views.defaults import page_not_found as html_page_not_found
from django.views.defaults import server_error as html_server_error
from rest_framework import exceptions

from portal.api.problems import ContentTooLarge, problem_response
from portal.api.schema import PortalAutoSchema
from portal.api.throttling import WriteRateThrottle


def content_length(request) -> int:
    """The declared body size; a value that is not a number is a bad request."""
    raw = request.META.get("CONTENT_LENGTH") or "0"
    try:
        length = int(raw)
    except ValueError:
        raise exceptions.ParseError("The Content-Length header is not a number.") from None
    if length < 0:
        raise exceptions.ParseError("The Content-Length header is negative.")
    return length


class PortalApiMixin:
    """Mixed into every API view of the portal.

    The body size is checked from Content-Length before anything reads the body,
    so an oversized upload is refused with 413 without being read.
    """

    schema = PortalAutoSchema()
    throttle_classes = [WriteRateThrottle]
    throttle_scope = "write"

    def max_body_bytes(self) -> int | None:
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    def initial(self, request, *args, **kwargs):
        limit = self.max_body_bytes()
        if limit is not None and content_length(request) > limit:
            raise ContentTooLarge(f"The request body is over the limit of {limit:,} bytes.")
        super().initial(request, *args, **kwargs)


def page_not_found(request, exception=None):
    """The site's 404: a problem under /api/, Django's page elsewhere."""
    if request.path_info.startswith("/api/"):
        return problem_response(
            status_code=404, code="not-found", detail=f"There is no resource at {request.path}."
        )
    return html_page_not_found(request, exception)


def bad_request(request, exception=None):
    """The site's 400: a problem under /api/, 400.html elsewhere. A form whose fields (files
    aside) exceed DATA_UPLOAD_MAX_MEMORY_SIZE is refused by Django before any view: 413, and
    the page says so (a pasted document on the lint page, say), rather than "bad request"."""
    too_large = isinstance(exception, RequestDataTooBig)
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if request.path_info.startswith("/api/"):
        if too_large:
            return problem_response(
                status_code=413,
                code="content-too-large",
                detail=f"The request body is over the limit of {limit}.",
            )
        return problem_response(
            status_code=400, code="bad-request", detail="The portal could not read this request."
        )
    context = {"too_large": too_large, "limit": limit}
    # Rendered without the request, as Django's own handler does: it may be what is broken.
    body = loader.get_template("400.html").render(context)
    return HttpResponse(body, status=413 if too_large else 400)


def server_error(request):
    """The site's 500: a problem under /api/ (clients read problem+json, not a page), the
    static 500.html elsewhere (it needs no context, which may be what failed)."""
    if request.path_info.startswith("/api/"):
        return problem_response(
            status_code=500,
            code="server-error",
            detail="The portal failed to answer; the error is logged. Try again later.",
        )
    return html_server_error(request)
