"""POST /api/v1/usage/events: a batch of usage events, as a JSON array or JSON Lines."""

import orjson
from django.conf import settings
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import ParseError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access import principal_of
from accounts.models import Scope
from portal.api.problems import ContentTooLarge
from portal.api.raw import raw_body_parsers
from portal.api.views import PortalApiMixin
from usage import services
from usage.api.serializers import IngestResultSerializer
from usage.engine.calls import Malformed, escape
from usage.services.results import IngestResult

JSON_TYPES = ("application/json",)
LINES_TYPES = ("application/x-ndjson", "application/jsonl", "application/jsonlines")
BINARY = {"type": "string", "format": "binary"}


class IngestAccess(permissions.BasePermission):
    """A token with the ingest scope (an ingest-only token reads nothing else), or an
    admin signed in, for trying the endpoint out."""

    message = "Present an API token with the ingest scope."

    def has_permission(self, request, view) -> bool:
        principal = principal_of(request)
        if principal.token is not None:
            return Scope.INGEST in principal.token.scopes
        return principal.is_admin


def parse_batch(body: bytes, media_type: str, result: IngestResult) -> list:
    """The events of a body: a JSON array, or one JSON object per line. A JSON Lines line
    that is not JSON is a counted refusal; a body that is not JSON at all is a 400."""
    if media_type in LINES_TYPES:
        events = []
        for number, line in enumerate(body.splitlines()):
            if not line.strip():
                continue
            try:
                events.append(orjson.loads(line))
            except orjson.JSONDecodeError:
                detail = escape(line.decode("utf-8", "replace"))
                result.reject(number, Malformed("bad-json", detail))
                result.received += 1
        return events
    try:
        events = orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise ParseError(f"The body is not JSON: {error}.") from None
    if not isinstance(events, list):
        raise ParseError("The body must be a JSON array of events (or JSON Lines).")
    return events


@extend_schema(
    request={media_type: BINARY for media_type in JSON_TYPES + LINES_TYPES},
    responses={200: OpenApiResponse(IngestResultSerializer, description="What was kept.")},
    examples=[
        OpenApiExample(
            "One event",
            request_only=True,
            media_type="application/json",
            value=[
                {
                    "id": "6f1c1a3e-8f5e-4bb0-9d1c-2d0f7c3b5a10",
                    "timestamp": "2026-05-04T10:15:00Z",
                    "credential": "orders-service",
                    "method": "GET",
                    "host": "api.example.com",
                    "path": "/payments/v1/refunds/42",
                    "status": 200,
                }
            ],
        )
    ],
)
class UsageEventsView(PortalApiMixin, APIView):
    """Ingests a batch of observed calls. Each event: `timestamp`, `method`, `path` (and
    `host`) or `api` + `version` + `operation`, `status`, `consumer` (slug) or
    `credential`, and an optional unique `id`. The same event sent twice counts once.

    Malformed events are refused one by one and counted by reason in the answer; the rest
    are stored. Batches over PORTAL_USAGE_BATCH_MAX_EVENTS events or
    PORTAL_USAGE_BATCH_MAX_BYTES bytes answer 413; too many batches, 429 with Retry-After.
    """

    permission_classes = [IngestAccess]
    throttle_scope = "ingest"
    parser_classes = raw_body_parsers(*JSON_TYPES, *LINES_TYPES)

    def max_body_bytes(self) -> int:
        return settings.PORTAL_USAGE_BATCH_MAX_BYTES

    def post(self, request):
        limit = settings.PORTAL_USAGE_BATCH_MAX_BYTES
        body = request.data if isinstance(request.data, bytes) else b""
        if len(body) > limit:  # sent chunked, without a Content-Length
            raise ContentTooLarge(f"The request body is over the limit of {limit:,} bytes.")
        media_type = request.content_type.split(";")[0].strip().lower()
        refused = IngestResult()
        events = parse_batch(body, media_type, refused)
        most = settings.PORTAL_USAGE_BATCH_MAX_EVENTS
        if len(events) + refused.received > most:
            raise ContentTooLarge(f"A batch holds at most {most:,} events; split it.")
        principal = principal_of(request)
        run = services.usage_ingest_batch(
            events=events,
            token=principal.token,
            user=principal.person,
            source=principal.actor.label,
            refused=refused,
        )
        return Response(IngestResultSerializer(run).data)
