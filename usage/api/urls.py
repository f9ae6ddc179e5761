"""The usage part of /api/v1/: viewsets on the shared router, and plain routes."""


def register(router) -> None:
    """Adds this app's viewsets to the API router."""


urlpatterns: list = []
