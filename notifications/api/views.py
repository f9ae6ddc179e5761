"""A version's deprecation over REST: its headers and snippets to read, and the deprecate
action for the owning team (with the notice policy, as in the portal)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import views
from rest_framework.response import Response

from accounts.access import principal_of
from accounts.permissions import require_team_edit
from catalog.models import Version
from catalog.services.versions import version_deprecate
from notifications.api.serializers import DeprecateSerializer, DeprecationSerializer
from notifications.headers import gateway_snippets, migration_url, version_headers
from portal.api.views import PortalApiMixin


def _deprecation(version: Version) -> dict:
    headers = version_headers(version)
    return {
        "version": version,
        "migration_url": migration_url(version) if headers.items() else None,
        "headers": dict(headers.items()),
        "snippets": gateway_snippets(version),
    }


PATH_PARAMETERS = [
    OpenApiParameter("api_slug", str, OpenApiParameter.PATH, description="The API's slug."),
    OpenApiParameter("version", str, OpenApiParameter.PATH, description="The version."),
]


@extend_schema_view(
    get=extend_schema(parameters=PATH_PARAMETERS), post=extend_schema(parameters=PATH_PARAMETERS)
)
class VersionDeprecationView(PortalApiMixin, views.APIView):
    """GET: the Deprecation, Sunset and Link header values of a version and snippets for
    nginx, Envoy and Kong. POST: deprecate the version (the owning team)."""

    def version(self) -> Version:
        return get_object_or_404(
            Version.objects.select_related("api__team", "successor"),
            api__slug=self.kwargs["api_slug"],
            version=self.kwargs["version"],
        )

    @extend_schema(responses=DeprecationSerializer)
    def get(self, request, api_slug: str, version: str) -> Response:
        return Response(DeprecationSerializer(_deprecation(self.version())).data)

    @extend_schema(request=DeprecateSerializer, responses=DeprecationSerializer)
    def post(self, request, api_slug: str, version: str) -> Response:
        found = self.version()
        require_team_edit(request, found.api.team_id)
        serializer = DeprecateSerializer(data=request.data, context={"api": found.api})
        serializer.is_valid(raise_exception=True)
        version_deprecate(
            actor=principal_of(request).actor, version=found, **serializer.validated_data
        )
        return Response(DeprecationSerializer(_deprecation(self.version())).data)
