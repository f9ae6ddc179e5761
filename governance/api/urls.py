"""The governance part of /api/v1/: viewsets on the shared router, and the lint routes."""

from django.urls import path, re_path

from catalog.api.views import VERSION_IN_PATH
from governance.api.compare import VersionCompareView
from governance.api.findings import CatalogFindingsView
from governance.api.lint import LintJobView, LintView, VersionLintView
from governance.api.releases import ReleaseViewSet, VersionReleaseView
from governance.api.views import AssignmentViewSet, RelintBatchViewSet, RulesetViewSet


def register(router) -> None:
    """Adds this app's viewsets to the API router."""
    router.register("rulesets", RulesetViewSet, basename="ruleset")
    router.register("ruleset-assignments", AssignmentViewSet, basename="ruleset-assignment")
    router.register("relint-batches", RelintBatchViewSet, basename="relint-batch")
    router.register("releases", ReleaseViewSet, basename="release")


# Without a trailing slash, as the spec routes they sit beside.
urlpatterns = [
    re_path(
        rf"^apis/(?P<api_slug>[^/.]+)/versions/(?P<version>{VERSION_IN_PATH})/lint$",
        VersionLintView.as_view(),
        name="version-lint",
    ),
    re_path(
        rf"^apis/(?P<api_slug>[^/.]+)/versions/(?P<version>{VERSION_IN_PATH})/release$",
        VersionReleaseView.as_view(),
        name="version-release",
    ),
    re_path(r"^apis/(?P<api_slug>[^/.]+)/compare$", VersionCompareView.as_view(), name="compare"),
    path("findings", CatalogFindingsView.as_view(), name="catalog-findings"),
    path("lint", LintView.as_view(), name="lint"),
    path("lint/jobs/<uuid:pk>", LintJobView.as_view(), name="lint-job"),
]
