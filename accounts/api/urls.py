from accounts.api import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
from accounts.api.views import TokenViewSet


def register(router) -> None:
    """Adds this app's viewsets to the API router."""
    router.register("tokens", TokenViewSet, basename="token")
