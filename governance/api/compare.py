"""Two versions of an API compared over REST, as on the compare page: for a CI job that asks
what changed since the version in production, or a consumer's migration script."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from catalog.api.views import API_SLUG
from catalog.models import Api, SpecDocument, Version
from governance.compare import comparison_impact, versions_compare
from portal.api.problems import problem_response
from portal.api.views import PortalApiMixin


class CompareQuerySerializer(serializers.Serializer):
    base = serializers.CharField(max_length=100, help_text="The older version, say 1.4.0.")
    revision = serializers.CharField(max_length=100, help_text="The newer version.")

    def validate(self, data: dict) -> dict:
        if data["base"] == data["revision"]:
            raise serializers.ValidationError("Choose two different versions to compare.")
        return data


class ComparisonSerializer(serializers.Serializer):
    api = serializers.CharField()
    base = serializers.CharField()
    revision = serializers.CharField()
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="breaking, removed (what the base deprecated), warning and info changes.",
    )
    changes = serializers.ListField(
        child=serializers.DictField(),
        help_text="Worst first: id (oasdiff's rule id), level, text, operation, blocking, "
        "removed, and the pointer and line in each document.",
    )
    impact = serializers.DictField(
        allow_null=True,
        help_text="Known consumers that called, on the base version in the last 30 days, an "
        "operation a breaking change touches or that is removed; null when none is.",
    )
    changelog = serializers.CharField(help_text="The changes as Markdown.")


@extend_schema(
    parameters=[API_SLUG, CompareQuerySerializer],
    responses={
        200: ComparisonSerializer,
        422: OpenApiResponse(description="The differ refused one of the documents."),
    },
)
class VersionCompareView(PortalApiMixin, generics.GenericAPIView):
    """What changes from one version of an API to another (both with a parsed spec)."""

    serializer_class = ComparisonSerializer

    def get(self, request, api_slug: str):
        api = get_object_or_404(Api, slug=api_slug)
        query = CompareQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        versions = {
            version.version: version
            for version in Version.objects.filter(
                api=api,
                version__in=[query.validated_data["base"], query.validated_data["revision"]],
                spec__status=SpecDocument.Status.READY,
            )
        }
        missing = {
            name: [f"{api.name} has no version {value} with a parsed spec."]
            for name, value in query.validated_data.items()
            if value not in versions
        }
        if missing:
            raise serializers.ValidationError(missing)
        base = versions[query.validated_data["base"]]
        revision = versions[query.validated_data["revision"]]
        comparison = versions_compare(base, revision)
        if comparison.failed:
            return problem_response(
                status_code=422, code="compare-failed", detail=comparison.failed
            )
        data = {
            "api": api.slug,
            "base": base.version,
            "revision": revision.version,
            "counts": comparison.counts,
            "changes": comparison.changes,
            "impact": comparison_impact(base, comparison),
            "changelog": comparison.changelog,
        }
        return Response(self.get_serializer(data).data)
