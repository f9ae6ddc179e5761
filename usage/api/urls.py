"""The usage part of /api/v1/: viewsets on the shared router, and plain routes."""

from django.urls import path

from usage.api.ingest import UsageEventsView


def register(router) -> None:
    """Adds this app's viewsets to the API router."""


urlpatterns = [
    path("usage/events", UsageEventsView.as_view(), name="usage-events"),
]
