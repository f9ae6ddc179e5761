"""Lint results over REST: a version's findings, and linting a posted document for CI."""

from functools import cached_property

from django.conf import settings
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.reverse import reverse

from catalog.api.specs import BINARY, SPEC_MEDIA_TYPES, VERSION, SpecUploadMixin
from catalog.api.views import API_SLUG
from catalog.models import Api, Version
from governance import selectors, services
from governance.api.permissions import MayLint, owner_key
from governance.api.serializers import (
    LintFindingSerializer,
    LintJobSerializer,
    LintQuerySerializer,
    LintResultSerializer,
    LintRunSerializer,
    VersionLintSerializer,
)
from governance.filtersets import LintFindingFilterSet
from governance.models import LintFinding, LintJob, RulesetRevision
from portal.api.problems import problem_response
from portal.api.views import PortalApiMixin


@extend_schema(parameters=[API_SLUG, VERSION], responses=VersionLintSerializer)
class VersionLintView(PortalApiMixin, generics.ListAPIView):
    """The lint result of a version's spec: the run (status, counts, score, ruleset) and its
    findings, worst first, filtered by severity, rule code or new-in-this-version."""

    serializer_class = LintFindingSerializer
    filterset_class = LintFindingFilterSet

    @cached_property
    def version(self) -> Version:
        return get_object_or_404(
            Version.objects.select_related("api"),
            api__slug=self.kwargs["api_slug"],
            version=self.kwargs["version"],
        )

    @cached_property
    def run(self):
        run = selectors.version_lint_run(self.version)
        if run is None:
            raise exceptions.NotFound(
                f"{self.version} has not been linted: it has no spec, or its spec is not parsed."
            )
        return run

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LintFinding.objects.none()
        return selectors.lint_findings(self.run)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {"run": LintRunSerializer(self.run).data, **response.data}
        return response


class LintJobView(PortalApiMixin, generics.RetrieveAPIView):
    """A lint job's status, and its result once done. Only the poster may read it."""

    permission_classes = [MayLint]
    serializer_class = LintJobSerializer
    lookup_field = "pk"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LintJob.objects.none()
        return LintJob.objects.filter(owner=owner_key(self.request)).defer("content")


@extend_schema(
    parameters=[LintQuerySerializer],
    request={media_type: BINARY for media_type in SPEC_MEDIA_TYPES}
    | {
        "multipart/form-data": {
            "type": "object",
            "properties": {"file": BINARY},
            "required": ["file"],
        }
    },
    responses={
        200: OpenApiResponse(LintResultSerializer, description="Linted at once (small documents)."),
        202: OpenApiResponse(LintJobSerializer, description="Queued: poll the job's URL."),
        422: OpenApiResponse(description="The engine could not lint the document."),
    },
)
class LintView(SpecUploadMixin, PortalApiMixin, generics.GenericAPIView):
    """Lints a posted OpenAPI document, as CI does before it pushes; nothing is stored.

    The body is the document itself, or a multipart field `file`, with the spec push's
    media types and size limit. Small documents are answered at once with Spectral-shaped
    findings; larger ones with 202 and a job to poll (kept for PORTAL_LINT_JOB_TTL).
    """

    permission_classes = [MayLint]
    serializer_class = LintResultSerializer

    def post(self, request):
        query = LintQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        revision, builtin = self._ruleset(query.validated_data)
        content, filename = self.uploaded_document(
            request, default_name=query.validated_data["filename"]
        )
        if len(content) <= settings.PORTAL_LINT_SYNC_MAX_BYTES:
            try:
                result = services.lint_document(
                    content=content, revision=revision, builtin=builtin, source=filename
                )
            except services.LintFailed as exc:
                return problem_response(status_code=422, code="lint-failed", detail=str(exc))
            return Response(result)
        job = services.lint_job_create(
            owner=owner_key(request),
            content=content,
            revision=revision,
            builtin=builtin,
            source=filename,
        )
        url = reverse("v1:lint-job", args=[job.pk], request=request)
        data = LintJobSerializer(job, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": url})

    def _ruleset(self, query: dict) -> tuple[RulesetRevision | None, str]:
        """The revision or built-in ruleset asked for: `ruleset`, else `api`'s, else the
        organisation default."""
        name = query.get("ruleset")
        if not name and query.get("api"):
            api = Api.objects.filter(slug=query["api"]).first()
            if api is None:
                raise exceptions.ValidationError({"api": [f"There is no API {query['api']!r}."]})
            return selectors.ruleset_for_api(api), ""
        rules = selectors.lint_rules_named(name or "")
        if rules is None:
            raise exceptions.ValidationError({"ruleset": [f"There is no ruleset {name!r}."]})
        return rules
