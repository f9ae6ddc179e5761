"""The catalog's part of /api/v1/: viewsets on the shared router, and two raw-body routes."""

from django.urls import re_path

from catalog.api.specs import SpecContentView, SpecDocumentViewSet, SpecPushView
from catalog.api.views import (
    VERSION_IN_PATH,
    ApiVersionViewSet,
    ApiViewSet,
    AuditEventViewSet,
    TeamViewSet,
    VersionViewSet,
)


def register(router) -> None:
    """Adds this app's viewsets to the API router."""
    router.register("teams", TeamViewSet, basename="team")
    router.register("apis", ApiViewSet, basename="api")
    router.register(
        r"apis/(?P<api_slug>[^/.]+)/versions", ApiVersionViewSet, basename="api-version"
    )
    router.register("versions", VersionViewSet, basename="version")
    router.register("specs", SpecDocumentViewSet, basename="spec")
    router.register("audit-events", AuditEventViewSet, basename="audit-event")


# Without a trailing slash: these name a document, as a file path would.
urlpatterns = [
    re_path(
        rf"^apis/(?P<api_slug>[^/.]+)/versions/(?P<version>{VERSION_IN_PATH})/spec$",
        SpecPushView.as_view(),
        name="version-spec",
    ),
    re_path(
        r"^specs/(?P<sha256>[0-9a-f]{64})/content$", SpecContentView.as_view(), name="spec-content"
    ),
]
