def register(router) -> None:
    """Adds this app's viewsets to the API router."""
