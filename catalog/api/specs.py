"""Spec documents over REST: the push a CI pipeline makes, and reading what was parsed."""

from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.access import principal_of
from accounts.permissions import require_team_edit
from catalog import selectors, services
from catalog.api.serializers import OperationSerializer, SpecDocumentSerializer
from catalog.api.views import API_SLUG
from catalog.filtersets import SpecDocumentFilterSet
from catalog.models import Api, Operation, SpecDocument, Version
from portal.api.problems import ContentTooLarge
from portal.api.raw import PassthroughRenderer, raw_body_parsers
from portal.api.views import PortalApiMixin

SPEC_MEDIA_TYPES = (
    "application/json",
    "application/yaml",
    "application/x-yaml",
    "text/yaml",
    "application/octet-stream",
)
# Room for the boundaries and part headers around the file of a multipart upload.
MULTIPART_OVERHEAD = 64 * 1024
SHA256 = OpenApiParameter("sha256", str, OpenApiParameter.PATH, pattern="^[0-9a-f]{64}$")
VERSION = OpenApiParameter("version", str, OpenApiParameter.PATH, description="e.g. 1.4.0")
BINARY = {"type": "string", "contentMediaType": "application/octet-stream"}


def spec_rows() -> QuerySet[SpecDocument]:
    """Spec documents without their bytes, with the number of operations read from them."""
    return selectors.spec_documents().annotate(operations_count=Count("operations"))


class SpecDocumentViewSet(PortalApiMixin, viewsets.ReadOnlyModelViewSet):
    """Uploaded documents by sha256: parse status and what the worker read from them."""

    serializer_class = SpecDocumentSerializer
    filterset_class = SpecDocumentFilterSet
    lookup_field = "sha256"
    lookup_value_regex = "[0-9a-f]{64}"

    def get_queryset(self) -> QuerySet[SpecDocument]:
        return spec_rows().order_by("-created_at", "-id")

    @extend_schema(responses=OperationSerializer(many=True), filters=False)
    @action(detail=True, serializer_class=OperationSerializer, filterset_class=None)
    def operations(self, request, sha256=None):
        """The operations of the document, in document order."""
        spec = get_object_or_404(selectors.spec_documents().only("pk"), sha256=sha256)
        page = self.paginate_queryset(Operation.objects.filter(spec=spec).order_by("position"))
        return self.get_paginated_response(OperationSerializer(page, many=True).data)


@extend_schema(
    parameters=[SHA256],
    responses={
        (200, media_type): OpenApiResponse(BINARY, description="The document as uploaded.")
        for media_type in ("application/json", "application/yaml", "application/octet-stream")
    }
    | {304: OpenApiResponse(description="Not modified (If-None-Match)")},
)
class SpecContentView(PortalApiMixin, generics.GenericAPIView):
    """The bytes of a document exactly as uploaded; immutable, so cached for good."""

    renderer_classes = [PassthroughRenderer]

    def get(self, request, sha256: str):
        spec = get_object_or_404(
            SpecDocument.objects.only("sha256", "syntax", "filename", "content"), sha256=sha256
        )
        etag = f'"{spec.sha256}"'
        if etag in request.headers.get("If-None-Match", ""):
            return HttpResponseNotModified(headers={"ETag": etag})
        content_type = {"json": "application/json", "yaml": "application/yaml"}.get(
            spec.syntax, "application/octet-stream"
        )
        filename = spec.filename or f"{spec.sha256[:12]}.{spec.syntax or 'txt'}"
        return HttpResponse(
            bytes(spec.content),
            content_type=content_type,
            headers={
                "ETag": etag,
                "Cache-Control": "private, max-age=31536000, immutable",
                "Content-Disposition": content_disposition_header(False, filename),
            },
        )


class SpecPushQuery(serializers.Serializer):
    create = serializers.BooleanField(
        default=True, help_text="Create the version as a draft when it does not exist."
    )
    filename = serializers.CharField(default="", max_length=255, allow_blank=True)
    submit = serializers.BooleanField(
        default=False,
        help_text="Submit the version for release with this spec (see the Link header, "
        'rel="release", for the status to poll).',
    )


class SpecUploadMixin:
    """Reads an OpenAPI document from a request: the raw body in one of SPEC_MEDIA_TYPES,
    or a multipart field `file`, up to PORTAL_SPEC_MAX_BYTES. Shared by every endpoint
    that takes a document (the spec push, the lint of a posted document)."""

    parser_classes = [*raw_body_parsers(*SPEC_MEDIA_TYPES), MultiPartParser]

    def max_body_bytes(self) -> int:
        overhead = MULTIPART_OVERHEAD if self.request.content_type.startswith("multipart/") else 0
        return settings.PORTAL_SPEC_MAX_BYTES + overhead

    def uploaded_document(self, request, *, default_name: str) -> tuple[bytes, str]:
        """The document's bytes and file name; 400 without one, 413 over the limit."""
        if isinstance(request.data, bytes) and request.data:
            return request.data, default_name
        upload = request.FILES.get("file") if hasattr(request.data, "getlist") else None
        if upload is None:
            raise exceptions.ParseError(
                "Send the document as the request body, or as a multipart field named file."
            )
        if upload.size > settings.PORTAL_SPEC_MAX_BYTES:
            raise ContentTooLarge(
                f"The document is over the limit of {settings.PORTAL_SPEC_MAX_BYTES:,} bytes."
            )
        return upload.read(), default_name or upload.name or ""


@extend_schema(
    parameters=[API_SLUG, VERSION, SpecPushQuery],
    request={media_type: BINARY for media_type in SPEC_MEDIA_TYPES}
    | {
        "multipart/form-data": {
            "type": "object",
            "properties": {"file": BINARY},
            "required": ["file"],
        }
    },
    responses={
        202: OpenApiResponse(SpecDocumentSerializer, description="Stored; parsing is queued."),
        200: OpenApiResponse(SpecDocumentSerializer, description="Already stored and parsed."),
    },
)
class SpecPushView(SpecUploadMixin, PortalApiMixin, generics.GenericAPIView):
    """Attaches an OpenAPI document to a version, as a CI pipeline does on each build.

    The body is the document itself, or a multipart field `file`. The document is
    checked (size, syntax, hostile shapes, OpenAPI) before anything is stored; it is
    then parsed by a worker: poll the returned spec until its status is ready or failed.
    """

    throttle_scope = "ingest"
    serializer_class = SpecDocumentSerializer

    def put(self, request, api_slug: str, version: str):
        api = get_object_or_404(Api.objects.select_related("team"), slug=api_slug)
        require_team_edit(request, api.team_id)
        query = SpecPushQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        content, filename = self.uploaded_document(
            request, default_name=query.validated_data["filename"]
        )
        actor = principal_of(request).actor
        with transaction.atomic():  # a refused document leaves no new version behind
            target = Version.objects.filter(api=api, version=version).first()
            if target is None and not query.validated_data["create"]:
                raise exceptions.NotFound(f"{api.name} has no version {version}.")
            if target is None:
                target = services.version_create(actor=actor, api=api, version=version)
            spec = services.version_attach_spec(
                actor=actor, version=target, content=content, filename=filename
            )
            headers = {"Location": reverse("v1:spec-detail", args=[spec.sha256], request=request)}
            if query.validated_data["submit"]:  # release approval lives in governance
                from governance.api.releases import submit_pushed_version

                headers["Link"] = f'<{submit_pushed_version(request, target)}>; rel="release"'
        spec = spec_rows().get(pk=spec.pk)
        queued = spec.status in (SpecDocument.Status.PENDING, SpecDocument.Status.PROCESSING)
        return Response(
            self.get_serializer(spec).data,
            status=status.HTTP_202_ACCEPTED if queued else status.HTTP_200_OK,
            headers=headers,
        )
