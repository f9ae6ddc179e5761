"""The usage part of /api/v1/: viewsets on the shared router, and plain routes."""

from django.urls import path

from usage.api.ingest import UsageEventsView
from usage.api.views import ConsumerViewSet


def register(router) -> None:
    """Adds this app's viewsets to the API router."""
    router.register("consumers", ConsumerViewSet, basename="consumer")


urlpatterns = [
    path("usage/events", UsageEventsView.as_view(), name="usage-events"),
]
