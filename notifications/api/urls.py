"""The notifications part of /api/v1/: viewsets on the shared router, and plain routes."""

from django.urls import re_path

from catalog.api.views import VERSION_IN_PATH
from notifications.api.views import VersionDeprecationView


def register(router) -> None:
    """Adds this app's viewsets to the API router (none: its routes are plain)."""


urlpatterns = [
    re_path(
        rf"^apis/(?P<api_slug>[^/.]+)/versions/(?P<version>{VERSION_IN_PATH})/deprecation$",
        VersionDeprecationView.as_view(),
        name="version-deprecation",
    ),
]
